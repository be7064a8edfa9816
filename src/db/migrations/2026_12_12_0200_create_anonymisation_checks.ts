// The anonymisation check of a publishable document (issue 13 item 2; DOMAIN.md §6.7, §8.6 R7): one check per
// review, document kind (the report, the executive summary), language and document version — with the SHA-256 of
// the text scanned (a draft edited under the same version number is no longer what was scanned) — its
// status (open, approved by information governance), when it was scanned and by whom, the judicial checklist's
// answers (JSON: item → checked | not_applicable and a note), the check of the document's previous version it
// follows (so a rescan shows which earlier findings were fixed and which accepted), and `version` from 1 (every
// change names the version its author read: a stale one is a conflict).
// Its findings: the section, kind, offsets and confidence the scanner gave, the dictionary entry a term belongs
// to, the matched text and its context SEALED at rest (they are the real names: AES-GCM, the row as additional
// data, like the dictionary's real identifiers), a fingerprint (keyed blind index of the kind, the folded match
// and its folded neighbouring words: a plain hash of a name is guessable) by which an acceptance carries to the
// next version's scan, and the decision (open | accepted) with its reason, who and when. Frozen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('anonymisation_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('document_kind', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('document_version', 'integer', (c) => c.notNull())
    .addColumn('document_digest', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('previous_check_id', 'text', (c) => c.references('anonymisation_checks.id'))
    .addColumn('scanned_by', 'text', (c) => c.references('people.id'))
    .addColumn('scanned_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.references('people.id'))
    .addColumn('approved_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('anonymisation_checks_document', ['review_id', 'document_kind', 'language', 'document_version'])
    .execute();

  await db.schema
    .createTable('anonymisation_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('check_id', 'text', (c) => c.notNull().references('anonymisation_checks.id'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text')
    .addColumn('match_text', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('people.id'))
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('anonymisation_findings_check').on('anonymisation_findings').columns(['check_id', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('anonymisation_findings').execute();
  await db.schema.dropTable('anonymisation_checks').execute();
}
