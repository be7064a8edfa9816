// A review's terms of reference (issue 10 item 3; DOMAIN.md §6.2, §8.3): the business unit and the panel chair
// edit a draft section by section (review.terms_edit); only the panel chair approves a version
// (review.terms_approve); an approved version is frozen and a change after approval makes the next version,
// a copy of the approved one with the change. Everyone with review.terms_view reads the approved versions (an
// agency's contributor and senior manager: their only view of the review); drafts are read by those who see
// the review (review.view) or edit the terms.
//
// Concurrency: every change locks the review's head row first (terms_of_reference), so one review's changes
// are made one after another, and then checks what its editor saw: a save names the revision of the section
// it opened (kept when a version is copied into the next), an approval the version and its revision. A
// change in between is refused as a conflict ("changed since you opened it"), never written over, never a
// 500. Reads of the terms are case material, audited in the read's transaction (as the route declares).
import { isDeepStrictEqual } from 'node:util';
import type { Db } from '../db/database.ts';
import { listAgencies } from '../db/repositories/organisation-repository.ts';
import { findReferral } from '../db/repositories/referrals-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import {
  approveTermsVersion,
  findTermsHead,
  findTermsVersion,
  insertTermsVersion,
  keepTermsSection,
  listTermsVersions,
  lockTerms,
  referralAgencyIds,
  setTermsHead,
  type TermsHead,
  type TermsVersionRow,
  type TermsVersionWithSections,
  updateTermsSection,
} from '../db/repositories/terms-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { getFramework } from '../domain/frameworks/index.ts';
import type { Agency } from '../domain/organisation.ts';
import { can } from '../domain/permissions.ts';
import { changeTarget, isStaleSave } from '../domain/reviews/section-versions.ts';
import {
  checkSection,
  type EditableSection,
  initialTerms,
  isEditableSection,
  missingForApproval,
  type SectionInput,
  type TermsContent,
  type TermsSection,
  withAgencyNames,
} from '../domain/reviews/terms.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, forbidden, invalid, newId, notFound, ServiceError } from './context.ts';
import { reviewInScope } from './review-access.ts';
import { changedSinceOpened } from './section-versions.ts';

export interface TermsDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
}

/** A version as shown: saved, or the first draft before anyone saved it (its defaults). */
export interface TermsVersionView {
  version: number;
  status: 'draft' | 'approved';
  /** False for the first draft before it is saved (nothing stored yet). */
  saved: boolean;
  /** The version's revision (what an approval names). */
  revision: number;
  content: TermsContent;
  revisions: Record<TermsSection, number>;
  updatedAt: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
}

export interface TermsStatusView {
  latest: { version: number; status: 'draft' | 'approved' } | null;
  approved: { version: number; approvedByName: string | null; approvedAt: string | null } | null;
}

/** Stages in which the terms no longer change. */
const FINISHED = ['WITHDRAWN', 'CLOSED'];

/** The answer to a change made on what someone else has changed since: the form says so. */
const CHANGED_SINCE_OPENED = () => changedSinceOpened('terms.changedSinceOpened', 'terms:errors.changedSinceOpened');

function viewOf(v: TermsVersionWithSections): TermsVersionView {
  return {
    version: v.version,
    status: v.status,
    saved: true,
    revision: v.revision,
    content: v.content,
    revisions: v.revisions,
    updatedAt: v.updatedAt,
    approvedByName: v.approvedByName,
    approvedAt: v.approvedAt,
  };
}

export class TermsService {
  constructor(private readonly deps: TermsDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Whether the caller reads drafts of the review's terms (they see the review, or edit the terms). */
  private readsDrafts(caller: Caller, review: ReviewRow): boolean {
    const scope = { boardId: review.boardId, reviewId: review.id };
    return can(caller.actor, 'review.view', scope) || can(caller.actor, 'review.terms_edit', scope);
  }

  /** The first draft's content: the review's pseudonym, the framework's period, the referral's agencies. */
  private async initial(db: Executor, review: ReviewRow): Promise<TermsContent> {
    const referral = await findReferral(db, review.referralId);
    if (!referral) throw notFound('referral');
    const agencyIds = await referralAgencyIds(db, review.referralId);
    return initialTerms({ framework: getFramework(review.frameworkId), incidentOn: referral.incidentOn, pseudonym: referral.pseudonym, agencyIds });
  }

  /** The first draft as it would start (nothing stored). */
  private async unsaved(db: Executor, review: ReviewRow): Promise<TermsVersionView> {
    const content = await this.initial(db, review);
    const revisions = Object.fromEntries(Object.keys(content).map((s) => [s, 0])) as Record<TermsSection, number>;
    return { version: 1, status: 'draft', saved: false, revision: 0, content, revisions, updatedAt: null, approvedByName: null, approvedAt: null };
  }

  private async boardAgencies(db: Executor, boardId: string): Promise<Agency[]> {
    return listAgencies(db, [boardId]);
  }

  /**
   * The terms as the caller may read them: the versions (drafts only for those who read them), the one to
   * show (the latest the caller may read; for those who read drafts, the first draft before it is saved),
   * the board's agencies (names of those the terms name), and what the caller may do. The read is audited.
   */
  async overview(caller: Caller, boardId: string, reviewId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.terms_view');
      const drafts = this.readsDrafts(caller, review);
      const versions = (await listTermsVersions(trx, reviewId)).filter((v) => drafts || v.status === 'approved');
      const newest = versions[0];
      const current = newest ? await findTermsVersion(trx, reviewId, newest.version) : undefined;
      const shown = current ? viewOf(current) : drafts ? await this.unsaved(trx, review) : null;
      const scope = { boardId, reviewId };
      const mayEdit = can(caller.actor, 'review.terms_edit', scope) && !FINISHED.includes(review.stage);
      const mayApprove = can(caller.actor, 'review.terms_approve', scope) && !FINISHED.includes(review.stage);
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { termsVersion: shown?.saved ? shown.version : null },
      });
      return {
        review,
        /** Whether the caller sees the review itself (an agency's contributor sees its terms only). */
        mayViewReview: can(caller.actor, 'review.view', scope),
        versions,
        current: shown,
        agencies: await this.boardAgencies(trx, boardId),
        mayEdit,
        mayApprove: mayApprove && shown?.saved && shown.status === 'draft',
        missing: shown ? missingForApproval(shown.content) : {},
      };
    });
  }

  /** The version a change applies to: the latest (a draft), or, when the latest is approved, what the next version starts from. */
  private async editable(db: Executor, review: ReviewRow): Promise<TermsVersionView> {
    const head = await findTermsHead(db, review.id);
    if (!head || head.latestVersion === 0) return this.unsaved(db, review);
    const latest = await findTermsVersion(db, review.id, head.latestVersion);
    if (!latest) throw notFound('terms of reference');
    const view = viewOf(latest);
    return latest.status === 'approved' ? { ...view, version: latest.version + 1, status: 'draft', saved: false } : view;
  }

  /** A section as its editor opens it (with the revision a save must name), the board's agencies; the read audited. */
  async section(caller: Caller, boardId: string, reviewId: string, section: string) {
    if (!isEditableSection(section)) throw notFound('section');
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.terms_edit');
      if (FINISHED.includes(review.stage)) throw notFound('terms of reference');
      const version = await this.editable(trx, review);
      await this.deps.audit.recordRead(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { termsVersion: version.version, section } });
      return { review, version, section, revision: version.revisions[section] ?? 0, agencies: await this.boardAgencies(trx, boardId) };
    });
  }

  /**
   * Saves a section (review.terms_edit), checked against its rules; `revision` is the section's revision its
   * editor opened. Onto the latest draft; onto a new version (a copy of the approved one) when the latest is
   * approved; the first save makes version 1. Refused as a conflict when the section changed since it was
   * opened, or the review is withdrawn or closed. A save that changes nothing makes no version.
   */
  async saveSection(
    caller: Caller,
    boardId: string,
    reviewId: string,
    input: SectionInput & { revision: number },
  ): Promise<{ version: number; created: boolean; changed: boolean }> {
    const section: EditableSection = input.section;
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.terms_edit');
      if (FINISHED.includes(review.stage)) throw new ServiceError('conflict', 'terms.finished', { form: 'terms:errors.finished' });
      const agencies = await this.boardAgencies(trx, boardId);
      const checked = checkSection(
        input,
        agencies.map((a) => a.id),
      );
      if (!checked.ok) throw invalid(checked.errors);
      const now = this.now();
      const by = caller.actor?.personId ?? null;
      const head = await lockTerms(trx, { reviewId, boardId }, now);
      const base = await this.baseFor(trx, review, head);
      if (isStaleSave(base.revisions, section, input.revision)) throw CHANGED_SINCE_OPENED();
      // Nothing changed (the names an approval kept do not count): no new version, no event.
      const unnamed = (value: unknown) =>
        section === 'agencies' ? { items: (value as TermsContent['agencies']).items.map((i) => ({ agencyId: i.agencyId, form: i.form })) } : value;
      if (isDeepStrictEqual(unnamed(base.content[section]), unnamed(checked.value))) return { version: base.version, created: false, changed: false };
      // The version the change is written to: the latest draft, or a new one (the first, or after an approval).
      const to = changeTarget('id' in base ? base : undefined, head.latestVersion);
      let target: { id: string; version: number } | undefined;
      if (to.kind === 'draft') target = { id: to.id, version: to.version };
      let created = false;
      if (!target) {
        const version = to.version;
        const id = newId();
        await insertTermsVersion(trx, { id, reviewId, version, by, at: now, content: base.content, revisions: base.revisions });
        await setTermsHead(trx, reviewId, { latestVersion: version, approvedVersion: head.approvedVersion }, now);
        target = { id, version };
        created = true;
      }
      await updateTermsSection(trx, { versionId: target.id, section, content: checked.value, revision: input.revision + 1, by, at: now });
      await this.deps.audit.record(trx, caller, {
        action: 'TERMS_OF_REFERENCE_SECTION_SAVED',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { termsVersion: target.version, section, newVersion: created },
      });
      return { version: target.version, created, changed: true };
    });
  }

  /** What a change applies to, read under the head's lock: the latest version, or the first draft's defaults. */
  private async baseFor(db: Executor, review: ReviewRow, head: TermsHead): Promise<TermsVersionWithSections | TermsVersionView> {
    if (head.latestVersion === 0) return this.unsaved(db, review);
    const latest = await findTermsVersion(db, review.id, head.latestVersion);
    if (!latest) throw notFound('terms of reference');
    return latest;
  }

  /**
   * Approves the latest version (review.terms_approve: the panel chair only), naming the version and revision
   * the chair read: refused as a conflict when it changed since (or is not the latest draft), and as invalid
   * while a required section is empty. The approved version is frozen from then on.
   */
  async approve(caller: Caller, boardId: string, reviewId: string, input: { version: number; revision: number }): Promise<{ version: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.terms_approve');
      if (FINISHED.includes(review.stage)) throw new ServiceError('conflict', 'terms.finished', { form: 'terms:errors.finished' });
      const personId = caller.actor?.personId;
      if (!personId) throw forbidden();
      const now = this.now();
      const head = await lockTerms(trx, { reviewId, boardId }, now);
      const latest = head.latestVersion > 0 ? await findTermsVersion(trx, reviewId, head.latestVersion) : undefined;
      if (!latest || latest.version !== input.version || latest.status !== 'draft' || latest.revision !== input.revision) throw CHANGED_SINCE_OPENED();
      const missing = missingForApproval(latest.content);
      if (Object.keys(missing).length > 0) throw invalid(missing);
      // The approved version says what it said when approved: the agencies' names then, kept with it.
      const agencies = await this.boardAgencies(trx, boardId);
      await keepTermsSection(trx, {
        versionId: latest.id,
        section: 'agencies',
        content: withAgencyNames(latest.content.agencies, new Map(agencies.map((a) => [a.id, { nameEn: a.nameEn, nameCy: a.nameCy }]))),
      });
      await approveTermsVersion(trx, latest.id, personId, now);
      await setTermsHead(trx, reviewId, { latestVersion: latest.version, approvedVersion: latest.version }, now);
      await this.deps.audit.record(trx, caller, {
        action: 'TERMS_OF_REFERENCE_APPROVED',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { termsVersion: latest.version, revision: latest.revision },
      });
      return { version: latest.version };
    });
  }

  /**
   * A version with the approved version before it (what its changes are shown against), the board's agencies;
   * a draft only for those who read drafts (anyone else: not found). The read is audited.
   */
  async version(caller: Caller, boardId: string, reviewId: string, version: number) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.terms_view');
      const found = Number.isSafeInteger(version) && version > 0 ? await findTermsVersion(trx, reviewId, version) : undefined;
      if (!found || (found.status !== 'approved' && !this.readsDrafts(caller, review))) throw notFound('terms of reference version');
      const previousRow = (await listTermsVersions(trx, reviewId)).find((v) => v.version < version && v.status === 'approved');
      const previous = previousRow ? await findTermsVersion(trx, reviewId, previousRow.version) : undefined;
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { termsVersion: version, comparedWith: previous?.version ?? null },
      });
      return {
        review,
        version: { ...viewOf(found), id: found.id },
        previous: previous ? viewOf(previous) : null,
        agencies: await this.boardAgencies(trx, boardId),
      };
    });
  }

  /** The id of an approved version (what its generated document is of); not found for a draft or none. */
  async approvedVersionId(caller: Caller, boardId: string, reviewId: string, version: number): Promise<string> {
    const db = this.deps.db.kysely;
    await reviewInScope(db, caller, { boardId, reviewId }, 'review.terms_view');
    const found = Number.isSafeInteger(version) && version > 0 ? await findTermsVersion(db, reviewId, version) : undefined;
    if (found?.status !== 'approved') throw notFound('terms of reference version');
    return found.id;
  }

  /**
   * Where the terms stand, for the review page (read within that page's audited read, so not audited again):
   * the latest version the caller may read and the latest approved one; null when the caller may not read the terms.
   */
  async sectionIn(db: Executor, caller: Caller, review: { boardId: string; id: string }): Promise<TermsStatusView | null> {
    if (!can(caller.actor, 'review.terms_view', { boardId: review.boardId, reviewId: review.id })) return null;
    const versions: TermsVersionRow[] = await listTermsVersions(db, review.id);
    const drafts =
      can(caller.actor, 'review.view', { boardId: review.boardId, reviewId: review.id }) ||
      can(caller.actor, 'review.terms_edit', { boardId: review.boardId, reviewId: review.id });
    const latest = versions.find((v) => drafts || v.status === 'approved');
    const approved = versions.find((v) => v.status === 'approved');
    return {
      latest: latest ? { version: latest.version, status: latest.status } : null,
      approved: approved ? { version: approved.version, approvedByName: approved.approvedByName, approvedAt: approved.approvedAt } : null,
    };
  }
}
