// Security headers with a per-request CSP nonce (no unsafe-inline), request parsing and rate limiting.

import qs from 'node:querystring';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export default fp(
  async (app: FastifyInstance, opts: { rateLimitMax: number }) => {
    await app.register(helmet, {
      enableCSPNonces: true,
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
          upgradeInsecureRequests: null,
        },
      },
      // Served over plain HTTP on loopback in development; HSTS belongs to the TLS front end.
      strictTransportSecurity: false,
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
