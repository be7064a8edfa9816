// Milestones of a review (issue 10 item 5): the plan's rows, each date's history and the overdue milestones
// the reviews list counts; its panel meetings are in panel-meetings-repository.ts. A change to a milestone
// updates the version the caller read: no row changed means someone else saved first (a conflict).
import type { Executor } from '../transaction.ts';

export interface MilestoneRow {
  id: string;
  reviewId: string;
  boardId: string;
  position: number;
  key: string;
  kind: string;
  originalOn: string;
  plannedOn: string;
  actualOn: string | null;
  version: number;
}

export interface MilestoneRevisionRow {
  id: string;
  milestoneId: string;
  field: 'planned' | 'actual';
  fromOn: string | null;
  toOn: string | null;
  reason: string | null;
  actorId: string | null;
  actorName: string | null;
  createdAt: string;
}

const MILESTONE_COLUMNS = ['id', 'review_id', 'board_id', 'position', 'milestone_key', 'kind', 'original_on', 'planned_on', 'actual_on', 'version'] as const;

function milestoneRow(r: {
  id: string;
  review_id: string;
  board_id: string;
  position: number;
  milestone_key: string;
  kind: string;
  original_on: string;
  planned_on: string;
  actual_on: string | null;
  version: number;
}): MilestoneRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    boardId: r.board_id,
    position: Number(r.position),
    key: r.milestone_key,
    kind: r.kind,
    originalOn: r.original_on,
    plannedOn: r.planned_on,
    actualOn: r.actual_on,
    version: Number(r.version),
  };
}

export async function milestonesOf(db: Executor, reviewId: string): Promise<MilestoneRow[]> {
  const rows = await db.selectFrom('review_milestones').select(MILESTONE_COLUMNS).where('review_id', '=', reviewId).orderBy('position').execute();
  return rows.map(milestoneRow);
}

export async function findMilestone(db: Executor, reviewId: string, id: string): Promise<MilestoneRow | undefined> {
  const row = await db.selectFrom('review_milestones').select(MILESTONE_COLUMNS).where('review_id', '=', reviewId).where('id', '=', id).executeTakeFirst();
  return row ? milestoneRow(row) : undefined;
}

export interface NewMilestone {
  id: string;
  reviewId: string;
  boardId: string;
  position: number;
  key: string;
  kind: string;
  plannedOn: string;
  actualOn?: string | null;
}

/** The plan's rows (the original date is the planned one). A plan made twice clashes on (review, key). */
export async function insertMilestones(db: Executor, rows: readonly NewMilestone[], at: string): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('review_milestones')
    .values(
      rows.map((m) => ({
        id: m.id,
        review_id: m.reviewId,
        board_id: m.boardId,
        position: m.position,
        milestone_key: m.key,
        kind: m.kind,
        original_on: m.plannedOn,
        planned_on: m.plannedOn,
        actual_on: m.actualOn ?? null,
        version: 1,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

/** Sets the milestone's dates if it is still at `version`; false when someone changed it first. */
export async function updateMilestoneDates(
  db: Executor,
  m: { id: string; version: number; plannedOn: string; actualOn: string | null },
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('review_milestones')
    .set({ planned_on: m.plannedOn, actual_on: m.actualOn, version: m.version + 1, updated_at: at })
    .where('id', '=', m.id)
    .where('version', '=', m.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertMilestoneRevision(
  db: Executor,
  r: {
    id: string;
    milestoneId: string;
    reviewId: string;
    field: 'planned' | 'actual';
    fromOn: string | null;
    toOn: string | null;
    reason: string | null;
    actorId: string | null;
  },
  at: string,
): Promise<void> {
  await db
    .insertInto('review_milestone_revisions')
    .values({
      id: r.id,
      milestone_id: r.milestoneId,
      review_id: r.reviewId,
      field: r.field,
      from_on: r.fromOn,
      to_on: r.toOn,
      reason: r.reason,
      actor_id: r.actorId,
      created_at: at,
    })
    .execute();
}

/** Every change of the review's milestones' dates, oldest first, by milestone. */
export async function milestoneRevisionsOf(db: Executor, reviewId: string): Promise<Map<string, MilestoneRevisionRow[]>> {
  const rows = await db
    .selectFrom('review_milestone_revisions as r')
    .leftJoin('people as p', 'p.id', 'r.actor_id')
    .select(['r.id', 'r.milestone_id', 'r.field', 'r.from_on', 'r.to_on', 'r.reason', 'r.actor_id', 'p.full_name', 'r.created_at'])
    .where('r.review_id', '=', reviewId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  const byMilestone = new Map<string, MilestoneRevisionRow[]>();
  for (const r of rows) {
    const list = byMilestone.get(r.milestone_id) ?? [];
    list.push({
      id: r.id,
      milestoneId: r.milestone_id,
      field: r.field === 'actual' ? 'actual' : 'planned',
      fromOn: r.from_on,
      toOn: r.to_on,
      reason: r.reason,
      actorId: r.actor_id,
      actorName: r.full_name ?? null,
      createdAt: r.created_at,
    });
    byMilestone.set(r.milestone_id, list);
  }
  return byMilestone;
}

/**
 * How many milestones of each review given are overdue on `today` (not met, planned before today): the
 * reviews list's overdue items. Reviews without any are left out.
 */
export async function overdueMilestoneCounts(db: Executor, boardId: string, reviewIds: readonly string[], today: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < reviewIds.length; i += 500) {
    const rows = await db
      .selectFrom('review_milestones')
      .select((eb) => ['review_id', eb.fn.countAll().as('n')])
      .where('board_id', '=', boardId)
      .where('review_id', 'in', reviewIds.slice(i, i + 500))
      .where('actual_on', 'is', null)
      .where('planned_on', '<', today)
      .groupBy('review_id')
      .execute();
    for (const r of rows) counts.set(r.review_id, Number(r.n));
  }
  return counts;
}
