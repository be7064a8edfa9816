// case-review keys generate | rotate: the keys kept outside the database (src/keyring.ts).
import { existsSync } from 'node:fs';
import { bootServices } from '../boot.ts';
import type { Config } from '../config.ts';
import { inTransaction } from '../db/transaction.ts';
import { generateKeyring, type Keyring, keyringToEnv, loadKeyring, withNewEncryptionKey, withOnlyEncryptionKeys, writeKeyFile } from '../keyring.ts';
import { cliCaller, type Output } from './context.ts';

/** Prints a new set of keys as environment variables, or writes them to a new key file. */
export function keysGenerate(io: Output, file?: string): number {
  const keyring = generateKeyring(file ?? 'environment');
  if (file) {
    if (existsSync(file)) {
      io.err(`Error: ${file} exists already: keys are never overwritten (they are needed to read the data)`);
      return 1;
    }
    writeKeyFile(file, keyring);
    io.out(`Wrote new keys to ${file} (readable by its owner only). Set KEYS_FILE=${file} and back the file up apart from the database.`);
    return 0;
  }
  io.out('# New Case Review keys. Give every instance the same values; keep them secret and backed up apart from the database.');
  for (const line of keyringToEnv(keyring)) io.out(line);
  return 0;
}

/**
 * Re-encrypts every encrypted value under the current encryption key. With a key file (SQLite's default,
 * or KEYS_FILE), a new key is made first and the keys no value uses any more are dropped after. With keys
 * from the environment, put the new key first in ENCRYPTION_KEYS on every instance, then run this; it says
 * which older keys can then be removed.
 */
export async function keysRotate(config: Config, io: Output): Promise<number> {
  const current = loadKeyring(config);
  const fromFile = current.source !== 'environment';
  let keyring: Keyring = current;
  if (fromFile) {
    keyring = withNewEncryptionKey(current);
    // The new key is saved before anything is sealed with it, the old ones kept until nothing uses them.
    writeKeyFile(current.source, keyring);
    io.out(`Added encryption key ${keyring.encryption[0]?.id} to ${current.source}.`);
  }
  const { db, services } = await bootServices(config, keyring);
  try {
    const report = await services.atRest.sealAll({ rotate: true });
    const sealed = Object.values(report.sealed).reduce((a, b) => a + b, 0);
    await inTransaction(db, (trx) =>
      services.audit.record(trx, cliCaller('ENCRYPTION_KEYS_ROTATED'), { summary: { keyId: services.cipher.currentKeyId, valuesSealed: sealed } }),
    );
    io.out(`Re-encrypted ${sealed} value${sealed === 1 ? '' : 's'} under key ${services.cipher.currentKeyId}.`);
    const retired = keyring.encryption.map((k) => k.id).filter((id) => !report.keysInUse.includes(id) && id !== services.cipher.currentKeyId);
    if (fromFile) {
      writeKeyFile(current.source, withOnlyEncryptionKeys(keyring, report.keysInUse));
      if (retired.length > 0) io.out(`Removed key${retired.length === 1 ? '' : 's'} no longer used: ${retired.join(', ')}.`);
    } else if (retired.length > 0) {
      io.out(`No value uses ${retired.join(', ')} any more: remove ${retired.length === 1 ? 'it' : 'them'} from ENCRYPTION_KEYS on every instance.`);
    }
    return 0;
  } finally {
    services.mail.close();
    await db.close();
  }
}
