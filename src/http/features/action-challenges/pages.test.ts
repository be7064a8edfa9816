// The ladder and the challenge log through the pages (issue 12 item 4), on both databases: the business unit sees
// the default ladder, bad settings are refused with an error summary and nothing written, good ones saved; after
// the job has climbed an action's ladder the review's and the action's logs list each step (with the chair's
// letter as Word and PDF, each an audited read); the response form refuses bad answers with an error summary and
// writes nothing, then records the response, the outcome and the formal request's compliance; Welsh in Welsh.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedLadderAction } from '../../../testing/challenge-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { reviewCallers } from '../../../testing/review-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { urls } from '../../../urls.ts';

const DAY = 86_400_000;

for (const dialect of dialectsUnderTest()) {
  describe(`challenge pages (${dialect})`, () => {
    test('the ladder’s settings; the log of a climbed action; recording the response and the formal request’s compliance', async (t) => {
      const clock = new TestClock(new Date('2026-12-01T10:00:00Z'));
      const { app, services } = await buildTestApp(t, dialect, { clock });
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const bu = await seedPerson(services, { fullName: 'Unit Officer', roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const browser = new Browser(app);
      await signIn(browser, bu, clock);
      const count = async (table: 'action_ladder_settings' | 'audit_events', action?: string) => {
        let q = services.db.kysely.selectFrom(table as 'audit_events').select((eb) => eb.fn.countAll().as('n'));
        if (action) q = q.where('action', '=', action);
        return Number((await q.executeTakeFirstOrThrow()).n);
      };

      // The ladder: the defaults; bad answers refused with their messages, nothing saved; then saved.
      const ladder = await browser.get(urls.actionLadder(board.id));
      assert.equal(ladder.statusCode, 200);
      assert.match(ladder.$('#defaults').text(), /default ladder/);
      assert.match(ladder.$('main').text(), /section 137/);
      const fields = (over: Record<string, string>) => ({
        version: '0',
        reminderDays: '14, 3',
        ownerEnabled: 'yes',
        ownerDays: '1',
        ownerCycles: '1',
        business_managerEnabled: 'yes',
        business_managerDays: '14',
        business_managerCycles: '2',
        chair_letterEnabled: 'yes',
        chair_letterDays: '28',
        chair_letterCycles: '3',
        board_agendaEnabled: 'yes',
        board_agendaDays: '42',
        board_agendaCycles: '',
        formal_requestEnabled: 'yes',
        formal_requestDays: '56',
        formal_requestCycles: '',
        ...over,
      });
      const bad = await browser.submit(urls.actionLadder(board.id), fields({ reminderDays: '14, 200', chair_letterDays: '7' }));
      assert.equal(bad.statusCode, 400);
      const summary = bad.$('.govuk-error-summary').text();
      assert.match(summary, /whole numbers from 1 to 90/);
      assert.match(summary, /must not be fewer than the step before it/);
      assert.equal(bad.$('.govuk-error-summary a').first().attr('href'), '#reminderDays');
      assert.equal(await count('action_ladder_settings'), 0, 'nothing saved');
      const saved = await browser.submit(urls.actionLadder(board.id), fields({ board_agendaEnabled: '' }));
      assert.equal(saved.statusCode, 302);
      assert.equal(await count('action_ladder_settings'), 1);
      assert.equal((await browser.get(urls.actionLadder(board.id))).$('#board_agendaEnabled').attr('checked'), undefined, 'the agenda step off');

      // An action far overdue climbs (one rung a day): owner, business unit, letter, formal request.
      const w = await seedLadderAction(services, board.id, callers, { targetOn: '2026-12-10' });
      clock.advance(70 * DAY);
      for (let i = 0; i < 4; i++) {
        await services.actionReminders.sendDue();
        clock.advance(DAY);
      }
      await signIn(browser, bu, clock); // a new session, weeks later
      const log = await browser.get(urls.actionChallenges(board.id, w.review.id));
      assert.equal(log.statusCode, 200);
      const headings = log
        .$('main h2')
        .map((_, h) => log.$(h).text().trim())
        .get();
      assert.deepEqual(headings.length, 4, headings.join(' | '));
      assert.match(headings[3] ?? '', /section 137/);
      const letterHref = log.$('a:contains("Letter (PDF)")').attr('href') ?? '';
      const before = await count('audit_events', 'ACTION_CHALLENGE_LETTER_DOWNLOADED');
      const pdf = await browser.get(letterHref);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(await count('audit_events', 'ACTION_CHALLENGE_LETTER_DOWNLOADED'), before + 1);

      // The formal request's response: bad answers refused, nothing written; then recorded.
      const formalHref = log.$('a:contains("Record the response")').last().attr('href') ?? '';
      const form = await browser.get(formalHref);
      assert.equal(form.$('input[name="complied"]').length, 2, 'a formal request asks whether it was complied with');
      const refused = await browser.submit(formalHref, {
        version: '1',
        response: ' ',
        outcome: '',
        'respondedOn-day': '40',
        'respondedOn-month': '2',
        'respondedOn-year': '2027',
      });
      assert.equal(refused.statusCode, 400);
      const errors = refused.$('.govuk-error-summary').text();
      for (const m of [/Enter what the partner said/, /must be a real date/, /Select the outcome/, /Select whether the request was complied with/])
        assert.match(errors, m);
      const untouched = await services.db.kysely
        .selectFrom('action_challenges')
        .select(['response', 'version'])
        .where('rung', '=', 'formal_request')
        .executeTakeFirstOrThrow();
      assert.deepEqual(untouched, { response: null, version: 1 });
      const today = clock.today().split('-');
      const ok = await browser.submit(formalHref, {
        version: '1',
        response: 'The chief officer replied within the time.',
        'respondedOn-day': String(Number(today[2])),
        'respondedOn-month': String(Number(today[1])),
        'respondedOn-year': today[0] ?? '',
        outcome: 'revised_plan_agreed',
        complied: 'yes',
      });
      assert.equal(ok.statusCode, 302);
      assert.equal(ok.headers.location, urls.actionChallengesOfAction(board.id, w.review.id, w.actionId));
      const actionLog = await browser.get(ok.headers.location ?? '');
      assert.match(actionLog.$('main').text(), /A revised plan was agreed/);
      assert.match(actionLog.$('#challenge-4').text(), /Complied with\s*Yes/);
      const cy = await browser.get(`${urls.actionChallenges(board.id, w.review.id)}?lang=cy`);
      assert.match(cy.$('h1').text(), /Cofnod heriau/);
      assert.match(cy.$('main').text(), /Cytunwyd ar gynllun diwygiedig/);
    });
  });
}
