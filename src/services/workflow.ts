// Workflow records (issue 9 item 1): the one way a record's state changes. A service that moves a referral
// or a review calls transition() inside its own transaction; it checks the event against the record's
// transition table (src/domain), writes the new state only if the record is still in the state it was read
// in (so of two concurrent requests one moves it and the other gets a conflict), and writes the change's
// audit event and the transition (with its reason) in the same transaction. Anything else is refused with
// a ServiceError. A record's timeline (the audit events about it, who, when and why) is read here too.
import {
  findRecordState,
  insertTransition,
  moveRecordState,
  recordTimeline,
  type TimelineEntry,
  type WorkflowRecord,
} from '../db/repositories/workflow-repository.ts';
import type { Executor } from '../db/transaction.ts';
import { ACTION_WORKFLOW } from '../domain/actions/action.ts';
import type { AuditEvent, AuditSummary } from '../domain/audit.ts';
import { getFramework, reviewWorkflow } from '../domain/frameworks/index.ts';
import type { FrameworkId } from '../domain/frameworks/types.ts';
import { REFERRAL_WORKFLOW } from '../domain/referrals/referral.ts';
import { CONTRIBUTION_WORKFLOW } from '../domain/reviews/contributions.ts';
import { LEARNING_EVENT_WORKFLOW } from '../domain/reviews/learning-event.ts';
import { needsReason, nextState, REASON_MAX, type WorkflowTable } from '../domain/workflow.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, invalid, newId, notFound, ServiceError } from './context.ts';

export type { TimelineEntry, WorkflowRecord };

export interface TransitionRequest {
  record: WorkflowRecord;
  id: string;
  /** The event, as the record's table names it ('recommend', 'withdraw', …). */
  event: string;
  /** The state the caller saw: refused as a conflict if the record has moved since. */
  from?: string;
  /** Why (text, kept beside the audit event, never in it); required by some events. */
  reason?: string | null;
  /** What the audit event says: ids, counts, codes (never case content, nor the states: see record_transitions). */
  summary?: AuditSummary;
  /**
   * The change's audit event, already written in this transaction about another record (the meeting whose
   * agenda takes the referral, the referral whose decision creates the review): the move is recorded beside
   * it instead of in an event of its own, so one change writes one event.
   */
  recordedBy?: AuditEvent;
}

export interface TransitionResult {
  /** Null when the event created the record. */
  from: string | null;
  to: string;
  /** The audit event the move is recorded beside. */
  event: AuditEvent;
}

/** The transition table a record follows: the referral's; a review's on its framework's path. */
export function workflowTable(record: WorkflowRecord, frameworkId: string | null): WorkflowTable<string, string> {
  if (record === 'referral') return REFERRAL_WORKFLOW;
  if (record === 'contribution') return CONTRIBUTION_WORKFLOW;
  if (record === 'learning_event') return LEARNING_EVENT_WORKFLOW;
  if (record === 'review_action') return ACTION_WORKFLOW;
  if (!frameworkId) throw new Error('A review follows its framework’s path: framework_id is missing');
  return reviewWorkflow(getFramework(frameworkId as FrameworkId).stages);
}

/** The table refuses the event from the record's state (409): the record is not in a state that allows it. */
export const transitionRefused = (record: WorkflowRecord) => new ServiceError('conflict', 'workflow.notAllowed', { form: `workflow.${record}NotAllowed` });

/** The record moved between being read and being written (another request moved it first): 409. */
export const movedMeanwhile = () => new ServiceError('conflict', 'workflow.movedMeanwhile', { form: 'workflow.movedMeanwhile' });

export class WorkflowService {
  constructor(private readonly deps: { clock: Clock; audit: AuditService }) {}

  /**
   * Moves a record by an event, in the caller's transaction: refuses a record that does not exist
   * (not found), an event its table does not allow from its state, a state other than the one the caller
   * saw (`from`), and a move another request made first (all conflicts), and an event that needs a reason
   * given none (invalid). Then writes the new state, the change's audit event (the caller's action, about
   * the record, with the caller's summary: the states and the reason stay out of the audit log, which holds
   * no case content) and the transition with its states and reason beside it. The caller checks permissions.
   */
  async transition(trx: Executor, caller: Caller, req: TransitionRequest): Promise<TransitionResult> {
    const current = await findRecordState(trx, req.record, req.id);
    if (!current) throw notFound(req.record);
    if (req.from !== undefined && req.from !== current.state) throw movedMeanwhile();
    const table = workflowTable(req.record, current.frameworkId);
    const to = nextState(table, current.state, req.event);
    if (to === undefined) throw transitionRefused(req.record);
    const reason = req.reason?.trim() || null;
    if (needsReason(table, req.event) && !reason) throw invalid({ reason: 'workflow.reasonRequired' });
    if (reason && reason.length > REASON_MAX) throw invalid({ reason: 'workflow.reasonTooLong' });
    const at = this.deps.clock.now().toISOString();
    if (!(await moveRecordState(trx, req.record, req.id, current.state, to, at))) throw movedMeanwhile();
    return { from: current.state, to, event: await this.recordMove(trx, caller, req, current.boardId, current.state, to, reason) };
  }

  /** The change's audit event (or the one given), and the transition beside it. */
  private async recordMove(
    trx: Executor,
    caller: Caller,
    req: Pick<TransitionRequest, 'record' | 'id' | 'event' | 'summary' | 'recordedBy'>,
    boardId: string,
    from: string | null,
    to: string,
    reason: string | null,
  ): Promise<AuditEvent> {
    const event =
      req.recordedBy ?? (await this.deps.audit.record(trx, caller, { boardId, recordType: req.record, recordId: req.id, summary: req.summary ?? {} }));
    await insertTransition(trx, {
      id: newId(),
      auditEventId: event.id,
      recordType: req.record,
      recordId: req.id,
      from,
      to,
      event: req.event,
      reason,
      occurredAt: event.occurredAt,
    });
    return event;
  }

  /**
   * A record has just been created (inserted in the caller's transaction) by an event: checks that the
   * event is the one its table creates it by and that it was stored in the state the table gives, then
   * writes the audit event about it and its first transition (from none).
   */
  async created(
    trx: Executor,
    caller: Caller,
    req: Pick<TransitionRequest, 'record' | 'id' | 'event' | 'summary' | 'reason' | 'recordedBy'>,
  ): Promise<TransitionResult> {
    const current = await findRecordState(trx, req.record, req.id);
    if (!current) throw notFound(req.record);
    const table = workflowTable(req.record, current.frameworkId);
    if (req.event !== table.created.event || current.state !== table.created.state) throw transitionRefused(req.record);
    const reason = req.reason?.trim() || null;
    const event = await this.recordMove(trx, caller, req, current.boardId, null, current.state, reason);
    return { from: null, to: current.state, event };
  }

  /**
   * A record's timeline: the audit events about it (oldest first, the latest `limit`), who and when, and
   * the changes of state with their reasons. The caller has checked the reader may see the record.
   */
  async timeline(db: Executor, record: { type: string; id: string }, limit?: number): Promise<{ entries: TimelineEntry[]; total: number }> {
    return recordTimeline(db, record, limit);
  }
}
