// The practitioners' learning event of a review (issue 10 item 7; DOMAIN.md §2.2, §3.2): for a CPR or SUSR
// (a framework whose path has a learning event; a Serious Case Review has none and is refused with a clear
// message) the business unit plans the event — date, time, in person or online and where, its facilitators
// chosen from the review's appointed independent people (panel chair, reviewers) — and invites practitioners
// of the involved agencies, each recorded as "Social worker 1" on the review (the number from a board counter,
// so two invitations at once get two numbers), their name and email sealed at rest. The invitation emails the
// practitioner (queued in the change's transaction) with the date, the place and the review's reference only,
// never the child's identity, which is not read. The facilitators (and the business unit) record replies and
// attendance, the notes (saved on the version seen: someone else's save first is a 409, never lost) and the
// learning identified, which the report reads through `learningIdentified`. The event moves planned → held or
// cancelled (with a reason) through the workflow; held, it sets the "learning event" milestone's met date.
// Agencies' people see none of it: the event is the reviewers' reflective space with practitioners, and who
// was invited, replied or came is not for an agency's managers (permissions.ts gives them no learning_event.*).
// Every change is one transaction with its audit event (ids, codes and counts only); reads are audited.
// Invitations, replies and attendance are in learning-event-invitations.ts, which this builds on.
import {
  facilitatorsOf,
  insertLearningEvent,
  insertLearningPoint,
  invitationsOf,
  type LearningEventRow,
  learningEventsOf,
  learningPointsOf,
  replaceFacilitators,
  setCancelledReason,
  updateLearningEvent,
  updateLearningEventNotes,
} from '../db/repositories/learning-events-repository.ts';
import { listAgencies } from '../db/repositories/organisation-repository.ts';
import { involvedAgencyIds } from '../db/repositories/panel-repository.ts';
import { type ReviewRow, reviewAssignments } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { isDateInRange, isIsoDate, isTimeOfDay } from '../domain/clock/dates.ts';
import { getFramework } from '../domain/frameworks/index.ts';
import {
  EVENT_MODES,
  type EventState,
  hasLearningEvent,
  type InvitationState,
  isLearningTheme,
  LEARNING_EVENT_LIMITS,
  type PractitionerRole,
} from '../domain/reviews/learning-event.ts';
import { type Caller, type FieldErrors, invalid, newId, ServiceError } from './context.ts';
import { changedMeanwhile, type InvitationView, type LearningEventDeps, LearningEventInvitations } from './learning-event-invitations.ts';
import { mayOnReview, type ReviewScope, reviewInScope } from './review-access.ts';
import { WorkflowService } from './workflow.ts';

/** The independent roles facilitators are chosen from (appointed through the panel: they hold the role). */
export const FACILITATOR_ROLES = ['panel_chair', 'author'] as const;

export interface EventInput {
  /** YYYY-MM-DD; null when not given; 'incomplete' or 'invalid' as a page's date input was filled in. */
  heldOn: string | null | 'incomplete' | 'invalid';
  startsAt: string;
  mode: string;
  venue: string;
  facilitatorIds: readonly string[];
  version?: number | undefined;
}

export interface PointInput {
  theme: string;
  text: string;
  agencyIds: readonly string[];
}

export interface EventView extends LearningEventRow {
  facilitators: { personId: string; name: string }[];
  invitations: InvitationView[];
}

export interface LearningPoint {
  id: string;
  eventId: string;
  theme: string;
  text: string;
  agencies: { id: string; nameEn: string; nameCy: string }[];
  createdAt: string;
}

export interface LearningEventView {
  review: ReviewRow;
  /** False for a framework without a learning event (a Serious Case Review): the page says so. */
  applies: boolean;
  events: EventView[];
  points: LearningPoint[];
  /** The involved agencies (invitations and learning points name them). */
  agencies: { id: string; nameEn: string; nameCy: string }[];
  /** Who may facilitate: the review's appointed panel chair and reviewers. */
  candidates: { personId: string; name: string; role: string }[];
  may: { manage: boolean; record: boolean };
}

export interface LearningEventSection {
  applies: boolean;
  next: { id: string; status: string; heldOn: string; mode: string } | undefined;
  invited: number;
  attended: number;
  points: number;
}

/**
 * The learning identified on the review, for its report (the overview or reviewers' report drafting reads
 * it): each point's theme code, text and the agencies it concerns, in the order recorded. Pure read in the
 * caller's transaction; the caller has checked access and audits its own read.
 */
export async function learningIdentified(db: Executor, reviewId: string): Promise<LearningPoint[]> {
  const rows = await learningPointsOf(db, reviewId);
  const ids = [...new Set(rows.flatMap((r) => r.agencyIds))];
  const agencies = ids.length > 0 ? await db.selectFrom('agencies').select(['id', 'name_en', 'name_cy']).where('id', 'in', ids).execute() : [];
  const byId = new Map(agencies.map((a) => [a.id, { id: a.id, nameEn: a.name_en, nameCy: a.name_cy }]));
  return rows.map((r) => ({
    id: r.id,
    eventId: r.eventId,
    theme: r.theme,
    text: r.text,
    agencies: r.agencyIds.flatMap((id) => byId.get(id) ?? []),
    createdAt: r.createdAt,
  }));
}

export class LearningEventService extends LearningEventInvitations {
  private readonly workflow: WorkflowService;

  constructor(deps: LearningEventDeps) {
    super(deps);
    this.workflow = new WorkflowService({ clock: deps.clock, audit: deps.audit });
  }

  private async candidatesOf(trx: Executor, reviewId: string) {
    const held = (await reviewAssignments(trx, reviewId)).filter((a) => (FACILITATOR_ROLES as readonly string[]).includes(a.role));
    if (held.length === 0) return [];
    const people = await trx
      .selectFrom('people')
      .select(['id', 'full_name'])
      .where(
        'id',
        'in',
        held.map((h) => h.personId),
      )
      .execute();
    const names = new Map(people.map((p) => [p.id, p.full_name]));
    return held.map((h) => ({ personId: h.personId, name: names.get(h.personId) ?? '', role: h.role }));
  }

  private async agenciesOf(trx: Executor, review: ReviewRow) {
    const ids = new Set(await involvedAgencyIds(trx, review.id));
    return (await listAgencies(trx, [review.boardId])).filter((a) => ids.has(a.id)).map((a) => ({ id: a.id, nameEn: a.nameEn, nameCy: a.nameCy }));
  }

  /** The review's learning event(s), invitations and learning; the read is audited (as the route declares). */
  async view(
    caller: Caller,
    scope: ReviewScope,
    /** What the page is for: reading (learning_event.view), or a form that organises or records (refused without it). */
    permission: 'learning_event.view' | 'learning_event.manage' | 'learning_event.record' = 'learning_event.view',
  ): Promise<LearningEventView> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, permission);
      const applies = hasLearningEvent(getFramework(review.frameworkId));
      const may = {
        manage: applies && mayOnReview(caller, review, 'learning_event.manage'),
        record: applies && mayOnReview(caller, review, 'learning_event.record'),
      };
      const rows = applies ? await learningEventsOf(trx, review.id) : [];
      const [facilitators, invitations, points, agencies, candidates] = await Promise.all([
        facilitatorsOf(
          trx,
          rows.map((e) => e.id),
        ),
        applies ? invitationsOf(trx, review.id) : Promise.resolve([]),
        applies ? learningIdentified(trx, review.id) : Promise.resolve([]),
        applies ? this.agenciesOf(trx, review) : Promise.resolve([]),
        may.manage ? this.candidatesOf(trx, review.id) : Promise.resolve([]),
      ]);
      const events = rows.map((e) => ({
        ...e,
        facilitators: facilitators.filter((f) => f.eventId === e.id).map((f) => ({ personId: f.personId, name: f.name })),
        invitations: invitations
          .filter((i) => i.eventId === e.id)
          .map((i) => ({
            id: i.id,
            eventId: i.eventId,
            agencyId: i.agencyId,
            practitionerRole: i.practitionerRole as PractitionerRole,
            practitionerNumber: i.practitionerNumber,
            status: i.status as InvitationState,
            version: i.version,
            invitedAt: i.invitedAt,
            ...(may.manage ? this.open(i) : { fullName: null, email: null }),
          })),
      }));
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { learningEvents: events.length, invitations: invitations.length, learningPoints: points.length, namesShown: may.manage },
      });
      return { review, applies, events, points, agencies, candidates, may };
    });
  }

  /** What the review page shows (in the page's transaction; not audited on its own); null for who may not see it. */
  async sectionIn(trx: Executor, caller: Caller, review: Pick<ReviewRow, 'id' | 'boardId' | 'frameworkId'>): Promise<LearningEventSection | null> {
    if (!mayOnReview(caller, review, 'learning_event.view')) return null;
    if (!hasLearningEvent(getFramework(review.frameworkId))) return { applies: false, next: undefined, invited: 0, attended: 0, points: 0 };
    const [events, invitations, points] = await Promise.all([
      learningEventsOf(trx, review.id),
      invitationsOf(trx, review.id),
      learningPointsOf(trx, review.id),
    ]);
    const current = events.filter((e) => e.status !== 'cancelled').at(-1) ?? events.at(-1);
    return {
      applies: true,
      next: current ? { id: current.id, status: current.status, heldOn: current.heldOn, mode: current.mode } : undefined,
      invited: invitations.length,
      attended: invitations.filter((i) => i.status === 'attended').length,
      points: points.length,
    };
  }

  private async checkEvent(trx: Executor, review: ReviewRow, input: EventInput) {
    const errors: FieldErrors = {};
    const heldOn = input.heldOn;
    if (heldOn === null) errors.heldOn = 'learning-event:errors.heldOnRequired';
    else if (heldOn === 'incomplete') errors.heldOn = 'learning-event:errors.heldOnIncomplete';
    else if (heldOn === 'invalid' || !isIsoDate(heldOn) || !isDateInRange(heldOn)) errors.heldOn = 'learning-event:errors.heldOnInvalid';
    else if (heldOn < review.decidedOn) errors.heldOn = 'learning-event:errors.heldOnBeforeDecision';
    const startsAt = input.startsAt.trim();
    if (startsAt !== '' && !isTimeOfDay(startsAt)) errors.startsAt = 'learning-event:errors.startsAtInvalid';
    if (!(EVENT_MODES as readonly string[]).includes(input.mode)) errors.mode = 'learning-event:errors.modeRequired';
    const venue = input.venue.trim();
    if (venue === '') errors.venue = 'learning-event:errors.venueRequired';
    else if (venue.length > LEARNING_EVENT_LIMITS.venue) errors.venue = 'learning-event:errors.venueTooLong';
    const ids = [...new Set(input.facilitatorIds.filter((id) => id !== ''))];
    const candidates = new Set((await this.candidatesOf(trx, review.id)).map((c) => c.personId));
    if (ids.length === 0) errors.facilitatorIds = 'learning-event:errors.facilitatorsRequired';
    else if (ids.length > LEARNING_EVENT_LIMITS.facilitators || ids.some((id) => !candidates.has(id)))
      errors.facilitatorIds = 'learning-event:errors.facilitatorNotAppointed';
    if (Object.keys(errors).length > 0) throw invalid(errors);
    return { heldOn: heldOn as string, startsAt: startsAt || null, mode: input.mode, venue, facilitatorIds: ids };
  }

  /** Plans an event (the business unit): date, time, place and facilitators from the review's appointed independent people. */
  async plan(caller: Caller, scope: ReviewScope, input: EventInput): Promise<{ id: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewFor(trx, caller, scope, 'learning_event.manage');
      const v = await this.checkEvent(trx, review, input);
      const id = newId();
      await insertLearningEvent(
        trx,
        {
          id,
          reviewId: review.id,
          boardId: review.boardId,
          status: 'planned',
          heldOn: v.heldOn,
          startsAt: v.startsAt,
          mode: v.mode,
          venue: v.venue,
          createdBy: caller.actor?.personId ?? null,
        },
        this.now(),
      );
      await replaceFacilitators(trx, id, v.facilitatorIds);
      await this.workflow.created(trx, caller, {
        record: 'learning_event',
        id,
        event: 'plan',
        summary: { reviewId: review.id, mode: v.mode, facilitators: v.facilitatorIds.length, timeGiven: v.startsAt !== null },
      });
      return { id };
    });
  }

  /** Changes a planned event's date, time, place or facilitators, on the version the caller saw. */
  async edit(caller: Caller, scope: ReviewScope, eventId: string, input: EventInput): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewFor(trx, caller, scope, 'learning_event.manage');
      const event = await this.eventOf(trx, review, eventId);
      if (event.status !== 'planned') throw new ServiceError('conflict', 'learningEvent.notPlanned', { form: 'learning-event:errors.notPlanned' });
      const version = input.version ?? event.version;
      if (version !== event.version) throw changedMeanwhile();
      const v = await this.checkEvent(trx, review, input);
      if (!(await updateLearningEvent(trx, { id: event.id, version, heldOn: v.heldOn, startsAt: v.startsAt, mode: v.mode, venue: v.venue }, this.now())))
        throw changedMeanwhile();
      await replaceFacilitators(trx, event.id, v.facilitatorIds);
      const fields = [
        ...(v.heldOn !== event.heldOn ? ['heldOn'] : []),
        ...(v.startsAt !== event.startsAt ? ['startsAt'] : []),
        ...(v.mode !== event.mode ? ['mode'] : []),
        ...(v.venue !== event.venue ? ['venue'] : []),
      ];
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'learning_event',
        recordId: event.id,
        summary: { reviewId: review.id, fields, facilitators: v.facilitatorIds.length },
      });
    });
  }

  /**
   * Records the event as held (not before its date) — the review's "learning event" milestone gets the
   * date it was met — or cancels it with a reason. Through the workflow: a second move is a conflict.
   */
  async move(caller: Caller, scope: ReviewScope, eventId: string, input: { to: 'held' | 'cancelled'; reason?: string | null }): Promise<EventState> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewFor(trx, caller, scope, 'learning_event.manage');
      const event = await this.eventOf(trx, review, eventId);
      const reason = input.reason?.trim() ?? '';
      if (input.to === 'held' && event.status === 'planned' && event.heldOn > this.deps.clock.today())
        throw invalid({ form: 'learning-event:errors.heldInFuture' });
      if (input.to === 'cancelled' && event.status === 'planned') {
        if (reason === '') throw invalid({ reason: 'learning-event:errors.reasonRequired' });
        if (reason.length > LEARNING_EVENT_LIMITS.reason) throw invalid({ reason: 'learning-event:errors.reasonTooLong' });
      }
      const moved = await this.workflow.transition(trx, caller, {
        record: 'learning_event',
        id: event.id,
        event: input.to === 'held' ? 'hold' : 'cancel',
        reason: input.to === 'cancelled' ? reason : null,
        summary: { reviewId: review.id },
      });
      if (input.to === 'cancelled') await setCancelledReason(trx, event.id, reason);
      if (input.to === 'held') await this.deps.milestones.recordMetIn(trx, caller, review, 'learning_event', event.heldOn);
      return moved.to as EventState;
    });
  }

  /** Saves the facilitators' notes (the facilitators, the panel chair, the business unit) on the version seen. */
  async saveNotes(caller: Caller, scope: ReviewScope, eventId: string, input: { notes: string; version?: number | undefined }): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewFor(trx, caller, scope, 'learning_event.record');
      const event = await this.eventOf(trx, review, eventId);
      const notes = input.notes.trim();
      if (notes.length > LEARNING_EVENT_LIMITS.notes) throw invalid({ notes: 'learning-event:errors.notesTooLong' });
      if (event.status === 'cancelled') throw new ServiceError('conflict', 'learningEvent.cancelled', { form: 'learning-event:errors.eventCancelled' });
      const version = input.version ?? event.version;
      if (
        version !== event.version ||
        !(await updateLearningEventNotes(trx, { id: event.id, version, notes: notes || null, by: caller.actor?.personId ?? null }, this.now()))
      )
        throw changedMeanwhile();
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'learning_event',
        recordId: event.id,
        summary: { reviewId: review.id, fields: ['notes'], length: notes.length },
      });
    });
  }

  /** Records a point of learning identified at a held event: its theme, its text, the involved agencies it concerns. */
  async addPoint(caller: Caller, scope: ReviewScope, eventId: string, input: PointInput): Promise<{ id: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewFor(trx, caller, scope, 'learning_event.record');
      const event = await this.eventOf(trx, review, eventId);
      const errors: FieldErrors = {};
      if (!isLearningTheme(input.theme)) errors.theme = 'learning-event:errors.themeRequired';
      const text = input.text.trim();
      if (text === '') errors.text = 'learning-event:errors.pointRequired';
      else if (text.length > LEARNING_EVENT_LIMITS.pointText) errors.text = 'learning-event:errors.pointTooLong';
      const involved = new Set(await involvedAgencyIds(trx, review.id));
      const agencyIds = [...new Set(input.agencyIds.filter((a) => a !== ''))];
      if (agencyIds.some((a) => !involved.has(a))) errors.agencyIds = 'learning-event:errors.agencyNotInvolved';
      if (Object.keys(errors).length > 0) throw invalid(errors);
      if (event.status !== 'held') throw new ServiceError('conflict', 'learningEvent.notHeld', { form: 'learning-event:errors.pointBeforeHeld' });
      const id = newId();
      await insertLearningPoint(
        trx,
        { id, reviewId: review.id, eventId: event.id, theme: input.theme, text, agencyIds, recordedBy: caller.actor?.personId ?? null },
        this.now(),
      );
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'learning_event',
        recordId: event.id,
        summary: { reviewId: review.id, learningPointId: id, theme: input.theme, agencies: agencyIds.length },
      });
      return { id };
    });
  }
}
