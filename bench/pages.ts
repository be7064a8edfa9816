// The pages and operations the benchmark measures, and for each the service calls its handler makes
// (the database limit). Pages whose routes do not exist yet answer 404 and are reported as not measured;
// add each later page here as its issue lands.
import type { Services } from '../src/container.ts';
import type { Caller } from '../src/services/context.ts';
import { urls } from '../src/urls.ts';
import { PUBLISHED_PAGES } from './published-pages.ts';

export type Who = 'public' | 'user' | 'admin' | 'owner';

/** What the benchmark knows about the data: the bench user's board and some of its referrals. */
export interface BenchTargets {
  boardId: string;
  referralIds: string[];
  /** Referrals of the board with a decision (for the consideration page and the decision letter). */
  decidedReferralIds: string[];
  /** Management group meetings of the board. */
  meetingIds: string[];
  /** Reviews of the board (the reviews list and a review's page). */
  reviewIds: string[];
  benchUserId: string;
  adminId: string;
  /** The lead officer who owns a share of the board's actions (the generator's bench owner). */
  benchOwnerId: string;
  /**
   * The board's review with the most chronology entries (the generator's big review: 100,000 at national scale)
   * and one of its agencies' requests; null when the data has no chronology.
   */
  chronology: { reviewId: string; requestId: string; entries: number; from: string; to: string } | null;
  /** The board's reviews with the most actions on their plans, an action of each, and how many they have. */
  actionPlans: { reviewId: string; actionId: string; actions: number }[];
  /** The agency leading the most of the board's actions (the partner view), or null when the data has none. */
  actionAgencyId: string | null;
  /** Public ids of released reviews, newest first (none when the data has no release). */
  publishedIds: string[];
}

/** The merged chronology's middle page at the big review's size (50 entries a page). */
const middlePage = (t: BenchTargets) => Math.max(1, Math.ceil((t.chronology?.entries ?? 0) / 50 / 2));
const chronologyOf = (t: BenchTargets) => t.chronology ?? { reviewId: '', requestId: '', entries: 0, from: '', to: '' };

export interface PageDef {
  id: string;
  title: string;
  who: Who;
  method: 'GET' | 'POST';
  /** Paths to request in turn (a list rotates, e.g. over referrals, so no one record's history grows). */
  paths: (t: BenchTargets) => string[];
  /** Form fields for a POST (the CSRF token is added). */
  form?: Record<string, string>;
  /** The service calls the handler makes, for the database limit (session and actor loading are added). */
  queries?: (s: Services, caller: Caller, t: BenchTargets, i: number) => Promise<unknown>;
  /** Not a rendered page: no render limit. */
  noRender?: boolean;
}

export const PAGES: readonly PageDef[] = [
  {
    id: 'health',
    title: 'GET /health (JSON, no session)',
    who: 'public',
    method: 'GET',
    paths: () => ['/health'],
    queries: async (s) => {
      await s.health.ping();
      return s.health.migrationsCurrent();
    },
    noRender: true,
  },
  {
    id: 'home',
    title: 'Home (boards of the signed-in person)',
    who: 'user',
    method: 'GET',
    paths: () => ['/'],
    queries: (s, caller) => s.organisation.listBoards(caller),
  },
  {
    id: 'dashboard',
    title: 'Board dashboard',
    who: 'user',
    method: 'GET',
    paths: (t) => [`/boards/${t.boardId}`],
    queries: (s, caller, t) => s.consideration.dashboard(caller, t.boardId, {}),
  },
  {
    id: 'referral',
    title: 'Referral page (audited read, possible duplicates, timeline)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.referralIds.map((id) => `/boards/${t.boardId}/referrals/${id}`),
    queries: async (s, caller, t, i) => {
      const id = t.referralIds[i % t.referralIds.length] ?? '';
      const { referral } = await s.referrals.page(caller, t.boardId, id);
      return s.organisation.findAgencies(caller, [...(referral.referringAgencyId ? [referral.referringAgencyId] : []), ...referral.agencyIds]);
    },
  },
  {
    id: 'dashboard-filtered',
    title: 'Board dashboard, filtered (two statuses, one incident type) and sorted by due date',
    who: 'user',
    method: 'GET',
    paths: (t) => [`/boards/${t.boardId}?status=referred&status=under_consideration&incidentType=death&sort=due`],
    queries: (s, caller, t) =>
      s.consideration.dashboard(caller, t.boardId, {
        statuses: ['referred', 'under_consideration'],
        incidentTypes: ['death'],
        sort: 'due',
        page: 1,
        pageSize: 50,
      }),
  },
  {
    id: 'consideration',
    title: 'Consideration of a decided referral (audited read: criteria, recommendation, decision)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.decidedReferralIds.map((id) => `/boards/${t.boardId}/referrals/${id}/consideration`),
    queries: async (s, caller, t, i) => {
      const id = t.decidedReferralIds[i % t.decidedReferralIds.length] ?? '';
      await s.consideration.frameworkFor(caller, id);
      return s.consideration.viewConsideration(caller, id);
    },
  },
  {
    id: 'meetings',
    title: 'Management group meetings of the board',
    who: 'user',
    method: 'GET',
    paths: (t) => [`/boards/${t.boardId}/meetings`],
    queries: async (s, caller, t) => {
      await s.organisation.getBoard(caller, t.boardId);
      return s.consideration.meetings(caller, t.boardId);
    },
  },
  {
    id: 'meeting',
    title: 'A meeting: agenda and attendance',
    who: 'user',
    method: 'GET',
    paths: (t) => t.meetingIds.map((id) => `/boards/${t.boardId}/meetings/${id}`),
    queries: async (s, caller, t, i) => {
      await s.organisation.getBoard(caller, t.boardId);
      return s.consideration.meetingDetail(caller, t.meetingIds[i % t.meetingIds.length] ?? '');
    },
  },
  {
    id: 'agenda',
    title: 'Add referrals to a meeting: the undecided referrals not yet on its agenda',
    who: 'user',
    method: 'GET',
    paths: (t) => t.meetingIds.slice(0, 20).map((id) => `/boards/${t.boardId}/meetings/${id}/agenda`),
    queries: async (s, caller, t, i) => {
      await s.organisation.getBoard(caller, t.boardId);
      const meetingId = t.meetingIds[i % Math.min(20, t.meetingIds.length)] ?? '';
      await s.consideration.meeting(caller, meetingId);
      return s.consideration.agendaCandidates(caller, meetingId);
    },
  },
  {
    id: 'decision-letter-pdf',
    title: 'Decision letter as a tagged PDF (audited download)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.decidedReferralIds.slice(0, 20).map((id) => `/boards/${t.boardId}/referrals/${id}/decision-letter.pdf`),
    queries: async (s, caller, t, i) => {
      const id = t.decidedReferralIds[i % Math.min(20, t.decidedReferralIds.length)] ?? '';
      await s.consideration.frameworkFor(caller, id);
      await s.consideration.considerationOf(caller, id);
      return s.documents.download(caller, 'decision_letter', id, 'en', 'pdf');
    },
    noRender: true,
  },
  {
    id: 'people-filtered',
    title: 'People list, filtered by board and name (admin)',
    who: 'admin',
    method: 'GET',
    paths: (t) => [`/admin/people?boardId=${t.boardId}&q=jones`],
    queries: async (s, caller, t) => {
      await s.organisation.listBoardNamesWhere(caller, 'person.manage');
      const { people } = await s.people.list(caller, {
        text: 'jones',
        boardId: t.boardId,
        page: 1,
        pageSize: 25,
        includeDeactivated: true,
        permission: 'person.manage',
      });
      return s.organisation.findAgencies(
        caller,
        people.flatMap((p) => (p.agencyId ? [p.agencyId] : [])),
      );
    },
  },
  {
    id: 'agencies-filtered',
    title: 'Agencies list, filtered by board and sector (admin)',
    who: 'admin',
    method: 'GET',
    paths: (t) => [`/admin/agencies?boardId=${t.boardId}&sector=health`],
    queries: async (s, caller, t) => {
      await s.organisation.listBoardNamesWhere(caller, 'agency.manage');
      return s.organisation.pageAgenciesWhere(caller, 'agency.manage', { boardId: t.boardId, sector: 'health', page: 1, pageSize: 50 });
    },
  },
  {
    id: 'agencies-all',
    title: 'Agencies list, no filter: first page of all 3,000 (admin)',
    who: 'admin',
    method: 'GET',
    paths: () => ['/admin/agencies'],
    queries: async (s, caller) => {
      await s.organisation.listBoardNamesWhere(caller, 'agency.manage');
      return s.organisation.pageAgenciesWhere(caller, 'agency.manage', { page: 1, pageSize: 50 });
    },
  },
  {
    id: 'audit',
    title: 'Audit log, newest 50, filtered by board (admin)',
    who: 'admin',
    method: 'GET',
    paths: (t) => [`/audit?boardId=${t.boardId}`],
    queries: async (s, caller, t) => {
      await s.audit.actions();
      await s.organisation.listBoardNamesWhere(caller, 'audit.view');
      await s.organisation.listBoardNames(caller);
      if (!caller.actor) return;
      return s.audit.searchPage(caller.actor, { boardId: t.boardId, pageSize: 50 });
    },
  },
  {
    id: 'jobs',
    title: 'Background jobs: the failed ones, and the recurring jobs (deployment administrator)',
    who: 'admin',
    method: 'GET',
    paths: () => ['/admin/jobs'],
    queries: async (s, caller) => {
      await s.jobs.list(caller, { state: 'dead', page: 1, pageSize: 25, lastPageIfBeyond: true });
      return s.jobs.scheduleList(caller);
    },
  },
  {
    id: 'role-grants',
    title: 'Role confirmations: the grants waiting on the board (information governance)',
    who: 'user',
    method: 'GET',
    paths: () => ['/role-grants'],
    queries: async (s, caller) => s.roles.waitingGrants(caller),
  },
  {
    id: 'language-post',
    title: 'POST /account/language (form: CSRF, write and audit, redirect)',
    who: 'user',
    method: 'POST',
    paths: () => ['/account/language'],
    form: { language: 'en' },
    queries: (s, caller, t) => s.identity.setLanguage(caller, t.benchUserId, 'en'),
    noRender: true,
  },
  {
    id: 'reviews',
    title: 'Reviews list (clocks with holds, audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => [urls.reviews(t.boardId)],
    queries: (s, caller, t) => s.reviews.list(caller, t.boardId, { page: 1, pageSize: 50 }),
  },
  {
    id: 'board-meetings',
    title: 'Board meetings list (upcoming and past, agenda counts)',
    who: 'user',
    method: 'GET',
    paths: (t) => [urls.boardMeetings(t.boardId)],
    queries: (s, caller, t) => s.boardMeetings.list(caller, t.boardId),
  },
  {
    id: 'action-report',
    title: 'Board progress report on action plans (grouped counts by review, agency, status and RAG; charts and tables; audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => [urls.actionReport(t.boardId)],
    queries: (s, caller, t) => s.progressReports.report(caller, t.boardId, {}, 'en'),
  },
  {
    id: 'action-report-pdf',
    title: 'Board progress report as a tagged PDF (document pipeline: composed, versioned, stored on first download)',
    who: 'user',
    method: 'GET',
    paths: (t) => [urls.actionReportFile(t.boardId, 'pdf')],
    queries: (s, caller, t) => s.progressReports.document(caller, t.boardId, {}, 'en', 'pdf'),
    noRender: true,
  },
  {
    id: 'partner-actions',
    title: 'Partner view: the agency leading the most actions (its actions paged, timeliness and trend grouped; audited read)',
    who: 'user',
    method: 'GET',
    // Without actions in the data: an agency that is not there (404, reported as not measured).
    paths: (t) => [urls.partnerActions(t.boardId, t.actionAgencyId ?? 'none')],
    queries: (s, caller, t) => (t.actionAgencyId ? s.progressReports.partner(caller, t.boardId, t.actionAgencyId, 1, 'en') : Promise.resolve(null)),
  },
  {
    id: 'review',
    title: 'Review page (path, clock, holds, people, timeline, agency contributions, audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.reviewIds.map((id) => urls.review(t.boardId, id)),
    // The page reads the review's workspace and every part's section in one transaction (ReviewPageService).
    queries: (s, caller, t, i) => s.reviewPage.view(caller, t.boardId, t.reviewIds[i % t.reviewIds.length] ?? ''),
  },
  {
    id: 'review-milestones',
    title: 'Review milestones (timeline SVG and table from one plan, panel meetings, audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.reviewIds.map((id) => urls.reviewMilestones(t.boardId, id)),
    queries: async (s, caller, t, i) => {
      const reviewId = t.reviewIds[i % t.reviewIds.length] ?? '';
      await s.milestones.plan(caller, t.boardId, reviewId);
      await s.panelMeetings.list(caller, t.boardId, reviewId);
    },
  },
  {
    id: 'review-panel',
    title: 'A review’s panel (members, nominations, declarations, refusals, candidates from the register, audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.reviewIds.map((id) => urls.panel(t.boardId, id)),
    queries: async (s, caller, t, i) => {
      const reviewId = t.reviewIds[i % t.reviewIds.length] ?? '';
      await s.panel.view(caller, t.boardId, reviewId);
      return s.panel.candidates(caller, t.boardId, reviewId, 'panel_chair', {});
    },
  },
  {
    id: 'review-documents',
    // The generator writes no library documents (their files would need the store's objects): this measures
    // the page's access checks, its query by review and the add form, beside the review page's cost.
    title: 'Review documents (library list, access by part, add form, audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.reviewIds.map((id) => urls.reviewLibrary(t.boardId, id)),
    queries: (s, caller, t, i) => s.library.list(caller, { boardId: t.boardId, reviewId: t.reviewIds[i % t.reviewIds.length] ?? '' }),
  },
  {
    id: 'early-learning',
    title: 'Early learning (lessons and actions with agencies and owners, record form, audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.reviewIds.map((id) => urls.reviewEarlyLearning(t.boardId, id)),
    queries: (s, caller, t, i) => s.earlyLearning.list(caller, { boardId: t.boardId, reviewId: t.reviewIds[i % t.reviewIds.length] ?? '' }),
  },
  {
    id: 'learning-event',
    // The bench's reviews are of every framework: a CPR or SUSR past the event shows it held with its
    // invitations (names opened for the business unit) and learning; an SCR's page says it has none.
    title: 'Learning event (events, facilitators, invitations with sealed names, learning identified, audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.reviewIds.map((id) => urls.reviewLearningEvent(t.boardId, id)),
    queries: (s, caller, t, i) => s.learningEvents.view(caller, { boardId: t.boardId, reviewId: t.reviewIds[i % t.reviewIds.length] ?? '' }),
  },
  {
    id: 'terms',
    title: 'Terms of reference (latest version’s sections, versions, audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.reviewIds.map((id) => urls.terms(t.boardId, id)),
    queries: (s, caller, t, i) => s.terms.overview(caller, t.boardId, t.reviewIds[i % t.reviewIds.length] ?? ''),
  },
  {
    id: 'family',
    title: 'Family involvement (the review’s people listed from its referrals, names opened, consent, told-what-when, contacts, meetings, audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.reviewIds.map((id) => urls.reviewFamily(t.boardId, id)),
    queries: (s, caller, t, i) => s.family.page(caller, { boardId: t.boardId, reviewId: t.reviewIds[i % t.reviewIds.length] ?? '' }),
  },
  {
    id: 'report',
    title: 'Review report (latest version’s sections, versions, comments, review recommendations, R4, audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.reviewIds.map((id) => urls.report(t.boardId, id)),
    queries: (s, caller, t, i) => s.report.overview(caller, t.boardId, t.reviewIds[i % t.reviewIds.length] ?? ''),
  },
  {
    id: 'summary',
    title:
      'Executive summary (both languages’ latest and approved versions, parity check, the plan’s figures from the board’s grouped progress queries, translation requests, audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.reviewIds.map((id) => urls.summary(t.boardId, id)),
    queries: (s, caller, t, i) => s.summary.overview(caller, { boardId: t.boardId, reviewId: t.reviewIds[i % t.reviewIds.length] ?? '' }),
  },
  {
    id: 'publication',
    title:
      'Publication (the board’s decision and every gate: proceedings, family told, the summary’s approvals, each document’s anonymisation check; audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.reviewIds.map((id) => urls.reviewPublication(t.boardId, id)),
    queries: (s, caller, t, i) => s.publication.view(caller, { boardId: t.boardId, reviewId: t.reviewIds[i % t.reviewIds.length] ?? '' }),
  },
  {
    id: 'anonymisation',
    title: 'Anonymisation checks (each publishable document’s current version and its checks with open and accepted findings, audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.reviewIds.map((id) => urls.reviewAnonymisation(t.boardId, id)),
    queries: (s, caller, t, i) => s.anonymisation.list(caller, { boardId: t.boardId, reviewId: t.reviewIds[i % t.reviewIds.length] ?? '' }),
  },
  {
    id: 'chronology-merged',
    title: 'Merged chronology, page 1 (the review with the most entries: 100,000 at national scale; audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => [urls.reviewChronology(t.boardId, chronologyOf(t).reviewId)],
    queries: (s, caller, t) => s.mergedChronology.merged(caller, t.boardId, chronologyOf(t).reviewId, { page: 1 }),
  },
  {
    id: 'chronology-merged-middle',
    title: 'Merged chronology, its middle page (page 1,000 of 2,000 at national scale)',
    who: 'user',
    method: 'GET',
    paths: (t) => [urls.reviewChronology(t.boardId, chronologyOf(t).reviewId, { page: middlePage(t) })],
    queries: (s, caller, t) => s.mergedChronology.merged(caller, t.boardId, chronologyOf(t).reviewId, { page: middlePage(t) }),
  },
  {
    id: 'chronology-merged-filtered',
    title: 'Merged chronology filtered (high significance, home visits and hospital attendances, the middle half of its dates), page 2',
    who: 'user',
    method: 'GET',
    paths: (t) => [
      urls.reviewChronology(t.boardId, chronologyOf(t).reviewId, {
        significance: ['high'],
        type: ['home_visit', 'hospital_attendance'],
        from: chronologyOf(t).from,
        to: chronologyOf(t).to,
        page: 2,
      }),
    ],
    queries: (s, caller, t) =>
      s.mergedChronology.merged(caller, t.boardId, chronologyOf(t).reviewId, {
        significance: ['high'],
        eventTypes: ['home_visit', 'hospital_attendance'],
        from: chronologyOf(t).from,
        to: chronologyOf(t).to,
        page: 2,
      }),
  },
  {
    id: 'chronology-agency',
    title: 'An agency’s chronology, page 1 (one agency of the big review: about 20,000 entries at national scale)',
    who: 'user',
    method: 'GET',
    paths: (t) => [urls.agencyChronology(t.boardId, chronologyOf(t).reviewId, chronologyOf(t).requestId)],
    queries: (s, caller, t) => s.chronology.agency(caller, t.boardId, chronologyOf(t).reviewId, chronologyOf(t).requestId),
  },
  {
    id: 'action-plan',
    title: 'A review’s action plan (the board’s reviews with the most actions: recommendations, actions, RAG, monitoring; audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.actionPlans.map((p) => urls.actionPlan(t.boardId, p.reviewId)),
    queries: (s, caller, t, i) => s.actionPlans.plan(caller, { boardId: t.boardId, reviewId: t.actionPlans[i % t.actionPlans.length]?.reviewId ?? '' }),
  },
  {
    id: 'action',
    title: 'An action (its details, RAG, updates with evidence, revised dates; audited read)',
    who: 'user',
    method: 'GET',
    paths: (t) => t.actionPlans.map((p) => urls.action(t.boardId, p.reviewId, p.actionId)),
    queries: (s, caller, t, i) => {
      const p = t.actionPlans[i % t.actionPlans.length];
      return s.actionProgress.view(caller, { boardId: t.boardId, reviewId: p?.reviewId ?? '' }, p?.actionId ?? '');
    },
  },
  {
    id: 'my-actions',
    title: 'An action owner’s actions across reviews, page 1 (their own and their agency’s; a quarter of the board’s at national scale; audited read)',
    who: 'owner',
    method: 'GET',
    paths: () => [urls.myActions(), urls.myActions({ page: 2 })],
    queries: (s, caller, _t, i) => s.actionProgress.mine(caller, { limit: 50, offset: (i % 2) * 50 }),
  },
  // The public pages of released reviews (issue 13 item 5): bench/published-pages.ts.
  ...PUBLISHED_PAGES,
];
