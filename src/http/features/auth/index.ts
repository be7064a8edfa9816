// Signing in and out. Sign-in regenerates the session; failures get one generic message, and repeated
// failures are slowed down (never locked out): "wait N seconds", the same for every address, account
// or not. A browser that completes a sign-in gets a signed device cookie, so its attempts are counted
// apart from everyone else's (src/domain/sign-in-throttle.ts). One-time links and "Forgotten your
// password?" are registered from their own files.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import type { KnownDevice } from '../../../services/identity-sign-in.ts';
import { localPath, urls } from '../../../urls.ts';
import { parseForm } from '../../forms.ts';
import { renewSession } from '../../session-renewal.ts';
import emailChangeRoutes from './email-change.ts';
import forgottenPasswordRoutes from './forgotten-password.ts';
import linkRoutes from './links.ts';
import { type DemoSignIn, demoSignInView } from './sign-in-demo.ts';

const SignInForm = z.object({
  email: z.string().trim().min(1, 'email.required').max(320, 'email.invalid'),
  password: z.string().min(1, 'password.required').max(1000, 'password.tooLong'),
});

const CodeForm = z.object({ code: z.string().trim().min(1, 'totp.required').max(40, 'signIn.codeWrong') });

const DEVICE_COOKIE = 'case_review_device';
const DEVICE_MAX_AGE_SECONDS = 180 * 24 * 3600;
const DEVICE_VALUE = /^([A-Za-z0-9-]{1,64})\.([A-Za-z0-9_-]{32,64})$/;

/** The browser's device cookie, if it is one this service signed: whose account it completed a sign-in for. */
function knownDevice(req: FastifyRequest): KnownDevice | undefined {
  const raw = req.cookies[DEVICE_COOKIE];
  if (!raw) return undefined;
  const unsigned = req.unsignCookie(raw);
  const match = unsigned.valid && unsigned.value ? DEVICE_VALUE.exec(unsigned.value) : null;
  return match?.[1] && match[2] ? { personId: match[1], id: match[2] } : undefined;
}

/** The page again with one error on a field, whose message needs a number (how long to wait). */
function waitPage(req: FastifyRequest, reply: FastifyReply, view: string, field: string, seconds: number, context: Record<string, unknown> = {}) {
  const text = req.t('errors:signIn.wait', { seconds });
  const visuallyHiddenText = req.t('common:errorPrefix').replace(/:$/, '');
  reply.header('retry-after', String(seconds));
  return reply.page(
    view,
    { ...context, hasErrors: true, errorList: [{ text, href: `#${field}` }], fieldErrors: { [field]: { text, visuallyHiddenText } } },
    { status: 429 },
  );
}

function afterSignIn(req: FastifyRequest): string {
  const returnTo = req.session.returnTo;
  req.session.returnTo = undefined;
  return localPath(returnTo) ?? urls.home();
}

export default async function authRoutes(app: FastifyInstance, opts: { services: Services; demo?: DemoSignIn | undefined }) {
  const { identity, config, audit } = opts.services;
  const secureCookies = (config.publicUrl ?? '').startsWith('https://');
  const signInView = 'features/auth/sign-in.njk';
  /** The sign-in page's context: the values typed, and the demo's accounts when this is the demo. */
  const signInContext = (req: FastifyRequest, values: Record<string, string>) => ({ values, demo: demoSignInView(req, opts.demo) });

  /** After a complete sign-in: this browser is one the person uses (the same id again if it already was). */
  function rememberDevice(req: FastifyRequest, reply: FastifyReply, personId: string) {
    const current = knownDevice(req);
    const id = current?.personId === personId ? current.id : randomBytes(32).toString('base64url');
    reply.setCookie(DEVICE_COOKIE, `${personId}.${id}`, {
      signed: true,
      httpOnly: true,
      secure: secureCookies ? true : 'auto',
      sameSite: 'strict',
      path: urls.signIn(),
      maxAge: DEVICE_MAX_AGE_SECONDS,
    });
  }
  await app.register(linkRoutes, opts);
  await app.register(forgottenPasswordRoutes, opts);
  await app.register(emailChangeRoutes, opts);

  app.get(urls.signIn.pattern, { config: { access: 'public', audit: 'SIGN_IN_VIEWED' } }, async (req, reply) => {
    if (req.actor?.twoFactorSatisfied) return reply.redirect(urls.home());
    return reply.page(signInView, signInContext(req, {}));
  });

  app.post(urls.signIn.pattern, { config: { access: 'public', audit: 'SIGN_IN' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { email: typeof body.email === 'string' ? body.email : '' };
    const form = parseForm(SignInForm, body);
    if (!form.ok) return reply.page(signInView, signInContext(req, values), { errors: form.errors });
    const result = await identity.signIn(req.caller(), form.data.email, form.data.password, knownDevice(req));
    if (result.outcome === 'throttled') return waitPage(req, reply, signInView, 'email', result.retryAfterSeconds, signInContext(req, values));
    if (result.outcome === 'failed') return reply.page(signInView, signInContext(req, values), { status: 400, errors: { email: 'signIn.failed' } });
    await renewSession(req, { personId: result.personId, twoFactorPassed: result.outcome === 'signed_in', newSignIn: true });
    // The service speaks the person's chosen language from sign-in on.
    reply.setCookie('lang', result.language, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
    if (result.outcome === 'two_factor_required') return reply.redirect(urls.signInTwoFactor());
    if (result.outcome === 'two_factor_enrolment_required') return reply.redirect(urls.twoFactorSetUp());
    rememberDevice(req, reply, result.personId);
    return reply.redirect(afterSignIn(req));
  });

  app.get(urls.signInTwoFactor.pattern, { config: { access: 'signed-in', audit: 'TWO_FACTOR_VIEWED', allowPartialSignIn: true } }, async (req, reply) => {
    if (req.actor?.twoFactorSatisfied) return reply.redirect(urls.home());
    if (!req.actor?.twoFactorEnrolled) return reply.redirect(urls.twoFactorSetUp());
    return reply.page('features/auth/two-factor.njk');
  });

  app.post(urls.signInTwoFactor.pattern, { config: { access: 'signed-in', audit: 'TWO_FACTOR_SUBMITTED', allowPartialSignIn: true } }, async (req, reply) => {
    const actor = req.actor;
    if (!actor) return reply.redirect(urls.signIn());
    const form = parseForm(CodeForm, req.body);
    if (!form.ok) return reply.page('features/auth/two-factor.njk', {}, { errors: form.errors });
    const result = await identity.verifySecondFactor(req.caller(), actor.personId, form.data.code, knownDevice(req));
    if (result.outcome === 'throttled') return waitPage(req, reply, 'features/auth/two-factor.njk', 'code', result.retryAfterSeconds);
    if (result.outcome === 'failed') return reply.page('features/auth/two-factor.njk', {}, { errors: { code: 'signIn.codeWrong' } });
    await renewSession(req, { personId: actor.personId, twoFactorPassed: true });
    rememberDevice(req, reply, actor.personId);
    return reply.redirect(afterSignIn(req));
  });

  app.post(urls.signOut.pattern, { config: { access: 'public', audit: 'SIGNED_OUT' } }, async (req, reply) => {
    if (req.actor) await audit.recordAlone(req.caller(), { recordType: 'person', recordId: req.actor.personId });
    await req.session.destroy();
    return reply.redirect(urls.signIn());
  });
}
