// Recording attendance through the pages (issue 8 §14): the management group's people only, refused for
// anyone else (another board's person, the deployment administrator) even when the form is forged; guests
// named with their role or organisation and shown on the meeting page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CheerioAPI } from 'cheerio/slim';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';
import { considerationSetup } from './test-setup.ts';

const summary = ($: CheerioAPI) =>
  $('.govuk-error-summary__list a')
    .map((_, el) => ({ text: $(el).text().trim(), href: $(el).attr('href') }))
    .get();

for (const dialect of dialectsUnderTest()) {
  describe(`meeting attendance through the pages (${dialect})`, () => {
    test('a forged form naming another board’s person or the deployment administrator is refused; nothing is recorded', async (t) => {
      const s = await considerationSetup(t, dialect);
      const { services, board, people } = s;
      const other = await seedBoard(services, 'OTHER', { en: 'Other Board', cy: 'Bwrdd Arall' });
      const otherMember = await seedPerson(services, { fullName: 'Owain Arall', roles: [{ role: 'management_group_member', boardId: other.id }], totp: true });
      const root = await seedPerson(services, { fullName: 'Root Admin', roles: [{ role: 'administrator', boardId: null }], totp: true });
      const bu = await s.browserFor('businessUnit');
      const scheduled = await bu.submit(`/boards/${board.id}/meetings/new`, { 'meetsOn-day': '26', 'meetsOn-month': '11', 'meetsOn-year': '2026' });
      const meetingUrl = String(scheduled.headers.location);
      for (const outsider of [otherMember.id, root.id, people.businessUnit.id]) {
        const refused = await bu.submit(`${meetingUrl}/attendance`, { attended: [people.member.id, outsider] });
        assert.equal(refused.statusCode, 400);
        assert.deepEqual(summary(refused.$), [
          { text: 'Select only people from the board’s management group (its members, its chair and the board chair)', href: '#attended' },
        ]);
      }
      assert.deepEqual(await services.db.kysely.selectFrom('management_group_attendance').selectAll().execute(), []);
      assert.deepEqual(await services.db.kysely.selectFrom('audit_events').select('id').where('action', '=', 'ATTENDANCE_RECORDED').execute(), []);
    });

    test('guests are named with their role or organisation, shown on the meeting page, and a half-filled row is an error', async (t) => {
      const s = await considerationSetup(t, dialect);
      const { services, board, people } = s;
      const bu = await s.browserFor('businessUnit');
      const scheduled = await bu.submit(`/boards/${board.id}/meetings/new`, { 'meetsOn-day': '26', 'meetsOn-month': '11', 'meetsOn-year': '2026' });
      const meetingUrl = String(scheduled.headers.location);

      const form = await bu.get(`${meetingUrl}/attendance`);
      assert.equal(form.$('h1').text().trim(), 'Who attended the meeting?');
      assert.equal(form.$('input[name^="guestName-"]').length, 3, 'three empty guest rows');

      const half = await bu.submit(`${meetingUrl}/attendance`, {
        attended: [people.member.id],
        'guestName-0': '',
        'guestRole-0': '',
        'guestName-1': 'Dr Ffion Arbenigwr',
        'guestRole-1': '',
      });
      assert.equal(half.statusCode, 400);
      assert.deepEqual(summary(half.$), [{ text: 'Enter the guest’s role or organisation', href: '#guestRole-0' }]);
      assert.equal(half.$('#guestName-0').val(), 'Dr Ffion Arbenigwr', 'the answers are kept');

      const saved = await bu.submit(`${meetingUrl}/attendance`, {
        attended: [people.member.id, people.chair.id],
        'guestName-0': 'Dr Ffion Arbenigwr',
        'guestRole-0': 'Consultant paediatrician',
        'guestName-1': '',
        'guestRole-1': '',
      });
      assert.equal(saved.statusCode, 302, saved.$('.govuk-error-summary').text());
      const page = await bu.get(meetingUrl);
      assert.deepEqual(
        page
          .$('.app-guests li')
          .map((_, el) => page.$(el).text())
          .get(),
        ['Dr Ffion Arbenigwr (Consultant paediatrician)'],
      );
      assert.deepEqual(
        page
          .$('.app-attended li')
          .map((_, el) => page.$(el).text())
          .get()
          .sort(),
        ['Gwyn Cadeirydd', 'Meirion Aelod'],
      );
      const again = await bu.get(`${meetingUrl}/attendance`);
      assert.equal(again.$('#guestName-0').val(), 'Dr Ffion Arbenigwr', 'recorded guests are shown to change');
      assert.equal(again.$('input[name^="guestName-"]').length, 4);
      const welsh = await bu.get(`${meetingUrl}?lang=cy`);
      assert.match(welsh.$('main').text(), /Gwesteion/);
      const audit = await services.db.kysely.selectFrom('audit_events').select('summary').where('action', '=', 'ATTENDANCE_RECORDED').execute();
      assert.deepEqual(
        audit.map((a) => JSON.parse(a.summary)),
        [{ attended: 2, absent: 1, guests: 1 }],
      );
    });
  });
}
