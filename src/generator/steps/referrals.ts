// Referrals over the years and their path to a decision: the child's restricted details, periods,
// family, agencies involved and parallel proceedings; monthly management group meetings with attendance
// and agendas; criteria assessments against the framework in force; recommendations; the chair's
// decisions; and the reviews they created (reference CODE/YEAR/NN, framework pinned by decision date,
// stage by age). Statuses match the rows present: referred (nothing yet), under consideration (on an
// agenda, perhaps assessed), recommended to the chair (assessment and recommendation), decided.
// The plan (referral-plan.ts), each referral's facts and people (referral-facts.ts) and its path to a
// decision (referral-decisions.ts) are beside this file; here they run in turn and the rows are written.
import type { Insertable } from 'kysely';
import { CHILD_NUMBER, reviewSequenceCounter } from '../../db/repositories/counters-repository.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import { addContributions } from './contributions.ts';
import { addConsideration, addReviews, emptyDecisionRows } from './referral-decisions.ts';
import { addReferralFacts, emptyFactRows } from './referral-facts.ts';
import { holders, planReferrals } from './referral-plan.ts';

export const referralsStep: GeneratorStep = {
  id: 'referrals and decisions',
  tables: [
    'referrals',
    // Beside their audit events, inserted once the events are in the chain (generator/index.ts).
    'record_transitions',
    'referral_children',
    'child_periods',
    'family_members',
    'referral_agencies',
    'parallel_proceedings',
    'management_group_meetings',
    'management_group_attendance',
    'management_group_agenda',
    'criteria_assessments',
    'recommendations',
    'decisions',
    'reviews',
    'review_holds',
    'agency_contacts',
    'contribution_requests',
    'board_counters',
  ],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('referrals');
    const { boards } = ctx.state;
    if (boards.length === 0) return;

    // 1. Plan every referral's dates and status.
    const plans = planReferrals(ctx, rng, boards);

    // 2. Each referral's facts and people, then as far towards a decision as its status says.
    const facts = emptyFactRows();
    const decided = emptyDecisionRows();
    for (const [n, p] of plans.entries()) {
      if (n % 1000 === 0) ctx.progress('referrals (planning)', n, plans.length);
      const businessUnit = rng.pick(holders(p.board, 'business_unit').length ? holders(p.board, 'business_unit') : [null]);
      const child = addReferralFacts(ctx, rng, facts, p, businessUnit);
      if (p.status === 'referred') continue;
      addConsideration(ctx, rng, decided, p, businessUnit, child);
    }
    addReviews(ctx, rng, decided);
    // Agencies' contributions to the reviews, from their own generator (the rest of the data stays as it was).
    const contributions = addContributions(ctx, rng.fork('contributions'), decided.reviews, facts.involved);

    // The boards' counters carry on from the numbers given here, so the next referral or review continues the sequence.
    const counters: Insertable<Database['board_counters']>[] = [
      ...[...facts.childNumbers].map(([boardId, value]) => ({ board_id: boardId, name: CHILD_NUMBER, value })),
      ...[...decided.reviewSequences].map(([key, value]) => {
        const [boardId = '', year = ''] = key.split(':');
        return { board_id: boardId, name: reviewSequenceCounter(Number(year)), value };
      }),
    ];
    for (const p of plans)
      ctx.state.referrals.push({ id: p.id, boardId: p.board.id, status: p.status, receivedOn: p.receivedOn, incidentOn: p.incidentOn, createdAt: p.createdAt });

    await inTransaction(ctx.db, async (trx) => {
      const step = 'referrals';
      await ctx.insert(trx, step, 'referrals', facts.referrals);
      await ctx.insert(trx, step, 'referral_children', facts.children);
      await ctx.insert(trx, step, 'child_periods', facts.periods);
      await ctx.insert(trx, step, 'family_members', facts.family);
      await ctx.insert(trx, step, 'referral_agencies', facts.involved);
      await ctx.insert(trx, step, 'parallel_proceedings', facts.proceedings);
      await ctx.insert(trx, step, 'board_counters', counters);
    });
    await inTransaction(ctx.db, async (trx) => {
      const step = 'meetings and decisions';
      await ctx.insert(trx, step, 'management_group_meetings', [...decided.meetings.values()]);
      await ctx.insert(trx, step, 'management_group_attendance', decided.attendance);
      await ctx.insert(trx, step, 'management_group_agenda', decided.agenda);
      await ctx.insert(trx, step, 'criteria_assessments', decided.assessments);
      await ctx.insert(trx, step, 'recommendations', decided.recommendations);
      await ctx.insert(trx, step, 'decisions', decided.decisions);
      await ctx.insert(trx, step, 'reviews', decided.reviews);
      await ctx.insert(trx, step, 'review_holds', decided.holds);
      await ctx.insert(trx, step, 'agency_contacts', contributions.contacts);
      await ctx.insert(trx, step, 'contribution_requests', contributions.requests);
    });
  },
};
