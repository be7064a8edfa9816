// What the database holds for encrypted fields, as stored and as the service opens it, for tests that
// check both that a value is kept and that it is not kept in plaintext.
import type { Services } from '../container.ts';
import { sealedPlace } from '../db/field-cipher.ts';
import { openTotpSecret } from '../db/repositories/people-repository.ts';

export async function storedChildName(services: Services, referralId: string): Promise<{ stored: string | null; opened: string | null }> {
  const row = await services.db.kysely.selectFrom('referral_children').select('full_name').where('referral_id', '=', referralId).executeTakeFirstOrThrow();
  return { stored: row.full_name, opened: services.cipher.open(row.full_name, sealedPlace('referral_children', 'full_name', referralId)) };
}

export async function storedTotpSecret(services: Services, personId: string) {
  const row = await services.db.kysely
    .selectFrom('people')
    .select(['id', 'totp_secret', 'totp_enabled_at'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  return { stored: row.totp_secret, opened: openTotpSecret(services.cipher, row), enabledAt: row.totp_enabled_at };
}
