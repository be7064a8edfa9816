// From notification to decision (issue 3): board settings and counters, referrals with their children,
// family and agencies, parallel proceedings, management group meetings, criteria assessments,
// recommendations, decisions and reviews.
import type { Generated } from 'kysely';

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
  /** Kept current during the review (issue 10 item 5a). */
  next_hearing_on: string | null;
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
  /** A joint review: the board that leads (this board or a partner in review_partner_boards); null: not joint. */
  lead_board_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A review put on hold: when its clocks stopped and started again (null while on hold), the stage it left, why. */
export interface ReviewHoldsTable {
  id: string;
  review_id: string;
  held_stage: string;
  paused_on: string;
  resumed_on: string | null;
  reason_code: string;
  reason_text: string;
  created_at: string;
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
  review_holds: ReviewHoldsTable;
}
