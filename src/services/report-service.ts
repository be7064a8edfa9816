// A review's report (issue 10 item 10; DOMAIN.md §1.5, §8.3, §8.6 R4): the overview report and executive
// summary (SCR) or the reviewers' report (CPR, SUSR), drafted section by section by the independent author or
// reviewers (report.edit) in numbered versions, the same way as the terms of reference (the shared
// section-versions rules: a save names the revision of the section it opened; a frozen version is never
// written, a change after it makes the next version, a copy with the change). The author submits a version for
// the panel's QA; the panel (report.comment) comments on its sections and the author marks comments resolved;
// the panel chair signs off QA of the submitted version (report.qa) while the review is at PANEL_QA; the board
// chair accepts the signed-off version for the board (report.accept) while the review is at BOARD_ACCEPTANCE,
// refused with every reason while R4 is not met (checked in the acceptance's transaction). The review
// recommendations are in report-recommendations.ts (which this builds on), the version as read in
// report-views.ts. Every change locks the review's head row first
// (review_reports), so one review's report changes one after another and a second of two at once sees the
// first (a clear conflict, never a 500). Reads are audited in their transaction; audit summaries hold ids,
// numbers and codes only.
import { listRecommendations } from '../db/repositories/report-recommendations-repository.ts';
import {
  findReportHead,
  findReportVersion,
  insertReportComment,
  insertReportVersion,
  listReportComments,
  listReportVersions,
  lockReport,
  type ReportCommentRow,
  type ReportHead,
  type ReportVersionRow,
  resolveReportComment,
  setReportHead,
  setReportVersionStatus,
  updateReportSection,
} from '../db/repositories/report-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import {
  checkComment,
  checkSectionText,
  missingForSubmission,
  type R4Refusal,
  type ReportStatus,
  r4FieldErrors,
  r4Refusals,
  reportKindFor,
  reportSection,
} from '../domain/reviews/report.ts';
import { changeTarget, isStaleSave } from '../domain/reviews/section-versions.ts';
import { type Caller, invalid, newId, notFound, ServiceError } from './context.ts';
import { learningIdentified } from './learning-event-service.ts';
import { CHANGED_SINCE_OPENED, FINISHED, factsOf, ReportRecommendations } from './report-recommendations.ts';
import { type ReportVersionView, unsaved, viewOf } from './report-views.ts';
import { mayOnReview, reviewInScope } from './review-access.ts';

export interface ReportSectionView {
  kind: 'overview' | 'reviewer';
  latest: { version: number; status: ReportStatus } | null;
  accepted: { version: number; acceptedByName: string | null; acceptedAt: string | null } | null;
  openComments: number;
  recommendations: number;
  /** Review recommendations still without a target date or someone responsible (R4). */
  recommendationsIncomplete: number;
}

export class ReportService extends ReportRecommendations {
  /** The latest version as the next change starts from: the latest draft, or (after a frozen version) a copy as the next version. */
  private async editable(db: Executor, review: ReviewRow, head: ReportHead | undefined): Promise<ReportVersionView> {
    if (!head || head.latestVersion === 0) return unsaved(review);
    const latest = await findReportVersion(db, review.id, head.latestVersion);
    if (!latest) throw notFound('report');
    const view = viewOf(latest);
    return latest.status === 'draft' ? view : { ...view, id: null, version: latest.version + 1, status: 'draft', saved: false };
  }

  /**
   * The report as the caller may read it: its versions, the latest (or the first draft before one is saved),
   * the version before the latest frozen one (for its changes), comments, review recommendations, R4 as it
   * stands for the version awaiting acceptance, and what the caller may do. The read is audited.
   */
  async overview(caller: Caller, boardId: string, reviewId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'report.view');
      const head = await findReportHead(trx, reviewId);
      const versions = await listReportVersions(trx, reviewId);
      const latestRow = versions[0];
      const latest = latestRow ? await findReportVersion(trx, reviewId, latestRow.version) : undefined;
      const current = latest ? viewOf(latest) : unsaved(review);
      const comments = await listReportComments(trx, reviewId);
      const recommendations = await listRecommendations(trx, reviewId);
      const open = !FINISHED.includes(review.stage);
      const may = (p: Parameters<typeof mayOnReview>[2]) => open && mayOnReview(caller, review, p);
      const qaVersion = head?.qaVersion ? await findReportVersion(trx, reviewId, head.qaVersion) : undefined;
      const r4: R4Refusal[] = r4Refusals(qaVersion?.content ?? current.content, factsOf(recommendations));
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { reportVersion: current.saved ? current.version : null },
      });
      return {
        review,
        kind: reportKindFor(review.frameworkId),
        head: head ?? null,
        versions,
        current,
        comments,
        recommendations,
        agencies: await this.agencies(trx, boardId),
        r4,
        mayEdit: may('report.edit'),
        mayRecommend: may('report.recommend') && head?.acceptedVersion == null,
        mayComment: may('report.comment') && current.saved,
        maySubmit: may('report.edit') && current.saved && current.status === 'draft',
        mayQa: may('report.qa') && review.stage === 'PANEL_QA' && head?.submittedVersion != null && current.status === 'submitted',
        mayAccept: may('report.accept') && review.stage === 'BOARD_ACCEPTANCE' && qaVersion?.status === 'qa_signed_off',
        qaVersion: qaVersion ? viewOf(qaVersion) : null,
        mayViewReview: mayOnReview(caller, review, 'review.view'),
      };
    });
  }

  /** A section as its editor opens it (with the revision a save must name) and the comments on it; the read audited. */
  async section(caller: Caller, boardId: string, reviewId: string, sectionId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'report.edit');
      const spec = reportSection(review.frameworkId, sectionId);
      if (!spec || FINISHED.includes(review.stage)) throw notFound('report section');
      const version = await this.editable(trx, review, await findReportHead(trx, reviewId));
      const comments = (await listReportComments(trx, reviewId)).filter((c) => c.section === sectionId);
      // The section that draws on the practitioners' learning event shows what the event identified (issue 10 item 7).
      const learning = spec.learningEvent ? await learningIdentified(trx, reviewId) : [];
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { reportVersion: version.version, section: sectionId, learningPoints: learning.length },
      });
      return { review, spec, version, text: version.content[sectionId]?.text ?? '', revision: version.revisions[sectionId] ?? 0, comments, learning };
    });
  }

  /**
   * Saves a section's text (report.edit), naming the section's revision its editor opened: onto the latest
   * draft, or a new version (a copy of the frozen latest one) when the latest was submitted, signed off or
   * accepted. Refused as a conflict when the section changed since it was opened. A save that changes nothing makes nothing.
   */
  async saveSection(
    caller: Caller,
    boardId: string,
    reviewId: string,
    input: { section: string; text: string; revision: number },
  ): Promise<{ version: number; created: boolean; changed: boolean }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'report.edit');
      if (!reportSection(review.frameworkId, input.section)) throw notFound('report section');
      if (FINISHED.includes(review.stage)) throw new ServiceError('conflict', 'report.finished', { form: 'report:errors.finished' });
      const checked = checkSectionText(input.text);
      if (!checked.ok) throw invalid(checked.errors);
      const by = this.personOf(caller);
      const now = this.now();
      const head = await lockReport(trx, { reviewId, boardId }, now);
      const latest = head.latestVersion > 0 ? await findReportVersion(trx, reviewId, head.latestVersion) : undefined;
      const base = latest ? viewOf(latest) : unsaved(review);
      if (isStaleSave(base.revisions, input.section, input.revision)) throw CHANGED_SINCE_OPENED();
      if ((base.content[input.section]?.text ?? '') === checked.text) return { version: base.version, created: false, changed: false };
      const to = changeTarget(latest, head.latestVersion);
      let target: { id: string; version: number };
      let created = false;
      if (to.kind === 'draft') target = { id: to.id, version: to.version };
      else {
        target = { id: newId(), version: to.version };
        await insertReportVersion(trx, { id: target.id, reviewId, version: target.version, by, at: now, content: base.content, revisions: base.revisions });
        await setReportHead(trx, reviewId, { ...head, latestVersion: target.version }, now);
        created = true;
      }
      await updateReportSection(trx, { versionId: target.id, section: input.section, text: checked.text, revision: input.revision + 1, by, at: now });
      await this.deps.audit.record(trx, caller, {
        action: 'REPORT_SECTION_SAVED',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { reportVersion: target.version, section: input.section, newVersion: created },
      });
      return { version: target.version, created, changed: true };
    });
  }

  /** The latest version, locked under the head: refused as a conflict unless it is the one named, at the revision read. */
  private async latestAsRead(trx: Executor, reviewId: string, head: ReportHead, input: { version: number; revision: number }) {
    const latest = head.latestVersion > 0 ? await findReportVersion(trx, reviewId, head.latestVersion) : undefined;
    if (!latest || latest.version !== input.version || latest.revision !== input.revision) throw CHANGED_SINCE_OPENED();
    return latest;
  }

  /** Submits the latest draft for the panel's QA (report.edit): frozen from then on; refused while every section is empty. */
  async submit(caller: Caller, boardId: string, reviewId: string, input: { version: number; revision: number }): Promise<{ version: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'report.edit');
      if (FINISHED.includes(review.stage)) throw new ServiceError('conflict', 'report.finished', { form: 'report:errors.finished' });
      const by = this.personOf(caller);
      const now = this.now();
      const head = await lockReport(trx, { reviewId, boardId }, now);
      const latest = await this.latestAsRead(trx, reviewId, head, input);
      if (latest.status !== 'draft') throw CHANGED_SINCE_OPENED();
      const missing = missingForSubmission(latest.content);
      if (Object.keys(missing).length > 0) throw invalid(missing);
      await setReportVersionStatus(trx, latest.id, 'submitted', by, now);
      await setReportHead(trx, reviewId, { ...head, submittedVersion: latest.version }, now);
      await this.deps.audit.record(trx, caller, {
        action: 'REPORT_SUBMITTED',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { reportVersion: latest.version, revision: latest.revision },
      });
      return { version: latest.version };
    });
  }

  /** The panel's comment on a section of a saved version (report.comment). */
  async comment(caller: Caller, boardId: string, reviewId: string, input: { version: number; section: string; text: string }): Promise<{ id: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'report.comment');
      if (FINISHED.includes(review.stage)) throw new ServiceError('conflict', 'report.finished', { form: 'report:errors.finished' });
      const errors: Record<string, string> = {};
      if (!reportSection(review.frameworkId, input.section)) errors.section = 'report:errors.sectionRequired';
      const checked = checkComment(input.text);
      if (!checked.ok) Object.assign(errors, checked.errors);
      if (Object.keys(errors).length > 0 || !checked.ok) throw invalid(errors);
      const version = Number.isSafeInteger(input.version) ? await findReportVersion(trx, reviewId, input.version) : undefined;
      if (!version) throw CHANGED_SINCE_OPENED();
      const id = newId();
      await insertReportComment(trx, {
        id,
        reviewId,
        versionId: version.id,
        section: input.section,
        text: checked.text,
        by: this.personOf(caller),
        at: this.now(),
      });
      await this.deps.audit.record(trx, caller, {
        action: 'REPORT_COMMENTED',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { commentId: id, reportVersion: version.version, section: input.section },
      });
      return { id };
    });
  }

  /** Marks a comment resolved (report.edit: the author); a comment already resolved is a conflict. */
  async resolveComment(caller: Caller, boardId: string, reviewId: string, commentId: string): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      await reviewInScope(trx, caller, { boardId, reviewId }, 'report.edit');
      const comments: ReportCommentRow[] = await listReportComments(trx, reviewId);
      if (!comments.some((c) => c.id === commentId)) throw notFound('comment');
      const done = await resolveReportComment(trx, reviewId, commentId, this.personOf(caller), this.now());
      if (!done) throw new ServiceError('conflict', 'report.commentResolved', { form: 'report:errors.commentAlreadyResolved' });
      await this.deps.audit.record(trx, caller, {
        action: 'REPORT_COMMENT_RESOLVED',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { commentId },
      });
    });
  }

  /**
   * The panel chair's QA sign-off (report.qa) of the version submitted for QA, while the review is at
   * PANEL_QA, naming the version read: a version since superseded, or already signed off, is a conflict.
   */
  async signOffQa(caller: Caller, boardId: string, reviewId: string, input: { version: number }): Promise<{ version: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'report.qa');
      if (review.stage !== 'PANEL_QA') throw new ServiceError('conflict', 'report.notInQa', { form: 'report:errors.notInQa' });
      const by = this.personOf(caller);
      const now = this.now();
      const head = await lockReport(trx, { reviewId, boardId }, now);
      const version = head.submittedVersion === input.version ? await findReportVersion(trx, reviewId, input.version) : undefined;
      if (version?.status !== 'submitted' || head.latestVersion !== version.version) throw CHANGED_SINCE_OPENED();
      await setReportVersionStatus(trx, version.id, 'qa_signed_off', by, now);
      await setReportHead(trx, reviewId, { ...head, qaVersion: version.version }, now);
      await this.deps.audit.record(trx, caller, {
        action: 'REPORT_QA_SIGNED_OFF',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { reportVersion: version.version },
      });
      return { version: version.version };
    });
  }

  /**
   * The board chair's acceptance (report.accept) of the QA signed-off version, while the review is at
   * BOARD_ACCEPTANCE. R4 is checked in this transaction: refused (invalid, every reason) while the review
   * recommendations section is empty or any review recommendation lacks a target date or someone responsible.
   */
  async accept(caller: Caller, boardId: string, reviewId: string, input: { version: number }): Promise<{ version: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'report.accept');
      if (review.stage !== 'BOARD_ACCEPTANCE') throw new ServiceError('conflict', 'report.notAtBoard', { form: 'report:errors.notAtBoard' });
      const by = this.personOf(caller);
      const now = this.now();
      const head = await lockReport(trx, { reviewId, boardId }, now);
      const version = head.qaVersion === input.version ? await findReportVersion(trx, reviewId, input.version) : undefined;
      if (version?.status !== 'qa_signed_off') throw CHANGED_SINCE_OPENED();
      const refusals = r4Refusals(version.content, factsOf(await listRecommendations(trx, reviewId)));
      if (refusals.length > 0) throw invalid(r4FieldErrors(refusals));
      await setReportVersionStatus(trx, version.id, 'accepted', by, now);
      await setReportHead(trx, reviewId, { ...head, acceptedVersion: version.version }, now);
      await this.deps.audit.record(trx, caller, {
        action: 'REPORT_ACCEPTED',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { reportVersion: version.version },
      });
      return { version: version.version };
    });
  }

  /** A version with the frozen version before it (what its changes are shown against); the read audited. */
  async version(caller: Caller, boardId: string, reviewId: string, version: number) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'report.view');
      const found = Number.isSafeInteger(version) && version > 0 ? await findReportVersion(trx, reviewId, version) : undefined;
      if (!found) throw notFound('report version');
      const previousRow = (await listReportVersions(trx, reviewId)).find((v) => v.version < version && v.status !== 'draft');
      const previous = previousRow ? await findReportVersion(trx, reviewId, previousRow.version) : undefined;
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { reportVersion: version, comparedWith: previous?.version ?? null },
      });
      return { review, kind: reportKindFor(review.frameworkId), version: viewOf(found), previous: previous ? viewOf(previous) : null };
    });
  }

  /** The id of a saved version (what its generated document is of). */
  async versionId(caller: Caller, boardId: string, reviewId: string, version: number): Promise<string> {
    const db = this.deps.db.kysely;
    await reviewInScope(db, caller, { boardId, reviewId }, 'report.view');
    const found = Number.isSafeInteger(version) && version > 0 ? await findReportVersion(db, reviewId, version) : undefined;
    if (!found) throw notFound('report version');
    return found.id;
  }

  // ---- The review page -----------------------------------------------------------------------------------------

  /**
   * The report's section of the review page, read in the page's transaction (no access check again, no audit:
   * the page's read is audited once); null when the reader may not read the report.
   */
  async sectionIn(trx: Executor, caller: Caller, review: ReviewRow): Promise<ReportSectionView | null> {
    if (!mayOnReview(caller, review, 'report.view')) return null;
    const versions: ReportVersionRow[] = await listReportVersions(trx, review.id);
    const latest = versions[0];
    const accepted = versions.find((v) => v.status === 'accepted');
    const comments = await listReportComments(trx, review.id);
    const recommendations = await listRecommendations(trx, review.id);
    const incomplete = recommendations.filter((r) => !r.targetOn || (!r.agencyId && !r.personId && !r.responsible)).length;
    return {
      kind: reportKindFor(review.frameworkId),
      latest: latest ? { version: latest.version, status: latest.status } : null,
      accepted: accepted ? { version: accepted.version, acceptedByName: accepted.acceptedByName, acceptedAt: accepted.acceptedAt } : null,
      openComments: comments.filter((c) => c.resolvedAt === null).length,
      recommendations: recommendations.length,
      recommendationsIncomplete: incomplete,
    };
  }
}
