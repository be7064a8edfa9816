// Reminders and the board's escalation ladder (issue 12 item 4; DOMAIN.md R13; PEERS.md §4 item 8): an action's
// owner is reminded before its target date (by default 14 and 3 days before); an action that is RED (rag.ts,
// through ragOf: the business unit's override counts) and not settled climbs the ladder the board configures,
// one rung a day at most, each rung once per action:
//   owner             a reminder to the action's owner
//   business_manager  the board's business unit is told
//   chair_letter      a letter from the board chair to the lead agency (a generated document)
//   board_agenda      an item on the agenda of the board's next meeting
//   formal_request    a formal request to the partner (in Wales, under section 137 of the Social Services and
//                     Well-being (Wales) Act 2014: whether it was complied with is recorded)
// A rung fires once the action has been overdue for its number of days, or has been reported off track for its
// number of consecutive reporting cycles (R13: "overdue or RED for N cycles"). Pure.
import { addDays, daysBetween, type IsoDate } from '../clock/dates.ts';
import { LIMITS, type TextRule } from '../limits.ts';
import type { Nation } from '../organisation.ts';

export const LADDER_RUNGS = ['owner', 'business_manager', 'chair_letter', 'board_agenda', 'formal_request'] as const;
export type LadderRung = (typeof LADDER_RUNGS)[number];

export function isLadderRung(value: unknown): value is LadderRung {
  return typeof value === 'string' && (LADDER_RUNGS as readonly string[]).includes(value);
}

export interface RungSetting {
  enabled: boolean;
  /** Days past the target date. */
  afterDays: number;
  /** Consecutive progress reports "off track"; null: days only. */
  afterCycles: number | null;
}

export interface LadderSettings {
  /** Days before the target date the owner is reminded, largest first. */
  reminderDays: number[];
  rungs: Record<LadderRung, RungSetting>;
}

export const DEFAULT_LADDER: LadderSettings = {
  reminderDays: [14, 3],
  rungs: {
    owner: { enabled: true, afterDays: 1, afterCycles: 1 },
    business_manager: { enabled: true, afterDays: 14, afterCycles: 2 },
    chair_letter: { enabled: true, afterDays: 28, afterCycles: 3 },
    board_agenda: { enabled: true, afterDays: 42, afterCycles: 4 },
    formal_request: { enabled: true, afterDays: 56, afterCycles: 5 },
  },
};

export const LADDER_LIMITS = { maxDays: 365, maxCycles: 12, maxReminderDays: 90, maxReminders: 3 } as const;

/** The answers of the settings form, as typed. */
export interface LadderInput {
  reminderDays: string;
  rungs: Record<LadderRung, { enabled: boolean; afterDays: string; afterCycles: string }>;
}

const whole = (s: string) => (/^\s*\d{1,4}\s*$/.test(s) ? Number(s.trim()) : Number.NaN);

/** The settings from the form's answers, or field → locale key of what is wrong (nothing is saved then). */
export function parseLadder(input: LadderInput): { settings: LadderSettings } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const parts = input.reminderDays
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const reminderDays = parts.map(whole);
  if (reminderDays.some((d) => !Number.isInteger(d) || d < 1 || d > LADDER_LIMITS.maxReminderDays))
    problems.reminderDays = 'action-challenges:errors.reminderDaysInvalid';
  else if (reminderDays.length > LADDER_LIMITS.maxReminders) problems.reminderDays = 'action-challenges:errors.reminderDaysTooMany';
  else if (new Set(reminderDays).size !== reminderDays.length) problems.reminderDays = 'action-challenges:errors.reminderDaysRepeated';
  const rungs = {} as Record<LadderRung, RungSetting>;
  let previous = 0;
  for (const rung of LADDER_RUNGS) {
    const given = input.rungs[rung];
    const afterDays = whole(given.afterDays);
    const cycles = given.afterCycles.trim() === '' ? null : whole(given.afterCycles);
    if (given.enabled) {
      if (!Number.isInteger(afterDays) || afterDays < 1 || afterDays > LADDER_LIMITS.maxDays) problems[`${rung}Days`] = 'action-challenges:errors.daysInvalid';
      else if (afterDays < previous) problems[`${rung}Days`] = 'action-challenges:errors.daysOutOfOrder';
      else previous = afterDays;
      if (cycles !== null && (!Number.isInteger(cycles) || cycles < 1 || cycles > LADDER_LIMITS.maxCycles))
        problems[`${rung}Cycles`] = 'action-challenges:errors.cyclesInvalid';
    }
    rungs[rung] = {
      enabled: given.enabled,
      afterDays: Number.isInteger(afterDays) ? afterDays : DEFAULT_LADDER.rungs[rung].afterDays,
      afterCycles: cycles !== null && Number.isInteger(cycles) ? cycles : null,
    };
  }
  if (!LADDER_RUNGS.some((r) => input.rungs[r].enabled)) problems.form = 'action-challenges:errors.noRung';
  if (Object.keys(problems).length > 0) return { problems };
  return { settings: { reminderDays: [...reminderDays].sort((a, b) => b - a), rungs } };
}

/** The settings as the form shows them. */
export function ladderAnswers(s: LadderSettings): LadderInput {
  const rungs = {} as LadderInput['rungs'];
  for (const r of LADDER_RUNGS)
    rungs[r] = {
      enabled: s.rungs[r].enabled,
      afterDays: String(s.rungs[r].afterDays),
      afterCycles: s.rungs[r].afterCycles === null ? '' : String(s.rungs[r].afterCycles),
    };
  return { reminderDays: s.reminderDays.join(', '), rungs };
}

/** The reminder before the target date due today: the nearest reminder day reached, or null. */
export function reminderBeforeDue(settings: LadderSettings, targetOn: IsoDate, today: IsoDate): number | null {
  if (today > targetOn) return null;
  const reached = settings.reminderDays.filter((d) => today >= addDays(targetOn, -d));
  return reached.length === 0 ? null : Math.min(...reached);
}

export interface ClimbFacts {
  /** RED by the one RAG rule (ragOf), and not settled. */
  red: boolean;
  targetOn: IsoDate;
  /** Consecutive latest progress reports of "off track". */
  offTrackCycles: number;
  /** The rungs this action has climbed already, with the day each fired. */
  fired: readonly { rung: string; firedOn: IsoDate }[];
}

export type ClimbTrigger = 'overdue' | 'off_track';

/**
 * The rung due today, or null: the lowest enabled rung not yet climbed whose days overdue or off-track cycles are
 * reached — none on a day a rung already fired (the ladder is climbed a step at a time).
 */
export function nextRung(settings: LadderSettings, facts: ClimbFacts, today: IsoDate): { rung: LadderRung; trigger: ClimbTrigger; daysOverdue: number } | null {
  if (!facts.red) return null;
  if (facts.fired.some((f) => f.firedOn === today)) return null;
  const daysOverdue = today > facts.targetOn ? daysBetween(facts.targetOn, today) : 0;
  for (const rung of LADDER_RUNGS) {
    const s = settings.rungs[rung];
    if (!s.enabled || facts.fired.some((f) => f.rung === rung)) continue;
    if (daysOverdue >= s.afterDays) return { rung, trigger: 'overdue', daysOverdue };
    if (s.afterCycles !== null && facts.offTrackCycles >= s.afterCycles) return { rung, trigger: 'off_track', daysOverdue };
    return null;
  }
  return null;
}

/** The consecutive "off track" reports at the end of an action's progress reports (oldest first). */
export function offTrackCycles(reportedStatuses: readonly (string | null)[]): number {
  let n = 0;
  for (let i = reportedStatuses.length - 1; i >= 0 && reportedStatuses[i] === 'off_track'; i--) n++;
  return n;
}

/** The formal request's statutory basis: section 137 of the 2014 Act in Wales; none named in England. */
export function formalRequestBasis(nation: Nation): 's137' | null {
  return nation === 'wales' ? 's137' : null;
}

/** What the business unit records of a partner's response to a step. */
export const CHALLENGE_OUTCOMES = ['action_back_on_track', 'revised_plan_agreed', 'further_escalation', 'no_response', 'no_further_action'] as const;
export type ChallengeOutcome = (typeof CHALLENGE_OUTCOMES)[number];

export const CHALLENGE_TEXT = {
  response: { max: LIMITS.reasoning, required: 'action-challenges:errors.responseRequired', tooLong: 'action-challenges:errors.responseTooLong' },
} as const satisfies Record<string, TextRule>;

/** A response and its outcome: what is wrong with them (field → locale key); `complied` only on a formal request. */
export function responseProblems(
  rung: LadderRung,
  input: { respondedOn: IsoDate | 'incomplete' | 'invalid' | null; outcome: string; complied: string | null },
  firedOn: IsoDate,
  today: IsoDate,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (input.respondedOn === null) problems.respondedOn = 'action-challenges:errors.respondedOnRequired';
  else if (input.respondedOn === 'incomplete' || input.respondedOn === 'invalid') problems.respondedOn = 'action-challenges:errors.respondedOnInvalid';
  else if (input.respondedOn > today) problems.respondedOn = 'action-challenges:errors.respondedOnFuture';
  else if (input.respondedOn < firedOn) problems.respondedOn = 'action-challenges:errors.respondedOnBeforeStep';
  if (!(CHALLENGE_OUTCOMES as readonly string[]).includes(input.outcome)) problems.outcome = 'action-challenges:errors.outcomeRequired';
  if (rung === 'formal_request') {
    if (input.complied !== 'yes' && input.complied !== 'no') problems.complied = 'action-challenges:errors.compliedRequired';
  } else if (input.complied !== null && input.complied !== '') problems.complied = 'action-challenges:errors.compliedOnlyFormal';
  return problems;
}

/** A board's stored ladder, read back: the defaults for anything missing or unreadable (a later rung added, say). */
export function storedLadder(value: unknown): LadderSettings {
  if (!value || typeof value !== 'object') return DEFAULT_LADDER;
  const v = value as { reminderDays?: unknown; rungs?: Record<string, Partial<RungSetting>> };
  const reminderDays = Array.isArray(v.reminderDays) ? v.reminderDays.filter((d): d is number => Number.isInteger(d) && d > 0) : DEFAULT_LADDER.reminderDays;
  const rungs = {} as Record<LadderRung, RungSetting>;
  for (const r of LADDER_RUNGS) {
    const s = v.rungs?.[r];
    const d = DEFAULT_LADDER.rungs[r];
    rungs[r] = {
      enabled: typeof s?.enabled === 'boolean' ? s.enabled : d.enabled,
      afterDays: Number.isInteger(s?.afterDays) ? Number(s?.afterDays) : d.afterDays,
      afterCycles: s?.afterCycles === null ? null : Number.isInteger(s?.afterCycles) ? Number(s?.afterCycles) : d.afterCycles,
    };
  }
  return { reminderDays, rungs };
}
