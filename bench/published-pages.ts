// The public pages of released reviews (issue 13 item 5), measured without signing in: the list (page 1 and a
// search over published text), a publication page and its tagged PDF (rendered on first request, then kept in
// memory: the measure is mostly the kept file). Spread into PAGES by pages.ts. They read the public snapshot only:
// the generator's publication step (src/generator/steps/publication.ts) releases the reviews at PUBLISHED and
// later with their snapshots; data without released reviews answers 404 for the page and the PDF, reported as not
// measured.
import { urls } from '../src/urls.ts';
import type { BenchTargets, PageDef } from './pages.ts';

const published = (t: BenchTargets) => (t.publishedIds.length > 0 ? t.publishedIds : ['no-release-in-the-data']);

export const PUBLISHED_PAGES: readonly PageDef[] = [
  {
    id: 'published',
    title: 'Published reviews, page 1 (public: the snapshot list and the delayed holds)',
    who: 'public',
    method: 'GET',
    paths: () => [urls.published()],
    queries: (s) => s.published.list({ page: 1, search: '' }),
  },
  {
    id: 'published-search',
    title: 'Published reviews searched for two words (public: LIKE over folded published text)',
    who: 'public',
    method: 'GET',
    paths: () => [urls.published({ q: 'information sharing' })],
    queries: (s) => s.published.list({ page: 1, search: 'information sharing' }),
  },
  {
    id: 'published-review',
    title: 'A publication page (public: the executive summary from its snapshot)',
    who: 'public',
    method: 'GET',
    paths: (t) => published(t).map((id) => urls.publishedReview(id)),
    queries: (s, _caller, t, i) => s.published.publication(published(t)[i % published(t).length] ?? '', 'en'),
  },
  {
    id: 'published-review-pdf',
    title: 'A publication’s tagged PDF (public: rendered once, then kept)',
    who: 'public',
    method: 'GET',
    paths: (t) => published(t).map((id) => urls.publishedSummaryFile(id, 'pdf')),
    queries: (s, _caller, t, i) => s.published.file(published(t)[i % published(t).length] ?? '', 'summary', 'en', 'pdf'),
    noRender: true,
  },
];
