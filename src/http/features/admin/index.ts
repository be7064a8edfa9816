// Administration: boards, agencies, people, their roles and invitations. Every page needs an
// administrator's permission; records of boards the administrator does not administer are not found.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import { can, isDeploymentAdministrator } from '../../../domain/permissions.ts';
import { urls } from '../../../urls.ts';
import agencyRoutes from './agencies.ts';
import boardRoutes from './boards.ts';
import invitationRoutes from './invitations.ts';
import peopleRoutes from './people.ts';
import personRoutes from './person.ts';
import personEditRoutes from './person-edit.ts';
import roleRoutes from './roles.ts';

export default async function adminRoutes(app: FastifyInstance, opts: { services: Services }) {
  app.get(urls.admin.pattern, { config: { access: 'board.manage', audit: 'ADMIN_INDEX_VIEWED' } }, async (req, reply) => {
    const actor = req.actor;
    const t = req.t;
    const sections = [];
    if (actor && isDeploymentAdministrator(actor)) sections.push({ href: urls.boards(), title: t('admin:index.boards'), text: t('admin:index.boardsAll') });
    else if (can(actor, 'board.manage')) sections.push({ href: urls.boards(), title: t('admin:index.boards'), text: t('admin:index.boardsOwn') });
    if (can(actor, 'agency.manage')) sections.push({ href: urls.agencies(), title: t('admin:index.agencies'), text: t('admin:index.agenciesText') });
    if (can(actor, 'person.manage')) sections.push({ href: urls.people(), title: t('admin:index.people'), text: t('admin:index.peopleText') });
    if (can(actor, 'audit.view')) sections.push({ href: urls.audit(), title: t('admin:index.audit'), text: t('admin:index.auditText') });
    if (can(actor, 'deployment.administer')) sections.push({ href: urls.jobs(), title: t('jobs:title'), text: t('jobs:index.text') });
    if (actor && isDeploymentAdministrator(actor))
      sections.push({ href: urls.fileStorage(), title: t('files:storage.title'), text: t('files:storage.indexText') });
    return reply.page('features/admin/admin.njk', { sections });
  });

  await app.register(boardRoutes, opts);
  await app.register(agencyRoutes, opts);
  await app.register(peopleRoutes, opts);
  await app.register(personRoutes, opts);
  await app.register(personEditRoutes, opts);
  await app.register(roleRoutes, opts);
  await app.register(invitationRoutes, opts);
}
