// Family involvement in a review (issue 10 item 6; DOMAIN.md §8.1, R8, R10): the review's people under
// pseudonyms (src/db/repositories/family-repository.ts says how a referral's people become the review's, once
// each), each family member's language and consent, contacts with the family and what they were told, and
// the reviewers' meetings with the family. The business unit records everything; the panel chair and the
// author/reviewers record contacts and meetings; panel members read; an agency's roles see none of it.
// Names and contact details only for those who may see a referral's restricted details; everyone else sees
// pseudonyms. Every read is audited as case material; every change is audited in its transaction with ids
// and codes only (never a name, a note or a summary).
import type { Db } from '../db/database.ts';
import type { FieldCipher } from '../db/field-cipher.ts';
import {
  type FamilyContactRow,
  type FamilyMeetingRow,
  familyContacts,
  familyMeetings,
  familyToldOn,
  insertFamilyContact,
  insertFamilyMeeting,
  personName,
  reviewIndependentStaff,
} from '../db/repositories/family-contacts-repository.ts';
import { insertAddedPerson, type ReviewPerson, reviewPeople, reviewPeopleIdentities, updateLanguageConsent } from '../db/repositories/family-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { FAMILY_CONTACT_TEXT, FAMILY_LANGUAGE_TEXT, FAMILY_MEETING_TEXT, FAMILY_PERSON_TEXT, textProblems } from '../domain/limits.ts';
import { can, type Permission } from '../domain/permissions.ts';
import {
  ADDED_KINDS,
  CONTACT_METHODS,
  CONTACT_TOPICS,
  type Consent,
  type ContactTopic,
  type DateAnswer,
  type FamilyLanguage,
  languageConsentProblems,
  lastToldOn,
  pastDateProblem,
} from '../domain/reviews/family.ts';
import { nameErrors, textViolations } from '../domain/text.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, type FieldErrors, invalid, newId } from './context.ts';
import { mayOnReview, type ReviewScope, reviewInScope } from './review-access.ts';

export interface FamilyDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  cipher: FieldCipher;
}

export interface AddPersonInput {
  kind: string;
  relationship: string;
  fullName: string;
  contactDetails: string;
  language: string;
}

export interface ConsentInput {
  personId: string;
  language: string;
  languageOther: string;
  interpreterNeeded: boolean;
  consent: string;
  consentOn: DateAnswer;
}

export interface ContactInput {
  personId: string;
  contactedOn: DateAnswer;
  method: string;
  madeBy: string;
  topics: string[];
  notes: string;
}

export interface MeetingInput {
  metOn: string | null | 'incomplete' | 'invalid';
  staffIds: string[];
  familyIds: string[];
  place: string;
  summary: string;
  followUp: string;
}

/** A person of the review with, for a reader allowed restricted details, their name and contact details. */
export interface FamilyPersonView extends ReviewPerson {
  fullName?: string | null;
  contactDetails?: string | null;
  /** The last day this person was told of each topic. */
  told: Partial<Record<ContactTopic, string>>;
}

export interface FamilyView {
  review: ReviewRow;
  people: FamilyPersonView[];
  contacts: FamilyContactRow[];
  meetings: FamilyMeetingRow[];
  /** Whether names are shown (the reader may see a referral's restricted details). */
  identified: boolean;
  canManage: boolean;
  canRecord: boolean;
}

/** The review's section on its page: counts and the latest contact, never a name. */
export interface FamilySection {
  people: number;
  familyMembers: number;
  agreed: number;
  contacts: number;
  lastContactOn: string | null;
  meetings: number;
}

/** Free text: no control characters (the one text rule), then the lengths. */
function textErrors(values: Record<string, string>, rules: Parameters<typeof textProblems>[0]): FieldErrors {
  const errors: FieldErrors = {};
  for (const v of textViolations(values)) errors[String(v.path[0])] ??= v.problem;
  for (const [field, problem] of Object.entries(textProblems(rules, values))) errors[field] ??= problem;
  return errors;
}

export class FamilyService {
  constructor(private readonly deps: FamilyDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /**
   * The review in scope. Its referrals' people are already listed on it: by the change that made the review
   * cover each referral (the decision that created it, a link), so a read writes nothing but its audit event.
   */
  private reviewWithPeople(trx: Executor, caller: Caller, scope: ReviewScope, permission: Permission): Promise<ReviewRow> {
    return reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, permission);
  }

  private identified(caller: Caller, review: ReviewRow): boolean {
    return can(caller.actor, 'referral.view_restricted', { boardId: review.boardId });
  }

  private async read(trx: Executor, caller: Caller, review: ReviewRow): Promise<FamilyView> {
    const identified = this.identified(caller, review);
    const [people, contacts, meetings] = await Promise.all([reviewPeople(trx, review.id), familyContacts(trx, review.id), familyMeetings(trx, review.id)]);
    const identities = identified ? await reviewPeopleIdentities(trx, this.deps.cipher, review.id) : undefined;
    return {
      review,
      people: people.map((p) => ({
        ...p,
        ...(identities ? { fullName: identities.get(p.id)?.fullName ?? null, contactDetails: identities.get(p.id)?.contactDetails ?? null } : {}),
        told: lastToldOn(contacts.filter((c) => c.personId === p.id)),
      })),
      contacts,
      meetings,
      identified,
      canManage: mayOnReview(caller, review, 'family.manage'),
      canRecord: mayOnReview(caller, review, 'family.record'),
    };
  }

  /** The review's family involvement: people, language, consent, what each was told and when, contacts, meetings. Audited as case material. */
  async page(caller: Caller, scope: ReviewScope): Promise<FamilyView> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewWithPeople(trx, caller, scope, 'family.view');
      const view = await this.read(trx, caller, review);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: {
          people: view.people.length,
          contacts: view.contacts.length,
          meetings: view.meetings.length,
          identified: view.identified,
        },
      });
      return view;
    });
  }

  /** What a form needs (the people, and who from the review may have made a contact or met the family), for those who may use it. Audited. */
  async form(caller: Caller, scope: ReviewScope, permission: 'family.manage' | 'family.record') {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewWithPeople(trx, caller, scope, permission);
      const people = (await reviewPeople(trx, review.id)).filter((p) => p.kind !== 'child');
      const staff = await this.staffChoices(trx, caller, review);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { people: people.length },
      });
      return { review, people, staff };
    });
  }

  /** Who may be recorded as making a contact or meeting the family: the review's panel chair and authors/reviewers, and the one recording. */
  private async staffChoices(trx: Executor, caller: Caller, review: ReviewRow) {
    const staff = await reviewIndependentStaff(trx, review.id);
    const me = caller.actor?.personId;
    if (me && !staff.some((s) => s.personId === me)) {
      const name = await personName(trx, me);
      if (name) staff.push({ personId: me, fullName: name, role: 'recorder' });
    }
    return staff;
  }

  /** The family members (not the children) of the review, for a change about one of them. */
  private async familyMember(trx: Executor, reviewId: string, personId: string): Promise<ReviewPerson | undefined> {
    return (await reviewPeople(trx, reviewId)).find((p) => p.id === personId && p.kind !== 'child');
  }

  /** Adds a family member or significant person met during the review, under the review's next number (the business unit). */
  async addPerson(caller: Caller, scope: ReviewScope, input: AddPersonInput): Promise<{ personId: string; kind: string; index: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewWithPeople(trx, caller, scope, 'family.manage');
      const errors = textErrors({ relationship: input.relationship, fullName: input.fullName, contactDetails: input.contactDetails }, FAMILY_PERSON_TEXT);
      for (const [field, problem] of Object.entries(nameErrors({ fullName: input.fullName || null }))) errors[field] ??= problem;
      if (!(ADDED_KINDS as readonly string[]).includes(input.kind)) errors.kind = 'family:errors.kindRequired';
      if (!(['en', 'cy', 'other'] as readonly string[]).includes(input.language)) errors.language = 'family:errors.languageRequired';
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const id = newId();
      const pseudonym = await insertAddedPerson(
        trx,
        this.deps.cipher,
        {
          id,
          reviewId: review.id,
          boardId: review.boardId,
          kind: input.kind as (typeof ADDED_KINDS)[number],
          relationship: input.relationship.trim(),
          fullName: input.fullName.trim() || null,
          contactDetails: input.contactDetails.trim() || null,
          language: input.language as FamilyLanguage,
          createdBy: caller.actor?.personId ?? null,
        },
        this.now(),
      );
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review_person',
        recordId: id,
        summary: { reviewId: review.id, kind: pseudonym.kind, index: pseudonym.index, identified: Boolean(input.fullName.trim()) },
      });
      return { personId: id, kind: pseudonym.kind, index: pseudonym.index };
    });
  }

  /** Records a family member's language (an interpreter for another) and consent to take part, with its date (the business unit). */
  async recordConsent(caller: Caller, scope: ReviewScope, input: ConsentInput): Promise<void> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewWithPeople(trx, caller, scope, 'family.manage');
      const person = input.personId ? await this.familyMember(trx, review.id, input.personId) : undefined;
      const errors: FieldErrors = {
        ...textErrors({ languageOther: input.languageOther }, FAMILY_LANGUAGE_TEXT),
        ...languageConsentProblems({
          language: input.language,
          languageOther: input.languageOther,
          consent: input.consent,
          consentOn: input.consentOn,
          today: this.deps.clock.today(),
        }),
      };
      if (!person) errors.personId = 'family:errors.personRequired';
      if (Object.keys(errors).length > 0 || !person) throw invalid(errors);
      const language = input.language as FamilyLanguage;
      const consent = input.consent as Consent;
      await updateLanguageConsent(
        trx,
        person.id,
        {
          language,
          languageOther: language === 'other' ? input.languageOther.trim() : null,
          interpreterNeeded: language === 'other' && input.interpreterNeeded,
          consent,
          consentOn: consent === 'not_asked' ? null : (input.consentOn as string),
        },
        this.now(),
      );
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review_person',
        recordId: person.id,
        summary: { reviewId: review.id, language, interpreterNeeded: language === 'other' && input.interpreterNeeded, consent },
      });
    });
  }

  /** Records a contact with a family member: when, how, who made it, what they were told (the business unit, the panel chair, the authors/reviewers). */
  async recordContact(caller: Caller, scope: ReviewScope, input: ContactInput): Promise<{ contactId: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewWithPeople(trx, caller, scope, 'family.record');
      const person = input.personId ? await this.familyMember(trx, review.id, input.personId) : undefined;
      const staff = await this.staffChoices(trx, caller, review);
      const topics = [...new Set(input.topics)];
      const errors: FieldErrors = textErrors({ notes: input.notes }, FAMILY_CONTACT_TEXT);
      if (!person) errors.personId = 'family:errors.personRequired';
      const date = pastDateProblem('contactedOn', input.contactedOn, this.deps.clock.today(), review.decidedOn);
      if (date) errors.contactedOn = date;
      if (!(CONTACT_METHODS as readonly string[]).includes(input.method)) errors.method = 'family:errors.methodRequired';
      if (!staff.some((s) => s.personId === input.madeBy)) errors.madeBy = 'family:errors.madeByRequired';
      if (topics.some((t) => !(CONTACT_TOPICS as readonly string[]).includes(t))) errors.topics = 'family:errors.topicUnknown';
      else if (topics.length === 0 && !input.notes.trim()) errors.topics = 'family:errors.topicsRequired';
      if (Object.keys(errors).length > 0 || !person) throw invalid(errors);
      const id = newId();
      await insertFamilyContact(
        trx,
        {
          id,
          reviewId: review.id,
          personId: person.id,
          contactedOn: input.contactedOn as string,
          method: input.method,
          madeBy: input.madeBy,
          topics,
          notes: input.notes.trim() || null,
          createdBy: caller.actor?.personId ?? null,
        },
        this.now(),
      );
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'family_contact',
        recordId: id,
        summary: { reviewId: review.id, personId: person.id, method: input.method, madeBy: input.madeBy, topics },
      });
      return { contactId: id };
    });
  }

  /** Records a reviewers' meeting with the family: date, who from the review attended, which family members, where, notes and follow-up. */
  async recordMeeting(caller: Caller, scope: ReviewScope, input: MeetingInput): Promise<{ meetingId: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await this.reviewWithPeople(trx, caller, scope, 'family.record');
      const staff = await this.staffChoices(trx, caller, review);
      const family = (await reviewPeople(trx, review.id)).filter((p) => p.kind !== 'child');
      const staffIds = [...new Set(input.staffIds)];
      const familyIds = [...new Set(input.familyIds)];
      const errors: FieldErrors = textErrors({ place: input.place, summary: input.summary, followUp: input.followUp }, FAMILY_MEETING_TEXT);
      const date = pastDateProblem('metOn', input.metOn, this.deps.clock.today(), review.decidedOn);
      if (date) errors.metOn = date;
      if (staffIds.length === 0 || staffIds.some((id) => !staff.some((s) => s.personId === id))) errors.staffIds = 'family:errors.staffRequired';
      if (familyIds.length === 0 || familyIds.some((id) => !family.some((p) => p.id === id))) errors.familyIds = 'family:errors.familyRequired';
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const id = newId();
      await insertFamilyMeeting(
        trx,
        {
          id,
          reviewId: review.id,
          metOn: input.metOn as string,
          place: input.place.trim(),
          summary: input.summary.trim(),
          followUp: input.followUp.trim() || null,
          staffIds,
          familyIds,
          createdBy: caller.actor?.personId ?? null,
        },
        this.now(),
      );
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'family_meeting',
        recordId: id,
        summary: { reviewId: review.id, staffIds, familyIds },
      });
      return { meetingId: id };
    });
  }

  /**
   * When the review's family was last told of the topic (R8: "the family has been told (date)" before
   * publication), or null: in the caller's transaction, for the publication issue's gate. No access check
   * and no audit: the caller has checked and audits its own read.
   */
  toldOnIn(trx: Executor, reviewId: string, topic: ContactTopic): Promise<string | null> {
    return familyToldOn(trx, reviewId, topic);
  }

  /** The review's people, pseudonymised (the chronology's and the reports' list), in the caller's transaction (reads only). */
  async peopleIn(trx: Executor, review: { id: string }): Promise<ReviewPerson[]> {
    return reviewPeople(trx, review.id);
  }

  /**
   * The review page's section, in the page's transaction (reads only; no audit: the page's read is audited);
   * null when the reader may not see the family. Every covered referral's people are listed already (by the
   * change that made the review cover it), so the counts are the review's.
   */
  async sectionIn(trx: Executor, caller: Caller, review: ReviewRow): Promise<FamilySection | null> {
    if (!mayOnReview(caller, review, 'family.view')) return null;
    const [people, contacts, meetings] = await Promise.all([reviewPeople(trx, review.id), familyContacts(trx, review.id), familyMeetings(trx, review.id)]);
    const family = people.filter((p) => p.kind !== 'child');
    return {
      people: people.length,
      familyMembers: family.length,
      agreed: family.filter((p) => p.consent === 'agreed').length,
      contacts: contacts.length,
      lastContactOn: contacts[0]?.contactedOn ?? null,
      meetings: meetings.length,
    };
  }
}
