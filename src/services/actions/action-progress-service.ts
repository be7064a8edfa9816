// Progress on an action (issue 12 item 2; DOMAIN.md §8.3 "action owner: update own actions, upload evidence,
// propose RAG"): the owner's updates (narrative, proposed status, an evidence file) and their proposal that it is
// complete (with evidence: refused without); the verification by the business unit or the panel chair — never by
// the action's owner, whatever else they hold —, or its return with a reason; the board's decisions recorded by
// the business unit with the board meeting: impact evidenced (with the re-audit date), sustained (only from the
// re-audit date), closed with a reason. Each is one transaction: the status moves through the workflow (so of two
// at once one wins and the other gets a clear conflict), the update and its evidence are written beside the
// move's audit event. An owner's actions across reviews, and one action's page, are audited reads.
import type { Readable } from 'node:stream';
import type { Db } from '../../db/database.ts';
import {
  type ActionUpdateRow,
  actionUpdates,
  insertActionEvidence,
  insertActionUpdate,
  isActionEvidence,
  type TargetRevisionRow,
  targetRevisions,
} from '../../db/repositories/action-records-repository.ts';
import { type ActionRow, type OwnedActionRow, ownerActions, touchAction } from '../../db/repositories/actions-repository.ts';
import { boardMeetingsOf, findBoardMeeting } from '../../db/repositories/board-meetings-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import {
  ACTION_WORKFLOW,
  type ActionEvent,
  type BoardEvent,
  DEFAULT_REAUDIT_DAYS,
  EVENT_PERMISSION,
  isBoardEvent,
  isProgressStatus,
  PROGRESS_EVENT,
  type ProposableStatus,
} from '../../domain/actions/action.ts';
import type { Rag } from '../../domain/actions/rag.ts';
import { addDays, isDateInRange, isIsoDate } from '../../domain/clock/dates.ts';
import { ACTION_REASON_TEXT, ACTION_UPDATE_TEXT, textProblems } from '../../domain/limits.ts';
import { can } from '../../domain/permissions.ts';
import { eventsFrom } from '../../domain/workflow.ts';
import type { AuditService } from '../audit-service.ts';
import { type Caller, type Clock, type FieldErrors, forbidden, invalid, newId, notFound, ServiceError } from '../context.ts';
import type { FileService, StoredFile } from '../files/file-service.ts';
import type { ReviewScope } from '../review-access.ts';
import { WorkflowService } from '../workflow.ts';
import { type ActionPlanService, ragOf } from './action-plan-service.ts';

export interface ActionProgressDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  files: FileService;
  plans: ActionPlanService;
}

type Scope = Omit<ReviewScope, 'agencyId'>;

/** The kind of update each event writes. */
const UPDATE_KIND: Record<ActionEvent, string> = {
  report_on_track: 'progress',
  report_at_risk: 'progress',
  report_off_track: 'progress',
  propose_complete: 'complete',
  verify: 'verified',
  return: 'returned',
  record_impact: 'impact',
  record_sustained: 'sustained',
  close: 'closed',
};

export interface ActionView {
  review: ReviewRow;
  action: ActionRow & { rag: Rag; overridden: boolean };
  updates: (ActionUpdateRow & { files: StoredFile[] })[];
  revisions: TargetRevisionRow[];
  may: { update: boolean; verify: boolean; manage: boolean; events: ActionEvent[] };
  /** The board's meetings (not cancelled, latest first) a decision may name: for the business unit's forms only. */
  meetings: { id: string; meetsOn: string; status: string }[];
}

/** An evidence file as a page or the API hands it over: its name and content (read once, as it streams). */
export interface EvidenceUpload {
  name: string;
  content: Readable;
}

export interface UpdateInput {
  narrative: string;
  /** The status the owner proposes (on track, at risk, off track), or null to keep it. */
  status: ProposableStatus | null;
}

export interface BoardDecisionInput {
  /** record_impact, record_sustained or close (anything else is refused). */
  event: BoardEvent | string;
  narrative: string;
  /** The board meeting that decided (its id), when recorded. */
  boardMeetingId: string | null;
  /** Impact evidenced: the day of the re-audit (default: six months on). */
  reauditOn?: string | null;
}

export class ActionProgressService {
  private readonly workflow: WorkflowService;

  constructor(private readonly deps: ActionProgressDeps) {
    this.workflow = new WorkflowService({ clock: deps.clock, audit: deps.audit });
  }

  /** The actions the caller owns, and those of their agencies on the reviews they hold the owner's role on; audited. */
  async mine(
    caller: Caller,
    page: { limit: number; offset: number },
  ): Promise<{ rows: (OwnedActionRow & { rag: Rag; overridden: boolean })[]; total: number }> {
    const personId = caller.actor?.personId;
    if (!personId) throw forbidden();
    const scopes = (caller.actor?.grants ?? []).flatMap((g) =>
      g.role === 'action_owner' && g.scope.type === 'review' && g.scope.agencyId ? [{ reviewId: g.scope.reviewId, agencyId: g.scope.agencyId }] : [],
    );
    return inTransaction(this.deps.db, async (trx) => {
      const found = await ownerActions(trx, personId, scopes, page);
      const today = this.deps.clock.today();
      const boardIds = [...new Set(found.rows.map((r) => r.boardId))];
      await this.deps.audit.recordRead(trx, caller, { boardIds, recordType: 'person', recordId: personId, summary: { actions: found.rows.length } });
      return { rows: found.rows.map((r) => ({ ...r, ...ragOf(r, today) })), total: found.total };
    });
  }

  /** One action: its fields, RAG, updates with their evidence, revised dates, and what the reader may do; audited. */
  async view(caller: Caller, scope: Scope, actionId: string, need?: 'update' | 'verify' | 'manage'): Promise<ActionView> {
    const read = await inTransaction(this.deps.db, async (trx) => {
      const { review, action } = await this.deps.plans.actionInScope(trx, caller, scope, actionId, 'action.view');
      // A form on the action needs what it does: the owner's update, verification, the business unit's changes.
      if (need && !this.mayOn(caller, review, action)[need]) throw forbidden();
      const updates = await actionUpdates(trx, action.id);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review_action',
        recordId: action.id,
        summary: { updates: updates.length },
      });
      const meetings = need === 'manage' ? (await boardMeetingsOf(trx, review.boardId, 50)).filter((m) => m.status !== 'cancelled') : [];
      return { review, action, updates, revisions: await targetRevisions(trx, action.id), meetings };
    });
    // The evidence files' names (the files service reads on its own connection: after the transaction).
    const files = await this.deps.files.filesOf({ type: 'review_action', id: read.action.id });
    return {
      review: read.review,
      action: { ...read.action, ...ragOf(read.action, this.deps.clock.today()) },
      updates: read.updates.map((u) => ({ ...u, files: u.evidence.flatMap((e) => files.filter((f) => f.id === e.fileId)) })),
      revisions: read.revisions,
      may: this.mayOn(caller, read.review, read.action),
      meetings: read.meetings.map((m) => ({ id: m.id, meetsOn: m.meetsOn, status: m.status })),
    };
  }

  /** What the caller may do to the action now: the events its status allows that their permissions reach. */
  private mayOn(caller: Caller, review: ReviewRow, action: ActionRow): ActionView['may'] {
    const where = { boardId: review.boardId, reviewId: review.id };
    const isOwner = caller.actor?.personId === action.ownerId;
    const update = isOwner && can(caller.actor, 'action.update', { ...where, agencyId: action.leadAgencyId });
    const verify = !isOwner && can(caller.actor, 'action.verify', where);
    const manage = can(caller.actor, 'action.manage', where);
    const allowed = (e: ActionEvent) => (EVENT_PERMISSION[e] === 'action.update' ? update : EVENT_PERMISSION[e] === 'action.verify' ? verify : manage);
    return { update, verify, manage, events: eventsFrom(ACTION_WORKFLOW, action.status).filter(allowed) };
  }

  /**
   * The owner's progress update: a narrative, the status proposed (or kept), an evidence file. Refused for anyone
   * but the action's owner (another agency's owner: not found), for an action out of the owner's hands (proposed
   * complete or done), and for bad answers; nothing is written then (an evidence file included).
   */
  async update(caller: Caller, scope: Scope, actionId: string, input: UpdateInput, file?: EvidenceUpload): Promise<void> {
    const errors: FieldErrors = textProblems(ACTION_UPDATE_TEXT, input);
    await this.withEvidence(caller, scope, actionId, file, errors, async (trx, review, action, fileId) => {
      this.mustOwn(caller, review, action);
      if (!isProgressStatus(action.status)) throw new ServiceError('conflict', 'actions.notInProgress', { form: 'actions:errors.notInProgress' });
      const event = input.status && input.status !== action.status ? PROGRESS_EVENT[input.status] : null;
      await this.write(trx, caller, review, action, event, input.narrative, { fileId, kind: 'progress' });
    });
  }

  /** The owner proposes the action complete, with its evidence: refused without a file. */
  async proposeComplete(caller: Caller, scope: Scope, actionId: string, input: { narrative: string }, file?: EvidenceUpload): Promise<void> {
    const errors: FieldErrors = textProblems(ACTION_UPDATE_TEXT, input);
    if (!file) errors.evidence = 'actions:errors.evidenceRequired';
    await this.withEvidence(caller, scope, actionId, file, errors, async (trx, review, action, fileId) => {
      this.mustOwn(caller, review, action);
      await this.write(trx, caller, review, action, 'propose_complete', input.narrative, { fileId, kind: 'complete' });
    });
  }

  /** The business unit or the panel chair verifies a proposed completion, or returns it with a reason; never the owner. */
  async verify(caller: Caller, scope: Scope, actionId: string, input: { decision: string; narrative: string }): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      // Who may first (another board's or agency's action is not found), then what was answered.
      const { review, action } = await this.deps.plans.actionInScope(trx, caller, scope, actionId, 'action.view');
      if (!can(caller.actor, 'action.verify', { boardId: review.boardId, reviewId: review.id })) throw forbidden();
      if (caller.actor?.personId === action.ownerId) throw invalid({ decision: 'actions:errors.ownVerification' });
      const decision = input.decision === 'verify' || input.decision === 'return' ? input.decision : null;
      const rules = decision === 'return' ? { narrative: ACTION_REASON_TEXT.reason } : { narrative: { ...ACTION_UPDATE_TEXT.narrative, required: undefined } };
      const errors: FieldErrors = textProblems(rules, input);
      if (!decision) errors.decision = 'actions:errors.decisionRequired';
      if (!decision || Object.keys(errors).length > 0) throw invalid(errors);
      await this.write(trx, caller, review, action, decision, input.narrative, { kind: UPDATE_KIND[decision] });
    });
  }

  /** The board's decision, recorded by the business unit with the meeting: impact evidenced, sustained, closed. */
  async boardDecision(caller: Caller, scope: Scope, actionId: string, input: BoardDecisionInput): Promise<void> {
    const today = this.deps.clock.today();
    await inTransaction(this.deps.db, async (trx) => {
      const { review, action } = await this.deps.plans.actionInScope(trx, caller, scope, actionId, 'action.view');
      if (!can(caller.actor, 'action.manage', { boardId: review.boardId, reviewId: review.id })) throw forbidden();
      const event = isBoardEvent(input.event) ? input.event : null;
      const errors: FieldErrors = textProblems(event === 'close' ? { narrative: ACTION_REASON_TEXT.reason } : ACTION_UPDATE_TEXT, input);
      if (!event) errors.event = 'actions:errors.eventRequired';
      // The board meeting that decided, of this board and not cancelled.
      const meeting = input.boardMeetingId ? await findBoardMeeting(trx, review.boardId, input.boardMeetingId) : undefined;
      if (!input.boardMeetingId) errors.boardMeetingId = 'actions:errors.meetingRequired';
      else if (!meeting || meeting.status === 'cancelled') errors.boardMeetingId = 'actions:errors.meetingUnknown';
      const reauditOn = event === 'record_impact' ? (input.reauditOn ?? addDays(today, DEFAULT_REAUDIT_DAYS)) : null;
      if (reauditOn !== null && (!isIsoDate(reauditOn) || !isDateInRange(reauditOn) || reauditOn <= today)) errors.reauditOn = 'actions:errors.reauditInvalid';
      if (!event || Object.keys(errors).length > 0) throw invalid(errors);
      if (event === 'record_sustained' && action.status === 'impact_evidenced' && (!action.reauditOn || today < action.reauditOn))
        throw invalid({ event: 'actions:errors.beforeReaudit' });
      await this.write(trx, caller, review, action, event, input.narrative, {
        kind: UPDATE_KIND[event],
        boardMeetingId: input.boardMeetingId,
        reauditOn,
      });
    });
  }

  private mustOwn(caller: Caller, review: ReviewRow, action: ActionRow): void {
    if (
      caller.actor?.personId !== action.ownerId ||
      !can(caller.actor, 'action.update', { boardId: review.boardId, reviewId: review.id, agencyId: action.leadAgencyId })
    )
      throw forbidden();
  }

  /** The move (if any) through the workflow, then the update and its evidence beside it, in the caller's transaction. */
  private async write(
    trx: Executor,
    caller: Caller,
    review: ReviewRow,
    action: ActionRow,
    event: ActionEvent | null,
    narrative: string,
    opts: { kind: string; fileId?: string | null; boardMeetingId?: string | null; reauditOn?: string | null },
  ): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    const updateId = newId();
    let to: string | null = null;
    if (event) {
      const moved = await this.workflow.transition(trx, caller, {
        record: 'review_action',
        id: action.id,
        event,
        from: action.status,
        reason: ACTION_WORKFLOW.reasonRequired.includes(event) ? narrative : null,
        summary: { reviewId: review.id, event, updateId, evidence: opts.fileId ? 1 : 0, boardMeetingId: opts.boardMeetingId ?? null },
      });
      to = moved.to;
    } else {
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review_action',
        recordId: action.id,
        summary: { reviewId: review.id, updateId, evidence: opts.fileId ? 1 : 0 },
      });
    }
    await insertActionUpdate(
      trx,
      {
        id: updateId,
        actionId: action.id,
        reviewId: review.id,
        boardId: review.boardId,
        kind: opts.kind,
        narrative: narrative.trim(),
        statusFrom: event ? action.status : null,
        statusTo: to,
        boardMeetingId: opts.boardMeetingId ?? null,
        createdBy: caller.actor?.personId ?? null,
      },
      at,
    );
    if (opts.fileId) await insertActionEvidence(trx, { id: newId(), updateId, actionId: action.id, fileId: opts.fileId }, at);
    const touched: { last_update_at?: string; reaudit_on?: string | null } = {};
    if (caller.actor?.personId === action.ownerId) touched.last_update_at = at;
    if (opts.reauditOn !== undefined && opts.reauditOn !== null) touched.reaudit_on = opts.reauditOn;
    if (Object.keys(touched).length > 0) await touchAction(trx, action.id, touched, at);
  }

  /**
   * Runs `change` in one transaction with the evidence file stored in it (or without a file): the reader's scope
   * is checked before the file is read, and again inside, so a refusal stores nothing.
   */
  private async withEvidence(
    caller: Caller,
    scope: Scope,
    actionId: string,
    file: EvidenceUpload | undefined,
    errors: FieldErrors,
    change: (trx: Executor, review: ReviewRow, action: ActionRow, fileId: string | null) => Promise<void>,
  ): Promise<void> {
    // Who may first (another agency's action is not found), then what was answered: before the file is read.
    const first = await inTransaction(this.deps.db, async (trx) => {
      const found = await this.deps.plans.actionInScope(trx, caller, scope, actionId, 'action.update');
      this.mustOwn(caller, found.review, found.action);
      return found;
    });
    if (Object.keys(errors).length > 0) {
      file?.content.resume();
      throw invalid(errors);
    }
    const inScope = async (trx: Executor, fileId: string | null) => {
      const { review, action } = await this.deps.plans.actionInScope(trx, caller, scope, actionId, 'action.update');
      await change(trx, review, action, fileId);
    };
    if (!file) {
      await inTransaction(this.deps.db, (trx) => inScope(trx, null));
      return;
    }
    await this.deps.files.upload(
      caller,
      { boardId: first.review.boardId, purpose: 'attachment', name: file.name, content: file.content, owner: { type: 'review_action', id: first.action.id } },
      (trx, stored) => inScope(trx, stored.id),
    );
  }

  /** An evidence file of an action the caller may see, for its download (audited by the files service, as the route declares). */
  async download(caller: Caller, scope: Scope, actionId: string, fileId: string): Promise<{ file: StoredFile; content: Readable }> {
    const action = await inTransaction(this.deps.db, async (trx) => {
      const found = await this.deps.plans.actionInScope(trx, caller, scope, actionId, 'action.view');
      if (!(await isActionEvidence(trx, found.action.id, fileId))) throw notFound('file');
      return found.action;
    });
    return this.deps.files.download(caller, fileId, { type: 'review_action', id: action.id });
  }
}
