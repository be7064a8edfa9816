// Early learning for the generated reviews (issue 10 item 8; R12): about one review in three that has got
// past its decision has one or two lessons recorded with an immediate action for one of its board's agencies —
// the owner a person of that agency, given the action owner's role on the review — between its decision and
// today, with a target date within months. Written beside their audit events (the role's grant, then the
// action), as EarlyLearningService writes them. Read back from the reviews and people the earlier steps wrote.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { addDays } from '../../domain/clock/dates.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import { instantOn } from '../random.ts';

const LESSONS = [
  [
    'Information about the family was held by two agencies and not shared.',
    'Remind all staff of the information-sharing protocol, and audit its use in three months.',
  ],
  ['Concerns from the school were not passed to the child protection team for weeks.', 'Brief safeguarding leads on the referral route and its timescales.'],
  ['Missed health appointments were not followed up.', 'Add missed-appointment follow-up to the health visiting standard.'],
  ['The voice of the child was not recorded in assessments.', 'Include the child’s own words as a required part of every assessment.'],
  ['Strategy discussions did not include all the agencies involved.', 'Update the strategy discussion checklist to name every agency to invite.'],
] as const;

export const earlyLearningStep: GeneratorStep = {
  id: 'early learning',
  tables: ['review_actions'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('early learning');
    const k = ctx.db.kysely;
    const reviews = await k
      .selectFrom('reviews')
      .select(['id', 'board_id', 'decided_on', 'stage'])
      .where('stage', 'not in', ['DECIDED_PROCEED', 'WITHDRAWN'])
      .orderBy('id')
      .execute();
    const people = await k
      .selectFrom('people')
      .select(['id', 'agency_id'])
      .where('agency_id', 'is not', null)
      .where('deactivated_at', 'is', null)
      .orderBy('id')
      .execute();
    const byAgency = new Map<string, string[]>();
    for (const p of people) if (p.agency_id) byAgency.set(p.agency_id, [...(byAgency.get(p.agency_id) ?? []), p.id]);
    const agenciesOf = new Map(ctx.state.boards.map((b) => [b.id, b.agencyIds.filter((a) => byAgency.has(a))]));
    const actorsOf = new Map(ctx.state.boards.map((b) => [b.id, b.roles.get('business_unit') ?? []]));

    const actions: Insertable<Database['review_actions']>[] = [];
    const roles: Insertable<Database['role_assignments']>[] = [];
    const owners = new Set<string>();
    for (const r of reviews) {
      if (!rng.chance(0.35)) continue;
      const agencies = agenciesOf.get(r.board_id) ?? [];
      if (agencies.length === 0) continue;
      const recordedBy = rng.pick(actorsOf.get(r.board_id)?.length ? (actorsOf.get(r.board_id) ?? []) : [null]);
      for (let n = rng.int(1, 2); n > 0; n--) {
        const recordedOn = addDays(r.decided_on, rng.int(10, 120));
        if (recordedOn > ctx.asOf) continue;
        const at = instantOn(rng, recordedOn);
        const agencyId = rng.pick(agencies);
        const ownerId = rng.pick(byAgency.get(agencyId) ?? []);
        const [lesson, action] = rng.pick(LESSONS);
        const key = `${ownerId} ${r.id} ${agencyId}`;
        if (!owners.has(key)) {
          owners.add(key);
          const assignmentId = rng.idAt(Date.parse(at));
          roles.push({
            id: assignmentId,
            person_id: ownerId,
            role: 'action_owner',
            scope_type: 'review',
            board_id: r.board_id,
            review_id: r.id,
            agency_id: agencyId,
            created_at: at,
            created_by: recordedBy,
          });
          ctx.audit({
            id: rng.idAt(Date.parse(at)),
            at,
            actorId: recordedBy,
            action: 'REVIEW_ROLE_GRANTED',
            boardId: r.board_id,
            recordType: 'review',
            recordId: r.id,
            summary: { assignmentId, personId: ownerId, role: 'action_owner', agencyId },
          });
        }
        const id = rng.idAt(Date.parse(at));
        const targetOn = addDays(recordedOn, rng.int(30, 180));
        actions.push({
          id,
          review_id: r.id,
          board_id: r.board_id,
          source: 'early_learning',
          lesson,
          action,
          lead_agency_id: agencyId,
          owner_id: ownerId,
          target_on: targetOn,
          original_target_on: targetOn,
          status: 'not_started',
          created_by: recordedBy,
          created_at: at,
          updated_at: at,
        });
        ctx.audit({
          id: rng.idAt(Date.parse(at)),
          at,
          actorId: recordedBy,
          action: 'EARLY_LEARNING_RECORDED',
          boardId: r.board_id,
          recordType: 'review_action',
          recordId: id,
          summary: { reviewId: r.id, source: 'early_learning', leadAgencyId: agencyId, ownerId, ownerInvited: false },
        });
      }
    }
    await inTransaction(ctx.db, async (trx) => {
      await ctx.insert(trx, 'early learning', 'role_assignments', roles);
      await ctx.insert(trx, 'early learning', 'review_actions', actions);
    });
  },
};
