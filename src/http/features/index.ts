// Every feature, registered in one explicit list.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../container.ts';
import apiRoutes from '../api/index.ts';
import accountRoutes from './account/index.ts';
import actionPlanRoutes from './actions/index.ts';
import adminRoutes from './admin/index.ts';
import auditRoutes from './audit/index.ts';
import authRoutes from './auth/index.ts';
import type { DemoSignIn } from './auth/sign-in-demo.ts';
import boardMeetingRoutes from './board-meetings/index.ts';
import chronologyRoutes from './chronology/index.ts';
import considerationRoutes from './consideration/index.ts';
import contributionRoutes from './contributions/index.ts';
import dashboardRoutes from './dashboard/index.ts';
import earlyLearningRoutes from './early-learning/index.ts';
import familyRoutes from './family/index.ts';
import fileStorageRoutes from './file-storage/index.ts';
import homeRoutes from './home/index.ts';
import jobRoutes from './jobs/index.ts';
import learningEventRoutes from './learning-event/index.ts';
import milestoneRoutes from './milestones/index.ts';
import panelRoutes from './panel/index.ts';
import referralRoutes from './referrals/index.ts';
import reportRoutes from './report/index.ts';
import reviewLibraryRoutes from './review-library/index.ts';
import reviewRoutes from './reviews/index.ts';
import roleGrantRoutes from './role-grants/index.ts';
import termsRoutes from './terms-of-reference/index.ts';

/** `demo`: the demo's sign-in details, only from `case-review demo` (see auth/sign-in-demo.ts). */
export default async function featureRoutes(app: FastifyInstance, opts: { services: Services; demo?: DemoSignIn | undefined }) {
  await app.register(authRoutes, opts);
  await app.register(accountRoutes, opts);
  await app.register(homeRoutes, opts);
  await app.register(referralRoutes, opts);
  await app.register(dashboardRoutes, opts);
  await app.register(considerationRoutes, opts);
  await app.register(reviewRoutes, opts);
  await app.register(milestoneRoutes, opts);
  await app.register(reviewLibraryRoutes, opts);
  await app.register(earlyLearningRoutes, opts);
  await app.register(actionPlanRoutes, opts);
  await app.register(familyRoutes, opts);
  await app.register(learningEventRoutes, opts);
  await app.register(panelRoutes, opts);
  await app.register(contributionRoutes, opts);
  await app.register(chronologyRoutes, opts);
  await app.register(termsRoutes, opts);
  await app.register(reportRoutes, opts);
  await app.register(boardMeetingRoutes, opts);
  await app.register(apiRoutes, opts);
  await app.register(adminRoutes, opts);
  await app.register(roleGrantRoutes, opts);
  await app.register(auditRoutes, opts);
  await app.register(jobRoutes, opts);
  await app.register(fileStorageRoutes, opts);
}
