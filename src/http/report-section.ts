// The report's section of the review page (src/http/features/report/_review-section.njk): where the report
// stands, from ReportService.sectionIn, in the reader's language.
import type { TFunction } from 'i18next';
import type { Language } from '../domain/organisation.ts';
import { REPORT_TITLES } from '../domain/reviews/report.ts';
import type { ReportSectionView } from '../services/report-service.ts';
import { displayDate } from './dates.ts';

/** The review page's section of the report, from ReportService.sectionIn (null: the reader may not read it). */
export function reportSectionView(t: TFunction, lang: Language, ids: { href: string }, s: ReportSectionView | null) {
  if (!s) return null;
  const lines: string[] = [];
  if (!s.latest) lines.push(t('report:reviewSection.none'));
  else lines.push(t('report:reviewSection.latest', { version: s.latest.version, status: t(`report:statuses.${s.latest.status}`) }));
  if (s.accepted && s.accepted.version !== s.latest?.version)
    lines.push(t('report:reviewSection.accepted', { version: s.accepted.version, date: displayDate(t, s.accepted.acceptedAt) }));
  if (s.openComments > 0) lines.push(t('report:reviewSection.comments', { count: s.openComments }));
  if (s.recommendations > 0) lines.push(t('report:reviewSection.recommendations', { count: s.recommendations, incomplete: s.recommendationsIncomplete }));
  return { heading: REPORT_TITLES[s.kind][lang], lines, href: ids.href };
}
