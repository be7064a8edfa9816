import type { Db } from '../db/database.ts';
import {
  type AuditSearch,
  appendAuditEvent,
  auditChainHead,
  auditEventsInOrder,
  distinctAuditActions,
  personNames,
  searchAuditEvents,
} from '../db/repositories/audit-repository.ts';
import type { Executor } from '../db/transaction.ts';
import type { AuditEvent, AuditSummary, ChainProblem } from '../domain/audit.ts';
import { GENESIS_HASH, verifyChain } from '../domain/audit.ts';
import type { Actor } from '../domain/permissions.ts';
import { boardsWhere, can } from '../domain/permissions.ts';
import { type Caller, type Clock, forbidden, newId } from './context.ts';

export interface AuditDetails {
  action?: string;
  /** The board the event concerns (its first board, when boardIds names more). */
  boardId?: string | null;
  /**
   * Every board the event concerns, so each board's information governance sees it: an event about a
   * person is recorded against every board on which the person holds a role (personRoleBoardIds).
   */
  boardIds?: readonly string[];
  recordType?: string | null;
  recordId?: string | null;
  summary?: AuditSummary;
}

export class AuditService {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  /** Writes one event in the caller's transaction. */
  async record(trx: Executor, caller: Caller, details: AuditDetails): Promise<AuditEvent> {
    return appendAuditEvent(trx, this.deps.db.dialect, {
      id: newId(),
      occurredAt: this.deps.clock.now().toISOString(),
      actorId: caller.actor?.personId ?? null,
      action: details.action ?? caller.action,
      boardId: details.boardId ?? details.boardIds?.[0] ?? null,
      recordType: details.recordType ?? null,
      recordId: details.recordId ?? null,
      ip: caller.ip,
      requestId: caller.requestId,
      summary: details.summary ?? {},
    });
  }

  /** Recomputes the whole chain and compares it with the stored head. */
  async verify(): Promise<{ ok: boolean; checked: number; problem?: ChainProblem | { reason: 'head_mismatch'; seq: number } }> {
    const db = this.deps.db.kysely;
    let last = { seq: 0, hash: GENESIS_HASH };
    let batch: AuditEvent[] = [];
    const check = () => {
      const result = verifyChain(batch, last);
      batch = [];
      last = result.last;
      return result.problem;
    };
    for await (const event of auditEventsInOrder(db)) {
      batch.push(event);
      if (batch.length >= 1000) {
        const problem = check();
        if (problem) return { ok: false, checked: last.seq, problem };
      }
    }
    const problem = check();
    if (problem) return { ok: false, checked: last.seq, problem };
    const head = await auditChainHead(db);
    if (head.seq !== last.seq || head.hash !== last.hash) {
      // Events were removed from the end (or the head was tampered with).
      return { ok: false, checked: last.seq, problem: { reason: 'head_mismatch', seq: last.seq + 1 } };
    }
    return { ok: true, checked: last.seq };
  }

  async search(actor: Actor, filters: Omit<AuditSearch, 'boardIds'> & { boardId?: string | undefined }) {
    if (!can(actor, 'audit.view', filters.boardId ? { boardId: filters.boardId } : undefined)) throw forbidden();
    let boardIds = boardsWhere(actor, 'audit.view');
    if (filters.boardId) boardIds = [filters.boardId];
    return searchAuditEvents(this.deps.db.kysely, { ...filters, boardIds });
  }

  async actions(): Promise<string[]> {
    return distinctAuditActions(this.deps.db.kysely);
  }

  /**
   * One page of the audit log, newest first, of the boards the actor may audit (every event for a
   * deployment administrator), with the actors' names and whether older events exist.
   */
  async searchPage(
    actor: Actor,
    filters: Omit<AuditSearch, 'boardIds' | 'limit'> & { boardId?: string | undefined; pageSize: number },
  ): Promise<{ events: (AuditEvent & { actorName: string | null })[]; hasOlder: boolean }> {
    const { pageSize, ...rest } = filters;
    const found = await this.search(actor, { ...rest, limit: pageSize + 1 });
    const events = found.slice(0, pageSize);
    const names = await personNames(
      this.deps.db.kysely,
      events.flatMap((e) => (e.actorId ? [e.actorId] : [])),
    );
    return { events: events.map((e) => ({ ...e, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null })), hasOlder: found.length > pageSize };
  }
}
