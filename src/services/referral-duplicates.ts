// Possible duplicates of a referral (issue 3 §6): the same child (by the blind indexes of their name and
// date of birth on the board, which reveal nothing without the key) or the same incident. The matching
// only: who may search, and the audit of each search, are the referral service's.
import type { FieldCipher } from '../db/field-cipher.ts';
import { duplicateCandidates } from '../db/repositories/referrals-repository.ts';
import type { Executor } from '../db/transaction.ts';
import { childPseudonym, type Pseudonym } from '../domain/pseudonyms.ts';
import { type IncidentType, likelyDuplicates, normaliseName } from '../domain/referrals/referral.ts';

export interface PossibleDuplicate {
  referralId: string;
  /** The other referral's child. */
  pseudonym: Pseudonym;
  reason: 'same_child' | 'same_incident';
}

/** What a search is about: a referral's board, child, incident date and type (recorded or not yet). */
export interface DuplicateQuery {
  boardId: string;
  /** Matched on name and date of birth; the rest of what a referral says of the child is not used. */
  child: { fullName: string | null; dateOfBirthOn: string | null; address?: string | null; isDeceased?: boolean };
  incidentOn: string;
  incidentType: IncidentType;
}

/** What an audit event says about a duplicate search: how many were found and which (ids only). */
export function duplicatesSummary(found: readonly PossibleDuplicate[]) {
  return { duplicates: found.length, duplicateIds: found.map((d) => d.referralId) };
}

/** The child's blind indexes on the board: keys for duplicate matching that reveal nothing without the key. */
export function childIndexes(cipher: FieldCipher, boardId: string, child: { fullName: string | null; dateOfBirthOn: string | null }) {
  const name = child.fullName ? normaliseName(child.fullName) : '';
  return {
    nameIndex: name ? cipher.blindIndex('child_name', boardId, name) : null,
    dobIndex: child.dateOfBirthOn ? cipher.blindIndex('child_dob', boardId, child.dateOfBirthOn) : null,
  };
}

/** The matching itself (no permission check, no audit): candidates of the board, then the domain's rule. */
export async function matchDuplicates(db: Executor, cipher: FieldCipher, input: DuplicateQuery, exceptReferralId?: string): Promise<PossibleDuplicate[]> {
  const indexes = childIndexes(cipher, input.boardId, input.child);
  const candidates = (await duplicateCandidates(db, input.boardId, { ...indexes, incidentOn: input.incidentOn })).filter(
    (c) => c.referralId !== exceptReferralId,
  );
  const found = likelyDuplicates(
    { nameKey: indexes.nameIndex, dobKey: indexes.dobIndex, incidentOn: input.incidentOn, incidentType: input.incidentType },
    candidates.map((c) => ({ ...c, incidentType: c.incidentType as IncidentType })),
  );
  return found.map((f) => ({ ...f, pseudonym: childPseudonym(Number(candidates.find((c) => c.referralId === f.referralId)?.childNumber)) }));
}
