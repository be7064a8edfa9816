// Agencies and referrals for referral tests, through the real repositories and services.
import type { Services } from '../container.ts';
import { insertAgency } from '../db/repositories/organisation-repository.ts';
import type { Agency, Sector } from '../domain/organisation.ts';
import type { BoardRole } from '../domain/roles.ts';
import { newId } from '../services/context.ts';
import type { ReferralInput } from '../services/referral-service.ts';
import { seedPerson } from './fixtures.ts';

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

/** A complete referral input for a board; today is the clock's date. */
export function referralInput(boardId: string, overrides: Partial<ReferralInput> = {}): ReferralInput {
  return {
    boardId,
    referringAgencyId: null,
    referrerName: 'Duty manager',
    referrerRole: 'Team manager',
    receivedOn: '2026-11-20',
    incidentOn: '2026-11-18',
    incidentType: 'death',
    impairmentIdentifiedOn: null,
    abuseOrNeglect: 'suspected',
    inBoardArea: true,
    initialFacts: 'Known facts as reported by the police.',
    child: { fullName: 'Siân Ŵyn Prydderch', dateOfBirthOn: '2019-05-04', address: '1 Stryd Fawr', isDeceased: true },
    periods: [],
    familyMembers: [],
    agenciesInvolved: [],
    proceedings: [],
    ...overrides,
  };
}

/** Records a referral as a business unit member of the board (a person seeded for the purpose). */
export async function seedReferral(services: Services, boardId: string, overrides: Partial<ReferralInput> = {}) {
  const person = await seedPerson(services, { fullName: 'Seeded Business Unit', roles: [{ role: 'business_unit' as BoardRole, boardId }] });
  const loaded = await services.identity.loadActor(person.id, true);
  if (!loaded) throw new Error('seeded person not loaded');
  const caller = { actor: { personId: person.id, grants: loaded.grants, twoFactorSatisfied: true }, ip: null, requestId: null, action: 'REFERRAL_CREATED' };
  return services.referrals.create(caller, referralInput(boardId, overrides));
}
