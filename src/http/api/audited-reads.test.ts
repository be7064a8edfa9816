// Every API read of case material writes exactly one audit event, with the operation's audit name and the
// board, in the same transaction as the read (issue 8 §15): the referral list, the meetings, the timeline,
// the criteria, the duplicate checks, as the single referral, its consideration and the letter already did.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld } from '../../testing/api-fixtures.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`audited reads of case material: API (${dialect})`, () => {
    test('each read writes one event with the operation’s audit name and the board; refused reads write only their refusal', async (t) => {
      const { boardA, tokens, call, createReferral, eventsAfter, writtenAfter, refusedAfter, lastSeq } = await apiWorld(t, dialect);
      const referral = await createReferral();
      const meeting = await call('POST', `/api/v1/boards/${boardA.id}/meetings`, tokens.unitA, { meetsOn: '2026-11-26', referralIds: [referral.id] });
      assert.equal(meeting.statusCode, 201);
      const duplicateCheck = { incidentOn: '2026-11-18', incidentType: 'death', child: { fullName: 'Siân Ŵyn Prydderch', dateOfBirthOn: '2019-05-04' } };
      const reads: [method: 'GET' | 'POST', url: string, token: string, action: string, record: [string, string], payload?: unknown][] = [
        ['GET', `/api/v1/boards/${boardA.id}/referrals`, tokens.memberA, 'REFERRALS_LISTED', ['board', boardA.id]],
        ['GET', `/api/v1/boards/${boardA.id}/meetings`, tokens.memberA, 'MEETINGS_VIEWED', ['board', boardA.id]],
        ['GET', `/api/v1/referrals/${referral.id}/timeline`, tokens.memberA, 'REFERRAL_TIMELINE_VIEWED', ['referral', referral.id]],
        ['GET', `/api/v1/referrals/${referral.id}/criteria`, tokens.memberA, 'CRITERIA_VIEWED', ['referral', referral.id]],
        ['GET', `/api/v1/referrals/${referral.id}/duplicates`, tokens.memberA, 'REFERRAL_DUPLICATES_VIEWED', ['referral', referral.id]],
        ['POST', `/api/v1/boards/${boardA.id}/referrals/duplicates`, tokens.unitA, 'REFERRAL_DUPLICATES_CHECKED', ['board', boardA.id], duplicateCheck],
        ['GET', `/api/v1/referrals/${referral.id}`, tokens.memberA, 'REFERRAL_VIEWED', ['referral', referral.id]],
        ['GET', `/api/v1/referrals/${referral.id}/consideration`, tokens.memberA, 'CONSIDERATION_VIEWED', ['referral', referral.id]],
      ];
      for (const [method, url, token, action, [recordType, recordId], payload] of reads) {
        const before = await lastSeq();
        const res = await call(method, url, token, payload);
        assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
        const events = await eventsAfter(before);
        assert.deepEqual(
          events.map((e) => [e.action, e.board_id, e.record_type, e.record_id]),
          [[action, boardA.id, recordType, recordId]],
          url,
        );
        assert.doesNotMatch(events[0]?.summary ?? '', /Child A|Siân|Prydderch|death|suspected|2026-11-18/, url);
      }
      const before = await lastSeq();
      for (const [method, url, , , , payload] of reads) {
        const refused = await call(method, url, tokens.unitB, payload);
        assert.equal(refused.statusCode, 404, url);
        // An administrator sees no case material: refused by the operation (403) or, where it is open to anyone signed in, not found.
        assert.ok([403, 404].includes((await call(method, url, tokens.adminA, payload)).statusCode), url);
      }
      assert.deepEqual(await writtenAfter(before), [], 'a refused read writes no read event');
      assert.equal((await refusedAfter(before)).length, (await eventsAfter(before)).length, 'only the refusals (403) are audited');
    });
  });
}
