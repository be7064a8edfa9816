// A review whose agencies keep chronologies, for tests of the chronology (issue 11), made through the real
// path: a CPR review on a board, its police and health board (and any more agencies asked for) each asked for
// their contribution with an author and a senior manager, each author's declaration made (so entries can be
// written), and the review's child (from the referral) to name in entries.
import type { Services } from '../container.ts';
import { reviewPeople } from '../db/repositories/family-repository.ts';
import type { EntryInput } from '../domain/chronology/entry-input.ts';
import { addDays } from '../domain/clock/dates.ts';
import type { Caller } from '../services/context.ts';
import { as } from './case-fixtures.ts';
import { callerFor, completeRequest, type SeededRequest, seedRequest } from './contribution-fixtures.ts';
import { seedBoard } from './fixtures.ts';
import { seedAgency } from './referral-fixtures.ts';
import { type ReviewCallers, reviewCallers, seedReview } from './review-fixtures.ts';

export interface ChronologyWorld {
  boardId: string;
  reviewId: string;
  callers: ReviewCallers;
  /** The agencies asked, in order (police, health, then education when three are asked for). */
  agencyIds: string[];
  requests: SeededRequest[];
  childId: string;
}

const AGENCIES = [
  { name: { en: 'Test Police', cy: 'Heddlu Prawf' }, sector: 'police' },
  { name: { en: 'Test Health', cy: 'Iechyd Prawf' }, sector: 'health' },
  { name: { en: 'Test Education', cy: 'Addysg Prawf' }, sector: 'education' },
] as const;

/** A board "CYSUR", a decided CPR review, `agencies` agencies asked (2 or 3), each author's declaration made. */
export async function seedChronologyWorld(services: Services, agencies: 2 | 3 = 2): Promise<ChronologyWorld> {
  const boardId = (await seedBoard(services, 'CYSUR')).id;
  const callers = await reviewCallers(services, boardId);
  const reviewId = (await seedReview(services, boardId, callers, { frameworkId: 'CPR_2016' })).id;
  const dueOn = addDays(services.clock.today(), 28);
  const agencyIds: string[] = [];
  const requests: SeededRequest[] = [];
  for (const a of AGENCIES.slice(0, agencies)) {
    const agency = await seedAgency(services, [boardId], a.name, a.sector);
    agencyIds.push(agency.id);
    const request = await seedRequest(services, callers.bu, { boardId, reviewId, agencyId: agency.id }, { dueOn });
    await completeRequest(services, { boardId, reviewId }, request, 'timeline', 'declared');
    requests.push(request);
  }
  const childId = (await reviewPeople(services.db.kysely, reviewId)).find((p) => p.kind === 'child')?.id ?? '';
  if (!childId) throw new Error('the review lists no child');
  return { boardId, reviewId, callers, agencyIds, requests, childId };
}

/** An entry as its agency's author adds it (through the service); returns its id. */
export async function addEntry(services: Services, world: ChronologyWorld, request: SeededRequest, input: EntryInput): Promise<string> {
  const author: Caller = await callerFor(services, request.author.id);
  return (await services.chronology.add(as(author, 'CHRONOLOGY_ENTRY_ADDED'), world.boardId, world.reviewId, request.id, input)).id;
}
