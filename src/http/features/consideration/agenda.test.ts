// Adding referrals to a meeting's agenda after it was scheduled: the link on the meeting page, the
// checkboxes page, its errors in English and Welsh, who may use it, and what is written (and what is not).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CheerioAPI } from 'cheerio/slim';
import { as, callerWithRole, codeOf, criteriaAnswers, referralInput } from '../../../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { Browser, signIn } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { considerationSetup } from './test-setup.ts';

const summary = ($: CheerioAPI) =>
  $('.govuk-error-summary__list a')
    .map((_, el) => ({ text: $(el).text().trim(), href: $(el).attr('href') }))
    .get();

const labels = ($: CheerioAPI) =>
  $('main .govuk-checkboxes__label')
    .map((_, el) => $(el).text().trim())
    .get();

/**
 * A meeting of the board with Child A on its agenda (scheduled the day before "today": a meeting in the past
 * still takes referrals), Child B and Child C awaiting a decision, Child D decided, and a referral of another board.
 */
async function agendaSetup(t: Parameters<typeof considerationSetup>[0], dialect: Parameters<typeof considerationSetup>[1]) {
  const s = await considerationSetup(t, dialect);
  const { services, board, creator } = s;
  const create = (overrides: Parameters<typeof referralInput>[1] = {}) =>
    services.referrals.create(as(creator, 'REFERRAL_CREATED'), referralInput(board.id, overrides));
  const childB = await create({ receivedOn: '2026-11-21' });
  const childC = await create({ receivedOn: '2026-11-22' });
  const childD = await create({ receivedOn: '2026-11-23' });
  assert.deepEqual([codeOf(childB), codeOf(childC), codeOf(childD)], ['Child B', 'Child C', 'Child D']);

  // Child D is decided, through the real steps: analysis, recommendation, the chair's decision.
  const mg = await callerWithRole(services, 'management_group_member', board.id);
  const mgChair = await callerWithRole(services, 'management_group_chair', board.id);
  const chair = await callerWithRole(services, 'board_chair', board.id);
  const { framework } = await services.consideration.frameworkFor(mg, childD.id);
  const answers = criteriaAnswers(framework);
  await services.consideration.recordAssessment(as(mg, 'CRITERIA_ASSESSED'), childD.id, { meetingId: null, answers });
  await services.consideration.submitRecommendation(as(mgChair, 'RECOMMENDATION_SUBMITTED'), childD.id, {
    route: 'multi_agency_professional_forum',
    reviewType: null,
    reasons: 'A forum will do.',
    dissent: null,
  });
  await services.consideration.recordDecision(as(chair, 'DECISION_RECORDED'), childD.id, {
    agreesWithRecommendation: true,
    route: null,
    reviewType: null,
    rationale: 'Agreed.',
    decidedOn: '2026-11-27',
  });

  const other = await seedBoard(services, 'OTHER', { en: 'Other Board', cy: 'Bwrdd Arall' });
  const otherUnit = await callerWithRole(services, 'business_unit', other.id);
  const otherReferral = await services.referrals.create(as(otherUnit, 'REFERRAL_CREATED'), referralInput(other.id));

  const meetingId = await services.consideration.scheduleMeeting(as(creator, 'MEETING_SCHEDULED'), board.id, {
    meetsOn: '2026-11-26',
    location: 'Ystafell 2',
    referralIds: [s.referral.id],
  });
  const meetingUrl = `/boards/${board.id}/meetings/${meetingId}`;
  const agendaUrl = `${meetingUrl}/agenda`;

  const agendaIds = async () =>
    (await services.db.kysely.selectFrom('management_group_agenda').select('referral_id').where('meeting_id', '=', meetingId).execute())
      .map((r) => r.referral_id)
      .sort();
  const auditOf = (action: string) =>
    services.db.kysely.selectFrom('audit_events').select(['record_id', 'summary']).where('action', '=', action).orderBy('seq').execute();
  const statusOf = async (id: string) =>
    (await services.db.kysely.selectFrom('referrals').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  return { ...s, childB, childC, childD, other, otherUnit, otherReferral, meetingId, meetingUrl, agendaUrl, agendaIds, auditOf, statusOf };
}

for (const dialect of dialectsUnderTest()) {
  describe(`adding referrals to a meeting's agenda (${dialect})`, () => {
    test('the business unit adds two referrals: they appear on the meeting, move to "under consideration" and are audited', async (t) => {
      const s = await agendaSetup(t, dialect);
      const bu = await s.browserFor('businessUnit');

      const meeting = await bu.get(s.meetingUrl);
      assert.equal(meeting.statusCode, 200);
      const link = meeting.$(`main a[href="${s.agendaUrl}"]`);
      assert.equal(link.text().trim(), 'Add referrals to the agenda', 'a meeting in the past still takes referrals');

      // Offered: the board's undecided referrals not on this agenda, oldest first; not Child A (on it) nor Child D (decided).
      const page = await bu.get(s.agendaUrl);
      assert.equal(page.statusCode, 200);
      assert.match(page.$('title').text(), /^Add referrals to the agenda – /);
      assert.equal(page.$('h1').text().trim(), 'Add referrals to the agenda');
      assert.deepEqual(labels(page.$), ['Child B', 'Child C']);
      assert.equal(page.$(`#referralIds-item-hint`).text().trim(), 'Received 21 November 2026');
      assert.match(page.$('#referralIds-hint').text(), /Meeting on 26 November 2026/);
      assert.equal(page.$('.govuk-back-link').attr('href'), s.meetingUrl);
      assert.equal(page.$(`input[value="${s.otherReferral.id}"]`).length, 0, 'nothing of another board');

      assert.equal(await s.statusOf(s.childB.id), 'referred');
      const added = await bu.submit(s.agendaUrl, { referralIds: [s.childB.id, s.childC.id] });
      assert.equal(added.statusCode, 302);
      assert.equal(added.headers.location, s.meetingUrl);
      const after = await bu.get(s.meetingUrl);
      assert.match(after.$('.govuk-notification-banner').text(), /Agenda updated/);
      assert.deepEqual(
        after
          .$('main table tbody th a')
          .map((_, el) => after.$(el).text().trim())
          .get(),
        ['Child A', 'Child B', 'Child C'],
      );
      assert.deepEqual(await s.agendaIds(), [s.referral.id, s.childB.id, s.childC.id].sort());
      assert.equal(await s.statusOf(s.childB.id), 'under_consideration');
      assert.equal(await s.statusOf(s.childC.id), 'under_consideration');
      assert.equal(await s.statusOf(s.childD.id), 'decided_not_proceed', 'a decided referral is untouched');

      const audit = await s.auditOf('AGENDA_REFERRALS_ADDED');
      assert.deepEqual(
        audit.map((a) => [a.record_id, JSON.parse(a.summary ?? '{}').referralId]),
        [
          [s.meetingId, s.childB.id],
          [s.meetingId, s.childC.id],
        ],
      );
      assert.equal((await s.services.audit.verify()).ok, true);

      // Nothing left to add: no link, and the page says so.
      assert.equal(after.$(`main a[href="${s.agendaUrl}"]`).length, 0);
      const none = await bu.get(s.agendaUrl);
      assert.equal(none.statusCode, 200);
      assert.equal(none.$('main form').length, 0);
      assert.match(none.$('main').text(), /There are no referrals to add/);
    });

    test('in Welsh: the children as Plentyn, and the error when nothing is chosen; in English too; nothing written', async (t) => {
      const s = await agendaSetup(t, dialect);
      const bu = await s.browserFor('businessUnit');
      const welshMeeting = await bu.get(`${s.meetingUrl}?lang=cy`);
      assert.equal(welshMeeting.$(`main a[href="${s.agendaUrl}"]`).text().trim(), 'Ychwanegu atgyfeiriadau at yr agenda');
      const welsh = await bu.get(`${s.agendaUrl}?lang=cy`);
      assert.equal(welsh.$('h1').text().trim(), 'Ychwanegu atgyfeiriadau at yr agenda');
      assert.deepEqual(labels(welsh.$), ['Plentyn B', 'Plentyn C']);
      assert.equal(welsh.$('#referralIds-item-hint').text().trim(), 'Daeth i law ar 21 Tachwedd 2026');

      const emptyCy = await bu.submit(`${s.agendaUrl}?lang=cy`, {});
      assert.equal(emptyCy.statusCode, 400);
      assert.match(emptyCy.$('title').text(), /^Gwall:/);
      assert.equal(emptyCy.$('.govuk-error-summary__title').text().trim(), 'Mae problem wedi codi');
      assert.deepEqual(summary(emptyCy.$), [{ text: 'Dewiswch yr atgyfeiriadau i’w hychwanegu at yr agenda', href: '#referralIds' }]);
      assert.equal(emptyCy.$('#referralIds-error').text().trim(), 'Gwall: Dewiswch yr atgyfeiriadau i’w hychwanegu at yr agenda');
      assert.equal(emptyCy.$('#referralIds').length, 1, 'the summary link has a target');

      const empty = await bu.submit(`${s.agendaUrl}?lang=en`, {});
      assert.equal(empty.statusCode, 400);
      assert.match(empty.$('title').text(), /^Error: Add referrals to the agenda/);
      assert.equal(empty.$('.govuk-error-summary__title').text().trim(), 'There is a problem');
      assert.deepEqual(summary(empty.$), [{ text: 'Select the referrals to add to the agenda', href: '#referralIds' }]);
      assert.equal(empty.$('#referralIds-error').text().trim(), 'Error: Select the referrals to add to the agenda');

      assert.deepEqual(await s.agendaIds(), [s.referral.id]);
      assert.deepEqual(await s.auditOf('AGENDA_REFERRALS_ADDED'), []);
    });

    test("another board's referral, a decided one or an unknown id is refused, the choices are kept, and nothing is added", async (t) => {
      const s = await agendaSetup(t, dialect);
      const bu = await s.browserFor('businessUnit');
      const csrf = await bu.csrfToken(s.agendaUrl);

      const otherBoards = await bu.post(s.agendaUrl, { _csrf: csrf, referralIds: [s.childB.id, s.otherReferral.id] });
      assert.equal(otherBoards.statusCode, 400);
      assert.deepEqual(summary(otherBoards.$), [{ text: 'Select referrals of this board', href: '#referralIds' }]);
      assert.equal(otherBoards.$(`input[name="referralIds"][value="${s.childB.id}"]`).attr('checked'), 'checked', 'the choice is kept');

      const decided = await bu.post(`${s.agendaUrl}?lang=cy`, { _csrf: csrf, referralIds: [s.childC.id, s.childD.id] });
      assert.equal(decided.statusCode, 400);
      assert.deepEqual(summary(decided.$), [{ text: 'Ni ellir ystyried eto atgyfeiriad y gwnaed penderfyniad arno', href: '#referralIds' }]);

      const unknown = await bu.post(`${s.agendaUrl}?lang=en`, { _csrf: csrf, referralIds: '01a21b37-0000-7000-8000-000000000000' });
      assert.equal(unknown.statusCode, 400);
      assert.deepEqual(summary(unknown.$), [{ text: 'Select referrals of this board', href: '#referralIds' }]);

      assert.deepEqual(await s.agendaIds(), [s.referral.id]);
      assert.equal(await s.statusOf(s.childB.id), 'referred');
      assert.equal(await s.statusOf(s.childC.id), 'referred');
      assert.equal(await s.statusOf(s.otherReferral.id), 'referred');
      assert.deepEqual(await s.auditOf('AGENDA_REFERRALS_ADDED'), []);

      // A referral already on the agenda (a form submitted twice) is left as it is: only Child B is added and audited.
      const again = await bu.post(s.agendaUrl, { _csrf: csrf, referralIds: [s.referral.id, s.childB.id, s.childB.id] });
      assert.equal(again.statusCode, 302);
      assert.deepEqual(await s.agendaIds(), [s.referral.id, s.childB.id].sort());
      assert.deepEqual(
        (await s.auditOf('AGENDA_REFERRALS_ADDED')).map((a) => JSON.parse(a.summary ?? '{}').referralId),
        [s.childB.id],
      );
    });

    test('only people who manage the board’s meetings: a board member and a management group member are refused; another board’s address is not found', async (t) => {
      const s = await agendaSetup(t, dialect);
      const boardMember = await seedPerson(s.services, { roles: [{ role: 'board_member', boardId: s.board.id }], fullName: 'Bryn Aelod' });
      const bm = new Browser(s.app);
      await signIn(bm, boardMember, s.clock);
      assert.equal((await bm.get(s.agendaUrl)).statusCode, 403);
      assert.equal((await bm.post(s.agendaUrl, { _csrf: await bm.csrfToken('/'), referralIds: s.childB.id })).statusCode, 403);

      const member = await s.browserFor('member');
      const meeting = await member.get(s.meetingUrl);
      assert.equal(meeting.statusCode, 200, 'a member may read the meeting');
      assert.equal(meeting.$(`main a[href="${s.agendaUrl}"]`).length, 0, 'but is not offered the link');
      assert.equal((await member.get(s.agendaUrl)).statusCode, 403);
      assert.equal((await member.post(s.agendaUrl, { _csrf: await member.csrfToken(s.meetingUrl), referralIds: s.childB.id })).statusCode, 403);

      // The management group chair manages meetings too.
      const groupChair = await s.browserFor('groupChair');
      assert.equal((await groupChair.get(s.agendaUrl)).statusCode, 200);

      // The other board's business unit: forbidden here; through its own board's address, the meeting is not found.
      const outsider = await seedPerson(s.services, { roles: [{ role: 'business_unit', boardId: s.other.id }], totp: true });
      const ob = new Browser(s.app);
      await signIn(ob, outsider, s.clock);
      assert.equal((await ob.get(s.agendaUrl)).statusCode, 403);
      const viaOther = `/boards/${s.other.id}/meetings/${s.meetingId}/agenda`;
      assert.equal((await ob.get(viaOther)).statusCode, 404);
      assert.equal((await ob.post(viaOther, { _csrf: await ob.csrfToken('/'), referralIds: s.otherReferral.id })).statusCode, 404);

      assert.deepEqual(await s.agendaIds(), [s.referral.id]);
      assert.deepEqual(await s.auditOf('AGENDA_REFERRALS_ADDED'), []);
    });
  });
}
