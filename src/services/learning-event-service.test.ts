// The practitioners' learning event (issue 10 item 7) through the service, on both databases: a Serious Case
// Review has none (refused, nothing written); planning with facilitators from the appointed independent people;
// invitations numbered per role, sealed at rest, emailed once with the date, venue and reference and never the
// child; bad input writes nothing; held sets the milestone's met date; replies, attendance, notes (a stale
// version is a conflict), learning points read by learningIdentified; who may see and do what; and on
// PostgreSQL two invitations at once get two numbers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices, type Services } from '../container.ts';
import type { Db } from '../db/database.ts';
import { isEncrypted } from '../db/field-cipher.ts';
import { as } from '../testing/case-fixtures.ts';
import { seedBoard } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { seedAgency } from '../testing/referral-fixtures.ts';
import { reviewCallers, reviewRoleCaller, seedReview } from '../testing/review-fixtures.ts';
import { type SmtpSink, startSmtpSink } from '../testing/smtp-sink.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { ServiceError } from './context.ts';
import { type EventInput, learningIdentified } from './learning-event-service.ts';

const kindOf = (kind: string, field?: string, key?: string) => (e: unknown) =>
  e instanceof ServiceError && e.kind === kind && (field === undefined || e.fieldErrors[field] === key);

for (const dialect of dialectsUnderTest()) {
  describe(`learning event (${dialect})`, () => {
    let db: Db;
    let smtp: SmtpSink;
    let services: Services;
    const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
    let w: Awaited<ReturnType<typeof world>>;

    async function world() {
      const board = await seedBoard(services, 'DYSG');
      const callers = await reviewCallers(services, board.id);
      const police = await seedAgency(services, [board.id]);
      const health = await seedAgency(services, [board.id], { en: 'Test Health', cy: 'Iechyd Prawf' }, 'health');
      const housing = await seedAgency(services, [board.id], { en: 'Test Housing', cy: 'Tai Prawf' }, 'housing');
      const cpr = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016' });
      const scr = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006' });
      for (const r of [cpr, scr]) {
        const row = await db.kysely.selectFrom('reviews').select('referral_id').where('id', '=', r.id).executeTakeFirstOrThrow();
        await db.kysely
          .insertInto('referral_agencies')
          .values([
            { referral_id: row.referral_id, agency_id: police.id },
            { referral_id: row.referral_id, agency_id: health.id },
          ])
          .execute();
      }
      const chair = await reviewRoleCaller(services, 'panel_chair', board.id, cpr.id);
      const reviewer = await reviewRoleCaller(services, 'author', board.id, cpr.id);
      const member = await reviewRoleCaller(services, 'panel_member', board.id, cpr.id);
      const contributor = await reviewRoleCaller(services, 'agency_contributor', board.id, cpr.id, police.id);
      const other = await seedBoard(services, 'ARAL');
      const otherBu = (await reviewCallers(services, other.id)).bu;
      const here = { boardId: board.id, reviewId: cpr.id };
      return { board, callers, bu: callers.bu, police, health, housing, cpr, scr, chair, reviewer, member, contributor, other, otherBu, here };
    }

    before(async () => {
      smtp = await startSmtpSink();
      db = await createTestDb(dialect);
      services = createServices({
        db,
        keyring: testKeyring(),
        config: loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: smtp.url, PUBLIC_URL: 'http://case-review.example.org' }),
        clock,
      });
      w = await world();
      clock.set('2027-01-10T10:00:00Z');
    });
    after(async () => {
      await services.mail.close();
      await db.close();
      await smtp.close();
    });

    const eventInput = (overrides: Partial<EventInput> = {}): EventInput => ({
      heldOn: '2027-01-20',
      startsAt: '09:30',
      mode: 'in_person',
      venue: 'Neuadd y Sir, Room 2',
      facilitatorIds: [w.chair.personId, w.reviewer.personId],
      ...overrides,
    });
    const count = async (table: 'learning_events' | 'learning_event_invitations' | 'learning_points' | 'jobs') =>
      Number(
        (
          await db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('a Serious Case Review has no learning event: the page says so, every change is refused and writes nothing', async () => {
      const scrScope = { boardId: w.board.id, reviewId: w.scr.id };
      const view = await services.learningEvents.view(as(w.bu, 'LEARNING_EVENT_VIEWED'), scrScope);
      assert.equal(view.applies, false);
      assert.equal(view.may.manage, false);
      await assert.rejects(
        services.learningEvents.plan(as(w.bu, 'LEARNING_EVENT_PLANNED'), scrScope, eventInput()),
        kindOf('conflict', 'form', 'learning-event:errors.notForFramework'),
      );
      assert.equal(await count('learning_events'), 0);
    });

    test('planning, inviting (numbered per role, sealed, emailed once without the child), bad input writing nothing', async () => {
      const bu = as(w.bu, 'LEARNING_EVENT_PLANNED');
      // Bad input: nothing written.
      await assert.rejects(
        services.learningEvents.plan(bu, w.here, eventInput({ heldOn: null, mode: 'by_post', venue: ' ', facilitatorIds: [w.member.personId] })),
        (e: unknown) =>
          kindOf('invalid', 'heldOn', 'learning-event:errors.heldOnRequired')(e) &&
          kindOf('invalid', 'mode', 'learning-event:errors.modeRequired')(e) &&
          kindOf('invalid', 'venue', 'learning-event:errors.venueRequired')(e) &&
          kindOf('invalid', 'facilitatorIds', 'learning-event:errors.facilitatorNotAppointed')(e),
      );
      assert.equal(await count('learning_events'), 0);
      // A panel member reads but does not organise; an agency's people see nothing; another board's BU finds nothing.
      await assert.rejects(services.learningEvents.plan(as(w.member, 'LEARNING_EVENT_PLANNED'), w.here, eventInput()), kindOf('forbidden'));
      await assert.rejects(services.learningEvents.view(as(w.contributor, 'LEARNING_EVENT_VIEWED'), w.here), kindOf('forbidden'));
      await assert.rejects(
        services.learningEvents.view(as(w.otherBu, 'LEARNING_EVENT_VIEWED'), { boardId: w.other.id, reviewId: w.cpr.id }),
        kindOf('not_found'),
      );
      await assert.rejects(services.learningEvents.view(as(w.otherBu, 'LEARNING_EVENT_VIEWED'), w.here), kindOf('forbidden'));

      const { id: eventId } = await services.learningEvents.plan(bu, w.here, eventInput());
      const invite = (input: Partial<Parameters<Services['learningEvents']['invite']>[3]> = {}) =>
        services.learningEvents.invite(as(w.bu, 'LEARNING_EVENT_INVITATION_SENT'), w.here, eventId, {
          agencyId: w.police.id,
          practitionerRole: 'social_worker',
          fullName: 'Gareth Practitioner',
          email: 'gareth.practitioner@example.org',
          language: 'cy',
          ...input,
        });
      const jobsBefore = await count('jobs');
      await assert.rejects(
        invite({ agencyId: w.housing.id, practitionerRole: 'wizard', email: 'not an email' }),
        (e: unknown) =>
          kindOf('invalid', 'agencyId', 'learning-event:errors.agencyNotInvolved')(e) &&
          kindOf('invalid', 'practitionerRole', 'learning-event:errors.roleRequired')(e) &&
          kindOf('invalid', 'email', 'learning-event:errors.emailInvalid')(e),
      );
      assert.equal(await count('learning_event_invitations'), 0);
      assert.equal(await count('jobs'), jobsBefore, 'nothing queued for a refused invitation');

      const first = await invite();
      const second = await invite({ fullName: 'Other Worker', email: 'other.worker@example.org', language: 'en' });
      const nurse = await invite({ agencyId: w.health.id, practitionerRole: 'health_visitor', fullName: 'Nia Nurse', email: 'nia@example.org' });
      assert.deepEqual([first.practitionerNumber, second.practitionerNumber, nurse.practitionerNumber], [1, 2, 1]);

      const stored = await db.kysely.selectFrom('learning_event_invitations').select(['full_name', 'email']).execute();
      assert.ok(
        stored.every((r) => isEncrypted(r.full_name) && isEncrypted(r.email)),
        'name and email sealed at rest',
      );

      await services.jobs.runDue();
      const emails = smtp.emails().filter((e) => e.to.includes('gareth.practitioner@'));
      assert.equal(emails.length, 1, 'the invitation is emailed once');
      const [email] = emails;
      assert.ok(email);
      assert.match(email.subject, /Gwahoddiad i ddigwyddiad dysgu/);
      assert.match(email.body, new RegExp(w.cpr.reference.replace(/\//g, '\\/')));
      assert.match(email.body, /20 Ionawr 2027/);
      assert.match(email.body, /Neuadd y Sir/);
      for (const e of smtp.emails()) {
        // The child's date of birth (4 May 2019) in any form it could be written; a bare "2019" matched a link's UUID.
        assert.doesNotMatch(e.body, /Siân|Prydderch|Stryd Fawr|2019-05-04|4 (May|Mai) 2019|04\/05\/2019/, 'never the child’s identity');
        assert.doesNotMatch(e.body, /\d{4}-\d{2}-\d{2}/, 'no ISO dates');
      }

      // The business unit sees names; the panel sees pseudonyms only.
      const buView = await services.learningEvents.view(as(w.bu, 'LEARNING_EVENT_VIEWED'), w.here);
      assert.equal(buView.events[0]?.invitations.find((i) => i.id === first.id)?.fullName, 'Gareth Practitioner');
      const memberView = await services.learningEvents.view(as(w.member, 'LEARNING_EVENT_VIEWED'), w.here);
      assert.equal(memberView.events[0]?.invitations.find((i) => i.id === first.id)?.fullName, null);
      assert.equal(memberView.may.record, false);

      // Replies before the event; attendance refused until it is held.
      await services.learningEvents.recordAttendance(as(w.chair, 'LEARNING_EVENT_ATTENDANCE_RECORDED'), w.here, eventId, [
        { invitationId: first.id, status: 'accepted' },
        { invitationId: second.id, status: 'declined' },
      ]);
      await assert.rejects(
        services.learningEvents.recordAttendance(as(w.chair, 'LEARNING_EVENT_ATTENDANCE_RECORDED'), w.here, eventId, [
          { invitationId: first.id, status: 'attended' },
        ]),
        kindOf('invalid', `status-${first.id}`, 'learning-event:errors.attendanceBeforeHeld'),
      );
      await assert.rejects(
        services.learningEvents.move(as(w.bu, 'LEARNING_EVENT_STATUS_CHANGED'), w.here, eventId, { to: 'held' }),
        kindOf('invalid', 'form', 'learning-event:errors.heldInFuture'),
      );

      // The review's LEARNING_EVENT_HELD stage waits for an event recorded as held (its gate).
      for (const event of ['start_scoping', 'start_timeline', 'engage_family'])
        await services.reviews.move(as(w.bu, 'REVIEW_MOVED'), w.board.id, w.cpr.id, { event });
      await assert.rejects(
        services.reviews.move(as(w.bu, 'REVIEW_MOVED'), w.board.id, w.cpr.id, { event: 'hold_learning_event' }),
        kindOf('invalid', 'learningEvent', 'learning-event:gate.notHeld'),
      );

      // Held: the milestone is met on the event's date.
      await services.milestones.plan(as(w.bu, 'MILESTONES_VIEWED'), w.board.id, w.cpr.id);
      clock.set('2027-01-21T10:00:00Z');
      assert.equal(await services.learningEvents.move(as(w.bu, 'LEARNING_EVENT_STATUS_CHANGED'), w.here, eventId, { to: 'held' }), 'held');
      const milestone = await db.kysely
        .selectFrom('review_milestones')
        .select('actual_on')
        .where('review_id', '=', w.cpr.id)
        .where('kind', '=', 'learning_event')
        .executeTakeFirstOrThrow();
      assert.equal(milestone.actual_on, '2027-01-20');
      await assert.rejects(
        services.learningEvents.move(as(w.bu, 'LEARNING_EVENT_STATUS_CHANGED'), w.here, eventId, { to: 'cancelled', reason: 'Too late' }),
        kindOf('conflict'),
      );
      assert.equal((await services.reviews.move(as(w.bu, 'REVIEW_MOVED'), w.board.id, w.cpr.id, { event: 'hold_learning_event' })).to, 'LEARNING_EVENT_HELD');
      await services.learningEvents.recordAttendance(as(w.reviewer, 'LEARNING_EVENT_ATTENDANCE_RECORDED'), w.here, eventId, [
        { invitationId: first.id, status: 'attended' },
        { invitationId: nurse.id, status: 'did_not_attend' },
      ]);

      // Notes: a save on a version someone else changed first is a conflict, never lost.
      const seen = (await services.learningEvents.view(as(w.chair, 'LEARNING_EVENT_VIEWED'), w.here)).events[0];
      assert.ok(seen);
      await services.learningEvents.saveNotes(as(w.chair, 'LEARNING_EVENT_NOTES_SAVED'), w.here, eventId, {
        notes: 'Social worker 1 described…',
        version: seen.version,
      });
      await assert.rejects(
        services.learningEvents.saveNotes(as(w.bu, 'LEARNING_EVENT_NOTES_SAVED'), w.here, eventId, { notes: 'Overwrite', version: seen.version }),
        kindOf('conflict', 'form', 'learning-event:errors.changedMeanwhile'),
      );
      await assert.rejects(
        services.learningEvents.saveNotes(as(w.member, 'LEARNING_EVENT_NOTES_SAVED'), w.here, eventId, { notes: 'Member' }),
        kindOf('forbidden'),
      );

      // Learning identified, read by the report.
      await assert.rejects(
        services.learningEvents.addPoint(as(w.chair, 'LEARNING_POINT_RECORDED'), w.here, eventId, { theme: 'nope', text: '', agencyIds: [w.housing.id] }),
        (e: unknown) =>
          kindOf('invalid', 'theme', 'learning-event:errors.themeRequired')(e) &&
          kindOf('invalid', 'text', 'learning-event:errors.pointRequired')(e) &&
          kindOf('invalid', 'agencyIds', 'learning-event:errors.agencyNotInvolved')(e),
      );
      await services.learningEvents.addPoint(as(w.chair, 'LEARNING_POINT_RECORDED'), w.here, eventId, {
        theme: 'information_sharing',
        text: 'Health visitors did not hear of the police call-outs.',
        agencyIds: [w.police.id, w.health.id],
      });
      const learning = await learningIdentified(db.kysely, w.cpr.id);
      assert.equal(learning.length, 1);
      assert.equal(learning[0]?.theme, 'information_sharing');
      assert.deepEqual(learning[0]?.agencies.map((a) => a.id).sort(), [w.police.id, w.health.id].sort());

      const section = await services.learningEvents.sectionIn(services.db.kysely, w.member, w.cpr);
      assert.deepEqual(section && { invited: section.invited, attended: section.attended, points: section.points, status: section.next?.status }, {
        invited: 3,
        attended: 1,
        points: 1,
        status: 'held',
      });
      assert.equal(await services.learningEvents.sectionIn(services.db.kysely, w.contributor, w.cpr), null, 'an agency’s people see nothing of it');
    });

    if (dialect === 'postgres')
      test('two invitations at once get two practitioner numbers (no error)', async () => {
        clock.set('2027-01-10T10:00:00Z');
        const { id: eventId } = await services.learningEvents.plan(as(w.bu, 'LEARNING_EVENT_PLANNED'), w.here, eventInput({ heldOn: '2027-02-01' }));
        const results = await Promise.all(
          [1, 2, 3].map((n) =>
            services.learningEvents.invite(as(w.bu, 'LEARNING_EVENT_INVITATION_SENT'), w.here, eventId, {
              agencyId: w.police.id,
              practitionerRole: 'police_officer',
              fullName: `Officer ${n}`,
              email: `officer${n}@example.org`,
              language: 'en',
            }),
          ),
        );
        assert.deepEqual(results.map((r) => r.practitionerNumber).sort(), [1, 2, 3]);
      });
  });
}
