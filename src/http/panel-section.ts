// The panel of a review as the review page's section and the panel page show it (issue 10 item 2): shared
// by the panel feature and the review page (src/http/features/reviews), which includes
// features/panel/_review-section.njk with `panelSection` from panelSectionView.
import type { TFunction } from 'i18next';
import type { Language } from '../domain/organisation.ts';
import { type IndependentRole, isIndependentRole } from '../domain/reviews/independence.ts';
import type { PanelView } from '../services/panel-service.ts';
import { displayDate } from './dates.ts';

/** A role's title under the review's framework: chair, author or reviewer. */
export function roleTitle(t: TFunction, panel: PanelView, role: IndependentRole): string {
  return t(`panel:titles.${panel.rules[role].title}`);
}

/** What the review page's section and the panel page show of the panel. */
export function panelSummary(t: TFunction, lang: Language, panel: PanelView) {
  const agencyName = (id: string | null) => {
    const a = panel.involvedAgencies.find((x) => x.id === id);
    return a ? a[lang] : '';
  };
  const nomination = (n: PanelView['nominations'][number]) => ({
    id: n.id,
    role: n.role,
    title: isIndependentRole(n.role) ? roleTitle(t, panel, n.role) : n.role,
    name: n.entryName,
    status: t(`panel:statuses.${n.status}`),
    declaration: n.declaration
      ? n.independent
        ? t('panel:declaration.independent', { date: displayDate(t, n.declaration.declaredAt.slice(0, 10)) })
        : t('panel:declaration.notIndependent', { date: displayDate(t, n.declaration.declaredAt.slice(0, 10)) })
      : n.hasDeclarationLink
        ? t('panel:declaration.asked')
        : t('panel:declaration.none'),
    refusals: Object.values(n.refusals).map((k) => t(`errors:${k}`)),
    warnings: n.warnings > 0 ? t('panel:warning', { count: n.warnings }) : '',
    appointedOn: n.appointedAt ? displayDate(t, n.appointedAt.slice(0, 10)) : '',
    replaces: n.replacesId !== null,
  });
  return {
    appointed: panel.nominations.filter((n) => n.status === 'appointed').map(nomination),
    pending: panel.nominations.filter((n) => n.status === 'nominated').map(nomination),
    past: panel.nominations.filter((n) => n.status === 'ended' || n.status === 'withdrawn').map(nomination),
    members: panel.members.map((m) => ({ assignmentId: m.assignmentId, name: m.name, agency: agencyName(m.agencyId) })),
    reassignments: panel.reassignments.length,
  };
}

/** The review page's panel section for the reader (null when they may not see the panel). */
export function panelSectionView(t: TFunction, lang: Language, view: PanelView | null) {
  return view ? panelSummary(t, lang, view) : null;
}
