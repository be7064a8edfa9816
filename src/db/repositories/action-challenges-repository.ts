// Reminders and the escalation ladder (issue 12 item 4): a board's ladder settings, the reminders sent before
// target dates and the challenge log (each rung an action climbed, with the partner's response and the outcome).
// A reminder's row and a challenge's row are unique keys: claimed in the transaction that sends the email, makes
// the letter or puts the item on the agenda, so a second claim — another instance scanning at once — finds them
// taken. The services decide; this reads and writes.
import type { Executor } from '../transaction.ts';

export async function findLadderSettings(db: Executor, boardId: string): Promise<{ settings: unknown; version: number } | undefined> {
  const row = await db.selectFrom('action_ladder_settings').select(['settings', 'version']).where('board_id', '=', boardId).executeTakeFirst();
  return row ? { settings: JSON.parse(row.settings) as unknown, version: Number(row.version) } : undefined;
}

/** Saves a board's ladder at the version its editor opened (0: the defaults, never saved); whether it was still there. */
export async function saveLadderSettings(db: Executor, boardId: string, settings: unknown, version: number, by: string | null, at: string): Promise<boolean> {
  const json = JSON.stringify(settings);
  if (version === 0) {
    const r = await db
      .insertInto('action_ladder_settings')
      .values({ board_id: boardId, settings: json, version: 1, updated_by: by, updated_at: at })
      .onConflict((oc) => oc.column('board_id').doNothing())
      .returning('board_id')
      .execute();
    return r.length === 1;
  }
  const r = await db
    .updateTable('action_ladder_settings')
    .set({ settings: json, version: version + 1, updated_by: by, updated_at: at })
    .where('board_id', '=', boardId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface LadderCandidate {
  id: string;
  reviewId: string;
  boardId: string;
  reviewState: string;
}

/**
 * The actions the scan looks at: not settled (`open` statuses), whose target date is on or before `targetBy` (a
 * reminder or the ladder may be due) or that are reported off track; with their review's state. Left out, so the
 * hourly scan stays small at national scale: those that climbed a rung today (one a day), and those past their
 * target date (no reminder left) that have reached the top rung.
 */
export async function ladderCandidates(db: Executor, open: readonly string[], targetBy: string, today: string, topRung: string): Promise<LadderCandidate[]> {
  const rows = await db
    .selectFrom('review_actions as a')
    .innerJoin('reviews as r', 'r.id', 'a.review_id')
    .select(['a.id', 'a.review_id', 'r.board_id', 'r.stage'])
    .where('a.status', 'in', open)
    .where((eb) => eb.or([eb('a.target_on', '<=', targetBy), eb('a.status', '=', 'off_track')]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('action_challenges as c')
            .select('c.id')
            .whereRef('c.action_id', '=', 'a.id')
            .where((x) => x.or([x('c.fired_on', '=', today), x.and([x('c.rung', '=', topRung), x('a.target_on', '<', today)])])),
        ),
      ),
    )
    .orderBy('a.target_on')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({ id: r.id, reviewId: r.review_id, boardId: r.board_id, reviewState: r.stage }));
}

/**
 * The status each of an action's progress reports left it in, oldest first (its reporting cycles): a report that
 * kept the status has none of its own (status_to null) and stands for the status the action was in then.
 */
export async function reportedStatuses(db: Executor, actionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('review_action_updates')
    .select(['kind', 'status_to'])
    .where('action_id', '=', actionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const reported: string[] = [];
  let current = 'not_started';
  for (const r of rows) {
    current = r.status_to ?? current;
    if (r.kind === 'progress') reported.push(current);
  }
  return reported;
}

export async function claimReminder(db: Executor, actionId: string, daysBefore: number, targetOn: string, sentOn: string, at: string): Promise<boolean> {
  const r = await db
    .insertInto('action_reminders')
    .values({ action_id: actionId, days_before: daysBefore, target_on: targetOn, sent_on: sentOn, created_at: at })
    .onConflict((oc) => oc.columns(['action_id', 'days_before', 'target_on']).doNothing())
    .returning('action_id')
    .execute();
  return r.length === 1;
}

export async function firedRungs(db: Executor, actionId: string): Promise<{ rung: string; firedOn: string }[]> {
  const rows = await db.selectFrom('action_challenges').select(['rung', 'fired_on']).where('action_id', '=', actionId).execute();
  return rows.map((r) => ({ rung: r.rung, firedOn: r.fired_on }));
}

export interface NewChallenge {
  id: string;
  actionId: string;
  reviewId: string;
  boardId: string;
  agencyId: string;
  rung: string;
  trigger: string;
  daysOverdue: number;
  offTrackCycles: number;
  targetOn: string;
  status: string;
  firedOn: string;
  boardMeetingId: string | null;
  statutoryBasis: string | null;
}

/** Claims the rung for the action: false when it was claimed already (by this or another instance). */
export async function claimChallenge(db: Executor, c: NewChallenge, at: string): Promise<boolean> {
  const r = await db
    .insertInto('action_challenges')
    .values({
      id: c.id,
      action_id: c.actionId,
      review_id: c.reviewId,
      board_id: c.boardId,
      agency_id: c.agencyId,
      rung: c.rung,
      trigger: c.trigger,
      days_overdue: c.daysOverdue,
      off_track_cycles: c.offTrackCycles,
      target_on: c.targetOn,
      status: c.status,
      fired_on: c.firedOn,
      board_meeting_id: c.boardMeetingId,
      statutory_basis: c.statutoryBasis,
      version: 1,
      created_at: at,
    })
    .onConflict((oc) => oc.columns(['action_id', 'rung']).doNothing())
    .returning('id')
    .execute();
  return r.length === 1;
}

export interface ChallengeRow {
  id: string;
  actionId: string;
  reviewId: string;
  boardId: string;
  agencyId: string;
  agency: { nameEn: string; nameCy: string };
  action: string;
  rung: string;
  trigger: string;
  daysOverdue: number;
  offTrackCycles: number;
  targetOn: string;
  status: string;
  firedOn: string;
  boardMeetingId: string | null;
  meetsOn: string | null;
  statutoryBasis: string | null;
  response: string | null;
  respondedOn: string | null;
  outcome: string | null;
  complied: boolean | null;
  recordedByName: string | null;
  recordedAt: string | null;
  version: number;
}

function challengesQuery(db: Executor) {
  return db
    .selectFrom('action_challenges as c')
    .innerJoin('review_actions as a', 'a.id', 'c.action_id')
    .innerJoin('agencies as ag', 'ag.id', 'c.agency_id')
    .leftJoin('board_meetings as m', 'm.id', 'c.board_meeting_id')
    .leftJoin('people as p', 'p.id', 'c.recorded_by')
    .selectAll('c')
    .select(['a.action', 'ag.name_en', 'ag.name_cy', 'm.meets_on', 'p.full_name']);
}

type ChallengeSelection = Awaited<ReturnType<ReturnType<typeof challengesQuery>['execute']>>[number];

const toRow = (r: ChallengeSelection): ChallengeRow => ({
  id: r.id,
  actionId: r.action_id,
  reviewId: r.review_id,
  boardId: r.board_id,
  agencyId: r.agency_id,
  agency: { nameEn: r.name_en, nameCy: r.name_cy },
  action: r.action,
  rung: r.rung,
  trigger: r.trigger,
  daysOverdue: Number(r.days_overdue),
  offTrackCycles: Number(r.off_track_cycles),
  targetOn: r.target_on,
  status: r.status,
  firedOn: r.fired_on,
  boardMeetingId: r.board_meeting_id,
  meetsOn: r.meets_on,
  statutoryBasis: r.statutory_basis,
  response: r.response,
  respondedOn: r.responded_on,
  outcome: r.outcome,
  complied: r.complied === null ? null : Number(r.complied) === 1,
  recordedByName: r.full_name,
  recordedAt: r.recorded_at,
  version: Number(r.version),
});

/** A review's challenge log (or one action's, with `actionId`; or only one agency's actions, with `agencyIds`): the steps in the order they were taken. */
export async function reviewChallenges(
  db: Executor,
  reviewId: string,
  opts: { actionId?: string; agencyIds?: readonly string[] } = {},
): Promise<ChallengeRow[]> {
  let q = challengesQuery(db).where('c.review_id', '=', reviewId);
  if (opts.actionId) q = q.where('c.action_id', '=', opts.actionId);
  if (opts.agencyIds) {
    if (opts.agencyIds.length === 0) return [];
    q = q.where('c.agency_id', 'in', opts.agencyIds);
  }
  const rows = await q.orderBy('c.fired_on').orderBy('c.created_at').orderBy('c.id').execute();
  return rows.map(toRow);
}

export async function findChallenge(db: Executor, reviewId: string, id: string): Promise<ChallengeRow | undefined> {
  const row = await challengesQuery(db).where('c.review_id', '=', reviewId).where('c.id', '=', id).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/** Records the partner's response and the outcome at the version its recorder opened; whether it was still there. */
export async function recordChallengeResponse(
  db: Executor,
  id: string,
  version: number,
  v: { response: string; respondedOn: string; outcome: string; complied: boolean | null; by: string | null },
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('action_challenges')
    .set({
      response: v.response,
      responded_on: v.respondedOn,
      outcome: v.outcome,
      complied: v.complied === null ? null : v.complied ? 1 : 0,
      recorded_by: v.by,
      recorded_at: at,
      version: version + 1,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A board's steps fired in a date range (or one lead agency's), for its progress report and partner view: the review's reference, the rung, the day and the outcome's code. */
export async function boardChallengeLines(
  db: Executor,
  boardId: string,
  range: { from: string; to: string; agencyId?: string },
): Promise<{ reviewReference: string; agencyId: string; rung: string; on: string; response: string | null }[]> {
  let q = db
    .selectFrom('action_challenges as c')
    .innerJoin('reviews as r', 'r.id', 'c.review_id')
    .select(['r.reference', 'c.agency_id', 'c.rung', 'c.fired_on', 'c.outcome'])
    .where('c.board_id', '=', boardId)
    .where('c.fired_on', '>=', range.from)
    .where('c.fired_on', '<=', range.to);
  if (range.agencyId) q = q.where('c.agency_id', '=', range.agencyId);
  const rows = await q.orderBy('c.fired_on').orderBy('r.reference').orderBy('c.id').execute();
  return rows.map((r) => ({ reviewReference: r.reference, agencyId: r.agency_id, rung: r.rung, on: r.fired_on, response: r.outcome }));
}
