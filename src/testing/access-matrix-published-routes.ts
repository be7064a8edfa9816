// The access matrix's classification of the public pages of released reviews (issue 13 item 5), spread into ROUTES
// by access-matrix-routes.ts. No sign-in: they read only the public snapshot taken at release. The world has no
// released review, so every publication id is not found for everyone (src/http/features/published/published.test.ts
// tries the ids of unpublished, embargoed, held and withdrawn reviews).
import { pub, type RouteSpec } from './access-matrix-spec.ts';

const PUBLISHED = 'the public pages of released reviews: read from their public snapshot only';
/** The world releases nothing: its publication id is not found. */
const NONE = { absent: { publicationId: ['public id no release has'] } };

export const PUBLISHED_ROUTES: Record<string, RouteSpec> = {
  'GET /published': pub(PUBLISHED),
  'GET /published/:publicationId': pub(PUBLISHED, NONE),
  'GET /published/:publicationId/document.pdf': pub(PUBLISHED, NONE),
  'GET /published/:publicationId/document.docx': pub(PUBLISHED, NONE),
  'GET /published/:publicationId/report.pdf': pub(PUBLISHED, NONE),
  'GET /published/:publicationId/report.docx': pub(PUBLISHED, NONE),
};
