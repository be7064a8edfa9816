// The practitioners' learning events of the generated reviews (issue 10 item 7): every review on a framework
// that holds one (CPR, SUSR; never an SCR) and has reached the LEARNING_EVENT_HELD stage or gone past it has
// its event, held between its decision and today, facilitated by the review's panel chair or reviewers (the
// roles the panel step gave), with two to four practitioners of its board's agencies invited by role and number
// (names and emails sealed; the practitioner counters set, so later invitations number on), their attendance,
// the facilitators' notes and one or two points of learning. Written beside their audit events (ids and codes
// only), as LearningEventService writes them. Light: a few rows a review, bulk inserts.
import type { Insertable } from 'kysely';
import { sealedPlace } from '../../db/field-cipher.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { addDays } from '../../domain/clock/dates.ts';
import { getFramework, stageOf } from '../../domain/frameworks/index.ts';
import type { FrameworkId } from '../../domain/frameworks/types.ts';
import { hasLearningEvent, LEARNING_THEMES, type PractitionerRole, practitionerCounter } from '../../domain/reviews/learning-event.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import { instantOn } from '../random.ts';

const ROLES: readonly PractitionerRole[] = ['social_worker', 'health_visitor', 'police_officer', 'education_practitioner', 'gp', 'midwife'];
const POINTS = [
  'Practitioners did not know another agency held information about the family.',
  'The child’s own account was not sought when the family moved.',
  'Concerns were not escalated when a case was closed with worries outstanding.',
  'Supervision did not give time to reflect on the family’s engagement.',
] as const;

export const learningEventsStep: GeneratorStep = {
  id: 'learning events',
  tables: ['learning_events', 'learning_event_facilitators', 'learning_event_invitations', 'learning_points', 'learning_point_agencies'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('learning events');
    const k = ctx.db.kysely;
    const reviews = (
      await k
        .selectFrom('reviews')
        .select(['id', 'board_id', 'decided_on', 'stage', 'framework_id'])
        .where('stage', 'not in', ['DECIDED_PROCEED', 'WITHDRAWN'])
        .orderBy('id')
        .execute()
    ).filter((r) => {
      const framework = getFramework(r.framework_id as FrameworkId);
      const stage = stageOf(String(r.stage));
      return (
        hasLearningEvent(framework) &&
        stage !== undefined &&
        stage !== 'WITHDRAWN' &&
        framework.stages.indexOf(stage) >= framework.stages.indexOf('LEARNING_EVENT_HELD')
      );
    });
    if (reviews.length === 0) return;
    const independents = await k
      .selectFrom('role_assignments')
      .select(['review_id', 'person_id'])
      .where('scope_type', '=', 'review')
      .where('role', 'in', ['panel_chair', 'author'])
      .where('ended_at', 'is', null)
      .execute();
    const facilitatorsOf = new Map<string, string[]>();
    for (const a of independents) if (a.review_id) facilitatorsOf.set(a.review_id, [...(facilitatorsOf.get(a.review_id) ?? []), a.person_id]);
    const agenciesOf = new Map(ctx.state.boards.map((b) => [b.id, b.agencyIds]));
    const actorsOf = new Map(ctx.state.boards.map((b) => [b.id, b.roles.get('business_unit') ?? []]));

    const events: Insertable<Database['learning_events']>[] = [];
    const facilitators: Insertable<Database['learning_event_facilitators']>[] = [];
    const invitations: Insertable<Database['learning_event_invitations']>[] = [];
    const points: Insertable<Database['learning_points']>[] = [];
    const pointAgencies: Insertable<Database['learning_point_agencies']>[] = [];
    const counters: Insertable<Database['board_counters']>[] = [];
    for (const r of reviews) {
      const agencies = agenciesOf.get(r.board_id) ?? [];
      if (agencies.length === 0) continue;
      const heldOn = addDays(r.decided_on, rng.int(60, 150));
      if (heldOn > ctx.asOf) continue;
      const by = rng.pick(actorsOf.get(r.board_id)?.length ? (actorsOf.get(r.board_id) ?? []) : [null]);
      const plannedAt = instantOn(rng, addDays(heldOn, -21));
      const heldAt = instantOn(rng, heldOn);
      const eventId = rng.idAt(Date.parse(plannedAt));
      const who = (facilitatorsOf.get(r.id) ?? []).slice(0, 2);
      events.push({
        id: eventId,
        review_id: r.id,
        board_id: r.board_id,
        status: 'held',
        held_on: heldOn,
        starts_at: '09:30',
        mode: rng.chance(0.5) ? 'in_person' : 'online',
        venue: rng.chance(0.5) ? 'Council offices, meeting room' : 'Online (link sent separately)',
        cancelled_reason: null,
        notes: 'The practitioners walked through the timeline with the reviewers and reflected on what helped and what got in the way.',
        notes_by: who[0] ?? by,
        notes_at: heldAt,
        version: 3,
        created_by: by,
        created_at: plannedAt,
        updated_at: heldAt,
      });
      for (const personId of who) facilitators.push({ event_id: eventId, person_id: personId });
      ctx.audit({
        id: rng.idAt(Date.parse(plannedAt)),
        at: plannedAt,
        actorId: by,
        action: 'LEARNING_EVENT_PLANNED',
        boardId: r.board_id,
        recordType: 'learning_event',
        recordId: eventId,
        summary: { reviewId: r.id, facilitators: who.length },
      });
      const numbers = new Map<PractitionerRole, number>();
      for (let n = rng.int(2, 4); n > 0; n--) {
        const role = rng.pick(ROLES);
        const number = (numbers.get(role) ?? 0) + 1;
        numbers.set(role, number);
        const id = rng.idAt(Date.parse(plannedAt));
        const agencyId = rng.pick(agencies);
        invitations.push({
          id,
          event_id: eventId,
          review_id: r.id,
          agency_id: agencyId,
          practitioner_role: role,
          practitioner_number: number,
          full_name: ctx.cipher.encrypt(`Practitioner ${role} ${number}`, sealedPlace('learning_event_invitations', 'full_name', id)),
          email: ctx.cipher.encrypt(`practitioner-${id.slice(-8)}@agency.example`, sealedPlace('learning_event_invitations', 'email', id)),
          language: rng.chance(0.2) ? 'cy' : 'en',
          status: rng.chance(0.85) ? 'attended' : 'did_not_attend',
          version: 3,
          invited_by: by,
          invited_at: plannedAt,
          updated_at: heldAt,
        });
        ctx.audit({
          id: rng.idAt(Date.parse(plannedAt)),
          at: plannedAt,
          actorId: by,
          action: 'LEARNING_EVENT_INVITATION_SENT',
          boardId: r.board_id,
          recordType: 'learning_event',
          recordId: eventId,
          summary: { reviewId: r.id, invitationId: id, agencyId, practitionerRole: role, practitionerNumber: number },
        });
      }
      for (const [role, value] of numbers) counters.push({ board_id: r.board_id, name: practitionerCounter(r.id, role), value });
      ctx.audit({
        id: rng.idAt(Date.parse(heldAt)),
        at: heldAt,
        actorId: by,
        action: 'LEARNING_EVENT_STATUS_CHANGED',
        boardId: r.board_id,
        recordType: 'learning_event',
        recordId: eventId,
        summary: { reviewId: r.id },
      });
      for (let n = rng.int(1, 2); n > 0; n--) {
        const id = rng.idAt(Date.parse(heldAt));
        const agencyId = rng.pick(agencies);
        points.push({
          id,
          review_id: r.id,
          event_id: eventId,
          theme: rng.pick(LEARNING_THEMES),
          text: rng.pick(POINTS),
          recorded_by: who[0] ?? by,
          created_at: heldAt,
          updated_at: heldAt,
        });
        pointAgencies.push({ point_id: id, agency_id: agencyId });
        ctx.audit({
          id: rng.idAt(Date.parse(heldAt)),
          at: heldAt,
          actorId: who[0] ?? by,
          action: 'LEARNING_POINT_RECORDED',
          boardId: r.board_id,
          recordType: 'learning_event',
          recordId: eventId,
          summary: { reviewId: r.id, learningPointId: id, agencies: 1 },
        });
      }
    }
    await inTransaction(ctx.db, async (trx) => {
      await ctx.insert(trx, 'learning events', 'learning_events', events);
      await ctx.insert(trx, 'learning events', 'learning_event_facilitators', facilitators);
      await ctx.insert(trx, 'learning events', 'learning_event_invitations', invitations);
      await ctx.insert(trx, 'learning events', 'learning_points', points);
      await ctx.insert(trx, 'learning events', 'learning_point_agencies', pointAgencies);
      await ctx.insert(trx, 'learning events', 'board_counters', counters);
    });
  },
};
