// case-review token create | list | revoke: API bearer tokens. A token is shown once, when made.
import type { Services } from '../container.ts';
import { cliCaller, guarded, type Output, table } from './context.ts';

export interface TokenCreateOptions {
  email: string;
  name?: string;
  expiresDays?: string;
}

export async function tokenCreate(services: Services, opts: TokenCreateOptions, io: Output): Promise<number> {
  return guarded(io, async () => {
    let days: number | undefined;
    if (opts.expiresDays !== undefined) {
      days = Number(opts.expiresDays);
      if (!Number.isInteger(days) || days < 1 || days > 3650) {
        io.err('Error: --expires-days must be a whole number of days from 1 to 3650');
        return 1;
      }
    }
    const name = (opts.name ?? 'API token').trim() || 'API token';
    const { token, info } = await services.tokens.create(cliCaller('API_TOKEN_CREATED'), opts.email, name, days);
    io.out(
      `Created API token ${info.id} ("${info.name}") for ${opts.email.trim().toLowerCase()}${info.expiresAt ? `, expiring ${info.expiresAt}` : ', with no expiry'}.`,
    );
    io.out('Copy it now: it will not be shown again.');
    io.out('');
    io.out(`  ${token}`);
    io.out('');
    io.out('Send it as: Authorization: Bearer <token>');
    return 0;
  });
}

export async function tokenList(services: Services, io: Output): Promise<number> {
  return guarded(io, async () => {
    const tokens = await services.tokens.list();
    if (tokens.length === 0) {
      io.out('There are no API tokens.');
      return 0;
    }
    const rows = tokens.map((t) => [
      t.id,
      `${t.prefix}…`,
      t.name,
      t.personId,
      t.createdAt,
      t.expiresAt ?? 'never',
      t.lastUsedAt ?? 'never',
      t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt && t.expiresAt <= services.clock.now().toISOString() ? 'expired' : 'active',
    ]);
    for (const line of table(['ID', 'Starts', 'Name', 'Person', 'Created', 'Expires', 'Last used', 'State'], rows)) io.out(line);
    return 0;
  });
}

export async function tokenRevoke(services: Services, id: string, io: Output): Promise<number> {
  return guarded(io, async () => {
    await services.tokens.revoke(cliCaller('API_TOKEN_REVOKED'), id);
    io.out(`Revoked API token ${id}.`);
    return 0;
  });
}
