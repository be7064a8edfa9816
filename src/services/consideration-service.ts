// The management group considers a referral against the framework's criteria and recommends; only the
// board chair decides, with a rationale; the decision creates the review (issue 3 §4–5, §7; R1, R2, R14).
// Every change and every read of case material writes one audit event in its transaction; the events
// hold ids, counts and the operation's codes, never case content (routes, outcomes, reasons, dates).

import type { Db } from '../db/database.ts';
import {
  activeRolesOnBoard,
  addToAgenda,
  type BoardSettingsRecord,
  type DecisionRecord,
  findBoardSettings,
  findDecision,
  findMeeting,
  findReviewByReferral,
  insertAssessment,
  insertDecision,
  insertMeeting,
  insertRecommendation,
  insertReview,
  latestAssessment,
  latestRecommendation,
  listAgendaCandidates,
  listManagementGroup,
  listMeetings,
  listReferralsForDashboard,
  type MeetingGuest,
  nextReviewSequence,
  type RecommendationRecord,
  type ReviewRecord,
  setAttendance,
  upsertBoardSettings,
} from '../db/repositories/consideration-repository.ts';
import { findBoard } from '../db/repositories/organisation-repository.ts';
import { findPersonRow, findPersonRowByEmail } from '../db/repositories/people-repository.ts';
import { findReferral, type ReferralRecord, referralDetails, setNationalPanelNotifiedOn } from '../db/repositories/referrals-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import type { AuditEvent } from '../domain/audit.ts';
import { type ClockReading, type Duration, readClock } from '../domain/clock/index.ts';
import { formatDate } from '../domain/clock/london.ts';
import { chosenFrameworksProblem, frameworkForDecision, frameworksRun, optionalFrameworks, statutoryFramework } from '../domain/frameworks/board-frameworks.ts';
import { askedQuestions, getFramework, REVIEW_CREATED_BY, referralContradictions, reviewWorkflow } from '../domain/frameworks/index.ts';
import { resolveTimers, type TimerOverrides } from '../domain/frameworks/timers.ts';
import type { ChildFacts, CriteriaResult, Framework, FrameworkId, FrameworkNation, TimerId } from '../domain/frameworks/types.ts';
import type { Language } from '../domain/organisation.ts';
import { can, permissionsOf } from '../domain/permissions.ts';
import { comparePseudonyms, pseudonymText } from '../domain/pseudonyms.ts';
import {
  type AbuseOrNeglect,
  departuresFromAnalysis,
  type IncidentType,
  isDecided,
  LEARNING_ROUTES,
  type LearningRoute,
  notifiedOnProblem,
  REFERRAL_STATUSES,
  type ReferralStatus,
  reviewReference,
} from '../domain/referrals/referral.ts';
import type { BoardRole } from '../domain/roles.ts';
import { mutationVariables } from '../domain/welsh.ts';
import { translator } from '../i18n.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, forbidden, invalid, newId, notFound, ServiceError } from './context.ts';
import type { MailService } from './mail-service.ts';
import { WorkflowService } from './workflow.ts';

export interface AssessmentInput {
  meetingId: string | null;
  /** A framework the board runs (default: the statutory one in force today); another is warned about and recorded. */
  frameworkId?: FrameworkId | null;
  /** Criterion id → the answer ('yes' | 'no' | 'unknown' or a choice value) and the facts relied on. */
  answers: Record<string, { answer: string; facts: string | null }>;
}

export interface RecommendationInput {
  route: LearningRoute;
  reviewType: 'concise' | 'extended' | null;
  reasons: string;
  dissent: string | null;
}

export interface DecisionInput {
  agreesWithRecommendation: boolean;
  /** Required when the chair differs from the recommendation. */
  route: LearningRoute | null;
  reviewType: 'concise' | 'extended' | null;
  rationale: string;
  decidedOn: string;
}

export interface DecisionOutcome {
  decision: DecisionRecord;
  review: ReviewRecord | undefined;
  /** Who was emailed: whether the referrer could be ('none': no address, or email is not set up). */
  notified: { mailEnabled: boolean; referrer: 'emailed' | 'none' };
}

/** England: the notification to the Child Safeguarding Practice Review Panel, due 5 working days after the board became aware. */
export interface PanelNotification {
  awareOn: string;
  dueOn: string;
  notifiedOn: string | null;
  /** Notified after the due date. */
  late: boolean;
  /** While not notified: the clock to the due date. */
  reading: ClockReading | undefined;
}

/** The clocks a referral runs on while undecided: Wales, the decision from the incident and from the referral; England, the rapid review. */
export interface ReferralClocks {
  fromIncident: ClockReading | undefined;
  fromReferral: ClockReading | undefined;
  rapidReview: ClockReading | undefined;
}

/** The statutory framework in force for the board's nation on the date; the founding SCR framework before any (R14). */
function frameworkInForce(nation: FrameworkNation | string, on: string): Framework {
  return statutoryFramework(nation === 'england' ? 'england' : 'wales', on);
}

const nationOf = (board: { nation: string }): FrameworkNation => (board.nation === 'england' ? 'england' : 'wales');

/** Whether a board role lets its holder see the referral (and so sign in to read the decision). */
const seesReferrals = (roles: readonly string[]) => roles.some((r) => permissionsOf(r as BoardRole)?.includes('referral.view'));

/** Longest guest name, and role or organisation. */
const GUEST_TEXT_MAX = 200;

function conflict(key: string, field = 'form') {
  return new ServiceError('conflict', key, { [field]: key });
}

export class ConsiderationService {
  /** The one way a referral's status (and a review's stage) changes: checked against its transition table. */
  private readonly workflow: WorkflowService;

  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService; mail: MailService; baseUrl: () => string }) {
    this.workflow = new WorkflowService({ clock: deps.clock, audit: deps.audit });
  }

  private today(): string {
    return this.deps.clock.today();
  }

  private async referralFor(db: Executor, caller: Caller, referralId: string): Promise<ReferralRecord> {
    const referral = await findReferral(db, referralId);
    if (!referral || !can(caller.actor, 'referral.view', { boardId: referral.boardId })) throw notFound('referral');
    return referral;
  }

  // ---- Board settings (per-board timer overrides) -----------------------------------------------

  async settings(boardId: string): Promise<BoardSettingsRecord> {
    return this.settingsIn(this.deps.db.kysely, boardId);
  }

  /** The board's settings; until it saves any, its nation's bank holidays and only the statutory framework. */
  private async settingsIn(db: Executor, boardId: string): Promise<BoardSettingsRecord> {
    const found = await findBoardSettings(db, boardId);
    if (found) return found;
    const board = await findBoard(db, boardId);
    return {
      boardId,
      holidayRegion: board?.nation === 'england' ? 'england' : 'wales',
      decisionWeeksFromIncident: null,
      decisionWeeksFromReferral: null,
      frameworks: [],
    };
  }

  async updateSettings(caller: Caller, settings: BoardSettingsRecord): Promise<void> {
    if (!can(caller.actor, 'board.manage', { boardId: settings.boardId })) throw forbidden();
    for (const [field, weeks] of [
      ['decisionWeeksFromIncident', settings.decisionWeeksFromIncident],
      ['decisionWeeksFromReferral', settings.decisionWeeksFromReferral],
    ] as const) {
      if (weeks !== null && (!Number.isInteger(weeks) || weeks < 1 || weeks > 52)) throw invalid({ [field]: 'settings.weeksRange' });
    }
    await inTransaction(this.deps.db, async (trx) => {
      const board = await findBoard(trx, settings.boardId);
      if (!board) throw notFound('board');
      const frameworks = [...new Set(settings.frameworks)];
      const problem = chosenFrameworksProblem(nationOf(board), frameworks);
      if (problem) throw invalid({ frameworks: problem });
      await upsertBoardSettings(trx, { ...settings, frameworks }, this.deps.clock.now().toISOString());
      await this.deps.audit.record(trx, caller, {
        boardId: settings.boardId,
        recordType: 'board_settings',
        recordId: settings.boardId,
        summary: {
          holidayRegion: settings.holidayRegion,
          decisionWeeksFromIncident: settings.decisionWeeksFromIncident,
          decisionWeeksFromReferral: settings.decisionWeeksFromReferral,
          frameworks,
        },
      });
    });
  }

  private timerOverrides(settings: BoardSettingsRecord): TimerOverrides {
    const o: TimerOverrides = {};
    if (settings.decisionWeeksFromIncident) o.decision_from_incident = { amount: settings.decisionWeeksFromIncident, unit: 'weeks' };
    if (settings.decisionWeeksFromReferral) o.decision_from_referral = { amount: settings.decisionWeeksFromReferral, unit: 'weeks' };
    return o;
  }

  /**
   * The clocks of an undecided referral, as the framework sets them: in Wales the decision from the incident
   * and from the referral (weeks); in England the rapid review from the day the board became aware
   * (working days). Due dates are working days.
   */
  decisionClocks(
    referral: Pick<ReferralRecord, 'incidentOn' | 'receivedOn'> & { awareOn?: string | null },
    framework: Framework,
    settings: BoardSettingsRecord,
    asOf: string,
  ): ReferralClocks {
    const timers = resolveTimers(framework, this.timerOverrides(settings));
    const read = (id: TimerId, startOn: string) => {
      const timer = timers.find((t) => t.id === id);
      if (!timer) return undefined;
      return readClock({ startOn, target: timer.duration, holds: [], asOf, region: settings.holidayRegion });
    };
    return {
      fromIncident: read('decision_from_incident', referral.incidentOn),
      fromReferral: read('decision_from_referral', referral.receivedOn),
      rapidReview: read('rapid_review', referral.awareOn ?? referral.receivedOn),
    };
  }

  /** England: the notification to the national Panel, due 5 working days after the board became aware; undefined where the framework has no such duty. */
  panelNotification(
    referral: Pick<ReferralRecord, 'receivedOn' | 'awareOn' | 'nationalPanelNotifiedOn'>,
    framework: Framework,
    settings: BoardSettingsRecord,
    asOf: string,
  ): PanelNotification | undefined {
    const timer = framework.timers.find((t) => t.id === 'england_notification');
    if (!timer) return undefined;
    const awareOn = referral.awareOn ?? referral.receivedOn;
    const reading = readClock({ startOn: awareOn, target: timer.duration, holds: [], asOf, region: settings.holidayRegion });
    const notifiedOn = referral.nationalPanelNotifiedOn;
    return { awareOn, dueOn: reading.dueOn, notifiedOn, late: notifiedOn !== null && notifiedOn > reading.dueOn, reading: notifiedOn ? undefined : reading };
  }

  // ---- Management group meetings ------------------------------------------------------------------

  async scheduleMeeting(caller: Caller, boardId: string, input: { meetsOn: string; location: string | null; referralIds: string[] }): Promise<string> {
    if (!can(caller.actor, 'meeting.manage', { boardId })) throw forbidden();
    return inTransaction(this.deps.db, async (trx) => {
      if (!(await findBoard(trx, boardId))) throw notFound('board');
      for (const id of input.referralIds) await this.checkAgendaReferral(trx, boardId, id, 'referralIds');
      const id = newId();
      await insertMeeting(
        trx,
        {
          id,
          boardId,
          meetsOn: input.meetsOn,
          location: input.location,
          createdBy: caller.actor?.personId ?? null,
          createdAt: this.deps.clock.now().toISOString(),
        },
        input.referralIds,
      );
      const scheduled = await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'meeting',
        recordId: id,
        summary: { referrals: input.referralIds.length, referralIds: input.referralIds },
      });
      for (const referralId of input.referralIds) await this.startConsideration(trx, caller, referralId, scheduled);
      return id;
    });
  }

  async addReferralToMeeting(caller: Caller, meetingId: string, referralId: string): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      const meeting = await this.managedMeeting(trx, caller, meetingId);
      await this.checkAgendaReferral(trx, meeting.boardId, referralId, 'referralId');
      await this.putOnAgenda(trx, caller, meeting, referralId);
    });
  }

  /**
   * Adds referrals to a meeting's agenda, all or none, in one transaction: every referral is checked first
   * (the meeting's board's, not decided); then each not already on the agenda is added, its consideration
   * started and its addition audited. Referrals already on the agenda are left as they are. Returns those added.
   */
  async addReferralsToMeeting(caller: Caller, meetingId: string, referralIds: readonly string[]): Promise<string[]> {
    return inTransaction(this.deps.db, async (trx) => {
      const meeting = await this.managedMeeting(trx, caller, meetingId);
      const ids = [...new Set(referralIds)];
      for (const id of ids) await this.checkAgendaReferral(trx, meeting.boardId, id, 'referralIds');
      const added = ids.filter((id) => !meeting.referralIds.includes(id));
      for (const id of added) await this.putOnAgenda(trx, caller, meeting, id);
      return added;
    });
  }

  /**
   * The referrals a meeting can still take: its board's undecided referrals not on its agenda, oldest
   * received first. A read of case material (child codes): audited (caller.action) with the count.
   */
  async agendaCandidates(caller: Caller, meetingId: string, limit = 500) {
    return inTransaction(this.deps.db, async (trx) => {
      const meeting = await this.managedMeeting(trx, caller, meetingId);
      const rows = await this.candidatesFor(trx, meeting, limit);
      await this.deps.audit.record(trx, caller, {
        boardId: meeting.boardId,
        recordType: 'meeting',
        recordId: meeting.id,
        summary: { candidates: rows.length },
      });
      return rows;
    });
  }

  private async candidatesFor(db: Executor, meeting: { id: string; boardId: string }, limit: number) {
    const undecided = REFERRAL_STATUSES.filter((s) => !isDecided(s));
    const rows = await listAgendaCandidates(db, { boardId: meeting.boardId, meetingId: meeting.id, statuses: undecided, limit });
    return rows.map((r) => ({ ...r, status: r.status as ReferralStatus }));
  }

  /** A meeting the caller manages; any other (or none) is not found. */
  private async managedMeeting(db: Executor, caller: Caller, meetingId: string) {
    const meeting = await findMeeting(db, meetingId);
    if (!meeting || !can(caller.actor, 'meeting.manage', { boardId: meeting.boardId })) throw notFound('meeting');
    return meeting;
  }

  /** A referral may go on an agenda of its own board while it is undecided; otherwise the form field is invalid. */
  private async checkAgendaReferral(trx: Executor, boardId: string, referralId: string, field: string): Promise<void> {
    const referral = await findReferral(trx, referralId);
    if (!referral || referral.boardId !== boardId) throw invalid({ [field]: 'meeting.referralUnknown' });
    if (isDecided(referral.status as ReferralStatus)) throw invalid({ [field]: 'meeting.referralDecided' });
  }

  /** Puts a referral on the agenda, moves it to "under consideration" (from "referred") and audits it. */
  private async putOnAgenda(trx: Executor, caller: Caller, meeting: { id: string; boardId: string }, referralId: string): Promise<void> {
    await addToAgenda(trx, meeting.id, referralId);
    const added = await this.deps.audit.record(trx, caller, { boardId: meeting.boardId, recordType: 'meeting', recordId: meeting.id, summary: { referralId } });
    await this.startConsideration(trx, caller, referralId, added);
  }

  /**
   * Records who attended (replacing what was recorded before). Only the board's management group (its
   * chair and members, and the board chair) are recorded as attending people; anyone else (another
   * board's people, the deployment administrator) is refused. Guests are named as text with their role or
   * organisation.
   */
  async recordAttendance(caller: Caller, meetingId: string, attendance: { personId: string; attended: boolean }[], guests: MeetingGuest[] = []): Promise<void> {
    const named = guests.map((g) => ({ fullName: g.fullName.trim(), role: g.role.trim() }));
    const errors: Record<string, string> = {};
    named.forEach((g, i) => {
      if (!g.fullName) errors[`guests.${i}.fullName`] = 'meeting.guestNameRequired';
      else if (g.fullName.length > GUEST_TEXT_MAX) errors[`guests.${i}.fullName`] = 'meeting.guestNameTooLong';
      if (!g.role) errors[`guests.${i}.role`] = 'meeting.guestRoleRequired';
      else if (g.role.length > GUEST_TEXT_MAX) errors[`guests.${i}.role`] = 'meeting.guestRoleTooLong';
    });
    await inTransaction(this.deps.db, async (trx) => {
      const meeting = await findMeeting(trx, meetingId);
      if (!meeting || !can(caller.actor, 'meeting.manage', { boardId: meeting.boardId })) throw notFound('meeting');
      const group = new Set((await listManagementGroup(trx, meeting.boardId)).map((p) => p.personId));
      if (attendance.some((a) => !group.has(a.personId))) errors.attendance = 'meeting.personNotInGroup';
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const at = this.deps.clock.now().toISOString();
      await setAttendance(
        trx,
        meetingId,
        attendance,
        named.map((g) => ({ id: newId(), ...g })),
        at,
      );
      await this.deps.audit.record(trx, caller, {
        boardId: meeting.boardId,
        recordType: 'meeting',
        recordId: meetingId,
        summary: { attended: attendance.filter((a) => a.attended).length, absent: attendance.filter((a) => !a.attended).length, guests: named.length },
      });
    });
  }

  /** The meeting's record (ids, date, place, attendance and guests), to check an address or answer a change; not audited. */
  async meeting(caller: Caller, meetingId: string) {
    const meeting = await findMeeting(this.deps.db.kysely, meetingId);
    if (!meeting || !can(caller.actor, 'referral.view', { boardId: meeting.boardId })) throw notFound('meeting');
    return meeting;
  }

  /** The board's meetings, latest first: a read of case material, audited (caller.action) with the count. */
  async meetings(caller: Caller, boardId: string) {
    if (!can(caller.actor, 'referral.view', { boardId })) throw forbidden();
    return inTransaction(this.deps.db, async (trx) => {
      const meetings = await listMeetings(trx, boardId);
      await this.deps.audit.record(trx, caller, { boardId, recordType: 'board', recordId: boardId, summary: { meetings: meetings.length } });
      return meetings;
    });
  }

  /**
   * The management group takes a referral up (on an agenda, or assessing it): a referral still "referred"
   * moves to "under consideration" through its table, recorded beside the change's audit event (the
   * meeting's, the assessment's); one already further on stays where it is.
   */
  private async startConsideration(trx: Executor, caller: Caller, referralId: string, recordedBy: AuditEvent): Promise<void> {
    const referral = await findReferral(trx, referralId);
    if (referral?.status !== 'referred') return;
    await this.workflow.transition(trx, caller, { record: 'referral', id: referralId, event: 'consider', from: 'referred', recordedBy });
  }

  // ---- Criteria assessment ------------------------------------------------------------------------

  /** The statutory framework for a referral's consideration: the one in force today for the board's nation. */
  async frameworkFor(caller: Caller, referralId: string): Promise<{ referral: ReferralRecord; framework: Framework }> {
    const referral = await this.referralFor(this.deps.db.kysely, caller, referralId);
    const board = await findBoard(this.deps.db.kysely, referral.boardId);
    if (!board) throw notFound('board');
    return { referral, framework: frameworkInForce(board.nation, this.today()) };
  }

  /**
   * The frameworks the referral's board runs today (DOMAIN.md §3.7): the statutory one first, then those
   * chosen in its settings; and the one asked for (default: the statutory one). A framework the board does
   * not run is invalid.
   */
  private async frameworkChoice(db: Executor, boardId: string, frameworkId: string | null | undefined) {
    const board = await findBoard(db, boardId);
    if (!board) throw notFound('board');
    const settings = await this.settingsIn(db, boardId);
    const { statutory, frameworks } = frameworksRun(nationOf(board), this.today(), settings.frameworks);
    const chosen = frameworkId ? frameworks.find((f) => f.id === frameworkId) : statutory;
    if (!chosen) throw invalid({ frameworkId: 'assessment.frameworkNotRun' });
    return { board, statutory, frameworks, framework: chosen };
  }

  private async childFacts(db: Executor, referral: ReferralRecord): Promise<ChildFacts> {
    const { periods } = await referralDetails(db, referral.id);
    return {
      incidentOn: referral.incidentOn,
      impairmentIdentifiedOn: referral.impairmentIdentifiedOn,
      childProtectionRegisterPeriods: periods.filter((p) => p.kind === 'child_protection_register').map((p) => ({ startOn: p.startOn, endOn: p.endOn })),
      lookedAfterPeriods: periods.filter((p) => p.kind === 'looked_after').map((p) => ({ startOn: p.startOn, endOn: p.endOn })),
    };
  }

  async recordAssessment(
    caller: Caller,
    referralId: string,
    input: AssessmentInput,
  ): Promise<CriteriaResult & { assessmentId: string; frameworkId: FrameworkId; statutoryFrameworkId: FrameworkId }> {
    const referral = await this.referralFor(this.deps.db.kysely, caller, referralId);
    if (!can(caller.actor, 'assessment.record', { boardId: referral.boardId })) throw forbidden();
    if (isDecided(referral.status as ReferralStatus)) throw conflict('assessment.alreadyDecided');
    const { framework, statutory } = await this.frameworkChoice(this.deps.db.kysely, referral.boardId, input.frameworkId);
    const given = Object.fromEntries(Object.entries(input.answers).map(([k, v]) => [k, v.answer]));
    // Only the questions the answers raise are asked (an SUSR's other streams when the facts raise them).
    const asked = askedQuestions(framework.questions, given);
    const errors: Record<string, string> = {};
    for (const [id, a] of Object.entries(input.answers)) {
      const q = framework.questions.find((x) => x.id === id);
      if (!q) errors[id] = 'assessment.unknownCriterion';
      else if (!asked.includes(q)) errors[id] = 'assessment.notAsked';
      else if (!q.choices.some((c) => c.value === a.answer)) errors[id] = 'assessment.answerRequired';
      else if (a.answer !== 'unknown' && !q.raisesStream && !a.facts?.trim()) errors[`${id}Facts`] = 'assessment.factsRequired';
    }
    for (const q of asked) if (!input.answers[q.id]) errors[q.id] = 'assessment.answerRequired';
    const contradictions = referralContradictions(
      framework,
      { incidentType: referral.incidentType as IncidentType, abuseOrNeglect: referral.abuseOrNeglect as AbuseOrNeglect, inArea: referral.inBoardArea },
      given,
    );
    for (const c of contradictions) errors[c.questionId] = 'assessment.inconsistentWithReferral';
    if (Object.keys(errors).length > 0) throw invalid(errors);
    return inTransaction(this.deps.db, async (trx) => {
      if (input.meetingId) {
        const meeting = await findMeeting(trx, input.meetingId);
        if (!meeting || meeting.boardId !== referral.boardId) throw invalid({ meetingId: 'assessment.meetingUnknown' });
      }
      const result = framework.assess(given, await this.childFacts(trx, referral));
      const id = newId();
      await insertAssessment(trx, {
        id,
        referralId,
        meetingId: input.meetingId,
        frameworkId: framework.id,
        answers: input.answers,
        outcome: result.outcome,
        reviewType: result.type ?? null,
        streams: result.streams ?? null,
        statutoryFrameworkId: statutory.id,
        assessedBy: caller.actor?.personId ?? null,
        assessedAt: this.deps.clock.now().toISOString(),
      });
      const assessed = await this.deps.audit.record(trx, caller, {
        boardId: referral.boardId,
        recordType: 'referral',
        recordId: referralId,
        // Another framework than the statutory one is recorded as such (DOMAIN.md §3.7).
        summary: {
          assessmentId: id,
          meetingId: input.meetingId,
          frameworkId: framework.id,
          statutoryFrameworkId: statutory.id,
          notStatutory: framework.id !== statutory.id,
          answers: Object.keys(input.answers).length,
        },
      });
      await this.startConsideration(trx, caller, referralId, assessed);
      return { ...result, assessmentId: id, frameworkId: framework.id, statutoryFrameworkId: statutory.id };
    });
  }

  // ---- England: the notification to the national Panel ---------------------------------------------

  /**
   * Records the date the Child Safeguarding Practice Review Panel was notified (England, within 5 working
   * days of the board becoming aware): once, by those who run the board's workflow (the business unit, the
   * management group chair). Audited with the dates' codes only.
   */
  async recordNationalPanelNotification(caller: Caller, referralId: string, notifiedOn: string): Promise<PanelNotification> {
    return inTransaction(this.deps.db, async (trx) => {
      const referral = await this.referralFor(trx, caller, referralId);
      if (!can(caller.actor, 'meeting.manage', { boardId: referral.boardId })) throw forbidden();
      const board = await findBoard(trx, referral.boardId);
      if (!board) throw notFound('board');
      const framework = frameworkInForce(board.nation, this.today());
      const settings = await this.settingsIn(trx, referral.boardId);
      const before = this.panelNotification(referral, framework, settings, this.today());
      if (!before) throw conflict('notification.notInEngland');
      if (referral.nationalPanelNotifiedOn) throw conflict('notification.alreadyRecorded');
      const problem = notifiedOnProblem({ notifiedOn, awareOn: before.awareOn, today: this.today() });
      if (problem) throw invalid({ notifiedOn: problem });
      const at = this.deps.clock.now().toISOString();
      if (!(await setNationalPanelNotifiedOn(trx, referralId, notifiedOn, at))) throw conflict('notification.alreadyRecorded');
      const after = this.panelNotification({ ...referral, nationalPanelNotifiedOn: notifiedOn }, framework, settings, this.today());
      if (!after) throw notFound('notification');
      await this.deps.audit.record(trx, caller, {
        boardId: referral.boardId,
        recordType: 'referral',
        recordId: referralId,
        summary: { notification: 'national_panel', late: after.late },
      });
      return after;
    });
  }

  // ---- Recommendation -----------------------------------------------------------------------------

  async submitRecommendation(
    caller: Caller,
    referralId: string,
    input: RecommendationInput,
  ): Promise<RecommendationRecord & { departsFromAnalysis: ('route' | 'type')[] }> {
    const errors: Record<string, string> = {};
    if (!LEARNING_ROUTES.includes(input.route)) errors.route = 'recommendation.routeRequired';
    if (!input.reasons.trim()) errors.reasons = 'recommendation.reasonsRequired';
    return inTransaction(this.deps.db, async (trx) => {
      const referral = await this.referralFor(trx, caller, referralId);
      if (!can(caller.actor, 'recommendation.submit', { boardId: referral.boardId })) throw forbidden();
      const status = referral.status as ReferralStatus;
      if (isDecided(status)) throw conflict('recommendation.alreadyDecided');
      const assessment = await latestAssessment(trx, referralId);
      if (!assessment) throw conflict('recommendation.assessmentRequired');
      const framework = getFramework(assessment.frameworkId);
      // A review's type: the one given, else the one the analysis indicated.
      const reviewType = input.route === 'review' && framework.reviewTypes ? (input.reviewType ?? assessment.reviewType) : input.reviewType;
      if (input.route === 'review' && framework.reviewTypes && !reviewType) errors.reviewType = 'recommendation.reviewTypeRequired';
      if (input.route !== 'review' && input.reviewType) errors.reviewType = 'recommendation.reviewTypeOnlyForReview';
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const record: RecommendationRecord = {
        id: newId(),
        referralId,
        assessmentId: assessment.id,
        route: input.route,
        frameworkId: input.route === 'review' ? framework.id : null,
        reviewType: input.route === 'review' ? (reviewType ?? null) : null,
        reasons: input.reasons.trim(),
        dissent: input.dissent?.trim() || null,
        submittedBy: caller.actor?.personId ?? '',
        submittedAt: this.deps.clock.now().toISOString(),
      };
      await insertRecommendation(trx, record);
      const departsFromAnalysis = departuresFromAnalysis(assessment, record);
      // Recommended to the chair through the referral's table (from "under consideration", or again while
      // the chair has not decided), in the state it was read in.
      await this.workflow.transition(trx, caller, {
        record: 'referral',
        id: referralId,
        event: 'recommend',
        from: status,
        // Where it departs from the analysis ('route', 'type'): codes, as the warning the group saw.
        summary: { recommendationId: record.id, assessmentId: assessment.id, departsFromAnalysis },
      });
      return { ...record, departsFromAnalysis };
    });
  }

  // ---- Decision -----------------------------------------------------------------------------------

  async recordDecision(caller: Caller, referralId: string, input: DecisionInput): Promise<DecisionOutcome> {
    const errors: Record<string, string> = {};
    if (!input.rationale.trim()) errors.rationale = 'decision.rationaleRequired';
    if (input.decidedOn > this.today()) errors.decidedOn = 'decision.inFuture';
    if (!input.agreesWithRecommendation && (!input.route || !LEARNING_ROUTES.includes(input.route))) errors.route = 'decision.routeRequired';
    let notified: DecisionOutcome['notified'] = { mailEnabled: this.deps.mail.isEnabled, referrer: 'none' };
    const outcome = await inTransaction(this.deps.db, async (trx) => {
      const referral = await findReferral(trx, referralId);
      // Only a person holding the board chair role on THIS board may decide (R2).
      if (!referral || !can(caller.actor, 'referral.view', { boardId: referral.boardId })) throw notFound('referral');
      if (!can(caller.actor, 'decision.record', { boardId: referral.boardId })) throw forbidden();
      if (await findDecision(trx, referralId)) throw conflict('decision.alreadyDecided');
      const recommendation = await latestRecommendation(trx, referralId);
      if (!recommendation || referral.status !== 'recommended_to_chair') throw conflict('decision.recommendationRequired');
      if (input.decidedOn < referral.receivedOn) errors.decidedOn = 'decision.beforeReferral';
      const route = (input.agreesWithRecommendation ? recommendation.route : input.route) as LearningRoute;
      const board = await findBoard(trx, referral.boardId);
      if (!board) throw notFound('board');
      const assessment = await latestAssessment(trx, referralId);
      // Pinned to the framework in force on the decision date, or the one the board runs that the group chose (R14).
      const framework = frameworkForDecision(assessment, nationOf(board), input.decidedOn);
      const reviewType =
        route !== 'review' || !framework.reviewTypes
          ? null
          : ((input.agreesWithRecommendation ? recommendation.reviewType : input.reviewType) ?? assessment?.reviewType ?? null);
      if (route === 'review' && framework.reviewTypes && !reviewType) errors.reviewType = 'decision.reviewTypeRequired';
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const at = this.deps.clock.now().toISOString();
      const decision: DecisionRecord = {
        id: newId(),
        referralId,
        recommendationId: recommendation.id,
        agreesWithRecommendation: input.agreesWithRecommendation,
        route,
        frameworkId: route === 'review' ? framework.id : null,
        reviewType,
        rationale: input.rationale.trim(),
        decidedOn: input.decidedOn,
        decidedBy: caller.actor?.personId ?? '',
        createdAt: at,
      };
      await insertDecision(trx, decision);
      let review: ReviewRecord | undefined;
      if (route === 'review') {
        const year = Number(input.decidedOn.slice(0, 4));
        const sequence = await nextReviewSequence(trx, board.id, year);
        // The review starts in the stage its table gives the decision that creates it (DECIDED_PROCEED);
        // later stages (Welsh Government notified, scoping, …) are reached only by their own actions.
        const created = reviewWorkflow(framework.stages).created;
        review = {
          id: newId(),
          boardId: board.id,
          referralId,
          reference: reviewReference(board.code, year, sequence),
          referenceYear: year,
          referenceSequence: sequence,
          frameworkId: framework.id,
          reviewType,
          stage: created.state,
          decidedOn: input.decidedOn,
          createdAt: at,
          updatedAt: at,
        };
        await insertReview(trx, review);
      }
      // Decided through the referral's table, from the state it was read in: the decision's one event about the referral.
      const decided = await this.workflow.transition(trx, caller, {
        record: 'referral',
        id: referralId,
        event: route === 'review' ? 'decide_proceed' : 'decide_not_proceed',
        from: 'recommended_to_chair',
        summary: { decisionId: decision.id, recommendationId: recommendation.id, reviewId: review?.id ?? null },
      });
      // The review's first transition, recorded beside the decision that creates it.
      if (review) await this.workflow.created(trx, caller, { record: 'review', id: review.id, event: REVIEW_CREATED_BY, recordedBy: decided.event });
      notified = await this.notifyDecision(trx, referral, board, decision, review);
      return { decision, review };
    });
    return { ...outcome, notified };
  }

  /**
   * Emails the referrer, the management group and the business unit, each in their own language. Those who
   * may see the referral are asked to sign in to read the decision; a referrer who may not (someone without
   * an account, or an agency referrer) is told the decision without being asked to sign in.
   */
  private async notifyDecision(
    trx: Executor,
    referral: ReferralRecord,
    board: { id: string; nameEn: string; nameCy: string },
    decision: DecisionRecord,
    review: ReviewRecord | undefined,
  ): Promise<DecisionOutcome['notified']> {
    const mailEnabled = this.deps.mail.isEnabled;
    const recipients = await trx
      .selectFrom('role_assignments')
      .innerJoin('people', 'people.id', 'role_assignments.person_id')
      .select(['people.email', 'people.language'])
      .where('role_assignments.board_id', '=', board.id)
      .where('role_assignments.ended_at', 'is', null)
      .where('people.deactivated_at', 'is', null)
      .where('role_assignments.role', 'in', ['business_unit', 'management_group_member', 'management_group_chair'])
      .execute();
    type Recipient = { language: Language; signsIn: boolean };
    const byEmail = new Map<string, Recipient>(recipients.map((r) => [r.email.toLowerCase(), { language: r.language as Language, signsIn: true }]));

    // The referrer: a person with an account (or, for referrals that name no referrer, the person who recorded it), or an email address.
    const referrer = await this.referrerRecipient(trx, referral);
    if (referrer && !byEmail.has(referrer.email)) byEmail.set(referrer.email, referrer);

    const link = `${this.deps.baseUrl()}/boards/${board.id}/referrals/${referral.id}`;
    for (const [email, { language, signsIn }] of byEmail) {
      const t = translator(language);
      const boardName = language === 'cy' ? board.nameCy : board.nameEn;
      const values = {
        ...mutationVariables('childCode', pseudonymText(referral.pseudonym, language), language),
        board: boardName,
        decision: t(`consideration:routes.${decision.route}`),
        reference: review?.reference ?? t('consideration:decisionEmail.noReview'),
        // The date written out in the reader's language (never 2026-11-27).
        decidedOn: formatDate(decision.decidedOn, language),
        decidedOnText: formatDate(decision.decidedOn, language),
        receivedOn: formatDate(referral.receivedOn, language),
        link,
      };
      await this.deps.mail.enqueue(trx, {
        to: email,
        subject: t('consideration:decisionEmail.subject', values),
        body: t(signsIn ? 'consideration:decisionEmail.body' : 'consideration:decisionEmail.referrerBody', values),
      });
    }
    return { mailEnabled, referrer: mailEnabled && referrer ? 'emailed' : 'none' };
  }

  /** Where the referrer is emailed, in which language, and whether they may sign in to see the referral; undefined when there is nowhere. */
  private async referrerRecipient(trx: Executor, referral: ReferralRecord): Promise<{ email: string; language: Language; signsIn: boolean } | undefined> {
    const personId = referral.referrerPersonId ?? (referral.referrerEmail ? null : referral.createdBy);
    if (personId) {
      const person = await findPersonRow(trx, personId);
      if (!person || person.deactivated_at) return undefined;
      const signsIn = seesReferrals(await activeRolesOnBoard(trx, person.id, referral.boardId));
      return { email: person.email.toLowerCase(), language: person.language as Language, signsIn };
    }
    if (!referral.referrerEmail) return undefined;
    const email = referral.referrerEmail.toLowerCase();
    // An address that is an account's, whose holder may see the referral, is asked to sign in like the staff.
    const account = await findPersonRowByEmail(trx, email);
    const signsIn = account && !account.deactivated_at ? seesReferrals(await activeRolesOnBoard(trx, account.id, referral.boardId)) : false;
    const language = signsIn && account ? (account.language as Language) : (referral.referrerLanguage ?? 'en');
    return { email, language, signsIn };
  }

  // ---- Reading ------------------------------------------------------------------------------------

  /** Where a referral stands: assessment, recommendation, decision, review and the decision clocks. */
  async considerationOf(caller: Caller, referralId: string) {
    return this.considerationIn(this.deps.db.kysely, caller, referralId);
  }

  private async considerationIn(db: Executor, caller: Caller, referralId: string) {
    const referral = await this.referralFor(db, caller, referralId);
    const board = await findBoard(db, referral.boardId);
    if (!board) throw notFound('board');
    const [assessment, recommendation, decision, review, settings] = await Promise.all([
      latestAssessment(db, referralId),
      latestRecommendation(db, referralId),
      findDecision(db, referralId),
      findReviewByReferral(db, referralId),
      this.settingsIn(db, referral.boardId),
    ]);
    const framework = decision?.frameworkId ? getFramework(decision.frameworkId) : frameworkInForce(board.nation, decision?.decidedOn ?? this.today());
    // The clocks run on the statutory framework of the board's nation (its timers), whichever framework the group assessed against.
    const statutory = frameworkInForce(board.nation, this.today());
    const clocks = decision ? undefined : this.decisionClocks(referral, statutory, settings, this.today());
    const notification = this.panelNotification(referral, statutory, settings, this.today());
    return { referral, board, framework, assessment, recommendation, decision, review, clocks, notification };
  }

  async dashboard(
    caller: Caller,
    boardId: string,
    q: {
      statuses?: ReferralStatus[];
      incidentTypes?: string[];
      overdueOnly?: boolean;
      sort?: 'received_on' | 'incident_on' | 'due';
      direction?: 'asc' | 'desc';
      page?: number;
      pageSize?: number;
      /** A page beyond the last shows the last (the pages); otherwise it is empty (the API). */
      lastPageIfBeyond?: boolean;
    },
  ) {
    if (!can(caller.actor, 'referral.view', { boardId })) throw forbidden();
    const board = await findBoard(this.deps.db.kysely, boardId);
    if (!board) throw notFound('board');
    const settings = await this.settings(boardId);
    const framework = frameworkInForce(board.nation, this.today());
    const statuses = q.statuses && q.statuses.length > 0 ? q.statuses : REFERRAL_STATUSES.filter((s) => !isDecided(s));
    const pageSize = q.pageSize ?? 50;
    let page = q.page ?? 1;
    // Sorting by due date is sorting by the date the first clock starts: the target is the same for all
    // (in England the day the board became aware; in Wales the incident).
    const sort = q.sort === 'due' ? (board.nation === 'england' ? 'aware_on' : 'incident_on') : (q.sort ?? 'received_on');
    const needsAll = q.overdueOnly === true;
    // The list is case material: read and audited (caller.action: the dashboard, the API's list, the
    // meeting form's choice of referrals) in one transaction, with the counts shown.
    const { rows, total } = await inTransaction(this.deps.db, async (trx) => {
      const list = (offset: number) =>
        listReferralsForDashboard(trx, {
          boardId,
          statuses,
          incidentTypes: q.incidentTypes,
          sort,
          direction: q.direction ?? (q.sort === 'due' ? 'asc' : 'desc'),
          limit: needsAll ? 5000 : pageSize,
          offset,
        });
      let found = await list(needsAll ? 0 : (page - 1) * pageSize);
      // A page beyond the last shows the last when asked to (one read, one audit event).
      const last = Math.max(1, Math.ceil(found.total / pageSize));
      if (q.lastPageIfBeyond && !needsAll && page > last) {
        page = last;
        found = await list((page - 1) * pageSize);
      }
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'board',
        recordId: boardId,
        summary: { referrals: found.rows.length, total: found.total, page },
      });
      return found;
    });
    const today = this.today();
    let items = rows.map((r) => {
      const decided = isDecided(r.status as ReferralStatus);
      const clocks = decided ? undefined : this.decisionClocks(r, framework, settings, today);
      const notification = decided ? undefined : this.panelNotification(r, framework, settings, today);
      const overdue = [clocks?.fromIncident, clocks?.fromReferral, clocks?.rapidReview, notification?.reading].some((c) => c?.status === 'overdue');
      return { ...r, clocks, notification, overdue };
    });
    let count = total;
    if (needsAll) {
      items = items.filter((i) => i.overdue);
      count = items.length;
      if (q.lastPageIfBeyond) page = Math.min(page, Math.max(1, Math.ceil(count / pageSize)));
      items = items.slice((page - 1) * pageSize, page * pageSize);
    }
    return { board, items, total: count, page, pageSize, statuses };
  }

  // ---- Pages: board settings, meetings, audited reads ---------------------------------------------

  /**
   * The targets a board's clocks use: the statutory framework in force today, its defaults and the board's
   * overrides — in Wales the decision from the incident and from the referral; in England the notification
   * to the national Panel and the rapid review — and the frameworks the board may choose to run.
   */
  async decisionTargets(boardId: string) {
    const board = await findBoard(this.deps.db.kysely, boardId);
    if (!board) throw notFound('board');
    const settings = await this.settings(boardId);
    const framework = frameworkInForce(board.nation, this.today());
    const defaults = resolveTimers(framework);
    const resolved = resolveTimers(framework, this.timerOverrides(settings));
    const pick = (timers: typeof resolved, id: TimerId): Duration | undefined => timers.find((t) => t.id === id)?.duration;
    return {
      framework,
      nation: nationOf(board),
      settings,
      fromIncident: pick(resolved, 'decision_from_incident'),
      fromReferral: pick(resolved, 'decision_from_referral'),
      notification: pick(resolved, 'england_notification'),
      rapidReview: pick(resolved, 'rapid_review'),
      defaults: { fromIncident: pick(defaults, 'decision_from_incident'), fromReferral: pick(defaults, 'decision_from_referral') },
      optionalFrameworks: optionalFrameworks(nationOf(board), this.today()),
    };
  }

  /** The people who may attend a board's management group: its members, its chair and the board chair (active people only). */
  async managementGroupPeople(caller: Caller, boardId: string): Promise<{ personId: string; fullName: string; roles: string[] }[]> {
    if (!can(caller.actor, 'meeting.manage', { boardId }) && !can(caller.actor, 'referral.view', { boardId })) throw forbidden();
    return listManagementGroup(this.deps.db.kysely, boardId);
  }

  /**
   * A meeting with its agenda (child codes and statuses, never names), attendance by name and its guests,
   * and whether referrals can still be added (for those who manage meetings): a read of case material,
   * audited (caller.action) with the counts.
   */
  async meetingDetail(caller: Caller, meetingId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const meeting = await findMeeting(trx, meetingId);
      if (!meeting || !can(caller.actor, 'referral.view', { boardId: meeting.boardId })) throw notFound('meeting');
      const agenda = [];
      for (const id of meeting.referralIds) {
        const r = await findReferral(trx, id);
        if (r) agenda.push({ id: r.id, pseudonym: r.pseudonym, status: r.status as ReferralStatus, receivedOn: r.receivedOn });
      }
      agenda.sort((a, b) => comparePseudonyms(a.pseudonym, b.pseudonym));
      const attendance = [];
      for (const a of meeting.attendance) {
        const person = await findPersonRow(trx, a.personId);
        attendance.push({ personId: a.personId, fullName: person?.full_name ?? '', attended: a.attended });
      }
      // The agenda takes referrals while the board has undecided ones not on it (the domain sets no cut-off date).
      const canAddToAgenda = can(caller.actor, 'meeting.manage', { boardId: meeting.boardId }) && (await this.candidatesFor(trx, meeting, 1)).length > 0;
      await this.deps.audit.record(trx, caller, {
        boardId: meeting.boardId,
        recordType: 'meeting',
        recordId: meeting.id,
        summary: {
          agenda: agenda.length,
          attended: attendance.filter((a) => a.attended).length,
          absent: attendance.filter((a) => !a.attended).length,
          guests: meeting.guests.length,
        },
      });
      return { ...meeting, agenda, attendance, canAddToAgenda };
    });
  }

  /**
   * The criteria of a framework the board runs (default: the statutory one in force), the frameworks it
   * runs, and the board's meetings to choose from: a read of case material (the referral), audited
   * (caller.action) against the referral.
   */
  async viewCriteria(caller: Caller, referralId: string, frameworkId?: string | null) {
    return inTransaction(this.deps.db, async (trx) => {
      const referral = await this.referralFor(trx, caller, referralId);
      const { framework, statutory, frameworks } = await this.frameworkChoice(trx, referral.boardId, frameworkId);
      const meetings = await listMeetings(trx, referral.boardId);
      await this.deps.audit.record(trx, caller, {
        boardId: referral.boardId,
        recordType: 'referral',
        recordId: referralId,
        summary: { frameworkId: framework.id, meetings: meetings.length },
      });
      return { referral, framework, statutory, frameworks, meetings };
    });
  }

  /** Where a referral stands, for its consideration page: the read of case material is audited (caller.action). */
  async viewConsideration(caller: Caller, referralId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const consideration = await this.considerationIn(trx, caller, referralId);
      await this.deps.audit.record(trx, caller, {
        boardId: consideration.referral.boardId,
        recordType: 'referral',
        recordId: referralId,
        summary: {
          assessmentId: consideration.assessment?.id ?? null,
          recommendationId: consideration.recommendation?.id ?? null,
          decisionId: consideration.decision?.id ?? null,
        },
      });
      return consideration;
    });
  }
}
