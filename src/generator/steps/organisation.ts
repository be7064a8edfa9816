// Boards (with their settings) and partner agencies: the statutory partners every board has, then
// others; about one agency in ten also works with a neighbouring board.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { addDays } from '../../domain/clock/dates.ts';
import type { GenBoard, GeneratorContext, GeneratorStep } from '../context.ts';
import { boardCode, boardNames, CORE_AGENCIES, district, OTHER_AGENCIES, placeName } from '../names.ts';
import { instantOn } from '../random.ts';

export const organisationStep: GeneratorStep = {
  id: 'boards and agencies',
  tables: ['boards', 'board_settings', 'agencies', 'board_agencies'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('organisation');
    const { spec } = ctx;
    const boards: Insertable<Database['boards']>[] = [];
    const settings: Insertable<Database['board_settings']>[] = [];
    const agencies: Insertable<Database['agencies']>[] = [];
    const memberships: Insertable<Database['board_agencies']>[] = [];
    const boardsCreatedOn = addDays(ctx.startOn, -60);

    for (let b = 0; b < spec.boards; b++) {
      const place = placeName(b);
      const names = boardNames(place);
      const at = instantOn(rng, boardsCreatedOn);
      const board: GenBoard = {
        id: rng.idAt(Date.parse(at)),
        code: boardCode(place, b + 1),
        place,
        nameEn: names.en,
        createdAt: at,
        agencyIds: [],
        roles: new Map(),
      };
      boards.push({
        id: board.id,
        code: board.code,
        name_en: names.en,
        name_cy: names.cy,
        board_type: 'RSB',
        nation: 'wales',
        region: place,
        valid_from_on: ctx.startOn,
        valid_to_on: null,
        predecessor_board_id: null,
        is_active: 1,
        created_at: at,
        updated_at: at,
      });
      settings.push({ board_id: board.id, holiday_region: 'GB-WLS', decision_weeks_from_incident: null, decision_weeks_from_referral: null, updated_at: at });
      ctx.state.boards.push(board);
      ctx.audit({
        id: rng.idAt(Date.parse(at)),
        at,
        actorId: null,
        action: 'BOARD_CREATED',
        boardId: board.id,
        recordType: 'board',
        recordId: board.id,
        summary: { code: board.code, boardType: 'RSB', nation: 'wales' },
      });
    }

    const perBoard = Math.floor(spec.agencies / spec.boards);
    const extra = spec.agencies - perBoard * spec.boards;
    const agenciesOn = addDays(ctx.startOn, -45);
    for (const [b, board] of ctx.state.boards.entries()) {
      const count = perBoard + (b < extra ? 1 : 0);
      for (let i = 0; i < count; i++) {
        const core = CORE_AGENCIES[i];
        const template = core ?? rng.pick(OTHER_AGENCIES);
        const where = core ? board.place : `${board.place} ${district(i).en}`;
        const whereCy = core ? board.place : `${board.place} ${district(i).cy}`;
        const at = instantOn(rng, agenciesOn);
        const id = rng.idAt(Date.parse(at));
        agencies.push({
          id,
          name_en: template.en(where),
          name_cy: template.cy(whereCy),
          sector: template.sector,
          is_statutory_partner: template.statutory ? 1 : 0,
          is_active: rng.chance(0.97) || core ? 1 : 0,
          created_at: at,
          updated_at: at,
        });
        memberships.push({ board_id: board.id, agency_id: id, joined_on: ctx.startOn, left_on: null, created_at: at });
        board.agencyIds.push(id);
        ctx.state.agencies.push({ id, boardId: board.id, sector: template.sector });
        const boardIds = [board.id];
        const neighbour = ctx.state.boards[(b + 1) % ctx.state.boards.length];
        if (neighbour && neighbour !== board && !core && rng.chance(0.1)) {
          memberships.push({ board_id: neighbour.id, agency_id: id, joined_on: ctx.startOn, left_on: null, created_at: at });
          boardIds.push(neighbour.id);
        }
        ctx.audit({
          id: rng.idAt(Date.parse(at)),
          at,
          actorId: null,
          action: 'AGENCY_CREATED',
          boardId: board.id,
          recordType: 'agency',
          recordId: id,
          summary: { sector: template.sector, isStatutoryPartner: template.statutory, boardIds },
        });
      }
    }

    await inTransaction(ctx.db, async (trx) => {
      await ctx.insert(trx, 'boards', 'boards', boards);
      await ctx.insert(trx, 'boards', 'board_settings', settings);
      await ctx.insert(trx, 'agencies', 'agencies', agencies);
      await ctx.insert(trx, 'agencies', 'board_agencies', memberships);
    });
  },
};
