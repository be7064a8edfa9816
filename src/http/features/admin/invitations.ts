// Invitations: a one-time link with which a person who has never had a password sets one. When email is
// configured the link is a mail job (sent as soon as the invitation commits); otherwise it is shown
// once to the administrator to pass on. Someone who has a password resets it themselves.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { urls } from '../../../urls.ts';
import { isInvalid } from '../../forms.ts';
import { displayDateTime } from './form-helpers.ts';

export default async function invitationRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { people } = opts.services;

  const personParam = async (req: FastifyRequest) => {
    const { personId } = req.params as { personId: string };
    return people.get(req.caller(), personId, 'invitation.manage');
  };

  app.post(urls.personInvite.pattern, { config: { access: 'invitation.manage', audit: 'INVITATION_CREATED' } }, async (req, reply) => {
    const person = await personParam(req);
    try {
      const invitation = await people.invite(req.caller(), person.id);
      return reply.page('features/admin/invitation-sent.njk', {
        person,
        emailed: invitation.emailed,
        link: invitation.emailed ? undefined : invitation.link,
        expires: displayDateTime(req.t, invitation.expiresAt),
      });
    } catch (error) {
      if (isInvalid(error)) {
        const active = error.fieldErrors.person === 'invitation.accountActive';
        req.session.flash = req.t(active ? 'admin:invitation.accountActive' : 'admin:invitation.personDeactivated');
        return reply.redirect(urls.person(person.id));
      }
      throw error;
    }
  });

  app.post(urls.personInvitationRevoke.pattern, { config: { access: 'invitation.manage', audit: 'INVITATION_REVOKED' } }, async (req, reply) => {
    const person = await personParam(req);
    const { linkId } = req.params as { linkId: string };
    await people.revokeInvitation(req.caller(), person.id, linkId);
    req.session.flash = req.t('admin:invitation.revoked', { name: person.fullName });
    return reply.redirect(urls.person(person.id));
  });
}
