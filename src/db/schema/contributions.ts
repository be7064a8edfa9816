// Agency contributions to a review (issue 10 item 4): agencies' contacts, the requests, their sections and
// the reminders sent.

export interface AgencyContactsTable {
  id: string;
  agency_id: string;
  full_name: string;
  email: string;
  language: string;
  created_at: string;
  updated_at: string;
  removed_at: string | null;
}

export interface ContributionRequestsTable {
  id: string;
  review_id: string;
  board_id: string;
  agency_id: string;
  contact_id: string | null;
  kind: string;
  status: string;
  requested_on: string;
  due_on: string;
  author_role: string | null;
  records_secured_on: string | null;
  declared_at: string | null;
  declared_by: string | null;
  submitted_at: string | null;
  signed_off_at: string | null;
  signed_off_by: string | null;
  waived_reason: string | null;
  /** When the business unit shared the agency's signed-off chronology with the panel (issue 11), and who. */
  chronology_shared_at: string | null;
  chronology_shared_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContributionSectionsTable {
  request_id: string;
  section: string;
  body: string;
  updated_at: string;
  updated_by: string | null;
}

export interface ContributionRemindersTable {
  request_id: string;
  rung: string;
  sent_on: string;
  created_at: string;
}

export interface ContributionTables {
  agency_contacts: AgencyContactsTable;
  contribution_requests: ContributionRequestsTable;
  contribution_sections: ContributionSectionsTable;
  contribution_reminders: ContributionRemindersTable;
}
