// The board's publication decision and its gates (issue 13 item 4; DOMAIN.md §1.6, §2.5, §8.6 R5–R10): what the
// board chooses to publish (the executive summary, with the overview report where it chooses, a summary only, or
// nothing, with its reasons), and why publication is refused while any gate is closed — every reason at once, as
// field → locale key, one rule for pages, API and the job that releases at the embargo's time. Pure.
import type { IsoDate } from '../clock/dates.ts';
import type { Language } from '../organisation.ts';

/**
 * What the board decides to publish: the executive summary and the overview (or reviewers') report; the
 * executive summary only; or nothing (R6: e.g. for the welfare of a surviving child), always with reasons.
 */
export const PUBLICATION_CHOICES = ['summary_and_report', 'summary', 'withhold'] as const;
export type PublicationChoice = (typeof PUBLICATION_CHOICES)[number];

export function isPublicationChoice(value: string): value is PublicationChoice {
  return (PUBLICATION_CHOICES as readonly string[]).includes(value);
}

/** The documents a choice publishes, each in English and Welsh (R10: released together). */
export type PublishedDocument = 'summary' | 'report';
export function documentsOf(choice: PublicationChoice): PublishedDocument[] {
  if (choice === 'withhold') return [];
  return choice === 'summary_and_report' ? ['summary', 'report'] : ['summary'];
}

/** What the gates read, gathered by the service inside the publishing transaction. */
export interface PublicationFacts {
  choice: PublicationChoice | null;
  /** R5: linked criminal proceedings not concluded. */
  openCriminalProceedings: number;
  /** R5: the board chair's override, recorded with the police/CPS liaison's details. */
  criminalOverride: boolean;
  /** R6: the day a welfare check of the surviving children (or that there are none) was recorded. */
  welfareCheckedOn: IsoDate | null;
  /** R8: the day the family was told of the publication. */
  familyToldOn: IsoDate | null;
  /** R7: for each document the choice publishes, whether information governance approved its anonymisation check, per language. */
  anonymisationApproved: Readonly<Record<PublishedDocument, Readonly<Record<Language, boolean>>>>;
  /** R10: the executive summary's approved version in each language. */
  summaryApproved: Readonly<Record<Language, boolean>>;
  /** The board chair's approval of this decision. */
  chairApproved: boolean;
}

const E = 'publication:gate.';

/**
 * Why the review may not be published now (empty: it may), every reason at once: a decision to publish; no open
 * criminal proceedings unless the chair overrode (R5); the welfare check (R6); each published document's
 * anonymisation check approved in both languages (R7); the family told (R8); the summary approved in English and
 * in Welsh (R10); the board chair's approval.
 */
export function publicationRefusals(facts: PublicationFacts): Record<string, string> {
  const refusals: Record<string, string> = {};
  if (facts.choice === null) refusals.choice = `${E}noDecision`;
  else if (facts.choice === 'withhold') refusals.choice = `${E}withheld`;
  if (facts.openCriminalProceedings > 0 && !facts.criminalOverride) refusals.proceedings = `${E}criminalOpen`;
  if (facts.welfareCheckedOn === null) refusals.welfare = `${E}noWelfareCheck`;
  for (const document of facts.choice ? documentsOf(facts.choice) : ['summary' as const]) {
    const approved = facts.anonymisationApproved[document];
    if (!approved.en || !approved.cy) refusals[`anonymisation_${document}`] = `${E}anonymisationNotApproved.${document}`;
  }
  if (facts.familyToldOn === null) refusals.family = `${E}familyNotTold`;
  if (!facts.summaryApproved.en) refusals.summaryEn = `${E}summaryNotApproved.en`;
  if (!facts.summaryApproved.cy) refusals.summaryCy = `${E}summaryNotApproved.cy`;
  if (!facts.chairApproved) refusals.chair = `${E}chairNotApproved`;
  return refusals;
}

/**
 * What the public sees of a review the board has decided on: published; held, shown as "Publication delayed:
 * parallel proceedings" only where the board chose to show it (listing a held review can itself prejudice a
 * trial); no longer published (withdrawn after the period the board set, kept in the record); or nothing.
 */
export type PublicStatus = 'published' | 'delayed' | 'withdrawn' | 'none';

export function publicStatus(p: { publishedAt: string | null; withdrawnAt: string | null; held: boolean; showHold: boolean }, now: string): PublicStatus {
  if (p.publishedAt !== null && p.publishedAt <= now) return p.withdrawnAt !== null && p.withdrawnAt <= now ? 'withdrawn' : 'published';
  return p.held && p.showHold ? 'delayed' : 'none';
}
