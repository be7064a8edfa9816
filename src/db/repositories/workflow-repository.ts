// Workflow records (src/services/workflow.ts): where each record type keeps its state, the conditional
// write that moves it, the transitions beside their audit events, and a record's timeline.
import type { AuditSummary } from '../../domain/audit.ts';
import type { Executor } from '../transaction.ts';

/** The record types whose state moves along a transition table. */
export const WORKFLOW_RECORDS = ['referral', 'review', 'contribution', 'learning_event', 'review_action'] as const;
export type WorkflowRecord = (typeof WORKFLOW_RECORDS)[number];

/** A record's state as stored, its board, and (a review) the framework whose path it follows. */
export interface RecordState {
  state: string;
  boardId: string;
  frameworkId: string | null;
}

export async function findRecordState(db: Executor, record: WorkflowRecord, id: string): Promise<RecordState | undefined> {
  if (record === 'referral') {
    const row = await db.selectFrom('referrals').select(['status', 'board_id']).where('id', '=', id).executeTakeFirst();
    return row ? { state: row.status, boardId: row.board_id, frameworkId: null } : undefined;
  }
  if (record === 'learning_event') {
    const row = await db.selectFrom('learning_events').select(['status', 'board_id']).where('id', '=', id).executeTakeFirst();
    return row ? { state: row.status, boardId: row.board_id, frameworkId: null } : undefined;
  }
  if (record === 'review_action') {
    const row = await db.selectFrom('review_actions').select(['status', 'board_id']).where('id', '=', id).executeTakeFirst();
    return row?.board_id ? { state: row.status, boardId: row.board_id, frameworkId: null } : undefined;
  }
  if (record === 'contribution') {
    const row = await db.selectFrom('contribution_requests').select(['status', 'board_id']).where('id', '=', id).executeTakeFirst();
    return row ? { state: row.status, boardId: row.board_id, frameworkId: null } : undefined;
  }
  const row = await db.selectFrom('reviews').select(['stage', 'board_id', 'framework_id']).where('id', '=', id).executeTakeFirst();
  return row ? { state: row.stage, boardId: row.board_id, frameworkId: row.framework_id } : undefined;
}

/**
 * Moves a record from one state to another only if it is still in the first: false when it is not (another
 * request moved it first). On PostgreSQL the update waits for a concurrent one on the same row to commit,
 * then finds the state changed; SQLite runs one writer at a time.
 */
export async function moveRecordState(db: Executor, record: WorkflowRecord, id: string, from: string, to: string, at: string): Promise<boolean> {
  if (record === 'review_action') {
    // The action's version moves too: an edit of its plan fields opened before the move is then refused as stale.
    const moved = await db
      .updateTable('review_actions')
      .set((eb) => ({ status: to, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  }
  if (record === 'learning_event') {
    const moved = await db
      .updateTable('learning_events')
      .set((eb) => ({ status: to, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  }
  const result =
    record === 'referral'
      ? await db.updateTable('referrals').set({ status: to, updated_at: at }).where('id', '=', id).where('status', '=', from).executeTakeFirst()
      : record === 'contribution'
        ? await db.updateTable('contribution_requests').set({ status: to, updated_at: at }).where('id', '=', id).where('status', '=', from).executeTakeFirst()
        : await db.updateTable('reviews').set({ stage: to, updated_at: at }).where('id', '=', id).where('stage', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface TransitionRow {
  id: string;
  auditEventId: string;
  recordType: WorkflowRecord;
  recordId: string;
  /** Null when the event created the record. */
  from: string | null;
  to: string;
  event: string;
  reason: string | null;
  occurredAt: string;
}

export async function insertTransition(db: Executor, t: TransitionRow): Promise<void> {
  await db
    .insertInto('record_transitions')
    .values({
      id: t.id,
      audit_event_id: t.auditEventId,
      record_type: t.recordType,
      record_id: t.recordId,
      from_state: t.from,
      to_state: t.to,
      event: t.event,
      reason: t.reason,
      occurred_at: t.occurredAt,
    })
    .execute();
}

/** One entry of a record's timeline: an audit event about it, who and when, and the change of state it made (with why), if any. */
export interface TimelineEntry {
  seq: number;
  occurredAt: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  /** Present when the event moved the record: from, to, the event and the reason given. */
  transition: { from: string | null; to: string; event: string; reason: string | null } | null;
  summary: AuditSummary;
}

/**
 * The latest part of one record's timeline, oldest first: the audit events about it, and the events about
 * another record that moved it (a meeting's agenda that put a referral under consideration, the decision
 * that created a review), with the actors' names and each change of state of this record with its reason;
 * and how many events the whole timeline has. The events about it are read newest-first through the
 * (record_id, seq) index, so the cost stays flat however often the record is viewed; the others are few.
 */
export async function recordTimeline(db: Executor, record: { type: string; id: string }, limit = 200): Promise<{ entries: TimelineEntry[]; total: number }> {
  const columns = [
    'audit_events.seq',
    'audit_events.occurred_at',
    'audit_events.action',
    'audit_events.actor_id',
    'audit_events.summary',
    'people.full_name',
    'record_transitions.from_state',
    'record_transitions.to_state',
    'record_transitions.event',
    'record_transitions.reason',
  ] as const;
  const events = () =>
    db
      .selectFrom('audit_events')
      .leftJoin('people', 'people.id', 'audit_events.actor_id')
      .leftJoin('record_transitions', (join) =>
        join.onRef('record_transitions.audit_event_id', '=', 'audit_events.id').on('record_transitions.record_id', '=', record.id),
      )
      .select(columns);
  const [own, moved, count] = await Promise.all([
    events()
      .where('audit_events.record_id', '=', record.id)
      .where('audit_events.record_type', '=', record.type)
      .orderBy('audit_events.seq', 'desc')
      .limit(limit)
      .execute(),
    // Events about another record that moved this one.
    events()
      .where('record_transitions.record_id', '=', record.id)
      .where('record_transitions.record_type', '=', record.type)
      .where((eb) => eb.or([eb('audit_events.record_id', 'is', null), eb('audit_events.record_id', '!=', record.id)]))
      .orderBy('audit_events.seq', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('record_id', '=', record.id)
      .where('record_type', '=', record.type)
      .executeTakeFirstOrThrow(),
  ]);
  const rows = [...own, ...moved].sort((a, b) => Number(b.seq) - Number(a.seq)).slice(0, limit);
  const entries = rows.reverse().map(
    (r): TimelineEntry => ({
      seq: Number(r.seq),
      occurredAt: r.occurred_at,
      action: r.action,
      actorId: r.actor_id,
      actorName: r.full_name ?? null,
      transition: r.to_state && r.event ? { from: r.from_state ?? null, to: r.to_state, event: r.event, reason: r.reason ?? null } : null,
      summary: JSON.parse(r.summary) as AuditSummary,
    }),
  );
  return { entries, total: Number(count.n) + moved.length };
}
