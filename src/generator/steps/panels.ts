// The panels of the generated reviews (issue 10 item 2): each board's register of independent chairs and
// reviewers (specialisms, languages, availability, the Welsh Government approved list, dated engagements
// with the board's agencies), and for each review past its decision an independent chair and author or
// reviewers — nominated, declared independent, appointed, each with an account and the review role — or,
// for reviews still at the decision (or withdrawn), a nomination waiting for its declaration. Rows and audit
// events as the services write them (src/services/panel-service.ts).
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { addDays, type IsoDate } from '../../domain/clock/dates.ts';
import type { FrameworkId } from '../../domain/frameworks/types.ts';
import { appointmentRule, type IndependentRole } from '../../domain/reviews/independence.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import { emailPart, personName } from '../names.ts';
import { instantOn } from '../random.ts';

const SPECIALISMS = [
  'Child protection',
  'Neglect',
  'Domestic abuse',
  'Health',
  'Infant deaths',
  'Exploitation',
  'Education',
  'Mental health',
  'Chairing reviews',
  'Report writing',
];
/** Entries on each board's register. */
const REGISTER_SIZE = 12;

interface Entry {
  id: string;
  boardId: string;
  fullName: string;
  email: string;
  wgApproved: boolean;
  language: 'en' | 'cy';
  personId: string | null;
  createdAt: string;
}

export const panelsStep: GeneratorStep = {
  id: 'panels',
  tables: ['register_entries', 'register_engagements', 'panel_nominations', 'independence_declarations'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('panels');
    const { boards } = ctx.state;
    if (boards.length === 0) return;
    const entries: Insertable<Database['register_entries']>[] = [];
    const engagements: Insertable<Database['register_engagements']>[] = [];
    const nominations: Insertable<Database['panel_nominations']>[] = [];
    const declarations: Insertable<Database['independence_declarations']>[] = [];
    const people: Insertable<Database['people']>[] = [];
    const roles: Insertable<Database['role_assignments']>[] = [];
    const registers = new Map<string, Entry[]>();

    // 1. Each board's register.
    for (const board of boards) {
      const list: Entry[] = [];
      for (let i = 0; i < REGISTER_SIZE; i++) {
        const at = instantOn(rng, ctx.startOn as IsoDate);
        const { first, last } = personName(rng);
        const entry: Entry = {
          id: rng.idAt(Date.parse(at)),
          boardId: board.id,
          fullName: `${first} ${last}`,
          email: `${emailPart(first)}.${emailPart(last)}.${board.code.toLowerCase()}${i}@independent.example`,
          wgApproved: rng.chance(0.7),
          language: rng.chance(0.3) ? 'cy' : 'en',
          personId: null,
          createdAt: at,
        };
        list.push(entry);
        entries.push({
          id: entry.id,
          board_id: board.id,
          full_name: entry.fullName,
          email: entry.email,
          specialisms: rng.sample(SPECIALISMS, rng.int(1, 3)).join(', '),
          wg_approved: entry.wgApproved ? 1 : 0,
          languages: entry.language === 'cy' ? 'en,cy' : 'en',
          availability: rng.weighted([
            ['available', 6],
            ['limited', 3],
            ['unavailable', 1],
          ] as const),
          past_reviews: '',
          declared_interests: '',
          employer_agency_id: null,
          person_id: null,
          created_at: at,
          updated_at: at,
        });
        ctx.audit({
          id: rng.idAt(Date.parse(at)),
          at,
          actorId: null,
          action: 'REGISTER_ENTRY_ADDED',
          boardId: board.id,
          recordType: 'register_entry',
          recordId: entry.id,
          summary: { entryId: entry.id },
        });
        for (let k = rng.int(0, 2); k > 0 && board.agencyIds.length > 0; k--) {
          const fromOn = addDays(ctx.startOn as IsoDate, rng.int(0, 3000));
          engagements.push({
            id: rng.idAt(Date.parse(at)),
            entry_id: entry.id,
            agency_id: rng.pick(board.agencyIds),
            from_on: fromOn,
            to_on: addDays(fromOn, rng.int(30, 700)),
            what: 'Commissioned work (generated).',
            created_at: at,
          });
        }
      }
      registers.set(board.id, list);
    }

    // 2. The reviews' independent roles.
    const reviews = await ctx.db.kysely
      .selectFrom('reviews')
      .select(['id', 'board_id', 'framework_id', 'review_type', 'stage', 'decided_on'])
      .orderBy('decided_on')
      .execute();
    const personOf = (entry: Entry, at: string) => {
      if (entry.personId) return entry.personId;
      const id = rng.idAt(Date.parse(at));
      entry.personId = id;
      const row = entries.find((e) => e.id === entry.id);
      if (row) row.person_id = id;
      people.push({
        id,
        email: entry.email,
        full_name: entry.fullName,
        job_title: null,
        agency_id: null,
        language: entry.language,
        password_hash: null,
        password_changed_at: null,
        totp_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        locked_until: null,
        deactivated_at: null,
        created_at: at,
        updated_at: at,
      });
      return id;
    };
    for (const [n, r] of reviews.entries()) {
      if (n % 1000 === 0) ctx.progress('panels', n, reviews.length);
      const register = (registers.get(r.board_id) ?? []).filter((e) => e.wgApproved || r.framework_id !== 'SUSR_2024');
      if (register.length === 0) continue;
      const pending = r.stage === 'DECIDED_PROCEED' || r.stage === 'WITHDRAWN';
      const chosen = rng.sample(register, Math.min(register.length, 3));
      const roleFor: IndependentRole[] = ['panel_chair', 'author', 'author'];
      const places = { panel_chair: 1, author: appointmentRule(r.framework_id as FrameworkId, r.review_type, 'author').places };
      const used = { panel_chair: 0, author: 0 };
      for (const [i, entry] of chosen.entries()) {
        const role = roleFor[i] ?? 'author';
        if (used[role] >= places[role]) continue;
        used[role]++;
        const nominatedAt = instantOn(rng, addDays(r.decided_on as IsoDate, rng.int(1, 10)));
        const id = rng.idAt(Date.parse(nominatedAt));
        const appointedAt = instantOn(rng, addDays(r.decided_on as IsoDate, rng.int(14, 40)));
        const appoint = !pending;
        const personId = appoint ? personOf(entry, appointedAt) : null;
        nominations.push({
          id,
          board_id: r.board_id,
          review_id: r.id,
          role,
          entry_id: entry.id,
          status: appoint ? 'appointed' : 'nominated',
          nominated_by: null,
          nominated_at: nominatedAt,
          carried_by: null,
          replaces_id: null,
          declaration_token_hash: null,
          declaration_expires_at: null,
          place: appoint ? used[role] : null,
          person_id: personId,
          appointed_by: null,
          appointed_at: appoint ? appointedAt : null,
          ended_by: null,
          ended_at: null,
          end_reason: null,
        });
        ctx.audit({
          id: rng.idAt(Date.parse(nominatedAt)),
          at: nominatedAt,
          actorId: null,
          action: 'PANEL_NOMINATED',
          boardId: r.board_id,
          recordType: 'review',
          recordId: r.id,
          summary: { nominationId: id, entryId: entry.id, role },
        });
        if (!appoint || !personId) continue;
        const declaredAt = instantOn(rng, addDays(r.decided_on as IsoDate, rng.int(11, 13)));
        declarations.push({
          id: rng.idAt(Date.parse(declaredAt)),
          nomination_id: id,
          review_id: r.id,
          entry_id: entry.id,
          independent_of_agencies: 1,
          independent_of_case: 1,
          independent_of_child: 1,
          conflicts: '',
          declared_at: declaredAt,
        });
        const assignmentId = rng.idAt(Date.parse(appointedAt));
        roles.push({
          id: assignmentId,
          person_id: personId,
          role,
          scope_type: 'review',
          board_id: r.board_id,
          review_id: r.id,
          agency_id: null,
          created_at: appointedAt,
          created_by: null,
          ended_at: null,
          ended_by: null,
        });
        ctx.audit({
          id: rng.idAt(Date.parse(appointedAt)),
          at: appointedAt,
          actorId: null,
          action: 'PANEL_APPOINTED',
          boardId: r.board_id,
          recordType: 'review',
          recordId: r.id,
          summary: { nominationId: id, entryId: entry.id, personId, role, place: used[role] },
        });
      }
    }
    await inTransaction(ctx.db, async (trx) => {
      const step = 'panels';
      await ctx.insert(trx, step, 'people', people);
      await ctx.insert(trx, step, 'register_entries', entries);
      await ctx.insert(trx, step, 'register_engagements', engagements);
      await ctx.insert(trx, step, 'panel_nominations', nominations);
      await ctx.insert(trx, step, 'independence_declarations', declarations);
      await ctx.insert(trx, step, 'role_assignments', roles);
    });
  },
};
