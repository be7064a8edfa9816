// Recording and reading referrals (issue 3 §3, §6). Case material: every read writes one audit event in
// the same transaction as the read (ids and counts only, never case content); restricted child and
// family details only for roles that need them. Possible duplicates are for those who receive referrals
// (the business unit and the management group), never for the referrer who records one.

import type { Db } from '../db/database.ts';
import type { FieldCipher } from '../db/field-cipher.ts';
import { findAgency, findBoard } from '../db/repositories/organisation-repository.ts';
import {
  findReferral,
  findRestrictedChild,
  insertReferral,
  listReferrerCandidates,
  nextChildNumber,
  type ReferralRecord,
  type ReferrerCandidate,
  type RestrictedChild,
  referralDetails,
} from '../db/repositories/referrals-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { FAMILY_MEMBER_TEXT, PROCEEDING_TEXT, REFERRAL_TEXT, textProblems } from '../domain/limits.ts';
import { can } from '../domain/permissions.ts';
import { childPseudonym, familyPseudonym, type Pseudonym } from '../domain/pseudonyms.ts';
import {
  type AbuseOrNeglect,
  awareOnProblems,
  type ChildPeriodKind,
  type IncidentType,
  type ProceedingStatus,
  type ProceedingType,
  periodProblems,
  REFERRAL_WORKFLOW,
  referralDateProblems,
  referralFactProblems,
  referrerProblems,
} from '../domain/referrals/referral.ts';
import { nameErrors, textViolations } from '../domain/text.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, type FieldErrors, forbidden, invalid, newId, notFound } from './context.ts';
import { childIndexes, type DuplicateQuery, duplicatesSummary, matchDuplicates, type PossibleDuplicate } from './referral-duplicates.ts';
import { type TimelineEntry, WorkflowService } from './workflow.ts';

export type { PossibleDuplicate };

export interface ReferralInput {
  boardId: string;
  referringAgencyId: string | null;
  /**
   * Who made the referral: a person with an account on the board (referrerPersonId), or someone without one
   * (referrerName and referrerEmail, where the decision is sent, in referrerLanguage). Neither: the person
   * recording it.
   */
  referrerPersonId?: string | null;
  referrerName: string | null;
  referrerRole: string | null;
  referrerEmail?: string | null;
  referrerLanguage?: 'en' | 'cy' | null;
  receivedOn: string;
  incidentOn: string;
  incidentType: IncidentType;
  impairmentIdentifiedOn: string | null;
  abuseOrNeglect: AbuseOrNeglect;
  inBoardArea: boolean;
  initialFacts: string;
  /** England only: the date the board became aware of the incident (required there, absent in Wales). */
  awareOn?: string | null;
  child: { fullName: string | null; dateOfBirthOn: string | null; address: string | null; isDeceased: boolean };
  periods: { kind: ChildPeriodKind; startOn: string; endOn: string | null }[];
  familyMembers: { relationship: string; isSignificantPerson: boolean; language: 'en' | 'cy'; fullName: string | null; contactDetails: string | null }[];
  agenciesInvolved: string[];
  proceedings: { proceedingType: ProceedingType; status: ProceedingStatus; liaisonContact: string | null; expectedEndOn: string | null }[];
}

export interface ReferralView extends ReferralRecord {
  /** Present only for callers allowed to see restricted details. */
  child: RestrictedChild | undefined;
  periods: { kind: ChildPeriodKind; startOn: string; endOn: string | null }[];
  familyMembers: {
    id: string;
    pseudonym: Pseudonym;
    relationship: string;
    isSignificantPerson: boolean;
    language: 'en' | 'cy';
    fullName?: string | null;
    contactDetails?: string | null;
  }[];
  agencyIds: string[];
  proceedings: {
    id: string;
    proceedingType: ProceedingType;
    status: ProceedingStatus;
    liaisonContact: string | null;
    expectedEndOn: string | null;
    concludedOn: string | null;
  }[];
}

/** Where a piece of the input is answered, as the pages name it (a list item's answer by its index and name). */
function fieldOf(path: (string | number)[]): string {
  const [first, second, third] = path;
  if (first === 'child' && typeof second === 'string') return `child${second.charAt(0).toUpperCase()}${second.slice(1)}`;
  if (typeof second === 'number') return typeof third === 'string' ? `${String(first)}.${second}.${third}` : `${String(first)}.${second}`;
  return String(first);
}

/**
 * The text rule on everything typed (no control characters: NUL would make PostgreSQL refuse the
 * insert), and the name rule on the referrer's, the child's and family members' names. The pages and
 * the API refuse such text on arrival; this also catches a draft kept from before they did.
 */
function referralTextProblems(input: ReferralInput): FieldErrors {
  const errors: FieldErrors = {};
  for (const v of textViolations(input)) errors[fieldOf(v.path)] ??= v.problem;
  const names = nameErrors({
    referrerName: input.referrerName,
    childFullName: input.child.fullName,
    ...Object.fromEntries(input.familyMembers.map((f, i) => [`familyMembers.${i}.fullName`, f.fullName])),
  });
  for (const [field, problem] of Object.entries(names)) errors[field] ??= problem;
  // Required answers and length limits, as the pages and the API have them (src/domain/limits.ts).
  const limits: FieldErrors = textProblems(REFERRAL_TEXT, {
    referrerName: input.referrerName,
    referrerRole: input.referrerRole,
    initialFacts: input.initialFacts,
    childFullName: input.child.fullName,
    childAddress: input.child.address,
  });
  // A list item's answers by their path (`familyMembers.0.relationship`), as the API names them; the pages send
  // each to its list's page (the path's first part).
  input.familyMembers.forEach((f, i) => {
    for (const [field, problem] of Object.entries(textProblems(FAMILY_MEMBER_TEXT, f))) limits[`familyMembers.${i}.${field}`] = problem;
  });
  input.proceedings.forEach((p, i) => {
    for (const [field, problem] of Object.entries(textProblems(PROCEEDING_TEXT, p))) limits[`proceedings.${i}.${field}`] = problem;
  });
  for (const [field, problem] of Object.entries(limits)) errors[field] ??= problem;
  return errors;
}

export class ReferralService {
  /** A referral's status changes and its timeline: through its transition table (src/services/workflow.ts). */
  private readonly workflow: WorkflowService;

  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService; cipher: FieldCipher }) {
    this.workflow = new WorkflowService({ clock: deps.clock, audit: deps.audit });
  }

  private today(): string {
    return this.deps.clock.today();
  }

  /**
   * The people who may be named as the referrer: those with a role on the board. Staff names: for those
   * who may see the board's people (the business unit), not for an agency referrer, who records their own.
   */
  async referrerCandidates(caller: Caller, boardId: string): Promise<ReferrerCandidate[]> {
    if (!can(caller.actor, 'referral.create', { boardId }) || !can(caller.actor, 'person.view', { boardId })) throw forbidden();
    return listReferrerCandidates(this.deps.db.kysely, boardId);
  }

  /** The referrer as recorded: the person with an account (their name now), or the details of someone without one. */
  private async referrerOf(db: Executor, caller: Caller, input: ReferralInput) {
    const personId = input.referrerPersonId ?? (input.referrerName || input.referrerEmail ? null : (caller.actor?.personId ?? null));
    if (personId) {
      const [person] = await listReferrerCandidates(db, input.boardId, personId);
      return { person, personId, name: person?.fullName ?? null, email: null, language: null };
    }
    return {
      person: undefined,
      personId: null,
      name: input.referrerName?.trim() || null,
      email: input.referrerEmail?.trim().toLowerCase() || null,
      language: input.referrerName || input.referrerEmail ? (input.referrerLanguage ?? 'en') : null,
    };
  }

  /** Checks everything that can be checked without writing; returns field errors (locale keys). */
  async validate(caller: Caller, input: ReferralInput): Promise<FieldErrors> {
    if (!can(caller.actor, 'referral.create', { boardId: input.boardId })) throw forbidden();
    const db = this.deps.db.kysely;
    const errors: FieldErrors = {
      ...referralDateProblems({ incidentOn: input.incidentOn, receivedOn: input.receivedOn, today: this.today() }),
      ...referralTextProblems(input),
      ...referralFactProblems({ incidentType: input.incidentType, childIsDeceased: input.child.isDeceased }),
      ...referrerProblems({ referrerPersonId: input.referrerPersonId ?? null, referrerName: input.referrerName, referrerEmail: input.referrerEmail ?? null }),
    };
    if (input.referrerPersonId && !errors.referrerPersonId) {
      const referrer = await this.referrerOf(db, caller, input);
      if (!referrer.person) errors.referrerPersonId = 'referral.referrerPersonUnknown';
    }
    const board = await findBoard(db, input.boardId);
    if (board?.nation === 'england') {
      for (const [field, problem] of Object.entries(
        awareOnProblems({ awareOn: input.awareOn ?? null, incidentOn: input.incidentOn, receivedOn: input.receivedOn, today: this.today() }),
      ))
        errors[field] ??= problem;
    } else if (input.awareOn) errors.awareOn = 'referral.awareOnEnglandOnly';
    if (input.impairmentIdentifiedOn && input.impairmentIdentifiedOn > this.today()) errors.impairmentIdentifiedOn = 'referral.impairmentInFuture';
    if (input.child.dateOfBirthOn && input.child.dateOfBirthOn > input.incidentOn) errors.dateOfBirth = 'referral.bornAfterIncident';
    input.periods.forEach((p, i) => {
      const problem = periodProblems(p, this.today());
      if (problem) errors[`periods.${i}`] = problem;
    });
    for (const agencyId of [...input.agenciesInvolved, ...(input.referringAgencyId ? [input.referringAgencyId] : [])]) {
      const agency = await findAgency(db, agencyId);
      if (!agency?.boardIds.includes(input.boardId))
        errors[agencyId === input.referringAgencyId ? 'referringAgencyId' : 'agenciesInvolved'] = 'referral.agencyUnknown';
    }
    return errors;
  }

  /**
   * Referrals already on the board about the same child or incident as the details given, for the business
   * unit recording one (the check answers page) and the API. A search by a child's name and date of birth
   * needs the permission to see restricted details, so a referrer (and anyone who may not see those
   * details) learns nothing about other referrals. Every search is audited: how many, and their ids.
   */
  async possibleDuplicates(caller: Caller, input: DuplicateQuery): Promise<PossibleDuplicate[]> {
    if (!can(caller.actor, 'referral.view_restricted', { boardId: input.boardId })) throw forbidden();
    return this.duplicatesSearch(caller, input, true);
  }

  /**
   * The check answers page's read of an unrecorded referral: its possible duplicates for those who may
   * search by a child's details; for anyone else (a referrer) none, and nothing is searched. The page's read
   * is recorded either way (whether it was searched, how many, their ids).
   */
  async checkAnswersDuplicates(caller: Caller, input: DuplicateQuery): Promise<PossibleDuplicate[]> {
    return this.duplicatesSearch(caller, input, can(caller.actor, 'referral.view_restricted', { boardId: input.boardId }));
  }

  private duplicatesSearch(caller: Caller, input: DuplicateQuery, search: boolean) {
    return inTransaction(this.deps.db, async (trx) => {
      const found = search ? await matchDuplicates(trx, this.deps.cipher, input) : [];
      await this.deps.audit.recordRead(trx, caller, {
        boardId: input.boardId,
        recordType: 'board',
        recordId: input.boardId,
        summary: search ? duplicatesSummary(found) : { searched: false },
      });
      return found;
    });
  }

  /**
   * The possible duplicates of a referral on its board, for those who receive it (referral.view): matched
   * on its own details (restricted ones included, which never leave the service), shown as the other
   * referrals' codes and the reason. Audited against the referral.
   */
  async duplicatesOf(caller: Caller, referralId: string): Promise<PossibleDuplicate[]> {
    return inTransaction(this.deps.db, async (trx) => {
      const referral = await this.viewable(trx, caller, referralId);
      const found = await this.duplicatesOfReferral(trx, referral);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: referral.boardId,
        recordType: 'referral',
        recordId: referralId,
        summary: duplicatesSummary(found),
      });
      return found;
    });
  }

  private async duplicatesOfReferral(trx: Executor, referral: ReferralRecord): Promise<PossibleDuplicate[]> {
    const child = await findRestrictedChild(trx, this.deps.cipher, referral.id);
    return matchDuplicates(
      trx,
      this.deps.cipher,
      {
        boardId: referral.boardId,
        incidentOn: referral.incidentOn,
        incidentType: referral.incidentType,
        child: { fullName: child?.fullName ?? null, dateOfBirthOn: child?.dateOfBirthOn ?? null, address: null, isDeceased: child?.isDeceased ?? false },
      },
      referral.id,
    );
  }

  async create(caller: Caller, input: ReferralInput): Promise<ReferralRecord> {
    const errors = await this.validate(caller, input);
    if (Object.keys(errors).length > 0) throw invalid(errors);
    return inTransaction(this.deps.db, async (trx) => {
      const board = await findBoard(trx, input.boardId);
      if (!board) throw notFound('board');
      const at = this.deps.clock.now().toISOString();
      const referrer = await this.referrerOf(trx, caller, input);
      const childNumber = await nextChildNumber(trx, input.boardId);
      const record: ReferralRecord = {
        id: newId(),
        boardId: input.boardId,
        childNumber,
        pseudonym: childPseudonym(childNumber),
        // The state its table creates it in.
        status: REFERRAL_WORKFLOW.created.state,
        referringAgencyId: input.referringAgencyId,
        referrerName: referrer.name,
        referrerRole: input.referrerRole,
        referrerEmail: referrer.email,
        referrerPersonId: referrer.personId,
        referrerLanguage: referrer.language,
        receivedOn: input.receivedOn,
        incidentOn: input.incidentOn,
        incidentType: input.incidentType,
        impairmentIdentifiedOn: input.impairmentIdentifiedOn,
        abuseOrNeglect: input.abuseOrNeglect,
        inBoardArea: input.inBoardArea,
        initialFacts: input.initialFacts,
        awareOn: board.nation === 'england' ? (input.awareOn ?? null) : null,
        nationalPanelNotifiedOn: null,
        createdBy: caller.actor?.personId ?? null,
        createdAt: at,
        updatedAt: at,
      };
      await insertReferral(
        trx,
        this.deps.cipher,
        record,
        { ...input.child, ...childIndexes(this.deps.cipher, input.boardId, input.child) },
        input.periods.map((p) => ({ id: newId(), ...p })),
        // Numbered from 1 across the referral's people, as they were listed: Family member 1, Person 2, …
        input.familyMembers.map((f, i) => ({ id: newId(), pseudonym: familyPseudonym(f.isSignificantPerson, i + 1), ...f })),
        [...new Set(input.agenciesInvolved)],
        input.proceedings.map((p) => ({ id: newId(), concludedOn: null, ...p })),
      );
      await this.workflow.created(trx, caller, {
        record: 'referral',
        id: record.id,
        event: REFERRAL_WORKFLOW.created.event,
        // Counts only: no case content in the audit log.
        summary: {
          referrer: referrer.personId ? 'person' : referrer.email ? 'external' : 'none',
          periods: input.periods.length,
          familyMembers: input.familyMembers.length,
          agenciesInvolved: input.agenciesInvolved.length,
          proceedings: input.proceedings.length,
        },
      });
      return record;
    });
  }

  /** A referral the caller may view; another board's, or one the caller may not see, is not found (the same answer as a missing one). */
  private async viewable(db: Executor, caller: Caller, id: string): Promise<ReferralRecord> {
    const referral = await findReferral(db, id);
    if (!referral || !can(caller.actor, 'referral.view', { boardId: referral.boardId })) throw notFound('referral');
    return referral;
  }

  /** Everything recorded about a referral, restricted details only for roles that may see them. */
  private async readReferral(trx: Executor, caller: Caller, referral: ReferralRecord): Promise<ReferralView> {
    const restricted = can(caller.actor, 'referral.view_restricted', { boardId: referral.boardId });
    const details = await referralDetails(trx, referral.id, restricted ? this.deps.cipher : undefined);
    const child = restricted ? await findRestrictedChild(trx, this.deps.cipher, referral.id) : undefined;
    return {
      ...referral,
      child,
      periods: details.periods,
      familyMembers: details.family.map((f) =>
        restricted ? f : { id: f.id, pseudonym: f.pseudonym, relationship: f.relationship, isSignificantPerson: f.isSignificantPerson, language: f.language },
      ),
      agencyIds: details.agencyIds,
      proceedings: details.proceedings,
    };
  }

  /** Reads a referral; the read is audited (recordRead: as the route declares, e.g. REFERRAL_VIEWED) in the same transaction. */
  async get(caller: Caller, id: string): Promise<ReferralView> {
    return inTransaction(this.deps.db, async (trx) => {
      const referral = await this.viewable(trx, caller, id);
      const view = await this.readReferral(trx, caller, referral);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: referral.boardId,
        recordType: 'referral',
        recordId: id,
        summary: { restrictedShown: view.child !== undefined },
      });
      return view;
    });
  }

  /**
   * The referral page, read through a board's address (a referral of any other board is not found, and
   * nothing is read or audited): the referral, its possible duplicates on the board and its timeline, in
   * one transaction with one audit event. The timeline is read after the event, so it shows this view.
   */
  async page(
    caller: Caller,
    boardId: string,
    id: string,
  ): Promise<{ referral: ReferralView; duplicates: PossibleDuplicate[]; timeline: { entries: TimelineEntry[]; total: number } }> {
    return inTransaction(this.deps.db, async (trx) => {
      const referral = await this.viewable(trx, caller, id);
      if (referral.boardId !== boardId) throw notFound('referral');
      const view = await this.readReferral(trx, caller, referral);
      const duplicates = await this.duplicatesOfReferral(trx, referral);
      await this.deps.audit.recordRead(trx, caller, {
        boardId: referral.boardId,
        recordType: 'referral',
        recordId: id,
        summary: { restrictedShown: view.child !== undefined, ...duplicatesSummary(duplicates) },
      });
      const timeline = await this.workflow.timeline(trx, { type: 'referral', id });
      return { referral: view, duplicates, timeline };
    });
  }

  /**
   * The referral's audit trail (who recorded and viewed it, and when), oldest first; same access as viewing
   * it. The read is audited (recordRead: as the route declares) in the same transaction, before the trail is read, so the trail
   * shows it.
   */
  async timeline(caller: Caller, referralId: string): Promise<{ entries: TimelineEntry[]; total: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const referral = await this.viewable(trx, caller, referralId);
      await this.deps.audit.recordRead(trx, caller, { boardId: referral.boardId, recordType: 'referral', recordId: referralId, summary: {} });
      return this.workflow.timeline(trx, { type: 'referral', id: referralId });
    });
  }
}
