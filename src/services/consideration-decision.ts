// The board chair's decision: recorded with its rationale, creating the review when it is to proceed, and
// emailed to the referrer, the management group and the business unit (R2, R14).

import {
  activeRolesOnBoard,
  type DecisionRecord,
  decisionRecipients,
  findDecision,
  insertDecision,
  insertReview,
  latestAssessment,
  latestRecommendation,
  nextReviewSequence,
  type ReviewRecord,
} from '../db/repositories/consideration-repository.ts';
import { syncReviewPeople } from '../db/repositories/family-repository.ts';
import { findBoard } from '../db/repositories/organisation-repository.ts';
import { findPersonRow, findPersonRowByEmail } from '../db/repositories/people-repository.ts';
import { findReferral, type ReferralRecord } from '../db/repositories/referrals-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { formatDate } from '../domain/clock/london.ts';
import { frameworkForDecision } from '../domain/frameworks/board-frameworks.ts';
import { REVIEW_CREATED_BY, reviewWorkflow } from '../domain/frameworks/index.ts';
import { DECISION_TEXT, textProblems } from '../domain/limits.ts';
import type { Language } from '../domain/organisation.ts';
import { can, permissionsOf } from '../domain/permissions.ts';
import { pseudonymText } from '../domain/pseudonyms.ts';
import { LEARNING_ROUTES, type LearningRoute, reviewReference } from '../domain/referrals/referral.ts';
import type { BoardRole } from '../domain/roles.ts';
import { mutationVariables } from '../domain/welsh.ts';
import { translator } from '../i18n.ts';
import { absoluteUrl, urls } from '../urls.ts';
import { type ConsiderationContext, conflict, nationOf } from './consideration-context.ts';
import { type Caller, forbidden, invalid, newId, notFound } from './context.ts';

export interface DecisionInput {
  agreesWithRecommendation: boolean;
  /** Required when the chair differs from the recommendation. */
  route: LearningRoute | null;
  reviewType: 'concise' | 'extended' | null;
  rationale: string;
  decidedOn: string;
}

export interface DecisionOutcome {
  decision: DecisionRecord;
  review: ReviewRecord | undefined;
  /** Who was emailed: whether the referrer could be ('none': no address, or email is not set up). */
  notified: { mailEnabled: boolean; referrer: 'emailed' | 'none' };
}

/** Whether a board role lets its holder see the referral (and so sign in to read the decision). */
const seesReferrals = (roles: readonly string[]) => roles.some((r) => permissionsOf(r as BoardRole)?.includes('referral.view'));

export async function recordDecision(ctx: ConsiderationContext, caller: Caller, referralId: string, input: DecisionInput): Promise<DecisionOutcome> {
  const errors: Record<string, string> = {};
  // The rationale by the same rules as the page and the API (src/domain/limits.ts).
  Object.assign(errors, textProblems(DECISION_TEXT, input));
  if (input.decidedOn > ctx.clock.today()) errors.decidedOn = 'decision.inFuture';
  if (!input.agreesWithRecommendation && (!input.route || !LEARNING_ROUTES.includes(input.route))) errors.route = 'decision.routeRequired';
  let notified: DecisionOutcome['notified'] = { mailEnabled: ctx.mail.isEnabled, referrer: 'none' };
  const outcome = await inTransaction(ctx.db, async (trx) => {
    const referral = await findReferral(trx, referralId);
    // Only a person holding the board chair role on THIS board may decide (R2).
    if (!referral || !can(caller.actor, 'referral.view', { boardId: referral.boardId })) throw notFound('referral');
    if (!can(caller.actor, 'decision.record', { boardId: referral.boardId })) throw forbidden();
    if (await findDecision(trx, referralId)) throw conflict('decision.alreadyDecided');
    const recommendation = await latestRecommendation(trx, referralId);
    if (!recommendation || referral.status !== 'recommended_to_chair') throw conflict('decision.recommendationRequired');
    if (input.decidedOn < referral.receivedOn) errors.decidedOn = 'decision.beforeReferral';
    const route = (input.agreesWithRecommendation ? recommendation.route : input.route) as LearningRoute;
    const board = await findBoard(trx, referral.boardId);
    if (!board) throw notFound('board');
    const assessment = await latestAssessment(trx, referralId);
    // Pinned to the framework in force on the decision date, or the one the board runs that the group chose (R14).
    const framework = frameworkForDecision(assessment, nationOf(board), input.decidedOn);
    const reviewType =
      route !== 'review' || !framework.reviewTypes
        ? null
        : ((input.agreesWithRecommendation ? recommendation.reviewType : input.reviewType) ?? assessment?.reviewType ?? null);
    if (route === 'review' && framework.reviewTypes && !reviewType) errors.reviewType = 'decision.reviewTypeRequired';
    if (Object.keys(errors).length > 0) throw invalid(errors);
    const at = ctx.clock.now().toISOString();
    const decision: DecisionRecord = {
      id: newId(),
      referralId,
      recommendationId: recommendation.id,
      agreesWithRecommendation: input.agreesWithRecommendation,
      route,
      frameworkId: route === 'review' ? framework.id : null,
      reviewType,
      rationale: input.rationale.trim(),
      decidedOn: input.decidedOn,
      decidedBy: caller.actor?.personId ?? '',
      createdAt: at,
    };
    await insertDecision(trx, decision);
    let review: ReviewRecord | undefined;
    let listed = 0;
    if (route === 'review') {
      const year = Number(input.decidedOn.slice(0, 4));
      const sequence = await nextReviewSequence(trx, board.id, year);
      // The review starts in the stage its table gives the decision that creates it (DECIDED_PROCEED);
      // later stages (Welsh Government notified, scoping, …) are reached only by their own actions.
      const created = reviewWorkflow(framework.stages).created;
      review = {
        id: newId(),
        boardId: board.id,
        referralId,
        reference: reviewReference(board.code, year, sequence),
        referenceYear: year,
        referenceSequence: sequence,
        frameworkId: framework.id,
        reviewType,
        stage: created.state,
        decidedOn: input.decidedOn,
        createdAt: at,
        updatedAt: at,
      };
      await insertReview(trx, review);
      // The referral's child and family are listed among the review's people in the decision's transaction, so reads list nothing.
      listed = await syncReviewPeople(trx, ctx.db.dialect, ctx.cipher, review, at, newId);
    }
    // Decided through the referral's table, from the state it was read in: the decision's one event about the referral.
    const decided = await ctx.workflow.transition(trx, caller, {
      record: 'referral',
      id: referralId,
      event: route === 'review' ? 'decide_proceed' : 'decide_not_proceed',
      from: 'recommended_to_chair',
      summary: { decisionId: decision.id, recommendationId: recommendation.id, reviewId: review?.id ?? null, listed },
    });
    // The review's first transition, recorded beside the decision that creates it.
    if (review) await ctx.workflow.created(trx, caller, { record: 'review', id: review.id, event: REVIEW_CREATED_BY, recordedBy: decided.event });
    notified = await notifyDecision(ctx, trx, referral, board, decision, review);
    return { decision, review };
  });
  return { ...outcome, notified };
}

/**
 * Emails the referrer, the management group and the business unit, each in their own language. Those who
 * may see the referral are asked to sign in to read the decision; a referrer who may not (someone without
 * an account, or an agency referrer) is told the decision without being asked to sign in.
 */
async function notifyDecision(
  ctx: ConsiderationContext,
  trx: Executor,
  referral: ReferralRecord,
  board: { id: string; nameEn: string; nameCy: string },
  decision: DecisionRecord,
  review: ReviewRecord | undefined,
): Promise<DecisionOutcome['notified']> {
  const mailEnabled = ctx.mail.isEnabled;
  const recipients = await decisionRecipients(trx, board.id);
  type Recipient = { language: Language; signsIn: boolean };
  const byEmail = new Map<string, Recipient>(recipients.map((r) => [r.email.toLowerCase(), { language: r.language as Language, signsIn: true }]));

  // The referrer: a person with an account (or, for referrals that name no referrer, the person who recorded it), or an email address.
  const referrer = await referrerRecipient(trx, referral);
  if (referrer && !byEmail.has(referrer.email)) byEmail.set(referrer.email, referrer);

  const link = absoluteUrl(ctx.publicUrl(), urls.referral(board.id, referral.id));
  for (const [email, { language, signsIn }] of byEmail) {
    const t = translator(language);
    const boardName = language === 'cy' ? board.nameCy : board.nameEn;
    const values = {
      ...mutationVariables('childCode', pseudonymText(referral.pseudonym, language), language),
      board: boardName,
      decision: t(`consideration:routes.${decision.route}`),
      reference: review?.reference ?? t('consideration:decisionEmail.noReview'),
      // The date written out in the reader's language (never 2026-11-27).
      decidedOn: formatDate(decision.decidedOn, language),
      decidedOnText: formatDate(decision.decidedOn, language),
      receivedOn: formatDate(referral.receivedOn, language),
      link,
    };
    await ctx.mail.enqueue(trx, {
      language,
      to: email,
      subject: t('consideration:decisionEmail.subject', values),
      body: t(signsIn ? 'consideration:decisionEmail.body' : 'consideration:decisionEmail.referrerBody', values),
    });
  }
  return { mailEnabled, referrer: mailEnabled && referrer ? 'emailed' : 'none' };
}

/** Where the referrer is emailed, in which language, and whether they may sign in to see the referral; undefined when there is nowhere. */
async function referrerRecipient(trx: Executor, referral: ReferralRecord): Promise<{ email: string; language: Language; signsIn: boolean } | undefined> {
  const personId = referral.referrerPersonId ?? (referral.referrerEmail ? null : referral.createdBy);
  if (personId) {
    const person = await findPersonRow(trx, personId);
    if (!person || person.deactivated_at) return undefined;
    const signsIn = seesReferrals(await activeRolesOnBoard(trx, person.id, referral.boardId));
    return { email: person.email.toLowerCase(), language: person.language as Language, signsIn };
  }
  if (!referral.referrerEmail) return undefined;
  const email = referral.referrerEmail.toLowerCase();
  // An address that is an account's, whose holder may see the referral, is asked to sign in like the staff.
  const account = await findPersonRowByEmail(trx, email);
  const signsIn = account && !account.deactivated_at ? seesReferrals(await activeRolesOnBoard(trx, account.id, referral.boardId)) : false;
  const language = signsIn && account ? (account.language as Language) : (referral.referrerLanguage ?? 'en');
  return { email, language, signsIn };
}
