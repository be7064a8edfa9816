import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createServices } from '../container.ts';
import type { Db } from '../db/database.ts';
import { sealedPlace } from '../db/field-cipher.ts';
import { syncReviewPeople } from '../db/repositories/family-repository.ts';
import { openTotpSecret } from '../db/repositories/people-repository.ts';
import { SEALED_COLUMNS, type SealedTable } from '../db/repositories/sealed-repository.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { ACTION_STATUSES } from '../domain/actions/action.ts';
import { type DatePrecision, periodStart, sortColumns } from '../domain/chronology/entry.ts';
import { type FrameworkId, frameworkInForce, getFramework, heldFrom, REVIEW_CREATED_BY } from '../domain/frameworks/index.ts';
import { REFERRAL_WORKFLOW } from '../domain/referrals/referral.ts';
import { nextState } from '../domain/workflow.ts';
import { fieldCipher } from '../keyring.ts';
import { callerWithRole, referralInput } from '../testing/case-fixtures.ts';
import { checkGeneratedPublication } from '../testing/generated-publication.ts';
import { testKeyring } from '../testing/keys.ts';
import { createTestDb, dialectsUnderTest } from '../testing/test-db.ts';
import { BENCH_ADMIN_EMAIL, BENCH_OWNER_EMAIL, BENCH_USER_EMAIL, DatabaseNotEmptyError, generate, SCALES, STEPS } from './index.ts';
import { Random } from './random.ts';

const OPTIONS = {
  scale: 'small' as const,
  asOf: '2026-11-27',
  passwordHash: '$argon2id$not-a-real-hash',
  adminTotpSecret: 'JBSWY3DPEHPK3PXP',
  keyring: testKeyring(),
};

/** Every generated row, with encrypted values opened (each encryption draws a fresh random IV). */
async function dump(db: Db): Promise<Record<string, unknown[]>> {
  const cipher = fieldCipher(testKeyring());
  const out: Record<string, unknown[]> = {};
  for (const table of [...new Set(STEPS.flatMap((s) => s.tables)), 'audit_events'] as (keyof Database & string)[]) {
    const rows = (await db.kysely.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    const sealed = SEALED_COLUMNS[table as SealedTable];
    const opened = rows.map((row) => {
      if (!sealed) return row;
      const copy = { ...row };
      for (const column of sealed.columns) {
        const value = copy[column];
        if (typeof value === 'string') copy[column] = cipher.decrypt(value, sealedPlace(table, column, String(row[sealed.key])));
      }
      return copy;
    });
    out[table] = opened.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

test('the random generator repeats itself for a seed and differs between seeds', () => {
  const a = new Random(7);
  const b = new Random(7);
  const c = new Random(8);
  const draws = (r: Random) => Array.from({ length: 5 }, () => r.int(0, 1_000_000));
  const first = draws(a);
  assert.deepEqual(first, draws(b));
  assert.notDeepEqual(first, draws(c));
  assert.match(new Random(1).idAt(Date.parse('2020-01-01T00:00:00Z')), /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('the same seed gives the same rows; another seed gives other rows', async (t) => {
  const dbs = await Promise.all([createTestDb('sqlite'), createTestDb('sqlite'), createTestDb('sqlite')]);
  t.after(() => Promise.all(dbs.map((d) => d.close())));
  const [one, two, other] = dbs as [Db, Db, Db];
  await generate(one, { ...OPTIONS, seed: 1 });
  await generate(two, { ...OPTIONS, seed: 1 });
  await generate(other, { ...OPTIONS, seed: 2 });
  const a = await dump(one);
  assert.deepEqual(a, await dump(two));
  assert.notDeepEqual(a.referrals, (await dump(other)).referrals);
});

for (const dialect of dialectsUnderTest()) {
  describe(`demo data at small scale (${dialect})`, () => {
    test('fills every table to the scale, keeps the audit chain valid and the statuses consistent', async (t) => {
      const db = await createTestDb(dialect);
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }) });
      t.after(async () => {
        services.mail.close();
        await db.close();
      });
      const report = await generate(db, { ...OPTIONS, seed: 20261127 });
      const spec = SCALES.small;
      assert.equal(report.rows.boards, spec.boards);
      assert.equal(report.rows.agencies, spec.agencies);
      // The people of the scale, and the independent chairs and reviewers the panels appointed (accounts of their own).
      const independents = (await db.kysely.selectFrom('register_entries').select('id').where('person_id', 'is not', null).execute()).length;
      assert.equal(report.rows.people, spec.people + independents);
      assert.equal(report.rows.role_grants, spec.boards * 2, 'two grants waiting for confirmation on each board');
      assert.equal(report.rows.referrals, spec.referrals);
      assert.equal(report.rows.referral_children, spec.referrals);
      assert.equal(report.rows.reviews, spec.reviews);
      assert.equal(report.rows.board_settings, spec.boards);
      assert.ok((report.rows.management_group_meetings ?? 0) > 0);
      assert.ok((report.rows.review_actions ?? 0) > 0, 'early learning on some reviews past their decision');
      assert.ok((report.rows.review_people ?? 0) > 0, 'people added to reviews past their decision');
      // Every SUSR review past WG_NOTIFIED had its Welsh Government notification recorded first.
      const unnotified = await db.kysely
        .selectFrom('reviews')
        .leftJoin('review_notifications', 'review_notifications.review_id', 'reviews.id')
        .select('reviews.id')
        .where('reviews.framework_id', '=', 'SUSR_2024')
        .where('reviews.stage', 'not in', ['DECIDED_PROCEED', 'WITHDRAWN', 'ON_HOLD:DECIDED_PROCEED'])
        .where('review_notifications.id', 'is', null)
        .execute();
      assert.deepEqual(unnotified, []);
      assert.deepEqual(
        report.notGenerated.map((n) => n.entity),
        ['documents of text'],
      );
      // The action plans: about the scale's actions (early learning's and the plans'), every accepted plan's actions
      // past their creation reached through updates, each status a state of the action's table, owners with the role.
      const actions = Number(report.rows.review_actions);
      assert.ok(actions > spec.actions * 0.5 && actions < spec.actions * 1.6, `${actions} actions for ${spec.actions}`);
      assert.ok(Number(report.rows.action_plans) > 0);
      const statuses = await db.kysely.selectFrom('review_actions').select('status').distinct().execute();
      for (const s of statuses) assert.ok((ACTION_STATUSES as readonly string[]).includes(s.status), s.status);
      const unowned = await db.kysely
        .selectFrom('review_actions as a')
        .leftJoin('role_assignments as g', (j) =>
          j
            .onRef('g.person_id', '=', 'a.owner_id')
            .onRef('g.review_id', '=', 'a.review_id')
            .onRef('g.agency_id', '=', 'a.lead_agency_id')
            .on('g.role', '=', 'action_owner'),
        )
        .select('a.id')
        .where('g.id', 'is', null)
        .execute();
      assert.deepEqual(unowned, [], 'every owner holds the action owner’s role for the lead agency on the review');
      // The chronologies: the scale's entries, one review of the first board holding the big review's share, the
      // sort columns as the merged order computes them, numbers per request continuing from the board counter.
      assert.equal(report.rows.chronology_entries, spec.chronologyEntries);
      const perReview = await db.kysely
        .selectFrom('chronology_entries')
        .innerJoin('reviews', 'reviews.id', 'chronology_entries.review_id')
        .select(['reviews.board_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['chronology_entries.review_id', 'reviews.board_id'])
        .orderBy('n', 'desc')
        .execute();
      assert.equal(Number(perReview[0]?.n), spec.chronologyBigReview);
      const sample = await db.kysely.selectFrom('chronology_entries').selectAll().orderBy('id').limit(500).execute();
      for (const e of sample) {
        const s = sortColumns({ occurredOn: e.occurred_on, precision: e.precision as DatePrecision, time: e.time });
        assert.deepEqual([e.day_no, e.precision_rank, e.minute].map(Number), [s.dayNo, s.precisionRank, s.minute]);
        assert.equal(periodStart(e.occurred_on, e.precision as DatePrecision), e.occurred_on);
      }
      const numbering = await db.kysely
        .selectFrom('chronology_entries')
        .select(['request_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('entry_no').as('last')])
        .groupBy('request_id')
        .execute();
      const numbers = new Map(
        (await db.kysely.selectFrom('board_counters').select(['name', 'value']).where('name', 'like', 'chronology:%').execute()).map((c) => [
          c.name,
          Number(c.value),
        ]),
      );
      for (const r of numbering) {
        assert.equal(Number(r.n), Number(r.last), 'entries numbered 1..n per request');
        assert.equal(numbers.get(`chronology:${r.request_id}`), Number(r.n));
      }
      const sharedRequests = await db.kysely.selectFrom('contribution_requests').select('status').where('chronology_shared_at', 'is not', null).execute();
      assert.ok(sharedRequests.length > 0 && sharedRequests.every((r) => r.status === 'signed_off'), 'only signed-off chronologies are shared');
      assert.ok((await db.kysely.selectFrom('chronology_entries').select('id').where('key_label', 'is not', null).execute()).length > 0, 'some key events');

      // Every board has the roles the issue asks for.
      const k = db.kysely;
      for (const board of await k.selectFrom('boards').select('id').execute()) {
        const roles = new Set((await k.selectFrom('role_assignments').select('role').where('board_id', '=', board.id).execute()).map((r) => r.role));
        for (const role of ['business_unit', 'board_chair', 'management_group_member', 'management_group_chair', 'administrator', 'information_governance'])
          assert.ok(roles.has(role), `${role} on board ${board.id}`);
      }

      // Each board has a register; each review past its decision an appointed, declared chair holding the review role.
      assert.equal(report.rows.register_entries, spec.boards * 12);
      const appointedChairs = await k
        .selectFrom('panel_nominations')
        .innerJoin('independence_declarations', 'independence_declarations.nomination_id', 'panel_nominations.id')
        .innerJoin('role_assignments', (j) =>
          j.onRef('role_assignments.review_id', '=', 'panel_nominations.review_id').onRef('role_assignments.person_id', '=', 'panel_nominations.person_id'),
        )
        .select('panel_nominations.review_id')
        .where('panel_nominations.role', '=', 'panel_chair')
        .where('panel_nominations.status', '=', 'appointed')
        .where('role_assignments.role', '=', 'panel_chair')
        .execute();
      const running = await k.selectFrom('reviews').select('id').where('stage', 'not in', ['DECIDED_PROCEED', 'WITHDRAWN']).execute();
      assert.deepEqual(new Set(appointedChairs.map((r) => r.review_id)), new Set(running.map((r) => r.id)));

      // The hash chain verifies, with the generated history in it.
      const verified = await services.audit.verify();
      assert.deepEqual(verified, { ok: true, checked: report.auditEvents, checkpoints: 0 });

      // Statuses match the rows present.
      const referrals = await k.selectFrom('referrals').select(['id', 'status', 'board_id', 'received_on']).execute();
      const has = async (table: 'management_group_agenda' | 'criteria_assessments' | 'recommendations' | 'decisions' | 'reviews') =>
        new Set((await k.selectFrom(table).select('referral_id').execute()).map((r) => r.referral_id));
      const [agenda, assessed, recommended, decided, reviewed] = await Promise.all([
        has('management_group_agenda'),
        has('criteria_assessments'),
        has('recommendations'),
        has('decisions'),
        has('reviews'),
      ]);
      const decisions = new Map(
        (await k.selectFrom('decisions').select(['referral_id', 'route', 'framework_id', 'decided_on']).execute()).map((d) => [d.referral_id, d]),
      );
      for (const r of referrals) {
        const label = `${r.id} ${r.status}`;
        switch (r.status) {
          case 'referred':
            assert.ok(!agenda.has(r.id) && !assessed.has(r.id), label);
            break;
          case 'under_consideration':
            assert.ok(agenda.has(r.id) && !recommended.has(r.id), label);
            break;
          case 'recommended_to_chair':
            assert.ok(assessed.has(r.id) && recommended.has(r.id) && !decided.has(r.id), label);
            break;
          case 'decided_proceed':
            assert.equal(decisions.get(r.id)?.route, 'review', label);
            assert.ok(reviewed.has(r.id), label);
            break;
          case 'decided_not_proceed':
            assert.ok(decided.has(r.id) && decisions.get(r.id)?.route !== 'review' && !reviewed.has(r.id), label);
            break;
          default:
            assert.fail(`unknown status ${label}`);
        }
      }

      // Every change of state is a transition beside its audit event, walking the record's table from its
      // creation to the state it is in (as WorkflowService writes them), so timelines read as they would.
      const moves = await k.selectFrom('record_transitions').selectAll().orderBy('occurred_at').orderBy('id').execute();
      const eventIds = new Set((await k.selectFrom('audit_events').select('id').execute()).map((e) => e.id));
      const byRecord = new Map<string, typeof moves>();
      for (const m of moves) byRecord.set(`${m.record_type}:${m.record_id}`, [...(byRecord.get(`${m.record_type}:${m.record_id}`) ?? []), m]);
      for (const r of referrals) {
        // In time order: a referral is created, then taken up, assessed, recommended, decided.
        const path = byRecord.get(`referral:${r.id}`) ?? [];
        let state: string | null = null;
        for (const m of path) {
          assert.equal(m.from_state, state, `referral ${r.id}: ${m.event} from ${m.from_state}`);
          assert.equal(m.from_state === null ? REFERRAL_WORKFLOW.created.state : nextState(REFERRAL_WORKFLOW, m.from_state, m.event), m.to_state);
          assert.ok(eventIds.has(m.audit_event_id), 'beside its audit event');
          state = m.to_state;
        }
        assert.equal(state, r.status, `referral ${r.id} ends where its status is`);
      }
      // A review is created by the decision; one on hold has its hold (the stage it left, a reason) as a
      // transition beside the business unit's event, and its hold row, still running.
      const holds = new Map((await k.selectFrom('review_holds').selectAll().execute()).map((h) => [h.review_id, h]));
      let onHold = 0;
      for (const review of await k.selectFrom('reviews').select(['id', 'stage']).execute()) {
        const moved = (byRecord.get(`review:${review.id}`) ?? []).map((m) => [m.from_state, m.to_state, m.event]);
        const hold = holds.get(review.id);
        const left = heldFrom(review.stage);
        if (left) {
          onHold++;
          assert.deepEqual(moved, [
            [null, 'DECIDED_PROCEED', REVIEW_CREATED_BY],
            [left, review.stage, 'hold'],
          ]);
          assert.ok(hold && hold.held_stage === left && hold.resumed_on === null && hold.reason_text.length > 0, `the hold of ${review.id}`);
        } else {
          assert.deepEqual(moved, [[null, 'DECIDED_PROCEED', REVIEW_CREATED_BY]]);
          assert.equal(hold, undefined);
        }
      }
      assert.ok(onHold > 0, 'some reviews are on hold');
      // Publication (issue 13): summaries, checks, decisions and the public snapshots, as the services read them.
      await checkGeneratedPublication(services);

      // Each review has its framework's milestone plan; past milestones mostly met, some overdue; panel
      // meetings held for the panel meeting milestones met, each with its decision.
      const plans = new Map<string, number>();
      for (const m of await k.selectFrom('review_milestones').select(['review_id']).execute()) plans.set(m.review_id, (plans.get(m.review_id) ?? 0) + 1);
      for (const review of await k.selectFrom('reviews').select(['id', 'framework_id']).execute())
        assert.equal(plans.get(review.id), getFramework(review.framework_id as FrameworkId).milestones.length, `the plan of ${review.id}`);
      const heldMeetings = await k.selectFrom('panel_meetings').select(['id', 'milestone_id', 'meets_on']).execute();
      assert.ok(heldMeetings.length > 0);
      assert.ok((report.rows.panel_meeting_decisions ?? 0) === heldMeetings.length);
      assert.ok((report.rows.review_milestone_revisions ?? 0) > 0, 'some planned dates were moved with a reason');

      // Reviews: CODE/YEAR/NN, pinned to the framework in force on the decision date.
      const boards = new Map((await k.selectFrom('boards').select(['id', 'code']).execute()).map((b) => [b.id, b.code]));
      for (const review of await k.selectFrom('reviews').selectAll().execute()) {
        assert.equal(review.reference, `${boards.get(review.board_id)}/${review.reference_year}/${String(review.reference_sequence).padStart(2, '0')}`);
        assert.equal(review.framework_id, frameworkInForce('wales', review.decided_on).id);
        assert.equal(decisions.get(review.referral_id)?.framework_id, review.framework_id);
      }

      // Terms of reference: none before scoping, a draft while scoping, an approved version once further on;
      // every version has every section; the head names the latest and the latest approved version.
      const heads = new Map((await k.selectFrom('terms_of_reference').selectAll().execute()).map((h) => [h.review_id, h]));
      const termsVersions = await k.selectFrom('terms_of_reference_versions').selectAll().execute();
      const sectionCounts = new Map<string, number>();
      for (const s of await k.selectFrom('terms_of_reference_sections').select('version_id').execute())
        sectionCounts.set(s.version_id, (sectionCounts.get(s.version_id) ?? 0) + 1);
      let approvedTerms = 0;
      for (const review of await k.selectFrom('reviews').select(['id', 'stage']).execute()) {
        const stage = heldFrom(review.stage) ?? review.stage;
        const head = heads.get(review.id);
        const mine = termsVersions.filter((v) => v.review_id === review.id).sort((a, b) => a.version - b.version);
        if (stage === 'DECIDED_PROCEED') {
          assert.equal(head, undefined, `no terms before scoping: ${review.id}`);
          continue;
        }
        assert.ok(head, `terms of ${review.id}`);
        assert.equal(head.latest_version, mine.at(-1)?.version);
        assert.equal(mine[0]?.status, stage === 'SCOPING' ? 'draft' : 'approved', `${review.id} at ${stage}`);
        if (mine[0]?.status === 'approved') approvedTerms++;
        for (const v of mine) assert.equal(sectionCounts.get(v.id), 12);
      }
      assert.ok(approvedTerms > 0, 'some reviews have approved terms');

      // The boards' counters carry on from the numbers given, so the next referral and review continue each sequence.
      const counters = new Map((await k.selectFrom('board_counters').selectAll().execute()).map((c) => [`${c.board_id}:${c.name}`, Number(c.value)]));
      const maxima = new Map<string, number>();
      for (const r of await k.selectFrom('referrals').select(['board_id', 'child_number']).execute()) {
        const key = `${r.board_id}:child_number`;
        maxima.set(key, Math.max(maxima.get(key) ?? 0, Number(r.child_number)));
      }
      for (const r of await k.selectFrom('reviews').select(['board_id', 'reference_year', 'reference_sequence']).execute()) {
        const key = `${r.board_id}:review_sequence:${r.reference_year}`;
        maxima.set(key, Math.max(maxima.get(key) ?? 0, Number(r.reference_sequence)));
      }
      // A review's family numbering (family members and significant persons together) carries on from the people added.
      for (const p of await k
        .selectFrom('review_people')
        .innerJoin('reviews', 'reviews.id', 'review_people.review_id')
        .select(['reviews.board_id', 'review_people.review_id', 'review_people.pseudonym_index'])
        .where('review_people.pseudonym_kind', '!=', 'child')
        .execute()) {
        const key = `${p.board_id}:review_family:${p.review_id}`;
        maxima.set(key, Math.max(maxima.get(key) ?? 0, Number(p.pseudonym_index)));
      }
      // And each review's practitioners of a role (the learning event's "Social worker 2") carry on from the last.
      for (const r of await k
        .selectFrom('learning_event_invitations')
        .innerJoin('reviews', 'reviews.id', 'learning_event_invitations.review_id')
        .select(['reviews.board_id', 'learning_event_invitations.review_id', 'practitioner_role', 'practitioner_number'])
        .execute()) {
        const key = `${r.board_id}:practitioner:${r.review_id}:${r.practitioner_role}`;
        maxima.set(key, Math.max(maxima.get(key) ?? 0, Number(r.practitioner_number)));
      }
      // And each agency's chronology numbering carries on from its last entry.
      for (const r of await k
        .selectFrom('chronology_entries')
        .innerJoin('contribution_requests', 'contribution_requests.id', 'chronology_entries.request_id')
        .select(['contribution_requests.board_id', 'chronology_entries.request_id', (eb) => eb.fn.max('chronology_entries.entry_no').as('last')])
        .groupBy(['contribution_requests.board_id', 'chronology_entries.request_id'])
        .execute())
        maxima.set(`${r.board_id}:chronology:${r.request_id}`, Number(r.last));
      assert.ok(
        [...maxima.keys()].some((key) => key.includes(':practitioner:')),
        'some reviews have held their learning event',
      );
      assert.deepEqual(new Map([...counters].sort()), new Map([...maxima].sort()));

      // Every review lists its referral's child and family as the decision that created it does: the service
      // would list no one more, and each of the referral's family members is one of the review's people.
      const generatedReviews = await k.selectFrom('reviews').select(['id', 'board_id', 'referral_id']).execute();
      let referralFamily = 0;
      for (const r of generatedReviews) {
        const review = { id: r.id, boardId: r.board_id, referralId: r.referral_id };
        const more = await inTransaction(services.db, (trx) =>
          syncReviewPeople(trx, services.db.dialect, services.cipher, review, '2026-12-06T12:00:00.000Z', () => 'unused'),
        );
        assert.equal(more, 0, `review ${r.id}: its referral's people are listed`);
        const family = await k.selectFrom('family_members').select('id').where('referral_id', '=', r.referral_id).execute();
        const listed = await k
          .selectFrom('review_people')
          .select(['pseudonym_kind', 'source'])
          .where('review_id', '=', r.id)
          .where('referral_id', '=', r.referral_id)
          .execute();
        assert.equal(listed.filter((p) => p.pseudonym_kind === 'child').length, 1, `review ${r.id}: its child is listed`);
        assert.equal(listed.filter((p) => p.pseudonym_kind !== 'child').length, family.length, `review ${r.id}: its referral's family are listed`);
        referralFamily += family.length;
      }
      assert.ok(referralFamily > 0, 'some generated referrals name a family');

      // The bench users: the business unit member holds two roles on the first board; both have two-factor set up.
      const benchUser = await k.selectFrom('people').selectAll().where('email', '=', BENCH_USER_EMAIL).executeTakeFirstOrThrow();
      const benchAdmin = await k.selectFrom('people').selectAll().where('email', '=', BENCH_ADMIN_EMAIL).executeTakeFirstOrThrow();
      assert.equal(benchUser.password_hash, OPTIONS.passwordHash);
      assert.equal(openTotpSecret(services.cipher, benchAdmin), OPTIONS.adminTotpSecret);
      assert.notEqual(benchAdmin.totp_secret, OPTIONS.adminTotpSecret, 'stored encrypted');
      assert.equal(openTotpSecret(services.cipher, benchUser), OPTIONS.adminTotpSecret, 'the business unit sees case material, so uses two-factor');
      // Restricted fields are written encrypted, with the blind indexes duplicate detection matches on.
      const child = await k.selectFrom('referral_children').selectAll().limit(1).executeTakeFirstOrThrow();
      for (const value of [child.full_name, child.date_of_birth_on, child.address]) assert.match(String(value), /^enc:v1:/);
      assert.equal(child.name_normalised, null);
      assert.ok(child.name_index && child.dob_index);
      const userRoles = await k.selectFrom('role_assignments').select(['role', 'scope_type']).where('person_id', '=', benchUser.id).execute();
      assert.deepEqual(userRoles.map((r) => r.role).sort(), ['business_unit', 'information_governance', 'management_group_member']);
      // Only the bench's three people can sign in: its business unit member, its administrator and its action owner,
      // who owns a share of the first board's actions (and holds only action owners' roles).
      const others = await k.selectFrom('people').select('id').where('password_hash', 'is not', null).execute();
      assert.equal(others.length, 3);
      const benchOwner = await k.selectFrom('people').select('id').where('email', '=', BENCH_OWNER_EMAIL).executeTakeFirstOrThrow();
      const ownerRoles = await k.selectFrom('role_assignments').select('role').distinct().where('person_id', '=', benchOwner.id).execute();
      assert.deepEqual(
        ownerRoles.map((r) => r.role),
        ['action_owner'],
      );
      const owned = await k.selectFrom('review_actions').select('id').where('owner_id', '=', benchOwner.id).execute();
      assert.ok(owned.length > 0, 'the bench owner owns actions');

      // A referral recorded through the service after generation takes the board's next number.
      const [firstBoard] = [...boards.keys()];
      const unit = await callerWithRole(services, 'business_unit', firstBoard ?? '', 'REFERRAL_CREATED');
      const next = await services.referrals.create(unit, { ...referralInput(firstBoard ?? ''), receivedOn: '2021-01-05', incidentOn: '2021-01-04' });
      assert.equal(next.childNumber, (maxima.get(`${firstBoard}:child_number`) ?? 0) + 1);

      // A second run refuses to add to a database that has data.
      await assert.rejects(generate(db, { ...OPTIONS, seed: 1 }), DatabaseNotEmptyError);
    });
  });
}
