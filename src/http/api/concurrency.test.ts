// Simultaneous requests (issue 8 §2): numbers people read (Child A, CODE/YEAR/NN) come from per-board
// counters, so concurrent creations all succeed with distinct numbers and no gaps; and a unique key hit
// by simultaneous requests is a clear conflict, never a server error. Meaningful on PostgreSQL, where
// transactions run side by side (SQLite serialises writers); run on both.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiWorld, assertProblem, type Json } from '../../testing/api-fixtures.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';

const letters = (n: number) => Array.from({ length: n }, (_, i) => `Child ${String.fromCharCode(65 + i)}`);

for (const dialect of dialectsUnderTest()) {
  describe(`simultaneous requests (${dialect})`, () => {
    test('ten referrals recorded at once on one board all succeed, Child A to Child J, each once', async (t) => {
      const { services, boardA, boardB, tokens, call, body, createReferral } = await apiWorld(t, dialect);
      const url = `/api/v1/boards/${boardA.id}/referrals`;
      const results = await Promise.all(Array.from({ length: 10 }, () => call('POST', url, tokens.unitA, body())));
      assert.deepEqual(
        results.map((r) => r.statusCode),
        Array(10).fill(201),
        results.map((r) => r.body).join('\n'),
      );
      assert.deepEqual(results.map((r) => String(r.data.childCode)).sort(), letters(10));
      const rows = await services.db.kysely.selectFrom('referrals').select('child_number').where('board_id', '=', boardA.id).execute();
      assert.deepEqual(
        rows.map((r) => Number(r.child_number)).sort((a, b) => a - b),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
      // Each board counts on its own, and the next one carries on.
      assert.equal((await createReferral({}, tokens.unitB, boardB.id)).childCode, 'Child A');
      assert.equal((await createReferral()).childCode, 'Child K');
      assert.equal((await services.audit.verify()).ok, true);
    });

    test('five decisions to hold a review taken at once all succeed with references 01 to 05, each once', async (t) => {
      const { services, tokens, call, createReferral, recommend } = await apiWorld(t, dialect);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const referral = await createReferral({ receivedOn: `2026-11-${String(20 + i)}` });
        await recommend(referral.id);
        ids.push(referral.id);
      }
      const decision = { agreesWithRecommendation: true, rationale: 'I agree: the criteria are met.', decidedOn: '2026-11-27' };
      const results = await Promise.all(ids.map((id) => call('POST', `/api/v1/referrals/${id}/decision`, tokens.chairA, decision)));
      assert.deepEqual(
        results.map((r) => r.statusCode),
        Array(5).fill(201),
        results.map((r) => r.body).join('\n'),
      );
      assert.deepEqual(results.map((r) => String((r.data.review as Json).reference)).sort(), [
        'AAA/2026/01',
        'AAA/2026/02',
        'AAA/2026/03',
        'AAA/2026/04',
        'AAA/2026/05',
      ]);
      assert.equal((await services.audit.verify()).ok, true);
    });

    test('the same email address given for new people at once: one is created, the others are told the address is taken, never a 500', async (t) => {
      const { services, tokens, call } = await apiWorld(t, dialect);
      const person = { fullName: 'Nia Simultaneous', email: 'nia.simultaneous@example.org' };
      const results = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/api/v1/people', tokens.root, person)));
      assert.equal(results.filter((r) => r.statusCode === 201).length, 1, results.map((r) => `${r.statusCode} ${r.body}`).join('\n'));
      for (const refused of results.filter((r) => r.statusCode !== 201)) {
        // 422 when the check before the write saw the first one; 409 when both checked at once and the unique key refused the second.
        assert.ok([409, 422].includes(refused.statusCode), `${refused.statusCode} ${refused.body}`);
        assertProblem(refused, refused.statusCode);
        const errors = refused.data.errors as Json[];
        assert.deepEqual(
          errors.map((e) => [e.field, e.code]),
          [['email', 'email.taken']],
        );
        assert.equal(errors[0]?.message, 'Someone already uses this email address');
        assert.doesNotMatch(refused.body, /nia\.simultaneous|duplicate key|constraint/i, 'the clash is explained, not the database’s message');
      }
      const rows = await services.db.kysely.selectFrom('people').select('id').where('email', '=', person.email).execute();
      assert.equal(rows.length, 1);
    });
  });
}
