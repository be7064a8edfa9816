// Publication for tests (issue 13 item 4): a Child Practice Review at its publication preparation stage — its
// report accepted, its action plan accepted at a board meeting, sent to the Welsh Government — made through the
// services.
import type { Services } from '../container.ts';
import { insertBoardMeeting } from '../db/repositories/board-meetings-repository.ts';
import { SUMMARY_SECTIONS } from '../domain/publication/summary.ts';
import { type Caller, newId } from '../services/context.ts';
import { seedAcceptedReview } from './action-fixtures.ts';
import { allAnswered } from './anonymisation-fixtures.ts';
import { as } from './case-fixtures.ts';
import type { ReviewCallers } from './review-fixtures.ts';

export async function seedPreparingReview(services: Services, boardId: string, callers: ReviewCallers, agencyId: string) {
  const accepted = await seedAcceptedReview(services, boardId, callers, agencyId);
  const scope = { boardId, reviewId: accepted.review.id };
  await services.actionPlans.addAction(as(callers.bu, 'ACTION_ADDED'), scope, accepted.recommendationId, {
    action: 'Audit same-day referrals for six months.',
    leadAgencyId: agencyId,
    supportingAgencyIds: [],
    ownerName: 'Rhian Morgan',
    ownerEmail: `rhian.${newId().slice(0, 8)}@agency.example`,
    ownerLanguage: 'en',
    targetOn: '2027-06-30',
    successMeasure: 'Every referral made the same day.',
    completionEvidence: 'The audit report.',
    impactMeasure: 'A re-audit after six months.',
  });
  const meetingId = newId();
  await insertBoardMeeting(
    services.db.kysely,
    { id: meetingId, boardId, meetsOn: services.clock.today(), startsAt: '10:00', online: true, place: null, createdBy: null },
    services.clock.now().toISOString(),
  );
  await services.actionPlans.accept(as(callers.chair, 'ACTION_PLAN_ACCEPTED'), scope, { meetingId });
  for (const event of ['submit_to_welsh_government', 'prepare_publication'])
    await services.reviews.move(as(callers.bu, 'REVIEW_MOVED'), boardId, accepted.review.id, { event });
  return { ...accepted, scope };
}

/**
 * Every gate of a review at publication preparation opened through the services but the decision and the chair's
 * approval: the executive summary written and approved in English and Welsh; each language's anonymisation check
 * scanned, its findings accepted, its checklist answered and approved by information governance; the family told of
 * the publication.
 */
export async function openEveryGate(services: Services, scope: { boardId: string; reviewId: string }, bu: Caller, ig: Caller): Promise<void> {
  const act = (caller: Caller, action: Caller['action']): Caller => ({ ...caller, action });
  for (const language of ['en', 'cy'] as const) {
    for (const s of SUMMARY_SECTIONS) {
      const opened = await services.summary.section(act(bu, 'SUMMARY_SECTION_VIEWED'), scope, language, s.id);
      const text = language === 'en' ? `Child A and the agencies: ${s.id.replace(/_/g, ' ')}.` : `Plentyn A a’r asiantaethau: ${s.id.replace(/_/g, ' ')}.`;
      await services.summary.saveSection(act(bu, 'SUMMARY_SECTION_SAVED'), scope, { language, section: s.id, text, revision: opened.revision });
    }
    const latest = (await services.summary.overview(act(bu, 'SUMMARY_VIEWED'), scope)).languages[language].latest;
    await services.summary.approve(act(bu, 'SUMMARY_APPROVED'), scope, { language, version: latest.version, revision: latest.revision });
    const { checkId } = await services.anonymisation.scan(act(ig, 'ANONYMISATION_SCANNED'), scope, { kind: 'summary', language });
    const { check, findings } = await services.anonymisation.check(act(ig, 'ANONYMISATION_CHECK_VIEWED'), scope, checkId);
    let version = check.version;
    for (const f of findings)
      ({ version } = await services.anonymisation.accept(act(ig, 'ANONYMISATION_FINDING_ACCEPTED'), scope, checkId, f.id, {
        reason: 'Published with the family’s agreement.',
        version,
      }));
    ({ version } = await services.anonymisation.answer(act(ig, 'ANONYMISATION_CHECKLIST_ANSWERED'), scope, checkId, { answers: allAnswered(), version }));
    await services.anonymisation.approve(act(ig, 'ANONYMISATION_CHECK_APPROVED'), scope, checkId, { version });
  }
  const { personId } = await services.family.addPerson(act(bu, 'FAMILY_PERSON_ADDED'), scope, {
    kind: 'family_member',
    relationship: 'Mother',
    fullName: 'Sian Test',
    contactDetails: '',
    language: 'en',
  });
  await services.family.recordContact(act(bu, 'FAMILY_CONTACT_RECORDED'), scope, {
    personId,
    contactedOn: services.clock.today(),
    method: 'meeting',
    madeBy: bu.actor?.personId ?? '',
    topics: ['publication_date', 'publication'],
    notes: '',
  });
}
