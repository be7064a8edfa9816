// The demo's public pages (issue 13 items 5 and 7), on both databases: after `seedDemo`, /published lists one
// released Child Practice Review (its themes, its summary in English and Welsh, its PDF) and the board's review
// held for criminal proceedings as "Publication delayed: parallel proceedings"; the SUSR blocked by an open
// anonymisation finding is still at the board's acceptance, unpublished. A second run changes nothing of them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Browser, buildTestApp } from '../testing/test-app.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';
import { urls } from '../urls.ts';
import { seedDemo } from './seed.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`demo public pages (${dialect})`, () => {
    test('one published review, one delayed, the blocked one unpublished; once', async (t) => {
      const { app, services } = await buildTestApp(t, dialect);
      await seedDemo(services);
      const db = services.db.kysely;
      const snapshots = await db.selectFrom('published_reviews').select(['id', 'review_id', 'themes']).execute();
      assert.equal(snapshots.length, 1);
      const [published] = snapshots;
      assert.ok(published);
      assert.deepEqual(JSON.parse(published.themes), ['information_sharing', 'multi_agency_working']);
      const stages = await db.selectFrom('reviews').select(['framework_id', 'stage']).where('framework_id', 'in', ['CPR_2016', 'SUSR_2024']).execute();
      assert.ok(stages.some((r) => r.framework_id === 'CPR_2016' && r.stage === 'PUBLISHED'));
      assert.ok(stages.some((r) => r.framework_id === 'CPR_2016' && r.stage === 'PUBLICATION_PREPARATION'));
      assert.ok(
        stages.some((r) => r.framework_id === 'SUSR_2024' && r.stage === 'BOARD_ACCEPTANCE'),
        'the blocked SUSR stays',
      );
      const open = await db.selectFrom('anonymisation_findings').select('id').where('decision', '=', 'open').execute();
      assert.equal(open.length, 1, 'its open finding stays');

      const anyone = new Browser(app);
      const list = await anyone.get(urls.published());
      assert.equal(list.statusCode, 200);
      assert.equal(list.$('#publications h3 a').attr('href'), urls.publishedReview(published.id));
      assert.match(list.$('#publications').text(), /Information sharing/);
      assert.match(list.$('#delayed + ul').text(), /Teifi.*Publication delayed: parallel proceedings/s);
      const welsh = await anyone.get(urls.publishedReview(published.id, { lang: 'cy' }));
      assert.equal(welsh.statusCode, 200);
      assert.match(welsh.$('h1').text(), /^Plentyn [A-Z]+$/);
      assert.match(welsh.$('main').text(), /Rhannu gwybodaeth/);
      assert.equal((await anyone.get(urls.publishedSummaryFile(published.id, 'pdf'))).statusCode, 200);

      await seedDemo(services);
      assert.equal((await db.selectFrom('published_reviews').select('id').execute()).length, 1, 'a second run publishes nothing more');
    });
  });
}
