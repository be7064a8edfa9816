// The service's keys, which never live in the database: the audit key (keys the audit chain and signs its
// checkpoints), the encryption keys (restricted fields at rest; the first encrypts, all decrypt) and the
// blind-index key (matching encrypted values). They come from configuration (AUDIT_KEY, ENCRYPTION_KEYS,
// BLIND_INDEX_KEY, or a KEYS_FILE); with SQLite and no configuration, from DATA_DIR/keys.json, created on
// first start readable by its owner only. With PostgreSQL, where several instances share one database,
// every instance must be given the same keys, so the service refuses to start without them.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { type EncryptionKey, FieldCipher } from './db/field-cipher.ts';
import { londonDate } from './domain/clock/london.ts';

export interface Keyring {
  audit: Buffer;
  blindIndex: Buffer;
  /** The first encrypts; every one decrypts. */
  encryption: EncryptionKey[];
  /** Where the keys came from: the key file's path, or 'environment'. */
  source: string;
}

const KEY_BYTES = 32;
export const DEFAULT_KEY_FILE = 'keys.json';

export class KeyringError extends Error {
  override name = 'KeyringError';
}

function decodeKey(value: string, what: string): Buffer {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new KeyringError(`${what} must be ${KEY_BYTES} random bytes in base64 (run: case-review keys generate)`);
  return key;
}

function decodeEncryptionKeys(list: string, what: string): EncryptionKey[] {
  const keys = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(':');
      const id = entry.slice(0, at);
      if (at < 1 || !/^[A-Za-z0-9_-]{1,40}$/.test(id)) throw new KeyringError(`${what}: each key is written id:base64 (run: case-review keys generate)`);
      return { id, key: decodeKey(entry.slice(at + 1), `${what} "${id}"`) };
    });
  if (keys.length === 0) throw new KeyringError(`${what} names no key`);
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new KeyringError(`${what}: key ids must differ`);
  return keys;
}

function newKeyId(): string {
  return `k${londonDate(new Date()).replaceAll('-', '')}${randomBytes(3).toString('hex')}`;
}

/** A fresh set of random keys. */
export function generateKeyring(source = 'generated'): Keyring {
  return {
    audit: randomBytes(KEY_BYTES),
    blindIndex: randomBytes(KEY_BYTES),
    encryption: [{ id: newKeyId(), key: randomBytes(KEY_BYTES) }],
    source,
  };
}

/** A new encryption key put first (it encrypts from now on); the older ones still decrypt. */
export function withNewEncryptionKey(keyring: Keyring): Keyring {
  return { ...keyring, encryption: [{ id: newKeyId(), key: randomBytes(KEY_BYTES) }, ...keyring.encryption] };
}

/** The keyring without the encryption keys no stored value uses any more. */
export function withOnlyEncryptionKeys(keyring: Keyring, ids: readonly string[]): Keyring {
  return { ...keyring, encryption: keyring.encryption.filter((k, i) => i === 0 || ids.includes(k.id)) };
}

export function keyringToFile(keyring: Keyring): string {
  return `${JSON.stringify(
    {
      note: 'Case Review keys. Keep this file secret and back it up apart from the database: without it the encrypted fields cannot be read and the audit chain cannot be verified.',
      audit: keyring.audit.toString('base64'),
      blindIndex: keyring.blindIndex.toString('base64'),
      encryption: keyring.encryption.map((k) => ({ id: k.id, key: k.key.toString('base64') })),
    },
    null,
    2,
  )}\n`;
}

/** The keys as environment variables (for PostgreSQL deployments and KEYS_FILE-less configuration). */
export function keyringToEnv(keyring: Keyring): string[] {
  return [
    `AUDIT_KEY=${keyring.audit.toString('base64')}`,
    `ENCRYPTION_KEYS=${keyring.encryption.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',')}`,
    `BLIND_INDEX_KEY=${keyring.blindIndex.toString('base64')}`,
  ];
}

export function readKeyFile(path: string): Keyring {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new KeyringError(`${path} can be read by other users (mode ${mode.toString(8)}): run chmod 600 ${path}`);
  }
  let parsed: { audit?: unknown; blindIndex?: unknown; encryption?: unknown };
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as typeof parsed;
  } catch {
    throw new KeyringError(`${path} is not a Case Review key file (not JSON)`);
  }
  if (typeof parsed.audit !== 'string' || typeof parsed.blindIndex !== 'string' || !Array.isArray(parsed.encryption)) {
    throw new KeyringError(`${path} is not a Case Review key file (audit, blindIndex and encryption are needed)`);
  }
  const encryption = (parsed.encryption as { id?: unknown; key?: unknown }[]).map((k) => `${String(k.id)}:${String(k.key)}`).join(',');
  return {
    audit: decodeKey(parsed.audit, `${path}: audit`),
    blindIndex: decodeKey(parsed.blindIndex, `${path}: blindIndex`),
    encryption: decodeEncryptionKeys(encryption, `${path}: encryption`),
    source: path,
  };
}

/** Writes the key file readable by its owner only, replacing it whole (never half written). */
export function writeKeyFile(path: string, keyring: Keyring): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, keyringToFile(keyring), { mode: 0o600, flag: 'wx' });
  renameSync(temporary, path);
}

/** The key file of a SQLite deployment without configured keys. */
export function defaultKeyFile(config: Config): string {
  return join(config.dataDir, DEFAULT_KEY_FILE);
}

/** The configured keys, or (SQLite only) the key file under DATA_DIR, created on first use. */
export function loadKeyring(config: Config): Keyring {
  const k = config.keys;
  const given = [k.audit, k.encryption, k.blindIndex].filter((v) => v !== undefined).length;
  if (given > 0) {
    if (given < 3) throw new KeyringError('AUDIT_KEY, ENCRYPTION_KEYS and BLIND_INDEX_KEY go together: set all three (run: case-review keys generate)');
    return {
      audit: decodeKey(k.audit ?? '', 'AUDIT_KEY'),
      blindIndex: decodeKey(k.blindIndex ?? '', 'BLIND_INDEX_KEY'),
      encryption: decodeEncryptionKeys(k.encryption ?? '', 'ENCRYPTION_KEYS'),
      source: 'environment',
    };
  }
  if (k.file) {
    if (!existsSync(k.file)) throw new KeyringError(`KEYS_FILE ${k.file} does not exist (run: case-review keys generate --file ${k.file})`);
    return readKeyFile(k.file);
  }
  if (config.database.dialect === 'postgres') {
    throw new KeyringError(
      'With PostgreSQL every instance must use the same keys: set AUDIT_KEY, ENCRYPTION_KEYS and BLIND_INDEX_KEY, or KEYS_FILE (run: case-review keys generate)',
    );
  }
  const path = defaultKeyFile(config);
  if (existsSync(path)) return readKeyFile(path);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const keyring = generateKeyring(path);
  try {
    // 'wx': never overwrite a key file another process has just made.
    const fd = openSync(path, 'wx', 0o600);
    writeFileSync(fd, keyringToFile(keyring));
    closeSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(path);
    throw error;
  }
  return keyring;
}

export function fieldCipher(keyring: Keyring): FieldCipher {
  return new FieldCipher(keyring.encryption, keyring.blindIndex);
}
