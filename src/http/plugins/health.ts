// Liveness and readiness for operators and load balancers.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../container.ts';

export default async function health(app: FastifyInstance, opts: { services: Services }) {
  const { services } = opts;
  app.get('/ping', { config: { access: 'public', audit: 'PING' } }, async (_req, reply) => reply.type('text/plain').send('pong'));
  app.get('/health', { config: { access: 'public', audit: 'HEALTH_CHECKED' } }, async (_req, reply) => {
    try {
      await services.health.ping();
      const current = await services.health.migrationsCurrent();
      return reply
        .code(current ? 200 : 503)
        .send({ status: current ? 'ok' : 'degraded', database: services.health.dialect, migrations: current ? 'current' : 'pending' });
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: services.health.dialect, migrations: 'unknown' });
    }
  });
}
