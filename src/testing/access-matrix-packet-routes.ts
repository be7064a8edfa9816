// The access matrix's classification of the submission packet's routes (issue 13 item 6), pages and API, spread
// into ROUTES by access-matrix-routes.ts, which says how a route is classified. publication.packet is the business
// unit's of the review's board only; the world's reviews have no approved executive summary, so a permitted make is
// refused after the access checks (nothing stored), and a sending's empty body fails validation.
import { perm, type RouteSpec } from './access-matrix-spec.ts';

const NO_SUMMARY = 'the review has no approved executive summary: refused, nothing stored';

export const PACKET_ROUTES: Record<string, RouteSpec> = {
  'GET /boards/:boardId/reviews/:reviewId/submission': perm(),
  'POST /boards/:boardId/reviews/:reviewId/submission/packets': perm({ body: () => ({}), why: NO_SUMMARY }),
  'GET /boards/:boardId/reviews/:reviewId/submission/packets/:packetId/packet.zip': perm(),
  'POST /boards/:boardId/reviews/:reviewId/submission/sendings': perm({ body: () => ({ reference: '' }) }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/submission': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/submission/packets': perm({ why: NO_SUMMARY }),
  'GET /api/v1/boards/:boardId/reviews/:reviewId/submission/packets/:packetId': perm(),
  'POST /api/v1/boards/:boardId/reviews/:reviewId/submission/sendings': perm({ body: () => ({ reference: '' }) }),
};
