// Encryption at rest, kept true: values written before it existed are sealed (and the child's blind
// indexes made) when the service starts; `case-review keys rotate` re-seals every value under the current
// encryption key, after which older keys can be retired.
import type { Db } from '../db/database.ts';
import { type FieldCipher, isEncrypted, sealedPlace } from '../db/field-cipher.ts';
import {
  childrenWithoutIndexes,
  keyIdsInUse,
  rekeySession,
  rowsToSeal,
  SEALED_COLUMNS,
  type SealedTable,
  setChildIndexes,
  writeSealedRow,
} from '../db/repositories/sealed-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { normaliseName } from '../domain/referrals/referral.ts';
import { sessionKey } from './secrets.ts';

const BATCH = 500;

export interface SealReport {
  /** Values sealed (or re-sealed) per table. */
  sealed: Record<string, number>;
  /** Children given blind indexes. */
  indexed: number;
  /** Encryption key ids still used by stored values afterwards. */
  keysInUse: string[];
}

export class AtRestService {
  constructor(private readonly deps: { db: Db; cipher: FieldCipher }) {}

  /**
   * Seals every value still in plaintext (written before encryption at rest) and makes any missing blind
   * indexes; with rotate, also re-seals values under older keys with the current one. Safe to run again.
   * The service seals plaintext when it starts; only `case-review keys rotate` rotates, so instances that
   * do not know a new key yet are never handed values they cannot read.
   */
  async sealAll(opts: { rotate: boolean }): Promise<SealReport> {
    const sealed: Record<string, number> = {};
    for (const table of Object.keys(SEALED_COLUMNS) as SealedTable[]) sealed[table] = await this.sealTable(table, opts.rotate);
    const indexed = await this.indexChildren();
    return { sealed, indexed, keysInUse: await keyIdsInUse(this.deps.db.kysely, this.deps.cipher.keyIds) };
  }

  private plaintextOf(table: SealedTable, column: string, rowKey: string, stored: string): string {
    return isEncrypted(stored) ? this.deps.cipher.decrypt(stored, sealedPlace(table, column, rowKey)) : stored;
  }

  private async sealTable(table: SealedTable, rotate: boolean): Promise<number> {
    const { cipher } = this.deps;
    let after = '';
    let count = 0;
    for (;;) {
      const rows = await rowsToSeal(this.deps.db.kysely, table, rotate ? cipher.currentKeyId : undefined, after, BATCH);
      if (rows.length === 0) return count;
      await inTransaction(this.deps.db, async (trx) => {
        for (const row of rows) {
          const sessionData = row.values.data;
          if (table === 'sessions' && typeof sessionData === 'string' && !isEncrypted(sessionData)) {
            // A session from before: its row is keyed by the session id itself.
            const key = sessionKey(row.key);
            await rekeySession(trx, row.key, key, cipher.encrypt(sessionData, sealedPlace('sessions', 'data', key)));
            count++;
            continue;
          }
          const values: Record<string, string | null> = {};
          for (const [column, stored] of Object.entries(row.values)) {
            if (stored === null || !cipher.needsSealing(stored) || (!rotate && isEncrypted(stored))) continue;
            values[column] = cipher.encrypt(this.plaintextOf(table, column, row.key, stored), sealedPlace(table, column, row.key));
            count++;
          }
          if (Object.keys(values).length > 0) await writeSealedRow(trx, table, row.key, values);
        }
      });
      after = rows.at(-1)?.key ?? after;
    }
  }

  private async indexChildren(): Promise<number> {
    const { cipher } = this.deps;
    let after = '';
    let count = 0;
    for (;;) {
      const rows = await childrenWithoutIndexes(this.deps.db.kysely, after, BATCH);
      if (rows.length === 0) return count;
      await inTransaction(this.deps.db, async (trx) => {
        for (const row of rows) {
          const id = row.referral_id;
          const name = row.full_name === null ? '' : normaliseName(this.plaintextOf('referral_children', 'full_name', id, row.full_name));
          const dob = row.date_of_birth_on === null ? null : this.plaintextOf('referral_children', 'date_of_birth_on', id, row.date_of_birth_on);
          await setChildIndexes(
            trx,
            id,
            name ? cipher.blindIndex('child_name', row.board_id, name) : null,
            dob ? cipher.blindIndex('child_dob', row.board_id, dob) : null,
          );
          count++;
        }
      });
      after = rows.at(-1)?.referral_id ?? after;
    }
  }
}
