// The errors a use case reports, by kind: shared by the services (which throw them), the database layer
// (which turns a unique-key violation into a conflict) and the web layer (which answers each kind).

/** Field errors carry locale keys (errors namespace), never English text. */
export type FieldErrors = Record<string, string>;

export class ServiceError extends Error {
  constructor(
    readonly kind: 'not_found' | 'forbidden' | 'invalid' | 'conflict' | 'unauthorised' | 'rate_limited',
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/**
 * A write refused by a unique key (two requests creating the same thing at once): a conflict whose field
 * errors say which answer clashes, so pages show it in the error summary and the API answers 409.
 */
export class UniqueConflict extends ServiceError {
  constructor(
    readonly constraint: string,
    fieldErrors: FieldErrors,
  ) {
    super('conflict', Object.values(fieldErrors)[0] ?? 'conflict.concurrentChange', fieldErrors);
    this.name = 'UniqueConflict';
  }
}
