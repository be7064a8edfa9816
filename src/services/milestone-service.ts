// Milestones of a review (issue 10 item 5; DOMAIN.md §1.4, §2.4, §8.4): the plan made from the framework's
// template and the review's completion target (the framework's timer, working days in the board's
// calendar), made when the business unit first opens it or asks for it; each date read against today and
// the review's holds (slippage against the date first planned, with the days on hold beside it: holds never
// move a planned date, see src/domain/reviews/milestones.ts); and changes of dates: a moved planned date
// needs a reason, every change is kept (review_milestone_revisions) and audited, and a change saved on a
// version someone else changed first is refused (409), never lost. The review page's section and the
// reviews list read through here too (sectionFor, overdueCounts) without auditing a read of their own: the
// page's own read is the one audited.
import type { Db } from '../db/database.ts';
import {
  findMilestone,
  insertMilestoneRevision,
  insertMilestones,
  type MilestoneRevisionRow,
  type MilestoneRow,
  milestoneRevisionsOf,
  milestonesOf,
  overdueMilestoneCounts,
  updateMilestoneDates,
} from '../db/repositories/milestones-repository.ts';
import { panelMeetingsOf } from '../db/repositories/panel-meetings-repository.ts';
import { holdsOf, type ReviewRow } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { getFramework, type MilestoneKind } from '../domain/frameworks/index.ts';
import { resolveTimers } from '../domain/frameworks/timers.ts';
import { can } from '../domain/permissions.ts';
import { type MilestoneChange, type MilestoneReading, milestoneChangeProblems, planMilestones, readMilestone } from '../domain/reviews/milestones.ts';
import type { AuditService } from './audit-service.ts';
import { settingsIn } from './consideration-settings.ts';
import { type Caller, type Clock, invalid, newId, notFound, ServiceError } from './context.ts';
import { reviewInScope } from './review-access.ts';

export interface MilestoneDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
}

export interface MilestoneView extends MilestoneRow, MilestoneReading {
  kind: MilestoneKind;
  revisions: MilestoneRevisionRow[];
}

export interface MilestonePlan {
  review: ReviewRow;
  asOf: string;
  milestones: MilestoneView[];
  holds: { pausedOn: string; resumedOn: string | null }[];
  /** The business unit may make the plan and change dates. */
  mayManage: boolean;
}

export interface ReviewMilestoneSection {
  hasPlan: boolean;
  next: MilestoneView | undefined;
  overdue: MilestoneView[];
  /** The greatest slippage of any milestone (days), 0 when none is late. */
  worstSlippage: number;
  pausedDays: number;
  nextMeeting: { id: string; meetsOn: string; startsAt: string | null; mode: string; location: string } | undefined;
}

export class MilestoneService {
  constructor(private readonly deps: MilestoneDeps) {}

  private async makePlan(trx: Executor, review: ReviewRow): Promise<number> {
    const framework = getFramework(review.frameworkId);
    const completion = resolveTimers(framework).find((t) => t.id === 'completion')?.duration ?? { amount: 6, unit: 'months' as const };
    const settings = await settingsIn(trx, review.boardId);
    const plan = planMilestones(framework.milestones, { decidedOn: review.decidedOn, completion, region: settings.holidayRegion });
    await insertMilestones(
      trx,
      plan.map((p) => ({ id: newId(), reviewId: review.id, boardId: review.boardId, position: p.ordinal, key: p.key, kind: p.kind, plannedOn: p.plannedOn })),
      this.deps.clock.now().toISOString(),
    );
    return plan.length;
  }

  private async readPlan(trx: Executor, caller: Caller, review: ReviewRow): Promise<MilestonePlan> {
    const asOf = this.deps.clock.today();
    const [rows, revisions, holds] = await Promise.all([milestonesOf(trx, review.id), milestoneRevisionsOf(trx, review.id), holdsOf(trx, [review.id])]);
    const spans = (holds.get(review.id) ?? []).map((h) => ({ pausedOn: h.pausedOn, resumedOn: h.resumedOn }));
    const milestones = rows.map((m) => ({
      ...m,
      kind: m.kind as MilestoneKind,
      ...readMilestone(m, { decidedOn: review.decidedOn, asOf, holds: spans }),
      revisions: revisions.get(m.id) ?? [],
    }));
    return { review, asOf, milestones, holds: spans, mayManage: can(caller.actor, 'milestone.manage', { boardId: review.boardId, reviewId: review.id }) };
  }

  /**
   * The review's plan, read (and audited) as the route declares. Opened by the business unit before any
   * plan exists, the plan is made from the framework's template in the same transaction (and audited);
   * anyone else sees that none is made yet.
   */
  async plan(caller: Caller, boardId: string, reviewId: string): Promise<MilestonePlan> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.view');
      const existing = await milestonesOf(trx, reviewId);
      if (existing.length === 0 && can(caller.actor, 'milestone.manage', { boardId, reviewId })) {
        const made = await this.makePlan(trx, review);
        await this.deps.audit.record(trx, caller, {
          action: 'MILESTONE_PLAN_CREATED',
          boardId,
          recordType: 'review',
          recordId: reviewId,
          summary: { milestones: made, frameworkId: review.frameworkId, on: 'first_opened' },
        });
      }
      const plan = await this.readPlan(trx, caller, review);
      await this.deps.audit.recordRead(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { milestones: plan.milestones.length } });
      return plan;
    });
  }

  /** Makes the plan on request (the business unit); a review that has one already is a conflict. */
  async createPlan(caller: Caller, boardId: string, reviewId: string): Promise<{ milestones: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'milestone.manage');
      if ((await milestonesOf(trx, reviewId)).length > 0) throw new ServiceError('conflict', 'milestones.planExists', { form: 'milestones:errors.planExists' });
      const made = await this.makePlan(trx, review);
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { milestones: made, frameworkId: review.frameworkId },
      });
      return { milestones: made };
    });
  }

  /**
   * Changes a milestone's dates (the business unit): moves its planned date (with a reason), records the
   * date it was met, or clears a met date recorded by mistake (with a reason). `version` is the one the
   * caller saw: a change someone saved first wins, this one gets a 409 and changes nothing.
   */
  async change(
    caller: Caller,
    boardId: string,
    reviewId: string,
    milestoneId: string,
    input: MilestoneChange & { version?: number | undefined },
  ): Promise<MilestoneRow> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'milestone.manage');
      const m = await findMilestone(trx, reviewId, milestoneId);
      if (!m) throw notFound('milestone');
      const version = input.version ?? m.version;
      if (version !== m.version) throw changedMeanwhile();
      const problems = milestoneChangeProblems(m, input, { decidedOn: review.decidedOn, today: this.deps.clock.today() });
      if (Object.keys(problems).length > 0) throw invalid(problems);
      const reason = input.reason?.trim() || null;
      const plannedOn = input.plannedOn?.trim() || m.plannedOn;
      const actualRaw = input.actualOn === undefined || input.actualOn === null ? undefined : input.actualOn.trim();
      const actualOn = actualRaw === undefined ? m.actualOn : actualRaw === '' ? null : actualRaw;
      const at = this.deps.clock.now().toISOString();
      if (!(await updateMilestoneDates(trx, { id: m.id, version, plannedOn, actualOn }, at))) throw changedMeanwhile();
      const fields: string[] = [];
      const actorId = caller.actor?.personId ?? null;
      if (plannedOn !== m.plannedOn) {
        fields.push('plannedOn');
        await insertMilestoneRevision(
          trx,
          { id: newId(), milestoneId: m.id, reviewId, field: 'planned', fromOn: m.plannedOn, toOn: plannedOn, reason, actorId },
          at,
        );
      }
      if (actualOn !== m.actualOn) {
        fields.push('actualOn');
        await insertMilestoneRevision(
          trx,
          { id: newId(), milestoneId: m.id, reviewId, field: 'actual', fromOn: m.actualOn, toOn: actualOn, reason, actorId },
          at,
        );
      }
      await this.deps.audit.record(trx, caller, {
        action: 'MILESTONE_CHANGED',
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { milestoneId: m.id, kind: m.kind, fields, reasonGiven: reason !== null },
      });
      return { ...m, plannedOn, actualOn, version: version + 1 };
    });
  }

  /**
   * Records the date a milestone of this kind was met (the first of the kind not yet met), from a change
   * another service makes in its own transaction (a learning event recorded as held): the caller has checked
   * its own permission on the review. Kept in the milestone's history and audited like a change of dates.
   * Nothing happens when the review has no plan yet, or every milestone of the kind is met already.
   */
  async recordMetIn(trx: Executor, caller: Caller, review: ReviewRow, kind: MilestoneKind, metOn: string): Promise<boolean> {
    const m = (await milestonesOf(trx, review.id)).find((x) => x.kind === kind && x.actualOn === null);
    if (!m) return false;
    const at = this.deps.clock.now().toISOString();
    if (!(await updateMilestoneDates(trx, { id: m.id, version: m.version, plannedOn: m.plannedOn, actualOn: metOn }, at))) throw changedMeanwhile();
    await insertMilestoneRevision(
      trx,
      {
        id: newId(),
        milestoneId: m.id,
        reviewId: review.id,
        field: 'actual',
        fromOn: null,
        toOn: metOn,
        reason: null,
        actorId: caller.actor?.personId ?? null,
      },
      at,
    );
    await this.deps.audit.record(trx, caller, {
      action: 'MILESTONE_CHANGED',
      boardId: review.boardId,
      recordType: 'review',
      recordId: review.id,
      summary: { milestoneId: m.id, kind: m.kind, fields: ['actualOn'], reasonGiven: false },
    });
    return true;
  }

  /**
   * What the review page shows of the plan: the next milestone, those overdue, the worst slippage, the days
   * on hold, and the next panel meeting. Read in the review page's transaction, for a review it has checked;
   * not audited on its own (the page's read is).
   */
  async sectionIn(db: Executor, caller: Caller, review: ReviewRow): Promise<ReviewMilestoneSection> {
    const [plan, meetings] = await Promise.all([this.readPlan(db, caller, review), panelMeetingsOf(db, review.id)]);
    const open = plan.milestones.filter((m) => m.status !== 'met');
    const next = open.find((m) => m.status !== 'overdue');
    const meeting = meetings.find((m) => m.status === 'scheduled' && m.meetsOn >= plan.asOf);
    return {
      hasPlan: plan.milestones.length > 0,
      next,
      overdue: open.filter((m) => m.status === 'overdue'),
      worstSlippage: Math.max(0, ...plan.milestones.map((m) => m.slippageDays)),
      pausedDays: plan.milestones.length > 0 ? Math.max(...plan.milestones.map((m) => m.pausedDays)) : 0,
      nextMeeting: meeting
        ? { id: meeting.id, meetsOn: meeting.meetsOn, startsAt: meeting.startsAt, mode: meeting.mode, location: meeting.location }
        : undefined,
    };
  }
}

/** How many milestones of each review are overdue today (the reviews list's overdue items), in the caller's transaction. */
export function overdueMilestones(db: Executor, boardId: string, reviewIds: readonly string[], today: string): Promise<Map<string, number>> {
  return overdueMilestoneCounts(db, boardId, reviewIds, today);
}

function changedMeanwhile() {
  return new ServiceError('conflict', 'milestones.changedMeanwhile', { form: 'milestones:errors.changedMeanwhile' });
}
