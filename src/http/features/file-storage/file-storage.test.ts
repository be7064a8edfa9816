// The file storage check over HTTP: multipart uploads with real CSRF tokens, downloads with safe headers,
// deletion, refusals in the page's error summary and as API problems, and who may use it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { PACKET_MAX_BYTES } from '../../../domain/files.ts';
import { adminWorld } from '../../../testing/admin-fixtures.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { multipartBody, type Part, SAMPLE_EXE, samplePdf, storedKeys } from '../../../testing/file-fixtures.ts';
import type { Browser } from '../../../testing/test-app.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const PAGE = '/admin/file-storage';

async function uploadForm(browser: Browser, file: Part | undefined, purpose = 'attachment', opts: { csrfLast?: boolean; csrf?: string } = {}) {
  const page = await browser.get(PAGE);
  assert.equal(page.statusCode, 200);
  const form = page.$('form[enctype="multipart/form-data"]');
  assert.equal(form.attr('action'), PAGE);
  assert.equal(form.find('input').first().attr('name'), '_csrf', 'the token is the first field');
  const csrf = { name: '_csrf', value: opts.csrf ?? String(form.find('input[name="_csrf"]').val()) };
  const parts: Part[] = [{ name: 'purpose', value: purpose }, ...(file ? [file] : [])];
  return browser.postMultipart(PAGE, multipartBody(opts.csrfLast ? [...parts, csrf] : [csrf, ...parts]));
}

for (const dialect of dialectsUnderTest()) {
  describe(`file storage check (${dialect})`, () => {
    test('a deployment administrator uploads through the page, sees the file, downloads it with safe headers and deletes it', async (t) => {
      const { services, deploymentAdmin } = await adminWorld(t, dialect);
      const browser = deploymentAdmin.browser;
      const pdf = await samplePdf('Agency report');
      const name = 'Adroddiad ŵyr Siân.pdf';
      const res = await uploadForm(browser, { name: 'file', filename: name, content: pdf, contentType: 'text/html' });
      assert.equal(res.statusCode, 302, res.body);
      assert.equal(res.headers.location, PAGE);

      const page = await browser.get(PAGE);
      assert.match(page.$('.govuk-notification-banner').text(), /The file was uploaded and stored/);
      const card = page.$('.govuk-summary-card').first();
      assert.equal(card.find('.govuk-summary-card__title').text().trim(), name);
      assert.match(card.text(), /PDF/);
      const href = card.find('.govuk-summary-card__actions a').attr('href') ?? '';

      const download = await browser.get(href);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/pdf', 'the type found in the content, not the one the browser claimed');
      assert.equal(
        download.headers['content-disposition'],
        `attachment; filename="Adroddiad-wyr-Sian.pdf"; filename*=UTF-8''Adroddiad%20%C5%B5yr%20Si%C3%A2n.pdf`,
      );
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
      assert.match(String(download.headers['content-security-policy']), /sandbox/);
      assert.equal(download.headers['cache-control'], 'no-store');
      assert.deepEqual(download.rawPayload, pdf);
      const audited = await services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'FILE_DOWNLOADED').execute();
      assert.equal(audited.length, 1);
      assert.equal(audited[0]?.actor_id, deploymentAdmin.person.id);

      const deleted = await browser.submit(PAGE, {}, `form[action="${href}/delete"]`);
      assert.equal(deleted.statusCode, 302);
      const after = await browser.get(PAGE);
      assert.match(after.$('main').text(), /There are no test files/);
      assert.deepEqual(await storedKeys(services.files.store), []);
      assert.equal((await browser.get(href)).statusCode, 404);
    });

    test('HTML is stored as plain text and downloads as a .txt attachment, never a page', async (t) => {
      const { deploymentAdmin } = await adminWorld(t, dialect);
      const browser = deploymentAdmin.browser;
      const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
      assert.equal((await uploadForm(browser, { name: 'file', filename: 'page.html', content: html, contentType: 'text/html' })).statusCode, 302);
      const href = (await browser.get(PAGE)).$('.govuk-summary-card__actions a').attr('href') ?? '';
      const download = await browser.get(href);
      assert.equal(download.headers['content-type'], 'text/plain; charset=utf-8');
      assert.equal(download.headers['content-disposition'], `attachment; filename="page.html.txt"; filename*=UTF-8''page.html.txt`);
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
    });

    test('refusals are shown in the error summary in the reader’s language, and nothing is stored', async (t) => {
      const { services, deploymentAdmin } = await adminWorld(t, dialect, { UPLOAD_MAX_SIZE: '2KB', IMPORT_MAX_SIZE: '4KB' });
      const browser = deploymentAdmin.browser;
      const cases: [string, Part | undefined, string, string][] = [
        ['no file chosen', { name: 'file', filename: '', content: Buffer.alloc(0) }, 'attachment', 'Select a file'],
        ['a program', { name: 'file', filename: 'invoice.pdf', content: SAMPLE_EXE }, 'attachment', 'The selected file must be a PDF, Word'],
        ['too large', { name: 'file', filename: 'big.txt', content: Buffer.alloc(2049, 'a') }, 'attachment', 'The selected file must be smaller than 2 KB'],
        ['empty', { name: 'file', filename: 'empty.txt', content: Buffer.alloc(0) }, 'attachment', 'The selected file is empty'],
        // Past the largest limit of all, where the multipart parser itself stops reading.
        [
          'an import too large',
          { name: 'file', filename: 'big.csv', content: Buffer.alloc(64 * 1024, 'a') },
          'import',
          'The selected file must be smaller than 4 KB',
        ],
        ['no purpose', { name: 'file', filename: 'a.txt', content: Buffer.from('a') }, 'other', 'Select what the file is for'],
      ];
      for (const [what, file, purpose, message] of cases) {
        const res = await uploadForm(browser, file, purpose);
        assert.equal(res.statusCode, 400, what);
        assert.match(res.$('title').text(), /^Error: /, what);
        assert.match(res.$('.govuk-error-summary').text(), new RegExp(message), what);
      }
      await browser.get(`${PAGE}?lang=cy`);
      const welsh = await uploadForm(browser, { name: 'file', filename: 'big.txt', content: Buffer.alloc(2049, 'a') });
      assert.match(welsh.$('.govuk-error-summary').text(), /Rhaid i’r ffeil a ddewiswyd fod yn llai na 2 cilobeit/);
      assert.deepEqual(await storedKeys(services.files.store), []);
      assert.equal((await services.db.kysely.selectFrom('files').select('id').execute()).length, 0);
    });

    test('the default limits: an import of 26 MB is stored (far past the 1 MB body limit of forms), the same file as an attachment is refused at 25 MB', async (t) => {
      const { services, deploymentAdmin } = await adminWorld(t, dialect);
      assert.deepEqual(services.files.limits.maxBytes, { attachment: 25 * 1024 * 1024, import: 50 * 1024 * 1024, packet: PACKET_MAX_BYTES });
      const line = Buffer.from('reference,agency,date\n');
      const csv = Buffer.alloc(26 * 1024 * 1024, line.toString());
      const file: Part = { name: 'file', filename: 'table.csv', content: csv, contentType: 'text/csv' };
      const refused = await uploadForm(deploymentAdmin.browser, file, 'attachment');
      assert.equal(refused.statusCode, 400);
      assert.match(refused.$('.govuk-error-summary').text(), /The selected file must be smaller than 25 MB/);
      assert.deepEqual(await storedKeys(services.files.store), []);
      assert.equal((await uploadForm(deploymentAdmin.browser, file, 'import')).statusCode, 302);
      const [stored] = await services.files.filesOf({ type: 'file_storage_check', id: 'deployment' });
      assert.equal(stored?.sizeBytes, csv.length);
      assert.equal(stored?.contentType, 'text/plain');
    });

    test('an upload is stored as it arrives: its content reaches the store before the request has ended', async (t) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'case-review-stream-'));
      t.after(() => rmSync(dataDir, { recursive: true, force: true }));
      const { app, services, deploymentAdmin } = await adminWorld(t, dialect, { DATA_DIR: dataDir });
      const { token } = await services.tokens.create(testCaller('TEST'), deploymentAdmin.person.email, 'test');
      const boundary = 'case-review-streamed-upload';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nattachment\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="long.txt"\r\nContent-Type: text/plain\r\n\r\n`;
      const megabyte = Buffer.alloc(1024 * 1024, 'A line of text.\n');
      const temporary = join(dataDir, 'files', 'tmp');
      const bytesInStore = () => (existsSync(temporary) ? readdirSync(temporary).reduce((n, f) => n + statSync(join(temporary, f)).size, 0) : 0);
      async function* body() {
        yield Buffer.from(head);
        for (let i = 0; i < 4; i++) yield megabyte;
        // The second half is sent only once most of the first is on disk (encrypted): a server that
        // waited for the whole request before storing it would never receive it.
        for (let waited = 0; bytesInStore() < 3 * 1024 * 1024; waited += 20) {
          if (waited > 120_000) throw new Error('nothing reached the store before the request ended');
          await sleep(20);
        }
        for (let i = 0; i < 4; i++) yield megabyte;
        yield Buffer.from(`\r\n--${boundary}--\r\n`);
      }
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/file-storage/files',
        payload: Readable.from(body()),
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal((res.json() as { sizeBytes: number }).sizeBytes, 8 * megabyte.length);
    });

    test('an upload without its CSRF token first is refused before the file is read', async (t) => {
      const { services, deploymentAdmin } = await adminWorld(t, dialect);
      const file: Part = { name: 'file', filename: 'a.txt', content: Buffer.from('hello') };
      for (const opts of [{ csrfLast: true }, { csrf: 'not-the-token' }]) {
        const res = await uploadForm(deploymentAdmin.browser, file, 'attachment', opts);
        assert.equal(res.statusCode, 403, JSON.stringify(opts));
      }
      assert.deepEqual(await storedKeys(services.files.store), []);
    });

    test('only deployment administrators may use it; a board administrator is refused, page and API', async (t) => {
      const { app, services, boardAdmin } = await adminWorld(t, dialect);
      assert.equal((await boardAdmin.browser.get(PAGE)).statusCode, 403);
      const csrf = await boardAdmin.browser.csrfToken('/account/language');
      const upload = await boardAdmin.browser.postMultipart(
        PAGE,
        multipartBody([
          { name: '_csrf', value: csrf },
          { name: 'purpose', value: 'attachment' },
          { name: 'file', filename: 'a.txt', content: Buffer.from('a') },
        ]),
      );
      assert.equal(upload.statusCode, 403);
      assert.deepEqual(await storedKeys(services.files.store), []);
      const { token } = await services.tokens.create(testCaller('TEST'), boardAdmin.person.email, 'test');
      const api = await app.inject({ method: 'GET', url: '/api/v1/file-storage/files', headers: { authorization: `Bearer ${token}` } });
      assert.equal(api.statusCode, 403);
    });

    test('the API uploads (multipart), lists, downloads and deletes, and answers refusals as problems', async (t) => {
      const { app, services, deploymentAdmin } = await adminWorld(t, dialect, { UPLOAD_MAX_SIZE: '64KB' });
      const { token } = await services.tokens.create(testCaller('TEST'), deploymentAdmin.person.email, 'test');
      const auth = { authorization: `Bearer ${token}` };
      const send = (parts: Part[]) => {
        const body = multipartBody(parts);
        return app.inject({ method: 'POST', url: '/api/v1/file-storage/files', payload: body.payload, headers: { ...auth, 'content-type': body.contentType } });
      };
      const pdf = await samplePdf('API');
      const created = await send([
        { name: 'purpose', value: 'attachment' },
        { name: 'file', filename: 'api.pdf', content: pdf },
      ]);
      assert.equal(created.statusCode, 201, created.body);
      const json = created.json() as { id: string; contentType: string; sizeBytes: number };
      assert.equal(json.contentType, 'application/pdf');
      assert.equal(json.sizeBytes, pdf.length);
      assert.equal(created.headers.location, `/api/v1/file-storage/files/${json.id}/content`);

      const list = await app.inject({ method: 'GET', url: '/api/v1/file-storage/files', headers: auth });
      assert.deepEqual(
        (list.json() as { id: string }[]).map((f) => f.id),
        [json.id],
      );
      const content = await app.inject({ method: 'GET', url: `/api/v1/file-storage/files/${json.id}/content`, headers: auth });
      assert.equal(content.statusCode, 200);
      assert.deepEqual(content.rawPayload, pdf);
      assert.equal(content.headers['content-disposition'], `attachment; filename="api.pdf"; filename*=UTF-8''api.pdf`);

      const refusals: [Part[], number, string][] = [
        [[{ name: 'file', filename: 'big.txt', content: Buffer.alloc(64 * 1024 + 1, 'a') }], 413, 'file.tooLarge'],
        [[{ name: 'file', filename: 'x.pdf', content: SAMPLE_EXE }], 415, 'file.type'],
        [
          [
            { name: 'purpose', value: 'nonsense' },
            { name: 'file', filename: 'a.txt', content: Buffer.from('a') },
          ],
          422,
          'file.purposeRequired',
        ],
        [[{ name: 'purpose', value: 'attachment' }], 422, 'file.required'],
      ];
      for (const [parts, status, code] of refusals) {
        const res = await send(parts);
        assert.equal(res.statusCode, status, `${code}: ${res.body}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        assert.equal((res.json() as { errors: { code: string }[] }).errors[0]?.code, code);
      }
      const notMultipart = await app.inject({ method: 'POST', url: '/api/v1/file-storage/files', payload: {}, headers: auth });
      assert.equal(notMultipart.statusCode, 422);

      const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/file-storage/files/${json.id}`, headers: auth });
      assert.equal(deleted.statusCode, 204);
      assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/file-storage/files/${json.id}`, headers: auth })).statusCode, 404);
      assert.deepEqual(await storedKeys(services.files.store), []);
    });
  });
}
