// Panel meetings of a review (issue 10 item 5; DOMAIN.md §8.1 Panel/Meeting): the business unit schedules
// them (date, time, in person or online and where, agenda items) and records them as held with their
// attendance — the panel only: the people holding the review's panel roles (panel chair, panel members,
// author), never the board's management group — and named guests by name and role. The panel's chair (and
// the business unit) records the minutes and the decisions (text, owner, due date). A meeting may stand for
// a "panel meeting" milestone of the plan: recorded as held, it sets the milestone's met date (kept in the
// milestone's history). Panel members and everyone who may see the review read them. Each change is one
// transaction with its audit event (ids, counts and field names only); a change saved on a version someone
// else changed first gets a 409.
import type { Db } from '../db/database.ts';
import { findMilestone, insertMilestoneRevision, milestonesOf, updateMilestoneDates } from '../db/repositories/milestones-repository.ts';
import {
  ATTENDANCE,
  cancelPanelMeeting,
  findPanelMeeting,
  insertPanelMeeting,
  MEETING_MODES,
  meetingDetails,
  type PanelAttendanceRow,
  type PanelDecisionRow,
  type PanelGuestRow,
  type PanelMeetingRow,
  panelMeetingsOf,
  replaceAttendance,
  replaceDecisions,
  replaceGuests,
  updatePanelMeeting,
} from '../db/repositories/panel-meetings-repository.ts';
import { reviewAssignments, reviewPeople } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { isDateInRange, isIsoDate, isTimeOfDay } from '../domain/clock/dates.ts';
import { MEETING_CANCEL_TEXT, textProblems } from '../domain/limits.ts';
import { can } from '../domain/permissions.ts';
import { nameErrors } from '../domain/text.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, type FieldErrors, invalid, newId, notFound, ServiceError } from './context.ts';
import { reviewInScope } from './review-access.ts';

/** The review roles that make up the panel (DOMAIN.md §1.3, §2.2): who attends its meetings. */
export const PANEL_ROLES = ['panel_chair', 'panel_member', 'author'] as const;

export const PANEL_MEETING_LIMITS = {
  location: 200,
  agendaItem: 300,
  agendaItems: 30,
  minutes: 20000,
  decision: 1000,
  owner: 200,
  decisions: 50,
  guestName: 200,
  guestRole: 200,
  guests: 20,
} as const;

export interface PanelMeetingDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
}

export interface PanelMeetingInput {
  meetsOn?: string | null;
  startsAt?: string | null;
  mode?: string | null;
  location?: string | null;
  agenda?: readonly string[];
  milestoneId?: string | null;
  version?: number | undefined;
}

export interface HeldInput {
  version?: number | undefined;
  attendance: readonly { personId: string; attendance: string }[];
  guests: readonly PanelGuestRow[];
}

export interface MinutesInput {
  version?: number | undefined;
  minutes: string | null;
  decisions: readonly { decision: string; owner: string; dueOn: string | null }[];
}

export interface CancelInput {
  version?: number | undefined;
  reason?: string | null | undefined;
}

export interface PanelMeetingView extends PanelMeetingRow {
  /** The review's reference. */
  reference: string;
  attendance: PanelAttendanceRow[];
  guests: PanelGuestRow[];
  decisions: PanelDecisionRow[];
  /** The panel's people now (for the attendance form). */
  panel: { personId: string; name: string; role: string }[];
  milestones: { id: string; key: string; plannedOn: string; actualOn: string | null }[];
  mayManage: boolean;
  mayMinute: boolean;
}

export class PanelMeetingService {
  constructor(private readonly deps: PanelMeetingDeps) {}

  /** The review's panel meetings, soonest first. Read with the review's milestones page (its read is the one audited). */
  async list(caller: Caller, boardId: string, reviewId: string): Promise<PanelMeetingRow[]> {
    return inTransaction(this.deps.db, async (trx) => {
      await reviewInScope(trx, caller, { boardId, reviewId }, 'review.view');
      return panelMeetingsOf(trx, reviewId);
    });
  }

  private async panelMilestones(trx: Executor, reviewId: string) {
    return (await milestonesOf(trx, reviewId))
      .filter((m) => m.kind === 'panel_meeting')
      .map((m) => ({ id: m.id, key: m.key, plannedOn: m.plannedOn, actualOn: m.actualOn }));
  }

  private async panel(trx: Executor, reviewId: string) {
    return (await reviewPeople(trx, reviewId))
      .filter((p) => (PANEL_ROLES as readonly string[]).includes(p.role))
      .map((p) => ({ personId: p.personId, name: p.name, role: p.role }));
  }

  /** One meeting with its attendance, guests, minutes and decisions; the read is audited. */
  async view(caller: Caller, boardId: string, reviewId: string, meetingId: string): Promise<PanelMeetingView> {
    return inTransaction(this.deps.db, async (trx) => {
      const view = await this.load(trx, caller, boardId, reviewId, meetingId);
      await this.deps.audit.recordRead(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { panelMeetingId: meetingId } });
      return view;
    });
  }

  /** What the scheduling form offers: the review's planned panel meetings (a read of the review, audited). */
  async scheduling(caller: Caller, boardId: string, reviewId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'milestone.manage');
      const milestones = await this.panelMilestones(trx, reviewId);
      await this.deps.audit.recordRead(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { milestones: milestones.length } });
      return { review, milestones };
    });
  }

  /**
   * What the change form shows (the business unit): the meeting — scheduled, else a 409 saying it was held or
   * cancelled — and the review's planned panel meetings. A read of the review, audited.
   */
  async forChange(caller: Caller, boardId: string, reviewId: string, meetingId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'milestone.manage');
      const meeting = await findPanelMeeting(trx, reviewId, meetingId);
      if (!meeting) throw notFound('panel meeting');
      notScheduled(meeting);
      const milestones = await this.panelMilestones(trx, reviewId);
      await this.deps.audit.recordRead(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { panelMeetingId: meetingId } });
      return { review, meeting, milestones };
    });
  }

  private async load(trx: Executor, caller: Caller, boardId: string, reviewId: string, meetingId: string): Promise<PanelMeetingView> {
    const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'review.view');
    const meeting = await findPanelMeeting(trx, reviewId, meetingId);
    if (!meeting) throw notFound('panel meeting');
    const [details, panel, milestones] = await Promise.all([meetingDetails(trx, meetingId), this.panel(trx, reviewId), this.panelMilestones(trx, reviewId)]);
    const scope = { boardId, reviewId };
    return {
      ...meeting,
      ...details,
      reference: review.reference,
      panel,
      milestones,
      mayManage: can(caller.actor, 'milestone.manage', scope),
      mayMinute: can(caller.actor, 'panel_meeting.minute', scope),
    };
  }

  private async checkMeeting(trx: Executor, reviewId: string, input: PanelMeetingInput, partial: boolean) {
    const errors: FieldErrors = {};
    const meetsOn = input.meetsOn?.trim() ?? '';
    if (!partial || input.meetsOn !== undefined) {
      if (!meetsOn) errors.meetsOn = 'milestones:errors.meetsOnRequired';
      else if (!isIsoDate(meetsOn) || !isDateInRange(meetsOn)) errors.meetsOn = 'milestones:errors.meetsOnInvalid';
    }
    const startsAt = input.startsAt?.trim() || null;
    if (startsAt && !isTimeOfDay(startsAt)) errors.startsAt = 'milestones:errors.startsAtInvalid';
    const mode = input.mode?.trim() ?? '';
    if ((!partial || input.mode !== undefined) && !(MEETING_MODES as readonly string[]).includes(mode)) errors.mode = 'milestones:errors.modeRequired';
    const location = input.location?.trim() ?? '';
    if (!partial || input.location !== undefined) {
      if (!location) errors.location = 'milestones:errors.locationRequired';
      else if (location.length > PANEL_MEETING_LIMITS.location) errors.location = 'milestones:errors.locationTooLong';
    }
    const agenda = (input.agenda ?? []).map((a) => a.trim()).filter((a) => a !== '');
    if (agenda.length > PANEL_MEETING_LIMITS.agendaItems || agenda.some((a) => a.length > PANEL_MEETING_LIMITS.agendaItem))
      errors.agenda = 'milestones:errors.agendaTooLong';
    const milestoneId = input.milestoneId?.trim() || null;
    if (milestoneId) {
      const m = await findMilestone(trx, reviewId, milestoneId);
      if (m?.kind !== 'panel_meeting') errors.milestoneId = 'milestones:errors.milestoneNotPanelMeeting';
    }
    if (Object.keys(errors).length > 0) throw invalid(errors);
    return { meetsOn, startsAt, mode, location, agenda, milestoneId };
  }

  /** Schedules a panel meeting (the business unit). */
  async schedule(caller: Caller, boardId: string, reviewId: string, input: PanelMeetingInput): Promise<{ id: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'milestone.manage');
      const v = await this.checkMeeting(trx, reviewId, input, false);
      const id = newId();
      await insertPanelMeeting(
        trx,
        { ...v, id, reviewId, boardId: review.boardId, createdBy: caller.actor?.personId ?? null },
        this.deps.clock.now().toISOString(),
      );
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { panelMeetingId: id, agendaItems: v.agenda.length, milestoneLinked: v.milestoneId !== null, mode: v.mode },
      });
      return { id };
    });
  }

  /** Changes a scheduled meeting's date, time, place, agenda or milestone (the business unit). */
  async reschedule(caller: Caller, boardId: string, reviewId: string, meetingId: string, input: PanelMeetingInput): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      await reviewInScope(trx, caller, { boardId, reviewId }, 'milestone.manage');
      const meeting = await this.meetingAt(trx, reviewId, meetingId, input.version);
      notScheduled(meeting);
      const v = await this.checkMeeting(trx, reviewId, input, false);
      if (!(await updatePanelMeeting(trx, meetingId, meeting.version, v, this.deps.clock.now().toISOString()))) throw changedMeanwhile();
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { panelMeetingId: meetingId, fields: changedFields(meeting, v) },
      });
    });
  }

  /**
   * Records the meeting as held (the business unit): its attendance — each person one of the review's panel
   * now — and its guests. Held on a day not yet come is refused. A linked milestone not yet met is met on the
   * meeting's date (kept in its history).
   */
  async recordHeld(caller: Caller, boardId: string, reviewId: string, meetingId: string, input: HeldInput): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      await reviewInScope(trx, caller, { boardId, reviewId }, 'milestone.manage');
      const meeting = await this.meetingAt(trx, reviewId, meetingId, input.version);
      if (meeting.status === 'cancelled') throw meetingCancelled();
      const errors: FieldErrors = {};
      if (meeting.meetsOn > this.deps.clock.today()) errors.form = 'milestones:errors.meetingNotYet';
      const panel = await reviewAssignments(trx, reviewId);
      const roleOf = new Map(panel.filter((a) => (PANEL_ROLES as readonly string[]).includes(a.role)).map((a) => [a.personId, a.role]));
      const seen = new Set<string>();
      for (const a of input.attendance) {
        if (!roleOf.has(a.personId) || seen.has(a.personId)) errors.attendance = 'milestones:errors.attendeeNotOnPanel';
        else if (!(ATTENDANCE as readonly string[]).includes(a.attendance)) errors.attendance = 'milestones:errors.attendanceInvalid';
        seen.add(a.personId);
      }
      const guests = input.guests.map((g) => ({ fullName: g.fullName.trim(), role: g.role.trim() })).filter((g) => g.fullName !== '' || g.role !== '');
      if (guests.length > PANEL_MEETING_LIMITS.guests) errors.guests = 'milestones:errors.guestsTooMany';
      for (const g of guests) {
        if (!g.fullName || !g.role) errors.guests = 'milestones:errors.guestIncomplete';
        else if (g.fullName.length > PANEL_MEETING_LIMITS.guestName || g.role.length > PANEL_MEETING_LIMITS.guestRole)
          errors.guests = 'milestones:errors.guestTooLong';
        else if (Object.keys(nameErrors({ guests: g.fullName })).length > 0) errors.guests = 'milestones:errors.guestNameInvalid';
      }
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const at = this.deps.clock.now().toISOString();
      if (!(await updatePanelMeeting(trx, meetingId, meeting.version, { status: 'held' }, at))) throw changedMeanwhile();
      await replaceAttendance(
        trx,
        meetingId,
        input.attendance.map((a) => ({ personId: a.personId, role: roleOf.get(a.personId) ?? '', attendance: a.attendance })),
      );
      await replaceGuests(trx, meetingId, guests, newId, at);
      let milestoneMet = false;
      if (meeting.milestoneId) {
        const m = await findMilestone(trx, reviewId, meeting.milestoneId);
        if (m && m.actualOn === null) {
          if (!(await updateMilestoneDates(trx, { id: m.id, version: m.version, plannedOn: m.plannedOn, actualOn: meeting.meetsOn }, at)))
            throw changedMeanwhile();
          await insertMilestoneRevision(
            trx,
            {
              id: newId(),
              milestoneId: m.id,
              reviewId,
              field: 'actual',
              fromOn: null,
              toOn: meeting.meetsOn,
              reason: null,
              actorId: caller.actor?.personId ?? null,
            },
            at,
          );
          milestoneMet = true;
        }
      }
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: {
          panelMeetingId: meetingId,
          present: input.attendance.filter((a) => a.attendance === 'present').length,
          attendance: input.attendance.length,
          guests: guests.length,
          milestoneMet,
        },
      });
    });
  }

  /** Records the minutes and decisions (the panel's chair or the business unit) of a meeting held. */
  async recordMinutes(caller: Caller, boardId: string, reviewId: string, meetingId: string, input: MinutesInput): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      await reviewInScope(trx, caller, { boardId, reviewId }, 'panel_meeting.minute');
      const meeting = await this.meetingAt(trx, reviewId, meetingId, input.version);
      const errors: FieldErrors = {};
      if (meeting.status !== 'held') errors.form = 'milestones:errors.minutesBeforeHeld';
      const minutes = input.minutes?.trim() || null;
      if (minutes && minutes.length > PANEL_MEETING_LIMITS.minutes) errors.minutes = 'milestones:errors.minutesTooLong';
      const decisions = input.decisions
        .map((d) => ({ decision: d.decision.trim(), owner: d.owner.trim(), dueOn: d.dueOn?.trim() || null }))
        .filter((d) => d.decision !== '' || d.owner !== '' || d.dueOn !== null);
      if (decisions.length > PANEL_MEETING_LIMITS.decisions) errors.decisions = 'milestones:errors.decisionsTooMany';
      for (const d of decisions) {
        if (!d.decision) errors.decisions = 'milestones:errors.decisionRequired';
        else if (!d.owner) errors.decisions = 'milestones:errors.decisionOwnerRequired';
        else if (d.decision.length > PANEL_MEETING_LIMITS.decision || d.owner.length > PANEL_MEETING_LIMITS.owner)
          errors.decisions = 'milestones:errors.decisionTooLong';
        else if (d.dueOn && (!isIsoDate(d.dueOn) || !isDateInRange(d.dueOn))) errors.decisions = 'milestones:errors.decisionDueInvalid';
      }
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const at = this.deps.clock.now().toISOString();
      if (!(await updatePanelMeeting(trx, meetingId, meeting.version, { minutes }, at))) throw changedMeanwhile();
      await replaceDecisions(trx, meetingId, decisions, newId, at);
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { panelMeetingId: meetingId, minutes: minutes !== null, decisions: decisions.length },
      });
    });
  }

  /**
   * Cancels a scheduled meeting (the business unit) with its reason (required), keeping who and when. A meeting
   * held or already cancelled cannot be cancelled (409). A linked planned panel meeting stays as it is: the
   * business unit schedules another meeting for it or moves its date with a reason.
   */
  async cancel(caller: Caller, boardId: string, reviewId: string, meetingId: string, input: CancelInput): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      await reviewInScope(trx, caller, { boardId, reviewId }, 'milestone.manage');
      const meeting = await this.meetingAt(trx, reviewId, meetingId, input.version);
      notScheduled(meeting);
      const problems = textProblems(MEETING_CANCEL_TEXT, { reason: input.reason ?? null });
      if (Object.keys(problems).length > 0) throw invalid(problems);
      const reason = (input.reason ?? '').trim();
      const at = this.deps.clock.now().toISOString();
      if (!(await cancelPanelMeeting(trx, { id: meetingId, version: meeting.version, reason, by: caller.actor?.personId ?? null }, at)))
        throw changedMeanwhile();
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'review',
        recordId: reviewId,
        summary: { panelMeetingId: meetingId, milestoneLinked: meeting.milestoneId !== null, fields: ['status', 'cancelReason'] },
      });
    });
  }

  private async meetingAt(trx: Executor, reviewId: string, meetingId: string, version: number | undefined): Promise<PanelMeetingRow> {
    const meeting = await findPanelMeeting(trx, reviewId, meetingId);
    if (!meeting) throw notFound('panel meeting');
    if (version !== undefined && version !== meeting.version) throw changedMeanwhile();
    return meeting;
  }
}

function changedFields(
  before: PanelMeetingRow,
  after: { meetsOn: string; startsAt: string | null; mode: string; location: string; agenda: string[]; milestoneId: string | null },
): string[] {
  const fields: string[] = [];
  if (before.meetsOn !== after.meetsOn) fields.push('meetsOn');
  if (before.startsAt !== after.startsAt) fields.push('startsAt');
  if (before.mode !== after.mode) fields.push('mode');
  if (before.location !== after.location) fields.push('location');
  if (JSON.stringify(before.agenda) !== JSON.stringify(after.agenda)) fields.push('agenda');
  if (before.milestoneId !== after.milestoneId) fields.push('milestoneId');
  return fields;
}

/** A change that only a scheduled meeting takes: a held or cancelled one is a conflict, with what it is. */
function notScheduled(meeting: PanelMeetingRow): void {
  if (meeting.status === 'cancelled') throw meetingCancelled();
  if (meeting.status !== 'scheduled') throw new ServiceError('conflict', 'milestones.meetingHeld', { form: 'milestones:errors.meetingAlreadyHeld' });
}

function meetingCancelled() {
  return new ServiceError('conflict', 'milestones.meetingCancelled', { form: 'milestones:errors.meetingCancelled' });
}

function changedMeanwhile() {
  return new ServiceError('conflict', 'milestones.changedMeanwhile', { form: 'milestones:errors.changedMeanwhile' });
}

export { ATTENDANCE, MEETING_MODES } from '../db/repositories/panel-meetings-repository.ts';
