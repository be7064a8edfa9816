// Workflow records (issue 9 item 1): a record whose state moves along a transition table. Each record type
// has one table in src/domain (the referral: referrals/referral.ts; the review: frameworks/workflow.ts),
// one vocabulary of states, the event that creates it and the state it starts in, and the events allowed
// from each state. Nothing else may move a record: src/services/workflow.ts checks every change against
// its table. Pure.

export interface WorkflowTable<S extends string, E extends string> {
  /** The record type, as audit events name it (recordType). */
  readonly record: string;
  /** Every state the record can be in, in order: its status vocabulary. */
  readonly states: readonly S[];
  /** The event that creates the record, and the state it is created in. */
  readonly created: { readonly event: string; readonly state: S };
  /** From each state, the events allowed and where each leads; any other event is refused. */
  readonly transitions: { readonly [From in S]: { readonly [Ev in E]?: S } };
  /** Events that must give a reason (withdrawing a review, …). */
  readonly reasonRequired: readonly E[];
}

/** The state an event leads to from a state, or undefined when the table does not allow it. */
export function nextState<S extends string, E extends string>(table: WorkflowTable<S, E>, from: string, event: string): S | undefined {
  if (!isState(table, from)) return undefined;
  const row = table.transitions[from] as Partial<Record<string, S>>;
  return Object.hasOwn(row, event) ? row[event] : undefined;
}

/** The events allowed from a state (none from a final state or a state the table does not know). */
export function eventsFrom<S extends string, E extends string>(table: WorkflowTable<S, E>, from: string): E[] {
  return isState(table, from) ? (Object.keys(table.transitions[from]) as E[]) : [];
}

/** Every event the table names. */
export function eventsOf<S extends string, E extends string>(table: WorkflowTable<S, E>): E[] {
  return [...new Set(table.states.flatMap((s) => Object.keys(table.transitions[s]) as E[]))];
}

export function isState<S extends string, E extends string>(table: WorkflowTable<S, E>, state: string): state is S {
  return (table.states as readonly string[]).includes(state);
}

/** A final state: no event leads anywhere from it. */
export function isFinal<S extends string, E extends string>(table: WorkflowTable<S, E>, state: S): boolean {
  return eventsFrom(table, state).length === 0;
}

export function needsReason<S extends string, E extends string>(table: WorkflowTable<S, E>, event: string): boolean {
  return (table.reasonRequired as readonly string[]).includes(event);
}

/** The longest reason a transition may give. */
export const REASON_MAX = 2000;
