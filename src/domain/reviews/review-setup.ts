// Setting a review up and keeping it current (issue 10 items 1 and 5a): the date a notification was sent,
// which referrals a review may cover, a joint review's boards, and the parallel proceedings kept current
// during the review with each change's fields. Messages are locale keys of the review-setup namespace. Pure.
import { LIMITS, type TextRule } from '../limits.ts';
import { PROCEEDING_STATUSES, PROCEEDING_TYPES, type ProceedingStatus, type ProceedingType } from '../referrals/referral.ts';
import { REASON_MAX } from '../workflow.ts';

const K = 'review-setup:errors.';

/** A notification's date: entered, not in the future, not before the decision it follows. */
export function sentOnProblem(d: { sentOn: string; decidedOn: string; today: string }): string | undefined {
  if (d.sentOn > d.today) return `${K}sentOnFuture`;
  if (d.sentOn < d.decidedOn) return `${K}sentOnBeforeDecision`;
  return undefined;
}

/** Reviews in these states are over: their referrals may be covered by another review. */
const ENDED_REVIEW_STATES = ['WITHDRAWN', 'CLOSED'];

/** Whether a review (by its state) still covers its referrals. */
export function isActiveReview(state: string): boolean {
  return !ENDED_REVIEW_STATES.includes(state);
}

/** A joint review: the boards besides the review's own, and which board leads (its own or a partner). */
export function jointProblems(d: { ownBoardId: string; partnerBoardIds: readonly string[]; leadBoardId: string | null; knownBoardIds: readonly string[] }) {
  const problems: Record<string, string> = {};
  if (d.partnerBoardIds.some((id) => id === d.ownBoardId || !d.knownBoardIds.includes(id))) problems.partnerBoardIds = `${K}partnerUnknown`;
  else if (new Set(d.partnerBoardIds).size !== d.partnerBoardIds.length) problems.partnerBoardIds = `${K}partnerTwice`;
  if (d.partnerBoardIds.length > 0) {
    if (!d.leadBoardId) problems.leadBoardId = `${K}leadRequired`;
    else if (d.leadBoardId !== d.ownBoardId && !d.partnerBoardIds.includes(d.leadBoardId)) problems.leadBoardId = `${K}leadNotInReview`;
  } else if (d.leadBoardId && d.leadBoardId !== d.ownBoardId) problems.leadBoardId = `${K}leadNotInReview`;
  return problems;
}

/** The fields of a parallel proceeding kept current during a review (none of them identifies anyone). */
export interface ProceedingFields {
  proceedingType: ProceedingType;
  status: ProceedingStatus;
  nextHearingOn: string | null;
  concludedOn: string | null;
  liaisonContact: string | null;
}

export const PROCEEDING_FIELDS = [
  'proceedingType',
  'status',
  'nextHearingOn',
  'concludedOn',
  'liaisonContact',
] as const satisfies readonly (keyof ProceedingFields)[];
export type ProceedingField = (typeof PROCEEDING_FIELDS)[number];

/**
 * What is wrong with a proceeding's fields: a known type and status; a concluded proceeding has the day it
 * concluded (not in the future), an open one none; the next hearing is for an open proceeding.
 */
export function proceedingProblems(p: ProceedingFields, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!(PROCEEDING_TYPES as readonly string[]).includes(p.proceedingType)) problems.proceedingType = `${K}proceedingTypeRequired`;
  if (!(PROCEEDING_STATUSES as readonly string[]).includes(p.status)) problems.status = `${K}proceedingStatusRequired`;
  if (p.status === 'concluded') {
    if (!p.concludedOn) problems.concludedOn = `${K}concludedOnRequired`;
    else if (p.concludedOn > today) problems.concludedOn = `${K}concludedOnFuture`;
    if (p.nextHearingOn) problems.nextHearingOn = `${K}nextHearingConcluded`;
  } else if (p.concludedOn) problems.concludedOn = `${K}concludedOnOpen`;
  return problems;
}

/** One changed field: its name and its value before and after (null: not set). */
export interface ProceedingChange {
  field: ProceedingField;
  from: string | null;
  to: string | null;
}

/** The fields that differ between two versions of a proceeding (all of them set, for a new one). */
export function proceedingChanges(before: ProceedingFields | null, after: ProceedingFields): ProceedingChange[] {
  return PROCEEDING_FIELDS.filter((f) => (before?.[f] ?? null) !== (after[f] ?? null) && !(before === null && after[f] === null)).map((field) => ({
    field,
    from: before?.[field] ?? null,
    to: after[field] ?? null,
  }));
}

/** The reason a referral is unlinked from a review. */
export const UNLINK_TEXT = {
  reason: { max: REASON_MAX, required: `${K}reasonRequired`, tooLong: `${K}reasonTooLong` },
} as const satisfies Record<string, TextRule>;

/** A proceeding's liaison contact (a role or team). */
export const PROCEEDING_UPDATE_TEXT = {
  liaisonContact: { max: LIMITS.liaisonContact, tooLong: `${K}liaisonContactTooLong` },
} as const satisfies Record<string, TextRule>;
