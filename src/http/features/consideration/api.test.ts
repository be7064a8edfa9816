// The JSON API from meetings to the chair's decision: criteria, analysis, recommendation, decision, letter, agenda.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { auditRows, count, setUp } from '../../../testing/api-setup.ts';
import { MUST_ANSWERS } from '../../../testing/case-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`JSON API: consideration and decisions (${dialect})`, () => {
    test('meetings, criteria, analysis, recommendation and the chair’s decision; a review with its reference; the letter; all audited', async (t) => {
      const { mustAnswers, services, boardA, people, tokens, call, createReferral } = await setUp(t, dialect);
      const referral = await createReferral();

      // The business unit schedules a meeting with the referral on its agenda and records attendance.
      const meeting = await call('POST', `/api/v1/boards/${boardA.id}/meetings`, tokens.unitA, {
        meetsOn: '2026-11-26',
        location: 'Ystafell 2',
        referralIds: [referral.id],
      });
      assert.equal(meeting.statusCode, 201, JSON.stringify(meeting.data));
      assert.deepEqual(meeting.data.referralIds, [referral.id]);
      const meetingId = String(meeting.data.id);
      assert.equal((await auditRows(services, 'MEETING_SCHEDULED', meetingId)).length, 1);
      const attendance = await call('POST', `/api/v1/meetings/${meetingId}/attendance`, tokens.unitA, {
        attendance: [
          { personId: people.memberA.id, attended: true },
          { personId: people.groupChairA.id, attended: false },
        ],
      });
      assert.equal(attendance.statusCode, 200, JSON.stringify(attendance.data));
      assert.deepEqual(
        (attendance.data.attendance as Json[]).map((a) => [a.personId, a.attended]).sort(),
        [
          [people.memberA.id, true],
          [people.groupChairA.id, false],
        ].sort(),
      );
      assert.equal((await auditRows(services, 'ATTENDANCE_RECORDED', meetingId)).length, 1);
      const meetings = await call('GET', `/api/v1/boards/${boardA.id}/meetings`, tokens.memberA);
      assert.deepEqual(meetings.data.meetings, [{ id: meetingId, boardId: boardA.id, meetsOn: '2026-11-26', location: 'Ystafell 2' }]);
      assert.equal((await call('GET', `/api/v1/referrals/${referral.id}`, tokens.memberA)).data.status, 'under_consideration');

      // The criteria of the framework in force, in English and Welsh.
      const criteria = await call('GET', `/api/v1/referrals/${referral.id}/criteria`, tokens.memberA);
      assert.equal(criteria.statusCode, 200);
      const framework = criteria.data.framework as Json & { name: Json };
      assert.equal(framework.id, 'SUSR_2024');
      assert.equal(typeof framework.name.cy, 'string');
      const inArea = (criteria.data.questions as Json[]).find((q) => q.id === 'in_area') as Json & { label: Json; choices: Json[] };
      assert.equal(inArea.label.en, 'Did the incident happen within the Board’s area?');
      assert.ok(String(inArea.label.cy).length > 0 && inArea.label.cy !== inArea.label.en);
      assert.deepEqual(inArea.choices[0], { value: 'yes', label: { en: 'Yes', cy: 'Ie' } });

      // The management group's analysis.
      const answers = await mustAnswers(referral.id);
      const assessed = await call('POST', `/api/v1/referrals/${referral.id}/assessments`, tokens.memberA, { meetingId, answers });
      assert.equal(assessed.statusCode, 201, JSON.stringify(assessed.data));
      assert.equal(assessed.data.frameworkId, 'SUSR_2024');
      assert.ok(['must', 'may', 'undetermined'].includes(String(assessed.data.outcome)));
      assert.equal((await auditRows(services, 'CRITERIA_ASSESSED', referral.id)).length, 1);

      // The recommendation, with a dissent.
      const recommended = await call('POST', `/api/v1/referrals/${referral.id}/recommendations`, tokens.groupChairA, {
        route: 'review',
        reasons: 'The statutory criteria are met.',
        dissent: 'One member thought a forum would be enough.',
      });
      assert.equal(recommended.statusCode, 201, JSON.stringify(recommended.data));
      assert.equal(recommended.data.dissent, 'One member thought a forum would be enough.');
      assert.equal((await auditRows(services, 'RECOMMENDATION_SUBMITTED', referral.id)).length, 1);

      // Only the board chair decides.
      const decision = { agreesWithRecommendation: true, rationale: 'I agree: the criteria are met.', decidedOn: '2026-11-27' };
      const url = `/api/v1/referrals/${referral.id}/decision`;
      assertProblem(await call('POST', url, tokens.groupChairA, decision), 403);
      assertProblem(await call('POST', url, tokens.unitA, decision), 403);
      assertProblem(await call('POST', url, tokens.adminA, decision), 403);
      assertProblem(await call('POST', url, tokens.chairB, decision), 404);
      const decided = await call('POST', url, tokens.chairA, decision);
      assert.equal(decided.statusCode, 201, JSON.stringify(decided.data));
      const d = decided.data as { decision: Json; review: Json };
      assert.equal(d.decision.route, 'review');
      assert.equal(d.decision.decidedBy, people.chairA.id);
      assert.equal(d.review.reference, 'AAA/2026/01');
      assert.equal(d.review.frameworkId, 'SUSR_2024');
      const decisionAudit = await auditRows(services, 'DECISION_RECORDED', referral.id);
      assert.equal(decisionAudit.length, 1);
      assert.deepEqual(
        JSON.parse(decisionAudit[0]?.summary ?? '{}'),
        { decisionId: d.decision.id, recommendationId: d.decision.recommendationId, reviewId: d.review.id, listed: 1 },
        'ids only, and how many of the referral’s people the new review lists (its child)',
      );

      // A second decision is a conflict, explained.
      const again = await call('POST', url, tokens.chairA, decision);
      assertProblem(again, 409);
      assert.equal(again.data.code, 'decision.alreadyDecided');
      assert.equal(again.data.detail, 'This referral has already been decided');
      assert.equal(await count(services, 'decisions'), 1);
      assertProblem(await call('POST', `/api/v1/referrals/${referral.id}/recommendations`, tokens.groupChairA, { route: 'no_review', reasons: 'Late.' }), 409);

      // Where it stands.
      const consideration = await call('GET', `/api/v1/referrals/${referral.id}/consideration`, tokens.memberA);
      assert.equal(consideration.statusCode, 200, JSON.stringify(consideration.data));
      const c = consideration.data as Json & { assessment: Json; recommendation: Json; decision: Json; review: Json };
      assert.equal(c.status, 'decided_proceed');
      assert.equal(c.childCode, 'Child A');
      assert.equal(c.assessment.meetingId, meetingId);
      assert.deepEqual((c.assessment.answers as Json).in_area, MUST_ANSWERS.in_area);
      assert.equal(c.recommendation.reasons, 'The statutory criteria are met.');
      assert.equal(c.decision.rationale, 'I agree: the criteria are met.');
      assert.equal(c.review.reference, 'AAA/2026/01');
      assert.equal(c.clocks, null, 'no clocks once decided');
      assert.equal((await auditRows(services, 'CONSIDERATION_VIEWED', referral.id)).length, 1);
      assertProblem(await call('GET', `/api/v1/referrals/${referral.id}/consideration`, tokens.adminA), 403);
      assertProblem(await call('GET', `/api/v1/referrals/${referral.id}/consideration`, tokens.unitB), 404);

      // The decision letter, as Word and PDF, in English and Welsh; each download audited.
      const letterUrl = `/api/v1/referrals/${referral.id}/decision-letter`;
      const pdf = await call('GET', `${letterUrl}?format=pdf&lang=cy`, tokens.memberA);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.match(String(pdf.headers['content-disposition']), /filename="AAA-2026-01-llythyr-penderfyniad-cy\.pdf"/);
      const docx = await call('GET', `${letterUrl}?format=docx`, tokens.chairA);
      assert.equal(docx.statusCode, 200);
      assert.match(String(docx.headers['content-type']), /wordprocessingml/);
      assert.equal(docx.rawPayload.subarray(0, 2).toString('latin1'), 'PK');
      const downloads = await auditRows(services, 'DECISION_LETTER_DOWNLOADED', referral.id);
      assert.deepEqual(
        downloads.map((e) => [JSON.parse(e.summary ?? '{}').format, JSON.parse(e.summary ?? '{}').language]),
        [
          ['pdf', 'cy'],
          ['docx', 'en'],
        ],
      );
      assertProblem(await call('GET', letterUrl, tokens.memberA), 400);
      assertProblem(await call('GET', `${letterUrl}?format=odt`, tokens.memberA), 400);
      assertProblem(await call('GET', `${letterUrl}?format=pdf`, tokens.unitB), 404);
      assertProblem(await call('GET', `${letterUrl}?format=pdf`, tokens.adminA), 403);

      const ids = (await auditRows(services, 'DECISION_RECORDED')).map((e) => e.record_id);
      assert.deepEqual(ids, [referral.id]);
      assert.equal((await services.audit.verify()).ok, true);
    });

    test('refusals along the way: 409 without a recommendation, 422 for missing reasons, rationale and inconsistent answers, 403 and 404 by role and board', async (t) => {
      const { mustAnswers, services, boardA, boardB, people, tokens, call, createReferral } = await setUp(t, dialect);
      const referral = await createReferral({ abuseOrNeglect: 'not_suspected' });
      const base = `/api/v1/referrals/${referral.id}`;

      // A decision or a recommendation too early.
      const early = await call('POST', `${base}/decision`, tokens.chairA, { agreesWithRecommendation: true, rationale: 'Yes.', decidedOn: '2026-11-27' });
      assertProblem(early, 409);
      assert.equal(early.data.code, 'decision.recommendationRequired');
      const noAnalysis = await call('POST', `${base}/recommendations`, tokens.groupChairA, { route: 'no_review', reasons: 'No.' });
      assertProblem(noAnalysis, 409);
      assert.equal(noAnalysis.data.code, 'recommendation.assessmentRequired');

      // The analysis: answers must agree with the referral, and facts are needed for every known answer.
      const answers = await mustAnswers(referral.id);
      const inconsistent = await call('POST', `${base}/assessments`, tokens.memberA, {
        answers: { ...answers, in_area: { answer: 'no', facts: 'Lives elsewhere.' }, child_died: { answer: 'yes', facts: null } },
      });
      assertProblem(inconsistent, 422);
      assert.deepEqual(fieldCodes(inconsistent).sort(), [
        ['answers.abuse_or_neglect.answer', 'assessment.inconsistentWithReferral'],
        ['answers.child_died.facts', 'assessment.factsRequired'],
        ['answers.in_area.answer', 'assessment.inconsistentWithReferral'],
      ]);
      const { in_area: _inArea, ...missingOne } = answers;
      const missing = await call('POST', `${base}/assessments`, tokens.memberA, {
        answers: { ...missingOne, abuse_or_neglect: { answer: 'not_suspected', facts: 'None.' } },
      });
      assert.deepEqual(fieldCodes(missing), [['answers.in_area.answer', 'assessment.answerRequired']]);
      assertProblem(await call('POST', `${base}/assessments`, tokens.memberA, { answers: { in_area: 'yes' } }), 400);
      assertProblem(await call('POST', `${base}/assessments`, tokens.unitA, { answers }), 403);
      assertProblem(await call('POST', `${base}/assessments`, tokens.adminA, { answers }), 403);
      const otherMeeting = await call('POST', `/api/v1/boards/${boardB.id}/meetings`, tokens.unitB, { meetsOn: '2026-11-20' });
      assert.equal(otherMeeting.statusCode, 201);
      const valid = { ...answers, abuse_or_neglect: { answer: 'not_suspected', facts: 'No concerns.' } };
      const wrongMeeting = await call('POST', `${base}/assessments`, tokens.memberA, { meetingId: otherMeeting.data.id, answers: valid });
      assert.deepEqual(fieldCodes(wrongMeeting), [['meetingId', 'assessment.meetingUnknown']]);
      assert.equal(await count(services, 'criteria_assessments'), 0);
      const assessed = await call('POST', `${base}/assessments`, tokens.memberA, { answers: valid });
      assert.equal(assessed.statusCode, 201, JSON.stringify(assessed.data));

      // The recommendation needs reasons; only the management group chair submits it.
      const noReasons = await call('POST', `${base}/recommendations`, tokens.groupChairA, { route: 'multi_agency_professional_forum', reasons: '  \n ' });
      assertProblem(noReasons, 422);
      assert.deepEqual(fieldCodes(noReasons), [['reasons', 'recommendation.reasonsRequired']]);
      assertProblem(await call('POST', `${base}/recommendations`, tokens.groupChairA, { route: 'party', reasons: 'x' }), 400);
      assertProblem(await call('POST', `${base}/recommendations`, tokens.memberA, { route: 'no_review', reasons: 'x' }), 403);
      const recommended = await call('POST', `${base}/recommendations`, tokens.groupChairA, {
        route: 'multi_agency_professional_forum',
        reasons: 'Learning is best drawn in a professional forum.',
      });
      assert.equal(recommended.statusCode, 201);

      // The decision needs a rationale and a date not in the future; the chair may differ, naming the route.
      const url = `${base}/decision`;
      const noRationale = await call('POST', url, tokens.chairA, { agreesWithRecommendation: true, rationale: '', decidedOn: '2026-11-28' });
      assertProblem(noRationale, 422);
      assert.deepEqual(fieldCodes(noRationale).sort(), [
        ['decidedOn', 'decision.inFuture'],
        ['rationale', 'decision.rationaleRequired'],
      ]);
      const noRoute = await call('POST', url, tokens.chairA, { agreesWithRecommendation: false, rationale: 'I differ.', decidedOn: '2026-11-27' });
      assert.deepEqual(fieldCodes(noRoute), [['route', 'decision.routeRequired']]);
      assertProblem(await call('POST', url, tokens.chairA, { agreesWithRecommendation: 'yes', rationale: 'x', decidedOn: '2026-11-27' }), 400);
      assertProblem(await call('POST', url, tokens.chairA, { agreesWithRecommendation: true, rationale: 'x' }), 400);
      assert.equal(await count(services, 'decisions'), 0);
      const decided = await call('POST', url, tokens.chairA, {
        agreesWithRecommendation: false,
        route: 'no_review',
        rationale: 'Neither a review nor a forum is needed.',
        decidedOn: '2026-11-27',
      });
      assert.equal(decided.statusCode, 201, JSON.stringify(decided.data));
      assert.equal((decided.data.decision as Json).route, 'no_review');
      assert.equal(decided.data.review, null);
      assert.equal(await count(services, 'reviews'), 0);

      // Meetings: managed by the business unit and the management group chair, within their board.
      const meetingsUrl = `/api/v1/boards/${boardA.id}/meetings`;
      assertProblem(await call('POST', meetingsUrl, tokens.memberA, { meetsOn: '2026-11-26' }), 403);
      assertProblem(await call('POST', meetingsUrl, tokens.adminA, { meetsOn: '2026-11-26' }), 403);
      assertProblem(await call('POST', meetingsUrl, tokens.unitB, { meetsOn: '2026-11-26' }), 404);
      assertProblem(await call('POST', meetingsUrl, tokens.unitA, { meetsOn: '26/11/2026' }), 400);
      const decidedOnAgenda = await call('POST', meetingsUrl, tokens.unitA, { meetsOn: '2026-11-26', referralIds: [referral.id] });
      assert.deepEqual(fieldCodes(decidedOnAgenda), [['referralIds', 'meeting.referralDecided']]);
      const otherBoards = await call('POST', `/api/v1/boards/${boardB.id}/meetings`, tokens.unitB, { meetsOn: '2026-11-26', referralIds: [referral.id] });
      assert.deepEqual(fieldCodes(otherBoards), [['referralIds', 'meeting.referralUnknown']]);
      const byGroupChair = await call('POST', meetingsUrl, tokens.groupChairA, { meetsOn: '2026-12-03', location: null });
      assert.equal(byGroupChair.statusCode, 201);
      const attendanceUrl = `/api/v1/meetings/${byGroupChair.data.id}/attendance`;
      assertProblem(await call('POST', attendanceUrl, tokens.unitB, { attendance: [] }), 404);
      assertProblem(await call('POST', attendanceUrl, tokens.memberA, { attendance: [] }), 403);
      assertProblem(await call('POST', '/api/v1/meetings/01a21b37-0000-7000-8000-000000000000/attendance', tokens.unitA, { attendance: [] }), 404);
      const unknownPerson = await call('POST', attendanceUrl, tokens.unitA, {
        attendance: [{ personId: '01a21b37-0000-7000-8000-000000000000', attended: true }],
      });
      assert.deepEqual(fieldCodes(unknownPerson), [['attendance', 'meeting.personNotInGroup']]);
      assertProblem(
        await call('POST', attendanceUrl, tokens.unitA, {
          attendance: [
            { personId: people.memberA.id, attended: true },
            { personId: people.memberA.id, attended: false },
          ],
        }),
        400,
      );
      assertProblem(await call('GET', meetingsUrl, tokens.adminA), 403);
      assertProblem(await call('GET', `/api/v1/boards/${boardB.id}/meetings`, tokens.memberA), 404);
      assert.equal(await count(services, 'management_group_meetings'), 2, 'one on each board');

      // A letter for a referral not yet decided is not found.
      const undecided = await createReferral({ incidentOn: '2026-11-01', receivedOn: '2026-11-02' });
      assertProblem(await call('GET', `/api/v1/referrals/${undecided.id}/decision-letter?format=pdf`, tokens.memberA), 404);
      const clocks = await call('GET', `/api/v1/referrals/${undecided.id}/consideration`, tokens.memberA);
      const fromIncident = (clocks.data.clocks as { fromIncident: Json }).fromIncident;
      assert.equal(fromIncident.dueOn, '2026-11-30', 'four weeks from 1 November is Sunday 29 November: due on the next working day');
      assert.equal(fromIncident.overdue, false);
      assert.equal(clocks.data.assessment, null);
      assert.equal((await services.audit.verify()).ok, true);
    });

    test('POST /meetings/{id}/agenda: referrals added after scheduling, all or none; audited; schema 400, rule 422, role 403, other board 404', async (t) => {
      const { services, boardA, boardB, tokens, call, body, createReferral } = await setUp(t, dialect);
      const first = await createReferral();
      const second = await createReferral({ receivedOn: '2026-11-21' });
      const otherBoards = await call('POST', `/api/v1/boards/${boardB.id}/referrals`, tokens.unitB, body());
      assert.equal(otherBoards.statusCode, 201, JSON.stringify(otherBoards.data));
      const scheduled = await call('POST', `/api/v1/boards/${boardA.id}/meetings`, tokens.unitA, { meetsOn: '2026-12-03' });
      assert.equal(scheduled.statusCode, 201);
      const meetingId = String(scheduled.data.id);
      const url = `/api/v1/meetings/${meetingId}/agenda`;

      // Refused: nothing chosen, a repeated id, another board's referral (with a good one: neither is added), by role and board.
      assertProblem(await call('POST', url, tokens.unitA, { referralIds: [] }), 400);
      assertProblem(await call('POST', url, tokens.unitA, { referralIds: [first.id, first.id] }), 400);
      assertProblem(await call('POST', url, tokens.unitA, { referralIds: [first.id], extra: true }), 400);
      const mixed = await call('POST', url, tokens.unitA, { referralIds: [first.id, String(otherBoards.data.id)] });
      assertProblem(mixed, 422);
      assert.deepEqual(fieldCodes(mixed), [['referralIds', 'meeting.referralUnknown']]);
      assertProblem(await call('POST', url, tokens.memberA, { referralIds: [first.id] }), 403);
      assertProblem(await call('POST', url, tokens.boardMemberA, { referralIds: [first.id] }), 403);
      assertProblem(await call('POST', url, tokens.adminA, { referralIds: [first.id] }), 403);
      assertProblem(await call('POST', url, tokens.unitB, { referralIds: [String(otherBoards.data.id)] }), 404);
      assertProblem(await call('POST', '/api/v1/meetings/01a21b37-0000-7000-8000-000000000000/agenda', tokens.unitA, { referralIds: [first.id] }), 404);
      assert.deepEqual((await call('GET', `/api/v1/referrals/${first.id}`, tokens.memberA)).data.status, 'referred');
      assert.equal((await auditRows(services, 'AGENDA_REFERRALS_ADDED')).length, 0);

      // Added, by the management group chair: both move to "under consideration"; each addition audited.
      const added = await call('POST', url, tokens.groupChairA, { referralIds: [first.id, second.id] });
      assert.equal(added.statusCode, 200, JSON.stringify(added.data));
      assert.deepEqual((added.data.referralIds as string[]).sort(), [first.id, second.id].sort());
      for (const r of [first, second]) assert.equal((await call('GET', `/api/v1/referrals/${r.id}`, tokens.memberA)).data.status, 'under_consideration');
      const audit = await auditRows(services, 'AGENDA_REFERRALS_ADDED', meetingId);
      assert.deepEqual(
        audit.map((a) => JSON.parse(a.summary ?? '{}').referralId),
        [first.id, second.id],
      );

      // Already on the agenda: left as it is, nothing more written.
      const again = await call('POST', url, tokens.unitA, { referralIds: [first.id] });
      assert.equal(again.statusCode, 200);
      assert.equal((again.data.referralIds as string[]).length, 2);
      assert.equal((await auditRows(services, 'AGENDA_REFERRALS_ADDED')).length, 2);
      assert.equal((await services.audit.verify()).ok, true);
    });
  });
}
