// The access matrix: every route the app registers × every actor (anonymous, each board role held on
// board A, the deployment administrator, a person with roles on both boards) × a record of the actor's
// own board (A), of the other board (B), and (where an address names two records) board A's address with
// board B's record. Each cell checks the status against the permission table (`can`, with the per-route
// notes below where a route is stricter) and searches the answer for marker words of data the actor may
// not see. A route nobody has classified, or a parameter with no fixtures, fails the test: a new
// capability joins the matrix as it lands.
//
// Adding a capability: classify each new route in ROUTES (perm() when its declared permission says it all;
// `needs` or a stricter note when the service checks more; a body that fails validation after the access
// checks when a POST would change something, or `fresh` records when it acts on one); give each new route
// parameter fixtures in PARAMS, seeded on both boards in src/testing/access-matrix-world.ts with the board's
// marker words in every text. Review- and agency-scoped access (issue 9) adds own/other review and
// own/other agency the same way: a parameter scoped by review (each board's world already holds a review)
// and variants that name another review or agency of the same board.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Access, type Actor, can, type Permission } from '../domain/permissions.ts';
import {
  type Answer,
  DEPLOYMENT_ADMIN,
  DUAL,
  inPool,
  leaksIn,
  type MatrixActor,
  markerLegend,
  matrixActors,
  send,
  walkReferralJourney,
} from '../testing/access-matrix.ts';
import {
  type BoardKey,
  freshAgency,
  freshGrant,
  freshInvitation,
  freshMeeting,
  freshPerson,
  MATRIX_NOW,
  type MatrixBoard,
  type MatrixWorld,
  seedMatrixWorld,
} from '../testing/access-matrix-world.ts';
import { buildTestApp, type TestApp, TestClock } from '../testing/test-app.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';

// ---- How each route is classified ----------------------------------------------------------------------

/** `public` and `signed-in` match the route's declared access; `permission` is any permission; `asset` a static file. */
type Who = 'public' | 'signed-in' | 'permission' | 'asset';
/** What the address names: nothing board-scoped, board A's records, board B's, or board A's address with board B's record. */
type Variant = 'none' | 'own' | 'other' | 'mixed';
type FreshKind = 'person' | 'invitation' | 'agency' | 'meeting' | 'grant';

interface BodyContext {
  /** The board of the record the cell is about, and the other one. */
  board: MatrixBoard;
  other: MatrixBoard;
  world: MatrixWorld;
}

interface RouteSpec {
  who: Who;
  /** Why a route is public or open to anyone signed in, or any other note. */
  why?: string;
  /** For a signed-in route that shows a record: the permission the record's board needs (the service checks it). */
  needs?: Permission;
  /** Where the route is stricter than its permission (only the chair decides; only one's own account): who else is refused. */
  stricter?: { why: string; allows: (actor: Actor, boardId: string | undefined) => boolean };
  /** JSON for the API, form fields for pages (the CSRF token is added). Chosen so nothing changes: it fails validation after the access checks. */
  body?: (c: BodyContext) => Record<string, unknown>;
  /**
   * The body names the other board's records (a referral for the agenda, a person to attend, an agency):
   * where the actor may use the route, the answer must refuse the body (400, 409 or 422), never act on it.
   */
  crossBoardBody?: true;
  /** The cell acts on throwaway records made for it (it deactivates, ends, revokes or sends something). */
  fresh?: FreshKind;
  /** Cells run phase by phase (default 0); later phases may use or end what earlier ones left in the session. */
  phase?: number;
  /** Fixtures (by label) whose record lacks what the route shows (no decision yet): allowed, the answer is 404. */
  absent?: Record<string, string[]>;
  /** List routes: filters naming a board (each gives own/other cells; a refusal may be an empty list, so only leaks are judged). */
  queries?: ((b: MatrixBoard) => string)[];
  /** A query string every cell of the route sends (parameters the route requires). */
  search?: string;
  /** Asset routes: a file to fetch. */
  sample?: string;
  /**
   * The route's cells run one at a time, not side by side: they all write the same board's records (the
   * matrix is no concurrency test; concurrent creation on PostgreSQL is issue 8 finding 2, tested on its own).
   */
  oneAtATime?: true;
  /** The route ends the session (sign-out): the redirect to the sign-in page is its answer. */
  endsSession?: true;
}

const pub = (why: string, more: Partial<RouteSpec> = {}): RouteSpec => ({ who: 'public', why, ...more });
const own = (why: string, more: Partial<RouteSpec> = {}): RouteSpec => ({ who: 'signed-in', why, ...more });
const perm = (more: Partial<RouteSpec> = {}): RouteSpec => ({ who: 'permission', ...more });

const ACCOUNT = "the signed-in person's own account";
const NO_DECISION = { referralId: ['recommended referral'] };
/** The person has no change of email address waiting: there is nothing to cancel. */
const NO_EMAIL_CHANGE = { personId: ['person'] };

/** The two routes that delete the check file run last; whichever runs second finds it gone (404). */
const DELETES_CHECK_FILE = { fileId: ['check file'] };
const DELETES_CHECK_FILE_WHY = 'deletes the check file after every other cell: the second delete route to run finds nothing';

/** A grant waiting for confirmation is decided by the board's chair (information governance only when the chair is concerned). */
const CHAIR_DECIDES: RouteSpec['stricter'] = {
  why: 'only the board chair decides a grant of someone else',
  allows: (actor, boardId) => actor.grants.some((g) => g.role === 'board_chair' && g.scope.type === 'board' && g.scope.boardId === boardId),
};

const ROUTES: Record<string, RouteSpec> = {
  'GET /assets/*': { who: 'asset', sample: '/assets/all.bundle.js' },
  'GET /ping': pub('liveness'),
  'GET /health': pub('readiness, for the load balancer'),
  'GET /create-administrator/:token': pub('the one-time link is the credential', { absent: { token: ['invitation token'] } }),
  'POST /create-administrator/:token': pub('the one-time link is the credential', { absent: { token: ['invitation token'] } }),
  'GET /set-password/:token': pub('the one-time link is the credential'),
  'POST /set-password/:token': pub('the one-time link is the credential'),
  'GET /confirm-email/:token': pub('the one-time link is the credential', { absent: { token: ['invitation token'] } }),
  'POST /confirm-email/:token': pub('the one-time link is the credential', { absent: { token: ['invitation token'] } }),
  'GET /email-confirmed': pub('confirmation after confirming a new email address'),
  'GET /password-set': pub('confirmation after setting a password'),
  'GET /forgotten-password': pub('asking for a reset link'),
  'POST /forgotten-password': pub('asking for a reset link'),
  'GET /forgotten-password/check-your-email': pub('confirmation of the request'),
  'GET /sign-in': pub('signing in'),
  'POST /sign-in': pub('signing in'),
  'GET /sign-in/two-factor': own('the second step of signing in'),
  'POST /sign-in/two-factor': own('the second step of signing in'),
  'POST /sign-out': pub('ends whatever session there is', { phase: 9, endsSession: true }),
  'GET /account': own(ACCOUNT),
  'GET /account/password': own(ACCOUNT),
  'POST /account/password': own(ACCOUNT),
  'GET /account/language': own(ACCOUNT),
  'POST /account/language': own(ACCOUNT),
  'GET /account/two-factor/set-up': own(ACCOUNT),
  'POST /account/two-factor/set-up': own(ACCOUNT),
  'GET /account/two-factor/recovery-codes': own(ACCOUNT),
  'GET /': own('the home page of whoever is signed in'),
  'GET /accessibility': pub('the accessibility statement'),
  'GET /privacy': pub('the privacy notice'),

  // Referrals: the new referral journey (kept in the session), then the referral page.
  'GET /boards/:boardId/referrals/new': perm({ phase: 4, why: 'starts afresh: runs after the journey pages' }),
  'GET /boards/:boardId/referrals/new/check-answers': perm(),
  'POST /boards/:boardId/referrals/new/check-answers': perm({ phase: 2, oneAtATime: true, why: 'records the walked referral (neutral details)' }),
  'GET /boards/:boardId/referrals/new/recorded': perm({ phase: 3, why: 'shows the referral recorded in phase 2' }),
  'GET /boards/:boardId/referrals/:referralId': own('the service answers not found unless referral.view on the referral’s board', {
    needs: 'referral.view',
  }),

  'GET /boards/:boardId': perm(),
  'GET /boards/:boardId/settings': perm(),
  'POST /boards/:boardId/settings': perm(),
  'GET /boards/:boardId/meetings': perm(),
  'GET /boards/:boardId/meetings/new': perm(),
  'POST /boards/:boardId/meetings/new': perm({
    crossBoardBody: true,
    body: ({ other }) => ({ 'meetsOn-day': '30', 'meetsOn-month': '11', 'meetsOn-year': '2026', referralIds: other.referrals.referred }),
  }),
  'GET /boards/:boardId/meetings/:meetingId': perm(),
  'GET /boards/:boardId/meetings/:meetingId/agenda': perm(),
  'POST /boards/:boardId/meetings/:meetingId/agenda': perm({ crossBoardBody: true, body: ({ other }) => ({ referralIds: other.referrals.referred }) }),
  'GET /boards/:boardId/meetings/:meetingId/attendance': perm(),
  'POST /boards/:boardId/meetings/:meetingId/attendance': perm({
    crossBoardBody: true,
    body: ({ other }) => ({ attended: other.people.management_group_member.id }),
  }),
  'GET /boards/:boardId/referrals/:referralId/criteria': perm(),
  'POST /boards/:boardId/referrals/:referralId/criteria': perm(),
  'GET /boards/:boardId/referrals/:referralId/recommendation': perm(),
  'POST /boards/:boardId/referrals/:referralId/recommendation': perm(),
  'GET /boards/:boardId/referrals/:referralId/recommendation/type': perm(),
  'POST /boards/:boardId/referrals/:referralId/recommendation/type': perm(),
  'GET /boards/:boardId/referrals/:referralId/recommendation/check': perm(),
  'POST /boards/:boardId/referrals/:referralId/recommendation/check': perm(),
  'GET /boards/:boardId/referrals/:referralId/decision': perm(),
  'POST /boards/:boardId/referrals/:referralId/decision': perm(),
  'GET /boards/:boardId/referrals/:referralId/decision/route': perm(),
  'POST /boards/:boardId/referrals/:referralId/decision/route': perm(),
  'GET /boards/:boardId/referrals/:referralId/decision/type': perm(),
  'POST /boards/:boardId/referrals/:referralId/decision/type': perm(),
  'GET /boards/:boardId/referrals/:referralId/decision/check': perm(),
  'POST /boards/:boardId/referrals/:referralId/decision/check': perm(),
  'GET /boards/:boardId/referrals/:referralId/decision/recorded': perm(),
  'GET /boards/:boardId/referrals/:referralId/consideration': perm(),
  'GET /boards/:boardId/referrals/:referralId/national-panel-notification': perm(),
  'POST /boards/:boardId/referrals/:referralId/national-panel-notification': perm(),
  'GET /boards/:boardId/referrals/:referralId/decision-letter': perm({ absent: NO_DECISION }),
  'GET /boards/:boardId/referrals/:referralId/decision-letter.docx': perm({ absent: NO_DECISION }),
  'GET /boards/:boardId/referrals/:referralId/decision-letter.pdf': perm({ absent: NO_DECISION }),

  // The API.
  'GET /api/v1/openapi.json': pub('the API description'),
  'GET /api/v1/boards': perm(),
  'GET /api/v1/boards/:boardId': perm(),
  'POST /api/v1/boards': perm(),
  'PUT /api/v1/boards/:boardId': perm({
    body: ({ other }) => ({ code: other.code, nameEn: 'Unchanged', nameCy: 'Heb newid', boardType: 'RSB', nation: 'wales', isActive: true }),
  }),
  'PATCH /api/v1/boards/:boardId': perm({ body: ({ other }) => ({ code: other.code }) }),
  'GET /api/v1/agencies': perm({ queries: [(b) => `boardId=${b.id}`] }),
  'POST /api/v1/agencies': perm({ body: () => ({}) }),
  'GET /api/v1/agencies/:agencyId': perm(),
  'PUT /api/v1/agencies/:agencyId': perm({
    fresh: 'agency',
    body: ({ board }) => ({
      nameEn: 'Renamed agency',
      nameCy: 'Asiantaeth newydd',
      sector: 'police',
      isStatutoryPartner: true,
      isActive: true,
      boardIds: [board.id],
    }),
  }),
  'GET /api/v1/people': perm({ queries: [(b) => `boardId=${b.id}`] }),
  'POST /api/v1/people': perm({ body: () => ({}) }),
  'GET /api/v1/people/:personId': perm(),
  'PUT /api/v1/people/:personId': perm({
    crossBoardBody: true,
    body: ({ other, world }) => ({ fullName: 'Unchanged', email: world.deploymentAdmin.email, agencyId: other.agencyIds[0], language: 'en' }),
  }),
  'POST /api/v1/people/:personId/deactivate': perm({ fresh: 'person' }),
  'GET /api/v1/people/:personId/roles': perm(),
  'POST /api/v1/people/:personId/roles': perm({ body: ({ board }) => ({ role: 'board_member', boardId: board.id }) }),
  'DELETE /api/v1/people/:personId/roles/:assignmentId': perm({ fresh: 'person' }),
  'GET /api/v1/me': own(ACCOUNT),
  'POST /api/v1/boards/:boardId/referrals': perm({
    crossBoardBody: true,
    body: ({ other }) => ({
      referringAgencyId: other.agencyIds[0],
      agenciesInvolved: [other.agencyIds[1]],
      receivedOn: '2026-11-20',
      incidentOn: '2026-11-18',
      incidentType: 'death',
      abuseOrNeglect: 'suspected',
      inBoardArea: true,
      initialFacts: ' ',
      child: { isDeceased: true },
    }),
  }),
  'POST /api/v1/boards/:boardId/referrals/duplicates': perm({ body: () => ({ incidentOn: '2026-11-18', incidentType: 'death' }) }),
  'GET /api/v1/boards/:boardId/referrals': perm(),
  'GET /api/v1/referrals/:referralId': own('the service answers not found unless referral.view on the referral’s board', { needs: 'referral.view' }),
  'GET /api/v1/referrals/:referralId/timeline': own('the service answers not found unless referral.view on the referral’s board', {
    needs: 'referral.view',
  }),
  'GET /api/v1/boards/:boardId/meetings': perm(),
  'POST /api/v1/boards/:boardId/meetings': perm({
    crossBoardBody: true,
    body: ({ other }) => ({ meetsOn: '2026-11-30', referralIds: [other.referrals.referred] }),
  }),
  'POST /api/v1/meetings/:meetingId/agenda': perm({ crossBoardBody: true, body: ({ other }) => ({ referralIds: [other.referrals.referred] }) }),
  'POST /api/v1/meetings/:meetingId/attendance': perm({
    crossBoardBody: true,
    fresh: 'meeting',
    body: ({ other }) => ({ attendance: [{ personId: other.people.management_group_member.id, attended: true }] }),
  }),
  'GET /api/v1/referrals/:referralId/consideration': perm(),
  'GET /api/v1/referrals/:referralId/criteria': perm(),
  'POST /api/v1/referrals/:referralId/assessments': perm({ body: () => ({ answers: {} }) }),
  'POST /api/v1/referrals/:referralId/recommendations': perm({ body: () => ({ route: 'review', reasons: ' ' }) }),
  'POST /api/v1/referrals/:referralId/national-panel-notification': perm({ body: () => ({ notifiedOn: '2099-12-31' }) }),
  'POST /api/v1/referrals/:referralId/decision': perm({ body: () => ({ agreesWithRecommendation: true, rationale: ' ', decidedOn: '2026-11-27' }) }),
  'GET /api/v1/referrals/:referralId/duplicates': perm(),
  'GET /api/v1/referrals/:referralId/decision-letter': perm({ absent: NO_DECISION, search: 'format=pdf' }),

  // Administration.
  'GET /admin': perm(),
  'GET /admin/boards': perm(),
  'GET /admin/boards/new': perm(),
  'GET /admin/boards/new/check-answers': perm(),
  'POST /admin/boards/new/check-answers': perm({ why: 'with no answers in the session it sends the reader back to the first step' }),
  'GET /admin/boards/new/details': perm(),
  'POST /admin/boards/new/details': perm(),
  'GET /admin/boards/new/type': perm(),
  'POST /admin/boards/new/type': perm(),
  'GET /admin/boards/new/more': perm(),
  'POST /admin/boards/new/more': perm(),
  'GET /admin/boards/:boardId': perm(),
  'GET /admin/boards/:boardId/edit': perm(),
  'POST /admin/boards/:boardId/edit': perm(),
  'GET /admin/agencies': perm({ queries: [(b) => `boardId=${b.id}`] }),
  'GET /admin/agencies/new': perm(),
  'GET /admin/agencies/new/check-answers': perm(),
  'POST /admin/agencies/new/check-answers': perm(),
  'GET /admin/agencies/new/details': perm(),
  'POST /admin/agencies/new/details': perm(),
  'GET /admin/agencies/:agencyId': perm(),
  'GET /admin/agencies/:agencyId/edit': perm(),
  'POST /admin/agencies/:agencyId/edit': perm(),
  'POST /admin/agencies/:agencyId/deactivate': perm({ fresh: 'agency' }),
  'POST /admin/agencies/:agencyId/reactivate': perm({ fresh: 'agency' }),
  'GET /admin/people': perm({ queries: [(b) => `boardId=${b.id}`] }),
  'GET /admin/people/new': perm(),
  'GET /admin/people/new/check-answers': perm(),
  'POST /admin/people/new/check-answers': perm(),
  'GET /admin/people/new/details': perm(),
  'POST /admin/people/new/details': perm(),
  'GET /admin/people/:personId': perm(),
  'GET /admin/people/:personId/edit': perm(),
  'POST /admin/people/:personId/edit': perm(),
  'GET /admin/people/:personId/deactivate': perm(),
  'POST /admin/people/:personId/deactivate': perm({ fresh: 'person' }),
  'POST /admin/people/:personId/reactivate': perm({ fresh: 'person' }),
  'GET /admin/people/:personId/roles/new': perm(),
  'POST /admin/people/:personId/roles/new': perm(),
  'GET /admin/people/:personId/roles/:assignmentId/end': perm(),
  'POST /admin/people/:personId/roles/:assignmentId/end': perm({ fresh: 'person' }),
  'POST /admin/people/:personId/invite': perm({ fresh: 'invitation' }),
  'POST /admin/people/:personId/invitations/:linkId/revoke': perm({ fresh: 'invitation' }),
  'POST /admin/people/:personId/email-change/cancel': perm({ absent: NO_EMAIL_CHANGE }),
  'DELETE /api/v1/people/:personId/email-change': perm({ absent: NO_EMAIL_CHANGE }),
  'POST /api/v1/people/:personId/invitation': perm({ fresh: 'invitation' }),
  'GET /role-grants': perm(),
  'GET /role-grants/:grantId': perm(),
  'POST /role-grants/:grantId': perm({ why: 'an empty decision is refused as invalid' }),
  'GET /api/v1/role-grants': perm({ queries: [(b) => `boardId=${b.id}`] }),
  'GET /api/v1/role-grants/:grantId': perm(),
  'POST /api/v1/role-grants/:grantId/confirm': perm({ fresh: 'grant', stricter: CHAIR_DECIDES }),
  'POST /api/v1/role-grants/:grantId/decline': perm({ fresh: 'grant', stricter: CHAIR_DECIDES, body: () => ({ reason: 'Not needed on this board.' }) }),
  'GET /audit': perm({ queries: [(b) => `boardId=${b.id}`, (b) => `recordId=${b.referrals.recommended}`] }),

  // Background jobs (deployment-wide): the first allowed retry runs the dead job again, later ones answer 409.
  'GET /admin/jobs': perm(),
  'POST /admin/jobs/:jobId/retry': perm({ why: 'a job that is no longer dead is refused as a conflict' }),
  'GET /api/v1/jobs': perm(),
  'POST /api/v1/jobs/:jobId/retry': perm({ why: 'a job that is no longer dead is refused as a conflict' }),
  // The deployment's file storage check (deployment administrators; deployment-wide test files).
  'GET /admin/file-storage': perm(),
  'POST /admin/file-storage': perm({ why: 'a form post that is not multipart stores nothing: the page asks for a file' }),
  'GET /admin/file-storage/files/:fileId': perm(),
  'POST /admin/file-storage/files/:fileId/delete': perm({ phase: 8, absent: DELETES_CHECK_FILE, why: DELETES_CHECK_FILE_WHY }),
  'GET /api/v1/file-storage/files': perm(),
  'POST /api/v1/file-storage/files': perm({ body: () => ({}), why: 'a body that is not multipart stores nothing (422: no file)' }),
  'GET /api/v1/file-storage/files/:fileId/content': perm(),
  'DELETE /api/v1/file-storage/files/:fileId': perm({ phase: 8, absent: DELETES_CHECK_FILE, why: DELETES_CHECK_FILE_WHY }),
};

// The new referral's question pages and add-another lists (the walk before the matrix fills each list with one item).
for (const slug of ['referrer', 'dates', 'incident-type', 'impairment', 'abuse-or-neglect', 'board-area', 'child', 'agencies', 'facts']) {
  ROUTES[`GET /boards/:boardId/referrals/new/${slug}`] = perm();
  ROUTES[`POST /boards/:boardId/referrals/new/${slug}`] = perm();
}
ROUTES['POST /boards/:boardId/referrals/new/referrer'] = perm({
  crossBoardBody: true,
  body: ({ other }) => ({ referringAgencyId: other.agencyIds[0], referrerKind: 'self' }),
});
ROUTES['POST /boards/:boardId/referrals/new/agencies'] = perm({ crossBoardBody: true, body: ({ other }) => ({ agenciesInvolved: other.agencyIds }) });
for (const list of ['periods', 'family', 'proceedings']) {
  for (const path of [list, `${list}/add`, `${list}/:index`]) {
    ROUTES[`GET /boards/:boardId/referrals/new/${path}`] = perm();
    ROUTES[`POST /boards/:boardId/referrals/new/${path}`] = perm();
  }
  ROUTES[`POST /boards/:boardId/referrals/new/${list}/:index/remove`] = perm({ phase: 1, why: 'removes the walked item: after the pages that show it' });
}

// ---- Route parameters: the fixtures of each board ---------------------------------------------------------

interface Fixture {
  label: string;
  value: string;
  /** Which review (and agency's part of it) the record is, for the permission check of review-scoped roles. */
  resource?: { reviewId?: string; agencyId?: string };
}

interface ParamSpec {
  /** A record of a board: the own and other cells take these from board A and board B. */
  scoped?: (b: MatrixBoard) => Fixture[];
  /** Not a board's record (a journey's item number, a one-time link's token). */
  unscoped?: (w: MatrixWorld) => Fixture[];
}

const PARAMS: Record<string, ParamSpec> = {
  boardId: { scoped: (b) => [{ label: 'board', value: b.id }] },
  referralId: {
    scoped: (b) => [
      { label: 'recommended referral', value: b.referrals.recommended },
      { label: 'decided referral', value: b.referrals.decided },
    ],
  },
  meetingId: { scoped: (b) => [{ label: 'meeting', value: b.meetingId }] },
  // Own review (board A's, whose panel chair and agency contributor are actors) and other review (board B's).
  // When agencies' parts of a review get addresses, their fixtures name { reviewId, agencyId } the same way.
  reviewId: { scoped: (b) => [{ label: 'review', value: b.reviewId, resource: { reviewId: b.reviewId } }] },
  grantId: { scoped: (b) => [{ label: 'waiting grant', value: b.grantId }] },
  personId: { scoped: (b) => [{ label: 'person', value: b.subject.id }] },
  agencyId: { scoped: (b) => [{ label: 'agency', value: b.agencyIds[0] ?? '' }] },
  assignmentId: { scoped: (b) => [{ label: 'role', value: b.subject.assignmentId }] },
  linkId: { scoped: (b) => [{ label: 'invitation', value: b.invitee.linkId }] },
  index: { unscoped: () => [{ label: 'item 0', value: '0' }] },
  token: { unscoped: (w) => [{ label: 'invitation token', value: w.invitationToken }] },
  jobId: { unscoped: (w) => [{ label: 'dead job', value: w.deadJobId }] },
  fileId: { unscoped: (w) => [{ label: 'check file', value: w.checkFileId }] },
};

// ---- Findings on today's main, kept as known failures until their fixes land --------------------------------

interface KnownFailure {
  route: string;
  actor?: string;
  variant?: Variant;
  fixture?: string;
  /** What the failing cells report (any other problem in a matching cell still fails the test). */
  problem: string;
  /** The finding, and the TODO that removes this entry. */
  finding: string;
}

const KNOWN_FAILURES: KnownFailure[] = [];

// ---- Cells -------------------------------------------------------------------------------------------------

interface Cell {
  route: string;
  method: string;
  pattern: string;
  access: Access;
  spec: RouteSpec;
  variant: Variant;
  fixture: string;
  /** The board of the record the address names (mixed: board B's record through board A's address). */
  recordBoard: BoardKey | undefined;
  /** A filter naming a board, rather than the address. */
  byQuery: boolean;
  /** The review (and agency) the address names, if any: checked with the board against review-scoped roles. */
  resourceParts: { reviewId?: string; agencyId?: string };
  absent: boolean;
  who: MatrixActor;
  resolve(): Promise<{ url: string; body?: Record<string, unknown> }>;
}

interface Result {
  cell: Cell;
  url: string;
  answer: Answer;
  allowed: boolean;
  problems: string[];
  ms: number;
}

function paramsOf(url: string): string[] {
  return [...url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
}

function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

function methodsOf(route: TestApp['routes'][number]): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

/** Every route as "METHOD /url" (HEAD twins of GET routes are Fastify's, answered by the GET handler). */
function routeKeys(routes: TestApp['routes']): { key: string; method: string; url: string; access: Access }[] {
  const all = routes.flatMap((r) => methodsOf(r).map((method) => ({ method, url: r.url, access: r.config?.access as Access })));
  const gets = new Set(all.filter((r) => r.method === 'GET').map((r) => r.url));
  return all.filter((r) => !(r.method === 'HEAD' && gets.has(r.url))).map((r) => ({ ...r, key: `${r.method} ${r.url}` }));
}

/** What is missing or wrong in the classification; empty when every route and parameter is covered. */
function classificationProblems(routes: TestApp['routes'], table: Record<string, RouteSpec> = ROUTES): string[] {
  const problems: string[] = [];
  const keys = routeKeys(routes);
  for (const { key, url, access } of keys) {
    const spec = table[key];
    if (!spec) {
      problems.push(
        `${key} (access ${access}) is not in the access matrix: add ROUTES['${key}'] in src/http/access-matrix.test.ts (perm(), or pub(why)/own(why), with a body that fails validation if it changes anything)`,
      );
      continue;
    }
    const declared = spec.who === 'asset' ? 'public' : spec.who === 'permission' ? 'a permission' : spec.who;
    const actual = access === 'public' || access === 'signed-in' ? access : 'a permission';
    if (declared !== actual) problems.push(`${key} is classified as ${spec.who} but declares access ${access}: reclassify it`);
    if (spec.who === 'asset' && !spec.sample) problems.push(`${key}: an asset route needs a sample file`);
    if (spec.fresh && !paramsOf(url).some((n) => FRESH_PARAMS[spec.fresh ?? 'person'].includes(n))) {
      problems.push(`${key}: a fresh ${spec.fresh} provides none of its parameters`);
    }
    for (const name of paramsOf(url)) {
      if (!PARAMS[name]) problems.push(`${key}: parameter :${name} has no fixtures: add PARAMS.${name} (own/other records of a board, or unscoped values)`);
    }
  }
  const present = new Set(keys.map((k) => k.key));
  for (const key of Object.keys(table)) if (!present.has(key)) problems.push(`ROUTES['${key}'] names no registered route: remove or rename it`);
  return problems;
}

function cartesian(lists: Fixture[][]): Fixture[][] {
  return lists.reduce<Fixture[][]>((acc, list) => acc.flatMap((combo) => list.map((f) => [...combo, f])), [[]]);
}

/** The parameters a fresh record provides. */
const FRESH_PARAMS: Record<FreshKind, string[]> = {
  person: ['personId', 'assignmentId'],
  invitation: ['personId', 'linkId'],
  agency: ['agencyId'],
  meeting: ['meetingId'],
  grant: ['grantId'],
};

async function freshValues(world: MatrixWorld, kind: FreshKind, params: { name: string; board: BoardKey }[]): Promise<Record<string, string>> {
  const made = new Map<BoardKey, Record<string, string>>();
  const values: Record<string, string> = {};
  for (const { name, board } of params) {
    let entity = made.get(board);
    if (!entity) {
      if (kind === 'person') {
        const p = await freshPerson(world, board);
        entity = { personId: p.id, assignmentId: p.assignmentId };
      } else if (kind === 'invitation') {
        const i = await freshInvitation(world, board);
        entity = { personId: i.personId, linkId: i.linkId };
      } else if (kind === 'grant') {
        entity = { grantId: await freshGrant(world, board) };
      } else if (kind === 'meeting') {
        entity = { meetingId: await freshMeeting(world, board) };
      } else {
        entity = { agencyId: await freshAgency(world, board) };
      }
      made.set(board, entity);
    }
    const value = entity[name];
    if (value === undefined) throw new Error(`a fresh ${kind} has no ${name}`);
    values[name] = value;
  }
  return values;
}

function cellsFor(world: MatrixWorld, actors: MatrixActor[], routes: TestApp['routes']): Cell[] {
  const cells: Cell[] = [];
  const boardOf = (key: BoardKey) => world.boards[key];
  for (const { key, method, url, access } of routeKeys(routes)) {
    const spec = ROUTES[key];
    if (!spec) continue;
    const names = paramsOf(url);
    if (names.some((n) => !PARAMS[n])) continue;
    const scoped = names.filter((n) => PARAMS[n]?.scoped);
    const plans: { variant: Variant; boards: BoardKey[]; query?: (b: MatrixBoard) => string }[] = [];
    if (scoped.length === 0) {
      plans.push({ variant: 'none', boards: [] });
      for (const query of spec.queries ?? []) {
        plans.push({ variant: 'own', boards: ['A'], query }, { variant: 'other', boards: ['B'], query });
      }
    } else {
      plans.push({ variant: 'own', boards: scoped.map(() => 'A') }, { variant: 'other', boards: scoped.map(() => 'B') });
      if (scoped.length > 1) plans.push({ variant: 'mixed', boards: scoped.map((_, i) => (i === 0 ? 'A' : 'B')) });
    }
    for (const plan of plans) {
      const boardFor = (name: string): BoardKey => plan.boards[scoped.indexOf(name)] ?? 'A';
      const recordBoard: BoardKey | undefined = plan.query ? plan.boards[0] : scoped.length > 0 ? (plan.variant === 'own' ? 'A' : 'B') : undefined;
      const fixturesOf = (n: string) => PARAMS[n]?.scoped?.(boardOf(boardFor(n))) ?? PARAMS[n]?.unscoped?.(world) ?? [];
      const made = spec.fresh ? FRESH_PARAMS[spec.fresh] : [];
      // A fresh record stands in for the parameters it provides; the others keep their first fixture.
      const combos = spec.fresh
        ? [names.map((n) => (made.includes(n) ? { label: `fresh ${spec.fresh}`, value: '' } : (fixturesOf(n)[0] ?? { label: '', value: '' })))]
        : cartesian(names.map(fixturesOf));
      for (const combo of combos) {
        const values = Object.fromEntries(names.map((n, i) => [n, combo[i]?.value ?? '']));
        const labels = [...new Set(combo.map((f) => f.label))];
        const absent = names.some((n, i) => spec.absent?.[n]?.includes(combo[i]?.label ?? '') ?? false);
        const record = recordBoard ?? 'A';
        for (const who of actors) {
          cells.push({
            route: key,
            method,
            pattern: url,
            access,
            spec,
            variant: plan.variant,
            fixture: [...labels, ...(plan.query ? [`?${plan.query(boardOf(record)).split('=')[0]}`] : [])].filter(Boolean).join(' + '),
            recordBoard,
            byQuery: Boolean(plan.query),
            resourceParts: Object.assign({}, ...combo.map((f) => f.resource ?? {})),
            absent,
            who,
            async resolve() {
              const filled = spec.fresh
                ? {
                    ...values,
                    ...(await freshValues(
                      world,
                      spec.fresh,
                      scoped.filter((name) => made.includes(name)).map((name) => ({ name, board: boardFor(name) })),
                    )),
                  }
                : values;
              let path = spec.who === 'asset' ? (spec.sample ?? url) : fill(url, filled);
              const search = [spec.search, plan.query?.(boardOf(record))].filter(Boolean).join('&');
              if (search) path += `?${search}`;
              const body = spec.body?.({ board: boardOf(record), other: boardOf(record === 'A' ? 'B' : 'A'), world });
              return body ? { url: path, body } : { url: path };
            },
          });
        }
      }
    }
  }
  return cells;
}

// ---- Expectations ----------------------------------------------------------------------------------------

/** Whether the permission table (and the route's notes) lets the actor have the cell's answer. */
function expectedAllowed(world: MatrixWorld, cell: Cell): boolean {
  const { spec, who } = cell;
  if (spec.who === 'public' || spec.who === 'asset') return true;
  if (!who.actor) return false;
  if (cell.variant === 'mixed') return false;
  const resource = cell.recordBoard ? { boardId: world.boards[cell.recordBoard].id, ...cell.resourceParts } : undefined;
  const permitted = spec.who === 'signed-in' ? (spec.needs ? can(who.actor, spec.needs, resource) : true) : can(who.actor, cell.access as Permission, resource);
  return permitted && (spec.stricter?.allows(who.actor, resource?.boardId) ?? true);
}

const SIGN_IN_PAGES = ['/sign-in', '/sign-in/two-factor'];

function judge(world: MatrixWorld, cell: Cell, url: string, answer: Answer, request: string): Result {
  const allowed = expectedAllowed(world, cell);
  const problems: string[] = [];
  const { status } = answer;
  const isApi = cell.pattern.startsWith('/api/');
  if (status >= 500) problems.push(`answered ${status}`);
  else if (allowed) {
    if (cell.absent) {
      if (status === 401 || status === 403) problems.push(`expected allowed (the record has nothing to show: 404), got ${status}`);
    } else if (status === 401 || status === 403 || status === 404) problems.push(`expected allowed, got ${status}`);
    else if (status === 400 && cell.method === 'GET') problems.push('answered 400: the cell sends a malformed request (give the route a search or query)');
    if (cell.spec.crossBoardBody && !cell.absent && ![400, 409, 422].includes(status)) {
      problems.push(`the body names board ${cell.recordBoard === 'A' ? 'B' : 'A'}'s records: expected it refused (400, 409 or 422), got ${status}`);
    }
    if (cell.who.actor && !cell.spec.endsSession && status >= 300 && status < 400 && SIGN_IN_PAGES.includes(answer.location ?? '')) {
      problems.push(`expected allowed, but was sent to ${answer.location} (the session was lost)`);
    }
  } else if (!cell.byQuery) {
    if (!cell.who.actor) {
      if (isApi ? status !== 401 : !(status === 302 && answer.location === '/sign-in')) {
        problems.push(`expected ${isApi ? '401' : 'a redirect to /sign-in'} for anonymous, got ${status}${answer.location ? ` → ${answer.location}` : ''}`);
      }
    } else if (status !== 403 && status !== 404) problems.push(`expected 403 or 404, got ${status}${answer.location ? ` → ${answer.location}` : ''}`);
    else if (isApi && !answer.contentType.startsWith('application/problem+json')) problems.push(`a refusal should be problem+json, was ${answer.contentType}`);
  }
  for (const leak of leaksIn(answer, cell.who, world, { denied: !allowed, request })) {
    problems.push(`leaks "${leak.marker.text}" (${leak.why})`);
  }
  return { cell, url, answer, allowed, problems, ms: 0 };
}

function describeCell(cell: Cell): string {
  const record = cell.variant === 'none' ? '' : ` [${cell.variant}: ${cell.fixture}]`;
  return `${cell.route}${record} as ${cell.who.name}`;
}

function knownFailureOf(cell: Cell): KnownFailure | undefined {
  return KNOWN_FAILURES.find(
    (k) =>
      k.route === cell.route &&
      (k.actor === undefined || k.actor === cell.who.name) &&
      (k.variant === undefined || k.variant === cell.variant) &&
      (k.fixture === undefined || cell.fixture.includes(k.fixture)),
  );
}

// ---- Running the matrix ------------------------------------------------------------------------------------

interface MatrixRun {
  app: FastifyInstance;
  world: MatrixWorld;
  actors: MatrixActor[];
  routes: TestApp['routes'];
  results: Result[];
  seconds: number;
  /** CPU time of this process (the machine is shared: wall time varies with the load). */
  cpuSeconds: number;
}

async function runMatrix(dialect: Parameters<typeof buildTestApp>[1]): Promise<MatrixRun & { close: () => Promise<void> }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const clock = new TestClock(MATRIX_NOW);
  const { app, services, routes, close } = await buildTestApp(undefined, dialect, { clock });
  const world = await seedMatrixWorld(services);
  const actors = await matrixActors(app, world, clock);
  // Those who may record referrals on board A walk a new referral to check answers, so its pages and items exist.
  for (const who of actors) {
    if (who.actor && can(who.actor, 'referral.create', { boardId: world.boards.A.id })) {
      await walkReferralJourney(who, world.boards.A.id, world.boards.A.agencyIds[0] ?? '');
    }
  }
  const cells = cellsFor(world, actors, routes);
  const results: Result[] = [];
  const phases = [...new Set(cells.map((c) => c.spec.phase ?? 0))].sort((a, b) => a - b);
  for (const phase of phases) {
    // One actor's cells in turn (their session is shared), the actors side by side.
    const byActor = actors.map((who) => cells.filter((c) => c.who === who && (c.spec.phase ?? 0) === phase));
    const alone = byActor.some((mine) => mine.some((c) => c.spec.oneAtATime));
    await inPool(
      byActor.map((mine) => async () => {
        for (const cell of mine) {
          const t0 = performance.now();
          const request = await cell.resolve();
          const answer = await send(app, cell.who, { method: cell.method, ...request });
          const result = judge(world, cell, request.url, answer, `${request.url} ${JSON.stringify(request.body ?? {})}`);
          results.push({ ...result, ms: performance.now() - t0 });
        }
      }),
      alone ? 1 : Number(process.env.MATRIX_CONCURRENCY ?? actors.length),
    );
  }
  const used = process.cpuUsage(cpu);
  return { app, world, actors, routes, results, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, close };
}

function summary(run: MatrixRun): string {
  const { results } = run;
  const allowed = results.filter((r) => r.allowed).length;
  const statuses = new Map<number, number>();
  for (const r of results) statuses.set(r.answer.status, (statuses.get(r.answer.status) ?? 0) + 1);
  const routes = new Set(results.map((r) => r.cell.route)).size;
  const byVariant = (v: Variant) => results.filter((r) => r.cell.variant === v).length;
  return [
    `${results.length} cells: ${routes} routes × ${run.actors.length} actors × own/other/mixed records, in ${run.seconds.toFixed(1)} s (${run.cpuSeconds.toFixed(1)} s of CPU)`,
    `${allowed} allowed, ${results.length - allowed} refused; own ${byVariant('own')}, other ${byVariant('other')}, mixed ${byVariant('mixed')}, no record ${byVariant('none')}`,
    `statuses: ${[...statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')}`,
  ].join('\n');
}

/** A refusal, either way: forbidden, or not found (so as not to say the record exists). */
const REFUSED = [403, 404];

// ---- The tests ---------------------------------------------------------------------------------------------

for (const dialect of dialectsUnderTest()) {
  describe(`access matrix (${dialect})`, () => {
    let run: MatrixRun & { close: () => Promise<void> };
    before(async () => {
      run = await runMatrix(dialect);
    });
    after(async () => run?.close());

    test('every route is classified, and every route parameter has fixtures on both boards', () => {
      const problems = classificationProblems(run.routes);
      assert.deepEqual(problems, [], problems.join('\n'));
    });

    test('a route nobody has classified, or a parameter without fixtures, is reported with what to add', () => {
      const before = new Set(classificationProblems(run.routes));
      const added = classificationProblems([
        ...run.routes,
        { method: 'GET', url: '/boards/:boardId/reviews/:reviewId/chronology/:chronologyId', config: { access: 'referral.view', audit: 'CHRONOLOGY_VIEWED' } },
        { method: ['GET', 'HEAD'], url: '/boards/:boardId', config: { access: 'public', audit: 'BOARD_DASHBOARD_VIEWED' } },
      ]).filter((p) => !before.has(p));
      assert.deepEqual(added, [
        "GET /boards/:boardId/reviews/:reviewId/chronology/:chronologyId (access referral.view) is not in the access matrix: add ROUTES['GET /boards/:boardId/reviews/:reviewId/chronology/:chronologyId'] in src/http/access-matrix.test.ts (perm(), or pub(why)/own(why), with a body that fails validation if it changes anything)",
        'GET /boards/:boardId is classified as permission but declares access public: reclassify it',
      ]);
      const unknownParameter = classificationProblems(
        [{ method: 'GET', url: '/boards/:boardId/reviews/:reviewId/chronology/:chronologyId', config: { access: 'referral.view' } }],
        {
          ...ROUTES,
          'GET /boards/:boardId/reviews/:reviewId/chronology/:chronologyId': perm(),
        },
      );
      assert.ok(
        unknownParameter.includes(
          'GET /boards/:boardId/reviews/:reviewId/chronology/:chronologyId: parameter :chronologyId has no fixtures: add PARAMS.chronologyId (own/other records of a board, or unscoped values)',
        ),
        unknownParameter.join('\n'),
      );
      assert.ok(unknownParameter.includes("ROUTES['GET /ping'] names no registered route: remove or rename it"));
    });

    test('every cell answers as the permission table says, with no server error and no data the actor may not see', (t) => {
      for (const line of summary(run).split('\n')) t.diagnostic(line);
      // MATRIX_DUMP=<file> writes every cell (route, actor, record, status, problems) as JSON lines, to study the matrix.
      if (process.env.MATRIX_DUMP) {
        const lines = run.results.map((r) =>
          JSON.stringify({
            route: r.cell.route,
            actor: r.cell.who.name,
            variant: r.cell.variant,
            fixture: r.cell.fixture,
            url: r.url,
            allowed: r.allowed,
            status: r.answer.status,
            location: r.answer.location,
            problems: r.problems,
            ms: Math.round(r.ms * 10) / 10,
          }),
        );
        writeFileSync(`${process.env.MATRIX_DUMP}.${dialect}`, `${lines.join('\n')}\n`);
      }
      const failing: string[] = [];
      const known = new Map<KnownFailure, number>();
      for (const r of run.results) {
        const k = knownFailureOf(r.cell);
        if (k && r.problems.length > 0 && r.problems.every((p) => p.includes(k.problem))) {
          known.set(k, (known.get(k) ?? 0) + 1);
          continue;
        }
        if (r.problems.length > 0) failing.push(`${describeCell(r.cell)} (${r.cell.method} ${r.url} → ${r.answer.status}): ${r.problems.join('; ')}`);
      }
      for (const [k, n] of known) t.diagnostic(`known failure (${n} cells): ${k.route}${k.actor ? ` as ${k.actor}` : ''}: ${k.finding}`);
      const fixed = KNOWN_FAILURES.filter((k) => !known.has(k)).map((k) => `${k.route}${k.actor ? ` as ${k.actor}` : ''}: ${k.finding}`);
      const report = [
        ...(failing.length > 0 ? [`${failing.length} cells failed (${markerLegend()}):`, ...failing.slice(0, 80)] : []),
        ...(failing.length > 80 ? [`… and ${failing.length - 80} more`] : []),
        ...(fixed.length > 0 ? ['These known failures now pass: remove them from KNOWN_FAILURES:', ...fixed] : []),
      ];
      assert.equal(report.length, 0, report.join('\n'));
    });

    test('critical cells, written out by hand (not derived from the permission table)', () => {
      const { world, results } = run;
      const A = world.boards.A;
      const B = world.boards.B;
      const answerOf = (route: string, actor: string, variant: Variant, fixture?: string) => {
        const found = results.filter(
          (r) =>
            r.cell.route === route && r.cell.who.name === actor && r.cell.variant === variant && (fixture === undefined || r.cell.fixture.includes(fixture)),
        );
        assert.ok(found.length > 0, `no cell ${route} as ${actor} (${variant} ${fixture ?? ''})`);
        return found;
      };
      const expectStatus = (route: string, actor: string, variant: Variant, statuses: number[], fixture?: string) => {
        for (const r of answerOf(route, actor, variant, fixture)) {
          assert.ok(statuses.includes(r.answer.status), `${describeCell(r.cell)}: expected ${statuses.join(' or ')}, got ${r.answer.status}`);
          const refused = statuses.every((s) => REFUSED.includes(s));
          for (const word of refused ? ['Avocetcase', 'Avocetsecret', 'Bitterncase', 'Bitternsecret'] : []) {
            assert.ok(!r.answer.body.includes(word), `${describeCell(r.cell)}: shows ${word}`);
          }
        }
      };

      // The deployment administrator never reads a referral, its consideration or its decision letter.
      for (const variant of ['own', 'other'] as const) {
        expectStatus('GET /boards/:boardId/referrals/:referralId', DEPLOYMENT_ADMIN, variant, REFUSED);
        expectStatus('GET /api/v1/referrals/:referralId', DEPLOYMENT_ADMIN, variant, REFUSED);
        expectStatus('GET /boards/:boardId/referrals/:referralId/consideration', DEPLOYMENT_ADMIN, variant, REFUSED);
        expectStatus('GET /api/v1/referrals/:referralId/decision-letter', DEPLOYMENT_ADMIN, variant, REFUSED);
        expectStatus('GET /boards/:boardId', DEPLOYMENT_ADMIN, variant, REFUSED);
      }
      // Administrators and the agency referrer see no case material and no child's details, in any answer at all.
      for (const name of [DEPLOYMENT_ADMIN, 'administrator', 'agency_referrer', 'board_member']) {
        for (const r of results.filter((x) => x.cell.who.name === name)) {
          assert.doesNotMatch(
            r.answer.body,
            /avocetcase|avocetsecret|bitterncase|bitternsecret|2014-02-1\d|2015-07-2\d/i,
            `${describeCell(r.cell)}: shows case material`,
          );
        }
      }
      // Neither does a board's own administrator.
      expectStatus('GET /boards/:boardId/referrals/:referralId', 'administrator', 'own', REFUSED);
      expectStatus('GET /api/v1/referrals/:referralId/timeline', 'administrator', 'own', REFUSED);

      // The agency referrer records referrals but never lists or reads them.
      expectStatus('GET /boards/:boardId', 'agency_referrer', 'own', REFUSED);
      expectStatus('GET /api/v1/boards/:boardId/referrals', 'agency_referrer', 'own', REFUSED);
      expectStatus('GET /boards/:boardId/referrals/:referralId', 'agency_referrer', 'own', REFUSED);
      expectStatus('GET /api/v1/referrals/:referralId', 'agency_referrer', 'own', REFUSED);
      expectStatus('GET /boards/:boardId/meetings', 'agency_referrer', 'own', REFUSED);

      // Board B's chair (who is in board A's business unit) cannot decide board A's referral, page or API.
      for (const route of [
        'GET /boards/:boardId/referrals/:referralId/decision',
        'POST /boards/:boardId/referrals/:referralId/decision',
        'GET /boards/:boardId/referrals/:referralId/decision/check',
        'POST /boards/:boardId/referrals/:referralId/decision/check',
        'POST /api/v1/referrals/:referralId/decision',
      ]) {
        expectStatus(route, DUAL, 'own', REFUSED, 'recommended referral');
      }
      // … but decides board B's (the decision form is shown; the empty API body is refused as invalid).
      expectStatus('GET /boards/:boardId/referrals/:referralId/decision', DUAL, 'other', [200], 'recommended referral');
      expectStatus('POST /api/v1/referrals/:referralId/decision', DUAL, 'other', [422], 'recommended referral');
      // Board A's chair cannot decide board B's.
      expectStatus('GET /boards/:boardId/referrals/:referralId/decision', 'board_chair', 'other', REFUSED);
      expectStatus('POST /api/v1/referrals/:referralId/decision', 'board_chair', 'other', REFUSED);

      // Nobody reads board B's referral through board A's address, not even board B's chair.
      for (const who of run.actors) {
        for (const r of answerOf('GET /boards/:boardId/referrals/:referralId', who.name, 'mixed')) {
          assert.ok(r.url.includes(A.id) && r.url.includes(r.cell.fixture.includes('decided') ? B.referrals.decided : B.referrals.recommended));
          assert.ok(REFUSED.includes(r.answer.status) || (!who.actor && r.answer.status === 302), `${describeCell(r.cell)}: got ${r.answer.status}`);
          assert.ok(!/bittern/i.test(r.answer.body), `${describeCell(r.cell)}: shows board B's data`);
        }
      }
      // The duplicate check tells an agency referrer nothing about the referrals the board holds (issue 8 finding 6).
      for (const r of answerOf('POST /api/v1/boards/:boardId/referrals/duplicates', 'agency_referrer', 'own')) {
        const duplicates = r.answer.status === 200 ? ((JSON.parse(r.answer.body) as { duplicates?: unknown[] }).duplicates ?? []) : [];
        assert.deepEqual(duplicates, [], `${describeCell(r.cell)}: tells the referrer about ${duplicates.length} referrals`);
      }

      // Board A's people read their own referral in full only with restricted access.
      const [seen] = answerOf('GET /boards/:boardId/referrals/:referralId', 'business_unit', 'own', 'recommended referral');
      assert.match(seen?.answer.body ?? '', /Avocetsecret Child recommended/);
      const [partial] = answerOf('GET /boards/:boardId/referrals/:referralId', 'management_group_member', 'own', 'recommended referral');
      assert.equal(partial?.answer.status, 200);
      assert.doesNotMatch(partial?.answer.body ?? '', /Avocetsecret|2014-02-13|13 February 2014/);
      assert.match(partial?.answer.body ?? '', /Avocetcase/);
    });
  });
}
