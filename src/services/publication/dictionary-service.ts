// A review's bilingual pseudonym dictionary (issue 13 item 1; DOMAIN.md §6.7): each real identifier of the
// case and the term published in its place, in English and Welsh. Who may do what (src/domain/permissions.ts):
// dictionary.view — the published terms (the business unit, the board chair, information governance, the
// panel, the author); dictionary.identify — the real identifiers, restricted fields (the board's roles allowed
// restricted details); dictionary.manage — add, change, remove, and build from the review's people (the
// business unit, the panel chair, the author). An agency's roles hold none. A manager who may not see real
// identifiers types one when adding an entry and never reads it back: changing an entry, they leave it blank
// to keep it. (The rules between entries still speak of "another entry's real name" to them: that says a
// name they typed is in the dictionary already, not which.) Every read is audited as case material (saying
// whether the real identifiers were shown); every change is audited in its transaction with ids, the category and field names, never a real
// identifier or a term. A change names the version its editor read: a stale one is a conflict (409).
import type { Db } from '../../db/database.ts';
import type { FieldCipher } from '../../db/field-cipher.ts';
import {
  countEntries,
  type DictionaryEntryRow,
  deleteEntry,
  dictionaryEntries,
  type IdentifiedEntryRow,
  identifiedEntries,
  insertEntry,
  lockDictionary,
  updateEntry,
} from '../../db/repositories/dictionary-repository.ts';
import { reviewPeople, reviewPeopleIdentities } from '../../db/repositories/family-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { type PseudonymKind, pseudonymText } from '../../domain/pseudonyms.ts';
import { type CheckedEntry, checkEntry, type DictionaryCategory, type EntryInput, foldTerm } from '../../domain/publication/dictionary.ts';
import type { AuditService } from '../audit-service.ts';
import { type Caller, type Clock, invalid, newId, notFound, ServiceError } from '../context.ts';
import { mayOnReview, type ReviewScope, reviewInScope } from '../review-access.ts';

export interface DictionaryDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  cipher: FieldCipher;
}

/** An entry as a reader sees it: the real identifier only for those who may see it. */
export type DictionaryEntryView = DictionaryEntryRow & { realIdentifier?: string };

export interface DictionaryView {
  review: ReviewRow;
  entries: DictionaryEntryView[];
  /** Whether the real identifiers are shown. */
  identified: boolean;
  canManage: boolean;
  /** The review's people not in the dictionary yet (what "build from the review's people" would add). */
  peopleToAdd: number;
}

/** The category an entry built from one of the review's people takes, by the pseudonym's kind. */
const PERSON_CATEGORY: Record<PseudonymKind, DictionaryCategory> = { child: 'child', family_member: 'other_family', significant_person: 'other' };

const changedSinceRead = () => new ServiceError('conflict', 'dictionary.changedSinceRead', { form: 'dictionary:errors.changedSinceRead' });

export class DictionaryService {
  constructor(private readonly deps: DictionaryDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private entriesFor(trx: Executor, caller: Caller, review: ReviewRow): Promise<DictionaryEntryView[]> {
    return mayOnReview(caller, review, 'dictionary.identify') ? identifiedEntries(trx, this.deps.cipher, review.id) : dictionaryEntries(trx, review.id);
  }

  /** The people of the review not yet in the dictionary. */
  private async peopleNotIn(trx: Executor, reviewId: string, entries: readonly DictionaryEntryRow[]) {
    const inDictionary = new Set(entries.map((e) => e.reviewPersonId).filter(Boolean));
    return (await reviewPeople(trx, reviewId)).filter((p) => !inDictionary.has(p.id));
  }

  /** The review's dictionary as the reader may see it. Audited as case material (and whether the real identifiers were shown). */
  async list(caller: Caller, scope: ReviewScope): Promise<DictionaryView> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'dictionary.view');
      const identified = mayOnReview(caller, review, 'dictionary.identify');
      const entries = await this.entriesFor(trx, caller, review);
      const canManage = mayOnReview(caller, review, 'dictionary.manage');
      const peopleToAdd = canManage ? (await this.peopleNotIn(trx, review.id, entries)).length : 0;
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { entries: entries.length, identified },
      });
      return { review, entries, identified, canManage, peopleToAdd };
    });
  }

  /**
   * One entry for its change or removal form (dictionary.manage), its real identifier opened for those who
   * may see it. Audited (saying whether it was shown).
   */
  async entry(
    caller: Caller,
    scope: ReviewScope,
    id: string | null,
  ): Promise<{ review: ReviewRow; entry: DictionaryEntryView | null; identified: boolean; taken: { en: string[]; cy: string[] } }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'dictionary.manage');
      const identified = mayOnReview(caller, review, 'dictionary.identify');
      const entries = await this.entriesFor(trx, caller, review);
      const entry = id === null ? null : (entries.find((e) => e.id === id) ?? null);
      if (id !== null && !entry) throw notFound('dictionary entry');
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { entryId: entry?.id ?? null, identified: identified && entry !== null },
      });
      return { review, entry, identified, taken: { en: entries.map((e) => e.termEn), cy: entries.map((e) => e.termCy) } };
    });
  }

  /**
   * The review's entries, their real identifiers opened, with the dictionary locked for the rest of the change's
   * transaction: what a change is checked against is what the others are when it is written.
   */
  private async lockedEntries(trx: Executor, review: ReviewRow) {
    await lockDictionary(trx, this.deps.db.dialect, review.id);
    return identifiedEntries(trx, this.deps.cipher, review.id);
  }

  /** The entry checked against the review's other entries (read with `lockedEntries`). */
  private checked(input: EntryInput, entries: readonly IdentifiedEntryRow[], exceptId: string | null): CheckedEntry {
    const result = checkEntry(
      input,
      entries.filter((e) => e.id !== exceptId),
    );
    if (!result.ok) throw invalid(result.errors);
    return result.value;
  }

  private values(v: CheckedEntry) {
    return { ...v, termEnKey: foldTerm(v.termEn), termCyKey: foldTerm(v.termCy) };
  }

  /** Adds an entry (dictionary.manage). */
  async add(caller: Caller, scope: ReviewScope, input: EntryInput): Promise<{ id: string; version: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'dictionary.manage');
      const value = this.checked(input, await this.lockedEntries(trx, review), null);
      const id = newId();
      await insertEntry(trx, this.deps.cipher, {
        ...this.values(value),
        id,
        reviewId: review.id,
        boardId: review.boardId,
        reviewPersonId: null,
        by: caller.actor?.personId ?? null,
        at: this.now(),
      });
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { entryId: id, category: value.category },
      });
      return { id, version: 1 };
    });
  }

  /**
   * Changes an entry on the version its editor read (dictionary.manage); a change since is a conflict. A blank
   * real identifier keeps the stored one (a manager who may not see it changes the terms or the category).
   */
  async change(caller: Caller, scope: ReviewScope, id: string, input: EntryInput & { version: number }): Promise<{ version: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'dictionary.manage');
      const entries = await this.lockedEntries(trx, review);
      const existing = entries.find((e) => e.id === id);
      if (!existing) throw notFound('dictionary entry');
      const realIdentifier = input.realIdentifier.trim() === '' ? existing.realIdentifier : input.realIdentifier;
      const value = this.checked({ ...input, realIdentifier }, entries, id);
      const fields = (['category', 'realIdentifier', 'termEn', 'termCy'] as const).filter((f) => value[f] !== existing[f]);
      const done = await updateEntry(trx, this.deps.cipher, {
        ...this.values(value),
        id,
        reviewId: review.id,
        version: input.version,
        by: caller.actor?.personId ?? null,
        at: this.now(),
      });
      if (!done) throw changedSinceRead();
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { entryId: id, category: value.category, fields },
      });
      return { version: input.version + 1 };
    });
  }

  /** Removes an entry on the version its editor read (dictionary.manage); a change since is a conflict. */
  async remove(caller: Caller, scope: ReviewScope, id: string, version: number): Promise<void> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'dictionary.manage');
      const existing = (await dictionaryEntries(trx, review.id)).find((e) => e.id === id);
      if (!existing) throw notFound('dictionary entry');
      if (!(await deleteEntry(trx, { id, reviewId: review.id, version }))) throw changedSinceRead();
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { entryId: id, category: existing.category },
      });
    });
  }

  /**
   * Adds one entry for each of the review's people not in the dictionary yet (none left: a conflict), with a recorded name: its real
   * identifier the name, its terms the person's pseudonym ("Child A" / "Plentyn A", "Family member 1" /
   * "Aelod o’r teulu 1"), its category from the pseudonym's kind. A person without a recorded name, or whose
   * pseudonym is already another entry's term, is left out (and counted). Audited once, with the counts.
   */
  async buildFromPeople(caller: Caller, scope: ReviewScope): Promise<{ added: number; skipped: number }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId: scope.boardId, reviewId: scope.reviewId }, 'dictionary.manage');
      const entries = await this.lockedEntries(trx, review);
      const people = await this.peopleNotIn(trx, review.id, entries);
      if (people.length === 0) throw new ServiceError('conflict', 'dictionary.nothingToAdd', { form: 'dictionary:errors.nothingToAdd' });
      const names = await reviewPeopleIdentities(trx, this.deps.cipher, review.id);
      const others: { realIdentifier: string; termEn: string; termCy: string }[] = [...entries];
      const at = this.now();
      const by = caller.actor?.personId ?? null;
      let added = 0;
      for (const person of people) {
        const name = names.get(person.id)?.fullName ?? null;
        const input = {
          category: PERSON_CATEGORY[person.kind],
          realIdentifier: name ?? '',
          termEn: pseudonymText(person, 'en'),
          termCy: pseudonymText(person, 'cy'),
        };
        const result = checkEntry(input, others);
        if (!result.ok) continue;
        await insertEntry(trx, this.deps.cipher, {
          ...this.values(result.value),
          id: newId(),
          reviewId: review.id,
          boardId: review.boardId,
          reviewPersonId: person.id,
          by,
          at,
        });
        others.push(result.value);
        added++;
      }
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review',
        recordId: review.id,
        summary: { added, skipped: people.length - added },
      });
      return { added, skipped: people.length - added };
    });
  }

  /** The review page's section: how many entries, for those who may read the dictionary (null otherwise). */
  async sectionIn(trx: Executor, caller: Caller, review: ReviewRow): Promise<{ entries: number } | null> {
    if (!mayOnReview(caller, review, 'dictionary.view')) return null;
    return { entries: await countEntries(trx, review.id) };
  }
}
