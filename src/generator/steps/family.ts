// Family involvement for the generated reviews (issue 10 item 6): every review past its decision has a couple
// of people added during the review (a family member and a significant person, under the review's numbers 1
// and 2, the review's counter set to match; no names: the generator invents no identities) with their
// language and consent, and a contact or two by the business unit telling them the review has started and
// inviting them to contribute. Written beside their audit events, as FamilyService writes them. First, the
// children and family of every review's referrals are listed on it as the decision that created the review
// lists them (syncReviewPeople, at the review's creation), so the people added during the review are numbered
// after them, as the service numbers them.
import type { Insertable } from 'kysely';
import { syncReviewPeople } from '../../db/repositories/family-repository.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { addDays } from '../../domain/clock/dates.ts';
import { familyCounter } from '../../domain/reviews/family.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import { instantOn } from '../random.ts';

const RELATIONSHIPS = [
  ['family_member', 'Grandmother'],
  ['family_member', 'Aunt'],
  ['family_member', 'Father'],
  ['significant_person', 'Mother’s partner'],
  ['significant_person', 'Family friend'],
] as const;

export const familyStep: GeneratorStep = {
  id: 'family involvement',
  tables: ['review_people', 'family_contacts', 'family_contact_topics'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('family involvement');
    // The referrals' people, listed on every review (whatever its stage) when the decision created it.
    const created = await ctx.db.kysely.selectFrom('reviews').select(['id', 'board_id', 'referral_id', 'created_at']).orderBy('id').execute();
    await inTransaction(ctx.db, async (trx) => {
      for (const r of created) {
        const review = { id: r.id, boardId: r.board_id, referralId: r.referral_id };
        await syncReviewPeople(trx, ctx.db.dialect, ctx.cipher, review, r.created_at, () => rng.idAt(Date.parse(r.created_at)));
      }
    });
    const listedCounters = await ctx.db.kysely
      .selectFrom('board_counters')
      .select(['board_id', 'name', 'value'])
      .where('name', 'like', 'review_family:%')
      .execute();
    const listedFamily = new Map(listedCounters.map((c) => [`${c.board_id}:${c.name}`, Number(c.value)]));
    const reviews = await ctx.db.kysely
      .selectFrom('reviews')
      .select(['id', 'board_id', 'decided_on'])
      .where('stage', 'not in', ['DECIDED_PROCEED', 'WITHDRAWN'])
      .orderBy('id')
      .execute();
    const actorsOf = new Map(ctx.state.boards.map((b) => [b.id, b.roles.get('business_unit') ?? []]));
    const people: Insertable<Database['review_people']>[] = [];
    const contacts: Insertable<Database['family_contacts']>[] = [];
    const topics: Insertable<Database['family_contact_topics']>[] = [];
    const counters: Insertable<Database['board_counters']>[] = [];
    const raised: { boardId: string; name: string; value: number }[] = [];
    for (const r of reviews) {
      const actors = actorsOf.get(r.board_id) ?? [];
      // Numbered after the referral's family members, on the review's one counter.
      const base = listedFamily.get(`${r.board_id}:${familyCounter(r.id)}`);
      const by = actors.length > 0 ? rng.pick(actors) : null;
      const addedOn = addDays(r.decided_on, rng.int(1, 20));
      if (addedOn > ctx.asOf) continue;
      const at = instantOn(rng, addedOn);
      const kinds = [rng.pick(RELATIONSHIPS.filter(([k]) => k === 'family_member')), rng.pick(RELATIONSHIPS.filter(([k]) => k === 'significant_person'))];
      kinds.forEach(([kind, relationship], i) => {
        const id = rng.idAt(Date.parse(at));
        const consent = rng.pick(['not_asked', 'agreed', 'agreed', 'declined'] as const);
        const language = rng.chance(0.2) ? 'cy' : 'en';
        people.push({
          id,
          review_id: r.id,
          pseudonym_kind: kind,
          pseudonym_index: (base ?? 0) + i + 1,
          source: 'added',
          referral_id: null,
          family_member_id: null,
          relationship,
          full_name: null,
          contact_details: null,
          language,
          language_other: null,
          interpreter_needed: 0,
          consent,
          consent_on: consent === 'not_asked' ? null : addedOn,
          created_by: by,
          created_at: at,
          updated_at: at,
        });
        ctx.audit({
          id: rng.idAt(Date.parse(at)),
          at,
          actorId: by,
          action: 'FAMILY_PERSON_ADDED',
          boardId: r.board_id,
          recordType: 'review_person',
          recordId: id,
          summary: { reviewId: r.id, kind, index: (base ?? 0) + i + 1, identified: false },
        });
        if (!by || i > 0) return;
        const contactId = rng.idAt(Date.parse(at));
        const told = ['review_started', 'invitation_to_contribute'];
        contacts.push({
          id: contactId,
          review_id: r.id,
          person_id: id,
          contacted_on: addedOn,
          method: rng.pick(['letter', 'phone', 'visit', 'email'] as const),
          made_by: by,
          notes: null,
          created_by: by,
          created_at: at,
        });
        for (const topic of told) topics.push({ contact_id: contactId, review_id: r.id, topic });
        ctx.audit({
          id: rng.idAt(Date.parse(at)),
          at,
          actorId: by,
          action: 'FAMILY_CONTACT_RECORDED',
          boardId: r.board_id,
          recordType: 'family_contact',
          recordId: contactId,
          summary: { reviewId: r.id, personId: id, madeBy: by, topics: told },
        });
      });
      if (base === undefined) counters.push({ board_id: r.board_id, name: familyCounter(r.id), value: kinds.length });
      else raised.push({ boardId: r.board_id, name: familyCounter(r.id), value: base + kinds.length });
    }
    await inTransaction(ctx.db, async (trx) => {
      await ctx.insert(trx, 'family involvement', 'review_people', people);
      await ctx.insert(trx, 'family involvement', 'family_contacts', contacts);
      await ctx.insert(trx, 'family involvement', 'family_contact_topics', topics);
      await ctx.insert(trx, 'family involvement', 'board_counters', counters);
      for (const c of raised) {
        await trx.updateTable('board_counters').set({ value: c.value }).where('board_id', '=', c.boardId).where('name', '=', c.name).execute();
      }
    });
  },
};
