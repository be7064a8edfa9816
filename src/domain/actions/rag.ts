// An action's RAG rating (issue 12 item 2; DOMAIN.md §6.6: red, amber, green, complete), computed from its
// status and dates by one rule, so every page, report, export and reminder agrees:
//   complete  — proposed complete or later (awaiting verification, verified, impact evidenced, sustained), or
//               closed by the board: out of the owner's hands;
//   red       — off track, or past its target date (the latest revised one) without being complete;
//   amber     — at risk; or not started within AMBER_WINDOW_DAYS of its target date; or no update from its
//               owner for STALE_AFTER_DAYS (nobody knows how it is going);
//   green     — otherwise.
// The business unit may override the computed rating with a reason; the override holds only while the action
// stays in the status it was given for (a new status is a new rating). Pure.
import { addDays, type IsoDate } from '../clock/dates.ts';
import { type ActionStatus, isSettled } from './action.ts';

export const RAG_RATINGS = ['red', 'amber', 'green', 'complete'] as const;
export type Rag = (typeof RAG_RATINGS)[number];

export function isRag(value: unknown): value is Rag {
  return typeof value === 'string' && (RAG_RATINGS as readonly string[]).includes(value);
}

/** Not started this close to its target date: amber. */
export const AMBER_WINDOW_DAYS = 28;
/** No update from the owner for this long (or since the action was made): amber. */
export const STALE_AFTER_DAYS = 90;

export interface RagFacts {
  status: ActionStatus;
  /** The target date in force: the latest revised date, or the original. */
  targetOn: IsoDate;
  /** The day of the owner's latest update, or the day the action was made when it has none. */
  lastUpdateOn: IsoDate;
}

export interface RagOverride {
  rag: Rag;
  /** The status the override was given for: it lapses when the status changes. */
  atStatus: ActionStatus;
}

/** The rating by the rule above. */
export function computedRag(a: RagFacts, today: IsoDate): Rag {
  if (isSettled(a.status)) return 'complete';
  if (a.status === 'off_track' || today > a.targetOn) return 'red';
  if (a.status === 'at_risk') return 'amber';
  if (a.status === 'not_started' && today >= addDays(a.targetOn, -AMBER_WINDOW_DAYS)) return 'amber';
  if (today >= addDays(a.lastUpdateOn, STALE_AFTER_DAYS)) return 'amber';
  return 'green';
}

/** The rating shown: the business unit's override while it holds, or the computed one. */
export function effectiveRag(a: RagFacts & { override: RagOverride | null }, today: IsoDate): { rag: Rag; overridden: boolean } {
  if (a.override && a.override.atStatus === a.status) return { rag: a.override.rag, overridden: true };
  return { rag: computedRag(a, today), overridden: false };
}

/** Past its target date and not complete: overdue (the reminders' and the ladder's trigger). */
export function isOverdue(a: Pick<RagFacts, 'status' | 'targetOn'>, today: IsoDate): boolean {
  return !isSettled(a.status) && today > a.targetOn;
}
