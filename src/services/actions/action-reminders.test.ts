// Reminders and the escalation ladder (issue 12 item 4) through the scheduled job, on both databases: the clock
// advanced day by day with the job run three times a day walks one action up every rung — reminders 14 and 3
// days before its target date, then the owner, the business unit, the board chair's letter (a document, in Welsh
// and English), the next board meeting's agenda, the formal request under section 137 — each exactly once, each
// email in its recipient's language; an action proposed complete stops climbing; an action reported off track
// climbs by its cycles; a review on hold is skipped; on PostgreSQL two instances scanning at once send once.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { createServices } from '../../container.ts';
import { as } from '../../testing/case-fixtures.ts';
import { ladderRecord, seedLadderAction } from '../../testing/challenge-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { testKeyring } from '../../testing/keys.ts';
import { reviewCallers } from '../../testing/review-fixtures.ts';
import { smtpSink } from '../../testing/smtp-sink.ts';
import { TestClock } from '../../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';

const HOUR = 3_600_000;
const evidence = () => ({ name: 'audit.txt', content: Readable.from([Buffer.from('Audit report: 40 of 40 referrals made the same day.')]) });

for (const dialect of dialectsUnderTest()) {
  describe(`action reminders and the escalation ladder (${dialect})`, () => {
    async function setup(t: { after(fn: () => unknown): void }, targetOn = '2027-01-10') {
      const smtp = await smtpSink(t as Parameters<typeof smtpSink>[0]);
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date('2026-12-01T10:00:00Z'));
      const config = loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: smtp.url, PUBLIC_URL: 'http://case-review.example.org' });
      const services = createServices({ db, keyring: testKeyring(), config, clock });
      t.after(() => services.mail.close());
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const w = await seedLadderAction(services, board.id, callers, { targetOn });
      return { services, smtp, clock, board, callers, config, ...w };
    }
    type Setup = Awaited<ReturnType<typeof setup>>;

    /** Runs the due jobs three times a day until the day `until` (London) has been reached. */
    async function runDaysUntil(s: Setup, until: string) {
      while (s.clock.today() < until) {
        for (let i = 0; i < 3; i++) {
          s.clock.advance(8 * HOUR);
          await s.services.jobs.runDue();
        }
      }
    }

    test('one action walks up every rung, each reminder, email and document exactly once, in each recipient’s language', async (t) => {
      const s = await setup(t);
      const bu = as(s.callers.bu, 'BOARD_MEETING_SCHEDULED');
      const meeting = await s.services.boardMeetings.schedule(bu, s.board.id, { meetsOn: '2027-03-10', startsAt: '10:00', online: true, place: null });
      await runDaysUntil(s, '2027-03-20');
      const r = await ladderRecord(s.services, s.actionId);
      assert.deepEqual(r.reminders, [
        [14, '2026-12-27'],
        [3, '2027-01-07'],
      ]);
      assert.deepEqual(r.rungs, [
        ['owner', '2027-01-11', 'overdue'],
        ['business_manager', '2027-01-24', 'overdue'],
        ['chair_letter', '2027-02-07', 'overdue'],
        ['board_agenda', '2027-02-21', 'overdue'],
        ['formal_request', '2027-03-07', 'overdue'],
      ]);
      assert.equal(r.challenges.find((c) => c.rung === 'formal_request')?.statutory_basis, 's137', 'a Welsh board: section 137');
      assert.deepEqual(r.letters, [
        ['cy', 1],
        ['en', 1],
      ]);
      assert.deepEqual(r.agenda, [{ meeting_id: meeting.id, source_id: r.challenges.find((c) => c.rung === 'board_agenda')?.id }]);
      // The emails: the owner's (in Welsh, their language) and the business unit's (in English).
      const emails = s.smtp.emails();
      const toOwner = emails.filter((e) => e.to.includes(s.ownerEmail)).map((e) => e.subject);
      assert.deepEqual(toOwner.filter((x) => /adolygiad/.test(x) && !/cynllun|Rôl|gwahodd/i.test(x)).length, 3, toOwner.join('\n'));
      assert.equal(toOwner.filter((x) => x.startsWith('Nodyn atgoffa: mae cam gweithredu')).length, 2);
      assert.equal(toOwner.filter((x) => x.startsWith('Yn hwyr: cam gweithredu')).length, 1);
      const subjects = emails.map((e) => e.subject);
      for (const prefix of [
        'Escalation: an action',
        'The board chair’s letter: an action',
        'On the board’s agenda: an action',
        'Request under section 137: an action',
      ])
        assert.equal(
          new Set(emails.filter((e) => e.subject.startsWith(prefix)).map((e) => e.to)).size,
          emails.filter((e) => e.subject.startsWith(prefix)).length,
          prefix,
        );
      assert.ok(subjects.some((x) => x.startsWith('Request under section 137')));
      const audit = await s.services.db.kysely
        .selectFrom('audit_events')
        .select(['action'])
        .where('action', 'in', ['ACTION_REMINDED', 'ACTION_ESCALATED'])
        .execute();
      assert.equal(audit.filter((a) => a.action === 'ACTION_REMINDED').length, 2);
      assert.equal(audit.filter((a) => a.action === 'ACTION_ESCALATED').length, 5);
      // Nothing more, however often the job runs.
      await runDaysUntil(s, '2027-04-30');
      const again = await ladderRecord(s.services, s.actionId);
      assert.deepEqual([again.reminders, again.rungs, again.letters], [r.reminders, r.rungs, r.letters]);
      assert.equal(s.smtp.emails().length, emails.length);
      // The letter is a document of the pipeline: Word and tagged PDF, in Welsh.
      const letter = r.challenges.find((c) => c.rung === 'chair_letter');
      assert.ok(letter);
      const pdf = await s.services.documents.download(as(s.callers.bu, 'ACTION_CHALLENGE_LETTER_DOWNLOADED'), 'challenge_letter', letter.id, 'cy', 'pdf');
      assert.equal(pdf.version, 1);
      assert.equal(pdf.bytes.subarray(0, 4).toString(), '%PDF');
      const docx = await s.services.documents.download(as(s.callers.bu, 'ACTION_CHALLENGE_LETTER_DOWNLOADED'), 'challenge_letter', letter.id, 'en', 'docx');
      assert.equal(docx.bytes.subarray(0, 2).toString(), 'PK');
    });

    test('the agenda rung waits for a scheduled board meeting, and the ladder waits on it', async (t) => {
      const s = await setup(t);
      await runDaysUntil(s, '2027-03-20');
      assert.deepEqual(
        (await ladderRecord(s.services, s.actionId)).rungs.map((x) => x[0]),
        ['owner', 'business_manager', 'chair_letter'],
      );
      const meeting = await s.services.boardMeetings.schedule(as(s.callers.bu, 'BOARD_MEETING_SCHEDULED'), s.board.id, {
        meetsOn: '2027-04-14',
        startsAt: null,
        online: true,
        place: null,
      });
      await runDaysUntil(s, '2027-03-23');
      const r = await ladderRecord(s.services, s.actionId);
      assert.deepEqual(
        r.rungs.map((x) => [x[0], x[1]]),
        [
          ['owner', '2027-01-11'],
          ['business_manager', '2027-01-24'],
          ['chair_letter', '2027-02-07'],
          ['board_agenda', '2027-03-20'],
          ['formal_request', '2027-03-21'],
        ],
        'one rung a day once the meeting is there',
      );
      assert.equal(r.agenda[0]?.meeting_id, meeting.id);
    });

    test('an action proposed complete stops climbing; verified, it stays stopped', async (t) => {
      const s = await setup(t);
      await runDaysUntil(s, '2027-01-12');
      assert.deepEqual(
        (await ladderRecord(s.services, s.actionId)).rungs.map((x) => x[0]),
        ['owner'],
      );
      await s.services.actionProgress.proposeComplete(as(s.owner, 'ACTION_COMPLETION_PROPOSED'), s.scope, s.actionId, { narrative: 'Audited.' }, evidence());
      await runDaysUntil(s, '2027-02-01');
      await s.services.actionProgress.verify(as(s.callers.bu, 'ACTION_VERIFIED'), s.scope, s.actionId, { decision: 'verify', narrative: 'Seen the audit.' });
      await runDaysUntil(s, '2027-04-01');
      assert.deepEqual(
        (await ladderRecord(s.services, s.actionId)).rungs.map((x) => x[0]),
        ['owner'],
      );
    });

    test('an action reported off track climbs by its cycles before its target date; a review on hold is skipped', async (t) => {
      const s = await setup(t, '2027-06-30');
      const report = (narrative: string) =>
        s.services.actionProgress.update(as(s.owner, 'ACTION_UPDATED'), s.scope, s.actionId, { narrative, status: 'off_track' });
      await report('The audit tool is not agreed.');
      await runDaysUntil(s, '2026-12-03');
      assert.deepEqual(
        (await ladderRecord(s.services, s.actionId)).rungs.map((x) => [x[0], x[2]]),
        [['owner', 'off_track']],
      );
      await s.services.reviews.move(as(s.callers.bu, 'REVIEW_MOVED'), s.board.id, s.review.id, {
        event: 'hold',
        holdReason: 'criminal_proceedings',
        reason: 'Trial.',
      });
      await report('Still not agreed.');
      await runDaysUntil(s, '2026-12-06');
      assert.equal((await ladderRecord(s.services, s.actionId)).rungs.length, 1, 'on hold: nothing climbs');
      await s.services.reviews.move(as(s.callers.bu, 'REVIEW_MOVED'), s.board.id, s.review.id, { event: 'resume' });
      await runDaysUntil(s, '2026-12-08');
      assert.deepEqual(
        (await ladderRecord(s.services, s.actionId)).rungs.map((x) => [x[0], x[2]]),
        [
          ['owner', 'off_track'],
          ['business_manager', 'off_track'],
        ],
      );
      // Off track before its target date: the emails say so, never "overdue" (the owner reads Welsh).
      await s.services.jobs.runDue();
      const rungMail = s.smtp.emails().filter((e) => /^(Oddi ar y trywydd|Yn hwyr|Overdue|Off track|Escalation|Uwchgyfeirio):/.test(e.subject));
      assert.deepEqual(rungMail.map((e) => e.subject.split(':')[0]).sort(), ['Escalation', 'Oddi ar y trywydd'], rungMail.map((e) => e.subject).join('\n'));
      for (const e of rungMail) assert.doesNotMatch(e.body, /overdue|yn hwyr/i, e.subject);
      assert.match(rungMail.find((e) => e.subject.startsWith('Escalation'))?.body ?? '', /still reported off track/);
    });

    if (dialect === 'postgres') {
      test('two instances scanning at once send each reminder and each rung once', async (t) => {
        const s = await setup(t);
        const second = createServices({ db: s.services.db, keyring: testKeyring(), config: s.config, clock: s.clock });
        t.after(() => second.mail.close());
        const mailJobs = async () =>
          Number(
            (
              await s.services.db.kysely
                .selectFrom('jobs')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('kind', '=', 'mail.send')
                .executeTakeFirstOrThrow()
            ).n,
          );
        s.clock.advance(26 * 24 * HOUR); // 2026-12-27: 14 days before
        const before = await mailJobs();
        const first = await Promise.all([s.services.actionReminders.sendDue(), second.actionReminders.sendDue()]);
        assert.equal(first[0].reminded + first[1].reminded, 1);
        assert.equal(await mailJobs(), before + 1);
        s.clock.advance(15 * 24 * HOUR); // 2027-01-11: a day overdue
        const climbed = await Promise.all([s.services.actionReminders.sendDue(), second.actionReminders.sendDue()]);
        assert.equal(climbed[0].climbed + climbed[1].climbed, 1);
        assert.equal(await mailJobs(), before + 2);
        assert.equal((await ladderRecord(s.services, s.actionId)).rungs.length, 1);
      });
    }
  });
}
