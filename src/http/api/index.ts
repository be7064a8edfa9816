// The JSON API under /api/v1: bearer tokens (the auth plugin), zod schemas for every request and
// response (validation, serialisation and the OpenAPI 3.1 document at /api/v1/openapi.json), and
// problem+json errors (the errors plugin). The validator, serialiser and swagger live only in this scope.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Services } from '../../container.ts';
import { API_PREFIX } from '../../urls.ts';
import meRoutes from '../features/account/api.ts';
import actionApiRoutes from '../features/action-api/api.ts';
import actionReportApiRoutes from '../features/action-api/report-api.ts';
import actionChallengeApi from '../features/action-challenges/api.ts';
import agencyRoutes from '../features/admin/agencies-api.ts';
import boardRoutes from '../features/admin/boards-api.ts';
import peopleRoutes from '../features/admin/people-api.ts';
import anonymisationApi from '../features/anonymisation/api.ts';
import boardMeetingApi from '../features/board-meetings/api.ts';
import chronologyApiRoutes from '../features/chronology/api.ts';
import considerationRoutes from '../features/consideration/api.ts';
import meetingRoutes from '../features/consideration/meetings-api.ts';
import contributionApiRoutes from '../features/contributions/api.ts';
import dictionaryApi from '../features/dictionary/api.ts';
import earlyLearningApi from '../features/early-learning/api.ts';
import familyApi from '../features/family/api.ts';
import fileStorageRoutes from '../features/file-storage/api.ts';
import jobApiRoutes from '../features/jobs/api.ts';
import learningEventApi from '../features/learning-event/api.ts';
import milestoneApiRoutes from '../features/milestones/api.ts';
import packetApi from '../features/packet/api.ts';
import panelApiRoutes from '../features/panel/api.ts';
import publicationApi from '../features/publication/api.ts';
import referralRoutes from '../features/referrals/api.ts';
import reportApiRoutes from '../features/report/api.ts';
import reviewLibraryApi from '../features/review-library/api.ts';
import reviewApiRoutes from '../features/reviews/api.ts';
import reviewSetupApiRoutes from '../features/reviews/setup-api.ts';
import roleGrantRoutes from '../features/role-grants/api.ts';
import summaryApi from '../features/summary/api.ts';
import termsApiRoutes from '../features/terms-of-reference/api.ts';
import { apiRegistry } from './schemas.ts';

async function apiV1(app: FastifyInstance, opts: { services: Services }) {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Who is asking comes before what they sent: validation failures are held back until the auth
  // plugin's preHandler has accepted the token and the permission (so no token is a 401, never a 400).
  app.addHook('onRoute', (route) => {
    route.attachValidation = true;
  });
  app.addHook('preHandler', async (req) => {
    if (req.validationError) throw req.validationError;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `${opts.services.config.serviceName} API`,
        version: '1.0.0',
        description:
          'Boards, agencies, people and their roles (case roles granted by administrators wait for the board’s confirmation); referrals, management group meetings, recommendations and the board chair’s decisions. Authenticate with `Authorization: Bearer <token>`; an administrator makes tokens with `case-review token create --email <email>`. Errors are application/problem+json (RFC 9457). Dates are YYYY-MM-DD.',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token from `case-review token create`' } },
      },
      security: [{ bearerAuth: [] }],
      tags: [
        { name: 'boards', description: 'Safeguarding boards' },
        { name: 'agencies', description: 'Partner agencies of boards' },
        { name: 'people', description: 'People and their roles' },
        { name: 'role grants', description: 'Case roles granted by administrators, waiting for the board’s confirmation' },
        { name: 'me', description: 'The token holder' },
        { name: 'referrals', description: 'Referrals of serious incidents (case material: never for administrators)' },
        { name: 'meetings', description: 'Management group meetings' },
        { name: 'consideration', description: 'Criteria, the management group’s recommendation and the board chair’s decision' },
        { name: 'reviews', description: 'Reviews the board decided to hold: where each stands, its clock and holds, and moving it (case material)' },
        { name: 'milestones', description: 'A review’s milestone plan (planned, met, slippage, history) and its panel meetings (case material)' },
        { name: 'review documents', description: 'A review’s document library: documents and their versions, uploaded and downloaded (case material)' },
        {
          name: 'panel',
          description:
            'The board’s register of independent chairs and reviewers, and each review’s panel: agency members, nominations, independence declarations and appointments of the independent roles (case material)',
        },
        {
          name: 'contributions',
          description:
            'Agency contributions to a review (IMRs, timelines): requests, declarations, drafts, sign-off, waivers; agencies’ contacts (case material)',
        },
        {
          name: 'chronology',
          description:
            'The chronology: each agency’s entries (while its contribution is drafted), sharing with the panel, the merged chronology (anonymised or named) and key events (case material)',
        },
        {
          name: 'terms of reference',
          description: 'A review’s terms of reference: versions, sections, the panel chair’s approval, changes and documents (case material)',
        },
        {
          name: 'review report',
          description:
            'A review’s report (overview report and executive summary, or the reviewers’ report): versions, sections, the panel’s comments and QA sign-off, the board’s acceptance (R4) and review recommendations (case material)',
        },
        {
          name: 'executive summary',
          description:
            'A review’s executive summary for publication in English and Welsh: each language’s versions and sections, approval (freezing the action plan’s figures the board’s statement quotes), the translation request, the parity check and documents (case material)',
        },
        {
          name: 'publication',
          description:
            'A review’s publication: the board’s decision (what is published, or not, with reasons; the embargoed release time; the press statement and the 7-minute briefing), the welfare check, holds, the chair’s override of ongoing criminal proceedings and approval, and every gate still closed (case material)',
        },
        {
          name: 'action plans',
          description:
            'A review’s action plan: recommendations and actions, owners’ updates and evidence, verification, the board’s decisions, RAG, acceptance, and the plan as a spreadsheet with its import for agencies without accounts (case material)',
        },
        {
          name: 'action reports',
          description:
            'The board’s progress report on its action plans and each partner agency’s actions across the board’s reviews (those it leads and those it supports): figures, review references, dates and codes, never an action’s text (audited reads)',
        },
        { name: 'board meetings', description: 'The board’s own meetings: agenda, attendance, minutes (audited reads)' },
        { name: 'jobs', description: 'Background jobs (email, housekeeping), for deployment administrators' },
        { name: 'file storage', description: 'The deployment’s file storage check: test files for deployment administrators (no case material)' },
      ],
    },
    transform: createJsonSchemaTransform({ schemaRegistry: apiRegistry }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: apiRegistry }),
  });

  app.get('/openapi.json', { schema: { hide: true }, config: { access: 'public', audit: 'API_DESCRIPTION_VIEWED' } }, async (_req, reply) =>
    reply.type('application/json; charset=utf-8').send(app.swagger()),
  );

  await app.register(boardRoutes, { services: opts.services });
  await app.register(agencyRoutes, { services: opts.services });
  await app.register(peopleRoutes, { services: opts.services });
  await app.register(roleGrantRoutes, { services: opts.services });
  await app.register(meRoutes, { services: opts.services });
  await app.register(referralRoutes, { services: opts.services });
  await app.register(meetingRoutes, { services: opts.services });
  await app.register(considerationRoutes, { services: opts.services });
  await app.register(jobApiRoutes, { services: opts.services });
  await app.register(reviewApiRoutes, { services: opts.services });
  await app.register(milestoneApiRoutes, { services: opts.services });
  await app.register(reviewLibraryApi, { services: opts.services });
  await app.register(earlyLearningApi, { services: opts.services });
  await app.register(familyApi, { services: opts.services });
  await app.register(dictionaryApi, { services: opts.services });
  await app.register(packetApi, { services: opts.services });
  await app.register(summaryApi, { services: opts.services });
  await app.register(anonymisationApi, { services: opts.services });
  await app.register(publicationApi, { services: opts.services });
  await app.register(learningEventApi, { services: opts.services });
  await app.register(reviewSetupApiRoutes, { services: opts.services });
  await app.register(panelApiRoutes, { services: opts.services });
  await app.register(contributionApiRoutes, { services: opts.services });
  await app.register(chronologyApiRoutes, { services: opts.services });
  await app.register(termsApiRoutes, { services: opts.services });
  await app.register(reportApiRoutes, { services: opts.services });
  await app.register(boardMeetingApi, { services: opts.services });
  await app.register(actionChallengeApi, { services: opts.services });
  await app.register(actionApiRoutes, { services: opts.services });
  await app.register(actionReportApiRoutes, { services: opts.services });
  await app.register(fileStorageRoutes, { services: opts.services });
}

export default async function apiRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(apiV1, { ...opts, prefix: API_PREFIX });
}
