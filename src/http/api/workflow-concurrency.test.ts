// Workflow records (issue 9 item 1) under parallel requests: requests that move the same referral at the
// same moment each get a clear answer, never a server error; the referral moves once, through its table,
// and the audit chain stays whole. Meaningful on PostgreSQL, where the transactions run side by side.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld } from '../../testing/api-fixtures.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';

for (const dialect of dialectsUnderTest()) {
  describe(`workflow moves under parallel requests (${dialect})`, () => {
    test('four analyses and then four recommendations of one referral at once: 201 or 409, never 500; each move made once', async (t) => {
      const { services, tokens, call, createReferral, mustAnswers } = await apiWorld(t, dialect);
      const referral = await createReferral();
      const answers = await mustAnswers(referral.id);
      const transitions = async (event: string) =>
        (await services.db.kysely.selectFrom('record_transitions').selectAll().where('record_id', '=', referral.id).where('event', '=', event).execute())
          .length;

      const assessed = await Promise.all([0, 1, 2, 3].map(() => call('POST', `/api/v1/referrals/${referral.id}/assessments`, tokens.memberA, { answers })));
      assert.ok(
        assessed.every((r) => r.statusCode === 201 || r.statusCode === 409),
        assessed.map((r) => r.statusCode).join(' '),
      );
      assert.ok(assessed.some((r) => r.statusCode === 201));
      for (const r of assessed.filter((x) => x.statusCode === 409))
        assert.equal(r.data.detail, 'Someone else changed this record at the same time. Check where it stands now and try again.');
      assert.equal(await transitions('consider'), 1, 'taken under consideration once');

      const recommended = await Promise.all(
        [0, 1, 2, 3].map((i) =>
          call('POST', `/api/v1/referrals/${referral.id}/recommendations`, tokens.groupChairA, {
            route: 'review',
            reasons: `The statutory criteria are met (${i}).`,
          }),
        ),
      );
      assert.ok(
        recommended.every((r) => r.statusCode === 201 || r.statusCode === 409),
        recommended.map((r) => r.statusCode).join(' '),
      );
      const made = recommended.filter((r) => r.statusCode === 201).length;
      assert.ok(made >= 1);
      const status = await services.db.kysely.selectFrom('referrals').select('status').where('id', '=', referral.id).executeTakeFirstOrThrow();
      assert.equal(status.status, 'recommended_to_chair');
      // One move from "under consideration"; any other recommendation that was saved revised it (a move to the same state).
      const moves = await services.db.kysely
        .selectFrom('record_transitions')
        .selectAll()
        .where('record_id', '=', referral.id)
        .where('event', '=', 'recommend')
        .execute();
      assert.equal(moves.filter((m) => m.from_state === 'under_consideration').length, 1);
      assert.equal(moves.length, made, 'a transition for each recommendation saved, none for those refused');
      assert.equal((await services.db.kysely.selectFrom('recommendations').selectAll().execute()).length, made);
      assert.equal((await services.audit.verify()).ok, true);
    });
  });
}
