// The demo board's own meetings (issue 12 item 3), through the service as the business unit: one held last
// month with its attendance (the chair, a member's apologies, the business unit, information governance
// absent), a guest and its minutes; the next one scheduled next month with its agenda. Idempotent: a board
// with meetings already is left as it is.
import type { Services } from '../container.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import { addMonths } from '../domain/clock/index.ts';
import type { Caller } from '../services/context.ts';

const NEXT_AGENDA = [
  { title: 'Apologies and declarations of interest', note: null },
  { title: 'Minutes of the last meeting and matters arising', note: null },
  { title: 'Progress of the action plans of the reviews in monitoring', note: 'Business manager (demo)' },
  { title: 'Challenge to partners: overdue actions', note: 'Chair (demo)' },
];

const MINUTES = [
  'Present: as recorded. The chair welcomed the designated doctor for safeguarding as a guest (demo).',
  'Action plans: the business manager reported progress on the reviews in monitoring. Two actions are overdue; the board asked the business unit to write to the agencies concerned.',
  'Reviews: the board noted the reviews under way and their timetables. Children are referred to by their codes only.',
  'Date of the next meeting: as scheduled.',
].join('\n\n');

export async function seedDemoBoardMeetings(services: Services, boardId: string, businessUnit: Caller): Promise<void> {
  const as = (action: AuditAction): Caller => ({ ...businessUnit, action });
  const { upcoming, past } = await services.boardMeetings.list(as('BOARD_MEETINGS_LISTED'), boardId);
  if (upcoming.length + past.length > 0) return;
  const today = services.clock.today();

  const held = await services.boardMeetings.schedule(as('BOARD_MEETING_SCHEDULED'), boardId, {
    meetsOn: addMonths(today, -1),
    startsAt: '10:00',
    online: false,
    place: 'Council chamber, Teifi House (demo)',
  });
  for (const item of NEXT_AGENDA.slice(0, 3)) await services.boardMeetings.addItem(as('BOARD_MEETING_AGENDA_ITEM_ADDED'), boardId, held.id, item);
  // The board's people who attend its meetings, by their role.
  const { people: boardPeople } = await services.boardMeetings.view(as('BOARD_MEETING_VIEWED'), boardId, held.id);
  const people = Object.fromEntries(boardPeople.flatMap((p) => p.roles.map((r) => [r, p.personId] as const)));
  const attendance = [
    ['board_chair', 'attended'],
    ['board_member', 'apologies'],
    ['business_unit', 'attended'],
    ['information_governance', 'absent'],
  ] as const;
  await services.boardMeetings.recordAttendance(as('BOARD_MEETING_ATTENDANCE_RECORDED'), boardId, held.id, {
    attendance: attendance.flatMap(([role, a]) => (people[role] ? [{ personId: people[role] ?? '', attendance: a }] : [])),
    guests: [{ fullName: 'Dr Demo Ffug', organisation: 'Teifi Valley University Health Board (demo)' }],
  });
  await services.boardMeetings.recordMinutes(as('BOARD_MEETING_MINUTED'), boardId, held.id, { minutes: MINUTES });

  const next = await services.boardMeetings.schedule(as('BOARD_MEETING_SCHEDULED'), boardId, {
    meetsOn: addMonths(today, 1),
    startsAt: '10:00',
    online: true,
    place: 'Video call (demo)',
  });
  for (const item of NEXT_AGENDA) await services.boardMeetings.addItem(as('BOARD_MEETING_AGENDA_ITEM_ADDED'), boardId, next.id, item);
}
