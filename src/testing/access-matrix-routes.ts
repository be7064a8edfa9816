// The access matrix's classification of every route (src/http/access-matrix.test.ts): who may use it, why
// a route is public or open to anyone signed in, where it is stricter than its permission, and the body
// each changing route is sent (chosen so nothing changes). A route the app registers that is not here fails
// the matrix's first test.
//
// Adding a capability: classify each new route in ROUTES (perm() when its declared permission says it all;
// `needs` or a stricter note when the service checks more; a body that fails validation after the access
// checks when a POST would change something, or `fresh` records when it acts on one); give each new route
// parameter fixtures in PARAMS (src/testing/access-matrix-cells.ts), seeded on both boards in
// src/testing/access-matrix-world.ts with the board's marker words in every text.
import { type Actor, can, type Permission } from '../domain/permissions.ts';
import type { MatrixBoard, MatrixWorld } from './access-matrix-world.ts';

// ---- How each route is classified ----------------------------------------------------------------------

/** `public` and `signed-in` match the route's declared access; `permission` is any permission; `asset` a static file. */
export type Who = 'public' | 'signed-in' | 'permission' | 'asset';
/** What the address names: nothing board-scoped, board A's records, board B's, or board A's address with board B's record. */
export type Variant = 'none' | 'own' | 'other' | 'mixed';
export type FreshKind = 'person' | 'invitation' | 'agency' | 'meeting' | 'grant';

export interface BodyContext {
  /** The board of the record the cell is about, and the other one. */
  board: MatrixBoard;
  other: MatrixBoard;
  world: MatrixWorld;
}

export interface RouteSpec {
  who: Who;
  /** Why a route is public or open to anyone signed in, or any other note. */
  why?: string;
  /** For a signed-in route that shows a record: the permission the record's board needs (the service checks it). */
  needs?: Permission;
  /** Where the route is stricter than its permission (only the chair decides; only one's own account): who else is refused. */
  stricter?: { why: string; allows: (actor: Actor, boardId: string | undefined) => boolean };
  /**
   * Where the route lets in more than its permission held on the board: who else may have the answer (a
   * review role lists its own review on its board's reviews list).
   */
  looser?: { why: string; allows: (actor: Actor, boardId: string | undefined) => boolean };
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

export const pub = (why: string, more: Partial<RouteSpec> = {}): RouteSpec => ({ who: 'public', why, ...more });
export const own = (why: string, more: Partial<RouteSpec> = {}): RouteSpec => ({ who: 'signed-in', why, ...more });
export const perm = (more: Partial<RouteSpec> = {}): RouteSpec => ({ who: 'permission', ...more });

const ACCOUNT = "the signed-in person's own account";
const NO_DECISION = { referralId: ['recommended referral'] };
/** No referral fixture is linked to the review (the decided one is its own): nothing to unlink. */
const NOT_LINKED = { referralId: ['recommended referral', 'decided referral'] };
/** The person has no change of email address waiting: there is nothing to cancel. */
const NO_EMAIL_CHANGE = { personId: ['person'] };

/** The two routes that delete the check file run last; whichever runs second finds it gone (404). */
const DELETES_CHECK_FILE = { fileId: ['check file'] };
const DELETES_CHECK_FILE_WHY = 'deletes the check file after every other cell: the second delete route to run finds nothing';

/** A review role holder sees the board's reviews list, with only their review on it. */
const REVIEW_ROLE_LISTS: RouteSpec['looser'] = {
  why: 'a review role lists its own review on its board’s reviews list (and only that review)',
  allows: (actor, boardId) =>
    boardId !== undefined &&
    actor.grants.some((g) => g.scope.type === 'review' && g.scope.boardId === boardId && can(actor, 'review.view', { boardId, reviewId: g.scope.reviewId })),
};

/** An agency's roles hold a library permission on their agency's part of a review of the board (the service lists that part). */
function agencyPartOf(permission: Permission): NonNullable<RouteSpec['looser']> {
  return {
    why: `an agency’s roles hold ${permission} on their agency’s part of the review`,
    allows: (actor, boardId) =>
      boardId !== undefined &&
      actor.grants.some(
        (g) =>
          g.scope.type === 'review' &&
          g.scope.boardId === boardId &&
          g.scope.agencyId !== null &&
          can(actor, permission, { boardId, reviewId: g.scope.reviewId, agencyId: g.scope.agencyId }),
      ),
  };
}
const AGENCY_PART_OF_LIBRARY = agencyPartOf('review.documents_view');
const AGENCY_PART_OF_LIBRARY_ADDS = agencyPartOf('review.documents_add');
/** A nomination of a panel chair is the business unit's (panel.manage); seeing the panel is not enough. */
const MANAGES_PANEL = {
  why: 'the matrix’s nomination is of the panel’s chair, which the business unit nominates and appoints (panel.manage)',
  allows: (actor: Actor, boardId: string | undefined) => boardId !== undefined && can(actor, 'panel.manage', { boardId }),
};
/** Nominating is the panel's (its chair, panel.act on its review) or the business unit's (panel.manage). */
const ACTS_FOR_PANEL = {
  why: 'nominating needs panel.act (the panel chair, on their review) or panel.manage (the business unit)',
  allows: (actor: Actor, boardId: string | undefined) =>
    boardId !== undefined &&
    (can(actor, 'panel.manage', { boardId }) ||
      actor.grants.some((g) => g.scope.type === 'review' && g.scope.boardId === boardId && can(actor, 'panel.act', { boardId, reviewId: g.scope.reviewId }))),
};

/** A review is moved by the business unit (review.manage); seeing it (review.view) is not enough. */
const MANAGES_REVIEWS: RouteSpec['stricter'] = {
  why: 'moving a review needs review.manage on its board (reopening, review.reopen, needs an event the body does not send)',
  allows: (actor, boardId) => boardId !== undefined && can(actor, 'review.manage', { boardId }),
};

/** An agency's people list their own agency's contributions to the review (the business unit and the panel every agency's). */
const AGENCY_LISTS_OWN: RouteSpec['looser'] = {
  why: 'an agency’s review role lists its own agency’s contributions to its review',
  allows: (actor, boardId) =>
    boardId !== undefined && actor.grants.some((g) => g.scope.type === 'review' && g.scope.boardId === boardId && g.scope.agencyId !== null),
};
/** The contact removal routes run last; whichever runs second finds the contact gone (404). */
const REMOVES_CONTACT = { contactId: ['contact'] };
const REMOVES_CONTACT_WHY = 'removes the contact after every other cell: the second removal to run finds nothing';
/** No contribution has the check file attached: allowed readers are answered 404. */
const NOT_ATTACHED = { fileId: ['check file'] };

/** A grant waiting for confirmation is decided by the board's chair (information governance only when the chair is concerned). */
const CHAIR_DECIDES: RouteSpec['stricter'] = {
  why: 'only the board chair decides a grant of someone else',
  allows: (actor, boardId) => actor.grants.some((g) => g.role === 'board_chair' && g.scope.type === 'board' && g.scope.boardId === boardId),
};

export const ROUTES: Record<string, RouteSpec> = {
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

  // Running a review: the board's reviews (a review role lists only its own review), a review, its moves.
  'GET /boards/:boardId/reviews': perm({ looser: REVIEW_ROLE_LISTS }),
  'GET /boards/:boardId/reviews/:reviewId': perm(),
  'POST /boards/:boardId/reviews/:reviewId/move': perm({ stricter: MANAGES_REVIEWS, body: () => ({ event: '' }) }),
  // Milestones and panel meetings of a review: read with review.view; planned and changed by the business unit
  // (milestone.manage); minutes by the panel's chair too (panel_meeting.minute). Each body fails validation.
  'GET /boards/:boardId/reviews/:reviewId/milestones': perm(),
  'GET /boards/:boardId/reviews/:reviewId/milestones/:milestoneId': perm(),
  'POST /boards/:boardId/reviews/:reviewId/milestones/:milestoneId': perm({ body: () => ({ reason: ' ' }) }),
  'GET /boards/:boardId/reviews/:reviewId/panel-meetings/new': perm(),
  'POST /boards/:boardId/reviews/:reviewId/panel-meetings/new': perm({ body: () => ({ mode: 'by_post' }) }),
  'GET /boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId': perm(),
  'POST /boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/held': perm({ body: () => ({ guests: 'no role given' }) }),
  'POST /boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/minutes': perm({ body: () => ({ decisions: '| no decision' }) }),
  // A review's library: an agency's roles reach their agency's part of it (the list shows only their documents).
  'GET /boards/:boardId/reviews/:reviewId/documents': perm({ looser: AGENCY_PART_OF_LIBRARY }),
  'POST /boards/:boardId/reviews/:reviewId/documents': perm({ looser: AGENCY_PART_OF_LIBRARY_ADDS, body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/documents/:documentId': perm(),
  'POST /boards/:boardId/reviews/:reviewId/documents/:documentId': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/documents/:documentId/versions/:version': perm(),
  'GET /boards/:boardId/reviews/:reviewId/early-learning': perm(),
  'POST /boards/:boardId/reviews/:reviewId/early-learning': perm({ body: () => ({ lesson: '' }) }),
  // Setting a review up (the business unit's forms; the letters for whoever sees the review). A referral in the
  // address that the review does not cover by a link has nothing to unlink: 404.
  'GET /boards/:boardId/reviews/:reviewId/notifications/:requirement': perm(),
  'POST /boards/:boardId/reviews/:reviewId/notifications/:requirement': perm({ body: () => ({ 'sentOn-day': '' }) }),
  'GET /boards/:boardId/reviews/:reviewId/notification-letters/:notificationId/letter.docx': perm(),
  'GET /boards/:boardId/reviews/:reviewId/notification-letters/:notificationId/letter.pdf': perm(),
  'GET /boards/:boardId/reviews/:reviewId/referrals/link': perm(),
  'POST /boards/:boardId/reviews/:reviewId/referrals/link': perm({ body: () => ({ referralId: '' }) }),
  'GET /boards/:boardId/reviews/:reviewId/referrals/:referralId/unlink': perm({ absent: NOT_LINKED }),
  'POST /boards/:boardId/reviews/:reviewId/referrals/:referralId/unlink': perm({ absent: NOT_LINKED, body: () => ({ reason: '' }) }),
  'GET /boards/:boardId/reviews/:reviewId/joint-review': perm(),
  'POST /boards/:boardId/reviews/:reviewId/joint-review': perm({ body: () => ({ partnerCodes: 'NO-SUCH-BOARD' }) }),
  'GET /boards/:boardId/reviews/:reviewId/proceedings/new': perm(),
  'POST /boards/:boardId/reviews/:reviewId/proceedings/new': perm({ body: () => ({ proceedingType: '' }) }),
  'GET /boards/:boardId/reviews/:reviewId/proceedings/:proceedingId': perm(),
  'POST /boards/:boardId/reviews/:reviewId/proceedings/:proceedingId': perm({ body: () => ({ proceedingType: '' }) }),
  // The register of independent chairs and reviewers, and a review's panel. The matrix's nomination is
  // withdrawn: asking for its declaration, appointing or ending it is a conflict (409), and changes nothing.
  'GET /boards/:boardId/register': perm(),
  'GET /boards/:boardId/register/new': perm(),
  'POST /boards/:boardId/register/new': perm({ body: () => ({ fullName: '' }) }),
  'GET /boards/:boardId/register/:entryId': perm(),
  'POST /boards/:boardId/register/:entryId': perm({ body: () => ({ fullName: '' }) }),
  'POST /boards/:boardId/register/:entryId/engagements': perm({ body: () => ({ what: '' }) }),
  'GET /boards/:boardId/reviews/:reviewId/panel': perm(),
  'POST /boards/:boardId/reviews/:reviewId/panel/members': perm({ body: () => ({ agencyId: '' }) }),
  'POST /boards/:boardId/reviews/:reviewId/panel/members/:assignmentId/end': perm({ absent: { assignmentId: ['role'] } }),
  'POST /boards/:boardId/reviews/:reviewId/panel/nominations': perm({ stricter: ACTS_FOR_PANEL, body: () => ({ role: '' }) }),
  'POST /boards/:boardId/reviews/:reviewId/panel/nominations/:nominationId/declaration-link': perm({ stricter: MANAGES_PANEL }),
  'POST /boards/:boardId/reviews/:reviewId/panel/nominations/:nominationId/appoint': perm({ stricter: MANAGES_PANEL }),
  'POST /boards/:boardId/reviews/:reviewId/panel/nominations/:nominationId/end': perm({ body: () => ({ status: 'nominated' }) }),
  'GET /declarations/:token': pub('the emailed declaration link is the credential (it shows no child identity)', { absent: { token: ['invitation token'] } }),
  'POST /declarations/:token': pub('the emailed declaration link is the credential', { absent: { token: ['invitation token'] }, body: () => ({}) }),
  // Agency contributions: the business unit asks and waives; an agency's author drafts and its senior manager signs off, their own agency's only.
  'GET /contributions': perm(),
  'GET /boards/:boardId/reviews/:reviewId/contributions/new': perm(),
  'POST /boards/:boardId/reviews/:reviewId/contributions/new': perm({ body: () => ({ agencyId: '' }) }),
  'GET /boards/:boardId/reviews/:reviewId/contributions/:requestId': perm(),
  'POST /boards/:boardId/reviews/:reviewId/contributions/:requestId/declaration': perm({ body: () => ({ authorRole: '' }) }),
  'POST /boards/:boardId/reviews/:reviewId/contributions/:requestId/draft': perm({ body: () => ({ 'section.unknown': 'x' }) }),
  'POST /boards/:boardId/reviews/:reviewId/contributions/:requestId/submit': perm({ body: () => ({ from: 'signed_off' }) }),
  'POST /boards/:boardId/reviews/:reviewId/contributions/:requestId/sign-off': perm({ body: () => ({ decision: '' }) }),
  'POST /boards/:boardId/reviews/:reviewId/contributions/:requestId/waive': perm({ body: () => ({ reason: '' }) }),
  'POST /boards/:boardId/reviews/:reviewId/contributions/:requestId/attachments': perm({
    why: 'a form post that is not multipart stores nothing: the page asks for a file',
  }),
  'GET /boards/:boardId/reviews/:reviewId/contributions/:requestId/attachments/:fileId': perm({ absent: NOT_ATTACHED }),
  'GET /boards/:boardId/agencies/:agencyId/contacts': perm(),
  'POST /boards/:boardId/agencies/:agencyId/contacts': perm({ body: () => ({ fullName: '' }) }),
  'POST /boards/:boardId/agencies/:agencyId/contacts/:contactId/remove': perm({ phase: 8, absent: REMOVES_CONTACT, why: REMOVES_CONTACT_WHY }),
  // A review's terms of reference: read by review.terms_view (agencies' contributors too), edited by
  // review.terms_edit, approved by review.terms_approve (the panel chair); the bodies are refused (an empty
  // text; a version that is not the latest draft) after the access checks, so nothing changes.
  'GET /boards/:boardId/reviews/:reviewId/terms-of-reference': perm(),
  'GET /boards/:boardId/reviews/:reviewId/terms-of-reference/sections/:section': perm(),
  'POST /boards/:boardId/reviews/:reviewId/terms-of-reference/sections/:section': perm({ body: () => ({ text: '', revision: '0' }) }),
  'POST /boards/:boardId/reviews/:reviewId/terms-of-reference/approve': perm({ body: () => ({ version: '0', revision: '0' }) }),
  'GET /boards/:boardId/reviews/:reviewId/terms-of-reference/versions/:version': perm(),
  'GET /boards/:boardId/reviews/:reviewId/terms-of-reference/versions/:version/document.docx': perm(),
  'GET /boards/:boardId/reviews/:reviewId/terms-of-reference/versions/:version/document.pdf': perm(),
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
  'GET /api/v1/boards/:boardId/reviews': perm({ looser: REVIEW_ROLE_LISTS }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/transitions': perm({ stricter: MANAGES_REVIEWS, body: () => ({ event: 'hold' }) }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/milestones': perm(),
  // The plan exists on both boards' reviews: making it again is a conflict (409), nothing written.
  'POST /api/v1/boards/:boardId/reviews/:reviewId/milestones': perm(),
  'PATCH /api/v1/boards/:boardId/reviews/:reviewId/milestones/:milestoneId': perm({ body: () => ({ reason: ' ' }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/panel-meetings': perm({ body: () => ({ meetsOn: '2026-11-27', mode: 'online', location: ' ' }) }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId': perm(),
  'PATCH /api/v1/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId': perm({
    body: () => ({ meetsOn: '2026-11-27', mode: 'online', location: ' ' }),
  }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/held': perm({
    body: () => ({ attendance: [], guests: [{ fullName: 'Guest', role: ' ' }] }),
  }),
  'PUT /api/v1/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/minutes': perm({
    body: () => ({ minutes: null, decisions: [{ decision: ' ', owner: 'x' }] }),
  }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/documents': perm({ looser: AGENCY_PART_OF_LIBRARY }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/documents': perm({ looser: AGENCY_PART_OF_LIBRARY_ADDS, body: () => ({}) }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/documents/:documentId': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/documents/:documentId/versions': perm({ body: () => ({}) }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/documents/:documentId/versions/:version/content': perm(),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/early-learning': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/early-learning': perm({ body: () => ({ lesson: '' }) }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/setup': perm(),
  'PUT /api/v1/boards/:boardId/reviews/:reviewId/notifications/:requirement': perm({ body: () => ({ sentOn: '2100-01-01' }) }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/notifications/:notificationId/letter': perm({ search: 'format=pdf' }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/referrals': perm({ body: () => ({ referralId: 'no-such-referral' }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/referrals/:referralId/unlink': perm({ absent: NOT_LINKED, body: () => ({ reason: ' ' }) }),
  'PUT /api/v1/boards/:boardId/reviews/:reviewId/joint-review': perm({ body: () => ({ partnerBoardIds: ['no-such-board'], leadBoardId: null }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/proceedings': perm({ body: () => ({ proceedingType: 'criminal', status: 'concluded' }) }),
  'PUT /api/v1/boards/:boardId/reviews/:reviewId/proceedings/:proceedingId': perm({ body: () => ({ proceedingType: 'criminal', status: 'concluded' }) }),
  // The register and a review's panel: bodies the schemas accept and the services refuse (422), or a
  // withdrawn nomination (409); nothing changes.
  'GET /api/v1/boards/:boardId/register': perm(),
  'POST /api/v1/boards/:boardId/register': perm({ body: () => ({ fullName: '', email: '', wgApproved: false, languages: [], availability: '' }) }),
  'PUT /api/v1/boards/:boardId/register/:entryId': perm({ body: () => ({ fullName: '', email: '', wgApproved: false, languages: [], availability: '' }) }),
  'POST /api/v1/boards/:boardId/register/:entryId/engagements': perm({ body: ({ board }) => ({ agencyId: board.agencyIds[0], fromOn: '', what: '' }) }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/panel': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/panel/members': perm({ body: ({ board }) => ({ fullName: '', email: '', agencyId: board.agencyIds[0] }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/panel/nominations': perm({
    stricter: ACTS_FOR_PANEL,
    body: () => ({ role: 'author', entryId: '00000000-0000-0000-0000-000000000000' }),
  }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/panel/nominations/:nominationId/declaration-link': perm({ stricter: MANAGES_PANEL }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/panel/nominations/:nominationId/appointment': perm({ stricter: MANAGES_PANEL }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/panel/nominations/:nominationId/end': perm({ body: () => ({ reason: 'Unchanged' }) }),
  'GET /api/v1/contributions': perm(),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/contributions': perm({ looser: AGENCY_LISTS_OWN }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/contributions': perm({
    body: (c) => ({
      agencyId: c.board.agencyIds[0],
      contactId: c.board.contactIds[0],
      dueOn: '',
      author: { fullName: '', email: '' },
      seniorManager: { fullName: '', email: '' },
    }),
  }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/contributions/:requestId': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/contributions/:requestId/declaration': perm({
    body: () => ({ directlyInvolved: true, lineManager: false, authorRole: 'x' }),
  }),
  'PUT /api/v1/boards/:boardId/reviews/:reviewId/contributions/:requestId/draft': perm({ body: () => ({ sections: {} }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/contributions/:requestId/submission': perm({ body: () => ({ from: 'signed_off' }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/contributions/:requestId/sign-off': perm({ body: () => ({ decision: 'return', reason: '' }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/contributions/:requestId/waiver': perm({ body: () => ({ reason: '' }) }),
  'GET /api/v1/boards/:boardId/agencies/:agencyId/contacts': perm(),
  'POST /api/v1/boards/:boardId/agencies/:agencyId/contacts': perm({ body: () => ({ fullName: '', email: '', language: 'en' }) }),
  'DELETE /api/v1/boards/:boardId/agencies/:agencyId/contacts/:contactId': perm({ phase: 8, absent: REMOVES_CONTACT, why: REMOVES_CONTACT_WHY }),
  // A review's terms of reference (the bodies are refused after the access checks: an empty text; a version that is not the latest draft).
  'GET /api/v1/boards/:boardId/reviews/:reviewId/terms-of-reference': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/terms-of-reference/sections/:section': perm({ body: () => ({ revision: 0, text: '' }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/terms-of-reference/approvals': perm({ body: () => ({ version: 99, revision: 0 }) }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/terms-of-reference/versions/:version': perm(),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/terms-of-reference/versions/:version/document': perm({ search: 'format=pdf' }),
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
