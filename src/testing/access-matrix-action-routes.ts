// The access matrix's classification of the action plan's pages (issue 12): the plan, its spreadsheet, reminders
// and the escalation ladder, spread into ROUTES by access-matrix-routes.ts, which says how a route is classified.
import { agencyPartOf, perm, type RouteSpec } from './access-matrix-spec.ts';

export const ACTION_ROUTES: Record<string, RouteSpec> = {
  // The action plan (issue 12): the plan (an action owner sees their agency's part of it), the business unit's
  // recommendations and actions, the board chair's acceptance and closure; an action, its evidence and forms
  // (the owner's updates on their own agency's action; verification; the board's decisions); an owner's list.
  'GET /boards/:boardId/reviews/:reviewId/action-plan': perm({ looser: agencyPartOf('action.view') }),
  'POST /boards/:boardId/reviews/:reviewId/action-plan/accept': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/action-plan/recommendations/new': perm(),
  'POST /boards/:boardId/reviews/:reviewId/action-plan/recommendations/new': perm({ body: () => ({ text: '' }) }),
  'GET /boards/:boardId/reviews/:reviewId/action-plan/recommendations/:recommendationId/actions/new': perm(),
  'POST /boards/:boardId/reviews/:reviewId/action-plan/recommendations/:recommendationId/actions/new': perm({ body: () => ({ action: '' }) }),
  'GET /boards/:boardId/reviews/:reviewId/action-plan/closure': perm(),
  'POST /boards/:boardId/reviews/:reviewId/action-plan/closure': perm({ body: () => ({}) }),
  // The plan as a spreadsheet (its reader's part, as the plan page) and the business unit's import (a body that is not multipart stores nothing).
  'GET /boards/:boardId/reviews/:reviewId/action-plan/spreadsheet': perm({ looser: agencyPartOf('action.view') }),
  'GET /boards/:boardId/reviews/:reviewId/action-plan/import': perm(),
  'POST /boards/:boardId/reviews/:reviewId/action-plan/import': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/actions/:actionId': perm(),
  'GET /boards/:boardId/reviews/:reviewId/actions/:actionId/evidence/:evidenceFileId': perm(),
  'GET /boards/:boardId/reviews/:reviewId/actions/:actionId/update': perm(),
  'POST /boards/:boardId/reviews/:reviewId/actions/:actionId/update': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/actions/:actionId/complete': perm(),
  'POST /boards/:boardId/reviews/:reviewId/actions/:actionId/complete': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/actions/:actionId/verify': perm(),
  'POST /boards/:boardId/reviews/:reviewId/actions/:actionId/verify': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/actions/:actionId/board-decision': perm(),
  'POST /boards/:boardId/reviews/:reviewId/actions/:actionId/board-decision': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/actions/:actionId/target': perm(),
  'POST /boards/:boardId/reviews/:reviewId/actions/:actionId/target': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/actions/:actionId/rag': perm(),
  'POST /boards/:boardId/reviews/:reviewId/actions/:actionId/rag': perm({ body: () => ({}) }),
  'GET /actions': perm(),
  // Reminders and the escalation ladder (issue 12 item 4): the board's ladder (the business unit); a review's and an
  // action's challenge log (an action owner reads their agency's part); the response form and the chair's letter.
  'GET /boards/:boardId/action-ladder': perm(),
  'POST /boards/:boardId/action-ladder': perm({ body: () => ({ reminderDays: 'x' }) }),
  'GET /boards/:boardId/reviews/:reviewId/challenges': perm({ looser: agencyPartOf('action.view') }),
  'GET /boards/:boardId/reviews/:reviewId/actions/:actionId/challenges': perm(),
  'GET /boards/:boardId/reviews/:reviewId/challenges/:challengeId/response': perm(),
  'POST /boards/:boardId/reviews/:reviewId/challenges/:challengeId/response': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/challenges/:challengeId/letter.docx': perm(),
  'GET /boards/:boardId/reviews/:reviewId/challenges/:challengeId/letter.pdf': perm(),
  'GET /boards/:boardId/reviews/:reviewId/family': perm(),
  'GET /boards/:boardId/reviews/:reviewId/family/people': perm(),
  'POST /boards/:boardId/reviews/:reviewId/family/people': perm({ body: () => ({ relationship: '' }) }),
  'GET /boards/:boardId/reviews/:reviewId/family/consent': perm(),
  'POST /boards/:boardId/reviews/:reviewId/family/consent': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/family/contacts': perm(),
  'POST /boards/:boardId/reviews/:reviewId/family/contacts': perm({ body: () => ({}) }),
  'GET /boards/:boardId/reviews/:reviewId/family/meetings': perm(),
  'POST /boards/:boardId/reviews/:reviewId/family/meetings': perm({ body: () => ({}) }),
};
