// Recording and reading referrals (issue 3 §3, §6). Case material: every view is audited in the same
// transaction as the read; restricted child and family details only for roles that need them.

import type { Db } from '../db/database.ts';
import type { FieldCipher } from '../db/field-cipher.ts';
import { auditEventsForRecord, type RecordAuditEntry } from '../db/repositories/audit-repository.ts';
import { findAgency, findBoard } from '../db/repositories/organisation-repository.ts';
import {
  duplicateCandidates,
  findReferral,
  findRestrictedChild,
  insertReferral,
  nextChildNumber,
  type ReferralRecord,
  type RestrictedChild,
  referralDetails,
} from '../db/repositories/referrals-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { can } from '../domain/permissions.ts';
import {
  type AbuseOrNeglect,
  type ChildPeriodKind,
  childPseudonym,
  type IncidentType,
  likelyDuplicates,
  normaliseName,
  type ProceedingStatus,
  type ProceedingType,
  periodProblems,
  referralDateProblems,
} from '../domain/referrals/referral.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, type FieldErrors, forbidden, invalid, newId, notFound } from './context.ts';

export interface ReferralInput {
  boardId: string;
  referringAgencyId: string | null;
  referrerName: string | null;
  referrerRole: string | null;
  /** Where the decision is sent; when absent, the person who recorded the referral is told. */
  referrerEmail?: string | null;
  receivedOn: string;
  incidentOn: string;
  incidentType: IncidentType;
  impairmentIdentifiedOn: string | null;
  abuseOrNeglect: AbuseOrNeglect;
  inBoardArea: boolean;
  initialFacts: string;
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
    pseudonym: string;
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

export class ReferralService {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService; cipher: FieldCipher }) {}

  /** The child's blind indexes on the board: keys for duplicate matching that reveal nothing without the key. */
  private childIndexes(boardId: string, child: { fullName: string | null; dateOfBirthOn: string | null }) {
    const name = child.fullName ? normaliseName(child.fullName) : '';
    return {
      nameIndex: name ? this.deps.cipher.blindIndex('child_name', boardId, name) : null,
      dobIndex: child.dateOfBirthOn ? this.deps.cipher.blindIndex('child_dob', boardId, child.dateOfBirthOn) : null,
    };
  }

  private today(): string {
    return this.deps.clock.now().toISOString().slice(0, 10);
  }

  /** Checks everything that can be checked without writing; returns field errors (locale keys). */
  async validate(caller: Caller, input: ReferralInput): Promise<FieldErrors> {
    if (!can(caller.actor, 'referral.create', { boardId: input.boardId })) throw forbidden();
    const db = this.deps.db.kysely;
    const errors: FieldErrors = { ...referralDateProblems({ incidentOn: input.incidentOn, receivedOn: input.receivedOn, today: this.today() }) };
    if (input.impairmentIdentifiedOn && input.impairmentIdentifiedOn > this.today()) errors.impairmentIdentifiedOn = 'referral.impairmentInFuture';
    if (input.child.dateOfBirthOn && input.child.dateOfBirthOn > input.incidentOn) errors.dateOfBirth = 'referral.bornAfterIncident';
    if (!input.initialFacts.trim()) errors.initialFacts = 'referral.factsRequired';
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

  /** Referrals about the same child or incident already on the board (the form warns before saving). */
  async possibleDuplicates(caller: Caller, input: Pick<ReferralInput, 'boardId' | 'child' | 'incidentOn' | 'incidentType'>) {
    if (!can(caller.actor, 'referral.create', { boardId: input.boardId })) throw forbidden();
    const indexes = this.childIndexes(input.boardId, input.child);
    const candidates = await duplicateCandidates(this.deps.db.kysely, input.boardId, { ...indexes, incidentOn: input.incidentOn });
    const found = likelyDuplicates(
      { nameKey: indexes.nameIndex, dobKey: indexes.dobIndex, incidentOn: input.incidentOn, incidentType: input.incidentType },
      candidates.map((c) => ({ ...c, incidentType: c.incidentType as IncidentType })),
    );
    return found.map((f) => ({ ...f, childCode: candidates.find((c) => c.referralId === f.referralId)?.childCode ?? '' }));
  }

  async create(caller: Caller, input: ReferralInput): Promise<ReferralRecord> {
    const errors = await this.validate(caller, input);
    if (Object.keys(errors).length > 0) throw invalid(errors);
    return inTransaction(this.deps.db, async (trx) => {
      if (!(await findBoard(trx, input.boardId))) throw notFound('board');
      const at = this.deps.clock.now().toISOString();
      const childNumber = await nextChildNumber(trx, input.boardId);
      const record: ReferralRecord = {
        id: newId(),
        boardId: input.boardId,
        childNumber,
        childCode: childPseudonym(childNumber),
        status: 'referred',
        referringAgencyId: input.referringAgencyId,
        referrerName: input.referrerName,
        referrerRole: input.referrerRole,
        referrerEmail: input.referrerEmail ?? null,
        receivedOn: input.receivedOn,
        incidentOn: input.incidentOn,
        incidentType: input.incidentType,
        impairmentIdentifiedOn: input.impairmentIdentifiedOn,
        abuseOrNeglect: input.abuseOrNeglect,
        inBoardArea: input.inBoardArea,
        initialFacts: input.initialFacts,
        createdBy: caller.actor?.personId ?? null,
        createdAt: at,
        updatedAt: at,
      };
      await insertReferral(
        trx,
        this.deps.cipher,
        record,
        { ...input.child, ...this.childIndexes(input.boardId, input.child) },
        input.periods.map((p) => ({ id: newId(), ...p })),
        input.familyMembers.map((f, i) => ({ id: newId(), pseudonym: `${f.isSignificantPerson ? 'Person' : 'Family member'} ${i + 1}`, ...f })),
        [...new Set(input.agenciesInvolved)],
        input.proceedings.map((p) => ({ id: newId(), concludedOn: null, ...p })),
      );
      await this.deps.audit.record(trx, caller, {
        boardId: input.boardId,
        recordType: 'referral',
        recordId: record.id,
        summary: {
          childCode: record.childCode,
          incidentType: record.incidentType,
          abuseOrNeglect: record.abuseOrNeglect,
          periods: input.periods.length,
          familyMembers: input.familyMembers.length,
          agenciesInvolved: input.agenciesInvolved.length,
          proceedings: input.proceedings.length,
        },
      });
      return record;
    });
  }

  /** Reads a referral; the read is audited (caller.action, e.g. REFERRAL_VIEWED) in the same transaction. */
  async get(caller: Caller, id: string): Promise<ReferralView> {
    return inTransaction(this.deps.db, async (trx) => {
      const referral = await findReferral(trx, id);
      // Another board's referral, or no permission: the same answer as a missing one.
      if (!referral || !can(caller.actor, 'referral.view', { boardId: referral.boardId })) throw notFound('referral');
      const restricted = can(caller.actor, 'referral.view_restricted', { boardId: referral.boardId });
      const details = await referralDetails(trx, id, restricted ? this.deps.cipher : undefined);
      const child = restricted ? await findRestrictedChild(trx, this.deps.cipher, id) : undefined;
      await this.deps.audit.record(trx, caller, {
        boardId: referral.boardId,
        recordType: 'referral',
        recordId: id,
        summary: { restrictedShown: restricted },
      });
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
    });
  }

  /** A referral read through a board's address: a referral of any other board is not found (nothing is read or audited). */
  async getOnBoard(caller: Caller, boardId: string, id: string): Promise<ReferralView> {
    const referral = await findReferral(this.deps.db.kysely, id);
    if (!referral || referral.boardId !== boardId) throw notFound('referral');
    return this.get(caller, id);
  }

  /** The referral's audit trail (who recorded and viewed it, and when), oldest first; same access as viewing it. */
  async timeline(caller: Caller, referralId: string): Promise<{ entries: RecordAuditEntry[]; total: number }> {
    const referral = await findReferral(this.deps.db.kysely, referralId);
    if (!referral || !can(caller.actor, 'referral.view', { boardId: referral.boardId })) throw notFound('referral');
    return auditEventsForRecord(this.deps.db.kysely, referralId);
  }
}
