// Encryption at rest of restricted fields (a child's and family members' identifying details, two-factor
// secrets, session data) with AES-256-GCM, and keyed blind indexes (HMAC-SHA-256) so equal values can
// still be matched without storing them. A copied database file alone reveals neither.
//
// A stored value reads `enc:v1:<key id>:<iv>:<ciphertext+tag>` (base64url). The caller names the value's
// place (`referral_children.full_name:<referral id>`) as additional authenticated data, so a ciphertext
// moved to another row or column does not decrypt. Several keys may be known: the first encrypts, every
// one decrypts (rotation re-encrypts under the first: `case-review keys rotate`).
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class FieldCipher {
  private readonly byId: Map<string, Buffer>;
  private readonly current: EncryptionKey;

  constructor(
    keys: readonly EncryptionKey[],
    private readonly blindIndexKey: Buffer,
  ) {
    const [current] = keys;
    if (!current) throw new Error('at least one encryption key is needed');
    for (const k of [...keys.map((x) => x.key), blindIndexKey]) if (k.length !== 32) throw new Error('keys must be 32 bytes');
    this.current = current;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  /** Every key id this cipher can decrypt. */
  get keyIds(): string[] {
    return [...this.byId.keys()];
  }

  encrypt(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${this.current.id}:${iv.toString('base64url')}:${body.toString('base64url')}`;
  }

  decrypt(stored: string, context: string): string {
    const parsed = parse(stored);
    if (!parsed) throw new Error(`not an encrypted value (${context})`);
    const key = this.byId.get(parsed.keyId);
    if (!key) throw new Error(`unknown encryption key "${parsed.keyId}" (${context})`);
    const decipher = createDecipheriv('aes-256-gcm', key, parsed.iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(parsed.body.subarray(parsed.body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(parsed.body.subarray(0, parsed.body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** encrypt() for nullable columns. */
  seal(plain: string | null, context: string): string | null {
    return plain === null ? null : this.encrypt(plain, context);
  }

  /** decrypt() for nullable columns. */
  open(stored: string | null, context: string): string | null {
    return stored === null ? null : this.decrypt(stored, context);
  }

  /** Whether a stored value must be (re-)encrypted: plaintext, or under a key other than the current one. */
  needsSealing(stored: string): boolean {
    return parse(stored)?.keyId !== this.current.id;
  }

  /**
   * A keyed blind index: equal (purpose, scope, value) give equal indexes; without the key nothing about the
   * value can be learnt or guessed from it. The scope (a board) keeps equal values of two boards apart.
   */
  blindIndex(purpose: string, scope: string, value: string): string {
    return createHmac('sha256', this.blindIndexKey).update(`${purpose}\u0000${scope}\u0000${value}`).digest('base64url');
  }
}

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

function parse(stored: string): { keyId: string; iv: Buffer; body: Buffer } | undefined {
  if (!stored.startsWith(PREFIX)) return undefined;
  const [keyId, iv, body] = stored.slice(PREFIX.length).split(':');
  if (!keyId || !iv || !body) return undefined;
  const ivBytes = Buffer.from(iv, 'base64url');
  const bodyBytes = Buffer.from(body, 'base64url');
  if (ivBytes.length !== IV_BYTES || bodyBytes.length < TAG_BYTES) return undefined;
  return { keyId, iv: ivBytes, body: bodyBytes };
}

/** The additional authenticated data of a sealed value: its table, column and row. */
export function sealedPlace(table: string, column: string, rowKey: string): string {
  return `${table}.${column}:${rowKey}`;
}
