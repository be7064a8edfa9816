// The management group considers a referral against the framework's criteria and recommends; only the
// board chair decides, with a rationale; the decision creates the review (issue 3 §4–5, §7; R1, R2, R14).
// Every change and every read of case material writes one audit event in its transaction; the events
// hold ids, counts and the operation's codes, never case content (routes, outcomes, reasons, dates).
// This class is the one entry (services.consideration); each use case lives in its consideration-*.ts file.

import type { BoardSettingsRecord } from '../db/repositories/board-settings-repository.ts';
import type { MeetingGuest } from '../db/repositories/meetings-repository.ts';
import type { ConsiderationContext, ConsiderationDeps } from './consideration-context.ts';
import * as criteriaOps from './consideration-criteria.ts';
import * as decisionOps from './consideration-decision.ts';
import * as meetingOps from './consideration-meetings.ts';
import * as panelOps from './consideration-panel-notification.ts';
import * as readOps from './consideration-reads.ts';
import * as recommendationOps from './consideration-recommendation.ts';
import * as settingsOps from './consideration-settings.ts';
import type { Caller } from './context.ts';
import { WorkflowService } from './workflow.ts';

export class ConsiderationService {
  private readonly ctx: ConsiderationContext;

  constructor(deps: ConsiderationDeps) {
    this.ctx = { ...deps, workflow: new WorkflowService({ clock: deps.clock, audit: deps.audit }) };
  }

  // ---- Board settings (consideration-settings.ts) --------------------------------------------------

  settings(boardId: string): Promise<BoardSettingsRecord> {
    return settingsOps.settingsIn(this.ctx.db.kysely, boardId);
  }

  updateSettings(caller: Caller, settings: BoardSettingsRecord): Promise<void> {
    return settingsOps.updateSettings(this.ctx, caller, settings);
  }

  decisionTargets(boardId: string) {
    return settingsOps.decisionTargets(this.ctx, boardId);
  }

  // ---- Management group meetings (consideration-meetings.ts) ---------------------------------------

  scheduleMeeting(caller: Caller, boardId: string, input: { meetsOn: string; location: string | null; referralIds: string[] }): Promise<string> {
    return meetingOps.scheduleMeeting(this.ctx, caller, boardId, input);
  }

  addReferralToMeeting(caller: Caller, meetingId: string, referralId: string): Promise<void> {
    return meetingOps.addReferralToMeeting(this.ctx, caller, meetingId, referralId);
  }

  addReferralsToMeeting(caller: Caller, meetingId: string, referralIds: readonly string[]): Promise<string[]> {
    return meetingOps.addReferralsToMeeting(this.ctx, caller, meetingId, referralIds);
  }

  agendaCandidates(caller: Caller, meetingId: string, limit?: number) {
    return meetingOps.agendaCandidates(this.ctx, caller, meetingId, limit);
  }

  recordAttendance(caller: Caller, meetingId: string, attendance: { personId: string; attended: boolean }[], guests?: MeetingGuest[]): Promise<void> {
    return meetingOps.recordAttendance(this.ctx, caller, meetingId, attendance, guests);
  }

  meeting(caller: Caller, meetingId: string) {
    return meetingOps.meeting(this.ctx, caller, meetingId);
  }

  meetings(caller: Caller, boardId: string) {
    return meetingOps.meetings(this.ctx, caller, boardId);
  }

  managementGroupPeople(caller: Caller, boardId: string) {
    return meetingOps.managementGroupPeople(this.ctx, caller, boardId);
  }

  meetingDetail(caller: Caller, meetingId: string) {
    return meetingOps.meetingDetail(this.ctx, caller, meetingId);
  }

  // ---- Criteria analysis (consideration-criteria.ts) -----------------------------------------------

  frameworkFor(caller: Caller, referralId: string) {
    return criteriaOps.frameworkFor(this.ctx, caller, referralId);
  }

  viewCriteria(caller: Caller, referralId: string, frameworkId?: string | null) {
    return criteriaOps.viewCriteria(this.ctx, caller, referralId, frameworkId);
  }

  recordAssessment(caller: Caller, referralId: string, input: criteriaOps.AssessmentInput) {
    return criteriaOps.recordAssessment(this.ctx, caller, referralId, input);
  }

  // ---- England: the notification to the national Panel (consideration-panel-notification.ts) -------

  recordNationalPanelNotification(caller: Caller, referralId: string, notifiedOn: string) {
    return panelOps.recordNationalPanelNotification(this.ctx, caller, referralId, notifiedOn);
  }

  // ---- Recommendation and decision (consideration-recommendation.ts, consideration-decision.ts) ----

  submitRecommendation(caller: Caller, referralId: string, input: recommendationOps.RecommendationInput) {
    return recommendationOps.submitRecommendation(this.ctx, caller, referralId, input);
  }

  recordDecision(caller: Caller, referralId: string, input: decisionOps.DecisionInput) {
    return decisionOps.recordDecision(this.ctx, caller, referralId, input);
  }

  // ---- Reading (consideration-reads.ts) ------------------------------------------------------------

  considerationOf(caller: Caller, referralId: string) {
    return readOps.considerationIn(this.ctx, this.ctx.db.kysely, caller, referralId);
  }

  viewConsideration(caller: Caller, referralId: string) {
    return readOps.viewConsideration(this.ctx, caller, referralId);
  }

  dashboard(caller: Caller, boardId: string, q: readOps.DashboardQuery) {
    return readOps.dashboard(this.ctx, caller, boardId, q);
  }
}
