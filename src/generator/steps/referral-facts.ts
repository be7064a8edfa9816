// The referrals step's facts and people of each referral: the referral as recorded, the child's restricted
// details (sealed, with the blind indexes of the duplicate check), periods on the child protection register
// or looked after, family members, agencies involved, parallel proceedings, and its REFERRAL_CREATED event.
import type { Insertable } from 'kysely';
import { sealedPlace } from '../../db/field-cipher.ts';
import type { Database } from '../../db/schema.ts';
import { addDays, daysBetween } from '../../domain/clock/dates.ts';
import type { ChildFacts } from '../../domain/frameworks/types.ts';
import { familyPseudonym } from '../../domain/pseudonyms.ts';
import { type ABUSE_OR_NEGLECT, type INCIDENT_TYPES, normaliseName, PROCEEDING_TYPES, REFERRAL_WORKFLOW } from '../../domain/referrals/referral.ts';
import type { GeneratorContext } from '../context.ts';
import { address, CHILD_FIRST_NAMES, FACTS, personName, RELATIONSHIPS } from '../names.ts';
import { instantOn, type Random } from '../random.ts';
import type { Plan } from './referral-plan.ts';

/** The rows of the referrals' facts and people, and the last child number given on each board. */
export interface FactRows {
  referrals: Insertable<Database['referrals']>[];
  children: Insertable<Database['referral_children']>[];
  periods: Insertable<Database['child_periods']>[];
  family: Insertable<Database['family_members']>[];
  involved: Insertable<Database['referral_agencies']>[];
  proceedings: Insertable<Database['parallel_proceedings']>[];
  childNumbers: Map<string, number>;
}

export function emptyFactRows(): FactRows {
  return { referrals: [], children: [], periods: [], family: [], involved: [], proceedings: [], childNumbers: new Map() };
}

/** The child's periods, which the criteria assessment reads. */
export type ChildPeriods = Pick<ChildFacts, 'childProtectionRegisterPeriods' | 'lookedAfterPeriods'>;

/** Adds one referral's facts and people to the rows (recorded by the business unit member, if any). */
export function addReferralFacts(ctx: GeneratorContext, rng: Random, rows: FactRows, p: Plan, businessUnit: string | null): ChildPeriods {
  const { referrals, children, periods, family, involved, proceedings, childNumbers } = rows;
  const board = p.board;
  const childNumber = (childNumbers.get(board.id) ?? 0) + 1;
  childNumbers.set(board.id, childNumber);
  const incidentType = rng.weighted<(typeof INCIDENT_TYPES)[number]>([
    ['death', 35],
    ['life_threatening_injury', 30],
    ['serious_permanent_impairment', 15],
    ['other_harm', 20],
  ]);
  const referringAgency = rng.pick(board.agencyIds);
  const referrer = personName(rng);
  const updatedAt = p.status === 'referred' ? p.createdAt : instantOn(rng, p.status.startsWith('decided') ? p.decidedOn : p.meetsOn);
  referrals.push({
    id: p.id,
    board_id: board.id,
    child_number: childNumber,
    status: p.status,
    referring_agency_id: referringAgency,
    referrer_name: `${referrer.first} ${referrer.last}`,
    referrer_role: rng.pick(['Team manager', 'Designated safeguarding lead', 'Detective inspector', 'Named nurse']),
    referrer_email: rng.chance(0.7) ? `${referrer.first.toLowerCase()}.${childNumber}@referrer.example` : null,
    received_on: p.receivedOn,
    incident_on: p.incidentOn,
    incident_type: incidentType,
    impairment_identified_on: incidentType === 'serious_permanent_impairment' ? addDays(p.incidentOn, rng.int(0, 20)) : null,
    abuse_or_neglect: rng.weighted<(typeof ABUSE_OR_NEGLECT)[number]>([
      ['known', 45],
      ['suspected', 45],
      ['not_suspected', 10],
    ]),
    in_board_area: rng.chance(0.95) ? 1 : 0,
    initial_facts: rng.pick(FACTS),
    created_by: businessUnit,
    created_at: p.createdAt,
    updated_at: [updatedAt, p.createdAt].sort()[1] ?? p.createdAt,
  });
  const childName = `${rng.pick(CHILD_FIRST_NAMES)} ${personName(rng).last}`;
  const dateOfBirth = addDays(p.incidentOn, -rng.int(30, 17 * 365));
  const { cipher } = ctx;
  children.push({
    referral_id: p.id,
    full_name: cipher.encrypt(childName, sealedPlace('referral_children', 'full_name', p.id)),
    name_normalised: null,
    date_of_birth_on: cipher.encrypt(dateOfBirth, sealedPlace('referral_children', 'date_of_birth_on', p.id)),
    address: cipher.encrypt(address(rng, board.place), sealedPlace('referral_children', 'address', p.id)),
    is_deceased: incidentType === 'death' ? 1 : 0,
    name_index: cipher.blindIndex('child_name', board.id, normaliseName(childName)),
    dob_index: cipher.blindIndex('child_dob', board.id, dateOfBirth),
  });
  const childPeriods: ChildFacts['childProtectionRegisterPeriods'][number][] = [];
  const lookedAfter: ChildFacts['lookedAfterPeriods'][number][] = [];
  if (rng.chance(0.4)) {
    const startOn = addDays(p.incidentOn, -rng.int(60, 900));
    const endOn = rng.chance(0.5) ? addDays(startOn, rng.int(30, 500)) : null;
    const period = { startOn, endOn: endOn && endOn < p.incidentOn ? endOn : null };
    childPeriods.push(period);
    periods.push({
      id: rng.idAt(Date.parse(p.createdAt)),
      referral_id: p.id,
      kind: 'child_protection_register',
      start_on: period.startOn,
      end_on: period.endOn,
    });
  }
  if (rng.chance(0.2)) {
    const startOn = addDays(p.incidentOn, -rng.int(30, 1500));
    const period = { startOn, endOn: null };
    lookedAfter.push(period);
    periods.push({ id: rng.idAt(Date.parse(p.createdAt)), referral_id: p.id, kind: 'looked_after', start_on: startOn, end_on: null });
  }
  const members = rng.int(1, 4);
  for (let m = 0; m < members; m++) {
    const significant = rng.chance(0.2);
    const name = personName(rng);
    const memberId = rng.idAt(Date.parse(p.createdAt));
    const contact = rng.chance(0.5) ? address(rng, board.place) : null;
    family.push({
      id: memberId,
      referral_id: p.id,
      pseudonym_kind: familyPseudonym(significant, m + 1).kind,
      pseudonym_index: m + 1,
      relationship: rng.pick(RELATIONSHIPS),
      is_significant_person: significant ? 1 : 0,
      language: rng.chance(0.25) ? 'cy' : 'en',
      full_name: cipher.encrypt(`${name.first} ${name.last}`, sealedPlace('family_members', 'full_name', memberId)),
      contact_details: cipher.seal(contact, sealedPlace('family_members', 'contact_details', memberId)),
      created_at: p.createdAt,
    });
  }
  const agencies = rng.sample(board.agencyIds, rng.int(2, 6));
  for (const agencyId of agencies) involved.push({ referral_id: p.id, agency_id: agencyId });
  const hasProceeding = rng.chance(0.4);
  if (hasProceeding) {
    const concluded = daysBetween(p.receivedOn, ctx.asOf) > 540 && rng.chance(0.8);
    proceedings.push({
      id: rng.idAt(Date.parse(p.createdAt)),
      referral_id: p.id,
      review_id: null,
      proceeding_type: rng.pick(PROCEEDING_TYPES),
      status: concluded ? 'concluded' : 'open',
      liaison_contact: rng.chance(0.6) ? 'Senior investigating officer' : null,
      expected_end_on: addDays(p.receivedOn, rng.int(90, 720)),
      concluded_on: concluded ? addDays(p.receivedOn, rng.int(120, 530)) : null,
      created_at: p.createdAt,
      updated_at: p.createdAt,
    });
  }
  ctx.audit({
    id: rng.idAt(Date.parse(p.createdAt)),
    at: p.createdAt,
    actorId: businessUnit,
    action: 'REFERRAL_CREATED',
    boardId: board.id,
    recordType: 'referral',
    recordId: p.id,
    moves: [{ record: 'referral', id: p.id, from: null, to: REFERRAL_WORKFLOW.created.state, event: REFERRAL_WORKFLOW.created.event }],
    // Counts only: no case content in the audit log.
    summary: {
      periods: childPeriods.length + lookedAfter.length,
      familyMembers: members,
      agenciesInvolved: agencies.length,
      proceedings: hasProceeding ? 1 : 0,
    },
  });
  return { childProtectionRegisterPeriods: childPeriods, lookedAfterPeriods: lookedAfter };
}
