// Passwords (argon2id), random tokens (stored only as SHA-256) and password rules.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// algorithm 2 is Argon2id (a const enum in @node-rs/argon2's types, not importable under verbatimModuleSyntax).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // Verify against a fixed hash when there is none, so timing does not reveal which accounts exist.
  const target = stored ?? DUMMY_HASH;
  try {
    return (await verify(target, password)) && stored !== null;
  } catch {
    return false;
  }
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$cMkbHWm6KiLQCxobHoEO1Q$aR3PYOMKDvoQMK61BTgmey3tNxz6q6iA8mb/L0XrtEA';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** How a session is found in the database: a hash of its id, so a copy of the sessions table signs no one in. */
export function sessionKey(sessionId: string): string {
  return sha256(`session\u0000${sessionId}`);
}

const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  '123456789012',
  'qwertyuiop',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'changeme',
  'cyfrinair',
]);

/** Returns a locale key (errors namespace) describing what is wrong with the password, or undefined. */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < 12) return 'password.tooShort';
  if (password.length > 200) return 'password.tooLong';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) return 'password.tooCommon';
  if (email && lower.includes(email.toLowerCase().split('@')[0] ?? '\u0000')) return 'password.containsEmail';
  return undefined;
}
