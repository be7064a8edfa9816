// One-time links: creating the first administrator, and setting a password from an invitation or a
// reset link. A link that cannot be used (unknown, expired, used or revoked) always shows the same
// page with status 404, so the page does not reveal which of those it was.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { EMAIL_ADDRESS } from '../../../domain/text.ts';
import { ServiceError } from '../../../services/context.ts';
import type { OneTimeLinkInfo } from '../../../services/identity-links.ts';
import { urls } from '../../../urls.ts';
import { isInvalid, parseForm } from '../../forms.ts';
import { confirmationErrors, orderedErrors, posted } from '../../password-forms.ts';
import { renewSession } from '../../session-renewal.ts';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

const FirstAdministratorForm = z.object({
  fullName: z.string().trim().min(1, 'account.fullNameRequired').max(200, 'fullName.tooLong').prefault(''),
  email: z.string().trim().min(1, 'email.required').max(320, 'email.invalid').regex(EMAIL_ADDRESS, 'email.invalid').prefault(''),
  password: z.string().min(1, 'password.required').max(1000, 'password.tooLong').prefault(''),
  confirmPassword: z.string().min(1, 'account.confirmPasswordRequired').prefault(''),
  language: z.enum(['en', 'cy'], { error: 'account.languageRequired' }),
});
const FIRST_ADMINISTRATOR_FIELDS = ['fullName', 'email', 'password', 'confirmPassword', 'language'] as const;

const SetPasswordForm = z.object({
  password: z.string().min(1, 'password.required').max(1000, 'password.tooLong').prefault(''),
  confirmPassword: z.string().min(1, 'account.confirmPasswordRequired').prefault(''),
});
const SET_PASSWORD_FIELDS = ['password', 'confirmPassword'] as const;

function linkInvalid(reply: FastifyReply, firstAdmin: boolean) {
  return reply.page('features/auth/link-invalid.njk', { firstAdmin }, { status: 404 });
}

/** What the set-password page shows: whose password it is, and whether it replaces a forgotten one. */
function setPasswordContext(link: OneTimeLinkInfo) {
  return { email: link.email, reset: link.purpose === 'password_reset' };
}

function isUnusableLink(error: unknown): boolean {
  return error instanceof ServiceError && (error.kind === 'not_found' || error.kind === 'conflict');
}

export default async function linkRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { identity } = opts.services;

  // ---- First administrator ------------------------------------------------------------------------

  const createView = 'features/auth/create-administrator.njk';

  app.get(urls.createAdministrator.pattern, { config: { access: 'public', audit: 'FIRST_ADMINISTRATOR_VIEWED' } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    if (!(await identity.inspectLink(token, 'first_admin'))) return linkInvalid(reply, true);
    return reply.page(createView, { values: {} });
  });

  app.post(urls.createAdministrator.pattern, { config: { access: 'public', audit: 'FIRST_ADMINISTRATOR_CREATED' } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    if (!(await identity.inspectLink(token, 'first_admin'))) return linkInvalid(reply, true);
    const body = req.body;
    const values = { fullName: posted(body, 'fullName'), email: posted(body, 'email'), language: posted(body, 'language') };
    const form = parseForm(FirstAdministratorForm, body);
    const mismatch = confirmationErrors(body, 'password', 'confirmPassword');
    if (!form.ok || Object.keys(mismatch).length > 0) {
      return reply.page(createView, { values }, { errors: orderedErrors(FIRST_ADMINISTRATOR_FIELDS, form.ok ? {} : form.errors, mismatch) });
    }
    let personId: string;
    try {
      personId = await identity.createFirstAdministrator(req.caller(), token, {
        fullName: form.data.fullName,
        email: form.data.email,
        password: form.data.password,
        language: form.data.language,
      });
    } catch (error) {
      if (isInvalid(error)) return reply.page(createView, { values }, { errors: orderedErrors(FIRST_ADMINISTRATOR_FIELDS, error.fieldErrors) });
      if (isUnusableLink(error)) return linkInvalid(reply, true);
      throw error;
    }
    // Signed in with the password just set; administrators must enrol in two-factor before anything else.
    await renewSession(req, { personId, twoFactorPassed: false, newSignIn: true });
    reply.setCookie('lang', form.data.language, { path: '/', maxAge: ONE_YEAR_SECONDS, sameSite: 'lax' });
    return reply.redirect(urls.twoFactorSetUp());
  });

  // ---- Set a password from an invitation or reset link ---------------------------------------------

  const setView = 'features/auth/set-password.njk';

  app.get(urls.setPassword.pattern, { config: { access: 'public', audit: 'SET_PASSWORD_VIEWED' } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    const link = await identity.inspectLink(token, ['invitation', 'password_reset']);
    if (!link?.personId) return linkInvalid(reply, false);
    return reply.page(setView, setPasswordContext(link));
  });

  app.post(urls.setPassword.pattern, { config: { access: 'public', audit: 'PASSWORD_SET' } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    const link = await identity.inspectLink(token, ['invitation', 'password_reset']);
    if (!link?.personId) return linkInvalid(reply, false);
    const form = parseForm(SetPasswordForm, req.body);
    const mismatch = confirmationErrors(req.body, 'password', 'confirmPassword');
    if (!form.ok || Object.keys(mismatch).length > 0) {
      return reply.page(setView, setPasswordContext(link), { errors: orderedErrors(SET_PASSWORD_FIELDS, form.ok ? {} : form.errors, mismatch) });
    }
    try {
      await identity.setPasswordWithLink(req.caller(), token, form.data.password);
    } catch (error) {
      if (isInvalid(error)) return reply.page(setView, setPasswordContext(link), { errors: orderedErrors(SET_PASSWORD_FIELDS, error.fieldErrors) });
      if (isUnusableLink(error)) return linkInvalid(reply, false);
      throw error;
    }
    return reply.redirect(urls.passwordSet());
  });

  app.get(urls.passwordSet.pattern, { config: { access: 'public', audit: 'PASSWORD_SET_CONFIRMATION_VIEWED' } }, async (_req, reply) =>
    reply.page('features/auth/password-set.njk'),
  );
}
