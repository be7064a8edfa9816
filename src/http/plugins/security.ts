// Security headers with a per-request CSP nonce (no unsafe-inline), HSTS behind an https PUBLIC_URL,
// no caching of anything but static assets, request parsing and rate limiting. Fastify's own answers
// to requests that never reach a route (bad URL encoding, too long a parameter, malformed HTTP) carry
// the same headers through securityHeaders() (app.ts passes them to frameworkErrors and clientErrorHandler).

import type { IncomingMessage, ServerResponse } from 'node:http';
import qs from 'node:querystring';
import formbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

export interface SecurityOptions {
  rateLimitMax: number;
  /** Strict-Transport-Security: only when the service is reached over https (PUBLIC_URL). */
  hsts: boolean;
}

/** Static assets may be cached; every other answer (pages, API, errors) is not stored anywhere. */
export function isStaticAsset(url: string): boolean {
  return url.startsWith('/assets/');
}

/** The helmet configuration shared by every response (the nonce is added per request by @fastify/helmet). */
export function helmetOptions(hsts: boolean) {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null as null,
      },
    },
    // A year, subdomains included, when people reach the service over https; never on plain http
    // (development on loopback), where browsers ignore it anyway.
    strictTransportSecurity: hsts ? { maxAge: 31_536_000, includeSubDomains: true } : (false as const),
    // No address is sent to other sites, but our own form posts carry their Origin: under helmet's
    // default (no-referrer) browsers send "Origin: null" even to the same site, and the Origin check
    // (session.ts) could not tell our pages from another site's.
    referrerPolicy: { policy: 'same-origin' as const },
  };
}

/**
 * The headers helmet writes with this configuration (no nonce: these answers run no script), plus
 * no-store: for answers Fastify writes itself, outside the request lifecycle.
 */
export function securityHeaders(hsts: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(helmetOptions(hsts))({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  headers['cache-control'] = 'no-store';
  return headers;
}

export default fp(
  async (app: FastifyInstance, opts: SecurityOptions) => {
    await app.register(fastifyHelmet, { enableCSPNonces: true, ...helmetOptions(opts.hsts) });
    // Pages and API answers hold case material: no browser or proxy may keep a copy.
    app.addHook('onSend', async (req, reply, payload) => {
      if (!isStaticAsset(req.url)) reply.header('cache-control', 'no-store');
      return payload;
    });
    await app.register(formbody, { parser: (body) => qs.parse(body) });
    await app.register(rateLimit, {
      global: true,
      max: opts.rateLimitMax,
      timeWindow: '1 minute',
      keyGenerator: (req) => req.ip,
    });
  },
  { name: 'security' },
);
