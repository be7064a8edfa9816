// Background jobs, tested as later issues test their reminders: enqueue through a service, advance the
// injected clock, run the scheduler (runDue, what the server's worker runs) and read what happened — the
// SMTP sink, the database. Never by calling a handler directly.
import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices, type Services } from '../container.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { seedPerson } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { smtpSink } from '../testing/smtp-sink.ts';
import { TestClock } from '../testing/test-app.ts';
import { createSharedTestDbs, createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { newId, systemCaller } from './context.ts';
import { HOUSEKEEPING_EVERY_MS, HOUSEKEEPING_JOB } from './housekeeping.ts';
import { errorText, JobError, LEASE_MS, retryDelay } from './job-service.ts';
import { type Email, MAIL_JOB } from './mail-service.ts';

const PUBLIC_URL = 'http://case-review.example.org';
const START = new Date('2026-12-07T09:00:00.000Z');
const MINUTE = 60_000;

const message = (n: number, language: 'en' | 'cy' = 'en'): Email => ({
  to: `person${n}@example.org`,
  subject: `Message ${n}`,
  body: `Body of message ${n}.`,
  language,
});

function servicesOn(t: TestContext, db: Db, clock: TestClock, smtpUrl: string): Services {
  const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: smtpUrl, PUBLIC_URL }), clock });
  t.after(() => services.mail.close());
  return services;
}

async function world(t: TestContext, dialect: Parameters<typeof createTestDb>[0], smtpUrl?: string) {
  const smtp = await smtpSink(t);
  const db = await createTestDb(dialect);
  t.after(() => db.close());
  const clock = new TestClock(START);
  return { services: servicesOn(t, db, clock, smtpUrl ?? smtp.url), smtp, clock, db };
}

async function jobRows(services: Services, kind?: string) {
  let q = services.db.kysely.selectFrom('jobs').selectAll().orderBy('created_at').orderBy('id');
  if (kind) q = q.where('kind', '=', kind);
  return q.execute();
}

for (const dialect of dialectsUnderTest()) {
  describe(`background jobs (${dialect})`, () => {
    test('a job due later runs when the clock reaches it: advancing the clock and running the scheduler sends one email', async (t) => {
      const { services, smtp, clock } = await world(t, dialect);
      // A reminder for an hour from now, enqueued in the transaction of the change that causes it.
      await inTransaction(services.db, (trx) => services.jobs.enqueue(trx, MAIL_JOB, message(1), { runAt: new Date(START.getTime() + 60 * MINUTE) }));

      assert.deepEqual(await services.jobs.runDue(), { ran: 0, failed: 0 }, 'not due yet');
      clock.advance(59 * MINUTE);
      await services.jobs.runDue();
      assert.equal(smtp.messages.length, 0, 'still not due a minute before');

      clock.advance(MINUTE);
      // The recurring jobs (housekeeping, the file store's sweep) may fall due too; the email goes once.
      assert.equal((await services.jobs.runDue()).failed, 0);
      assert.deepEqual(
        (await jobRows(services, MAIL_JOB)).map((j) => j.state),
        ['done'],
      );
      const [sent, ...more] = smtp.emails();
      assert.equal(more.length, 0);
      assert.equal(sent?.to, 'person1@example.org');
      assert.equal(sent?.subject, 'Message 1');
      assert.match(sent?.body ?? '', /^Body of message 1\./);

      // Once sent, never again.
      clock.advance(60 * MINUTE);
      await services.jobs.runDue();
      assert.equal(smtp.messages.length, 1);
      const [job] = await jobRows(services, MAIL_JOB);
      assert.equal(job?.state, 'done');
      assert.equal(job?.attempts, 1);
      assert.equal(job?.payload, null, 'the message is forgotten once sent');
    });

    // Several app processes share PostgreSQL (a SQLite deployment is one process, whose single writer claims alone).
    if (dialect === 'postgres')
      test('two app instances on one PostgreSQL: each job runs once, and a recurring job is enqueued once', async (t) => {
        const smtp = await smtpSink(t);
        const shared = await createSharedTestDbs(2);
        t.after(() => shared.close());
        const clock = new TestClock(START);
        const [one, two] = shared.dbs.map((db) => servicesOn(t, db, clock, smtp.url)) as [Services, Services];

        await inTransaction(one.db, async (trx) => {
          for (let n = 1; n <= 20; n++) await one.jobs.enqueue(trx, MAIL_JOB, message(n));
        });
        // Both workers at once, as two processes woken by the same poll.
        const [a, b] = await Promise.all([one.jobs.runDue(), two.jobs.runDue()]);
        assert.equal(a.ran + b.ran, 20, `instance one ran ${a.ran}, instance two ${b.ran}`);
        assert.equal(a.failed + b.failed, 0);
        assert.equal(smtp.messages.length, 20, 'twenty messages, not more');
        const subjects = smtp.emails().map((e) => e.subject);
        assert.equal(new Set(subjects).size, 20, 'each message once');
        const rows = await jobRows(one, MAIL_JOB);
        assert.ok(
          rows.every((r) => r.state === 'done' && r.attempts === 1),
          'every job done at its first attempt',
        );

        // Housekeeping is due a quarter of an hour after the schedule was first seen: one run between the two.
        clock.advance(HOUSEKEEPING_EVERY_MS);
        await Promise.all([one.jobs.runDue(), two.jobs.runDue(), one.jobs.runDue(), two.jobs.runDue()]);
        const runs = await jobRows(one, HOUSEKEEPING_JOB);
        assert.equal(runs.length, 1, 'one housekeeping run');
        assert.equal(runs[0]?.state, 'done');
        assert.equal(runs[0]?.schedule, HOUSEKEEPING_JOB);
      });

    test('a job enqueued in a transaction that rolls back never runs; one that commits is sent at once by the worker', async (t) => {
      const { services, smtp } = await world(t, dialect);
      // The server's worker, polling only once an hour: what arrives comes from the wake-up after a commit.
      services.jobs.start({ pollMs: 3_600_000 });
      t.after(() => services.jobs.stop());

      await assert.rejects(
        inTransaction(services.db, async (trx) => {
          await services.mail.enqueue(trx, message(1));
          throw new Error('the change fails after queuing its email');
        }),
        /the change fails/,
      );
      assert.equal((await jobRows(services)).length, 0, 'no job was left behind');

      await inTransaction(services.db, (trx) => services.mail.enqueue(trx, message(2)));
      const [sent] = await smtp.waitForMessages(1);
      assert.ok(sent);
      await services.jobs.stop();
      await services.jobs.runDue();
      assert.deepEqual(
        smtp.emails().map((e) => e.subject),
        ['Message 2'],
      );
    });

    test('an email is from the service named in its own language, at the configured address', async (t) => {
      const { services, smtp } = await world(t, dialect);
      await inTransaction(services.db, async (trx) => {
        await services.mail.enqueue(trx, message(3, 'cy'));
        await services.mail.enqueue(trx, message(4, 'en'));
      });
      await services.jobs.runDue();
      const from = new Map(smtp.emails().map((e) => [e.subject, e.from]));
      assert.equal(from.get('Message 3'), 'Adolygu Achosion <no-reply@case-review.invalid>');
      assert.equal(from.get('Message 4'), 'Case Review <no-reply@case-review.invalid>');
    });

    test('a failing job is retried with exponential backoff, then is dead; its error names no one', async (t) => {
      // An SMTP server that refuses connections.
      const { services, smtp, clock } = await world(t, dialect, 'smtp://127.0.0.1:9');
      await inTransaction(services.db, (trx) => services.mail.enqueue(trx, message(7)));
      const mailJob = async () => (await jobRows(services, MAIL_JOB))[0];

      const waits: number[] = [];
      for (let attempt = 1; attempt <= 10; attempt++) {
        const { failed } = await services.jobs.runDue();
        assert.equal(failed, 1, `attempt ${attempt} fails`);
        const job = await mailJob();
        assert.equal(job?.attempts, attempt);
        if (attempt === 10) break;
        assert.equal(job?.state, 'queued', `queued again after attempt ${attempt}`);
        const wait = new Date(job?.run_at ?? '').getTime() - clock.now().getTime();
        waits.push(wait);
        // Not tried again before its time.
        clock.advance(wait - 1000);
        await services.jobs.runDue();
        assert.equal((await mailJob())?.attempts, attempt, `no attempt ${attempt + 1} before the backoff ends`);
        clock.advance(1000);
      }
      const s = 1000;
      assert.deepEqual(waits, [30 * s, 60 * s, 120 * s, 240 * s, 480 * s, 960 * s, 1920 * s, 3600 * s, 3600 * s]);
      const dead = await mailJob();
      assert.equal(dead?.state, 'dead');
      assert.match(dead?.last_error ?? '', /^Error [A-Z]+/);
      assert.doesNotMatch(dead?.last_error ?? '', /@|person7|127\.0\.0\.1/, 'no address in the error');
      assert.notEqual(dead?.payload, null, 'a dead job keeps its (sealed) message, to be retried');
      clock.advance(24 * 60 * MINUTE);
      await services.jobs.runDue();
      assert.equal((await mailJob())?.attempts, 10, 'a dead job is not run again by itself');
      assert.equal(smtp.messages.length, 0);
    });

    test('a job whose worker died is run again once its lease runs out', async (t) => {
      const { services, smtp, clock, db } = await world(t, dialect);
      await inTransaction(services.db, (trx) => services.mail.enqueue(trx, message(3)));
      // A worker claimed it and died before finishing: the row is running, with a lease.
      await db.kysely
        .updateTable('jobs')
        .set({ state: 'running', attempts: 1, lease_token: 'dead-worker', lease_until: new Date(START.getTime() + LEASE_MS).toISOString() })
        .execute();
      await services.jobs.runDue();
      assert.equal(smtp.messages.length, 0, 'not while the lease holds');
      clock.advance(LEASE_MS);
      await services.jobs.runDue();
      assert.equal(smtp.messages.length, 1);
      const [job] = await jobRows(services, MAIL_JOB);
      assert.equal(job?.state, 'done');
      assert.equal(job?.attempts, 2);
    });

    test('an email job is sealed at rest: no address, subject, body or link in the database, and forgotten once sent', async (t) => {
      const { services, smtp } = await world(t, dialect);
      const secretLink = `${PUBLIC_URL}/set-password/Tok3nThatMustNotLeak`;
      await inTransaction(services.db, (trx) =>
        services.mail.enqueue(trx, { to: 'hidden.person@example.org', subject: 'Subject Wrenfield', body: `Hello Wrenfield, ${secretLink}`, language: 'en' }),
      );
      const stored = JSON.stringify(await jobRows(services));
      for (const plain of ['hidden.person', 'Wrenfield', 'Tok3nThatMustNotLeak']) assert.ok(!stored.includes(plain), `"${plain}" is not stored in plaintext`);
      await services.jobs.runDue();
      assert.match(smtp.emails()[0]?.body ?? '', /Tok3nThatMustNotLeak/);
      const [job] = await jobRows(services, MAIL_JOB);
      assert.equal(job?.payload, null);
    });

    test('a dead job is retried by a deployment administrator (audited), and by no one else', async (t) => {
      const { services, smtp, clock, db } = await world(t, dialect);
      await inTransaction(services.db, (trx) => services.mail.enqueue(trx, message(5)));
      const [job] = await jobRows(services, MAIL_JOB);
      assert.ok(job);
      await db.kysely.updateTable('jobs').set({ state: 'dead', attempts: 10, last_error: 'Error ECONNECTION' }).execute();

      const admin = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const loaded = await services.identity.loadActor(admin.id, true);
      assert.ok(loaded);
      const caller = { ...systemCaller('JOB_RETRIED'), actor: { personId: admin.id, grants: loaded.grants, twoFactorSatisfied: true } };
      const unverified = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }] });
      const notYet = await services.identity.loadActor(unverified.id, false);
      assert.ok(notYet);
      await assert.rejects(
        services.jobs.retry({ ...caller, actor: { personId: unverified.id, grants: notYet.grants, twoFactorSatisfied: false } }, job.id),
        (e: unknown) => (e as { kind?: string }).kind === 'forbidden',
        'not without two-factor',
      );

      const page = await services.jobs.list(caller, { state: 'dead', page: 1, pageSize: 25 });
      assert.deepEqual(
        page.jobs.map((j) => [j.id, j.kind, j.attempts, j.lastError]),
        [[job.id, MAIL_JOB, 10, 'Error ECONNECTION']],
      );
      assert.equal(page.counts.dead, 1);
      assert.ok(!JSON.stringify(page).includes('person5'), 'the list shows no payload');

      const retried = await services.jobs.retry(caller, job.id);
      assert.equal(retried.state, 'queued');
      assert.equal(retried.attempts, 0);
      await assert.rejects(services.jobs.retry(caller, job.id), (e: unknown) => (e as { kind?: string }).kind === 'conflict', 'only a dead job');
      await assert.rejects(services.jobs.retry(caller, newId()), (e: unknown) => (e as { kind?: string }).kind === 'not_found');
      const events = await db.kysely
        .selectFrom('audit_events')
        .select(['action', 'record_type', 'record_id', 'summary'])
        .where('action', '=', 'JOB_RETRIED')
        .execute();
      assert.deepEqual(events, [{ action: 'JOB_RETRIED', record_type: 'job', record_id: job.id, summary: JSON.stringify({ kind: MAIL_JOB, attempts: 10 }) }]);

      clock.advance(1000);
      await services.jobs.runDue();
      assert.deepEqual(
        smtp.emails().map((e) => e.to),
        ['person5@example.org'],
      );
    });

    test('housekeeping, run by the scheduler, purges what has expired and nothing else', async (t) => {
      const { services, clock, db } = await world(t, dialect);
      const person = await seedPerson(services, {});
      const k = db.kysely;
      const at = (minutes: number) => new Date(START.getTime() + minutes * MINUTE).toISOString();
      // The scheduler first sees the schedule now; housekeeping is due in a quarter of an hour, at NOW.
      await services.jobs.runDue();
      const NOW = HOUSEKEEPING_EVERY_MS / MINUTE;
      const session = (id: string, expires: number, absolute: number) => ({
        id,
        person_id: person.id,
        data: 'enc:v1:x:y:z',
        created_at: at(-60),
        last_seen_at: at(-1),
        expires_at: at(expires),
        absolute_expires_at: at(absolute),
      });
      await k
        .insertInto('sessions')
        .values([session('s-idle-expired', NOW - 1, NOW + 600), session('s-too-old', NOW + 30, NOW - 1), session('s-live', NOW + 30, NOW + 600)])
        .execute();
      const link = (id: string, more: { expires: number; used?: boolean; revoked?: boolean }) => ({
        id,
        token_hash: `hash-${id}`,
        purpose: 'invitation',
        person_id: person.id,
        expires_at: at(more.expires),
        used_at: more.used ? at(-5) : null,
        revoked_at: more.revoked ? at(-5) : null,
        created_at: at(-10),
        created_by: null,
      });
      await k
        .insertInto('one_time_links')
        .values([
          link('l-used', { expires: NOW + 60, used: true }),
          link('l-revoked', { expires: NOW + 60, revoked: true }),
          link('l-expired', { expires: NOW - 1 }),
          link('l-open', { expires: NOW + 60 }),
        ])
        .execute();
      const change = (id: string, more: { expires: number; confirmed?: boolean; revoked?: boolean }) => ({
        id,
        person_id: person.id,
        new_email: `${id}@example.org`,
        token_hash: `hash-${id}`,
        requested_by: null,
        requested_at: at(-10),
        expires_at: at(more.expires),
        confirmed_at: more.confirmed ? at(-5) : null,
        revoked_at: more.revoked ? at(-5) : null,
      });
      await k
        .insertInto('email_changes')
        .values([
          change('c-confirmed', { expires: NOW + 60, confirmed: true }),
          change('c-revoked', { expires: NOW + 60, revoked: true }),
          change('c-expired', { expires: NOW - 1 }),
          change('c-open', { expires: NOW + 60 }),
        ])
        .execute();
      await k
        .insertInto('password_reset_requests')
        .values([
          { id: 'r-old', person_id: person.id, ip: '203.0.113.1', outcome: 'sent', requested_at: at(NOW - 61) },
          { id: 'r-recent', person_id: person.id, ip: '203.0.113.1', outcome: 'sent', requested_at: at(NOW - 59) },
        ])
        .execute();
      const bucket = (name: string, lastFailure: number, warned: number | null) => ({
        bucket: name,
        failures: 3,
        last_failure_at: at(lastFailure),
        next_attempt_at: at(lastFailure),
        version: 1,
        warned_at: warned === null ? null : at(warned),
      });
      await k
        .insertInto('sign_in_throttles')
        .values([bucket('t-stale', NOW - 24 * 60 - 1, null), bucket('t-recent', NOW - 60, null), bucket('t-warned-lately', NOW - 24 * 60 - 1, NOW - 60)])
        .execute();
      const doneJob = (id: string, state: string, finished: number | null) => ({
        id,
        kind: MAIL_JOB,
        payload: null,
        state,
        run_at: at(-60 * 24 * 30),
        attempts: 1,
        max_attempts: 10,
        lease_token: null,
        lease_until: null,
        last_error: state === 'dead' ? 'Error' : null,
        schedule: null,
        created_at: at(-60 * 24 * 30),
        updated_at: at(-60 * 24 * 30),
        finished_at: finished === null ? null : at(finished),
      });
      await k
        .insertInto('jobs')
        .values([
          doneJob('j-done-long-ago', 'done', NOW - 7 * 24 * 60 - 1),
          doneJob('j-done-lately', 'done', NOW - 60),
          doneJob('j-dead', 'dead', -60 * 24 * 30),
        ])
        .execute();
      const auditBefore = await k.selectFrom('audit_events').select('id').execute();

      clock.advance(HOUSEKEEPING_EVERY_MS);
      await services.jobs.runDue();

      const ids = async (table: 'sessions' | 'one_time_links' | 'email_changes' | 'password_reset_requests') =>
        (await k.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);
      assert.deepEqual(await ids('sessions'), ['s-live']);
      assert.deepEqual(await ids('one_time_links'), ['l-open']);
      assert.deepEqual(await ids('email_changes'), ['c-open']);
      assert.deepEqual(await ids('password_reset_requests'), ['r-recent']);
      assert.deepEqual(
        (await k.selectFrom('sign_in_throttles').select('bucket').orderBy('bucket').execute()).map((r) => r.bucket),
        ['t-recent', 't-warned-lately'],
      );
      const jobs = await k.selectFrom('jobs').select(['id', 'kind', 'state']).orderBy('id').execute();
      assert.deepEqual(
        jobs.filter((j) => j.kind === MAIL_JOB).map((j) => j.id),
        ['j-dead', 'j-done-lately'],
      );
      assert.deepEqual(
        jobs.filter((j) => j.kind === HOUSEKEEPING_JOB).map((j) => j.state),
        ['done'],
      );
      assert.equal((await k.selectFrom('audit_events').select('id').execute()).length, auditBefore.length, 'the audit log is untouched');
      assert.ok(await k.selectFrom('people').select('id').where('id', '=', person.id).executeTakeFirst(), 'people stay');
    });
  });
}

describe('job errors keep no personal data', () => {
  test('an error is kept as its name and codes; a JobError as its message', () => {
    const smtpRefusal = Object.assign(new Error('550 5.1.1 <nia@example.org>: Recipient address rejected'), { code: 'EENVELOPE', responseCode: 550 });
    assert.equal(errorText(smtpRefusal), 'Error EENVELOPE (SMTP 550)');
    assert.equal(errorText(new TypeError('Cannot read properties of Siân')), 'TypeError');
    assert.equal(errorText(new JobError('The mail server refused the message (SMTP 550)')), 'The mail server refused the message (SMTP 550)');
    assert.equal(errorText('a string with nia@example.org'), 'Error');
    assert.equal(errorText(Object.assign(new Error('x'), { code: 'has spaces and nia@example.org' })), 'Error');
  });

  test('backoff doubles from 30 seconds up to an hour', () => {
    assert.deepEqual(
      [1, 2, 3, 7, 8, 20].map((n) => retryDelay(n)),
      [30_000, 60_000, 120_000, 1_920_000, 3_600_000, 3_600_000],
    );
  });
});
