// The token holder: who they are and the roles they hold.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../../container.ts';
import { forbidden } from '../../../services/context.ts';
import { Me, problems } from '../../api/schemas.ts';

export default async function meRoutes(root: FastifyInstance, _opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/me',
    {
      config: { access: 'signed-in', audit: 'API_ME_VIEWED' },
      schema: { tags: ['me'], operationId: 'getMe', summary: 'The person the token belongs to', response: { 200: Me, ...problems() } },
    },
    async (req) => {
      const actor = req.actor;
      if (!actor) throw forbidden();
      return {
        id: actor.personId,
        fullName: actor.fullName,
        email: actor.email,
        twoFactorEnrolled: actor.twoFactorEnrolled,
        roles: actor.grants.map((g) => ({ role: g.role, scope: g.scope.type, boardId: g.scope.type === 'deployment' ? null : g.scope.boardId })),
      };
    },
  );
}
