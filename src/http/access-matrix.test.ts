// The access matrix: every route the app registers × every actor (anonymous, each board role held on
// board A, the deployment administrator, a person with roles on both boards) × a record of the actor's
// own board (A), of the other board (B), and (where an address names two records) board A's address with
// board B's record. Each cell checks the status against the permission table (`can`, with the per-route
// notes below where a route is stricter) and searches the answer for marker words of data the actor may
// not see. A route nobody has classified, or a parameter with no fixtures, fails the test: a new
// capability joins the matrix as it lands.
//
// Adding a capability: classify each new route in ROUTES (perm() when its declared permission says it all;
// `needs` or a stricter note when the service checks more; a body that fails validation after the access
// checks when a POST would change something, or `fresh` records when it acts on one); give each new route
// parameter fixtures in PARAMS, seeded on both boards in src/testing/access-matrix-world.ts with the board's
// marker words in every text. Review- and agency-scoped access (issue 9) adds own/other review and
// own/other agency the same way: a parameter scoped by review (each board's world already holds a review)
// and variants that name another review or agency of the same board.
//
// The classification of each route is src/testing/access-matrix-routes.ts, the fixtures of each route
// parameter and the cells src/testing/access-matrix-cells.ts, the world src/testing/access-matrix-world.ts.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { DEPLOYMENT_ADMIN, DUAL, markerLegend } from '../testing/access-matrix.ts';
import {
  classificationProblems,
  describeCell,
  KNOWN_FAILURES,
  type KnownFailure,
  knownFailureOf,
  type MatrixRun,
  REFUSED,
  runMatrix,
  summary,
} from '../testing/access-matrix-cells.ts';
import { ROUTES } from '../testing/access-matrix-routes.ts';
import { perm, type Variant } from '../testing/access-matrix-spec.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';

// ---- The tests ---------------------------------------------------------------------------------------------

for (const dialect of dialectsUnderTest()) {
  describe(`access matrix (${dialect})`, () => {
    let run: MatrixRun & { close: () => Promise<void> };
    before(async () => {
      run = await runMatrix(dialect);
    });
    after(async () => run?.close());

    test('every route is classified, and every route parameter has fixtures on both boards', () => {
      const problems = classificationProblems(run.routes);
      assert.deepEqual(problems, [], problems.join('\n'));
    });

    test('a route nobody has classified, or a parameter without fixtures, is reported with what to add', () => {
      const before = new Set(classificationProblems(run.routes));
      const added = classificationProblems([
        ...run.routes,
        { method: 'GET', url: '/boards/:boardId/reviews/:reviewId/chronology/:chronologyId', config: { access: 'referral.view', audit: 'CHRONOLOGY_VIEWED' } },
        { method: ['GET', 'HEAD'], url: '/boards/:boardId', config: { access: 'public', audit: 'BOARD_DASHBOARD_VIEWED' } },
      ]).filter((p) => !before.has(p));
      assert.deepEqual(added, [
        "GET /boards/:boardId/reviews/:reviewId/chronology/:chronologyId (access referral.view) is not in the access matrix: add ROUTES['GET /boards/:boardId/reviews/:reviewId/chronology/:chronologyId'] in src/testing/access-matrix-routes.ts (perm(), or pub(why)/own(why), with a body that fails validation if it changes anything)",
        'GET /boards/:boardId is classified as permission but declares access public: reclassify it',
      ]);
      const unknownParameter = classificationProblems(
        [{ method: 'GET', url: '/boards/:boardId/reviews/:reviewId/chronology/:chronologyId', config: { access: 'referral.view' } }],
        {
          ...ROUTES,
          'GET /boards/:boardId/reviews/:reviewId/chronology/:chronologyId': perm(),
        },
      );
      assert.ok(
        unknownParameter.includes(
          'GET /boards/:boardId/reviews/:reviewId/chronology/:chronologyId: parameter :chronologyId has no fixtures: add PARAMS.chronologyId in src/testing/access-matrix-params.ts (own/other records of a board, or unscoped values)',
        ),
        unknownParameter.join('\n'),
      );
      assert.ok(unknownParameter.includes("ROUTES['GET /ping'] names no registered route: remove or rename it"));
    });

    test('every cell answers as the permission table says, with no server error and no data the actor may not see', (t) => {
      for (const line of summary(run).split('\n')) t.diagnostic(line);
      // MATRIX_DUMP=<file> writes every cell (route, actor, record, status, problems) as JSON lines, to study the matrix.
      if (process.env.MATRIX_DUMP) {
        const lines = run.results.map((r) =>
          JSON.stringify({
            route: r.cell.route,
            actor: r.cell.who.name,
            variant: r.cell.variant,
            fixture: r.cell.fixture,
            url: r.url,
            allowed: r.allowed,
            status: r.answer.status,
            location: r.answer.location,
            problems: r.problems,
            ms: Math.round(r.ms * 10) / 10,
          }),
        );
        writeFileSync(`${process.env.MATRIX_DUMP}.${dialect}`, `${lines.join('\n')}\n`);
      }
      const failing: string[] = [];
      const known = new Map<KnownFailure, number>();
      for (const r of run.results) {
        const k = knownFailureOf(r.cell);
        if (k && r.problems.length > 0 && r.problems.every((p) => p.includes(k.problem))) {
          known.set(k, (known.get(k) ?? 0) + 1);
          continue;
        }
        if (r.problems.length > 0) failing.push(`${describeCell(r.cell)} (${r.cell.method} ${r.url} → ${r.answer.status}): ${r.problems.join('; ')}`);
      }
      for (const [k, n] of known) t.diagnostic(`known failure (${n} cells): ${k.route}${k.actor ? ` as ${k.actor}` : ''}: ${k.finding}`);
      const fixed = KNOWN_FAILURES.filter((k) => !known.has(k)).map((k) => `${k.route}${k.actor ? ` as ${k.actor}` : ''}: ${k.finding}`);
      const report = [
        ...(failing.length > 0 ? [`${failing.length} cells failed (${markerLegend()}):`, ...failing.slice(0, 80)] : []),
        ...(failing.length > 80 ? [`… and ${failing.length - 80} more`] : []),
        ...(fixed.length > 0 ? ['These known failures now pass: remove them from KNOWN_FAILURES:', ...fixed] : []),
      ];
      assert.equal(report.length, 0, report.join('\n'));
    });

    test('critical cells, written out by hand (not derived from the permission table)', () => {
      const { world, results } = run;
      const A = world.boards.A;
      const B = world.boards.B;
      const answerOf = (route: string, actor: string, variant: Variant, fixture?: string) => {
        const found = results.filter(
          (r) =>
            r.cell.route === route && r.cell.who.name === actor && r.cell.variant === variant && (fixture === undefined || r.cell.fixture.includes(fixture)),
        );
        assert.ok(found.length > 0, `no cell ${route} as ${actor} (${variant} ${fixture ?? ''})`);
        return found;
      };
      const expectStatus = (route: string, actor: string, variant: Variant, statuses: number[], fixture?: string) => {
        for (const r of answerOf(route, actor, variant, fixture)) {
          assert.ok(statuses.includes(r.answer.status), `${describeCell(r.cell)}: expected ${statuses.join(' or ')}, got ${r.answer.status}`);
          const refused = statuses.every((s) => REFUSED.includes(s));
          for (const word of refused ? ['Avocetcase', 'Avocetsecret', 'Bitterncase', 'Bitternsecret'] : []) {
            assert.ok(!r.answer.body.includes(word), `${describeCell(r.cell)}: shows ${word}`);
          }
        }
      };

      // The deployment administrator never reads a referral, its consideration or its decision letter.
      for (const variant of ['own', 'other'] as const) {
        expectStatus('GET /boards/:boardId/referrals/:referralId', DEPLOYMENT_ADMIN, variant, REFUSED);
        expectStatus('GET /api/v1/referrals/:referralId', DEPLOYMENT_ADMIN, variant, REFUSED);
        expectStatus('GET /boards/:boardId/referrals/:referralId/consideration', DEPLOYMENT_ADMIN, variant, REFUSED);
        expectStatus('GET /api/v1/referrals/:referralId/decision-letter', DEPLOYMENT_ADMIN, variant, REFUSED);
        expectStatus('GET /boards/:boardId', DEPLOYMENT_ADMIN, variant, REFUSED);
      }
      // Administrators and the agency referrer see no case material and no child's details, in any answer at all.
      for (const name of [DEPLOYMENT_ADMIN, 'administrator', 'agency_referrer', 'board_member']) {
        for (const r of results.filter((x) => x.cell.who.name === name)) {
          assert.doesNotMatch(
            r.answer.body,
            /avocetcase|avocetsecret|bitterncase|bitternsecret|2014-02-1\d|2015-07-2\d/i,
            `${describeCell(r.cell)}: shows case material`,
          );
        }
      }
      // Neither does a board's own administrator.
      expectStatus('GET /boards/:boardId/referrals/:referralId', 'administrator', 'own', REFUSED);
      expectStatus('GET /api/v1/referrals/:referralId/timeline', 'administrator', 'own', REFUSED);

      // The agency referrer records referrals but never lists or reads them.
      expectStatus('GET /boards/:boardId', 'agency_referrer', 'own', REFUSED);
      expectStatus('GET /api/v1/boards/:boardId/referrals', 'agency_referrer', 'own', REFUSED);
      expectStatus('GET /boards/:boardId/referrals/:referralId', 'agency_referrer', 'own', REFUSED);
      expectStatus('GET /api/v1/referrals/:referralId', 'agency_referrer', 'own', REFUSED);
      expectStatus('GET /boards/:boardId/meetings', 'agency_referrer', 'own', REFUSED);

      // Board B's chair (who is in board A's business unit) cannot decide board A's referral, page or API.
      for (const route of [
        'GET /boards/:boardId/referrals/:referralId/decision',
        'POST /boards/:boardId/referrals/:referralId/decision',
        'GET /boards/:boardId/referrals/:referralId/decision/check',
        'POST /boards/:boardId/referrals/:referralId/decision/check',
        'POST /api/v1/referrals/:referralId/decision',
      ]) {
        expectStatus(route, DUAL, 'own', REFUSED, 'recommended referral');
      }
      // … but decides board B's (the decision form is shown; the empty API body is refused as invalid).
      expectStatus('GET /boards/:boardId/referrals/:referralId/decision', DUAL, 'other', [200], 'recommended referral');
      expectStatus('POST /api/v1/referrals/:referralId/decision', DUAL, 'other', [422], 'recommended referral');
      // Board A's chair cannot decide board B's.
      expectStatus('GET /boards/:boardId/referrals/:referralId/decision', 'board_chair', 'other', REFUSED);
      expectStatus('POST /api/v1/referrals/:referralId/decision', 'board_chair', 'other', REFUSED);

      // Nobody reads board B's referral through board A's address, not even board B's chair.
      for (const who of run.actors) {
        for (const r of answerOf('GET /boards/:boardId/referrals/:referralId', who.name, 'mixed')) {
          assert.ok(r.url.includes(A.id) && r.url.includes(r.cell.fixture.includes('decided') ? B.referrals.decided : B.referrals.recommended));
          assert.ok(REFUSED.includes(r.answer.status) || (!who.actor && r.answer.status === 302), `${describeCell(r.cell)}: got ${r.answer.status}`);
          assert.ok(!/bittern/i.test(r.answer.body), `${describeCell(r.cell)}: shows board B's data`);
        }
      }
      // The duplicate check tells an agency referrer nothing about the referrals the board holds (issue 8 finding 6).
      for (const r of answerOf('POST /api/v1/boards/:boardId/referrals/duplicates', 'agency_referrer', 'own')) {
        const duplicates = r.answer.status === 200 ? ((JSON.parse(r.answer.body) as { duplicates?: unknown[] }).duplicates ?? []) : [];
        assert.deepEqual(duplicates, [], `${describeCell(r.cell)}: tells the referrer about ${duplicates.length} referrals`);
      }

      // Board A's people read their own referral in full only with restricted access.
      const [seen] = answerOf('GET /boards/:boardId/referrals/:referralId', 'business_unit', 'own', 'recommended referral');
      assert.match(seen?.answer.body ?? '', /Avocetsecret Child recommended/);
      const [partial] = answerOf('GET /boards/:boardId/referrals/:referralId', 'management_group_member', 'own', 'recommended referral');
      assert.equal(partial?.answer.status, 200);
      assert.doesNotMatch(partial?.answer.body ?? '', /Avocetsecret|2014-02-13|13 February 2014/);
      assert.match(partial?.answer.body ?? '', /Avocetcase/);
    });
  });
}
