// The anonymisation check of a review's publishable documents (issue 13 item 2; DOMAIN.md §6.7, §8.6 R7). Who may
// do what (src/domain/permissions.ts): anonymisation.view — the review's checks and a check's findings in context,
// the real names, so only the board's roles allowed restricted details (also holding dictionary.identify);
// anonymisation.scan — scan a document (the business unit, information governance); anonymisation.decide —
// accept a finding with a reason, answer the judicial checklist, approve (information governance). A scan reads the
// document as it would be published (./publishable.ts), opens the review's dictionary inside the service, runs the
// scanner on each section and writes the check and its findings in one transaction, audited: a rescan of the same
// version replaces its findings, a scan of a new version makes the next check; either way a finding accepted
// before (same fingerprint) stays accepted, and one no longer in the text is gone (fixed). Approval is refused with
// every reason listed (approvalProblems) and nothing written. Every change names the check's version its author
// read: a stale one is a conflict (409). Audit summaries hold ids, kinds and counts, never a matched text.
import type { Db } from '../../db/database.ts';
import type { FieldCipher } from '../../db/field-cipher.ts';
import {
  acceptFinding,
  bumpCheck,
  type CheckRow,
  type CheckSummaryRow,
  checkFindings,
  checkOfVersion,
  findCheck,
  insertCheck,
  latestCheck,
  listChecks,
  lockChecks,
  type OpenedFindingRow,
  openedFindings,
  replaceFindings,
} from '../../db/repositories/anonymisation-repository.ts';
import { dictionaryEntries } from '../../db/repositories/dictionary-repository.ts';
import { findReview, type ReviewRow } from '../../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import type { Language } from '../../domain/organisation.ts';
import { approvalProblems, type ChecklistAnswers, checkAnswers, checkReason, readAnswers } from '../../domain/publication/checklist.ts';
import type { Bilingual } from '../../domain/reviews/report.ts';
import type { AuditService } from '../audit-service.ts';
import { type Caller, type Clock, forbidden, invalid, newId, notFound, ServiceError } from '../context.ts';
import { mayOnReview, type ReviewScope, reviewInScope } from '../review-access.ts';
import { type CarriedDecision, scanDocument, scanMaterial } from './anonymisation-scan.ts';
import {
  type DocumentKind,
  documentDigest,
  isDocumentKind,
  PUBLISHABLE,
  type PublishableDocument,
  publishableDocuments,
  scannedAsItStands,
} from './publishable.ts';

export interface AnonymisationDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  cipher: FieldCipher;
}

/** One publishable document of the review and where its check stands. */
export interface DocumentCheckView {
  kind: DocumentKind;
  language: Language;
  /** The document's name in English and Welsh. */
  name: Bilingual;
  /** The document's current version (null: there is none yet). */
  currentVersion: number | null;
  /** The check of the newest version scanned, with its open and accepted findings (null: never scanned). */
  check: CheckSummaryRow | null;
  /** Whether that check is of the current version (a newer version needs scanning again). */
  current: boolean;
  /** Earlier checks of the document (older versions), newest first. */
  earlier: CheckSummaryRow[];
}

/** A finding of the previous version's check and what became of it in this one. */
export interface PreviousFindingView extends OpenedFindingRow {
  outcome: 'fixed' | 'accepted' | 'open';
}

export interface CheckView {
  review: ReviewRow;
  check: CheckRow;
  currentVersion: number | null;
  /** The document's name in English and Welsh. */
  documentName: Bilingual;
  /** The published terms of the dictionary's entries (the fix a dictionary term's finding offers). */
  terms: Record<string, { en: string; cy: string }>;
  /** Section id → its title in the document's language. */
  sectionTitles: Record<string, string>;
  findings: OpenedFindingRow[];
  previous: { documentVersion: number; findings: PreviousFindingView[] } | null;
  answers: ChecklistAnswers;
  /** What approval would be refused for now (field → locale key; empty: it may be approved). */
  problems: Record<string, string>;
  canScan: boolean;
  canDecide: boolean;
}

const changedSinceRead = () => new ServiceError('conflict', 'anonymisation.changedSinceRead', { form: 'anonymisation:errors.changedSinceRead' });
const alreadyApproved = () => new ServiceError('conflict', 'anonymisation.alreadyApproved', { form: 'anonymisation:errors.alreadyApproved' });

function documentOf(kind: string, language: string): { kind: DocumentKind; language: Language } {
  if (!isDocumentKind(kind)) throw invalid({ kind: 'anonymisation:errors.kindInvalid' });
  if (language !== 'en' && language !== 'cy') throw invalid({ language: 'anonymisation:errors.languageInvalid' });
  return { kind, language };
}

export class AnonymisationService {
  constructor(private readonly deps: AnonymisationDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The review's publishable documents and their checks (anonymisation.view). Audited as a read of the review. */
  async list(caller: Caller, scope: ReviewScope): Promise<{ review: ReviewRow; documents: DocumentCheckView[]; canScan: boolean }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'anonymisation.view');
      const checks = await listChecks(trx, review.id);
      const documents: DocumentCheckView[] = [];
      for (const { kind, language } of publishableDocuments(review)) {
        const doc = await PUBLISHABLE[kind].current(trx, review, language);
        const mine = checks.filter((c) => c.documentKind === kind && c.language === language);
        const [check = null, ...earlier] = mine;
        documents.push({
          kind,
          language,
          name: PUBLISHABLE[kind].name(review),
          currentVersion: doc?.version ?? null,
          check,
          current: check !== null && scannedAsItStands(check, doc) === 'scanned',
          earlier,
        });
      }
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { checks: checks.length },
      });
      return { review, documents, canScan: mayOnReview(caller, review, 'anonymisation.scan') };
    });
  }

  /**
   * Scans the document's current version (anonymisation.scan): a rescan of a version already checked replaces its
   * findings (and reopens an approved check: what it is checked against may have changed); a new version makes
   * the next check. Findings accepted before keep their acceptance. Audited with the counts.
   */
  async scan(caller: Caller, scope: ReviewScope, input: { kind: string; language: string }): Promise<{ checkId: string; findings: number; open: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'anonymisation.scan');
      const { kind, language } = documentOf(input.kind, input.language);
      if (!PUBLISHABLE[kind].languages(review).includes(language)) throw invalid({ language: 'anonymisation:errors.languageInvalid' });
      await lockChecks(trx, this.deps.db.dialect, review.id);
      const doc = await PUBLISHABLE[kind].current(trx, review, language);
      if (!doc) throw new ServiceError('conflict', 'anonymisation.noDocument', { form: 'anonymisation:errors.noDocument' });
      const latest = await latestCheck(trx, review.id, kind, language);
      const same = await checkOfVersion(trx, review.id, kind, language, doc.version);
      // Decisions carry from this version's own check (a rescan), or from the check of the version before.
      const carryFrom = same ?? latest;
      const accepted = new Map<string, CarriedDecision>();
      for (const f of carryFrom ? await checkFindings(trx, carryFrom.id) : [])
        if (f.decision === 'accepted') accepted.set(f.fingerprint, { reason: f.reason, decidedBy: f.decidedBy, decidedAt: f.decidedAt });
      const findings = await scanDocument(this.deps.cipher, review, doc, await scanMaterial(trx, this.deps.cipher, review), accepted);
      const at = this.now();
      const by = caller.actor?.personId ?? null;
      let checkId: string;
      if (same) {
        checkId = same.id;
        const reset = { status: 'open' as const, scannedBy: by, scannedAt: at, documentDigest: documentDigest(doc), approvedBy: null, approvedAt: null };
        if (!(await bumpCheck(trx, { id: same.id, reviewId: review.id, version: same.version, at }, reset))) throw changedSinceRead();
      } else {
        checkId = newId();
        await insertCheck(trx, {
          id: checkId,
          reviewId: review.id,
          boardId: review.boardId,
          kind,
          language,
          documentVersion: doc.version,
          documentDigest: documentDigest(doc),
          previousCheckId: latest?.id ?? null,
          by,
          at,
        });
      }
      await replaceFindings(trx, this.deps.cipher, checkId, review.id, findings);
      const open = findings.filter((f) => f.decision === 'open').length;
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { checkId, kind, language, documentVersion: doc.version, findings: findings.length, open, rescan: same !== undefined },
      });
      return { checkId, findings: findings.length, open };
    });
  }

  private async checkIn(trx: Executor, review: ReviewRow, checkId: string): Promise<CheckRow> {
    const check = await findCheck(trx, review.id, checkId);
    if (!check) throw notFound('anonymisation check');
    return check;
  }

  private async currentDocument(trx: Executor, review: ReviewRow, check: CheckRow): Promise<PublishableDocument | null> {
    const { kind, language } = documentOf(check.documentKind, check.language);
    return PUBLISHABLE[kind].current(trx, review, language);
  }

  /**
   * A check with its findings in context, the previous version's findings (fixed, accepted or still open), the
   * checklist's answers and what approval would be refused for (anonymisation.view, and the real names:
   * dictionary.identify). Audited as a read of case material.
   */
  async check(caller: Caller, scope: ReviewScope, checkId: string): Promise<CheckView> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'anonymisation.view');
      if (!mayOnReview(caller, review, 'dictionary.identify')) throw forbidden();
      const check = await this.checkIn(trx, review, checkId);
      const doc = await this.currentDocument(trx, review, check);
      const findings = await openedFindings(trx, this.deps.cipher, check.id);
      let previous: CheckView['previous'] = null;
      const before = check.previousCheckId ? await findCheck(trx, review.id, check.previousCheckId) : undefined;
      if (before) {
        const now = new Map(findings.map((f) => [f.fingerprint, f.decision]));
        const earlier = await openedFindings(trx, this.deps.cipher, before.id);
        previous = {
          documentVersion: before.documentVersion,
          findings: earlier.map((f) => ({ ...f, outcome: now.get(f.fingerprint) === undefined ? 'fixed' : (now.get(f.fingerprint) as 'open' | 'accepted') })),
        };
      }
      const answers = readAnswers(check.checklist);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { checkId: check.id, findings: findings.length },
      });
      return {
        review,
        check,
        currentVersion: doc?.version ?? null,
        documentName: PUBLISHABLE[documentOf(check.documentKind, check.language).kind].name(review),
        terms: Object.fromEntries((await dictionaryEntries(trx, review.id)).map((e) => [e.id, { en: e.termEn, cy: e.termCy }])),
        sectionTitles: Object.fromEntries((doc?.sections ?? []).map((s) => [s.id, s.title])),
        findings,
        previous,
        answers,
        problems: approvalProblems({ status: check.status, document: scannedAsItStands(check, doc), findings, answers }),
        canScan: mayOnReview(caller, review, 'anonymisation.scan'),
        canDecide: mayOnReview(caller, review, 'anonymisation.decide'),
      };
    });
  }

  /** The check at the version its author read, still open (a decision on an approved check is refused). */
  private async openCheck(trx: Executor, review: ReviewRow, checkId: string, version: number): Promise<CheckRow> {
    const check = await this.checkIn(trx, review, checkId);
    if (check.version !== version) throw changedSinceRead();
    if (check.status === 'approved') throw alreadyApproved();
    return check;
  }

  /** Accepts a finding with a reason (anonymisation.decide), on the check's version read. */
  async accept(
    caller: Caller,
    scope: ReviewScope,
    checkId: string,
    findingId: string,
    input: { reason: string; version: number },
  ): Promise<{ version: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'anonymisation.decide');
      const reason = checkReason(input.reason);
      if (!reason.ok) throw invalid(reason.errors);
      const check = await this.openCheck(trx, review, checkId, input.version);
      const finding = (await checkFindings(trx, check.id)).find((f) => f.id === findingId);
      if (!finding) throw notFound('anonymisation finding');
      if (finding.decision === 'accepted')
        throw new ServiceError('conflict', 'anonymisation.alreadyAccepted', { reason: 'anonymisation:errors.alreadyAccepted' });
      const at = this.now();
      if (!(await bumpCheck(trx, { id: check.id, reviewId: review.id, version: check.version, at }))) throw changedSinceRead();
      if (!(await acceptFinding(trx, { id: finding.id, checkId: check.id, reason: reason.value, by: caller.actor?.personId ?? null, at })))
        throw changedSinceRead();
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { checkId: check.id, findingId: finding.id, kind: finding.kind },
      });
      return { version: check.version + 1 };
    });
  }

  /**
   * Answers the judicial checklist (anonymisation.decide), the whole of it as given: an item left blank is not
   * answered yet. On the check's version read.
   */
  async answer(
    caller: Caller,
    scope: ReviewScope,
    checkId: string,
    input: { answers: Record<string, { answer?: unknown; note?: unknown }>; version: number },
  ): Promise<{ version: number; answered: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'anonymisation.decide');
      const answers = checkAnswers(input.answers);
      if (!answers.ok) throw invalid(answers.errors);
      const check = await this.openCheck(trx, review, checkId, input.version);
      const at = this.now();
      if (!(await bumpCheck(trx, { id: check.id, reviewId: review.id, version: check.version, at }, { checklist: JSON.stringify(answers.value) })))
        throw changedSinceRead();
      const answered = Object.keys(answers.value).length;
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { checkId: check.id, answered },
      });
      return { version: check.version + 1, answered };
    });
  }

  /**
   * Approves the check (anonymisation.decide), on its version read: refused, with every reason listed and nothing
   * written, unless it is of the document's current version, every finding is accepted with a reason (or fixed:
   * gone from the scan) and every checklist item is answered.
   */
  async approve(caller: Caller, scope: ReviewScope, checkId: string, input: { version: number }): Promise<{ version: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'anonymisation.decide');
      const check = await this.checkIn(trx, review, checkId);
      if (check.version !== input.version) throw changedSinceRead();
      const doc = await this.currentDocument(trx, review, check);
      const problems = approvalProblems({
        status: check.status,
        document: scannedAsItStands(check, doc),
        findings: await checkFindings(trx, check.id),
        answers: readAnswers(check.checklist),
      });
      if (Object.keys(problems).length > 0) throw invalid(problems);
      const at = this.now();
      const by = caller.actor?.personId ?? null;
      if (!(await bumpCheck(trx, { id: check.id, reviewId: review.id, version: check.version, at }, { status: 'approved', approvedBy: by, approvedAt: at })))
        throw changedSinceRead();
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { checkId: check.id, kind: check.documentKind, language: check.language, documentVersion: check.documentVersion },
      });
      return { version: check.version + 1 };
    });
  }

  /** The review page's section: how many documents are approved, for those who may see the checks (null otherwise). */
  async sectionIn(trx: Executor, caller: Caller, review: ReviewRow): Promise<{ documents: number; approved: number; openFindings: number } | null> {
    if (!mayOnReview(caller, review, 'anonymisation.view')) return null;
    const docs = publishableDocuments(review);
    let approved = 0;
    let openFindings = 0;
    const checks = await listChecks(trx, review.id);
    for (const { kind, language } of docs) {
      const latest = checks.find((c) => c.documentKind === kind && c.language === language);
      if (!latest) continue;
      openFindings += latest.open;
      if (await anonymisationApproved(trx, review.id, kind, language)) approved++;
    }
    return { documents: docs.length, approved, openFindings };
  }
}

/**
 * For the publication gate (issue 13 item 4): whether the document's current version has an approved
 * anonymisation check. Reads only, in the caller's transaction.
 */
export async function anonymisationApproved(db: Executor, reviewId: string, kind: DocumentKind, language: Language): Promise<boolean> {
  const review = await findReview(db, reviewId);
  if (!review) return false;
  const doc = await PUBLISHABLE[kind].current(db, review, language);
  if (!doc) return false;
  const check = await checkOfVersion(db, reviewId, kind, language, doc.version);
  return check?.status === 'approved' && scannedAsItStands(check, doc) === 'scanned';
}
