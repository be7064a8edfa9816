// The board's meetings through the pages (issue 12 item 3): the business unit schedules one (a date over two
// years away refused with an error summary), adds agenda items, records attendance and minutes (the meeting
// is then held), cancels another with a reason; a cancelled meeting refuses minutes, a held one refuses
// cancelling, each changing nothing. The board chair reads them (one audited read per page) and has no forms;
// a board member without two-factor reads them too; Welsh pages in Welsh; links from the home page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

const date = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return { 'meetsOn-day': String(Number(d)), 'meetsOn-month': String(Number(m)), 'meetsOn-year': y ?? '' };
};

for (const dialect of dialectsUnderTest()) {
  describe(`board meetings pages (${dialect})`, () => {
    async function setup(t: Parameters<typeof buildTestApp>[0]) {
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'TEIFI');
      const bu = await seedPerson(services, { fullName: 'Unit Officer', roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const chair = await seedPerson(services, { fullName: 'Chair Person', roles: [{ role: 'board_chair', boardId: board.id }], totp: true });
      const member = await seedPerson(services, { fullName: 'Member Person', roles: [{ role: 'board_member', boardId: board.id }] });
      const browser = new Browser(app);
      await signIn(browser, bu, clock);
      const events = async (action: string) =>
        Number(
          (
            await services.db.kysely
              .selectFrom('audit_events')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('action', '=', action)
              .executeTakeFirstOrThrow()
          ).n,
        );
      return { app, services, clock, board, bu, chair, member, browser, events };
    }

    test('the business unit schedules, adds agenda items, records attendance and minutes; refusals show an error summary and change nothing', async (t) => {
      const { app, board, browser, chair, member, clock, events } = await setup(t);
      const home = await browser.get(urls.home());
      assert.equal(home.$(`main a[href="${urls.boardMeetings(board.id)}"]`).length, 1, 'the home page links to the board meetings');
      const list = await browser.get(urls.boardMeetings(board.id));
      assert.equal(list.statusCode, 200);
      assert.match(list.$('main').text(), /No meeting is scheduled/);

      const tooFar = await browser.submit(urls.newBoardMeeting(board.id), { ...date('2028-12-01'), online: 'yes' });
      assert.equal(tooFar.statusCode, 400);
      assert.match(tooFar.$('.govuk-error-summary').text(), /no more than 2 years from today/);
      assert.equal(tooFar.$('.govuk-error-summary a').attr('href'), '#meetsOn-day');
      const noPlace = await browser.submit(urls.newBoardMeeting(board.id), { ...date('2027-01-14'), online: 'no', place: '' });
      assert.match(noPlace.$('.govuk-error-summary').text(), /Enter where the board meets/);
      assert.equal(await events('BOARD_MEETING_SCHEDULED'), 0);

      // A meeting already held (last month) and the next one.
      const held = await browser.submit(urls.newBoardMeeting(board.id), {
        ...date('2026-11-12'),
        startsAt: '10:00',
        online: 'no',
        place: 'Neuadd y Sir, Aberteifi',
      });
      assert.equal(held.statusCode, 302);
      const heldUrl = held.headers.location ?? '';
      const next = await browser.submit(urls.newBoardMeeting(board.id), { ...date('2027-01-14'), online: 'yes' });
      const nextUrl = next.headers.location ?? '';

      const empty = await browser.submit(nextUrl, { title: ' ', note: '' }, `form[action$="/agenda"]`);
      assert.equal(empty.statusCode, 400);
      assert.match(empty.$('.govuk-error-summary').text(), /Enter the title of the item/);
      for (const title of ['Apologies and declarations', 'Progress of the action plans'])
        assert.equal((await browser.submit(nextUrl, { title, note: '' }, `form[action$="/agenda"]`)).statusCode, 302);
      const nextPage = await browser.get(nextUrl);
      assert.deepEqual(
        nextPage
          .$('#agenda li')
          .map((_, li) => nextPage.$(li).text().trim())
          .get(),
        ['Apologies and declarations', 'Progress of the action plans'],
      );
      assert.equal(nextPage.$('#not-yet').length, 1, 'attendance and minutes wait for the day');
      assert.equal(nextPage.$(`form[action$="/minutes"]`).length, 0);

      const heldPage = await browser.get(heldUrl);
      const chairRadio = heldPage.$('input[type="radio"][value="apologies"]').filter((_, el) => heldPage.$(el).attr('name')?.includes('[') ?? false);
      assert.ok(chairRadio.length >= 3, 'each of the board’s people has a row');
      const names = heldPage
        .$('form[action$="/attendance"] legend')
        .map((_, l) => heldPage.$(l).text().trim())
        .get();
      assert.ok(names.includes('Chair Person (Board chair)'), names.join('; '));
      const attendance = await browser.submit(
        heldUrl,
        { [`attendance[${chair.id}]`]: 'attended', [`attendance[${member.id}]`]: 'apologies', guests: 'Dr Rhian Evans, Public Health Wales' },
        `form[action$="/attendance"]`,
      );
      assert.equal(attendance.statusCode, 302);
      const noMinutes = await browser.submit(heldUrl, { minutes: '' }, `form[action$="/minutes"]`);
      assert.equal(noMinutes.statusCode, 400);
      assert.match(noMinutes.$('.govuk-error-summary').text(), /Enter the minutes/);
      const minuted = await browser.submit(heldUrl, { minutes: 'The board noted progress.\n\nNo other business.' }, `form[action$="/minutes"]`);
      assert.equal(minuted.statusCode, 302);
      const heldNow = await browser.get(heldUrl);
      assert.match(heldNow.$('#meeting-summary').text(), /Held/);
      assert.match(heldNow.$('#minutes').text(), /The board noted progress/);
      assert.match(heldNow.$('#minuted').text(), /Unit Officer/);
      assert.equal(heldNow.$(`form[action$="/cancel"]`).length, 0, 'a held meeting offers no cancelling');
      // Cancelling it anyway (a stale page): refused, nothing written.
      const cancelHeld = await browser.post(urls.boardMeetingCancel(board.id, heldUrl.split('/').pop() ?? ''), {
        cancelReason: 'Too late',
        _csrf: String(heldNow.$('input[name="_csrf"]').first().val()),
      });
      assert.equal(cancelHeld.statusCode, 409);
      assert.match(cancelHeld.$('.govuk-error-summary').text(), /has been held/);
      assert.equal(await events('BOARD_MEETING_CANCELLED'), 0);

      // Cancelling the next one needs a reason; then its minutes are refused.
      const noReason = await browser.submit(nextUrl, { cancelReason: '' }, `form[action$="/cancel"]`);
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.$('.govuk-error-summary').text(), /Enter why the meeting is being cancelled/);
      assert.equal((await browser.submit(nextUrl, { cancelReason: 'Not quorate' }, `form[action$="/cancel"]`)).statusCode, 302);
      const cancelledPage = await browser.get(nextUrl);
      assert.match(cancelledPage.$('#meeting-summary').text(), /Not quorate/);
      const minutesCancelled = await browser.post(`${nextUrl}/minutes`, {
        minutes: 'Late',
        _csrf: String(cancelledPage.$('input[name="_csrf"]').first().val()),
      });
      assert.equal(minutesCancelled.statusCode, 409);
      assert.match(minutesCancelled.$('.govuk-error-summary').text(), /was cancelled/);
      assert.equal(await events('BOARD_MEETING_MINUTED'), 1);

      const listNow = await browser.get(urls.boardMeetings(board.id));
      assert.equal(listNow.$('#past tbody tr').length, 2);

      // The chair reads them (each read audited) without forms; a board member (no two-factor) reads them.
      const chairBrowser = new Browser(app);
      await signIn(chairBrowser, chair, clock);
      const chairHome = await chairBrowser.get(urls.home());
      assert.equal(chairHome.$(`main a[href="${urls.boardMeetings(board.id)}"]`).length, 1);
      const reads = await events('BOARD_MEETING_VIEWED');
      const chairPage = await chairBrowser.get(heldUrl);
      assert.equal(chairPage.statusCode, 200);
      assert.equal(chairPage.$('main form[method="post"]').length, 0);
      assert.equal(await events('BOARD_MEETING_VIEWED'), reads + 1);
      assert.equal((await chairBrowser.get(urls.newBoardMeeting(board.id))).statusCode, 403);
      const memberBrowser = new Browser(app);
      await signIn(memberBrowser, member, clock);
      assert.equal((await memberBrowser.get(heldUrl)).statusCode, 200);
      const cy = await memberBrowser.get(`${heldUrl}?lang=cy`);
      assert.match(cy.$('h1').text(), /Cyfarfod y bwrdd ar 12 Tachwedd 2026/);
      assert.match(cy.$('#attendance-table').text(), /Wedi anfon ymddiheuriadau/);
    });

    test('another board’s business unit finds nothing', async (t) => {
      const { app, board, browser, services, clock } = await setup(t);
      const made = await browser.submit(urls.newBoardMeeting(board.id), { ...date('2027-01-14'), online: 'yes' });
      const url = made.headers.location ?? '';
      const other = await seedBoard(services, 'OTHER', { en: 'Other', cy: 'Arall' });
      const stranger = await seedPerson(services, { roles: [{ role: 'business_unit', boardId: other.id }], totp: true });
      const theirs = new Browser(app);
      await signIn(theirs, stranger, clock);
      assert.equal((await theirs.get(url)).statusCode, 404);
      assert.equal((await theirs.get(urls.boardMeetings(board.id))).statusCode, 404);
    });
  });
}
