// The access matrix's classification of the publication routes (issue 13: anonymisation and publication), pages
// and API, spread into ROUTES by access-matrix-routes.ts, which says how a route is classified.
import { perm, type RouteSpec } from './access-matrix-spec.ts';

/** A version of an anonymisation check never read: a conflict, nothing changed. */
const NEVER_READ = 'a version never read is a conflict';

/** Every person of the world's reviews is in their dictionary already: adding them is a conflict. */
const ALL_IN_DICTIONARY = 'every person of the review is in its dictionary already: a conflict';

/** The world's reviews are not at publication preparation: a permitted change of their publication is a conflict. */
const NOT_PREPARING = 'the review is not at publication preparation: a conflict, nothing changed';

export const PUBLICATION_ROUTES: Record<string, RouteSpec> = {
  // The pseudonym dictionary (item 1): its terms (dictionary.view), its entries changed (dictionary.manage), with
  // bodies refused after the access checks.
  'GET /boards/:boardId/reviews/:reviewId/dictionary': perm(),
  'GET /boards/:boardId/reviews/:reviewId/dictionary/new': perm(),
  'POST /boards/:boardId/reviews/:reviewId/dictionary/new': perm({ body: () => ({ category: '' }) }),
  'POST /boards/:boardId/reviews/:reviewId/dictionary/build': perm({ why: ALL_IN_DICTIONARY }),
  'GET /boards/:boardId/reviews/:reviewId/dictionary/:termId': perm(),
  'POST /boards/:boardId/reviews/:reviewId/dictionary/:termId': perm({ body: () => ({ category: '', version: '1' }) }),
  'GET /boards/:boardId/reviews/:reviewId/dictionary/:termId/remove': perm(),
  'POST /boards/:boardId/reviews/:reviewId/dictionary/:termId/remove': perm({ body: () => ({ version: '0' }), why: 'a version never read is a conflict' }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/dictionary': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/dictionary': perm({ body: () => ({ category: '' }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/dictionary/build': perm({ why: ALL_IN_DICTIONARY }),
  'PUT /api/v1/boards/:boardId/reviews/:reviewId/dictionary/:termId': perm({ body: () => ({ category: '', version: 1 }) }),
  'DELETE /api/v1/boards/:boardId/reviews/:reviewId/dictionary/:termId': perm({ search: 'version=999', why: 'a version never read is a conflict' }),
  // The anonymisation check (item 2): the checks and a check's findings (anonymisation.view: the roles allowed
  // restricted details), a scan (anonymisation.scan), a finding accepted, the checklist answered and the check
  // approved (anonymisation.decide), with bodies refused after the access checks.
  'GET /boards/:boardId/reviews/:reviewId/anonymisation': perm(),
  'POST /boards/:boardId/reviews/:reviewId/anonymisation/scan': perm({ body: () => ({ kind: '' }) }),
  'GET /boards/:boardId/reviews/:reviewId/anonymisation/:checkId': perm(),
  'POST /boards/:boardId/reviews/:reviewId/anonymisation/:checkId/findings/:findingId': perm({ body: () => ({ reason: '', version: '1' }) }),
  'POST /boards/:boardId/reviews/:reviewId/anonymisation/:checkId/checklist': perm({ body: () => ({ 'item-names': 'yes', version: '1' }) }),
  'POST /boards/:boardId/reviews/:reviewId/anonymisation/:checkId/approve': perm({ body: () => ({ version: '0' }), why: NEVER_READ }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/anonymisation': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/anonymisation/scans': perm({ body: () => ({ kind: '' }) }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/anonymisation/:checkId': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/anonymisation/:checkId/findings/:findingId/accept': perm({ body: () => ({ reason: '', version: 1 }) }),
  'PUT /api/v1/boards/:boardId/reviews/:reviewId/anonymisation/:checkId/checklist': perm({
    body: () => ({ answers: { names: { answer: 'yes' } }, version: 1 }),
  }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/anonymisation/:checkId/approve': perm({ body: () => ({ version: 999 }), why: NEVER_READ }),
  // The publication (item 4): the decision and its gates (publication.view), the forms of the business unit
  // (publication.prepare) and of the board chair (publication.approve); the world's reviews are not at publication
  // preparation, so a permitted change is refused after the access checks (a conflict), nothing written.
  'GET /boards/:boardId/reviews/:reviewId/publication': perm(),
  'GET /boards/:boardId/reviews/:reviewId/publication/decision': perm(),
  'POST /boards/:boardId/reviews/:reviewId/publication/decision': perm({ body: () => ({ choice: '', revision: '0' }) }),
  'GET /boards/:boardId/reviews/:reviewId/publication/welfare-check': perm(),
  'POST /boards/:boardId/reviews/:reviewId/publication/welfare-check': perm({ body: () => ({ note: '', revision: '0' }) }),
  'GET /boards/:boardId/reviews/:reviewId/publication/hold': perm(),
  'POST /boards/:boardId/reviews/:reviewId/publication/hold': perm({ body: () => ({ holdReason: '', revision: '0' }) }),
  'POST /boards/:boardId/reviews/:reviewId/publication/hold/end': perm({ body: () => ({ revision: '0' }), why: NOT_PREPARING }),
  'GET /boards/:boardId/reviews/:reviewId/publication/override': perm(),
  'POST /boards/:boardId/reviews/:reviewId/publication/override': perm({ body: () => ({ liaison: '', revision: '0' }) }),
  'POST /boards/:boardId/reviews/:reviewId/publication/approve': perm({ body: () => ({ revision: '0' }), why: NOT_PREPARING }),
  // The same in the API (item 7): bodies the service refuses after its access checks.
  'GET /api/v1/boards/:boardId/reviews/:reviewId/publication': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/publication/decision': perm({ body: () => ({ choice: 'summary', reasons: '', revision: 0 }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/publication/welfare-check': perm({ body: () => ({ checkedOn: '2026-01-05', note: '', revision: 0 }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/publication/hold': perm({ body: () => ({ reason: '', recheckOn: '2026-01-05', revision: 0 }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/publication/hold/end': perm({ body: () => ({ revision: 0 }), why: NOT_PREPARING }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/publication/override': perm({ body: () => ({ liaison: '', revision: 0 }) }),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/publication/approval': perm({ body: () => ({ revision: 0 }), why: NOT_PREPARING }),
};
