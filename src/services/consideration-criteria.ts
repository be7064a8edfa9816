// The criteria analysis: the frameworks a referral may be assessed against, their criteria, and recording the assessment.

import { insertAssessment } from '../db/repositories/consideration-repository.ts';
import { findMeeting, listMeetings } from '../db/repositories/meetings-repository.ts';
import { findBoard } from '../db/repositories/organisation-repository.ts';
import { type ReferralRecord, referralDetails } from '../db/repositories/referrals-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { frameworksRun } from '../domain/frameworks/board-frameworks.ts';
import { askedQuestions, referralContradictions } from '../domain/frameworks/index.ts';
import type { ChildFacts, CriteriaResult, Framework, FrameworkId } from '../domain/frameworks/types.ts';
import { can } from '../domain/permissions.ts';
import { type AbuseOrNeglect, type IncidentType, isDecided, type ReferralStatus } from '../domain/referrals/referral.ts';
import { type ConsiderationContext, conflict, frameworkInForce, nationOf, referralFor, startConsideration } from './consideration-context.ts';
import { settingsIn } from './consideration-settings.ts';
import { type Caller, forbidden, invalid, newId, notFound } from './context.ts';

export interface AssessmentInput {
  meetingId: string | null;
  /** A framework the board runs (default: the statutory one in force today); another is warned about and recorded. */
  frameworkId?: FrameworkId | null;
  /** Criterion id → the answer ('yes' | 'no' | 'unknown' or a choice value) and the facts relied on. */
  answers: Record<string, { answer: string; facts: string | null }>;
}

/** The statutory framework for a referral's consideration: the one in force today for the board's nation. */
export async function frameworkFor(ctx: ConsiderationContext, caller: Caller, referralId: string): Promise<{ referral: ReferralRecord; framework: Framework }> {
  const referral = await referralFor(ctx.db.kysely, caller, referralId);
  const board = await findBoard(ctx.db.kysely, referral.boardId);
  if (!board) throw notFound('board');
  return { referral, framework: frameworkInForce(board.nation, ctx.clock.today()) };
}

/**
 * The frameworks the referral's board runs today (DOMAIN.md §3.7): the statutory one first, then those
 * chosen in its settings; and the one asked for (default: the statutory one). A framework the board does
 * not run is invalid.
 */
async function frameworkChoice(ctx: ConsiderationContext, db: Executor, boardId: string, frameworkId: string | null | undefined) {
  const board = await findBoard(db, boardId);
  if (!board) throw notFound('board');
  const settings = await settingsIn(db, boardId);
  const { statutory, frameworks } = frameworksRun(nationOf(board), ctx.clock.today(), settings.frameworks);
  const chosen = frameworkId ? frameworks.find((f) => f.id === frameworkId) : statutory;
  if (!chosen) throw invalid({ frameworkId: 'assessment.frameworkNotRun' });
  return { board, statutory, frameworks, framework: chosen };
}

async function childFacts(db: Executor, referral: ReferralRecord): Promise<ChildFacts> {
  const { periods } = await referralDetails(db, referral.id);
  return {
    incidentOn: referral.incidentOn,
    impairmentIdentifiedOn: referral.impairmentIdentifiedOn,
    childProtectionRegisterPeriods: periods.filter((p) => p.kind === 'child_protection_register').map((p) => ({ startOn: p.startOn, endOn: p.endOn })),
    lookedAfterPeriods: periods.filter((p) => p.kind === 'looked_after').map((p) => ({ startOn: p.startOn, endOn: p.endOn })),
  };
}

/**
 * The criteria of a framework the board runs (default: the statutory one in force), the frameworks it
 * runs, and the board's meetings to choose from: a read of case material (the referral), audited
 * (recordRead: as the route declares) against the referral.
 */
export async function viewCriteria(ctx: ConsiderationContext, caller: Caller, referralId: string, frameworkId?: string | null) {
  return inTransaction(ctx.db, async (trx) => {
    const referral = await referralFor(trx, caller, referralId);
    const { framework, statutory, frameworks } = await frameworkChoice(ctx, trx, referral.boardId, frameworkId);
    const meetings = await listMeetings(trx, referral.boardId);
    await ctx.audit.recordRead(trx, caller, {
      boardId: referral.boardId,
      recordType: 'referral',
      recordId: referralId,
      summary: { frameworkId: framework.id, meetings: meetings.length },
    });
    return { referral, framework, statutory, frameworks, meetings };
  });
}

export async function recordAssessment(
  ctx: ConsiderationContext,
  caller: Caller,
  referralId: string,
  input: AssessmentInput,
): Promise<CriteriaResult & { assessmentId: string; frameworkId: FrameworkId; statutoryFrameworkId: FrameworkId }> {
  const referral = await referralFor(ctx.db.kysely, caller, referralId);
  if (!can(caller.actor, 'assessment.record', { boardId: referral.boardId })) throw forbidden();
  if (isDecided(referral.status as ReferralStatus)) throw conflict('assessment.alreadyDecided');
  const { framework, statutory } = await frameworkChoice(ctx, ctx.db.kysely, referral.boardId, input.frameworkId);
  const given = Object.fromEntries(Object.entries(input.answers).map(([k, v]) => [k, v.answer]));
  // Only the questions the answers raise are asked (an SUSR's other streams when the facts raise them).
  const asked = askedQuestions(framework.questions, given);
  const errors: Record<string, string> = {};
  for (const [id, a] of Object.entries(input.answers)) {
    const q = framework.questions.find((x) => x.id === id);
    if (!q) errors[id] = 'assessment.unknownCriterion';
    else if (!asked.includes(q)) errors[id] = 'assessment.notAsked';
    else if (!q.choices.some((c) => c.value === a.answer)) errors[id] = 'assessment.answerRequired';
    else if (a.answer !== 'unknown' && !q.raisesStream && !a.facts?.trim()) errors[`${id}Facts`] = 'assessment.factsRequired';
  }
  for (const q of asked) if (!input.answers[q.id]) errors[q.id] = 'assessment.answerRequired';
  const contradictions = referralContradictions(
    framework,
    { incidentType: referral.incidentType as IncidentType, abuseOrNeglect: referral.abuseOrNeglect as AbuseOrNeglect, inArea: referral.inBoardArea },
    given,
  );
  for (const c of contradictions) errors[c.questionId] = 'assessment.inconsistentWithReferral';
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return inTransaction(ctx.db, async (trx) => {
    if (input.meetingId) {
      const meeting = await findMeeting(trx, input.meetingId);
      if (!meeting || meeting.boardId !== referral.boardId) throw invalid({ meetingId: 'assessment.meetingUnknown' });
    }
    const result = framework.assess(given, await childFacts(trx, referral));
    const id = newId();
    await insertAssessment(trx, {
      id,
      referralId,
      meetingId: input.meetingId,
      frameworkId: framework.id,
      answers: input.answers,
      outcome: result.outcome,
      reviewType: result.type ?? null,
      streams: result.streams ?? null,
      statutoryFrameworkId: statutory.id,
      assessedBy: caller.actor?.personId ?? null,
      assessedAt: ctx.clock.now().toISOString(),
    });
    const assessed = await ctx.audit.record(trx, caller, {
      boardId: referral.boardId,
      recordType: 'referral',
      recordId: referralId,
      // Another framework than the statutory one is recorded as such (DOMAIN.md §3.7).
      summary: {
        assessmentId: id,
        meetingId: input.meetingId,
        frameworkId: framework.id,
        statutoryFrameworkId: statutory.id,
        notStatutory: framework.id !== statutory.id,
        answers: Object.keys(input.answers).length,
      },
    });
    await startConsideration(ctx, trx, caller, referralId, assessed);
    return { ...result, assessmentId: id, frameworkId: framework.id, statutoryFrameworkId: statutory.id };
  });
}
