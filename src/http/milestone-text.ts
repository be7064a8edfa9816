// Milestones in words, shared by the milestones pages and the review page's milestones section (which the
// reviews feature includes): a milestone's name ("Panel meeting 2"), slippage ("4 days late") and the
// section's view, in the reader's language with dates written out (Welsh dates in Welsh).
import type { TFunction } from 'i18next';
import { milestoneNumber } from '../domain/reviews/milestones.ts';
import type { ReviewMilestoneSection } from '../services/milestone-service.ts';
import { urls } from '../urls.ts';
import { durationText } from './clock-text.ts';
import { displayDate } from './dates.ts';

/** "Panel meeting 2", "Draft report". */
export function milestoneName(t: TFunction, m: { key: string; kind: string }): string {
  const name = t(`milestones:kinds.${m.kind}`);
  const n = milestoneNumber(m.key);
  return n === null ? name : t('milestones:numbered', { name, number: n });
}

export const days = (t: TFunction, n: number) => durationText(t, { amount: n, unit: 'calendar_days' });

/** "None", "4 days late", "2 days early". */
export function slippageText(t: TFunction, slippageDays: number): string {
  if (slippageDays === 0) return t('milestones:page.onTime');
  return slippageDays > 0 ? t('milestones:page.late', { days: days(t, slippageDays) }) : t('milestones:page.early', { days: days(t, -slippageDays) });
}

export const MILESTONE_STATUS_TAGS: Record<string, string> = {
  met: 'govuk-tag--green',
  overdue: 'govuk-tag--red',
  due_soon: 'govuk-tag--yellow',
  upcoming: 'govuk-tag--grey',
};

/** What the review page's milestones section (features/milestones/_review-section.njk) shows. */
export function milestoneSectionView(t: TFunction, boardId: string, reviewId: string, s: ReviewMilestoneSection) {
  return {
    href: urls.reviewMilestones(boardId, reviewId),
    hasPlan: s.hasPlan,
    next: s.next ? t('milestones:section.dueOn', { name: milestoneName(t, s.next), date: displayDate(t, s.next.plannedOn) }) : null,
    overdue: s.overdue.map((m) => ({ text: t('milestones:section.dueOn', { name: milestoneName(t, m), date: displayDate(t, m.plannedOn) }) })),
    slippage: slippageText(t, s.worstSlippage),
    paused: days(t, s.pausedDays),
    nextMeeting: s.nextMeeting
      ? {
          text: `${displayDate(t, s.nextMeeting.meetsOn)}${s.nextMeeting.startsAt ? `, ${s.nextMeeting.startsAt}` : ''} (${t(`milestones:meeting.modes.${s.nextMeeting.mode}`)})`,
          href: urls.panelMeeting(boardId, reviewId, s.nextMeeting.id),
        }
      : null,
  };
}
