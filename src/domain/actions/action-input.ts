// What an action of the plan must have (issue 12 item 1; DOMAIN.md §6.6, R4): the action, a lead agency and its
// lead officer (name and email: an action owner of that agency), a target date no earlier than today and within
// the two-year monitoring horizon, the success measure, how completion will be evidenced, and how impact will
// be measured. A revised target date needs a reason. One rule for the pages, the API and the spreadsheet
// import: field → locale key. Pure.
import { addDays, type IsoDate, isDateInRange, isIsoDate } from '../clock/dates.ts';
import type { FieldErrors } from '../errors.ts';
import { ACTION_REASON_TEXT, ACTION_TEXT, LIMITS, textProblems } from '../limits.ts';
import { EMAIL_ADDRESS } from '../text.ts';

/** The latest a target date may be set, from today: the board's two-year monitoring horizon (DOMAIN.md §8.4). */
export const TARGET_HORIZON_DAYS = 2 * 366;

/** A date as a form gives it: YYYY-MM-DD, null when not given, or what a date input found wrong. */
export type DateAnswer = string | null | 'incomplete' | 'invalid';

/** The messages of a target date's problems (a form may name them its own way: early learning does). */
export interface TargetProblemKeys {
  required: string;
  incomplete: string;
  invalid: string;
  past: string;
  tooFar: string;
}

const ACTION_TARGET_KEYS: TargetProblemKeys = {
  required: 'actions:errors.targetRequired',
  incomplete: 'actions:errors.targetIncomplete',
  invalid: 'actions:errors.targetInvalid',
  past: 'actions:errors.targetPast',
  tooFar: 'actions:errors.targetTooFar',
};

/** Why a target date is refused (locale key), or undefined: the one rule for every action's target (early learning's too). */
export function targetProblem(answer: DateAnswer, today: IsoDate, keys: TargetProblemKeys = ACTION_TARGET_KEYS): string | undefined {
  if (answer === null || answer === '') return keys.required;
  if (answer === 'incomplete') return keys.incomplete;
  if (answer === 'invalid' || !isIsoDate(answer) || !isDateInRange(answer)) return keys.invalid;
  if (answer < today) return keys.past;
  if (answer > addDays(today, TARGET_HORIZON_DAYS)) return keys.tooFar;
  return undefined;
}

export interface ActionInput {
  action: string;
  leadAgencyId: string;
  /** The other agencies of a multi-agency action (the lead agency among them is ignored). */
  supportingAgencyIds: readonly string[];
  ownerName: string;
  ownerEmail: string;
  ownerLanguage: 'en' | 'cy';
  targetOn: DateAnswer;
  successMeasure: string;
  completionEvidence: string;
  impactMeasure: string;
}

/** The problems of a new action's answers (before anything is looked up). */
export function actionProblems(input: ActionInput, today: IsoDate): FieldErrors {
  const errors: FieldErrors = textProblems(ACTION_TEXT, input);
  if (!input.leadAgencyId) errors.leadAgencyId = 'actions:errors.agencyRequired';
  const name = input.ownerName.trim();
  if (!name) errors.ownerName = 'actions:errors.ownerNameRequired';
  else if (name.length > LIMITS.name) errors.ownerName = 'fullName.tooLong';
  const email = input.ownerEmail.trim();
  if (!email) errors.ownerEmail = 'actions:errors.ownerEmailRequired';
  else if (email.length > LIMITS.email || !EMAIL_ADDRESS.test(email)) errors.ownerEmail = 'email.invalid';
  const target = targetProblem(input.targetOn, today);
  if (target) errors.targetOn = target;
  return errors;
}

/** A revised target date: a real date within the horizon, other than the one in force, with its reason. */
export function revisionProblems(input: { targetOn: DateAnswer; reason: string }, current: IsoDate, today: IsoDate): FieldErrors {
  const errors: FieldErrors = textProblems(ACTION_REASON_TEXT, input);
  const target = targetProblem(input.targetOn, today);
  if (target) errors.targetOn = target;
  else if (input.targetOn === current) errors.targetOn = 'actions:errors.targetUnchanged';
  return errors;
}
