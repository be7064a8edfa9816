// Server-side sessions (database store) and CSRF protection in two layers: the request's Origin (or
// Referer) must be this service's, and every form POST carries a synchroniser token.
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import session from '@fastify/session';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { SessionService } from '../../services/session-service.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin (scheme://host[:port]) of a URL, or undefined when it is not an absolute http(s) URL. */
function originOf(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a state-changing request comes from one of this service's own pages: its Origin (or, when a
 * browser sends none, its Referer) is PUBLIC_URL's origin or names the host the request was sent to.
 * A cross-site page cannot choose the Host its victim's browser sends, so a mismatch is a forgery. A
 * request with neither header (not a browser, or one that hides both) relies on the CSRF token alone.
 */
export function sameOrigin(req: FastifyRequest, publicUrl: string | undefined): boolean {
  const origin = req.headers.origin;
  const referer = req.headers.referer;
  const claimed = typeof origin === 'string' ? origin : typeof referer === 'string' ? referer : undefined;
  if (claimed === undefined) return true;
  const from = originOf(claimed);
  if (!from) return false; // "null" (sandboxed frames, privacy redirects) or anything malformed
  const allowed = publicUrl ? originOf(publicUrl) : undefined;
  if (allowed && from.origin === allowed.origin) return true;
  // The request's Host, read with the claimed scheme so that a default port (:80, :443) compares equal.
  return from.host === originOf(`${from.protocol}//${req.host}`)?.host;
}

/** The value of a multipart form's first part when it is the `_csrf` field ('' otherwise); the rest is left to the handler. */
async function firstField(req: FastifyRequest): Promise<string> {
  const parts = req.parts();
  req.uploadParts = parts;
  const first = await parts.next();
  if (first.done || first.value.type !== 'field' || first.value.fieldname !== '_csrf') return '';
  return typeof first.value.value === 'string' ? first.value.value : '';
}

export default fp(
  async (app: FastifyInstance, opts: { sessions: SessionService; secret: string; secureCookies: boolean; publicUrl: string | undefined }) => {
    // The secret also signs the device cookie that sign-in throttling trusts (features/auth).
    await app.register(cookie, { secret: opts.secret });
    const { sessions } = opts;
    await app.register(session, {
      secret: opts.secret,
      cookieName: 'case_review_session',
      saveUninitialized: false,
      rolling: false,
      cookie: { httpOnly: true, secure: opts.secureCookies ? true : 'auto', sameSite: 'lax', path: '/' },
      store: {
        get: (id, cb) => {
          sessions.get(id).then(
            (data) => cb(null, data as never),
            (error: Error) => cb(error),
          );
        },
        set: (id, data, cb) => {
          const { cookie: _cookie, ...rest } = data as unknown as Record<string, unknown>;
          sessions.set(id, rest).then(
            () => cb(),
            (error: Error) => cb(error),
          );
        },
        destroy: (id, cb) => {
          sessions.destroy(id).then(
            () => cb(),
            (error: Error) => cb(error),
          );
        },
      },
    });
    // First layer: a state-changing request made with the session cookie must come from our own pages.
    // The API authenticates with bearer tokens only (a browser never attaches one by itself): exempt.
    app.addHook('onRequest', async (req) => {
      if (req.isApi || SAFE_METHODS.has(req.method)) return;
      if (!sameOrigin(req, opts.publicUrl)) {
        req.log.warn({ origin: req.headers.origin ?? null, hasReferer: req.headers.referer !== undefined }, 'cross-site request refused');
        throw Object.assign(new Error('Cross-site request refused'), { statusCode: 403, code: 'FST_CSRF_ORIGIN' });
      }
    });
    await app.register(csrf, { sessionPlugin: '@fastify/session', getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf });
    app.decorateRequest('uploadParts', undefined);
    app.addHook('preHandler', (req, reply, done) => {
      if (req.method !== 'POST' || req.isApi) return done();
      if (req.routeOptions.config.multipart && req.isMultipart()) {
        // A file upload: the token is the form's first field, checked before a byte of the file is read.
        firstField(req).then((token) => {
          req.body = { _csrf: token };
          app.csrfProtection(req, reply, done);
        }, done);
        return;
      }
      return app.csrfProtection(req, reply, done);
    });
  },
  { name: 'session', dependencies: ['i18n', '@fastify/multipart'] },
);
