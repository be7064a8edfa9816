// Role assignments on the person page: add a role (on a board where the administrator may manage
// roles; deployment-wide administrator only for deployment administrators) and end a role.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import { isDeploymentAdministrator } from '../../../domain/permissions.ts';
import { BOARD_ROLES } from '../../../domain/roles.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { isInvalid, parseForm } from '../../forms.ts';
import { raw, viewHelpers } from './form-helpers.ts';

const DEPLOYMENT = 'deployment';

function roleForm(boardIds: string[]) {
  return z.object({
    role: z.enum(BOARD_ROLES, { error: 'role.required' }),
    boardId: z
      .string({ error: 'role.boardRequired' })
      .min(1, 'role.boardRequired')
      .refine((v) => boardIds.includes(v), 'board.unknown'),
  });
}

export default async function roleRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation, people } = opts.services;

  const personParam = async (req: FastifyRequest) => {
    const { personId } = req.params as { personId: string };
    return people.get(req.caller(), personId, 'person.manage');
  };

  async function addContext(req: FastifyRequest) {
    const boards = await organisation.listBoardsWhere(req.caller(), 'role.manage');
    const boardOptions = boards.map((b) => ({ value: b.id, text: localName(b, req.lang) }));
    if (req.actor && isDeploymentAdministrator(req.actor)) boardOptions.unshift({ value: DEPLOYMENT, text: req.t('common:deploymentWide') });
    return {
      roleOptions: BOARD_ROLES.map((r) => ({ value: r, text: req.t(`common:roles.${r}`), hint: { text: req.t(`admin:roleHints.${r}`) } })),
      boardOptions,
      fieldIds: { role: 'role', boardId: 'boardId' },
      ...viewHelpers(req.t),
    };
  }

  app.get('/admin/people/:personId/roles/new', { config: { access: 'role.manage', audit: 'ROLE_ADD_VIEWED' } }, async (req, reply) => {
    const person = await personParam(req);
    if (person.deactivatedAt) return reply.redirect(`/admin/people/${person.id}`);
    return reply.page('features/admin/role-new.njk', { person, ...(await addContext(req)), values: { role: '', boardId: '' } });
  });

  app.post('/admin/people/:personId/roles/new', { config: { access: 'role.manage', audit: 'ROLE_ASSIGNED' } }, async (req, reply) => {
    const person = await personParam(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const context = await addContext(req);
    const values = { role: raw(body, 'role'), boardId: raw(body, 'boardId') };
    const show = (errors: FieldErrors) => reply.page('features/admin/role-new.njk', { person, ...context, values }, { errors });
    const form = parseForm(roleForm(context.boardOptions.map((o) => o.value)), body);
    if (!form.ok) return show(form.errors);
    try {
      await people.assignRole(req.caller(), person.id, { role: form.data.role, boardId: form.data.boardId === DEPLOYMENT ? null : form.data.boardId });
    } catch (error) {
      if (isInvalid(error)) return show(error.fieldErrors);
      throw error;
    }
    req.session.flash = req.t('admin:role.added', { role: req.t(`common:roles.${form.data.role}`), name: person.fullName });
    return reply.redirect(`/admin/people/${person.id}`);
  });

  async function endContext(req: FastifyRequest, reply: FastifyReply) {
    const person = await personParam(req);
    const { assignmentId } = req.params as { assignmentId: string };
    const assignment = person.roles.find((r) => r.id === assignmentId && r.scope.type !== 'review');
    if (!assignment) {
      reply.callNotFound();
      return undefined;
    }
    const board =
      assignment.scope.type === 'deployment' ? undefined : await organisation.getBoard(req.caller(), assignment.scope.boardId).catch(() => undefined);
    return {
      person,
      assignment: {
        id: assignment.id,
        role: req.t(`common:roles.${assignment.role}`),
        board: board ? localName(board, req.lang) : req.t('common:deploymentWide'),
      },
      fieldIds: { role: 'confirm' },
    };
  }

  app.get('/admin/people/:personId/roles/:assignmentId/end', { config: { access: 'role.manage', audit: 'ROLE_END_VIEWED' } }, async (req, reply) => {
    const context = await endContext(req, reply);
    if (!context) return reply;
    return reply.page('features/admin/role-end.njk', context);
  });

  app.post('/admin/people/:personId/roles/:assignmentId/end', { config: { access: 'role.manage', audit: 'ROLE_ENDED' } }, async (req, reply) => {
    const context = await endContext(req, reply);
    if (!context) return reply;
    try {
      await people.endRole(req.caller(), context.assignment.id);
    } catch (error) {
      if (isInvalid(error)) return reply.page('features/admin/role-end.njk', context, { errors: error.fieldErrors });
      throw error;
    }
    req.session.flash = req.t('admin:role.ended', { role: context.assignment.role, name: context.person.fullName });
    return reply.redirect(`/admin/people/${context.person.id}`);
  });
}
