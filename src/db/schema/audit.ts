// The audit log: its hash-chained events, the boards each concerns, the chain's head, and the records'
// changes of state recorded beside their events.
import type { Generated, Selectable } from 'kysely';

export interface AuditEventsTable {
  id: string;
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  action: string;
  board_id: string | null;
  /** JSON array of every board the event concerns (audit_event_boards indexes it). */
  board_ids: Generated<string>;
  record_type: string | null;
  record_id: string | null;
  ip: string | null;
  request_id: string | null;
  summary: string;
  prev_hash: string;
  hash: string;
}

/** A record's change of state (src/services/workflow.ts), beside the audit event that records it. */
export interface RecordTransitionsTable {
  id: string;
  audit_event_id: string;
  record_type: string;
  record_id: string;
  /** Null when the event created the record. */
  from_state: string | null;
  to_state: string;
  event: string;
  reason: string | null;
  occurred_at: string;
}

/** One row per board an audit event concerns: how a board's events are found. */
export interface AuditEventBoardsTable {
  board_id: string;
  seq: number;
}

export interface AuditChainTable {
  id: number;
  last_seq: number;
  last_hash: string;
  /** 1 once every hash is an HMAC under the audit key; 0 for a legacy chain waiting to be re-keyed. */
  keyed: Generated<number>;
}

export interface AuditTables {
  audit_events: AuditEventsTable;
  audit_event_boards: AuditEventBoardsTable;
  audit_chain: AuditChainTable;
  record_transitions: RecordTransitionsTable;
}

export type AuditEventRow = Selectable<AuditEventsTable>;
