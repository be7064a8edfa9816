// case-review demo-data: fills an empty database with realistic, fictional data at a chosen scale,
// deterministically from a seed. The data is made in steps, each filling its own tables in big
// transactions with multi-row inserts (never through the per-record services); the audit events of the
// generated history are appended to the hash chain at the end, in time order. Later capabilities add
// their own steps to STEPS and remove their entity from NOT_YET_GENERATED.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { latestMigration } from '../db/migrations/index.ts';
import { appendAuditEvents, countRows } from '../db/repositories/bulk-repository.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { fieldCipher, type Keyring } from '../keyring.ts';
import { GeneratorContext, type GeneratorStep, type ProgressEvent, SCALES, type ScaleName, type ScaleSpec } from './context.ts';
import { Random } from './random.ts';
import { actionsStep } from './steps/actions.ts';
import { boardMeetingsStep } from './steps/board-meetings.ts';
import { chronologyStep } from './steps/chronology.ts';
import { earlyLearningStep } from './steps/early-learning.ts';
import { familyStep } from './steps/family.ts';
import { learningEventsStep } from './steps/learning-events.ts';
import { milestonesStep } from './steps/milestones.ts';
import { organisationStep } from './steps/organisation.ts';
import { panelsStep } from './steps/panels.ts';
import { peopleStep } from './steps/people.ts';
import { publicationStep } from './steps/publication.ts';
import { referralsStep } from './steps/referrals.ts';
import { reportStep } from './steps/report.ts';
import { reviewNotificationsStep } from './steps/review-notifications.ts';
import { summariesStep } from './steps/summaries.ts';
import { termsStep } from './steps/terms.ts';

export {
  BENCH_ADMIN_EMAIL,
  BENCH_OWNER_EMAIL,
  BENCH_USER_EMAIL,
  type GeneratorStep,
  type ProgressEvent,
  SCALE_NAMES,
  SCALES,
  type ScaleName,
} from './context.ts';

/** Bump when the generated data changes shape, so cached benchmark databases are rebuilt. */
export const GENERATOR_VERSION = 16;

// The terms of reference come after the panels, so an approved version names the review's panel chair.
export const STEPS: readonly GeneratorStep[] = [
  organisationStep,
  peopleStep,
  referralsStep,
  reviewNotificationsStep,
  panelsStep,
  earlyLearningStep,
  milestonesStep,
  termsStep,
  familyStep,
  learningEventsStep,
  // The reports after the panels (their author and chair) and the terms.
  reportStep,
  // The chronologies after the contribution requests (referrals) and the review's people (family).
  chronologyStep,
  // The boards' own meetings (the people's roles).
  boardMeetingsStep,
  // The action plans after the reports (their accepted recommendations) and early learning (counted in the scale's actions).
  actionsStep,
  // Publication (issue 13) after the action plans (the figures a summary's approval freezes), the learning points
  // (a snapshot's themes) and the family (told of the publication): the summaries and their checks, then the
  // decisions, releases and public snapshots.
  summariesStep,
  publicationStep,
];

/** Entities the issue asks for whose tables do not exist yet: each arrives with its capability's own step. */
export const NOT_YET_GENERATED: readonly { entity: string; count: (spec: ScaleSpec) => number; awaits: string }[] = [
  { entity: 'documents of text', count: (s) => s.documents, awaits: 'documents and search' },
];

export interface GenerateOptions {
  scale: ScaleName;
  seed: number;
  /** The day the generated history ends (YYYY-MM-DD); referrals spread over the years before it. */
  asOf: string;
  /** One argon2 hash (services/secrets.ts hashPassword), given to the bench users only. */
  passwordHash: string;
  /** The bench users' authenticator secret (base32): both must use two-factor authentication. */
  adminTotpSecret: string;
  /** The deployment's keys: the audit chain is keyed and restricted fields encrypted with them. */
  keyring: Keyring;
  onProgress?: (e: ProgressEvent) => void;
}

export interface GenerateReport {
  scale: ScaleName;
  seed: number;
  asOf: string;
  schema: string;
  generatorVersion: number;
  rows: Record<string, number>;
  auditEvents: number;
  notGenerated: { entity: string; wanted: number; awaits: string }[];
  seconds: number;
  stepSeconds: Record<string, number>;
}

export class DatabaseNotEmptyError extends Error {}

export async function generate(db: Db, options: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const spec = SCALES[options.scale];
  const existing = await db.kysely
    .selectFrom('boards')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new DatabaseNotEmptyError('The database already has boards: demo-data fills an empty database only.');
  const ctx = new GeneratorContext(
    db,
    new Random(options.seed),
    spec,
    options.asOf,
    options.passwordHash,
    options.adminTotpSecret,
    fieldCipher(options.keyring),
    options.onProgress ?? (() => {}),
  );
  const stepSeconds: Record<string, number> = {};
  for (const step of STEPS) {
    const t0 = performance.now();
    await step.run(ctx);
    stepSeconds[step.id] = (performance.now() - t0) / 1000;
  }

  // The generated history's audit events, oldest first (stable for equal instants), then one event
  // saying what was generated.
  const t0 = performance.now();
  const events = ctx.events.map((e, i) => ({ e, i })).sort((a, b) => (a.e.occurredAt < b.e.occurredAt ? -1 : a.e.occurredAt > b.e.occurredAt ? 1 : a.i - b.i));
  const ordered = events.map((x) => x.e);
  const finalAt = `${options.asOf}T18:00:00.000Z`;
  ordered.push({
    id: ctx.rng.fork('final').idAt(Date.parse(finalAt)),
    occurredAt: finalAt,
    actorId: null,
    action: 'DEMO_DATA_GENERATED',
    boardId: null,
    boardIds: [],
    recordType: null,
    recordId: null,
    ip: null,
    requestId: null,
    summary: { scale: options.scale, seed: options.seed, asOf: options.asOf, generatorVersion: GENERATOR_VERSION },
  });
  const slice = 20_000;
  for (let i = 0; i < ordered.length; i += slice) {
    await inTransaction(db, (trx) => appendAuditEvents(trx, db.dialect, options.keyring.audit, ordered.slice(i, i + slice)));
    ctx.progress('audit events', Math.min(ordered.length, i + slice), ordered.length);
  }
  // The changes of state beside their events (record_transitions refer to the events).
  for (let i = 0; i < ctx.transitions.length; i += slice) {
    await inTransaction(db, (trx) => ctx.insert(trx, 'transitions', 'record_transitions', ctx.transitions.slice(i, i + slice)));
  }
  stepSeconds['audit events'] = (performance.now() - t0) / 1000;

  const tables = [...new Set(STEPS.flatMap((s) => s.tables))] as (keyof Database & string)[];
  const rows = await countRows(db.kysely, tables);
  // Fresh statistics for the query planners (SQLite's sqlite_stat1, PostgreSQL's pg_statistic).
  await sql`analyze`.execute(db.kysely);
  return {
    scale: options.scale,
    seed: options.seed,
    asOf: options.asOf,
    schema: latestMigration,
    generatorVersion: GENERATOR_VERSION,
    rows,
    auditEvents: ordered.length,
    notGenerated: NOT_YET_GENERATED.map((n) => ({ entity: n.entity, wanted: n.count(spec), awaits: n.awaits })),
    seconds: (performance.now() - started) / 1000,
    stepSeconds,
  };
}
