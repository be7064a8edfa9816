// What each role lets its holder do, for the home page: a sentence per role and links to the pages
// where they do it. A link is shown only when the permission of the page it opens allows it on that
// board (the same check the page's route makes), so the home page never offers a page that refuses.
import type { Actor, Permission } from '../../../domain/permissions.ts';
import { can, isDeploymentAdministrator } from '../../../domain/permissions.ts';
import type { BoardRole, ReviewRole } from '../../../domain/roles.ts';
import { BOARD_ROLES, isBoardRole, REVIEW_ROLES } from '../../../domain/roles.ts';
import { urls } from '../../../urls.ts';

/** A page a role works on: its link text (home:links.<key>), its path and the permission it needs. */
interface Task {
  key: string;
  permission: Permission;
  path: (boardId: string) => string;
}

const task = {
  dashboard: { key: 'dashboard', permission: 'referral.view', path: (boardId) => urls.boardDashboard(boardId) },
  newReferral: { key: 'newReferral', permission: 'referral.create', path: (boardId) => urls.newReferral(boardId) },
  meetings: { key: 'meetings', permission: 'referral.view', path: (boardId) => urls.meetings(boardId) },
  reviews: { key: 'reviews', permission: 'review.view', path: (boardId) => urls.reviews(boardId) },
  roleGrants: { key: 'roleGrants', permission: 'role.confirm', path: () => urls.roleGrants() },
  audit: { key: 'audit', permission: 'audit.view', path: (boardId) => urls.audit({ boardId }) },
  people: { key: 'people', permission: 'person.manage', path: (boardId) => urls.people({ boardId }) },
  agencies: { key: 'agencies', permission: 'agency.manage', path: (boardId) => urls.agencies({ boardId }) },
  board: { key: 'board', permission: 'board.manage', path: (boardId) => urls.board(boardId) },
  boardMeetings: { key: 'boardMeetings', permission: 'board_meeting.view', path: (boardId) => urls.boardMeetings(boardId) },
  actionLadder: { key: 'actionLadder', permission: 'action.manage', path: (boardId) => urls.actionLadder(boardId) },
  actionReport: { key: 'actionReport', permission: 'action.report', path: (boardId) => urls.actionReport(boardId) },
} satisfies Record<string, Task>;

/** Each board role's pages, in the order its holder most often needs them. */
const ROLE_TASKS: Record<BoardRole, readonly Task[]> = {
  administrator: [task.people, task.agencies, task.board, task.audit],
  business_unit: [task.dashboard, task.newReferral, task.meetings, task.reviews, task.boardMeetings, task.actionLadder, task.actionReport],
  board_chair: [task.dashboard, task.reviews, task.roleGrants, task.boardMeetings, task.actionReport],
  board_member: [task.actionReport, task.boardMeetings],
  management_group_member: [task.dashboard, task.meetings],
  management_group_chair: [task.dashboard, task.meetings],
  information_governance: [task.audit, task.roleGrants, task.dashboard, task.reviews, task.actionReport],
  agency_referrer: [task.newReferral],
};

/** The deployment administrator's pages (across every board). */
const DEPLOYMENT_TASKS: readonly { key: string; permission: Permission; href: string }[] = [
  { key: 'boards', permission: 'board.manage', href: urls.boards() },
  { key: 'agencies', permission: 'agency.manage', href: urls.agencies() },
  { key: 'people', permission: 'person.manage', href: urls.people() },
  { key: 'audit', permission: 'audit.view', href: urls.audit() },
];

export interface HomeLink {
  key: string;
  href: string;
}

export interface HomeRole {
  role: BoardRole;
  links: HomeLink[];
}

/** A review the person works on through a review role, and where they do it. */
export interface HomeReview {
  reference: string;
  roles: ReviewRole[];
  /** The review's page (panel and author), or the agency's contributions (an agency's contributor or senior manager). */
  links: HomeLink[];
}

export interface HomeBoard {
  id: string;
  name: string;
  code: string;
  roles: HomeRole[];
  reviews: HomeReview[];
}

export interface HomeView {
  /** The deployment administrator's links; undefined for everyone else. */
  deployment?: { links: HomeLink[]; noBoardsYet: boolean };
  boards: HomeBoard[];
}

/**
 * The home page's content for an actor: the deployment administrator's section, then each board on
 * which the actor holds a board role, with what each role lets them do there. `boards` are the boards
 * the actor may see (every board, for a deployment administrator), already named in the reader's language.
 */
export function homeView(
  actor: Actor,
  boards: readonly { id: string; name: string; code: string }[],
  reviews: readonly { reviewId: string; boardId: string; reference: string; roles: string[] }[] = [],
): HomeView {
  const view: HomeView = { boards: [] };
  if (isDeploymentAdministrator(actor)) {
    view.deployment = {
      links: DEPLOYMENT_TASKS.filter((t) => can(actor, t.permission)).map((t) => ({ key: t.key, href: t.href })),
      noBoardsYet: boards.length === 0,
    };
  }
  for (const board of boards) {
    const roles: HomeRole[] = [];
    for (const grant of actor.grants) {
      if (grant.scope.type !== 'board' || grant.scope.boardId !== board.id || !isBoardRole(grant.role)) continue;
      if (roles.some((r) => r.role === grant.role)) continue;
      const links = ROLE_TASKS[grant.role].filter((t) => can(actor, t.permission, { boardId: board.id })).map((t) => ({ key: t.key, href: t.path(board.id) }));
      roles.push({ role: grant.role, links });
    }
    roles.sort((a, b) => BOARD_ROLES.indexOf(a.role) - BOARD_ROLES.indexOf(b.role));
    const mine = reviews.filter((r) => r.boardId === board.id).map((r) => reviewEntry(actor, r));
    if (roles.length > 0 || mine.length > 0) view.boards.push({ ...board, roles, reviews: mine });
  }
  return view;
}

/** A review role's entry: the review page for the panel and the author; the terms of reference and the agency's contributions for an agency's roles. */
function reviewEntry(actor: Actor, r: { reviewId: string; boardId: string; reference: string; roles: string[] }): HomeReview {
  const roles = REVIEW_ROLES.filter((role) => r.roles.includes(role));
  const links: HomeLink[] = [];
  if (can(actor, 'review.view', { boardId: r.boardId, reviewId: r.reviewId })) links.push({ key: 'review', href: urls.review(r.boardId, r.reviewId) });
  // An agency's people do not see the review itself: its terms of reference, which they contribute to, are theirs to read.
  else if (can(actor, 'review.terms_view', { boardId: r.boardId, reviewId: r.reviewId })) links.push({ key: 'terms', href: urls.terms(r.boardId, r.reviewId) });
  if (roles.some((role) => role === 'agency_contributor' || role === 'agency_senior_manager'))
    links.push({ key: 'contributions', href: urls.myContributions() });
  // An action owner: the review's plan (their agency's actions) and their actions across reviews.
  if (roles.includes('action_owner')) {
    links.push({ key: 'actionPlan', href: urls.actionPlan(r.boardId, r.reviewId) });
    links.push({ key: 'myActions', href: urls.myActions() });
  }
  return { reference: r.reference, roles, links };
}
