// The pseudonym dictionary's pages (real CSRF tokens) and API operations (issue 13 item 1), on both databases:
// the review page links to it; the business unit adds an entry (the form's default terms per category), sees
// the real names; a panel member sees the terms only, in English and Welsh; bad answers show the error summary
// in the reader's language and write nothing; a change on a stale version answers 409 with the form saying so;
// the review's people are added under their codes; an agency's contributor is refused. In the API: list, add,
// change, remove, with 422 problems for bad input and 409 for a stale version.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`pseudonym dictionary pages and API (${dialect})`, () => {
    test('add, list (names for the business unit only), Welsh, errors, conflict, build, refusal', async (t) => {
      const clock = new TestClock(new Date('2026-12-12T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const review = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016', decidedOn: '2026-12-01' });
      const police = await seedAgency(services, [board.id]);
      const browserFor = async (person: { email: string; totpSecret?: string }) => {
        const browser = new Browser(app);
        await signIn(browser, person, clock);
        return browser;
      };
      const bu = await browserFor(await seedPerson(services, { roles: [{ role: 'business_unit', boardId: board.id }], totp: true }));
      const member = await browserFor(
        await seedPerson(services, { reviewRoles: [{ role: 'panel_member', boardId: board.id, reviewId: review.id }], totp: true }),
      );
      const contributor = await browserFor(
        await seedPerson(services, {
          reviewRoles: [{ role: 'agency_contributor', boardId: board.id, reviewId: review.id, agencyId: police.id }],
          agencyId: police.id,
          totp: true,
        }),
      );
      const page = urls.reviewDictionary(board.id, review.id);
      const count = async () => (await services.db.kysely.selectFrom('review_dictionary_terms').select('id').execute()).length;

      const reviewPage = await member.get(urls.review(board.id, review.id));
      assert.equal(reviewPage.$(`main a[href="${page}"]`).length, 1, 'the review page links to the dictionary');

      // The form suggests the category's default term.
      const form = await bu.get(`${urls.reviewDictionaryNew(board.id, review.id)}?category=parent_carer`);
      assert.equal(form.statusCode, 200, form.body);
      assert.equal(form.$('#termEn').val(), 'Mother');
      assert.equal(form.$('#termCy').val(), 'Mam');

      // Bad answers: the error summary, nothing written.
      const bad = await bu.submit(urls.reviewDictionaryNew(board.id, review.id), { category: '', realIdentifier: 'Bangor', termEn: 'Bangor', termCy: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.$('title').text(), /^Error: /);
      const summary = bad.$('.govuk-error-summary a');
      assert.deepEqual(summary.map((_, a) => bad.$(a).attr('href')).get(), ['#category', '#termEn', '#termCy']);
      assert.match(summary.text(), /Select a category.*The term must not contain the real name.*Enter the Welsh term/);
      assert.equal(bad.$('#realIdentifier').val(), 'Bangor', 'the answers are kept');
      assert.equal(await count(), 0);

      const added = await bu.submit(urls.reviewDictionaryNew(board.id, review.id), {
        category: 'place',
        realIdentifier: 'Bangor\nBangor-on-Dee',
        termEn: 'Town 1',
        termCy: 'Tref 1',
      });
      assert.equal(added.statusCode, 302, added.body);
      const list = await bu.get(page);
      assert.match(list.$('#dictionary-table').text(), /Town 1.*Tref 1.*Town or place.*Bangor.*Bangor-on-Dee/s);
      const memberList = await member.get(page);
      assert.equal(memberList.statusCode, 200);
      assert.match(memberList.$('#dictionary-table').text(), /Town 1/);
      assert.doesNotMatch(memberList.body, /Bangor/, 'a panel member sees the terms only');
      assert.equal(memberList.$('#add-entry').length, 0, 'and may not change them');
      const welsh = await member.get(`${page}?lang=cy`);
      assert.match(welsh.$('h1').text(), /Geiriadur ffugenwau/);
      assert.match(welsh.$('#dictionary-table').text(), /Tref neu le/);

      // Welsh errors for a Welsh reader.
      const welshBad = await bu.submit(`${urls.reviewDictionaryNew(board.id, review.id)}?lang=cy`, {
        category: 'place',
        realIdentifier: 'Wrecsam',
        termEn: 'town 1',
        termCy: '',
      });
      assert.equal(welshBad.statusCode, 400);
      assert.match(welshBad.$('.govuk-error-summary').text(), /Mae problem wedi codi.*Mae gan gofnod arall y term hwn yn barod.*Rhowch y term Cymraeg/s);
      await bu.get(`${page}?lang=en`);

      // A change on a stale version: 409, the form says so, nothing changed.
      const row = await services.db.kysely.selectFrom('review_dictionary_terms').select(['id', 'version']).executeTakeFirstOrThrow();
      const entryUrl = urls.reviewDictionaryEntry(board.id, review.id, row.id);
      const editPage = await bu.get(entryUrl);
      assert.equal(editPage.$('#realIdentifier').val(), 'Bangor\nBangor-on-Dee');
      const csrf = String(editPage.$('input[name="_csrf"]').val());
      const fields = { category: 'place', realIdentifier: 'Bangor', termEn: 'Town A', termCy: 'Tref A', version: '1', _csrf: csrf };
      assert.equal((await bu.post(entryUrl, fields)).statusCode, 302);
      const stale = await bu.post(entryUrl, { ...fields, termEn: 'Town B' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.$('.govuk-error-summary').text(), /Someone changed the dictionary since you opened this page/);
      assert.equal((await services.db.kysely.selectFrom('review_dictionary_terms').select('term_en').executeTakeFirstOrThrow()).term_en, 'Town A');

      // The review's people, under their codes.
      const build = await bu.submit(page, {});
      assert.equal(build.statusCode, 302, build.body);
      const built = await bu.get(page);
      assert.match(built.$('#dictionary-table').text(), /Child [A-Z]+.*Plentyn [A-Z]+.*Siân Ŵyn Prydderch/s);

      // Removed on its version.
      const remove = await bu.submit(urls.reviewDictionaryRemove(board.id, review.id, row.id), { version: '2' });
      assert.equal(remove.statusCode, 302, remove.body);
      assert.equal(await count(), 1);

      // An agency's contributor: refused.
      assert.equal((await contributor.get(page)).statusCode, 403);
      const before = await count();
      const refused = await contributor.post(urls.reviewDictionaryNew(board.id, review.id), {
        category: 'place',
        realIdentifier: 'X',
        termEn: 'Y',
        termCy: 'Z',
        _csrf: 'x',
      });
      assert.ok(refused.statusCode === 403, String(refused.statusCode));
      assert.equal(await count(), before);
    });

    test('API: list, add, change, remove; 422 for bad input, 409 for a stale version, 403/404 for others', async (t) => {
      const w = await apiWorld(t, dialect);
      const callers = await reviewCallers(w.services, w.boardA.id);
      const review = await seedReview(w.services, w.boardA.id, callers, { frameworkId: 'CPR_2016', decidedOn: '2026-11-20' });
      const base = `/api/v1/boards/${w.boardA.id}/reviews/${review.id}/dictionary`;
      const seq = await w.lastSeq();
      const bad = await w.call('POST', base, w.tokens.unitA, { category: 'street', realIdentifier: '', termEn: 'Street 1' });
      assertProblem(bad, 422);
      assert.deepEqual(fieldCodes(bad), [
        ['realIdentifier', 'dictionary:errors.realRequired'],
        ['termCy', 'dictionary:errors.termCyRequired'],
      ]);
      assert.deepEqual(await w.writtenAfter(seq), []);
      const added = await w.call('POST', base, w.tokens.unitA, {
        category: 'street',
        realIdentifier: 'Heol y Frenhines',
        termEn: 'Street 1',
        termCy: 'Stryd 1',
      });
      assert.equal(added.statusCode, 201, JSON.stringify(added.data));
      const id = String(added.data.id);

      const listed = await w.call('GET', base, w.tokens.unitA);
      assert.equal(listed.statusCode, 200, JSON.stringify(listed.data));
      assert.equal(listed.data.identified, true);
      assert.equal(((listed.data.entries as Json[])[0] as Json).realIdentifier, 'Heol y Frenhines');
      assertProblem(await w.call('GET', base, w.tokens.boardMemberA), 403);
      const other = await w.call('GET', `/api/v1/boards/${w.boardB.id}/reviews/${review.id}/dictionary`, w.tokens.unitB);
      assertProblem(other, 404);

      const change = (version: number) =>
        w.call('PUT', `${base}/${id}`, w.tokens.unitA, {
          category: 'street',
          realIdentifier: 'Heol y Frenhines',
          termEn: 'Road 1',
          termCy: 'Ffordd 1',
          version,
        });
      const changed = await change(1);
      assert.equal(changed.statusCode, 200, JSON.stringify(changed.data));
      assert.deepEqual(changed.data, { version: 2 });
      assertProblem(await change(1), 409);
      assertProblem(await w.call('DELETE', `${base}/${id}?version=1`, w.tokens.unitA), 409);
      assertProblem(await w.call('DELETE', `${base}/${id}?version=x`, w.tokens.unitA), 400);
      const removed = await w.call('DELETE', `${base}/${id}?version=2`, w.tokens.unitA);
      assert.equal(removed.statusCode, 204);
      const build = await w.call('POST', `${base}/build`, w.tokens.unitA);
      assert.equal(build.statusCode, 200, JSON.stringify(build.data));
      assert.deepEqual(build.data, { added: 1, skipped: 0 });
    });
  });
}
