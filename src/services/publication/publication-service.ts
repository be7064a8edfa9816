// A review's publication (issue 13 item 4; DOMAIN.md §1.6, §2.5, §8.6 R5–R10): the board's decision — what is
// published (the executive summary, with the report where the board chooses, or nothing, with reasons) and when
// (an embargoed release date and time, with the press statement and the 7-minute briefing prepared alongside) —
// recorded by the business unit and approved by the board chair; the gates' own records (the welfare check of
// the surviving children, the chair's override of ongoing criminal proceedings with the police/CPS liaison's
// details); publication holds with a day to look again (the business unit is emailed that day) and, where the
// board chooses, a public "Publication delayed" status; the release at the embargo's time by a recurring job,
// which checks every gate again in the release's transaction and moves the review to PUBLISHED through the
// workflow (refused: the business unit is emailed the reasons); withdrawal from public view after the months
// the board set, kept in the record. Who may: publication.view / .prepare / .approve (src/domain/permissions.ts).
// Every read is audited as case material, every change in its transaction; a change names the revision its
// editor read (409 when stale), and a change to the decision after the chair's approval needs approving again.
import type { Db } from '../../db/database.ts';
import type { FieldCipher } from '../../db/field-cipher.ts';
import { familyToldOn } from '../../db/repositories/family-contacts-repository.ts';
import { openCriminalProceedings } from '../../db/repositories/proceedings-repository.ts';
import { dueRechecks, findPublication, lockPublication, type PublicationRow, updatePublication } from '../../db/repositories/publication-repository.ts';
import { findPublishedByReview } from '../../db/repositories/published-repository.ts';
import { findReview, type ReviewRow } from '../../db/repositories/reviews-repository.ts';
import { boardRoleHolders } from '../../db/repositories/role-grants-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { addMonths, type IsoDate, isIsoDate } from '../../domain/clock/dates.ts';
import { formatDate, londonInstant } from '../../domain/clock/london.ts';
import type { Language } from '../../domain/organisation.ts';
import type { Permission } from '../../domain/permissions.ts';
import {
  checkDecision,
  type DecisionInput,
  documentsOf,
  isPublicationChoice,
  PUBLICATION_LIMITS,
  type PublicationFacts,
  publicationRefusals,
} from '../../domain/publication/publication.ts';
import { translator } from '../../i18n.ts';
import { absoluteUrl, urls } from '../../urls.ts';
import type { AuditService } from '../audit-service.ts';
import { type Caller, type Clock, type FieldErrors, invalid, ServiceError, systemCaller } from '../context.ts';
import type { JobKind } from '../job-service.ts';
import type { MailService } from '../mail-service.ts';
import { mayOnReview, type ReviewScope, reviewInScope } from '../review-access.ts';
import { WorkflowService } from '../workflow.ts';
import { documentApprovals } from './publication-approvals.ts';
import { PUBLISHABLE } from './publishable.ts';
import { snapshotRelease } from './published-snapshot.ts';

export interface PublicationDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  cipher: FieldCipher;
  mail: MailService;
  publicUrl: () => string;
}

export interface PublicationView {
  review: ReviewRow;
  publication: PublicationRow | null;
  facts: PublicationFacts;
  /** Why it may not be released now (empty: every gate is open). */
  refusals: FieldErrors;
  /** Whether the chair's approval holds for the decision as it now is. */
  approved: boolean;
  restricted: boolean;
  /** The public page's id once the review is released (its snapshot), else null. */
  publicId: string | null;
  canPrepare: boolean;
  canApprove: boolean;
}

/** The recurring scan, and how often it runs (every five minutes: a release goes within five minutes of its time). */
export const PUBLICATION_JOB = 'publication.due';
export const PUBLICATION_JOB_EVERY_MS = 300_000;

const stale = () => new ServiceError('conflict', 'publication.changedSinceRead', { form: 'publication:errors.changedSinceRead' });

/** The stages at which a publication is prepared: from the report's submission to the Welsh Government on. */
const PREPARING_STAGES = new Set(['SUBMITTED_TO_WG', 'PUBLICATION_PREPARATION']);

export class PublicationService {
  private readonly workflow: WorkflowService;

  constructor(private readonly deps: PublicationDeps) {
    this.workflow = new WorkflowService({ clock: deps.clock, audit: deps.audit });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** What the gates read, in the caller's transaction. */
  async facts(trx: Executor, review: ReviewRow, publication: PublicationRow | undefined | null): Promise<PublicationFacts> {
    const choice = publication?.choice && isPublicationChoice(publication.choice) ? publication.choice : null;
    const approvals = await documentApprovals(trx, review.id);
    return {
      choice,
      openCriminalProceedings: (await openCriminalProceedings(trx, review.id)).length,
      criminalOverride: publication?.overrideAt != null,
      welfareCheckedOn: publication?.welfareCheckedOn ?? null,
      familyToldOn: await familyToldOn(trx, review.id, 'publication'),
      anonymisationApproved: approvals.anonymisation,
      summaryApproved: approvals.summary,
      chairApproved: publication != null && publication.approvedRevision === publication.revision && publication.revision > 0,
    };
  }

  /**
   * The review's publication with its gates, as the reader may see it (`permission`: a form's own, for its page).
   * Audited as case material.
   */
  async view(caller: Caller, scope: ReviewScope, permission: Permission = 'publication.view'): Promise<PublicationView> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, permission);
      const restricted = mayOnReview(caller, review, 'review.documents_restricted');
      const publication = (await findPublication(trx, review.id, restricted ? this.deps.cipher : null)) ?? null;
      const facts = await this.facts(trx, review, publication);
      await this.deps.audit.recordRead(trx, caller, { boardId: review.boardId, recordType: 'review', recordId: review.id, summary: { restricted } });
      return {
        review,
        publication,
        facts,
        refusals: publicationRefusals(facts),
        approved: facts.chairApproved,
        restricted,
        publicId: publication?.publishedAt ? ((await findPublishedByReview(trx, review.id))?.id ?? null) : null,
        canPrepare: mayOnReview(caller, review, 'publication.prepare') && PREPARING_STAGES.has(review.stage),
        canApprove: mayOnReview(caller, review, 'publication.approve') && PREPARING_STAGES.has(review.stage),
      };
    });
  }

  /**
   * Starts a change: the review in scope with `permission` (before the request's own `errors` are told), at a
   * stage where its publication is prepared (not yet published, not on hold or withdrawn), and its publication
   * locked, at the revision the editor read.
   */
  private async change(
    trx: Executor,
    caller: Caller,
    scope: ReviewScope,
    permission: 'publication.prepare' | 'publication.approve',
    revision: number,
    errors: FieldErrors = {},
  ) {
    const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, permission);
    // The request's own problems only once the caller may make it: nothing of it is judged for others.
    if (Object.keys(errors).length > 0) throw invalid(errors);
    if (!PREPARING_STAGES.has(review.stage)) throw new ServiceError('conflict', 'publication.notPreparing', { form: 'publication:errors.notPreparing' });
    const publication = await lockPublication(trx, this.deps.db.dialect, this.deps.cipher, review, this.now());
    if (publication.revision !== revision) throw stale();
    return { review, publication };
  }

  /** Records the board's decision (the business unit): a new revision, which the chair approves again. */
  async decide(caller: Caller, scope: ReviewScope, input: DecisionInput & { revision: number }): Promise<{ revision: number }> {
    const checked = checkDecision(input, this.deps.clock.today());
    return inTransaction(this.deps.db, async (trx) => {
      const { review, publication } = await this.change(trx, caller, scope, 'publication.prepare', input.revision, checked.ok ? {} : checked.errors);
      if (!checked.ok) throw invalid(checked.errors);
      const d = checked.value;
      // R10: what is published is published in English and Welsh; the report is written in English only, so a
      // choice to publish it too could never be released — refused now, with what to choose instead.
      if (documentsOf(d.choice).some((document) => !PUBLISHABLE[document].languages(review).includes('cy')))
        throw invalid({ choice: 'publication:errors.reportEnglishOnly' });
      const at = this.now();
      const releaseAt = d.release ? londonInstant(d.release.date, d.release.time).toISOString() : null;
      if (releaseAt !== null && releaseAt < at) throw invalid({ releaseTime: 'publication:errors.releasePast' });
      const revision = publication.revision + 1;
      await updatePublication(trx, this.deps.cipher, review.id, {
        revision,
        choice: d.choice,
        reasons: d.reasons,
        release_at: releaseAt,
        press_statement_en: d.pressStatementEn,
        press_statement_cy: d.pressStatementCy,
        briefing_en: d.briefingEn,
        briefing_cy: d.briefingCy,
        show_hold: d.showHold ? 1 : 0,
        withdraw_after_months: d.withdrawAfterMonths,
        decided_by: caller.actor?.personId ?? null,
        decided_at: at,
        updated_at: at,
      });
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { revision, choice: d.choice, releaseAt, approvalNeeded: publication.approvedRevision !== null },
      });
      return { revision };
    });
  }

  /** Records the welfare check of the surviving children (R6), its note sealed (the business unit). */
  async recordWelfareCheck(caller: Caller, scope: ReviewScope, input: { checkedOn: string; note: string; revision: number }): Promise<{ revision: number }> {
    const errors: FieldErrors = {};
    const checkedOn = input.checkedOn.trim();
    const note = input.note.replace(/\r\n/g, '\n').trim();
    if (!isIsoDate(checkedOn)) errors.checkedOn = 'publication:errors.checkedOnInvalid';
    else if (checkedOn > this.deps.clock.today()) errors.checkedOn = 'publication:errors.checkedOnFuture';
    if (note === '') errors.note = 'publication:errors.welfareNoteRequired';
    else if (note.length > PUBLICATION_LIMITS.note) errors.note = 'publication:errors.noteTooLong';
    return this.record(
      caller,
      scope,
      'publication.prepare',
      input.revision,
      { welfare_checked_on: checkedOn, welfare_note: note, welfare_by: caller.actor?.personId ?? null },
      { checkedOn },
      errors,
    );
  }

  /** The board chair's decision to go ahead while criminal proceedings are ongoing (R5), with the police/CPS liaison's details. */
  async override(caller: Caller, scope: ReviewScope, input: { liaison: string; revision: number }): Promise<{ revision: number }> {
    const liaison = input.liaison.replace(/\r\n/g, '\n').trim();
    const errors: FieldErrors = {};
    if (liaison === '') errors.liaison = 'publication:errors.liaisonRequired';
    else if (liaison.length > PUBLICATION_LIMITS.liaison) errors.liaison = 'publication:errors.liaisonTooLong';
    return this.record(
      caller,
      scope,
      'publication.approve',
      input.revision,
      { override_liaison: liaison, override_by: caller.actor?.personId ?? null, override_at: this.now() },
      {},
      errors,
    );
  }

  /** The board chair approves the decision as it now is (a decision to publish, or not to). */
  async approve(caller: Caller, scope: ReviewScope, input: { revision: number }): Promise<{ revision: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const { review, publication } = await this.change(trx, caller, scope, 'publication.approve', input.revision);
      if (publication.choice === null) throw invalid({ form: 'publication:gate.noDecision' });
      const at = this.now();
      // Approval is of a revision: it is not a change of the decision, so the revision stays.
      await updatePublication(trx, this.deps.cipher, review.id, {
        approved_revision: publication.revision,
        approved_by: caller.actor?.personId ?? null,
        approved_at: at,
        updated_at: at,
      });
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { revision: publication.revision, choice: publication.choice },
      });
      return { revision: publication.revision };
    });
  }

  /** Holds the publication with a reason and a day to look again (the business unit is emailed that day). */
  async hold(caller: Caller, scope: ReviewScope, input: { reason: string; recheckOn: string; revision: number }): Promise<{ revision: number }> {
    const errors: FieldErrors = {};
    const reason = input.reason.replace(/\r\n/g, '\n').trim();
    const recheckOn = input.recheckOn.trim();
    if (reason === '') errors.holdReason = 'publication:errors.holdReasonRequired';
    else if (reason.length > PUBLICATION_LIMITS.holdReason) errors.holdReason = 'publication:errors.noteTooLong';
    if (!isIsoDate(recheckOn)) errors.recheckOn = 'publication:errors.recheckOnInvalid';
    else if (recheckOn <= this.deps.clock.today()) errors.recheckOn = 'publication:errors.recheckOnPast';
    return this.record(caller, scope, 'publication.prepare', input.revision, { hold_reason: reason, recheck_on: recheckOn }, { recheckOn }, errors);
  }

  /** Ends a publication hold. */
  async endHold(caller: Caller, scope: ReviewScope, input: { revision: number }): Promise<{ revision: number }> {
    return this.record(caller, scope, 'publication.prepare', input.revision, { hold_reason: null, recheck_on: null, prompted_on: null }, {});
  }

  /** A change that is not the decision itself (its revision stays, so the chair's approval holds): written and audited in one transaction. */
  private async record(
    caller: Caller,
    scope: ReviewScope,
    permission: 'publication.prepare' | 'publication.approve',
    revision: number,
    change: Parameters<typeof updatePublication>[3],
    summary: Record<string, string | number | boolean | null>,
    errors: FieldErrors = {},
  ): Promise<{ revision: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const { review } = await this.change(trx, caller, scope, permission, revision, errors);
      await updatePublication(trx, this.deps.cipher, review.id, { ...change, updated_at: this.now() });
      await this.deps.audit.record(trx, caller, { boardId: review.boardId, recordType: 'review', recordId: review.id, summary });
      return { revision };
    });
  }

  /**
   * The review page's section (publication.view, from the report's submission to the Welsh Government on): whether
   * the board has decided, the chair approved, and when it was or will be released; null for anyone else or earlier.
   */
  async sectionIn(
    trx: Executor,
    caller: Caller,
    review: ReviewRow,
  ): Promise<{ decided: boolean; approved: boolean; releaseAt: string | null; publishedAt: string | null } | null> {
    if (!mayOnReview(caller, review, 'publication.view')) return null;
    const publication = await findPublication(trx, review.id);
    if (!publication && !PREPARING_STAGES.has(review.stage)) return null;
    return {
      decided: publication?.choice != null,
      approved: publication != null && publication.revision > 0 && publication.approvedRevision === publication.revision,
      releaseAt: publication?.releaseAt ?? null,
      publishedAt: publication?.publishedAt ?? null,
    };
  }

  // ---- The recurring job: releases at the embargo's time, re-check prompts, withdrawal from public view ----

  /**
   * Releases each approved publication whose time has come, every gate checked again in the release's transaction
   * (a hold, new criminal proceedings or a changed decision stop it: the business unit is emailed the reasons
   * once for that revision); emails the business unit on a hold's re-check day; withdraws from public view what
   * has been published for the months the board set. Returns what it did.
   */
  async runDue(): Promise<{ released: number; refused: number; prompted: number; withdrawn: number }> {
    const out = { released: 0, refused: 0, prompted: 0, withdrawn: 0 };
    const now = this.now();
    const due = await this.deps.db.kysely
      .selectFrom('review_publications')
      .select(['review_id', 'withdraw_after_months', 'published_at', 'withdrawn_at', 'release_at'])
      .where((eb) =>
        eb.or([
          eb.and([eb('published_at', 'is', null), eb('release_at', '<=', now), eb('approved_revision', '=', eb.ref('revision'))]),
          eb.and([eb('published_at', 'is not', null), eb('withdrawn_at', 'is', null), eb('withdraw_after_months', 'is not', null)]),
        ]),
      )
      .execute();
    for (const row of due) {
      if (row.published_at === null) {
        const result = await this.release(row.review_id);
        if (result === 'released') out.released++;
        else if (result === 'refused') out.refused++;
      } else if (row.withdraw_after_months !== null && addMonths(row.published_at.slice(0, 10), Number(row.withdraw_after_months)) <= this.deps.clock.today()) {
        if (await this.withdrawDue(row.review_id)) out.withdrawn++;
      }
    }
    for (const r of await dueRechecks(this.deps.db.kysely, this.deps.clock.today())) if (await this.prompt(r.reviewId, r.recheckOn)) out.prompted++;
    return out;
  }

  job(): JobKind<unknown> {
    return { maxAttempts: 3, run: async () => void (await this.runDue()) };
  }

  private async release(reviewId: string): Promise<'released' | 'refused' | 'skipped'> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await findReview(trx, reviewId);
      if (!review) return 'skipped';
      const publication = await lockPublication(trx, this.deps.db.dialect, this.deps.cipher, review, this.now());
      const now = this.now();
      if (publication.publishedAt !== null || publication.releaseAt === null || publication.releaseAt > now) return 'skipped';
      const refusals = publicationRefusals(await this.facts(trx, review, publication));
      if (publication.recheckOn !== null) refusals.hold = 'publication:gate.held';
      if (review.stage !== 'PUBLICATION_PREPARATION') refusals.stage = 'publication:gate.notInPreparation';
      if (Object.keys(refusals).length > 0) {
        // Said once for the approved revision: the next run finds the same and stays quiet.
        if (publication.refusedRevision === publication.revision) return 'skipped';
        await updatePublication(trx, this.deps.cipher, reviewId, { refused_revision: publication.revision, updated_at: now });
        await this.deps.audit.record(trx, systemCaller('PUBLICATION_RELEASE_REFUSED'), {
          boardId: review.boardId,
          recordType: 'review',
          recordId: review.id,
          summary: { revision: publication.revision, refusals: Object.keys(refusals).join(',') },
        });
        await this.emailBusinessUnit(trx, review, 'releaseRefused', (t) => ({
          reasons: Object.values(refusals)
            .map((k) => `- ${t(k)}`)
            .join('\n'),
        }));
        return 'refused';
      }
      await this.workflow.transition(trx, systemCaller('PUBLICATION_RELEASED'), {
        record: 'review',
        id: review.id,
        event: 'publish',
        from: review.stage,
        reason: null,
        summary: { event: 'publish', revision: publication.revision, choice: publication.choice ?? '' },
      });
      await updatePublication(trx, this.deps.cipher, reviewId, { published_at: publication.releaseAt, updated_at: now });
      // The public pages' snapshot of what was released (issue 13 item 5), in the same transaction.
      if (publication.choice && isPublicationChoice(publication.choice)) await snapshotRelease(trx, review, publication.choice, publication.releaseAt, now);
      return 'released';
    });
  }

  private async prompt(reviewId: string, recheckOn: IsoDate): Promise<boolean> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await findReview(trx, reviewId);
      if (!review) return false;
      const publication = await lockPublication(trx, this.deps.db.dialect, this.deps.cipher, review, this.now());
      // Claimed in the email's transaction: a second instance finds it prompted.
      if (publication.recheckOn !== recheckOn || publication.promptedOn === recheckOn) return false;
      await updatePublication(trx, this.deps.cipher, reviewId, { prompted_on: recheckOn, updated_at: this.now() });
      await this.deps.audit.record(trx, systemCaller('PUBLICATION_RECHECK_PROMPTED'), {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { recheckOn },
      });
      await this.emailBusinessUnit(trx, review, 'recheck', (_t, language) => ({ recheckOn: formatDate(recheckOn, language) }));
      return true;
    });
  }

  /** Emails each of the board's business unit in their own language (publication:email.<key>), with a link to the publication. */
  private async emailBusinessUnit(
    trx: Executor,
    review: ReviewRow,
    key: 'recheck' | 'releaseRefused',
    values: (t: (key: string) => string, language: Language) => Record<string, string>,
  ): Promise<void> {
    for (const bu of await boardRoleHolders(trx, review.boardId, 'business_unit')) {
      const t = translator(bu.language);
      const all = {
        reference: review.reference,
        link: absoluteUrl(this.deps.publicUrl(), urls.reviewPublication(review.boardId, review.id)),
        ...values((k) => String(t(k)), bu.language),
      };
      await this.deps.mail.enqueue(trx, {
        language: bu.language,
        to: bu.email,
        subject: t(`publication:email.${key}.subject`, all),
        body: t(`publication:email.${key}.body`, all),
      });
    }
  }

  private async withdrawDue(reviewId: string): Promise<boolean> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await findReview(trx, reviewId);
      if (!review) return false;
      const publication = await lockPublication(trx, this.deps.db.dialect, this.deps.cipher, review, this.now());
      if (publication.withdrawnAt !== null || publication.publishedAt === null) return false;
      const at = this.now();
      await updatePublication(trx, this.deps.cipher, reviewId, { withdrawn_at: at, updated_at: at });
      await this.deps.audit.record(trx, systemCaller('PUBLICATION_WITHDRAWN'), {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { afterMonths: publication.withdrawAfterMonths },
      });
      return true;
    });
  }
}
