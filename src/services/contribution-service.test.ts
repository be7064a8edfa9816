// Agency contributions (issue 10 item 4; R3, R4) through the services, on both databases: a request gives the
// agency's author and senior manager their roles and emails the contact in the contact's language; the author's
// declaration (refused when involved or a line manager; nothing drafted before it); drafting, submission and
// sign-off; another agency's people refused; waiving with a reason; the R4 gates on the review's moves;
// attachments refused by content and size; reminders once per rung, none while the review is on hold.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { addDays } from '../domain/clock/dates.ts';
import { as } from '../testing/case-fixtures.ts';
import { callerFor, completeRequest, seedRequest } from '../testing/contribution-fixtures.ts';
import { SAMPLE_EXE, sampleDocx, streamOf } from '../testing/file-fixtures.ts';
import { seedBoard } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { seedAgency } from '../testing/referral-fixtures.ts';
import { seedSubmittedReport } from '../testing/report-fixtures.ts';
import { reviewCallers, reviewRoleCaller, seedReview } from '../testing/review-fixtures.ts';
import { smtpSink } from '../testing/smtp-sink.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { ServiceError } from './context.ts';
import { UploadRefused } from './files/file-service.ts';

const DAY = 86_400_000;
const invalidWith = (field: string, key: string) => (e: unknown) => e instanceof ServiceError && e.kind === 'invalid' && e.fieldErrors[field] === key;
const kindOf = (kind: string) => (e: unknown) => e instanceof ServiceError && e.kind === kind;

for (const dialect of dialectsUnderTest()) {
  describe(`agency contributions (${dialect})`, () => {
    async function setup(t: { after(fn: () => unknown): void }, opts: { maxBytes?: number } = {}) {
      const smtp = await smtpSink(t as Parameters<typeof smtpSink>[0]);
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const env: Record<string, string> = { LOG_LEVEL: 'silent', SMTP_URL: smtp.url, PUBLIC_URL: 'http://case-review.example.org' };
      if (opts.maxBytes) env.UPLOAD_MAX_SIZE = String(opts.maxBytes);
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig(env), clock });
      t.after(() => services.mail.close());
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const review = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006' });
      const police = await seedAgency(services, [board.id]);
      const health = await seedAgency(services, [board.id], { en: 'Test Health', cy: 'Iechyd Prawf' }, 'health');
      const here = { boardId: board.id, reviewId: review.id };
      const dueOn = addDays(clock.today(), 28);
      return { services, smtp, clock, board, callers, review, police, health, here, dueOn, bu: callers.bu };
    }

    const jobsOf = async (s: Awaited<ReturnType<typeof setup>>, kind = 'mail.send') =>
      Number(
        (
          await s.services.db.kysely
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('kind', '=', kind)
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('a request gives the author and senior manager their roles, emails the contact in Welsh, and one agency is asked once', async (t) => {
      const s = await setup(t);
      const r = await seedRequest(s.services, s.bu, { ...s.here, agencyId: s.police.id }, { dueOn: s.dueOn, contactLanguage: 'cy' });
      const view = await s.services.contributions.view(as(s.bu, 'CONTRIBUTION_VIEWED'), s.board.id, s.review.id, r.id);
      assert.equal(view.request.status, 'requested');
      assert.equal(view.request.kind, 'imr');
      const holders = await s.services.reviewRoles.holders(s.services.db.kysely, s.review.id, { agencyId: s.police.id });
      assert.deepEqual(holders.map((h) => h.role).sort(), ['agency_contributor', 'agency_senior_manager']);
      await s.services.jobs.runDue();
      const emails = s.smtp.emails();
      const toContact = emails.find((e) => e.to.includes('contact-'));
      assert.ok(toContact, 'the contact is emailed');
      assert.match(toContact.subject, /Cais am gyfraniad/);
      assert.match(toContact.body, /Adolygiad Rheoli Unigol/);
      assert.doesNotMatch(toContact.body, /\d{4}-\d{2}-\d{2}/, 'no ISO dates in an email');
      await assert.rejects(
        s.services.contributions.request(as(s.bu, 'CONTRIBUTION_REQUESTED'), s.board.id, s.review.id, {
          agencyId: s.police.id,
          contactId: r.contactId,
          dueOn: s.dueOn,
          author: { fullName: 'Someone Else', email: 'else@example.org' },
          seniorManager: { fullName: 'Another', email: 'another@example.org' },
        }),
        (e: unknown) => e instanceof ServiceError && e.kind === 'conflict' && e.fieldErrors.agencyId === 'contributions:errors.alreadyRequested',
      );
      // A due date not after today, and the same person as both, are refused before anything is written.
      await assert.rejects(
        s.services.contributions.request(as(s.bu, 'CONTRIBUTION_REQUESTED'), s.board.id, s.review.id, {
          agencyId: s.health.id,
          contactId: r.contactId,
          dueOn: s.clock.today(),
          author: { fullName: 'A', email: 'same@example.org' },
          seniorManager: { fullName: 'B', email: 'same@example.org' },
        }),
        (e: unknown) => invalidWith('dueOn', 'contributions:errors.dueOnPast')(e) && invalidWith('seniorManager.email', 'contributions:errors.samePerson')(e),
      );
    });

    test('the author must declare: involved or a line manager is refused and writes nothing; drafting only after; then submit and sign-off', async (t) => {
      const s = await setup(t);
      const r = await seedRequest(s.services, s.bu, { ...s.here, agencyId: s.police.id }, { dueOn: s.dueOn });
      const author = as(await callerFor(s.services, r.author.id), 'CONTRIBUTION_DECLARED');
      const before = await s.services.db.kysely
        .selectFrom('audit_events')
        .select((eb) => eb.fn.max('seq').as('m'))
        .executeTakeFirstOrThrow();
      await assert.rejects(
        s.services.contributions.saveDraft(as(author, 'CONTRIBUTION_SAVED'), s.board.id, s.review.id, r.id, { sections: { context: 'Too early.' } }),
        (e: unknown) => e instanceof ServiceError && e.kind === 'conflict' && e.fieldErrors.form === 'contributions:errors.declareFirst',
      );
      await assert.rejects(
        s.services.contributions.declare(author, s.board.id, s.review.id, r.id, { directlyInvolved: true, lineManager: false, authorRole: 'Sergeant' }),
        invalidWith('directlyInvolved', 'contributions:errors.directlyInvolved'),
      );
      await assert.rejects(
        s.services.contributions.declare(author, s.board.id, s.review.id, r.id, { directlyInvolved: false, lineManager: true, authorRole: 'Sergeant' }),
        invalidWith('lineManager', 'contributions:errors.lineManager'),
      );
      const after = await s.services.db.kysely
        .selectFrom('audit_events')
        .select((eb) => eb.fn.max('seq').as('m'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(after.m), Number(before.m), 'refusals write nothing');
      const still = await s.services.contributions.view(as(s.bu, 'CONTRIBUTION_VIEWED'), s.board.id, s.review.id, r.id);
      assert.equal(still.request.status, 'requested');
      assert.equal(still.request.declaredAt, null);

      await completeRequest(s.services, s.here, r, 'imr', 'declared');
      const saved = await s.services.contributions.saveDraft(as(author, 'CONTRIBUTION_SAVED'), s.board.id, s.review.id, r.id, {
        sections: { context: 'Caseloads were high.' },
      });
      assert.equal(saved.saved, 1);
      // Submitting with sections missing names each one.
      await assert.rejects(
        s.services.contributions.submit(as(author, 'CONTRIBUTION_SUBMITTED'), s.board.id, s.review.id, r.id),
        invalidWith('methodology', 'contributions:errors.sectionRequired'),
      );
      // The senior manager cannot sign off what is not submitted; the author cannot sign off at all.
      const manager = as(await callerFor(s.services, r.seniorManager.id), 'CONTRIBUTION_SIGNED_OFF');
      await assert.rejects(s.services.contributions.signOff(manager, s.board.id, s.review.id, r.id, { decision: 'sign_off' }), kindOf('conflict'));
      await assert.rejects(
        s.services.contributions.signOff(as(author, 'CONTRIBUTION_SIGNED_OFF'), s.board.id, s.review.id, r.id, { decision: 'sign_off' }),
        kindOf('forbidden'),
      );
      await completeRequest(s.services, s.here, r, 'imr', 'signed_off', 'declared');
      const done = await s.services.contributions.view(as(s.bu, 'CONTRIBUTION_VIEWED'), s.board.id, s.review.id, r.id);
      assert.equal(done.request.status, 'signed_off');
      assert.equal(done.request.signedOffBy, r.seniorManager.id);
      assert.equal(Object.keys(done.sections).length, 8);
    });

    test('contributors see only their own agency’s draft; the business unit waives only with a reason', async (t) => {
      const s = await setup(t);
      const police = await seedRequest(s.services, s.bu, { ...s.here, agencyId: s.police.id }, { dueOn: s.dueOn });
      const health = await seedRequest(s.services, s.bu, { ...s.here, agencyId: s.health.id }, { dueOn: s.dueOn });
      const policeAuthor = as(await callerFor(s.services, police.author.id), 'CONTRIBUTION_VIEWED');
      const own = await s.services.contributions.view(policeAuthor, s.board.id, s.review.id, police.id);
      assert.equal(own.may.declare, true);
      await assert.rejects(s.services.contributions.view(policeAuthor, s.board.id, s.review.id, health.id), kindOf('forbidden'));
      await assert.rejects(
        s.services.contributions.declare(as(policeAuthor, 'CONTRIBUTION_DECLARED'), s.board.id, s.review.id, health.id, {
          directlyInvolved: false,
          lineManager: false,
          authorRole: 'Sergeant',
        }),
        kindOf('forbidden'),
      );
      // The review page's section shows an agency's people their own agency only; the business unit every agency.
      const section = await s.services.contributions.sectionIn(s.services.db.kysely, policeAuthor, { boardId: s.board.id, id: s.review.id });
      assert.deepEqual(
        section.items.map((i) => i.agencyId),
        [s.police.id],
      );
      assert.equal((await s.services.contributions.sectionIn(s.services.db.kysely, s.bu, { boardId: s.board.id, id: s.review.id })).items.length, 2);
      // The author cannot waive; the business unit must give a reason.
      await assert.rejects(
        s.services.contributions.waive(as(policeAuthor, 'CONTRIBUTION_WAIVED'), s.board.id, s.review.id, police.id, { reason: 'No.' }),
        kindOf('forbidden'),
      );
      await assert.rejects(
        s.services.contributions.waive(as(s.bu, 'CONTRIBUTION_WAIVED'), s.board.id, s.review.id, health.id, { reason: '  ' }),
        invalidWith('reason', 'contributions:errors.waiveReasonRequired'),
      );
      await s.services.contributions.waive(as(s.bu, 'CONTRIBUTION_WAIVED'), s.board.id, s.review.id, health.id, {
        reason: 'The agency had no contact in the period.',
      });
      const waived = await s.services.contributions.view(as(s.bu, 'CONTRIBUTION_VIEWED'), s.board.id, s.review.id, health.id);
      assert.equal(waived.request.status, 'waived');
      assert.equal(waived.request.waivedReason, 'The agency had no contact in the period.');
      const transitions = await s.services.db.kysely.selectFrom('record_transitions').select(['event', 'reason']).where('record_id', '=', health.id).execute();
      assert.deepEqual(
        transitions.map((x) => x.event),
        ['request', 'waive'],
      );
    });

    test('R4: agency reports are received and drafting marked complete only when every request is signed off or waived', async (t) => {
      const s = await setup(t);
      const bu = as(s.bu, 'REVIEW_MOVED');
      const move = (event: string) => s.services.reviews.move(bu, s.board.id, s.review.id, { event });
      await move('start_scoping');
      await move('request_agency_reports');
      await assert.rejects(move('receive_agency_reports'), invalidWith('contributions', 'contributions:gate.noneRequested'));
      const police = await seedRequest(s.services, s.bu, { ...s.here, agencyId: s.police.id }, { dueOn: s.dueOn });
      const health = await seedRequest(s.services, s.bu, { ...s.here, agencyId: s.health.id }, { dueOn: s.dueOn });
      await completeRequest(s.services, s.here, police, 'imr', 'submitted');
      await assert.rejects(move('receive_agency_reports'), invalidWith('contributions', 'contributions:gate.outstanding'));
      await completeRequest(s.services, s.here, police, 'imr', 'signed_off', 'submitted');
      await s.services.contributions.waive(as(s.bu, 'CONTRIBUTION_WAIVED'), s.board.id, s.review.id, health.id, { reason: 'No involvement.' });
      assert.equal((await move('receive_agency_reports')).to, 'AGENCY_REPORTS_RECEIVED');
      await move('draft_overview_report');
      // An agency asked during drafting holds drafting open until its report is signed off or waived.
      const third = await seedAgency(s.services, [s.board.id], { en: 'Test Education', cy: 'Addysg Prawf' }, 'education');
      const late = await seedRequest(s.services, s.bu, { ...s.here, agencyId: third.id }, { dueOn: s.dueOn });
      await assert.rejects(move('submit_to_panel'), invalidWith('contributions', 'contributions:gate.draftingOutstanding'));
      const stage = await s.services.db.kysely.selectFrom('reviews').select('stage').where('id', '=', s.review.id).executeTakeFirstOrThrow();
      assert.equal(stage.stage, 'OVERVIEW_DRAFTING', 'the refused move changed nothing');
      await s.services.contributions.waive(as(s.bu, 'CONTRIBUTION_WAIVED'), s.board.id, s.review.id, late.id, { reason: 'Asked in error.' });
      // The gate's other half (issue 10 item 10): a version of the overview report submitted for the panel's QA.
      await assert.rejects(move('submit_to_panel'), invalidWith('report', 'report:gate.notSubmitted'));
      const author = await reviewRoleCaller(s.services, 'author', s.board.id, s.review.id);
      await seedSubmittedReport(s.services, { boardId: s.board.id, reviewId: s.review.id, author, sections: { analysis: 'What the agencies did.' } });
      assert.equal((await move('submit_to_panel')).to, 'PANEL_QA');
    });

    test('attachments go through the file service: an executable renamed .docx and a file over the limit are refused, nothing stored', async (t) => {
      const s = await setup(t, { maxBytes: 64 * 1024 });
      const r = await seedRequest(s.services, s.bu, { ...s.here, agencyId: s.police.id }, { dueOn: s.dueOn });
      const author = as(await callerFor(s.services, r.author.id), 'CONTRIBUTION_ATTACHED');
      const attach = (name: string, content: Buffer) =>
        s.services.contributions.attach(author, s.board.id, s.review.id, r.id, { name, content: streamOf(content) });
      await assert.rejects(attach('notes.docx', await sampleDocx()), kindOf('conflict'), 'nothing before the declaration');
      await completeRequest(s.services, s.here, r, 'imr', 'declared');
      await assert.rejects(attach('minutes.docx', SAMPLE_EXE), (e: unknown) => e instanceof UploadRefused && e.reason === 'type');
      await assert.rejects(attach('big.docx', Buffer.alloc(65 * 1024, 0x61)), (e: unknown) => e instanceof UploadRefused && e.reason === 'tooLarge');
      assert.equal((await s.services.files.filesOf({ type: 'contribution', id: r.id })).length, 0);
      const stored = await attach('notes.docx', await sampleDocx());
      const view = await s.services.contributions.view(as(s.bu, 'CONTRIBUTION_VIEWED'), s.board.id, s.review.id, r.id);
      assert.deepEqual(
        view.attachments.map((a) => a.id),
        [stored.id],
      );
    });

    test('reminders from the scheduled jobs (clock advanced, due jobs run): a week before, on the day and after, each once; none while on hold; none once submitted', async (t) => {
      const s = await setup(t);
      const police = await seedRequest(s.services, s.bu, { ...s.here, agencyId: s.police.id }, { dueOn: s.dueOn });
      const health = await seedRequest(s.services, s.bu, { ...s.here, agencyId: s.health.id }, { dueOn: s.dueOn });
      const reminded = async () =>
        Number(
          (
            await s.services.db.kysely
              .selectFrom('audit_events')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('action', '=', 'CONTRIBUTION_REMINDED')
              .executeTakeFirstOrThrow()
          ).n,
        );
      const runDue = () => s.services.jobs.runDue();
      // The platform's worker sees the hourly scan's schedule (its first run an hour on).
      await runDue();
      // Three weeks on: a week before the due date, both agencies are reminded.
      s.clock.advance(21 * DAY);
      await runDue();
      assert.equal(await reminded(), 2);
      s.clock.advance(2 * 3_600_000);
      await runDue();
      assert.equal(await reminded(), 2, 'a rung goes once');
      await completeRequest(s.services, s.here, health, 'imr', 'submitted');
      // The due date: only the request still owed is reminded.
      s.clock.advance(7 * DAY);
      await runDue();
      assert.equal(await reminded(), 3);
      // On hold: nothing goes; resumed, the rung its day has reached.
      await s.services.reviews.move(as(s.bu, 'REVIEW_MOVED'), s.board.id, s.review.id, { event: 'hold', holdReason: 'criminal_proceedings', reason: 'Trial.' });
      s.clock.advance(7 * DAY);
      await runDue();
      assert.equal(await reminded(), 3, 'a review on hold is not reminded about');
      await s.services.reviews.move(as(s.bu, 'REVIEW_MOVED'), s.board.id, s.review.id, { event: 'resume' });
      s.clock.advance(2 * 3_600_000);
      await runDue();
      assert.equal(await reminded(), 4);
      const rungs = await s.services.db.kysely.selectFrom('contribution_reminders').select(['request_id', 'rung']).orderBy('rung').execute();
      assert.deepEqual(
        rungs.filter((x) => x.request_id === police.id).map((x) => x.rung),
        ['after_7', 'before_7', 'due'],
      );
      // Each went by email to the agency's contact (the mail jobs ran in the same runs).
      assert.equal(s.smtp.emails().filter((e) => /contribution to review/.test(e.subject) && !/^Request/.test(e.subject)).length, 4);
      assert.deepEqual(await s.services.contributionReminders.sendDue(), { sent: 0, skippedPaused: 0 });
    });

    if (dialect === 'postgres') {
      test('two people asking the same agency at once: one request is made, the other is told the agency has been asked', async (t) => {
        const s = await setup(t);
        const contact = await s.services.agencyContacts.add(as(s.bu, 'AGENCY_CONTACT_ADDED'), s.board.id, s.police.id, {
          fullName: 'Agency Contact',
          email: 'contact@police.example.org',
          language: 'en',
        });
        const ask = (n: number) =>
          s.services.contributions.request(as(s.bu, 'CONTRIBUTION_REQUESTED'), s.board.id, s.review.id, {
            agencyId: s.police.id,
            contactId: contact.id,
            dueOn: s.dueOn,
            author: { fullName: `Author ${n}`, email: `author-${n}@police.example.org` },
            seniorManager: { fullName: `Manager ${n}`, email: `manager-${n}@police.example.org` },
          });
        const results = await Promise.allSettled([ask(1), ask(2)]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        const refused = results.find((r) => r.status === 'rejected');
        assert.ok(refused?.status === 'rejected');
        assert.ok(
          refused.reason instanceof ServiceError &&
            refused.reason.kind === 'conflict' &&
            refused.reason.fieldErrors.agencyId === 'contributions:errors.alreadyRequested',
          String(refused.reason),
        );
        const rows = await s.services.db.kysely.selectFrom('contribution_requests').select('id').where('review_id', '=', s.review.id).execute();
        assert.equal(rows.length, 1);
        // The loser's people were not created either: its transaction rolled back whole.
        const people = await s.services.db.kysely.selectFrom('people').select('email').where('email', 'like', '%@police.example.org').execute();
        assert.equal(people.length, 2);
      });

      test('two instances scanning at once send each reminder once', async (t) => {
        const s = await setup(t);
        await seedRequest(s.services, s.bu, { ...s.here, agencyId: s.police.id }, { dueOn: s.dueOn });
        await seedRequest(s.services, s.bu, { ...s.here, agencyId: s.health.id }, { dueOn: s.dueOn });
        await s.services.jobs.runDue();
        const baseline = await jobsOf(s);
        s.clock.advance(21 * DAY);
        const second = createServices({ db: s.services.db, keyring: testKeyring(), config: s.services.config, clock: s.clock });
        t.after(() => second.mail.close());
        const results = await Promise.all([s.services.contributionReminders.sendDue(), second.contributionReminders.sendDue()]);
        assert.equal(results[0].sent + results[1].sent, 2);
        assert.equal(await jobsOf(s), baseline + 2);
      });
    }
  });
}
