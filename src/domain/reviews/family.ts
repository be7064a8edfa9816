// Family involvement in a review (issue 10 item 6; DOMAIN.md §8.1 FamilyMember / FamilyEngagement, R8
// family-first, R10 each contact's language). The review's people are known by pseudonyms; each family
// member has a language (English, Welsh, or another with an interpreter), a consent to take part, and a log
// of contacts recording what they were told and when; reviewers' meetings with the family are recorded.
// Messages are locale keys of the family namespace. Pure.

export const FAMILY_LANGUAGES = ['en', 'cy', 'other'] as const;
export type FamilyLanguage = (typeof FAMILY_LANGUAGES)[number];

export const CONSENTS = ['not_asked', 'agreed', 'declined', 'withdrawn'] as const;
export type Consent = (typeof CONSENTS)[number];

export const CONTACT_METHODS = ['letter', 'phone', 'visit', 'meeting', 'email'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** What the family can be told, in the order a review tells them (the publication issue reads "publication_date" and "publication"). */
export const CONTACT_TOPICS = [
  'review_started',
  'purpose_and_terms',
  'invitation_to_contribute',
  'findings_shared',
  'publication_date',
  'publication',
] as const;
export type ContactTopic = (typeof CONTACT_TOPICS)[number];

/** The kinds of person added during the review (a child comes from a referral). */
export const ADDED_KINDS = ['family_member', 'significant_person'] as const;
export type AddedKind = (typeof ADDED_KINDS)[number];

/** Where a person of the review comes from. */
export const PERSON_SOURCES = ['referral', 'added'] as const;
export type PersonSource = (typeof PERSON_SOURCES)[number];

/** The per-review counter (board_counters) numbering the review's family members and significant persons together. */
export function familyCounter(reviewId: string): string {
  return `review_family:${reviewId}`;
}

const K = 'family:errors.';

/** A date as typed: a date, none, incomplete or invalid. */
export type DateAnswer = string | null | 'incomplete' | 'invalid';

/** A past-or-today date that must be given (a contact's, a meeting's): the problem's locale key, or undefined. */
export function pastDateProblem(field: string, value: DateAnswer, today: string, notBefore?: string): string | undefined {
  if (value === null) return `${K}${field}Required`;
  if (value === 'incomplete') return `${K}dateIncomplete`;
  if (value === 'invalid' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${K}dateInvalid`;
  if (value > today) return `${K}dateFuture`;
  if (notBefore && value < notBefore) return `${K}dateBeforeReview`;
  return undefined;
}

/** Language and consent: another language is named; a consent other than "not yet asked" has its date, which is not in the future. */
export function languageConsentProblems(d: {
  language: string;
  languageOther: string | null;
  consent: string;
  consentOn: DateAnswer;
  today: string;
}): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!(FAMILY_LANGUAGES as readonly string[]).includes(d.language)) problems.language = `${K}languageRequired`;
  else if (d.language === 'other' && !d.languageOther?.trim()) problems.languageOther = `${K}languageOtherRequired`;
  if (!(CONSENTS as readonly string[]).includes(d.consent)) problems.consent = `${K}consentRequired`;
  else if (d.consent === 'not_asked') {
    if (d.consentOn !== null) problems.consentOn = `${K}consentOnNotAsked`;
  } else {
    const p = pastDateProblem('consentOn', d.consentOn, d.today);
    if (p) problems.consentOn = p;
  }
  return problems;
}

/** The last day each topic was told, from contacts (date, topics). */
export function lastToldOn(contacts: readonly { contactedOn: string; topics: readonly string[] }[]): Partial<Record<ContactTopic, string>> {
  const out: Partial<Record<ContactTopic, string>> = {};
  for (const c of contacts)
    for (const t of c.topics) if ((CONTACT_TOPICS as readonly string[]).includes(t)) out[t as ContactTopic] = maxOf(out[t as ContactTopic], c.contactedOn);
  return out;
}

function maxOf(a: string | undefined, b: string): string {
  return a === undefined || b > a ? b : a;
}
