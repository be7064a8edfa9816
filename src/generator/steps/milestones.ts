// Milestones and panel meetings of the generated reviews (issue 10 item 5): each review's plan from its
// framework's template and completion target (as MilestoneService makes it), milestones before the
// generated day met with a few days' slippage (a few left overdue on active reviews), about one review in
// six with a planned date moved with a reason (its history row), and a held panel meeting with minutes and
// a decision for each panel meeting milestone met. Bulk inserts; the plans are pure arithmetic.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { addDays, minDate } from '../../domain/clock/dates.ts';
import { getFramework } from '../../domain/frameworks/index.ts';
import { resolveTimers } from '../../domain/frameworks/timers.ts';
import type { FrameworkId } from '../../domain/frameworks/types.ts';
import { planMilestones } from '../../domain/reviews/milestones.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';

const REASONS = [
  'An agency asked for more time to complete its report.',
  'The panel chair was not available on the planned date.',
  'Police disclosure was awaited.',
  'The learning event was moved to suit practitioners.',
];

const STOPPED = new Set(['CLOSED', 'WITHDRAWN']);

export const milestonesStep: GeneratorStep = {
  id: 'milestones',
  tables: ['review_milestones', 'review_milestone_revisions', 'panel_meetings', 'panel_meeting_decisions'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('milestones');
    const reviews = await ctx.db.kysely
      .selectFrom('reviews')
      .select(['id', 'board_id', 'framework_id', 'decided_on', 'stage', 'created_at'])
      .orderBy('id')
      .execute();
    const milestones: Insertable<Database['review_milestones']>[] = [];
    const revisions: Insertable<Database['review_milestone_revisions']>[] = [];
    const meetings: Insertable<Database['panel_meetings']>[] = [];
    const decisions: Insertable<Database['panel_meeting_decisions']>[] = [];
    const asOf = ctx.asOf;
    for (const [n, r] of reviews.entries()) {
      if (n % 1000 === 0) ctx.progress('milestones (planning)', n, reviews.length);
      const framework = getFramework(r.framework_id as FrameworkId);
      const completion = resolveTimers(framework).find((t) => t.id === 'completion')?.duration ?? { amount: 6, unit: 'months' as const };
      const plan = planMilestones(framework.milestones, { decidedOn: r.decided_on, completion, region: framework.calendarRegion });
      const active = !STOPPED.has(r.stage);
      const moved = rng.chance(1 / 6) ? rng.int(0, plan.length - 1) : -1;
      const at = `${r.decided_on}T09:00:00.000Z`;
      for (const p of plan) {
        const id = rng.idAt(Date.parse(at));
        let plannedOn = p.plannedOn;
        if (p.ordinal === moved) {
          plannedOn = addDays(p.plannedOn, rng.int(7, 28));
          revisions.push({
            id: rng.idAt(Date.parse(at)),
            milestone_id: id,
            review_id: r.id,
            field: 'planned',
            from_on: p.plannedOn,
            to_on: plannedOn,
            reason: rng.pick(REASONS),
            actor_id: null,
            created_at: `${minDate(p.plannedOn, asOf)}T10:00:00.000Z`,
          });
        }
        // Met when its date has passed (a few days late, now and then early); an active review leaves about
        // one past milestone in ten unmet (overdue), a closed or withdrawn one none.
        let actualOn: string | null = null;
        if (plannedOn < asOf && !(active && rng.chance(0.1))) {
          actualOn = minDate(addDays(plannedOn, rng.int(-2, 12)), asOf);
          if (actualOn < r.decided_on) actualOn = r.decided_on;
        }
        milestones.push({
          id,
          review_id: r.id,
          board_id: r.board_id,
          position: p.ordinal,
          milestone_key: p.key,
          kind: p.kind,
          original_on: p.plannedOn,
          planned_on: plannedOn,
          actual_on: actualOn,
          version: p.ordinal === moved ? 2 : 1,
          created_at: at,
          updated_at: at,
        });
        if (p.kind === 'panel_meeting' && actualOn) {
          const meetingId = rng.idAt(Date.parse(`${actualOn}T10:00:00.000Z`));
          meetings.push({
            id: meetingId,
            review_id: r.id,
            board_id: r.board_id,
            milestone_id: id,
            meets_on: actualOn,
            starts_at: '10:00',
            mode: rng.pick(['in_person', 'online', 'hybrid']),
            location: rng.pick(['Board room', 'Video call', 'Civic centre, room 2']),
            agenda: JSON.stringify(['Apologies', 'Terms of reference', 'Agency reports', 'Next steps']),
            status: 'held',
            minutes: 'The panel reviewed progress against the terms of reference and agreed the next steps.',
            version: 2,
            created_by: null,
            created_at: at,
            updated_at: `${actualOn}T16:00:00.000Z`,
          });
          decisions.push({
            id: rng.idAt(Date.parse(`${actualOn}T16:00:00.000Z`)),
            meeting_id: meetingId,
            position: 0,
            decision: 'Chase the outstanding agency reports',
            owner: 'Business unit',
            due_on: addDays(actualOn, 14),
            created_at: `${actualOn}T16:00:00.000Z`,
          });
        }
      }
    }
    await inTransaction(ctx.db, async (trx) => {
      const step = 'milestones';
      await ctx.insert(trx, step, 'review_milestones', milestones);
      await ctx.insert(trx, step, 'review_milestone_revisions', revisions);
      await ctx.insert(trx, step, 'panel_meetings', meetings);
      await ctx.insert(trx, step, 'panel_meeting_decisions', decisions);
    });
  },
};
