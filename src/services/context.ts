// What every service call carries: who is acting, from where, and the audit name of the operation.
import { v7 as uuidv7 } from 'uuid';
import type { AuditAction } from '../domain/audit-actions.ts';
import type { IsoDate } from '../domain/clock/dates.ts';
import { londonDate } from '../domain/clock/london.ts';
import { type FieldErrors, ServiceError } from '../domain/errors.ts';
import { type TextRule, textProblems } from '../domain/limits.ts';
import type { Actor } from '../domain/permissions.ts';
import { nameErrors } from '../domain/text.ts';

export interface Caller {
  actor: Actor | undefined;
  ip: string | null;
  requestId: string | null;
  /** The audit name declared by the route (or CLI command) making the call. */
  action: AuditAction;
  /**
   * For a call made by a route: what the route declared it reads (config.reads), and the read events
   * written for the request so far. Absent for the command line, jobs, the demo and tests, whose reads
   * of case material are always audited (AuditService.recordRead).
   */
  read?: DeclaredRead;
}

/**
 * What a route may declare it shows (config.reads): `case-material` (a referral, its consideration,
 * meetings, decisions, documents: anything of a case), or `audited-record` (not case material, but every
 * read is audited all the same: a stored file's content, a role waiting for confirmation). Every answer
 * of a declaring route that shows the record writes exactly one read event, in the read's transaction;
 * a route that declares nothing writes none.
 */
export type ReadKind = 'case-material' | 'audited-record';

/** One request's read: its declaration, the name its event takes, and how many were written (the auth plugin checks it). */
export interface DeclaredRead {
  readonly kind: ReadKind | null;
  readonly action: AuditAction;
  recorded: number;
}

/**
 * The time, injected everywhere (tests advance it). `today()` is the calendar date in Europe/London, the
 * service's zone: the UTC calendar date of now() is a day behind between midnight and 1 am in summer.
 */
export interface Clock {
  now(): Date;
  today(): IsoDate;
}

/** A clock reading the time from `now`, with today in London. */
export function clockFrom(now: () => Date): Clock {
  return { now, today: () => londonDate(now()) };
}

export const systemClock: Clock = clockFrom(() => new Date());

export function newId(): string {
  return uuidv7();
}

export function systemCaller(action: AuditAction): Caller {
  return { actor: undefined, ip: null, requestId: null, action };
}

export { type FieldErrors, ServiceError, UniqueConflict } from '../domain/errors.ts';

export const notFound = (what: string) => new ServiceError('not_found', `${what} not found`);
export const forbidden = () => new ServiceError('forbidden', 'Not allowed');
export const invalid = (fieldErrors: FieldErrors) => new ServiceError('invalid', 'Invalid input', fieldErrors);

/**
 * Refuses names that break the name rule (src/domain/text.ts: no control or bidirectional override
 * characters), field by field, so that the API cannot store a name the pages would refuse.
 */
export function checkNames(names: Record<string, string | null | undefined>): void {
  const errors = nameErrors(names);
  if (Object.keys(errors).length > 0) throw invalid(errors);
}

/**
 * Refuses free text a form would refuse (src/domain/limits.ts: required answers, length limits), field by
 * field with the same locale keys, so that an API caller cannot store what a page would not.
 */
export function checkText<R extends Record<string, TextRule>>(rules: R, values: { [K in keyof R]?: string | null }): void {
  const errors = textProblems(rules, values);
  if (Object.keys(errors).length > 0) throw invalid(errors);
}
