// Every path of the service, built in one place: pages, their forms' actions, redirects, pagination,
// the API's Location headers, and (through absoluteUrl) the links in emails and on the command line.
// Each builder carries its route pattern beside it (`urls.referral.pattern` is
// '/boards/:boardId/referrals/:referralId'), so a path is written once; urls.test.ts checks that every
// pattern is a route the application registers, and src/hand-built-paths.test.ts that nothing outside
// this module writes a path by hand. Ids are encoded as path segments, query values with
// URLSearchParams. Pure: no I/O, so every layer may import it (services for emails, the CLI, http).
// Templates reach it as the Nunjucks global `urls` (src/views/environment.ts).

import { path, type Query } from './url-paths.ts';

export { absoluteUrl, journeyPage, localPath, queryString, samePageWith, sitePath } from './url-paths.ts';

/** The JSON API's prefix (its routes are registered under it). */
export const API_PREFIX = '/api/v1';

/** Where the stylesheet and other static files are served from. */
export const ASSETS_PREFIX = '/assets/';

/** Query strings of the list pages. */
type PageQuery = { page?: number };
/** The administration lists' filters: words searched for, a board, an agency's sector. */
export type AdminListQuery = PageQuery & { q?: string; boardId?: string; sector?: string };
export type DashboardQuery = PageQuery & { status?: readonly string[]; incidentType?: string; overdue?: 'yes'; sort?: string };
export type JobsQuery = PageQuery & { state?: string };
/** The reviews list's filters: stage, framework, on hold, overdue. */
export type ReviewsQuery = PageQuery & { stage?: string; framework?: string; onHold?: 'yes'; overdue?: 'yes' };
/** The register's filters (and the panel page's candidates: the role too). */
export type RegisterQuery = { availability?: string; language?: string; specialism?: string; role?: string };
/** The audit log's filters (`from-day`…) and `before` (the sequence number older events start below). */
export type AuditQuery = Query;
/** A journey page opened from its check answers page goes back there. */
export type ReturnQuery = { returnTo?: 'check-answers' };
/** The query of a check answers page's "change" links, kept on the pages a change leads through. */
export const RETURN_TO_CHECK_ANSWERS = { returnTo: 'check-answers' } as const satisfies ReturnQuery;
/** The language an emailed link opens in. */
export type LanguageQuery = { lang?: 'en' | 'cy' };
/** The public list of published reviews: a page, the search box's words, the language. */
export type PublishedQuery = PageQuery & LanguageQuery & { q?: string };
/** The board's progress report's range (ISO days). */
export type ActionReportQuery = { from?: string; to?: string };
/**
 * The merged chronology's filters and view (issue 11): agencies, a person, a period (`from`/`to` as
 * YYYY-MM-DD), significance, event types, key events only, the gap threshold in days, and the named view.
 */
export type ChronologyQuery = PageQuery & {
  agency?: readonly string[];
  person?: string;
  from?: string;
  to?: string;
  significance?: readonly string[];
  type?: readonly string[];
  key?: 'yes';
  gapDays?: number;
  view?: 'named';
};

export const urls = {
  // ---- The site --------------------------------------------------------------------------------------
  home: path('/'),
  accessibility: path('/accessibility'),
  privacy: path('/privacy'),
  /** The public pages of released reviews (issue 13 item 5), no sign-in: the list and search, a publication, its files. */
  published: path<'/published', PublishedQuery>('/published'),
  publishedReview: path<'/published/:publicationId', LanguageQuery>('/published/:publicationId'),
  /** The executive summary as a file: format 'pdf' or 'docx', in the language asked for. */
  publishedSummaryFile: path<'/published/:publicationId/document.:format', LanguageQuery>('/published/:publicationId/document.:format'),
  /** The report, where the board published it, as a file. */
  publishedReportFile: path<'/published/:publicationId/report.:format', LanguageQuery>('/published/:publicationId/report.:format'),
  /** A static file: '/assets/application.css'. */
  asset: (file: string) => `${ASSETS_PREFIX}${file.split('/').map(encodeURIComponent).join('/')}`,

  // ---- Signing in, links sent by email ---------------------------------------------------------------
  signIn: path('/sign-in'),
  signInTwoFactor: path('/sign-in/two-factor'),
  signOut: path('/sign-out'),
  forgottenPassword: path('/forgotten-password'),
  forgottenPasswordCheckEmail: path('/forgotten-password/check-your-email'),
  setPassword: path<'/set-password/:token', LanguageQuery>('/set-password/:token'),
  passwordSet: path('/password-set'),
  createAdministrator: path('/create-administrator/:token'),
  confirmEmail: path<'/confirm-email/:token', LanguageQuery>('/confirm-email/:token'),
  emailConfirmed: path('/email-confirmed'),

  // ---- The reader's account --------------------------------------------------------------------------
  account: path('/account'),
  accountPassword: path('/account/password'),
  accountLanguage: path('/account/language'),
  twoFactorSetUp: path('/account/two-factor/set-up'),
  recoveryCodes: path('/account/two-factor/recovery-codes'),

  // ---- Role grants waiting for confirmation, the audit log -------------------------------------------
  roleGrants: path('/role-grants'),
  roleGrant: path('/role-grants/:grantId'),
  audit: path<'/audit', AuditQuery>('/audit'),

  // ---- Administration --------------------------------------------------------------------------------
  admin: path('/admin'),
  boards: path('/admin/boards'),
  newBoard: path('/admin/boards/new'),
  newBoardStep: path<'/admin/boards/new/:step', ReturnQuery>('/admin/boards/new/:step'),
  board: path('/admin/boards/:boardId'),
  boardEdit: path('/admin/boards/:boardId/edit'),
  agencies: path<'/admin/agencies', AdminListQuery>('/admin/agencies'),
  newAgency: path('/admin/agencies/new'),
  newAgencyStep: path<'/admin/agencies/new/:step', ReturnQuery>('/admin/agencies/new/:step'),
  agency: path('/admin/agencies/:agencyId'),
  agencyEdit: path('/admin/agencies/:agencyId/edit'),
  agencyDeactivate: path('/admin/agencies/:agencyId/deactivate'),
  agencyReactivate: path('/admin/agencies/:agencyId/reactivate'),
  people: path<'/admin/people', AdminListQuery>('/admin/people'),
  newPerson: path('/admin/people/new'),
  newPersonStep: path<'/admin/people/new/:step', ReturnQuery>('/admin/people/new/:step'),
  person: path('/admin/people/:personId'),
  personEdit: path('/admin/people/:personId/edit'),
  personDeactivate: path('/admin/people/:personId/deactivate'),
  personReactivate: path('/admin/people/:personId/reactivate'),
  personEmailChangeCancel: path('/admin/people/:personId/email-change/cancel'),
  personInvite: path('/admin/people/:personId/invite'),
  personInvitationRevoke: path('/admin/people/:personId/invitations/:linkId/revoke'),
  personRoleNew: path('/admin/people/:personId/roles/new'),
  personRoleEnd: path('/admin/people/:personId/roles/:assignmentId/end'),
  jobs: path<'/admin/jobs', JobsQuery>('/admin/jobs'),
  jobRetry: path('/admin/jobs/:jobId/retry'),
  fileStorage: path('/admin/file-storage'),
  fileStorageFile: path('/admin/file-storage/files/:fileId'),
  fileStorageFileDelete: path('/admin/file-storage/files/:fileId/delete'),

  // ---- A board's pages -------------------------------------------------------------------------------
  boardDashboard: path<'/boards/:boardId', DashboardQuery>('/boards/:boardId'),
  boardSettings: path('/boards/:boardId/settings'),
  meetings: path('/boards/:boardId/meetings'),
  newMeeting: path('/boards/:boardId/meetings/new'),
  meeting: path('/boards/:boardId/meetings/:meetingId'),
  meetingAgenda: path('/boards/:boardId/meetings/:meetingId/agenda'),
  meetingAttendance: path('/boards/:boardId/meetings/:meetingId/attendance'),
  /** The board's own meetings (issue 12): the list, the new meeting form, a meeting and its forms. */
  boardMeetings: path('/boards/:boardId/board-meetings'),
  newBoardMeeting: path('/boards/:boardId/board-meetings/new'),
  boardMeeting: path('/boards/:boardId/board-meetings/:boardMeetingId'),
  boardMeetingAgenda: path('/boards/:boardId/board-meetings/:boardMeetingId/agenda'),
  boardMeetingAttendance: path('/boards/:boardId/board-meetings/:boardMeetingId/attendance'),
  boardMeetingMinutes: path('/boards/:boardId/board-meetings/:boardMeetingId/minutes'),
  boardMeetingCancel: path('/boards/:boardId/board-meetings/:boardMeetingId/cancel'),
  // The board's progress report on its action plans (page, and as docx, pdf or xlsx) and the partner view (issue 12 items 5 and 6).
  actionReport: path<'/boards/:boardId/action-report', ActionReportQuery>('/boards/:boardId/action-report'),
  actionReportFile: path<'/boards/:boardId/action-report.:format', ActionReportQuery & LanguageQuery>('/boards/:boardId/action-report.:format'),
  partnerActions: path<'/boards/:boardId/agencies/:agencyId/actions', PageQuery>('/boards/:boardId/agencies/:agencyId/actions'),

  // ---- Running a review ------------------------------------------------------------------------------
  reviews: path<'/boards/:boardId/reviews', ReviewsQuery>('/boards/:boardId/reviews'),
  review: path('/boards/:boardId/reviews/:reviewId'),
  reviewMove: path('/boards/:boardId/reviews/:reviewId/move'),
  // Milestones and panel meetings of a review
  reviewMilestones: path('/boards/:boardId/reviews/:reviewId/milestones'),
  reviewMilestone: path('/boards/:boardId/reviews/:reviewId/milestones/:milestoneId'),
  newPanelMeeting: path('/boards/:boardId/reviews/:reviewId/panel-meetings/new'),
  panelMeeting: path('/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId'),
  panelMeetingHeld: path('/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/held'),
  panelMeetingMinutes: path('/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/minutes'),
  changePanelMeeting: path('/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/change'),
  cancelPanelMeeting: path('/boards/:boardId/reviews/:reviewId/panel-meetings/:panelMeetingId/cancel'),
  /** The review's document library: its documents (and the form adding one), a document, a version's file. */
  reviewLibrary: path('/boards/:boardId/reviews/:reviewId/documents'),
  reviewLibraryDocument: path('/boards/:boardId/reviews/:reviewId/documents/:documentId'),
  reviewLibraryVersion: path('/boards/:boardId/reviews/:reviewId/documents/:documentId/versions/:version'),
  /** Early learning: the lessons and immediate actions recorded on the review, and the form recording one. */
  reviewEarlyLearning: path('/boards/:boardId/reviews/:reviewId/early-learning'),
  /** Family involvement: the review's people, consent and language, what they were told and when, meetings; and the forms recording each. */
  reviewFamily: path('/boards/:boardId/reviews/:reviewId/family'),
  reviewFamilyPerson: path('/boards/:boardId/reviews/:reviewId/family/people'),
  reviewFamilyConsent: path<'/boards/:boardId/reviews/:reviewId/family/consent', { person?: string }>('/boards/:boardId/reviews/:reviewId/family/consent'),
  reviewFamilyContact: path<'/boards/:boardId/reviews/:reviewId/family/contacts', { person?: string }>('/boards/:boardId/reviews/:reviewId/family/contacts'),
  reviewFamilyMeeting: path('/boards/:boardId/reviews/:reviewId/family/meetings'),
  reviewDictionary: path('/boards/:boardId/reviews/:reviewId/dictionary'),
  reviewDictionaryNew: path('/boards/:boardId/reviews/:reviewId/dictionary/new'),
  reviewDictionaryBuild: path('/boards/:boardId/reviews/:reviewId/dictionary/build'),
  reviewDictionaryEntry: path('/boards/:boardId/reviews/:reviewId/dictionary/:termId'),
  reviewDictionaryRemove: path('/boards/:boardId/reviews/:reviewId/dictionary/:termId/remove'),
  /**
   * The review's executive summary (issue 13 item 3): both languages, a language version's section, approving it, a
   * version with its changes and an approved version's document ('docx' or 'pdf', in the version's language), and
   * the translation request's form and a request's status.
   */
  summary: path('/boards/:boardId/reviews/:reviewId/summary'),
  summarySection: path('/boards/:boardId/reviews/:reviewId/summary/:language/sections/:summarySection'),
  summaryApprove: path('/boards/:boardId/reviews/:reviewId/summary/:language/approve'),
  summaryVersion: path('/boards/:boardId/reviews/:reviewId/summary/:language/versions/:version'),
  summaryVersionFile: path('/boards/:boardId/reviews/:reviewId/summary/:language/versions/:version/document.:format'),
  summaryTranslation: path('/boards/:boardId/reviews/:reviewId/summary/translation'),
  summaryTranslationStatus: path('/boards/:boardId/reviews/:reviewId/summary/translation/:translationId'),
  /** The anonymisation check (issue 13 item 2): the review's documents and their checks, a scan, a check and its forms. */
  reviewAnonymisation: path('/boards/:boardId/reviews/:reviewId/anonymisation'),
  reviewAnonymisationScan: path('/boards/:boardId/reviews/:reviewId/anonymisation/scan'),
  anonymisationCheck: path('/boards/:boardId/reviews/:reviewId/anonymisation/:checkId'),
  anonymisationFinding: path('/boards/:boardId/reviews/:reviewId/anonymisation/:checkId/findings/:findingId'),
  anonymisationChecklist: path('/boards/:boardId/reviews/:reviewId/anonymisation/:checkId/checklist'),
  anonymisationApprove: path('/boards/:boardId/reviews/:reviewId/anonymisation/:checkId/approve'),
  /** The review's publication (issue 13 item 4): the decision and its gates, and the forms recording each part. */
  reviewPublication: path('/boards/:boardId/reviews/:reviewId/publication'),
  reviewPublicationDecision: path('/boards/:boardId/reviews/:reviewId/publication/decision'),
  reviewPublicationWelfare: path('/boards/:boardId/reviews/:reviewId/publication/welfare-check'),
  reviewPublicationHold: path('/boards/:boardId/reviews/:reviewId/publication/hold'),
  reviewPublicationHoldEnd: path('/boards/:boardId/reviews/:reviewId/publication/hold/end'),
  reviewPublicationOverride: path('/boards/:boardId/reviews/:reviewId/publication/override'),
  reviewPublicationApprove: path('/boards/:boardId/reviews/:reviewId/publication/approve'),
  /** The submission packet (issue 13 item 6): the packets and sendings, making one, a packet's zip, recording a sending. */
  reviewSubmission: path('/boards/:boardId/reviews/:reviewId/submission'),
  reviewSubmissionMake: path('/boards/:boardId/reviews/:reviewId/submission/packets'),
  reviewSubmissionPacket: path('/boards/:boardId/reviews/:reviewId/submission/packets/:packetId/packet.zip'),
  reviewSubmissionSending: path('/boards/:boardId/reviews/:reviewId/submission/sendings'),
  /** The practitioners' learning event (CPR, SUSR): the page, planning one, and each event's forms. */
  reviewLearningEvent: path('/boards/:boardId/reviews/:reviewId/learning-event'),
  newLearningEvent: path('/boards/:boardId/reviews/:reviewId/learning-event/new'),
  learningEvent: path('/boards/:boardId/reviews/:reviewId/learning-event/:eventId'),
  learningEventStatus: path('/boards/:boardId/reviews/:reviewId/learning-event/:eventId/status'),
  learningEventInvite: path('/boards/:boardId/reviews/:reviewId/learning-event/:eventId/invite'),
  learningEventAttendance: path('/boards/:boardId/reviews/:reviewId/learning-event/:eventId/attendance'),
  learningEventNotes: path('/boards/:boardId/reviews/:reviewId/learning-event/:eventId/notes'),
  learningEventLearning: path('/boards/:boardId/reviews/:reviewId/learning-event/:eventId/learning'),
  /** Recording a notification the review's framework requires (requirement: its code, e.g. welsh_government). */
  reviewNotification: path('/boards/:boardId/reviews/:reviewId/notifications/:requirement'),
  /** A recorded notification's letter as a file: format 'docx' or 'pdf'. */
  reviewNotificationLetterFile: path('/boards/:boardId/reviews/:reviewId/notification-letters/:notificationId/letter.:format'),
  reviewLinkReferral: path('/boards/:boardId/reviews/:reviewId/referrals/link'),
  reviewUnlinkReferral: path('/boards/:boardId/reviews/:reviewId/referrals/:referralId/unlink'),
  reviewJoint: path('/boards/:boardId/reviews/:reviewId/joint-review'),
  reviewNewProceeding: path('/boards/:boardId/reviews/:reviewId/proceedings/new'),
  reviewProceeding: path('/boards/:boardId/reviews/:reviewId/proceedings/:proceedingId'),

  // ---- The panel of a review and the register of independent chairs and reviewers --------------------
  register: path<'/boards/:boardId/register', RegisterQuery>('/boards/:boardId/register'),
  registerNew: path('/boards/:boardId/register/new'),
  registerEntry: path('/boards/:boardId/register/:entryId'),
  registerEngagements: path('/boards/:boardId/register/:entryId/engagements'),
  panel: path<'/boards/:boardId/reviews/:reviewId/panel', RegisterQuery>('/boards/:boardId/reviews/:reviewId/panel'),
  panelMembers: path('/boards/:boardId/reviews/:reviewId/panel/members'),
  panelMemberEnd: path('/boards/:boardId/reviews/:reviewId/panel/members/:assignmentId/end'),
  panelNominations: path('/boards/:boardId/reviews/:reviewId/panel/nominations'),
  panelDeclarationLink: path('/boards/:boardId/reviews/:reviewId/panel/nominations/:nominationId/declaration-link'),
  panelAppoint: path('/boards/:boardId/reviews/:reviewId/panel/nominations/:nominationId/appoint'),
  panelEnd: path('/boards/:boardId/reviews/:reviewId/panel/nominations/:nominationId/end'),
  /** A candidate's independence declaration: the emailed link is the credential. */
  declaration: path<'/declarations/:token', LanguageQuery>('/declarations/:token'),
  // A review's terms of reference: the latest version with its sections, a section's page, approving, a version
  // with its changes, and an approved version's document ('docx' or 'pdf').
  terms: path('/boards/:boardId/reviews/:reviewId/terms-of-reference'),
  termsSection: path('/boards/:boardId/reviews/:reviewId/terms-of-reference/sections/:section'),
  termsApprove: path('/boards/:boardId/reviews/:reviewId/terms-of-reference/approve'),
  termsVersion: path('/boards/:boardId/reviews/:reviewId/terms-of-reference/versions/:version'),
  termsVersionFile: path('/boards/:boardId/reviews/:reviewId/terms-of-reference/versions/:version/document.:format'),
  // A review's report (overview report and executive summary, or the reviewers' report): the latest version with
  // its sections, status, comments, QA and acceptance; a section's page; submitting, commenting, resolving a
  // comment, QA sign-off, board acceptance; a version with its changes and as a document ('docx' or 'pdf', in
  // the reader's language unless ?lang= says); the review recommendations.
  report: path('/boards/:boardId/reviews/:reviewId/report'),
  reportSection: path('/boards/:boardId/reviews/:reviewId/report/sections/:reportSection'),
  reportSubmit: path('/boards/:boardId/reviews/:reviewId/report/submit'),
  reportComments: path('/boards/:boardId/reviews/:reviewId/report/comments'),
  reportCommentResolve: path('/boards/:boardId/reviews/:reviewId/report/comments/:commentId/resolve'),
  reportQa: path('/boards/:boardId/reviews/:reviewId/report/qa'),
  reportAccept: path('/boards/:boardId/reviews/:reviewId/report/accept'),
  reportVersion: path('/boards/:boardId/reviews/:reviewId/report/versions/:version'),
  reportVersionFile: path<'/boards/:boardId/reviews/:reviewId/report/versions/:version/document.:format', LanguageQuery>(
    '/boards/:boardId/reviews/:reviewId/report/versions/:version/document.:format',
  ),
  reviewRecommendationNew: path('/boards/:boardId/reviews/:reviewId/report/review-recommendations/new'),
  reviewRecommendation: path('/boards/:boardId/reviews/:reviewId/report/review-recommendations/:recommendationId'),

  // ---- The action plan (issue 12): a review's plan, its actions, an owner's actions across reviews ----------
  actionPlan: path('/boards/:boardId/reviews/:reviewId/action-plan'),
  actionPlanRecommendationNew: path('/boards/:boardId/reviews/:reviewId/action-plan/recommendations/new'),
  actionPlanActionNew: path('/boards/:boardId/reviews/:reviewId/action-plan/recommendations/:recommendationId/actions/new'),
  actionPlanAccept: path('/boards/:boardId/reviews/:reviewId/action-plan/accept'),
  actionPlanClosure: path('/boards/:boardId/reviews/:reviewId/action-plan/closure'),
  /** The plan as a spreadsheet (xlsx, the reader's language) and the business unit's import of an agency's sheet (issue 12 item 8). */
  actionPlanSpreadsheet: path('/boards/:boardId/reviews/:reviewId/action-plan/spreadsheet'),
  actionPlanImport: path('/boards/:boardId/reviews/:reviewId/action-plan/import'),
  action: path('/boards/:boardId/reviews/:reviewId/actions/:actionId'),
  actionUpdate: path('/boards/:boardId/reviews/:reviewId/actions/:actionId/update'),
  actionComplete: path('/boards/:boardId/reviews/:reviewId/actions/:actionId/complete'),
  actionVerify: path('/boards/:boardId/reviews/:reviewId/actions/:actionId/verify'),
  actionDecision: path('/boards/:boardId/reviews/:reviewId/actions/:actionId/board-decision'),
  actionTarget: path('/boards/:boardId/reviews/:reviewId/actions/:actionId/target'),
  actionRag: path('/boards/:boardId/reviews/:reviewId/actions/:actionId/rag'),
  actionEvidence: path('/boards/:boardId/reviews/:reviewId/actions/:actionId/evidence/:evidenceFileId'),
  myActions: path<'/actions', PageQuery>('/actions'),
  // Reminders and the escalation ladder (issue 12 item 4): the board's ladder, a review's and an action's challenge
  // log, recording a partner's response and the outcome, the board chair's letter.
  actionLadder: path('/boards/:boardId/action-ladder'),
  actionChallenges: path('/boards/:boardId/reviews/:reviewId/challenges'),
  actionChallengesOfAction: path('/boards/:boardId/reviews/:reviewId/actions/:actionId/challenges'),
  actionChallengeResponse: path('/boards/:boardId/reviews/:reviewId/challenges/:challengeId/response'),
  actionChallengeLetter: path<'/boards/:boardId/reviews/:reviewId/challenges/:challengeId/letter.:format', LanguageQuery>(
    '/boards/:boardId/reviews/:reviewId/challenges/:challengeId/letter.:format',
  ),

  // ---- Agency contributions to a review (IMRs, timelines), and agencies' contacts ---------------------
  myContributions: path('/contributions'),
  contributionRequestNew: path('/boards/:boardId/reviews/:reviewId/contributions/new'),
  contribution: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId'),
  contributionDeclare: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/declaration'),
  contributionDraft: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/draft'),
  contributionSubmit: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/submit'),
  contributionSignOff: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/sign-off'),
  contributionWaive: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/waive'),
  contributionAttachments: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/attachments'),
  contributionAttachment: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/attachments/:fileId'),
  agencyContacts: path('/boards/:boardId/agencies/:agencyId/contacts'),

  // ---- The chronology (issue 11): each agency's own, the merged one, its picture and exports ----------
  agencyChronology: path<'/boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology', PageQuery>(
    '/boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology',
  ),
  chronologyEntryNew: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/entries/new'),
  chronologyEntry: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/entries/:chronologyEntryId'),
  chronologyEntryRemove: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/entries/:chronologyEntryId/remove'),
  chronologyShare: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/share'),
  chronologyImport: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/import'),
  chronologyImportStatus: path('/boards/:boardId/reviews/:reviewId/contributions/:requestId/chronology/imports/:importId'),
  chronologyTemplate: path<'/boards/:boardId/chronology-template.:format', LanguageQuery>('/boards/:boardId/chronology-template.:format'),
  reviewChronology: path<'/boards/:boardId/reviews/:reviewId/chronology', ChronologyQuery>('/boards/:boardId/reviews/:reviewId/chronology'),
  reviewChronologyTimeline: path<'/boards/:boardId/reviews/:reviewId/chronology/timeline', ChronologyQuery & { summary?: 'yes' }>(
    '/boards/:boardId/reviews/:reviewId/chronology/timeline',
  ),
  /** The merged chronology (or the summary timeline) as a file: format 'xlsx' or 'docx'. */
  reviewChronologyExport: path<'/boards/:boardId/reviews/:reviewId/chronology/export.:format', ChronologyQuery & { summary?: 'yes' }>(
    '/boards/:boardId/reviews/:reviewId/chronology/export.:format',
  ),
  reviewChronologyKeyEvent: path('/boards/:boardId/reviews/:reviewId/chronology/entries/:chronologyEntryId/key'),
  agencyContactRemove: path('/boards/:boardId/agencies/:agencyId/contacts/:contactId/remove'),

  // ---- Recording a referral (a question page per step; "add another" lists of periods, family, proceedings)
  newReferral: path('/boards/:boardId/referrals/new'),
  newReferralStep: path<'/boards/:boardId/referrals/new/:step', ReturnQuery>('/boards/:boardId/referrals/new/:step'),
  newReferralListAdd: path<'/boards/:boardId/referrals/new/:list/add', ReturnQuery>('/boards/:boardId/referrals/new/:list/add'),
  newReferralListItem: path<'/boards/:boardId/referrals/new/:list/:index', ReturnQuery>('/boards/:boardId/referrals/new/:list/:index'),
  newReferralListItemRemove: path<'/boards/:boardId/referrals/new/:list/:index/remove', ReturnQuery>('/boards/:boardId/referrals/new/:list/:index/remove'),
  newReferralCheckAnswers: path('/boards/:boardId/referrals/new/check-answers'),
  newReferralRecorded: path('/boards/:boardId/referrals/new/recorded'),

  // ---- A referral and its consideration --------------------------------------------------------------
  referral: path('/boards/:boardId/referrals/:referralId'),
  consideration: path('/boards/:boardId/referrals/:referralId/consideration'),
  criteria: path('/boards/:boardId/referrals/:referralId/criteria'),
  nationalPanelNotification: path('/boards/:boardId/referrals/:referralId/national-panel-notification'),
  recommendation: path('/boards/:boardId/referrals/:referralId/recommendation'),
  recommendationType: path('/boards/:boardId/referrals/:referralId/recommendation/type'),
  recommendationCheck: path('/boards/:boardId/referrals/:referralId/recommendation/check'),
  decision: path('/boards/:boardId/referrals/:referralId/decision'),
  decisionRoute: path('/boards/:boardId/referrals/:referralId/decision/route'),
  decisionType: path('/boards/:boardId/referrals/:referralId/decision/type'),
  decisionCheck: path('/boards/:boardId/referrals/:referralId/decision/check'),
  decisionRecorded: path('/boards/:boardId/referrals/:referralId/decision/recorded'),
  decisionLetter: path('/boards/:boardId/referrals/:referralId/decision-letter'),
  /** The letter as a file: format 'docx' or 'pdf'. */
  decisionLetterFile: path('/boards/:boardId/referrals/:referralId/decision-letter.:format'),

  // ---- The JSON API (Location headers and links) -----------------------------------------------------
  apiReferral: path(`${API_PREFIX}/referrals/:referralId`),
  apiFileContent: path(`${API_PREFIX}/file-storage/files/:fileId/content`),
  apiReviewLibraryDocument: path(`${API_PREFIX}/boards/:boardId/reviews/:reviewId/documents/:documentId`),
} as const;
