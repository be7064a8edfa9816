// The background jobs page and API: deployment administrators only; each job's attempts, last error and
// when it runs, and never its message; a failed job run again, audited; pages of 25.
import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import type { Services } from '../../../container.ts';
import { systemCaller } from '../../../services/context.ts';
import { MAIL_JOB } from '../../../services/mail-service.ts';
import { adminWorld } from '../../../testing/admin-fixtures.ts';
import { queueEmails, seedDeadJob } from '../../../testing/job-fixtures.ts';
import { smtpSink } from '../../../testing/smtp-sink.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

type Dialect = ReturnType<typeof dialectsUnderTest>[number];

async function world(t: TestContext, dialect: Dialect) {
  const smtp = await smtpSink(t);
  const built = await adminWorld(t, dialect, { SMTP_URL: smtp.url, PUBLIC_URL: 'http://case-review.example.org' });
  return { ...built, smtp };
}

/** A message that failed its last attempt: a dead mail job. */
const deadEmail = (services: Services, to: string) => seedDeadJob(services, { to });

const cardsOf = (page: { $: import('cheerio/slim').CheerioAPI }) =>
  page
    .$('main .govuk-summary-card')
    .toArray()
    .map((card) => {
      const c = page.$(card);
      const rows = Object.fromEntries(
        c
          .find('.govuk-summary-list__row')
          .toArray()
          .map((r) => [page.$(r).find('dt').text().trim(), page.$(r).find('dd').text().trim()]),
      );
      return { title: c.find('.govuk-summary-card__title').text().trim(), rows, form: c.find('form').attr('action') };
    });

for (const dialect of dialectsUnderTest()) {
  describe(`background jobs page (${dialect})`, () => {
    test('a deployment administrator sees a failed email’s attempts, error and time (not its message), in English and Welsh, and runs it again', async (t) => {
      const { services, smtp, deploymentAdmin } = await world(t, dialect);
      const jobId = await deadEmail(services, 'unlucky@example.org');
      const browser = deploymentAdmin.browser;

      const admin = await browser.get('/admin');
      assert.equal(admin.$('main a[href="/admin/jobs"]').text().trim(), 'Background jobs');

      const page = await browser.get('/admin/jobs');
      assert.equal(page.statusCode, 200);
      assert.equal(page.$('h1').text().trim(), 'Background jobs');
      assert.deepEqual(
        page
          .$('main nav li a')
          .toArray()
          .map((a) => [page.$(a).text().trim(), page.$(a).attr('aria-current') ?? '']),
        [
          ['Failed (1)', 'page'],
          ['Waiting (0)', ''],
          ['Running (0)', ''],
          ['Done (0)', ''],
        ],
      );
      assert.deepEqual(cardsOf(page), [
        {
          title: 'Send an email',
          rows: {
            Attempts: '10 of 10',
            'Last error': 'Error ECONNECTION',
            Stopped: '27 November 2026, 10:00',
            Created: '27 November 2026, 10:00',
            'Job ID': jobId,
          },
          form: `/admin/jobs/${jobId}/retry`,
        },
      ]);
      assert.doesNotMatch(page.body, /unlucky|Kestrelmoor/, 'the message is not shown');
      assert.match(page.$('main').text(), /Recurring jobs[\s\S]*Housekeeping[\s\S]*Every 15 minutes/);

      const cy = await browser.get('/admin/jobs?lang=cy');
      assert.equal(cy.$('h1').text().trim(), 'Tasgau cefndir');
      assert.deepEqual(cardsOf(cy)[0]?.rows, {
        Ymdrechion: '10 (uchafswm 10)',
        'Gwall diwethaf': 'Error ECONNECTION',
        'Wedi stopio': '27 Tachwedd 2026, 10:00',
        'Wedi’i chreu': '27 Tachwedd 2026, 10:00',
        'Cyfeirnod y dasg': jobId,
      });
      assert.equal(cy.$('main form button').text().trim(), `Rhedeg eto tasg ${jobId}`);

      const retried = await browser.submit('/admin/jobs?lang=en', {}, `form[action="/admin/jobs/${jobId}/retry"]`);
      assert.equal(retried.statusCode, 302);
      assert.equal(retried.headers.location, '/admin/jobs?state=queued');
      const waiting = await browser.get('/admin/jobs?state=queued');
      assert.match(waiting.$('.govuk-notification-banner').text(), /The job will run again in a moment\./);
      assert.deepEqual(cardsOf(waiting)[0]?.rows.Attempts, '0 of 10');
      const [event] = await services.db.kysely.selectFrom('audit_events').select(['actor_id', 'record_id']).where('action', '=', 'JOB_RETRIED').execute();
      assert.deepEqual(event, { actor_id: deploymentAdmin.person.id, record_id: jobId });

      await services.jobs.runDue();
      assert.deepEqual(
        smtp.emails().map((e) => e.to),
        ['unlucky@example.org'],
      );
      // Running it again once more is refused: it is no longer dead.
      const again = await browser.post(`/admin/jobs/${jobId}/retry`, { _csrf: await browser.csrfToken('/admin/jobs') });
      assert.equal(again.statusCode, 409);
      assert.match(again.$('.govuk-error-summary').text(), /This job has not failed/);
    });

    test('only deployment administrators: a board administrator is refused the page and running a job again', async (t) => {
      const { services, boardAdmin } = await world(t, dialect);
      const jobId = await deadEmail(services, 'someone@example.org');
      assert.equal((await boardAdmin.browser.get('/admin/jobs')).statusCode, 403);
      const refused = await boardAdmin.browser.post(`/admin/jobs/${jobId}/retry`, { _csrf: await boardAdmin.browser.csrfToken('/admin') });
      assert.equal(refused.statusCode, 403);
      const job = await services.db.kysely.selectFrom('jobs').select('state').where('id', '=', jobId).executeTakeFirstOrThrow();
      assert.equal(job.state, 'dead');
      assert.equal((await boardAdmin.browser.get('/admin')).$('main a[href="/admin/jobs"]').length, 0);
    });

    test('jobs come 25 a page; a page beyond the last shows the last', async (t) => {
      const { services, deploymentAdmin } = await world(t, dialect);
      await queueEmails(
        services,
        Array.from({ length: 30 }, (_, n) => ({ to: `p${n}@example.org`, subject: 's', body: 'b', language: 'en' as const })),
      );
      const first = await deploymentAdmin.browser.get('/admin/jobs?state=queued');
      assert.equal(cardsOf(first).length, 25);
      assert.equal(first.$('main .govuk-pagination a[href="/admin/jobs?state=queued&page=2"]').length > 0, true);
      const beyond = await deploymentAdmin.browser.get('/admin/jobs?state=queued&page=99');
      assert.equal(beyond.statusCode, 200);
      assert.equal(cardsOf(beyond).length, 5);
      const odd = await deploymentAdmin.browser.get('/admin/jobs?state=nonsense');
      assert.equal(odd.$('main nav a[aria-current="page"]').text().trim(), 'Failed (0)');
    });

    test('the API lists jobs by state and runs a dead job again, for deployment administrators only', async (t) => {
      const { app, services, deploymentAdmin, boardAdmin } = await world(t, dialect);
      const jobId = await deadEmail(services, 'api@example.org');
      const token = async (email: string) => (await services.tokens.create(systemCaller('API_TOKEN_CREATED'), email, 'jobs')).token;
      const root = await token(deploymentAdmin.person.email);
      const board = await token(boardAdmin.person.email);
      const call = (method: 'GET' | 'POST', url: string, bearer: string) => app.inject({ method, url, headers: { authorization: `Bearer ${bearer}` } });

      const list = await call('GET', '/api/v1/jobs?state=dead', root);
      assert.equal(list.statusCode, 200);
      const body = list.json() as { jobs: { id: string; kind: string; attempts: number; lastError: string }[]; counts: Record<string, number>; total: number };
      assert.deepEqual(
        body.jobs.map((j) => [j.id, j.kind, j.attempts, j.lastError]),
        [[jobId, MAIL_JOB, 10, 'Error ECONNECTION']],
      );
      assert.equal(body.counts.dead, 1);
      assert.doesNotMatch(list.body, /api@example|Kestrelmoor/);
      assert.equal((await call('GET', '/api/v1/jobs?state=lost', root)).statusCode, 400);
      assert.equal((await call('GET', '/api/v1/jobs', board)).statusCode, 403);
      assert.equal((await call('POST', `/api/v1/jobs/${jobId}/retry`, board)).statusCode, 403);

      const retried = await call('POST', `/api/v1/jobs/${jobId}/retry`, root);
      assert.equal(retried.statusCode, 200);
      assert.equal((retried.json() as { state: string }).state, 'queued');
      const again = await call('POST', `/api/v1/jobs/${jobId}/retry`, root);
      assert.equal(again.statusCode, 409);
      assert.equal((again.json() as { errors: { code: string }[] }).errors[0]?.code, 'job.notDead');
    });
  });
}
