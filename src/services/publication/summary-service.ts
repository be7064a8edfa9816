// A review's executive summary for publication (issue 13 item 3; DOMAIN.md §1.5, §1.6, §7.3, §8.6 R10), in
// English and Welsh. Who may do what (src/domain/permissions.ts): summary.view — read it, its versions and the
// plan's figures (the business unit, the board chair, information governance, the panel, the author);
// summary.edit — draft sections in either language (the business unit, the independent panel chair, the author);
// summary.approve — approve a language version (the business unit on the board's behalf, or the independent panel
// chair; each language separately). Agencies' roles hold none.
//
// Each language has its own numbered versions, through the shared versioned-sections rules (isStaleSave,
// changeTarget, as the terms of reference and the report use them): a save names the revision of the section its
// editor opened (a change since is a conflict, 409, nothing written); an approved version is frozen and a change
// makes the next version, a copy with the change. Every change locks the review's head row first, so concurrent
// changes are made one after another and the second is refused as stale, never a 500. The board's statement
// quotes the action plan's figures live while a version is a draft (summary-figures.ts); approving a version
// freezes the figures with it. Under SCR, the English first draft starts from the accepted overview report's
// executive-summary sections. Reads are audited as case material in the read's transaction; changes audited in
// theirs (ids, the language, the section, never the text).
import type { Db } from '../../db/database.ts';
import { listAgencies } from '../../db/repositories/organisation-repository.ts';
import { findReportHead, findReportVersion } from '../../db/repositories/report-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import {
  approveSummaryVersion,
  findSummaryHead,
  findSummaryVersion,
  insertSummaryVersion,
  listSummaryVersions,
  listTranslations,
  lockSummary,
  type SummaryHead,
  type SummaryVersionRow,
  type SummaryVersionWithSections,
  setSummaryHead,
  type TranslationRow,
  updateSummarySection,
} from '../../db/repositories/summary-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import type { Language } from '../../domain/organisation.ts';
import {
  checkSummaryText,
  initialSummary,
  isSummaryLanguage,
  missingForApproval,
  type ParityFinding,
  type ParitySide,
  parityCheck,
  SUMMARY_LANGUAGES,
  type SummaryContent,
  type SummaryFigures,
  type SummaryStatus,
  summarySection,
} from '../../domain/publication/summary.ts';
import { changeTarget, isStaleSave } from '../../domain/reviews/section-versions.ts';
import type { AuditService } from '../audit-service.ts';
import { type Caller, type Clock, forbidden, invalid, newId, notFound, ServiceError } from '../context.ts';
import { mayOnReview, type ReviewScope, reviewInScope } from '../review-access.ts';
import { changedSinceOpened } from '../section-versions.ts';
import { planFigures } from './summary-figures.ts';

export interface SummaryDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
}

/** A language version as shown: saved, or the first draft before anyone saved it. */
export interface SummaryVersionView {
  language: Language;
  version: number;
  status: SummaryStatus;
  /** False for a version not stored yet (the first draft, or the next after an approved one). */
  saved: boolean;
  revision: number;
  content: SummaryContent;
  revisions: Record<string, number>;
  changedAt: Record<string, string | null>;
  updatedAt: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  figures: SummaryFigures | null;
}

export interface SummaryLanguageView {
  /** The latest version (or the first draft as it would start). */
  latest: SummaryVersionView;
  /** The latest approved version, or null. */
  approved: SummaryVersionView | null;
  versions: SummaryVersionRow[];
  mayApprove: boolean;
  missing: boolean;
}

/** The review page's section: each language's latest and approved version numbers, the translation's status. */
export interface SummaryStatusView {
  languages: Record<Language, { latest: number; latestStatus: SummaryStatus | null; approved: number | null }>;
  translation: TranslationRow['status'] | null;
}

/** Stages in which the summary no longer changes. */
const FINISHED = ['WITHDRAWN'];

const CHANGED_SINCE_OPENED = () => changedSinceOpened('summary.changedSinceOpened', 'summary:errors.changedSinceOpened');

function viewOf(v: SummaryVersionWithSections): SummaryVersionView {
  return {
    language: v.language,
    version: v.version,
    status: v.status,
    saved: true,
    revision: v.revision,
    content: v.content,
    revisions: v.revisions,
    changedAt: v.changedAt,
    updatedAt: v.updatedAt,
    approvedByName: v.approvedByName,
    approvedAt: v.approvedAt,
    figures: v.figures,
  };
}

function languageOf(value: string): Language {
  if (!isSummaryLanguage(value)) throw notFound('summary language');
  return value;
}

export class SummaryService {
  constructor(private readonly deps: SummaryDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The first draft of a language before anything is saved: empty, or (English, SCR) the accepted overview report's summary sections. */
  private async unsaved(db: Executor, review: ReviewRow, language: Language): Promise<SummaryVersionView> {
    let fromReport: Record<string, { text: string }> | undefined;
    if (language === 'en') {
      const head = await findReportHead(db, review.id);
      const accepted = head?.acceptedVersion ? await findReportVersion(db, review.id, head.acceptedVersion) : undefined;
      fromReport = accepted?.content;
    }
    const content = initialSummary(fromReport);
    const zero = <T>(value: T) => Object.fromEntries(Object.keys(content).map((s) => [s, value]));
    return {
      language,
      version: 1,
      status: 'draft',
      saved: false,
      revision: 0,
      content,
      revisions: zero(0),
      changedAt: zero(null),
      updatedAt: null,
      approvedByName: null,
      approvedAt: null,
      figures: null,
    };
  }

  /** What a change in the language applies to, read under the head's lock: the latest version, or the first draft's start. */
  private async baseFor(db: Executor, review: ReviewRow, head: SummaryHead | undefined, language: Language) {
    const latest = head?.latest[language] ?? 0;
    if (latest === 0) return this.unsaved(db, review, language);
    const found = await findSummaryVersion(db, review.id, language, latest);
    if (!found) throw notFound('executive summary version');
    return found;
  }

  /** The version a section's editor opens: the latest draft, or what the next version starts from after an approval. */
  private async editable(db: Executor, review: ReviewRow, language: Language): Promise<SummaryVersionView> {
    const base = await this.baseFor(db, review, await findSummaryHead(db, review.id), language);
    const view = 'id' in base ? viewOf(base) : base;
    return view.status === 'approved' ? { ...view, version: view.version + 1, status: 'draft', saved: false, figures: null } : view;
  }

  private async languageView(db: Executor, caller: Caller, review: ReviewRow, head: SummaryHead | undefined, language: Language): Promise<SummaryLanguageView> {
    const base = await this.baseFor(db, review, head, language);
    const latest = 'id' in base ? viewOf(base) : base;
    const approvedNumber = head?.approved[language] ?? null;
    const approvedRow = approvedNumber === null ? undefined : await findSummaryVersion(db, review.id, language, approvedNumber);
    const missing = Object.keys(missingForApproval(latest.content)).length > 0;
    return {
      latest,
      approved: approvedRow ? viewOf(approvedRow) : null,
      versions: await listSummaryVersions(db, review.id, language),
      mayApprove: mayOnReview(caller, review, 'summary.approve') && !FINISHED.includes(review.stage) && latest.saved && latest.status === 'draft',
      missing,
    };
  }

  /**
   * The summary in both languages (latest and approved versions), the translation requests, the parity check, and
   * the action plan's figures as they stand today; what the caller may do. The read is audited.
   */
  async overview(caller: Caller, scope: ReviewScope) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'summary.view');
      const head = await findSummaryHead(trx, review.id);
      const en = await this.languageView(trx, caller, review, head, 'en');
      const cy = await this.languageView(trx, caller, review, head, 'cy');
      const side = (l: SummaryLanguageView): ParitySide => ({
        sections: l.latest.saved ? sectionsOf(l.latest) : null,
        approvedAt: l.approved?.approvedAt ?? null,
      });
      const parity: ParityFinding[] = parityCheck(side(en), side(cy));
      const figures = await planFigures(trx, review, this.deps.clock.today());
      const translations = await listTranslations(trx, review.id);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { en: en.latest.saved ? en.latest.version : null, cy: cy.latest.saved ? cy.latest.version : null },
      });
      const open = !FINISHED.includes(review.stage);
      return {
        review,
        languages: { en, cy },
        parity,
        figures,
        translations,
        agencies: await listAgencies(trx, [review.boardId]),
        mayEdit: mayOnReview(caller, review, 'summary.edit') && open,
        mayTranslate: mayOnReview(caller, review, 'summary.translate') && open,
      };
    });
  }

  /** A section of a language version as its editor opens it (with the revision a save must name; the plan's figures beside the statement). Audited. */
  async section(caller: Caller, scope: ReviewScope, language: string, section: string) {
    const lang = languageOf(language);
    const spec = summarySection(section);
    if (!spec) throw notFound('section');
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'summary.edit');
      if (FINISHED.includes(review.stage)) throw notFound('executive summary');
      const version = await this.editable(trx, review, lang);
      const figures = spec.statement ? await planFigures(trx, review, this.deps.clock.today()) : null;
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { language: lang, summaryVersion: version.version, section },
      });
      return { review, language: lang, spec, version, revision: version.revisions[section] ?? 0, text: version.content[section]?.text ?? '', figures };
    });
  }

  /**
   * Saves a section of a language version (summary.edit), naming the section's revision its editor opened: onto
   * the latest draft; onto a new version (a copy of the approved one) when the latest is approved; the first save
   * makes version 1. A change since it was opened is a conflict (nothing written). A save that changes nothing makes no version.
   */
  async saveSection(
    caller: Caller,
    scope: ReviewScope,
    input: { language: string; section: string; text: string; revision: number },
  ): Promise<{ version: number; created: boolean; changed: boolean }> {
    const language = languageOf(input.language);
    if (!summarySection(input.section)) throw notFound('section');
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'summary.edit');
      if (FINISHED.includes(review.stage)) throw new ServiceError('conflict', 'summary.finished', { form: 'summary:errors.finished' });
      const checked = checkSummaryText(input.text);
      if (!checked.ok) throw invalid(checked.errors);
      const now = this.now();
      const by = caller.actor?.personId ?? null;
      const head = await lockSummary(trx, { reviewId: review.id, boardId: review.boardId }, now);
      const base = await this.baseFor(trx, review, head, language);
      if (isStaleSave(base.revisions, input.section, input.revision)) throw CHANGED_SINCE_OPENED();
      if ((base.content[input.section]?.text ?? '') === checked.text && 'id' in base) return { version: base.version, created: false, changed: false };
      const to = changeTarget('id' in base ? base : undefined, head.latest[language]);
      let target = to.kind === 'draft' ? { id: to.id, version: to.version } : undefined;
      let created = false;
      if (!target) {
        target = { id: newId(), version: to.version };
        await insertSummaryVersion(trx, {
          id: target.id,
          reviewId: review.id,
          language,
          version: target.version,
          by,
          at: now,
          content: base.content,
          revisions: base.revisions,
          changedAt: base.changedAt,
        });
        await setSummaryHead(trx, review.id, language, { latest: target.version, approved: head.approved[language] }, now);
        created = true;
      }
      await updateSummarySection(trx, { versionId: target.id, section: input.section, text: checked.text, revision: input.revision + 1, by, at: now });
      await this.deps.audit.record(trx, caller, {
        action: 'SUMMARY_SECTION_SAVED',
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { language, summaryVersion: target.version, section: input.section, newVersion: created },
      });
      return { version: target.version, created, changed: true };
    });
  }

  /**
   * Approves a language's latest version (summary.approve), naming the version and revision its approver read: a
   * conflict when it changed since (or is not the latest draft), invalid while a section is empty. Freezes the
   * action plan's figures with the version: a later change to the plan never alters what was approved.
   */
  async approve(caller: Caller, scope: ReviewScope, input: { language: string; version: number; revision: number }): Promise<{ version: number }> {
    const language = languageOf(input.language);
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'summary.approve');
      if (FINISHED.includes(review.stage)) throw new ServiceError('conflict', 'summary.finished', { form: 'summary:errors.finished' });
      const personId = caller.actor?.personId;
      if (!personId) throw forbidden();
      const now = this.now();
      const head = await lockSummary(trx, { reviewId: review.id, boardId: review.boardId }, now);
      const latestNumber = head.latest[language];
      const latest = latestNumber > 0 ? await findSummaryVersion(trx, review.id, language, latestNumber) : undefined;
      if (!latest || latest.version !== input.version || latest.status !== 'draft' || latest.revision !== input.revision) throw CHANGED_SINCE_OPENED();
      const missing = missingForApproval(latest.content);
      if (Object.keys(missing).length > 0) throw invalid(missing);
      const figures = await planFigures(trx, review, this.deps.clock.today());
      await approveSummaryVersion(trx, latest.id, personId, now, figures);
      await setSummaryHead(trx, review.id, language, { latest: latest.version, approved: latest.version }, now);
      await this.deps.audit.record(trx, caller, {
        action: 'SUMMARY_APPROVED',
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { language, summaryVersion: latest.version, revision: latest.revision, actions: figures.total },
      });
      return { version: latest.version };
    });
  }

  /** A language version with the approved version of that language before it (what its changes are shown against). Audited. */
  async version(caller: Caller, scope: ReviewScope, language: string, version: number) {
    const lang = languageOf(language);
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'summary.view');
      const found = Number.isSafeInteger(version) && version > 0 ? await findSummaryVersion(trx, review.id, lang, version) : undefined;
      if (!found) throw notFound('executive summary version');
      const previousRow = (await listSummaryVersions(trx, review.id, lang)).find((v) => v.version < version && v.status === 'approved');
      const previous = previousRow ? await findSummaryVersion(trx, review.id, lang, previousRow.version) : undefined;
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { language: lang, summaryVersion: version, comparedWith: previous?.version ?? null },
      });
      return { review, version: { ...viewOf(found), id: found.id }, previous: previous ? viewOf(previous) : null };
    });
  }

  /** The id of an approved language version (what its document is of); not found for a draft or none. */
  async approvedVersionId(caller: Caller, scope: ReviewScope, language: string, version: number): Promise<{ id: string; language: Language }> {
    const lang = languageOf(language);
    const db = this.deps.db.kysely;
    const review = await reviewInScope(db, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'summary.view');
    const found = Number.isSafeInteger(version) && version > 0 ? await findSummaryVersion(db, review.id, lang, version) : undefined;
    if (found?.status !== 'approved') throw notFound('executive summary version');
    return { id: found.id, language: lang };
  }

  /** The review page's section (read within that page's audited read): each language's versions, the translation's status; null when the caller may not read the summary. */
  async sectionIn(db: Executor, caller: Caller, review: ReviewRow): Promise<SummaryStatusView | null> {
    if (!mayOnReview(caller, review, 'summary.view')) return null;
    const versions = await listSummaryVersions(db, review.id);
    const translations = await listTranslations(db, review.id);
    const of = (language: Language) => {
      const mine = versions.filter((v) => v.language === language);
      return { latest: mine[0]?.version ?? 0, latestStatus: mine[0]?.status ?? null, approved: mine.find((v) => v.status === 'approved')?.version ?? null };
    };
    return {
      languages: Object.fromEntries(SUMMARY_LANGUAGES.map((l) => [l, of(l)])) as SummaryStatusView['languages'],
      translation: translations[0]?.status ?? null,
    };
  }
}

/** A version's sections with when each changed, as the parity check reads them. */
function sectionsOf(v: SummaryVersionView): ParitySide['sections'] {
  return Object.fromEntries(Object.entries(v.content).map(([id, s]) => [id, { text: s.text, changedAt: v.changedAt[id] ?? null }]));
}
