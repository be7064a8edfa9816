// A review's executive summary (issue 13 item 3), on both databases: each language's versions (a save names the
// section's revision: stale → conflict, nothing written, no event; an approved version frozen, a change makes the
// next); approval freezes the action plan's figures (a later plan change does not alter them); refused to another
// board, another review's roles and an agency's contributor; the translation request and its statuses; the
// parity check; what publication asks of it (the publishable document, each language's approved version); two
// concurrent saves on one revision: one wins, the other a conflict (never a 500); changes audited in their
// transaction, reads audited.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { createServices, type Services } from '../../container.ts';
import { insertReportVersion, lockReport, setReportHead, setReportVersionStatus } from '../../db/repositories/report-repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { SUMMARY_SECTIONS } from '../../domain/publication/summary.ts';
import { initialReport } from '../../domain/reviews/report.ts';
import { seedAcceptedReview } from '../../testing/action-fixtures.ts';
import { as } from '../../testing/case-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { testKeyring } from '../../testing/keys.ts';
import { seedAgency } from '../../testing/referral-fixtures.ts';
import { reviewCallers, reviewRoleCaller, seedReview } from '../../testing/review-fixtures.ts';
import { TestClock } from '../../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';
import { type Caller, newId, ServiceError } from '../context.ts';
import { summaryApproval, summaryPublishable, summaryPublishableSource } from './summary-publishable.ts';

const kindOf = (kind: ServiceError['kind']) => (e: unknown) => e instanceof ServiceError && e.kind === kind;
/** Refused: not found (another board's review) or not allowed. */
const refused = (e: unknown) => e instanceof ServiceError && (e.kind === 'not_found' || e.kind === 'forbidden');

const ACTION = {
  action: 'Audit same-day referrals after domestic abuse call-outs.',
  supportingAgencyIds: [] as string[],
  ownerName: 'Sergeant Rhian Morgan',
  ownerLanguage: 'cy' as const,
  targetOn: '2027-06-30',
  successMeasure: 'Every referral made the same day.',
  completionEvidence: 'The audit report.',
  impactMeasure: 'A re-audit after six months.',
};

for (const dialect of dialectsUnderTest()) {
  describe(`executive summary (${dialect})`, () => {
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
      const police = await seedAgency(services, [board.id]);
      const accepted = await seedAcceptedReview(services, board.id, callers, police.id);
      const review = accepted.review;
      const second = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016', decidedOn: '2026-12-01' });
      const scope = { boardId: board.id, reviewId: review.id };
      const addAction = (n: number) =>
        services.actionPlans.addAction(as(callers.bu, 'ACTION_ADDED'), scope, accepted.recommendationId, {
          ...ACTION,
          leadAgencyId: police.id,
          ownerEmail: `owner${n}@police.example`,
        });
      const roles = {
        chair: accepted.panelChair,
        author: accepted.author,
        contributor: await reviewRoleCaller(services, 'agency_contributor', board.id, review.id, police.id),
        secondChair: await reviewRoleCaller(services, 'panel_chair', board.id, second.id),
      };
      return { services, clock, board, callers, otherCallers, review, scope, roles, police, addAction };
    }
    const events = (services: Services) =>
      services.db.kysely.selectFrom('audit_events').select(['action', 'summary']).where('action', 'like', 'SUMMARY_%').orderBy('seq').execute();
    const versions = (services: Services) => services.db.kysely.selectFrom('executive_summary_versions').selectAll().execute();

    /** Writes every section of a language, each from its revision read now. */
    async function writeAll(services: Services, caller: Caller, scope: { boardId: string; reviewId: string }, language: 'en' | 'cy', word: string) {
      for (const s of SUMMARY_SECTIONS) {
        const opened = await services.summary.section(as(caller, 'SUMMARY_SECTION_VIEWED'), scope, language, s.id);
        await services.summary.saveSection(as(caller, 'SUMMARY_SECTION_SAVED'), scope, {
          language,
          section: s.id,
          text: `${word} ${s.id}.`,
          revision: opened.revision,
        });
      }
    }

    test('versions per language, stale saves refused with nothing written, approval freezes the plan’s figures, refusals', async (t) => {
      const s = await setup(t);
      await s.addAction(1);
      const bu = s.callers.bu;

      // The first save makes English version 1; the page shows the plan's figures live beside the statement.
      const opened = await s.services.summary.section(as(bu, 'SUMMARY_SECTION_VIEWED'), s.scope, 'en', 'actions_taken');
      assert.equal(opened.revision, 0);
      assert.equal(opened.figures?.total, 1, 'the plan’s figures beside the board’s statement');
      assert.equal(opened.figures?.recommendations[0]?.text, 'Share information at the first concern.');
      const saved = await s.services.summary.saveSection(as(bu, 'SUMMARY_SECTION_SAVED'), s.scope, {
        language: 'en',
        section: 'actions_taken',
        text: 'The police audited referrals.',
        revision: 0,
      });
      assert.deepEqual(saved, { version: 1, created: true, changed: true });

      // A save on the revision opened before that one is stale: a conflict, nothing written, no event.
      const before = await events(s.services);
      await assert.rejects(
        s.services.summary.saveSection(as(s.roles.chair, 'SUMMARY_SECTION_SAVED'), s.scope, {
          language: 'en',
          section: 'actions_taken',
          text: 'Other.',
          revision: 0,
        }),
        kindOf('conflict'),
      );
      assert.equal((await events(s.services)).length, before.length, 'no event for a refused save');
      const after = await s.services.summary.version(as(bu, 'SUMMARY_VERSION_VIEWED'), s.scope, 'en', 1);
      assert.equal(after.version.content.actions_taken?.text, 'The police audited referrals.');

      // Who may not: another board's business unit, another review's panel chair, an agency's contributor.
      for (const caller of [s.otherCallers.bu, s.roles.secondChair, s.roles.contributor]) {
        await assert.rejects(s.services.summary.overview(as(caller, 'SUMMARY_VIEWED'), s.scope), refused);
        await assert.rejects(
          s.services.summary.saveSection(as(caller, 'SUMMARY_SECTION_SAVED'), s.scope, { language: 'en', section: 'people', text: 'x', revision: 0 }),
          refused,
        );
      }
      await assert.rejects(
        s.services.summaryTranslations.request(as(s.roles.contributor, 'SUMMARY_TRANSLATION_REQUESTED'), s.scope, {
          translatorName: 'X',
          translatorEmail: 'x@example.com',
          agencyId: '',
          dueOn: '2026-12-20',
          note: '',
        }),
        refused,
      );
      // The author writes but does not approve.
      await assert.rejects(
        s.services.summary.approve(as(s.roles.author, 'SUMMARY_APPROVED'), s.scope, { language: 'en', version: 1, revision: 1 }),
        kindOf('forbidden'),
      );

      // Approval needs every section; then the panel chair approves and the figures are frozen.
      let overview = await s.services.summary.overview(as(bu, 'SUMMARY_VIEWED'), s.scope);
      await assert.rejects(
        s.services.summary.approve(as(s.roles.chair, 'SUMMARY_APPROVED'), s.scope, {
          language: 'en',
          version: 1,
          revision: overview.languages.en.latest.revision,
        }),
        kindOf('invalid'),
      );
      await writeAll(s.services, s.roles.author, s.scope, 'en', 'English');
      overview = await s.services.summary.overview(as(bu, 'SUMMARY_VIEWED'), s.scope);
      assert.equal(overview.languages.en.mayApprove, true);
      assert.deepEqual(overview.parity.filter((f) => f.kind === 'missing').length, SUMMARY_SECTIONS.length, 'no Welsh yet: every section missing in Welsh');
      const approved = await s.services.summary.approve(as(s.roles.chair, 'SUMMARY_APPROVED'), s.scope, {
        language: 'en',
        version: 1,
        revision: overview.languages.en.latest.revision,
      });
      assert.equal(approved.version, 1);
      const frozen = (await versions(s.services)).find((v) => v.language === 'en' && v.version === 1);
      assert.equal(frozen?.status, 'approved');
      assert.equal(JSON.parse(frozen?.figures ?? '{}').total, 1);

      // A later change to the plan does not alter the approved snapshot; the live figures move.
      await s.addAction(2);
      overview = await s.services.summary.overview(as(bu, 'SUMMARY_VIEWED'), s.scope);
      assert.equal(overview.figures.total, 2, 'live figures');
      assert.equal(overview.languages.en.approved?.figures?.total, 1, 'the approved version keeps the figures it quoted');
      assert.deepEqual(await summaryApproval(s.services.db.kysely, s.review.id), { en: 1, cy: null });

      // A change after approval makes version 2, a copy with the change; version 1 stays as approved.
      const next = await s.services.summary.section(as(bu, 'SUMMARY_SECTION_VIEWED'), s.scope, 'en', 'learning');
      assert.equal(next.version.version, 2);
      const changed = await s.services.summary.saveSection(as(bu, 'SUMMARY_SECTION_SAVED'), s.scope, {
        language: 'en',
        section: 'learning',
        text: 'English learning, changed.',
        revision: next.revision,
      });
      assert.deepEqual(changed, { version: 2, created: true, changed: true });
      const v1 = await s.services.summary.version(as(bu, 'SUMMARY_VERSION_VIEWED'), s.scope, 'en', 1);
      assert.equal(v1.version.content.learning?.text, 'English learning.');
      const v2 = await s.services.summary.version(as(bu, 'SUMMARY_VERSION_VIEWED'), s.scope, 'en', 2);
      assert.equal(v2.previous?.version, 1, 'a version is compared with the approved one before it');
      assert.equal(v2.version.figures, null, 'a draft quotes the figures live');

      // The publishable document: the approved English (version 1) with the figures it quoted; no Welsh yet.
      const publishable = await summaryPublishable(s.services.db.kysely, s.review.id, 'en');
      assert.equal(publishable?.kind, 'summary');
      assert.equal(publishable?.version, 1);
      assert.equal(publishable?.sections.find((x) => x.id === 'learning')?.text, 'English learning.');
      assert.match(publishable?.sections.find((x) => x.id === 'figures')?.text ?? '', /Actions on the plan: 1/);
      assert.equal(await summaryPublishable(s.services.db.kysely, s.review.id, 'cy'), null);
      // As the anonymisation check reads it: each language as it stands (the English draft version 2, no Welsh yet).
      assert.deepEqual(summaryPublishableSource.languages(s.review), ['en', 'cy']);
      const current = await summaryPublishableSource.current(s.services.db.kysely, s.review, 'en');
      assert.equal(current?.version, 2);
      assert.equal(current?.title, 'Executive summary');
      assert.equal(current?.sections.find((x) => x.id === 'learning')?.text, 'English learning, changed.');
      assert.equal(await summaryPublishableSource.current(s.services.db.kysely, s.review, 'cy'), null);

      // Audit: changes and reads, ids and sections only (never the text).
      const audit = await events(s.services);
      assert.ok(audit.some((e) => e.action === 'SUMMARY_APPROVED' && JSON.parse(e.summary).language === 'en'));
      assert.ok(audit.every((e) => !e.summary.includes('English learning')));
    });

    test('translation: request, one open at a time, statuses, a stale status change; the Welsh approved separately; parity', async (t) => {
      const s = await setup(t);
      const bu = s.callers.bu;
      const input = { translatorName: 'Siân Jones', translatorEmail: '', agencyId: s.police.id, dueOn: '2026-12-20', note: '' };
      await assert.rejects(
        s.services.summaryTranslations.request(as(bu, 'SUMMARY_TRANSLATION_REQUESTED'), s.scope, { ...input, dueOn: '2026-12-01' }),
        kindOf('invalid'),
      );
      const { id } = await s.services.summaryTranslations.request(as(bu, 'SUMMARY_TRANSLATION_REQUESTED'), s.scope, input);
      await assert.rejects(s.services.summaryTranslations.request(as(bu, 'SUMMARY_TRANSLATION_REQUESTED'), s.scope, input), kindOf('conflict'));
      await s.services.summaryTranslations.update(as(bu, 'SUMMARY_TRANSLATION_UPDATED'), s.scope, id, { status: 'in_progress', version: 1 });
      await assert.rejects(
        s.services.summaryTranslations.update(as(bu, 'SUMMARY_TRANSLATION_UPDATED'), s.scope, id, { status: 'returned', version: 1 }),
        kindOf('conflict'),
      );
      await s.services.summaryTranslations.update(as(bu, 'SUMMARY_TRANSLATION_UPDATED'), s.scope, id, { status: 'returned', version: 2 });
      await assert.rejects(
        s.services.summaryTranslations.update(as(bu, 'SUMMARY_TRANSLATION_UPDATED'), s.scope, id, { status: 'in_progress', version: 3 }),
        kindOf('invalid'),
        'a returned request is finished',
      );

      await writeAll(s.services, bu, s.scope, 'en', 'English');
      let o = await s.services.summary.overview(as(bu, 'SUMMARY_VIEWED'), s.scope);
      await s.services.summary.approve(as(bu, 'SUMMARY_APPROVED'), s.scope, { language: 'en', version: 1, revision: o.languages.en.latest.revision });
      s.clock.advance(60_000);
      await writeAll(s.services, bu, s.scope, 'cy', 'Cymraeg');
      o = await s.services.summary.overview(as(bu, 'SUMMARY_VIEWED'), s.scope);
      assert.deepEqual(o.parity, [], 'the Welsh translation of the approved English is in step');
      assert.equal(o.translations[0]?.status, 'returned');
      s.clock.advance(60_000);
      await s.services.summary.approve(as(s.roles.chair, 'SUMMARY_APPROVED'), s.scope, {
        language: 'cy',
        version: 1,
        revision: o.languages.cy.latest.revision,
      });
      assert.deepEqual(await summaryApproval(s.services.db.kysely, s.review.id), { en: 1, cy: 1 });
      const welsh = await summaryPublishable(s.services.db.kysely, s.review.id, 'cy');
      assert.equal(welsh?.sections[0]?.title, 'Cyflwyniad a’r broses');
      assert.match(welsh?.sections.find((x) => x.id === 'figures')?.text ?? '', /Camau gweithredu yn y cynllun: 0/);

      // An English change after the Welsh was approved is flagged until the Welsh is translated again.
      s.clock.advance(60_000);
      const opened = await s.services.summary.section(as(bu, 'SUMMARY_SECTION_VIEWED'), s.scope, 'en', 'key_issues');
      await s.services.summary.saveSection(as(bu, 'SUMMARY_SECTION_SAVED'), s.scope, {
        language: 'en',
        section: 'key_issues',
        text: 'Changed.',
        revision: opened.revision,
      });
      o = await s.services.summary.overview(as(bu, 'SUMMARY_VIEWED'), s.scope);
      assert.deepEqual(o.parity, [{ section: 'key_issues', kind: 'changed', language: 'en', since: 'cy' }]);
    });

    test('under SCR, the English first draft starts from the accepted overview report’s executive-summary sections', async (t) => {
      const s = await setup(t);
      const scr = await seedReview(s.services, s.board.id, s.callers, { frameworkId: 'SCR_2006', decidedOn: '2026-12-01' });
      const scope = { boardId: s.board.id, reviewId: scr.id };
      // The overview report accepted (written as the report service writes it).
      await inTransaction(s.services.db, async (trx) => {
        const at = s.clock.now().toISOString();
        const head = await lockReport(trx, { reviewId: scr.id, boardId: s.board.id }, at);
        const content = { ...initialReport('SCR_2006'), summary_introduction: { text: 'Why the SCR was held.' }, summary_events: { text: 'What happened.' } };
        const versionId = newId();
        await insertReportVersion(trx, { id: versionId, reviewId: scr.id, version: 1, by: null, at, content, revisions: {} });
        await setReportVersionStatus(trx, versionId, 'accepted', s.callers.chair.actor?.personId ?? '', at);
        await setReportHead(trx, scr.id, { ...head, latestVersion: 1, acceptedVersion: 1 }, at);
      });
      const o = await s.services.summary.overview(as(s.callers.bu, 'SUMMARY_VIEWED'), scope);
      assert.equal(o.languages.en.latest.saved, false);
      assert.equal(o.languages.en.latest.content.introduction?.text, 'Why the SCR was held.');
      assert.equal(o.languages.en.latest.content.events?.text, 'What happened.');
      assert.equal(o.languages.cy.latest.content.introduction?.text, '', 'the Welsh starts empty: it is translated');
      // The first save keeps the other sections the draft started from.
      await s.services.summary.saveSection(as(s.callers.bu, 'SUMMARY_SECTION_SAVED'), scope, {
        language: 'en',
        section: 'people',
        text: 'By role.',
        revision: 0,
      });
      const v1 = await s.services.summary.version(as(s.callers.bu, 'SUMMARY_VERSION_VIEWED'), scope, 'en', 1);
      assert.equal(v1.version.content.events?.text, 'What happened.');
    });

    test('two saves on one revision at once: one is written, the other is a conflict (never a 500)', async (t) => {
      const s = await setup(t);
      const save = (caller: Caller, text: string) =>
        s.services.summary.saveSection(as(caller, 'SUMMARY_SECTION_SAVED'), s.scope, { language: 'en', section: 'events', text, revision: 0 });
      const results = await Promise.allSettled([save(s.callers.bu, 'One.'), save(s.roles.chair, 'Two.')]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(results));
      const refused = results.find((r) => r.status === 'rejected');
      assert.ok(refused && kindOf('conflict')((refused as PromiseRejectedResult).reason), String((refused as PromiseRejectedResult | undefined)?.reason));
      assert.equal((await versions(s.services)).length, 1);
      assert.equal((await events(s.services)).filter((e) => e.action === 'SUMMARY_SECTION_SAVED').length, 1);
    });
  });
}
