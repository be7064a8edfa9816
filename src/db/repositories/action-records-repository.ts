// What is written about an action of a review's plan beside it (issue 12): the updates and decisions with the
// evidence files they carry, the revised target dates with their reasons, and the review's accepted plan (its
// monitoring start and the board chair's sign-off of closure). The actions themselves: actions-repository.ts.
import type { Executor } from '../transaction.ts';

export interface ActionUpdateRow {
  id: string;
  actionId: string;
  kind: string;
  narrative: string;
  statusFrom: string | null;
  statusTo: string | null;
  boardMeetingId: string | null;
  onBehalfOfAgencyId: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  evidence: { id: string; fileId: string }[];
}

export async function insertActionUpdate(
  db: Executor,
  u: {
    id: string;
    actionId: string;
    reviewId: string;
    boardId: string;
    kind: string;
    narrative: string;
    statusFrom: string | null;
    statusTo: string | null;
    boardMeetingId?: string | null;
    onBehalfOfAgencyId?: string | null;
    createdBy: string | null;
  },
  at: string,
): Promise<void> {
  await db
    .insertInto('review_action_updates')
    .values({
      id: u.id,
      action_id: u.actionId,
      review_id: u.reviewId,
      board_id: u.boardId,
      kind: u.kind,
      narrative: u.narrative,
      status_from: u.statusFrom,
      status_to: u.statusTo,
      board_meeting_id: u.boardMeetingId ?? null,
      on_behalf_of_agency_id: u.onBehalfOfAgencyId ?? null,
      created_by: u.createdBy,
      created_at: at,
    })
    .execute();
}

export async function insertActionEvidence(db: Executor, e: { id: string; updateId: string; actionId: string; fileId: string }, at: string): Promise<void> {
  await db.insertInto('review_action_evidence').values({ id: e.id, update_id: e.updateId, action_id: e.actionId, file_id: e.fileId, created_at: at }).execute();
}

/** An action's updates and decisions, newest first, with the evidence each carries. */
export async function actionUpdates(db: Executor, actionId: string): Promise<ActionUpdateRow[]> {
  const rows = await db
    .selectFrom('review_action_updates as u')
    .leftJoin('people as p', 'p.id', 'u.created_by')
    .select([
      'u.id',
      'u.action_id',
      'u.kind',
      'u.narrative',
      'u.status_from',
      'u.status_to',
      'u.board_meeting_id',
      'u.on_behalf_of_agency_id',
      'u.created_by',
      'p.full_name',
      'u.created_at',
    ])
    .where('u.action_id', '=', actionId)
    .orderBy('u.created_at', 'desc')
    .orderBy('u.id', 'desc')
    .execute();
  const evidence = await db
    .selectFrom('review_action_evidence')
    .select(['id', 'update_id', 'file_id'])
    .where('action_id', '=', actionId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    actionId: r.action_id,
    kind: r.kind,
    narrative: r.narrative,
    statusFrom: r.status_from,
    statusTo: r.status_to,
    boardMeetingId: r.board_meeting_id,
    onBehalfOfAgencyId: r.on_behalf_of_agency_id,
    createdBy: r.created_by,
    createdByName: r.full_name,
    createdAt: r.created_at,
    evidence: evidence.filter((e) => e.update_id === r.id).map((e) => ({ id: e.id, fileId: e.file_id })),
  }));
}

/** Whether the file is evidence of the action (a download names both). */
export async function isActionEvidence(db: Executor, actionId: string, fileId: string): Promise<boolean> {
  const row = await db.selectFrom('review_action_evidence').select('id').where('action_id', '=', actionId).where('file_id', '=', fileId).executeTakeFirst();
  return row !== undefined;
}

export interface TargetRevisionRow {
  fromOn: string;
  toOn: string;
  reason: string;
  createdByName: string | null;
  createdAt: string;
}

export async function insertTargetRevision(
  db: Executor,
  r: { id: string; actionId: string; fromOn: string; toOn: string; reason: string; createdBy: string | null },
  at: string,
): Promise<void> {
  await db
    .insertInto('review_action_target_revisions')
    .values({ id: r.id, action_id: r.actionId, from_on: r.fromOn, to_on: r.toOn, reason: r.reason, created_by: r.createdBy, created_at: at })
    .execute();
}

export async function targetRevisions(db: Executor, actionId: string): Promise<TargetRevisionRow[]> {
  const rows = await db
    .selectFrom('review_action_target_revisions as t')
    .leftJoin('people as p', 'p.id', 't.created_by')
    .select(['t.from_on', 't.to_on', 't.reason', 'p.full_name', 't.created_at'])
    .where('t.action_id', '=', actionId)
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({ fromOn: r.from_on, toOn: r.to_on, reason: r.reason, createdByName: r.full_name, createdAt: r.created_at }));
}

export interface ActionPlanRow {
  reviewId: string;
  boardId: string;
  acceptedAt: string;
  acceptedBy: string | null;
  acceptedMeetingKind: string | null;
  acceptedMeetingId: string | null;
  monitoringFromOn: string;
  closureSignedOffAt: string | null;
  closureSignedOffBy: string | null;
  closureNote: string | null;
}

export async function findActionPlan(db: Executor, reviewId: string): Promise<ActionPlanRow | undefined> {
  const r = await db.selectFrom('action_plans').selectAll().where('review_id', '=', reviewId).executeTakeFirst();
  return r
    ? {
        reviewId: r.review_id,
        boardId: r.board_id,
        acceptedAt: r.accepted_at,
        acceptedBy: r.accepted_by,
        acceptedMeetingKind: r.accepted_meeting_kind,
        acceptedMeetingId: r.accepted_meeting_id,
        monitoringFromOn: r.monitoring_from_on,
        closureSignedOffAt: r.closure_signed_off_at,
        closureSignedOffBy: r.closure_signed_off_by,
        closureNote: r.closure_note,
      }
    : undefined;
}

/** Records the plan's acceptance (the review's primary key: a second acceptance is a unique-key conflict). */
export async function insertActionPlan(
  db: Executor,
  p: { reviewId: string; boardId: string; acceptedBy: string | null; meetingKind: string | null; meetingId: string | null; monitoringFromOn: string },
  at: string,
): Promise<void> {
  await db
    .insertInto('action_plans')
    .values({
      review_id: p.reviewId,
      board_id: p.boardId,
      accepted_at: at,
      accepted_by: p.acceptedBy,
      accepted_meeting_kind: p.meetingKind,
      accepted_meeting_id: p.meetingId,
      monitoring_from_on: p.monitoringFromOn,
    })
    .execute();
}

/** The board chair's sign-off of closure, once; whether it was not signed off before. */
export async function signOffClosure(db: Executor, reviewId: string, by: string | null, note: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('action_plans')
    .set({ closure_signed_off_at: at, closure_signed_off_by: by, closure_note: note })
    .where('review_id', '=', reviewId)
    .where('closure_signed_off_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
