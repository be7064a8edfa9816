import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { callerWithRole, codeOf, referralInput } from '../testing/case-fixtures.ts';
import { seedBoard } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { ServiceError } from './context.ts';
import type { ReferralInput } from './referral-service.ts';

/** The shared referral, with a period, a family member and a parallel proceeding. */
function input(boardId: string, overrides: Partial<ReferralInput> = {}): ReferralInput {
  return referralInput(boardId, {
    // The person recording it made the referral.
    referrerName: null,
    referrerEmail: null,
    periods: [{ kind: 'child_protection_register', startOn: '2026-03-01', endOn: '2026-09-30' }],
    familyMembers: [{ relationship: 'mother', isSignificantPerson: false, language: 'cy', fullName: 'Mam', contactDetails: null }],
    proceedings: [{ proceedingType: 'criminal', status: 'open', liaisonContact: 'DI on the case', expectedEndOn: null }],
    ...overrides,
  });
}

for (const dialect of dialectsUnderTest()) {
  describe(`referrals (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const services = createServices({
        db,
        keyring: testKeyring(),
        config: loadConfig({ LOG_LEVEL: 'silent' }),
        clock: new TestClock(new Date('2026-11-27T09:00:00Z')),
      });
      const board = await seedBoard(services);
      return { services, board };
    }

    test('the business unit records a referral; the child gets a pseudonym; the change is audited', async (t) => {
      const { services, board } = await setup(t);
      const bu = await callerWithRole(services, 'business_unit', board.id, 'REFERRAL_CREATED');
      const first = await services.referrals.create(bu, input(board.id));
      const second = await services.referrals.create(bu, input(board.id, { child: { fullName: null, dateOfBirthOn: null, address: null, isDeceased: true } }));
      assert.equal(codeOf(first), 'Child A');
      assert.equal(codeOf(second), 'Child B');
      assert.equal(first.status, 'referred');
      const events = await services.db.kysely.selectFrom('audit_events').selectAll().where('record_id', '=', first.id).execute();
      assert.equal(events.length, 1);
      assert.equal(events[0]?.action, 'REFERRAL_CREATED');
      assert.doesNotMatch(events[0]?.summary ?? '', /Siân|Stryd|Mam/, 'no personal data in the audit summary');
    });

    test('restricted details only for roles that need them; every view is audited', async (t) => {
      const { services, board } = await setup(t);
      const bu = await callerWithRole(services, 'business_unit', board.id);
      const created = await services.referrals.create(bu, input(board.id));
      const asBu = await services.referrals.get({ ...bu, action: 'REFERRAL_VIEWED' }, created.id);
      assert.equal(asBu.child?.fullName, 'Siân Ŵyn Prydderch');
      assert.equal(asBu.familyMembers[0]?.fullName, 'Mam');
      const mg = await callerWithRole(services, 'management_group_member', board.id, 'REFERRAL_VIEWED');
      const asMg = await services.referrals.get(mg, created.id);
      assert.equal(asMg.child, undefined);
      assert.equal(asMg.familyMembers[0]?.fullName, undefined);
      assert.equal(codeOf(asMg.familyMembers[0]), 'Family member 1');
      assert.equal(codeOf(asMg.familyMembers[0], 'cy'), 'Aelod o’r teulu 1');
      const views = await services.db.kysely.selectFrom('audit_events').select('actor_id').where('action', '=', 'REFERRAL_VIEWED').execute();
      assert.equal(views.length, 2);
    });

    test('nobody outside the case roles sees it: board members, administrators, another board', async (t) => {
      const { services, board } = await setup(t);
      const other = await seedBoard(services, 'OTHER', { en: 'Other board', cy: 'Bwrdd arall' });
      const bu = await callerWithRole(services, 'business_unit', board.id);
      const created = await services.referrals.create(bu, input(board.id));
      for (const [role, boardId] of [
        ['board_member', board.id],
        ['administrator', board.id],
        ['business_unit', other.id],
      ] as const) {
        const caller = await callerWithRole(services, role, boardId);
        await assert.rejects(services.referrals.get(caller, created.id), (e: unknown) => e instanceof ServiceError && e.kind === 'not_found', role);
      }
      const reads = await services.db.kysely.selectFrom('audit_events').select('action').where('record_id', '=', created.id).execute();
      assert.equal(reads.length, 1, 'refused reads write nothing');
    });

    test('bad dates are refused with a message per field and nothing is written', async (t) => {
      const { services, board } = await setup(t);
      const bu = await callerWithRole(services, 'business_unit', board.id);
      const attempts: [Partial<ReferralInput>, string, string][] = [
        [{ incidentOn: '2026-11-28', receivedOn: '2026-11-27' }, 'incidentOn', 'referral.incidentInFuture'],
        [{ incidentOn: '2026-11-21', receivedOn: '2026-11-20' }, 'incidentOn', 'referral.incidentAfterReceived'],
        [{ receivedOn: '2026-12-01' }, 'receivedOn', 'referral.receivedInFuture'],
        [{ periods: [{ kind: 'looked_after', startOn: '2026-05-01', endOn: '2026-04-01' }] }, 'periods.0', 'period.endBeforeStart'],
        [{ initialFacts: '   ' }, 'initialFacts', 'referral.factsRequired'],
      ];
      for (const [overrides, field, key] of attempts) {
        await assert.rejects(
          services.referrals.create(bu, input(board.id, overrides)),
          (e: unknown) => e instanceof ServiceError && e.kind === 'invalid' && e.fieldErrors[field] === key,
          `${field}: ${key}`,
        );
      }
      const rows = await services.db.kysely.selectFrom('referrals').selectAll().execute();
      assert.equal(rows.length, 0);
      const audit = await services.db.kysely.selectFrom('audit_events').selectAll().execute();
      assert.equal(audit.length, 0);
    });

    test('a second referral about the same child or incident is flagged as a possible duplicate', async (t) => {
      const { services, board } = await setup(t);
      const bu = await callerWithRole(services, 'business_unit', board.id);
      await services.referrals.create(bu, input(board.id));
      const sameChild = await services.referrals.possibleDuplicates(bu, {
        boardId: board.id,
        child: { fullName: 'SIAN WYN PRYDDERCH', dateOfBirthOn: '2019-05-04', address: null, isDeceased: true },
        incidentOn: '2026-11-18',
        incidentType: 'death',
      });
      assert.deepEqual(
        sameChild.map((d) => [d.reason, codeOf(d)]),
        [['same_child', 'Child A']],
      );
      const unrelated = await services.referrals.possibleDuplicates(bu, {
        boardId: board.id,
        child: { fullName: 'Someone Else', dateOfBirthOn: '2012-01-01', address: null, isDeceased: false },
        incidentOn: '2026-10-01',
        incidentType: 'other_harm',
      });
      assert.deepEqual(unrelated, []);
    });

    test('the timeline shows the latest 200 entries, oldest first, and counts them all', async (t) => {
      const { services, board } = await setup(t);
      const bu = await callerWithRole(services, 'business_unit', board.id, 'REFERRAL_CREATED');
      const created = await services.referrals.create(bu, input(board.id));
      for (let i = 0; i < 205; i++) await services.referrals.get({ ...bu, action: 'REFERRAL_VIEWED' }, created.id);
      const { entries, total } = await services.referrals.timeline({ ...bu, action: 'REFERRAL_TIMELINE_VIEWED' }, created.id);
      assert.equal(total, 207, 'created, viewed 205 times, and this read of the timeline');
      assert.equal(entries.length, 200);
      assert.ok(
        entries.every((e, i) => i === 0 || (entries[i - 1]?.seq ?? 0) < e.seq),
        'oldest first',
      );
      assert.equal(
        entries.some((e) => e.action === 'REFERRAL_CREATED'),
        false,
        'the oldest entries are the ones left out',
      );
    });

    test('only those allowed record referrals: a board member cannot', async (t) => {
      const { services, board } = await setup(t);
      const member = await callerWithRole(services, 'board_member', board.id);
      await assert.rejects(services.referrals.create(member, input(board.id)), (e: unknown) => e instanceof ServiceError && e.kind === 'forbidden');
      const referrer = await callerWithRole(services, 'agency_referrer', board.id);
      const created = await services.referrals.create(referrer, input(board.id));
      await assert.rejects(
        services.referrals.get(referrer, created.id),
        (e: unknown) => e instanceof ServiceError && e.kind === 'not_found',
        'a referrer does not see case material',
      );
    });
  });
}
