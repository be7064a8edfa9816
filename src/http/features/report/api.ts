// A review's report in the API (issue 10 item 10): read it (versions, the latest version, comments, review
// recommendations, R4 as it stands), save a section, submit a version for the panel's QA, comment, resolve a
// comment, sign off QA (the panel chair), accept for the board (the board chair; R4 refusals as a 422 naming
// each), a version with its changes, and the review recommendations. The same ReportService calls as the
// pages; problem+json errors (409 when what the client read changed since).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { reportSections } from '../../../domain/reviews/report.ts';
import { diffChanges, wordDiff } from '../../../domain/reviews/section-versions.ts';
import type { ReportVersionView } from '../../../services/report-views.ts';
import { DOCUMENT_RESPONSE, DocumentQuery, problems } from '../../api/schemas.ts';
import { sendDownload } from '../../download.ts';
import {
  RecommendationIn,
  RecommendationParams,
  ReportChanges,
  ReportCommentIn,
  ReportCommentParams,
  ReportOut,
  ReportParams,
  ReportSaved,
  ReportSectionParams,
  ReportSectionSave,
  ReportSubmission,
  ReportVersionParams,
  ReportVersionRef,
} from './api-schemas.ts';

const tags = ['review report'];

function versionOut(v: ReportVersionView) {
  return {
    version: v.version,
    status: v.status,
    saved: v.saved,
    revision: v.revision,
    revisions: v.revisions,
    content: v.content,
    submittedAt: v.submittedAt,
    qaAt: v.qaAt,
    acceptedAt: v.acceptedAt,
  };
}

export default async function reportApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { report, documents } = opts.services;

  app.get(
    '/boards/:boardId/reviews/:reviewId/report',
    {
      config: { access: 'report.view', audit: 'REPORT_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getReviewReport',
        summary: 'A review’s report and where it stands',
        params: ReportParams,
        response: { 200: ReportOut, ...problems(400, 403, 404) },
      },
    },
    async (req) => {
      const o = await report.overview(req.caller(), req.params.boardId, req.params.reviewId);
      return {
        kind: o.kind,
        sections: reportSections(o.review.frameworkId).map((s) => ({ id: s.id, part: s.part, titleEn: s.title.en, titleCy: s.title.cy })),
        versions: o.versions.map((v) => ({ version: v.version, status: v.status })),
        current: versionOut(o.current),
        comments: o.comments.map((c) => ({
          id: c.id,
          version: c.version,
          section: c.section,
          text: c.text,
          byName: c.createdByName,
          at: c.createdAt,
          resolvedAt: c.resolvedAt,
        })),
        recommendations: o.recommendations.map((r) => ({
          id: r.id,
          number: r.number,
          text: r.text,
          agencyId: r.agencyId,
          personId: r.personId,
          responsible: r.responsible,
          targetOn: r.targetOn,
          revision: r.revision,
        })),
        r4: o.r4,
        may: { edit: o.mayEdit, submit: o.maySubmit, comment: o.mayComment, qa: o.mayQa, accept: o.mayAccept, recommend: o.mayRecommend },
      };
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/report/sections/:reportSection',
    {
      config: { access: 'report.edit', audit: 'REPORT_SECTION_SAVED' },
      schema: {
        tags,
        operationId: 'saveReviewReportSection',
        summary: 'Saves a section (the author or reviewers): onto the latest draft, or starting the next version after a submitted one',
        params: ReportSectionParams,
        body: ReportSectionSave,
        response: { 200: ReportSaved, ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req) => report.saveSection(req.caller(), req.params.boardId, req.params.reviewId, { section: req.params.reportSection, ...req.body }),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/report/submissions',
    {
      config: { access: 'report.edit', audit: 'REPORT_SUBMITTED' },
      schema: {
        tags,
        operationId: 'submitReviewReport',
        summary: 'Submits the latest draft for the panel’s quality assurance (frozen from then on)',
        params: ReportParams,
        body: ReportSubmission,
        response: { 200: z.object({ version: z.number().int() }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req) => report.submit(req.caller(), req.params.boardId, req.params.reviewId, req.body),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/report/comments',
    {
      config: { access: 'report.comment', audit: 'REPORT_COMMENTED' },
      schema: {
        tags,
        operationId: 'commentOnReviewReport',
        summary: 'A panel member’s comment on a section of a version',
        params: ReportParams,
        body: ReportCommentIn,
        response: { 201: z.object({ id: z.string() }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await report.comment(req.caller(), req.params.boardId, req.params.reviewId, req.body)),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/report/comments/:commentId/resolution',
    {
      config: { access: 'report.edit', audit: 'REPORT_COMMENT_RESOLVED' },
      schema: {
        tags,
        operationId: 'resolveReviewReportComment',
        summary: 'Marks a comment resolved (the author); a 409 if it already is',
        params: ReportCommentParams,
        response: { 204: z.null(), ...problems(400, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await report.resolveComment(req.caller(), req.params.boardId, req.params.reviewId, req.params.commentId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/report/qa-sign-offs',
    {
      config: { access: 'report.qa', audit: 'REPORT_QA_SIGNED_OFF' },
      schema: {
        tags,
        operationId: 'signOffReviewReportQa',
        summary: 'The panel chair signs off quality assurance of the submitted version (the review at PANEL_QA)',
        params: ReportParams,
        body: ReportVersionRef,
        response: { 200: z.object({ version: z.number().int() }), ...problems(400, 403, 404, 409) },
      },
    },
    async (req) => report.signOffQa(req.caller(), req.params.boardId, req.params.reviewId, req.body),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/report/acceptances',
    {
      config: { access: 'report.accept', audit: 'REPORT_ACCEPTED' },
      schema: {
        tags,
        operationId: 'acceptReviewReport',
        summary: 'The board chair accepts the signed-off version for the board (the review at BOARD_ACCEPTANCE); a 422 names every R4 reason',
        params: ReportParams,
        body: ReportVersionRef,
        response: { 200: z.object({ version: z.number().int() }), ...problems(400, 403, 404, 409, 422) },
      },
    },
    async (req) => report.accept(req.caller(), req.params.boardId, req.params.reviewId, req.body),
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/report/versions/:version',
    {
      config: { access: 'report.view', audit: 'REPORT_VERSION_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getReviewReportVersion',
        summary: 'A version with its changes against the version submitted before it, word by word',
        params: ReportVersionParams,
        response: { 200: ReportChanges, ...problems(400, 403, 404) },
      },
    },
    async (req) => {
      const v = await report.version(req.caller(), req.params.boardId, req.params.reviewId, req.params.version);
      const previous = v.previous;
      return {
        version: versionOut(v.version),
        comparedWith: previous?.version ?? null,
        changes: previous
          ? reportSections(v.review.frameworkId).map((s) => {
              const parts = wordDiff(previous.content[s.id]?.text ?? '', v.version.content[s.id]?.text ?? '');
              return { section: s.id, changed: diffChanges(parts), parts };
            })
          : [],
      };
    },
  );

  app.get(
    '/boards/:boardId/reviews/:reviewId/report/versions/:version/document',
    {
      config: { access: 'report.view', audit: 'REPORT_DOWNLOADED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getReviewReportDocument',
        summary: 'A saved version of the report as Word or tagged PDF, in English or Welsh; the download is audited',
        params: ReportVersionParams,
        querystring: DocumentQuery,
        response: { 200: DOCUMENT_RESPONSE, ...problems(400, 403, 404) },
      },
    },
    async (req, reply) => {
      const { boardId, reviewId, version } = req.params;
      const versionId = await report.versionId(req.caller(), boardId, reviewId, version);
      return sendDownload(
        reply as FastifyReply,
        await documents.download(req.caller(), 'review_report', versionId, req.query.lang ?? req.lang, req.query.format),
      );
    },
  );

  const recommendationSchema = (operationId: string, summary: string, params: typeof ReportParams | typeof RecommendationParams) => ({
    tags,
    operationId,
    summary,
    params,
    body: RecommendationIn,
    response: { 200: z.object({ id: z.string(), number: z.number().int() }), ...problems(400, 403, 404, 409, 422) },
  });

  app.post(
    '/boards/:boardId/reviews/:reviewId/report/review-recommendations',
    {
      config: { access: 'report.recommend', audit: 'REVIEW_RECOMMENDATION_ADDED' },
      schema: recommendationSchema('addReviewRecommendation', 'Adds a review recommendation (the author, the business unit)', ReportParams),
    },
    async (req) =>
      report.saveRecommendation(req.caller(), req.params.boardId, req.params.reviewId, {
        text: req.body.text,
        agencyId: req.body.agencyId ?? null,
        personId: req.body.personId ?? null,
        responsible: req.body.responsible ?? null,
        targetOn: req.body.targetOn ?? null,
      }),
  );

  app.post(
    '/boards/:boardId/reviews/:reviewId/report/review-recommendations/:recommendationId',
    {
      config: { access: 'report.recommend', audit: 'REVIEW_RECOMMENDATION_UPDATED' },
      schema: recommendationSchema('changeReviewRecommendation', 'Changes a review recommendation, naming the revision read', RecommendationParams),
    },
    async (req) => {
      const p = req.params as z.infer<typeof RecommendationParams>;
      return report.saveRecommendation(req.caller(), p.boardId, p.reviewId, {
        id: p.recommendationId,
        revision: req.body.revision ?? -1,
        text: req.body.text,
        agencyId: req.body.agencyId ?? null,
        personId: req.body.personId ?? null,
        responsible: req.body.responsible ?? null,
        targetOn: req.body.targetOn ?? null,
      });
    },
  );
}
