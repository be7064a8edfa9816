// A review's action plan (issue 12 items 1 and 7; DOMAIN.md §1.7, §6.6, R4, R12, R13): its recommendations — the
// report's, the board's own, and the lessons learnt early — each with its actions (lead agency and lead officer,
// supporting agencies, target date and its revisions with reasons, success measure, how completion will be
// evidenced and impact measured). The business unit builds and keeps it (action.manage); the board chair accepts
// it, which starts monitoring against the two-year horizon (action.plan_accept: not waiting for publication), and
// signs off the review's closure once every action is done. An action owner reads the plan's actions of their own
// agency only. Every action is made here (early learning too): its owner gets the action owner's role for the
// lead agency on this review (ReviewRolesService), the action is created through the workflow (audited, its
// first transition), in one transaction. Each read of the plan is audited as the route declares.
import type { Db } from '../../db/database.ts';
import {
  type ActionPlanRow,
  findActionPlan,
  insertActionPlan,
  insertActionUpdate,
  insertTargetRevision,
  signOffClosure,
} from '../../db/repositories/action-records-repository.ts';
import { type ActionRow, findAction, insertAction, reviewActions, updateActionFields } from '../../db/repositories/actions-repository.ts';
import { boardMeetingsOf } from '../../db/repositories/board-meetings-repository.ts';
import { listMeetings } from '../../db/repositories/meetings-repository.ts';
import { listAgencies } from '../../db/repositories/organisation-repository.ts';
import { findPersonRowByEmail } from '../../db/repositories/people-repository.ts';
import {
  insertRecommendation,
  listRecommendations,
  nextRecommendationNumber,
  type RecommendationRow,
} from '../../db/repositories/report-recommendations-repository.ts';
import { findReportHead } from '../../db/repositories/report-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { type ActionSource, isActionStatus, NEW_ACTION_STATUS } from '../../domain/actions/action.ts';
import { type ActionInput, actionProblems, type DateAnswer, revisionProblems } from '../../domain/actions/action-input.ts';
import { closureProblems, horizonOf, horizonState, planMeetingKind } from '../../domain/actions/monitoring.ts';
import { effectiveRag, isRag, type Rag } from '../../domain/actions/rag.ts';
import { londonDate } from '../../domain/clock/london.ts';
import { ACTION_CLOSURE_TEXT, ACTION_REASON_TEXT, BOARD_RECOMMENDATION_TEXT, textProblems } from '../../domain/limits.ts';
import type { Agency } from '../../domain/organisation.ts';
import { can } from '../../domain/permissions.ts';
import type { AuditService } from '../audit-service.ts';
import { type Caller, type Clock, type FieldErrors, forbidden, invalid, newId, notFound, ServiceError } from '../context.ts';
import { ownAgencies, type ReviewScope, reviewInAnyPart, reviewInScope } from '../review-access.ts';
import type { ReviewRolesService } from '../review-roles.ts';
import { WorkflowService } from '../workflow.ts';

export type { ActionRow } from '../../db/repositories/actions-repository.ts';

export interface ActionPlanDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  reviewRoles: ReviewRolesService;
}

/** The review role's fields as the action forms name them. */
const FIELD_OF_ROLE: Record<string, string> = { agencyId: 'leadAgencyId', personId: 'ownerEmail', email: 'ownerEmail', fullName: 'ownerName' };

/** The facts the RAG rule reads of an action (rag.ts), today. */
export function ragOf(a: ActionRow, today: string): { rag: Rag; overridden: boolean } {
  const status = isActionStatus(a.status) ? a.status : NEW_ACTION_STATUS;
  const o = a.ragOverride;
  const override = o && isRag(o.rag) && isActionStatus(o.atStatus) ? { rag: o.rag, atStatus: o.atStatus } : null;
  // The day of the latest update in London (the stored instants are UTC).
  const lastUpdateOn = londonDate(a.lastUpdateAt ?? a.createdAt);
  return effectiveRag({ status, targetOn: a.targetOn, lastUpdateOn, override }, today);
}

export interface PlanView {
  review: ReviewRow;
  plan: ActionPlanRow | null;
  horizon: { on: string | null; state: ReturnType<typeof horizonState> };
  recommendations: (RecommendationRow & { actions: (ActionRow & { rag: Rag; overridden: boolean })[] })[];
  earlyLearning: (ActionRow & { rag: Rag; overridden: boolean })[];
  /** Only the reader's agency's actions are shown (an action owner or an agency's senior manager). */
  agencyOnly: boolean;
  agencies: Agency[];
  may: { manage: boolean; accept: boolean; verify: boolean };
  /** The meetings the plan may be accepted at (the board's, or under SUSR the case review group's), for the board chair. */
  meetings: { kind: 'case_review_group' | 'board'; options: { id: string; meetsOn: string }[] };
  /** What stops the plan's acceptance and the review's closure (locale keys). */
  acceptProblems: FieldErrors;
  closeProblems: FieldErrors;
}

export class ActionPlanService {
  private readonly workflow: WorkflowService;

  constructor(private readonly deps: ActionPlanDeps) {
    this.workflow = new WorkflowService({ clock: deps.clock, audit: deps.audit });
  }

  /** The plan as the reader may see it (the whole, or their agency's actions); the read is audited. */
  async plan(caller: Caller, scope: Omit<ReviewScope, 'agencyId'>, need?: 'action.manage' | 'action.plan_accept'): Promise<PlanView> {
    return inTransaction(this.deps.db, async (trx) => {
      // A form of the plan (a board recommendation, an action, closure) needs its own permission on this review.
      const review = need ? await reviewInScope(trx, caller, scope, need) : await reviewInAnyPart(trx, caller, scope, 'action.view');
      const whole = can(caller.actor, 'action.view', { boardId: review.boardId, reviewId: review.id });
      const actions = whole ? await reviewActions(trx, review.id) : await this.agencyActions(trx, caller, review.id);
      const view = await this.viewOf(trx, caller, review, actions, !whole);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { actions: actions.length, agencyOnly: !whole },
      });
      return view;
    });
  }

  private async agencyActions(trx: Executor, caller: Caller, reviewId: string): Promise<ActionRow[]> {
    const seen = new Map<string, ActionRow>();
    for (const agencyId of ownAgencies(caller, reviewId)) for (const a of await reviewActions(trx, reviewId, { agencyId })) seen.set(a.id, a);
    return [...seen.values()];
  }

  private async viewOf(trx: Executor, caller: Caller, review: ReviewRow, actions: ActionRow[], agencyOnly: boolean): Promise<PlanView> {
    const today = this.deps.clock.today();
    const rated = actions.map((a) => ({ ...a, ...ragOf(a, today) }));
    const all = await listRecommendations(trx, review.id, 'all');
    const recommendations = all
      .map((r) => ({ ...r, actions: rated.filter((a) => a.recommendation?.id === r.id) }))
      .filter((r) => !agencyOnly || r.actions.length > 0);
    const plan = (await findActionPlan(trx, review.id)) ?? null;
    const where = { boardId: review.boardId, reviewId: review.id };
    const manage = can(caller.actor, 'action.manage', where);
    const accept = can(caller.actor, 'action.plan_accept', where);
    return {
      review,
      plan,
      horizon: { on: plan ? horizonOf(plan.monitoringFromOn) : null, state: horizonState(plan?.monitoringFromOn ?? null, today) },
      recommendations,
      earlyLearning: rated.filter((a) => !a.recommendation),
      agencyOnly,
      agencies: manage ? (await listAgencies(trx, [review.boardId])).filter((a) => a.isActive) : [],
      may: { manage, accept, verify: can(caller.actor, 'action.verify', where) },
      meetings: { kind: planMeetingKind(review.frameworkId), options: accept ? await this.meetingsFor(trx, review) : [] },
      acceptProblems: agencyOnly ? {} : await this.acceptProblems(trx, review, actions, all),
      closeProblems: agencyOnly ? {} : closureProblems({ accepted: plan !== null, closureSignedOff: plan?.closureSignedOffAt != null, actions }),
    };
  }

  /** The meetings that may agree the plan: the case review group's under SUSR, otherwise the board's (not cancelled). */
  private async meetingsFor(trx: Executor, review: ReviewRow): Promise<{ id: string; meetsOn: string }[]> {
    if (planMeetingKind(review.frameworkId) === 'case_review_group')
      return (await listMeetings(trx, review.boardId)).map((m) => ({ id: m.id, meetsOn: m.meetsOn }));
    return (await boardMeetingsOf(trx, review.boardId, 50)).filter((m) => m.status !== 'cancelled').map((m) => ({ id: m.id, meetsOn: m.meetsOn }));
  }

  /** Before the plan is accepted: the report accepted by the board, and an action for every recommendation (R4). */
  private async acceptProblems(trx: Executor, review: ReviewRow, actions: readonly ActionRow[], known?: readonly RecommendationRow[]): Promise<FieldErrors> {
    const problems: FieldErrors = {};
    const report = await findReportHead(trx, review.id);
    if (report?.acceptedVersion == null) problems.report = 'actions:gate.reportNotAccepted';
    const recommendations = known ?? (await listRecommendations(trx, review.id, 'all'));
    if (recommendations.some((r) => !actions.some((a) => a.recommendation?.id === r.id))) problems.actions = 'actions:gate.recommendationWithoutAction';
    return problems;
  }

  /**
   * Makes an action and appoints its owner, in the caller's transaction (early learning and the plan alike):
   * the owner gets the action owner's role for the lead agency on this review (an existing account, or — the
   * business unit only — a new person invited); refused, with nothing written, for an agency not on the board,
   * an owner employed by another agency, missing or bad answers.
   */
  async createAction(
    trx: Executor,
    caller: Caller,
    review: ReviewRow,
    input: ActionInput & { source: ActionSource; recommendationId: string | null; lesson: string },
  ): Promise<{ actionId: string; ownerId: string; invited: boolean }> {
    const existing = await findPersonRowByEmail(trx, input.ownerEmail.trim());
    if (!existing && !can(caller.actor, 'review.manage', { boardId: review.boardId, reviewId: review.id }))
      throw invalid({ ownerEmail: 'earlyLearning.ownerUnknown' });
    const agencies = await listAgencies(trx, [review.boardId]);
    if (input.supportingAgencyIds.some((id) => !agencies.some((a) => a.id === id && a.isActive)))
      throw invalid({ supportingAgencyIds: 'actions:errors.agencyUnknown' });
    const owner = await this.deps.reviewRoles
      .grantByEmail(
        trx,
        caller,
        review,
        { fullName: input.ownerName.trim(), email: input.ownerEmail.trim(), jobTitle: null, agencyId: input.leadAgencyId, language: input.ownerLanguage },
        { role: 'action_owner', agencyId: input.leadAgencyId },
      )
      .catch((error: unknown) => {
        if (!(error instanceof ServiceError) || error.kind !== 'invalid') throw error;
        const renamed: FieldErrors = {};
        for (const [field, key] of Object.entries(error.fieldErrors)) renamed[FIELD_OF_ROLE[field] ?? field] = key;
        throw invalid(renamed);
      });
    const id = newId();
    await insertAction(
      trx,
      {
        id,
        reviewId: review.id,
        boardId: review.boardId,
        source: input.source,
        recommendationId: input.recommendationId,
        lesson: input.lesson.trim(),
        action: input.action.trim(),
        leadAgencyId: input.leadAgencyId,
        supportingAgencyIds: input.supportingAgencyIds,
        ownerId: owner.personId,
        targetOn: String(input.targetOn),
        status: NEW_ACTION_STATUS,
        successMeasure: input.successMeasure.trim(),
        completionEvidence: input.completionEvidence.trim(),
        impactMeasure: input.impactMeasure.trim(),
        createdBy: caller.actor?.personId ?? null,
      },
      this.deps.clock.now().toISOString(),
    );
    await this.workflow.created(trx, caller, {
      record: 'review_action',
      id,
      event: 'create',
      summary: {
        reviewId: review.id,
        source: input.source,
        leadAgencyId: input.leadAgencyId,
        supportingAgencies: input.supportingAgencyIds.length,
        ownerId: owner.personId,
        ownerInvited: owner.created,
      },
    });
    return { actionId: id, ownerId: owner.personId, invited: owner.created };
  }

  /** An action for a recommendation of the plan (the report's or the board's), by the business unit. */
  async addAction(caller: Caller, scope: ReviewScope, recommendationId: string, input: ActionInput): Promise<{ actionId: string; invited: boolean }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, scope, 'action.manage');
      const recommendation = (await listRecommendations(trx, review.id, 'all')).find((r) => r.id === recommendationId);
      if (!recommendation) throw notFound('recommendation');
      const errors = actionProblems(input, this.deps.clock.today());
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const made = await this.createAction(trx, caller, review, {
        ...input,
        source: recommendation.source === 'board' ? 'board' : 'report',
        recommendationId: recommendation.id,
        lesson: '',
      });
      return { actionId: made.actionId, invited: made.invited };
    });
  }

  /** The board's own recommendation, added to the plan by the business unit (numbered after the report's). */
  async addBoardRecommendation(caller: Caller, scope: ReviewScope, input: { text: string }): Promise<{ id: string; number: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, scope, 'action.manage');
      const errors = textProblems(BOARD_RECOMMENDATION_TEXT, input);
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const id = newId();
      const number = await nextRecommendationNumber(trx, review.id);
      const at = this.deps.clock.now().toISOString();
      const by = caller.actor?.personId ?? null;
      await insertRecommendation(trx, {
        id,
        reviewId: review.id,
        boardId: review.boardId,
        number,
        text: input.text.trim(),
        agencyId: null,
        personId: null,
        responsible: null,
        targetOn: null,
        by,
        at,
        source: 'board',
      });
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { recommendationId: id, number },
      });
      return { id, number };
    });
  }

  /** One action of the plan as the reader may see it (their agency's only, for an agency's role), or not found. */
  async actionInScope(trx: Executor, caller: Caller, scope: Omit<ReviewScope, 'agencyId'>, actionId: string, permission: 'action.view' | 'action.update') {
    const review = await reviewInAnyPart(trx, caller, scope, 'action.view');
    const action = await findAction(trx, review.id, actionId);
    if (!action) throw notFound('action');
    const where = { boardId: review.boardId, reviewId: review.id };
    const reach = (agencyId?: string) => can(caller.actor, permission, { ...where, agencyId });
    const mayWhole = reach();
    const viaAgency = [action.leadAgencyId, ...action.supportingAgencies.map((a) => a.id)].some((id) => reach(id));
    // Another agency's action is not found for an agency's role (its existence is not theirs to know).
    if (!mayWhole && !viaAgency) {
      if (permission === 'action.view') throw notFound('action');
      throw forbidden();
    }
    return { review, action };
  }

  /** A revised target date with its reason (the business unit), at the version opened. */
  async reviseTarget(caller: Caller, scope: Omit<ReviewScope, 'agencyId'>, actionId: string, input: { version: number; targetOn: DateAnswer; reason: string }) {
    return inTransaction(this.deps.db, async (trx) => {
      const { review, action } = await this.managed(trx, caller, scope, actionId);
      const errors = revisionProblems(input, action.targetOn, this.deps.clock.today());
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const at = this.deps.clock.now().toISOString();
      const to = String(input.targetOn);
      if (!(await updateActionFields(trx, action.id, input.version, { target_on: to }, at))) throw changedMeanwhile();
      const by = caller.actor?.personId ?? null;
      await insertTargetRevision(trx, { id: newId(), actionId: action.id, fromOn: action.targetOn, toOn: to, reason: input.reason.trim(), createdBy: by }, at);
      await insertActionUpdate(
        trx,
        {
          id: newId(),
          actionId: action.id,
          reviewId: review.id,
          boardId: review.boardId,
          kind: 'target_revised',
          narrative: input.reason.trim(),
          statusFrom: null,
          statusTo: null,
          createdBy: by,
        },
        at,
      );
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review_action',
        recordId: action.id,
        summary: { fields: ['targetOn'] },
      });
    });
  }

  /** The business unit's RAG override with its reason (null: back to the rule), while the action keeps its status. */
  async overrideRag(caller: Caller, scope: Omit<ReviewScope, 'agencyId'>, actionId: string, input: { version: number; rag: string | null; reason: string }) {
    return inTransaction(this.deps.db, async (trx) => {
      const { review, action } = await this.managed(trx, caller, scope, actionId);
      const errors: FieldErrors = input.rag === null ? {} : textProblems(ACTION_REASON_TEXT, input);
      if (input.rag !== null && !isRag(input.rag)) errors.rag = 'actions:errors.ragRequired';
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const at = this.deps.clock.now().toISOString();
      const by = caller.actor?.personId ?? null;
      const values =
        input.rag === null
          ? { rag_override: null, rag_override_status: null, rag_override_reason: null, rag_override_by: null, rag_override_at: null }
          : { rag_override: input.rag, rag_override_status: action.status, rag_override_reason: input.reason.trim(), rag_override_by: by, rag_override_at: at };
      if (!(await updateActionFields(trx, action.id, input.version, values, at))) throw changedMeanwhile();
      await insertActionUpdate(
        trx,
        {
          id: newId(),
          actionId: action.id,
          reviewId: review.id,
          boardId: review.boardId,
          kind: 'rag_override',
          narrative: input.rag === null ? '' : input.reason.trim(),
          statusFrom: null,
          statusTo: input.rag,
          createdBy: by,
        },
        at,
      );
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review_action',
        recordId: action.id,
        summary: { rag: input.rag, cleared: input.rag === null },
      });
    });
  }

  private async managed(trx: Executor, caller: Caller, scope: Omit<ReviewScope, 'agencyId'>, actionId: string) {
    const review = await reviewInScope(trx, caller, scope, 'action.manage');
    const action = await findAction(trx, review.id, actionId);
    if (!action) throw notFound('action');
    return { review, action };
  }

  /**
   * The board chair accepts the plan (with the board meeting, or under SUSR the case review group's meeting, that
   * agreed it): monitoring starts today. Refused until the report is accepted and every recommendation has an
   * action; a second acceptance is a conflict.
   */
  async accept(caller: Caller, scope: Omit<ReviewScope, 'agencyId'>, input: { meetingId: string }) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, scope, 'action.plan_accept');
      if (await findActionPlan(trx, review.id)) throw new ServiceError('conflict', 'actions.alreadyAccepted', { form: 'actions:errors.alreadyAccepted' });
      const problems = await this.acceptProblems(trx, review, await reviewActions(trx, review.id));
      const kind = planMeetingKind(review.frameworkId);
      // The meeting that agreed it, of this board (another board's is as unknown as none).
      if (!input.meetingId) problems.meetingId = 'actions:errors.meetingRequired';
      else if (!(await this.meetingsFor(trx, review)).some((m) => m.id === input.meetingId)) problems.meetingId = 'actions:errors.meetingUnknown';
      if (Object.keys(problems).length > 0) throw invalid(problems);
      const today = this.deps.clock.today();
      await insertActionPlan(
        trx,
        {
          reviewId: review.id,
          boardId: review.boardId,
          acceptedBy: caller.actor?.personId ?? null,
          meetingKind: kind,
          meetingId: input.meetingId,
          monitoringFromOn: today,
        },
        this.deps.clock.now().toISOString(),
      );
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { monitoringFrom: today, meetingKind: kind, meetingId: input.meetingId },
      });
      return { monitoringFromOn: today, horizonOn: horizonOf(today) };
    });
  }

  /** The board chair's sign-off of the review's closure: only with the plan accepted and every action done (R13). */
  async signOffClosure(caller: Caller, scope: Omit<ReviewScope, 'agencyId'>, input: { note: string }) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, scope, 'action.plan_accept');
      const plan = await findActionPlan(trx, review.id);
      const problems = closureProblems({ accepted: plan !== undefined, closureSignedOff: true, actions: await reviewActions(trx, review.id) });
      Object.assign(problems, textProblems(ACTION_CLOSURE_TEXT, input));
      if (Object.keys(problems).length > 0) throw invalid(problems);
      if (!(await signOffClosure(trx, review.id, caller.actor?.personId ?? null, input.note.trim(), this.deps.clock.now().toISOString())))
        throw new ServiceError('conflict', 'actions.closureSignedOff', { form: 'actions:errors.closureAlreadySignedOff' });
      await this.deps.audit.record(trx, caller, { boardId: review.boardId, recordType: 'review', recordId: review.id, summary: { closureSignedOff: true } });
    });
  }
}

/** The action changed since the form was opened (another edit or a move): 409, nothing written. */
export const changedMeanwhile = () => new ServiceError('conflict', 'actions.changedMeanwhile', { form: 'actions:errors.changedMeanwhile' });
