// How long each free-text answer may be and which answers are required: one place, used by the zod
// schemas of the pages and of the API (src/http/journeys/fields.ts) and by the services, so an API
// caller cannot store what a form would refuse. Problems are locale keys (errors namespace).

export const LIMITS = {
  /** A person's, board's, agency's or child's name. */
  name: 200,
  email: 320,
  jobTitle: 200,
  boardCode: 20,
  region: 200,
  referrerRole: 200,
  address: 500,
  relationship: 100,
  contactDetails: 500,
  liaisonContact: 200,
  initialFacts: 5000,
  /** Reasons, dissent and rationale of the management group and the chair. */
  reasoning: 10000,
  /** Items of an "add another" list (periods, family members, proceedings). */
  listItems: 50,
  /** A review library document's title, and the note on a version. */
  documentTitle: 200,
  versionNote: 1000,
  /** A lesson learnt early, and the immediate action taken on it. */
  lesson: 5000,
  action: 2000,
  /** Family involvement: a meeting's place, summary and follow-up; a contact's notes; another language's name. */
  familyPlace: 200,
  familySummary: 10000,
  familyFollowUp: 5000,
  familyNotes: 5000,
  languageName: 100,
} as const;

/** A free-text answer: its longest length, and the problems when it is missing (if required) or too long. */
export interface TextRule {
  max: number;
  required?: string;
  tooLong: string;
}

/** An entry of the register of independent chairs and reviewers (issue 10 item 2). */
export const REGISTER_TEXT = {
  fullName: { max: LIMITS.name, required: 'panel.nameRequired', tooLong: 'panel.nameTooLong' },
  email: { max: LIMITS.email, required: 'panel.emailRequired', tooLong: 'panel.emailTooLong' },
  specialisms: { max: 1000, tooLong: 'panel.specialismsTooLong' },
  pastReviews: { max: LIMITS.initialFacts, tooLong: 'panel.pastReviewsTooLong' },
  declaredInterests: { max: LIMITS.initialFacts, tooLong: 'panel.interestsTooLong' },
} as const satisfies Record<string, TextRule>;

/** A dated engagement of a register entry with an agency: what they did. */
export const ENGAGEMENT_TEXT = {
  what: { max: 500, required: 'panel.engagementWhatRequired', tooLong: 'panel.engagementWhatTooLong' },
} as const satisfies Record<string, TextRule>;

/** An independence declaration's conflicts (R3), and the reason someone leaves the panel or a nomination is withdrawn. */
export const DECLARATION_TEXT = {
  conflicts: { max: LIMITS.initialFacts, tooLong: 'panel.conflictsTooLong' },
} as const satisfies Record<string, TextRule>;
export const PANEL_END_TEXT = {
  reason: { max: LIMITS.reasoning, required: 'panel.reasonRequired', tooLong: 'panel.reasonTooLong' },
} as const satisfies Record<string, TextRule>;

export const RECOMMENDATION_TEXT = {
  reasons: { max: LIMITS.reasoning, required: 'recommendation.reasonsRequired', tooLong: 'recommendation.reasonsTooLong' },
  dissent: { max: LIMITS.reasoning, tooLong: 'recommendation.dissentTooLong' },
} as const satisfies Record<string, TextRule>;

export const DECISION_TEXT = {
  rationale: { max: LIMITS.reasoning, required: 'decision.rationaleRequired', tooLong: 'decision.rationaleTooLong' },
} as const satisfies Record<string, TextRule>;

/** A referral's free text, named as the service names its fields in errors (the child's as `childFullName`, `childAddress`). */
export const REFERRAL_TEXT = {
  referrerName: { max: LIMITS.name, tooLong: 'referralForm.referrerNameTooLong' },
  referrerRole: { max: LIMITS.referrerRole, tooLong: 'referralForm.referrerRoleTooLong' },
  initialFacts: { max: LIMITS.initialFacts, required: 'referral.factsRequired', tooLong: 'referralForm.factsTooLong' },
  childFullName: { max: LIMITS.name, tooLong: 'referralForm.childNameTooLong' },
  childAddress: { max: LIMITS.address, tooLong: 'referralForm.addressTooLong' },
} as const satisfies Record<string, TextRule>;

export const FAMILY_MEMBER_TEXT = {
  relationship: { max: LIMITS.relationship, required: 'referralForm.relationshipRequired', tooLong: 'referralForm.relationshipTooLong' },
  fullName: { max: LIMITS.name, tooLong: 'referralForm.personNameTooLong' },
  contactDetails: { max: LIMITS.contactDetails, tooLong: 'referralForm.contactDetailsTooLong' },
} as const satisfies Record<string, TextRule>;

export const PROCEEDING_TEXT = {
  liaisonContact: { max: LIMITS.liaisonContact, tooLong: 'referralForm.liaisonContactTooLong' },
} as const satisfies Record<string, TextRule>;

export const BOARD_TEXT = {
  code: { max: LIMITS.boardCode, required: 'board.codeRequired', tooLong: 'board.codeTooLong' },
  nameEn: { max: LIMITS.name, required: 'board.nameEnRequired', tooLong: 'board.nameEnTooLong' },
  nameCy: { max: LIMITS.name, required: 'board.nameCyRequired', tooLong: 'board.nameCyTooLong' },
  region: { max: LIMITS.region, tooLong: 'board.regionTooLong' },
} as const satisfies Record<string, TextRule>;

export const AGENCY_TEXT = {
  nameEn: { max: LIMITS.name, required: 'agency.nameEnRequired', tooLong: 'agency.nameEnTooLong' },
  nameCy: { max: LIMITS.name, required: 'agency.nameCyRequired', tooLong: 'agency.nameCyTooLong' },
} as const satisfies Record<string, TextRule>;

export const PERSON_TEXT = {
  fullName: { max: LIMITS.name, required: 'fullName.required', tooLong: 'fullName.tooLong' },
  email: { max: LIMITS.email, required: 'email.required', tooLong: 'email.invalid' },
  jobTitle: { max: LIMITS.jobTitle, tooLong: 'person.jobTitleTooLong' },
} as const satisfies Record<string, TextRule>;

/** A document of a review's library: its title, and the note saying what a version changed. */
export const LIBRARY_TEXT = {
  title: { max: LIMITS.documentTitle, required: 'library.titleRequired', tooLong: 'library.titleTooLong' },
  note: { max: LIMITS.versionNote, tooLong: 'library.noteTooLong' },
} as const satisfies Record<string, TextRule>;

/** An action of the plan (issue 12): its text and measures; a board recommendation; an update's narrative; a reason. */
export const ACTION_TEXT = {
  action: { max: LIMITS.action, required: 'actions:errors.actionRequired', tooLong: 'actions:errors.actionTooLong' },
  successMeasure: { max: LIMITS.action, required: 'actions:errors.successMeasureRequired', tooLong: 'actions:errors.successMeasureTooLong' },
  completionEvidence: { max: LIMITS.action, required: 'actions:errors.completionEvidenceRequired', tooLong: 'actions:errors.completionEvidenceTooLong' },
  impactMeasure: { max: LIMITS.action, required: 'actions:errors.impactMeasureRequired', tooLong: 'actions:errors.impactMeasureTooLong' },
} as const satisfies Record<string, TextRule>;
export const BOARD_RECOMMENDATION_TEXT = {
  text: { max: LIMITS.action, required: 'actions:errors.recommendationRequired', tooLong: 'actions:errors.recommendationTooLong' },
} as const satisfies Record<string, TextRule>;
export const ACTION_UPDATE_TEXT = {
  narrative: { max: LIMITS.reasoning, required: 'actions:errors.narrativeRequired', tooLong: 'actions:errors.narrativeTooLong' },
} as const satisfies Record<string, TextRule>;
export const ACTION_CLOSURE_TEXT = {
  note: { max: LIMITS.reasoning, tooLong: 'actions:errors.closureNoteTooLong' },
} as const satisfies Record<string, TextRule>;
export const ACTION_REASON_TEXT = {
  reason: { max: LIMITS.reasoning, required: 'actions:errors.reasonRequired', tooLong: 'actions:errors.reasonTooLong' },
} as const satisfies Record<string, TextRule>;

/** Early learning: the lesson, the immediate action, and its owner's name and email. */
export const EARLY_LEARNING_TEXT = {
  lesson: { max: LIMITS.lesson, required: 'earlyLearning.lessonRequired', tooLong: 'earlyLearning.lessonTooLong' },
  action: { max: LIMITS.action, required: 'earlyLearning.actionRequired', tooLong: 'earlyLearning.actionTooLong' },
  ownerName: { max: LIMITS.name, required: 'earlyLearning.ownerNameRequired', tooLong: 'fullName.tooLong' },
  ownerEmail: { max: LIMITS.email, required: 'earlyLearning.ownerEmailRequired', tooLong: 'email.invalid' },
} as const satisfies Record<string, TextRule>;

/** An agency's contribution (issue 10 item 4): its sections, the author's role, a waiver's or return's reason. */
export const CONTRIBUTION_TEXT = {
  section: { max: 50000, tooLong: 'contributions:errors.sectionTooLong' },
  authorRole: { max: LIMITS.jobTitle, required: 'contributions:errors.authorRoleRequired', tooLong: 'contributions:errors.authorRoleTooLong' },
  reason: { max: 2000, required: 'contributions:errors.reasonRequired', tooLong: 'contributions:errors.reasonTooLong' },
} as const satisfies Record<string, TextRule>;

/** Family involvement (issue 10 item 6): a person added during the review, a language, a contact, a meeting. */
const F = 'family:errors.';
export const FAMILY_PERSON_TEXT = {
  relationship: { max: LIMITS.relationship, required: `${F}relationshipRequired`, tooLong: `${F}relationshipTooLong` },
  fullName: { max: LIMITS.name, tooLong: `${F}nameTooLong` },
  contactDetails: { max: LIMITS.contactDetails, tooLong: `${F}contactDetailsTooLong` },
} as const satisfies Record<string, TextRule>;

export const FAMILY_LANGUAGE_TEXT = {
  languageOther: { max: LIMITS.languageName, tooLong: `${F}languageOtherTooLong` },
} as const satisfies Record<string, TextRule>;

export const FAMILY_CONTACT_TEXT = {
  notes: { max: LIMITS.familyNotes, tooLong: `${F}notesTooLong` },
} as const satisfies Record<string, TextRule>;

export const FAMILY_MEETING_TEXT = {
  place: { max: LIMITS.familyPlace, required: `${F}placeRequired`, tooLong: `${F}placeTooLong` },
  summary: { max: LIMITS.familySummary, required: `${F}summaryRequired`, tooLong: `${F}summaryTooLong` },
  followUp: { max: LIMITS.familyFollowUp, tooLong: `${F}followUpTooLong` },
} as const satisfies Record<string, TextRule>;

/** Why a panel meeting was cancelled (issue 10 item 5): required. */
export const MEETING_CANCEL_TEXT = {
  reason: { max: 2000, required: 'milestones:errors.cancelReasonRequired', tooLong: 'milestones:errors.cancelReasonTooLong' },
} as const satisfies Record<string, TextRule>;

/** One answer against its rule (surrounding space does not count): the problem, or undefined. */
export function textProblem(rule: TextRule, value: string | null | undefined): string | undefined {
  const text = (value ?? '').trim();
  if (text === '') return rule.required;
  return text.length > rule.max ? rule.tooLong : undefined;
}

/** Every answer of a command against its rules: field → problem. */
export function textProblems<R extends Record<string, TextRule>>(rules: R, values: { [K in keyof R]?: string | null }): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [field, rule] of Object.entries(rules)) {
    const problem = textProblem(rule, values[field]);
    if (problem) problems[field] = problem;
  }
  return problems;
}
