// Criteria assessments, recommendations, decisions (and who is told of them) and the reviews decisions create.
import type { FrameworkId, ReviewType } from '../../domain/frameworks/types.ts';
import type { LearningRoute } from '../../domain/referrals/referral.ts';
import type { Executor } from '../transaction.ts';
import { nextCounterValue, reviewSequenceCounter } from './counters-repository.ts';

export interface AssessmentRecord {
  id: string;
  referralId: string;
  meetingId: string | null;
  frameworkId: FrameworkId;
  answers: Record<string, { answer: string; facts: string | null }>;
  outcome: string;
  reviewType: ReviewType | null;
  streams: unknown;
  /** The statutory framework on the day: when frameworkId differs, the group chose another framework the board runs. */
  statutoryFrameworkId: FrameworkId | null;
  assessedBy: string | null;
  assessedAt: string;
}

export async function insertAssessment(db: Executor, a: AssessmentRecord): Promise<void> {
  await db
    .insertInto('criteria_assessments')
    .values({
      id: a.id,
      referral_id: a.referralId,
      meeting_id: a.meetingId,
      framework_id: a.frameworkId,
      answers: JSON.stringify(a.answers),
      outcome: a.outcome,
      review_type: a.reviewType,
      streams: a.streams === undefined || a.streams === null ? null : JSON.stringify(a.streams),
      statutory_framework_id: a.statutoryFrameworkId,
      assessed_by: a.assessedBy,
      assessed_at: a.assessedAt,
    })
    .execute();
}

export async function latestAssessment(db: Executor, referralId: string): Promise<AssessmentRecord | undefined> {
  const row = await db
    .selectFrom('criteria_assessments')
    .selectAll()
    .where('referral_id', '=', referralId)
    .orderBy('assessed_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    referralId: row.referral_id,
    meetingId: row.meeting_id,
    frameworkId: row.framework_id as FrameworkId,
    answers: JSON.parse(row.answers) as AssessmentRecord['answers'],
    outcome: row.outcome,
    reviewType: row.review_type as ReviewType | null,
    streams: row.streams ? JSON.parse(row.streams) : null,
    statutoryFrameworkId: row.statutory_framework_id as FrameworkId | null,
    assessedBy: row.assessed_by,
    assessedAt: row.assessed_at,
  };
}

export interface RecommendationRecord {
  id: string;
  referralId: string;
  assessmentId: string | null;
  route: LearningRoute;
  frameworkId: FrameworkId | null;
  reviewType: ReviewType | null;
  reasons: string;
  dissent: string | null;
  submittedBy: string;
  submittedAt: string;
}

export async function insertRecommendation(db: Executor, r: RecommendationRecord): Promise<void> {
  await db
    .insertInto('recommendations')
    .values({
      id: r.id,
      referral_id: r.referralId,
      assessment_id: r.assessmentId,
      route: r.route,
      framework_id: r.frameworkId,
      review_type: r.reviewType,
      reasons: r.reasons,
      dissent: r.dissent,
      submitted_by: r.submittedBy,
      submitted_at: r.submittedAt,
    })
    .execute();
}

export async function latestRecommendation(db: Executor, referralId: string): Promise<RecommendationRecord | undefined> {
  const row = await db
    .selectFrom('recommendations')
    .selectAll()
    .where('referral_id', '=', referralId)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    referralId: row.referral_id,
    assessmentId: row.assessment_id,
    route: row.route as LearningRoute,
    frameworkId: row.framework_id as FrameworkId | null,
    reviewType: row.review_type as ReviewType | null,
    reasons: row.reasons,
    dissent: row.dissent,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
  };
}

export interface DecisionRecord {
  id: string;
  referralId: string;
  recommendationId: string;
  agreesWithRecommendation: boolean;
  route: LearningRoute;
  frameworkId: FrameworkId | null;
  reviewType: ReviewType | null;
  rationale: string;
  decidedOn: string;
  decidedBy: string;
  createdAt: string;
}

export async function insertDecision(db: Executor, d: DecisionRecord): Promise<void> {
  await db
    .insertInto('decisions')
    .values({
      id: d.id,
      referral_id: d.referralId,
      recommendation_id: d.recommendationId,
      agrees_with_recommendation: d.agreesWithRecommendation ? 1 : 0,
      route: d.route,
      framework_id: d.frameworkId,
      review_type: d.reviewType,
      rationale: d.rationale,
      decided_on: d.decidedOn,
      decided_by: d.decidedBy,
      created_at: d.createdAt,
    })
    .execute();
}

export async function findDecision(db: Executor, referralId: string): Promise<DecisionRecord | undefined> {
  const row = await db.selectFrom('decisions').selectAll().where('referral_id', '=', referralId).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    referralId: row.referral_id,
    recommendationId: row.recommendation_id,
    agreesWithRecommendation: Number(row.agrees_with_recommendation) === 1,
    route: row.route as LearningRoute,
    frameworkId: row.framework_id as FrameworkId | null,
    reviewType: row.review_type as ReviewType | null,
    rationale: row.rationale,
    decidedOn: row.decided_on,
    decidedBy: row.decided_by,
    createdAt: row.created_at,
  };
}

export interface ReviewRecord {
  id: string;
  boardId: string;
  referralId: string;
  reference: string;
  referenceYear: number;
  referenceSequence: number;
  frameworkId: FrameworkId;
  reviewType: ReviewType | null;
  stage: string;
  decidedOn: string;
  createdAt: string;
  updatedAt: string;
}

/** The board's next review sequence in the year (CODE/YEAR/NN), taken from its counter in the caller's transaction. */
export async function nextReviewSequence(db: Executor, boardId: string, year: number): Promise<number> {
  return nextCounterValue(db, boardId, reviewSequenceCounter(year));
}

export async function insertReview(db: Executor, r: ReviewRecord): Promise<void> {
  await db
    .insertInto('reviews')
    .values({
      id: r.id,
      board_id: r.boardId,
      referral_id: r.referralId,
      reference: r.reference,
      reference_year: r.referenceYear,
      reference_sequence: r.referenceSequence,
      framework_id: r.frameworkId,
      review_type: r.reviewType,
      stage: r.stage,
      decided_on: r.decidedOn,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    })
    .execute();
}

export async function findReviewByReferral(db: Executor, referralId: string): Promise<ReviewRecord | undefined> {
  const row = await db.selectFrom('reviews').selectAll().where('referral_id', '=', referralId).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    boardId: row.board_id,
    referralId: row.referral_id,
    reference: row.reference,
    referenceYear: Number(row.reference_year),
    referenceSequence: Number(row.reference_sequence),
    frameworkId: row.framework_id as FrameworkId,
    reviewType: row.review_type as ReviewType | null,
    stage: row.stage,
    decidedOn: row.decided_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The board's active business unit and management group (members and chair), with their addresses and languages: told of a decision. */
export async function decisionRecipients(db: Executor, boardId: string): Promise<{ email: string; language: string }[]> {
  return db
    .selectFrom('role_assignments')
    .innerJoin('people', 'people.id', 'role_assignments.person_id')
    .select(['people.email', 'people.language'])
    .where('role_assignments.board_id', '=', boardId)
    .where('role_assignments.ended_at', 'is', null)
    .where('people.deactivated_at', 'is', null)
    .where('role_assignments.role', 'in', ['business_unit', 'management_group_member', 'management_group_chair'])
    .execute();
}

/** The roles a person holds in effect on a board (none when deactivated). */
export async function activeRolesOnBoard(db: Executor, personId: string, boardId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('people', 'people.id', 'role_assignments.person_id')
    .select('role_assignments.role')
    .where('role_assignments.person_id', '=', personId)
    .where('role_assignments.board_id', '=', boardId)
    .where('role_assignments.ended_at', 'is', null)
    .where('people.deactivated_at', 'is', null)
    .execute();
  return rows.map((r) => r.role);
}
