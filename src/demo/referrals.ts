// The demo's referrals on the Teifi board, one at each step from referral to decision: new, under
// consideration (on a meeting's agenda, with the management group's analysis), recommended to the chair
// (with reasons and a dissent), decided to hold a review (which gets its reference), decided to learn
// through a multi-agency professional forum instead, and one well past the decision target. Everything
// goes through the services with the demo's people as callers, so every step is audited. Dates are
// relative to today, because the decision clocks run to today. Idempotent: a referral is found again by
// its (fictional) child's name and date of birth, and only the missing steps are taken.
import type { Services } from '../container.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import { addDays } from '../domain/clock/index.ts';
import { getFramework } from '../domain/frameworks/index.ts';
import type { Framework } from '../domain/frameworks/types.ts';
import type { Agency } from '../domain/organisation.ts';
import type { Pseudonym } from '../domain/pseudonyms.ts';
import type { ReferralStatus } from '../domain/referrals/referral.ts';
import type { Caller } from '../services/context.ts';
import type { ReferralInput } from '../services/referral-service.ts';
import { DEMO_REFERRALS, type DemoReferralSpec, STEP_ORDER, type Step } from './referral-specs.ts';
import { moveDemoReview } from './stages.ts';

export interface DemoReferral {
  pseudonym: Pseudonym;
  status: ReferralStatus;
  reviewReference: string | null;
  /** Where its review stands (a stage, or ON_HOLD:<stage>), if it has one. */
  reviewStage: string | null;
  overdue: boolean;
}

export interface DemoCallers {
  businessUnit: Caller;
  agencyReferrer: Caller;
  groupMember: Caller;
  groupChair: Caller;
  boardChair: Caller;
  /** The board's administrator: lets the board run the frameworks the demo's reviews follow. */
  administrator: Caller;
  meetingAttendees: { personId: string; attended: boolean }[];
}

function as(caller: Caller, action: AuditAction): Caller {
  return { ...caller, action };
}

const reached = (spec: DemoReferralSpec, step: Step) => STEP_ORDER.indexOf(spec.step) >= STEP_ORDER.indexOf(step);

/** The group's answers, from what the referral says; every other criterion is not known yet. */
function answersFor(framework: Framework, spec: DemoReferralSpec): Record<string, { answer: string; facts: string | null }> {
  const fromReferral: Record<string, [string, string]> = {
    in_area: ['yes', 'The family lives in Dyffryn Teifi and the incident happened there.'],
    abuse_or_neglect: [spec.abuseOrNeglect, 'As set out in the referral and confirmed by the agencies at the meeting.'],
    child_died: [spec.incidentType === 'death' ? 'yes' : 'no', 'From the referral and the agencies’ reports.'],
    life_threatening_injury: [spec.incidentType === 'life_threatening_injury' ? 'yes' : 'no', 'From the medical reports shared with the group.'],
    serious_permanent_impairment: [spec.incidentType === 'serious_permanent_impairment' ? 'yes' : 'no', 'From the medical reports shared with the group.'],
    other_harm: [spec.incidentType === 'other_harm' ? 'yes' : 'no', 'From the referral.'],
  };
  const answers: Record<string, { answer: string; facts: string | null }> = {};
  for (const q of framework.questions) {
    // No other review stream (adult, homicide) is raised by these children's facts: its questions are not asked.
    if (q.raisesStream) {
      answers[q.id] = { answer: 'no', facts: null };
      continue;
    }
    if (q.askedWhen) continue;
    const known = fromReferral[q.id];
    answers[q.id] = known && q.choices.some((c) => c.value === known[0]) ? { answer: known[0], facts: known[1] } : { answer: 'unknown', facts: null };
  }
  return answers;
}

/** Creates the demo referrals that are missing and takes each one as far as its step; returns where each stands. */
export async function seedDemoReferrals(services: Services, boardId: string, agencies: readonly Agency[], callers: DemoCallers): Promise<DemoReferral[]> {
  const today = services.clock.today();
  const daysAgo = (n: number) => addDays(today, -n);
  const agencyId = (name: string) => {
    const agency = agencies.find((a) => a.nameEn === name);
    if (!agency) throw new Error(`demo agency ${name} is missing`);
    return agency.id;
  };

  // 1. Every referral, found again by its child or recorded now.
  const referralIds: string[] = [];
  for (const spec of DEMO_REFERRALS) {
    const recorder = spec.recordedBy === 'agency_referrer' ? callers.agencyReferrer : callers.businessUnit;
    const input: ReferralInput = {
      boardId,
      referringAgencyId: spec.referringAgency ? agencyId(spec.referringAgency) : null,
      referrerName: spec.referrerName,
      referrerEmail: spec.referrerEmail ?? null,
      referrerRole: spec.referrerRole,
      receivedOn: daysAgo(spec.receivedDaysAgo),
      incidentOn: daysAgo(spec.incidentDaysAgo),
      incidentType: spec.incidentType,
      impairmentIdentifiedOn: spec.incidentType === 'serious_permanent_impairment' ? daysAgo(spec.incidentDaysAgo - 1) : null,
      abuseOrNeglect: spec.abuseOrNeglect,
      inBoardArea: true,
      initialFacts: spec.initialFacts,
      child: spec.child,
      periods: (spec.periods ?? []).map((p) => ({
        kind: p.kind,
        startOn: daysAgo(p.startDaysAgo),
        endOn: p.endDaysAgo === null ? null : daysAgo(p.endDaysAgo),
      })),
      familyMembers: spec.familyMembers ?? [],
      agenciesInvolved: spec.agenciesInvolved.map(agencyId),
      proceedings: (spec.proceedings ?? []).map((p) => ({
        proceedingType: p.proceedingType,
        status: 'open',
        liaisonContact: p.liaisonContact,
        expectedEndOn: null,
      })),
    };
    const existing = (await services.referrals.possibleDuplicates(callers.businessUnit, input)).find((d) => d.reason === 'same_child');
    referralIds.push(existing?.referralId ?? (await services.referrals.create(as(recorder, 'REFERRAL_CREATED'), input)).id);
  }

  // 2. One management group meeting, two days ago, for those that have not yet been put before the group.
  const toConsider: string[] = [];
  for (const [i, spec] of DEMO_REFERRALS.entries()) {
    const id = referralIds[i] as string;
    const { referral } = await services.consideration.considerationOf(callers.businessUnit, id);
    if (reached(spec, 'on_agenda') && referral.status === 'referred') toConsider.push(id);
  }
  let meetingId: string | null = null;
  if (toConsider.length > 0) {
    meetingId = await services.consideration.scheduleMeeting(as(callers.businessUnit, 'MEETING_SCHEDULED'), boardId, {
      meetsOn: daysAgo(2),
      location: 'Neuadd y Sir, Ystafell 2 (demo)',
      referralIds: toConsider,
    });
    await services.consideration.recordAttendance(as(callers.businessUnit, 'ATTENDANCE_RECORDED'), meetingId, callers.meetingAttendees);
  }

  // The frameworks the demo's reviews follow besides the statutory one: the board runs them (its settings).
  const extra = [...new Set(DEMO_REFERRALS.flatMap((s) => (s.frameworkId ? [s.frameworkId] : [])))];
  const settings = await services.consideration.settings(boardId);
  if (extra.some((f) => !settings.frameworks.includes(f)))
    await services.consideration.updateSettings(as(callers.administrator, 'BOARD_SETTINGS_UPDATED'), {
      ...settings,
      frameworks: [...new Set([...settings.frameworks, ...extra])],
    });

  // 3. The analysis, the recommendation and the decision, each where the referral's step calls for it.
  const out: DemoReferral[] = [];
  for (const [i, spec] of DEMO_REFERRALS.entries()) {
    const id = referralIds[i] as string;
    let state = await services.consideration.considerationOf(callers.businessUnit, id);
    if (reached(spec, 'analysed') && !state.assessment && !state.decision) {
      const framework = spec.frameworkId ? getFramework(spec.frameworkId) : (await services.consideration.frameworkFor(callers.groupMember, id)).framework;
      await services.consideration.recordAssessment(as(callers.groupMember, 'CRITERIA_ASSESSED'), id, {
        meetingId: meetingId && toConsider.includes(id) ? meetingId : null,
        frameworkId: framework.id,
        answers: answersFor(framework, spec),
      });
    }
    if (reached(spec, 'recommended') && spec.recommendation && !state.recommendation && !state.decision) {
      const framework = spec.frameworkId ? getFramework(spec.frameworkId) : (await services.consideration.frameworkFor(callers.groupChair, id)).framework;
      await services.consideration.submitRecommendation(as(callers.groupChair, 'RECOMMENDATION_SUBMITTED'), id, {
        route: spec.recommendation.route,
        reviewType: spec.recommendation.route === 'review' && framework.reviewersByType ? 'concise' : null,
        reasons: spec.recommendation.reasons,
        dissent: spec.recommendation.dissent,
      });
    }
    if (reached(spec, 'decided') && spec.decision && !state.decision) {
      await services.consideration.recordDecision(as(callers.boardChair, 'DECISION_RECORDED'), id, {
        agreesWithRecommendation: true,
        route: null,
        reviewType: null,
        rationale: spec.decision.rationale,
        decidedOn: today,
      });
    }
    state = await services.consideration.considerationOf(callers.businessUnit, id);
    // The review's moves, once: only a review still where the decision left it is moved.
    const review = state.review;
    if (review && spec.reviewMoves && review.stage === 'DECIDED_PROCEED') {
      // Each move after what its gate needs (src/demo/stages.ts); an agency's contribution from the first agency involved.
      const involved = spec.agenciesInvolved[0] ? agencyId(spec.agenciesInvolved[0]) : null;
      for (const move of spec.reviewMoves) await moveDemoReview(services, boardId, review.id, move, callers.businessUnit, involved);
    }
    const reviewStage = review ? ((await services.consideration.considerationOf(callers.businessUnit, id)).review?.stage ?? null) : null;
    out.push({
      pseudonym: state.referral.pseudonym,
      status: state.referral.status as ReferralStatus,
      reviewReference: state.review?.reference ?? null,
      reviewStage,
      overdue: [state.clocks?.fromIncident, state.clocks?.fromReferral].some((c) => c?.status === 'overdue'),
    });
  }
  await seedReviewSetup(services, boardId, referralIds, callers);
  return out;
}

/**
 * 4. Setting the reviews up (issue 10 items 1 and 5a), once: the SUSR review's Welsh Government notification
 * recorded (its letter downloadable) and its inquest's next hearing kept current; the SCR review with its
 * agency reports requested also covers the referral about a sibling (the one on the agenda).
 */
async function seedReviewSetup(services: Services, boardId: string, referralIds: string[], callers: DemoCallers) {
  const today = services.clock.today();
  const idOf = (fullName: string) => referralIds[DEMO_REFERRALS.findIndex((s) => s.child.fullName === fullName)];
  const reviewOf = async (fullName: string) => {
    const id = idOf(fullName);
    return id ? (await services.consideration.considerationOf(callers.businessUnit, id)).review : null;
  };
  const bu = callers.businessUnit;
  const susr = await reviewOf('Demo Child Nel Ffug');
  if (susr) {
    const { setup } = await services.reviewSetup.form(as(bu, 'REVIEW_NOTIFICATION_VIEWED'), boardId, susr.id);
    if (setup.notifications.some((n) => n.requirement.id === 'welsh_government' && !n.sent))
      await services.reviewSetup.recordNotification(as(bu, 'REVIEW_NOTIFICATION_RECORDED'), boardId, susr.id, {
        requirement: 'welsh_government',
        sentOn: today,
      });
    const inquest = setup.proceedings.find((p) => p.proceedingType === 'inquest' && p.history.length === 0);
    if (inquest)
      await services.reviewSetup.updateProceeding(as(bu, 'REVIEW_PROCEEDING_UPDATED'), boardId, susr.id, inquest.id, {
        proceedingType: inquest.proceedingType,
        status: inquest.status,
        nextHearingOn: addDays(today, 40),
        concludedOn: null,
        liaisonContact: inquest.liaisonContact,
      });
  }
  const scr = await reviewOf('Demo Child Cai Ffug');
  const sibling = idOf('Demo Child Tomos Ffug');
  if (scr && sibling) {
    const { setup } = await services.reviewSetup.form(as(bu, 'REVIEW_REFERRAL_LINK_VIEWED'), boardId, scr.id);
    if (!setup.referrals.some((r) => r.referralId === sibling))
      await services.reviewSetup.linkReferral(as(bu, 'REVIEW_REFERRAL_LINKED'), boardId, scr.id, sibling);
  }
}
