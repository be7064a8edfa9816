// Background jobs and their recurring schedules (src/services/job-service.ts). A job is claimed by one
// UPDATE that moves it to 'running' with a lease: on PostgreSQL the row is picked with FOR UPDATE SKIP
// LOCKED, so workers of several app instances never wait on one another nor take the same job; SQLite
// has a single writer, so the same statement without the lock clause is already exclusive. A job whose
// worker died (its lease ran out while 'running') is due again.
import type { Dialect } from '../database.ts';
import type { JobRow, JobScheduleRow } from '../schema/jobs.ts';
import type { Executor } from '../transaction.ts';

export const JOB_STATES = ['queued', 'running', 'done', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

export async function insertJob(
  db: Executor,
  j: { id: string; kind: string; payload: string; runAt: string; maxAttempts: number; schedule: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      id: j.id,
      kind: j.kind,
      payload: j.payload,
      state: 'queued',
      run_at: j.runAt,
      attempts: 0,
      max_attempts: j.maxAttempts,
      lease_token: null,
      lease_until: null,
      last_error: null,
      schedule: j.schedule,
      created_at: j.at,
      updated_at: j.at,
      finished_at: null,
    })
    .execute();
}

/**
 * Claims the job due first (queued and due, or running with a lease that ran out), counting an attempt;
 * undefined when nothing is due. Only the holder of `token` may finish or fail the job afterwards.
 */
export async function claimDueJob(db: Executor, dialect: Dialect, c: { now: string; leaseUntil: string; token: string }): Promise<JobRow | undefined> {
  let next = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', c.now)]), eb.and([eb('state', '=', 'running'), eb('lease_until', '<=', c.now)])]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(1);
  if (dialect === 'postgres') next = next.forUpdate().skipLocked();
  return db
    .updateTable('jobs')
    .set((eb) => ({ state: 'running', attempts: eb('attempts', '+', 1), lease_token: c.token, lease_until: c.leaseUntil, updated_at: c.now }))
    .where('id', '=', next)
    .returningAll()
    .executeTakeFirst();
}

/** The job ran: done, its payload forgotten. False when the lease was lost (another worker took it over). */
export async function finishJob(db: Executor, id: string, token: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ state: 'done', payload: null, lease_token: null, lease_until: null, last_error: null, updated_at: at, finished_at: at })
    .where('id', '=', id)
    .where('lease_token', '=', token)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The job failed: queued again for `runAt`, or dead. */
export async function failJob(
  db: Executor,
  id: string,
  token: string,
  f: { state: 'queued' | 'dead'; runAt: string; error: string; at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      state: f.state,
      run_at: f.runAt,
      lease_token: null,
      lease_until: null,
      last_error: f.error.slice(0, 200),
      updated_at: f.at,
      finished_at: f.state === 'dead' ? f.at : null,
    })
    .where('id', '=', id)
    .where('lease_token', '=', token)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findJob(db: Executor, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A dead job queued again, now, with all its attempts. False when the job is not dead. */
export async function requeueDeadJob(db: Executor, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ state: 'queued', attempts: 0, run_at: at, updated_at: at, finished_at: null })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How many jobs are in each state. */
export async function countJobsByState(db: Executor): Promise<Record<JobState, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const r of rows) if ((JOB_STATES as readonly string[]).includes(r.state)) counts[r.state as JobState] = Number(r.n);
  return counts;
}

/**
 * A page of the jobs in a state, without their payloads: waiting ones in the order they will run, running
 * ones by when their lease ends, dead and done ones newest first.
 */
export async function listJobs(db: Executor, state: JobState, offset: number, limit: number) {
  let q = db
    .selectFrom('jobs')
    .select(['id', 'kind', 'state', 'run_at', 'attempts', 'max_attempts', 'lease_until', 'last_error', 'schedule', 'created_at', 'updated_at', 'finished_at'])
    .where('state', '=', state);
  if (state === 'queued') q = q.orderBy('run_at').orderBy('id');
  else if (state === 'running') q = q.orderBy('lease_until').orderBy('id');
  else q = q.orderBy('finished_at', 'desc').orderBy('id', 'desc');
  return q.offset(offset).limit(limit).execute();
}

/** Whether a run of the schedule is still waiting or running (a slow run is not overtaken by the next). */
export async function hasOpenJobOfSchedule(db: Executor, schedule: string): Promise<boolean> {
  const row = await db.selectFrom('jobs').select('id').where('schedule', '=', schedule).where('state', 'in', ['queued', 'running']).executeTakeFirst();
  return row !== undefined;
}

/** Housekeeping: forgets jobs done before `before` (their payloads are already gone). */
export async function deleteDoneJobs(db: Executor, before: string): Promise<number> {
  const r = await db.deleteFrom('jobs').where('state', '=', 'done').where('finished_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---- Schedules ----------------------------------------------------------------------------------------

/** Adds the schedule, first due at `nextRunAt`, unless it exists. */
export async function ensureSchedule(db: Executor, name: string, nextRunAt: string): Promise<void> {
  await db
    .insertInto('job_schedules')
    .values({ name, next_run_at: nextRunAt, last_run_at: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

export async function dueSchedules(db: Executor, now: string): Promise<JobScheduleRow[]> {
  return db.selectFrom('job_schedules').selectAll().where('next_run_at', '<=', now).orderBy('name').execute();
}

export async function listSchedules(db: Executor): Promise<JobScheduleRow[]> {
  return db.selectFrom('job_schedules').selectAll().orderBy('name').execute();
}

/**
 * Moves a due schedule on to its next run, if no one else has (compare and set on the next run the caller
 * read): true for the one worker that gets to enqueue this run.
 */
export async function advanceSchedule(db: Executor, name: string, seen: string, next: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('job_schedules')
    .set({ next_run_at: next, last_run_at: now })
    .where('name', '=', name)
    .where('next_run_at', '=', seen)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
