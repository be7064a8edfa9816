// The columns encrypted at rest, and the bulk reads and writes that (re-)encrypt them: values still in
// plaintext (written before encryption at rest) or under an encryption key that is no longer current.
import { sql } from 'kysely';
import type { Executor } from '../transaction.ts';

/** Every encrypted column, by table, with the column that identifies its row (part of the sealed place). */
export const SEALED_COLUMNS = {
  referral_children: { key: 'referral_id', columns: ['full_name', 'date_of_birth_on', 'address'] },
  family_members: { key: 'id', columns: ['full_name', 'contact_details'] },
  people: { key: 'id', columns: ['totp_secret'] },
  sessions: { key: 'id', columns: ['data'] },
  jobs: { key: 'id', columns: ['payload'] },
  // Each stored file's own data key (rotation re-wraps it: the contents stay as they are), and file names.
  file_blobs: { key: 'id', columns: ['data_key'] },
  files: { key: 'id', columns: ['name'] },
  // A review library document's title (it may name a person).
  review_documents: { key: 'id', columns: ['title'] },
  // A person added to a review's family (issue 10 item 6): their name and contact details.
  review_people: { key: 'id', columns: ['full_name', 'contact_details'] },
  // A practitioner invited to a review's learning event: their name and email (they are known by role and number).
  learning_event_invitations: { key: 'id', columns: ['full_name', 'email'] },
  // A review's pseudonym dictionary (issue 13 item 1): the real identifier behind each published term.
  review_dictionary_terms: { key: 'id', columns: ['real_identifier'] },
  // An anonymisation check's findings (issue 13 item 2): the text matched and its context (the real names).
  anonymisation_findings: { key: 'id', columns: ['match_text', 'context'] },
  // A review's publication (issue 13 item 4): the welfare check's note (about the surviving children) and the
  // police/CPS liaison's details recorded with the chair's override of open criminal proceedings.
  review_publications: { key: 'review_id', columns: ['welfare_note', 'override_liaison'] },
} as const;

export type SealedTable = keyof typeof SEALED_COLUMNS;

export interface SealedRow {
  key: string;
  values: Record<string, string | null>;
}

/**
 * Up to `limit` rows of the table with a value not sealed under the current key (`enc:v1:<keyId>:`), or
 * with keyId undefined only those still in plaintext, after the row key `after` (the scan moves forward).
 */
export async function rowsToSeal(db: Executor, table: SealedTable, currentKeyId: string | undefined, after: string, limit: number): Promise<SealedRow[]> {
  const { key, columns } = SEALED_COLUMNS[table];
  const prefix = currentKeyId === undefined ? 'enc:v1:%' : `enc:v1:${currentKeyId}:%`;
  const stale = sql.join(
    columns.map((c) => sql`(${sql.ref(c)} is not null and ${sql.ref(c)} not like ${prefix})`),
    sql` or `,
  );
  const result = await sql<Record<string, string | null>>`
    select ${sql.ref(key)} as row_key, ${sql.join(columns.map((c) => sql.ref(c)))}
    from ${sql.table(table)}
    where ${sql.ref(key)} > ${after} and (${stale})
    order by ${sql.ref(key)}
    limit ${limit}`.execute(db);
  return result.rows.map((row) => ({
    key: String(row.row_key),
    values: Object.fromEntries(columns.map((c) => [c, row[c] ?? null])),
  }));
}

export async function writeSealedRow(db: Executor, table: SealedTable, rowKey: string, values: Record<string, string | null>): Promise<void> {
  const { key } = SEALED_COLUMNS[table];
  const sets = sql.join(Object.entries(values).map(([column, value]) => sql`${sql.ref(column)} = ${value}`));
  await sql`update ${sql.table(table)} set ${sets} where ${sql.ref(key)} = ${rowKey}`.execute(db);
}

const SEALED_PLACES = Object.entries(SEALED_COLUMNS).flatMap(([table, { columns }]) => columns.map((column) => ({ table, column })));

/** Which of these encryption key ids are still used by stored values (after a rotation, only the current one). */
export async function keyIdsInUse(db: Executor, knownIds: readonly string[]): Promise<string[]> {
  const used: string[] = [];
  for (const id of knownIds) {
    for (const { table, column } of SEALED_PLACES) {
      const result = await sql<{ one: number }>`
        select 1 as one from ${sql.table(table)} where ${sql.ref(column)} like ${`enc:v1:${id}:%`} limit 1`.execute(db);
      if (result.rows.length > 0) {
        used.push(id);
        break;
      }
    }
  }
  return used.sort();
}

/** A child's row whose blind indexes are missing (written before encryption at rest), with its board. */
export async function childrenWithoutIndexes(db: Executor, after: string, limit: number) {
  return db
    .selectFrom('referral_children')
    .innerJoin('referrals', 'referrals.id', 'referral_children.referral_id')
    .select(['referral_children.referral_id', 'referrals.board_id', 'referral_children.full_name', 'referral_children.date_of_birth_on'])
    .where('referral_children.referral_id', '>', after)
    .where((eb) =>
      eb.or([
        eb.and([eb('referral_children.full_name', 'is not', null), eb('referral_children.name_index', 'is', null)]),
        eb.and([eb('referral_children.date_of_birth_on', 'is not', null), eb('referral_children.dob_index', 'is', null)]),
        eb('referral_children.name_normalised', 'is not', null),
      ]),
    )
    .orderBy('referral_children.referral_id')
    .limit(limit)
    .execute();
}

export async function setChildIndexes(db: Executor, referralId: string, nameIndex: string | null, dobIndex: string | null): Promise<void> {
  await db
    .updateTable('referral_children')
    .set({ name_index: nameIndex, dob_index: dobIndex, name_normalised: null })
    .where('referral_id', '=', referralId)
    .execute();
}

/** Moves a session written before encryption at rest to its hashed key, with its data sealed. */
export async function rekeySession(db: Executor, oldId: string, newId: string, data: string): Promise<void> {
  await db.updateTable('sessions').set({ id: newId, data }).where('id', '=', oldId).execute();
}
