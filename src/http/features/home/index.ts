// The signed-in home page (what each of the person's roles lets them do, and where) and the static
// information pages.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import { urls } from '../../../urls.ts';
import { homeView } from './tasks.ts';

export default async function homeRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation, reviews } = opts.services;

  app.get(urls.home.pattern, { config: { access: 'signed-in', audit: 'HOME_VIEWED' } }, async (req, reply) => {
    const actor = req.actor;
    if (!actor) return reply.redirect(urls.signIn());
    const [boards, mine] = await Promise.all([organisation.listBoards(req.caller()), reviews.mine(req.caller())]);
    const view = homeView(
      actor,
      boards.map((b) => ({ id: b.id, code: b.code, name: localName(b, req.lang) })),
      mine,
    );
    return reply.page('features/home/home.njk', { ...view });
  });

  app.get(urls.accessibility.pattern, { config: { access: 'public', audit: 'ACCESSIBILITY_VIEWED' } }, async (req, reply) =>
    reply.page('features/home/static.njk', { title: req.t('common:static.accessibilityTitle'), body: req.t('common:static.accessibilityBody') }),
  );
  app.get(urls.privacy.pattern, { config: { access: 'public', audit: 'PRIVACY_VIEWED' } }, async (req, reply) =>
    reply.page('features/home/static.njk', { title: req.t('common:static.privacyTitle'), body: req.t('common:static.privacyBody') }),
  );
}
