// What the generator's steps share: the sizes of each scale, the options, the generated records later
// steps refer to, and the audit events collected for the chain (appended in time order at the end).
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { FieldCipher } from '../db/field-cipher.ts';
import type { NewAuditEvent } from '../db/repositories/audit-repository.ts';
import { insertMany } from '../db/repositories/bulk-repository.ts';
import type { Database } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import type { AuditSummary } from '../domain/audit.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import type { Sector } from '../domain/organisation.ts';
import type { Random } from './random.ts';

export const SCALE_NAMES = ['small', 'board', 'national'] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

/** Target sizes. Entities whose tables do not exist yet are listed too; their steps come with their issues. */
export interface ScaleSpec {
  boards: number;
  agencies: number;
  people: number;
  referrals: number;
  reviews: number;
  years: number;
  actions: number;
  chronologyEntries: number;
  /** Entries of the one review with the most (on the first board, for the bench's merged chronology). */
  chronologyBigReview: number;
  documents: number;
}

export const SCALES: Record<ScaleName, ScaleSpec> = {
  small: {
    boards: 2,
    agencies: 40,
    people: 300,
    referrals: 200,
    reviews: 80,
    years: 10,
    actions: 4_000,
    chronologyEntries: 30_000,
    chronologyBigReview: 5_000,
    documents: 200,
  },
  board: {
    boards: 1,
    agencies: 60,
    people: 600,
    referrals: 1_000,
    reviews: 400,
    years: 10,
    actions: 20_000,
    chronologyEntries: 150_000,
    chronologyBigReview: 20_000,
    documents: 1_000,
  },
  national: {
    boards: 150,
    agencies: 3_000,
    people: 30_000,
    referrals: 20_000,
    reviews: 8_000,
    years: 10,
    actions: 400_000,
    chronologyEntries: 3_000_000,
    chronologyBigReview: 100_000,
    documents: 20_000,
  },
};

/** The two people the benchmark signs in as (both on the first board's data). */
export const BENCH_USER_EMAIL = 'bench.unit@bench.example';
export const BENCH_ADMIN_EMAIL = 'bench.admin@bench.example';
/** The lead officer the bench signs in as for an owner's actions (on the first board's plans). */
export const BENCH_OWNER_EMAIL = 'bench.owner@bench.example';

export interface GenBoard {
  id: string;
  code: string;
  place: string;
  nameEn: string;
  createdAt: string;
  agencyIds: string[];
  /** Role holders by role. */
  roles: Map<string, string[]>;
}

export interface GenReferral {
  id: string;
  boardId: string;
  status: string;
  receivedOn: string;
  incidentOn: string;
  createdAt: string;
}

export interface GeneratorState {
  boards: GenBoard[];
  agencies: { id: string; boardId: string; sector: Sector }[];
  referrals: GenReferral[];
  adminId: string | null;
  benchUserId: string | null;
  /** The bench's action owner (the actions step gives them a share of the first board's actions). */
  benchOwnerId: string | null;
}

export interface ProgressEvent {
  step: string;
  done: number;
  total: number;
}

export class GeneratorContext {
  readonly state: GeneratorState = { boards: [], agencies: [], referrals: [], adminId: null, benchUserId: null, benchOwnerId: null };
  readonly events: NewAuditEvent[] = [];
  /** The changes of state the events made (record_transitions), inserted once their events are in the chain. */
  readonly transitions: Insertable<Database['record_transitions']>[] = [];
  private readonly transitionIds: Random;
  /** asOf - years: the start of the generated history. */
  readonly startOn: string;

  constructor(
    readonly db: Db,
    readonly rng: Random,
    readonly spec: ScaleSpec,
    readonly asOf: string,
    readonly passwordHash: string,
    readonly adminTotpSecret: string,
    /** Restricted fields are written encrypted, with the child's blind indexes, as the services write them. */
    readonly cipher: FieldCipher,
    private readonly onProgress: (e: ProgressEvent) => void,
  ) {
    this.transitionIds = rng.fork('transitions');
    this.startOn = `${Number(asOf.slice(0, 4)) - spec.years}${asOf.slice(4)}`;
  }

  progress(step: string, done: number, total: number): void {
    this.onProgress({ step, done, total });
  }

  /** Inserts rows in slices, reporting progress as it goes. */
  async insert<T extends keyof Database & string>(trx: Executor, step: string, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
    const slice = 5_000;
    for (let i = 0; i < rows.length; i += slice) {
      await insertMany(trx, table, rows.slice(i, i + slice));
      this.progress(`${step}: ${table}`, Math.min(rows.length, i + slice), rows.length);
    }
  }

  /**
   * An audit event of the generated history; `moves` are the changes of state it made (the referral's
   * "consider" beside the meeting's event, a decision's and its review's creation), kept as
   * record_transitions rows beside it, as WorkflowService writes them.
   */
  audit(e: {
    id: string;
    at: string;
    actorId: string | null;
    action: AuditAction;
    boardId: string | null;
    recordType: string;
    recordId: string;
    summary: AuditSummary;
    moves?: readonly GeneratedMove[];
  }): void {
    for (const m of e.moves ?? []) {
      this.transitions.push({
        id: this.transitionIds.idAt(Date.parse(e.at)),
        audit_event_id: e.id,
        record_type: m.record,
        record_id: m.id,
        from_state: m.from,
        to_state: m.to,
        event: m.event,
        reason: m.reason ?? null,
        occurred_at: e.at,
      });
    }
    this.events.push({
      id: e.id,
      occurredAt: e.at,
      actorId: e.actorId,
      action: e.action,
      boardId: e.boardId,
      boardIds: e.boardId ? [e.boardId] : [],
      recordType: e.recordType,
      recordId: e.recordId,
      ip: null,
      requestId: null,
      summary: e.summary,
    });
  }
}

/** A change of a record's state made by a generated event: its table's event, from (null when created) and to. */
export interface GeneratedMove {
  record: 'referral' | 'review' | 'review_action';
  id: string;
  from: string | null;
  to: string;
  event: string;
  /** Why, where the event gives a reason (a hold). */
  reason?: string;
}

/** One part of the data: later issues add their own steps (actions, chronologies, documents …). */
export interface GeneratorStep {
  id: string;
  /** The tables it fills. */
  tables: readonly (keyof Database & string)[];
  run(ctx: GeneratorContext): Promise<void>;
}
