// The anonymisation check (issue 13 item 2), on both databases: a scan of the review's report by the business unit
// writes the check and its findings (the matched text and context sealed: the raw columns are ciphertext),
// audited in its transaction without a name; information governance reads them in context (audited), accepts one
// with a reason, answers the checklist and approves; refused to another board, another review's role, an agency's
// contributor and a panel member; approval refused for every reason at once — an open finding, an unanswered
// checklist, a newer version of the document — with nothing written; a rescan of a changed version keeps an
// acceptance and drops a fixed finding (shown as fixed); two approvals at once: one wins, the other a conflict.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { createServices, type Services } from '../../container.ts';
import { allAnswered, seedReportText } from '../../testing/anonymisation-fixtures.ts';
import { as, callerWithRole } from '../../testing/case-fixtures.ts';
import { seedBoard } from '../../testing/fixtures.ts';
import { testKeyring } from '../../testing/keys.ts';
import { seedAgency } from '../../testing/referral-fixtures.ts';
import { reviewCallers, reviewRoleCaller, seedReview } from '../../testing/review-fixtures.ts';
import { TestClock } from '../../testing/test-app.ts';
import { createTestDb, dialectsUnderTest } from '../../testing/test-db.ts';
import { ServiceError } from '../context.ts';
import { anonymisationApproved } from './anonymisation-service.ts';

const kindOf = (kind: ServiceError['kind'], key?: string) => (e: unknown) =>
  e instanceof ServiceError && e.kind === kind && (key === undefined || Object.values(e.fieldErrors).includes(key));

/** The report's text: a dictionary name (Aberystwyth), the child's date of birth, a phone number. */
const TEXT = 'Child A lived with their mother in Aberystwyth. Child A was born on 4 May 2019. The family’s phone was 01970 623111.';
/** The next version: the phone number taken out (fixed), the rest as it was. */
const FIXED = 'Child A lived with their mother in Aberystwyth. Child A was born on 4 May 2019. The family’s phone number is left out.';

for (const dialect of dialectsUnderTest()) {
  describe(`anonymisation check (${dialect})`, () => {
    async function setup(t: { after(fn: () => Promise<void>): void }) {
      const db = await createTestDb(dialect);
      t.after(() => db.close());
      const clock = new TestClock(new Date('2026-12-12T10:00:00Z'));
      const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent' }), clock });
      t.after(async () => services.mail.close());
      const board = await seedBoard(services, 'CYSUR');
      const other = await seedBoard(services, 'OTHER');
      const callers = await reviewCallers(services, board.id);
      const review = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016', decidedOn: '2026-12-01' });
      const second = await seedReview(services, board.id, callers, { frameworkId: 'CPR_2016', decidedOn: '2026-12-01' });
      const police = await seedAgency(services, [board.id]);
      const scope = { boardId: board.id, reviewId: review.id };
      const ig = await callerWithRole(services, 'information_governance', board.id);
      const roles = {
        otherBu: await callerWithRole(services, 'business_unit', other.id),
        otherIg: await callerWithRole(services, 'information_governance', other.id),
        member: await reviewRoleCaller(services, 'panel_member', board.id, review.id),
        chairOfReview: await reviewRoleCaller(services, 'panel_chair', board.id, review.id),
        contributor: await reviewRoleCaller(services, 'agency_contributor', board.id, review.id, police.id),
        secondChair: await reviewRoleCaller(services, 'panel_chair', board.id, second.id),
      };
      await services.dictionary.add(as(callers.bu, 'DICTIONARY_TERM_ADDED'), scope, {
        category: 'place',
        realIdentifier: 'Aberystwyth',
        termEn: 'Town 1',
        termCy: 'Tref 1',
      });
      const write = (text: string) => seedReportText(services, { boardId: board.id, reviewId: review.id, personId: callers.bu.actor?.personId ?? '', text });
      return { services, clock, board, other, callers, review, scope, ig, roles, write };
    }
    const events = (services: Services) =>
      services.db.kysely.selectFrom('audit_events').select(['action', 'summary']).where('action', 'like', 'ANONYMISATION_%').orderBy('seq').execute();
    const checkRow = (services: Services) => services.db.kysely.selectFrom('anonymisation_checks').selectAll().executeTakeFirstOrThrow();

    test('scan, sealed findings, read in context, accept, answer, approve; audited without names', async (t) => {
      const s = await setup(t);
      assert.equal(await anonymisationApproved(s.services.db.kysely, s.review.id, 'report', 'en'), false);
      await assert.rejects(
        s.services.anonymisation.scan(as(s.callers.bu, 'ANONYMISATION_SCANNED'), s.scope, { kind: 'report', language: 'en' }),
        kindOf('conflict', 'anonymisation:errors.noDocument'),
      );
      await s.write(TEXT);
      await assert.rejects(
        s.services.anonymisation.scan(as(s.callers.bu, 'ANONYMISATION_SCANNED'), s.scope, { kind: 'minutes', language: 'en' }),
        kindOf('invalid'),
      );
      const scanned = await s.services.anonymisation.scan(as(s.callers.bu, 'ANONYMISATION_SCANNED'), s.scope, { kind: 'report', language: 'en' });
      assert.ok(scanned.findings >= 3, String(scanned.findings));

      const raw = await s.services.db.kysely.selectFrom('anonymisation_findings').selectAll().execute();
      assert.ok(raw.length >= 3);
      for (const r of raw) {
        assert.ok(r.match_text.startsWith('enc:v1:') && r.context.startsWith('enc:v1:'), 'sealed at rest');
        assert.doesNotMatch(`${r.match_text}${r.context}${r.fingerprint}`, /Aberystwyth|2019|01970/);
      }
      const scanEvents = await events(s.services);
      assert.deepEqual(
        scanEvents.map((e) => e.action),
        ['ANONYMISATION_SCANNED'],
      );
      assert.doesNotMatch(scanEvents[0]?.summary ?? '', /Aberystwyth|2019/);

      const view = await s.services.anonymisation.check(as(s.ig, 'ANONYMISATION_CHECK_VIEWED'), s.scope, scanned.checkId);
      const byKind = (kind: string) => view.findings.find((f) => f.kind === kind);
      const place = byKind('dictionary_term');
      assert.equal(place?.match, 'Aberystwyth');
      assert.match(place?.before ?? '', /with their mother in $/);
      assert.ok(view.terms[place?.entryId ?? '']?.en === 'Town 1', 'the fix a dictionary term offers');
      assert.equal(byKind('date_of_birth')?.match, '4 May 2019');
      assert.ok(byKind('phone'), 'the phone number');
      assert.deepEqual(Object.keys(view.problems).sort(), ['checklist', 'findings']);
      assert.equal(view.canDecide, true);
      const chairView = await s.services.anonymisation.check(as(s.callers.chair, 'ANONYMISATION_CHECK_VIEWED'), s.scope, scanned.checkId);
      assert.equal(chairView.canDecide, false, 'the board chair reads, information governance decides');

      // Refused: another board, another review's role, an agency's contributor, a panel member, the panel chair.
      const otherScope = { boardId: s.other.id, reviewId: s.review.id };
      await assert.rejects(s.services.anonymisation.list(as(s.roles.otherBu, 'ANONYMISATION_CHECKS_LISTED'), otherScope), kindOf('not_found'));
      await assert.rejects(s.services.anonymisation.check(as(s.roles.otherIg, 'ANONYMISATION_CHECK_VIEWED'), s.scope, scanned.checkId), kindOf('forbidden'));
      for (const caller of [s.roles.member, s.roles.chairOfReview, s.roles.contributor, s.roles.secondChair]) {
        await assert.rejects(s.services.anonymisation.check(as(caller, 'ANONYMISATION_CHECK_VIEWED'), s.scope, scanned.checkId), kindOf('forbidden'));
        await assert.rejects(
          s.services.anonymisation.scan(as(caller, 'ANONYMISATION_SCANNED'), s.scope, { kind: 'report', language: 'en' }),
          kindOf('forbidden'),
        );
      }
      await assert.rejects(
        s.services.anonymisation.accept(as(s.callers.bu, 'ANONYMISATION_FINDING_ACCEPTED'), s.scope, scanned.checkId, place?.id ?? '', {
          reason: 'x',
          version: 1,
        }),
        kindOf('forbidden'),
        'the business unit scans but does not decide',
      );

      // Approval refused with every reason, nothing written.
      const before = await checkRow(s.services);
      const eventsBefore = (await events(s.services)).length;
      await assert.rejects(
        s.services.anonymisation.approve(as(s.ig, 'ANONYMISATION_CHECK_APPROVED'), s.scope, scanned.checkId, { version: 1 }),
        (e: unknown) =>
          e instanceof ServiceError &&
          e.kind === 'invalid' &&
          e.fieldErrors.findings === 'anonymisation:errors.openFindings' &&
          e.fieldErrors.checklist === 'anonymisation:errors.checklistUnanswered',
      );
      assert.deepEqual(await checkRow(s.services), before);
      assert.equal((await events(s.services)).length, eventsBefore, 'a refusal writes no audit event');

      // Accept each finding with a reason (a blank reason refused), answer the checklist, approve.
      await assert.rejects(
        s.services.anonymisation.accept(as(s.ig, 'ANONYMISATION_FINDING_ACCEPTED'), s.scope, scanned.checkId, place?.id ?? '', { reason: ' ', version: 1 }),
        kindOf('invalid', 'anonymisation:errors.reasonRequired'),
      );
      let version = 1;
      for (const f of view.findings)
        ({ version } = await s.services.anonymisation.accept(as(s.ig, 'ANONYMISATION_FINDING_ACCEPTED'), s.scope, scanned.checkId, f.id, {
          reason: 'Kept for the board’s copy.',
          version,
        }));
      await assert.rejects(
        s.services.anonymisation.accept(as(s.ig, 'ANONYMISATION_FINDING_ACCEPTED'), s.scope, scanned.checkId, place?.id ?? '', { reason: 'Again', version: 1 }),
        kindOf('conflict', 'anonymisation:errors.changedSinceRead'),
      );
      ({ version } = await s.services.anonymisation.answer(as(s.ig, 'ANONYMISATION_CHECKLIST_ANSWERED'), s.scope, scanned.checkId, {
        answers: allAnswered(),
        version,
      }));
      await s.services.anonymisation.approve(as(s.ig, 'ANONYMISATION_CHECK_APPROVED'), s.scope, scanned.checkId, { version });
      assert.equal(await anonymisationApproved(s.services.db.kysely, s.review.id, 'report', 'en'), true);
      const actions = (await events(s.services)).map((e) => e.action);
      assert.deepEqual(actions.slice(-3), ['ANONYMISATION_FINDING_ACCEPTED', 'ANONYMISATION_CHECKLIST_ANSWERED', 'ANONYMISATION_CHECK_APPROVED']);
      const list = await s.services.anonymisation.list(as(s.callers.chair, 'ANONYMISATION_CHECKS_LISTED'), s.scope);
      assert.equal(list.documents.find((d) => d.kind === 'report')?.check?.status, 'approved');
      assert.equal(list.canScan, false);
      assert.ok(actions.includes('ANONYMISATION_CHECK_VIEWED'), 'the read of the findings is audited');
      assert.doesNotMatch(JSON.stringify(await events(s.services)), /Aberystwyth|4 May 2019|01970|Kept for/);

      // The version's text changed under it (as a draft is edited in place, its number kept): no longer what was approved.
      const sections = await s.services.db.kysely.selectFrom('review_report_sections').select(['version_id', 'section', 'content']).execute();
      const [edited] = sections.filter((x) => (JSON.parse(x.content) as { text?: string }).text);
      assert.ok(edited);
      const setContent = (content: string) =>
        s.services.db.kysely
          .updateTable('review_report_sections')
          .set({ content })
          .where('version_id', '=', edited.version_id)
          .where('section', '=', edited.section)
          .execute();
      const text = (JSON.parse(edited.content) as { text: string }).text;
      await setContent(JSON.stringify({ ...JSON.parse(edited.content), text: `${text} A line added after the scan.` }));
      assert.equal(await anonymisationApproved(s.services.db.kysely, s.review.id, 'report', 'en'), false, 'the digest of the scanned text no longer matches');
      await setContent(edited.content);
      assert.equal(await anonymisationApproved(s.services.db.kysely, s.review.id, 'report', 'en'), true);

      // A newer version of the document: the approval no longer holds, and approving the old check is refused.
      await s.write(FIXED);
      assert.equal(await anonymisationApproved(s.services.db.kysely, s.review.id, 'report', 'en'), false);
    });

    test('a newer version refuses approval; a rescan keeps acceptances and drops what was fixed', async (t) => {
      const s = await setup(t);
      await s.write(TEXT);
      const first = await s.services.anonymisation.scan(as(s.ig, 'ANONYMISATION_SCANNED'), s.scope, { kind: 'report', language: 'en' });
      const view = await s.services.anonymisation.check(as(s.ig, 'ANONYMISATION_CHECK_VIEWED'), s.scope, first.checkId);
      const place = view.findings.find((f) => f.kind === 'dictionary_term');
      const phone = view.findings.find((f) => f.kind === 'phone');
      assert.ok(place && phone);
      let { version } = await s.services.anonymisation.accept(as(s.ig, 'ANONYMISATION_FINDING_ACCEPTED'), s.scope, first.checkId, place.id, {
        reason: 'The town is public knowledge.',
        version: 1,
      });
      ({ version } = await s.services.anonymisation.answer(as(s.ig, 'ANONYMISATION_CHECKLIST_ANSWERED'), s.scope, first.checkId, {
        answers: allAnswered(),
        version,
      }));

      await s.write(FIXED);
      const before = await s.services.db.kysely.selectFrom('anonymisation_checks').selectAll().execute();
      await assert.rejects(
        s.services.anonymisation.approve(as(s.ig, 'ANONYMISATION_CHECK_APPROVED'), s.scope, first.checkId, { version }),
        (e: unknown) =>
          e instanceof ServiceError &&
          e.kind === 'invalid' &&
          e.fieldErrors.document === 'anonymisation:errors.staleScan' &&
          e.fieldErrors.findings !== undefined,
      );
      assert.deepEqual(await s.services.db.kysely.selectFrom('anonymisation_checks').selectAll().execute(), before, 'nothing written');

      const second = await s.services.anonymisation.scan(as(s.callers.bu, 'ANONYMISATION_SCANNED'), s.scope, { kind: 'report', language: 'en' });
      assert.notEqual(second.checkId, first.checkId, 'the new version has a check of its own');
      const next = await s.services.anonymisation.check(as(s.ig, 'ANONYMISATION_CHECK_VIEWED'), s.scope, second.checkId);
      const kept = next.findings.find((f) => f.kind === 'dictionary_term');
      assert.equal(kept?.decision, 'accepted', 'the acceptance carries to the new version');
      assert.equal(kept?.reason, 'The town is public knowledge.');
      assert.equal(
        next.findings.find((f) => f.kind === 'phone'),
        undefined,
        'the phone number is gone',
      );
      const outcomes = new Map(next.previous?.findings.map((f) => [f.kind, f.outcome]));
      assert.equal(outcomes.get('phone'), 'fixed');
      assert.equal(outcomes.get('dictionary_term'), 'accepted');
      assert.equal(outcomes.get('date_of_birth'), 'open');
      assert.deepEqual(next.answers, {}, 'the new version’s checklist is answered afresh');

      // Scanning the same version again replaces its findings and keeps its decisions.
      const again = await s.services.anonymisation.scan(as(s.callers.bu, 'ANONYMISATION_SCANNED'), s.scope, { kind: 'report', language: 'en' });
      assert.equal(again.checkId, second.checkId);
      const rescanned = await s.services.anonymisation.check(as(s.ig, 'ANONYMISATION_CHECK_VIEWED'), s.scope, second.checkId);
      assert.equal(rescanned.findings.find((f) => f.kind === 'dictionary_term')?.decision, 'accepted');
      assert.equal(rescanned.check.version, 2);
    });

    test('two approvals at once: one wins, the other a conflict', async (t) => {
      const s = await setup(t);
      await s.write('Nothing in this text names anyone.');
      const { checkId } = await s.services.anonymisation.scan(as(s.ig, 'ANONYMISATION_SCANNED'), s.scope, { kind: 'report', language: 'en' });
      const view = await s.services.anonymisation.check(as(s.ig, 'ANONYMISATION_CHECK_VIEWED'), s.scope, checkId);
      let version = view.check.version;
      for (const f of view.findings)
        ({ version } = await s.services.anonymisation.accept(as(s.ig, 'ANONYMISATION_FINDING_ACCEPTED'), s.scope, checkId, f.id, { reason: 'Fine.', version }));
      ({ version } = await s.services.anonymisation.answer(as(s.ig, 'ANONYMISATION_CHECKLIST_ANSWERED'), s.scope, checkId, {
        answers: allAnswered(),
        version,
      }));
      const results = await Promise.allSettled(
        [0, 1].map(() => s.services.anonymisation.approve(as(s.ig, 'ANONYMISATION_CHECK_APPROVED'), s.scope, checkId, { version })),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const refused = results.find((r) => r.status === 'rejected');
      assert.ok(refused && kindOf('conflict')(refused.reason), String(refused && 'reason' in refused ? refused.reason : ''));
      const approvals = (await events(s.services)).filter((e) => e.action === 'ANONYMISATION_CHECK_APPROVED');
      assert.equal(approvals.length, 1);
    });
  });
}
