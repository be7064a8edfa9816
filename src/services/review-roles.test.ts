// Review roles (issue 10): the one way a review-scoped role is given and ended. The role reaches its review
// only (and an agency's role its agency only), ends at once, and the rules hold whoever calls: an agency's
// role names an agency of the board; someone employed by one agency never holds another's; an independent
// role names none; a new person is created with nothing but the role, and invited. On both databases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import { findReview } from '../db/repositories/reviews-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { can } from '../domain/permissions.ts';
import { as } from '../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { seedAgency } from '../testing/referral-fixtures.ts';
import { reviewCallers, seedReview } from '../testing/review-fixtures.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { ServiceError } from './context.ts';

const invalidWith = (key: string) => (e: unknown) => e instanceof ServiceError && e.kind === 'invalid' && Object.values(e.fieldErrors).includes(key);

for (const dialect of dialectsUnderTest()) {
  describe(`review roles (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock });
      t.after(async () => services.mail.close());
      const board = await seedBoard(services, 'CYSUR');
      const other = await seedBoard(services, 'NEWB');
      const callers = await reviewCallers(services, board.id);
      const review = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006' });
      const second = await seedReview(services, board.id, callers, { frameworkId: 'SCR_2006' });
      const police = await seedAgency(services, [board.id]);
      const health = await seedAgency(services, [board.id], { en: 'Test Health', cy: 'Iechyd Prawf' }, 'health');
      const elsewhere = await seedAgency(services, [other.id], { en: 'Elsewhere Police', cy: 'Heddlu Arall' });
      const reviewRow = await findReview(services.db.kysely, review.id);
      if (!reviewRow) throw new Error('no review');
      const bu = as(callers.bu, 'REVIEW_MOVED');
      const actorOf = async (personId: string) => {
        const loaded = await services.identity.loadActor(personId, true);
        if (!loaded) throw new Error('no actor');
        return { personId, grants: loaded.grants, twoFactorSatisfied: true };
      };
      const inTrx = <T>(fn: (trx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<T>) => inTransaction(services.db, fn);
      return { services, board, other, review: reviewRow, second, police, health, elsewhere, bu, actorOf, inTrx };
    }

    test('an agency role reaches its own review and agency only, and ends at once', async (t) => {
      const s = await setup(t);
      const person = await seedPerson(s.services, { agencyId: s.police.id, totp: true });
      const granted = await s.inTrx((trx) =>
        s.services.reviewRoles.grant(trx, s.bu, s.review, { personId: person.id, role: 'agency_contributor', agencyId: s.police.id }),
      );
      assert.equal(granted.granted, true);
      // Granting again is not a second role.
      const again = await s.inTrx((trx) =>
        s.services.reviewRoles.grant(trx, s.bu, s.review, { personId: person.id, role: 'agency_contributor', agencyId: s.police.id }),
      );
      assert.deepEqual(again, { assignmentId: granted.assignmentId, granted: false });
      const actor = await s.actorOf(person.id);
      const here = { boardId: s.board.id, reviewId: s.review.id };
      assert.equal(can(actor, 'contribution.edit', { ...here, agencyId: s.police.id }), true);
      assert.equal(can(actor, 'contribution.edit', { ...here, agencyId: s.health.id }), false, 'another agency’s part');
      assert.equal(can(actor, 'contribution.edit', { boardId: s.board.id, reviewId: s.second.id, agencyId: s.police.id }), false, 'another review');
      assert.equal(can(actor, 'contribution.edit', { boardId: s.other.id, reviewId: s.review.id, agencyId: s.police.id }), false, 'another board');
      assert.equal(can(actor, 'review.manage', here), false);
      const ended = await s.inTrx((trx) => s.services.reviewRoles.end(trx, s.bu, s.review, { personId: person.id }));
      assert.equal(ended, 1);
      assert.equal(can(await s.actorOf(person.id), 'contribution.edit', { ...here, agencyId: s.police.id }), false);
      const actions = (await s.services.db.kysely.selectFrom('audit_events').select('action').where('record_id', '=', s.review.id).execute()).map(
        (r) => r.action,
      );
      assert.equal(actions.filter((a) => a === 'REVIEW_ROLE_GRANTED').length, 1);
      assert.equal(actions.filter((a) => a === 'REVIEW_ROLE_ENDED').length, 1);
    });

    test('refuses another board’s agency, another agency’s employee, an agency on an independent role, a missing agency — and writes nothing', async (t) => {
      const s = await setup(t);
      const policeOfficer = await seedPerson(s.services, { agencyId: s.police.id, totp: true });
      const independent = await seedPerson(s.services, { totp: true });
      const before = await s.services.db.kysely.selectFrom('role_assignments').select('id').execute();
      const grant = (personId: string, role: 'agency_contributor' | 'author' | 'agency_senior_manager', agencyId: string | null) =>
        s.inTrx((trx) => s.services.reviewRoles.grant(trx, s.bu, s.review, { personId, role, agencyId }));
      await assert.rejects(grant(independent.id, 'agency_contributor', s.elsewhere.id), invalidWith('reviewRoles.agencyNotOnBoard'));
      await assert.rejects(grant(policeOfficer.id, 'agency_senior_manager', s.health.id), invalidWith('reviewRoles.otherAgency'));
      await assert.rejects(grant(independent.id, 'author', s.police.id), invalidWith('reviewRoles.independentNoAgency'));
      await assert.rejects(grant(independent.id, 'agency_contributor', null), invalidWith('reviewRoles.agencyRequired'));
      const after = await s.services.db.kysely.selectFrom('role_assignments').select('id').execute();
      assert.equal(after.length, before.length);
    });

    test('a new person gets an account with only the review role, and an invitation; an existing one is used as they are', async (t) => {
      const s = await setup(t);
      const made = await s.inTrx((trx) =>
        s.services.reviewRoles.grantByEmail(
          trx,
          s.bu,
          s.review,
          { fullName: 'Nia Contributor', email: 'Nia.Contributor@example.org', jobTitle: 'Designated nurse', agencyId: s.health.id, language: 'cy' },
          { role: 'agency_contributor', agencyId: s.health.id },
        ),
      );
      assert.equal(made.created, true);
      assert.ok(made.invitation?.link);
      const roles = await s.services.db.kysely.selectFrom('role_assignments').selectAll().where('person_id', '=', made.personId).execute();
      assert.deepEqual(
        roles.map((r) => [r.role, r.scope_type, r.review_id, r.agency_id]),
        [['agency_contributor', 'review', s.review.id, s.health.id]],
      );
      const existing = await seedPerson(s.services, { email: 'panel@example.org', fullName: 'Existing Person', agencyId: s.police.id, totp: true });
      const used = await s.inTrx((trx) =>
        s.services.reviewRoles.grantByEmail(
          trx,
          s.bu,
          s.review,
          { fullName: 'Another Name', email: 'PANEL@example.org', jobTitle: null, agencyId: s.police.id, language: 'en' },
          { role: 'panel_member', agencyId: s.police.id },
        ),
      );
      assert.deepEqual([used.personId, used.created, used.invitation], [existing.id, false, null]);
      const name = await s.services.db.kysely.selectFrom('people').select('full_name').where('id', '=', existing.id).executeTakeFirstOrThrow();
      assert.equal(name.full_name, 'Existing Person', 'an existing account’s details are not changed from here');
    });
  });
}
