// From notification to decision (issue 3): referrals with the child's restricted details kept apart,
// periods on the child protection register and looked after, family members, agencies involved,
// parallel proceedings, management group meetings, criteria assessments, recommendations, the chair's
// decision and the review it creates. Frozen: add a new migration to change any of it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('board_settings')
    .addColumn('board_id', 'text', (c) => c.primaryKey().references('boards.id'))
    .addColumn('holiday_region', 'text', (c) => c.notNull().defaultTo('GB-WLS'))
    .addColumn('decision_weeks_from_incident', 'integer')
    .addColumn('decision_weeks_from_referral', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('child_number', 'integer', (c) => c.notNull())
    .addColumn('child_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('referring_agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('referrer_name', 'text')
    .addColumn('referrer_role', 'text')
    .addColumn('referrer_email', 'text')
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('incident_on', 'text', (c) => c.notNull())
    .addColumn('incident_type', 'text', (c) => c.notNull())
    .addColumn('impairment_identified_on', 'text')
    .addColumn('abuse_or_neglect', 'text', (c) => c.notNull())
    .addColumn('in_board_area', 'integer', (c) => c.notNull())
    .addColumn('initial_facts', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('referrals_board_child_number', ['board_id', 'child_number'])
    .execute();
  await db.schema.createIndex('referrals_board_status').on('referrals').columns(['board_id', 'status', 'received_on']).execute();
  await db.schema.createIndex('referrals_board_incident').on('referrals').columns(['board_id', 'incident_on']).execute();

  // Identifying details: shown only to roles that need them (DESIGN §5).
  await db.schema
    .createTable('referral_children')
    .addColumn('referral_id', 'text', (c) => c.primaryKey().references('referrals.id'))
    .addColumn('full_name', 'text')
    .addColumn('name_normalised', 'text')
    .addColumn('date_of_birth_on', 'text')
    .addColumn('address', 'text')
    .addColumn('is_deceased', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('referral_children_dob').on('referral_children').column('date_of_birth_on').execute();
  await db.schema.createIndex('referral_children_name').on('referral_children').column('name_normalised').execute();

  await db.schema
    .createTable('child_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('end_on', 'text')
    .execute();
  await db.schema.createIndex('child_periods_referral').on('child_periods').column('referral_id').execute();

  await db.schema
    .createTable('family_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id'))
    .addColumn('pseudonym', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('is_significant_person', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('full_name', 'text')
    .addColumn('contact_details', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('family_members_referral').on('family_members').column('referral_id').execute();

  await db.schema
    .createTable('referral_agencies')
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addPrimaryKeyConstraint('referral_agencies_pk', ['referral_id', 'agency_id'])
    .execute();

  await db.schema
    .createTable('parallel_proceedings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id'))
    .addColumn('review_id', 'text')
    .addColumn('proceeding_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('liaison_contact', 'text')
    .addColumn('expected_end_on', 'text')
    .addColumn('concluded_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parallel_proceedings_referral').on('parallel_proceedings').column('referral_id').execute();

  await db.schema
    .createTable('management_group_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('meets_on', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mg_meetings_board').on('management_group_meetings').columns(['board_id', 'meets_on']).execute();

  await db.schema
    .createTable('management_group_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('management_group_meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('mg_attendance_pk', ['meeting_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('management_group_agenda')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('management_group_meetings.id'))
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id'))
    .addPrimaryKeyConstraint('mg_agenda_pk', ['meeting_id', 'referral_id'])
    .execute();
  await db.schema.createIndex('mg_agenda_referral').on('management_group_agenda').column('referral_id').execute();

  // answers: JSON object of criterion id → { answer, facts } (facts relied on, free text).
  await db.schema
    .createTable('criteria_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id'))
    .addColumn('meeting_id', 'text', (c) => c.references('management_group_meetings.id'))
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('review_type', 'text')
    .addColumn('streams', 'text')
    .addColumn('assessed_by', 'text', (c) => c.references('people.id'))
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('criteria_assessments_referral').on('criteria_assessments').columns(['referral_id', 'assessed_at']).execute();

  await db.schema
    .createTable('recommendations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id'))
    .addColumn('assessment_id', 'text', (c) => c.references('criteria_assessments.id'))
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text')
    .addColumn('review_type', 'text')
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('dissent', 'text')
    .addColumn('submitted_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recommendations_referral').on('recommendations').columns(['referral_id', 'submitted_at']).execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().unique().references('referrals.id'))
    .addColumn('recommendation_id', 'text', (c) => c.notNull().references('recommendations.id'))
    .addColumn('agrees_with_recommendation', 'integer', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text')
    .addColumn('review_type', 'text')
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('referral_id', 'text', (c) => c.notNull().unique().references('referrals.id'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('reference_year', 'integer', (c) => c.notNull())
    .addColumn('reference_sequence', 'integer', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('review_type', 'text')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reviews_board_year_sequence', ['board_id', 'reference_year', 'reference_sequence'])
    .execute();
  await db.schema.createIndex('reviews_board_stage').on('reviews').columns(['board_id', 'stage']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'reviews',
    'decisions',
    'recommendations',
    'criteria_assessments',
    'management_group_agenda',
    'management_group_attendance',
    'management_group_meetings',
    'parallel_proceedings',
    'referral_agencies',
    'family_members',
    'child_periods',
    'referral_children',
    'referrals',
    'board_settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
