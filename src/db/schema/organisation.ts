// The organisation and its people: settings, boards, agencies, people (with their recovery codes), roles,
// role grants waiting for a board, and changes of email address.
import type { Insertable, Selectable, Updateable } from 'kysely';

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

/** A case role an administrator granted, waiting for the board's confirmation (or what became of it). */
export interface RoleGrantsTable {
  id: string;
  person_id: string;
  role: string;
  board_id: string;
  granted_by: string;
  granted_at: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  decline_reason: string | null;
}

/** A change of a person's email address, waiting for confirmation from the new address. */
export interface EmailChangesTable {
  id: string;
  person_id: string;
  new_email: string;
  token_hash: string;
  requested_by: string | null;
  requested_at: string;
  expires_at: string;
  confirmed_at: string | null;
  revoked_at: string | null;
}

export interface OrganisationTables {
  app_settings: AppSettingsTable;
  boards: BoardsTable;
  agencies: AgenciesTable;
  board_agencies: BoardAgenciesTable;
  people: PeopleTable;
  recovery_codes: RecoveryCodesTable;
  role_assignments: RoleAssignmentsTable;
  role_grants: RoleGrantsTable;
  email_changes: EmailChangesTable;
}

export type BoardRow = Selectable<BoardsTable>;
export type NewBoardRow = Insertable<BoardsTable>;
export type BoardUpdate = Updateable<BoardsTable>;
export type AgencyRow = Selectable<AgenciesTable>;
export type PersonRow = Selectable<PeopleTable>;
export type RoleAssignmentRow = Selectable<RoleAssignmentsTable>;
export type RoleGrantRow = Selectable<RoleGrantsTable>;
export type EmailChangeRow = Selectable<EmailChangesTable>;
