// Background jobs: the one way work happens after a change commits (email, housekeeping, and later the
// reminders and escalations of reviews). A service enqueues a job in the transaction of the change that
// causes it, so the job exists exactly when the change does; a worker in each server process claims due
// jobs with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL, SQLite's single writer: jobs-repository.ts),
// runs them, retries failures with exponential backoff and leaves a job 'dead' after its last attempt,
// for a deployment administrator to see and retry (/admin/jobs). Recurring jobs are schedules: the worker
// that moves a due schedule on enqueues its run, so two app instances never run it twice.
//
// Time is the injected clock's: tests enqueue, advance the clock and call runDue() (never a handler
// directly), then read what the job did (the SMTP sink, the database). The server's worker is woken
// after each commit that enqueued work (afterCommit) and polls every few seconds for the rest (jobs due
// later, retries, jobs enqueued by another instance).
//
// Payloads are sealed at rest (jobs.payload, like sessions): an email's address, subject and body, and
// any link in it, are never readable from a copy of the database. A payload is forgotten once the job is
// done. last_error keeps an error's name and codes only, never its message (an SMTP refusal names the
// address): the administration page shows it and holds no personal data.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { type FieldCipher, sealedPlace } from '../db/field-cipher.ts';
import {
  advanceSchedule,
  claimDueJob,
  countJobsByState,
  dueSchedules,
  ensureSchedule,
  failJob,
  findJob,
  finishJob,
  hasOpenJobOfSchedule,
  insertJob,
  JOB_STATES,
  type JobState,
  listJobs,
  listSchedules,
  requeueDeadJob,
} from '../db/repositories/jobs-repository.ts';
import type { JobRow } from '../db/schema/jobs.ts';
import { afterCommit, type Executor, inTransaction } from '../db/transaction.ts';
import { can } from '../domain/permissions.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, forbidden, newId, notFound, ServiceError } from './context.ts';

export { JOB_STATES, type JobState } from '../db/repositories/jobs-repository.ts';

export interface JobContext {
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  /** The injected clock's time when the job was claimed. */
  now: Date;
}

export interface JobKind<P> {
  /** Does the work; throwing fails this attempt. Must finish well within the lease (LEASE_MS). */
  run(payload: P, context: JobContext): Promise<void>;
  /** Attempts before the job is dead (default 5). */
  maxAttempts?: number;
  /** The wait before the first retry (default 30 s); it doubles with each failure, up to an hour. */
  backoffMs?: number;
}

export interface Schedule {
  /** The schedule's name (its row in job_schedules, and the jobs it enqueues). */
  name: string;
  kind: string;
  everyMs: number;
}

/**
 * A failure whose message is safe to keep and show (it holds no personal data). `permanent`: retrying
 * cannot help (an SMTP server refused the address): the job is dead at once.
 */
export class JobError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'JobError';
  }
}

/** How long a claimed job is the claimer's: past it, the worker is taken for dead and the job is due again. */
export const LEASE_MS = 5 * 60_000;
const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 3_600_000;

/** The wait before the next attempt after `attempts` failures: backoff, doubling, at most an hour. */
export function retryDelay(attempts: number, backoffMs = DEFAULT_BACKOFF_MS): number {
  return Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** Math.max(0, attempts - 1));
}

const CODE = /^[A-Za-z0-9_.-]{1,40}$/;

/**
 * What is kept of an error: a JobError's message, or an error's name and codes (Node's `code`, an SMTP
 * server's response code), never a message that could hold an address or a name.
 */
export function errorText(error: unknown): string {
  if (error instanceof JobError) return error.message;
  if (!(error instanceof Error)) return 'Error';
  const e = error as Error & { code?: unknown; responseCode?: unknown };
  const parts = [CODE.test(error.name) ? error.name : 'Error'];
  if (typeof e.code === 'string' && CODE.test(e.code)) parts.push(e.code);
  if (typeof e.responseCode === 'number' && Number.isInteger(e.responseCode)) parts.push(`(SMTP ${e.responseCode})`);
  return parts.join(' ');
}

export interface JobLog {
  error(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/** A job as the administration page and the API show it: never its payload. */
export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  /** When a waiting job runs next. */
  runAt: string;
  leaseUntil: string | null;
  lastError: string | null;
  schedule: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface ScheduleView {
  name: string;
  kind: string;
  everyMs: number;
  nextRunAt: string | null;
  lastRunAt: string | null;
}

export interface JobsPage {
  jobs: JobView[];
  state: JobState;
  counts: Record<JobState, number>;
  total: number;
  page: number;
  pageSize: number;
}

function toView(r: Omit<JobRow, 'payload' | 'lease_token'>): JobView {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state as JobState,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    runAt: r.run_at,
    leaseUntil: r.lease_until,
    lastError: r.last_error,
    schedule: r.schedule,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

export class JobService {
  private readonly kinds = new Map<string, JobKind<unknown>>();
  private readonly schedules = new Map<string, Schedule>();
  private readonly ensured = new Set<string>();
  private worker: { timer: NodeJS.Timeout; log: JobLog | undefined } | undefined;
  private active: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: { db: Db; clock: Clock; cipher: FieldCipher; audit: AuditService }) {}

  /** Makes a kind of job known, by name, with what runs it. */
  register<P>(kind: string, definition: JobKind<P>): void {
    if (this.kinds.has(kind)) throw new Error(`job kind ${kind} is registered twice`);
    this.kinds.set(kind, definition as JobKind<unknown>);
  }

  /** A recurring job: a run of `kind` every `everyMs`, the first one interval after the schedule is first seen. */
  schedule(schedule: Schedule): void {
    if (!this.kinds.has(schedule.kind)) throw new Error(`schedule ${schedule.name}: no job kind ${schedule.kind}`);
    this.schedules.set(schedule.name, schedule);
  }

  private place(id: string): string {
    return sealedPlace('jobs', 'payload', id);
  }

  /**
   * Adds a job in the caller's transaction: it exists if and only if the transaction commits, and the
   * worker is woken once it has. `runAt` delays it (a reminder due on a date).
   */
  async enqueue<P>(trx: Executor, kind: string, payload: P, opts: { runAt?: Date; schedule?: string } = {}): Promise<string> {
    const definition = this.kinds.get(kind);
    if (!definition) throw new Error(`no job kind ${kind}`);
    const id = newId();
    const now = this.deps.clock.now();
    const runAt = opts.runAt && opts.runAt > now ? opts.runAt : now;
    await insertJob(trx, {
      id,
      kind,
      payload: this.deps.cipher.encrypt(JSON.stringify(payload ?? null), this.place(id)),
      runAt: runAt.toISOString(),
      maxAttempts: definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      schedule: opts.schedule ?? null,
      at: now.toISOString(),
    });
    afterCommit(trx, () => this.wake());
    return id;
  }

  /**
   * Runs what is due now (by the injected clock): enqueues the runs of due schedules, then claims and runs
   * due jobs one at a time until none is left (or `limit` have run). Returns how many ran and how many of
   * those failed. Tests call this after advancing their clock; the server's worker calls it when woken.
   */
  async runDue(opts: { limit?: number; log?: JobLog } = {}): Promise<{ ran: number; failed: number }> {
    const limit = opts.limit ?? Number.POSITIVE_INFINITY;
    await this.enqueueDueSchedules();
    let ran = 0;
    let failed = 0;
    while (ran < limit) {
      const now = this.deps.clock.now();
      const token = randomUUID();
      const job = await claimDueJob(this.deps.db.kysely, this.deps.db.dialect, {
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
        token,
      });
      if (!job) break;
      ran++;
      if (!(await this.execute(job, token, now, opts.log))) failed++;
    }
    return { ran, failed };
  }

  private async enqueueDueSchedules(): Promise<void> {
    const { db, clock } = this.deps;
    const now = clock.now().toISOString();
    for (const schedule of this.schedules.values()) {
      if (this.ensured.has(schedule.name)) continue;
      await ensureSchedule(db.kysely, schedule.name, new Date(clock.now().getTime() + schedule.everyMs).toISOString());
      this.ensured.add(schedule.name);
    }
    for (const row of await dueSchedules(db.kysely, now)) {
      const schedule = this.schedules.get(row.name);
      if (!schedule) continue;
      const next = new Date(clock.now().getTime() + schedule.everyMs).toISOString();
      await inTransaction(db, async (trx) => {
        // Only the worker that moves the schedule on enqueues the run; a run still waiting or running is not doubled.
        if (!(await advanceSchedule(trx, row.name, row.next_run_at, next, now))) return;
        if (await hasOpenJobOfSchedule(trx, row.name)) return;
        await this.enqueue(trx, schedule.kind, {}, { schedule: row.name });
      });
    }
  }

  /** Runs one claimed job and records how it went; false when it failed. */
  private async execute(job: JobRow, token: string, now: Date, log: JobLog | undefined): Promise<boolean> {
    const { db, clock } = this.deps;
    const definition = this.kinds.get(job.kind);
    const attempt = Number(job.attempts);
    try {
      // A worker that died mid-run counted its attempt: a job whose lease ran out that often is dead.
      if (attempt > Number(job.max_attempts)) throw new JobError('The job was claimed more times than its attempts allow', true);
      if (!definition) throw new JobError(`No job kind ${job.kind} in this version of the service`);
      const payload = this.open(job);
      await definition.run(payload, { jobId: job.id, attempt, now });
    } catch (error) {
      const at = clock.now();
      const permanent = error instanceof JobError && error.permanent;
      const dead = permanent || attempt >= Number(job.max_attempts);
      const text = errorText(error);
      const runAt = dead ? at : new Date(at.getTime() + retryDelay(attempt, definition?.backoffMs));
      await failJob(db.kysely, job.id, token, { state: dead ? 'dead' : 'queued', runAt: runAt.toISOString(), error: text, at: at.toISOString() });
      const details = { jobId: job.id, kind: job.kind, attempt, error: text };
      if (dead) log?.error(details, 'job failed for good');
      else log?.warn(details, 'job failed; retrying');
      return false;
    }
    if (!(await finishJob(db.kysely, job.id, token, clock.now().toISOString()))) {
      log?.warn({ jobId: job.id, kind: job.kind }, 'job finished after its lease was taken over');
    }
    return true;
  }

  private open(job: JobRow): unknown {
    if (job.payload === null) throw new JobError('The job has no payload', true);
    let text: string;
    try {
      text = this.deps.cipher.decrypt(job.payload, this.place(job.id));
    } catch {
      throw new JobError('The job’s payload cannot be read with the keys of this service', true);
    }
    return JSON.parse(text);
  }

  // ---- The worker -----------------------------------------------------------------------------------

  /** Starts this process's worker: runs due jobs now, when woken after a commit, and every `pollMs`. */
  start(opts: { pollMs: number; log?: JobLog }): void {
    if (this.worker) return;
    const timer = setInterval(() => this.wake(), opts.pollMs);
    timer.unref();
    this.worker = { timer, log: opts.log };
    this.wake();
  }

  /** Stops the worker, waiting for the job in hand (if any) to finish. */
  async stop(): Promise<void> {
    if (this.worker) clearInterval(this.worker.timer);
    this.worker = undefined;
    await this.active;
  }

  /** Asks the worker (if this process runs one) to look for due jobs; a look already under way looks again after. */
  private wake(): void {
    const worker = this.worker;
    if (!worker) return;
    if (this.active) {
      this.again = true;
      return;
    }
    this.active = (async () => {
      do {
        this.again = false;
        try {
          await this.runDue({ log: worker.log });
        } catch (err) {
          worker.log?.error({ err }, 'job worker failed');
        }
      } while (this.again && this.worker);
    })().finally(() => {
      this.active = undefined;
    });
  }

  // ---- Administration -------------------------------------------------------------------------------

  private mayAdminister(caller: Caller): void {
    if (!can(caller.actor, 'deployment.administer')) throw forbidden();
  }

  /** A page of the jobs in a state (a page beyond the last shows the last), with how many are in each state. */
  async list(caller: Caller, opts: { state: JobState; page: number; pageSize: number; lastPageIfBeyond?: boolean }): Promise<JobsPage> {
    this.mayAdminister(caller);
    const db = this.deps.db.kysely;
    const counts = await countJobsByState(db);
    const total = counts[opts.state];
    const pages = Math.max(1, Math.ceil(total / opts.pageSize));
    const page = opts.lastPageIfBeyond ? Math.min(opts.page, pages) : opts.page;
    const rows = await listJobs(db, opts.state, (page - 1) * opts.pageSize, opts.pageSize);
    return { jobs: rows.map(toView), state: opts.state, counts, total, page, pageSize: opts.pageSize };
  }

  /** The recurring jobs: how often, when next and last. */
  async scheduleList(caller: Caller): Promise<ScheduleView[]> {
    this.mayAdminister(caller);
    const rows = new Map((await listSchedules(this.deps.db.kysely)).map((r) => [r.name, r]));
    return [...this.schedules.values()].map((s) => ({
      name: s.name,
      kind: s.kind,
      everyMs: s.everyMs,
      nextRunAt: rows.get(s.name)?.next_run_at ?? null,
      lastRunAt: rows.get(s.name)?.last_run_at ?? null,
    }));
  }

  /** Queues a dead job again, now, with all its attempts (audited). Not found, or a conflict when the job is not dead. */
  async retry(caller: Caller, jobId: string): Promise<JobView> {
    this.mayAdminister(caller);
    return inTransaction(this.deps.db, async (trx) => {
      const job = await findJob(trx, jobId);
      if (!job) throw notFound('job');
      const at = this.deps.clock.now().toISOString();
      if (!(await requeueDeadJob(trx, jobId, at))) throw new ServiceError('conflict', 'job not dead', { job: 'job.notDead' });
      await this.deps.audit.record(trx, caller, {
        recordType: 'job',
        recordId: jobId,
        summary: { kind: job.kind, attempts: Number(job.attempts) },
      });
      afterCommit(trx, () => this.wake());
      const after = await findJob(trx, jobId);
      if (!after) throw notFound('job');
      return toView(after);
    });
  }

  /** Whether a state name is one of the job states (for query strings). */
  static isState(value: unknown): value is JobState {
    return typeof value === 'string' && (JOB_STATES as readonly string[]).includes(value);
  }
}
