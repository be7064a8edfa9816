// Family involvement in a review (issue 10 item 6): the review's people under pseudonyms kept for the review
// (contacts with the family and the reviewers' meetings with them are in family-contacts-repository.ts). Identities
// (the name and contact details of someone added during the review) are sealed at rest; a referral's
// person's identity stays on the referral and is opened from there, only with a cipher (for readers allowed
// restricted details).
//
// The review's people are one list (reviewPeople), made from the referrals the review covers (its own, then
// those linked, oldest link first: coveredReferrals) by syncReviewPeople — run in the transaction that makes
// the review cover a referral (the decision that creates the review, a link), never by a read — and from
// people added during the review. The rule that keeps a person who came from a referral from being listed twice:
//  - a referral's child is the same child as the child of a referral covered before it when both blind
//    indexes (name and date of birth, the keys the board's duplicate matching uses) are set and equal; that
//    child keeps the pseudonym of the first referral that named them (Child A), and the second referral's
//    child is recorded as another origin of the same person. Twins or siblings of one incident (one index
//    differs) and a child whose name or date of birth was not known stay separate people.
//  - a family member of a referral about the same child is the same person as one already listed from another
//    of those referrals when they are the same kind (family or significant person), with the same
//    relationship and the same name (both known, compared normalised); anyone else is a new person.
// Children keep their board pseudonym (Child A, from board_counters' child number); family members and
// significant persons are numbered on the review from 1 (one counter for both, board_counters
// 'review_family:<reviewId>'), in the order they were first listed, and keep their number.
// Once listed, a person stays on the review under their pseudonym (the chronology and reports refer to it),
// even if the referral that named them is later unlinked: pseudonyms are never renumbered or given again.
import { sql } from 'kysely';
import { comparePseudonyms, isPseudonymKind, type Pseudonym, type PseudonymKind, pseudonymForms } from '../../domain/pseudonyms.ts';
import { normaliseName } from '../../domain/referrals/referral.ts';
import { type Consent, type FamilyLanguage, familyCounter, type PersonSource } from '../../domain/reviews/family.ts';
import type { Dialect } from '../database.ts';
import { type FieldCipher, sealedPlace } from '../field-cipher.ts';
import type { Executor } from '../transaction.ts';
import { nextCounterValue } from './counters-repository.ts';
import { coveredReferrals } from './review-setup-repository.ts';

/** A person of the review as everyone allowed to see family material sees them: no identity. */
export interface ReviewPerson {
  id: string;
  kind: PseudonymKind;
  index: number;
  /** The pseudonym in both languages (pseudonymText): "Child A" / "Plentyn A", "Family member 2" / "Aelod o’r teulu 2". */
  en: string;
  cy: string;
  relationship: string | null;
  source: PersonSource;
  /** The referral a person came from (the first that named them); null for someone added during the review. */
  referralId: string | null;
  language: FamilyLanguage;
  languageOther: string | null;
  interpreterNeeded: boolean;
  consent: Consent;
  consentOn: string | null;
}

/** Where a referral's person came from, once per review. */
function childOrigin(referralId: string): string {
  return `child:${referralId}`;
}
function familyOrigin(familyMemberId: string): string {
  return `family:${familyMemberId}`;
}

async function originsOf(db: Executor, reviewId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('review_person_origins').select(['origin', 'person_id']).where('review_id', '=', reviewId).execute();
  return new Map(rows.map((r) => [r.origin, r.person_id]));
}

/**
 * Lists on the review every child and family member of the referrals it covers not listed yet (the rule
 * above), in the caller's transaction (the decision creating the review, a link); does nothing when all are.
 * The review's row is locked while people are added (PostgreSQL; SQLite's IMMEDIATE transaction holds the
 * write lock), so two changes at once (two links, a link and an added person) add them once. Returns how many people were added.
 */
export async function syncReviewPeople(
  db: Executor,
  dialect: Dialect,
  cipher: FieldCipher,
  review: { id: string; boardId: string; referralId: string },
  at: string,
  newId: () => string,
): Promise<number> {
  const coverage = async () => {
    const ids = (await coveredReferrals(db, review)).map((c) => c.referralId);
    const members = await db
      .selectFrom('family_members')
      .select(['id', 'referral_id', 'pseudonym_kind', 'pseudonym_index', 'is_significant_person', 'relationship', 'language', 'full_name', 'created_at'])
      .where('referral_id', 'in', ids)
      .execute();
    return { referralIds: ids, family: members, origins: await originsOf(db, review.id) };
  };
  let { referralIds, family, origins } = await coverage();
  const wanted = [...referralIds.map(childOrigin), ...family.map((f) => familyOrigin(f.id))];
  if (wanted.every((o) => origins.has(o))) return 0;
  if (dialect === 'postgres') {
    // Read again under the lock: a link committed meanwhile (another referral, its family) is then seen, so
    // its people are compared with, not listed twice.
    // NO KEY UPDATE: two syncs take turns, yet rows that only refer to the review (a link's review_referrals,
    // a person added at the same moment, whose foreign keys take KEY SHARE) never wait on it, so no deadlock.
    await sql`select id from reviews where id = ${review.id} for no key update`.execute(db);
    ({ referralIds, family, origins } = await coverage());
  }

  const children = await db
    .selectFrom('referral_children')
    .innerJoin('referrals', 'referrals.id', 'referral_children.referral_id')
    .select(['referrals.id', 'referrals.child_number', 'referral_children.name_index', 'referral_children.dob_index'])
    .where('referrals.id', 'in', referralIds)
    .execute();
  const childOf = new Map(children.map((c) => [c.id, c]));
  let added = 0;
  const addOrigin = async (origin: string, personId: string) => {
    await db.insertInto('review_person_origins').values({ review_id: review.id, origin, person_id: personId }).execute();
    origins.set(origin, personId);
  };

  // Children, in coverage order: the same child (both indexes equal) as one already listed is that person.
  for (const referralId of referralIds) {
    if (origins.has(childOrigin(referralId))) continue;
    const child = childOf.get(referralId);
    if (!child) continue;
    const earlier = referralIds.find((other) => {
      if (other === referralId || !origins.has(childOrigin(other))) return false;
      const c = childOf.get(other);
      return Boolean(child.name_index && child.dob_index && c && c.name_index === child.name_index && c.dob_index === child.dob_index);
    });
    if (earlier) {
      await addOrigin(childOrigin(referralId), origins.get(childOrigin(earlier)) ?? '');
      continue;
    }
    const id = newId();
    await insertPersonRow(db, {
      id,
      reviewId: review.id,
      pseudonym: { kind: 'child', index: Number(child.child_number) },
      source: 'referral',
      referralId,
      familyMemberId: null,
      relationship: null,
      language: 'en',
      createdBy: null,
      at,
    });
    await addOrigin(childOrigin(referralId), id);
    added++;
  }

  // Family members and significant persons, by referral in coverage order, then as the referral listed them.
  const byReferral = (id: string) => referralIds.indexOf(id);
  const ordered = [...family].sort(
    (a, b) => byReferral(a.referral_id) - byReferral(b.referral_id) || Number(a.pseudonym_index) - Number(b.pseudonym_index) || a.id.localeCompare(b.id),
  );
  const nameOf = (f: (typeof family)[number]) => {
    const name = cipher.open(f.full_name, sealedPlace('family_members', 'full_name', f.id));
    return name ? normaliseName(name) : '';
  };
  const kindOf = (f: (typeof family)[number]): PseudonymKind =>
    isPseudonymKind(f.pseudonym_kind) && f.pseudonym_kind !== 'child'
      ? f.pseudonym_kind
      : Number(f.is_significant_person) === 1
        ? 'significant_person'
        : 'family_member';
  for (const f of ordered) {
    if (origins.has(familyOrigin(f.id))) continue;
    const child = origins.get(childOrigin(f.referral_id));
    const name = nameOf(f);
    const same = name
      ? ordered.find(
          (o) =>
            o.id !== f.id &&
            o.referral_id !== f.referral_id &&
            origins.has(familyOrigin(o.id)) &&
            origins.get(childOrigin(o.referral_id)) === child &&
            kindOf(o) === kindOf(f) &&
            o.relationship.trim().toLowerCase() === f.relationship.trim().toLowerCase() &&
            nameOf(o) === name,
        )
      : undefined;
    if (same) {
      await addOrigin(familyOrigin(f.id), origins.get(familyOrigin(same.id)) ?? '');
      continue;
    }
    const id = newId();
    const index = await nextCounterValue(db, review.boardId, familyCounter(review.id));
    await insertPersonRow(db, {
      id,
      reviewId: review.id,
      pseudonym: { kind: kindOf(f), index },
      source: 'referral',
      referralId: f.referral_id,
      familyMemberId: f.id,
      relationship: f.relationship,
      language: f.language === 'cy' ? 'cy' : 'en',
      createdBy: null,
      at,
    });
    await addOrigin(familyOrigin(f.id), id);
    added++;
  }
  return added;
}

async function insertPersonRow(
  db: Executor,
  p: {
    id: string;
    reviewId: string;
    pseudonym: Pseudonym;
    source: PersonSource;
    referralId: string | null;
    familyMemberId: string | null;
    relationship: string | null;
    language: FamilyLanguage;
    fullName?: string | null;
    contactDetails?: string | null;
    createdBy: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('review_people')
    .values({
      id: p.id,
      review_id: p.reviewId,
      pseudonym_kind: p.pseudonym.kind,
      pseudonym_index: p.pseudonym.index,
      source: p.source,
      referral_id: p.referralId,
      family_member_id: p.familyMemberId,
      relationship: p.relationship,
      full_name: p.fullName ?? null,
      contact_details: p.contactDetails ?? null,
      language: p.language,
      language_other: null,
      interpreter_needed: 0,
      consent: 'not_asked',
      consent_on: null,
      created_by: p.createdBy,
      created_at: p.at,
      updated_at: p.at,
    })
    .execute();
}

/**
 * Adds a person during the review under the review's next number (family member or significant person),
 * their name and contact details sealed at rest. The number comes from the review's counter in the caller's
 * transaction: two people adding at once each get their own.
 */
export async function insertAddedPerson(
  db: Executor,
  cipher: FieldCipher,
  p: {
    id: string;
    reviewId: string;
    boardId: string;
    kind: 'family_member' | 'significant_person';
    relationship: string;
    fullName: string | null;
    contactDetails: string | null;
    language: FamilyLanguage;
    createdBy: string | null;
  },
  at: string,
): Promise<Pseudonym> {
  const index = await nextCounterValue(db, p.boardId, familyCounter(p.reviewId));
  const pseudonym: Pseudonym = { kind: p.kind, index };
  await insertPersonRow(db, {
    id: p.id,
    reviewId: p.reviewId,
    pseudonym,
    source: 'added',
    referralId: null,
    familyMemberId: null,
    relationship: p.relationship,
    language: p.language,
    fullName: cipher.seal(p.fullName, sealedPlace('review_people', 'full_name', p.id)),
    contactDetails: cipher.seal(p.contactDetails, sealedPlace('review_people', 'contact_details', p.id)),
    createdBy: p.createdBy,
    at,
  });
  return pseudonym;
}

/**
 * The review's people, pseudonymised (no identity): children first, then family members and significant
 * persons, each by number. What the chronology (issue 11) and the reports and their dictionary (issue 13)
 * refer to. People of the referrals the review covers are here from the change that made it cover each
 * (the decision that created it, a link: syncReviewPeople in that change's transaction).
 */
export async function reviewPeople(db: Executor, reviewId: string): Promise<ReviewPerson[]> {
  const rows = await db.selectFrom('review_people').selectAll().where('review_id', '=', reviewId).execute();
  return rows
    .map((r): ReviewPerson => {
      const kind: PseudonymKind = isPseudonymKind(r.pseudonym_kind) ? r.pseudonym_kind : 'significant_person';
      const forms = pseudonymForms({ kind, index: Number(r.pseudonym_index) });
      return {
        id: r.id,
        kind,
        index: forms.index,
        en: forms.en,
        cy: forms.cy,
        relationship: r.relationship,
        source: r.source === 'added' ? 'added' : 'referral',
        referralId: r.referral_id,
        language: (r.language === 'cy' || r.language === 'other' ? r.language : 'en') as FamilyLanguage,
        languageOther: r.language_other,
        interpreterNeeded: Number(r.interpreter_needed) === 1,
        consent: r.consent as Consent,
        consentOn: r.consent_on,
      };
    })
    .sort(comparePseudonyms);
}

/** The names and contact details of the review's people, by person id: for readers allowed restricted details only. */
export async function reviewPeopleIdentities(
  db: Executor,
  cipher: FieldCipher,
  reviewId: string,
): Promise<Map<string, { fullName: string | null; contactDetails: string | null }>> {
  const rows = await db
    .selectFrom('review_people as p')
    .leftJoin('family_members as f', 'f.id', 'p.family_member_id')
    .leftJoin('referral_children as c', (j) => j.onRef('c.referral_id', '=', 'p.referral_id').on('p.pseudonym_kind', '=', 'child'))
    .select([
      'p.id',
      'p.source',
      'p.pseudonym_kind',
      'p.referral_id',
      'p.full_name',
      'p.contact_details',
      'f.id as fid',
      'f.full_name as f_name',
      'f.contact_details as f_contact',
      'c.full_name as c_name',
    ])
    .where('p.review_id', '=', reviewId)
    .execute();
  const out = new Map<string, { fullName: string | null; contactDetails: string | null }>();
  for (const r of rows) {
    if (r.source === 'added') {
      out.set(r.id, {
        fullName: cipher.open(r.full_name, sealedPlace('review_people', 'full_name', r.id)),
        contactDetails: cipher.open(r.contact_details, sealedPlace('review_people', 'contact_details', r.id)),
      });
    } else if (r.fid) {
      out.set(r.id, {
        fullName: cipher.open(r.f_name, sealedPlace('family_members', 'full_name', r.fid)),
        contactDetails: cipher.open(r.f_contact, sealedPlace('family_members', 'contact_details', r.fid)),
      });
    } else if (r.referral_id) {
      out.set(r.id, { fullName: cipher.open(r.c_name ?? null, sealedPlace('referral_children', 'full_name', r.referral_id)), contactDetails: null });
    }
  }
  return out;
}

/** Records a family member's language and consent. */
export async function updateLanguageConsent(
  db: Executor,
  personId: string,
  d: { language: FamilyLanguage; languageOther: string | null; interpreterNeeded: boolean; consent: Consent; consentOn: string | null },
  at: string,
): Promise<void> {
  await db
    .updateTable('review_people')
    .set({
      language: d.language,
      language_other: d.languageOther,
      interpreter_needed: d.interpreterNeeded ? 1 : 0,
      consent: d.consent,
      consent_on: d.consentOn,
      updated_at: at,
    })
    .where('id', '=', personId)
    .execute();
}
