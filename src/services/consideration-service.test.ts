import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { as, callerWithRole, codeOf, criteriaAnswers, referralInput } from '../testing/case-fixtures.ts';
import { seedBoard } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { smtpSink } from '../testing/smtp-sink.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { ServiceError } from './context.ts';

const isKind = (kind: ServiceError['kind'], key?: string) => (e: unknown) =>
  e instanceof ServiceError && e.kind === kind && (key === undefined || Object.values(e.fieldErrors).includes(key) || e.message === key);

for (const dialect of dialectsUnderTest()) {
  describe(`management group and chair's decision (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }, env: Record<string, string> = {}) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date('2026-11-27T09:00:00Z'));
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent', ...env }), clock });
      t.after(async () => services.mail.close());
      const board = await seedBoard(services, 'CYSUR');
      const bu = await callerWithRole(services, 'business_unit', board.id);
      const mg = await callerWithRole(services, 'management_group_member', board.id);
      const mgChair = await callerWithRole(services, 'management_group_chair', board.id);
      const chair = await callerWithRole(services, 'board_chair', board.id);
      const referral = await services.referrals.create(as(bu, 'REFERRAL_CREATED'), referralInput(board.id));
      return { services, board, bu, mg, mgChair, chair, referral, clock };
    }

    // Only meaningful with the frameworks in place: the 2006 framework applies to a decision in 2012, SUSR today.
    test('the full path: meeting, analysis, recommendation, the chair agrees; a review is created and people are told', async (t) => {
      const { services, board, bu, mg, mgChair, chair, referral } = await setup(t);
      const meetingId = await services.consideration.scheduleMeeting(as(bu, 'MEETING_SCHEDULED'), board.id, {
        meetsOn: '2026-11-25',
        location: null,
        referralIds: [referral.id],
      });
      await services.consideration.recordAttendance(as(bu, 'ATTENDANCE_RECORDED'), meetingId, [
        { personId: mg.personId, attended: true },
        { personId: mgChair.personId, attended: true },
      ]);
      const { framework } = await services.consideration.frameworkFor(mg, referral.id);
      const answers = criteriaAnswers(framework);
      const assessed = await services.consideration.recordAssessment(as(mg, 'CRITERIA_ASSESSED'), referral.id, { meetingId, answers });
      assert.ok(['must', 'may', 'undetermined'].includes(assessed.outcome));
      const rec = await services.consideration.submitRecommendation(as(mgChair, 'RECOMMENDATION_SUBMITTED'), referral.id, {
        route: 'review',
        reviewType: framework.reviewersByType ? 'concise' : null,
        reasons: 'The statutory criteria are met.',
        dissent: 'One member thought a forum would be enough.',
      });
      assert.equal(rec.dissent, 'One member thought a forum would be enough.');
      const { decision, review } = await services.consideration.recordDecision(as(chair, 'DECISION_RECORDED'), referral.id, {
        agreesWithRecommendation: true,
        route: null,
        reviewType: null,
        rationale: 'I agree: the criteria are met.',
        decidedOn: '2026-11-27',
      });
      assert.equal(decision.route, 'review');
      assert.equal(review?.reference, 'CYSUR/2026/01');
      assert.equal(review?.frameworkId, framework.id, 'pinned to the framework in force on the decision date');
      const status = await services.db.kysely.selectFrom('referrals').select('status').where('id', '=', referral.id).executeTakeFirstOrThrow();
      assert.equal(status.status, 'decided_proceed');
      const mail = await services.db.kysely.selectFrom('jobs').select('id').where('kind', '=', 'mail.send').execute();
      assert.equal(mail.length, 0, 'no SMTP configured: nothing queued');
      const actions = (
        await services.db.kysely.selectFrom('audit_events').select('action').where('record_id', 'in', [referral.id, meetingId]).orderBy('seq').execute()
      ).map((e) => e.action);
      assert.deepEqual(actions, [
        'REFERRAL_CREATED',
        'MEETING_SCHEDULED',
        'ATTENDANCE_RECORDED',
        'CRITERIA_ASSESSED',
        'RECOMMENDATION_SUBMITTED',
        'DECISION_RECORDED',
      ]);
    });

    test('the decision is emailed to the referrer, the management group and the business unit, each in their language', async (t) => {
      const smtp = await smtpSink(t);
      const { services, board, mg, mgChair, chair, referral } = await setup(t, { SMTP_URL: smtp.url, PUBLIC_URL: 'http://case-review.example.org' });
      await services.identity.setLanguage(as(mg, 'LANGUAGE_CHANGED'), mg.personId, 'cy');
      const { framework } = await services.consideration.frameworkFor(mg, referral.id);
      const answers = criteriaAnswers(framework);
      await services.consideration.recordAssessment(as(mg, 'CRITERIA_ASSESSED'), referral.id, { meetingId: null, answers });
      await services.consideration.submitRecommendation(as(mgChair, 'RECOMMENDATION_SUBMITTED'), referral.id, {
        route: 'no_review',
        reviewType: null,
        reasons: 'Criteria not met.',
        dissent: null,
      });
      await services.consideration.recordDecision(as(chair, 'DECISION_RECORDED'), referral.id, {
        agreesWithRecommendation: true,
        route: null,
        reviewType: null,
        rationale: 'Agreed.',
        decidedOn: '2026-11-27',
      });
      // The scheduler runs the mail jobs; the sink holds what was sent.
      await services.jobs.runDue();
      const mail = smtp.emails();
      const to = mail.map((m) => m.to).sort();
      assert.ok(to.includes('referrer@example.org'));
      assert.ok(to.includes(mg.email) && to.includes(mgChair.email));
      assert.equal(to.filter((a) => a === mg.email).length, 1);
      const welsh = mail.find((m) => m.to === mg.email);
      // Welsh: the pseudonym mutated after "am", the date written out in Welsh (never 2026-11-27).
      assert.match(welsh?.subject ?? '', /^Penderfyniad ar yr atgyfeiriad am Blentyn A – /);
      assert.match(welsh?.body ?? '', /ar yr atgyfeiriad am Blentyn A\./);
      assert.match(welsh?.body ?? '', /Dyddiad y penderfyniad: 27 Tachwedd 2026/);
      const english = mail.find((m) => m.to === 'referrer@example.org');
      assert.match(english?.subject ?? '', /^Decision on the referral about Child A – /);
      assert.match(mail.find((m) => m.to === mgChair.email)?.body ?? '', /Date of decision: 27 November 2026/);
      for (const m of mail) assert.doesNotMatch(m.body, /Siân|Prydderch|2026-11-27/, 'no child name, and no ISO date, in email');
      // Those who may see the referral are asked to sign in; the referrer, who has no account, is not.
      const link = `/boards/${board.id}/referrals/${referral.id}`;
      for (const m of mail.filter((x) => x.to !== 'referrer@example.org')) assert.ok(m.body.includes(link), m.to);
      const referrer = mail.find((m) => m.to === 'referrer@example.org');
      assert.doesNotMatch(referrer?.body ?? '', /sign in|\/boards\//i, 'no sign-in for a referrer without an account');
      assert.match(referrer?.body ?? '', /received on 20 November 2026/);
    });

    test('rules: no decision without a recommendation, only the chair decides, reasons and rationale are mandatory, no second decision', async (t) => {
      const { services, bu, mg, mgChair, chair, referral } = await setup(t);
      const decide = (who = chair, overrides = {}) =>
        services.consideration.recordDecision(as(who, 'DECISION_RECORDED'), referral.id, {
          agreesWithRecommendation: true,
          route: null,
          reviewType: null,
          rationale: 'Rationale.',
          decidedOn: '2026-11-27',
          ...overrides,
        });
      await assert.rejects(decide(), isKind('conflict', 'decision.recommendationRequired'));
      await assert.rejects(
        services.consideration.submitRecommendation(as(mgChair, 'TEST'), referral.id, { route: 'no_review', reviewType: null, reasons: 'x', dissent: null }),
        isKind('conflict', 'recommendation.assessmentRequired'),
      );
      const { framework } = await services.consideration.frameworkFor(mg, referral.id);
      const answers = criteriaAnswers(framework);
      await services.consideration.recordAssessment(as(mg, 'CRITERIA_ASSESSED'), referral.id, { meetingId: null, answers });
      await assert.rejects(
        services.consideration.submitRecommendation(as(mg, 'TEST'), referral.id, { route: 'no_review', reviewType: null, reasons: 'x', dissent: null }),
        isKind('forbidden'),
        'a member cannot submit: only the management group chair',
      );
      await assert.rejects(
        services.consideration.submitRecommendation(as(mgChair, 'TEST'), referral.id, { route: 'no_review', reviewType: null, reasons: '  ', dissent: null }),
        isKind('invalid', 'recommendation.reasonsRequired'),
      );
      await services.consideration.submitRecommendation(as(mgChair, 'RECOMMENDATION_SUBMITTED'), referral.id, {
        route: 'multi_agency_professional_forum',
        reviewType: null,
        reasons: 'Learning is best drawn in a forum.',
        dissent: null,
      });
      for (const who of [bu, mg, mgChair]) await assert.rejects(decide(who), isKind('forbidden'));
      const otherBoard = await seedBoard(services, 'OTHER', { en: 'Other', cy: 'Arall' });
      const otherChair = await callerWithRole(services, 'board_chair', otherBoard.id);
      await assert.rejects(decide(otherChair), isKind('not_found'), "another board's chair does not even see it");
      await assert.rejects(decide(chair, { rationale: ' ' }), isKind('invalid', 'decision.rationaleRequired'));
      await assert.rejects(decide(chair, { decidedOn: '2026-11-28' }), isKind('invalid', 'decision.inFuture'));
      await assert.rejects(decide(chair, { decidedOn: '2026-11-19' }), isKind('invalid', 'decision.beforeReferral'));
      await assert.rejects(decide(chair, { agreesWithRecommendation: false, route: null }), isKind('invalid', 'decision.routeRequired'));
      const before = await services.db.kysely.selectFrom('decisions').selectAll().execute();
      assert.equal(before.length, 0, 'refused decisions write nothing');
      const { decision, review } = await decide(chair, {
        agreesWithRecommendation: false,
        route: 'single_agency_review',
        rationale: 'I differ: a single-agency review suits.',
      });
      assert.equal(decision.route, 'single_agency_review');
      assert.equal(decision.agreesWithRecommendation, false);
      assert.equal(review, undefined);
      await assert.rejects(decide(), isKind('conflict', 'decision.alreadyDecided'));
    });

    test('an answer inconsistent with the referral is refused and nothing is written', async (t) => {
      const { services, mg, referral } = await setup(t);
      const { framework } = await services.consideration.frameworkFor(mg, referral.id);
      const answers = criteriaAnswers(framework);
      if (answers.child_died) answers.child_died = { answer: 'no', facts: 'The child survived.' };
      await assert.rejects(
        services.consideration.recordAssessment(as(mg, 'CRITERIA_ASSESSED'), referral.id, { meetingId: null, answers }),
        isKind('invalid', 'assessment.inconsistentWithReferral'),
      );
      const rows = await services.db.kysely.selectFrom('criteria_assessments').selectAll().execute();
      assert.equal(rows.length, 0);
    });

    test('referrals added to an agenda after scheduling: all or none, in one transaction with their audit; only by who manages meetings', async (t) => {
      const { services, board, bu, mg, referral } = await setup(t);
      const second = await services.referrals.create(as(bu, 'REFERRAL_CREATED'), referralInput(board.id, { receivedOn: '2026-11-21' }));
      const meetingId = await services.consideration.scheduleMeeting(as(bu, 'MEETING_SCHEDULED'), board.id, {
        meetsOn: '2026-12-03',
        location: null,
        referralIds: [],
      });
      const candidates = async () => (await services.consideration.agendaCandidates(bu, meetingId)).map((c) => codeOf(c));
      assert.deepEqual(await candidates(), ['Child A', 'Child B']);
      const audited = async () =>
        (await services.db.kysely.selectFrom('audit_events').select('summary').where('action', '=', 'AGENDA_REFERRALS_ADDED').orderBy('seq').execute()).map(
          (e) => JSON.parse(e.summary ?? '{}').referralId,
        );

      // One unknown referral among good ones: none is added, no status moves, nothing audited.
      await assert.rejects(
        services.consideration.addReferralsToMeeting(as(bu, 'AGENDA_REFERRALS_ADDED'), meetingId, [
          referral.id,
          second.id,
          '01a21b37-0000-7000-8000-000000000000',
        ]),
        isKind('invalid', 'meeting.referralUnknown'),
      );
      await assert.rejects(services.consideration.addReferralsToMeeting(as(mg, 'AGENDA_REFERRALS_ADDED'), meetingId, [referral.id]), isKind('not_found'));
      assert.deepEqual((await services.consideration.meeting(bu, meetingId)).referralIds, []);
      assert.deepEqual(await audited(), []);

      const added = await services.consideration.addReferralsToMeeting(as(bu, 'AGENDA_REFERRALS_ADDED'), meetingId, [referral.id, second.id, referral.id]);
      assert.deepEqual(added, [referral.id, second.id]);
      assert.deepEqual(await candidates(), []);
      const statuses = await services.db.kysely.selectFrom('referrals').select('status').where('id', 'in', [referral.id, second.id]).execute();
      assert.deepEqual(
        statuses.map((s) => s.status),
        ['under_consideration', 'under_consideration'],
      );
      assert.deepEqual(await audited(), [referral.id, second.id]);
      assert.deepEqual(
        await services.consideration.addReferralsToMeeting(as(bu, 'AGENDA_REFERRALS_ADDED'), meetingId, [second.id]),
        [],
        'already on the agenda',
      );
      assert.equal((await audited()).length, 2);
    });

    test('the dashboard shows days elapsed against the decision target and flags overdue referrals', async (t) => {
      const { services, board, bu, clock } = await setup(t);
      await services.referrals.create(
        as(bu, 'REFERRAL_CREATED'),
        referralInput(board.id, {
          incidentOn: '2026-09-01',
          receivedOn: '2026-09-02',
          incidentType: 'life_threatening_injury',
          child: { fullName: null, dateOfBirthOn: null, address: null, isDeceased: false },
        }),
      );
      const view = await services.consideration.dashboard(bu, board.id, {});
      assert.equal(view.total, 2);
      const old = view.items.find((i) => i.incidentOn === '2026-09-01');
      const recent = view.items.find((i) => i.incidentOn === '2026-11-18');
      assert.equal(old?.overdue, true);
      assert.equal(recent?.overdue, false);
      assert.ok((recent?.clocks?.fromIncident?.elapsed.workingDays ?? 0) > 0);
      const overdue = await services.consideration.dashboard(bu, board.id, { overdueOnly: true });
      assert.deepEqual(
        overdue.items.map((i) => i.incidentOn),
        ['2026-09-01'],
      );
      await services.consideration.updateSettings(as(await callerWithRole(services, 'administrator', board.id), 'BOARD_SETTINGS_UPDATED'), {
        boardId: board.id,
        holidayRegion: 'wales',
        decisionWeeksFromIncident: 52,
        decisionWeeksFromReferral: 52,
        frameworks: [],
      });
      clock.advance(0);
      const relaxed = await services.consideration.dashboard(bu, board.id, { overdueOnly: true });
      assert.equal(relaxed.total, 0, 'a board setting overrides the framework default');
    });
  });
}
