// "Forgotten your password?": asks for an email address and always answers "Check your email", so the
// page never shows whether an address has an account. The identity service decides whether a reset
// link is emailed (active person, within the rate limits); the link opens /set-password (links.ts).
// Without email configured, the page says to ask an administrator instead.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { EMAIL_ADDRESS } from '../../../domain/text.ts';
import { urls } from '../../../urls.ts';
import { parseForm } from '../../forms.ts';
import { posted } from '../../password-forms.ts';

const ForgottenPasswordForm = z.object({
  email: z.string().trim().min(1, 'email.required').max(320, 'email.invalid').regex(EMAIL_ADDRESS, 'email.invalid').prefault(''),
});

const formView = 'features/auth/forgotten-password.njk';
const CHECK_EMAIL_PATH = urls.forgottenPasswordCheckEmail.pattern;

export default async function forgottenPasswordRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { identity, mail } = opts.services;

  app.get(urls.forgottenPassword.pattern, { config: { access: 'public', audit: 'FORGOTTEN_PASSWORD_VIEWED' } }, async (_req, reply) =>
    reply.page(formView, { mailEnabled: mail.isEnabled, values: {} }),
  );

  app.post(urls.forgottenPassword.pattern, { config: { access: 'public', audit: 'PASSWORD_RESET_REQUESTED' } }, async (req, reply) => {
    if (!mail.isEnabled) return reply.page(formView, { mailEnabled: false, values: {} });
    const values = { email: posted(req.body, 'email') };
    const form = parseForm(ForgottenPasswordForm, req.body);
    if (!form.ok) return reply.page(formView, { mailEnabled: true, values }, { errors: form.errors });
    await identity.requestPasswordReset(req.caller(), form.data.email);
    req.session.passwordResetEmail = form.data.email;
    return reply.redirect(urls.forgottenPasswordCheckEmail());
  });

  app.get(CHECK_EMAIL_PATH, { config: { access: 'public', audit: 'PASSWORD_RESET_CONFIRMATION_VIEWED' } }, async (req, reply) => {
    const email = req.session.passwordResetEmail;
    if (!email) return reply.redirect(urls.forgottenPassword());
    return reply.page('features/auth/check-your-email.njk', { email });
  });
}
