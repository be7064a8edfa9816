// The anonymisation check's scan (issue 13 item 2): what the scanner is given for a review — its dictionary opened
// (inside the service only: never shown to those who may not identify), the dates of birth of the children of the
// referrals it covers, the words its documents rightly use (the dictionary's published terms, the board's and the
// involved agencies' names) — and each section of the document scanned into findings with their context and
// fingerprint, a decision carried from the check scanned before where the same finding was accepted there.
import type { FieldCipher } from '../../db/field-cipher.ts';
import { type NewFinding, reviewKnownNames } from '../../db/repositories/anonymisation-repository.ts';
import { identifiedEntries } from '../../db/repositories/dictionary-repository.ts';
import { findRestrictedChild } from '../../db/repositories/referrals-repository.ts';
import { coveredReferrals } from '../../db/repositories/review-setup-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import type { Executor } from '../../db/transaction.ts';
import type { IsoDate } from '../../domain/clock/dates.ts';
import { fingerprintSource } from '../../domain/publication/checklist.ts';
import type { DictionaryCategory } from '../../domain/publication/dictionary.ts';
import { findingContext, type ScanDictionaryEntry } from '../../domain/publication/findings.ts';
import { scanText } from '../../domain/publication/scanner.ts';
import { newId } from '../context.ts';
import type { PublishableDocument } from './publishable.ts';

export interface ScanMaterial {
  dictionary: ScanDictionaryEntry[];
  datesOfBirth: IsoDate[];
  knownTerms: string[];
}

/** What the scanner is given for the review (read in the scan's transaction). */
export async function scanMaterial(trx: Executor, cipher: FieldCipher, review: ReviewRow): Promise<ScanMaterial> {
  const entries = await identifiedEntries(trx, cipher, review.id);
  const dictionary = entries.map((e) => ({
    id: e.id,
    category: e.category as DictionaryCategory,
    realIdentifier: e.realIdentifier,
    termEn: e.termEn,
    termCy: e.termCy,
  }));
  const datesOfBirth: IsoDate[] = [];
  for (const covered of await coveredReferrals(trx, review)) {
    const dob = (await findRestrictedChild(trx, cipher, covered.referralId))?.dateOfBirthOn;
    if (dob) datesOfBirth.push(dob as IsoDate);
  }
  const knownTerms = [...entries.flatMap((e) => [e.termEn, e.termCy]), ...(await reviewKnownNames(trx, review.id, review.boardId))];
  return { dictionary, datesOfBirth, knownTerms };
}

/** A decision of an earlier scan, by fingerprint: an accepted finding, with its reason, who and when. */
export interface CarriedDecision {
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/**
 * The document scanned section by section into findings (document order), each with its context and keyed
 * fingerprint; a finding whose fingerprint was accepted in the check scanned before stays accepted.
 */
export async function scanDocument(
  cipher: FieldCipher,
  review: ReviewRow,
  doc: PublishableDocument,
  material: ScanMaterial,
  accepted: ReadonlyMap<string, CarriedDecision>,
): Promise<NewFinding[]> {
  const out: NewFinding[] = [];
  for (const section of doc.sections) {
    if (section.text.trim() === '') continue;
    const found = await scanText({ text: section.text, language: doc.language, ...material });
    const ordered = [...found].sort((a, b) => a.start - b.start || a.end - b.end);
    for (const f of ordered) {
      const fingerprint = cipher.blindIndex('anonymisation_finding', review.id, fingerprintSource(f.kind, section.text, f.start, f.end));
      const carried = accepted.get(fingerprint);
      const context = findingContext(section.text, f);
      out.push({
        id: newId(),
        position: out.length,
        section: section.id,
        kind: f.kind,
        start: f.start,
        end: f.end,
        confidence: f.confidence,
        entryId: f.entryId ?? null,
        match: context.match,
        before: context.before,
        after: context.after,
        fingerprint,
        decision: carried ? 'accepted' : 'open',
        reason: carried?.reason ?? null,
        decidedBy: carried?.decidedBy ?? null,
        decidedAt: carried?.decidedAt ?? null,
      });
    }
  }
  return out;
}
