// Fastify type augmentation: what every route declares and what every request carries.
import type { TFunction } from 'i18next';
import type { Services } from '../container.ts';
import type { Language } from '../domain/organisation.ts';
import type { Access, Actor } from '../domain/permissions.ts';
import type { Caller, FieldErrors } from '../services/context.ts';

export interface SignedInActor extends Actor {
  fullName: string;
  email: string;
  twoFactorEnrolled: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may use the route: a permission (held on at least one board), 'signed-in' or 'public'. */
    access?: Access;
    /** The audit name of the operation, written by the service for every change or read of case material. */
    audit?: string;
    /** Pages allowed while two-factor sign-in is incomplete (the two-factor pages themselves). */
    allowPartialSignIn?: boolean;
  }

  interface FastifyInstance {
    services: Services;
  }

  interface FastifyRequest {
    actor: SignedInActor | undefined;
    lang: Language;
    t: TFunction;
    isApi: boolean;
    caller(): Caller;
  }

  interface FastifyReply {
    page(view: string, context?: Record<string, unknown>, options?: { status?: number; errors?: FieldErrors }): FastifyReply;
    problem(status: number, title: string, detail?: string, extra?: Record<string, unknown>): FastifyReply;
  }
}

declare module '@fastify/session' {
  interface FastifySessionObject {
    personId?: string;
    twoFactorPassed?: boolean;
    pendingTotpSecret?: string;
    returnTo?: string;
    /** When the person signed in: the absolute session timeout runs from here. */
    signedInAt?: string;
    flash?: string;
    /** The address typed on "Forgotten your password?", shown on its confirmation page. */
    passwordResetEmail?: string;
  }
}
