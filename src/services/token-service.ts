// API bearer tokens: shown once, stored as SHA-256, revocable.
import type { Db } from '../db/database.ts';
import { findApiTokenByHash, insertApiToken, listApiTokens, revokeApiToken, touchApiToken } from '../db/repositories/auth-repository.ts';
import { findPersonRowByEmail } from '../db/repositories/people-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, invalid, newId, notFound } from './context.ts';
import { randomToken, sha256 } from './secrets.ts';

const PREFIX = 'crv1_';

export interface ApiTokenInfo {
  id: string;
  personId: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export class TokenService {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService }) {}

  async create(caller: Caller, email: string, name: string, expiresInDays?: number): Promise<{ token: string; info: ApiTokenInfo }> {
    return inTransaction(this.deps.db, async (trx) => {
      const person = await findPersonRowByEmail(trx, email);
      if (!person || person.deactivated_at) throw invalid({ email: 'token.personUnknown' });
      const secret = `${PREFIX}${randomToken(32)}`;
      const now = this.deps.clock.now();
      const row = {
        id: newId(),
        person_id: person.id,
        name,
        token_hash: sha256(secret),
        prefix: secret.slice(0, 12),
        created_at: now.toISOString(),
        expires_at: expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000).toISOString() : null,
        last_used_at: null,
        revoked_at: null,
      };
      await insertApiToken(trx, row);
      await this.deps.audit.record(trx, caller, { recordType: 'api_token', recordId: row.id, summary: { personId: person.id } });
      return { token: secret, info: toInfo(row) };
    });
  }

  /** The person a bearer token belongs to, if the token is valid now. */
  async authenticate(secret: string): Promise<string | undefined> {
    if (!secret.startsWith(PREFIX)) return undefined;
    const row = await findApiTokenByHash(this.deps.db.kysely, sha256(secret));
    const now = this.deps.clock.now().toISOString();
    if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return undefined;
    if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) await touchApiToken(this.deps.db.kysely, row.id, now);
    return row.person_id;
  }

  async list(personId?: string): Promise<ApiTokenInfo[]> {
    return (await listApiTokens(this.deps.db.kysely, personId)).map(toInfo);
  }

  async revoke(caller: Caller, id: string): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      if (!(await revokeApiToken(trx, id, this.deps.clock.now().toISOString()))) throw notFound('token');
      await this.deps.audit.record(trx, caller, { recordType: 'api_token', recordId: id, summary: {} });
    });
  }
}

function toInfo(row: {
  id: string;
  person_id: string;
  name: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}): ApiTokenInfo {
  return {
    id: row.id,
    personId: row.person_id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
