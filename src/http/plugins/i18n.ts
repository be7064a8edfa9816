// The reader's language: ?lang=cy|en switches and persists it in a cookie; otherwise the cookie, else English.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Language } from '../../domain/organisation.ts';
import { translator } from '../../i18n.ts';

const ONE_YEAR = 365 * 24 * 3600;

function pick(value: unknown): Language | undefined {
  return value === 'cy' || value === 'en' ? value : undefined;
}

export default fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('lang', 'en');
    app.decorateRequest('t', undefined as never);
    app.decorateRequest('isApi', false);
    app.addHook('onRequest', async (req, reply) => {
      req.isApi = req.url.startsWith('/api/');
      const query = req.query as Record<string, unknown> | undefined;
      const requested = pick(query?.lang);
      const cookieHeader = req.headers.cookie ?? '';
      const fromCookie = pick(/(?:^|;\s*)lang=(cy|en)/.exec(cookieHeader)?.[1]);
      const fromHeader = req.isApi && /^cy\b/i.test(req.headers['accept-language'] ?? '') ? 'cy' : undefined;
      req.lang = requested ?? fromCookie ?? fromHeader ?? 'en';
      if (requested && requested !== fromCookie) {
        reply.header('set-cookie', `lang=${requested}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`);
      }
      req.t = translator(req.lang);
    });
  },
  { name: 'i18n' },
);
