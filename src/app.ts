// Builds the web application (pages and API) over the services. Never listens: server.ts does that.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Services } from './container.ts';
import featureRoutes from './http/features/index.ts';
import auth from './http/plugins/auth.ts';
import errors from './http/plugins/errors.ts';
import health from './http/plugins/health.ts';
import i18n from './http/plugins/i18n.ts';
import security from './http/plugins/security.ts';
import session from './http/plugins/session.ts';
import views from './http/plugins/views.ts';
import { loggerOptions } from './logger.ts';
import './http/types.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const projectRoot = join(here, '..');
const govukDist = join(projectRoot, 'node_modules/govuk-frontend/dist');

export interface AppOptions {
  services: Services;
  /** Template recompilation on every render; never in production. */
  development?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Called for every route as it is registered (the route-declaration test uses it). */
  onRoute?: (route: { method: string | string[]; url: string; config: Record<string, unknown> | undefined }) => void;
}

export const BODY_LIMIT = 1024 * 1024;

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { services } = opts;
  const { config } = services;
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('services', services);

  app.addHook('onRoute', (route) => {
    // Static assets are public and are not audited.
    if (route.url.startsWith('/assets/')) route.config = { ...(route.config ?? {}), access: 'public', audit: 'ASSET_SERVED' };
    opts.onRoute?.({ method: route.method, url: route.url, config: route.config as Record<string, unknown> | undefined });
  });

  await app.register(i18n);
  await app.register(security, { rateLimitMax: config.rateLimitMax });
  await app.register(session, {
    sessions: services.sessions,
    secret: await services.sessions.signingSecret(config.sessionSecret),
    secureCookies: (config.publicUrl ?? '').startsWith('https://'),
  });
  await app.register(views, {
    searchPaths: [join(here, 'http'), join(here, 'views'), govukDist],
    development: opts.development ?? false,
  });
  await app.register(errors);
  await app.register(auth, { services });
  await app.register(fastifyStatic, {
    root: [join(here, '..', 'dist', 'assets'), join(govukDist, 'govuk/assets'), join(govukDist, 'govuk')],
    prefix: '/assets/',
    maxAge: '1d',
    index: false,
    // One wildcard route: registering a route per file (govuk-frontend ships over 900 files) cost
    // about 300 ms of start-up.
    wildcard: true,
  });
  await app.register(health, { services });
  await app.register(featureRoutes, { services });
  return app;
}
