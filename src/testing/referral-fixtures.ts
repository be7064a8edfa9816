// Agencies and referrals for referral tests, through the real repositories and services.
import type { Services } from '../container.ts';
import { insertAgency } from '../db/repositories/organisation-repository.ts';
import type { Agency, Sector } from '../domain/organisation.ts';
import { newId } from '../services/context.ts';
import type { ReferralInput } from '../services/referral-service.ts';
import { callerWithRole, referralInput } from './case-fixtures.ts';

export async function seedAgency(
  services: Services,
  boardIds: string[],
  names: { en: string; cy: string } = { en: 'Test Police', cy: 'Heddlu Prawf' },
  sector: Sector = 'police',
): Promise<Agency> {
  const agency: Agency = { id: newId(), nameEn: names.en, nameCy: names.cy, sector, isStatutoryPartner: true, isActive: true, boardIds };
  await insertAgency(services.db.kysely, agency, services.clock.now().toISOString());
  return agency;
}

/** Records a referral as a business unit member of the board (a person seeded for the purpose). */
export async function seedReferral(services: Services, boardId: string, overrides: Partial<ReferralInput> = {}) {
  const caller = await callerWithRole(services, 'business_unit', boardId, 'REFERRAL_CREATED', { fullName: 'Seeded Business Unit' });
  return services.referrals.create(caller, referralInput(boardId, overrides));
}
