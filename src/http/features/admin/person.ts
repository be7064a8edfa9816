// A person's page: their details, roles (in effect and waiting for confirmation), email change waiting
// for confirmation, and invitations. It offers only what the reader may do: changing the account and
// invitations only to those who may change it (domain/accounts.ts), never a role for oneself.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import { isDeploymentAdministrator } from '../../../domain/permissions.ts';
import type { RoleView } from '../../../services/role-service.ts';
import { urls } from '../../../urls.ts';
import { displayDateTime } from './form-helpers.ts';

export default async function personRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation, people, config } = opts.services;

  function roleRows(req: FastifyRequest, roles: RoleView[], boardName: Map<string, string>, roleBoards: Set<string>) {
    const t = req.t;
    const deploymentAdmin = req.actor ? isDeploymentAdministrator(req.actor) : false;
    return roles
      .filter((r) => r.scope.type !== 'review')
      .map((r) => {
        const boardId = r.scope.type === 'deployment' ? null : r.scope.boardId;
        return {
          id: r.id,
          role: t(`common:roles.${r.role}`),
          board: boardId === null ? t('common:deploymentWide') : (boardName.get(boardId) ?? ''),
          since: displayDateTime(t, r.createdAt),
          waiting: r.status === 'waiting',
          canEnd: boardId === null ? deploymentAdmin : roleBoards.has(boardId),
        };
      });
  }

  app.get(urls.person.pattern, { config: { access: 'person.manage', audit: 'PERSON_VIEWED' } }, async (req, reply) => {
    const { personId } = req.params as { personId: string };
    const caller = req.caller();
    const person = await people.get(caller, personId, 'person.manage');
    const [boards, agency, canManage, roles, roleBoards] = await Promise.all([
      organisation.listBoards(caller),
      person.agencyId ? organisation.getAgency(caller, person.agencyId).catch(() => undefined) : undefined,
      people.canManage(caller, person),
      people.roles(caller, person.id, 'person.manage'),
      organisation.listBoardsWhere(caller, 'role.manage'),
    ]);
    const [invitations, emailChange] = canManage
      ? await Promise.all([people.openInvitations(caller, person.id), people.pendingEmailChange(caller, person.id)])
      : [[], undefined];
    const boardName = new Map(boards.map((b) => [b.id, localName(b, req.lang)]));
    const t = req.t;
    const rows = [
      { key: { text: t('admin:person.fullName') }, value: { text: person.fullName } },
      { key: { text: t('admin:person.email') }, value: { text: person.email } },
      ...(emailChange
        ? [
            {
              key: { text: t('admin:emailChange.waitingRow') },
              value: { text: t('admin:emailChange.waitingValue', { email: emailChange.newEmail, expires: displayDateTime(t, emailChange.expiresAt) }) },
            },
          ]
        : []),
      { key: { text: t('admin:person.jobTitle') }, value: { text: person.jobTitle ?? t('admin:notGiven') } },
      { key: { text: t('admin:person.agency') }, value: { text: agency ? localName(agency, req.lang) : t('admin:person.independent') } },
      { key: { text: t('admin:person.language') }, value: { text: t(`common:languages.${person.language}`) } },
      {
        key: { text: t('admin:person.account') },
        value: {
          text: person.hasPassword
            ? t(person.twoFactorEnabled ? 'admin:person.accountReadyTwoFactor' : 'admin:person.accountReady')
            : t('admin:person.accountNotSetUp'),
        },
      },
      {
        key: { text: t('admin:person.status') },
        value: { text: person.deactivatedAt ? t('admin:person.deactivatedOn', { date: displayDateTime(t, person.deactivatedAt) }) : t('admin:status.active') },
      },
    ];
    const isSelf = req.actor?.personId === person.id;
    return reply.page('features/admin/person.njk', {
      person,
      rows,
      roles: roleRows(req, roles, boardName, new Set(roleBoards.map((b) => b.id))),
      canManage,
      emailChangeWaiting: emailChange !== undefined,
      // No one gives themselves a role.
      canAddRole: roleBoards.length > 0 && !person.deactivatedAt && !isSelf,
      invitations: invitations.map((i) => ({ id: i.id, expires: displayDateTime(t, i.expiresAt) })),
      sendsEmail: config.smtpUrl !== undefined,
      isSelf,
    });
  });
}
