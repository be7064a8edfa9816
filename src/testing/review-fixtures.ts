// Reviews for tests of running a review, created through the real path: analysis, recommendation, the
// chair's decision to hold one (on a framework the board runs).
import type { Services } from '../container.ts';
import { findBoardSettings, upsertBoardSettings } from '../db/repositories/board-settings-repository.ts';
import { findBoard } from '../db/repositories/organisation-repository.ts';
import { getFramework } from '../domain/frameworks/index.ts';
import type { FrameworkId } from '../domain/frameworks/types.ts';
import type { Actor } from '../domain/permissions.ts';
import type { Caller } from '../services/context.ts';
import { testAction } from './audit-actions.ts';
import { as, callerWithRole, criteriaAnswers, referralInput } from './case-fixtures.ts';
import { seedPerson } from './fixtures.ts';

export interface ReviewCallers {
  bu: Caller;
  mg: Caller;
  mgChair: Caller;
  chair: Caller;
}

/** The board's business unit, management group member and chair, and board chair. */
export async function reviewCallers(services: Services, boardId: string): Promise<ReviewCallers> {
  return {
    bu: await callerWithRole(services, 'business_unit', boardId),
    mg: await callerWithRole(services, 'management_group_member', boardId),
    mgChair: await callerWithRole(services, 'management_group_chair', boardId),
    chair: await callerWithRole(services, 'board_chair', boardId),
  };
}

/** The board runs the framework besides its statutory one (its settings), so a review can follow its path. */
async function runFramework(services: Services, boardId: string, frameworkId: FrameworkId): Promise<void> {
  const board = await findBoard(services.db.kysely, boardId);
  if (!board) throw new Error('no such board');
  const current = await findBoardSettings(services.db.kysely, boardId);
  const settings = current ?? {
    boardId,
    holidayRegion: board.nation === 'england' ? ('england' as const) : ('wales' as const),
    decisionWeeksFromIncident: null,
    decisionWeeksFromReferral: null,
    frameworks: [],
  };
  if (!settings.frameworks.includes(frameworkId))
    await upsertBoardSettings(services.db.kysely, { ...settings, frameworks: [...settings.frameworks, frameworkId] }, services.clock.now().toISOString());
}

/** A decided review on the board (in DECIDED_PROCEED), on `frameworkId` (default: the statutory one). */
export async function seedReview(services: Services, boardId: string, callers: ReviewCallers, opts: { frameworkId?: FrameworkId; decidedOn?: string } = {}) {
  if (opts.frameworkId) await runFramework(services, boardId, opts.frameworkId);
  const referral = await services.referrals.create(as(callers.bu, 'REFERRAL_CREATED'), referralInput(boardId));
  const { framework: statutory } = await services.consideration.frameworkFor(callers.mg, referral.id);
  const framework = opts.frameworkId ? getFramework(opts.frameworkId) : statutory;
  await services.consideration.recordAssessment(as(callers.mg, 'CRITERIA_ASSESSED'), referral.id, {
    meetingId: null,
    frameworkId: framework.id,
    answers: criteriaAnswers(framework),
  });
  await services.consideration.submitRecommendation(as(callers.mgChair, 'RECOMMENDATION_SUBMITTED'), referral.id, {
    route: 'review',
    reviewType: framework.reviewersByType ? 'concise' : null,
    reasons: 'The statutory criteria are met.',
    dissent: null,
  });
  const { review } = await services.consideration.recordDecision(as(callers.chair, 'DECISION_RECORDED'), referral.id, {
    agreesWithRecommendation: true,
    route: null,
    reviewType: null,
    rationale: 'I agree.',
    decidedOn: opts.decidedOn ?? services.clock.today(),
  });
  if (!review) throw new Error('the decision made no review');
  return review;
}

/** A person holding a review role on one review, as a caller. */
export async function reviewRoleCaller(
  services: Services,
  role: 'panel_chair' | 'panel_member' | 'author' | 'agency_contributor',
  boardId: string,
  reviewId: string,
  agencyId: string | null = null,
): Promise<Caller & { personId: string; email: string }> {
  const seeded = await seedPerson(services, { reviewRoles: [{ role, boardId, reviewId, agencyId }], agencyId, totp: true });
  const loaded = await services.identity.loadActor(seeded.id, true);
  if (!loaded) throw new Error('seeded person not found');
  const actor: Actor = { personId: seeded.id, grants: loaded.grants, twoFactorSatisfied: true };
  return { actor, ip: '127.0.0.1', requestId: null, action: testAction('TEST'), personId: seeded.id, email: seeded.email };
}
