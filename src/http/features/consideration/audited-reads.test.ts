// Every page that reads case material writes exactly one audit event, with the page's audit name and the
// board, in the same transaction as the read (issue 8 §15): the dashboard, the meetings list, a meeting,
// the form that schedules one, its agenda form, the criteria form and the referral page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { considerationSetup } from './test-setup.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`audited reads of case material: pages (${dialect})`, () => {
    test('each read writes one event with the page’s audit name and the board, holding ids and counts only', async (t) => {
      const s = await considerationSetup(t, dialect);
      const { services, board, referral, base } = s;
      const bu = await s.browserFor('businessUnit');
      const member = await s.browserFor('member');
      const scheduled = await bu.submit(`/boards/${board.id}/meetings/new`, { 'meetsOn-day': '26', 'meetsOn-month': '11', 'meetsOn-year': '2026' });
      const meetingUrl = String(scheduled.headers.location);
      const meetingId = meetingUrl.split('/').at(-1) ?? '';

      const lastSeq = async () =>
        Number((await services.db.kysely.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow()).seq);
      const reads: [browser: typeof bu, url: string, action: string, record: [string, string]][] = [
        [member, `/boards/${board.id}`, 'BOARD_DASHBOARD_VIEWED', ['board', board.id]],
        [member, `/boards/${board.id}?status=referred&page=2`, 'BOARD_DASHBOARD_VIEWED', ['board', board.id]],
        [member, `/boards/${board.id}/meetings`, 'MEETINGS_VIEWED', ['board', board.id]],
        [member, meetingUrl, 'MEETING_VIEWED', ['meeting', meetingId]],
        [bu, meetingUrl, 'MEETING_VIEWED', ['meeting', meetingId]],
        [bu, `${meetingUrl}/agenda`, 'AGENDA_VIEWED', ['meeting', meetingId]],
        [bu, `/boards/${board.id}/meetings/new`, 'MEETING_SCHEDULE_VIEWED', ['board', board.id]],
        [member, `${base}/criteria`, 'CRITERIA_VIEWED', ['referral', referral.id]],
        [member, base, 'REFERRAL_VIEWED', ['referral', referral.id]],
        [member, `${base}/consideration`, 'CONSIDERATION_VIEWED', ['referral', referral.id]],
      ];
      for (const [browser, url, action, [recordType, recordId]] of reads) {
        const before = await lastSeq();
        const page = await browser.get(url);
        assert.equal(page.statusCode, 200, url);
        const events = await services.db.kysely.selectFrom('audit_events').selectAll().where('seq', '>', before).execute();
        assert.deepEqual(
          events.map((e) => [e.action, e.board_id, e.record_type, e.record_id]),
          [[action, board.id, recordType, recordId]],
          url,
        );
        assert.doesNotMatch(events[0]?.summary ?? '', /Child A|Siân|Prydderch|death|suspected|2026-11-18/, url);
      }

      // A refused form shown again is read as the form's view, once.
      for (const [url, fields, action] of [
        [`${meetingUrl}/agenda`, {}, 'AGENDA_VIEWED'],
        [`/boards/${board.id}/meetings/new`, { 'meetsOn-day': '31', 'meetsOn-month': '2', 'meetsOn-year': '2026' }, 'MEETING_SCHEDULE_VIEWED'],
      ] as const) {
        const token = await bu.csrfToken(url);
        const before = await lastSeq();
        const refused = await bu.post(url, { ...fields, _csrf: token });
        assert.equal(refused.statusCode, 400, url);
        const events = await services.db.kysely.selectFrom('audit_events').select('action').where('seq', '>', before).execute();
        assert.deepEqual(
          events.map((e) => e.action),
          [action],
          url,
        );
      }
    });
  });
}
