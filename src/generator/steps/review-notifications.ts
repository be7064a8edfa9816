// The notifications the generated reviews' frameworks require after the decision (issue 10 item 1): each
// recorded by the board's business unit within days of the decision — always before an SUSR review reached
// WG_NOTIFIED, the stage that waits for it — beside its audit event, as ReviewSetupService records them. A
// review still where its decision left it has sometimes not been notified yet (shown as due on its page).
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { addDays } from '../../domain/clock/dates.ts';
import { requiredNotifications } from '../../domain/frameworks/notifications.ts';
import type { FrameworkId } from '../../domain/frameworks/types.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import { instantOn } from '../random.ts';

export const reviewNotificationsStep: GeneratorStep = {
  id: 'review notifications',
  tables: ['review_notifications'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('review notifications');
    const reviews = await ctx.db.kysely.selectFrom('reviews').select(['id', 'board_id', 'framework_id', 'decided_on', 'stage']).orderBy('id').execute();
    const unitOf = new Map(ctx.state.boards.map((b) => [b.id, b.roles.get('business_unit') ?? []]));
    const rows: Insertable<Database['review_notifications']>[] = [];
    for (const r of reviews) {
      const requirements = requiredNotifications(r.framework_id as FrameworkId);
      for (const requirement of requirements) {
        // Not yet, sometimes, for a review the decision has only just made (unless its stage needed it).
        if (r.stage === 'DECIDED_PROCEED' && rng.chance(0.3)) continue;
        const sentOn = addDays(r.decided_on, rng.int(0, 7));
        if (sentOn > ctx.asOf) continue;
        const at = instantOn(rng, sentOn);
        const recordedBy = rng.pick(unitOf.get(r.board_id)?.length ? (unitOf.get(r.board_id) ?? []) : [null]);
        const id = rng.idAt(Date.parse(at));
        rows.push({
          id,
          review_id: r.id,
          requirement: requirement.id,
          recipient: requirement.recipient,
          sent_on: sentOn,
          recorded_by: recordedBy,
          recorded_at: at,
        });
        ctx.audit({
          id: rng.idAt(Date.parse(at)),
          at,
          actorId: recordedBy,
          action: 'REVIEW_NOTIFICATION_RECORDED',
          boardId: r.board_id,
          recordType: 'review',
          recordId: r.id,
          summary: { notificationId: id, requirement: requirement.id, recipient: requirement.recipient },
        });
      }
    }
    await inTransaction(ctx.db, async (trx) => ctx.insert(trx, 'review notifications', 'review_notifications', rows));
  },
};
