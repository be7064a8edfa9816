// The demo's review report (issue 10 item 10): on the Serious Case Review whose agencies' reports are requested
// (its panel has appointed its independent author and has an agency's representative, src/demo/panels.ts), the
// author drafts the overview report and executive summary and two review recommendations — one still without
// its target date, so R4 has something to refuse — and submits version 1 for the panel's QA; the panel's member
// comments on a section. The review's stage is left where it is (its agencies' reports are still outstanding).
// Through the services; idempotent: a review whose report exists is left as it is; none if the panel has no author.
import type { Services } from '../container.ts';
import { findReportHead } from '../db/repositories/report-repository.ts';
import { findReview } from '../db/repositories/reviews-repository.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import type { ReviewRole } from '../domain/roles.ts';
import type { Caller } from '../services/context.ts';

const as = (caller: Caller, action: AuditAction): Caller => ({ ...caller, action });

/** The overview report's version 1 (fictional; the child by their code only). */
const SECTIONS: Record<string, string> = {
  process: 'The review followed its terms of reference: individual management reviews from each agency and an overview report by the independent author.',
  child_family: 'Child A, a baby, lived with their parents. The family had missed several health appointments and were known to children’s services.',
  analysis: 'Each agency recorded its concerns, but no agency brought them together. Missed appointments were not shared with children’s services.',
  review_recommendations: 'Two review recommendations follow, each with the agency responsible.',
  summary_introduction: 'The board held a Serious Case Review after Child A was seriously harmed. A police investigation runs alongside the review.',
};

/** Seeds the report on the demo's Serious Case Review whose agencies' reports are requested; the review id, or null when there is none. */
export async function seedDemoReport(
  services: Services,
  boardId: string,
  agencies: { id: string; nameEn: string }[],
  businessUnit: Caller,
): Promise<{ reviewId: string | null; seeded: boolean }> {
  const list = await services.reviews.list(as(businessUnit, 'REVIEWS_LISTED'), boardId, { stages: ['AGENCY_REPORTS_REQUESTED'] });
  const reviewId = list.items[0]?.id ?? null;
  if (!reviewId) return { reviewId: null, seeded: false };
  if (await findReportHead(services.db.kysely, reviewId)) return { reviewId, seeded: false };
  const review = await findReview(services.db.kysely, reviewId);
  if (!review) throw new Error('the demo review is missing');

  const holder = async (role: ReviewRole): Promise<Caller | null> => {
    const [held] = await services.reviewRoles.holders(services.db.kysely, reviewId, { role });
    const loaded = held ? await services.identity.loadActor(held.personId, true) : undefined;
    if (!held || !loaded) return null;
    return { actor: { personId: held.personId, grants: loaded.grants, twoFactorSatisfied: true }, ip: null, requestId: null, action: 'REPORT_VIEWED' };
  };
  const reviewer = await holder('author');
  const member = (await holder('panel_member')) ?? (await holder('panel_chair'));
  if (!reviewer) return { reviewId, seeded: false };

  for (const [section, text] of Object.entries(SECTIONS)) {
    const opened = await services.report.section(as(reviewer, 'REPORT_SECTION_VIEWED'), boardId, reviewId, section);
    await services.report.saveSection(as(reviewer, 'REPORT_SECTION_SAVED'), boardId, reviewId, { section, text, revision: opened.revision });
  }
  const first = agencies.find((a) => /Health/.test(a.nameEn)) ?? agencies[0];
  const second = agencies.find((a) => /Police/.test(a.nameEn)) ?? agencies[1];
  await services.report.saveRecommendation(as(reviewer, 'REVIEW_RECOMMENDATION_ADDED'), boardId, reviewId, {
    text: 'Agencies agree how a concern below the threshold for a referral is shared, and with whom.',
    agencyId: first?.id ?? null,
    personId: null,
    responsible: 'Head of children’s services',
    targetOn: '2027-09-30',
  });
  await services.report.saveRecommendation(as(reviewer, 'REVIEW_RECOMMENDATION_ADDED'), boardId, reviewId, {
    text: 'Practitioners are trained to record a young person’s words and to ask what they want to happen.',
    agencyId: second?.id ?? null,
    personId: null,
    responsible: null,
    // No target date yet: the board may not accept the report until it has one (R4).
    targetOn: null,
  });
  const o = await services.report.overview(as(reviewer, 'REPORT_VIEWED'), boardId, reviewId);
  await services.report.submit(as(reviewer, 'REPORT_SUBMITTED'), boardId, reviewId, { version: o.current.version, revision: o.current.revision });
  if (member)
    await services.report.comment(as(member, 'REPORT_COMMENTED'), boardId, reviewId, {
      version: o.current.version,
      section: 'analysis',
      text: 'Say which appointments were missed and who knew of each.',
    });
  return { reviewId, seeded: true };
}
