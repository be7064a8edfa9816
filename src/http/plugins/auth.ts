// Who is asking, and may they? Loads the actor from the session (pages) or a bearer token (API), then
// enforces the route's declared access before the handler runs. Deny by default: a route without a
// declared access is refused (and the route test fails).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Services } from '../../container.ts';
import { can } from '../../domain/permissions.ts';
import type { Caller, DeclaredRead } from '../../services/context.ts';
import { localPath, urls } from '../../urls.ts';

/**
 * Whether a request's read events match its route's declaration (config.reads): a route that declares a
 * read writes exactly one for an answer that shows its page (200 to a GET) and never two; a route that
 * declares none writes none (AuditService.recordRead writes nothing for it). The problem, or undefined.
 */
function readAuditProblem(method: string, status: number, read: DeclaredRead): string | undefined {
  if (read.kind === null) return undefined;
  if (read.recorded > 1) return `wrote ${read.recorded} read events (${read.action}); a declared read writes one`;
  if (method === 'GET' && status === 200 && read.recorded === 0) return `declares reads: '${read.kind}' but wrote no read event (${read.action})`;
  return undefined;
}

export default fp(
  async (app: FastifyInstance, opts: { services: Services; strictReads?: boolean }) => {
    const { identity, tokens, audit } = opts.services;
    app.decorateRequest('actor', undefined);
    app.decorateRequest('declaredRead', undefined);
    app.decorateRequest('caller', function (this: FastifyRequest): Caller {
      const action = this.routeOptions.config.audit ?? 'UNDECLARED';
      return { actor: this.actor, ip: this.ip, requestId: String(this.id), action, ...(this.declaredRead ? { read: this.declaredRead } : {}) };
    });
    // The route's read declaration, one object for the whole request, whichever service call records the read.
    app.addHook('onRequest', async (req) => {
      if (req.routeOptions.url === undefined) return;
      const config = req.routeOptions.config;
      req.declaredRead = { kind: config.reads ?? null, action: config.readAudit ?? config.audit ?? 'UNDECLARED', recorded: 0 };
    });

    async function loadActor(req: FastifyRequest): Promise<'none' | 'ok' | 'partial'> {
      if (req.isApi) {
        const header = req.headers.authorization ?? '';
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        if (!match?.[1]) return 'none';
        const personId = await tokens.authenticate(match[1]);
        if (!personId) return 'none';
        // A bearer token stands for a completed sign-in: it was issued by an administrator on the command line.
        const loaded = await identity.loadActor(personId, true);
        if (!loaded) return 'none';
        req.actor = {
          personId,
          grants: loaded.grants,
          twoFactorSatisfied: true,
          fullName: loaded.person.full_name,
          email: loaded.person.email,
          twoFactorEnrolled: loaded.person.totp_enabled_at !== null,
        };
        return 'ok';
      }
      const personId = req.session?.personId;
      if (!personId) return 'none';
      const loaded = await identity.loadActor(personId, req.session.twoFactorPassed === true);
      if (!loaded) {
        // Deactivated or removed while signed in: end the session.
        await req.session.destroy();
        return 'none';
      }
      req.actor = {
        personId,
        grants: loaded.grants,
        twoFactorSatisfied: loaded.twoFactorSatisfied,
        fullName: loaded.person.full_name,
        email: loaded.person.email,
        twoFactorEnrolled: loaded.person.totp_enabled_at !== null,
      };
      return loaded.twoFactorSatisfied ? 'ok' : 'partial';
    }

    function deny(req: FastifyRequest, reply: FastifyReply, status: 401 | 403) {
      if (req.isApi) {
        return reply.problem(status, status === 401 ? req.t('errors:problem.unauthorisedTitle') : req.t('errors:problem.forbiddenTitle'));
      }
      if (status === 401) {
        if (req.method === 'GET' && req.session) req.session.returnTo = localPath(req.url);
        return reply.redirect(urls.signIn());
      }
      return reply.page('errors/forbidden.njk', {}, { status: 403 });
    }

    app.addHook('preHandler', async (req, reply) => {
      const config = req.routeOptions.config;
      const access = config.access;
      const state = await loadActor(req);
      // No route matched: the not-found handler answers 404 (it has no declarations of its own).
      if (req.routeOptions.url === undefined) return;
      if (access === undefined || config.audit === undefined) {
        req.log.error({ url: req.routeOptions.url }, 'route without declared access or audit name');
        return deny(req, reply, 403);
      }
      if (access === 'public') return;
      if (state === 'none') return deny(req, reply, 401);
      if (state === 'partial' && !config.allowPartialSignIn) {
        if (req.isApi) return deny(req, reply, 401);
        return reply.redirect(req.actor?.twoFactorEnrolled ? urls.signInTwoFactor() : urls.twoFactorSetUp());
      }
      if (access === 'signed-in') return;
      if (!can(req.actor, access)) return deny(req, reply, 403);
    });

    // A route's read events match its declaration (config.reads): an answer that shows a declared read wrote
    // exactly one. Otherwise the read went unaudited (or was counted twice): logged as an error, and in
    // tests (strictReads) the answer becomes a 500 naming the route, so the test that made it fails.
    app.addHook('onSend', async (req, reply, payload) => {
      const read = req.declaredRead;
      if (!read || req.routeOptions.url === undefined) return payload;
      const problem = readAuditProblem(req.method, reply.statusCode, read);
      if (!problem) return payload;
      req.log.error({ route: req.routeOptions.url, method: req.method, status: reply.statusCode }, `read audit: ${problem}`);
      if (!opts.strictReads) return payload;
      req.declaredRead = undefined;
      reply.code(500).type('text/plain; charset=utf-8');
      return `read audit: ${req.method} ${req.routeOptions.url} ${problem}`;
    });

    // Every refusal of a signed-in person is audited, whichever part refused (the route's declared access,
    // a service's check of the record; the cross-site checks refuse before the person is known): against the person, so it shows on each of
    // their boards' audit logs. The route's address (its pattern, not the ids asked for), method and
    // declared access say what was asked. Recorded before the answer leaves.
    app.addHook('onSend', async (req, reply, payload) => {
      if (reply.statusCode !== 403 || !req.actor) return payload;
      const config = req.routeOptions.config;
      await audit.recordAlone(req.caller(), {
        action: 'ACCESS_REFUSED',
        recordType: 'person',
        recordId: req.actor.personId,
        summary: {
          method: req.method,
          route: req.routeOptions.url ?? null,
          access: typeof config.access === 'string' ? config.access : null,
          refusedAction: config.audit ?? null,
        },
      });
      return payload;
    });
  },
  { name: 'auth', dependencies: ['i18n', 'views'] },
);
