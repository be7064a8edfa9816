// The boards' own meetings (issue 12 item 3): every board meets every two months over the generated period
// (from the board's start, or the history's), the last one within two months after the generated day still
// scheduled. Each has an agenda of standing items; a past meeting is held (about one in twenty cancelled),
// with the attendance of the board's people who attend (chair, members, information governance, business
// unit: mostly attended, some apologies) and minutes recorded by its business unit. One audit event per
// meeting (scheduled), as the service writes it.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { addMonths, maxDate } from '../../domain/clock/dates.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import { instantOn } from '../random.ts';

const AGENDA = ['Apologies and declarations of interest', 'Minutes of the last meeting', 'Reviews and action plans: progress report', 'Any other business'];
const ATTENDING_ROLES = ['board_chair', 'board_member', 'information_governance', 'business_unit'];

export const boardMeetingsStep: GeneratorStep = {
  id: 'board meetings',
  tables: ['board_meetings', 'board_meeting_agenda_items', 'board_meeting_attendance'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('board meetings');
    const meetings: Insertable<Database['board_meetings']>[] = [];
    const items: Insertable<Database['board_meeting_agenda_items']>[] = [];
    const attendance: Insertable<Database['board_meeting_attendance']>[] = [];
    const until = addMonths(ctx.asOf, 2);
    for (const board of ctx.state.boards) {
      const unit = board.roles.get('business_unit') ?? [];
      const people = [...new Map(ATTENDING_ROLES.flatMap((role) => (board.roles.get(role) ?? []).slice(0, 6).map((id) => [id, role] as const))).entries()];
      const from = maxDate(board.createdAt.slice(0, 10), ctx.startOn);
      for (let meetsOn = addMonths(from, 1); meetsOn <= until; meetsOn = addMonths(meetsOn, 2)) {
        const scheduledAt = instantOn(rng, maxDate(addMonths(meetsOn, -2), from));
        const past = meetsOn <= ctx.asOf;
        const cancelled = past && rng.chance(1 / 20);
        const heldAt = instantOn(rng, meetsOn);
        const recorder = unit.length > 0 ? rng.pick(unit) : null;
        const id = rng.idAt(Date.parse(scheduledAt));
        meetings.push({
          id,
          board_id: board.id,
          meets_on: meetsOn,
          starts_at: '10:00',
          online: rng.chance(0.4) ? 1 : 0,
          place: `${board.place} council chamber (generated)`,
          status: cancelled ? 'cancelled' : past ? 'held' : 'scheduled',
          minutes: past && !cancelled ? 'The board received the progress report on reviews and action plans, and noted the overdue actions (generated).' : null,
          minutes_by: past && !cancelled ? recorder : null,
          minutes_at: past && !cancelled ? heldAt : null,
          cancel_reason: cancelled ? 'Not quorate (generated)' : null,
          cancelled_by: cancelled ? recorder : null,
          cancelled_at: cancelled ? heldAt : null,
          version: past ? 3 : 1,
          created_by: recorder,
          created_at: scheduledAt,
          updated_at: past ? heldAt : scheduledAt,
        });
        for (const [position, title] of AGENDA.entries())
          items.push({
            id: rng.idAt(Date.parse(scheduledAt)),
            meeting_id: id,
            position,
            title,
            note: null,
            source_kind: null,
            source_id: null,
            added_by: recorder,
            created_at: scheduledAt,
          });
        if (past && !cancelled)
          for (const [personId, role] of people)
            attendance.push({
              meeting_id: id,
              person_id: personId,
              role,
              attendance: rng.chance(0.85) ? 'attended' : rng.chance(0.7) ? 'apologies' : 'absent',
            });
        ctx.audit({
          id: rng.idAt(Date.parse(scheduledAt)),
          at: scheduledAt,
          actorId: recorder,
          action: 'BOARD_MEETING_SCHEDULED',
          boardId: board.id,
          recordType: 'board_meeting',
          recordId: id,
          summary: { online: false, startsAt: true },
        });
      }
    }
    await inTransaction(ctx.db, async (trx) => {
      await ctx.insert(trx, 'board meetings', 'board_meetings', meetings);
      await ctx.insert(trx, 'board meetings', 'board_meeting_agenda_items', items);
      await ctx.insert(trx, 'board meetings', 'board_meeting_attendance', attendance);
    });
  },
};
