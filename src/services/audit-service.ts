import type { Db } from '../db/database.ts';
import {
  type AuditSearch,
  appendAuditEvent,
  auditChainHead,
  auditEventHash,
  auditEventsInOrder,
  distinctAuditActions,
  lockAuditChainHead,
  personNames,
  referralPseudonyms,
  rewriteAuditHashes,
  searchAuditEvents,
  setAuditChainHead,
} from '../db/repositories/audit-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import type { AuditEvent, AuditSummary, ChainProblem, Checkpoint } from '../domain/audit.ts';
import { eventBoards, GENESIS_HASH, hashEvent, isCheckpointGenuine, legacyHashEvent, signCheckpoint, verifyChain } from '../domain/audit.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import type { Actor } from '../domain/permissions.ts';
import { boardsWhere, can } from '../domain/permissions.ts';
import type { Pseudonym } from '../domain/pseudonyms.ts';
import { type Caller, type Clock, forbidden, newId, systemCaller } from './context.ts';
import { personEventBoardIds } from './person-access.ts';

export interface AuditDetails {
  /** The event's action, when it is not the caller's (e.g. SIGNED_IN on the sign-in form's SIGN_IN). */
  action?: AuditAction;
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

export type VerifyProblem =
  | ChainProblem
  | { reason: 'head_mismatch'; seq: number }
  | { reason: 'not_keyed'; seq: number }
  | { reason: 'checkpoint_forged'; seq: number; line: number }
  | { reason: 'checkpoint_missing_event'; seq: number }
  | { reason: 'checkpoint_mismatch'; seq: number };

export interface VerifyResult {
  ok: boolean;
  /** Events checked and intact (before the problem, if any). */
  checked: number;
  /** Signed checkpoints compared with the chain. */
  checkpoints: number;
  problem?: VerifyProblem;
}

/** Records whose events are case material: only readers who may see the case learn which record it was. */
const CASE_RECORD_TYPES: ReadonlySet<string> = new Set(['referral', 'meeting', 'review']);

/** An event as the audit log shows it to one reader. */
export type AuditLogEntry = AuditEvent & {
  actorName: string | null;
  /** For a referral the reader may see: its child's pseudonym (kind and index), looked up now. */
  pseudonym: Pseudonym | null;
  /** A case event on boards where the reader has no case access: which record, and its details, are withheld. */
  caseWithheld: boolean;
};

export class AuditService {
  constructor(private readonly deps: { db: Db; clock: Clock; auditKey: Buffer }) {}

  /**
   * Writes one event in the caller's transaction. An event about a person (signing in, a password or
   * language changed, two-factor set up, …) is recorded against every board on which they hold a role or
   * a waiting grant, whoever wrote it, so each of those boards' information governance sees it.
   */
  async record(trx: Executor, caller: Caller, details: AuditDetails): Promise<AuditEvent> {
    const aboutPerson = details.recordType === 'person' && details.recordId ? await personEventBoardIds(trx, details.recordId) : [];
    const boardIds = eventBoards(details.boardId, [...(details.boardIds ?? []), ...aboutPerson]);
    return appendAuditEvent(trx, this.deps.db.dialect, this.deps.auditKey, {
      id: newId(),
      occurredAt: this.deps.clock.now().toISOString(),
      actorId: caller.actor?.personId ?? null,
      action: details.action ?? caller.action,
      boardId: details.boardId ?? boardIds[0] ?? null,
      boardIds,
      recordType: details.recordType ?? null,
      recordId: details.recordId ?? null,
      ip: caller.ip,
      requestId: caller.requestId,
      summary: details.summary ?? {},
    });
  }

  /**
   * The read event of a service read function (case material, or a record whose reads are audited), in
   * the read's transaction. Whether it is written is the route's declaration (config.reads), not the
   * function's: for a route that declares a read it is written, named by the route's audit name (or the
   * page's, config.readAudit, on a form's POST that shows its page again), and counted, so the auth plugin
   * can check that the answer wrote exactly one; for a route that declares none nothing is written (the
   * route test finds a page that shows case material without declaring it). A caller that is no route
   * (the command line, jobs, the demo, tests) always writes it. The summary holds ids, counts and field
   * names only.
   */
  async recordRead(trx: Executor, caller: Caller, details: Omit<AuditDetails, 'action'>): Promise<AuditEvent | undefined> {
    const read = caller.read;
    if (read && read.kind === null) return undefined;
    const event = await this.record(trx, caller, { ...details, action: read?.action ?? caller.action });
    if (read) read.recorded++;
    return event;
  }

  /**
   * An event that goes with no other change, in a transaction of its own: a refusal (403), a sign-out. The
   * caller's action names it unless the details do.
   */
  async recordAlone(caller: Caller, details: AuditDetails): Promise<AuditEvent> {
    return inTransaction(this.deps.db, (trx) => this.record(trx, caller, details));
  }

  private keyedHash = (prevHash: string, event: AuditEvent) => hashEvent(this.deps.auditKey, prevHash, event);

  /**
   * Recomputes the whole chain under the audit key, compares its end with the stored head, and compares
   * the chain with every signed checkpoint given (written outside the database): an event a checkpoint
   * names must still be there with the same hash, so a tail cut off with the head moved back is found.
   */
  async verify(checkpoints: readonly Checkpoint[] = []): Promise<VerifyResult> {
    const db = this.deps.db.kysely;
    const head = await auditChainHead(db);
    if (!head.keyed) return { ok: false, checked: 0, checkpoints: 0, problem: { reason: 'not_keyed', seq: 1 } };
    const chain = await this.walk(this.keyedHash);
    if (chain.problem) return { ok: false, checked: chain.last.seq, checkpoints: 0, problem: chain.problem };
    if (head.seq !== chain.last.seq || head.hash !== chain.last.hash) {
      // Events were removed from the end (or the head was tampered with).
      return { ok: false, checked: chain.last.seq, checkpoints: 0, problem: { reason: 'head_mismatch', seq: chain.last.seq + 1 } };
    }
    let compared = 0;
    for (const [i, checkpoint] of checkpoints.entries()) {
      if (!isCheckpointGenuine(this.deps.auditKey, checkpoint)) {
        return { ok: false, checked: chain.last.seq, checkpoints: compared, problem: { reason: 'checkpoint_forged', seq: checkpoint.seq, line: i + 1 } };
      }
      if (checkpoint.seq === 0) {
        compared++;
        continue;
      }
      const stored = await auditEventHash(db, checkpoint.seq);
      if (stored === undefined)
        return { ok: false, checked: chain.last.seq, checkpoints: compared, problem: { reason: 'checkpoint_missing_event', seq: checkpoint.seq } };
      if (stored !== checkpoint.hash)
        return { ok: false, checked: chain.last.seq, checkpoints: compared, problem: { reason: 'checkpoint_mismatch', seq: checkpoint.seq } };
      compared++;
    }
    return { ok: true, checked: chain.last.seq, checkpoints: compared };
  }

  private async walk(hash: (prevHash: string, event: AuditEvent) => string, onEvent?: (event: AuditEvent) => void) {
    let last = { seq: 0, hash: GENESIS_HASH };
    let batch: AuditEvent[] = [];
    const check = () => {
      const result = verifyChain(batch, hash, last);
      batch = [];
      last = result.last;
      return result.problem;
    };
    for await (const event of auditEventsInOrder(this.deps.db.kysely)) {
      onEvent?.(event);
      batch.push(event);
      if (batch.length >= 1000) {
        const problem = check();
        if (problem) return { problem, last };
      }
    }
    return { problem: check(), last };
  }

  /**
   * A chain written before the audit key existed (plain SHA-256) is verified as it stands and, only if
   * intact, re-hashed under the key in one transaction; the re-keying is itself an audited event. A chain
   * that does not verify is left untouched (and nothing more can be appended) until someone looks into it.
   */
  async keyLegacyChain(): Promise<{ keyed: 'already' | 'now'; events: number }> {
    if ((await auditChainHead(this.deps.db.kysely)).keyed) return { keyed: 'already', events: 0 };
    return inTransaction(this.deps.db, async (trx) => {
      const head = await lockAuditChainHead(trx, this.deps.db.dialect);
      if (head.keyed) return { keyed: 'already' as const, events: 0 };
      const events = await this.allEvents(trx);
      const legacy = verifyChain(events, legacyHashEvent);
      if (legacy.problem || legacy.last.seq !== head.seq || legacy.last.hash !== head.hash) {
        const at = legacy.problem ? `event seq ${legacy.problem.seq}: ${legacy.problem.reason}` : `the head (seq ${head.seq}) does not match the events`;
        throw new Error(`The legacy audit chain does not verify (${at}); it has not been re-keyed. Nothing can be audited until this is resolved.`);
      }
      let prev = GENESIS_HASH;
      for (const event of events) {
        const hash = hashEvent(this.deps.auditKey, prev, event);
        await rewriteAuditHashes(trx, event.seq, prev, hash);
        prev = hash;
      }
      await setAuditChainHead(trx, { seq: head.seq, hash: prev, keyed: true });
      await this.record(trx, systemCaller('AUDIT_CHAIN_KEYED'), { summary: { events: events.length } });
      return { keyed: 'now' as const, events: events.length };
    });
  }

  private async allEvents(db: Executor): Promise<AuditEvent[]> {
    const out: AuditEvent[] = [];
    for await (const e of auditEventsInOrder(db)) out.push(e);
    return out;
  }

  /** A signed checkpoint of the chain's head as it is now. */
  async checkpoint(): Promise<Checkpoint> {
    const head = await auditChainHead(this.deps.db.kysely);
    return signCheckpoint(this.deps.auditKey, head, this.deps.clock.now().toISOString());
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
   * deployment administrator), with the actors' names and whether older events exist. The log holds ids,
   * never case content; which case record an event concerns is looked up now, and only for a reader who
   * may see that record (an administrator without case access sees who, when and what kind, no more).
   */
  async searchPage(
    actor: Actor,
    filters: Omit<AuditSearch, 'boardIds' | 'limit'> & { boardId?: string | undefined; pageSize: number },
  ): Promise<{ events: AuditLogEntry[]; hasOlder: boolean }> {
    const { pageSize, ...rest } = filters;
    const found = await this.search(actor, { ...rest, limit: pageSize + 1 });
    const events = found.slice(0, pageSize);
    const mayReadCase = (e: AuditEvent) => e.boardIds.some((boardId) => can(actor, 'referral.view', { boardId }));
    const withheld = (e: AuditEvent) => e.recordType !== null && CASE_RECORD_TYPES.has(e.recordType) && !mayReadCase(e);
    const db = this.deps.db.kysely;
    const [names, pseudonyms] = await Promise.all([
      personNames(
        db,
        events.flatMap((e) => (e.actorId ? [e.actorId] : [])),
      ),
      referralPseudonyms(
        db,
        events.flatMap((e) => (e.recordType === 'referral' && e.recordId && !withheld(e) ? [e.recordId] : [])),
      ),
    ]);
    // An event about several boards (a person on two) names to each reader only the boards they audit.
    const audited = boardsWhere(actor, 'audit.view');
    const shown = (e: AuditEvent): AuditEvent => {
      if (!audited) return e;
      const boardIds = e.boardIds.filter((id) => audited.includes(id));
      return { ...e, boardIds, boardId: e.boardId && boardIds.includes(e.boardId) ? e.boardId : (boardIds[0] ?? null) };
    };
    return {
      events: events.map(shown).map((e) => {
        const actorName = e.actorId ? (names.get(e.actorId) ?? null) : null;
        if (withheld(e)) return { ...e, recordId: null, summary: {}, actorName, pseudonym: null, caseWithheld: true };
        return { ...e, actorName, pseudonym: e.recordId ? (pseudonyms.get(e.recordId) ?? null) : null, caseWithheld: false };
      }),
      hasOlder: found.length > pageSize,
    };
  }
}
