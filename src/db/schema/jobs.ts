// Background jobs and their schedules.
import type { Generated, Selectable } from 'kysely';

/** Background jobs (src/services/job-service.ts): queued → running → done | queued (retry) | dead. */
export interface JobsTable {
  id: string;
  kind: string;
  /** Sealed JSON; null once done. */
  payload: string | null;
  state: string;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: number;
  lease_token: string | null;
  lease_until: string | null;
  last_error: string | null;
  schedule: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface JobSchedulesTable {
  name: string;
  next_run_at: string;
  last_run_at: string | null;
}

export interface JobTables {
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
}

export type JobRow = Selectable<JobsTable>;
export type JobScheduleRow = Selectable<JobSchedulesTable>;
