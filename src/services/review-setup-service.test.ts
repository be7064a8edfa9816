// Setting a review up and keeping it current (issue 10 items 1 and 5a): the framework's notifications as
// recorded steps with their letters and the WG_NOTIFIED gate; the referrals a review covers; joint reviews;
// parallel proceedings kept current with their history. Refusals write nothing; on both databases, and
// two links of one referral at once on PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices, type Services } from '../container.ts';
import { openCriminalProceedings } from '../db/repositories/proceedings-repository.ts';
import { as, referralInput } from '../testing/case-fixtures.ts';
import { seedBoard } from '../testing/fixtures.ts';
import { testKeyring } from '../testing/keys.ts';
import { reviewCallers, reviewRoleCaller, seedReview } from '../testing/review-fixtures.ts';
import { TestClock } from '../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { ServiceError } from './context.ts';

const DAY = 24 * 60 * 60 * 1000;
const kindOf = (kind: ServiceError['kind'], key?: string) => (e: unknown) =>
  e instanceof ServiceError && e.kind === kind && (key === undefined || Object.values(e.fieldErrors).includes(key));
const E = 'review-setup:errors.';

for (const dialect of dialectsUnderTest()) {
  describe(`setting a review up: notifications, referrals, joint reviews, proceedings (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock });
      t.after(async () => services.mail.close());
      const board = await seedBoard(services, 'CYSUR');
      const callers = await reviewCallers(services, board.id);
      const susr = await seedReview(services, board.id, callers);
      return { services, clock, board, callers, susr, bu: callers.bu };
    }
    const count = async (services: Services, table: 'audit_events' | 'review_notifications' | 'review_referrals' | 'proceeding_changes') =>
      Number(
        (
          await services.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('SUSR: the Welsh Government notification is due; WG_NOTIFIED is refused until it is recorded (a day not in the future, not before the decision), then allowed', async (t) => {
      const s = await setup(t);
      const move = () => s.services.reviews.move(as(s.bu, 'REVIEW_MOVED'), s.board.id, s.susr.id, { event: 'notify_welsh_government' });
      let ws = await s.services.reviews.view(as(s.bu, 'REVIEW_VIEWED'), s.board.id, s.susr.id);
      assert.deepEqual(
        ws.setup.notifications.map((n) => [n.requirement.id, n.sent]),
        [['welsh_government', null]],
      );
      assert.ok(ws.events.includes('notify_welsh_government'), 'offered: its gate says what is missing');
      await assert.rejects(move(), kindOf('invalid', `${E}notificationDue`));
      const before = await count(s.services, 'audit_events');
      const record = (sentOn: string, caller = s.bu) =>
        s.services.reviewSetup.recordNotification(as(caller, 'REVIEW_NOTIFICATION_RECORDED'), s.board.id, s.susr.id, {
          requirement: 'welsh_government',
          sentOn,
        });
      await assert.rejects(record('2026-11-28'), kindOf('invalid', `${E}sentOnFuture`));
      await assert.rejects(record('2026-11-26'), kindOf('invalid', `${E}sentOnBeforeDecision`));
      await assert.rejects(record(''), kindOf('invalid', `${E}sentOnRequired`));
      await assert.rejects(
        s.services.reviewSetup.recordNotification(as(s.bu, 'REVIEW_NOTIFICATION_RECORDED'), s.board.id, s.susr.id, {
          requirement: 'national_panel',
          sentOn: '2026-11-27',
        }),
        kindOf('not_found'),
      );
      const panel = await reviewRoleCaller(s.services, 'panel_chair', s.board.id, s.susr.id);
      await assert.rejects(record('2026-11-27', panel), kindOf('forbidden'));
      const other = await seedBoard(s.services, 'OTHER');
      const otherBu = (await reviewCallers(s.services, other.id)).bu;
      await assert.rejects(
        s.services.reviewSetup.recordNotification(as(otherBu, 'REVIEW_NOTIFICATION_RECORDED'), other.id, s.susr.id, {
          requirement: 'welsh_government',
          sentOn: '2026-11-27',
        }),
        kindOf('not_found'),
      );
      assert.equal(await count(s.services, 'review_notifications'), 0);
      assert.equal(await count(s.services, 'audit_events'), before, 'refusals write nothing');

      const { id } = await record('2026-11-27');
      await assert.rejects(record('2026-11-27'), kindOf('conflict', `${E}notificationRecorded`));
      const event = await s.services.db.kysely
        .selectFrom('audit_events')
        .select(['summary', 'actor_id'])
        .where('action', '=', 'REVIEW_NOTIFICATION_RECORDED')
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(event.summary), { notificationId: id, requirement: 'welsh_government', recipient: 'welsh_government' });
      assert.equal(event.actor_id, s.bu.actor?.personId);
      ws = await s.services.reviews.view(as(s.bu, 'REVIEW_VIEWED'), s.board.id, s.susr.id);
      assert.equal(ws.setup.notifications[0]?.sent?.sentOn, '2026-11-27');
      assert.deepEqual(await move(), { from: 'DECIDED_PROCEED', to: 'WG_NOTIFIED' });
    });

    test('the notification letter: Word and tagged PDF in English and Welsh, the children by pseudonym only, each download audited', async (t) => {
      const s = await setup(t);
      const { id } = await s.services.reviewSetup.recordNotification(as(s.bu, 'REVIEW_NOTIFICATION_RECORDED'), s.board.id, s.susr.id, {
        requirement: 'welsh_government',
        sentOn: '2026-11-27',
      });
      const en = await s.services.documents.view(as(s.bu, 'REVIEW_NOTIFICATION_LETTER_VIEWED'), 'review_notification_letter', id, 'en');
      const text = JSON.stringify(en.model);
      assert.match(text, /Child A/);
      assert.match(text, /Single Unified Safeguarding Review/);
      assert.ok(!text.includes('Prydderch'), 'never the child’s name');
      const cy = await s.services.documents.view(as(s.bu, 'REVIEW_NOTIFICATION_LETTER_VIEWED'), 'review_notification_letter', id, 'cy');
      assert.match(JSON.stringify(cy.model), /Plentyn A/);
      for (const format of ['docx', 'pdf'] as const) {
        const file = await s.services.documents.download(as(s.bu, 'REVIEW_NOTIFICATION_LETTER_DOWNLOADED'), 'review_notification_letter', id, 'cy', format);
        assert.ok(file.bytes.length > 1000);
        assert.match(file.fileName, /hysbysiad/);
      }
      // Another board's people are told it does not exist.
      const other = await seedBoard(s.services, 'OTHER');
      const otherBu = (await reviewCallers(s.services, other.id)).bu;
      await assert.rejects(
        s.services.documents.download(as(otherBu, 'REVIEW_NOTIFICATION_LETTER_DOWNLOADED'), 'review_notification_letter', id, 'en', 'pdf'),
        kindOf('not_found'),
      );
    });

    test('SCR requires no notification after the decision (none is assumed); CPR requires the Welsh Government’s, without a stage of its own', async (t) => {
      const s = await setup(t);
      const scr = await seedReview(s.services, s.board.id, s.callers, { frameworkId: 'SCR_2006' });
      const cpr = await seedReview(s.services, s.board.id, s.callers, { frameworkId: 'CPR_2016' });
      const scrWs = await s.services.reviews.view(as(s.bu, 'REVIEW_VIEWED'), s.board.id, scr.id);
      assert.deepEqual(scrWs.setup.notifications, []);
      await assert.rejects(
        s.services.reviewSetup.recordNotification(as(s.bu, 'REVIEW_NOTIFICATION_RECORDED'), s.board.id, scr.id, {
          requirement: 'welsh_government',
          sentOn: '2026-11-27',
        }),
        kindOf('not_found'),
      );
      const cprWs = await s.services.reviews.view(as(s.bu, 'REVIEW_VIEWED'), s.board.id, cpr.id);
      assert.deepEqual(
        cprWs.setup.notifications.map((n) => [n.requirement.id, n.requirement.purpose]),
        [['welsh_government', 'intention_to_hold']],
      );
      assert.ok(!cprWs.events.includes('notify_welsh_government'), 'CPR has no WG_NOTIFIED stage');
    });

    test('a review covers other referrals of its board: linked, listed by pseudonym, unlinked with a reason; refused for another board’s, a referral already covered, one in another running review', async (t) => {
      const s = await setup(t);
      const bu = as(s.bu, 'REVIEW_REFERRAL_LINKED');
      const sibling = await s.services.referrals.create(
        as(s.bu, 'REFERRAL_CREATED'),
        referralInput(s.board.id, {
          incidentType: 'life_threatening_injury',
          child: { fullName: 'Gwyn Prydderch', dateOfBirthOn: '2021-02-03', address: null, isDeceased: false },
        }),
      );
      const otherReview = await seedReview(s.services, s.board.id, s.callers, { frameworkId: 'SCR_2006' });
      const other = await seedBoard(s.services, 'OTHER');
      const otherCallers = await reviewCallers(s.services, other.id);
      const foreign = await s.services.referrals.create(as(otherCallers.bu, 'REFERRAL_CREATED'), referralInput(other.id));
      const before = await count(s.services, 'audit_events');
      await assert.rejects(s.services.reviewSetup.linkReferral(bu, s.board.id, s.susr.id, foreign.id), kindOf('invalid', `${E}referralNotOnBoard`));
      await assert.rejects(s.services.reviewSetup.linkReferral(bu, s.board.id, s.susr.id, s.susr.referralId), kindOf('conflict', `${E}alreadyCovered`));
      await assert.rejects(s.services.reviewSetup.linkReferral(bu, s.board.id, s.susr.id, otherReview.referralId), kindOf('conflict', `${E}inAnotherReview`));
      await assert.rejects(s.services.reviewSetup.linkReferral(bu, s.board.id, s.susr.id, ''), kindOf('invalid', `${E}referralRequired`));
      assert.equal(await count(s.services, 'audit_events'), before, 'refusals write nothing');

      const choices = await s.services.reviewSetup.linkChoices(as(s.bu, 'REVIEW_REFERRAL_LINK_VIEWED'), s.board.id, s.susr.id);
      assert.deepEqual(
        choices.choices.map((c) => c.referralId),
        [sibling.id],
        'only referrals no running review covers',
      );
      await s.services.reviewSetup.linkReferral(bu, s.board.id, s.susr.id, sibling.id);
      await assert.rejects(s.services.reviewSetup.linkReferral(bu, s.board.id, s.susr.id, sibling.id), kindOf('conflict', `${E}alreadyCovered`));
      await assert.rejects(s.services.reviewSetup.linkReferral(bu, s.board.id, otherReview.id, sibling.id), kindOf('conflict', `${E}inAnotherReview`));
      const ws = await s.services.reviews.view(as(s.bu, 'REVIEW_VIEWED'), s.board.id, s.susr.id);
      assert.deepEqual(
        ws.setup.referrals.map((r) => [r.referralId, r.primary]),
        [
          [s.susr.referralId, true],
          [sibling.id, false],
        ],
      );
      assert.ok(!JSON.stringify(ws.setup).includes('Prydderch'), 'pseudonyms only, never identities');

      const unlink = (referralId: string, reason: string) =>
        s.services.reviewSetup.unlinkReferral(as(s.bu, 'REVIEW_REFERRAL_UNLINKED'), s.board.id, s.susr.id, referralId, reason);
      await assert.rejects(unlink(sibling.id, '  '), kindOf('invalid', `${E}reasonRequired`));
      await assert.rejects(unlink(s.susr.referralId, 'Not this one.'), kindOf('conflict', `${E}ownReferral`));
      await unlink(sibling.id, 'Linked in error.');
      await assert.rejects(unlink(sibling.id, 'Again.'), kindOf('not_found'));
      const row = await s.services.db.kysely.selectFrom('review_referrals').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.unlink_reason, 'Linked in error.');
      const events = await s.services.db.kysely
        .selectFrom('audit_events')
        .select('summary')
        .where('action', 'in', ['REVIEW_REFERRAL_LINKED', 'REVIEW_REFERRAL_UNLINKED'])
        .execute();
      assert.ok(
        events.every((e) => !e.summary.includes('error')),
        'the reason stays out of the audit log',
      );
      // Unlinked, it can be linked to the other review.
      await s.services.reviewSetup.linkReferral(bu, s.board.id, otherReview.id, sibling.id);
    });

    test('a joint review records its partner boards and lead board, audited against each board; unknown boards and a lead outside the review are refused', async (t) => {
      const s = await setup(t);
      const other = await seedBoard(s.services, 'OTHER');
      const third = await seedBoard(s.services, 'THIRD');
      const set = (partnerBoardIds: string[], leadBoardId: string | null) =>
        s.services.reviewSetup.setJoint(as(s.bu, 'REVIEW_JOINT_RECORDED'), s.board.id, s.susr.id, { partnerBoardIds, leadBoardId });
      await assert.rejects(set(['no-such-board'], s.board.id), kindOf('invalid', `${E}partnerUnknown`));
      await assert.rejects(set([s.board.id], s.board.id), kindOf('invalid', `${E}partnerUnknown`));
      await assert.rejects(set([other.id], null), kindOf('invalid', `${E}leadRequired`));
      await assert.rejects(set([other.id], third.id), kindOf('invalid', `${E}leadNotInReview`));
      await set([other.id, third.id], other.id);
      let ws = await s.services.reviews.view(as(s.bu, 'REVIEW_VIEWED'), s.board.id, s.susr.id);
      assert.equal(ws.setup.joint.leadBoardId, other.id);
      assert.deepEqual([...ws.setup.joint.partnerBoardIds].sort(), [other.id, third.id].sort());
      const event = await s.services.db.kysely
        .selectFrom('audit_events')
        .select(['board_ids', 'summary'])
        .where('action', '=', 'REVIEW_JOINT_RECORDED')
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(event.board_ids ?? '[]').sort(), [s.board.id, other.id, third.id].sort(), 'each board named sees the event');
      await set([], null);
      ws = await s.services.reviews.view(as(s.bu, 'REVIEW_VIEWED'), s.board.id, s.susr.id);
      assert.deepEqual(ws.setup.joint.partnerBoardIds, []);
      assert.equal(ws.setup.joint.leadBoardId, null);
    });

    test('parallel proceedings: those recorded at referral shown, kept current with each change in the history (who, when, field, before, after); bad dates refused; open criminal proceedings for the publication gate', async (t) => {
      const s = await setup(t);
      const sibling = await s.services.referrals.create(
        as(s.bu, 'REFERRAL_CREATED'),
        referralInput(s.board.id, {
          proceedings: [{ proceedingType: 'criminal', status: 'open', liaisonContact: 'Senior investigating officer', expectedEndOn: null }],
        }),
      );
      await s.services.reviewSetup.linkReferral(as(s.bu, 'REVIEW_REFERRAL_LINKED'), s.board.id, s.susr.id, sibling.id);
      let ws = await s.services.reviews.view(as(s.bu, 'REVIEW_VIEWED'), s.board.id, s.susr.id);
      const criminal = ws.setup.proceedings[0];
      assert.ok(criminal);
      assert.equal(criminal.proceedingType, 'criminal');
      assert.equal((await openCriminalProceedings(s.services.db.kysely, s.susr.id)).length, 1);

      const update = (input: Partial<Parameters<Services['reviewSetup']['updateProceeding']>[4]>) =>
        s.services.reviewSetup.updateProceeding(as(s.bu, 'REVIEW_PROCEEDING_UPDATED'), s.board.id, s.susr.id, criminal.id, {
          proceedingType: 'criminal',
          status: 'open',
          nextHearingOn: null,
          concludedOn: null,
          liaisonContact: 'Senior investigating officer',
          ...input,
        });
      const before = await count(s.services, 'audit_events');
      await assert.rejects(update({ status: 'concluded' }), kindOf('invalid', `${E}concludedOnRequired`));
      await assert.rejects(update({ status: 'concluded', concludedOn: '2026-12-01' }), kindOf('invalid', `${E}concludedOnFuture`));
      await assert.rejects(update({ concludedOn: '2026-11-01' }), kindOf('invalid', `${E}concludedOnOpen`));
      await assert.rejects(update({ proceedingType: 'duel' }), kindOf('invalid', `${E}proceedingTypeRequired`));
      await assert.rejects(update({ liaisonContact: 'x'.repeat(201) }), kindOf('invalid', `${E}liaisonContactTooLong`));
      assert.equal(await count(s.services, 'audit_events'), before, 'refusals write nothing');

      assert.deepEqual(await update({ nextHearingOn: '2027-02-01' }), { changed: ['nextHearingOn'] });
      s.clock.advance(70 * DAY);
      await update({ status: 'concluded', concludedOn: '2027-02-03', liaisonContact: 'CPS case worker' });
      assert.equal((await openCriminalProceedings(s.services.db.kysely, s.susr.id)).length, 0);
      const { id: inquest } = await s.services.reviewSetup.addProceeding(as(s.bu, 'REVIEW_PROCEEDING_ADDED'), s.board.id, s.susr.id, {
        proceedingType: 'inquest',
        status: 'open',
        nextHearingOn: '2027-03-01',
        concludedOn: null,
        liaisonContact: null,
      });
      ws = await s.services.reviews.view(as(s.bu, 'REVIEW_VIEWED'), s.board.id, s.susr.id);
      const history = ws.setup.proceedings.find((p) => p.id === criminal.id)?.history ?? [];
      assert.deepEqual(
        history.map((h) => [h.field, h.from, h.to]).sort(),
        [
          ['concludedOn', null, '2027-02-03'],
          ['liaisonContact', 'Senior investigating officer', 'CPS case worker'],
          ['nextHearingOn', '2027-02-01', null],
          ['nextHearingOn', null, '2027-02-01'],
          ['status', 'open', 'concluded'],
        ].sort(),
      );
      assert.ok(history.every((h) => h.changedBy === s.bu.actor?.personId));
      assert.deepEqual(
        ws.setup.proceedings
          .find((p) => p.id === inquest)
          ?.history.map((h) => h.field)
          .sort(),
        ['nextHearingOn', 'proceedingType', 'status'],
      );
      const events = await s.services.db.kysely
        .selectFrom('audit_events')
        .select('summary')
        .where('action', 'in', ['REVIEW_PROCEEDING_UPDATED', 'REVIEW_PROCEEDING_ADDED'])
        .execute();
      assert.ok(
        events.every((e) => !e.summary.includes('CPS') && !e.summary.includes('2027')),
        'audit summaries: ids and field names only',
      );
    });

    test('a stale proceeding form (changed meanwhile by someone else) is a conflict', async (t) => {
      const s = await setup(t);
      const input = { proceedingType: 'inquest', status: 'open', nextHearingOn: null, concludedOn: null, liaisonContact: null };
      const { id } = await s.services.reviewSetup.addProceeding(as(s.bu, 'REVIEW_PROCEEDING_ADDED'), s.board.id, s.susr.id, input);
      const seenAt = (await s.services.reviewSetup.proceeding(as(s.bu, 'REVIEW_PROCEEDING_VIEWED'), s.board.id, s.susr.id, id)).proceeding.updatedAt;
      s.clock.advance(1000);
      await s.services.reviewSetup.updateProceeding(as(s.bu, 'REVIEW_PROCEEDING_UPDATED'), s.board.id, s.susr.id, id, {
        ...input,
        nextHearingOn: '2027-01-10',
        seenAt,
      });
      await assert.rejects(
        s.services.reviewSetup.updateProceeding(as(s.bu, 'REVIEW_PROCEEDING_UPDATED'), s.board.id, s.susr.id, id, {
          ...input,
          liaisonContact: 'Coroner’s officer',
          seenAt,
        }),
        kindOf('conflict'),
      );
    });

    if (dialect === 'postgres') {
      test('two links of one referral at once (to two reviews, or twice to one): one wins, the other gets a clear conflict, never a 500', async (t) => {
        const s = await setup(t);
        const other = await seedReview(s.services, s.board.id, s.callers, { frameworkId: 'SCR_2006' });
        const sibling = await s.services.referrals.create(as(s.bu, 'REFERRAL_CREATED'), referralInput(s.board.id));
        const bu = as(s.bu, 'REVIEW_REFERRAL_LINKED');
        const results = await Promise.allSettled([
          s.services.reviewSetup.linkReferral(bu, s.board.id, s.susr.id, sibling.id),
          s.services.reviewSetup.linkReferral(bu, s.board.id, other.id, sibling.id),
          s.services.reviewSetup.linkReferral(bu, s.board.id, s.susr.id, sibling.id),
        ]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        for (const r of results) if (r.status === 'rejected') assert.ok(kindOf('conflict')(r.reason), String(r.reason));
        assert.equal(await count(s.services, 'review_referrals'), 1);
      });
    }
  });
}
