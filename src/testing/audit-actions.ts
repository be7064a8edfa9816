// Audit names only tests write, kept out of the production catalogue (src/domain/audit-actions.ts): a test
// that needs an event of its own (a token made at night, a run of events to page through) calls it TEST or
// TEST_<SOMETHING>, a prefix the catalogue never uses (tested), and the one cast to AuditAction is made
// here, in src/testing.
import type { AuditAction } from '../domain/audit-actions.ts';
import { type Caller, systemCaller } from '../services/context.ts';

export type TestAuditAction = 'TEST' | `TEST_${string}`;

/** A name a test may write: one of the service's, or one of the tests' own. */
export type AnyAuditAction = AuditAction | TestAuditAction;

/** The name as the services take it (a test's own name is not in the catalogue, hence the cast). */
export function testAction(name: AnyAuditAction): AuditAction {
  return name as AuditAction;
}

/** A caller with no actor (the service itself), under a test's own audit name or the service's. */
export function testCaller(name: AnyAuditAction): Caller {
  return systemCaller(testAction(name));
}
