// Builds the web application (pages and API) over the services. Never listens: server.ts does that.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Services } from './container.ts';
import type { DemoSignIn } from './http/features/auth/sign-in-demo.ts';
import featureRoutes from './http/features/index.ts';
import auth from './http/plugins/auth.ts';
import errors from './http/plugins/errors.ts';
import health from './http/plugins/health.ts';
import i18n from './http/plugins/i18n.ts';
import input from './http/plugins/input.ts';
import security, { securityHeaders } from './http/plugins/security.ts';
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
  /** The demo's sign-in details, shown on the sign-in page: only `case-review demo` passes them (never a setting). */
  demo?: DemoSignIn;
  /** Called for every route as it is registered (the route-declaration test uses it). */
  /** Tests: an answer whose read events do not match its route's declaration becomes a 500 (otherwise logged). */
  strictReads?: boolean;
  onRoute?: (route: { method: string | string[]; url: string; config: Record<string, unknown> | undefined }) => void;
}

export const BODY_LIMIT = 1024 * 1024;

/** A hop count as Fastify's trustProxy function: the nearest `hops` proxies are trusted, whatever their address. */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/**
 * Fastify's own answers to requests no route sees (a URL that is not valid percent-encoding, a path
 * parameter longer than the router allows): the same security headers as every other answer, and a
 * problem+json body on the API.
 */
function frameworkErrorHandler(headers: Record<string, string>) {
  return (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
    const title = STATUS_CODES[status] ?? 'Bad Request';
    reply.code(status).headers(headers);
    if (req.url.startsWith('/api/')) return reply.type('application/problem+json; charset=utf-8').send({ type: 'about:blank', title, status });
    return reply.type('text/plain; charset=utf-8').send(`${status} ${title}`);
  };
}

/** Answers to malformed HTTP (written straight to the socket by Node's parser handling): the same headers. */
function clientErrorHandler(headers: Record<string, string>) {
  return (error: Error & { code?: string }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy(error);
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = `${status} ${STATUS_CODES[status]}`;
    const lines = Object.entries({
      ...headers,
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    });
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`);
  };
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { services } = opts;
  const { config } = services;
  const hsts = (config.publicUrl ?? '').startsWith('https://');
  const headers = securityHeaders(hsts);
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config.logLevel),
    // The proxies' addresses or a hop count (config.ts refuses `true`, which trusts every client).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    frameworkErrors: frameworkErrorHandler(headers),
    clientErrorHandler: clientErrorHandler(headers),
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
  await app.register(security, { rateLimitMax: config.rateLimitMax, hsts });
  // File uploads are read as streams by the routes that take them (src/http/uploads.ts); one file a
  // request. Each purpose's own limit is enforced as the file streams (src/services/files).
  await app.register(multipart, {
    limits: {
      fileSize: Math.max(config.files.maxBytes.attachment, config.files.maxBytes.import) + 1,
      files: 1,
      fields: 10,
      fieldSize: 1024,
      parts: 12,
      headerPairs: 50,
    },
  });
  await app.register(session, {
    sessions: services.sessions,
    secret: await services.sessions.signingSecret(config.sessionSecret),
    secureCookies: hsts,
    publicUrl: config.publicUrl,
  });
  await app.register(views, {
    searchPaths: [join(here, 'http'), join(here, 'views'), govukDist],
    development: opts.development ?? false,
  });
  await app.register(errors);
  await app.register(auth, { services, strictReads: opts.strictReads ?? false });
  await app.register(input);
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
  await app.register(featureRoutes, { services, demo: opts.demo });
  return app;
}
