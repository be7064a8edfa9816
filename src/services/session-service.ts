// Server-side sessions in the database, so several app instances share them. Idle and absolute
// timeouts are enforced here; the idle clock is refreshed at most once a minute per session. A copy of
// the database gives away no session: rows are keyed by a hash of the session id (the id itself lives
// only in the signed cookie), and their data (unfinished referrals hold a child's identifying details,
// two-factor set-up holds a secret) is encrypted at rest.
import type { Db } from '../db/database.ts';
import { type FieldCipher, sealedPlace } from '../db/field-cipher.ts';
import { deleteSession, ensureSetting, findSession, touchSession, upsertSession } from '../db/repositories/auth-repository.ts';
import type { Clock } from './context.ts';
import { randomToken, sessionKey } from './secrets.ts';

export interface SessionData {
  personId?: string;
  twoFactorPassed?: boolean;
  [key: string]: unknown;
}

const TOUCH_EVERY_MS = 60_000;

export class SessionService {
  constructor(private readonly deps: { db: Db; clock: Clock; cipher: FieldCipher; idleMs: number; absoluteMs: number }) {}

  /** The cookie-signing secret: configured, or made once and stored so every instance shares it. */
  async signingSecret(configured: string | undefined): Promise<string> {
    if (configured) return configured;
    return ensureSetting(this.deps.db.kysely, 'session_secret', randomToken(48));
  }

  async get(id: string): Promise<SessionData | undefined> {
    const key = sessionKey(id);
    const row = await findSession(this.deps.db.kysely, key);
    if (!row) return undefined;
    const now = this.deps.clock.now();
    const iso = now.toISOString();
    if (row.expires_at <= iso || row.absolute_expires_at <= iso) {
      await deleteSession(this.deps.db.kysely, key);
      return undefined;
    }
    if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
      await touchSession(this.deps.db.kysely, key, iso, new Date(now.getTime() + this.deps.idleMs).toISOString());
    }
    return JSON.parse(this.deps.cipher.decrypt(row.data, sealedPlace('sessions', 'data', key))) as SessionData;
  }

  async set(id: string, data: SessionData): Promise<void> {
    const key = sessionKey(id);
    const now = this.deps.clock.now();
    const existing = await findSession(this.deps.db.kysely, key);
    const iso = now.toISOString();
    await upsertSession(this.deps.db.kysely, {
      id: key,
      person_id: typeof data.personId === 'string' ? data.personId : null,
      data: this.deps.cipher.encrypt(JSON.stringify(data), sealedPlace('sessions', 'data', key)),
      created_at: existing?.created_at ?? iso,
      last_seen_at: iso,
      expires_at: new Date(now.getTime() + this.deps.idleMs).toISOString(),
      // The absolute timeout runs from sign-in (carried across session renewals), else from creation.
      absolute_expires_at: new Date(
        Date.parse(typeof data.signedInAt === 'string' ? data.signedInAt : (existing?.created_at ?? iso)) + this.deps.absoluteMs,
      ).toISOString(),
    });
  }

  async destroy(id: string): Promise<void> {
    await deleteSession(this.deps.db.kysely, sessionKey(id));
  }
}
