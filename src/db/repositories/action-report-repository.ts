// The board's progress report and the partner view (issue 12 items 5 and 6): grouped counts, each a GROUP BY in
// the database, so a board's tens of thousands of actions (400,000 nationally) come back as a few hundred rows.
// The actions are grouped by review, lead agency, status, the three date comparisons the RAG rule makes (with
// the days src/domain/actions/progress-report.ts gives) and the override that holds; the domain rates each group.
import { sql } from 'kysely';
import type { ActionBucket, EventCount, ReviewInfo } from '../../domain/actions/progress-report.ts';
import { addDays, type IsoDate } from '../../domain/clock/dates.ts';
import { londonMidnight } from '../../domain/clock/london.ts';
import type { Executor } from '../transaction.ts';
import { leadsOrSupports } from './actions-repository.ts';

const flag = (v: unknown) => Number(v) === 1;

/**
 * GROUP BY the first n selected columns by their positions: PostgreSQL matches a grouped expression with its
 * selected twin only when they are written alike, and each carries its own bind parameters.
 */
const byPosition = (n: number) => Array.from({ length: n }, (_, i) => sql.raw(String(i + 1)));

/**
 * The board's actions grouped for the RAG rule (ActionBucket). `staleBy` is a day: the last update (or the
 * making) is stale when its London day is on or before it, i.e. its instant is before the next day's London midnight.
 */
export async function actionBuckets(
  db: Executor,
  boardId: string,
  th: { pastBefore: IsoDate; nearBy: IsoDate; staleBy: IsoDate },
  opts: { agencyId?: string } = {},
): Promise<ActionBucket[]> {
  const staleBefore = londonMidnight(addDays(th.staleBy, 1)).toISOString();
  const past = sql<number>`case when a.target_on < ${th.pastBefore} then 1 else 0 end`;
  const near = sql<number>`case when a.target_on <= ${th.nearBy} then 1 else 0 end`;
  const stale = sql<number>`case when coalesce(a.last_update_at, a.created_at) < ${staleBefore} then 1 else 0 end`;
  const override = sql<string | null>`case when a.rag_override_status = a.status then a.rag_override else null end`;
  let q = db
    .selectFrom('review_actions as a')
    .select((eb) => [
      'a.review_id',
      'a.lead_agency_id',
      'a.status',
      past.as('past'),
      near.as('near'),
      stale.as('stale'),
      override.as('override'),
      eb.fn.countAll().as('n'),
    ])
    .where('a.board_id', '=', boardId);
  if (opts.agencyId) q = q.where('a.lead_agency_id', '=', opts.agencyId);
  const rows = await q.groupBy(byPosition(7)).execute();
  return rows.map((r) => ({
    reviewId: r.review_id,
    agencyId: r.lead_agency_id,
    status: r.status,
    past: flag(r.past),
    near: flag(r.near),
    stale: flag(r.stale),
    override: r.override ?? null,
    count: Number(r.n),
  }));
}

/** Impact evidenced and verifications recorded in the range (London days, inclusive), per review and lead agency. */
export async function actionEventCounts(db: Executor, boardId: string, range: { from: IsoDate; to: IsoDate }): Promise<EventCount[]> {
  const rows = await db
    .selectFrom('review_action_updates as u')
    .innerJoin('review_actions as a', 'a.id', 'u.action_id')
    .select((eb) => ['u.review_id', 'a.lead_agency_id', 'u.kind', eb.fn.countAll().as('n')])
    .where('u.board_id', '=', boardId)
    .where('u.kind', 'in', ['impact', 'verified'])
    .where('u.created_at', '>=', londonMidnight(range.from).toISOString())
    .where('u.created_at', '<', londonMidnight(addDays(range.to, 1)).toISOString())
    .groupBy(['u.review_id', 'a.lead_agency_id', 'u.kind'])
    .execute();
  return rows.map((r) => ({ reviewId: r.review_id, agencyId: r.lead_agency_id, kind: r.kind === 'impact' ? 'impact' : 'verified', count: Number(r.n) }));
}

/** The board's reviews with actions or an accepted plan: reference, monitoring start, closure signed off. */
export async function reportReviews(db: Executor, boardId: string): Promise<ReviewInfo[]> {
  const rows = await db
    .selectFrom('reviews as r')
    .leftJoin('action_plans as p', 'p.review_id', 'r.id')
    .select(['r.id', 'r.reference', 'p.monitoring_from_on', 'p.closure_signed_off_at'])
    .where('r.board_id', '=', boardId)
    .where((eb) =>
      eb.or([eb('p.review_id', 'is not', null), eb.exists(eb.selectFrom('review_actions as a').select('a.id').whereRef('a.review_id', '=', 'r.id'))]),
    )
    .orderBy('r.reference')
    .execute();
  return rows.map((r) => ({ id: r.id, reference: r.reference, monitoringFromOn: r.monitoring_from_on ?? null, closed: r.closure_signed_off_at !== null }));
}

/** The agency's part in an action: it leads it, or it is one of its supporting agencies (review_action_agencies). */
export type PartnerRole = 'lead' | 'supporting';

const roleOf = (agencyId: string) => sql<PartnerRole>`case when a.lead_agency_id = ${agencyId} then 'lead' else 'supporting' end`;
const asRole = (v: unknown): PartnerRole => (v === 'lead' ? 'lead' : 'supporting');

/**
 * The actions of the board the agency leads or supports, grouped for its timeliness: by target date, status, the
 * hour (UTC) of the owner's last proposal of complete — a whole hour, so its London day is exact — and its role.
 */
export async function partnerTimelinessRows(
  db: Executor,
  boardId: string,
  agencyId: string,
): Promise<{ status: string; targetOn: string; completedHour: string | null; role: PartnerRole; count: number }[]> {
  // The last proposal of complete of each action of the board that has one (one pass over the board's updates).
  const completed = db
    .selectFrom('review_action_updates as c')
    .select(['c.action_id', (eb) => eb.fn.max('c.created_at').as('at')])
    .where('c.board_id', '=', boardId)
    .where('c.kind', '=', 'complete')
    .groupBy('c.action_id')
    .as('c');
  const completedHour = sql<string | null>`substr(c.at, 1, 13)`;
  const rows = await db
    .selectFrom('review_actions as a')
    .leftJoin(completed, 'c.action_id', 'a.id')
    .select((eb) => ['a.status', 'a.target_on', completedHour.as('completed_hour'), roleOf(agencyId).as('role'), eb.fn.countAll().as('n')])
    .where('a.board_id', '=', boardId)
    // The actions it leads or supports, each once (lead where it is both).
    .where(leadsOrSupports(agencyId))
    .groupBy(byPosition(4))
    .execute();
  return rows.map((r) => ({
    status: r.status,
    targetOn: r.target_on,
    completedHour: r.completed_hour ?? null,
    role: asRole(r.role),
    count: Number(r.n),
  }));
}

export interface PartnerActionRow {
  id: string;
  reviewId: string;
  reference: string;
  recommendationNumber: number | null;
  status: string;
  targetOn: string;
  lastUpdateAt: string | null;
  createdAt: string;
  ragOverride: string | null;
  ragOverrideStatus: string | null;
  role: PartnerRole;
}

/** A page of the actions of the board the agency leads or supports, soonest target first, with their review's reference and the agency's role (no action text); how many there are is the timeliness rows' sum. */
export async function partnerActions(db: Executor, boardId: string, agencyId: string, page: { limit: number; offset: number }): Promise<PartnerActionRow[]> {
  const rows = await db
    .selectFrom('review_actions as a')
    .where('a.board_id', '=', boardId)
    // The actions it leads or supports, each once (lead where it is both).
    .where(leadsOrSupports(agencyId))
    .innerJoin('reviews as r', 'r.id', 'a.review_id')
    .leftJoin('review_recommendations as rec', 'rec.id', 'a.recommendation_id')
    .select([
      'a.id',
      'a.review_id',
      'r.reference',
      'rec.number',
      'a.status',
      'a.target_on',
      'a.last_update_at',
      'a.created_at',
      'a.rag_override',
      'a.rag_override_status',
      roleOf(agencyId).as('role'),
    ])
    .orderBy('a.target_on')
    .orderBy('a.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reviewId: r.review_id,
    reference: r.reference,
    recommendationNumber: r.number == null ? null : Number(r.number),
    status: r.status,
    targetOn: r.target_on,
    lastUpdateAt: r.last_update_at,
    createdAt: r.created_at,
    ragOverride: r.rag_override,
    ragOverrideStatus: r.rag_override_status,
    role: asRole(r.role),
  }));
}

/** Whether the agency is one of the board's. */
export async function isBoardAgency(db: Executor, boardId: string, agencyId: string): Promise<boolean> {
  const row = await db.selectFrom('board_agencies').select('agency_id').where('board_id', '=', boardId).where('agency_id', '=', agencyId).executeTakeFirst();
  return row !== undefined;
}
