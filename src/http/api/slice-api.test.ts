// The first slice made right, through the API (issue 9, "what a new user found wrong"): the referrer
// recorded (a person with an account, or a name and an email address); a board that runs the SCR process of
// its founding procedures beside the statutory framework, end to end; only the questions that apply; the
// review created in the stage its decision names, with the type the analysis indicated; England's
// notification to the national Panel.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../testing/api-fixtures.ts';
import { testCaller } from '../../testing/audit-actions.ts';
import { as, callerWithRole, MUST_ANSWERS } from '../../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../../testing/fixtures.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`the first slice made right, through the API (${dialect})`, () => {
    test('the referrer: someone with an account on the board, or a name and an email address; neither is the token holder', async (t) => {
      const { boardA, people, tokens, call, body } = await apiWorld(t, dialect);
      const url = `/api/v1/boards/${boardA.id}/referrals`;
      const noEmail = await call('POST', url, tokens.unitA, body({ referrerName: 'A neighbour', referrerEmail: null }));
      assertProblem(noEmail, 422);
      assert.deepEqual(fieldCodes(noEmail), [['referrerEmail', 'referral.referrerEmailRequired']]);
      const both = await call('POST', url, tokens.unitA, { ...body(), referrerPersonId: people.referrerA.id });
      assert.deepEqual(fieldCodes(both), [['referrerPersonId', 'referral.referrerPersonOrDetails']]);
      const elsewhere = await call('POST', url, tokens.unitA, { ...body({ referrerName: null, referrerEmail: null }), referrerPersonId: people.unitB.id });
      assert.deepEqual(fieldCodes(elsewhere), [['referrerPersonId', 'referral.referrerPersonUnknown']], 'another board’s person');

      const named = await call('POST', url, tokens.unitA, { ...body({ referrerName: null, referrerEmail: null }), referrerPersonId: people.referrerA.id });
      assert.equal(named.statusCode, 201, JSON.stringify(named.data));
      assert.deepEqual([named.data.referrerPersonId, named.data.referrerName, named.data.referrerEmail], [people.referrerA.id, 'Referrer A', null]);
      const self = await call('POST', url, tokens.referrerA, body({ referrerName: null, referrerEmail: null }));
      assert.deepEqual([self.data.referrerPersonId, self.data.referrerName], [people.referrerA.id, 'Referrer A']);
      const external = await call('POST', url, tokens.unitA, { ...body({ referrerEmail: 'Neighbour@Example.org' }), referrerLanguage: 'cy' });
      assert.deepEqual([external.data.referrerPersonId, external.data.referrerEmail, external.data.referrerLanguage], [null, 'neighbour@example.org', 'cy']);
    });

    test('a Welsh board that also runs the SCR of its founding procedures takes a referral to a review under it, warned and recorded', async (t) => {
      const { services, boardA, tokens, call, createReferral } = await apiWorld(t, dialect);
      const referral = await createReferral();
      const criteria = `/api/v1/referrals/${referral.id}/criteria`;
      // By default the board runs the statutory framework only.
      const only = await call('GET', criteria, tokens.memberA);
      assert.deepEqual(
        (only.data.frameworks as Json[]).map((f) => f.id),
        ['SUSR_2024'],
      );
      assertProblem(await call('GET', `${criteria}?frameworkId=SCR_2006`, tokens.memberA), 422);

      const admin = await callerWithRole(services, 'administrator', boardA.id);
      await services.consideration.updateSettings(as(admin, 'BOARD_SETTINGS_UPDATED'), {
        boardId: boardA.id,
        holidayRegion: 'wales',
        decisionWeeksFromIncident: null,
        decisionWeeksFromReferral: null,
        frameworks: ['SCR_2006'],
      });
      const both = await call('GET', criteria, tokens.memberA);
      assert.equal(both.data.statutoryFrameworkId, 'SUSR_2024');
      assert.deepEqual(
        (both.data.frameworks as Json[]).map((f) => f.id),
        ['SUSR_2024', 'SCR_2006'],
      );
      const scr = await call('GET', `${criteria}?frameworkId=SCR_2006`, tokens.memberA);
      assert.equal((scr.data.framework as Json).id, 'SCR_2006');
      const questions = scr.data.questions as { id: string }[];
      assert.deepEqual(
        questions.map((q) => q.id),
        ['in_area', 'abuse_or_neglect', 'child_died', 'life_threatening_injury', 'serious_permanent_impairment', 'other_harm'],
      );

      const answers = Object.fromEntries(questions.map((q) => [q.id, MUST_ANSWERS[q.id] ?? { answer: 'unknown', facts: null }]));
      const assessed = await call('POST', `/api/v1/referrals/${referral.id}/assessments`, tokens.memberA, { frameworkId: 'SCR_2006', answers });
      assert.equal(assessed.statusCode, 201, JSON.stringify(assessed.data));
      assert.deepEqual([assessed.data.frameworkId, assessed.data.statutoryFrameworkId, assessed.data.outcome], ['SCR_2006', 'SUSR_2024', 'must']);
      assert.deepEqual(assessed.data.warnings, ['not_statutory_framework']);
      const recorded = await services.db.kysely
        .selectFrom('audit_events')
        .select('summary')
        .where('action', '=', 'CRITERIA_ASSESSED')
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(recorded.summary).notStatutory, true, 'the choice is recorded');

      const recommended = await call('POST', `/api/v1/referrals/${referral.id}/recommendations`, tokens.groupChairA, {
        route: 'review',
        reasons: 'Criteria met.',
      });
      assert.equal(recommended.statusCode, 201, JSON.stringify(recommended.data));
      assert.deepEqual([recommended.data.frameworkId, recommended.data.reviewType, recommended.data.departsFromAnalysis], ['SCR_2006', null, []]);
      const decided = await call('POST', `/api/v1/referrals/${referral.id}/decision`, tokens.chairA, {
        agreesWithRecommendation: true,
        rationale: 'Agreed: a Serious Case Review.',
        decidedOn: '2026-11-27',
      });
      assert.equal(decided.statusCode, 201, JSON.stringify(decided.data));
      const review = decided.data.review as Json;
      assert.deepEqual([review.frameworkId, review.stage, review.reviewType], ['SCR_2006', 'DECIDED_PROCEED', null]);
      assert.equal((decided.data.decision as Json).frameworkId, 'SCR_2006');
      const letter = await call('GET', `/api/v1/referrals/${referral.id}/decision-letter?format=docx&lang=en`, tokens.chairA);
      assert.equal(letter.statusCode, 200);
    });

    test('only the questions that apply: a stream’s questions are refused unless the facts raise it; the review takes the type the analysis indicated', async (t) => {
      const { tokens, call, createReferral, mustAnswers } = await apiWorld(t, dialect);
      const referral = await createReferral();
      const answers = await mustAnswers(referral.id);
      const url = `/api/v1/referrals/${referral.id}/assessments`;
      const notRaised = await call('POST', url, tokens.memberA, {
        answers: { ...answers, dhr_death_aged_16_or_over: { answer: 'yes', facts: 'A parent died.' } },
      });
      assert.deepEqual(fieldCodes(notRaised), [['answers.dhr_death_aged_16_or_over.answer', 'assessment.notAsked']]);
      const raised = await call('POST', url, tokens.memberA, { answers: { ...answers, raises_domestic_homicide_review: { answer: 'yes', facts: null } } });
      assert.deepEqual(fieldCodes(raised), [
        ['answers.dhr_death_aged_16_or_over.answer', 'assessment.answerRequired'],
        ['answers.dhr_by_relative_partner_or_household.answer', 'assessment.answerRequired'],
      ]);
      const assessed = await call('POST', url, tokens.memberA, { answers });
      assert.equal(assessed.statusCode, 201);
      assert.deepEqual([assessed.data.outcome, assessed.data.reviewType, assessed.data.warnings], ['must', 'concise', []]);
      assert.deepEqual(
        (assessed.data.streams as Json[]).map((s) => s.stream),
        ['child_practice_review'],
        'streams not raised are not assessed',
      );
      // No type given: the one the analysis indicated; a departure from it is reported.
      const recommended = await call('POST', `/api/v1/referrals/${referral.id}/recommendations`, tokens.groupChairA, { route: 'review', reasons: 'Met.' });
      assert.deepEqual([recommended.data.reviewType, recommended.data.departsFromAnalysis], ['concise', []]);
      const decided = await call('POST', `/api/v1/referrals/${referral.id}/decision`, tokens.chairA, {
        agreesWithRecommendation: false,
        route: 'review',
        reviewType: 'extended',
        rationale: 'An extended review.',
        decidedOn: '2026-11-27',
      });
      const review = decided.data.review as Json;
      assert.deepEqual([review.frameworkId, review.stage, review.reviewType], ['SUSR_2024', 'DECIDED_PROCEED', 'extended']);
      const consideration = await call('GET', `/api/v1/referrals/${referral.id}/consideration`, tokens.memberA);
      assert.deepEqual((consideration.data.recommendation as Json).departsFromAnalysis, []);
    });

    test('England: the day the board became aware is required; the Panel notification is due 5 working days later and recorded once', async (t) => {
      const { app, services } = await apiWorld(t, dialect);
      const board = await seedBoard(
        services,
        'SEVERN',
        { en: 'Severn Vale Safeguarding Children Partnership', cy: 'Partneriaeth Diogelu Plant Dyffryn Hafren' },
        'england',
      );
      const unit = await seedPerson(services, { fullName: 'Unit E', roles: [{ role: 'business_unit', boardId: board.id }], totp: true });
      const member = await seedPerson(services, { fullName: 'Member E', roles: [{ role: 'management_group_member', boardId: board.id }], totp: true });
      const token = async (email: string) => (await services.tokens.create(testCaller('TEST_TOKEN'), email, 'test')).token;
      const [unitToken, memberToken] = [await token(unit.email), await token(member.email)];
      const call = async (method: 'GET' | 'POST', url: string, bearer: string, payload?: Json) => {
        const res = await app.inject({ method, url, headers: { authorization: `Bearer ${bearer}` }, ...(payload ? { payload } : {}) });
        return Object.assign(res, { data: res.body ? (JSON.parse(res.body) as Json) : {} });
      };
      const referral = {
        referrerName: null,
        receivedOn: '2026-11-20',
        incidentOn: '2026-11-18',
        incidentType: 'death',
        abuseOrNeglect: 'suspected',
        inBoardArea: true,
        initialFacts: 'Known facts.',
        child: { fullName: null, isDeceased: true },
      };
      const missing = await call('POST', `/api/v1/boards/${board.id}/referrals`, unitToken, referral);
      assert.deepEqual(fieldCodes(missing), [['awareOn', 'referral.awareOnRequired']]);
      const created = await call('POST', `/api/v1/boards/${board.id}/referrals`, unitToken, { ...referral, awareOn: '2026-11-19' });
      assert.equal(created.statusCode, 201, JSON.stringify(created.data));
      const id = String(created.data.id);
      const before = await call('GET', `/api/v1/referrals/${id}/consideration`, memberToken);
      assert.deepEqual(before.data.nationalPanelNotification, {
        awareOn: '2026-11-19',
        dueOn: '2026-11-26',
        notifiedOn: null,
        late: false,
        status: 'overdue',
        overdue: true,
      });
      assert.equal(((before.data.clocks as Json).rapidReview as Json).dueOn, '2026-12-10');
      const url = `/api/v1/referrals/${id}/national-panel-notification`;
      assertProblem(await call('POST', url, memberToken, { notifiedOn: '2026-11-26' }), 403);
      const done = await call('POST', url, unitToken, { notifiedOn: '2026-11-26' });
      assert.equal(done.statusCode, 200, JSON.stringify(done.data));
      assert.deepEqual([done.data.status, done.data.late, done.data.overdue], ['notified', false, false]);
      assertProblem(await call('POST', url, unitToken, { notifiedOn: '2026-11-26' }), 409);
      const list = await call('GET', `/api/v1/boards/${board.id}/referrals`, memberToken);
      const item = (list.data.referrals as Json[])[0] as Json;
      assert.equal(item.dueOn, '2026-12-10', 'the notification done, the rapid review is what is due');
    });
  });
}
