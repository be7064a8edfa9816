// The demo's terms of reference (issue 10 item 3): the Serious Case Review whose agencies' reports are requested
// has version 1 approved by its independent panel chair and a version 2 drafted since (a line of enquiry added,
// the timescales moved), so the versions, the approval and the changes can be seen. Through the services, as the
// business unit and the review's panel chair (the panel's appointed chair; else given the role the one way review
// roles are given); idempotent: a review whose terms exist is left as it is. Runs after the panels are seeded.
import type { Services } from '../container.ts';
import { findReferral } from '../db/repositories/referrals-repository.ts';
import { findReview } from '../db/repositories/reviews-repository.ts';
import { findTermsHead } from '../db/repositories/terms-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import { addMonths } from '../domain/clock/dates.ts';
import type { SectionInput } from '../domain/reviews/terms.ts';
import type { Caller } from '../services/context.ts';

/** An independent panel chair for the demo's terms when the panel has appointed none (fictional; no agency). */
export const DEMO_PANEL_CHAIR = { fullName: 'Dr Rhiannon Prys (demo)', email: 'rhiannon.prys@independent.example.org', jobTitle: 'Independent chair' };

const as = (caller: Caller, action: AuditAction): Caller => ({ ...caller, action });

const VERSION_1: SectionInput[] = [
  {
    section: 'purpose',
    text: 'A Serious Case Review under regulation 4 of the Local Safeguarding Children Boards (Wales) Regulations 2006, to learn how agencies worked together and how that can improve.',
  },
  {
    section: 'enquiry',
    items: [
      'How agencies shared information about missed health appointments',
      'How the baby’s needs were assessed and by whom',
      'How the family’s circumstances were understood',
    ],
  },
  {
    section: 'methodology',
    text: 'Individual management reviews from each agency, an integrated chronology, and an overview report by the independent author.',
  },
  {
    section: 'panel',
    text: 'An independent chair, an independent author, and senior officers of the agencies involved who had no part in the case. Each signs a statement of independence.',
  },
  { section: 'family', text: 'The parents are told of the review and invited to meet the chair and the author, in the language they choose.' },
  {
    section: 'parallel',
    text: 'A police investigation is open. The chair agrees with the senior investigating officer what may be asked of witnesses, and the CPS is told of the review.',
  },
  { section: 'timescales', text: 'Individual management reviews within eight weeks; the overview report to the board within six months of the decision.' },
  {
    section: 'publication',
    text: 'An anonymised executive summary is published once any criminal proceedings end; the board’s communications lead handles media enquiries.',
  },
  { section: 'expertise', text: 'Paediatric health and infant head injury; assessment of parenting capacity.' },
];

/** Version 1 approved and version 2 drafted, on the review at AGENCY_REPORTS_REQUESTED (if the demo has it and its terms are not there yet). */
export async function seedDemoTerms(services: Services, boardId: string, businessUnit: Caller): Promise<{ reviewId: string | null; seeded: boolean }> {
  const list = await services.reviews.list(as(businessUnit, 'REVIEWS_LISTED'), boardId, { stages: ['AGENCY_REPORTS_REQUESTED'] });
  const reviewId = list.items[0]?.id ?? null;
  if (!reviewId) return { reviewId: null, seeded: false };
  if (await findTermsHead(services.db.kysely, reviewId)) return { reviewId, seeded: false };
  const review = await findReview(services.db.kysely, reviewId);
  if (!review) throw new Error('the demo review is missing');

  // The review's independent chair: the one its panel appointed (src/demo/panels.ts), else one given the
  // panel_chair role here (a new account, invited).
  const [appointed] = await services.reviewRoles.holders(services.db.kysely, reviewId, { role: 'panel_chair' });
  const personId =
    appointed?.personId ??
    (
      await inTransaction(services.db, (trx) =>
        services.reviewRoles.grantByEmail(
          trx,
          as(businessUnit, 'REVIEW_ROLE_GRANTED'),
          review,
          { ...DEMO_PANEL_CHAIR, agencyId: null, language: 'cy' },
          { role: 'panel_chair', agencyId: null },
        ),
      )
    ).personId;
  const loaded = await services.identity.loadActor(personId, true);
  if (!loaded) throw new Error('the demo panel chair could not be loaded');
  const chair: Caller = {
    actor: { personId, grants: loaded.grants, twoFactorSatisfied: true },
    ip: null,
    requestId: null,
    action: 'TERMS_OF_REFERENCE_APPROVED',
  };

  const save = async (input: SectionInput) => {
    const { revisions } = (await services.terms.section(as(businessUnit, 'TERMS_OF_REFERENCE_SECTION_VIEWED'), boardId, reviewId, input.section)).version;
    await services.terms.saveSection(as(businessUnit, 'TERMS_OF_REFERENCE_SECTION_SAVED'), boardId, reviewId, {
      ...input,
      revision: revisions[input.section] ?? 0,
    });
  };
  // The period the panel set (a Serious Case Review has no default): the 18 months before the incident.
  const referral = await findReferral(services.db.kysely, review.referralId);
  if (!referral) throw new Error('the demo referral is missing');
  await save({ section: 'period', startOn: addMonths(referral.incidentOn, -18), endOn: referral.incidentOn });
  for (const input of VERSION_1) await save(input);
  const v1 = await services.terms.overview(as(chair, 'TERMS_OF_REFERENCE_VIEWED'), boardId, reviewId);
  if (!v1.current) throw new Error('the demo terms have no version');
  await services.terms.approve(chair, boardId, reviewId, { version: v1.current.version, revision: v1.current.revision });

  // Version 2: drafted since, waiting for the chair.
  await save({
    section: 'enquiry',
    items: [
      'How agencies shared information about missed health appointments',
      'How the baby’s needs were assessed and by whom',
      'How the family’s circumstances were understood',
      'How concerns were escalated between agencies',
    ],
  });
  await save({
    section: 'timescales',
    text: 'Individual management reviews within ten weeks; the overview report to the board within six months of the decision.',
  });
  return { reviewId, seeded: true };
}
