// Role assignments on the person page: add a role (on a board where the administrator may manage
// roles; deployment-wide administrator and board chair only for deployment administrators; never for
// oneself) and end a role. A case role waits for the board chair's confirmation (role-grants pages).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import { isDeploymentAdministrator } from '../../../domain/permissions.ts';
import { BOARD_ROLES, type BoardRole, showsCaseMaterial } from '../../../domain/roles.ts';
import type { FieldErrors } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { isInvalid, parseForm } from '../../forms.ts';
import { raw, viewHelpers } from './form-helpers.ts';

const DEPLOYMENT = 'deployment';

function roleForm(roles: BoardRole[], boardIds: string[]) {
  return z.object({
    role: z
      .string({ error: 'role.required' })
      .min(1, 'role.required')
      .refine((v) => (roles as string[]).includes(v), 'role.unknown')
      .transform((v) => v as BoardRole),
    boardId: z
      .string({ error: 'role.boardRequired' })
      .min(1, 'role.boardRequired')
      .refine((v) => boardIds.includes(v), 'board.unknown'),
  });
}

export default async function roleRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation, people, roles } = opts.services;

  const personParam = async (req: FastifyRequest) => {
    const { personId } = req.params as { personId: string };
    return people.get(req.caller(), personId, 'person.manage');
  };

  async function addContext(req: FastifyRequest) {
    const boards = await organisation.listBoardsWhere(req.caller(), 'role.manage');
    const boardOptions = boards.map((b) => ({ value: b.id, text: localName(b, req.lang) }));
    const deploymentAdmin = req.actor ? isDeploymentAdministrator(req.actor) : false;
    if (deploymentAdmin) boardOptions.unshift({ value: DEPLOYMENT, text: req.t('common:deploymentWide') });
    // A board's chair is appointed by a deployment administrator; case roles wait for confirmation.
    const offered = BOARD_ROLES.filter((r) => deploymentAdmin || r !== 'board_chair');
    const hint = (r: BoardRole) =>
      r !== 'board_chair' && showsCaseMaterial(r) ? `${req.t(`admin:roleHints.${r}`)}. ${req.t('admin:roleNew.confirmedHint')}` : req.t(`admin:roleHints.${r}`);
    return {
      offered,
      roleOptions: offered.map((r) => ({ value: r, text: req.t(`common:roles.${r}`), hint: { text: hint(r) } })),
      boardOptions,
      fieldIds: { role: 'role', boardId: 'boardId' },
      ...viewHelpers(req.t),
    };
  }

  app.get(urls.personRoleNew.pattern, { config: { access: 'role.manage', audit: 'ROLE_ADD_VIEWED' } }, async (req, reply) => {
    const person = await personParam(req);
    if (person.deactivatedAt) return reply.redirect(urls.person(person.id));
    if (person.id === req.actor?.personId) {
      req.session.flash = req.t('errors:role.self');
      return reply.redirect(urls.person(person.id));
    }
    return reply.page('features/admin/role-new.njk', { person, ...(await addContext(req)), values: { role: '', boardId: '' } });
  });

  app.post(urls.personRoleNew.pattern, { config: { access: 'role.manage', audit: 'ROLE_ASSIGNED' } }, async (req, reply) => {
    const person = await personParam(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const context = await addContext(req);
    const values = { role: raw(body, 'role'), boardId: raw(body, 'boardId') };
    const show = (errors: FieldErrors) => reply.page('features/admin/role-new.njk', { person, ...context, values }, { errors });
    const form = parseForm(
      roleForm(
        context.offered,
        context.boardOptions.map((o) => o.value),
      ),
      body,
    );
    if (!form.ok) return show(form.errors);
    let status: 'active' | 'waiting';
    try {
      ({ status } = await roles.assignRole(req.caller(), person.id, {
        role: form.data.role,
        boardId: form.data.boardId === DEPLOYMENT ? null : form.data.boardId,
      }));
    } catch (error) {
      if (isInvalid(error)) return show(error.fieldErrors);
      throw error;
    }
    const added = status === 'waiting' ? 'admin:role.addedWaiting' : 'admin:role.added';
    req.session.flash = req.t(added, { role: req.t(`common:roles.${form.data.role}`), name: person.fullName });
    return reply.redirect(urls.person(person.id));
  });

  async function endContext(req: FastifyRequest, reply: FastifyReply) {
    const person = await personParam(req);
    const { assignmentId } = req.params as { assignmentId: string };
    const held = await people.roles(req.caller(), person.id, 'person.manage');
    const assignment = held.find((r) => r.id === assignmentId && r.scope.type !== 'review');
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
        waiting: assignment.status === 'waiting',
        role: req.t(`common:roles.${assignment.role}`),
        board: board ? localName(board, req.lang) : req.t('common:deploymentWide'),
      },
      fieldIds: { role: 'confirm' },
    };
  }

  app.get(urls.personRoleEnd.pattern, { config: { access: 'role.manage', audit: 'ROLE_END_VIEWED' } }, async (req, reply) => {
    const context = await endContext(req, reply);
    if (!context) return reply;
    return reply.page('features/admin/role-end.njk', context);
  });

  app.post(urls.personRoleEnd.pattern, { config: { access: 'role.manage', audit: 'ROLE_ENDED' } }, async (req, reply) => {
    const context = await endContext(req, reply);
    if (!context) return reply;
    try {
      await roles.endRole(req.caller(), context.assignment.id);
    } catch (error) {
      if (isInvalid(error)) return reply.page('features/admin/role-end.njk', context, { errors: error.fieldErrors });
      throw error;
    }
    const ended = context.assignment.waiting ? 'admin:role.withdrawn' : 'admin:role.ended';
    req.session.flash = req.t(ended, { role: context.assignment.role, name: context.person.fullName });
    return reply.redirect(urls.person(context.person.id));
  });
}
