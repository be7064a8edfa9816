// The access matrix's classification of every route (src/http/access-matrix.test.ts; the API's and publication's in
// their own files): who may use it, why a route is public or open to anyone signed in, where it is stricter than its
// permission, and the body each changing route is sent (so nothing changes). An unclassified route fails the matrix.
//
// Adding a capability: classify each new route in ROUTES (perm() when its declared permission says it all;
// `needs` or a stricter note when the service checks more; a body that fails validation after the access
// checks when a POST would change something, or `fresh` records when it acts on one); give each new route
// parameter fixtures in PARAMS (src/testing/access-matrix-params.ts), seeded on both boards in
// src/testing/access-matrix-world.ts with the board's marker words in every text.
import { can } from '../domain/permissions.ts';
import { ACTION_ROUTES } from './access-matrix-action-routes.ts';
import { API_ROUTES } from './access-matrix-api-routes.ts';
import { PACKET_ROUTES } from './access-matrix-packet-routes.ts';
import { PUBLICATION_ROUTES } from './access-matrix-publication-routes.ts';
import { PUBLISHED_ROUTES } from './access-matrix-published-routes.ts';
import {
  ACCOUNT,
  ACTS_FOR_PANEL,
  AGENCY_PART_OF_LIBRARY,
  AGENCY_PART_OF_LIBRARY_ADDS,
  CHAIR_DECIDES,
  DELETES_CHECK_FILE,
  DELETES_CHECK_FILE_WHY,
  MANAGES_PANEL,
  MANAGES_REVIEWS,
  NO_DECISION,
  NO_EMAIL_CHANGE,
  NOT_ATTACHED,
  NOT_LINKED,
  own,
  perm,
  pub,
  REMOVES_CONTACT,
  REMOVES_CONTACT_WHY,
  REVIEW_ROLE_LISTS,
  type RouteSpec,
} from './access-matrix-spec.ts';
import { SUMMARY_ROUTES } from './access-matrix-summary-routes.ts';

/** The police's chronology entry is not in the health's chronology: through the health's request, not found. */
const OTHER_AGENCYS_ENTRY = { requestId: ['health contribution'] };
/** The police's import is not the health's: through the health's request, not found. */
const OTHER_AGENCYS_IMPORT = { requestId: ['health contribution'] };
/** The template is for whoever holds contribution.edit on any review (or agency's part of one) of the board. */
const WRITES_A_CHRONOLOGY: RouteSpec['looser'] = {
  why: 'an agency’s contributor (contribution.edit on its part of a review of the board) downloads the board’s template',
  allows: (actor, boardId) =>
    boardId !== undefined &&
    actor.grants.some(
      (g) =>
        g.scope.type === 'review' &&
        g.scope.boardId === boardId &&
        can(actor, 'contribution.edit', { boardId, reviewId: g.scope.reviewId, agencyId: g.scope.agencyId ?? undefined }),
    ),
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
  'GET /boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/change': perm(),
  'POST /boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/change': perm({ body: () => ({ mode: 'by_post' }) }),
  'POST /boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/cancel': perm({ body: () => ({ cancelReason: ' ' }) }),
  // A review's library: an agency's roles reach their agency's part of it (the list shows only their documents).
  'GET /boards/:boardId/reviews/:reviewId/documents': perm({ looser: AGENCY_PART_OF_LIBRARY }),
  'POST /boards/:boardId/reviews/:reviewId/documents': perm({ looser: AGENCY_PART_OF_LIBRARY_ADDS, body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/documents/:documentId': perm(),
  'POST /boards/:boardId/reviews/:reviewId/documents/:documentId': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/documents/:documentId/versions/:version': perm(),
  'GET /boards/:boardId/reviews/:reviewId/early-learning': perm(),
  'POST /boards/:boardId/reviews/:reviewId/early-learning': perm({ body: () => ({ lesson: '' }) }),
  ...ACTION_ROUTES,
  // The practitioners' learning event (CPR, SUSR): read with learning_event.view; organised by the business unit
  // (learning_event.manage); replies, attendance, notes and learning by its facilitators (learning_event.record).
  // Agencies' people hold none of it. Each body fails validation.
  'GET /boards/:boardId/reviews/:reviewId/learning-event': perm(),
  'GET /boards/:boardId/reviews/:reviewId/learning-event/new': perm(),
  'POST /boards/:boardId/reviews/:reviewId/learning-event/new': perm({ body: () => ({ mode: 'by_post' }) }),
  'GET /boards/:boardId/reviews/:reviewId/learning-event/:eventId': perm(),
  'POST /boards/:boardId/reviews/:reviewId/learning-event/:eventId': perm({ body: () => ({ mode: 'by_post' }) }),
  'POST /boards/:boardId/reviews/:reviewId/learning-event/:eventId/status': perm({ body: () => ({ to: 'cancelled', reason: ' ' }) }),
  'GET /boards/:boardId/reviews/:reviewId/learning-event/:eventId/invite': perm(),
  'POST /boards/:boardId/reviews/:reviewId/learning-event/:eventId/invite': perm({ body: () => ({ practitionerRole: 'wizard' }) }),
  'GET /boards/:boardId/reviews/:reviewId/learning-event/:eventId/attendance': perm(),
  'POST /boards/:boardId/reviews/:reviewId/learning-event/:eventId/attendance': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/learning-event/:eventId/notes': perm(),
  'POST /boards/:boardId/reviews/:reviewId/learning-event/:eventId/notes': perm({ body: () => ({ notes: 'x', version: -1 }) }),
  'GET /boards/:boardId/reviews/:reviewId/learning-event/:eventId/learning': perm(),
  'POST /boards/:boardId/reviews/:reviewId/learning-event/:eventId/learning': perm({ body: () => ({ theme: 'nope' }) }),
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
  // The chronology: an agency's own is its contribution (contribution.view and .edit, its agency only; shared by
  // the business unit, contribution.manage); the merged one is chronology.view, key events chronology.mark. The
  // matrix's requests are not being drafted (nor signed off), so every change is refused after the access checks.
  'GET /boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology': perm(),
  'GET /boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/entries/new': perm(),
  'POST /boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/entries/new': perm({ body: () => ({ precision: '' }) }),
  'GET /boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/entries/:chronologyEntryId': perm({ absent: OTHER_AGENCYS_ENTRY }),
  'POST /boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/entries/:chronologyEntryId': perm({
    absent: OTHER_AGENCYS_ENTRY,
    body: () => ({ precision: '', version: '1' }),
  }),
  'GET /boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/entries/:chronologyEntryId/remove': perm({ absent: OTHER_AGENCYS_ENTRY }),
  'POST /boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/entries/:chronologyEntryId/remove': perm({
    absent: OTHER_AGENCYS_ENTRY,
    body: () => ({ version: '1' }),
  }),
  'POST /boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/share': perm({ body: () => ({}) }),
  // Imports: the upload page and the upload are its contributor's (contribution.edit; the matrix posts no file, so
  // nothing is stored); an import's status is its agency's (through the health's request the police's is not found).
  'GET /boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/import': perm(),
  'POST /boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/import': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/imports/:importId': perm({ absent: OTHER_AGENCYS_IMPORT }),
  // The board's template (no case material): whoever may write an agency's chronology on a review of the board.
  'GET /boards/:boardId/chronology-template.:format': perm({ looser: WRITES_A_CHRONOLOGY }),
  'GET /boards/:boardId/reviews/:reviewId/chronology': perm(),
  'GET /boards/:boardId/reviews/:reviewId/chronology/timeline': perm(),
  'GET /boards/:boardId/reviews/:reviewId/chronology/export.xlsx': perm(),
  'GET /boards/:boardId/reviews/:reviewId/chronology/export.docx': perm(),
  'GET /boards/:boardId/reviews/:reviewId/chronology/entries/:chronologyEntryId/key': perm(),
  'POST /boards/:boardId/reviews/:reviewId/chronology/entries/:chronologyEntryId/key': perm({ body: () => ({ label: 'x'.repeat(81) }) }),
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
  // A review's report: read by report.view, drafted by report.edit, commented by report.comment, QA by
  // report.qa, accepted by report.accept, review recommendations by report.recommend. Every body is refused
  // after the access checks (a revision never opened, an empty comment, a version not awaiting the step, a
  // comment already resolved, an empty review recommendation), so nothing changes.
  'GET /boards/:boardId/reviews/:reviewId/report': perm(),
  'GET /boards/:boardId/reviews/:reviewId/report/sections/:reportSection': perm(),
  'POST /boards/:boardId/reviews/:reviewId/report/sections/:reportSection': perm({ body: () => ({ text: 'Changed.', revision: '99' }) }),
  'POST /boards/:boardId/reviews/:reviewId/report/submit': perm({ body: () => ({ version: '0', revision: '0' }) }),
  'POST /boards/:boardId/reviews/:reviewId/report/comments': perm({ body: () => ({ version: '1', section: 'circumstances', comment: '' }) }),
  'POST /boards/:boardId/reviews/:reviewId/report/comments/:commentId/resolve': perm(),
  'POST /boards/:boardId/reviews/:reviewId/report/qa': perm({ body: () => ({ version: '0' }) }),
  'POST /boards/:boardId/reviews/:reviewId/report/accept': perm({ body: () => ({ version: '0' }) }),
  'GET /boards/:boardId/reviews/:reviewId/report/versions/:version': perm(),
  'GET /boards/:boardId/reviews/:reviewId/report/versions/:version/document.docx': perm(),
  'GET /boards/:boardId/reviews/:reviewId/report/versions/:version/document.pdf': perm(),
  'GET /boards/:boardId/reviews/:reviewId/report/review-recommendations/new': perm(),
  'POST /boards/:boardId/reviews/:reviewId/report/review-recommendations/new': perm({ body: () => ({ text: '', revision: '0' }) }),
  'GET /boards/:boardId/reviews/:reviewId/report/review-recommendations/:recommendationId': perm(),
  'POST /boards/:boardId/reviews/:reviewId/report/review-recommendations/:recommendationId': perm({ body: () => ({ text: '', revision: '0' }) }),
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
  // The board's own meetings (issue 12 item 3): seen by the board and managed by its business unit. Each body
  // fails validation (the matrix's meeting is today's, scheduled); attendance names the other board's chair.
  'GET /boards/:boardId/board-meetings': perm(),
  'GET /boards/:boardId/board-meetings/new': perm(),
  'POST /boards/:boardId/board-meetings/new': perm({ body: () => ({ 'meetsOn-day': '1', 'meetsOn-month': '1', 'meetsOn-year': '2030', online: 'yes' }) }),
  'GET /boards/:boardId/board-meetings/:boardMeetingId': perm(),
  'POST /boards/:boardId/board-meetings/:boardMeetingId/agenda': perm({ body: () => ({ title: ' ' }) }),
  'POST /boards/:boardId/board-meetings/:boardMeetingId/attendance': perm({
    crossBoardBody: true,
    body: ({ other }) => ({ [`attendance[${other.people.board_chair.id}]`]: 'attended' }),
  }),
  'POST /boards/:boardId/board-meetings/:boardMeetingId/minutes': perm({ body: () => ({ minutes: ' ' }) }),
  'POST /boards/:boardId/board-meetings/:boardMeetingId/cancel': perm({ body: () => ({ cancelReason: ' ' }) }),
  // The board's progress report on its action plans (page and files) and the partner view (issue 12 items 5 and 6):
  // action.report on the board; another board's agency is not found.
  'GET /boards/:boardId/action-report': perm(),
  'GET /boards/:boardId/action-report.docx': perm(),
  'GET /boards/:boardId/action-report.pdf': perm(),
  'GET /boards/:boardId/action-report.xlsx': perm(),
  'GET /boards/:boardId/agencies/:agencyId/actions': perm(),
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

  // The API: access-matrix-api-routes.ts.
  ...API_ROUTES,
  ...PUBLICATION_ROUTES,
  ...PACKET_ROUTES,
  ...PUBLISHED_ROUTES,
  ...SUMMARY_ROUTES,

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
