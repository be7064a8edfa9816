// Each framework's milestone template (DOMAIN.md §1.4, §2.3, §3.2, §8.4; issue 10 item 5): the milestones a
// review's plan starts from, in order, each placed from the decision or from the completion target (the
// framework's `completion` timer with the board's setting). No guidance fixes these intermediate dates
// (the completion targets themselves are board settings): they are suggested defaults, placed on working
// days, that the business unit then moves with a reason. Pure.
import type { Duration } from '../clock/working-days.ts';

export const MILESTONE_KINDS = [
  'panel_meeting',
  'agency_reports_due',
  'learning_event',
  'draft_report',
  'panel_qa',
  'board_acceptance',
  'target_completion',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export interface MilestoneTemplateItem {
  /** Unique within a review's plan: the kind, numbered where a kind recurs ('panel_meeting_2'). */
  key: string;
  kind: MilestoneKind;
  /** Counted from the decision ('after'), or back from the completion target ('before'). */
  from: 'decision' | 'completion';
  offset: Duration;
}

const after = (key: string, kind: MilestoneKind, offset: Duration): MilestoneTemplateItem => ({ key, kind, from: 'decision', offset });
const before = (key: string, kind: MilestoneKind, offset: Duration): MilestoneTemplateItem => ({ key, kind, from: 'completion', offset });
const COMPLETION: MilestoneTemplateItem = {
  key: 'target_completion',
  kind: 'target_completion',
  from: 'completion',
  offset: { amount: 0, unit: 'calendar_days' },
};

/**
 * Serious Case Review (§1.3): the SCR panel sets scope and terms of reference, agencies write IMRs, the
 * overview panel meets on them, the independent author drafts, the panel quality-assures, the board accepts.
 */
export const SCR_MILESTONES: readonly MilestoneTemplateItem[] = [
  after('panel_meeting_1', 'panel_meeting', { amount: 10, unit: 'working_days' }),
  after('agency_reports_due', 'agency_reports_due', { amount: 8, unit: 'weeks' }),
  after('panel_meeting_2', 'panel_meeting', { amount: 10, unit: 'weeks' }),
  before('draft_report', 'draft_report', { amount: 8, unit: 'weeks' }),
  before('panel_qa', 'panel_qa', { amount: 4, unit: 'weeks' }),
  before('board_acceptance', 'board_acceptance', { amount: 10, unit: 'working_days' }),
  COMPLETION,
];

/**
 * Child Practice Review (§2.3): panel and terms of reference, the agencies' timelines, the practitioners'
 * learning event, the reviewers' report, the panel's quality assurance, the board.
 */
export const CPR_MILESTONES: readonly MilestoneTemplateItem[] = [
  after('panel_meeting_1', 'panel_meeting', { amount: 10, unit: 'working_days' }),
  after('agency_reports_due', 'agency_reports_due', { amount: 6, unit: 'weeks' }),
  after('panel_meeting_2', 'panel_meeting', { amount: 8, unit: 'weeks' }),
  before('learning_event', 'learning_event', { amount: 10, unit: 'weeks' }),
  before('draft_report', 'draft_report', { amount: 6, unit: 'weeks' }),
  before('panel_qa', 'panel_qa', { amount: 4, unit: 'weeks' }),
  before('board_acceptance', 'board_acceptance', { amount: 10, unit: 'working_days' }),
  COMPLETION,
];

/**
 * Single Unified Safeguarding Review (§3.2): as a Child Practice Review, with a third panel meeting to
 * consider the learning event's findings before the report is drafted.
 */
export const SUSR_MILESTONES: readonly MilestoneTemplateItem[] = [
  after('panel_meeting_1', 'panel_meeting', { amount: 10, unit: 'working_days' }),
  after('agency_reports_due', 'agency_reports_due', { amount: 6, unit: 'weeks' }),
  after('panel_meeting_2', 'panel_meeting', { amount: 8, unit: 'weeks' }),
  before('learning_event', 'learning_event', { amount: 10, unit: 'weeks' }),
  before('panel_meeting_3', 'panel_meeting', { amount: 8, unit: 'weeks' }),
  before('draft_report', 'draft_report', { amount: 6, unit: 'weeks' }),
  before('panel_qa', 'panel_qa', { amount: 4, unit: 'weeks' }),
  before('board_acceptance', 'board_acceptance', { amount: 10, unit: 'working_days' }),
  COMPLETION,
];

/** Child Safeguarding Practice Review (England, §4.1): reviewers, practitioners' event, report to the safeguarding partners. */
export const CSPR_MILESTONES: readonly MilestoneTemplateItem[] = [
  after('panel_meeting_1', 'panel_meeting', { amount: 10, unit: 'working_days' }),
  after('agency_reports_due', 'agency_reports_due', { amount: 6, unit: 'weeks' }),
  before('learning_event', 'learning_event', { amount: 10, unit: 'weeks' }),
  after('panel_meeting_2', 'panel_meeting', { amount: 12, unit: 'weeks' }),
  before('draft_report', 'draft_report', { amount: 6, unit: 'weeks' }),
  before('panel_qa', 'panel_qa', { amount: 4, unit: 'weeks' }),
  before('board_acceptance', 'board_acceptance', { amount: 10, unit: 'working_days' }),
  COMPLETION,
];
