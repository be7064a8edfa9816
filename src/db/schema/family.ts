// Family involvement in a review (issue 10 item 6): the review's people under their pseudonyms, where each
// referral's person came from, contacts with the family (and what they were told), and the reviewers'
// meetings with the family.

/** A person of the review: a child, a family member or another significant person, under a pseudonym kept for the review. */
export interface ReviewPeopleTable {
  id: string;
  review_id: string;
  /** src/domain/pseudonyms.ts: 'child' (its board number), 'family_member' or 'significant_person' (numbered on the review). */
  pseudonym_kind: string;
  pseudonym_index: number;
  /** 'referral' (a child or family member of a referral the review covers) or 'added' (during the review). */
  source: string;
  referral_id: string | null;
  family_member_id: string | null;
  relationship: string | null;
  /** Someone added during the review: sealed at rest (src/db/field-cipher.ts); a referral's person's identity stays on the referral. */
  full_name: string | null;
  contact_details: string | null;
  /** 'en' | 'cy' | 'other' (then language_other names it). */
  language: string;
  language_other: string | null;
  interpreter_needed: number;
  /** 'not_asked' | 'agreed' | 'declined' | 'withdrawn', and the day it was given (null while not asked). */
  consent: string;
  consent_on: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Where a referral's person came from ("child:<referralId>", "family:<familyMemberId>"): once per review. */
export interface ReviewPersonOriginsTable {
  review_id: string;
  origin: string;
  person_id: string;
}

export interface FamilyContactsTable {
  id: string;
  review_id: string;
  person_id: string;
  contacted_on: string;
  method: string;
  made_by: string;
  notes: string | null;
  created_by: string | null;
  created_at: string;
}

/** What the family member was told at a contact (one row per topic). */
export interface FamilyContactTopicsTable {
  contact_id: string;
  review_id: string;
  topic: string;
}

export interface FamilyMeetingsTable {
  id: string;
  review_id: string;
  met_on: string;
  place: string;
  summary: string;
  follow_up: string | null;
  created_by: string | null;
  created_at: string;
}

/** Who was at a meeting with the family: 'staff' (a person of the review, people.id) or 'family' (review_people.id). */
export interface FamilyMeetingAttendeesTable {
  meeting_id: string;
  attendee_type: string;
  attendee_id: string;
}

export interface FamilyTables {
  review_people: ReviewPeopleTable;
  review_person_origins: ReviewPersonOriginsTable;
  family_contacts: FamilyContactsTable;
  family_contact_topics: FamilyContactTopicsTable;
  family_meetings: FamilyMeetingsTable;
  family_meeting_attendees: FamilyMeetingAttendeesTable;
}
