// Reading consideration: where a referral stands (with its clocks), and the board's dashboard of referrals.

import { findDecision, findReviewByReferral, latestAssessment, latestRecommendation } from '../db/repositories/consideration-repository.ts';
import { listReferralsForDashboard } from '../db/repositories/dashboard-repository.ts';
import { findBoard } from '../db/repositories/organisation-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { getFramework } from '../domain/frameworks/index.ts';
import { can } from '../domain/permissions.ts';
import { isDecided, REFERRAL_STATUSES, type ReferralStatus } from '../domain/referrals/referral.ts';
import { decisionClocks } from './consideration-clocks.ts';
import { type ConsiderationContext, frameworkInForce, referralFor } from './consideration-context.ts';
import { panelNotification } from './consideration-panel-notification.ts';
import { settingsIn } from './consideration-settings.ts';
import { type Caller, forbidden, notFound } from './context.ts';

export interface DashboardQuery {
  statuses?: ReferralStatus[];
  incidentTypes?: string[];
  overdueOnly?: boolean;
  sort?: 'received_on' | 'incident_on' | 'due';
  direction?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
  /** A page beyond the last shows the last (the pages); otherwise it is empty (the API). */
  lastPageIfBeyond?: boolean;
}

/** Where a referral stands: assessment, recommendation, decision, review and the decision clocks. */
export async function considerationIn(ctx: ConsiderationContext, db: Executor, caller: Caller, referralId: string) {
  const referral = await referralFor(db, caller, referralId);
  const board = await findBoard(db, referral.boardId);
  if (!board) throw notFound('board');
  const [assessment, recommendation, decision, review, settings] = await Promise.all([
    latestAssessment(db, referralId),
    latestRecommendation(db, referralId),
    findDecision(db, referralId),
    findReviewByReferral(db, referralId),
    settingsIn(db, referral.boardId),
  ]);
  const framework = decision?.frameworkId ? getFramework(decision.frameworkId) : frameworkInForce(board.nation, decision?.decidedOn ?? ctx.clock.today());
  // The clocks run on the statutory framework of the board's nation (its timers), whichever framework the group assessed against.
  const statutory = frameworkInForce(board.nation, ctx.clock.today());
  const clocks = decision ? undefined : decisionClocks(referral, statutory, settings, ctx.clock.today());
  const notification = panelNotification(referral, statutory, settings, ctx.clock.today());
  return { referral, board, framework, assessment, recommendation, decision, review, clocks, notification };
}

/** Where a referral stands, for its consideration page: the read of case material is audited (recordRead: as the route declares). */
export async function viewConsideration(ctx: ConsiderationContext, caller: Caller, referralId: string) {
  return inTransaction(ctx.db, async (trx) => {
    const consideration = await considerationIn(ctx, trx, caller, referralId);
    await ctx.audit.recordRead(trx, caller, {
      boardId: consideration.referral.boardId,
      recordType: 'referral',
      recordId: referralId,
      summary: {
        assessmentId: consideration.assessment?.id ?? null,
        recommendationId: consideration.recommendation?.id ?? null,
        decisionId: consideration.decision?.id ?? null,
      },
    });
    return consideration;
  });
}

export async function dashboard(ctx: ConsiderationContext, caller: Caller, boardId: string, q: DashboardQuery) {
  if (!can(caller.actor, 'referral.view', { boardId })) throw forbidden();
  const board = await findBoard(ctx.db.kysely, boardId);
  if (!board) throw notFound('board');
  const settings = await settingsIn(ctx.db.kysely, boardId);
  const framework = frameworkInForce(board.nation, ctx.clock.today());
  const statuses = q.statuses && q.statuses.length > 0 ? q.statuses : REFERRAL_STATUSES.filter((s) => !isDecided(s));
  const pageSize = q.pageSize ?? 50;
  let page = q.page ?? 1;
  // Sorting by due date is sorting by the date the first clock starts: the target is the same for all
  // (in England the day the board became aware; in Wales the incident).
  const sort = q.sort === 'due' ? (board.nation === 'england' ? 'aware_on' : 'incident_on') : (q.sort ?? 'received_on');
  const needsAll = q.overdueOnly === true;
  // The list is case material: read and audited (recordRead, named by the declaring route: the dashboard, the API's list, the
  // meeting form's choice of referrals) in one transaction, with the counts shown.
  const { rows, total } = await inTransaction(ctx.db, async (trx) => {
    const list = (offset: number) =>
      listReferralsForDashboard(trx, {
        boardId,
        statuses,
        incidentTypes: q.incidentTypes,
        sort,
        direction: q.direction ?? (q.sort === 'due' ? 'asc' : 'desc'),
        limit: needsAll ? 5000 : pageSize,
        offset,
      });
    let found = await list(needsAll ? 0 : (page - 1) * pageSize);
    // A page beyond the last shows the last when asked to (one read, one audit event).
    const last = Math.max(1, Math.ceil(found.total / pageSize));
    if (q.lastPageIfBeyond && !needsAll && page > last) {
      page = last;
      found = await list((page - 1) * pageSize);
    }
    await ctx.audit.recordRead(trx, caller, {
      boardId,
      recordType: 'board',
      recordId: boardId,
      summary: { referrals: found.rows.length, total: found.total, page },
    });
    return found;
  });
  const today = ctx.clock.today();
  let items = rows.map((r) => {
    const decided = isDecided(r.status as ReferralStatus);
    const clocks = decided ? undefined : decisionClocks(r, framework, settings, today);
    const notification = decided ? undefined : panelNotification(r, framework, settings, today);
    const overdue = [clocks?.fromIncident, clocks?.fromReferral, clocks?.rapidReview, notification?.reading].some((c) => c?.status === 'overdue');
    return { ...r, clocks, notification, overdue };
  });
  let count = total;
  if (needsAll) {
    items = items.filter((i) => i.overdue);
    count = items.length;
    if (q.lastPageIfBeyond) page = Math.min(page, Math.max(1, Math.ceil(count / pageSize)));
    items = items.slice((page - 1) * pageSize, page * pageSize);
  }
  return { board, items, total: count, page, pageSize, statuses };
}
