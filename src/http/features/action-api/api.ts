// The action plan in the API (issue 12 items 1, 2, 7, 8 and 9): a review's plan (recommendations with their
// actions, RAG, monitoring), one action with its updates, the business unit's board recommendation and actions,
// the owner's update and proposal of completion (the evidence a multipart file), verification or return, the
// board's decisions, a revised target date, the RAG override, the board chair's acceptance, an owner's actions
// across reviews, and the plan as a spreadsheet and its import for an agency. The same services as the pages
// (services.actionPlans, services.actionProgress, services.actionSheets), the same rules: problem+json with 422
// for refused answers (the pages' field errors; an import's every row and column), 409 for a change meanwhile or a
// state that no longer allows it, 404 for another board's review or another agency's action.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import type { ActionStatus } from '../../../domain/actions/action.ts';
import { PLAN_COLUMNS } from '../../../domain/actions/plan-columns.ts';
import type { ActionRow } from '../../../services/actions/action-plan-service.ts';
import { PlanImportRefused } from '../../../services/actions/plan-spreadsheet-service.ts';
import { invalid } from '../../../services/context.ts';
import { UploadRefused } from '../../../services/files/file-service.ts';
import { urls } from '../../../urls.ts';
import { Id, problems } from '../../api/schemas.ts';
import { sendDownload } from '../../download.ts';
import { readUpload, uploadRefusalProblem } from '../../uploads.ts';
import {
  AcceptIn,
  ActionIn,
  ActionOut,
  ActionParams,
  type ActionSummary,
  BoardDecisionIn,
  BoardRecommendationIn,
  ImportOut,
  MineOut,
  MineQuery,
  PlanOut,
  PlanParams,
  RagIn,
  RecommendationParams,
  SPREADSHEET_RESPONSE,
  TargetIn,
  UpdateIn,
  VerifyIn,
} from './api-schemas.ts';

const tags = ['action plans'];
const DONE = { 204: z.undefined().describe('Done') };
const MINE_PAGE_SIZE = 50;

const PLAN = urls.actionPlan.pattern;
const ACTION = urls.action.pattern;

function actionOut(a: ActionRow & { rag: string; overridden: boolean }): z.input<typeof ActionSummary> {
  return {
    id: a.id,
    source: a.source as z.input<typeof ActionSummary>['source'],
    recommendationId: a.recommendation?.id ?? null,
    lesson: a.lesson,
    action: a.action,
    leadAgency: { id: a.leadAgencyId, name: { en: a.leadAgency.nameEn, cy: a.leadAgency.nameCy } },
    supportingAgencies: a.supportingAgencies.map((s) => ({ id: s.id, name: { en: s.nameEn, cy: s.nameCy } })),
    owner: { id: a.ownerId, name: a.ownerName },
    targetOn: a.targetOn,
    originalTargetOn: a.originalTargetOn,
    status: a.status as ActionStatus,
    rag: a.rag as z.input<typeof ActionSummary>['rag'],
    ragOverridden: a.overridden,
    successMeasure: a.successMeasure,
    completionEvidence: a.completionEvidence,
    impactMeasure: a.impactMeasure,
    reauditOn: a.reauditOn,
    lastUpdateAt: a.lastUpdateAt,
    version: a.version,
  };
}

export default async function actionApiRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { actionPlans, actionProgress, actionSheets, files } = opts.services;

  // ---- The plan ------------------------------------------------------------------------------------------
  app.get(
    PLAN,
    {
      config: { access: 'action.view', audit: 'ACTION_PLAN_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getActionPlan',
        summary: 'A review’s action plan: recommendations with their actions, RAG and status, early learning, monitoring (an agency’s roles: its actions only)',
        params: PlanParams,
        response: { 200: PlanOut, ...problems(400, 404) },
      },
    },
    async (req) => {
      const v = await actionPlans.plan(req.caller(), req.params);
      return {
        reviewId: v.review.id,
        reference: v.review.reference,
        acceptedAt: v.plan?.acceptedAt ?? null,
        monitoringFromOn: v.plan?.monitoringFromOn ?? null,
        horizonOn: v.horizon.on,
        horizonState: String(v.horizon.state),
        closureSignedOffAt: v.plan?.closureSignedOffAt ?? null,
        agencyOnly: v.agencyOnly,
        recommendations: v.recommendations.map((r) => ({ id: r.id, number: r.number, source: r.source, text: r.text, actions: r.actions.map(actionOut) })),
        earlyLearning: v.earlyLearning.map(actionOut),
      };
    },
  );

  app.post(
    `${PLAN}/recommendations`,
    {
      config: { access: 'action.manage', audit: 'BOARD_RECOMMENDATION_ADDED' },
      schema: {
        tags,
        operationId: 'addBoardRecommendation',
        summary: 'Add the board’s own recommendation to the plan (numbered after the report’s)',
        params: PlanParams,
        body: BoardRecommendationIn,
        response: { 201: z.object({ id: Id, number: z.number().int() }), ...problems(400, 404, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await actionPlans.addBoardRecommendation(req.caller(), req.params, req.body)),
  );

  app.post(
    `${PLAN}/recommendations/:recommendationId/actions`,
    {
      config: { access: 'action.manage', audit: 'ACTION_ADDED' },
      schema: {
        tags,
        operationId: 'addAction',
        summary: 'Add an action to a recommendation: lead agency and lead officer (appointed the action owner), target date, measures',
        params: RecommendationParams,
        body: ActionIn,
        response: { 201: z.object({ id: Id, invited: z.boolean() }), ...problems(400, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { recommendationId, ...scope } = req.params;
      const made = await actionPlans.addAction(req.caller(), scope, recommendationId, req.body);
      return reply.code(201).send({ id: made.actionId, invited: made.invited });
    },
  );

  app.post(
    `${PLAN}/acceptance`,
    {
      config: { access: 'action.plan_accept', audit: 'ACTION_PLAN_ACCEPTED' },
      schema: {
        tags,
        operationId: 'acceptActionPlan',
        summary: 'The board chair accepts the plan: monitoring starts today (refused until every recommendation has an action; 409 when accepted)',
        params: PlanParams,
        body: AcceptIn,
        response: { 200: z.object({ monitoringFromOn: z.string(), horizonOn: z.string() }), ...problems(400, 404, 409, 422) },
      },
    },
    async (req) => actionPlans.accept(req.caller(), req.params, req.body),
  );

  // ---- The plan as a spreadsheet -------------------------------------------------------------------------
  app.get(
    urls.actionPlanSpreadsheet.pattern,
    {
      config: { access: 'action.view', audit: 'ACTION_PLAN_EXPORTED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'exportActionPlan',
        summary: 'The plan as xlsx with the DOMAIN §6.6 columns and the action ids (headers in the request’s language)',
        params: PlanParams,
        response: { ...SPREADSHEET_RESPONSE, ...problems(400, 404) },
      },
    },
    async (req, reply) => sendDownload(reply as FastifyReply, await actionSheets.export(req.caller(), req.params, req.lang)),
  );

  app.post(
    urls.actionPlanImport.pattern,
    {
      config: { access: 'action.manage', audit: 'ACTION_PLAN_IMPORTED', multipart: true },
      schema: {
        tags,
        operationId: 'importActionPlan',
        summary:
          'Import an agency’s updates from the exported sheet (multipart/form-data: optional `agencyId` first, the file in `file`): progress and completion only, recorded on the lead agency’s behalf; every row checked, all applied or none (422 lists each row and column)',
        params: PlanParams,
        response: { 200: ImportOut, ...problems(404, 409, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      // Who may first: another board's review is not found before anything is read.
      await actionSheets.mayImport(req.caller(), req.params, null);
      try {
        const { stored } = await readUpload(req, 'file', (file, fields) =>
          actionSheets.import(req.caller(), req.params, file, { agencyId: fields.agencyId || null }),
        );
        if (!stored) throw invalid({ file: 'action-imports:errors.fileRequired' });
        return { rows: stored.rows, actions: stored.actions, updates: stored.updates, moves: stored.moves, agencyIds: stored.agencyIds };
      } catch (error) {
        if (error instanceof UploadRefused) return uploadRefusalProblem(req, reply as FastifyReply, error.reason, 'import', files.limits.maxBytes.import);
        if (error instanceof PlanImportRefused) {
          const errors = error.problems.map((p) => ({
            field: p.column ?? 'file',
            row: p.row,
            code: p.key,
            message: `${p.column ? `${PLAN_COLUMNS.find((c) => c.key === p.column)?.header[req.lang]} ` : ''}${req.t(`action-imports:problems.${p.key}`)}`,
          }));
          return (reply as FastifyReply).problem(422, req.t('errors:problem.invalidTitle'), req.t('action-imports:errors.refused'), {
            errors,
            problemCount: error.problemCount,
          });
        }
        throw error;
      }
    },
  );

  // ---- An action -----------------------------------------------------------------------------------------
  app.get(
    ACTION,
    {
      config: { access: 'action.view', audit: 'ACTION_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'getAction',
        summary: 'One action with its updates, evidence files and revised dates, and what the token holder may do to it',
        params: ActionParams,
        response: { 200: ActionOut, ...problems(400, 404) },
      },
    },
    async (req) => {
      const { actionId, ...scope } = req.params;
      const v = await actionProgress.view(req.caller(), scope, actionId);
      return {
        reviewId: v.review.id,
        reference: v.review.reference,
        action: actionOut(v.action),
        updates: v.updates.map((u) => ({
          id: u.id,
          kind: u.kind,
          narrative: u.narrative,
          statusFrom: u.statusFrom,
          statusTo: u.statusTo,
          boardMeetingId: u.boardMeetingId,
          onBehalfOfAgencyId: u.onBehalfOfAgencyId,
          createdBy: u.createdBy ? { id: u.createdBy, name: u.createdByName } : null,
          createdAt: u.createdAt,
          evidence: u.files.map((f) => ({ fileId: f.id, name: f.name, sizeBytes: f.sizeBytes })),
        })),
        targetRevisions: v.revisions.map((r) => ({ fromOn: r.fromOn, toOn: r.toOn, reason: r.reason, createdAt: r.createdAt })),
        may: v.may,
      };
    },
  );

  app.post(
    `${ACTION}/updates`,
    {
      config: { access: 'action.update', audit: 'ACTION_UPDATED' },
      schema: {
        tags,
        operationId: 'updateAction',
        summary: 'The owner’s progress update: a narrative and the status proposed (on track, at risk, off track) or kept',
        params: ActionParams,
        body: UpdateIn,
        response: { ...DONE, ...problems(400, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { actionId, ...scope } = req.params;
      await actionProgress.update(req.caller(), scope, actionId, req.body);
      return reply.code(204).send();
    },
  );

  app.post(
    `${ACTION}/completion`,
    {
      config: { access: 'action.update', audit: 'ACTION_COMPLETION_PROPOSED', multipart: true },
      schema: {
        tags,
        operationId: 'proposeActionComplete',
        summary: 'The owner proposes the action complete (multipart/form-data: `narrative` first, the evidence file in `evidence`; refused without it)',
        params: ActionParams,
        response: { ...DONE, ...problems(404, 409, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      const { actionId, ...scope } = req.params;
      try {
        const { stored, fields } = await readUpload(req, 'evidence', async (file, fields) => {
          await actionProgress.proposeComplete(req.caller(), scope, actionId, { narrative: fields.narrative ?? '' }, file);
          return true;
        });
        if (!stored) await actionProgress.proposeComplete(req.caller(), scope, actionId, { narrative: fields.narrative ?? '' });
        return reply.code(204).send();
      } catch (error) {
        if (error instanceof UploadRefused)
          return uploadRefusalProblem(req, reply as FastifyReply, error.reason, 'attachment', files.limits.maxBytes.attachment);
        throw error;
      }
    },
  );

  app.post(
    `${ACTION}/verification`,
    {
      config: { access: 'action.verify', audit: 'ACTION_VERIFIED' },
      schema: {
        tags,
        operationId: 'verifyAction',
        summary: 'Verify a proposed completion, or return it with a reason (the business unit or the panel chair; never the action’s owner)',
        params: ActionParams,
        body: VerifyIn,
        response: { ...DONE, ...problems(400, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { actionId, ...scope } = req.params;
      await actionProgress.verify(req.caller(), scope, actionId, req.body);
      return reply.code(204).send();
    },
  );

  app.post(
    `${ACTION}/board-decisions`,
    {
      config: { access: 'action.manage', audit: 'ACTION_BOARD_DECISION_RECORDED' },
      schema: {
        tags,
        operationId: 'recordActionBoardDecision',
        summary:
          'The board’s decision, recorded by the business unit with its meeting: impact evidenced, sustained (from the re-audit date), closed with a reason',
        params: ActionParams,
        body: BoardDecisionIn,
        response: { ...DONE, ...problems(400, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { actionId, ...scope } = req.params;
      await actionProgress.boardDecision(req.caller(), scope, actionId, req.body);
      return reply.code(204).send();
    },
  );

  app.put(
    `${ACTION}/target`,
    {
      config: { access: 'action.manage', audit: 'ACTION_TARGET_REVISED' },
      schema: {
        tags,
        operationId: 'reviseActionTarget',
        summary: 'Revise the target date with a reason, at the version read (409 if the action changed since)',
        params: ActionParams,
        body: TargetIn,
        response: { ...DONE, ...problems(400, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { actionId, ...scope } = req.params;
      await actionPlans.reviseTarget(req.caller(), scope, actionId, req.body);
      return reply.code(204).send();
    },
  );

  app.put(
    `${ACTION}/rag`,
    {
      config: { access: 'action.manage', audit: 'ACTION_RAG_OVERRIDDEN' },
      schema: {
        tags,
        operationId: 'overrideActionRag',
        summary: 'Set the RAG rating with a reason (null: back to the rule), at the version read; it lasts while the status does',
        params: ActionParams,
        body: RagIn,
        response: { ...DONE, ...problems(400, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const { actionId, ...scope } = req.params;
      await actionPlans.overrideRag(req.caller(), scope, actionId, req.body);
      return reply.code(204).send();
    },
  );

  // ---- An owner's actions across reviews ------------------------------------------------------------------
  app.get(
    urls.myActions.pattern,
    {
      config: { access: 'action.view', audit: 'MY_ACTIONS_VIEWED', reads: 'case-material' },
      schema: {
        tags,
        operationId: 'listMyActions',
        summary: `The token holder’s actions across reviews (theirs, and their agency’s where they are an owner), soonest target first, ${MINE_PAGE_SIZE} a page`,
        querystring: MineQuery,
        response: { 200: MineOut, ...problems(400) },
      },
    },
    async (req) => {
      const page = req.query.page;
      const found = await actionProgress.mine(req.caller(), { limit: MINE_PAGE_SIZE, offset: (page - 1) * MINE_PAGE_SIZE });
      return {
        total: found.total,
        page,
        actions: found.rows.map((a) => ({ ...actionOut(a), reviewId: a.reviewId, boardId: a.boardId, reference: a.reference })),
      };
    },
  );
}
