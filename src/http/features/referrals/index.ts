// Referrals (issue 3 §3, §6): recording a referral in question pages ending in check answers, and the
// referral page with its timeline.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import referralJourneyRoutes from './journey.ts';
import referralViewRoutes from './view.ts';

export default async function referralRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(referralJourneyRoutes, opts);
  await app.register(referralViewRoutes, opts);
}
