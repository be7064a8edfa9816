// Shared pieces of the consideration pages: the board and referral in the address, date inputs, clocks
// and labels in the reader's language.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { isIsoDate } from '../../../domain/clock/dates.ts';
import { formatDate, formatDateOf } from '../../../domain/clock/london.ts';
import { type Bilingual, getFramework } from '../../../domain/frameworks/index.ts';
import { LIMITS } from '../../../domain/limits.ts';
import type { Language } from '../../../domain/organisation.ts';
import { can, type Permission } from '../../../domain/permissions.ts';
import { type Pseudonym, pseudonymText } from '../../../domain/pseudonyms.ts';
import { departuresFromAnalysis, type LearningRoute } from '../../../domain/referrals/referral.ts';
import { mutationVariables } from '../../../domain/welsh.ts';
import { forbidden, notFound, ServiceError } from '../../../services/context.ts';
import { urls } from '../../../urls.ts';
import { type DateParts, parseDateParts } from '../../dates.ts';

export { clockText, durationText } from '../../clock-text.ts';
export { type DateParts, dateItems, dateParts, partsOf } from '../../dates.ts';

export type Body = Record<string, unknown>;

/** Longest free text accepted in reasons, rationale and facts (src/domain/limits.ts). */
export const TEXT_MAX = LIMITS.reasoning;

/** A calendar date from date-input parts; the error key suffix ('Required', 'Incomplete', 'Invalid') otherwise. */
export function parseDate(parts: DateParts): { ok: true; date: string } | { ok: false; problem: 'Required' | 'Incomplete' | 'Invalid' } {
  const parsed = parseDateParts(parts);
  if (parsed === null) return { ok: false, problem: 'Required' };
  if (parsed === 'incomplete') return { ok: false, problem: 'Incomplete' };
  if (parsed === 'invalid') return { ok: false, problem: 'Invalid' };
  return { ok: true, date: parsed };
}

export function longDate(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  // A calendar date as it is; an instant (when an assessment was made) as its date in London.
  return isIsoDate(iso) ? formatDate(iso, lang) : formatDateOf(iso, lang);
}

export function bilingual(text: Bilingual, lang: Language): string {
  return lang === 'cy' ? text.cy : text.en;
}

/**
 * The child of a consideration page in the reader's language: its pseudonym ("Child A" / "Plentyn A"), the
 * variables for strings that put it after a word that mutates it (childCodeSoft: "am Blentyn A"), and
 * the page's caption ("Referral about Child A" / "Atgyfeiriad am Blentyn A").
 */
export function childOfPage(req: Pick<FastifyRequest, 't' | 'lang'>, pseudonym: Pseudonym) {
  const childCode = pseudonymText(pseudonym, req.lang);
  const childVars = mutationVariables('childCode', childCode, req.lang);
  return { childCode, childVars, caption: req.t('consideration:caption', childVars) };
}

export interface ReferralPage {
  boardId: string;
  referralId: string;
}

/** The referral in the address: a referral of another board is not found; without the permission on its board, forbidden. */
export async function referralInAddress(services: Services, req: FastifyRequest, permission: Permission) {
  const { boardId, referralId } = req.params as ReferralPage;
  const { referral, framework } = await services.consideration.frameworkFor(req.caller(), referralId);
  if (referral.boardId !== boardId) throw notFound('referral');
  if (!can(req.actor, permission, { boardId })) throw forbidden();
  return { boardId, referralId, referral, framework };
}

/** A checked or unchecked list of choices for govuk radios and checkboxes. */
export function choices(options: { value: string; text: string; hint?: string }[], selected: string | string[] | undefined) {
  const chosen = Array.isArray(selected) ? selected : selected === undefined ? [] : [selected];
  return options.map((o) => ({ value: o.value, text: o.text, ...(o.hint ? { hint: { text: o.hint } } : {}), checked: chosen.includes(o.value) }));
}

export function isConflict(e: unknown): e is ServiceError {
  return e instanceof ServiceError && e.kind === 'conflict';
}

/** A step refused by the workflow (already decided, no recommendation yet): a clear page, status 409, nothing written. */
export function refused(req: FastifyRequest, reply: FastifyReply, e: ServiceError) {
  const { boardId, referralId } = req.params as ReferralPage;
  return reply.page(
    'features/consideration/refused.njk',
    { message: req.t(`errors:${e.message}`), considerationHref: urls.consideration(boardId, referralId) },
    { status: 409 },
  );
}

export function conflictOf(key: string): ServiceError {
  return new ServiceError('conflict', key);
}

/** The management group's latest analysis, as far as the recommendation and the decision pages show it. */
export interface AnalysisIndicated {
  frameworkId: Parameters<typeof getFramework>[0];
  outcome: string;
  reviewType: string | null;
}

/** What the analysis indicated, in the reader's language: the outcome, the framework and any type. */
export function indicatedView(req: FastifyRequest, a: AnalysisIndicated | undefined) {
  if (!a) return undefined;
  return {
    outcome: req.t(`consideration:outcomes.${a.outcome}`),
    framework: bilingual(getFramework(a.frameworkId).name, req.lang),
    type: a.reviewType ? req.t(`consideration:reviewTypes.${a.reviewType}`) : undefined,
  };
}

/** Warnings where a route and type depart from what the analysis indicated (none without an analysis). */
export function departureTexts(
  req: FastifyRequest,
  a: AnalysisIndicated | undefined,
  route: LearningRoute | null | undefined,
  reviewType: string | null | undefined,
) {
  if (!a || !route) return [];
  return departuresFromAnalysis(a, { route, reviewType: reviewType ?? null }).map((d) =>
    d === 'route'
      ? req.t('consideration:indicated.departsRoute', { outcome: req.t(`consideration:outcomes.${a.outcome}`) })
      : req.t('consideration:indicated.departsType', { type: req.t(`consideration:reviewTypes.${a.reviewType}`) }),
  );
}
