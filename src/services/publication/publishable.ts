// The publishable documents of a review (issue 13): what the anonymisation check scans and the publication gate
// asks about, each kind one entry here — the executive summary (item 3: its approved version in each language)
// and the report (the overview report under SCR, the reviewers' report under CPR and SUSR: its accepted version, or
// before acceptance its latest). A document is read as published text: its kind, language, version and
// sections (id, title in the document's language, text). Reads only, in the caller's transaction; the caller
// has checked who may read it.
import { createHash } from 'node:crypto';
import { findReportHead, findReportVersion } from '../../db/repositories/report-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import type { Executor } from '../../db/transaction.ts';
import type { Language } from '../../domain/organisation.ts';
import { SUMMARY_LANGUAGES } from '../../domain/publication/summary.ts';
import { type Bilingual, REPORT_TITLES, reportKindFor, reportSections } from '../../domain/reviews/report.ts';
import { summaryPublishable } from './summary-publishable.ts';

export const DOCUMENT_KINDS = ['summary', 'report'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export function isDocumentKind(value: string): value is DocumentKind {
  return (DOCUMENT_KINDS as readonly string[]).includes(value);
}

export interface PublishableSection {
  id: string;
  title: string;
  text: string;
}

export interface PublishableDocument {
  kind: DocumentKind;
  language: Language;
  version: number;
  /** The document's name in its language ("Reviewers’ report"). */
  title: string;
  sections: PublishableSection[];
}

export interface PublishableSource {
  /** The document's name, in English and Welsh (what pages call it in the reader's language). */
  name(review: ReviewRow): Bilingual;
  /** The languages the document is written in for this review (each is checked and published on its own). */
  languages(review: ReviewRow): readonly Language[];
  /** The document as it stands (null: there is none yet). */
  current(trx: Executor, review: ReviewRow, language: Language): Promise<PublishableDocument | null>;
}

/**
 * The review's report, in the one language it is written in (English: the report keeps no language of its own;
 * its Welsh version, where the board publishes one, is the executive summary's). The version is the accepted one,
 * or before the board accepts one, the latest: information governance may check it while it is in QA.
 */
const report: PublishableSource = {
  name: (review) => REPORT_TITLES[reportKindFor(review.frameworkId)],
  languages: () => ['en'],
  async current(trx, review, language) {
    const head = await findReportHead(trx, review.id);
    const version = head?.acceptedVersion ?? (head && head.latestVersion > 0 ? head.latestVersion : null);
    if (version === null || version === undefined) return null;
    const row = await findReportVersion(trx, review.id, version);
    if (!row) return null;
    return {
      kind: 'report',
      language,
      version,
      title: REPORT_TITLES[reportKindFor(review.frameworkId)][language],
      sections: reportSections(review.frameworkId).map((s) => ({ id: s.id, title: s.title[language], text: row.content[s.id]?.text ?? '' })),
    };
  },
};

/**
 * The executive summary (item 3), each language on its own: its approved version, the one that would be published
 * (a check finding something to change leads to a new version, approved and scanned again).
 */
const summary: PublishableSource = {
  name: () => ({ en: 'Executive summary', cy: 'Crynodeb gweithredol' }),
  languages: () => SUMMARY_LANGUAGES,
  current: (trx, review, language) => summaryPublishable(trx, review.id, language),
};

export const PUBLISHABLE: Record<DocumentKind, PublishableSource> = { summary, report };

/** What a check scanned, to know it is still the document: the SHA-256 of its sections' ids and texts, in order. */
export function documentDigest(doc: PublishableDocument): string {
  return createHash('sha256')
    .update(JSON.stringify(doc.sections.map((s) => [s.id, s.text])))
    .digest('hex');
}

/** Whether a check is of the document as it now stands (its version and its text). */
export function scannedAsItStands(check: { documentVersion: number; documentDigest: string }, doc: PublishableDocument | null): 'scanned' | 'changed' | 'none' {
  if (!doc) return 'none';
  return check.documentVersion === doc.version && check.documentDigest === documentDigest(doc) ? 'scanned' : 'changed';
}

/** Each publishable document of the review, by kind and language (what the anonymisation page lists). */
export function publishableDocuments(review: ReviewRow): { kind: DocumentKind; language: Language }[] {
  return DOCUMENT_KINDS.flatMap((kind) => PUBLISHABLE[kind].languages(review).map((language) => ({ kind, language })));
}
