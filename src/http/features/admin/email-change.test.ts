// Finding 1 of issue 8: an email change made by an administrator takes effect only when confirmed from
// the new address; the old address is told and stays the sign-in address until then; open invitations
// stop working.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Services } from '../../../container.ts';
import { adminWorld, auditActions, seedAgency } from '../../../testing/admin-fixtures.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { seedPerson, TEST_PASSWORD } from '../../../testing/fixtures.ts';
import { decodeQuotedPrintable, smtpSink } from '../../../testing/smtp-sink.ts';
import { Browser } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const PUBLIC_URL = 'http://case-review.example.org';

async function emailOf(services: Services, personId: string): Promise<string> {
  return (await services.db.kysely.selectFrom('people').select('email').where('id', '=', personId).executeTakeFirstOrThrow()).email;
}

function details(email: string, agencyId: string) {
  return { fullName: 'Siôn Moved', email, jobTitle: 'Nurse', agencyId, language: 'cy' };
}

for (const dialect of dialectsUnderTest()) {
  describe(`admin: changing a person’s email address (${dialect})`, () => {
    test('with email: a check page, a notice to the old address, a link to the new; the address changes only when confirmed', async (t) => {
      const smtp = await smtpSink(t);
      const { app, services, boardA, boardAdmin } = await adminWorld(t, dialect, { SMTP_URL: smtp.url, PUBLIC_URL });
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, {
        fullName: 'Siôn Moved',
        email: 'old@example.org',
        agencyId: agency.id,
        language: 'cy',
        roles: [{ role: 'board_member', boardId: boardA.id }],
      });
      const browser = boardAdmin.browser;
      const edit = `/admin/people/${person.id}/edit`;

      // The check page, in English and Welsh; nothing is changed or sent yet.
      const check = await browser.submit(edit, details('New@Example.org', agency.id));
      assert.equal(check.statusCode, 200);
      assert.equal(check.$('h1').text().trim(), 'Check the change of email address');
      assert.match(check.$('.govuk-summary-list').text(), /old@example\.org[\s\S]*new@example\.org/);
      assert.match(check.$('main').text(), /we will email the current address to say that a change was asked for/);
      const checkCy = await browser.submit(`${edit}?lang=cy`, details('new@example.org', agency.id));
      assert.equal(checkCy.$('h1').text().trim(), 'Gwirio’r newid i’r cyfeiriad e-bost');
      await browser.get('/admin?lang=en');
      assert.equal(await emailOf(services, person.id), 'old@example.org');
      assert.ok(!(await auditActions(services)).includes('EMAIL_CHANGE_REQUESTED'));

      // Confirming the check starts the change.
      const started = await browser.submit(edit, { ...details('new@example.org', agency.id), confirmEmailChange: 'yes' }, 'main form[action$="/edit"]');
      assert.equal(started.statusCode, 200);
      assert.equal(started.$('h1').text().trim(), 'Email address change started');
      assert.match(started.$('main').text(), /keeps signing in with old@example\.org/);
      assert.equal(started.$('#confirmation-link').length, 0, 'the link is emailed, not shown');
      assert.equal(await emailOf(services, person.id), 'old@example.org', 'the address has not changed yet');
      const page = await browser.get(`/admin/people/${person.id}`);
      assert.match(page.$('.govuk-summary-list').text(), /new@example\.org: waiting for the person to confirm it/);

      await services.jobs.runDue();
      assert.equal(smtp.messages.length, 2);
      const messages = smtp.messages.map(decodeQuotedPrintable);
      const notice = messages.find((m) => /^To: old@example\.org/m.test(m)) ?? '';
      const confirm = messages.find((m) => /^To: new@example\.org/m.test(m)) ?? '';
      assert.match(notice, /new@example\.org/, 'the old address is told where it is going');
      assert.match(notice, /Adolygu Achosion/, 'in the person’s language (Welsh)');
      assert.doesNotMatch(notice, /confirm-email/, 'the old address never gets the link');
      const link = /http:\/\/case-review\.example\.org\/confirm-email\/([\w-]+)\?lang=cy\s/.exec(confirm);
      assert.ok(link, 'the new address gets the confirmation link');

      // Until it is confirmed, the old address signs in and the new one does not.
      assert.equal((await new Browser(app).submit('/sign-in', { email: 'new@example.org', password: TEST_PASSWORD })).statusCode, 400);
      assert.equal((await new Browser(app).submit('/sign-in', { email: 'old@example.org', password: TEST_PASSWORD })).statusCode, 302);

      // The person confirms from the new address: a page (English and Welsh), then a button.
      const theirs = new Browser(app);
      const path = `/confirm-email/${link[1]}`;
      const confirmPage = await theirs.get(path);
      assert.equal(confirmPage.statusCode, 200);
      assert.equal(confirmPage.$('h1').text().trim(), 'Confirm your new email address');
      assert.match(confirmPage.$('main').text(), /Confirm that new@example\.org is your email address/);
      assert.equal((await theirs.get(`${path}?lang=cy`)).$('h1').text().trim(), 'Cadarnhau eich cyfeiriad e-bost newydd');
      assert.equal(await emailOf(services, person.id), 'old@example.org', 'opening the link changes nothing');
      const done = await theirs.submit(`${path}?lang=en`, {});
      assert.equal(done.headers.location, '/email-confirmed');
      assert.equal((await theirs.get('/email-confirmed')).$('h1').text().trim(), 'Your email address has been changed');
      assert.equal(await emailOf(services, person.id), 'new@example.org');
      assert.equal((await new Browser(app).submit('/sign-in', { email: 'new@example.org', password: TEST_PASSWORD })).statusCode, 302);
      assert.equal((await new Browser(app).submit('/sign-in', { email: 'old@example.org', password: TEST_PASSWORD })).statusCode, 400);
      assert.equal((await theirs.get(path)).statusCode, 404, 'single use');

      const events = await services.db.kysely
        .selectFrom('audit_events')
        .selectAll()
        .where('action', 'in', ['PERSON_UPDATED', 'EMAIL_CHANGE_REQUESTED', 'EMAIL_CHANGE_CONFIRMED'])
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        events.map((e) => [e.action, e.board_id]),
        [
          ['PERSON_UPDATED', boardA.id],
          ['EMAIL_CHANGE_REQUESTED', boardA.id],
          ['EMAIL_CHANGE_CONFIRMED', boardA.id],
        ],
      );
      for (const e of events) assert.doesNotMatch(e.summary, /example\.org/, 'no addresses in the audit log');
    });

    test('without email: the link is shown to pass on, the page says no one was told; it expires after 24 hours', async (t) => {
      const { app, services, clock, boardA, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { email: 'old@example.org', agencyId: agency.id, roles: [{ role: 'board_member', boardId: boardA.id }] });
      const browser = boardAdmin.browser;
      const check = await browser.submit(`/admin/people/${person.id}/edit`, details('new@example.org', agency.id));
      assert.match(check.$('main').text(), /this service does not send email, so you will be shown the confirmation link/);
      const started = await browser.submit(
        `/admin/people/${person.id}/edit`,
        { ...details('new@example.org', agency.id), confirmEmailChange: 'yes' },
        'main form[action$="/edit"]',
      );
      assert.equal(started.statusCode, 200);
      const link = String(started.$('#confirmation-link').val() ?? '').trim();
      assert.match(link, /\/confirm-email\/[\w-]+\?lang=cy$/, 'opens in the person’s language');
      assert.match(started.$('.govuk-warning-text').text(), /No one has been told at the current address/);
      const cy = await browser.submit(
        `/admin/people/${person.id}/edit?lang=cy`,
        { ...details('newer@example.org', agency.id), confirmEmailChange: 'yes' },
        'main form[action$="/edit"]',
      );
      assert.equal(cy.$('h1').text().trim(), 'Newid i’r cyfeiriad e-bost wedi dechrau');
      const newer = String(cy.$('#confirmation-link').val() ?? '').trim();
      const theirs = new Browser(app);
      assert.equal((await theirs.get(new URL(link).pathname)).statusCode, 404, 'a newer change revokes the earlier link');
      clock.advance(24 * 3_600_000 + 60_000);
      const expired = await theirs.get(new URL(newer).pathname);
      assert.equal(expired.statusCode, 404);
      assert.match(expired.$('main').text(), /Links to confirm a new email address work once and expire after 24 hours/);
      assert.equal(await emailOf(services, person.id), 'old@example.org');
    });

    test('open invitations stop working when the address changes; a waiting change can be cancelled', async (t) => {
      const { app, services, boardA, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { email: 'typo@example.org', agencyId: agency.id, password: false });
      const browser = boardAdmin.browser;
      const invited = await browser.submit(`/admin/people/${person.id}`, {}, `form[action="/admin/people/${person.id}/invite"]`);
      const invitation = new URL(String(invited.$('#invitation-link').val() ?? '').trim()).pathname;
      const started = await browser.submit(
        `/admin/people/${person.id}/edit`,
        { ...details('right@example.org', agency.id), confirmEmailChange: 'yes' },
        'main form[action$="/edit"]',
      );
      const link = new URL(String(started.$('#confirmation-link').val() ?? '').trim()).pathname;
      assert.equal((await new Browser(app).get(invitation)).statusCode, 404, 'the invitation sent to the old address no longer works');

      const page = await browser.get(`/admin/people/${person.id}`);
      const cancel = await browser.submit(`/admin/people/${person.id}`, {}, `form[action="/admin/people/${person.id}/email-change/cancel"]`);
      assert.equal(cancel.headers.location, `/admin/people/${person.id}`);
      assert.equal(page.$(`form[action="/admin/people/${person.id}/email-change/cancel"]`).length, 1);
      assert.equal((await new Browser(app).get(link)).statusCode, 404, 'a cancelled change cannot be confirmed');
      assert.ok((await auditActions(services)).includes('EMAIL_CHANGE_CANCELLED'));
      assert.equal(await emailOf(services, person.id), 'typo@example.org');
    });

    test('the confirmation is refused if someone else has taken the address meanwhile', async (t) => {
      const { app, services, boardA, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { email: 'first@example.org', agencyId: agency.id, roles: [{ role: 'board_member', boardId: boardA.id }] });
      const started = await boardAdmin.browser.submit(
        `/admin/people/${person.id}/edit`,
        { ...details('wanted@example.org', agency.id), confirmEmailChange: 'yes' },
        'main form[action$="/edit"]',
      );
      const link = new URL(String(started.$('#confirmation-link').val() ?? '').trim()).pathname;
      await seedPerson(services, { email: 'wanted@example.org' });
      const refused = await new Browser(app).submit(link, {});
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(
        refused
          .$('.govuk-error-summary__list a')
          .map((_, a) => refused.$(a).text().trim())
          .get(),
        ['Someone already uses this email address'],
      );
      assert.equal(await emailOf(services, person.id), 'first@example.org');
    });

    test('API: a new email in PUT starts a change that waits for confirmation (the response says how)', async (t) => {
      const { app, services, boardA, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { email: 'api-old@example.org', agencyId: agency.id, roles: [{ role: 'board_member', boardId: boardA.id }] });
      const token = (await services.tokens.create(testCaller('TEST_TOKEN'), boardAdmin.person.email, 'test')).token;
      const headers = { authorization: `Bearer ${token}` };
      const body = { fullName: 'Api Person', email: 'api-new@example.org', jobTitle: null, agencyId: agency.id, language: 'en' };
      const res = await app.inject({ method: 'PUT', url: `/api/v1/people/${person.id}`, headers, payload: body });
      assert.equal(res.statusCode, 200, res.body);
      const data = JSON.parse(res.body);
      assert.equal(data.email, 'api-old@example.org', 'still the old address');
      assert.equal(data.fullName, 'Api Person', 'the other details are saved');
      assert.equal(data.emailChange.newEmail, 'api-new@example.org');
      assert.equal(data.emailChange.emailed, false);
      assert.match(data.emailChange.confirmationLink, /\/confirm-email\/[\w-]+\?lang=en$/);
      const same = await app.inject({ method: 'PUT', url: `/api/v1/people/${person.id}`, headers, payload: { ...body, email: 'api-old@example.org' } });
      assert.equal(JSON.parse(same.body).emailChange, null, 'no change asked for, none started');
      const cancelled = await app.inject({ method: 'DELETE', url: `/api/v1/people/${person.id}/email-change`, headers });
      assert.equal(cancelled.statusCode, 204);
      assert.equal((await new Browser(app).get(new URL(data.emailChange.confirmationLink).pathname)).statusCode, 404);
      const none = await app.inject({ method: 'DELETE', url: `/api/v1/people/${person.id}/email-change`, headers });
      assert.equal(none.statusCode, 404);
      const doc = JSON.parse((await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body);
      assert.match(doc.paths['/api/v1/people/{personId}'].put.description, /confirms with a single-use link sent to the new address/);
    });
  });
}
