// Per-board counters (board_counters): the next number is one atomic upsert that returns it, inside the
// caller's transaction. Concurrent transactions on PostgreSQL wait on the counter's row lock and each
// gets its own number; a transaction that rolls back gives its number back (no gaps).
import type { Executor } from '../transaction.ts';

export const CHILD_NUMBER = 'child_number';

export function reviewSequenceCounter(year: number): string {
  return `review_sequence:${year}`;
}

/** Takes the counter's next value (1 for a counter not used before). */
export async function nextCounterValue(db: Executor, boardId: string, name: string): Promise<number> {
  const row = await db
    .insertInto('board_counters')
    .values({ board_id: boardId, name, value: 1 })
    .onConflict((oc) => oc.columns(['board_id', 'name']).doUpdateSet((eb) => ({ value: eb('board_counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
