// A new session id whenever privilege changes (sign-in, two-factor, enrolment, password change). The
// absolute timeout runs from the first sign-in step, so renewing the id never extends it.
import type { FastifyRequest } from 'fastify';

export async function renewSession(req: FastifyRequest, fields: { personId: string; twoFactorPassed: boolean; newSignIn?: boolean }): Promise<void> {
  const returnTo = req.session.returnTo;
  const signedInAt = fields.newSignIn || !req.session.signedInAt ? req.server.services.clock.now().toISOString() : req.session.signedInAt;
  await req.session.regenerate();
  req.session.personId = fields.personId;
  req.session.twoFactorPassed = fields.twoFactorPassed;
  req.session.returnTo = returnTo;
  req.session.signedInAt = signedInAt;
}
