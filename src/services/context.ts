// What every service call carries: who is acting, from where, and the audit name of the operation.
import { v7 as uuidv7 } from 'uuid';
import { type FieldErrors, ServiceError } from '../domain/errors.ts';
import type { Actor } from '../domain/permissions.ts';

export interface Caller {
  actor: Actor | undefined;
  ip: string | null;
  requestId: string | null;
  /** The audit name declared by the route (or CLI command) making the call. */
  action: string;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function newId(): string {
  return uuidv7();
}

export function systemCaller(action: string): Caller {
  return { actor: undefined, ip: null, requestId: null, action };
}

export { type FieldErrors, ServiceError, UniqueConflict } from '../domain/errors.ts';

export const notFound = (what: string) => new ServiceError('not_found', `${what} not found`);
export const forbidden = () => new ServiceError('forbidden', 'Not allowed');
export const invalid = (fieldErrors: FieldErrors) => new ServiceError('invalid', 'Invalid input', fieldErrors);
