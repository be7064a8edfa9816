// A review's pseudonym dictionary (issue 13 item 1), on both databases: real identifiers sealed at rest (the raw
// column read), shown only to the roles allowed them (the read audited, saying so); entries added, changed and
// removed by the business unit, the panel chair and the author, audited without a name or a term; refused to
// another board, another review's roles and an agency's contributor; bad input writes nothing; building from the
// review's people adds each once under their pseudonym; two changes on one version: one wins, the other is a
// conflict (never a 500).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { createServices, type Services } from '../../container.ts';
import { as } from '../../testing/case-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { testKeyring } from '../../testing/keys.ts';
import { seedAgency } from '../../testing/referral-fixtures.ts';
import { reviewCallers, reviewRoleCaller, seedReview } from '../../testing/review-fixtures.ts';
import { TestClock } from '../../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';
import { ServiceError } from '../context.ts';

const kindOf = (kind: ServiceError['kind'], key?: string) => (e: unknown) =>
  e instanceof ServiceError && e.kind === kind && (key === undefined || Object.values(e.fieldErrors).includes(key));

const CARDIFF = { category: 'place', realIdentifier: 'Caerdydd\nCardiff', termEn: 'Town 1', termCy: 'Tref 1' };

for (const dialect of dialectsUnderTest()) {
  describe(`pseudonym dictionary (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date('2026-12-12T10:00:00Z'));
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock });
      t.after(async () => services.mail.close());
      const board = await seedBoard(services, 'CYSUR');
      const other = await seedBoard(services, 'OTHER');
      const callers = await reviewCallers(services, board.id);
      const otherCallers = await reviewCallers(services, other.id);
      const review = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016', decidedOn: '2026-12-01' });
      const second = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016', decidedOn: '2026-12-01' });
      const police = await seedAgency(services, [board.id]);
      const scope = { boardId: board.id, reviewId: review.id };
      const roles = {
        chair: await reviewRoleCaller(services, 'panel_chair', board.id, review.id),
        author: await reviewRoleCaller(services, 'author', board.id, review.id),
        member: await reviewRoleCaller(services, 'panel_member', board.id, review.id),
        contributor: await reviewRoleCaller(services, 'agency_contributor', board.id, review.id, police.id),
        secondChair: await reviewRoleCaller(services, 'panel_chair', board.id, second.id),
      };
      return { services, clock, board, other, callers, otherCallers, review, scope, roles };
    }
    const rows = (services: Services) => services.db.kysely.selectFrom('review_dictionary_terms').selectAll().execute();
    const events = (services: Services, prefix = 'DICTIONARY_') =>
      services.db.kysely.selectFrom('audit_events').select(['action', 'summary']).where('action', 'like', `${prefix}%`).orderBy('seq').execute();

    test('sealed at rest; real identifiers for restricted roles only; audited reads and changes without names', async (t) => {
      const s = await setup(t);
      const added = await s.services.dictionary.add(as(s.callers.bu, 'DICTIONARY_TERM_ADDED'), s.scope, CARDIFF);
      assert.equal(added.version, 1);
      const [raw] = await rows(s.services);
      assert.ok(raw?.real_identifier.startsWith('enc:v1:'), 'the real identifier is sealed');
      assert.doesNotMatch(raw?.real_identifier ?? '', /Caerdydd|Cardiff/);
      assert.equal(raw?.term_cy, 'Tref 1');

      const bu = await s.services.dictionary.list(as(s.callers.bu, 'DICTIONARY_VIEWED'), s.scope);
      assert.equal(bu.identified, true);
      assert.equal(bu.entries[0]?.realIdentifier, 'Caerdydd\nCardiff');
      const member = await s.services.dictionary.list(as(s.roles.member, 'DICTIONARY_VIEWED'), s.scope);
      assert.equal(member.identified, false);
      assert.equal(member.entries[0]?.realIdentifier, undefined, 'a panel member sees the terms only');
      assert.equal(member.entries[0]?.termEn, 'Town 1');
      const chair = await s.services.dictionary.list(as(s.callers.chair, 'DICTIONARY_VIEWED'), s.scope);
      assert.equal(chair.identified, true, 'the board chair may see restricted details');

      const audit = await events(s.services);
      assert.deepEqual(
        audit.map((e) => e.action),
        ['DICTIONARY_TERM_ADDED', 'DICTIONARY_VIEWED', 'DICTIONARY_VIEWED', 'DICTIONARY_VIEWED'],
      );
      assert.deepEqual(
        audit.slice(1).map((e) => JSON.parse(e.summary).identified),
        [true, false, true],
      );
      for (const e of audit) assert.doesNotMatch(e.summary, /Caerdydd|Cardiff|Town|Tref/, 'no name or term in the audit log');

      // The panel chair and the author manage it too.
      const byChair = await s.services.dictionary.add(as(s.roles.chair, 'DICTIONARY_TERM_ADDED'), s.scope, {
        category: 'school',
        realIdentifier: 'Ysgol Gynradd Bryn Teg',
        termEn: 'School 1',
        termCy: 'Ysgol 1',
      });
      await s.services.dictionary.change(as(s.roles.author, 'DICTIONARY_TERM_CHANGED'), s.scope, byChair.id, {
        category: 'school',
        realIdentifier: 'Ysgol Gynradd Bryn Teg\nBryn Teg School',
        termEn: 'Primary school',
        termCy: 'Ysgol gynradd',
        version: 1,
      });
      const changed = (await events(s.services, 'DICTIONARY_TERM_CHANGED'))[0];
      assert.deepEqual(JSON.parse(changed?.summary ?? '{}').fields, ['realIdentifier', 'termEn', 'termCy']);
      // They type real names but do not read the stored ones back; a blank one keeps it.
      const asChair = await s.services.dictionary.list(as(s.roles.chair, 'DICTIONARY_VIEWED'), s.scope);
      assert.equal(asChair.identified, false);
      assert.ok(asChair.entries.every((e) => e.realIdentifier === undefined));
      const form = await s.services.dictionary.entry(as(s.roles.author, 'DICTIONARY_VIEWED'), s.scope, byChair.id);
      assert.equal(form.entry?.realIdentifier, undefined);
      await s.services.dictionary.change(as(s.roles.author, 'DICTIONARY_TERM_CHANGED'), s.scope, byChair.id, {
        category: 'school',
        realIdentifier: '',
        termEn: 'School 1',
        termCy: 'Ysgol 1',
        version: 2,
      });
      const kept = await s.services.dictionary.list(as(s.callers.bu, 'DICTIONARY_VIEWED'), s.scope);
      assert.equal(kept.entries.find((e) => e.id === byChair.id)?.realIdentifier, 'Ysgol Gynradd Bryn Teg\nBryn Teg School');
    });

    test('refused to another board, another review’s chair, an agency’s contributor and a panel member’s change; nothing written', async (t) => {
      const s = await setup(t);
      const before = (await rows(s.services)).length;
      // Another board's business unit, through its own board: the review is not found there.
      await assert.rejects(
        s.services.dictionary.add(as(s.otherCallers.bu, 'DICTIONARY_TERM_ADDED'), { boardId: s.other.id, reviewId: s.review.id }, CARDIFF),
        kindOf('not_found'),
      );
      await assert.rejects(s.services.dictionary.add(as(s.otherCallers.bu, 'DICTIONARY_TERM_ADDED'), s.scope, CARDIFF), kindOf('forbidden'));
      for (const caller of [s.roles.secondChair, s.roles.contributor, s.roles.member])
        await assert.rejects(s.services.dictionary.add(as(caller, 'DICTIONARY_TERM_ADDED'), s.scope, CARDIFF), kindOf('forbidden'));
      await assert.rejects(s.services.dictionary.list(as(s.roles.contributor, 'DICTIONARY_VIEWED'), s.scope), kindOf('forbidden'));
      await assert.rejects(s.services.dictionary.list(as(s.roles.secondChair, 'DICTIONARY_VIEWED'), s.scope), kindOf('forbidden'));
      await assert.rejects(
        s.services.dictionary.list(as(s.otherCallers.bu, 'DICTIONARY_VIEWED'), { boardId: s.other.id, reviewId: s.review.id }),
        kindOf('not_found'),
      );
      assert.equal((await rows(s.services)).length, before);
      assert.deepEqual(await events(s.services), []);
    });

    test('bad input writes nothing; one term stands for one real identifier', async (t) => {
      const s = await setup(t);
      const bu = as(s.callers.bu, 'DICTIONARY_TERM_ADDED');
      await assert.rejects(
        s.services.dictionary.add(bu, s.scope, { category: '', realIdentifier: '', termEn: 'Cardiff', termCy: '' }),
        (e: unknown) =>
          e instanceof ServiceError &&
          e.kind === 'invalid' &&
          e.fieldErrors.category === 'dictionary:errors.categoryRequired' &&
          e.fieldErrors.realIdentifier === 'dictionary:errors.realRequired' &&
          e.fieldErrors.termCy === 'dictionary:errors.termCyRequired',
      );
      await s.services.dictionary.add(bu, s.scope, CARDIFF);
      await assert.rejects(
        s.services.dictionary.add(bu, s.scope, { category: 'place', realIdentifier: 'Bangor', termEn: 'town 1', termCy: 'Tref 2' }),
        kindOf('invalid', 'dictionary:errors.termTaken'),
      );
      await assert.rejects(
        s.services.dictionary.add(bu, s.scope, { category: 'place', realIdentifier: 'Abertawe', termEn: 'Town near Cardiff', termCy: 'Tref 3' }),
        kindOf('invalid', 'dictionary:errors.termIsAnothersReal'),
      );
      assert.equal((await rows(s.services)).length, 1);
      assert.equal((await events(s.services)).length, 1);
      // The same term on another review is another dictionary.
      const other = await seedReview(s.services, s.board.id, s.callers, { frameworkId: 'CPR_2016', decidedOn: '2026-12-01' });
      await s.services.dictionary.add(bu, { boardId: s.board.id, reviewId: other.id }, CARDIFF);
    });

    test('built from the review’s people once, under their pseudonyms, with their recorded names', async (t) => {
      const s = await setup(t);
      const bu = as(s.callers.bu, 'DICTIONARY_BUILT_FROM_PEOPLE');
      const first = await s.services.dictionary.buildFromPeople(bu, s.scope);
      assert.deepEqual(first, { added: 1, skipped: 0 });
      await assert.rejects(s.services.dictionary.buildFromPeople(bu, s.scope), kindOf('conflict', 'dictionary:errors.nothingToAdd'), 'each person once');
      const view = await s.services.dictionary.list(as(s.callers.bu, 'DICTIONARY_VIEWED'), s.scope);
      assert.equal(view.entries.length, 1);
      const [child] = view.entries;
      assert.match(child?.termEn ?? '', /^Child [A-Z]+$/);
      assert.match(child?.termCy ?? '', /^Plentyn [A-Z]+$/);
      assert.equal(child?.category, 'child');
      assert.equal(child?.realIdentifier, 'Siân Ŵyn Prydderch');
      assert.notEqual(child?.reviewPersonId, null);
      assert.equal(view.peopleToAdd, 0);
    });

    test('two changes on one version: one wins, the other is a conflict; a removal on a stale version too', async (t) => {
      const s = await setup(t);
      const { id } = await s.services.dictionary.add(as(s.callers.bu, 'DICTIONARY_TERM_ADDED'), s.scope, CARDIFF);
      const change = (caller: typeof s.callers.bu, termEn: string) =>
        s.services.dictionary.change(as(caller, 'DICTIONARY_TERM_CHANGED'), s.scope, id, { ...CARDIFF, termEn, version: 1 });
      const results = await Promise.allSettled([change(s.callers.bu, 'City 1'), change(s.roles.chair, 'City 2')]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(results));
      const refused = results.find((r) => r.status === 'rejected');
      assert.ok(refused && kindOf('conflict', 'dictionary:errors.changedSinceRead')(refused.reason), String(refused?.status === 'rejected' && refused.reason));
      // Two entries given one term at once: one is added, the other refused (the term is taken), never a 500.
      const same = (realIdentifier: string) =>
        s.services.dictionary.add(as(s.callers.bu, 'DICTIONARY_TERM_ADDED'), s.scope, {
          category: 'school',
          realIdentifier,
          termEn: 'School 1',
          termCy: 'Ysgol 1',
        });
      const adds = await Promise.allSettled([same('Ysgol Penparc'), same('Ysgol Aberporth')]);
      assert.equal(adds.filter((r) => r.status === 'fulfilled').length, 1);
      const lost = adds.find((r) => r.status === 'rejected');
      assert.ok(
        lost && lost.reason instanceof ServiceError && ['invalid', 'conflict'].includes(lost.reason.kind),
        String(lost?.status === 'rejected' && lost.reason),
      );
      await assert.rejects(s.services.dictionary.remove(as(s.callers.bu, 'DICTIONARY_TERM_REMOVED'), s.scope, id, 1), kindOf('conflict'));
      await s.services.dictionary.remove(as(s.callers.bu, 'DICTIONARY_TERM_REMOVED'), s.scope, id, 2);
      assert.ok(!(await rows(s.services)).some((r) => r.id === id));
      await assert.rejects(s.services.dictionary.remove(as(s.callers.bu, 'DICTIONARY_TERM_REMOVED'), s.scope, id, 2), kindOf('not_found'));
    });
  });
}
