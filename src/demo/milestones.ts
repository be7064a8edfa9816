// The demo's milestone plans and panel meetings (issue 10 item 5), through the services as the business
// unit: each review's plan from its framework's template; on the Serious Case Review whose agency reports
// are requested, two planned dates moved with their reasons (slippage) and the first panel meeting held
// today with guests, minutes and decisions; on the one being scoped, its first panel meeting scheduled.
// Idempotent: a review that has a panel meeting already is left as it is.
import type { Services } from '../container.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import { addDays } from '../domain/clock/index.ts';
import type { Caller } from '../services/context.ts';

export async function seedDemoMilestones(services: Services, boardId: string, businessUnit: Caller): Promise<void> {
  const as = (action: AuditAction): Caller => ({ ...businessUnit, action });
  const today = services.clock.today();
  const { items } = await services.reviews.list(as('REVIEWS_LISTED'), boardId, { pageSize: 500 });
  for (const review of items) {
    if (review.currentStage === 'WITHDRAWN') continue;
    const plan = await services.milestones.plan(as('MILESTONES_VIEWED'), boardId, review.id);
    if ((await services.panelMeetings.list(as('MILESTONES_VIEWED'), boardId, review.id)).length > 0) continue;
    const first = plan.milestones.find((m) => m.key === 'panel_meeting_1');
    if (review.stage === 'AGENCY_REPORTS_REQUESTED') {
      for (const [key, days, reason] of [
        ['agency_reports_due', 14, 'The health board asked for two more weeks to finish its individual management review (demo).'],
        ['draft_report', 21, 'The independent author starts three weeks later than planned (demo).'],
      ] as const) {
        const m = plan.milestones.find((x) => x.key === key);
        if (m) await services.milestones.change(as('MILESTONE_CHANGED'), boardId, review.id, m.id, { plannedOn: addDays(m.plannedOn, days), reason });
      }
      const { id } = await services.panelMeetings.schedule(as('PANEL_MEETING_SCHEDULED'), boardId, review.id, {
        meetsOn: today,
        startsAt: '10:00',
        mode: 'hybrid',
        location: 'Board room, Teifi House, and video call (demo)',
        agenda: ['Apologies and declarations of interest', 'Terms of reference', 'Agencies to provide individual management reviews', 'Timetable'],
        milestoneId: first?.id ?? null,
      });
      await services.panelMeetings.recordHeld(as('PANEL_MEETING_HELD'), boardId, review.id, id, {
        attendance: [],
        guests: [
          { fullName: 'Dr Demo Ffug', role: 'Designated doctor for safeguarding (demo)' },
          { fullName: 'Demo Swyddog', role: 'Police family liaison (demo)' },
        ],
      });
      await services.panelMeetings.recordMinutes(as('PANEL_MEETING_MINUTED'), boardId, review.id, id, {
        minutes:
          'The panel agreed the terms of reference and the agencies asked for individual management reviews.\n\nThe health board asked for more time; the panel agreed two weeks and moved the date the reports are due.',
        decisions: [
          { decision: 'Send the requests for individual management reviews', owner: 'Business unit', dueOn: addDays(today, 3) },
          { decision: 'Confirm the independent author’s start date', owner: 'Panel chair', dueOn: addDays(today, 10) },
        ],
      });
    } else if (review.stage === 'SCOPING' && first) {
      await services.panelMeetings.schedule(as('PANEL_MEETING_SCHEDULED'), boardId, review.id, {
        meetsOn: first.plannedOn,
        startsAt: '13:30',
        mode: 'online',
        location: 'Video call (demo)',
        agenda: ['Scope of the review', 'Independent chair and author'],
        milestoneId: first.id,
      });
    }
  }
}
