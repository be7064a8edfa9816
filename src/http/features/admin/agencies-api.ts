// Partner agencies: list (optionally of one board), read, create and replace.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { problems } from '../../api/schemas.ts';
import { Agency, AgencyCreate, AgencyParams, AgencyQuery, AgencyReplace } from './api-schemas.ts';

const tags = ['agencies'];

export default async function agencyRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { organisation } = opts.services;

  app.get(
    '/agencies',
    {
      config: { access: 'agency.view', audit: 'AGENCIES_LISTED' },
      schema: {
        tags,
        operationId: 'listAgencies',
        summary: 'Agencies of the boards the token holder can see',
        querystring: AgencyQuery,
        response: { 200: z.object({ agencies: z.array(Agency) }), ...problems(400, 404) },
      },
    },
    async (req) => ({ agencies: await organisation.listAgencies(req.caller(), req.query.boardId) }),
  );

  app.post(
    '/agencies',
    {
      config: { access: 'agency.manage', audit: 'AGENCY_CREATED' },
      schema: {
        tags,
        operationId: 'createAgency',
        summary: 'Add an agency to one or more boards',
        body: AgencyCreate,
        response: { 201: Agency, ...problems(400, 413, 422) },
      },
    },
    async (req, reply) => {
      const agency = await organisation.createAgency(req.caller(), req.body);
      return reply
        .code(201)
        .header('location', `${req.url.replace(/\?.*$/, '')}/${agency.id}`)
        .send(agency);
    },
  );

  app.get(
    '/agencies/:agencyId',
    {
      config: { access: 'agency.view', audit: 'AGENCY_VIEWED' },
      schema: { tags, operationId: 'getAgency', summary: 'One agency', params: AgencyParams, response: { 200: Agency, ...problems(400, 404) } },
    },
    async (req) => organisation.getAgency(req.caller(), req.params.agencyId),
  );

  app.put(
    '/agencies/:agencyId',
    {
      config: { access: 'agency.manage', audit: 'AGENCY_UPDATED' },
      schema: {
        tags,
        operationId: 'replaceAgency',
        summary: 'Replace an agency’s details and boards',
        params: AgencyParams,
        body: AgencyReplace,
        response: { 200: Agency, ...problems(400, 404, 413, 422) },
      },
    },
    async (req) => organisation.updateAgency(req.caller(), req.params.agencyId, req.body),
  );
}
