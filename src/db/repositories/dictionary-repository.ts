// A review's pseudonym dictionary (issue 13 item 1): its entries, their real identifiers sealed at rest and
// opened only when the caller passes the cipher (the service decides who may see them), and the changes made
// on the version their editor read. The dictionary service decides; this reads and writes.
import type { Dialect } from '../database.ts';
import { type FieldCipher, sealedPlace } from '../field-cipher.ts';
import type { Executor } from '../transaction.ts';

export interface DictionaryEntryRow {
  id: string;
  reviewId: string;
  category: string;
  termEn: string;
  termCy: string;
  reviewPersonId: string | null;
  version: number;
  updatedAt: string;
}

/** An entry with its real identifier opened (the spellings, one a line). */
export interface IdentifiedEntryRow extends DictionaryEntryRow {
  realIdentifier: string;
}

const place = (id: string) => sealedPlace('review_dictionary_terms', 'real_identifier', id);

type Row = {
  id: string;
  review_id: string;
  category: string;
  term_en: string;
  term_cy: string;
  review_person_id: string | null;
  version: number;
  updated_at: string;
  real_identifier: string;
};

function entryOf(r: Row): DictionaryEntryRow {
  return {
    id: r.id,
    reviewId: r.review_id,
    category: r.category,
    termEn: r.term_en,
    termCy: r.term_cy,
    reviewPersonId: r.review_person_id,
    version: Number(r.version),
    updatedAt: r.updated_at,
  };
}

function query(db: Executor, reviewId: string) {
  return db
    .selectFrom('review_dictionary_terms')
    .select(['id', 'review_id', 'category', 'term_en', 'term_cy', 'review_person_id', 'version', 'updated_at', 'real_identifier'])
    .where('review_id', '=', reviewId);
}

/** The review's entries by English term, without their real identifiers. */
export async function dictionaryEntries(db: Executor, reviewId: string): Promise<DictionaryEntryRow[]> {
  return (await query(db, reviewId).orderBy('term_en_key').execute()).map(entryOf);
}

/** The review's entries by English term, their real identifiers opened. */
export async function identifiedEntries(db: Executor, cipher: FieldCipher, reviewId: string): Promise<IdentifiedEntryRow[]> {
  return (await query(db, reviewId).orderBy('term_en_key').execute()).map((r) => ({
    ...entryOf(r),
    realIdentifier: cipher.decrypt(r.real_identifier, place(r.id)),
  }));
}

export async function countEntries(db: Executor, reviewId: string): Promise<number> {
  const row = await db
    .selectFrom('review_dictionary_terms')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('review_id', '=', reviewId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Locks the review's dictionary for the rest of the transaction (PostgreSQL: the review's row; SQLite's
 * IMMEDIATE transaction holds the write lock already), so that a change checked against the other entries
 * is checked against what the others are when it is written.
 */
export async function lockDictionary(trx: Executor, dialect: Dialect, reviewId: string): Promise<void> {
  if (dialect === 'postgres') await trx.selectFrom('reviews').select('id').where('id', '=', reviewId).forUpdate().executeTakeFirst();
}

export interface EntryValues {
  category: string;
  realIdentifier: string;
  termEn: string;
  termCy: string;
  termEnKey: string;
  termCyKey: string;
}

/** An entry's own columns, its real identifier sealed to the entry (insert and update write the same). */
function entryColumns(cipher: FieldCipher, e: EntryValues & { id: string }) {
  return {
    category: e.category,
    real_identifier: cipher.encrypt(e.realIdentifier, place(e.id)),
    term_en: e.termEn,
    term_cy: e.termCy,
    term_en_key: e.termEnKey,
    term_cy_key: e.termCyKey,
  };
}

export async function insertEntry(
  db: Executor,
  cipher: FieldCipher,
  e: EntryValues & { id: string; reviewId: string; boardId: string; reviewPersonId: string | null; by: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('review_dictionary_terms')
    .values({
      id: e.id,
      review_id: e.reviewId,
      board_id: e.boardId,
      ...entryColumns(cipher, e),
      review_person_id: e.reviewPersonId,
      version: 1,
      created_by: e.by,
      created_at: e.at,
      updated_by: e.by,
      updated_at: e.at,
    })
    .execute();
}

/** Rewrites an entry at its next version, only if it is still at the version its editor read; whether it was. */
export async function updateEntry(
  db: Executor,
  cipher: FieldCipher,
  e: EntryValues & { id: string; reviewId: string; version: number; by: string | null; at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('review_dictionary_terms')
    .set({
      ...entryColumns(cipher, e),
      version: e.version + 1,
      updated_by: e.by,
      updated_at: e.at,
    })
    .where('id', '=', e.id)
    .where('review_id', '=', e.reviewId)
    .where('version', '=', e.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Removes an entry, only if it is still at the version its editor read; whether it was. */
export async function deleteEntry(db: Executor, e: { id: string; reviewId: string; version: number }): Promise<boolean> {
  const res = await db
    .deleteFrom('review_dictionary_terms')
    .where('id', '=', e.id)
    .where('review_id', '=', e.reviewId)
    .where('version', '=', e.version)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}
