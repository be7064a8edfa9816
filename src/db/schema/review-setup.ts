// Setting a review up and keeping it current (issue 10 items 1 and 5a): notifications recorded after the
// decision, the other referrals a review covers, a joint review's partner boards, and the history of the
// review's parallel proceedings. (The lead board is reviews.lead_board_id; the next hearing is
// parallel_proceedings.next_hearing_on.)

/** A notification the framework requires, recorded once per review and requirement with the day it was sent. */
export interface ReviewNotificationsTable {
  id: string;
  review_id: string;
  requirement: string;
  recipient: string;
  sent_on: string;
  recorded_by: string | null;
  recorded_at: string;
}

/** Another referral the review covers (the review's own referral is reviews.referral_id); unlinked with a reason. */
export interface ReviewReferralsTable {
  id: string;
  review_id: string;
  referral_id: string;
  linked_by: string | null;
  linked_at: string;
  unlinked_by: string | null;
  unlinked_at: string | null;
  unlink_reason: string | null;
}

/** A board that holds a joint review with the review's own board. */
export interface ReviewPartnerBoardsTable {
  review_id: string;
  board_id: string;
  added_by: string | null;
  added_at: string;
}

/** One changed field of a parallel proceeding during a review: its name, its value before and after. */
export interface ProceedingChangesTable {
  id: string;
  proceeding_id: string;
  review_id: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  changed_by: string | null;
  changed_at: string;
}

export interface ReviewSetupTables {
  review_notifications: ReviewNotificationsTable;
  review_referrals: ReviewReferralsTable;
  review_partner_boards: ReviewPartnerBoardsTable;
  proceeding_changes: ProceedingChangesTable;
}
