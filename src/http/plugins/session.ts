// Server-side sessions (database store) and CSRF synchroniser tokens on every form POST.
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import session from '@fastify/session';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { SessionService } from '../../services/session-service.ts';

export default fp(
  async (app: FastifyInstance, opts: { sessions: SessionService; secret: string; secureCookies: boolean }) => {
    await app.register(cookie);
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
    await app.register(csrf, { sessionPlugin: '@fastify/session', getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf });
    app.addHook('preHandler', (req, reply, done) => {
      if (req.method === 'POST' && !req.isApi) return app.csrfProtection(req, reply, done);
      done();
    });
  },
  { name: 'session', dependencies: ['i18n'] },
);
