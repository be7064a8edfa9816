// The demo's reviews along their paths (issue 10 item 11: reviews at each stage). A demo referral's review is
// moved by its spec's `reviewMoves`; before each gated move (src/services/review-gates.ts) what its gate needs is
// done first, through the services as the business unit and the review's people, so it is sealed and audited:
// the Welsh Government notification recorded (notify_welsh_government); an agency's contribution requested and
// waived (receive_agency_reports); a reviewer given the author's role and a learning event planned and held
// (hold_learning_event); a version of the reviewers' report drafted, with its review recommendations, and submitted
// for QA (submit_to_panel); the panel chair's QA sign-off (submit_to_board). Run once per review: referrals.ts moves
// only a review still where the decision left it.
import type { Services } from '../container.ts';
import { findReportHead } from '../db/repositories/report-repository.ts';
import { findReview } from '../db/repositories/reviews-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import { addDays } from '../domain/clock/index.ts';
import { RECOMMENDATIONS_SECTION, reportSections } from '../domain/reviews/report.ts';
import type { HoldReason } from '../domain/reviews/review.ts';
import type { ReviewRole } from '../domain/roles.ts';
import type { Caller } from '../services/context.ts';

const as = (caller: Caller, action: AuditAction): Caller => ({ ...caller, action });

/** The independent people the moved reviews are given (fictional; invited with their review roles only). */
export const DEMO_STAGE_PEOPLE = {
  author: { fullName: 'Demo Reviewer Ffug', email: 'reviewer.ffug@independent.example', jobTitle: 'Independent reviewer (demo)' },
  panel_chair: { fullName: 'Demo Panel Chair Ffug', email: 'panel.chair.ffug@independent.example', jobTitle: 'Independent panel chair (demo)' },
} as const;

/** The review recommendations of a reviewers' report submitted along a demo review's path. */
export const DEMO_REVIEW_RECOMMENDATIONS = [
  'Agencies share a concern about a child with children’s services on the day it arises, and record that they did (demo).',
  'Agencies working with one family agree a single plan with one lead professional (demo).',
] as const;

/** The agency's people named on a waived contribution request (an author and a senior manager). */
const CONTRIBUTION_PEOPLE = {
  contact: { fullName: 'Demo Reviews Contact', email: 'reviews.contact.ffug@teifi.example', language: 'en' as const },
  author: { fullName: 'IMR author (stages, demo)', email: 'imr.author.stages@teifi.example', language: 'en' as const },
  seniorManager: { fullName: 'Senior manager (stages, demo)', email: 'senior.manager.stages@teifi.example', language: 'en' as const },
};

async function callerOf(services: Services, personId: string): Promise<Caller> {
  const loaded = await services.identity.loadActor(personId, true);
  if (!loaded) throw new Error('a demo review person is missing');
  return { actor: { personId, grants: loaded.grants, twoFactorSatisfied: true }, ip: null, requestId: null, action: 'DEMO_SEEDED' };
}

/** The review's holder of an independent role, given it here if no one holds it (a new account, invited). */
async function holderOf(services: Services, bu: Caller, reviewId: string, role: Extract<ReviewRole, 'author' | 'panel_chair'>): Promise<Caller> {
  const [held] = await services.reviewRoles.holders(services.db.kysely, reviewId, { role });
  if (held) return callerOf(services, held.personId);
  const review = await findReview(services.db.kysely, reviewId);
  if (!review) throw new Error('the demo review is missing');
  const { personId } = await inTransaction(services.db, (trx) =>
    services.reviewRoles.grantByEmail(
      trx,
      as(bu, 'REVIEW_ROLE_GRANTED'),
      review,
      { ...DEMO_STAGE_PEOPLE[role], agencyId: null, language: 'cy' },
      { role, agencyId: null },
    ),
  );
  return callerOf(services, personId);
}

/** Does what the move's gate needs, then moves the review (as the business unit). */
export async function moveDemoReview(
  services: Services,
  boardId: string,
  reviewId: string,
  move: { event: string; reason?: string; holdReason?: HoldReason },
  bu: Caller,
  agencyId: string | null,
): Promise<void> {
  const today = services.clock.today();
  const scope = { boardId, reviewId };
  switch (move.event) {
    case 'notify_welsh_government': {
      const { setup } = await services.reviewSetup.form(as(bu, 'REVIEW_NOTIFICATION_VIEWED'), boardId, reviewId);
      if (setup.notifications.some((n) => n.requirement.id === 'welsh_government' && !n.sent))
        await services.reviewSetup.recordNotification(as(bu, 'REVIEW_NOTIFICATION_RECORDED'), boardId, reviewId, {
          requirement: 'welsh_government',
          sentOn: today,
        });
      break;
    }
    case 'receive_agency_reports': {
      if (!agencyId) break;
      const { contacts } = await services.agencyContacts.list(as(bu, 'AGENCY_CONTACTS_VIEWED'), boardId, agencyId);
      const contactId =
        contacts.find((c) => c.email === CONTRIBUTION_PEOPLE.contact.email)?.id ??
        (await services.agencyContacts.add(as(bu, 'AGENCY_CONTACT_ADDED'), boardId, agencyId, CONTRIBUTION_PEOPLE.contact)).id;
      const { id } = await services.contributions.request(as(bu, 'CONTRIBUTION_REQUESTED'), boardId, reviewId, {
        agencyId,
        contactId,
        dueOn: addDays(today, 28),
        author: CONTRIBUTION_PEOPLE.author,
        seniorManager: CONTRIBUTION_PEOPLE.seniorManager,
      });
      await services.contributions.waive(as(bu, 'CONTRIBUTION_WAIVED'), boardId, reviewId, id, {
        reason: 'The agency’s contact with the family was covered by another agency’s report (demo).',
      });
      break;
    }
    case 'hold_learning_event': {
      const reviewer = await holderOf(services, bu, reviewId, 'author');
      const { id } = await services.learningEvents.plan(as(bu, 'LEARNING_EVENT_PLANNED'), scope, {
        heldOn: today,
        startsAt: '10:00',
        mode: 'online',
        venue: 'Video call (demo)',
        facilitatorIds: [reviewer.actor?.personId ?? ''],
      });
      await services.learningEvents.move(as(bu, 'LEARNING_EVENT_STATUS_CHANGED'), scope, id, { to: 'held' });
      break;
    }
    case 'submit_to_panel': {
      if ((await findReportHead(services.db.kysely, reviewId))?.submittedVersion != null) break;
      const reviewer = await holderOf(services, bu, reviewId, 'author');
      const review = await findReview(services.db.kysely, reviewId);
      const section = review ? reportSections(review.frameworkId)[0]?.id : undefined;
      if (!section) break;
      const opened = await services.report.section(as(reviewer, 'REPORT_SECTION_VIEWED'), boardId, reviewId, section);
      await services.report.saveSection(as(reviewer, 'REPORT_SECTION_SAVED'), boardId, reviewId, {
        section,
        text: 'Child B lived with their mother and two siblings in Cardigan. Agencies knew the family well from 3 March 2025; this draft sets out what happened and when (demo).',
        revision: opened.revision,
      });
      // Its review recommendations (R4: each with someone responsible and a target date), so the board can accept it.
      const recs = await services.report.section(as(reviewer, 'REPORT_SECTION_VIEWED'), boardId, reviewId, RECOMMENDATIONS_SECTION);
      await services.report.saveSection(as(reviewer, 'REPORT_SECTION_SAVED'), boardId, reviewId, {
        section: RECOMMENDATIONS_SECTION,
        text: 'Two review recommendations follow: information shared at the first concern, and a single plan for the family (demo).',
        revision: recs.revision,
      });
      for (const text of DEMO_REVIEW_RECOMMENDATIONS)
        await services.report.saveRecommendation(as(reviewer, 'REVIEW_RECOMMENDATION_ADDED'), boardId, reviewId, {
          text,
          agencyId,
          personId: null,
          responsible: agencyId ? null : 'The board (demo)',
          targetOn: addDays(today, 180),
        });
      const o = await services.report.overview(as(reviewer, 'REPORT_VIEWED'), boardId, reviewId);
      await services.report.submit(as(reviewer, 'REPORT_SUBMITTED'), boardId, reviewId, { version: o.current.version, revision: o.current.revision });
      break;
    }
    case 'submit_to_board': {
      const head = await findReportHead(services.db.kysely, reviewId);
      if (head?.submittedVersion == null || head.qaVersion != null) break;
      const chair = await holderOf(services, bu, reviewId, 'panel_chair');
      await services.report.signOffQa(as(chair, 'REPORT_QA_SIGNED_OFF'), boardId, reviewId, { version: head.submittedVersion });
      break;
    }
  }
  await services.reviews.move(as(bu, 'REVIEW_MOVED'), boardId, reviewId, move);
}
