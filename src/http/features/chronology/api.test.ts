// The chronology API (issue 11 item 7), on both databases: the agency's contributor adds, changes (a stale
// version is a 409) and removes entries; bad input is a 422 naming each field with the pages' locale keys
// (as text) and writes nothing; another agency's contributor is refused; the business unit shares the
// signed-off chronology (twice is a 409); the panel member reads the merged chronology (pseudonyms in both
// languages, filters, paging) and is refused the named view, which the business unit gets; the panel member
// marks and unmarks a key event; another board is not found; the operations are in the OpenAPI document.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { templateHeaders } from '../../../domain/chronology/import-rows.ts';
import { addDays } from '../../../domain/clock/dates.ts';
import { apiWorld, assertProblem, fieldCodes, type Json } from '../../../testing/api-fixtures.ts';
import { testCaller } from '../../../testing/audit-actions.ts';
import { completeRequest, seedRequest } from '../../../testing/contribution-fixtures.ts';
import { multipartBody } from '../../../testing/file-fixtures.ts';
import { seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../../../testing/review-fixtures.ts';
import { dialectsUnderTest } from '../../../testing/test-db.ts';

const entry = (overrides: Json = {}): Json => ({
  date: '2026-03-14',
  precision: 'exact',
  time: '14:30',
  eventType: 'home_visit',
  description: 'Social worker visited; the child was seen alone.',
  people: [],
  practitionerRole: 'Social worker',
  actionTaken: 'Referral to the health visitor.',
  outcome: 'Visit arranged.',
  sourceRef: 'CN-2026-0314',
  significance: 'medium',
  analystComment: '',
  ...overrides,
});

for (const dialect of dialectsUnderTest()) {
  describe(`chronology API (${dialect})`, () => {
    test('entries, sharing, the merged chronology and key events; refusals as problem+json, nothing written by a refusal', async (t) => {
      const w = await apiWorld(t, dialect);
      const boardId = w.boardA.id;
      const callers = await reviewCallers(w.services, boardId);
      const review = await seedReview(w.services, boardId, callers, { frameworkId: 'CPR_2016' });
      const where = { boardId, reviewId: review.id };
      const policeAgency = await seedAgency(w.services, [boardId]);
      const healthAgency = await seedAgency(w.services, [boardId], { en: 'Test Health', cy: 'Iechyd Prawf' }, 'health');
      const dueOn = addDays(w.clock.today(), 28);
      const police = await seedRequest(w.services, callers.bu, { ...where, agencyId: policeAgency.id }, { dueOn });
      const health = await seedRequest(w.services, callers.bu, { ...where, agencyId: healthAgency.id }, { dueOn });
      await completeRequest(w.services, where, police, 'timeline', 'declared');
      await completeRequest(w.services, where, health, 'timeline', 'declared');
      const panelMember = await seedPerson(w.services, {
        reviewRoles: [{ role: 'panel_member', boardId, reviewId: review.id, agencyId: healthAgency.id }],
        totp: true,
      });
      const token = async (email: string) => (await w.services.tokens.create(testCaller('TEST_TOKEN'), email, 'test')).token;
      const policeAuthor = await token(police.author.email);
      const healthAuthor = await token(health.author.email);
      const panel = await token(panelMember.email);

      const base = `/api/v1/boards/${boardId}/reviews/${review.id}`;
      const own = `${base}/contributions/${police.id}/chronology`;
      const empty = await w.call('GET', own, policeAuthor);
      assert.equal(empty.statusCode, 200, JSON.stringify(empty.data));
      assert.equal(empty.data.total, 0);
      assert.deepEqual(empty.data.may, { edit: true, share: false });

      // Bad input: every field named with the pages' locale key and its text; nothing written.
      const before = await w.lastSeq();
      const bad = await w.call(
        'POST',
        `${own}/entries`,
        policeAuthor,
        entry({ date: '2024-02-31', time: '25:00', eventType: 'picnic', description: ' ', sourceRef: '', significance: 'huge', people: ['not-a-person'] }),
      );
      assertProblem(bad, 422);
      assert.deepEqual(
        new Map(fieldCodes(bad)),
        new Map([
          ['date', 'chronology:errors.dateInvalid'],
          ['time', 'chronology:errors.timeInvalid'],
          ['eventType', 'chronology:errors.eventTypeInvalid'],
          ['description', 'chronology:errors.descriptionRequired'],
          ['sourceRef', 'chronology:errors.sourceRefRequired'],
          ['significance', 'chronology:errors.significanceInvalid'],
          ['people', 'chronology:errors.personUnknown'],
        ]),
      );
      for (const e of bad.data.errors as Json[]) assert.ok(typeof e.message === 'string' && !String(e.message).startsWith('chronology:'), String(e.message));
      // Another agency's contributor cannot write into the police's chronology nor read it.
      const intruder = await w.call('POST', `${own}/entries`, healthAuthor, entry());
      assert.ok([403, 404].includes(intruder.statusCode), String(intruder.statusCode));
      assert.ok([403, 404].includes((await w.call('GET', own, healthAuthor)).statusCode));
      // Another board's business unit: not found.
      assertProblem(await w.call('GET', `/api/v1/boards/${w.boardB.id}/reviews/${review.id}/chronology`, w.tokens.unitB), 404);
      assert.deepEqual(await w.writtenAfter(before), [], 'refusals write nothing but their own refusal events');
      assert.equal((await w.call('GET', own, policeAuthor)).data.total, 0);

      const merged0 = await w.call('GET', `${base}/chronology`, w.tokens.unitA);
      const child = (merged0.data.people as Json[]).find((p) => (p.pseudonym as Json).kind === 'child') as Json;
      assert.deepEqual([(child.pseudonym as Json).en, (child.pseudonym as Json).cy], ['Child A', 'Plentyn A']);

      const a = await w.call('POST', `${own}/entries`, policeAuthor, entry({ people: [child.id], significance: 'high' }));
      assert.equal(a.statusCode, 201, JSON.stringify(a.data));
      const b = await w.call(
        'POST',
        `${own}/entries`,
        policeAuthor,
        entry({ date: '2026-02-10', precision: 'month', time: null, description: 'Ymweliad â’r cartref; gwelwyd y plentyn.', sourceRef: 'CN-0210' }),
      );
      assert.equal(b.statusCode, 201, JSON.stringify(b.data));
      const listed = await w.call('GET', own, policeAuthor);
      const entries = listed.data.entries as Json[];
      assert.deepEqual(
        entries.map((e) => [e.date, e.precision, e.description]),
        [
          ['2026-02-01', 'month', 'Ymweliad â’r cartref; gwelwyd y plentyn.'],
          ['2026-03-14', 'exact', 'Social worker visited; the child was seen alone.'],
        ],
      );
      const first = entries[1] as Json;
      assert.deepEqual(
        (first.people as Json[]).map((p) => [(p.pseudonym as Json).en, (p.pseudonym as Json).cy, p.name]),
        [['Child A', 'Plentyn A', undefined]],
      );

      // Change on the version seen; the same version again is stale (409) and changes nothing.
      const entryUrl = `${own}/entries/${first.id}`;
      const changed = await w.call('PUT', entryUrl, policeAuthor, {
        ...entry({ people: [child.id], significance: 'high', outcome: 'Child seen.' }),
        version: first.version,
      });
      assert.equal(changed.statusCode, 200, JSON.stringify(changed.data));
      assertProblem(await w.call('PUT', entryUrl, policeAuthor, { ...entry({ outcome: 'Lost update' }), version: first.version }), 409);
      assertProblem(await w.call('PUT', `${base}/contributions/${health.id}/chronology/entries/${first.id}`, healthAuthor, { ...entry(), version: 2 }), 404);
      const afterChange = ((await w.call('GET', own, policeAuthor)).data.entries as Json[])[1] as Json;
      assert.equal(afterChange.outcome, 'Child seen.');
      assert.equal(afterChange.version, (first.version as number) + 1);

      // Remove: a stale version is a 409; the current one removes it.
      const third = await w.call('POST', `${own}/entries`, policeAuthor, entry({ date: '2026-04-01', sourceRef: 'CN-0401' }));
      assertProblem(await w.call('DELETE', `${own}/entries/${third.data.id}?version=7`, policeAuthor), 409);
      const removed = await w.call('DELETE', `${own}/entries/${third.data.id}?version=1`, policeAuthor);
      assert.equal(removed.statusCode, 204, JSON.stringify(removed.data));
      assert.equal((await w.call('GET', own, policeAuthor)).data.total, 2);

      // An import through the API: the template filled in as CSV, checked by the job, then read back; another
      // agency's author is refused the upload.
      const csv = Buffer.from(
        `\ufeff${templateHeaders('en').join(',')}\n02/04/2026,,10:00,Home visit,Visit by the police; Plentyn A seen,Plentyn A,PC,,,CN-API-1,Low,\n`,
        'utf8',
      );
      const upload = (bearer: string, requestId: string) => {
        const body = multipartBody([{ name: 'file', filename: 'chronology.csv', content: csv }]);
        return w.app.inject({
          method: 'POST',
          url: `${base}/contributions/${requestId}/chronology/imports`,
          headers: { authorization: `Bearer ${bearer}`, 'content-type': body.contentType },
          payload: body.payload,
        });
      };
      assert.equal((await upload(healthAuthor, police.id)).statusCode, 403);
      const started = await upload(policeAuthor, police.id);
      assert.equal(started.statusCode, 202, started.body);
      const importId = (JSON.parse(started.body) as { id: string }).id;
      await w.services.jobs.runDue();
      const done = await w.call('GET', `${own}/imports/${importId}`, policeAuthor);
      assert.equal(done.data.status, 'imported', JSON.stringify(done.data));
      assert.equal(done.data.imported, 1);
      assertProblem(await w.call('GET', `${own.replace(police.id, health.id)}/imports/${importId}`, healthAuthor), 404);
      assert.equal((await w.call('GET', own, policeAuthor)).data.total, 3);
      const again = await w.call(
        'DELETE',
        `${own}/entries/${((await w.call('GET', own, policeAuthor)).data.entries as Json[]).find((e) => e.sourceRef === 'CN-API-1')?.id}?version=1`,
        policeAuthor,
      );
      assert.equal(again.statusCode, 204);

      // Sharing: only once signed off, only once.
      assertProblem(await w.call('POST', `${own}/share`, w.tokens.unitA), 409);
      await completeRequest(w.services, where, police, 'timeline', 'signed_off', 'declared');
      assertProblem(await w.call('POST', `${own}/entries`, policeAuthor, entry()), 409);
      assert.ok([403, 404].includes((await w.call('POST', `${own}/share`, policeAuthor)).statusCode));
      const shared = await w.call('POST', `${own}/share`, w.tokens.unitA);
      assert.equal(shared.statusCode, 204, JSON.stringify(shared.data));
      assertProblem(await w.call('POST', `${own}/share`, w.tokens.unitA), 409);

      // The merged chronology: codes for the panel member, names refused (403); the business unit gets names.
      const merged = await w.call('GET', `${base}/chronology`, panel);
      assert.equal(merged.statusCode, 200, JSON.stringify(merged.data));
      assert.equal(merged.data.total, 2);
      assert.equal(merged.data.named, false);
      assert.deepEqual(
        (merged.data.agencies as Json[]).map((x) => x.id),
        [policeAgency.id],
      );
      assert.deepEqual(
        (merged.data.notShared as Json[]).map((x) => x.id),
        [healthAgency.id],
      );
      assert.ok((merged.data.people as Json[]).every((p) => p.name === undefined));
      assertProblem(await w.call('GET', `${base}/chronology?view=named`, panel), 403);
      const namedView = await w.call('GET', `${base}/chronology?view=named`, w.tokens.unitA);
      assert.equal(namedView.statusCode, 200, JSON.stringify(namedView.data));
      assert.equal(namedView.data.named, true);
      const namedChild = (namedView.data.people as Json[]).find((p) => p.id === child.id) as Json;
      assert.equal(typeof namedChild.name, 'string');
      const reads = (
        await w.services.db.kysely.selectFrom('audit_events').select(['action', 'summary']).where('action', '=', 'CHRONOLOGY_MERGED_VIEWED').execute()
      ).map((e) => (JSON.parse(e.summary) as { named?: boolean }).named);
      assert.ok(reads.includes(true) && reads.includes(false), 'the named read is audited as named');

      // The merged chronology as a file, with the same view rules.
      const file = await w.call('GET', `${base}/chronology/export?format=xlsx&lang=cy`, panel);
      assert.equal(file.statusCode, 200);
      assert.match(String(file.headers['content-type']), /spreadsheetml/);
      assertProblem(await w.call('GET', `${base}/chronology/export?format=docx&view=named`, panel), 403);
      assertProblem(await w.call('GET', `${base}/chronology/export?format=pdf`, panel), 400);

      // Filters as query parameters; a bad filter is a 422 naming the field.
      const high = await w.call('GET', `${base}/chronology?significance=high&agency=${policeAgency.id}&person=${child.id}`, panel);
      assert.deepEqual(
        (high.data.entries as Json[]).map((e) => e.id),
        [first.id],
      );
      const period = await w.call('GET', `${base}/chronology?from=2026-03-01&to=2026-03-31&eventType=home_visit,contact`, panel);
      assert.deepEqual(
        (period.data.entries as Json[]).map((e) => e.id),
        [first.id],
      );
      const badFilter = await w.call('GET', `${base}/chronology?from=2024-02-31`, panel);
      assertProblem(badFilter, 422);
      assert.deepEqual(fieldCodes(badFilter), [['from', 'chronology:errors.filterDateInvalid']]);
      assertProblem(await w.call('GET', `${base}/chronology?page=0`, panel), 400);

      // Key events: marked by the panel member, listed with key=yes, unmarked with an empty label.
      const keyUrl = `${base}/chronology/entries/${first.id}/key`;
      assertProblem(await w.call('PUT', keyUrl, panel, { label: 'x'.repeat(81) }), 422);
      assert.deepEqual((await w.call('PUT', keyUrl, panel, { label: 'Child seen alone' })).data, { marked: true });
      const keys = await w.call('GET', `${base}/chronology?key=yes`, panel);
      assert.deepEqual(
        (keys.data.entries as Json[]).map((e) => [e.id, (e.keyEvent as Json).label]),
        [[first.id, 'Child seen alone']],
      );
      assert.ok([403, 404].includes((await w.call('PUT', keyUrl, policeAuthor, { label: 'x' })).statusCode));
      assert.deepEqual((await w.call('PUT', keyUrl, panel, { label: '' })).data, { marked: false });
      assert.equal((await w.call('GET', `${base}/chronology?key=yes`, panel)).data.total, 0);

      const spec = await w.call('GET', '/api/v1/openapi.json');
      assert.equal(spec.statusCode, 200, spec.body.slice(0, 2000));
      const ops = Object.values(spec.data.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) =>
        Object.values(p).map((o) => o.operationId),
      );
      for (const id of [
        'getAgencyChronology',
        'addChronologyEntry',
        'changeChronologyEntry',
        'removeChronologyEntry',
        'shareChronology',
        'getMergedChronology',
        'markKeyEvent',
      ])
        assert.ok(ops.includes(id), id);
    });
  });
}
