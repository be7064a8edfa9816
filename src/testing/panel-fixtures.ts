// The panel of a review, for tests (issue 10 item 2): a review whose referral names involved agencies, a
// register with an independent person, an involved agency's employee and someone who worked for an involved
// agency within five years, and the steps to a declaration made through the candidate's link.
import type { Services } from '../container.ts';
import { findReview } from '../db/repositories/reviews-repository.ts';
import type { FrameworkId } from '../domain/frameworks/types.ts';
import type { Caller } from '../services/context.ts';
import type { RegisterInput } from '../services/panel-register-service.ts';
import { testAction } from './audit-actions.ts';
import { as } from './case-fixtures.ts';
import { seedBoard } from './fixtures.ts';
import { seedAgency } from './referral-fixtures.ts';
import { reviewCallers, seedReview } from './review-fixtures.ts';

export function registerInput(overrides: Partial<RegisterInput> = {}): RegisterInput {
  return {
    fullName: 'Morgan Independent',
    email: `independent-${Math.random().toString(36).slice(2, 10)}@example.org`,
    specialisms: 'Child protection, Health',
    wgApproved: true,
    languages: ['en', 'cy'],
    availability: 'available',
    pastReviews: 'Two child practice reviews.',
    declaredInterests: '',
    employerAgencyId: null,
    ...overrides,
  };
}

/** A board with a review (framework as asked) whose referral names the police and health as involved agencies, and a register. */
export async function seedPanelWorld(services: Services, opts: { frameworkId?: FrameworkId; code?: string; reviewType?: 'concise' | 'extended' } = {}) {
  const board = await seedBoard(services, opts.code ?? 'PANL');
  const callers = await reviewCallers(services, board.id);
  const police = await seedAgency(services, [board.id]);
  const health = await seedAgency(services, [board.id], { en: 'Test Health', cy: 'Iechyd Prawf' }, 'health');
  const education = await seedAgency(services, [board.id], { en: 'Test Education', cy: 'Addysg Prawf' }, 'education');
  const seeded = await seedReview(services, board.id, callers, { frameworkId: opts.frameworkId ?? 'SCR_2006' });
  const other = await seedReview(services, board.id, callers, { frameworkId: opts.frameworkId ?? 'SCR_2006' });
  const db = services.db.kysely;
  for (const r of [seeded, other]) {
    const row = await db.selectFrom('reviews').select('referral_id').where('id', '=', r.id).executeTakeFirstOrThrow();
    await db
      .insertInto('referral_agencies')
      .values([
        { referral_id: row.referral_id, agency_id: police.id },
        { referral_id: row.referral_id, agency_id: health.id },
      ])
      .execute();
    if (opts.reviewType) await db.updateTable('reviews').set({ review_type: opts.reviewType }).where('id', '=', r.id).execute();
  }
  const review = await findReview(db, seeded.id);
  if (!review) throw new Error('no review');
  const bu = callers.bu;
  const add = async (input: Partial<RegisterInput>) => (await services.register.add(as(bu, 'REGISTER_ENTRY_ADDED'), board.id, registerInput(input))).id;
  const independent = await add({ fullName: 'Morgan Independent' });
  const second = await add({ fullName: 'Rhian Second' });
  const employee = await add({ fullName: 'Pat Police', employerAgencyId: police.id });
  const engaged = await add({ fullName: 'Eli Engaged', wgApproved: false, languages: ['en'], specialisms: 'Education' });
  await services.register.addEngagement(as(bu, 'REGISTER_ENGAGEMENT_ADDED'), board.id, engaged, {
    agencyId: police.id,
    fromOn: '2022-01-01',
    toOn: '2023-06-30',
    what: 'Chaired a police learning review.',
  });
  return { board, callers, bu, police, health, education, review, other, entries: { independent, second, employee, engaged } };
}

/** Nominates the entry, sends the declaration link and declares through it (independent unless told). */
export async function nominateAndDeclare(
  services: Services,
  caller: Caller,
  w: { board: { id: string }; review: { id: string } },
  role: 'panel_chair' | 'author',
  entryId: string,
  declaration: { independent?: boolean; conflicts?: string } | null = {},
): Promise<{ nominationId: string; token: string }> {
  const { id } = await services.panel.nominate(as(caller, 'PANEL_NOMINATED'), w.board.id, w.review.id, { role, entryId });
  const { url } = await services.panel.requestDeclaration(as(caller, 'PANEL_DECLARATION_REQUESTED'), w.board.id, w.review.id, id);
  const token = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  if (declaration) {
    const yes = declaration.independent !== false;
    await services.panel.declare({ actor: undefined, ip: null, requestId: null, action: testAction('PANEL_DECLARED') }, token, {
      independentOfAgencies: yes,
      independentOfCase: true,
      independentOfChild: true,
      conflicts: declaration.conflicts ?? '',
    });
  }
  return { nominationId: id, token };
}
