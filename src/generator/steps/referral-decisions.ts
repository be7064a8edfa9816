// The referrals step's path to a decision: the management group's monthly meetings (attendance, agenda),
// the criteria assessment against the framework in force, the recommendation, the board chair's decision
// (pinned to the framework in force on the decision date) and the reviews it created (reference
// CODE/YEAR/NN, stage by age), each with its audit events.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { addDays, daysBetween } from '../../domain/clock/dates.ts';
import {
  DEFAULT_FRAMEWORK_ID,
  findFrameworkInForce,
  getFramework,
  heldState,
  REVIEW_CREATED_BY,
  reviewWorkflow,
  type StageId,
} from '../../domain/frameworks/index.ts';
import type { Framework } from '../../domain/frameworks/types.ts';
import { type LearningRoute, reviewReference } from '../../domain/referrals/referral.ts';
import { HOLD_REASONS, type HoldReason } from '../../domain/reviews/review.ts';
import type { GeneratedMove, GeneratorContext } from '../context.ts';
import { instantOn, notBefore, type Random } from '../random.ts';
import type { ChildPeriods } from './referral-facts.ts';
import { holders, type Plan } from './referral-plan.ts';

function frameworkOn(on: string): Framework {
  return findFrameworkInForce('wales', on) ?? getFramework(DEFAULT_FRAMEWORK_ID);
}

interface ReviewPlan {
  plan: Plan;
  framework: Framework;
  reviewType: string | null;
  decidedAt: string;
  decisionId: string;
  recommendationId: string;
}

/** The rows of the meetings, assessments, recommendations, decisions and reviews, and the last review number per board and year. */
export interface DecisionRows {
  meetings: Map<string, Insertable<Database['management_group_meetings']>>;
  attendance: Insertable<Database['management_group_attendance']>[];
  agenda: Insertable<Database['management_group_agenda']>[];
  assessments: Insertable<Database['criteria_assessments']>[];
  recommendations: Insertable<Database['recommendations']>[];
  decisions: Insertable<Database['decisions']>[];
  reviews: Insertable<Database['reviews']>[];
  /** Reviews put on hold (issue 10): when, from which stage, why; still on hold as of the generated day. */
  holds: Insertable<Database['review_holds']>[];
  reviewSequences: Map<string, number>;
  /** Decisions to hold a review, waiting to be numbered in decision order. */
  reviewPlans: ReviewPlan[];
}

export function emptyDecisionRows(): DecisionRows {
  return {
    meetings: new Map(),
    attendance: [],
    agenda: [],
    assessments: [],
    recommendations: [],
    decisions: [],
    reviews: [],
    holds: [],
    reviewSequences: new Map(),
    reviewPlans: [],
  };
}

/** The management group takes a referral up: "referred" → "under consideration". */
function considered(referralId: string): GeneratedMove {
  return { record: 'referral', id: referralId, from: 'referred', to: 'under_consideration', event: 'consider' };
}

/**
 * Takes a referral (not merely referred) as far as its status says: onto a meeting's agenda, assessed,
 * recommended, decided. A decision to hold a review waits in reviewPlans for addReviews.
 */
export function addConsideration(ctx: GeneratorContext, rng: Random, rows: DecisionRows, p: Plan, businessUnit: string | null, child: ChildPeriods): void {
  const { meetings, attendance, agenda, assessments, recommendations, decisions, reviewPlans } = rows;
  const board = p.board;
  // The management group meeting (one per board and month) and its agenda.
  const meetingKey = `${board.id}:${p.meetsOn}`;
  let meeting = meetings.get(meetingKey);
  const mgChair = holders(board, 'management_group_chair')[0] ?? null;
  // When the management group took the referral up (scheduling the meeting for it, or adding it to the agenda).
  let takenUpAt: string;
  if (!meeting) {
    const fortnightBefore = addDays(p.meetsOn, -14);
    const scheduledOn = [fortnightBefore, p.receivedOn].sort().concat(ctx.asOf).slice(1).sort()[0] ?? p.receivedOn;
    const at = notBefore(rng, instantOn(rng, scheduledOn), p.createdAt);
    takenUpAt = at;
    meeting = {
      id: rng.idAt(Date.parse(at)),
      board_id: board.id,
      meets_on: p.meetsOn,
      location: rng.pick(['Council offices, committee room 2', 'Online (Teams)', 'Police headquarters, meeting room 4', 'Health board offices']),
      created_by: businessUnit,
      created_at: at,
    };
    meetings.set(meetingKey, meeting);
    const meetingId = meeting.id;
    ctx.audit({
      id: rng.idAt(Date.parse(at)),
      at,
      actorId: businessUnit,
      action: 'MEETING_SCHEDULED',
      boardId: board.id,
      recordType: 'meeting',
      recordId: meetingId,
      summary: { referrals: 1, referralIds: [p.id] },
      moves: [considered(p.id)],
    });
    if (p.meetsOn <= ctx.asOf) {
      // Only the management group (its chair and members) and the board chair attend.
      const members = [
        ...new Set([...holders(board, 'management_group_chair'), ...holders(board, 'management_group_member'), ...holders(board, 'board_chair')]),
      ];
      let attended = 0;
      for (const personId of members) {
        const was = rng.chance(0.85);
        if (was) attended += 1;
        attendance.push({ meeting_id: meetingId, person_id: personId, attended: was ? 1 : 0 });
      }
      const at2 = instantOn(rng, p.meetsOn);
      ctx.audit({
        id: rng.idAt(Date.parse(at2)),
        at: at2,
        actorId: businessUnit,
        action: 'ATTENDANCE_RECORDED',
        boardId: board.id,
        recordType: 'meeting',
        recordId: meetingId,
        summary: { attended, absent: members.length - attended, guests: 0 },
      });
    }
  } else {
    // Added to the agenda of a meeting already scheduled: the referral is taken up then.
    const on = [p.receivedOn, meeting.created_at.slice(0, 10)].sort()[1] ?? p.receivedOn;
    const at = notBefore(rng, instantOn(rng, on), [p.createdAt, meeting.created_at].sort()[1] ?? p.createdAt);
    takenUpAt = at;
    ctx.audit({
      id: rng.idAt(Date.parse(at)),
      at,
      actorId: businessUnit,
      action: 'AGENDA_REFERRALS_ADDED',
      boardId: board.id,
      recordType: 'meeting',
      recordId: meeting.id,
      summary: { referralId: p.id },
      moves: [considered(p.id)],
    });
  }
  agenda.push({ meeting_id: meeting.id, referral_id: p.id });
  if (p.meetsOn > ctx.asOf || (p.status === 'under_consideration' && rng.chance(0.5))) return;

  // Criteria assessment at the meeting, against the framework in force then.
  const framework = frameworkOn(p.meetsOn);
  const answers: Record<string, { answer: string; facts: string | null }> = {};
  for (const q of framework.questions) {
    // A child referral raises no other SUSR stream (adult, homicide): those questions are not asked.
    if (q.raisesStream) {
      answers[q.id] = { answer: 'no', facts: null };
      continue;
    }
    if (q.askedWhen) continue;
    const yes = q.choices.find((c) => c.value === 'yes')?.value ?? q.choices[0]?.value ?? 'unknown';
    const answer = p.proceed || rng.chance(0.6) ? yes : rng.pick(q.choices.map((c) => c.value));
    answers[q.id] = { answer, facts: answer === 'unknown' ? null : 'Set out in the referral and the agencies’ initial information.' };
  }
  let outcome: string = 'undetermined';
  let assessedType: string | null = null;
  try {
    const result = framework.assess(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.answer])), {
      incidentOn: p.incidentOn,
      childProtectionRegisterPeriods: child.childProtectionRegisterPeriods,
      lookedAfterPeriods: child.lookedAfterPeriods,
    });
    outcome = result.outcome;
    assessedType = result.type ?? null;
  } catch {
    outcome = 'undetermined';
  }
  const assessedAt = notBefore(rng, instantOn(rng, p.meetsOn), takenUpAt);
  const assessmentId = rng.idAt(Date.parse(assessedAt));
  assessments.push({
    id: assessmentId,
    referral_id: p.id,
    meeting_id: meeting.id,
    framework_id: framework.id,
    answers: JSON.stringify(answers),
    outcome,
    review_type: assessedType,
    streams: null,
    assessed_by: mgChair,
    assessed_at: assessedAt,
  });
  ctx.audit({
    id: rng.idAt(Date.parse(assessedAt)),
    at: assessedAt,
    actorId: mgChair,
    action: 'CRITERIA_ASSESSED',
    boardId: board.id,
    recordType: 'referral',
    recordId: p.id,
    summary: { assessmentId, meetingId: meeting.id, frameworkId: framework.id, answers: Object.keys(answers).length },
  });
  if (p.status === 'under_consideration') return;

  // The management group chair's recommendation; the chair usually agrees.
  const agrees = rng.chance(0.94);
  const otherRoutes: LearningRoute[] = ['single_agency_review', 'multi_agency_professional_forum', 'no_review'];
  const decidedRoute: LearningRoute = p.proceed ? 'review' : rng.pick(otherRoutes);
  const recommendedRoute: LearningRoute = agrees || p.status === 'recommended_to_chair' ? decidedRoute : p.proceed ? rng.pick(otherRoutes) : 'review';
  const decisionFramework = frameworkOn(p.decidedOn);
  const typed = (f: Framework) => (f.reviewersByType ? rng.pick(['concise', 'extended']) : null);
  const recommendedType = recommendedRoute === 'review' ? (assessedType ?? typed(framework)) : null;
  const recommendedAt = notBefore(rng, instantOn(rng, p.recommendedOn), assessedAt);
  const recommendationId = rng.idAt(Date.parse(recommendedAt));
  recommendations.push({
    id: recommendationId,
    referral_id: p.id,
    assessment_id: assessmentId,
    route: recommendedRoute,
    framework_id: recommendedRoute === 'review' ? framework.id : null,
    review_type: recommendedType,
    reasons: 'The criteria were considered against the facts known to the agencies; see the assessment.',
    dissent: rng.chance(0.05) ? 'One member considered that a multi-agency professional forum would be proportionate.' : null,
    submitted_by: mgChair ?? businessUnit ?? '',
    submitted_at: recommendedAt,
  });
  ctx.audit({
    id: rng.idAt(Date.parse(recommendedAt)),
    at: recommendedAt,
    actorId: mgChair,
    action: 'RECOMMENDATION_SUBMITTED',
    boardId: board.id,
    recordType: 'referral',
    recordId: p.id,
    summary: { recommendationId, assessmentId },
    moves: [{ record: 'referral', id: p.id, from: 'under_consideration', to: 'recommended_to_chair', event: 'recommend' }],
  });
  if (p.status === 'recommended_to_chair') return;

  // The board chair's decision, pinned to the framework in force on the decision date.
  const chair = holders(board, 'board_chair')[0] ?? mgChair ?? '';
  const decidedAt = notBefore(rng, instantOn(rng, p.decidedOn), recommendedAt);
  const decisionId = rng.idAt(Date.parse(decidedAt));
  const reviewType = decidedRoute === 'review' ? ((agrees ? recommendedType : null) ?? typed(decisionFramework)) : null;
  decisions.push({
    id: decisionId,
    referral_id: p.id,
    recommendation_id: recommendationId,
    agrees_with_recommendation: recommendedRoute === decidedRoute ? 1 : 0,
    route: decidedRoute,
    framework_id: decidedRoute === 'review' ? decisionFramework.id : null,
    review_type: decisionFramework.reviewersByType ? reviewType : null,
    rationale: 'Having read the recommendation and the reasons, I have decided as set out in the letter.',
    decided_on: p.decidedOn,
    decided_by: chair,
    created_at: decidedAt,
  });
  if (p.proceed)
    reviewPlans.push({
      plan: p,
      framework: decisionFramework,
      reviewType: decisionFramework.reviewersByType ? reviewType : null,
      decidedAt,
      decisionId,
      recommendationId,
    });
  else
    ctx.audit({
      id: rng.idAt(Date.parse(decidedAt)),
      at: decidedAt,
      actorId: chair,
      action: 'DECISION_RECORDED',
      boardId: board.id,
      recordType: 'referral',
      recordId: p.id,
      summary: { decisionId, recommendationId, reviewId: null },
      moves: [{ record: 'referral', id: p.id, from: 'recommended_to_chair', to: 'decided_not_proceed', event: 'decide_not_proceed' }],
    });
}

/** Reviews: numbered per board and year in decision order; the stage follows the review's age. */
export function addReviews(ctx: GeneratorContext, rng: Random, rows: DecisionRows): void {
  const { reviews, reviewSequences, reviewPlans } = rows;
  // Holds draw from their own generator, so the rest of the generated data stays as it was.
  const holdRng = rng.fork('review-holds');
  reviewPlans.sort((a, b) => (a.plan.decidedOn < b.plan.decidedOn ? -1 : a.plan.decidedOn > b.plan.decidedOn ? 1 : 0));
  for (const r of reviewPlans) {
    const { plan: p, framework } = r;
    const year = Number(p.decidedOn.slice(0, 4));
    const key = `${p.board.id}:${year}`;
    const sequence = (reviewSequences.get(key) ?? 0) + 1;
    reviewSequences.set(key, sequence);
    const path = framework.stages.slice(framework.stages.indexOf('DECIDED_PROCEED') + 1);
    // About three years from decision to closure, with reviews running fast or slow.
    const progress = (daysBetween(p.decidedOn, ctx.asOf) / (365 * 3)) * (0.6 + rng.next() * 0.8);
    const stage = path[Math.min(path.length - 1, Math.floor(progress * path.length))] ?? 'SCOPING';
    const reference = reviewReference(p.board.code, year, sequence);
    const id = rng.idAt(Date.parse(r.decidedAt));
    reviews.push({
      id,
      board_id: p.board.id,
      referral_id: p.id,
      reference,
      reference_year: year,
      reference_sequence: sequence,
      framework_id: framework.id,
      review_type: r.reviewType,
      stage,
      decided_on: p.decidedOn,
      created_at: r.decidedAt,
      updated_at: r.decidedAt,
    });
    ctx.audit({
      id: rng.idAt(Date.parse(r.decidedAt)),
      at: r.decidedAt,
      actorId: holders(p.board, 'board_chair')[0] ?? null,
      action: 'DECISION_RECORDED',
      boardId: p.board.id,
      recordType: 'referral',
      recordId: p.id,
      summary: { decisionId: r.decisionId, recommendationId: r.recommendationId, reviewId: id },
      // The review is created by the decision; its later stages are not recorded as moves (a generated
      // review is put at a stage its age suggests), but a hold is (below).
      moves: [
        { record: 'referral', id: p.id, from: 'recommended_to_chair', to: 'decided_proceed', event: 'decide_proceed' },
        { record: 'review', id, from: null, to: reviewWorkflow(framework.stages).created.state, event: REVIEW_CREATED_BY },
      ],
    });
    addHold(ctx, holdRng, rows, reviews[reviews.length - 1], p, r.decidedAt);
  }
}

const HOLD_TEXT: Record<HoldReason, string> = {
  criminal_proceedings: 'Generated: agencies’ staff are not to be interviewed before the criminal trial.',
  inquest: 'Generated: waiting for the coroner’s inquest.',
  family_court: 'Generated: waiting for the family court’s findings.',
  agency_disciplinary: 'Generated: an agency’s disciplinary process is under way.',
  other: 'Generated: paused at the family’s request.',
};

/**
 * About one active review in twelve is on hold as of the generated day (paused in the last six months, from
 * the stage it is at, with a reason), as ReviewService writes it: the hold row, the state ON_HOLD:<stage>,
 * and the business unit's REVIEW_MOVED event with the transition (and its reason) beside it.
 */
function addHold(
  ctx: GeneratorContext,
  rng: Random,
  rows: DecisionRows,
  review: Insertable<Database['reviews']> | undefined,
  p: Plan,
  decidedAt: string,
): void {
  const decidedOn = p.decidedOn;
  if (!review || review.stage === 'CLOSED' || !rng.chance(1 / 12)) return;
  const span = daysBetween(decidedOn, ctx.asOf);
  if (span < 2) return;
  const pausedOn = addDays(ctx.asOf, -rng.int(1, Math.min(span - 1, 180)));
  const at = notBefore(rng, instantOn(rng, pausedOn), decidedAt);
  const reason = rng.pick(HOLD_REASONS);
  const from = String(review.stage);
  const to = heldState(from as StageId);
  review.stage = to;
  review.updated_at = at;
  rows.holds.push({
    id: rng.idAt(Date.parse(at)),
    review_id: String(review.id),
    held_stage: from,
    paused_on: pausedOn,
    resumed_on: null,
    reason_code: reason,
    reason_text: HOLD_TEXT[reason],
    created_at: at,
  });
  ctx.audit({
    id: rng.idAt(Date.parse(at)),
    at,
    actorId: holders(p.board, 'business_unit')[0] ?? null,
    action: 'REVIEW_MOVED',
    boardId: String(review.board_id),
    recordType: 'review',
    recordId: String(review.id),
    summary: { event: 'hold', holdReason: reason },
    moves: [{ record: 'review', id: String(review.id), from, to, event: 'hold', reason: HOLD_TEXT[reason] }],
  });
}
