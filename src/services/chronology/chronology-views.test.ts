// The merged chronology through the services (issue 11 items 3 and 4), on both databases: only shared
// chronologies are in it, in the merged order; the anonymised view replaces the child's name in the free text
// by their code (in the reader's language), the named view (chronology.named only) shows it as written; two
// agencies' records of one event are flagged on the page; gaps and clusters are found over every matching
// entry; filters narrow it and a bad filter is refused; key events only on shared entries.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { loadConfig } from '../../config.ts';
import { createServices, type Services } from '../../container.ts';
import type { EntryInput } from '../../domain/chronology/entry-input.ts';
import { figureSvgProblems } from '../../domain/documents.ts';
import { as } from '../../testing/case-fixtures.ts';
import { addEntry, seedChronologyWorld } from '../../testing/chronology-fixtures.ts';
import { callerFor, completeRequest, type SeededRequest } from '../../testing/contribution-fixtures.ts';
import { readZipEntry } from '../../testing/document-inspect.ts';
import { testKeyring } from '../../testing/keys.ts';
import { type ReviewCallers, reviewRoleCaller } from '../../testing/review-fixtures.ts';
import { TestClock } from '../../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';
import { type Caller, ServiceError } from '../context.ts';

const kindOf = (kind: string) => (e: unknown) => e instanceof ServiceError && e.kind === kind;

function entry(date: string, description: string, more: Partial<EntryInput> = {}): EntryInput {
  return { date, precision: 'exact', eventType: 'contact', description, sourceRef: 'REF-1', significance: 'medium', ...more };
}

for (const dialect of dialectsUnderTest()) {
  describe(`the merged chronology (${dialect})`, () => {
    let services: Services;
    let callers: ReviewCallers;
    let boardId: string;
    let reviewId: string;
    let police: SeededRequest;
    let health: SeededRequest;
    let education: SeededRequest;
    let childId: string;
    let policeIncident: string;
    let unshared: string;
    let member: Caller;

    before(async () => {
      const db = await createTestDb(dialect);
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock });
      const world = await seedChronologyWorld(services, 3);
      ({ boardId, reviewId, callers, childId } = world);
      [police, health, education] = world.requests as [SeededRequest, SeededRequest, SeededRequest];
      const where = { boardId, reviewId };
      const add = (r: SeededRequest, input: EntryInput) => addEntry(services, world, r, input);
      await add(police, entry('2026-01-01', 'Neighbour reported shouting.', { precision: 'month' }));
      policeIncident = await add(
        police,
        entry('2026-05-02', 'Officers attended the home after a call from a neighbour; Siân Prydderch was asleep upstairs.', {
          people: [childId],
          eventType: 'police_incident',
          significance: 'high',
        }),
      );
      await add(
        health,
        entry('2026-05-02', 'Police attended the home after a neighbour called; Siân was asleep upstairs.', {
          people: [childId],
          eventType: 'police_incident',
        }),
      );
      for (const day of ['2026-06-01', '2026-06-02', '2026-06-02', '2026-06-04', '2026-06-05'])
        await add(health, entry(day, 'Ward round; child observed.', { eventType: 'hospital_attendance' }));
      await add(police, entry('2026-09-10', 'Strategy discussion with social care.', { eventType: 'strategy_discussion' }));
      unshared = await add(education, entry('2026-05-03', 'Absent from school.'));
      for (const r of [police, health]) {
        await completeRequest(services, where, r, 'timeline', 'signed_off', 'declared');
        await services.chronology.share(as(callers.bu, 'CHRONOLOGY_SHARED'), boardId, reviewId, r.id);
      }
      member = await reviewRoleCaller(services, 'panel_member', boardId, reviewId, world.agencyIds[1] ?? null);
    });
    after(() => services.db.close());

    test('only shared chronologies, in the merged order; the child’s name replaced by their code in the text', async () => {
      const view = await services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId);
      assert.equal(view.total, 9);
      assert.ok(!view.entries.some((p) => p.entry.id === unshared));
      const dates = view.entries.map((p) => p.entry.occurredOn);
      assert.deepEqual(dates, [...dates].sort());
      assert.equal(dates[0], '2026-01-01');
      const incident = view.entries.find((p) => p.entry.id === policeIncident);
      assert.match(incident?.text.description ?? '', /Child A was asleep upstairs/);
      assert.doesNotMatch(JSON.stringify(view.entries.map((p) => p.text)), /Siân|Prydderch/);
      assert.deepEqual(incident?.people, ['Child A']);
      const welsh = await services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, { language: 'cy' });
      assert.match(welsh.entries.find((p) => p.entry.id === policeIncident)?.text.description ?? '', /Plentyn A/);
      await assert.rejects(services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, { named: true }), kindOf('forbidden'));
    });

    test('the named view shows the text as written and the people by name', async () => {
      const view = await services.mergedChronology.merged(as(callers.bu, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, { named: true });
      const incident = view.entries.find((p) => p.entry.id === policeIncident);
      assert.match(incident?.text.description ?? '', /Siân Prydderch was asleep/);
      assert.deepEqual(incident?.people, ['Siân Ŵyn Prydderch']);
    });

    test('two agencies’ records of one event flagged; gaps and clusters found', async () => {
      const view = await services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId);
      const flagged = view.duplicates.get(policeIncident) ?? [];
      assert.equal(flagged.length, 1);
      assert.equal(
        flagged[0]?.agencyId,
        (await services.chronology.agency(as(callers.bu, 'CHRONOLOGY_VIEWED'), boardId, reviewId, health.id)).request.agencyId,
      );
      assert.ok(flagged[0]?.reasons.includes('similar_text'));
      // The June cluster at the health board, and the summer's silence before the strategy discussion.
      assert.equal(view.clusters.length, 1);
      assert.deepEqual([view.clusters[0]?.from, view.clusters[0]?.to, view.clusters[0]?.count], ['2026-06-01', '2026-06-05', 5]);
      assert.ok(view.gaps.some((g) => g.from === '2026-06-06' && g.to === '2026-09-09'));
      assert.ok(view.gaps.some((g) => g.from === '2026-02-01' && g.to === '2026-05-01'));
      const wide = await services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, { gapDays: 90 });
      assert.deepEqual(
        wide.gaps.map((g) => g.from),
        ['2026-06-06'],
      );
    });

    test('filters narrow it; a bad filter is refused field by field', async () => {
      const healthOnly = await services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, {
        agencyIds: [(await services.chronology.agency(as(callers.bu, 'CHRONOLOGY_VIEWED'), boardId, reviewId, health.id)).request.agencyId],
      });
      assert.equal(healthOnly.total, 6);
      const june = await services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, { from: '2026-06-02', to: '2026-06-04' });
      assert.equal(june.total, 3);
      const child = await services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, {
        personId: childId,
        significance: ['high'],
      });
      assert.deepEqual(
        child.entries.map((p) => p.entry.id),
        [policeIncident],
      );
      await assert.rejects(
        services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, { from: '2026-02-31', gapDays: 0, personId: 'nobody' }),
        (e: unknown) =>
          e instanceof ServiceError &&
          e.fieldErrors.from === 'chronology:errors.filterDateInvalid' &&
          e.fieldErrors.gapDays === 'chronology:errors.gapDaysInvalid' &&
          e.fieldErrors.person === 'chronology:errors.personUnknown',
      );
    });

    test('key events are marked on shared entries only, by the panel', async () => {
      await services.mergedChronology.markKey(as(member, 'CHRONOLOGY_KEY_EVENT_MARKED'), boardId, reviewId, policeIncident, { label: 'Police called' });
      const key = await services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, { keyOnly: true });
      assert.deepEqual(
        key.entries.map((p) => p.keyLabel),
        ['Police called'],
      );
      await assert.rejects(
        services.mergedChronology.markKey(as(member, 'CHRONOLOGY_KEY_EVENT_MARKED'), boardId, reviewId, unshared, { label: 'Absent' }),
        kindOf('not_found'),
      );
      const author = await callerFor(services, police.author.id);
      await assert.rejects(
        services.mergedChronology.markKey(as(author, 'CHRONOLOGY_KEY_EVENT_MARKED'), boardId, reviewId, policeIncident, { label: 'x' }),
        kindOf('forbidden'),
      );
      await services.mergedChronology.markKey(as(member, 'CHRONOLOGY_KEY_EVENT_MARKED'), boardId, reviewId, policeIncident, { label: '' });
      assert.equal((await services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, { keyOnly: true })).total, 0);
    });

    test('the timeline: one lane per shared agency, an accessible picture, its table alternative; the summary has the key events only', async () => {
      await services.mergedChronology.markKey(as(member, 'CHRONOLOGY_KEY_EVENT_MARKED'), boardId, reviewId, policeIncident, {
        label: 'Siân Prydderch found asleep',
      });
      const view = await services.mergedChronology.timeline(as(member, 'CHRONOLOGY_TIMELINE_VIEWED'), boardId, reviewId, {});
      assert.ok(view.svg);
      assert.deepEqual(figureSvgProblems(view.svg ?? ''), []);
      assert.match(view.svg ?? '', /role="img"/);
      assert.match(view.svg ?? '', /<title id=/);
      assert.equal(view.lanes.length, 2);
      assert.deepEqual(view.lanes.map((l) => l.count).sort(), [3, 6]);
      // The key label is anonymised on the picture and in the alternative.
      assert.deepEqual(
        view.keyEvents.map((k) => k.label),
        ['Child A found asleep'],
      );
      assert.doesNotMatch(view.svg ?? '', /Siân|Prydderch/);
      const summary = await services.mergedChronology.timeline(as(member, 'CHRONOLOGY_TIMELINE_VIEWED'), boardId, reviewId, { summary: true, language: 'cy' });
      assert.equal(
        summary.lanes.reduce((n, l) => n + l.count, 0),
        1,
      );
      assert.match(summary.title, /Llinell amser gryno/);
      await services.mergedChronology.markKey(as(member, 'CHRONOLOGY_KEY_EVENT_MARKED'), boardId, reviewId, policeIncident, { label: '' });
    });

    test('exports: a spreadsheet and a Word table in the reader’s language, anonymised unless named is asked for by those who may', async () => {
      const xlsx = await services.mergedChronology.exportFile(as(member, 'CHRONOLOGY_EXPORTED'), boardId, reviewId, { format: 'xlsx', language: 'cy' });
      assert.match(xlsx.fileName, /cronoleg\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      assert.equal(sheet?.getRow(1).getCell(1).value, 'Dyddiad');
      assert.equal(sheet?.rowCount, 10);
      const cells = JSON.stringify(sheet?.getSheetValues());
      assert.match(cells, /Plentyn A/);
      assert.doesNotMatch(cells, /Siân|Prydderch/);
      assert.match(cells, /Ionawr 2026/);
      const named = await services.mergedChronology.exportFile(as(callers.bu, 'CHRONOLOGY_EXPORTED'), boardId, reviewId, { format: 'docx', named: true });
      const xml = readZipEntry(named.bytes, 'word/document.xml')?.toString('utf8') ?? '';
      assert.match(xml, /Siân Prydderch was asleep/);
      assert.match(xml, /w:orient="landscape"/);
      await assert.rejects(
        services.mergedChronology.exportFile(as(member, 'CHRONOLOGY_EXPORTED'), boardId, reviewId, { format: 'docx', named: true }),
        kindOf('forbidden'),
      );
      const docx = await services.mergedChronology.exportFile(as(member, 'CHRONOLOGY_EXPORTED'), boardId, reviewId, { format: 'docx' });
      const text = readZipEntry(docx.bytes, 'word/document.xml')?.toString('utf8') ?? '';
      assert.match(text, /Child A was asleep upstairs/);
      assert.doesNotMatch(text, /Siân|Prydderch/);
    });

    test('a chronology shared later is in the merged chronology, its gaps and its timeline at once (nothing kept is stale)', async () => {
      const before = await services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, { gapDays: 20 });
      assert.ok(before.gaps.some((g) => g.from === '2026-05-03'));
      await completeRequest(services, { boardId, reviewId }, education, 'timeline', 'signed_off', 'declared');
      await services.chronology.share(as(callers.bu, 'CHRONOLOGY_SHARED'), boardId, reviewId, education.id);
      const after = await services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, { gapDays: 20 });
      assert.equal(after.total, before.total + 1);
      assert.ok(!after.gaps.some((g) => g.from === '2026-05-03'));
      assert.equal((await services.mergedChronology.timeline(as(member, 'CHRONOLOGY_TIMELINE_VIEWED'), boardId, reviewId, {})).lanes.length, 3);
    });

    test('the review’s pseudonym dictionary: its places (whole) and a person’s other spellings are replaced in the anonymised text too', async () => {
      await services.dictionary.add(
        as(callers.bu, 'DICTIONARY_TERM_ADDED'),
        { boardId, reviewId },
        {
          category: 'health_setting',
          realIdentifier: 'Ward round',
          termEn: 'Hospital visit',
          termCy: 'Ymweliad ysbyty',
        },
      );
      await services.dictionary.buildFromPeople(as(callers.bu, 'DICTIONARY_BUILT_FROM_PEOPLE'), { boardId, reviewId });
      const view = await services.mergedChronology.merged(as(member, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId);
      const texts = view.entries.map((p) => p.text.description);
      assert.ok(texts.includes('Hospital visit; child observed.'), texts.join(' | '));
      assert.ok(!texts.some((t) => /Ward round/.test(t)));
      const named = await services.mergedChronology.merged(as(callers.bu, 'CHRONOLOGY_MERGED_VIEWED'), boardId, reviewId, { named: true });
      assert.ok(
        named.entries.some((p) => p.text.description === 'Ward round; child observed.'),
        'the named view as written',
      );
    });
  });
}
