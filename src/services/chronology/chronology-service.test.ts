// An agency's chronology through the services (issue 11 item 1), on both databases: its contributor adds,
// changes and removes entries only while the contribution is drafted; bad input changes nothing and names
// every field; an entry outside the review's period is kept with a warning; another agency's contributor
// can neither read nor write this agency's chronology, and ids of another review or agency are not found;
// someone else's change first is a conflict; the business unit shares a signed-off chronology once; two
// entries added at the same moment get two numbers (PostgreSQL).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { createServices, type Services } from '../../container.ts';
import type { EntryInput } from '../../domain/chronology/entry-input.ts';
import { addDays } from '../../domain/clock/dates.ts';
import { as } from '../../testing/case-fixtures.ts';
import { seedChronologyWorld } from '../../testing/chronology-fixtures.ts';
import { callerFor, completeRequest, type SeededRequest, seedRequest } from '../../testing/contribution-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { testKeyring } from '../../testing/keys.ts';
import { seedAgency } from '../../testing/referral-fixtures.ts';
import type { ReviewCallers } from '../../testing/review-fixtures.ts';
import { TestClock } from '../../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';
import { type Caller, ServiceError } from '../context.ts';

const kindOf = (kind: string, form?: string) => (e: unknown) =>
  e instanceof ServiceError && e.kind === kind && (form === undefined || e.fieldErrors.form === form);

function input(overrides: Partial<EntryInput> = {}): EntryInput {
  return {
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
  };
}

for (const dialect of dialectsUnderTest()) {
  describe(`an agency's chronology (${dialect})`, () => {
    let services: Services;
    let callers: ReviewCallers;
    let boardId: string;
    let reviewId: string;
    let police: SeededRequest;
    let health: SeededRequest;
    let author: Caller;
    let otherAuthor: Caller;
    let childId: string;

    before(async () => {
      const db = await createTestDb(dialect);
      services = createServices({
        db,
        keyring: testKeyring(),
        config: loadConfig({ LOG_LEVEL: 'silent' }),
        clock: new TestClock(new Date('2026-11-27T10:00:00Z')),
      });
      const world = await seedChronologyWorld(services);
      ({ boardId, reviewId, callers, childId } = world);
      [police, health] = world.requests as [SeededRequest, SeededRequest];
      author = await callerFor(services, police.author.id);
      otherAuthor = await callerFor(services, health.author.id);
    });
    after(() => services.db.close());

    test('the contributor adds entries: the period start kept for an imprecise date, the agency numbering them, people by id', async () => {
      const a = await services.chronology.add(as(author, 'CHRONOLOGY_ENTRY_ADDED'), boardId, reviewId, police.id, input({ people: [childId] }));
      const b = await services.chronology.add(
        as(author, 'CHRONOLOGY_ENTRY_ADDED'),
        boardId,
        reviewId,
        police.id,
        input({ date: { month: '3', year: '2026' }, precision: 'month', time: '' }),
      );
      const view = await services.chronology.agency(as(author, 'CHRONOLOGY_VIEWED'), boardId, reviewId, police.id);
      const byId = new Map(view.entries.map((e) => [e.id, e]));
      assert.deepEqual(byId.get(a.id)?.people, [childId]);
      assert.equal(byId.get(b.id)?.occurredOn, '2026-03-01');
      assert.equal(byId.get(b.id)?.precision, 'month');
      // The month's entry sorts at the start of its month, before the exact day in it.
      assert.deepEqual(
        view.entries.filter((e) => e.id === a.id || e.id === b.id).map((e) => e.id),
        [b.id, a.id],
      );
      assert.notEqual(byId.get(a.id)?.entryNo, byId.get(b.id)?.entryNo);
      assert.equal(view.may.edit, true);
    });

    test('bad input is refused field by field and writes nothing', async () => {
      const before = (await services.chronology.agency(as(author, 'CHRONOLOGY_VIEWED'), boardId, reviewId, police.id)).total;
      await assert.rejects(
        services.chronology.add(
          as(author, 'CHRONOLOGY_ENTRY_ADDED'),
          boardId,
          reviewId,
          police.id,
          input({
            date: { day: '31', month: '2', year: '2024' },
            time: '25:00',
            eventType: 'picnic',
            description: ' ',
            sourceRef: '',
            significance: 'huge',
            people: ['not-a-person'],
            outcome: 'x'.repeat(3001),
          }),
        ),
        (e: unknown) => {
          assert.ok(e instanceof ServiceError && e.kind === 'invalid');
          assert.deepEqual(e.fieldErrors, {
            date: 'chronology:errors.dateInvalid',
            time: 'chronology:errors.timeInvalid',
            eventType: 'chronology:errors.eventTypeInvalid',
            significance: 'chronology:errors.significanceInvalid',
            description: 'chronology:errors.descriptionRequired',
            sourceRef: 'chronology:errors.sourceRefRequired',
            outcome: 'chronology:errors.outcomeTooLong',
            people: 'chronology:errors.personUnknown',
          });
          return true;
        },
      );
      await assert.rejects(
        services.chronology.add(
          as(author, 'CHRONOLOGY_ENTRY_ADDED'),
          boardId,
          reviewId,
          police.id,
          input({ precision: 'year', date: '2025-06-01', time: '09:00' }),
        ),
        (e: unknown) => e instanceof ServiceError && e.fieldErrors.time === 'chronology:errors.timeWithoutDay',
      );
      const afterwards = (await services.chronology.agency(as(author, 'CHRONOLOGY_VIEWED'), boardId, reviewId, police.id)).total;
      assert.equal(afterwards, before);
    });

    test('another agency’s contributor can neither read nor write this agency’s chronology; other ids are not found', async () => {
      const { id } = await services.chronology.add(as(author, 'CHRONOLOGY_ENTRY_ADDED'), boardId, reviewId, police.id, input());
      await assert.rejects(services.chronology.agency(as(otherAuthor, 'CHRONOLOGY_VIEWED'), boardId, reviewId, police.id), kindOf('forbidden'));
      await assert.rejects(services.chronology.add(as(otherAuthor, 'CHRONOLOGY_ENTRY_ADDED'), boardId, reviewId, police.id, input()), kindOf('forbidden'));
      // Through their own request, the other agency's entry is not in their chronology.
      await assert.rejects(
        services.chronology.edit(as(otherAuthor, 'CHRONOLOGY_ENTRY_CHANGED'), boardId, reviewId, health.id, id, { ...input(), version: 1 }),
        kindOf('not_found'),
      );
      await assert.rejects(services.chronology.remove(as(otherAuthor, 'CHRONOLOGY_ENTRY_REMOVED'), boardId, reviewId, health.id, id, {}), kindOf('not_found'));
      // Another board's or review's address for the request: not found.
      const other = await seedBoard(services, 'OTHER');
      await assert.rejects(services.chronology.agency(as(author, 'CHRONOLOGY_VIEWED'), other.id, reviewId, police.id), kindOf('not_found'));
      // The management group sees no chronology at all.
      await assert.rejects(services.chronology.agency(as(callers.mg, 'CHRONOLOGY_VIEWED'), boardId, reviewId, police.id), kindOf('forbidden'));
    });

    test('an entry outside the period under review is kept, with a warning', async () => {
      await services.terms.saveSection(as(callers.bu, 'TERMS_OF_REFERENCE_SECTION_SAVED'), boardId, reviewId, {
        section: 'period',
        startOn: '2025-01-01',
        endOn: '2026-10-31',
        revision: 0,
      });
      const inside = await services.chronology.add(as(author, 'CHRONOLOGY_ENTRY_ADDED'), boardId, reviewId, police.id, input({ date: '2025-01-01' }));
      assert.deepEqual(inside.warnings, []);
      const outside = await services.chronology.add(as(author, 'CHRONOLOGY_ENTRY_ADDED'), boardId, reviewId, police.id, input({ date: '2024-12-31' }));
      assert.deepEqual(outside.warnings, ['chronology:warnings.outsidePeriod']);
      // A year's entry for 2024 ends before the period: warned; one for 2025 overlaps it: not.
      const year = await services.chronology.add(
        as(author, 'CHRONOLOGY_ENTRY_ADDED'),
        boardId,
        reviewId,
        police.id,
        input({ date: '2025-07-07', precision: 'year', time: '' }),
      );
      assert.deepEqual(year.warnings, []);
    });

    test('someone else’s change first is a conflict; a stale removal too', async () => {
      const { id } = await services.chronology.add(as(author, 'CHRONOLOGY_ENTRY_ADDED'), boardId, reviewId, police.id, input());
      await services.chronology.edit(as(author, 'CHRONOLOGY_ENTRY_CHANGED'), boardId, reviewId, police.id, id, {
        ...input({ significance: 'high' }),
        version: 1,
      });
      await assert.rejects(
        services.chronology.edit(as(author, 'CHRONOLOGY_ENTRY_CHANGED'), boardId, reviewId, police.id, id, { ...input({ outcome: 'Mine' }), version: 1 }),
        kindOf('conflict', 'chronology:errors.changedMeanwhile'),
      );
      await assert.rejects(
        services.chronology.remove(as(author, 'CHRONOLOGY_ENTRY_REMOVED'), boardId, reviewId, police.id, id, { version: 1 }),
        kindOf('conflict', 'chronology:errors.changedMeanwhile'),
      );
      const form = await services.chronology.entryForm(as(author, 'CHRONOLOGY_ENTRY_FORM_VIEWED'), boardId, reviewId, police.id, id);
      assert.equal(form.entry?.significance, 'high');
      await services.chronology.remove(as(author, 'CHRONOLOGY_ENTRY_REMOVED'), boardId, reviewId, police.id, id, { version: 2 });
      await assert.rejects(services.chronology.entryForm(as(author, 'CHRONOLOGY_ENTRY_FORM_VIEWED'), boardId, reviewId, police.id, id), kindOf('not_found'));
    });

    test('after submission nothing changes; the business unit shares it once signed off, once only', async () => {
      const dueOn = addDays(services.clock.today(), 28);
      const agency = await seedAgency(services, [boardId], { en: 'Test Education', cy: 'Addysg Prawf' }, 'education');
      const request = await seedRequest(services, callers.bu, { boardId, reviewId, agencyId: agency.id }, { dueOn });
      const contributor = await callerFor(services, request.author.id);
      await assert.rejects(
        services.chronology.add(as(contributor, 'CHRONOLOGY_ENTRY_ADDED'), boardId, reviewId, request.id, input()),
        kindOf('conflict', 'contributions:errors.declareFirst'),
      );
      await completeRequest(services, { boardId, reviewId }, request, 'timeline', 'declared');
      await services.chronology.add(as(contributor, 'CHRONOLOGY_ENTRY_ADDED'), boardId, reviewId, request.id, input());
      await completeRequest(services, { boardId, reviewId }, request, 'timeline', 'submitted', 'declared');
      await assert.rejects(
        services.chronology.add(as(contributor, 'CHRONOLOGY_ENTRY_ADDED'), boardId, reviewId, request.id, input()),
        kindOf('conflict', 'chronology:errors.notDrafting'),
      );
      await assert.rejects(
        services.chronology.share(as(callers.bu, 'CHRONOLOGY_SHARED'), boardId, reviewId, request.id),
        kindOf('conflict', 'chronology:errors.notSignedOff'),
      );
      await completeRequest(services, { boardId, reviewId }, request, 'timeline', 'signed_off', 'submitted');
      await assert.rejects(services.chronology.share(as(contributor, 'CHRONOLOGY_SHARED'), boardId, reviewId, request.id), kindOf('forbidden'));
      await services.chronology.share(as(callers.bu, 'CHRONOLOGY_SHARED'), boardId, reviewId, request.id);
      await assert.rejects(
        services.chronology.share(as(callers.bu, 'CHRONOLOGY_SHARED'), boardId, reviewId, request.id),
        kindOf('conflict', 'chronology:errors.alreadyShared'),
      );
      const view = await services.chronology.agency(as(callers.bu, 'CHRONOLOGY_VIEWED'), boardId, reviewId, request.id);
      assert.ok(view.request.chronologySharedAt);
      assert.deepEqual(view.may, { edit: false, share: false });
    });

    if (dialect === 'postgres')
      test('entries added at the same moment each get their own number', async () => {
        const added = await Promise.all(
          Array.from({ length: 6 }, () => services.chronology.add(as(author, 'CHRONOLOGY_ENTRY_ADDED'), boardId, reviewId, police.id, input())),
        );
        const view = await services.chronology.agency(as(author, 'CHRONOLOGY_VIEWED'), boardId, reviewId, police.id, { page: 1 });
        const numbers = new Set<number>();
        for (let page = 1; page <= view.pages; page++)
          for (const e of (await services.chronology.agency(as(author, 'CHRONOLOGY_VIEWED'), boardId, reviewId, police.id, { page })).entries)
            numbers.add(e.entryNo);
        assert.equal(numbers.size, view.total);
        assert.equal(added.length, 6);
      });
  });
}
