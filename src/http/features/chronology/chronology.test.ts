// The chronology through the pages (issue 11 items 1, 3 and 4), on both databases: the agency's contributor
// adds an entry (the error summary first, then a month's date and a Welsh description kept as written), changes
// and removes one; another agency's contributor is refused the page and the form; the business unit shares the
// signed-off chronology; the panel member reads the merged chronology with the child's code and is refused
// the named view, which the business unit opens (the child's name shown, the read audited as named); a filter
// with an impossible date shows an error summary; the panel member marks a key event.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Services } from '../../../container.ts';
import { as } from '../../../testing/case-fixtures.ts';
import { seedChronologyWorld } from '../../../testing/chronology-fixtures.ts';
import { callerFor, completeRequest, type SeededRequest } from '../../../testing/contribution-fixtures.ts';
import { type SeededPerson, seedPerson } from '../../../testing/fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`chronology pages (${dialect})`, () => {
    const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
    let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
    let services: Services;
    let boardId: string;
    let reviewId: string;
    let police: SeededRequest;
    let health: SeededRequest;
    let panelMember: SeededPerson;
    let bu: SeededPerson;
    let close: () => Promise<void>;

    before(async () => {
      ({ app, services, close } = await buildTestApp(undefined, dialect, { clock }));
      const world = await seedChronologyWorld(services);
      ({ boardId, reviewId } = world);
      [police, health] = world.requests as [SeededRequest, SeededRequest];
      panelMember = await seedPerson(services, {
        reviewRoles: [{ role: 'panel_member', boardId, reviewId, agencyId: world.agencyIds[1] ?? null }],
        totp: true,
      });
      bu = await seedPerson(services, { roles: [{ role: 'business_unit', boardId }], totp: true });
    });
    after(() => close());

    async function browserFor(person: { email: string; totpSecret?: string }): Promise<Browser> {
      const browser = new Browser(app);
      // A fresh security code each time (a code is accepted once per person).
      clock.advance(31_000);
      await signIn(browser, person, clock);
      return browser;
    }

    test('the contributor adds, changes and removes entries; another agency’s contributor is refused', async () => {
      const author = await browserFor(police.author);
      const list = urls.agencyChronology(boardId, reviewId, police.id);
      const page = await author.get(list);
      assert.equal(page.statusCode, 200);
      assert.match(page.$('main').text(), /There are no entries yet/);

      const newUrl = urls.chronologyEntryNew(boardId, reviewId, police.id);
      const empty = await author.submit(newUrl, {});
      assert.equal(empty.statusCode, 400);
      const summary = empty.$('.govuk-error-summary').text();
      for (const text of [
        /Select how precisely the date is known/,
        /Enter the date of the event/,
        /Select the type of event/,
        /Enter what happened/,
        /Enter the source record reference/,
        /Select the significance/,
      ])
        assert.match(summary, text);
      assert.equal(empty.$('.govuk-error-summary a[href="#date-day"]').length, 1);

      const form = await author.get(newUrl);
      const child = String(form.$('input[name="people"]').first().attr('value'));
      const added = await author.submit(newUrl, {
        precision: 'month',
        'date-month': '3',
        'date-year': '2026',
        eventType: 'home_visit',
        description: 'Ymweliad â’r cartref; gwelwyd y plentyn ar ei ben ei hun.',
        people: child,
        sourceRef: 'CN-0314',
        significance: 'high',
      });
      assert.equal(added.statusCode, 302);
      const after = await author.get(list);
      const row = after.$('tbody tr').first().text();
      assert.match(row, /March 2026/);
      assert.match(row, /Ymweliad â’r cartref/);
      assert.match(row, /Child A/);

      const changeHref = String(after.$('tbody a[href*="/chronology/entries/"]:not([href$="/remove"])').first().attr('href'));
      const changeForm = await author.get(changeHref);
      assert.equal(changeForm.$('input[name="date-day"]').val(), '');
      assert.equal(changeForm.$('input[name="date-month"]').val(), '3');
      const values = {
        version: String(changeForm.$('input[name="version"]').val()),
        precision: 'exact',
        'date-day': '14',
        'date-month': '3',
        'date-year': '2026',
        time: '09:15',
        eventType: 'home_visit',
        description: String(changeForm.$('textarea[name="description"]').val()),
        people: child,
        sourceRef: 'CN-0314',
        significance: 'high',
      };
      const changed = await author.submit(changeHref, values);
      assert.equal(changed.statusCode, 302);
      assert.match((await author.get(list)).$('tbody tr').first().text(), /14 March 2026 09:15/);

      // Another agency's contributor: neither this agency's chronology nor its form.
      const other = await browserFor(health.author);
      assert.equal((await other.get(list)).statusCode, 403);
      assert.equal((await other.get(newUrl)).statusCode, 403);
      assert.equal((await other.submit(changeHref, values)).statusCode, 403);

      const removeHref = String((await author.get(list)).$('a[href$="/remove"]').first().attr('href'));
      const confirm = await author.get(removeHref);
      const removed = await author.submit(removeHref, { version: String(confirm.$('input[name="version"]').val()) });
      assert.equal(removed.statusCode, 302);
      assert.match((await author.get(list)).$('main').text(), /There are no entries yet/);
    });

    test('shared once signed off, the panel reads the merged chronology by codes; names only for the business unit, audited', async () => {
      const author = await callerFor(services, police.author.id);
      const child = (await services.chronology.entryForm(as(author, 'CHRONOLOGY_ENTRY_FORM_VIEWED'), boardId, reviewId, police.id)).people[0]?.id ?? '';
      await services.chronology.add(as(author, 'CHRONOLOGY_ENTRY_ADDED'), boardId, reviewId, police.id, {
        date: '2026-05-02',
        precision: 'exact',
        eventType: 'police_incident',
        description: 'Officers attended after a call from a neighbour.',
        people: [child],
        sourceRef: 'STORM-0502',
        significance: 'high',
      });
      await completeRequest(services, { boardId, reviewId }, police, 'timeline', 'signed_off', 'declared');

      const merged = urls.reviewChronology(boardId, reviewId);
      const member = await browserFor(panelMember);
      const before = await member.get(merged);
      assert.equal(before.statusCode, 200);
      assert.match(before.$('main').text(), /There are no entries to show/);

      const office = await browserFor(bu);
      const shared = await office.submit(urls.chronologyShare(boardId, reviewId, police.id), {});
      assert.equal(shared.statusCode, 302);
      const again = await office.submit(urls.chronologyShare(boardId, reviewId, police.id), {});
      assert.equal(again.statusCode, 409);
      assert.match(again.$('main').text(), /already been shared/);

      const page = await member.get(merged);
      const text = page.$('#chronology-entries').text();
      assert.match(text, /2 May 2026/);
      assert.match(text, /Child A/);
      assert.doesNotMatch(page.$('main').text(), /Siân/);
      assert.equal(page.$('a[href*="view=named"]').length, 0);
      assert.equal((await member.get(urls.reviewChronology(boardId, reviewId, { view: 'named' }))).statusCode, 403);

      const named = await office.get(urls.reviewChronology(boardId, reviewId, { view: 'named' }));
      assert.equal(named.statusCode, 200);
      assert.match(named.$('#chronology-entries').text(), /Siân Ŵyn Prydderch/);
      const reads = await services.db.kysely
        .selectFrom('audit_events')
        .select('summary')
        .where('action', '=', 'CHRONOLOGY_MERGED_VIEWED')
        .where('actor_id', '=', bu.id)
        .execute();
      assert.ok(reads.some((r) => JSON.parse(String(r.summary)).named === true));

      const welsh = await member.get(`${merged}?lang=cy`);
      assert.match(welsh.$('#chronology-entries').text(), /2 Mai 2026/);
      assert.match(welsh.$('#chronology-entries').text(), /Plentyn A/);
      await member.get(`${merged}?lang=en`);

      const badFilter = await member.get(`${merged}?from-day=31&from-month=2&from-year=2026`);
      assert.equal(badFilter.statusCode, 400);
      assert.match(badFilter.$('.govuk-error-summary').text(), /Enter a real date/);

      const keyHref = String(page.$('#chronology-entries a[href$="/key"]').first().attr('href'));
      const tooLong = await member.submit(keyHref, { label: 'x'.repeat(81) });
      assert.equal(tooLong.statusCode, 400);
      const marked = await member.submit(keyHref, { label: 'Police called by a neighbour' });
      assert.equal(marked.statusCode, 302);
      const keyOnly = await member.get(urls.reviewChronology(boardId, reviewId, { key: 'yes' }));
      assert.match(keyOnly.$('#chronology-entries').text(), /Police called by a neighbour/);
      const timeline = await member.get(urls.reviewChronologyTimeline(boardId, reviewId));
      assert.equal(timeline.statusCode, 200);
      assert.equal(timeline.$('figure svg[role="img"]').length, 1);
      assert.match(timeline.$('#timeline-key-events').text(), /Police called by a neighbour/);
      const xlsx = await member.get(String(timeline.$('a[href*="export.xlsx"]').attr('href')));
      assert.equal(xlsx.statusCode, 200);
      assert.match(String(xlsx.headers['content-disposition']), /chronology\.xlsx/);
      const docx = await member.get(urls.reviewChronologyExport(boardId, reviewId, 'docx', { summary: 'yes' }));
      assert.equal(docx.statusCode, 200);
      assert.match(String(docx.headers['content-type']), /wordprocessingml/);
      assert.equal((await member.get(urls.reviewChronologyExport(boardId, reviewId, 'xlsx', { view: 'named' }))).statusCode, 403);
      // The agency's contributor has no merged chronology.
      const author2 = await browserFor(police.author);
      assert.equal((await author2.get(merged)).statusCode, 403);
      assert.equal((await author2.get(urls.reviewChronologyExport(boardId, reviewId, 'xlsx'))).statusCode, 403);
    });
  });
}
