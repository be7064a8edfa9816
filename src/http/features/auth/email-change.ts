// Confirming a new email address from the link sent to it (issue 8, finding 1): the page says which
// address will become the sign-in address and asks for a press of the button (a link opened by a mail
// scanner changes nothing). A link that cannot be used shows the same page whatever the reason.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../../container.ts';
import { ServiceError } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { displayDateTime } from '../../dates.ts';
import { isInvalid } from '../../forms.ts';

export default async function emailChangeRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { emailChanges } = opts.services;
  const view = 'features/auth/confirm-email.njk';
  const linkInvalid = (reply: FastifyReply) => reply.page('features/auth/link-invalid.njk', { emailChange: true }, { status: 404 });

  app.get(urls.confirmEmail.pattern, { config: { access: 'public', audit: 'EMAIL_CHANGE_CONFIRMATION_VIEWED' } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    const change = await emailChanges.inspect(token);
    if (!change) return linkInvalid(reply);
    return reply.page(view, { newEmail: change.newEmail, expires: displayDateTime(req.t, change.expiresAt) });
  });

  app.post(urls.confirmEmail.pattern, { config: { access: 'public', audit: 'EMAIL_CHANGE_CONFIRMED' } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    const change = await emailChanges.inspect(token);
    if (!change) return linkInvalid(reply);
    try {
      await emailChanges.confirm(req.caller(), token);
    } catch (error) {
      const context = { newEmail: change.newEmail, expires: displayDateTime(req.t, change.expiresAt), fieldIds: { email: 'confirm' } };
      if (isInvalid(error)) return reply.page(view, context, { errors: error.fieldErrors });
      if (error instanceof ServiceError && error.kind === 'not_found') return linkInvalid(reply);
      throw error;
    }
    return reply.redirect(urls.emailConfirmed());
  });

  app.get(urls.emailConfirmed.pattern, { config: { access: 'public', audit: 'EMAIL_CHANGE_CONFIRMATION_DONE_VIEWED' } }, async (_req, reply) =>
    reply.page('features/auth/email-confirmed.njk'),
  );
}
