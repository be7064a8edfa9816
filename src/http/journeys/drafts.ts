// Journey drafts: the answers of unfinished journeys, kept in the reader's session (whose data is
// encrypted at rest: src/services/session-service.ts), so a child's or family member's identity typed
// into a referral is never written anywhere in plaintext. One draft per journey and subject (a board, a
// referral), dropped when the journey completes or starts again.
import type { FastifyRequest } from 'fastify';
import type { JourneyState } from './flow.ts';

declare module '@fastify/session' {
  interface FastifySessionObject {
    /** Unfinished journeys, by `journey:subject` (e.g. `referral:<boardId>`, `decision:<referralId>`). */
    journeys?: Record<string, JourneyState<Record<string, unknown>>>;
  }
}

const keyOf = (journey: string, subject: string) => `${journey}:${subject}`;

export function draftOf<A>(req: FastifyRequest, journey: string, subject: string): JourneyState<A> {
  return (req.session.journeys?.[keyOf(journey, subject)] as JourneyState<A> | undefined) ?? { answers: {}, done: [] };
}

export function saveDraft<A>(req: FastifyRequest, journey: string, subject: string, state: JourneyState<A> | undefined) {
  const all = { ...(req.session.journeys ?? {}) };
  if (state) all[keyOf(journey, subject)] = state as JourneyState<Record<string, unknown>>;
  else delete all[keyOf(journey, subject)];
  req.session.journeys = all;
}
