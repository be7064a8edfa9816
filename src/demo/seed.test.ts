import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { signInDetails } from '../cli/demo.ts';
import { sealedPlace } from '../db/field-cipher.ts';
import { ACTION_STATUSES } from '../domain/actions/action.ts';
import { SUSR_STAGES } from '../domain/frameworks/workflow.ts';
import { BOARD_ROLES } from '../domain/roles.ts';
import { totpCode } from '../testing/fixtures.ts';
import { Browser, buildTestApp } from '../testing/test-app.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';
import { DEMO_ACTION_OWNERS } from './action-plan.ts';
import { DEMO_CHRONOLOGY_ENTRIES, DEMO_CHRONOLOGY_PEOPLE } from './chronology.ts';
import { DEMO_CONTRIBUTORS } from './contributions.ts';
import { DEMO_REFERRALS, DEMO_STEP_STATUS } from './referral-specs.ts';
import { DEMO_AGENCIES, DEMO_PEOPLE, type DemoSeed, seedDemo } from './seed.ts';
import { DEMO_PANEL_CHAIR } from './terms.ts';

/** The SUSR stages a review reaches today (later ones wait for later issues), each shown by a demo review. */
const SUSR_REACHABLE = [
  'DECIDED_PROCEED',
  'WG_NOTIFIED',
  'SCOPING',
  'TIMELINE_BUILDING',
  'FAMILY_ENGAGEMENT',
  'LEARNING_EVENT_HELD',
  'REVIEWER_REPORT_DRAFTING',
  'PANEL_QA',
  'BOARD_ACCEPTANCE',
];
/** The demo referrals appended for the reviews at each stage: the SUSRs', and two Serious Case Reviews. */
const STAGED = SUSR_REACHABLE.length + 2 + 2;

/** Rows of the case tables: a second run of the demo must add none. */
async function caseCounts(db: Awaited<ReturnType<typeof buildTestApp>>['services']['db']) {
  const tables = [
    'referrals',
    'management_group_meetings',
    'criteria_assessments',
    'recommendations',
    'decisions',
    'reviews',
    'register_entries',
    'panel_nominations',
    'review_dictionary_terms',
    'executive_summary_versions',
    'executive_summary_translations',
    'anonymisation_checks',
    'anonymisation_findings',
    'submission_packets',
    'submission_packet_sendings',
  ] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    out[table] = Number(
      (
        await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }
  return out;
}

async function counts(db: Awaited<ReturnType<typeof buildTestApp>>['services']['db']) {
  const n = async (table: 'boards' | 'agencies' | 'people' | 'role_assignments' | 'board_agencies') =>
    Number(
      (
        await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    boards: await n('boards'),
    agencies: await n('agencies'),
    people: await n('people'),
    roles: await n('role_assignments'),
    links: await n('board_agencies'),
  };
}

test('the demo has a person for every board role and a deployment administrator', () => {
  assert.deepEqual(DEMO_PEOPLE.map((p) => p.role).sort(), ['deployment_administrator', ...BOARD_ROLES].sort());
  assert.ok(new Set(DEMO_AGENCIES.map((a) => a.sector)).size >= 8, 'agencies across the sectors');
});

for (const dialect of dialectsUnderTest()) {
  describe(`demo seed (${dialect})`, () => {
    // One demo per dialect, seeded once (seeding is most of this file's time): the first test seeds it again and
    // finds nothing duplicated; the others read what the two runs left, so theirs say "and a second run added none".
    let world: Promise<Awaited<ReturnType<typeof buildTestApp>> & { first: DemoSeed }> | undefined;
    const seeded = () => {
      world ??= buildTestApp(undefined, dialect).then(async (built) => ({ ...built, first: await seedDemo(built.services) }));
      return world;
    };
    after(async () => (await world)?.close());

    test('seeds the Teifi board once, with working sign-in details, and never duplicates it', async () => {
      const { app, services, first } = await seeded();
      assert.equal(first.boardCreated, true);
      assert.equal(first.board.code, 'TEIFI');
      assert.equal(first.board.nameCy, 'Bwrdd Diogelu Plant Dyffryn Teifi');
      const before = await counts(services.db);
      // Besides the demo's people and their roles: the owner of the early learning's actions, who holds the
      // action owner's role on each review past its decision.
      const moved = (await services.db.kysely.selectFrom('reviews').select('id').where('stage', '!=', 'DECIDED_PROCEED').execute()).length;
      assert.deepEqual(before, {
        boards: 1,
        agencies: DEMO_AGENCIES.length,
        // The panel adds its appointed chair and author and an agency's representative, each with a review role
        // (the terms of reference are approved by that chair: src/demo/terms.ts).
        // Each of the four agencies asked for a contribution has its author and senior manager (a review role each).
        // The reviews moved along their paths (src/demo/stages.ts): a reviewer and a panel chair, and the author and
        // senior manager named on the Serious Case Reviews' waived contributions.
        // The chronologies of the SUSR building its timeline: each agency's author and senior manager (src/demo/chronology.ts).
        // The action plan of the SUSR at board acceptance: its lead officers (src/demo/action-plan.ts).
        people: DEMO_PEOPLE.length + 1 + 3 + DEMO_CONTRIBUTORS + 4 + DEMO_CHRONOLOGY_PEOPLE + DEMO_ACTION_OWNERS,
        // The Child Practice Review's learning event is facilitated by a reviewer appointed to it (a review role).
        // Moved reviews: the reviewer on the four SUSRs past their learning event, the panel chair on the one at
        // board acceptance, the contributor and senior manager on each of the two Serious Case Reviews.
        // The chronologies: each agency's author and senior manager, and the panel chair who marks the key events.
        // The action plan: each lead officer the action owner's role for their agency.
        // The two Child Practice Reviews taken to publication (src/demo/publication.ts): a reviewer, a panel chair and
        // the police's lead officer as action owner on each.
        roles: DEMO_PEOPLE.length + moved + 3 + DEMO_CONTRIBUTORS + 1 + 4 + 1 + 4 + DEMO_CHRONOLOGY_PEOPLE + 1 + DEMO_ACTION_OWNERS + 2 * 3,
        links: DEMO_AGENCIES.length,
      });
      // Everyone who sees case material, and every administrator, is enrolled with a printed secret: all but the board member.
      const withoutTwoFactor = first.accounts.filter((a) => !a.totpSecret).map((a) => a.role);
      assert.deepEqual(withoutTwoFactor, ['board_member']);
      // The chair confirmed the case roles the deployment administrator granted: none is left waiting.
      const waiting = await services.db.kysely.selectFrom('role_grants').select(['role', 'status']).orderBy('role').execute();
      assert.deepEqual(
        waiting.map((g) => g.status),
        waiting.map(() => 'confirmed'),
      );
      assert.deepEqual(
        waiting.map((g) => g.role),
        ['agency_referrer', 'business_unit', 'information_governance', 'management_group_chair', 'management_group_member'],
      );

      // The SUSR building its timeline: four agencies' chronologies shared with the panel, every kind of date, two key
      // events; a fifth (the housing association's) still being written by the demo's agency contributor.
      const chronology = async () => await services.db.kysely.selectFrom('chronology_entries').select(['agency_id', 'precision', 'key_label']).execute();
      const entries = await chronology();
      assert.equal(entries.length, DEMO_CHRONOLOGY_ENTRIES);
      assert.equal(new Set(entries.map((e) => e.agency_id)).size, 5);
      assert.deepEqual(new Set(entries.map((e) => e.precision)), new Set(['exact', 'month', 'year', 'about']));
      assert.equal(entries.filter((e) => e.key_label).length, 2);
      const shared = await services.db.kysely.selectFrom('contribution_requests').select('id').where('chronology_shared_at', 'is not', null).execute();
      assert.equal(shared.length, 4);

      // The SUSR at board acceptance: its plan signed off, with an action in every status.
      const statuses = new Set(
        (await services.db.kysely.selectFrom('review_actions').select('status').where('source', '!=', 'early_learning').execute()).map((a) => a.status),
      );
      assert.deepEqual([...statuses].sort(), [...ACTION_STATUSES].sort());
      // Its plan, and the plans of the two Child Practice Reviews taken to publication.
      assert.equal((await services.db.kysely.selectFrom('action_plans').select('review_id').execute()).length, 3);
      // The overdue action climbed every rung of the ladder; the letter and the formal request have their responses.
      const rungs = await services.db.kysely.selectFrom('action_challenges').select(['rung', 'outcome']).execute();
      assert.deepEqual(new Set(rungs.map((r) => r.rung)), new Set(['owner', 'business_manager', 'chair_letter', 'board_agenda', 'formal_request']));
      assert.equal(rungs.filter((r) => r.outcome).length, 2);
      // Its pseudonym dictionary: its people under their codes and six places, schools and workers, sealed.
      const terms = await services.db.kysely
        .selectFrom('review_dictionary_terms')
        .select(['review_id', 'term_en', 'real_identifier', 'review_person_id'])
        .execute();
      assert.equal(new Set(terms.map((x) => x.review_id)).size, 1);
      assert.equal(terms.filter((x) => x.review_person_id === null).length, 6);
      assert.ok(terms.some((x) => /^Child [A-Z]+$/.test(x.term_en)));
      assert.ok(terms.every((x) => x.real_identifier.startsWith('enc:v1:')));
      // Its executive summary: the English and the Welsh each approved (version 1), the translator's request returned.
      const susr = terms[0]?.review_id ?? '';
      const summaryVersions = await services.db.kysely
        .selectFrom('executive_summary_versions')
        .select(['language', 'version', 'status', 'figures'])
        .where('review_id', '=', susr)
        .execute();
      assert.deepEqual(summaryVersions.map((v) => `${v.language} ${v.version} ${v.status}`).sort(), ['cy 1 approved', 'en 1 approved']);
      assert.ok(
        summaryVersions.every((v) => JSON.parse(v.figures ?? '{}').total > 0),
        'each quotes the plan’s figures',
      );
      const translation = await services.db.kysely.selectFrom('executive_summary_translations').select('status').execute();
      assert.deepEqual(translation, [{ status: 'returned' }]);
      // Its report's anonymisation check: the date accepted with a reason, the town the dictionary names still open (sealed).
      const findings = await services.db.kysely.selectFrom('anonymisation_findings').select(['kind', 'decision', 'match_text']).execute();
      assert.deepEqual(
        findings.filter((f) => f.decision === 'open').map((f) => f.kind),
        ['dictionary_term'],
      );
      assert.ok(findings.some((f) => f.kind === 'exact_date' && f.decision === 'accepted'));
      assert.ok(findings.every((f) => f.match_text.startsWith('enc:v1:')));
      assert.equal((await services.db.kysely.selectFrom('anonymisation_checks').select('status').executeTakeFirstOrThrow()).status, 'open');
      // Its submission packet: made (the summary in both languages, the report, the action plan) and sent to the Welsh Government.
      const packets = await services.db.kysely.selectFrom('submission_packets').select(['number', 'manifest']).execute();
      assert.deepEqual(
        packets.map((k) => k.number),
        [1],
      );
      assert.deepEqual((JSON.parse(packets[0]?.manifest ?? '{}') as { files: { name: string }[] }).files.map((f) => f.name).sort(), [
        'action-plan-en.xlsx',
        'executive-summary-cy.pdf',
        'executive-summary-en.pdf',
        'report-en.pdf',
      ]);
      const sendings = await services.db.kysely.selectFrom('submission_packet_sendings').select(['recipient', 'method']).execute();
      assert.deepEqual(sendings, [{ recipient: 'welsh_government', method: 'secure_email' }]);
      assert.equal(
        (await services.db.kysely.selectFrom('anonymisation_checks').select('status').where('review_id', '=', susr).executeTakeFirstOrThrow()).status,
        'open',
      );

      const casesBefore = await caseCounts(services.db);
      const second = await seedDemo(services);
      assert.equal(second.boardCreated, false);
      assert.deepEqual(await counts(services.db), before);
      assert.deepEqual(await caseCounts(services.db), casesBefore, 'no referral, meeting, analysis, recommendation or decision added');
      assert.equal((await chronology()).length, DEMO_CHRONOLOGY_ENTRIES, 'a second run adds no chronology entry');
      // The two Child Practice Reviews were taken on to publication after the first run's referrals were seeded.
      const onwards = ['PUBLISHED', 'PUBLICATION_PREPARATION'];
      const last = first.referrals.length - onwards.length;
      assert.deepEqual(
        second.referrals,
        first.referrals.map((r, i) => (i >= last ? { ...r, reviewStage: onwards[i - last] ?? null } : r)),
      );
      assert.deepEqual(first.panels, { appointed: 2, refused: 1 }, 'a review with its chair and author, and an appointment refused for a conflict');
      assert.deepEqual(second.panels, { appointed: 0, refused: 0 });
      for (const [i, account] of second.accounts.entries()) {
        assert.notEqual(account.password, first.accounts[i]?.password, 'fresh passwords every run');
        assert.equal(account.totpSecret, first.accounts[i]?.totpSecret, 'an enrolled authenticator keeps working');
      }
      assert.equal((await services.audit.verify()).ok, true);

      const member = second.accounts.find((a) => a.role === 'board_member');
      assert.ok(member);
      const memberBrowser = new Browser(app);
      const signedIn = await memberBrowser.submit('/sign-in', { email: member.email, password: member.password });
      assert.equal(signedIn.statusCode, 302);
      assert.equal(signedIn.headers.location, '/');
      assert.match((await memberBrowser.get('/')).$('main').text(), /Teifi Valley Safeguarding Children Board/);

      for (const role of ['board_chair', 'business_unit', 'agency_referrer', 'agency_contributor'] as const) {
        const account = second.accounts.find((a) => a.role === role);
        assert.ok(account?.totpSecret, role);
        const browser = new Browser(app);
        const password = await browser.submit('/sign-in', { email: account.email, password: account.password });
        assert.equal(password.headers.location, '/sign-in/two-factor', role);
        const code = await browser.submit('/sign-in/two-factor', { code: totpCode(account.totpSecret, services.clock.now()) });
        assert.equal(code.statusCode, 302, role);
        assert.equal((await browser.get('/')).statusCode, 200, role);
      }

      const printed = signInDetails(second, 'http://127.0.0.1:3000').join('\n');
      for (const a of second.accounts) {
        assert.ok(printed.includes(a.email) && printed.includes(a.password), `${a.email} is printed with a password`);
        if (a.totpSecret) assert.ok(printed.includes(a.totpSecret));
      }
      assert.match(printed, /already seeded: nothing duplicated/);
    });

    test('a review with terms of reference approved by its panel chair (version 1) and version 2 drafted since', async () => {
      const { services } = await seeded();
      const versions = await services.db.kysely
        .selectFrom('terms_of_reference_versions as v')
        .innerJoin('people as p', 'p.id', 'v.approved_by')
        .select(['v.version', 'v.status', 'p.email'])
        .execute();
      // Approved by the chair the panel appointed (src/demo/panels.ts), not someone brought in for it.
      assert.equal(versions.length, 1);
      assert.notEqual(versions[0]?.email, DEMO_PANEL_CHAIR.email);
      const [review] = await services.db.kysely.selectFrom('terms_of_reference').select('review_id').execute();
      const chairs = await services.db.kysely
        .selectFrom('role_assignments as r')
        .innerJoin('people as p', 'p.id', 'r.person_id')
        .select('p.email')
        .where('r.role', '=', 'panel_chair')
        .where('r.review_id', '=', review?.review_id ?? '')
        .execute();
      assert.deepEqual(
        chairs.map((c) => c.email),
        [versions[0]?.email],
      );
      const all = await services.db.kysely.selectFrom('terms_of_reference_versions').select(['version', 'status']).orderBy('version').execute();
      assert.deepEqual(all, [
        { version: 1, status: 'approved' },
        { version: 2, status: 'draft' },
      ]);
      assert.equal((await services.db.kysely.selectFrom('terms_of_reference_versions').select('id').execute()).length, 2, 'a second run adds no version');
    });

    test('the same review’s report: version 1 submitted for the panel’s QA, a panel comment, and a review recommendation without its target date', async () => {
      const { services } = await seeded();
      const [scr] = await services.db.kysely.selectFrom('reviews').select('id').where('stage', '=', 'AGENCY_REPORTS_REQUESTED').execute();
      const reviewId = scr?.id ?? '';
      const versions = await services.db.kysely.selectFrom('review_report_versions').select(['version', 'status']).where('review_id', '=', reviewId).execute();
      assert.deepEqual(versions, [{ version: 1, status: 'submitted' }]);
      assert.equal((await services.db.kysely.selectFrom('review_report_comments').select('id').execute()).length, 1);
      const recommendations = await services.db.kysely
        .selectFrom('review_recommendations')
        .select(['number', 'target_on'])
        .where('review_id', '=', reviewId)
        .orderBy('number')
        .execute();
      assert.deepEqual(
        recommendations.map((r) => [r.number, r.target_on]),
        [
          [1, '2027-09-30'],
          [2, null],
        ],
      );
      // Besides it, the SUSRs at panel QA and board acceptance and the two Child Practice Reviews taken to publication
      // each have their version 1 (submitted; QA signed off).
      assert.equal((await services.db.kysely.selectFrom('review_report_versions').select('id').execute()).length, 5, 'a second run adds nothing');
    });

    test('a Child Practice Review with its learning event held: practitioners by role and number, attendance, notes and learning', async () => {
      const { services } = await seeded();
      const db = services.db.kysely;
      // The first-decided SUSR's (on hold); the four SUSRs and the two Child Practice Reviews moved past their learning
      // event each have one held.
      const events = await db.selectFrom('learning_events').select(['status', 'notes']).execute();
      assert.deepEqual(
        events.map((e) => e.status),
        ['held', 'held', 'held', 'held', 'held', 'held', 'held'],
      );
      assert.equal(events.filter((e) => e.notes).length, 1, 'the first-decided review’s event has its notes');
      const invitations = await db.selectFrom('learning_event_invitations').select(['practitioner_role', 'practitioner_number', 'status']).execute();
      assert.ok(invitations.some((i) => i.status === 'attended') && invitations.some((i) => i.status === 'did_not_attend'));
      assert.ok((await db.selectFrom('learning_points').select('id').execute()).length >= 2);
      const milestone = await db
        .selectFrom('review_milestones')
        .select('actual_on')
        .where('kind', '=', 'learning_event')
        .where('actual_on', 'is not', null)
        .execute();
      assert.ok(milestone.length <= 7);
      assert.equal((await db.selectFrom('learning_events').select('id').execute()).length, 7, 'a second run adds no event');
    });

    test('has a review at each stage its path reaches today: the SUSR’s from the decision to the board’s acceptance, and a Serious Case Review’s', async () => {
      const { services } = await seeded();
      const db = services.db.kysely;
      const reviews = await db.selectFrom('reviews').select(['framework_id', 'stage']).execute();
      const at = (framework: string) => new Set(reviews.filter((r) => r.framework_id === framework).map((r) => r.stage));
      for (const stage of SUSR_REACHABLE) assert.ok(at('SUSR_2024').has(stage), `an SUSR at ${stage}`);
      for (const stage of ['SCOPING', 'AGENCY_REPORTS_REQUESTED', 'AGENCY_REPORTS_RECEIVED', 'OVERVIEW_DRAFTING'])
        assert.ok(at('SCR_2006').has(stage), `an SCR at ${stage}`);
      // Every stage before BOARD_ACCEPTANCE that the SUSR path has (besides the referral's) is shown.
      const path = SUSR_STAGES.slice(SUSR_STAGES.indexOf('DECIDED_PROCEED'), SUSR_STAGES.indexOf('BOARD_ACCEPTANCE') + 1);
      assert.deepEqual(path, SUSR_REACHABLE);
      // Agencies overdue (a request past its due date, not signed off or waived) and an appointment refused for a conflict.
      const overdue = await db
        .selectFrom('contribution_requests')
        .select('id')
        .where('due_on', '<', services.clock.today())
        .where('status', 'not in', ['signed_off', 'waived'])
        .execute();
      assert.ok(overdue.length >= 1, 'an agency overdue');
      const refused = await db
        .selectFrom('panel_nominations as n')
        .innerJoin('independence_declarations as d', 'd.nomination_id', 'n.id')
        .select(['n.status'])
        .where('d.conflicts', '!=', '')
        .execute();
      assert.ok(
        refused.some((n) => n.status === 'nominated'),
        'a nominee who declared a conflict, left nominated',
      );
      // Nothing in them but the demo's fictional children.
      const rows = await db.selectFrom('referral_children').select(['referral_id', 'full_name']).execute();
      assert.ok(
        rows.every((r) => /^Demo Child .* Ffug$/.test(services.cipher.open(r.full_name, sealedPlace('referral_children', 'full_name', r.referral_id)) ?? '')),
      );
    });

    test('seeds referrals at every step to the decision, through the services with the demo’s people, audited', async () => {
      const { services, first: seed } = await seeded();
      const year = services.clock.now().toISOString().slice(0, 4);
      // One referral per spec, in order, each at its step's status.
      assert.equal(seed.referrals.length, DEMO_REFERRALS.length);
      for (const [i, spec] of DEMO_REFERRALS.entries()) {
        const r = seed.referrals[i];
        assert.ok(r && DEMO_STEP_STATUS[spec.step].includes(r.status), `${r?.pseudonym.index} is ${r?.status}, expected ${spec.step}`);
        assert.deepEqual(r.pseudonym, { kind: 'child', index: i + 1 });
      }
      assert.deepEqual(
        seed.referrals.map((r) => [r.status, r.reviewReference, r.overdue]),
        [
          ['referred', null, false],
          ['under_consideration', null, false],
          ['recommended_to_chair', null, false],
          ['decided_proceed', `TEIFI/${year}/01`, false],
          ['decided_not_proceed', null, false],
          ['under_consideration', null, true],
          ['decided_proceed', `TEIFI/${year}/02`, false],
          ['decided_proceed', `TEIFI/${year}/03`, false],
          // The reviews at each stage (src/demo/stages.ts), appended: the codes and references above keep theirs.
          ...Array.from({ length: STAGED }, (_, i) => ['decided_proceed', `TEIFI/${year}/${String(i + 4).padStart(2, '0')}`, false]),
        ],
      );
      // The reviews at several stages, one on hold (with its reason) from where the decision left it.
      assert.deepEqual(
        seed.referrals.flatMap((r) => (r.reviewStage ? [r.reviewStage] : [])),
        [
          'ON_HOLD:DECIDED_PROCEED',
          'AGENCY_REPORTS_REQUESTED',
          'SCOPING',
          ...SUSR_REACHABLE,
          'AGENCY_REPORTS_RECEIVED',
          'OVERVIEW_DRAFTING',
          'BOARD_ACCEPTANCE',
          'BOARD_ACCEPTANCE',
        ],
      );
      const staged = Array.from({ length: STAGED }, (_, i) => i + 8);

      const db = services.db.kysely;
      const referrals = await db.selectFrom('referrals').select(['id', 'child_number', 'status']).orderBy('child_number').execute();
      const idOf = (i: number) => referrals.find((r) => Number(r.child_number) === seed.referrals[i]?.pseudonym.index)?.id ?? '';
      // Under consideration: on the meeting's agenda, with the group's analysis; the overdue one is on the agenda without one.
      const meeting = await db.selectFrom('management_group_meetings').select(['id', 'board_id']).executeTakeFirstOrThrow();
      assert.equal(meeting.board_id, seed.board.id);
      const agenda = (await db.selectFrom('management_group_agenda').select('referral_id').where('meeting_id', '=', meeting.id).execute()).map(
        (a) => a.referral_id,
      );
      assert.deepEqual(agenda.sort(), [1, 2, 3, 4, 5, 6, 7, ...staged].map(idOf).sort());
      const attendance = await db.selectFrom('management_group_attendance').select('attended').where('meeting_id', '=', meeting.id).execute();
      assert.equal(attendance.length, 3);
      const assessed = (await db.selectFrom('criteria_assessments').select(['referral_id', 'meeting_id']).execute()).map((a) => a.referral_id);
      assert.deepEqual(assessed.sort(), [1, 2, 3, 4, 6, 7, ...staged].map(idOf).sort());
      // Recommended: reasons and a dissent.
      const recommendations = await db.selectFrom('recommendations').select(['referral_id', 'route', 'reasons', 'dissent']).execute();
      const recommended = recommendations.find((r) => r.referral_id === idOf(2));
      assert.equal(recommended?.route, 'review');
      assert.ok(recommended?.reasons && recommended.dissent);
      // Decided: a review for one, a multi-agency professional forum for the other.
      const decisions = await db.selectFrom('decisions').select(['referral_id', 'route', 'decided_by']).execute();
      assert.deepEqual(
        decisions.map((d) => [d.referral_id, d.route]).sort(),
        [
          [idOf(3), 'review'],
          [idOf(4), 'multi_agency_professional_forum'],
          [idOf(6), 'review'],
          [idOf(7), 'review'],
          ...staged.map((i) => [idOf(i), 'review']),
        ].sort(),
      );
      const chair = DEMO_PEOPLE.find((p) => p.role === 'board_chair');
      const chairId = (
        await db
          .selectFrom('people')
          .select('id')
          .where('email', '=', chair?.email ?? '')
          .executeTakeFirstOrThrow()
      ).id;
      assert.ok(
        decisions.every((d) => d.decided_by === chairId),
        'the board chair decided',
      );
      const review = await db.selectFrom('reviews').select(['reference', 'referral_id']).where('referral_id', '=', idOf(3)).executeTakeFirstOrThrow();
      const hold = await db.selectFrom('review_holds').select(['reason_code', 'resumed_on']).executeTakeFirstOrThrow();
      assert.deepEqual([hold.reason_code, hold.resumed_on], ['criminal_proceedings', null]);
      assert.deepEqual([review.reference, review.referral_id], [`TEIFI/${year}/01`, idOf(3)]);
      // Each review past its decision has early learning (a lesson and its action for the police), and a library:
      // terms of reference, minutes, an agency report in two versions.
      const learning = await db.selectFrom('review_actions').select(['review_id', 'status']).where('source', '=', 'early_learning').execute();
      const moved = (await db.selectFrom('reviews').select('id').where('stage', '!=', 'DECIDED_PROCEED').execute()).map((r) => r.id);
      const documents = await db.selectFrom('review_documents').select(['review_id', 'kind', 'latest_version']).execute();
      assert.ok(moved.length > 0);
      for (const reviewId of moved) {
        assert.deepEqual(
          learning.filter((a) => a.review_id === reviewId).map((a) => a.status),
          ['not_started'],
        );
        assert.deepEqual(
          documents
            .filter((d) => d.review_id === reviewId)
            .map((d) => [d.kind, Number(d.latest_version)])
            .sort(),
          [
            ['agency_report', 2],
            ['minutes', 1],
            ['terms_of_reference', 1],
          ],
        );
      }

      // Milestones (issue 10 item 5): every review has its plan; two dates moved with reasons (slippage); the
      // first panel meeting of the review whose agency reports are requested held, with minutes and decisions.
      const plans = await db.selectFrom('review_milestones').select(['review_id']).execute();
      assert.equal(new Set(plans.map((p) => p.review_id)).size, 3 + STAGED);
      const movedDates = await db.selectFrom('review_milestone_revisions').select(['field', 'reason']).where('field', '=', 'planned').execute();
      assert.equal(movedDates.length, 2);
      assert.ok(movedDates.every((m) => (m.reason ?? '').length > 0));
      const panelMeetings = await db.selectFrom('panel_meetings').select(['status', 'minutes']).orderBy('status').execute();
      assert.deepEqual(
        panelMeetings.map((m) => [m.status, m.minutes !== null]),
        [
          ['held', true],
          ['scheduled', false],
          // The SUSR being scoped (src/demo/stages.ts) has its first meeting scheduled too.
          ['scheduled', false],
        ],
      );
      assert.equal((await db.selectFrom('panel_meeting_decisions').select('id').execute()).length, 2);

      // Every step is audited with the demo person who took it, and the chain verifies.
      const actions = await db
        .selectFrom('audit_events')
        .innerJoin('people', 'people.id', 'audit_events.actor_id')
        .select(['audit_events.action', 'people.email'])
        .where('audit_events.action', 'in', [
          'REFERRAL_CREATED',
          'MEETING_SCHEDULED',
          'ATTENDANCE_RECORDED',
          'CRITERIA_ASSESSED',
          'RECOMMENDATION_SUBMITTED',
          'DECISION_RECORDED',
        ])
        .execute();
      const by = (action: string) => [...new Set(actions.filter((a) => a.action === action).map((a) => a.email))].sort();
      assert.equal(actions.filter((a) => a.action === 'REFERRAL_CREATED').length, DEMO_REFERRALS.length);
      assert.deepEqual(by('REFERRAL_CREATED'), ['gareth.jones@teifi.example', 'rhys.hughes@teifi.example']);
      assert.deepEqual(by('CRITERIA_ASSESSED'), ['ffion.roberts@teifi.example']);
      assert.deepEqual(by('RECOMMENDATION_SUBMITTED'), ['huw.williams@teifi.example']);
      assert.deepEqual(by('DECISION_RECORDED'), ['eleri.price@teifi.example']);
      assert.equal(actions.filter((a) => a.action === 'MEETING_SCHEDULED').length, 1);
      assert.equal((await services.audit.verify()).ok, true);

      // Fictional, pseudonymous data: children appear by their codes; restricted names are obviously made up.
      const rows = await db.selectFrom('referral_children').select(['referral_id', 'full_name']).execute();
      const names = rows.map((r) => services.cipher.open(r.full_name, sealedPlace('referral_children', 'full_name', r.referral_id)));
      assert.ok(names.length === DEMO_REFERRALS.length && names.every((n) => /^Demo Child .* Ffug$/.test(n ?? '')));
    });
  });
}
