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

/** outcome: 'sent' (a link was emailed), 'no_account' (no active person) or 'suppressed' (rate limited). */
export interface PasswordResetRequestsTable {
  id: string;
  person_id: string | null;
  ip: string;
  outcome: string;
  requested_at: string;
}

export interface SignInThrottlesTable {
  bucket: string;
  failures: number;
  last_failure_at: string;
  next_attempt_at: string;
  version: number;
  warned_at: string | null;
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

/** Background jobs (src/services/job-service.ts): queued → running → done | queued (retry) | dead. */
export interface JobsTable {
  id: string;
  kind: string;
  /** Sealed JSON; null once done. */
  payload: string | null;
  state: string;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: number;
  lease_token: string | null;
  lease_until: string | null;
  last_error: string | null;
  schedule: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface JobSchedulesTable {
  name: string;
  next_run_at: string;
  last_run_at: string | null;
}

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

export interface Database extends ReferralTables, FileTables {
  app_settings: AppSettingsTable;
  boards: BoardsTable;
  agencies: AgenciesTable;
  board_agencies: BoardAgenciesTable;
  people: PeopleTable;
  recovery_codes: RecoveryCodesTable;
  role_assignments: RoleAssignmentsTable;
  role_grants: RoleGrantsTable;
  email_changes: EmailChangesTable;
  one_time_links: OneTimeLinksTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  password_reset_requests: PasswordResetRequestsTable;
  sign_in_throttles: SignInThrottlesTable;
  api_tokens: ApiTokensTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  audit_events: AuditEventsTable;
  audit_event_boards: AuditEventBoardsTable;
  audit_chain: AuditChainTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_renderings: DocumentRenderingsTable;
}

export type SignInThrottleRow = Selectable<SignInThrottlesTable>;
export type JobRow = Selectable<JobsTable>;
export type JobScheduleRow = Selectable<JobSchedulesTable>;
export type BoardRow = Selectable<BoardsTable>;
export type NewBoardRow = Insertable<BoardsTable>;
export type BoardUpdate = Updateable<BoardsTable>;
export type AgencyRow = Selectable<AgenciesTable>;
export type PersonRow = Selectable<PeopleTable>;
export type RoleAssignmentRow = Selectable<RoleAssignmentsTable>;
export type RoleGrantRow = Selectable<RoleGrantsTable>;
export type EmailChangeRow = Selectable<EmailChangesTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type OneTimeLinkRow = Selectable<OneTimeLinksTable>;

// ---- Notification to decision (issue 3) ----------------------------------------------------------

export interface BoardSettingsTable {
  board_id: string;
  holiday_region: string;
  decision_weeks_from_incident: number | null;
  decision_weeks_from_referral: number | null;
  /** Frameworks the board runs besides the statutory one (comma-separated ids); null: only the statutory one. */
  frameworks: string | null;
  updated_at: string;
}

export interface ReferralsTable {
  id: string;
  board_id: string;
  /** The child's pseudonym: kind 'child', this index (src/domain/pseudonyms.ts), from board_counters. */
  child_number: number;
  status: string;
  referring_agency_id: string | null;
  referrer_name: string | null;
  referrer_role: string | null;
  referrer_email: string | null;
  /** The referrer with an account; null for someone without one (referrer_name and referrer_email). */
  referrer_person_id: string | null;
  /** The language of emails to a referrer without an account. */
  referrer_language: string | null;
  received_on: string;
  incident_on: string;
  incident_type: string;
  impairment_identified_on: string | null;
  abuse_or_neglect: string;
  in_board_area: number;
  initial_facts: string;
  /** England: the date the board became aware of the incident. */
  aware_on: string | null;
  /** England: the date the Child Safeguarding Practice Review Panel was notified. */
  national_panel_notified_on: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReferralChildrenTable {
  referral_id: string;
  /** Encrypted at rest (src/db/field-cipher.ts), like date_of_birth_on and address. */
  full_name: string | null;
  /** Plaintext before encryption at rest; emptied once the blind indexes are made. */
  name_normalised: string | null;
  date_of_birth_on: string | null;
  address: string | null;
  is_deceased: Generated<number>;
  /** Keyed blind indexes of the normalised name and the date of birth (duplicate detection). */
  name_index: string | null;
  dob_index: string | null;
}

export interface ChildPeriodsTable {
  id: string;
  referral_id: string;
  kind: string;
  start_on: string;
  end_on: string | null;
}

export interface FamilyMembersTable {
  id: string;
  referral_id: string;
  /** The pseudonym: 'family_member' | 'significant_person', and its number on the referral (src/domain/pseudonyms.ts). */
  pseudonym_kind: string;
  pseudonym_index: number;
  relationship: string;
  is_significant_person: Generated<number>;
  language: Generated<string>;
  full_name: string | null;
  contact_details: string | null;
  created_at: string;
}

export interface ReferralAgenciesTable {
  referral_id: string;
  agency_id: string;
}

export interface ParallelProceedingsTable {
  id: string;
  referral_id: string;
  review_id: string | null;
  proceeding_type: string;
  status: string;
  liaison_contact: string | null;
  expected_end_on: string | null;
  concluded_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface ManagementGroupMeetingsTable {
  id: string;
  board_id: string;
  meets_on: string;
  location: string | null;
  created_by: string | null;
  created_at: string;
}

export interface ManagementGroupAttendanceTable {
  meeting_id: string;
  person_id: string;
  attended: number;
}

export interface ManagementGroupAgendaTable {
  meeting_id: string;
  referral_id: string;
}

export interface CriteriaAssessmentsTable {
  id: string;
  referral_id: string;
  meeting_id: string | null;
  framework_id: string;
  answers: string;
  outcome: string;
  review_type: string | null;
  streams: string | null;
  /** The statutory framework on the day: when framework_id differs, the group chose another the board runs. */
  statutory_framework_id: string | null;
  assessed_by: string | null;
  assessed_at: string;
}

export interface RecommendationsTable {
  id: string;
  referral_id: string;
  assessment_id: string | null;
  route: string;
  framework_id: string | null;
  review_type: string | null;
  reasons: string;
  dissent: string | null;
  submitted_by: string;
  submitted_at: string;
}

export interface DecisionsTable {
  id: string;
  referral_id: string;
  recommendation_id: string;
  agrees_with_recommendation: number;
  route: string;
  framework_id: string | null;
  review_type: string | null;
  rationale: string;
  decided_on: string;
  decided_by: string;
  created_at: string;
}

export interface ReviewsTable {
  id: string;
  board_id: string;
  referral_id: string;
  reference: string;
  reference_year: number;
  reference_sequence: number;
  framework_id: string;
  review_type: string | null;
  stage: string;
  decided_on: string;
  created_at: string;
  updated_at: string;
}

/** Per-board counters (name: 'child_number' or 'review_sequence:<year>'): the last number given. */
export interface BoardCountersTable {
  board_id: string;
  name: string;
  value: number;
}

/** A named guest at a management group meeting (not a person with an account). */
export interface MeetingGuestsTable {
  id: string;
  meeting_id: string;
  position: number;
  full_name: string;
  role: string;
  created_at: string;
}

// ---- Documents (issue 9, item 6) -----------------------------------------------------------------

/** A generated document: one per kind, record and language; latest_version is its versions' counter. */
export interface DocumentsTable {
  id: string;
  kind: string;
  board_id: string;
  record_type: string;
  record_id: string;
  language: string;
  latest_version: number;
  created_at: string;
  updated_at: string;
}

/** A numbered version of a document: the document model as JSON. */
export interface DocumentVersionsTable {
  id: string;
  document_id: string;
  version: number;
  model: string;
  model_sha256: string;
  created_by: string | null;
  created_at: string;
}

/** A version rendered as a file (html | docx | pdf), with the SHA-256 of its bytes. */
export interface DocumentRenderingsTable {
  version_id: string;
  format: string;
  sha256: string;
  size: number;
  content: Buffer;
  created_at: string;
}

export interface ReferralTables {
  board_counters: BoardCountersTable;
  meeting_guests: MeetingGuestsTable;
  board_settings: BoardSettingsTable;
  referrals: ReferralsTable;
  referral_children: ReferralChildrenTable;
  child_periods: ChildPeriodsTable;
  family_members: FamilyMembersTable;
  referral_agencies: ReferralAgenciesTable;
  parallel_proceedings: ParallelProceedingsTable;
  management_group_meetings: ManagementGroupMeetingsTable;
  management_group_attendance: ManagementGroupAttendanceTable;
  management_group_agenda: ManagementGroupAgendaTable;
  criteria_assessments: CriteriaAssessmentsTable;
  recommendations: RecommendationsTable;
  decisions: DecisionsTable;
  reviews: ReviewsTable;
  record_transitions: RecordTransitionsTable;
}

// ---- Files (issue 9, item 7) ------------------------------------------------------------------------

/** One stored content: its object in the blob store, found by its keyed address. */
export interface FileBlobsTable {
  id: string;
  /** null: deployment-wide. */
  board_id: string | null;
  /** HMAC-SHA-256 (hex) of the scope and the content under the address key: equal uploads in a scope share it. */
  address: string;
  object_key: string;
  size_bytes: number;
  /** As detected from the content. */
  content_type: string;
  /** The content's own AES-256 key, sealed (field-cipher) by the current encryption key. */
  data_key: string;
  /** How many files use this content. */
  file_count: number;
  created_at: string;
}

/** One upload: a name for a blob, kept while anything references it. */
export interface FilesTable {
  id: string;
  blob_id: string;
  board_id: string | null;
  purpose: string;
  /** Sealed (a file's name may name a person). */
  name: string;
  reference_count: number;
  uploaded_by: string | null;
  created_at: string;
}

/** A record that uses a file. */
export interface FileReferencesTable {
  file_id: string;
  owner_type: string;
  owner_id: string;
  created_at: string;
}

export interface FileTables {
  file_blobs: FileBlobsTable;
  files: FilesTable;
  file_references: FileReferencesTable;
}

export type FileBlobRow = Selectable<FileBlobsTable>;
export type FileRow = Selectable<FilesTable>;
