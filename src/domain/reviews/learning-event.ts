// The practitioners' learning event (issue 10 item 7; DOMAIN.md §2.2, §3.2): at the heart of a Child Practice
// Review and of a Single Unified Safeguarding Review, the reviewers facilitate a workshop with the
// practitioners who worked with the family. Whether a review has one is read from its framework's path (a
// LEARNING_EVENT_HELD stage): a Serious Case Review has IMRs and an overview panel instead, and no event.
// Practitioners are not users: each is recorded by role and number on the review ("Social worker 1" /
// "Gweithiwr cymdeithasol 1"), their name and email sealed; the learning identified feeds the report. Pure.
import type { Framework } from '../frameworks/types.ts';
import type { Language } from '../organisation.ts';
import { type PseudonymTerm, pseudonymTermText } from '../pseudonyms.ts';
import type { WorkflowTable } from '../workflow.ts';

/** Whether a review on this framework holds a practitioners' learning event (its path has the stage). */
export function hasLearningEvent(framework: Pick<Framework, 'stages'>): boolean {
  return framework.stages.includes('LEARNING_EVENT_HELD');
}

// ---- The event --------------------------------------------------------------------------------------

export const EVENT_STATES = ['planned', 'held', 'cancelled'] as const;
export type EventState = (typeof EVENT_STATES)[number];
export type EventEvent = 'hold' | 'cancel';

/** An event is planned, then held or cancelled (with a reason); both are final. */
export const LEARNING_EVENT_WORKFLOW: WorkflowTable<EventState, EventEvent> = {
  record: 'learning_event',
  states: EVENT_STATES,
  created: { event: 'plan', state: 'planned' },
  transitions: { planned: { hold: 'held', cancel: 'cancelled' }, held: {}, cancelled: {} },
  reasonRequired: ['cancel'],
};

export const EVENT_MODES = ['in_person', 'online'] as const;
export type EventMode = (typeof EVENT_MODES)[number];

export const LEARNING_EVENT_LIMITS = {
  venue: 300,
  notes: 20000,
  pointText: 3000,
  reason: 1000,
  name: 200,
  email: 320,
  facilitators: 6,
} as const;

// ---- Practitioners ----------------------------------------------------------------------------------

/** A practitioner's role: what their pseudonym is made of (a digit counts them per role on the review). */
export const PRACTITIONER_ROLES = {
  social_worker: { en: 'Social worker', cy: 'Gweithiwr cymdeithasol', index: 'digits' },
  health_visitor: { en: 'Health visitor', cy: 'Ymwelydd iechyd', index: 'digits' },
  school_nurse: { en: 'School nurse', cy: 'Nyrs ysgol', index: 'digits' },
  midwife: { en: 'Midwife', cy: 'Bydwraig', index: 'digits' },
  gp: { en: 'GP', cy: 'Meddyg teulu', index: 'digits' },
  paediatrician: { en: 'Paediatrician', cy: 'Pediatregydd', index: 'digits' },
  police_officer: { en: 'Police officer', cy: 'Swyddog heddlu', index: 'digits' },
  education_practitioner: { en: 'Education practitioner', cy: 'Ymarferydd addysg', index: 'digits' },
  early_years_practitioner: { en: 'Early years practitioner', cy: 'Ymarferydd blynyddoedd cynnar', index: 'digits' },
  mental_health_practitioner: { en: 'Mental health practitioner', cy: 'Ymarferydd iechyd meddwl', index: 'digits' },
  substance_misuse_worker: { en: 'Substance misuse worker', cy: 'Gweithiwr camddefnyddio sylweddau', index: 'digits' },
  housing_officer: { en: 'Housing officer', cy: 'Swyddog tai', index: 'digits' },
  probation_officer: { en: 'Probation officer', cy: 'Swyddog prawf', index: 'digits' },
  youth_worker: { en: 'Youth worker', cy: 'Gweithiwr ieuenctid', index: 'digits' },
  practitioner: { en: 'Practitioner', cy: 'Ymarferydd', index: 'digits' },
} as const satisfies Record<string, PseudonymTerm>;
export type PractitionerRole = keyof typeof PRACTITIONER_ROLES;
export const PRACTITIONER_ROLE_CODES = Object.keys(PRACTITIONER_ROLES) as PractitionerRole[];

export function isPractitionerRole(value: string): value is PractitionerRole {
  return Object.hasOwn(PRACTITIONER_ROLES, value);
}

/** The one way a practitioner is written: "Social worker 1" / "Gweithiwr cymdeithasol 1". */
export function practitionerPseudonym(role: PractitionerRole, number: number, language: Language): string {
  return pseudonymTermText(PRACTITIONER_ROLES[role], number, language);
}

/** The counter (per board, board_counters) numbering a role's practitioners on one review. */
export function practitionerCounter(reviewId: string, role: PractitionerRole): string {
  return `practitioner:${reviewId}:${role}`;
}

export const INVITATION_STATES = ['invited', 'accepted', 'declined', 'attended', 'did_not_attend'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export function isInvitationState(value: string): value is InvitationState {
  return (INVITATION_STATES as readonly string[]).includes(value);
}

/**
 * Why an invitation may not be moved to `to` while the event is in `event`: a reply (accepted, declined)
 * only while it is planned; attendance (attended, did not attend) only once it is held; nothing after a
 * cancellation. Undefined when the move is allowed.
 */
export function invitationChangeProblem(event: EventState, to: InvitationState): string | undefined {
  if (event === 'cancelled') return 'learning-event:errors.eventCancelled';
  if (to === 'attended' || to === 'did_not_attend') return event === 'held' ? undefined : 'learning-event:errors.attendanceBeforeHeld';
  if (to === 'accepted' || to === 'declined') return event === 'planned' ? undefined : 'learning-event:errors.replyAfterHeld';
  return 'learning-event:errors.statusInvalid';
}

// ---- Learning identified ----------------------------------------------------------------------------

export const LEARNING_THEMES = [
  'information_sharing',
  'assessment',
  'voice_of_child',
  'multi_agency_working',
  'escalation',
  'supervision',
  'policy_procedure',
  'training',
  'other',
] as const;
export type LearningTheme = (typeof LEARNING_THEMES)[number];

export function isLearningTheme(value: string): value is LearningTheme {
  return (LEARNING_THEMES as readonly string[]).includes(value);
}
