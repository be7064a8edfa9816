// Running a review (issue 10 item 1): the board's reviews (only those the caller may see), one review's
// workspace (framework and type, where it is on the framework's path, its completion clock with elapsed
// and paused time, the people holding roles on it, its timeline), and moving it: a stage, a hold, resuming,
// withdrawing, reopening. Every move goes through WorkflowService.transition (the review's table, a 409
// when another request moved it first) and only by the events offered today (src/domain/reviews/review.ts);
// a hold writes its review_holds row, which stops the clock, in the same transaction as the move and its
// audit event. Reads of reviews are case material: audited as the route declares (recordRead).
import type { Db } from '../db/database.ts';
import { findBoard } from '../db/repositories/organisation-repository.ts';
import {
  endHold,
  type HoldRow,
  holdsOf,
  insertHold,
  listBoardReviews,
  type ReviewRow,
  reviewPeople,
  reviewReferences,
} from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { type ClockReading, readClock } from '../domain/clock/index.ts';
import { getFramework, heldFrom, reviewWorkflow, type StageId, stageOf } from '../domain/frameworks/index.ts';
import { resolveTimers } from '../domain/frameworks/timers.ts';
import { can, reviewsWhere } from '../domain/permissions.ts';
import { HOLD_REASONS, isHoldReason, isOfferedReviewEvent, type OfferedReviewEvent, offeredEvents } from '../domain/reviews/review.ts';
import type { AuditService } from './audit-service.ts';
import { settingsIn } from './consideration-settings.ts';
import { type Caller, type Clock, forbidden, invalid, newId, notFound, ServiceError } from './context.ts';
import { overdueMilestones } from './milestone-service.ts';
import { reviewInScope } from './review-access.ts';
import { gateRefusals } from './review-gates.ts';
import type { ReviewRolesService } from './review-roles.ts';
import { setupForReader, setupOf } from './review-setup-service.ts';
import { type TimelineEntry, WorkflowService } from './workflow.ts';

export interface ReviewDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  reviewRoles: ReviewRolesService;
}

export interface ReviewListQuery {
  /** Stages (and WITHDRAWN) to show; empty: every one. A stage includes reviews on hold from it. */
  stages?: string[];
  frameworkIds?: string[];
  onHold?: boolean;
  overdueOnly?: boolean;
  page?: number;
  pageSize?: number;
  /** A page beyond the last shows the last (the pages); otherwise it is empty (the API). */
  lastPageIfBeyond?: boolean;
}

/** A review with where it stands: its stage (the one it left, on hold), whether on hold, its completion clock (none once withdrawn or closed). */
export interface ReviewSummary extends ReviewRow {
  currentStage: StageId | 'WITHDRAWN';
  onHold: boolean;
  clock: ClockReading | undefined;
  overdue: boolean;
  /** Milestones of its plan not met and planned before today (milestone-service.ts). */
  overdueMilestones: number;
  holds: HoldRow[];
}

export interface ReviewStep {
  stage: StageId;
  status: 'done' | 'current' | 'upcoming';
}

export interface ReviewMove {
  event: string;
  /** The state the caller saw (a concurrent move then gets a 409). */
  from?: string;
  reason?: string | null;
  /** Why a hold (a code from HOLD_REASONS). */
  holdReason?: string | null;
}

/** States a clock runs in: every state but these. */
const STOPPED = ['WITHDRAWN', 'CLOSED'];

export class ReviewService {
  private readonly workflow: WorkflowService;

  constructor(private readonly deps: ReviewDeps) {
    this.workflow = new WorkflowService({ clock: deps.clock, audit: deps.audit });
  }

  /**
   * Which of a board's reviews the caller may see: all of them (a board role with review.view), or those
   * a review role gives; refused when neither (another board's people, agency roles without review.view).
   */
  private visibleOn(caller: Caller, boardId: string): 'all' | string[] {
    const actor = caller.actor;
    if (!actor) throw forbidden();
    if (can(actor, 'review.view', { boardId })) return 'all';
    const { reviewIds } = reviewsWhere(actor, 'review.view');
    const mine = actor.grants
      .filter((g) => g.scope.type === 'review' && g.scope.boardId === boardId && reviewIds.includes(g.scope.reviewId))
      .map((g) => (g.scope.type === 'review' ? g.scope.reviewId : ''));
    if (mine.length === 0) throw forbidden();
    return [...new Set(mine)];
  }

  /** The completion clock of each review (from the decision, the framework's target with the board's settings, stopped by its holds). */
  private async summaries(db: Executor, boardId: string, rows: ReviewRow[]): Promise<ReviewSummary[]> {
    const asOf = this.deps.clock.today();
    const [settings, holds, lateMilestones] = await Promise.all([
      settingsIn(db, boardId),
      holdsOf(
        db,
        rows.map((r) => r.id),
      ),
      overdueMilestones(
        db,
        boardId,
        rows.map((r) => r.id),
        asOf,
      ),
    ]);
    return rows.map((r) => {
      const reviewHolds = holds.get(r.id) ?? [];
      const completion = resolveTimers(getFramework(r.frameworkId)).find((t) => t.id === 'completion');
      const clock =
        completion && !STOPPED.includes(r.stage) && r.decidedOn <= asOf
          ? readClock({
              startOn: r.decidedOn,
              target: completion.duration,
              holds: reviewHolds.map((h) => ({ pausedOn: h.pausedOn, resumedOn: h.resumedOn, reason: h.reasonCode })),
              asOf,
              region: settings.holidayRegion,
            })
          : undefined;
      return {
        ...r,
        currentStage: stageOf(r.stage) ?? 'WITHDRAWN',
        onHold: heldFrom(r.stage) !== undefined,
        clock,
        overdue: clock?.status === 'overdue',
        overdueMilestones: lateMilestones.get(r.id) ?? 0,
        holds: reviewHolds,
      };
    });
  }

  /**
   * The reviews the caller holds a review role on (for the home page): each review's reference and board, with
   * the caller's roles there. Only references: the reviews' material is read, and audited, on their pages.
   */
  async mine(caller: Caller): Promise<{ reviewId: string; boardId: string; reference: string; roles: string[] }[]> {
    const grants = (caller.actor?.grants ?? []).flatMap((g) => (g.scope.type === 'review' ? [{ role: g.role, reviewId: g.scope.reviewId }] : []));
    if (grants.length === 0) return [];
    const refs = await reviewReferences(this.deps.db.kysely, [...new Set(grants.map((g) => g.reviewId))]);
    return [...refs.entries()]
      .map(([reviewId, r]) => ({ reviewId, ...r, roles: [...new Set(grants.filter((g) => g.reviewId === reviewId).map((g) => g.role))] }))
      .sort((a, b) => a.reference.localeCompare(b.reference));
  }

  /** A board's reviews the caller may see, filtered and paged; the read is audited (as the route declares). */
  async list(caller: Caller, boardId: string, q: ReviewListQuery = {}) {
    const only = this.visibleOn(caller, boardId);
    const board = await findBoard(this.deps.db.kysely, boardId);
    if (!board) throw notFound('board');
    const pageSize = q.pageSize ?? 50;
    return inTransaction(this.deps.db, async (trx) => {
      const rows = await listBoardReviews(trx, { boardId, only, stages: q.stages, frameworkIds: q.frameworkIds, onHold: q.onHold });
      let items = await this.summaries(trx, boardId, rows);
      if (q.overdueOnly) items = items.filter((i) => i.overdue || i.overdueMilestones > 0);
      const total = items.length;
      const last = Math.max(1, Math.ceil(total / pageSize));
      let page = Math.max(1, q.page ?? 1);
      if (q.lastPageIfBeyond && page > last) page = last;
      items = items.slice((page - 1) * pageSize, page * pageSize);
      await this.deps.audit.recordRead(trx, caller, { boardId, recordType: 'board', recordId: boardId, summary: { reviews: items.length, total, page } });
      return { board, items, total, page, pageSize };
    });
  }

  /** The review, if the caller may see it on this board (not found when it is another board's). */
  private reviewFor(db: Executor, caller: Caller, boardId: string, reviewId: string): Promise<ReviewRow> {
    return reviewInScope(db, caller, { boardId, reviewId }, 'review.view');
  }

  /**
   * Where a review the caller's transaction has checked stands, without auditing (view() and the review page,
   * ReviewPageService, write the read).
   */
  async workspaceIn(db: Executor, caller: Caller, review: ReviewRow) {
    const { boardId, id: reviewId } = review;
    const [summary] = await this.summaries(db, boardId, [review]);
    if (!summary) throw notFound('review');
    const framework = getFramework(review.frameworkId);
    const table = reviewWorkflow(framework.stages);
    const path = framework.stages.slice(framework.stages.indexOf('DECIDED_PROCEED'));
    const at = summary.currentStage === 'WITHDRAWN' ? -1 : path.indexOf(summary.currentStage);
    const steps: ReviewStep[] = path.map((stage, i) => ({ stage, status: i < at ? 'done' : i === at ? 'current' : 'upcoming' }));
    const [people, timeline, setup] = await Promise.all([
      reviewPeople(db, reviewId),
      this.workflow.timeline(db, { type: 'review', id: reviewId }),
      // Its notifications, the referrals and children it covers, a joint review's boards, its parallel proceedings.
      setupOf(db, review),
    ]);
    const canManage = can(caller.actor, 'review.manage', { boardId, reviewId });
    // What the caller may do next: the offered events the caller's role allows (reopening is the chair's).
    const events = offeredEvents(table, review.stage).filter((e) =>
      can(caller.actor, e === 'reopen' ? 'review.reopen' : 'review.manage', { boardId, reviewId }),
    );
    return {
      review: summary,
      framework,
      steps,
      people,
      timeline: timeline.entries,
      timelineTotal: timeline.total,
      events,
      holdReasons: HOLD_REASONS,
      // The business unit sees all of it; the panel and the author not a proceeding's liaison contact.
      setup: setupForReader(setup, canManage),
      canManage,
    };
  }

  /** A review's workspace; the read is audited (as the route declares: the page, a form shown again, the API). */
  async view(caller: Caller, boardId: string, reviewId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const ws = await this.workspaceIn(trx, caller, await this.reviewFor(trx, caller, boardId, reviewId));
      await this.deps.audit.recordRead(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { timeline: ws.timeline.length } });
      return ws;
    });
  }

  /**
   * Moves a review by an offered event: the business unit (review.manage) for stages, holds, resuming and
   * withdrawing; the board chair (review.reopen) for reopening a closed review. Refuses an event not offered
   * today (409), an event the table does not allow from the review's state or a state other than the one
   * the caller saw (409), a hold without its reason code, and events needing a reason without one (422).
   */
  async move(caller: Caller, boardId: string, reviewId: string, input: ReviewMove): Promise<{ from: string | null; to: string }> {
    const event = input.event;
    return inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewFor(trx, caller, boardId, reviewId);
      if (!can(caller.actor, event === 'reopen' ? 'review.reopen' : 'review.manage', { boardId, reviewId })) throw forbidden();
      if (!event) throw invalid({ event: 'reviews.eventRequired' });
      if (!isOfferedReviewEvent(event)) throw new ServiceError('conflict', 'workflow.notOffered', { event: 'workflow.reviewNotOffered' });
      const holdReason = input.holdReason?.trim() || null;
      if (event === 'hold' && (!holdReason || !isHoldReason(holdReason))) throw invalid({ holdReason: 'reviews.holdReasonRequired' });
      // The event's gate (DOMAIN.md §8.6), read in the move's transaction: what is still missing, each reason shown.
      // Only for an event the table allows from where the review is (any other is the transition's 409, not a gate's 422).
      const allowedHere = offeredEvents(reviewWorkflow(getFramework(review.frameworkId).stages), review.stage).includes(event);
      const missing = allowedHere ? await gateRefusals(trx, review, event) : {};
      if (Object.keys(missing).length > 0) throw invalid(missing);
      const result = await this.workflow.transition(trx, caller, {
        record: 'review',
        id: reviewId,
        event,
        from: input.from ?? review.stage,
        reason: input.reason ?? null,
        summary: event === 'hold' ? { event, holdReason } : { event },
      });
      await this.recordHold(trx, reviewId, event, result.from, holdReason, input.reason ?? '');
      // A withdrawn review stops (DOMAIN.md §8.2 overlay): nobody works on it any more, and people's access to
      // a child's case must not outlive the reason they had it (§8.3: least privilege, per-review scoping). So
      // withdrawing ends every review-scoped role on it, in the move's transaction, each ending audited;
      // reopening is only for a closed review and gives nothing back. A hold keeps access: the review resumes.
      if (event === 'withdraw') await this.deps.reviewRoles.end(trx, caller, review);
      return { from: result.from, to: result.to };
    });
  }

  /** The hold that stops the clock, ended by resuming or by withdrawing a review on hold. */
  private async recordHold(trx: Executor, reviewId: string, event: OfferedReviewEvent, from: string | null, holdReason: string | null, reason: string) {
    const today = this.deps.clock.today();
    if (event === 'hold' && from && holdReason) {
      await insertHold(trx, {
        id: newId(),
        reviewId,
        heldStage: from,
        pausedOn: today,
        reasonCode: holdReason,
        reasonText: reason.trim(),
        createdAt: this.deps.clock.now().toISOString(),
      });
    } else if (event === 'resume' || (event === 'withdraw' && from && heldFrom(from))) {
      await endHold(trx, reviewId, today);
    }
  }
}

export type { TimelineEntry };
