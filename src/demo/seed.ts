// The demo organisation: a fictional Welsh regional safeguarding children board, its partner agencies
// across the sectors, and one person for every board role plus a deployment administrator. Seeded
// through the services (audited like any other change) and idempotent: a second run finds what exists
// and creates only what is missing. The deployment administrator appoints the chair and grants the other
// roles; the chair confirms the case roles, as the service requires (docs/adr/0007). Every run gives each
// demo person a fresh random password (printed), and enrols everyone who must use two-factor
// authentication (all but the board member: secret printed).
import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI } from 'otplib';
import type { Services } from '../container.ts';
import { findBoardByCode } from '../db/repositories/organisation-repository.ts';
import {
  findPersonRowByEmail,
  insertPerson,
  insertRoleAssignment,
  openTotpSecret,
  sealTotpSecret,
  updatePersonColumns,
} from '../db/repositories/people-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import type { Board, Language, Sector } from '../domain/organisation.ts';
import { type BoardRole, type ReviewRole, requiresTwoFactor } from '../domain/roles.ts';
import { type Caller, newId, systemCaller } from '../services/context.ts';
import { hashPassword, passwordProblem } from '../services/secrets.ts';
import { DEMO_ACTION_OWNER, seedDemoActionPlan } from './action-plan.ts';
import { seedDemoAnonymisation } from './anonymisation.ts';
import { seedDemoBoardMeetings } from './board-meetings.ts';
import { DEMO_DRAFTING_CONTRIBUTOR, seedDemoChronology } from './chronology.ts';
import { seedDemoContributions } from './contributions.ts';
import { seedDemoDictionary } from './dictionary.ts';
import { seedDemoFamily } from './family.ts';
import { seedDemoLearningEvent } from './learning-event.ts';
import { seedDemoMilestones } from './milestones.ts';
import { seedDemoPacket } from './packet.ts';
import { seedDemoPanels } from './panels.ts';
import { seedDemoPublication } from './publication.ts';
import { type DemoReferral, seedDemoReferrals } from './referrals.ts';
import { seedDemoReport } from './report.ts';
import { seedDemoReviewRecords } from './review-records.ts';
import { seedDemoSummary } from './summary.ts';
import { seedDemoTerms } from './terms.ts';

export const DEMO_ACTION: AuditAction = 'DEMO_SEEDED';

export const DEMO_BOARD = {
  code: 'TEIFI',
  nameEn: 'Teifi Valley Safeguarding Children Board',
  nameCy: 'Bwrdd Diogelu Plant Dyffryn Teifi',
  boardType: 'RSB',
  nation: 'wales',
  region: 'Dyffryn Teifi (fictional)',
  validFromOn: '2026-04-01',
  validToOn: null,
  predecessorBoardId: null,
} as const;

export const DEMO_AGENCIES: readonly { nameEn: string; nameCy: string; sector: Sector; isStatutoryPartner: boolean }[] = [
  { nameEn: 'Teifi County Council Children’s Services', nameCy: 'Gwasanaethau Plant Cyngor Sir Teifi', sector: 'social_services', isStatutoryPartner: true },
  { nameEn: 'Teifi County Council Education Service', nameCy: 'Gwasanaeth Addysg Cyngor Sir Teifi', sector: 'education', isStatutoryPartner: true },
  { nameEn: 'Teifi Valley Police', nameCy: 'Heddlu Dyffryn Teifi', sector: 'police', isStatutoryPartner: true },
  { nameEn: 'Teifi Valley University Health Board', nameCy: 'Bwrdd Iechyd Prifysgol Dyffryn Teifi', sector: 'health', isStatutoryPartner: true },
  { nameEn: 'Teifi Probation Delivery Unit', nameCy: 'Uned Gyflawni Gwasanaeth Prawf Teifi', sector: 'probation', isStatutoryPartner: true },
  { nameEn: 'Teifi Youth Justice Service', nameCy: 'Gwasanaeth Cyfiawnder Ieuenctid Teifi', sector: 'youth_offending', isStatutoryPartner: true },
  { nameEn: 'Cartrefi Teifi Housing Association', nameCy: 'Cymdeithas Dai Cartrefi Teifi', sector: 'housing', isStatutoryPartner: false },
  { nameEn: 'Teifi Family Support Trust', nameCy: 'Ymddiriedolaeth Cymorth i Deuluoedd Teifi', sector: 'voluntary', isStatutoryPartner: false },
];

interface DemoPersonSpec {
  /** A board role, or 'deployment_administrator' for the deployment-wide administrator. */
  role: BoardRole | 'deployment_administrator';
  fullName: string;
  email: string;
  jobTitle: string;
  /** The English name of the person's agency (DEMO_AGENCIES), or null for an independent person. */
  agency: string | null;
  language: Language;
}

export const DEMO_PEOPLE: readonly DemoPersonSpec[] = [
  {
    role: 'deployment_administrator',
    fullName: 'Alun Morgan',
    email: 'alun.morgan@teifi.example',
    jobTitle: 'Service administrator',
    agency: null,
    language: 'en',
  },
  {
    role: 'administrator',
    fullName: 'Siân Evans',
    email: 'sian.evans@teifi.example',
    jobTitle: 'Board administrator',
    agency: 'Teifi County Council Children’s Services',
    language: 'cy',
  },
  {
    role: 'business_unit',
    fullName: 'Gareth Jones',
    email: 'gareth.jones@teifi.example',
    jobTitle: 'Business unit manager',
    agency: 'Teifi County Council Children’s Services',
    language: 'en',
  },
  { role: 'board_chair', fullName: 'Eleri Price', email: 'eleri.price@teifi.example', jobTitle: 'Independent chair', agency: null, language: 'cy' },
  {
    role: 'board_member',
    fullName: 'Dafydd Thomas',
    email: 'dafydd.thomas@teifi.example',
    jobTitle: 'Detective superintendent',
    agency: 'Teifi Valley Police',
    language: 'en',
  },
  {
    role: 'management_group_member',
    fullName: 'Ffion Roberts',
    email: 'ffion.roberts@teifi.example',
    jobTitle: 'Designated nurse, safeguarding',
    agency: 'Teifi Valley University Health Board',
    language: 'cy',
  },
  {
    role: 'management_group_chair',
    fullName: 'Huw Williams',
    email: 'huw.williams@teifi.example',
    jobTitle: 'Head of inclusion',
    agency: 'Teifi County Council Education Service',
    language: 'en',
  },
  {
    role: 'agency_referrer',
    fullName: 'Rhys Hughes',
    email: 'rhys.hughes@teifi.example',
    jobTitle: 'Designated safeguarding lead',
    agency: 'Teifi County Council Education Service',
    language: 'en',
  },
  {
    role: 'information_governance',
    fullName: 'Nia Lloyd',
    email: 'nia.lloyd@teifi.example',
    jobTitle: 'Information governance lead',
    agency: 'Teifi County Council Children’s Services',
    language: 'en',
  },
];

/** A demo sign-in: a board role, the deployment administrator, or an agency's contributor to a review. */
export type DemoAccountRole = DemoPersonSpec['role'] | Extract<ReviewRole, 'agency_contributor' | 'action_owner'>;

export interface DemoAccount {
  role: DemoAccountRole;
  fullName: string;
  email: string;
  password: string;
  /** Base32 secret to add to an authenticator app, for those who must use two-factor authentication. */
  totpSecret: string | null;
  totpUri: string | null;
}

export interface DemoSeed {
  board: Board;
  /** False when the demo board already existed (nothing was duplicated). */
  boardCreated: boolean;
  agencies: number;
  accounts: DemoAccount[];
  /** The demo referrals, one at each step from referral to decision (src/demo/referrals.ts). */
  referrals: DemoReferral[];
  /** The panels: appointments made, and refused (a declared conflict). */
  panels: { appointed: number; refused: number };
}

function demoPassword(email: string): string {
  for (;;) {
    const password = randomBytes(12).toString('base64url');
    if (!passwordProblem(password, email)) return password;
  }
}

async function ensureDeploymentAdministrator(services: Services, spec: DemoPersonSpec): Promise<string> {
  const existing = await findPersonRowByEmail(services.db.kysely, spec.email);
  if (existing) return existing.id;
  return inTransaction(services.db, async (trx) => {
    const id = newId();
    const at = services.clock.now().toISOString();
    await insertPerson(trx, { id, email: spec.email, fullName: spec.fullName, jobTitle: spec.jobTitle, agencyId: null, language: spec.language }, at);
    await insertRoleAssignment(trx, { id: newId(), personId: id, role: 'administrator', scope: { type: 'deployment' }, createdBy: null }, at);
    await services.audit.record(trx, systemCaller(DEMO_ACTION), {
      recordType: 'person',
      recordId: id,
      summary: { role: 'administrator', scope: 'deployment' },
    });
    return id;
  });
}

/**
 * Seeds (or completes) the demo organisation and sets fresh credentials for every demo person. Only on a
 * new database (no administrator yet) or one the demo made (its administrator is there): a database with
 * any other administrator is a real deployment's, and the demo refuses it before adding anything.
 */
export async function seedDemo(services: Services): Promise<DemoSeed> {
  const [adminSpec, ...boardPeople] = DEMO_PEOPLE;
  if (!adminSpec) throw new Error('no demo administrator');
  if ((await services.identity.hasAdministrator()) && !(await findPersonRowByEmail(services.db.kysely, adminSpec.email))) {
    throw new Error(
      'This database is not the demo’s: it already has an administrator. The demo seeds only a new database or one it made before (choose its directory with --data-dir).',
    );
  }
  const adminId = await ensureDeploymentAdministrator(services, adminSpec);
  const loaded = await services.identity.loadActor(adminId, true);
  if (!loaded) throw new Error(`the demo administrator ${adminSpec.email} is deactivated`);
  const caller: Caller = { actor: { personId: adminId, grants: loaded.grants, twoFactorSatisfied: true }, ip: null, requestId: null, action: DEMO_ACTION };

  const found = await findBoardByCode(services.db.kysely, DEMO_BOARD.code);
  const board = found ?? (await services.organisation.createBoard(caller, { ...DEMO_BOARD }));

  const agencies = await services.organisation.listAgencies(caller, board.id);
  for (const spec of DEMO_AGENCIES) {
    if (agencies.some((a) => a.nameEn === spec.nameEn)) continue;
    agencies.push(await services.organisation.createAgency(caller, { ...spec, boardIds: [board.id] }));
  }

  for (const spec of boardPeople) {
    if (spec.role === 'deployment_administrator') continue;
    const agencyId = spec.agency ? (agencies.find((a) => a.nameEn === spec.agency)?.id ?? null) : null;
    const row = await findPersonRowByEmail(services.db.kysely, spec.email);
    const personId =
      row?.id ??
      (
        await services.people.create(caller, {
          fullName: spec.fullName,
          email: spec.email,
          jobTitle: spec.jobTitle,
          agencyId,
          language: spec.language,
          boardId: board.id,
        })
      ).id;
    const roles = await services.people.roles(caller, personId);
    const holds = roles.some((r) => r.role === spec.role && r.scope.type === 'board' && r.scope.boardId === board.id);
    if (!holds) await services.roles.assignRole(caller, personId, { role: spec.role, boardId: board.id });
  }
  // The chair (appointed at once by the deployment administrator) confirms the case roles granted.
  const chair = await demoCaller(services, 'board_chair');
  for (const grant of await services.roles.waitingGrants(chair, { boardId: board.id })) {
    if (grant.canDecide) await services.roles.confirmGrant(chair, grant.id);
  }

  const groupMember = await demoCaller(services, 'management_group_member');
  const groupChair = await demoCaller(services, 'management_group_chair');
  const boardChair = chair;
  const attendee = (c: Caller, attended: boolean) => ({ personId: c.actor?.personId ?? '', attended });
  const businessUnit = await demoCaller(services, 'business_unit');
  const referrals = await seedDemoReferrals(services, board.id, agencies, {
    businessUnit,
    agencyReferrer: await demoCaller(services, 'agency_referrer'),
    groupMember,
    groupChair,
    boardChair,
    administrator: await demoCaller(services, 'administrator'),
    meetingAttendees: [attendee(groupMember, true), attendee(groupChair, true), attendee(boardChair, false)],
  });
  await seedDemoMilestones(services, board.id, businessUnit);

  await seedDemoReviewRecords(services, board.id, agencies, businessUnit);
  await seedDemoFamily(services, board.id, businessUnit);
  // The register and the panels: an appointed chair and author, and an appointment refused for a conflict.
  const panels = await seedDemoPanels(services, board.id, agencies, businessUnit);
  // Agency contributions to the SCR review whose agency reports are requested: one signed off, overdue ones, one waived.
  await seedDemoContributions(services, board.id, agencies, await demoCaller(services, 'business_unit'));
  // The SUSR building its timeline: four agencies' chronologies entered, signed off and shared; two key events marked.
  await seedDemoChronology(services, board.id, agencies, businessUnit);
  // The review whose agencies' reports are requested: terms of reference approved by its panel's chair (version 1), version 2 drafted.
  await seedDemoTerms(services, board.id, businessUnit);
  // A Child Practice Review's learning event: held, with replies, attendance, notes and the learning identified.
  await seedDemoLearningEvent(services, board.id, businessUnit);
  // The Child Practice Review whose reviewers' report is in the panel's QA: comments, and a review recommendation without its target date.
  await seedDemoReport(services, board.id, agencies, businessUnit);
  // The board's own meetings: one held last month with its attendance and minutes, the next scheduled next month with its agenda.
  await seedDemoBoardMeetings(services, board.id, businessUnit);
  // The SUSR at board acceptance: its report accepted, its action plan with actions in every status, signed off by the case review group.
  await seedDemoActionPlan(services, board.id, agencies, businessUnit, boardChair);
  // Its pseudonym dictionary: the review's people under their codes, and the places, school and workers its documents name.
  await seedDemoDictionary(services, board.id, businessUnit);
  // Its executive summary: the English approved, the Welsh returned by the translator and approved (ready to publish).
  await seedDemoSummary(services, board.id, businessUnit);
  // Its report's anonymisation check: an exact date accepted by information governance, the town the dictionary names still open.
  await seedDemoAnonymisation(services, board.id, businessUnit, await demoCaller(services, 'information_governance'));
  // Its submission packet (summary in both languages, report, action plan, manifest), and its sending to the Welsh Government.
  await seedDemoPacket(services, board.id, businessUnit);
  // Two Child Practice Reviews taken to publication: one released to the public pages, one held for criminal proceedings (shown as delayed).
  await seedDemoPublication(services, board.id, agencies, businessUnit, boardChair, await demoCaller(services, 'information_governance'));

  const accounts: DemoAccount[] = [];
  for (const spec of DEMO_PEOPLE) accounts.push(await setCredentials(services, spec));
  // The housing association's contributor, writing its chronology for the SUSR building its timeline.
  accounts.push(await setCredentials(services, { role: 'agency_contributor', email: DEMO_DRAFTING_CONTRIBUTOR.email }));
  // The police's lead officer on the action plan of the SUSR at board acceptance.
  if (await findPersonRowByEmail(services.db.kysely, DEMO_ACTION_OWNER.email))
    accounts.push(await setCredentials(services, { role: 'action_owner', email: DEMO_ACTION_OWNER.email }));
  return { board, boardCreated: !found, agencies: agencies.length, accounts, referrals, panels };
}

/** The demo person holding a board role, as a caller of the services (the demo acts as them). */
async function demoCaller(services: Services, role: BoardRole): Promise<Caller> {
  const spec = DEMO_PEOPLE.find((p) => p.role === role);
  const row = spec ? await findPersonRowByEmail(services.db.kysely, spec.email) : undefined;
  const loaded = row ? await services.identity.loadActor(row.id, true) : undefined;
  if (!row || !loaded) throw new Error(`the demo ${role} is missing or deactivated`);
  return { actor: { personId: row.id, grants: loaded.grants, twoFactorSatisfied: true }, ip: null, requestId: null, action: DEMO_ACTION };
}

/** A fresh random password; two-factor enrolment for the roles that require it (kept if already enrolled). */
async function setCredentials(services: Services, spec: { role: DemoAccountRole; email: string }): Promise<DemoAccount> {
  const row = await findPersonRowByEmail(services.db.kysely, spec.email);
  if (!row) throw new Error(`demo person ${spec.email} is missing`);
  const grants = (await services.identity.loadActor(row.id, true))?.grants ?? [];
  const needsTotp = requiresTwoFactor(grants);
  const password = demoPassword(spec.email);
  const passwordHash = await hashPassword(password);
  const enrolled = row.totp_enabled_at ? openTotpSecret(services.cipher, row) : null;
  const totpSecret = needsTotp ? (enrolled ?? generateSecret()) : null;
  await inTransaction(services.db, async (trx) => {
    const at = services.clock.now().toISOString();
    await updatePersonColumns(
      trx,
      row.id,
      {
        password_hash: passwordHash,
        password_changed_at: at,
        locked_until: null,
        ...(totpSecret && !row.totp_enabled_at
          ? { totp_secret: sealTotpSecret(services.cipher, row.id, totpSecret), totp_enabled_at: at, totp_last_step: null }
          : {}),
      },
      at,
    );
    await services.audit.record(trx, systemCaller(DEMO_ACTION), {
      recordType: 'person',
      recordId: row.id,
      summary: { changed: ['password', ...(totpSecret && !row.totp_enabled_at ? ['twoFactor'] : [])] },
    });
  });
  return {
    role: spec.role,
    fullName: row.full_name,
    email: row.email,
    password,
    totpSecret,
    totpUri: totpSecret ? generateURI({ issuer: services.config.serviceName, label: row.email, secret: totpSecret }) : null,
  };
}
