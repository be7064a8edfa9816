// Early learning (issue 10 item 8; R12): the panel — its chair and members, or the business unit for it —
// records, at any stage of a review, a lesson and the immediate action an agency takes on it (lead agency,
// owner, target date). The action is kept as an action of the review (status not started), monitored without
// waiting for the report; the owner gets the action owner's role for that agency on this review (through
// ReviewRolesService: that action and the review's plan, nothing else of it). Only the business unit may
// bring someone new to the service as an owner: the panel names an owner who already has an account.
// Every change is audited in its transaction; the list is case material, audited as the route declares.
import type { Db } from '../db/database.ts';
import { reviewActions } from '../db/repositories/actions-repository.ts';
import { listAgencies } from '../db/repositories/organisation-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { targetProblem } from '../domain/actions/action-input.ts';
import { EARLY_LEARNING_TEXT, textProblems } from '../domain/limits.ts';
import type { Language } from '../domain/organisation.ts';
import { can } from '../domain/permissions.ts';
import { EARLY_LEARNING_TARGET_KEYS } from '../domain/reviews/early-learning.ts';
import { EMAIL_ADDRESS } from '../domain/text.ts';
import type { ActionPlanService } from './actions/action-plan-service.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, type FieldErrors, invalid } from './context.ts';
import { type ReviewScope, reviewInScope } from './review-access.ts';

export interface EarlyLearningDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** Makes the action and appoints its owner (the action plan's one way). */
  plans: ActionPlanService;
}

export interface EarlyLearningInput {
  lesson: string;
  action: string;
  leadAgencyId: string;
  ownerName: string;
  ownerEmail: string;
  /** The owner's language, for a new account's invitation (an existing account keeps its own). */
  ownerLanguage: Language;
  /** YYYY-MM-DD; null when not given; 'incomplete' or 'invalid' as a page's date input was filled in. */
  targetOn: string | null | 'incomplete' | 'invalid';
}

export class EarlyLearningService {
  constructor(private readonly deps: EarlyLearningDeps) {}

  /** The review's early learning, with its lead agencies and owners; the read is audited (as the route declares). */
  async list(caller: Caller, scope: ReviewScope) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, scope, 'review.view');
      const actions = (await reviewActions(trx, review.id)).filter((a) => a.source === 'early_learning');
      const canRecord = can(caller.actor, 'review.learning_record', { boardId: review.boardId, reviewId: review.id });
      const agencies = canRecord ? (await listAgencies(trx, [review.boardId])).filter((a) => a.isActive) : [];
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { actions: actions.length },
      });
      return { review, actions, canRecord, agencies: agencies.map((a) => ({ id: a.id, nameEn: a.nameEn, nameCy: a.nameCy })) };
    });
  }

  /** What is wrong with the answers, before anything is looked up: field → locale key. */
  problems(input: EarlyLearningInput): FieldErrors {
    const errors: FieldErrors = textProblems(EARLY_LEARNING_TEXT, input);
    if (!input.leadAgencyId) errors.leadAgencyId = 'earlyLearning.agencyRequired';
    if (!errors.ownerEmail && !EMAIL_ADDRESS.test(input.ownerEmail.trim())) errors.ownerEmail = 'email.invalid';
    const target = targetProblem(input.targetOn, this.deps.clock.today(), EARLY_LEARNING_TARGET_KEYS);
    if (target) errors.targetOn = target;
    return errors;
  }

  /**
   * Records a lesson and its immediate action for the lead agency, and gives the owner the action owner's
   * role for that agency on the review, in one transaction (audited). Refused, with nothing written: an
   * agency that is not the board's, an owner employed by another agency, a new owner named by anyone but the
   * business unit, a target date in the past or beyond the monitoring horizon, missing answers.
   */
  async record(caller: Caller, scope: ReviewScope, input: EarlyLearningInput): Promise<{ actionId: string; ownerId: string; invited: boolean }> {
    return inTransaction(this.deps.db, async (trx) => {
      // Who may first (another board's review is not found), then what was answered.
      const review = await reviewInScope(trx, caller, scope, 'review.learning_record');
      const errors = this.problems(input);
      if (Object.keys(errors).length > 0) throw invalid(errors);
      return this.deps.plans.createAction(trx, caller, review, {
        source: 'early_learning',
        recommendationId: null,
        lesson: input.lesson,
        action: input.action,
        leadAgencyId: input.leadAgencyId,
        supportingAgencyIds: [],
        ownerName: input.ownerName,
        ownerEmail: input.ownerEmail,
        ownerLanguage: input.ownerLanguage,
        targetOn: input.targetOn,
        successMeasure: '',
        completionEvidence: '',
        impactMeasure: '',
      });
    });
  }
}
