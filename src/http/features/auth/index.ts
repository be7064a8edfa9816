// Signing in and out. Sign-in regenerates the session; failures get one generic message. One-time links
// and "Forgotten your password?" are registered from their own files.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { parseForm } from '../../forms.ts';
import { renewSession } from '../../session-renewal.ts';
import emailChangeRoutes from './email-change.ts';
import forgottenPasswordRoutes from './forgotten-password.ts';
import linkRoutes from './links.ts';

const SignInForm = z.object({
  email: z.string().trim().min(1, 'email.required').max(320, 'email.invalid'),
  password: z.string().min(1, 'password.required').max(1000, 'password.tooLong'),
});

const CodeForm = z.object({ code: z.string().trim().min(1, 'totp.required').max(40, 'signIn.codeWrong') });

function afterSignIn(req: FastifyRequest): string {
  const returnTo = req.session.returnTo;
  req.session.returnTo = undefined;
  return returnTo?.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
}

export default async function authRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { identity } = opts.services;
  await app.register(linkRoutes, opts);
  await app.register(forgottenPasswordRoutes, opts);
  await app.register(emailChangeRoutes, opts);

  app.get('/sign-in', { config: { access: 'public', audit: 'SIGN_IN_VIEWED' } }, async (req, reply) => {
    if (req.actor?.twoFactorSatisfied) return reply.redirect('/');
    return reply.page('features/auth/sign-in.njk', { values: {} });
  });

  app.post('/sign-in', { config: { access: 'public', audit: 'SIGN_IN' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { email: typeof body.email === 'string' ? body.email : '' };
    const form = parseForm(SignInForm, body);
    if (!form.ok) return reply.page('features/auth/sign-in.njk', { values }, { errors: form.errors });
    const result = await identity.signIn(req.caller(), form.data.email, form.data.password);
    if (result.outcome === 'failed' || result.outcome === 'rate_limited') {
      const key = result.outcome === 'failed' ? 'signIn.failed' : 'signIn.rateLimited';
      return reply.page('features/auth/sign-in.njk', { values }, { status: result.outcome === 'failed' ? 400 : 429, errors: { email: key } });
    }
    await renewSession(req, { personId: result.personId, twoFactorPassed: result.outcome === 'signed_in', newSignIn: true });
    // The service speaks the person's chosen language from sign-in on.
    reply.setCookie('lang', result.language, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
    if (result.outcome === 'two_factor_required') return reply.redirect('/sign-in/two-factor');
    if (result.outcome === 'two_factor_enrolment_required') return reply.redirect('/account/two-factor/set-up');
    return reply.redirect(afterSignIn(req));
  });

  app.get('/sign-in/two-factor', { config: { access: 'signed-in', audit: 'TWO_FACTOR_VIEWED', allowPartialSignIn: true } }, async (req, reply) => {
    if (req.actor?.twoFactorSatisfied) return reply.redirect('/');
    if (!req.actor?.twoFactorEnrolled) return reply.redirect('/account/two-factor/set-up');
    return reply.page('features/auth/two-factor.njk');
  });

  app.post('/sign-in/two-factor', { config: { access: 'signed-in', audit: 'TWO_FACTOR_SUBMITTED', allowPartialSignIn: true } }, async (req, reply) => {
    const actor = req.actor;
    if (!actor) return reply.redirect('/sign-in');
    const form = parseForm(CodeForm, req.body);
    if (!form.ok) return reply.page('features/auth/two-factor.njk', {}, { errors: form.errors });
    const ok = await identity.verifySecondFactor(req.caller(), actor.personId, form.data.code);
    if (!ok) return reply.page('features/auth/two-factor.njk', {}, { errors: { code: 'signIn.codeWrong' } });
    await renewSession(req, { personId: actor.personId, twoFactorPassed: true });
    return reply.redirect(afterSignIn(req));
  });

  app.post('/sign-out', { config: { access: 'public', audit: 'SIGNED_OUT' } }, async (req, reply) => {
    await req.session.destroy();
    return reply.redirect('/sign-in');
  });
}
