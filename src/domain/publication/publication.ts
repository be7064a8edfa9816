// The board's publication decision and its gates (issue 13 item 4; DOMAIN.md §1.6, §2.5, §8.6 R5–R10): what the
// board chooses to publish (the executive summary, with the overview report where it chooses, a summary only, or
// nothing, with its reasons), and why publication is refused while any gate is closed — every reason at once, as
// field → locale key, one rule for pages, API and the job that releases at the embargo's time. Pure.
import { type IsoDate, isIsoDate, isTimeOfDay } from '../clock/dates.ts';
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

// ---------------------------------------------------------------------------------------------------------
// The decision as entered

export const PUBLICATION_LIMITS = { reasons: 5000, statement: 20000, withdrawAfterMonths: 120, note: 2000, liaison: 1000, holdReason: 2000 } as const;

export interface DecisionInput {
  choice: string;
  reasons: string;
  releaseDate: string;
  releaseTime: string;
  pressStatementEn: string;
  pressStatementCy: string;
  briefingEn: string;
  briefingCy: string;
  showHold: boolean;
  withdrawAfterMonths: string;
}

export interface CheckedDecision {
  choice: PublicationChoice;
  reasons: string;
  /** The release's London date and time, or null for a decision not to publish. */
  release: { date: IsoDate; time: string } | null;
  pressStatementEn: string | null;
  pressStatementCy: string | null;
  briefingEn: string | null;
  briefingCy: string | null;
  showHold: boolean;
  withdrawAfterMonths: number | null;
}

const D = 'publication:errors.';
const text = (value: string) => value.replace(/\r\n/g, '\n').trim();

/**
 * The decision checked, or its field errors (locale keys): a choice and its reasons (R6: a decision not to publish
 * says why, and so does any other); a release date and time for a decision to publish, not before `today`; the
 * press statement and the 7-minute briefing each in both languages or in neither (R10); the months after which it
 * stops being public, a whole number from 1 to 120, or none. Dates and times are London's.
 */
export function checkDecision(input: DecisionInput, today: IsoDate): { ok: true; value: CheckedDecision } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!isPublicationChoice(input.choice)) errors.choice = `${D}choiceRequired`;
  const reasons = text(input.reasons);
  if (reasons === '') errors.reasons = `${D}reasonsRequired`;
  else if (reasons.length > PUBLICATION_LIMITS.reasons) errors.reasons = `${D}reasonsTooLong`;
  const publishing = input.choice !== 'withhold';
  let release: CheckedDecision['release'] = null;
  if (publishing) {
    const date = input.releaseDate.trim();
    const time = input.releaseTime.trim();
    if (!isIsoDate(date)) errors.releaseDate = `${D}releaseDateInvalid`;
    else if (date < today) errors.releaseDate = `${D}releaseDatePast`;
    if (!isTimeOfDay(time)) errors.releaseTime = `${D}releaseTimeInvalid`;
    if (!errors.releaseDate && !errors.releaseTime) release = { date, time };
  }
  const pair = (en: string, cy: string, field: string): [string | null, string | null] => {
    const [e, c] = [text(en), text(cy)];
    if (e.length > PUBLICATION_LIMITS.statement || c.length > PUBLICATION_LIMITS.statement) errors[`${field}En`] = `${D}statementTooLong`;
    else if ((e === '') !== (c === '')) errors[e === '' ? `${field}En` : `${field}Cy`] = `${D}${field}BothLanguages`;
    return [e || null, c || null];
  };
  const [pressStatementEn, pressStatementCy] = pair(input.pressStatementEn, input.pressStatementCy, 'pressStatement');
  const [briefingEn, briefingCy] = pair(input.briefingEn, input.briefingCy, 'briefing');
  let withdrawAfterMonths: number | null = null;
  const months = input.withdrawAfterMonths.trim();
  if (months !== '') {
    const n = Number(months);
    if (!/^\d+$/.test(months) || n < 1 || n > PUBLICATION_LIMITS.withdrawAfterMonths) errors.withdrawAfterMonths = `${D}withdrawAfterInvalid`;
    else withdrawAfterMonths = n;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      choice: input.choice as PublicationChoice,
      reasons,
      release,
      pressStatementEn,
      pressStatementCy,
      briefingEn,
      briefingCy,
      showHold: input.showHold,
      withdrawAfterMonths,
    },
  };
}
