// Pseudonyms stored as a kind and an index, written in the reader's language only when shown (issue 9,
// item 8; src/domain/pseudonyms.ts). A referral's child is known by its number on the board
// (referrals.child_number, taken from board_counters), so the English text beside it (child_code,
// "Child A") goes. A family member's English text (pseudonym, "Family member 1" / "Person 2") becomes
// pseudonym_kind ('family_member' | 'significant_person') and pseudonym_index (the number it had).
// The defaults exist only because SQLite cannot add a NOT NULL column without one; the code writes both.
// Frozen: add a new migration to change any of it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('family_members')
    .addColumn('pseudonym_kind', 'text', (c) => c.notNull().defaultTo('family_member'))
    .execute();
  await db.schema
    .alterTable('family_members')
    .addColumn('pseudonym_index', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The service wrote "Family member N" and "Person N" (N from 1 across the referral's people).
  await sql`
    update family_members set pseudonym_kind = 'significant_person', pseudonym_index = cast(substr(pseudonym, 8) as integer)
    where pseudonym like 'Person %' and substr(pseudonym, 8) <> '' and ltrim(substr(pseudonym, 8), '0123456789') = ''
  `.execute(db);
  await sql`
    update family_members set pseudonym_kind = 'family_member', pseudonym_index = cast(substr(pseudonym, 15) as integer)
    where pseudonym like 'Family member %' and substr(pseudonym, 15) <> '' and ltrim(substr(pseudonym, 15), '0123456789') = ''
  `.execute(db);
  // Anything else (none is known): the kind from the flag, numbered after the referral's highest number.
  await sql`
    update family_members set
      pseudonym_kind = case when is_significant_person = 1 then 'significant_person' else 'family_member' end,
      pseudonym_index = (select coalesce(max(k.pseudonym_index), 0) from family_members k where k.referral_id = family_members.referral_id)
        + (select count(*) from family_members o where o.referral_id = family_members.referral_id and o.pseudonym_index = 0 and o.id <= family_members.id)
    where pseudonym_index = 0
  `.execute(db);
  await db.schema.alterTable('family_members').dropColumn('pseudonym').execute();
  await db.schema.alterTable('referrals').dropColumn('child_code').execute();
}

/** 1 → A, 27 → AA: the letters the child code had (kept here: a migration does not use code that may change). */
function letters(n: number): string {
  let out = '';
  let rest = n;
  while (rest > 0) {
    out = String.fromCharCode(65 + ((rest - 1) % 26)) + out;
    rest = Math.floor((rest - 1) / 26);
  }
  return out;
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('referrals')
    .addColumn('child_code', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const referrals = await db.selectFrom('referrals').select(['id', 'child_number']).execute();
  for (const r of referrals) {
    await db
      .updateTable('referrals')
      .set({ child_code: `Child ${letters(Number(r.child_number))}` })
      .where('id', '=', r.id)
      .execute();
  }
  await db.schema
    .alterTable('family_members')
    .addColumn('pseudonym', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`
    update family_members set pseudonym =
      case when pseudonym_kind = 'significant_person' then 'Person ' else 'Family member ' end || cast(pseudonym_index as text)
  `.execute(db);
  await db.schema.alterTable('family_members').dropColumn('pseudonym_index').execute();
  await db.schema.alterTable('family_members').dropColumn('pseudonym_kind').execute();
}
