// Fastify type augmentation: what every route declares and what every request carries.
import type { Multipart } from '@fastify/multipart';
import type { TFunction } from 'i18next';
import type { Services } from '../container.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
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
    /**
     * The audit name of the operation, written by the service for every change or read of case material:
     * one of the catalogue's (src/domain/audit-actions.ts).
     */
    audit?: AuditAction;
    /** Pages allowed while two-factor sign-in is incomplete (the two-factor pages themselves). */
    allowPartialSignIn?: boolean;
    /**
     * A page form posted as multipart/form-data (a file upload): its CSRF token is its first field, read
     * and checked (session plugin) before anything else of the body; the handler reads the rest as a stream.
     */
    multipart?: boolean;
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
    /** A multipart page form whose first field (the CSRF token) was read already: the rest of its parts. */
    uploadParts: AsyncIterableIterator<Multipart> | undefined;
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
