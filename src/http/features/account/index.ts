// The signed-in person's own account: their details and roles, changing their password and language,
// and enrolling in two-factor authentication (reached before two-factor is satisfied by those who must
// enrol, such as a new administrator).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { localName } from '../../../domain/organisation.ts';
import { translator } from '../../../i18n.ts';
import { ServiceError } from '../../../services/context.ts';
import { localPath, urls } from '../../../urls.ts';
import { isInvalid, parseForm } from '../../forms.ts';
import { confirmationErrors, orderedErrors } from '../../password-forms.ts';
import { renewSession } from '../../session-renewal.ts';
import type { SignedInActor } from '../../types.ts';

declare module '@fastify/session' {
  interface FastifySessionObject {
    /** Recovery codes made at enrolment: shown once, then removed from the session. */
    newRecoveryCodes?: string[];
  }
}

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

const ChangePasswordForm = z.object({
  currentPassword: z.string().min(1, 'account.currentPasswordRequired').max(1000, 'password.wrong').prefault(''),
  newPassword: z.string().min(1, 'account.newPasswordRequired').max(1000, 'password.tooLong').prefault(''),
  confirmPassword: z.string().min(1, 'account.confirmPasswordRequired').prefault(''),
});
const CHANGE_PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

const LanguageForm = z.object({ language: z.enum(['en', 'cy'], { error: 'account.languageRequired' }) });

const EnrolmentCodeForm = z.object({
  code: z
    .string()
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(
      z
        .string()
        .min(1, 'totp.required')
        .regex(/^\d{6}$/, 'totp.wrong'),
    )
    .prefault(''),
});

/** The route's access ('signed-in') guarantees an actor; this narrows the type. */
function actorOf(req: FastifyRequest): SignedInActor {
  if (!req.actor) throw new ServiceError('unauthorised', 'not signed in');
  return req.actor;
}

/** The key in groups of four, easier to read and type into an app (apps ignore the spaces). */
function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

export default async function accountRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { identity, organisation } = opts.services;

  // ---- Account page ---------------------------------------------------------------------------------

  app.get(urls.account.pattern, { config: { access: 'signed-in', audit: 'ACCOUNT_VIEWED' } }, async (req, reply) => {
    const actor = actorOf(req);
    const [details, boards] = await Promise.all([identity.accountDetails(actor.personId), organisation.listBoards(req.caller())]);
    const boardNames = new Map(boards.map((b) => [b.id, localName(b, req.lang)]));
    const roles = actor.grants.map((g) => ({
      role: req.t(`common:roles.${g.role}`),
      where: g.scope.type === 'deployment' ? req.t('account:roles.allBoards') : (boardNames.get(g.scope.boardId) ?? ''),
    }));
    return reply.page('features/account/account.njk', { details, roles });
  });

  // ---- Change password --------------------------------------------------------------------------------

  const passwordView = 'features/account/password.njk';

  app.get(urls.accountPassword.pattern, { config: { access: 'signed-in', audit: 'CHANGE_PASSWORD_VIEWED' } }, async (_req, reply) => reply.page(passwordView));

  app.post(urls.accountPassword.pattern, { config: { access: 'signed-in', audit: 'PASSWORD_CHANGED' } }, async (req, reply) => {
    const actor = actorOf(req);
    const form = parseForm(ChangePasswordForm, req.body);
    const mismatch = confirmationErrors(req.body, 'newPassword', 'confirmPassword');
    if (!form.ok || Object.keys(mismatch).length > 0) {
      return reply.page(passwordView, {}, { errors: orderedErrors(CHANGE_PASSWORD_FIELDS, form.ok ? {} : form.errors, mismatch) });
    }
    try {
      await identity.changePassword(req.caller(), actor.personId, form.data.currentPassword, form.data.newPassword, req.session.sessionId);
    } catch (error) {
      if (isInvalid(error)) return reply.page(passwordView, {}, { errors: orderedErrors(CHANGE_PASSWORD_FIELDS, error.fieldErrors) });
      throw error;
    }
    // Every other session of the person has ended; this one continues under a new id.
    await renewSession(req, { personId: actor.personId, twoFactorPassed: req.session.twoFactorPassed === true });
    req.session.flash = req.t('account:changePassword.done');
    return reply.redirect(urls.account());
  });

  // ---- Language ----------------------------------------------------------------------------------------

  const languageView = 'features/account/language.njk';

  app.get(urls.accountLanguage.pattern, { config: { access: 'signed-in', audit: 'LANGUAGE_VIEWED' } }, async (req, reply) => {
    const details = await identity.accountDetails(actorOf(req).personId);
    return reply.page(languageView, { values: { language: details.language } });
  });

  app.post(urls.accountLanguage.pattern, { config: { access: 'signed-in', audit: 'LANGUAGE_CHANGED' } }, async (req, reply) => {
    const actor = actorOf(req);
    const form = parseForm(LanguageForm, req.body);
    if (!form.ok) return reply.page(languageView, { values: {} }, { errors: form.errors });
    const language = form.data.language;
    await identity.setLanguage(req.caller(), actor.personId, language);
    // The pages switch too, from the next one on.
    reply.setCookie('lang', language, { path: '/', maxAge: ONE_YEAR_SECONDS, sameSite: 'lax' });
    req.session.flash = translator(language)('account:language.done');
    return reply.redirect(urls.account());
  });

  // ---- Two-factor enrolment -------------------------------------------------------------------------------

  const setUpView = 'features/account/two-factor-set-up.njk';

  async function showEnrolment(req: FastifyRequest, reply: FastifyReply, actor: SignedInActor, errors?: Record<string, string>) {
    const enrolment = await identity.startTwoFactorEnrolment(actor.personId, req.session.pendingTotpSecret);
    req.session.pendingTotpSecret = enrolment.secret;
    return reply.page(
      setUpView,
      {
        // Safe to output unescaped: SVG markup generated by the qrcode library from our own otpauth URI.
        qrSvg: enrolment.qrSvg,
        key: groupKey(enrolment.secret),
        required: !actor.twoFactorSatisfied,
      },
      { errors },
    );
  }

  async function showAlreadyEnrolled(reply: FastifyReply, actor: SignedInActor) {
    const details = await identity.accountDetails(actor.personId);
    return reply.page('features/account/two-factor-enrolled.njk', { enabledAt: details.twoFactorEnabledAt, fullySignedIn: actor.twoFactorSatisfied });
  }

  app.get(urls.twoFactorSetUp.pattern, { config: { access: 'signed-in', audit: 'TWO_FACTOR_SET_UP_VIEWED', allowPartialSignIn: true } }, async (req, reply) => {
    const actor = actorOf(req);
    if (actor.twoFactorEnrolled) return showAlreadyEnrolled(reply, actor);
    return showEnrolment(req, reply, actor);
  });

  app.post(urls.twoFactorSetUp.pattern, { config: { access: 'signed-in', audit: 'TWO_FACTOR_ENROLLED', allowPartialSignIn: true } }, async (req, reply) => {
    const actor = actorOf(req);
    const secret = req.session.pendingTotpSecret;
    if (actor.twoFactorEnrolled || !secret) return reply.redirect(urls.twoFactorSetUp());
    const form = parseForm(EnrolmentCodeForm, req.body);
    if (!form.ok) return showEnrolment(req, reply, actor, form.errors);
    let codes: string[];
    try {
      codes = await identity.confirmTwoFactorEnrolment(req.caller(), actor.personId, secret, form.data.code);
    } catch (error) {
      if (isInvalid(error)) return showEnrolment(req, reply, actor, error.fieldErrors);
      if (error instanceof ServiceError && error.kind === 'conflict') return reply.redirect(urls.twoFactorSetUp());
      throw error;
    }
    // The second factor is now proven: a new session id for the raised privilege.
    await renewSession(req, { personId: actor.personId, twoFactorPassed: true });
    req.session.newRecoveryCodes = codes;
    return reply.redirect(urls.recoveryCodes());
  });

  app.get(urls.recoveryCodes.pattern, { config: { access: 'signed-in', audit: 'RECOVERY_CODES_VIEWED' } }, async (req, reply) => {
    const codes = req.session.newRecoveryCodes;
    if (!codes?.length) return reply.redirect(urls.account());
    req.session.newRecoveryCodes = undefined;
    const next = localPath(req.session.returnTo) ?? urls.home();
    req.session.returnTo = undefined;
    return reply.page('features/account/recovery-codes.njk', { codes, next });
  });
}
