// Referrals and what hangs off them. Restricted child details are read only when asked for.
import { childPseudonym, familyPseudonym, isPseudonymKind, type Pseudonym } from '../../domain/pseudonyms.ts';
import type { AbuseOrNeglect, ChildPeriodKind, IncidentType, ProceedingStatus, ProceedingType, ReferralStatus } from '../../domain/referrals/referral.ts';
import { type FieldCipher, sealedPlace } from '../field-cipher.ts';
import type { Executor } from '../transaction.ts';
import { CHILD_NUMBER, nextCounterValue } from './counters-repository.ts';

export interface ReferralRecord {
  id: string;
  boardId: string;
  /** The child's number on the board (board_counters): the index of its pseudonym. */
  childNumber: number;
  /** The child's pseudonym, { kind: 'child', index: childNumber }: written in the reader's language when shown (pseudonymText). */
  pseudonym: Pseudonym;
  status: ReferralStatus;
  referringAgencyId: string | null;
  referrerName: string | null;
  referrerRole: string | null;
  referrerEmail: string | null;
  /** The referrer with an account (referrerName is their name when the referral was recorded); null for someone without one. */
  referrerPersonId: string | null;
  /** The language of emails to a referrer without an account. */
  referrerLanguage: 'en' | 'cy' | null;
  receivedOn: string;
  incidentOn: string;
  incidentType: IncidentType;
  impairmentIdentifiedOn: string | null;
  abuseOrNeglect: AbuseOrNeglect;
  inBoardArea: boolean;
  initialFacts: string;
  /** England: the date the board became aware of the incident (null in Wales). */
  awareOn: string | null;
  /** England: the date the Child Safeguarding Practice Review Panel was notified, once recorded. */
  nationalPanelNotifiedOn: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RestrictedChild {
  fullName: string | null;
  dateOfBirthOn: string | null;
  address: string | null;
  isDeceased: boolean;
}

/** Keyed blind indexes of the child's normalised name and date of birth (FieldCipher.blindIndex). */
export interface ChildIndexes {
  nameIndex: string | null;
  dobIndex: string | null;
}

export interface ChildPeriodRecord {
  id: string;
  kind: ChildPeriodKind;
  startOn: string;
  endOn: string | null;
}

export interface FamilyMemberRecord {
  id: string;
  pseudonym: Pseudonym;
  relationship: string;
  isSignificantPerson: boolean;
  language: 'en' | 'cy';
  fullName: string | null;
  contactDetails: string | null;
}

export interface ProceedingRecord {
  id: string;
  proceedingType: ProceedingType;
  status: ProceedingStatus;
  liaisonContact: string | null;
  expectedEndOn: string | null;
  concludedOn: string | null;
}

/** A stored family member's pseudonym; a kind this code does not know is read from the significant-person flag. */
function storedFamilyPseudonym(kind: string, index: number, isSignificantPerson: boolean): Pseudonym {
  return isPseudonymKind(kind) && kind !== 'child' ? { kind, index } : familyPseudonym(isSignificantPerson, index);
}

/** The board's next child number (its pseudonym: 1 → Child A), taken from the board's counter in the caller's transaction. */
export async function nextChildNumber(db: Executor, boardId: string): Promise<number> {
  return nextCounterValue(db, boardId, CHILD_NUMBER);
}

export async function insertReferral(
  db: Executor,
  cipher: FieldCipher,
  r: ReferralRecord,
  child: RestrictedChild & ChildIndexes,
  periods: ChildPeriodRecord[],
  family: FamilyMemberRecord[],
  agencyIds: string[],
  proceedings: ProceedingRecord[],
): Promise<void> {
  await db
    .insertInto('referrals')
    .values({
      id: r.id,
      board_id: r.boardId,
      child_number: r.childNumber,
      status: r.status,
      referring_agency_id: r.referringAgencyId,
      referrer_name: r.referrerName,
      referrer_role: r.referrerRole,
      referrer_email: r.referrerEmail,
      referrer_person_id: r.referrerPersonId,
      referrer_language: r.referrerLanguage,
      received_on: r.receivedOn,
      incident_on: r.incidentOn,
      incident_type: r.incidentType,
      impairment_identified_on: r.impairmentIdentifiedOn,
      abuse_or_neglect: r.abuseOrNeglect,
      in_board_area: r.inBoardArea ? 1 : 0,
      initial_facts: r.initialFacts,
      aware_on: r.awareOn,
      national_panel_notified_on: r.nationalPanelNotifiedOn,
      created_by: r.createdBy,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    })
    .execute();
  await db
    .insertInto('referral_children')
    .values({
      referral_id: r.id,
      full_name: cipher.seal(child.fullName, sealedPlace('referral_children', 'full_name', r.id)),
      name_normalised: null,
      date_of_birth_on: cipher.seal(child.dateOfBirthOn, sealedPlace('referral_children', 'date_of_birth_on', r.id)),
      address: cipher.seal(child.address, sealedPlace('referral_children', 'address', r.id)),
      is_deceased: child.isDeceased ? 1 : 0,
      name_index: child.nameIndex,
      dob_index: child.dobIndex,
    })
    .execute();
  if (periods.length > 0) {
    await db
      .insertInto('child_periods')
      .values(periods.map((p) => ({ id: p.id, referral_id: r.id, kind: p.kind, start_on: p.startOn, end_on: p.endOn })))
      .execute();
  }
  if (family.length > 0) {
    await db
      .insertInto('family_members')
      .values(
        family.map((f) => ({
          id: f.id,
          referral_id: r.id,
          pseudonym_kind: f.pseudonym.kind,
          pseudonym_index: f.pseudonym.index,
          relationship: f.relationship,
          is_significant_person: f.isSignificantPerson ? 1 : 0,
          language: f.language,
          full_name: cipher.seal(f.fullName, sealedPlace('family_members', 'full_name', f.id)),
          contact_details: cipher.seal(f.contactDetails, sealedPlace('family_members', 'contact_details', f.id)),
          created_at: r.createdAt,
        })),
      )
      .execute();
  }
  if (agencyIds.length > 0) {
    await db
      .insertInto('referral_agencies')
      .values(agencyIds.map((agency_id) => ({ referral_id: r.id, agency_id })))
      .execute();
  }
  if (proceedings.length > 0) {
    await db
      .insertInto('parallel_proceedings')
      .values(
        proceedings.map((p) => ({
          id: p.id,
          referral_id: r.id,
          review_id: null,
          proceeding_type: p.proceedingType,
          status: p.status,
          liaison_contact: p.liaisonContact,
          expected_end_on: p.expectedEndOn,
          concluded_on: p.concludedOn,
          created_at: r.createdAt,
          updated_at: r.createdAt,
        })),
      )
      .execute();
  }
}

export async function findReferral(db: Executor, id: string): Promise<ReferralRecord | undefined> {
  const row = await db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    boardId: row.board_id,
    childNumber: Number(row.child_number),
    pseudonym: childPseudonym(Number(row.child_number)),
    status: row.status as ReferralStatus,
    referringAgencyId: row.referring_agency_id,
    referrerName: row.referrer_name,
    referrerRole: row.referrer_role,
    referrerEmail: row.referrer_email,
    referrerPersonId: row.referrer_person_id,
    referrerLanguage: row.referrer_language === 'cy' ? 'cy' : row.referrer_language === 'en' ? 'en' : null,
    receivedOn: row.received_on,
    incidentOn: row.incident_on,
    incidentType: row.incident_type as IncidentType,
    impairmentIdentifiedOn: row.impairment_identified_on,
    abuseOrNeglect: row.abuse_or_neglect as AbuseOrNeglect,
    inBoardArea: row.in_board_area === 1,
    initialFacts: row.initial_facts,
    awareOn: row.aware_on,
    nationalPanelNotifiedOn: row.national_panel_notified_on,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findRestrictedChild(db: Executor, cipher: FieldCipher, referralId: string): Promise<RestrictedChild | undefined> {
  const row = await db.selectFrom('referral_children').selectAll().where('referral_id', '=', referralId).executeTakeFirst();
  if (!row) return undefined;
  return {
    fullName: cipher.open(row.full_name, sealedPlace('referral_children', 'full_name', referralId)),
    dateOfBirthOn: cipher.open(row.date_of_birth_on, sealedPlace('referral_children', 'date_of_birth_on', referralId)),
    address: cipher.open(row.address, sealedPlace('referral_children', 'address', referralId)),
    isDeceased: Number(row.is_deceased) === 1,
  };
}

/**
 * What hangs off a referral. Family members' names and contact details are decrypted only with a cipher
 * (for readers allowed restricted details); without one they are null.
 */
export async function referralDetails(db: Executor, referralId: string, cipher?: FieldCipher) {
  const [periods, family, agencies, proceedings] = await Promise.all([
    db.selectFrom('child_periods').selectAll().where('referral_id', '=', referralId).orderBy('start_on').execute(),
    db.selectFrom('family_members').selectAll().where('referral_id', '=', referralId).orderBy('pseudonym_index').orderBy('id').execute(),
    db.selectFrom('referral_agencies').select('agency_id').where('referral_id', '=', referralId).execute(),
    db.selectFrom('parallel_proceedings').selectAll().where('referral_id', '=', referralId).orderBy('created_at').execute(),
  ]);
  return {
    periods: periods.map((p): ChildPeriodRecord => ({ id: p.id, kind: p.kind as ChildPeriodKind, startOn: p.start_on, endOn: p.end_on })),
    family: family.map(
      (f): FamilyMemberRecord => ({
        id: f.id,
        pseudonym: storedFamilyPseudonym(f.pseudonym_kind, Number(f.pseudonym_index), Number(f.is_significant_person) === 1),
        relationship: f.relationship,
        isSignificantPerson: Number(f.is_significant_person) === 1,
        language: f.language === 'cy' ? 'cy' : 'en',
        fullName: cipher ? cipher.open(f.full_name, sealedPlace('family_members', 'full_name', f.id)) : null,
        contactDetails: cipher ? cipher.open(f.contact_details, sealedPlace('family_members', 'contact_details', f.id)) : null,
      }),
    ),
    agencyIds: agencies.map((a) => a.agency_id),
    proceedings: proceedings.map(
      (p): ProceedingRecord => ({
        id: p.id,
        proceedingType: p.proceeding_type as ProceedingType,
        status: p.status as ProceedingStatus,
        liaisonContact: p.liaison_contact,
        expectedEndOn: p.expected_end_on,
        concludedOn: p.concluded_on,
      }),
    ),
  };
}

/**
 * Referrals of a board that may concern the same child or incident, for duplicate warnings: matched on the
 * keyed blind indexes of the child's name and date of birth, or the incident date (nothing in plaintext).
 */
export async function duplicateCandidates(db: Executor, boardId: string, q: ChildIndexes & { incidentOn: string }) {
  return db
    .selectFrom('referrals')
    .innerJoin('referral_children', 'referral_children.referral_id', 'referrals.id')
    .select([
      'referrals.id as referralId',
      'referrals.child_number as childNumber',
      'referral_children.name_index as nameKey',
      'referral_children.dob_index as dobKey',
      'referrals.incident_on as incidentOn',
      'referrals.incident_type as incidentType',
    ])
    .where('referrals.board_id', '=', boardId)
    .where((eb) => {
      const ors = [eb('referrals.incident_on', '=', q.incidentOn)];
      if (q.nameIndex) ors.push(eb('referral_children.name_index', '=', q.nameIndex));
      if (q.dobIndex) ors.push(eb('referral_children.dob_index', '=', q.dobIndex));
      return eb.or(ors);
    })
    .limit(50)
    .execute();
}

/** Records the date the Child Safeguarding Practice Review Panel was notified, once: false when it already was. */
export async function setNationalPanelNotifiedOn(db: Executor, referralId: string, notifiedOn: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('referrals')
    .set({ national_panel_notified_on: notifiedOn, updated_at: at })
    .where('id', '=', referralId)
    .where('national_panel_notified_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A person who may be recorded as a referral's referrer: active, with a role in effect on the board. */
export interface ReferrerCandidate {
  personId: string;
  fullName: string;
  jobTitle: string | null;
  email: string;
  language: 'en' | 'cy';
}

/** The active people holding a role on the board, by name: those who may be named as a referral's referrer. */
export async function listReferrerCandidates(db: Executor, boardId: string, personId?: string): Promise<ReferrerCandidate[]> {
  let q = db
    .selectFrom('people')
    .select(['people.id', 'people.full_name', 'people.job_title', 'people.email', 'people.language'])
    .where('people.deactivated_at', 'is', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('role_assignments')
          .select('role_assignments.id')
          .whereRef('role_assignments.person_id', '=', 'people.id')
          .where('role_assignments.board_id', '=', boardId)
          .where('role_assignments.ended_at', 'is', null),
      ),
    );
  if (personId) q = q.where('people.id', '=', personId);
  const rows = await q.orderBy('people.full_name').orderBy('people.id').limit(2000).execute();
  return rows.map((r) => ({
    personId: r.id,
    fullName: r.full_name,
    jobTitle: r.job_title,
    email: r.email,
    language: r.language === 'cy' ? 'cy' : 'en',
  }));
}
