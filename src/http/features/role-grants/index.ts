// Role confirmations: the grants of case roles waiting on the reader's boards (the chair's and
// information governance's), and a page to confirm or decline one. Who may decide a grant is
// domain/accounts.ts mayDecideGrant; others see it without the form. Every read is audited.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import type { GrantForConfirmer } from '../../../services/role-service.ts';
import { urls } from '../../../urls.ts';
import { displayDateTime } from '../../dates.ts';
import { choose, isInvalid, parseForm, raw } from '../../forms.ts';

const DecisionForm = z
  .object({
    decision: z.enum(['confirm', 'decline'], { error: 'roleGrant.decisionRequired' }),
    reason: z.string().trim().max(1000, 'roleGrant.reasonTooLong').prefault(''),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'decline' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'roleGrant.reasonRequired' });
  });

export default async function roleGrantRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation, roles } = opts.services;

  async function view(req: FastifyRequest, grants: GrantForConfirmer[]) {
    const boards = await organisation.listBoards(req.caller());
    const boardName = new Map(boards.map((b) => [b.id, localName(b, req.lang)]));
    return grants.map((g) => ({
      id: g.id,
      personName: g.personName,
      personEmail: g.personEmail,
      role: req.t(`common:roles.${g.role}`),
      board: boardName.get(g.boardId) ?? '',
      grantedBy: g.grantedByName,
      grantedAt: displayDateTime(req.t, g.grantedAt),
      confirmedBy: req.t(`common:roles.${g.confirmedBy}`),
      canDecide: g.canDecide,
    }));
  }

  app.get(urls.roleGrants.pattern, { config: { access: 'role.confirm', audit: 'ROLE_GRANTS_LISTED', reads: 'audited-record' } }, async (req, reply) => {
    const grants = await view(req, await roles.waitingGrants(req.caller()));
    return reply.page('features/role-grants/role-grants.njk', { grants });
  });

  async function decisionContext(req: FastifyRequest) {
    const { grantId } = req.params as { grantId: string };
    const [grant] = await view(req, [await roles.waitingGrant(req.caller(), grantId)]);
    return {
      grant,
      decisions: [
        { value: 'confirm', text: req.t('admin:roleGrants.confirmOption') },
        { value: 'decline', text: req.t('admin:roleGrants.declineOption') },
      ],
      choose,
      fieldIds: { decision: 'decision' },
    };
  }

  app.get(urls.roleGrant.pattern, { config: { access: 'role.confirm', audit: 'ROLE_GRANT_VIEWED', reads: 'audited-record' } }, async (req, reply) => {
    const context = await decisionContext(req);
    return reply.page('features/role-grants/role-grant.njk', { ...context, values: { decision: '', reason: '' } });
  });

  app.post(
    urls.roleGrant.pattern,
    { config: { access: 'role.confirm', audit: 'ROLE_GRANT_DECIDED', reads: 'audited-record', readAudit: 'ROLE_GRANT_VIEWED' } },
    async (req, reply) => {
      const context = await decisionContext(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = { decision: raw(body, 'decision'), reason: raw(body, 'reason') };
      const show = (errors: Record<string, string>) => reply.page('features/role-grants/role-grant.njk', { ...context, values }, { errors });
      const form = parseForm(DecisionForm, body);
      if (!form.ok) return show(form.errors);
      const { grant } = context;
      if (!grant) return reply.callNotFound();
      try {
        if (form.data.decision === 'confirm') await roles.confirmGrant(req.caller(), grant.id);
        else await roles.declineGrant(req.caller(), grant.id, form.data.reason);
      } catch (error) {
        if (isInvalid(error)) return show(error.fieldErrors);
        throw error;
      }
      const key = form.data.decision === 'confirm' ? 'admin:roleGrants.confirmed' : 'admin:roleGrants.declined';
      req.session.flash = req.t(key, { role: grant.role, name: grant.personName });
      return reply.redirect(urls.roleGrants());
    },
  );
}
