// The typed shape of the database as Kysely sees it. Columns are what the drivers return: text for ids,
// instants and dates; integer 0/1 for booleans (same on SQLite and PostgreSQL).
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface AppSettingsTable {
  key: string;
  value: string;
}

export interface BoardsTable {
  id: string;
  code: string;
  name_en: string;
  name_cy: string;
  board_type: string;
  nation: string;
  region: string | null;
  valid_from_on: string | null;
  valid_to_on: string | null;
  predecessor_board_id: string | null;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface AgenciesTable {
  id: string;
  name_en: string;
  name_cy: string;
  sector: string;
  is_statutory_partner: number;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface BoardAgenciesTable {
  board_id: string;
  agency_id: string;
  joined_on: string | null;
  left_on: string | null;
  created_at: string;
}

export interface PeopleTable {
  id: string;
  email: string;
  full_name: string;
  job_title: string | null;
  agency_id: string | null;
  language: string;
  password_hash: string | null;
  password_changed_at: string | null;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  locked_until: string | null;
  deactivated_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RecoveryCodesTable {
  id: string;
  person_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface RoleAssignmentsTable {
  id: string;
  person_id: string;
  role: string;
  scope_type: string;
  board_id: string | null;
  review_id: string | null;
  agency_id: string | null;
  created_at: string;
  created_by: string | null;
  ended_at: string | null;
  ended_by: string | null;
}

export interface OneTimeLinksTable {
  id: string;
  token_hash: string;
  purpose: string;
  person_id: string | null;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
  created_at: string;
  created_by: string | null;
}

export interface SessionsTable {
  id: string;
  person_id: string | null;
  data: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  absolute_expires_at: string;
}

export interface SignInAttemptsTable {
  id: string;
  email: string;
  ip: string;
  succeeded: number;
  occurred_at: string;
}

export interface ApiTokensTable {
  id: string;
  person_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface OutboxEmailsTable {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: string;
  attempts: Generated<number>;
  sent_at: string | null;
  last_error: string | null;
}

export interface AuditEventsTable {
  id: string;
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  action: string;
  board_id: string | null;
  record_type: string | null;
  record_id: string | null;
  ip: string | null;
  request_id: string | null;
  summary: string;
  prev_hash: string;
  hash: string;
}

export interface AuditChainTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

export interface Database {
  app_settings: AppSettingsTable;
  boards: BoardsTable;
  agencies: AgenciesTable;
  board_agencies: BoardAgenciesTable;
  people: PeopleTable;
  recovery_codes: RecoveryCodesTable;
  role_assignments: RoleAssignmentsTable;
  one_time_links: OneTimeLinksTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  api_tokens: ApiTokensTable;
  outbox_emails: OutboxEmailsTable;
  audit_events: AuditEventsTable;
  audit_chain: AuditChainTable;
}

export type BoardRow = Selectable<BoardsTable>;
export type NewBoardRow = Insertable<BoardsTable>;
export type BoardUpdate = Updateable<BoardsTable>;
export type AgencyRow = Selectable<AgenciesTable>;
export type PersonRow = Selectable<PeopleTable>;
export type RoleAssignmentRow = Selectable<RoleAssignmentsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type OneTimeLinkRow = Selectable<OneTimeLinksTable>;
