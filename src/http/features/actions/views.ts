// How the action plan's pages show an action: its row in a table, its RAG as a tag, its status and dates in the
// reader's language. Shared by the plan, the owner's list and the action's page.
import type { TFunction } from 'i18next';
import type { Rag } from '../../../domain/actions/rag.ts';
import { type Language, localName } from '../../../domain/organisation.ts';
import type { ActionRow } from '../../../services/actions/action-plan-service.ts';
import { urls } from '../../../urls.ts';
import { displayDate } from '../../dates.ts';

const RAG_TAG: Record<Rag, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
  complete: 'govuk-tag--blue',
};

export function ragTag(t: TFunction, rag: Rag, overridden = false) {
  return { tag: RAG_TAG[rag], text: overridden ? t('actions:rag.overridden', { rag: t(`actions:rag.${rag}`) }) : t(`actions:rag.${rag}`) };
}

/** The table's columns (actions:columns.*). */
export function columns(t: TFunction) {
  const col = (k: string) => t(`actions:columns.${k}`);
  return { action: col('action'), agency: col('agency'), owner: col('owner'), target: col('target'), status: col('status'), rag: col('rag') };
}

/** An action's row: its page, lead (and supporting) agencies, owner, target date (and the original when revised), status, RAG. */
export function actionRow(t: TFunction, lang: Language, a: ActionRow & { rag: Rag; overridden: boolean; reference?: string }) {
  return {
    href: urls.action(a.boardId, a.reviewId, a.id),
    reference: a.reference,
    action: a.action,
    agency: localName(a.leadAgency, lang),
    supporting: a.supportingAgencies.length ? t('actions:plan.supporting', { agencies: a.supportingAgencies.map((s) => localName(s, lang)).join(', ') }) : '',
    owner: a.ownerName,
    target: displayDate(t, a.targetOn),
    revised: a.originalTargetOn !== a.targetOn ? t('actions:plan.originally', { date: displayDate(t, a.originalTargetOn) }) : '',
    status: t(`actions:statuses.${a.status}`),
    rag: ragTag(t, a.rag, a.overridden),
  };
}
