// Family involvement in a review (issue 10 item 6; DOMAIN.md §8.1 FamilyMember / FamilyEngagement, R8, R10).
// review_people: the review's people under pseudonyms given once and kept — the children and family members
// of the referrals the review covers, and people added during the review — with their relationship to the
// child, language, interpreter, consent; the identity of someone added during the review (name, contact
// details) sealed at rest like a referral's family member. review_person_origins: where a referral's person
// came from ("child:<referralId>" or "family:<familyMemberId>"), once per review, so a person met twice (two
// referrals about one child) is one person. family_contacts and their topics (what the family was told and
// when); family_meetings with the review's people attending and the family members met. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('pseudonym_kind', 'text', (c) => c.notNull())
    .addColumn('pseudonym_index', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text', (c) => c.references('referrals.id'))
    .addColumn('family_member_id', 'text', (c) => c.references('family_members.id'))
    .addColumn('relationship', 'text')
    .addColumn('full_name', 'text')
    .addColumn('contact_details', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('language_other', 'text')
    .addColumn('interpreter_needed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('consent_on', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_people_pseudonym', ['review_id', 'pseudonym_kind', 'pseudonym_index'])
    .execute();

  await db.schema
    .createTable('review_person_origins')
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('review_people.id'))
    .addPrimaryKeyConstraint('review_person_origins_pk', ['review_id', 'origin'])
    .execute();

  await db.schema
    .createTable('family_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('review_people.id'))
    .addColumn('contacted_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('made_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('family_contacts_review').on('family_contacts').columns(['review_id', 'contacted_on']).execute();

  await db.schema
    .createTable('family_contact_topics')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('family_contacts.id'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('family_contact_topics_pk', ['contact_id', 'topic'])
    .execute();
  await db.schema.createIndex('family_contact_topics_review').on('family_contact_topics').columns(['review_id', 'topic']).execute();

  await db.schema
    .createTable('family_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('met_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('follow_up', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('family_meetings_review').on('family_meetings').columns(['review_id', 'met_on']).execute();

  await db.schema
    .createTable('family_meeting_attendees')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('family_meetings.id'))
    .addColumn('attendee_type', 'text', (c) => c.notNull())
    .addColumn('attendee_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('family_meeting_attendees_pk', ['meeting_id', 'attendee_type', 'attendee_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['family_meeting_attendees', 'family_meetings', 'family_contact_topics', 'family_contacts', 'review_person_origins', 'review_people'])
    await db.schema.dropTable(table).execute();
}
