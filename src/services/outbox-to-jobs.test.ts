// The mail outbox became jobs (migration 2026_12_07_0100_create_jobs): nothing a person was told was sent
// is lost on the way. An unsent message becomes a queued mail job, sealed when the service starts, and is
// delivered by the scheduler; one the outbox had given up on becomes a dead job an administrator can
// retry; sent ones (whose bodies held set-password links in plaintext) are gone with the outbox.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Migrator, sql } from 'kysely';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { migrationProvider } from '../db/migrations/index.ts';
import { testKeyring } from '../testing/keys.ts';
import { smtpSink } from '../testing/smtp-sink.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { MAIL_JOB } from './mail-service.ts';

const BEFORE_JOBS = '2026_12_06_1300_unique_roles_in_effect';

for (const dialect of dialectsUnderTest()) {
  describe(`the mail outbox becomes jobs (${dialect})`, () => {
    test('unsent messages are delivered after the upgrade, given-up ones wait as dead jobs, and no message is left in plaintext', async (t) => {
      const smtp = await smtpSink(t);
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const migrator = new Migrator({ db: db.kysely, provider: migrationProvider });
      assert.equal((await migrator.migrateTo(BEFORE_JOBS)).error, undefined);
      const row = (id: string, to: string, more: { attempts: number; sentAt?: string; lastError?: string }) => sql`
        insert into outbox_emails (id, to_address, subject, body_text, created_at, attempts, sent_at, last_error)
        values (${id}, ${to}, ${`Subject for ${to}`}, ${`Set your password: http://case-review.example.org/set-password/token-${id}`},
                '2026-12-06T09:00:00.000Z', ${more.attempts}, ${more.sentAt ?? null}, ${more.lastError ?? null})`;
      await row('e-unsent', 'waiting@example.org', { attempts: 2, lastError: 'Error: 451 <waiting@example.org> try later' }).execute(db.kysely);
      await row('e-given-up', 'bounced@example.org', { attempts: 10, lastError: 'Error: 550 <bounced@example.org> unknown' }).execute(db.kysely);
      await row('e-sent', 'sent@example.org', { attempts: 1, sentAt: '2026-12-06T09:00:05.000Z' }).execute(db.kysely);
      assert.equal((await migrator.migrateToLatest()).error, undefined);

      // The migration queued the unsent message at the real time it ran: the service's clock is after that.
      const clock = new TestClock(new Date(Date.now() + 60_000));
      const services = createServices({
        db,
        keyring: testKeyring(),
        config: loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: smtp.url, PUBLIC_URL: 'http://case-review.example.org' }),
        clock,
      });
      t.after(() => services.mail.close());
      // What the service does when it starts (src/boot.ts), before any worker runs.
      await services.atRest.sealAll({ rotate: false });

      const jobs = await db.kysely.selectFrom('jobs').selectAll().orderBy('id').execute();
      assert.deepEqual(
        jobs.map((j) => [j.id, j.kind, j.state]),
        [
          ['e-given-up', MAIL_JOB, 'dead'],
          ['e-unsent', MAIL_JOB, 'queued'],
        ],
      );
      const stored = JSON.stringify(jobs);
      for (const plain of ['waiting@', 'bounced@', 'token-e-']) assert.ok(!stored.includes(plain), `${plain} is sealed`);

      await services.jobs.runDue();
      assert.deepEqual(
        smtp.emails().map((e) => [e.to, e.subject]),
        [['waiting@example.org', 'Subject for waiting@example.org']],
      );
      assert.match(smtp.emails()[0]?.body ?? '', /set-password\/token-e-unsent/);
      const tables = await db.kysely.introspection.getTables();
      assert.ok(!tables.some((table) => table.name === 'outbox_emails'), 'the outbox is gone');
    });
  });
}
