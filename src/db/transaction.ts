// Runs work in one transaction. On SQLite the transaction starts IMMEDIATE (takes the write lock at
// once), so two processes sharing a file never fail a read-to-write upgrade half way through.
// A unique-key violation (two requests creating the same thing at once, which a check before the write
// cannot rule out on PostgreSQL) is rolled back and reported as a conflict naming the clashing answer,
// never as a server error.
import { type Kysely, sql } from 'kysely';
import { type FieldErrors, UniqueConflict } from '../domain/errors.ts';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

export type Executor = Kysely<Database>;

/** What each open transaction runs once it has committed (afterCommit); forgotten on rollback. */
const committed = new WeakMap<Executor, (() => void)[]>();

export async function inTransaction<T>(db: Db, work: (trx: Executor) => Promise<T>): Promise<T> {
  const hooks: (() => void)[] = [];
  let open: Executor | undefined;
  const tracked = (trx: Executor) => {
    open = trx;
    committed.set(trx, hooks);
    return work(trx);
  };
  let result: T;
  try {
    if (db.dialect === 'postgres') result = await db.kysely.transaction().execute(tracked);
    else {
      result = await db.kysely.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const out = await tracked(conn);
          await sql`commit`.execute(conn);
          return out;
        } catch (error) {
          await sql`rollback`.execute(conn);
          throw error;
        }
      });
    }
  } catch (error) {
    throw uniqueConflict(error) ?? error;
  } finally {
    if (open) committed.delete(open);
  }
  for (const hook of hooks) hook();
  return result;
}

/**
 * Runs `hook` once the transaction `trx` has committed (never if it rolls back); outside a transaction
 * (statements that commit on their own), at once. Hooks must not throw: they only signal, e.g. waking
 * the job worker for work the transaction enqueued.
 */
export function afterCommit(trx: Executor, hook: () => void): void {
  const hooks = committed.get(trx);
  if (hooks) hooks.push(hook);
  else hook();
}

/**
 * What each unique key means to the person who hit it, by "table(columns)": the field and the locale key
 * (errors namespace) of the message. Any other key: the generic "changed at the same time, try again".
 */
const UNIQUE_KEYS: Record<string, FieldErrors> = {
  'people(email)': { email: 'email.taken' },
  'boards(code)': { code: 'board.codeTaken' },
  'decisions(referral_id)': { form: 'decision.alreadyDecided' },
  'reviews(referral_id)': { form: 'decision.alreadyDecided' },
  // Two appointments to the same place of a review's independent role at once: one wins.
  'panel_nominations(review_id,role,place)': { form: 'panel.placeTaken' },
  'register_entries(board_id,email)': { email: 'panel.registerEmailTaken' },
  'contribution_requests(review_id,agency_id)': { agencyId: 'contributions:errors.alreadyRequested' },
  // Two entries of a review's pseudonym dictionary given one term at once (each language's terms are unique).
  'review_dictionary_terms(review_id,term_en_key)': { termEn: 'dictionary:errors.termTaken' },
  'review_dictionary_terms(review_id,term_cy_key)': { termCy: 'dictionary:errors.termTaken' },
  'review_dictionary_terms(review_id,review_person_id)': { form: 'dictionary:errors.personAlready' },
  // Two scans of one version of a document at once (the first makes its check).
  'anonymisation_checks(review_id,document_kind,language,document_version)': { form: 'anonymisation:errors.changedSinceRead' },
  // Two submission packets made at once for one review (each takes the next number).
  'submission_packets(review_id,number)': { form: 'packet:errors.madeMeanwhile' },
};

/** Unique indexes over expressions, which the database names rather than listing columns. */
const UNIQUE_INDEXES: Record<string, FieldErrors> = {
  role_assignments_in_effect: { role: 'role.duplicate' },
  role_grants_waiting: { role: 'role.duplicate' },
};

const CONCURRENT_CHANGE: FieldErrors = { form: 'conflict.concurrentChange' };

/**
 * The conflict a unique-key violation stands for, or undefined for any other error. PostgreSQL reports
 * SQLSTATE 23505 with the table and "Key (columns)=(values)" (the values are never copied anywhere);
 * SQLite reports SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY with "UNIQUE constraint failed: table.column, …".
 */
function uniqueConflict(error: unknown): UniqueConflict | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & { code?: unknown; table?: unknown; detail?: unknown; constraint?: unknown };
  let key: string | undefined;
  const index = typeof e.constraint === 'string' ? e.constraint : /constraint failed: index '([^']+)'/.exec(e.message)?.[1];
  if (index && UNIQUE_INDEXES[index] && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE')) {
    return new UniqueConflict(index, UNIQUE_INDEXES[index]);
  }
  if (e.code === '23505') {
    const columns = typeof e.detail === 'string' ? /^Key \(([^)]*)\)=/.exec(e.detail)?.[1] : undefined;
    key = `${String(e.table ?? '')}(${(columns ?? '').replace(/\s+/g, '')})`;
    if (!columns && typeof e.constraint === 'string') key = e.constraint;
  } else if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const failed = /constraint failed: (.*)$/.exec(e.message)?.[1] ?? '';
    const parts = failed.split(',').map((p) => p.trim());
    const table = parts[0]?.split('.')[0] ?? '';
    key = `${table}(${parts.map((p) => p.split('.').slice(1).join('.')).join(',')})`;
  } else {
    return undefined;
  }
  return new UniqueConflict(key, UNIQUE_KEYS[key] ?? CONCURRENT_CHANGE);
}
