// The actions of a review's action plan (issue 12 items 1 and 2; DOMAIN.md §1.7, §6.6, §8.1, R12, R13): where an
// action comes from, its statuses and who moves it between them. An action belongs to a recommendation — the
// report's, the board's own, or a lesson learnt early (R12: recorded before the report, monitored at once) —
// and has a lead agency (its lead officer, the owner, is a person of that agency) and, for a multi-agency
// action, supporting agencies. Its table (a workflow record, moved only by src/services/workflow.ts):
//   not started ⇄ on track ⇄ at risk ⇄ off track   the owner's progress updates (any to any, never back to "not started")
//   → complete (awaiting verification)              the owner proposes it, with evidence
//   → verified | back to on track                  the business unit or the panel chair (never the owner), returning with a reason
//   → impact evidenced → sustained                 the board (the business unit recording its meeting); sustained only from the re-audit date
//   → closed                                       the board, with a reason, from any state before sustained
// Pure.
import type { Permission } from '../permissions.ts';
import type { WorkflowTable } from '../workflow.ts';

/** Where an action comes from: a lesson learnt early (R12), the report's recommendations, or the board's own. */
export const ACTION_SOURCES = ['early_learning', 'report', 'board'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];

export const ACTION_STATUSES = ['not_started', 'on_track', 'at_risk', 'off_track', 'complete', 'verified', 'impact_evidenced', 'sustained', 'closed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export function isActionStatus(value: unknown): value is ActionStatus {
  return typeof value === 'string' && (ACTION_STATUSES as readonly string[]).includes(value);
}

/** The status an action starts with. */
export const NEW_ACTION_STATUS: ActionStatus = 'not_started';

/** The statuses of an action still being worked on by its owner: an update may propose any of them but the first. */
export const PROGRESS_STATUSES = ['not_started', 'on_track', 'at_risk', 'off_track'] as const satisfies readonly ActionStatus[];
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];
/** What an owner's update may propose (and "complete", with evidence, through its own event). */
export const PROPOSABLE_STATUSES = ['on_track', 'at_risk', 'off_track'] as const satisfies readonly ActionStatus[];
export type ProposableStatus = (typeof PROPOSABLE_STATUSES)[number];

export function isProgressStatus(status: string): status is ProgressStatus {
  return (PROGRESS_STATUSES as readonly string[]).includes(status);
}

/**
 * Done, for the review's closure (R13): verified or later, or closed by the board with a reason. An action
 * proposed complete is not done until someone other than its owner has verified it.
 */
export const DONE_STATUSES = ['verified', 'impact_evidenced', 'sustained', 'closed'] as const satisfies readonly ActionStatus[];

export function isDone(status: string): boolean {
  return (DONE_STATUSES as readonly string[]).includes(status);
}

/** Out of the owner's hands: proposed complete, or done. Monitoring's reminders and escalations stop here. */
export function isSettled(status: string): boolean {
  return status === 'complete' || isDone(status);
}

export type ActionEvent =
  | 'report_on_track'
  | 'report_at_risk'
  | 'report_off_track'
  | 'propose_complete'
  | 'verify'
  | 'return'
  | 'record_impact'
  | 'record_sustained'
  | 'close';

/** The owner's event for a proposed status. */
export const PROGRESS_EVENT: Record<ProposableStatus, ActionEvent> = {
  on_track: 'report_on_track',
  at_risk: 'report_at_risk',
  off_track: 'report_off_track',
};

const progressMoves = (from: ProgressStatus) => {
  const moves: Partial<Record<ActionEvent, ActionStatus>> = { propose_complete: 'complete', close: 'closed' };
  for (const to of PROPOSABLE_STATUSES) if (to !== from) moves[PROGRESS_EVENT[to]] = to;
  return moves;
};

export const ACTION_WORKFLOW: WorkflowTable<ActionStatus, ActionEvent> = {
  record: 'review_action',
  states: ACTION_STATUSES,
  created: { event: 'create', state: NEW_ACTION_STATUS },
  transitions: {
    not_started: progressMoves('not_started'),
    on_track: progressMoves('on_track'),
    at_risk: progressMoves('at_risk'),
    off_track: progressMoves('off_track'),
    complete: { verify: 'verified', return: 'on_track', close: 'closed' },
    verified: { record_impact: 'impact_evidenced', close: 'closed' },
    impact_evidenced: { record_sustained: 'sustained', close: 'closed' },
    sustained: {},
    closed: {},
  },
  reasonRequired: ['return', 'close'],
};

/**
 * The permission each event needs (DOMAIN.md §8.3, issue 12 item 2): the owner's progress and completion
 * (action.update, on their agency's actions, and only on an action they own: the service's check); the
 * verification, by the business unit or the panel chair (action.verify, never by the action's owner); the
 * board's decisions, recorded by the business unit with the board meeting (action.manage).
 */
export const EVENT_PERMISSION: Record<ActionEvent, Permission> = {
  report_on_track: 'action.update',
  report_at_risk: 'action.update',
  report_off_track: 'action.update',
  propose_complete: 'action.update',
  verify: 'action.verify',
  return: 'action.verify',
  record_impact: 'action.manage',
  record_sustained: 'action.manage',
  close: 'action.manage',
};

/** The board's decisions: each names the board meeting that made it. */
export const BOARD_EVENTS = ['record_impact', 'record_sustained', 'close'] as const satisfies readonly ActionEvent[];
export type BoardEvent = (typeof BOARD_EVENTS)[number];

export function isBoardEvent(event: string): event is BoardEvent {
  return (BOARD_EVENTS as readonly string[]).includes(event);
}

/** The days after the impact is evidenced that the re-audit is due by default (the board may choose another day). */
export const DEFAULT_REAUDIT_DAYS = 182;
