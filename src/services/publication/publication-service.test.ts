// A review's publication (issue 13 item 4), on both databases: the business unit records the board's decision
// (refused with every reason when bad, nothing written), the welfare check (its note sealed at rest), holds; the
// board chair approves (a later change to the decision needs approving again) and overrides ongoing criminal
// proceedings with the liaison's details; every gate's reason listed while it is closed; the release job refuses
// to publish while a gate is closed (the business unit told once) and emails the business unit on a hold's
// re-check day; another board, a panel's chair and an agency's contributor are refused; information governance
// reads but changes nothing; a stale revision is a conflict. On PostgreSQL, two decisions at once: one wins.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { createServices, type Services } from '../../container.ts';
import { seedAgency } from '../../testing/admin-fixtures.ts';
import { as, callerWithRole } from '../../testing/case-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { testKeyring } from '../../testing/keys.ts';
import { openEveryGate, seedPreparingReview } from '../../testing/publication-fixtures.ts';
import { reviewCallers, reviewRoleCaller } from '../../testing/review-fixtures.ts';
import { smtpSink } from '../../testing/smtp-sink.ts';
import { TestClock } from '../../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';
import { ServiceError } from '../context.ts';

const DAY = 86_400_000;
const kindOf = (kind: ServiceError['kind'], field?: string, key?: string) => (e: unknown) =>
  e instanceof ServiceError && e.kind === kind && (field === undefined || e.fieldErrors[field] === key);

const decision = (overrides: Record<string, unknown> = {}) => ({
  choice: 'summary',
  reasons: 'The learning should be shared; the family agree.',
  releaseDate: '2027-01-20',
  releaseTime: '09:30',
  pressStatementEn: 'The board publishes today the review of Child A.',
  pressStatementCy: 'Mae’r bwrdd yn cyhoeddi heddiw yr adolygiad o Blentyn A.',
  briefingEn: '',
  briefingCy: '',
  showHold: false,
  withdrawAfterMonths: '',
  revision: 0,
  ...overrides,
});

for (const dialect of dialectsUnderTest()) {
  describe(`publication (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date('2026-12-14T10:00:00Z'));
      const smtp = await smtpSink(t as Parameters<typeof smtpSink>[0]);
      const config = loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: smtp.url, PUBLIC_URL: 'http://case-review.example.org' });
      const services = createServices({ db, keyring: testKeyring(), config, clock });
      t.after(async () => services.mail.close());
      const board = await seedBoard(services, 'CYSUR');
      const other = await seedBoard(services, 'OTHER');
      const callers = await reviewCallers(services, board.id);
      const otherCallers = await reviewCallers(services, other.id);
      const police = await seedAgency(services, { boardIds: [board.id], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' });
      const w = await seedPreparingReview(services, board.id, callers, police.id);
      const contributor = await reviewRoleCaller(services, 'agency_contributor', board.id, w.review.id, police.id);
      const ig = await callerWithRole(services, 'information_governance', board.id);
      return { services, clock, config, board, other, callers, otherCallers, police, ...w, contributor, ig };
    }
    const row = (services: Services) => services.db.kysely.selectFrom('review_publications').selectAll().executeTakeFirst();
    const mailJobs = async (services: Services) =>
      Number(
        (
          await services.db.kysely
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('kind', '=', 'mail.send')
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('a decision not to publish, once the chair approves it, lets the review go on to monitoring; a decision to publish does not', async (t) => {
      const s = await setup(t);
      const bu = (action: Parameters<typeof as>[1]) => as(s.callers.bu, action);
      const monitor = () => s.services.reviews.move(bu('REVIEW_MOVED'), s.board.id, s.review.id, { event: 'start_monitoring' });
      const refusedFor = (field: string) => (e: unknown) => e instanceof ServiceError && e.fieldErrors[field] === 'publication:gate.notWithheld';
      await assert.rejects(monitor(), refusedFor('publication'), 'no decision yet');
      await s.services.publication.decide(bu('PUBLICATION_DECIDED'), s.scope, decision());
      await s.services.publication.approve(as(s.callers.chair, 'PUBLICATION_APPROVED'), s.scope, { revision: 1 });
      await assert.rejects(monitor(), refusedFor('publication'), 'the board decided to publish: it is published first');
      await s.services.publication.decide(
        bu('PUBLICATION_DECIDED'),
        s.scope,
        decision({ choice: 'withhold', reasons: 'The surviving sibling could be identified.', releaseDate: '', releaseTime: '', revision: 1 }),
      );
      await assert.rejects(monitor(), refusedFor('publication'), 'not yet approved by the chair');
      await s.services.publication.approve(as(s.callers.chair, 'PUBLICATION_APPROVED'), s.scope, { revision: 2 });
      await monitor();
      const moved = await s.services.db.kysely.selectFrom('reviews').select('stage').where('id', '=', s.review.id).executeTakeFirstOrThrow();
      assert.equal(moved.stage, 'MONITORING');
      assert.equal((await row(s.services))?.published_at, null, 'nothing was published');
    });

    test('the business unit records the decision; every closed gate is listed; the chair approves, and a change needs approving again', async (t) => {
      const s = await setup(t);
      const bu = (action: Parameters<typeof as>[1]) => as(s.callers.bu, action);
      const first = await s.services.publication.view(bu('PUBLICATION_VIEWED'), s.scope);
      assert.equal(first.publication, null);
      assert.equal(first.canPrepare, true);
      assert.equal(first.refusals.choice, 'publication:gate.noDecision');

      await assert.rejects(
        s.services.publication.decide(bu('PUBLICATION_DECIDED'), s.scope, decision({ choice: 'summary_and_report' })),
        kindOf('invalid', 'choice', 'publication:errors.reportEnglishOnly'),
        'the report has no Welsh version: it cannot be published in both languages',
      );
      assert.equal((await s.services.publication.view(bu('PUBLICATION_VIEWED'), s.scope)).publication, null, 'nothing written');
      const { revision } = await s.services.publication.decide(bu('PUBLICATION_DECIDED'), s.scope, decision());
      assert.equal(revision, 1);
      const stored = await row(s.services);
      assert.equal(stored?.release_at, '2027-01-20T09:30:00.000Z', 'a winter release time is GMT');
      const view = await s.services.publication.view(bu('PUBLICATION_VIEWED'), s.scope);
      assert.deepEqual(Object.keys(view.refusals).sort(), ['anonymisation_summary', 'chair', 'family', 'summaryCy', 'summaryEn', 'welfare']);

      // R6: the welfare check, its note sealed at rest and shown to those allowed restricted details.
      await s.services.publication.recordWelfareCheck(bu('PUBLICATION_WELFARE_CHECKED'), s.scope, {
        checkedOn: '2026-12-10',
        note: 'Sibling B is safe, said the social worker.',
        revision: 1,
      });
      assert.match((await row(s.services))?.welfare_note ?? '', /^enc:v1:/);
      assert.equal(
        (await s.services.publication.view(bu('PUBLICATION_VIEWED'), s.scope)).publication?.welfareNote,
        'Sibling B is safe, said the social worker.',
      );
      // R5: ongoing criminal proceedings close the gate until the chair goes ahead with the liaison's details.
      await s.services.reviewSetup.addProceeding(as(s.callers.bu, 'REVIEW_PROCEEDING_ADDED'), s.board.id, s.review.id, {
        proceedingType: 'criminal',
        status: 'open',
        nextHearingOn: '2027-03-01',
        concludedOn: null,
        liaisonContact: null,
      });
      assert.equal((await s.services.publication.view(bu('PUBLICATION_VIEWED'), s.scope)).refusals.proceedings, 'publication:gate.criminalOpen');
      await assert.rejects(
        s.services.publication.override(as(s.callers.bu, 'PUBLICATION_OVERRIDDEN'), s.scope, { liaison: 'DS Evans', revision: 1 }),
        kindOf('forbidden'),
        'only the chair goes ahead',
      );
      await s.services.publication.override(as(s.callers.chair, 'PUBLICATION_OVERRIDDEN'), s.scope, {
        liaison: 'DS Evans, Gwent Police, advised no prejudice.',
        revision: 1,
      });
      assert.match((await row(s.services))?.override_liaison ?? '', /^enc:v1:/);
      let gates = (await s.services.publication.view(bu('PUBLICATION_VIEWED'), s.scope)).refusals;
      assert.equal(gates.proceedings, undefined);
      assert.equal(gates.welfare, undefined);

      await assert.rejects(s.services.publication.approve(bu('PUBLICATION_APPROVED'), s.scope, { revision: 1 }), kindOf('forbidden'));
      await s.services.publication.approve(as(s.callers.chair, 'PUBLICATION_APPROVED'), s.scope, { revision: 1 });
      gates = (await s.services.publication.view(bu('PUBLICATION_VIEWED'), s.scope)).refusals;
      assert.equal(gates.chair, undefined);
      // A change to the decision is a new revision: the chair's approval was of the last one.
      await s.services.publication.decide(bu('PUBLICATION_DECIDED'), s.scope, decision({ releaseTime: '11:00', revision: 1 }));
      assert.equal((await s.services.publication.view(bu('PUBLICATION_VIEWED'), s.scope)).refusals.chair, 'publication:gate.chairNotApproved');

      const events = await s.services.db.kysely
        .selectFrom('audit_events')
        .select(['action', 'summary'])
        .where('action', 'like', 'PUBLICATION_%')
        .orderBy('seq')
        .execute();
      assert.ok(events.some((e) => e.action === 'PUBLICATION_APPROVED'));
      assert.ok(!events.some((e) => /Sibling B|DS Evans/.test(e.summary ?? '')), 'no note or liaison in the audit log');
    });

    test('bad input and a stale revision change nothing; others are refused; information governance reads only', async (t) => {
      const s = await setup(t);
      const bu = as(s.callers.bu, 'PUBLICATION_DECIDED');
      await assert.rejects(
        s.services.publication.decide(
          bu,
          s.scope,
          decision({ choice: '', reasons: ' ', releaseDate: '2026-12-01', releaseTime: '25:00', pressStatementCy: '', withdrawAfterMonths: '0' }),
        ),
        (e: unknown) =>
          e instanceof ServiceError &&
          e.kind === 'invalid' &&
          e.fieldErrors.choice === 'publication:errors.choiceRequired' &&
          e.fieldErrors.reasons === 'publication:errors.reasonsRequired' &&
          e.fieldErrors.releaseDate === 'publication:errors.releaseDatePast' &&
          e.fieldErrors.releaseTime === 'publication:errors.releaseTimeInvalid' &&
          e.fieldErrors.pressStatementCy === 'publication:errors.pressStatementBothLanguages' &&
          e.fieldErrors.withdrawAfterMonths === 'publication:errors.withdrawAfterInvalid',
      );
      await assert.rejects(
        s.services.publication.decide(bu, s.scope, decision({ releaseDate: '2026-12-14', releaseTime: '09:00' })),
        kindOf('invalid', 'releaseTime', 'publication:errors.releasePast'),
      );
      assert.equal(await row(s.services), undefined, 'nothing written');
      await s.services.publication.decide(bu, s.scope, decision());
      await assert.rejects(s.services.publication.decide(bu, s.scope, decision({ revision: 0 })), kindOf('conflict'));
      // A decision not to publish needs no release, but its reasons.
      await s.services.publication.decide(bu, s.scope, decision({ choice: 'withhold', releaseDate: '', releaseTime: '', revision: 1 }));
      assert.equal((await row(s.services))?.release_at, null);

      const ig = as(s.ig, 'PUBLICATION_VIEWED');
      const seen = await s.services.publication.view(ig, s.scope);
      assert.equal(seen.canPrepare, false);
      await assert.rejects(s.services.publication.decide(as(s.ig, 'PUBLICATION_DECIDED'), s.scope, decision({ revision: 2 })), kindOf('forbidden'));
      await assert.rejects(s.services.publication.view(as(s.otherCallers.bu, 'PUBLICATION_VIEWED'), s.scope), kindOf('forbidden'));
      await assert.rejects(
        s.services.publication.view(as(s.otherCallers.bu, 'PUBLICATION_VIEWED'), { boardId: s.other.id, reviewId: s.review.id }),
        kindOf('not_found'),
      );
      await assert.rejects(s.services.publication.view(as(s.panelChair, 'PUBLICATION_VIEWED'), s.scope), kindOf('forbidden'));
      await assert.rejects(s.services.publication.view(as(s.contributor, 'PUBLICATION_VIEWED'), s.scope), kindOf('forbidden'));
      await assert.rejects(
        s.services.publication.decide(as(s.otherCallers.bu, 'PUBLICATION_DECIDED'), { boardId: s.other.id, reviewId: s.review.id }, decision({ revision: 2 })),
        kindOf('not_found'),
      );
      assert.equal((await row(s.services))?.revision, 2);
    });

    test('the release job publishes nothing while a gate is closed and tells the business unit once; a hold’s re-check day emails it', async (t) => {
      const s = await setup(t);
      const bu = (action: Parameters<typeof as>[1]) => as(s.callers.bu, action);
      await s.services.publication.decide(bu('PUBLICATION_DECIDED'), s.scope, decision({ releaseDate: '2026-12-15', releaseTime: '09:00' }));
      await s.services.publication.approve(as(s.callers.chair, 'PUBLICATION_APPROVED'), s.scope, { revision: 1 });
      assert.deepEqual(await s.services.publication.runDue(), { released: 0, refused: 0, prompted: 0, withdrawn: 0 }, 'not before its time');
      s.clock.advance(DAY);
      const before = await mailJobs(s.services);
      assert.deepEqual(await s.services.publication.runDue(), { released: 0, refused: 1, prompted: 0, withdrawn: 0 });
      assert.deepEqual(await s.services.publication.runDue(), { released: 0, refused: 0, prompted: 0, withdrawn: 0 }, 'told once a revision');
      assert.equal(await mailJobs(s.services), before + 1, 'one email to the business unit');
      const review = await s.services.db.kysely.selectFrom('reviews').select('stage').where('id', '=', s.review.id).executeTakeFirstOrThrow();
      assert.equal(review.stage, 'PUBLICATION_PREPARATION');
      assert.equal((await row(s.services))?.published_at, null);

      await assert.rejects(
        s.services.publication.hold(bu('PUBLICATION_HELD'), s.scope, { reason: ' ', recheckOn: '2026-12-01', revision: 1 }),
        (e: unknown) =>
          e instanceof ServiceError &&
          e.fieldErrors.holdReason === 'publication:errors.holdReasonRequired' &&
          e.fieldErrors.recheckOn === 'publication:errors.recheckOnPast',
      );
      await s.services.publication.hold(bu('PUBLICATION_HELD'), s.scope, { reason: 'The trial is listed for March.', recheckOn: '2026-12-20', revision: 1 });
      s.clock.advance(5 * DAY);
      assert.equal((await s.services.publication.runDue()).prompted, 1);
      assert.equal((await s.services.publication.runDue()).prompted, 0, 'once for that day');
      await s.services.publication.endHold(bu('PUBLICATION_HOLD_ENDED'), s.scope, { revision: 1 });
      assert.equal((await row(s.services))?.recheck_on, null);
    });

    test('with every gate open, the job releases at the embargo’s time: the review moves to PUBLISHED; a withdrawal after the months set', async (t) => {
      const s = await setup(t);
      const bu = (action: Parameters<typeof as>[1]) => as(s.callers.bu, action);
      await openEveryGate(s.services, s.scope, s.callers.bu, s.ig);
      await s.services.publication.decide(
        bu('PUBLICATION_DECIDED'),
        s.scope,
        decision({ releaseDate: '2026-12-16', releaseTime: '09:30', withdrawAfterMonths: '12' }),
      );
      await s.services.publication.recordWelfareCheck(bu('PUBLICATION_WELFARE_CHECKED'), s.scope, {
        checkedOn: '2026-12-14',
        note: 'No surviving siblings.',
        revision: 1,
      });
      let view = await s.services.publication.view(bu('PUBLICATION_VIEWED'), s.scope);
      assert.deepEqual(view.refusals, { chair: 'publication:gate.chairNotApproved' });
      await s.services.publication.approve(as(s.callers.chair, 'PUBLICATION_APPROVED'), s.scope, { revision: 1 });
      view = await s.services.publication.view(bu('PUBLICATION_VIEWED'), s.scope);
      assert.deepEqual(view.refusals, {});
      assert.equal((await s.services.publication.runDue()).released, 0, 'embargoed until 09:30 on the 16th');
      s.clock.advance(2 * DAY);
      assert.deepEqual(await s.services.publication.runDue(), { released: 1, refused: 0, prompted: 0, withdrawn: 0 });
      const review = await s.services.db.kysely.selectFrom('reviews').select('stage').where('id', '=', s.review.id).executeTakeFirstOrThrow();
      assert.equal(review.stage, 'PUBLISHED');
      assert.equal((await row(s.services))?.published_at, '2026-12-16T09:30:00.000Z');
      const moved = await s.services.db.kysely.selectFrom('audit_events').select('action').where('action', '=', 'PUBLICATION_RELEASED').execute();
      assert.equal(moved.length, 1);
      assert.equal((await s.services.publication.runDue()).released, 0, 'once');
      await assert.rejects(
        s.services.publication.decide(bu('PUBLICATION_DECIDED'), s.scope, decision({ revision: 1 })),
        kindOf('conflict'),
        'a published review’s decision is kept',
      );
      s.clock.advance(366 * DAY);
      assert.equal((await s.services.publication.runDue()).withdrawn, 1);
      assert.ok((await row(s.services))?.withdrawn_at);
    });

    if (dialect === 'postgres') {
      test('two decisions on one revision at once: one is saved, the other is a conflict', async (t) => {
        const s = await setup(t);
        const bu = as(s.callers.bu, 'PUBLICATION_DECIDED');
        const results = await Promise.allSettled([
          s.services.publication.decide(bu, s.scope, decision()),
          s.services.publication.decide(bu, s.scope, decision({ releaseTime: '10:00' })),
        ]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        const refused = results.find((r) => r.status === 'rejected');
        assert.ok(
          refused && refused.status === 'rejected' && refused.reason instanceof ServiceError && refused.reason.kind === 'conflict',
          String(refused && 'reason' in refused ? refused.reason : ''),
        );
      });
    }
  });
}
