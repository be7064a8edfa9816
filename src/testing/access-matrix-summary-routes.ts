// The access matrix's classification of the executive summary's routes (issue 13 item 3), pages and API, spread
// into ROUTES by access-matrix-routes.ts. The world's reviews have no summary yet: a version (and its document)
// and a translation request are not found for those allowed; changing routes are sent bodies refused after the
// access checks (a revision never read: a conflict; an empty translator: invalid).
import { perm, type RouteSpec } from './access-matrix-spec.ts';

/** The world's reviews have no summary version and no translation request: allowed, the answer is 404. */
const NO_VERSION = { version: ['version 1'] };
const NO_REQUEST = { translationId: ['translation request'] };
const NEVER_READ = 'a revision never read is a conflict';

export const SUMMARY_ROUTES: Record<string, RouteSpec> = {
  'GET /boards/:boardId/reviews/:reviewId/summary': perm(),
  'GET /boards/:boardId/reviews/:reviewId/summary/translation': perm(),
  'POST /boards/:boardId/reviews/:reviewId/summary/translation': perm({ body: () => ({ translatorName: '' }) }),
  'POST /boards/:boardId/reviews/:reviewId/summary/translation/:translationId': perm({
    absent: NO_REQUEST,
    body: () => ({ status: 'returned', version: '1' }),
  }),
  'GET /boards/:boardId/reviews/:reviewId/summary/:language/sections/:summarySection': perm(),
  'POST /boards/:boardId/reviews/:reviewId/summary/:language/sections/:summarySection': perm({ body: () => ({ text: '', revision: '99' }), why: NEVER_READ }),
  'POST /boards/:boardId/reviews/:reviewId/summary/:language/approve': perm({ body: () => ({ version: '99', revision: '0' }), why: NEVER_READ }),
  'GET /boards/:boardId/reviews/:reviewId/summary/:language/versions/:version': perm({ absent: NO_VERSION }),
  'GET /boards/:boardId/reviews/:reviewId/summary/:language/versions/:version/document.docx': perm({ absent: NO_VERSION }),
  'GET /boards/:boardId/reviews/:reviewId/summary/:language/versions/:version/document.pdf': perm({ absent: NO_VERSION }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/summary': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/summary/sections/:summarySection': perm({
    body: () => ({ language: 'en', text: '', revision: 99 }),
    why: NEVER_READ,
  }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/summary/approvals': perm({ body: () => ({ language: 'en', version: 99, revision: 0 }), why: NEVER_READ }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/summary/translations': perm({ body: () => ({ translatorName: '', dueOn: '' }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/summary/translations/:translationId': perm({
    absent: NO_REQUEST,
    body: () => ({ status: 'returned', version: 1 }),
  }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/summary/versions/:version/document': perm({ absent: NO_VERSION, search: 'format=pdf' }),
};
