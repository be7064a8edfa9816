// Agencies and referrals for referral tests, through the real repositories and services.
import type { Services } from '../container.ts';
import type { Agency, Sector } from '../domain/organisation.ts';
import type { ReferralInput } from '../services/referral-service.ts';
import { seedAgency as seedAgencyWith } from './admin-fixtures.ts';
import { callerWithRole, referralInput } from './case-fixtures.ts';

/** An agency of the boards (police by default), as the referral pages list them. */
export function seedAgency(
  services: Services,
  boardIds: string[],
  names: { en: string; cy: string } = { en: 'Test Police', cy: 'Heddlu Prawf' },
  sector: Sector = 'police',
): Promise<Agency> {
  return seedAgencyWith(services, { boardIds, nameEn: names.en, nameCy: names.cy, sector });
}

/** Records a referral as a business unit member of the board (a person seeded for the purpose). */
export async function seedReferral(services: Services, boardId: string, overrides: Partial<ReferralInput> = {}) {
  const caller = await callerWithRole(services, 'business_unit', boardId, 'REFERRAL_CREATED', { fullName: 'Seeded Business Unit' });
  return services.referrals.create(caller, referralInput(boardId, overrides));
}
