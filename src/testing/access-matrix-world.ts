// The world the access-matrix test runs in: two boards (A, the actors' own, and B, the other), each with
// agencies, a person in every board role, referrals at every step (one decided, with its review), a
// meeting with an agenda and attendance, an open invitation; and distinctive marker words in every
// record, so a leak of one board's data, or of a child's restricted details, can be searched for in any
// answer. Seeded through the real services and repositories (people as seedPerson makes them: two-factor
// enrolled, roles inserted directly).
import { Readable } from 'node:stream';
import type { Services } from '../container.ts';
import { listRoleAssignments } from '../db/repositories/people-repository.ts';
import { BOARD_ROLES, type BoardRole } from '../domain/roles.ts';
import { newId } from '../services/context.ts';
import { HOUSEKEEPING_JOB } from '../services/housekeeping.ts';
import type { ReferralInput } from '../services/referral-service.ts';
import { grantWaiting, invite, inviteToken, seedInvitee } from './access-matrix-fresh.ts';
import { BOARD_KEYS, type BoardKey, MARKER_KINDS, type Marker, type MarkerKind, markerWord } from './access-matrix-markers.ts';
import { callerFor, seedMatrixActions, seedMatrixChronology, seedMatrixContributions, seedMatrixReviewRecords } from './access-matrix-review.ts';
import { seedAgency } from './admin-fixtures.ts';
import { criteriaAnswers, MUST_ANSWERS, referralInput } from './case-fixtures.ts';
import { type SeededPerson, seedBoard, seedPerson } from './fixtures.ts';
import { seedDeadJob } from './job-fixtures.ts';
import { seedStoredPacket } from './packet-fixtures.ts';

// The boards' keys and marker words are their own module; the matrix's other files take them from here too.
export { type BoardKey, type Marker, type MarkerKind, markerWord } from './access-matrix-markers.ts';
/** Fixed "now" of the matrix: every date in the world is relative to it. */
export const MATRIX_NOW = new Date('2026-11-27T10:00:00Z');
const TODAY = '2026-11-27';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_CY = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];

/** A date as the pages and the API may write it: ISO, and long in English and Welsh. */
function dateForms(iso: string): string[] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return [iso, `${d} ${MONTHS_EN[m - 1]} ${y}`, `${d} ${MONTHS_CY[m - 1]} ${y}`];
}

const REFERRAL_STEPS = ['referred', 'underConsideration', 'recommended', 'decided'] as const;
type ReferralStep = (typeof REFERRAL_STEPS)[number];

export interface MatrixBoard {
  key: BoardKey;
  id: string;
  code: string;
  agencyIds: string[];
  /** A person in every board role (on this board only). */
  people: Record<BoardRole, SeededPerson>;
  /** A person of the board who is no actor (the matrix reads and edits them): a board member of the board's police. */
  subject: { id: string; email: string; assignmentId: string; role: BoardRole };
  /** A case role the board's administrator granted the subject, waiting for the chair's confirmation. */
  grantId: string;
  /** Someone invited who has not set a password yet, with the open invitation's link id. */
  invitee: { id: string; linkId: string };
  referrals: Record<ReferralStep, string>;
  meetingId: string;
  /** A meeting of the board itself (today, scheduled, with an agenda item): its text is the board's directory words. */
  boardMeetingId: string;
  reviewId: string;
  /** The first milestone of the review's plan, and a panel meeting of the review (scheduled, not held). */
  milestoneId: string;
  panelMeetingId: string;
  /** A practitioners' learning event of the review (planned). */
  learningEventId: string;
  /** Documents of the review's library: an agency report of its first agency, and panel minutes (no agency's). */
  documents: { agencyReport: string; minutes: string };
  /** The review's Welsh Government notification (recorded) and a parallel proceeding added to it. */
  notificationId: string;
  proceedingId: string;
  /** The review's panel: an entry of the board's register, and a nomination of it (withdrawn: nothing can change it). */
  panel: { entryId: string; nominationId: string };
  /** Agency contributions to the review: its police's request and its health board's (same order as agencyIds), and the police's contact. */
  requestIds: string[];
  contactIds: string[];
  /** An entry of the police's chronology, shared with the panel. */
  chronologyEntryId: string;
  /** An import into the police's chronology (queued). */
  chronologyImportId: string;
  /** The review's report: version 1 submitted, a resolved comment on it and a review recommendation. */
  report: { versionId: string; commentId: string; recommendationId: string };
  /** An action of the review's plan led by its police (on board A owned by the world's action owner), and its evidence file. */
  actionId: string;
  evidenceFileId: string;
  /** A step of the police action's challenge log: the board chair's letter (issue 12 item 4). */
  challengeId: string;
  /** An entry of the review's pseudonym dictionary (a place), beside the review's people (all in it). */
  dictionaryTermId: string;
  /** The anonymisation check of the review's report (scanned by the business unit) and a finding of it (or an id none has). */
  anonymisationCheckId: string;
  anonymisationFindingId: string;
  /** A submission packet of the review (a small zip stored through the file service). */
  packetId: string;
}

export interface MatrixWorld {
  services: Services;
  boards: Record<BoardKey, MatrixBoard>;
  deploymentAdmin: SeededPerson;
  /** The chair of board B who is also in board A's business unit. */
  dual: SeededPerson;
  /** The independent panel chair of board A's review, and an agency's contributor to it (its first agency). */
  panelChair: SeededPerson;
  agencyContributor: SeededPerson;
  /** The lead officer of board A's police action: the action owner's role for the police on board A's review. */
  actionOwner: SeededPerson;
  /** An invitation token (for the set-password pages) of a person with neutral details. */
  invitationToken: string;
  /** A background job that failed its last attempt (deployment-wide, no board's). */
  deadJobId: string;
  /** A test file of the deployment's file storage check (no board's: deployment-wide). */
  checkFileId: string;
  markers: Marker[];
}

const ROLE_NAMES: Record<BoardRole, string> = {
  administrator: 'Administrator',
  business_unit: 'Businessunit',
  board_chair: 'Boardchair',
  board_member: 'Boardmember',
  management_group_member: 'Groupmember',
  management_group_chair: 'Groupchair',
  information_governance: 'Governance',
  agency_referrer: 'Referrer',
};

async function seedMatrixBoard(services: Services, key: BoardKey, markers: Marker[]): Promise<MatrixBoard> {
  const dir = markerWord(key, 'directory');
  const kase = markerWord(key, 'case');
  const secret = markerWord(key, 'restricted');
  const mark = (kind: MarkerKind, text: string) => markers.push({ board: key, kind, text });

  const board = await seedBoard(services, `MTX-${key}`, { en: `${dir} Safeguarding Children Board`, cy: `Bwrdd Diogelu Plant ${dir}` });
  mark('directory', board.id);
  const police = await seedAgency(services, { boardIds: [board.id], nameEn: `${dir} Police`, nameCy: `Heddlu ${dir}`, sector: 'police' });
  const health = await seedAgency(services, { boardIds: [board.id], nameEn: `${dir} Health Board`, nameCy: `Bwrdd Iechyd ${dir}`, sector: 'health' });
  for (const a of [police, health]) mark('directory', a.id);

  const people = {} as Record<BoardRole, SeededPerson>;
  for (const role of BOARD_ROLES) {
    people[role] = await seedPerson(services, {
      fullName: `${dir} ${ROLE_NAMES[role]}`,
      email: `${dir.toLowerCase()}-${role.replaceAll('_', '-')}@example.org`,
      roles: [{ role, boardId: board.id }],
      totp: true,
      agencyId: role === 'agency_referrer' ? police.id : null,
    });
    mark('directory', people[role].id);
  }
  const subjectPerson = await seedPerson(services, {
    fullName: `${dir} Subject`,
    email: `${dir.toLowerCase()}-subject@example.org`,
    roles: [{ role: 'board_member', boardId: board.id }],
    totp: true,
    agencyId: police.id,
  });
  const [subjectRole] = await listRoleAssignments(services.db.kysely, { personId: subjectPerson.id, includeEnded: false });
  if (!subjectRole) throw new Error('subject has no role');
  mark('directory', subjectPerson.id);
  mark('directory', subjectRole.id);

  const inviteeId = await seedInvitee(services, {
    fullName: `${dir} Invitee`,
    email: `${dir.toLowerCase()}-invitee@example.org`,
    role: 'board_member',
    boardId: board.id,
  });
  mark('directory', inviteeId);

  const bu = await callerFor(services, people.business_unit.id, 'REFERRAL_CREATED');
  const dobs = { referred: '', underConsideration: '', recommended: '', decided: '' } as Record<ReferralStep, string>;
  const referrals = {} as Record<ReferralStep, string>;
  for (const [i, step] of REFERRAL_STEPS.entries()) {
    const dob = key === 'A' ? `2014-02-1${i + 1}` : `2015-07-2${i + 1}`;
    dobs[step] = dob;
    const input: ReferralInput = referralInput(board.id, {
      referringAgencyId: police.id,
      referrerName: `${kase} Referrer ${step}`,
      referrerRole: `${kase} duty sergeant`,
      referrerEmail: `${kase.toLowerCase()}-referrer@example.org`,
      initialFacts: `${kase} facts of the ${step} referral: found unresponsive at home.`,
      child: { fullName: `${secret} Child ${step}`, dateOfBirthOn: dob, address: `${i + 1} ${secret} Street, Cardiff`, isDeceased: true },
      periods: [{ kind: 'child_protection_register', startOn: '2025-03-01', endOn: '2025-09-30' }],
      familyMembers: [
        { relationship: 'Mother', isSignificantPerson: false, language: 'en', fullName: `${secret} Mother ${step}`, contactDetails: `${secret} phone ${i}` },
      ],
      agenciesInvolved: [police.id, health.id],
      proceedings: [{ proceedingType: 'criminal', status: 'open', liaisonContact: `${kase} liaison officer`, expectedEndOn: null }],
    });
    const referral = await services.referrals.create(bu, input);
    referrals[step] = referral.id;
    mark('directory', referral.id);
    for (const text of dateForms(dob)) mark('restricted', text);
  }

  // The meeting considers the referral under consideration and the two that go further.
  const meetingId = await services.consideration.scheduleMeeting({ ...bu, action: 'MEETING_SCHEDULED' }, board.id, {
    meetsOn: '2026-11-25',
    location: `${kase} Hall, Room 2`,
    referralIds: [referrals.underConsideration, referrals.recommended, referrals.decided],
  });
  mark('directory', meetingId);
  await services.consideration.recordAttendance({ ...bu, action: 'ATTENDANCE_RECORDED' }, meetingId, [
    { personId: people.management_group_member.id, attended: true },
    { personId: people.management_group_chair.id, attended: true },
    { personId: people.board_chair.id, attended: false },
  ]);

  const { id: boardMeetingId } = await services.boardMeetings.schedule({ ...bu, action: 'BOARD_MEETING_SCHEDULED' }, board.id, {
    meetsOn: TODAY,
    online: false,
    place: `${dir} Chamber`,
  });
  await services.boardMeetings.addItem({ ...bu, action: 'BOARD_MEETING_AGENDA_ITEM_ADDED' }, board.id, boardMeetingId, { title: `${dir} agenda item` });
  mark('directory', boardMeetingId);

  const member = await callerFor(services, people.management_group_member.id, 'CRITERIA_ASSESSED');
  const groupChair = await callerFor(services, people.management_group_chair.id, 'RECOMMENDATION_SUBMITTED');
  let reviewId = '';
  for (const step of ['recommended', 'decided'] as const) {
    const referralId = referrals[step];
    const { framework } = await services.consideration.frameworkFor(member, referralId);
    const answers = criteriaAnswers(
      framework,
      Object.fromEntries(Object.entries(MUST_ANSWERS).map(([id, a]) => [id, { answer: a.answer, facts: `${kase} ${a.facts}` }])),
    );
    await services.consideration.recordAssessment(member, referralId, { meetingId, answers });
    await services.consideration.submitRecommendation(groupChair, referralId, {
      route: 'review',
      reviewType: framework.reviewersByType ? 'concise' : null,
      reasons: `${kase} recommendation reasons for the ${step} referral.`,
      dissent: `${kase} dissent of one member.`,
    });
    if (step === 'decided') {
      const chair = await callerFor(services, people.board_chair.id, 'DECISION_RECORDED');
      const { review } = await services.consideration.recordDecision(chair, referralId, {
        agreesWithRecommendation: true,
        route: null,
        reviewType: null,
        rationale: `${kase} decision rationale of the chair.`,
        decidedOn: TODAY,
      });
      if (!review) throw new Error('the decision made no review');
      reviewId = review.id;
      mark('directory', review.id);
    }
  }
  // The review's own records: its notification and a proceeding, its panel, milestones, terms and library.
  const records = await seedMatrixReviewRecords(services, {
    boardId: board.id,
    reviewId,
    key,
    dir,
    policeId: police.id,
    businessUnitId: people.business_unit.id,
    mark: (id) => mark('directory', id),
  });

  // The review's pseudonym dictionary: every person of the review, and a place (its real name restricted).
  const dictionaryScope = { boardId: board.id, reviewId };
  await services.dictionary.buildFromPeople({ ...bu, action: 'DICTIONARY_BUILT_FROM_PEOPLE' }, dictionaryScope);
  const { id: dictionaryTermId } = await services.dictionary.add({ ...bu, action: 'DICTIONARY_TERM_ADDED' }, dictionaryScope, {
    category: 'place',
    realIdentifier: `${secret} Town`,
    termEn: `${dir} Town`,
    termCy: `Tref ${dir}`,
  });
  mark('directory', dictionaryTermId);

  // The anonymisation check of the review's report: scanned by the business unit (its findings, if any, its first).
  const { checkId: anonymisationCheckId } = await services.anonymisation.scan({ ...bu, action: 'ANONYMISATION_SCANNED' }, dictionaryScope, {
    kind: 'report',
    language: 'en',
  });
  const finding = await services.db.kysely.selectFrom('anonymisation_findings').select('id').where('check_id', '=', anonymisationCheckId).executeTakeFirst();
  const anonymisationFindingId = finding?.id ?? newId();
  mark('directory', anonymisationCheckId);
  mark('directory', anonymisationFindingId);
  const packetId = await seedStoredPacket(services, bu, dictionaryScope, `${dir} packet`);
  mark('directory', packetId);

  const grantId = await grantWaiting(services, people.administrator.id, subjectPerson.id, board.id);
  mark('directory', grantId);

  return {
    key,
    grantId,
    id: board.id,
    code: board.code,
    agencyIds: [police.id, health.id],
    people,
    subject: { id: subjectPerson.id, email: subjectPerson.email, assignmentId: subjectRole.id, role: 'board_member' },
    invitee: { id: inviteeId, linkId: '' },
    referrals,
    meetingId,
    boardMeetingId,
    reviewId,
    ...records,
    requestIds: [],
    contactIds: [],
    chronologyEntryId: '',
    chronologyImportId: '',
    actionId: '',
    evidenceFileId: '',
    challengeId: '',
    dictionaryTermId,
    anonymisationCheckId,
    packetId,
    anonymisationFindingId,
  };
}

/** Seeds both boards, the deployment administrator and the person with roles on both boards. */
export async function seedMatrixWorld(services: Services): Promise<MatrixWorld> {
  const markers: Marker[] = [];
  for (const key of BOARD_KEYS) for (const kind of MARKER_KINDS) markers.push({ board: key, kind, text: markerWord(key, kind) });
  const deploymentAdmin = await seedPerson(services, {
    fullName: 'Deployment Administrator',
    email: 'deployment-admin@example.org',
    roles: [{ role: 'administrator', boardId: null }],
    totp: true,
  });
  const a = await seedMatrixBoard(services, 'A', markers);
  const b = await seedMatrixBoard(services, 'B', markers);
  // In board A's business unit and chair of board B (named with neither board's words).
  const dual = await seedPerson(services, {
    fullName: 'Dual Role Holder',
    email: 'dual-role@example.org',
    roles: [
      { role: 'business_unit', boardId: a.id },
      { role: 'board_chair', boardId: b.id },
    ],
    totp: true,
  });
  // Review roles on board A's review: they open that review (and for the contributor one agency's part of it)
  // and nothing of the board's own case work.
  const panelChair = await seedPerson(services, {
    fullName: 'Independent Panel Chair',
    email: 'panel-chair@example.org',
    reviewRoles: [{ role: 'panel_chair', boardId: a.id, reviewId: a.reviewId }],
    totp: true,
  });
  const agencyContributor = await seedPerson(services, {
    fullName: 'Agency Report Author',
    email: 'agency-author@example.org',
    agencyId: a.agencyIds[0] ?? null,
    reviewRoles: [{ role: 'agency_contributor', boardId: a.id, reviewId: a.reviewId, agencyId: a.agencyIds[0] ?? null }],
    totp: true,
  });
  // The police officer who owns the police's action on board A's review (appointed through the plan).
  const actionOwner = await seedPerson(services, {
    fullName: 'Police Action Owner',
    email: 'action-owner@example.org',
    agencyId: a.agencyIds[0] ?? null,
    totp: true,
  });
  for (const board of [a, b]) {
    const mark = (id: string) => markers.push({ board: board.key, kind: 'directory', text: id });
    await seedMatrixContributions(services, board, markerWord(board.key, 'directory'), mark, board === a ? agencyContributor.email : undefined);
    await seedMatrixChronology(services, board, markerWord(board.key, 'directory'));
    await seedMatrixActions(
      services,
      board,
      markerWord(board.key, 'directory'),
      board === a ? actionOwner.email : `action-owner-${board.key.toLowerCase()}@example.org`,
    );
  }
  const boards = { A: a, B: b };
  for (const board of [a, b]) board.invitee.linkId = await invite(services, deploymentAdmin.id, board.invitee.id);
  const holder = await seedInvitee(services, { fullName: 'Token Holder', email: 'token-holder@example.org', role: 'board_member', boardId: a.id });
  const invitationToken = await inviteToken(services, deploymentAdmin.id, holder);
  const deadJobId = await seedDeadJob(services, { kind: HOUSEKEEPING_JOB, attempts: 3, lastError: 'Error' });
  const checkFileId = await seedCheckFile(services, deploymentAdmin.id);
  return { services, boards, deploymentAdmin, dual, panelChair, agencyContributor, actionOwner, invitationToken, deadJobId, checkFileId, markers };
}

/** A small text file stored by the deployment's file storage check, as its administrator. */
async function seedCheckFile(services: Services, adminId: string): Promise<string> {
  const loaded = await services.identity.loadActor(adminId, true);
  if (!loaded) throw new Error('the deployment administrator could not be loaded');
  const caller = { actor: { personId: adminId, grants: loaded.grants, twoFactorSatisfied: true }, ip: null, requestId: null, action: 'FILE_STORED' as const };
  const file = await services.fileStorageCheck.upload(caller, {
    purpose: 'attachment',
    name: 'check.txt',
    content: Readable.from([Buffer.from('A neutral test file.\n')]),
  });
  return file.id;
}
