import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { adminWorld, auditActions, seedAgency } from '../../../testing/admin-fixtures.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { decodeQuotedPrintable, smtpSink } from '../../../testing/smtp-sink.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`admin: invitations (${dialect})`, () => {
    test('without email, the one-time link is shown to the administrator; open invitations are listed and can be cancelled', async (t) => {
      const { services, boardA, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { fullName: 'New Starter', agencyId: agency.id, password: false });
      const browser = boardAdmin.browser;
      const invite = `form[action="/admin/people/${person.id}/invite"]`;

      const sent = await browser.submit(`/admin/people/${person.id}`, {}, invite);
      assert.equal(sent.statusCode, 200);
      assert.equal(sent.$('h1').text().trim(), 'Invitation created');
      const link = String(sent.$('#invitation-link').val() ?? '').trim();
      // The configured host and port (no PUBLIC_URL in this test), never the request's Host header.
      assert.match(link, /^http:\/\/127\.0\.0\.1:3000\/set-password\/\S+$/);
      const token = new URL(link).pathname.split('/set-password/')[1] ?? '';
      assert.equal(new URL(link).searchParams.get('lang'), 'en', 'the link opens in the person’s language');
      assert.equal((await services.identity.inspectLink(token, 'invitation'))?.personId, person.id);
      const event = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'INVITATION_CREATED').executeTakeFirstOrThrow();
      assert.equal(event.record_id, person.id);
      assert.doesNotMatch(event.summary, new RegExp(token), 'the token is never recorded');

      const page = await browser.get(`/admin/people/${person.id}`);
      const revoke = page.$(`form[action^="/admin/people/${person.id}/invitations/"]`);
      assert.equal(revoke.length, 1, 'the open invitation is listed');
      assert.equal(page.$(`${invite} button`).text().trim(), 'Send a new invitation');
      const cancelled = await browser.submit(`/admin/people/${person.id}`, {}, `form[action="${revoke.attr('action')}"]`);
      assert.equal(cancelled.headers.location, `/admin/people/${person.id}`);
      assert.equal(await services.identity.inspectLink(token, 'invitation'), undefined, 'the link no longer works');
      assert.ok((await auditActions(services)).includes('INVITATION_REVOKED'));
      assert.equal((await browser.get(`/admin/people/${person.id}`)).$(`form[action^="/admin/people/${person.id}/invitations/"]`).length, 0);
    });

    test('with SMTP configured, the invitation is emailed and the link is not shown', async (t) => {
      const smtp = await smtpSink(t);
      const { services, boardA, boardAdmin } = await adminWorld(t, dialect, {
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        PUBLIC_URL: 'http://case-review.example.org',
      });
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { fullName: 'Emailed Person', email: 'emailed@example.org', agencyId: agency.id, password: false });
      const browser = boardAdmin.browser;

      const sent = await browser.submit(`/admin/people/${person.id}`, {}, `form[action="/admin/people/${person.id}/invite"]`);
      assert.equal(sent.statusCode, 200);
      assert.equal(sent.$('h1').text().trim(), 'Invitation sent');
      assert.match(sent.$('main').text(), /emailed@example\.org/);
      assert.equal(sent.$('#invitation-link').length, 0, 'the link is not shown when it is emailed');

      await services.jobs.runDue();
      assert.equal(smtp.messages.length, 1);
      const message = decodeQuotedPrintable(smtp.messages[0] ?? '');
      assert.match(message, /^To: emailed@example\.org/m);
      const link = /http:\/\/case-review\.example\.org\/set-password\/([\w-]+)/.exec(message);
      assert.ok(link, 'the message carries the set-password link');
      assert.equal((await services.identity.inspectLink(link[1] ?? '', 'invitation'))?.personId, person.id);
    });

    test('with the job worker running, the invitation email goes as soon as the invitation is made, not at a later sweep', async (t) => {
      const smtp = await smtpSink(t);
      const { services, boardA, boardAdmin } = await adminWorld(t, dialect, { SMTP_URL: smtp.url, PUBLIC_URL: 'http://case-review.example.org' });
      // The server's worker, with a poll so slow that only the wake-up after the commit can send it.
      services.jobs.start({ pollMs: 3_600_000 });
      t.after(() => services.jobs.stop());
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { fullName: 'Prompt Person', email: 'prompt@example.org', agencyId: agency.id, password: false });
      const sent = await boardAdmin.browser.submit(`/admin/people/${person.id}`, {}, `form[action="/admin/people/${person.id}/invite"]`);
      assert.equal(sent.statusCode, 200);
      const [message] = await smtp.waitForMessages(1);
      assert.match(decodeQuotedPrintable(message ?? ''), /^To: prompt@example\.org/m);
      // The link's expiry, written out in London time.
      assert.match(smtp.emails()[0]?.body ?? '', /expires at 10:00 on 4 December 2026 \(UK time\)/);
    });

    test('only administrators of the person’s board may invite them', async (t) => {
      const { services, boardB, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardB.id] });
      const person = await seedPerson(services, { agencyId: agency.id, password: false });
      const token = await boardAdmin.browser.csrfToken('/admin');
      const res = await boardAdmin.browser.post(`/admin/people/${person.id}/invite`, { _csrf: token });
      assert.equal(res.statusCode, 404);
      assert.ok(!(await auditActions(services)).includes('INVITATION_CREATED'));
    });

    test('an account with a password is not invited: the page says they use “Forgotten your password?”, and the service refuses', async (t) => {
      const smtp = await smtpSink(t);
      const { app, services, boardA, boardAdmin } = await adminWorld(t, dialect, { SMTP_URL: smtp.url, PUBLIC_URL: 'http://case-review.example.org' });
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { fullName: 'Active Person', agencyId: agency.id });
      const browser = boardAdmin.browser;
      const page = await browser.get(`/admin/people/${person.id}`);
      assert.equal(page.$(`form[action="/admin/people/${person.id}/invite"]`).length, 0, 'no invitation offered');
      assert.match(page.$('main').text(), /This person has already set a password, so they do not need an invitation/);
      assert.match(page.$('main').text(), /they choose “Forgotten your password\?” on the sign-in page/);
      const cy = await browser.get(`/admin/people/${person.id}?lang=cy`);
      assert.match(cy.$('main').text(), /Mae’r unigolyn hwn eisoes wedi gosod cyfrinair/);
      await browser.get('/admin?lang=en');

      const refused = await browser.post(`/admin/people/${person.id}/invite`, { _csrf: await browser.csrfToken(`/admin/people/${person.id}`) });
      assert.equal(refused.headers.location, `/admin/people/${person.id}`);
      assert.match((await browser.get(`/admin/people/${person.id}`)).$('.govuk-notification-banner').text(), /already set a password/);

      const token = (await services.tokens.create(testCaller('TEST_TOKEN'), boardAdmin.person.email, 'test')).token;
      const api = await app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/invitation`, headers: { authorization: `Bearer ${token}` } });
      assert.equal(api.statusCode, 422, api.body);
      assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
      assert.deepEqual(JSON.parse(api.body).errors, [
        {
          field: 'person',
          code: 'invitation.accountActive',
          message:
            'This person has already set a password, so they cannot be invited. If they have forgotten it, they use “Forgotten your password?” on the sign-in page',
        },
      ]);
      const links = await services.db.kysely.selectFrom('one_time_links').select('id').where('person_id', '=', person.id).execute();
      assert.equal(links.length, 0, 'no link to the account was made');
      assert.ok(!(await auditActions(services)).includes('INVITATION_CREATED'));
    });

    test('API: an account that has never had a password is invited; without email the link is returned to pass on', async (t) => {
      const { app, services, boardA, boardAdmin } = await adminWorld(t, dialect);
      const agency = await seedAgency(services, { boardIds: [boardA.id] });
      const person = await seedPerson(services, { agencyId: agency.id, password: false, roles: [{ role: 'board_member', boardId: boardA.id }] });
      const token = (await services.tokens.create(testCaller('TEST_TOKEN'), boardAdmin.person.email, 'test')).token;
      const res = await app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/invitation`, headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.statusCode, 201, res.body);
      const body = JSON.parse(res.body);
      assert.equal(body.emailed, false);
      assert.match(body.link, /\/set-password\/[\w-]+\?lang=en$/, 'opens in the person’s language');
      const event = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'INVITATION_CREATED').executeTakeFirstOrThrow();
      assert.equal(event.board_id, boardA.id, 'recorded against the person’s board');
    });
  });
}
