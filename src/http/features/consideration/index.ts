// The management group and the chair's decision (issue 3 §4–5, §7): meetings and attendance, the criteria
// analysis, the recommendation, the decision, the consideration page and the decision letter.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import criteriaRoutes from './criteria.ts';
import decisionRoutes from './decision.ts';
import meetingRoutes from './meetings.ts';
import notificationRoutes from './notification.ts';
import recommendationRoutes from './recommendation.ts';
import considerationViewRoutes from './view.ts';

export default async function considerationRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(meetingRoutes, opts);
  await app.register(criteriaRoutes, opts);
  await app.register(recommendationRoutes, opts);
  await app.register(decisionRoutes, opts);
  await app.register(notificationRoutes, opts);
  await app.register(considerationViewRoutes, opts);
}
