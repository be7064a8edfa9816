// The generator test's checks of the publication data (issue 13): the summaries, checks, decisions and public
// snapshots are there; every snapshot is of a review at PUBLISHED or later, released with its summary approved in
// both languages and each language's anonymisation check approved of the summary as it stands (the services'
// own reading: the digest the generator wrote is the document's); each snapshot is the rows the release would
// have written (snapshotRows over what the publishable source gives); the public list and pages show them.
import assert from 'node:assert/strict';
import type { Services } from '../container.ts';
import { findBoard } from '../db/repositories/organisation-repository.ts';
import { learningThemesOf, storedPublished } from '../db/repositories/published-repository.ts';
import { findReferral } from '../db/repositories/referrals-repository.ts';
import { findReview } from '../db/repositories/reviews-repository.ts';
import { heldFrom, STAGE_IDS } from '../domain/frameworks/index.ts';
import { pseudonymText } from '../domain/pseudonyms.ts';
import { publicationRefusals } from '../domain/publication/publication.ts';
import { anonymisationApproved } from '../services/publication/anonymisation-service.ts';
import { PUBLISHABLE } from '../services/publication/publishable.ts';
import { snapshotRows } from '../services/publication/published-snapshot.ts';
import { summaryApproval } from '../services/publication/summary-publishable.ts';

const TABLES = [
  'executive_summaries',
  'executive_summary_versions',
  'executive_summary_sections',
  'executive_summary_translations',
  'anonymisation_checks',
  'review_publications',
  'published_reviews',
  'published_documents',
] as const;

export async function checkGeneratedPublication(services: Services): Promise<void> {
  const k = services.db.kysely;
  for (const table of TABLES)
    assert.ok(
      (
        await k
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n > 0,
      table,
    );
  const published = STAGE_IDS.indexOf('PUBLISHED');
  const snapshots = await k.selectFrom('published_reviews').selectAll().orderBy('id').execute();
  const releases = await k.selectFrom('review_publications').select(['review_id', 'published_at']).where('published_at', 'is not', null).execute();
  assert.deepEqual(new Set(snapshots.map((s) => s.review_id)), new Set(releases.map((r) => r.review_id)), 'a snapshot for each release, and only those');
  for (const s of snapshots) {
    const review = await findReview(k, s.review_id);
    assert.ok(review);
    const stage = heldFrom(review.stage) ?? review.stage;
    assert.ok(STAGE_IDS.indexOf(stage as (typeof STAGE_IDS)[number]) >= published, `${review.id} at ${review.stage} has a snapshot`);
    assert.deepEqual(await summaryApproval(k, review.id), { en: 1, cy: 1 }, `${review.id}: its summary approved in both languages`);
    for (const language of ['en', 'cy'] as const)
      assert.ok(await anonymisationApproved(k, review.id, 'summary', language), `${review.id}: the ${language} check approved of the summary as it stands`);
    const facts = await services.publication.facts(k, review, null);
    const refusals = publicationRefusals(facts);
    for (const gate of ['anonymisation_summary', 'summaryEn', 'summaryCy']) assert.equal(refusals[gate], undefined, `${review.id}: ${gate}`);
    // The rows the release would have written.
    const board = await findBoard(k, review.boardId);
    const referral = await findReferral(k, review.referralId);
    assert.ok(board && referral);
    const documents = [];
    for (const language of ['en', 'cy'] as const) {
      const doc = await PUBLISHABLE.summary.current(k, review, language);
      if (doc) documents.push({ document: 'summary' as const, doc });
    }
    const expected = snapshotRows({
      id: s.id,
      review,
      board,
      title: { en: pseudonymText(referral.pseudonym, 'en'), cy: pseudonymText(referral.pseudonym, 'cy') },
      themes: await learningThemesOf(k, review.id),
      documents,
      publishedAt: s.published_at,
      now: s.created_at,
    });
    const stored = storedPublished(expected.review, expected.documents);
    assert.deepEqual({ ...s, published_year: Number(s.published_year) }, stored.review);
    const docs = await k.selectFrom('published_documents').selectAll().where('published_id', '=', s.id).execute();
    const byLanguage = (a: { language: string }, b: { language: string }) => a.language.localeCompare(b.language);
    assert.deepEqual(docs.map((d) => ({ ...d, version: Number(d.version) })).sort(byLanguage), [...stored.documents].sort(byLanguage));
  }
  // The public list shows every release; a search over the published text finds some; a publication page opens.
  const list = await services.published.list({ page: 1, search: '' });
  assert.equal(list.total, snapshots.length);
  assert.ok((await services.published.list({ page: 1, search: 'information sharing' })).total > 0);
  const newest = list.items[0];
  assert.ok(newest);
  const page = await services.published.publication(newest.id, 'cy');
  assert.equal(page.summary?.language, 'cy');
  // Some decisions wait: held, approved for a release to come, or not to publish.
  const waiting = await k.selectFrom('review_publications').select(['recheck_on', 'choice', 'approved_revision']).where('published_at', 'is', null).execute();
  assert.ok(
    waiting.some((w) => w.recheck_on !== null),
    'some held',
  );
  assert.ok(
    waiting.some((w) => w.choice === 'withhold'),
    'some not to be published',
  );
}
