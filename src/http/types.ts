// Fastify type augmentation: what every route declares and what every request carries.
import type { Multipart } from '@fastify/multipart';
import type { TFunction } from 'i18next';
import type { Services } from '../container.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import type { Language } from '../domain/organisation.ts';
import type { Access, Actor } from '../domain/permissions.ts';
import type { Caller, DeclaredRead, FieldErrors, ReadKind } from '../services/context.ts';

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
    /**
     * What the route shows whose every read is audited: 'case-material' (anything of a case) or
     * 'audited-record' (a stored file, a role waiting for confirmation). It decides whether the service's
     * read writes its event (AuditService.recordRead, in the read's transaction, named by `audit`): an
     * answer that shows the page writes exactly one (the auth plugin checks it); a route that declares
     * nothing writes none. Every GET is tested against it (src/http/read-audit.test.ts).
     */
    reads?: ReadKind;
    /**
     * On a form's POST that shows its page again (with errors): the page's audit name, which the read
     * event then takes (the POST's `audit` names the change it makes when it succeeds).
     */
    readAudit?: AuditAction;
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
    /** The route's declared read and the read events written for this request (made as the request starts; every caller() carries it). */
    declaredRead: DeclaredRead | undefined;
    /** A multipart page form whose first field (the CSRF token) was read already: the rest of its parts. */
    uploadParts: AsyncIterableIterator<Multipart> | undefined;
  }

  interface FastifyReply {
    page(view: string, context?: Record<string, unknown>, options?: { status?: number | undefined; errors?: FieldErrors | undefined }): FastifyReply;
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
