// Possible duplicates (issue 8 §6): an agency referrer learns nothing about other referrals; those who
// receive referrals (the business unit, the management group, the board chair) see a referral's possible
// duplicates; every search is audited with ids and counts only.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld, assertProblem, type Json } from '../../../testing/api-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const CHILD_A = { kind: 'child', index: 1, en: 'Child A', cy: 'Plentyn A' };

const sameChild = { fullName: 'Siân Ŵyn Prydderch', dateOfBirthOn: '2019-05-04', address: '2 Lôn Arall', isDeceased: true };

for (const dialect of dialectsUnderTest()) {
  describe(`possible duplicates through the API (${dialect})`, () => {
    test('a referrer is told nothing about other referrals: no duplicate check, no answer naming another referral', async (t) => {
      const { boardA, tokens, call, body, createReferral, writtenAfter, refusedAfter, lastSeq } = await apiWorld(t, dialect);
      const first = await createReferral();
      const before = await lastSeq();
      const check = await call('POST', `/api/v1/boards/${boardA.id}/referrals/duplicates`, tokens.referrerA, {
        incidentOn: '2026-11-18',
        incidentType: 'death',
        child: { fullName: sameChild.fullName, dateOfBirthOn: sameChild.dateOfBirthOn },
      });
      assertProblem(check, 403);
      assert.doesNotMatch(check.body, new RegExp(`${first.id}|Child A`));
      assert.deepEqual(await writtenAfter(before), [], 'nothing searched');
      assert.deepEqual(await refusedAfter(before), ['/api/v1/boards/:boardId/referrals/duplicates'], 'the refusal is audited');

      const second = await call('POST', `/api/v1/boards/${boardA.id}/referrals`, tokens.referrerA, body({ incidentOn: '2026-11-18', child: sameChild }));
      assert.equal(second.statusCode, 201, second.body);
      assert.doesNotMatch(second.body, new RegExp(`${first.id}|Child A|duplicate`, 'i'), 'the record says nothing of the other referral');
      assertProblem(await call('GET', `/api/v1/referrals/${second.data.id}/duplicates`, tokens.referrerA), 403);
    });

    test('those who receive the referral see its possible duplicates; each search is audited with ids and counts', async (t) => {
      const { boardA, boardB, tokens, call, createReferral, eventsAfter, writtenAfter, lastSeq } = await apiWorld(t, dialect);
      const first = await createReferral();
      const unrelated = await createReferral({
        incidentOn: '2026-10-01',
        receivedOn: '2026-10-02',
        child: { ...sameChild, fullName: 'Other Child', dateOfBirthOn: '2015-01-01' },
      });
      const second = await createReferral({ incidentType: 'other_harm', child: { ...sameChild, isDeceased: false } }, tokens.referrerA);
      const url = `/api/v1/referrals/${second.id}/duplicates`;

      for (const token of [tokens.memberA, tokens.unitA, tokens.chairA]) {
        const before = await lastSeq();
        const found = await call('GET', url, token);
        assert.equal(found.statusCode, 200, found.body);
        assert.deepEqual(found.data.duplicates, [{ referralId: first.id, childCode: 'Child A', childPseudonym: CHILD_A, reason: 'same_child' }]);
        const events = await eventsAfter(before);
        assert.deepEqual(
          events.map((e) => [e.action, e.board_id, e.record_type, e.record_id, JSON.parse(e.summary)]),
          [['REFERRAL_DUPLICATES_VIEWED', boardA.id, 'referral', second.id, { duplicates: 1, duplicateIds: [first.id] }]],
        );
      }
      const none = await call('GET', `/api/v1/referrals/${unrelated.id}/duplicates`, tokens.memberA);
      assert.deepEqual(none.data.duplicates, []);

      const before = await lastSeq();
      assertProblem(await call('GET', url, tokens.adminA), 403);
      assertProblem(await call('GET', url, tokens.boardMemberA), 403);
      assertProblem(await call('GET', url, tokens.unitB), 404);
      // Searching by a name and date of birth needs the restricted details: the business unit, not the group.
      const search = { incidentOn: '2026-11-01', incidentType: 'other_harm', child: { fullName: sameChild.fullName, dateOfBirthOn: sameChild.dateOfBirthOn } };
      assertProblem(await call('POST', `/api/v1/boards/${boardA.id}/referrals/duplicates`, tokens.memberA, search), 403);
      assertProblem(await call('POST', `/api/v1/boards/${boardB.id}/referrals/duplicates`, tokens.unitA, search), 404);
      assert.deepEqual(await writtenAfter(before), [], 'refused searches write nothing but their refusals');

      const checked = await call('POST', `/api/v1/boards/${boardA.id}/referrals/duplicates`, tokens.unitA, search);
      assert.equal(checked.statusCode, 200, checked.body);
      assert.deepEqual((checked.data.duplicates as Json[]).map((d) => d.referralId).sort(), [first.id, second.id].sort());
      const events = await writtenAfter(before);
      assert.equal(events.length, 1);
      assert.equal(events[0]?.action, 'REFERRAL_DUPLICATES_CHECKED');
      assert.equal(events[0]?.board_id, boardA.id);
      assert.deepEqual(Object.keys(JSON.parse(events[0]?.summary ?? '{}')).sort(), ['duplicateIds', 'duplicates']);
      assert.doesNotMatch(events[0]?.summary ?? '', /Prydderch|2019-05-04/);
    });
  });
}
