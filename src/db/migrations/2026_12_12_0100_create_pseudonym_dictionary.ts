// A review's bilingual pseudonym dictionary (issue 13 item 1; DOMAIN.md §6.7, §7.3): each real identifier of
// the case (a person's name, a school, a street, a town, a hospital, a worker) and the term published in its
// place, in English and in Welsh. The real identifier (one spelling a line) is sealed at rest like a child's
// name (AES-GCM, its row as additional data), with no blind index: a review's dictionary is read and opened
// whole (tens of entries) by the only use cases that need it, so no lookup by value is ever made. The terms
// are published text, stored plain with their folded forms (lower case, one apostrophe, single spaces)
// unique per review and language: two real identifiers never share a term (another spelling of the same
// thing is another line of the same entry). Welsh mutated forms are derived, never stored. An entry built
// from one of the review's people names it (review_person_id), once per person. `version` from 1: a change
// or removal names the version its editor read. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_dictionary_terms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('real_identifier', 'text', (c) => c.notNull())
    .addColumn('term_en', 'text', (c) => c.notNull())
    .addColumn('term_cy', 'text', (c) => c.notNull())
    .addColumn('term_en_key', 'text', (c) => c.notNull())
    .addColumn('term_cy_key', 'text', (c) => c.notNull())
    .addColumn('review_person_id', 'text', (c) => c.references('review_people.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_dictionary_terms_en', ['review_id', 'term_en_key'])
    .addUniqueConstraint('review_dictionary_terms_cy', ['review_id', 'term_cy_key'])
    .addUniqueConstraint('review_dictionary_terms_person', ['review_id', 'review_person_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_dictionary_terms').execute();
}
