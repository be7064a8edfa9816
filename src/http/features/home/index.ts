// The signed-in home page (the boards the person holds roles on) and the static information pages.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import { can } from '../../../domain/permissions.ts';

export default async function homeRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation } = opts.services;

  app.get('/', { config: { access: 'signed-in', audit: 'HOME_VIEWED' } }, async (req, reply) => {
    const actor = req.actor;
    if (!actor) return reply.redirect('/sign-in');
    const boards = await organisation.listBoards(req.caller());
    const rows = boards.map((b) => ({
      id: b.id,
      code: b.code,
      name: localName(b, req.lang),
      href: can(actor, 'referral.view', { boardId: b.id }) ? `/boards/${b.id}` : undefined,
      roles: actor.grants
        .filter((g) => g.scope.type === 'deployment' || g.scope.boardId === b.id)
        .map((g) => (g.scope.type === 'deployment' ? req.t('common:deploymentWide') : req.t(`common:roles.${g.role}`))),
    }));
    return reply.page('features/home/home.njk', { boards: rows });
  });

  app.get('/accessibility', { config: { access: 'public', audit: 'ACCESSIBILITY_VIEWED' } }, async (req, reply) =>
    reply.page('features/home/static.njk', { title: req.t('common:static.accessibilityTitle'), body: req.t('common:static.accessibilityBody') }),
  );
  app.get('/privacy', { config: { access: 'public', audit: 'PRIVACY_VIEWED' } }, async (req, reply) =>
    reply.page('features/home/static.njk', { title: req.t('common:static.privacyTitle'), body: req.t('common:static.privacyBody') }),
  );
}
