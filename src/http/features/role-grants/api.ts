// Role grants waiting for confirmation (docs/adr/0007): the board chair (information governance when the
// chair is the person concerned) lists the case roles administrators granted on their boards, and
// confirms or declines them. Never the person concerned nor who granted it. Reads are audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import type { GrantForConfirmer } from '../../../services/role-service.ts';
import { problems, RoleAssignment, RoleGrant, RoleGrantDecline, RoleGrantParams, RoleGrantQuery, roleOut } from '../../api/schemas.ts';

const tags = ['role grants'];

function grantOut(g: GrantForConfirmer) {
  return {
    id: g.id,
    personId: g.personId,
    personName: g.personName,
    personEmail: g.personEmail,
    role: g.role,
    boardId: g.boardId,
    grantedBy: g.grantedBy,
    grantedByName: g.grantedByName,
    grantedAt: g.grantedAt,
    confirmedBy: g.confirmedBy,
    canDecide: g.canDecide,
  };
}

export default async function roleGrantRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { roles } = opts.services;

  app.get(
    '/role-grants',
    {
      config: { access: 'role.confirm', audit: 'ROLE_GRANTS_LISTED', reads: 'audited-record' },
      schema: {
        tags,
        operationId: 'listRoleGrants',
        summary: 'Case roles waiting for confirmation on the boards where the token holder is chair or information governance (oldest first, at most 200)',
        querystring: RoleGrantQuery,
        response: { 200: z.object({ grants: z.array(RoleGrant) }), ...problems(400, 404) },
      },
    },
    async (req) => ({ grants: (await roles.waitingGrants(req.caller(), { boardId: req.query.boardId })).map(grantOut) }),
  );

  app.get(
    '/role-grants/:grantId',
    {
      config: { access: 'role.confirm', audit: 'ROLE_GRANT_VIEWED', reads: 'audited-record' },
      schema: {
        tags,
        operationId: 'getRoleGrant',
        summary: 'One grant waiting for confirmation',
        params: RoleGrantParams,
        response: { 200: RoleGrant, ...problems(400, 404) },
      },
    },
    async (req) => grantOut(await roles.waitingGrant(req.caller(), req.params.grantId)),
  );

  app.post(
    '/role-grants/:grantId/confirm',
    {
      config: { access: 'role.confirm', audit: 'ROLE_GRANT_CONFIRMED' },
      schema: {
        tags,
        operationId: 'confirmRoleGrant',
        summary: 'Confirm a grant: the role takes effect at once (the role assignment keeps the grant’s id)',
        params: RoleGrantParams,
        response: { 200: RoleAssignment, ...problems(400, 404, 409) },
      },
    },
    async (req) => roleOut(await roles.confirmGrant(req.caller(), req.params.grantId)),
  );

  app.post(
    '/role-grants/:grantId/decline',
    {
      config: { access: 'role.confirm', audit: 'ROLE_GRANT_DECLINED' },
      schema: {
        tags,
        operationId: 'declineRoleGrant',
        summary: 'Decline a grant, saying why: the role never takes effect',
        params: RoleGrantParams,
        body: RoleGrantDecline,
        response: { 204: z.undefined().describe('The grant was declined'), ...problems(400, 404, 409, 413, 422) },
      },
    },
    async (req, reply) => {
      await roles.declineGrant(req.caller(), req.params.grantId, req.body.reason);
      return reply.code(204).send();
    },
  );
}
