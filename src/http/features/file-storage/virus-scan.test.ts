// The virus scan over HTTP, against a real clamd with a signature database built by sigtool
// (src/testing/clamd.ts): a matching upload is refused in the page's error summary, in the reader's
// language, and as problem JSON; an unreachable scanner is a 503. Skipped when clamd is not installed,
// unless REQUIRE_ALL=1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminWorld } from '../../../testing/admin-fixtures.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { CLAMD_TEST_MARKER, clamdUnavailable, type LocalClamd, startLocalClamd } from '../../../testing/clamd.ts';
import { multipartBody, type Part, storedKeys } from '../../../testing/file-fixtures.ts';
import type { Browser } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const PAGE = '/admin/file-storage';
const INFECTED: Part = {
  name: 'file',
  filename: 'minutes.txt',
  content: Buffer.concat([Buffer.from('Minutes of the meeting.\n'), CLAMD_TEST_MARKER, Buffer.from('\n')]),
};

async function uploadForm(browser: Browser, file: Part) {
  const csrf = await browser.csrfToken(PAGE);
  return browser.postMultipart(PAGE, multipartBody([{ name: '_csrf', value: csrf }, { name: 'purpose', value: 'attachment' }, file]));
}

describe('file storage check with a virus scan', { skip: clamdUnavailable() }, () => {
  let clamd: LocalClamd;
  before(async () => {
    clamd = await startLocalClamd();
  });
  after(async () => {
    await clamd?.close();
  });

  for (const dialect of dialectsUnderTest()) {
    describe(dialect, () => {
      test('the page says the scan is on, stores a clean file, and refuses an infected one in the error summary, in English and Welsh', async (t) => {
        const { services, deploymentAdmin } = await adminWorld(t, dialect, clamd.env);
        const browser = deploymentAdmin.browser;
        const page = await browser.get(PAGE);
        assert.match(page.$('.govuk-summary-list').text(), /Virus scan\s+On \(clamd at /);

        assert.equal((await uploadForm(browser, { name: 'file', filename: 'clean.txt', content: Buffer.from('Minutes of the meeting.\n') })).statusCode, 302);
        const keys = await storedKeys(services.files.store);

        const refused = await uploadForm(browser, INFECTED);
        assert.equal(refused.statusCode, 400);
        assert.match(refused.$('title').text(), /^Error: /);
        assert.equal(refused.$('.govuk-error-summary a').attr('href'), '#file');
        assert.match(refused.$('.govuk-error-summary').text(), /The selected file contains a virus or other harmful content, so it was not stored/);
        assert.match(refused.$('#file-error').text(), /contains a virus/);

        await browser.get(`${PAGE}?lang=cy`);
        const welsh = await uploadForm(browser, INFECTED);
        assert.match(welsh.$('.govuk-error-summary').text(), /Mae’r ffeil a ddewiswyd yn cynnwys feirws/);

        assert.deepEqual(await storedKeys(services.files.store), keys, 'nothing of the infected uploads was kept');
        const audited = await services.db.kysely.selectFrom('audit_events').select('actor_id').where('action', '=', 'FILE_REFUSED_INFECTED').execute();
        assert.deepEqual(
          audited.map((a) => a.actor_id),
          [deploymentAdmin.person.id, deploymentAdmin.person.id],
        );
      });

      test('the API answers an infected upload with 422 file.infected, and an unreachable scanner with 503', async (t) => {
        for (const [env, status, code] of [
          [clamd.env, 422, 'file.infected'],
          [{ CLAMD_SOCKET: `${clamd.socket}.absent` }, 503, 'file.scanUnavailable'],
        ] as const) {
          const { app, services, deploymentAdmin } = await adminWorld(t, dialect, env);
          const { token } = await services.tokens.create(testCaller('TEST'), deploymentAdmin.person.email, 'test');
          const body = multipartBody([{ name: 'purpose', value: 'attachment' }, INFECTED]);
          const res = await app.inject({
            method: 'POST',
            url: '/api/v1/file-storage/files',
            payload: body.payload,
            headers: { authorization: `Bearer ${token}`, 'content-type': body.contentType },
          });
          assert.equal(res.statusCode, status, res.body);
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
          assert.equal((res.json() as { errors: { code: string }[] }).errors[0]?.code, code);
          assert.deepEqual(await storedKeys(services.files.store), []);
        }
      });
    });
  }
});
