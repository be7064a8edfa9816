// A review's report (issue 10 item 10) through its service: the author drafts in versions (a stale save is a
// conflict), submits for the panel's QA, the panel comments and the author resolves, the panel chair signs off
// QA, the board chair accepts — refused with every R4 reason while a review recommendation lacks its target
// date or someone responsible, or the review recommendations section is empty. Only the roles that may; another
// board's review is not found; the stage moves wait for their gates; two at once get one winner and a conflict.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Services } from '../container.ts';
import { seedAgency } from '../testing/admin-fixtures.ts';
import { as } from '../testing/case-fixtures.ts';
import { seedBoard } from '../testing/fixtures.ts';
import { CPR_TO_DRAFTING, moveReview, seedSubmittedReport } from '../testing/report-fixtures.ts';
import { type ReviewCallers, reviewCallers, reviewRoleCaller, seedReview } from '../testing/review-fixtures.ts';
import { buildTestApp, TestClock } from '../testing/test-app.ts';
import { dialectsUnderTest } from '../testing/test-db.ts';
import type { Caller } from './context.ts';
import { ServiceError } from './context.ts';

const kindOf = (kind: string, field?: string, key?: string) => (e: unknown) =>
  e instanceof ServiceError && e.kind === kind && (!field || e.fieldErrors[field] === key);

for (const dialect of dialectsUnderTest()) {
  describe(`review report (${dialect})`, () => {
    let services: Services;
    let boardId: string;
    let otherBoardId: string;
    let callers: ReviewCallers;
    let agencyId: string;

    let close: () => Promise<void>;

    before(async () => {
      const clock = new TestClock(new Date('2026-12-01T10:00:00Z'));
      ({ services, close } = await buildTestApp(undefined, dialect, { clock }));
      boardId = (await seedBoard(services, 'CYSUR')).id;
      otherBoardId = (await seedBoard(services, 'NWSB')).id;
      callers = await reviewCallers(services, boardId);
      agencyId = (await seedAgency(services, { boardIds: [boardId], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' })).id;
    });
    after(() => close());

    /** A CPR review in drafting with its author, panel chair and panel member. */
    async function world() {
      const review = await seedReview(services, boardId, callers, { frameworkId: 'CPR_2016' });
      await moveReview(services, callers.bu, boardId, review.id, CPR_TO_DRAFTING);
      const author = await reviewRoleCaller(services, 'author', boardId, review.id);
      const chair = await reviewRoleCaller(services, 'panel_chair', boardId, review.id);
      const member = await reviewRoleCaller(services, 'panel_member', boardId, review.id);
      const move = (event: string) => services.reviews.move(as(callers.bu, 'REVIEW_MOVED'), boardId, review.id, { event });
      return { review, reviewId: review.id, author, chair, member, move };
    }

    const open = (caller: Caller, reviewId: string, section: string) =>
      services.report.section(as(caller, 'REPORT_SECTION_VIEWED'), boardId, reviewId, section);
    const save = (caller: Caller, reviewId: string, section: string, text: string, revision: number) =>
      services.report.saveSection(as(caller, 'REPORT_SECTION_SAVED'), boardId, reviewId, { section, text, revision });

    test('the author drafts; a stale save is a conflict; after submission a change makes version 2 with the first as what it is compared with', async () => {
      const w = await world();
      const opened = await open(w.author, w.reviewId, 'circumstances');
      assert.equal(opened.version.version, 1);
      assert.equal(opened.version.saved, false);
      assert.deepEqual(await save(w.author, w.reviewId, 'circumstances', 'Child A lived with their mother.', opened.revision), {
        version: 1,
        created: true,
        changed: true,
      });
      await assert.rejects(
        save(w.author, w.reviewId, 'circumstances', 'Written over.', opened.revision),
        kindOf('conflict', 'form', 'report:errors.changedSinceOpened'),
      );
      const o = await services.report.overview(as(w.author, 'REPORT_VIEWED'), boardId, w.reviewId);
      await services.report.submit(as(w.author, 'REPORT_SUBMITTED'), boardId, w.reviewId, { version: 1, revision: o.current.revision });
      const again = await open(w.author, w.reviewId, 'circumstances');
      assert.equal(again.version.version, 2, 'the submitted version is frozen: the next change makes version 2');
      assert.deepEqual(await save(w.author, w.reviewId, 'circumstances', 'Child A lived with their mother and sister.', again.revision), {
        version: 2,
        created: true,
        changed: true,
      });
      const v2 = await services.report.version(as(w.author, 'REPORT_VERSION_VIEWED'), boardId, w.reviewId, 2);
      assert.equal(v2.previous?.version, 1);
      assert.equal(v2.previous?.content.circumstances?.text, 'Child A lived with their mother.');
      const submitted = await services.db.kysely
        .selectFrom('review_report_versions')
        .select(['version', 'status'])
        .where('review_id', '=', w.reviewId)
        .orderBy('version')
        .execute();
      assert.deepEqual(submitted, [
        { version: 1, status: 'submitted' },
        { version: 2, status: 'draft' },
      ]);
    });

    test('only the right roles: a panel member comments but does not draft, the business unit neither drafts nor signs off, another board’s review is not found', async () => {
      const w = await world();
      await assert.rejects(open(w.member, w.reviewId, 'circumstances'), kindOf('forbidden'));
      await assert.rejects(save(callers.bu, w.reviewId, 'circumstances', 'x', 0), kindOf('forbidden'));
      await assert.rejects(save(callers.chair, w.reviewId, 'circumstances', 'x', 0), kindOf('forbidden'));
      const other = await reviewRoleCaller(services, 'author', boardId, (await seedReview(services, boardId, callers)).id);
      await assert.rejects(save(other, w.reviewId, 'circumstances', 'x', 0), kindOf('forbidden'), 'another review’s author');
      await assert.rejects(
        services.report.overview(as(await reviewCallers(services, otherBoardId).then((c) => c.bu), 'REPORT_VIEWED'), otherBoardId, w.reviewId),
        kindOf('not_found'),
      );
      const agencyContributor = await reviewRoleCaller(services, 'agency_contributor', boardId, w.reviewId, agencyId);
      await assert.rejects(
        services.report.overview(as(agencyContributor, 'REPORT_VIEWED'), boardId, w.reviewId),
        kindOf('forbidden'),
        'agencies see the report later, with publication',
      );
      await seedSubmittedReport(services, { boardId, reviewId: w.reviewId, author: w.author });
      await w.move('submit_to_panel');
      await assert.rejects(services.report.signOffQa(as(callers.bu, 'REPORT_QA_SIGNED_OFF'), boardId, w.reviewId, { version: 1 }), kindOf('forbidden'));
      await assert.rejects(services.report.signOffQa(as(w.member, 'REPORT_QA_SIGNED_OFF'), boardId, w.reviewId, { version: 1 }), kindOf('forbidden'));
      await assert.rejects(services.report.accept(as(w.chair, 'REPORT_ACCEPTED'), boardId, w.reviewId, { version: 1 }), kindOf('forbidden'));
      const { id } = await services.report.comment(as(w.member, 'REPORT_COMMENTED'), boardId, w.reviewId, {
        version: 1,
        section: 'circumstances',
        text: 'Say when the health visitor last saw Child A.',
      });
      await assert.rejects(services.report.resolveComment(as(w.member, 'REPORT_COMMENT_RESOLVED'), boardId, w.reviewId, id), kindOf('forbidden'));
      await services.report.resolveComment(as(w.author, 'REPORT_COMMENT_RESOLVED'), boardId, w.reviewId, id);
      await assert.rejects(services.report.resolveComment(as(w.author, 'REPORT_COMMENT_RESOLVED'), boardId, w.reviewId, id), kindOf('conflict'));
      const comments = await services.db.kysely.selectFrom('review_report_comments').select(['resolved_by']).where('id', '=', id).execute();
      assert.equal(comments[0]?.resolved_by, w.author.personId);
    });

    test('gates: to the panel only once a version is submitted for QA, to the board only once the panel chair has signed QA off', async () => {
      const w = await world();
      await assert.rejects(w.move('submit_to_panel'), kindOf('invalid', 'report', 'report:gate.notSubmitted'));
      await seedSubmittedReport(services, { boardId, reviewId: w.reviewId, author: w.author });
      assert.equal((await w.move('submit_to_panel')).to, 'PANEL_QA');
      await assert.rejects(w.move('submit_to_board'), kindOf('invalid', 'report', 'report:gate.noQaSignOff'));
      const stage = await services.db.kysely.selectFrom('reviews').select('stage').where('id', '=', w.reviewId).executeTakeFirstOrThrow();
      assert.equal(stage.stage, 'PANEL_QA', 'the refused move changed nothing');
      await services.report.signOffQa(as(w.chair, 'REPORT_QA_SIGNED_OFF'), boardId, w.reviewId, { version: 1 });
      assert.equal((await w.move('submit_to_board')).to, 'BOARD_ACCEPTANCE');
    });

    test('R4: acceptance is refused with every reason, nothing written, until each review recommendation has a date and someone responsible; then the board chair accepts', async () => {
      const w = await world();
      await seedSubmittedReport(services, { boardId, reviewId: w.reviewId, author: w.author });
      await w.move('submit_to_panel');
      await services.report.signOffQa(as(w.chair, 'REPORT_QA_SIGNED_OFF'), boardId, w.reviewId, { version: 1 });
      await w.move('submit_to_board');
      const add = (input: { text: string; agencyId?: string | null; responsible?: string | null; targetOn?: string | null }, caller: Caller = w.author) =>
        services.report.saveRecommendation(as(caller, 'REVIEW_RECOMMENDATION_ADDED'), boardId, w.reviewId, {
          text: input.text,
          agencyId: input.agencyId ?? null,
          personId: null,
          responsible: input.responsible ?? null,
          targetOn: input.targetOn ?? null,
        });
      const first = await add({ text: 'Share information at the first concern.', agencyId, targetOn: '2027-06-30' });
      const second = await add({ text: 'Hear the child’s voice at every visit.' }, callers.bu);
      const accept = () => services.report.accept(as(callers.chair, 'REPORT_ACCEPTED'), boardId, w.reviewId, { version: 1 });
      const events = async () => (await services.db.kysely.selectFrom('audit_events').select('id').where('action', '=', 'REPORT_ACCEPTED').execute()).length;
      const before = await events();
      await assert.rejects(accept(), (e: unknown) => {
        assert.ok(e instanceof ServiceError && e.kind === 'invalid');
        assert.deepEqual(e.fieldErrors, {
          'r4-section': 'report:r4.noRecommendationsSection',
          'r4-2-noTargetDate': 'report:r4.noTargetDate',
          'r4-2-noResponsible': 'report:r4.noResponsible',
        });
        return true;
      });
      assert.equal(await events(), before, 'nothing written');
      assert.equal(
        (await services.db.kysely.selectFrom('review_reports').select('accepted_version').where('review_id', '=', w.reviewId).executeTakeFirstOrThrow())
          .accepted_version,
        null,
      );

      // The review recommendations section is part of the signed-off version: a new version, submitted and signed off again.
      const form = await services.report.recommendationForm(as(w.author, 'REVIEW_RECOMMENDATION_VIEWED'), boardId, w.reviewId, second.id);
      await services.report.saveRecommendation(as(w.author, 'REVIEW_RECOMMENDATION_UPDATED'), boardId, w.reviewId, {
        id: second.id,
        revision: form.recommendation?.revision ?? -1,
        text: 'Hear the child’s voice at every visit.',
        agencyId: null,
        personId: null,
        responsible: 'Head of children’s services',
        targetOn: '2027-03-31',
      });
      await assert.rejects(
        services.report.saveRecommendation(as(w.author, 'REVIEW_RECOMMENDATION_UPDATED'), boardId, w.reviewId, {
          id: second.id,
          revision: form.recommendation?.revision ?? -1,
          text: 'Stale.',
          agencyId: null,
          personId: null,
          responsible: null,
          targetOn: null,
        }),
        kindOf('conflict', 'form', 'report:errors.changedSinceOpened'),
      );
      await assert.rejects(accept(), kindOf('invalid', 'r4-section', 'report:r4.noRecommendationsSection'));
      assert.ok(first.number === 1 && second.number === 2);
    });

    test('R4 met: the signed-off version with its review recommendations section is accepted by the board chair', async () => {
      const w = await world();
      await seedSubmittedReport(services, {
        boardId,
        reviewId: w.reviewId,
        author: w.author,
        sections: { circumstances: 'What happened.', review_recommendations: 'Two review recommendations follow.' },
      });
      await services.report.saveRecommendation(as(w.author, 'REVIEW_RECOMMENDATION_ADDED'), boardId, w.reviewId, {
        text: 'Share information at the first concern.',
        agencyId,
        personId: null,
        responsible: null,
        targetOn: '2027-06-30',
      });
      await w.move('submit_to_panel');
      await services.report.signOffQa(as(w.chair, 'REPORT_QA_SIGNED_OFF'), boardId, w.reviewId, { version: 1 });
      await assert.rejects(
        services.report.accept(as(callers.chair, 'REPORT_ACCEPTED'), boardId, w.reviewId, { version: 1 }),
        kindOf('conflict', 'form', 'report:errors.notAtBoard'),
      );
      await w.move('submit_to_board');
      assert.deepEqual(await services.report.accept(as(callers.chair, 'REPORT_ACCEPTED'), boardId, w.reviewId, { version: 1 }), { version: 1 });
      const head = await services.db.kysely.selectFrom('review_reports').selectAll().where('review_id', '=', w.reviewId).executeTakeFirstOrThrow();
      assert.equal(Number(head.accepted_version), 1);
      const event = await services.db.kysely
        .selectFrom('audit_events')
        .select('summary')
        .where('action', '=', 'REPORT_ACCEPTED')
        .where('record_id', '=', w.reviewId)
        .executeTakeFirstOrThrow();
      assert.doesNotMatch(String(event.summary), /Share information|What happened/, 'the audit holds ids and numbers, never the text');
    });

    if (dialect === 'postgres') {
      test('at once: two saves from the same revision (one wins, the other a conflict) and two QA sign-offs (one wins, the other a conflict), never a 500', async () => {
        const w = await world();
        const opened = await open(w.author, w.reviewId, 'circumstances');
        const saves = await Promise.allSettled([
          save(w.author, w.reviewId, 'circumstances', 'First.', opened.revision),
          save(w.author, w.reviewId, 'circumstances', 'Second.', opened.revision),
        ]);
        assert.deepEqual(saves.map((s) => s.status).sort(), ['fulfilled', 'rejected']);
        const lost = saves.find((s) => s.status === 'rejected') as PromiseRejectedResult;
        assert.ok(kindOf('conflict', 'form', 'report:errors.changedSinceOpened')(lost.reason), String(lost.reason));
        const o = await services.report.overview(as(w.author, 'REPORT_VIEWED'), boardId, w.reviewId);
        await services.report.submit(as(w.author, 'REPORT_SUBMITTED'), boardId, w.reviewId, { version: 1, revision: o.current.revision });
        await w.move('submit_to_panel');
        const signOffs = await Promise.allSettled([
          services.report.signOffQa(as(w.chair, 'REPORT_QA_SIGNED_OFF'), boardId, w.reviewId, { version: 1 }),
          services.report.signOffQa(as(w.chair, 'REPORT_QA_SIGNED_OFF'), boardId, w.reviewId, { version: 1 }),
        ]);
        assert.deepEqual(signOffs.map((s) => s.status).sort(), ['fulfilled', 'rejected']);
        const refused = signOffs.find((s) => s.status === 'rejected') as PromiseRejectedResult;
        assert.ok(kindOf('conflict')(refused.reason), String(refused.reason));
        const events = await services.db.kysely
          .selectFrom('audit_events')
          .select('id')
          .where('action', '=', 'REPORT_QA_SIGNED_OFF')
          .where('record_id', '=', w.reviewId)
          .execute();
        assert.equal(events.length, 1);
      });
    }
  });
}
