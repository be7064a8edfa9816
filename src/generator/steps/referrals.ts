// Referrals over the years and their path to a decision: the child's restricted details, periods,
// family, agencies involved and parallel proceedings; monthly management group meetings with attendance
// and agendas; criteria assessments against the framework in force; recommendations; the chair's
// decisions; and the reviews they created (reference CODE/YEAR/NN, framework pinned by decision date,
// stage by age). Statuses match the rows present: referred (nothing yet), under consideration (on an
// agenda, perhaps assessed), recommended to the chair (assessment and recommendation), decided.
import type { Insertable } from 'kysely';
import { sealedPlace } from '../../db/field-cipher.ts';
import { CHILD_NUMBER, reviewSequenceCounter } from '../../db/repositories/counters-repository.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { addDays, addMonths, daysBetween } from '../../domain/clock/dates.ts';
import { DEFAULT_FRAMEWORK_ID, findFrameworkInForce, getFramework } from '../../domain/frameworks/index.ts';
import type { ChildFacts, Framework } from '../../domain/frameworks/types.ts';
import { familyPseudonym } from '../../domain/pseudonyms.ts';
import {
  type ABUSE_OR_NEGLECT,
  type INCIDENT_TYPES,
  type LearningRoute,
  normaliseName,
  PROCEEDING_TYPES,
  type ReferralStatus,
  reviewReference,
} from '../../domain/referrals/referral.ts';
import type { GenBoard, GeneratorContext, GeneratorStep } from '../context.ts';
import { address, CHILD_FIRST_NAMES, FACTS, personName, RELATIONSHIPS } from '../names.ts';
import { instantOn, type Random } from '../random.ts';

function frameworkOn(on: string): Framework {
  return findFrameworkInForce('wales', on) ?? getFramework(DEFAULT_FRAMEWORK_ID);
}

interface Plan {
  id: string;
  board: GenBoard;
  receivedOn: string;
  incidentOn: string;
  createdAt: string;
  meetsOn: string;
  recommendedOn: string;
  decidedOn: string;
  status: ReferralStatus;
  proceed: boolean;
}

/** The meeting a referral goes to: the board's monthly meeting on the 20th, at least a week after receipt. */
function meetingDate(receivedOn: string): string {
  const week = addDays(receivedOn, 7);
  const candidate = `${week.slice(0, 8)}20`;
  if (candidate >= week) return candidate;
  return `${addMonths(`${week.slice(0, 8)}01`, 1).slice(0, 8)}20`;
}

function holders(board: GenBoard, role: string): string[] {
  return board.roles.get(role) ?? [];
}

function statusFor(rng: Random, p: Omit<Plan, 'status' | 'proceed'>, asOf: string): ReferralStatus {
  if (p.meetsOn > asOf) return rng.chance(0.5) ? 'referred' : 'under_consideration';
  if (p.recommendedOn > asOf) return 'under_consideration';
  if (p.decidedOn > asOf) return 'recommended_to_chair';
  // A few recent referrals are stuck before the decision: these are the overdue ones.
  const age = daysBetween(p.receivedOn, asOf);
  if (age < 240 && rng.chance(0.12)) return rng.chance(0.5) ? 'recommended_to_chair' : 'under_consideration';
  return 'decided_not_proceed';
}

export const referralsStep: GeneratorStep = {
  id: 'referrals and decisions',
  tables: [
    'referrals',
    'referral_children',
    'child_periods',
    'family_members',
    'referral_agencies',
    'parallel_proceedings',
    'management_group_meetings',
    'management_group_attendance',
    'management_group_agenda',
    'criteria_assessments',
    'recommendations',
    'decisions',
    'reviews',
    'board_counters',
  ],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('referrals');
    const { boards } = ctx.state;
    if (boards.length === 0) return;
    const span = daysBetween(ctx.startOn, ctx.asOf);
    // Boards differ in size: a weight per board.
    const weights = boards.map((b) => [b, 0.5 + rng.next()] as const);

    // 1. Plan every referral's dates and status.
    const plans: Plan[] = [];
    for (let i = 0; i < ctx.spec.referrals; i++) {
      const board = rng.weighted(weights);
      const receivedOn = addDays(ctx.startOn, rng.int(1, span - 1));
      const incidentOn = addDays(receivedOn, -rng.int(1, 60));
      const createdAt = instantOn(rng, receivedOn);
      const meetsOn = meetingDate(receivedOn);
      const recommendedOn = addDays(meetsOn, rng.int(0, 5));
      const decidedOn = addDays(recommendedOn, rng.int(3, 35));
      const base = { id: rng.idAt(Date.parse(createdAt)), board, receivedOn, incidentOn, createdAt, meetsOn, recommendedOn, decidedOn };
      plans.push({ ...base, status: statusFor(rng, base, ctx.asOf), proceed: false });
    }
    // Exactly the planned number of reviews (or every decided referral when fewer): decided to proceed.
    const decided = plans.filter((p) => p.status === 'decided_not_proceed');
    for (const p of rng.sample(decided, ctx.spec.reviews)) {
      p.status = 'decided_proceed';
      p.proceed = true;
    }
    plans.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));

    const referrals: Insertable<Database['referrals']>[] = [];
    const children: Insertable<Database['referral_children']>[] = [];
    const periods: Insertable<Database['child_periods']>[] = [];
    const family: Insertable<Database['family_members']>[] = [];
    const involved: Insertable<Database['referral_agencies']>[] = [];
    const proceedings: Insertable<Database['parallel_proceedings']>[] = [];
    const meetings = new Map<string, Insertable<Database['management_group_meetings']>>();
    const attendance: Insertable<Database['management_group_attendance']>[] = [];
    const agenda: Insertable<Database['management_group_agenda']>[] = [];
    const assessments: Insertable<Database['criteria_assessments']>[] = [];
    const recommendations: Insertable<Database['recommendations']>[] = [];
    const decisions: Insertable<Database['decisions']>[] = [];
    const reviews: Insertable<Database['reviews']>[] = [];
    const childNumbers = new Map<string, number>();
    const reviewSequences = new Map<string, number>();
    const reviewPlans: { plan: Plan; framework: Framework; reviewType: string | null; decidedAt: string; decisionId: string; recommendationId: string }[] = [];

    for (const [n, p] of plans.entries()) {
      if (n % 1000 === 0) ctx.progress('referrals (planning)', n, plans.length);
      const board = p.board;
      const businessUnit = rng.pick(holders(board, 'business_unit').length ? holders(board, 'business_unit') : [null]);
      const childNumber = (childNumbers.get(board.id) ?? 0) + 1;
      childNumbers.set(board.id, childNumber);
      const incidentType = rng.weighted<(typeof INCIDENT_TYPES)[number]>([
        ['death', 35],
        ['life_threatening_injury', 30],
        ['serious_permanent_impairment', 15],
        ['other_harm', 20],
      ]);
      const referringAgency = rng.pick(board.agencyIds);
      const referrer = personName(rng);
      const updatedAt = p.status === 'referred' ? p.createdAt : instantOn(rng, p.status.startsWith('decided') ? p.decidedOn : p.meetsOn);
      referrals.push({
        id: p.id,
        board_id: board.id,
        child_number: childNumber,
        status: p.status,
        referring_agency_id: referringAgency,
        referrer_name: `${referrer.first} ${referrer.last}`,
        referrer_role: rng.pick(['Team manager', 'Designated safeguarding lead', 'Detective inspector', 'Named nurse']),
        referrer_email: rng.chance(0.7) ? `${referrer.first.toLowerCase()}.${childNumber}@referrer.example` : null,
        received_on: p.receivedOn,
        incident_on: p.incidentOn,
        incident_type: incidentType,
        impairment_identified_on: incidentType === 'serious_permanent_impairment' ? addDays(p.incidentOn, rng.int(0, 20)) : null,
        abuse_or_neglect: rng.weighted<(typeof ABUSE_OR_NEGLECT)[number]>([
          ['known', 45],
          ['suspected', 45],
          ['not_suspected', 10],
        ]),
        in_board_area: rng.chance(0.95) ? 1 : 0,
        initial_facts: rng.pick(FACTS),
        created_by: businessUnit,
        created_at: p.createdAt,
        updated_at: [updatedAt, p.createdAt].sort()[1] ?? p.createdAt,
      });
      const childName = `${rng.pick(CHILD_FIRST_NAMES)} ${personName(rng).last}`;
      const dateOfBirth = addDays(p.incidentOn, -rng.int(30, 17 * 365));
      const { cipher } = ctx;
      children.push({
        referral_id: p.id,
        full_name: cipher.encrypt(childName, sealedPlace('referral_children', 'full_name', p.id)),
        name_normalised: null,
        date_of_birth_on: cipher.encrypt(dateOfBirth, sealedPlace('referral_children', 'date_of_birth_on', p.id)),
        address: cipher.encrypt(address(rng, board.place), sealedPlace('referral_children', 'address', p.id)),
        is_deceased: incidentType === 'death' ? 1 : 0,
        name_index: cipher.blindIndex('child_name', board.id, normaliseName(childName)),
        dob_index: cipher.blindIndex('child_dob', board.id, dateOfBirth),
      });
      const childPeriods: ChildFacts['childProtectionRegisterPeriods'][number][] = [];
      const lookedAfter: ChildFacts['lookedAfterPeriods'][number][] = [];
      if (rng.chance(0.4)) {
        const startOn = addDays(p.incidentOn, -rng.int(60, 900));
        const endOn = rng.chance(0.5) ? addDays(startOn, rng.int(30, 500)) : null;
        const period = { startOn, endOn: endOn && endOn < p.incidentOn ? endOn : null };
        childPeriods.push(period);
        periods.push({
          id: rng.idAt(Date.parse(p.createdAt)),
          referral_id: p.id,
          kind: 'child_protection_register',
          start_on: period.startOn,
          end_on: period.endOn,
        });
      }
      if (rng.chance(0.2)) {
        const startOn = addDays(p.incidentOn, -rng.int(30, 1500));
        const period = { startOn, endOn: null };
        lookedAfter.push(period);
        periods.push({ id: rng.idAt(Date.parse(p.createdAt)), referral_id: p.id, kind: 'looked_after', start_on: startOn, end_on: null });
      }
      const members = rng.int(1, 4);
      for (let m = 0; m < members; m++) {
        const significant = rng.chance(0.2);
        const name = personName(rng);
        const memberId = rng.idAt(Date.parse(p.createdAt));
        const contact = rng.chance(0.5) ? address(rng, board.place) : null;
        family.push({
          id: memberId,
          referral_id: p.id,
          pseudonym_kind: familyPseudonym(significant, m + 1).kind,
          pseudonym_index: m + 1,
          relationship: rng.pick(RELATIONSHIPS),
          is_significant_person: significant ? 1 : 0,
          language: rng.chance(0.25) ? 'cy' : 'en',
          full_name: cipher.encrypt(`${name.first} ${name.last}`, sealedPlace('family_members', 'full_name', memberId)),
          contact_details: cipher.seal(contact, sealedPlace('family_members', 'contact_details', memberId)),
          created_at: p.createdAt,
        });
      }
      const agencies = rng.sample(board.agencyIds, rng.int(2, 6));
      for (const agencyId of agencies) involved.push({ referral_id: p.id, agency_id: agencyId });
      const hasProceeding = rng.chance(0.4);
      if (hasProceeding) {
        const concluded = daysBetween(p.receivedOn, ctx.asOf) > 540 && rng.chance(0.8);
        proceedings.push({
          id: rng.idAt(Date.parse(p.createdAt)),
          referral_id: p.id,
          review_id: null,
          proceeding_type: rng.pick(PROCEEDING_TYPES),
          status: concluded ? 'concluded' : 'open',
          liaison_contact: rng.chance(0.6) ? 'Senior investigating officer' : null,
          expected_end_on: addDays(p.receivedOn, rng.int(90, 720)),
          concluded_on: concluded ? addDays(p.receivedOn, rng.int(120, 530)) : null,
          created_at: p.createdAt,
          updated_at: p.createdAt,
        });
      }
      ctx.audit({
        id: rng.idAt(Date.parse(p.createdAt)),
        at: p.createdAt,
        actorId: businessUnit,
        action: 'REFERRAL_CREATED',
        boardId: board.id,
        recordType: 'referral',
        recordId: p.id,
        // Counts only: no case content in the audit log.
        summary: {
          periods: childPeriods.length + lookedAfter.length,
          familyMembers: members,
          agenciesInvolved: agencies.length,
          proceedings: hasProceeding ? 1 : 0,
        },
      });
      if (p.status === 'referred') continue;

      // The management group meeting (one per board and month) and its agenda.
      const meetingKey = `${board.id}:${p.meetsOn}`;
      let meeting = meetings.get(meetingKey);
      const mgChair = holders(board, 'management_group_chair')[0] ?? null;
      if (!meeting) {
        const fortnightBefore = addDays(p.meetsOn, -14);
        const scheduledOn = [fortnightBefore, p.receivedOn].sort().concat(ctx.asOf).slice(1).sort()[0] ?? p.receivedOn;
        const at = instantOn(rng, scheduledOn);
        meeting = {
          id: rng.idAt(Date.parse(at)),
          board_id: board.id,
          meets_on: p.meetsOn,
          location: rng.pick(['Council offices, committee room 2', 'Online (Teams)', 'Police headquarters, meeting room 4', 'Health board offices']),
          created_by: businessUnit,
          created_at: at,
        };
        meetings.set(meetingKey, meeting);
        const meetingId = meeting.id;
        ctx.audit({
          id: rng.idAt(Date.parse(at)),
          at,
          actorId: businessUnit,
          action: 'MEETING_SCHEDULED',
          boardId: board.id,
          recordType: 'meeting',
          recordId: meetingId,
          summary: { referrals: 1, referralIds: [p.id] },
        });
        if (p.meetsOn <= ctx.asOf) {
          // Only the management group (its chair and members) and the board chair attend.
          const members = [
            ...new Set([...holders(board, 'management_group_chair'), ...holders(board, 'management_group_member'), ...holders(board, 'board_chair')]),
          ];
          let attended = 0;
          for (const personId of members) {
            const was = rng.chance(0.85);
            if (was) attended += 1;
            attendance.push({ meeting_id: meetingId, person_id: personId, attended: was ? 1 : 0 });
          }
          const at2 = instantOn(rng, p.meetsOn);
          ctx.audit({
            id: rng.idAt(Date.parse(at2)),
            at: at2,
            actorId: businessUnit,
            action: 'ATTENDANCE_RECORDED',
            boardId: board.id,
            recordType: 'meeting',
            recordId: meetingId,
            summary: { attended, absent: members.length - attended, guests: 0 },
          });
        }
      }
      agenda.push({ meeting_id: meeting.id, referral_id: p.id });
      if (p.meetsOn > ctx.asOf || (p.status === 'under_consideration' && rng.chance(0.5))) continue;

      // Criteria assessment at the meeting, against the framework in force then.
      const framework = frameworkOn(p.meetsOn);
      const answers: Record<string, { answer: string; facts: string | null }> = {};
      for (const q of framework.questions) {
        // A child referral raises no other SUSR stream (adult, homicide): those questions are not asked.
        if (q.raisesStream) {
          answers[q.id] = { answer: 'no', facts: null };
          continue;
        }
        if (q.askedWhen) continue;
        const yes = q.choices.find((c) => c.value === 'yes')?.value ?? q.choices[0]?.value ?? 'unknown';
        const answer = p.proceed || rng.chance(0.6) ? yes : rng.pick(q.choices.map((c) => c.value));
        answers[q.id] = { answer, facts: answer === 'unknown' ? null : 'Set out in the referral and the agencies’ initial information.' };
      }
      let outcome: string = 'undetermined';
      let assessedType: string | null = null;
      try {
        const result = framework.assess(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.answer])), {
          incidentOn: p.incidentOn,
          childProtectionRegisterPeriods: childPeriods,
          lookedAfterPeriods: lookedAfter,
        });
        outcome = result.outcome;
        assessedType = result.type ?? null;
      } catch {
        outcome = 'undetermined';
      }
      const assessedAt = instantOn(rng, p.meetsOn);
      const assessmentId = rng.idAt(Date.parse(assessedAt));
      assessments.push({
        id: assessmentId,
        referral_id: p.id,
        meeting_id: meeting.id,
        framework_id: framework.id,
        answers: JSON.stringify(answers),
        outcome,
        review_type: assessedType,
        streams: null,
        assessed_by: mgChair,
        assessed_at: assessedAt,
      });
      ctx.audit({
        id: rng.idAt(Date.parse(assessedAt)),
        at: assessedAt,
        actorId: mgChair,
        action: 'CRITERIA_ASSESSED',
        boardId: board.id,
        recordType: 'referral',
        recordId: p.id,
        summary: { assessmentId, meetingId: meeting.id, frameworkId: framework.id, answers: Object.keys(answers).length },
      });
      if (p.status === 'under_consideration') continue;

      // The management group chair's recommendation; the chair usually agrees.
      const agrees = rng.chance(0.94);
      const otherRoutes: LearningRoute[] = ['single_agency_review', 'multi_agency_professional_forum', 'no_review'];
      const decidedRoute: LearningRoute = p.proceed ? 'review' : rng.pick(otherRoutes);
      const recommendedRoute: LearningRoute = agrees || p.status === 'recommended_to_chair' ? decidedRoute : p.proceed ? rng.pick(otherRoutes) : 'review';
      const decisionFramework = frameworkOn(p.decidedOn);
      const typed = (f: Framework) => (f.reviewersByType ? rng.pick(['concise', 'extended']) : null);
      const recommendedType = recommendedRoute === 'review' ? (assessedType ?? typed(framework)) : null;
      const recommendedAt = instantOn(rng, p.recommendedOn);
      const recommendationId = rng.idAt(Date.parse(recommendedAt));
      recommendations.push({
        id: recommendationId,
        referral_id: p.id,
        assessment_id: assessmentId,
        route: recommendedRoute,
        framework_id: recommendedRoute === 'review' ? framework.id : null,
        review_type: recommendedType,
        reasons: 'The criteria were considered against the facts known to the agencies; see the assessment.',
        dissent: rng.chance(0.05) ? 'One member considered that a multi-agency professional forum would be proportionate.' : null,
        submitted_by: mgChair ?? businessUnit ?? '',
        submitted_at: recommendedAt,
      });
      ctx.audit({
        id: rng.idAt(Date.parse(recommendedAt)),
        at: recommendedAt,
        actorId: mgChair,
        action: 'RECOMMENDATION_SUBMITTED',
        boardId: board.id,
        recordType: 'referral',
        recordId: p.id,
        summary: { recommendationId, assessmentId },
      });
      if (p.status === 'recommended_to_chair') continue;

      // The board chair's decision, pinned to the framework in force on the decision date.
      const chair = holders(board, 'board_chair')[0] ?? mgChair ?? '';
      const decidedAt = instantOn(rng, p.decidedOn);
      const decisionId = rng.idAt(Date.parse(decidedAt));
      const reviewType = decidedRoute === 'review' ? ((agrees ? recommendedType : null) ?? typed(decisionFramework)) : null;
      decisions.push({
        id: decisionId,
        referral_id: p.id,
        recommendation_id: recommendationId,
        agrees_with_recommendation: recommendedRoute === decidedRoute ? 1 : 0,
        route: decidedRoute,
        framework_id: decidedRoute === 'review' ? decisionFramework.id : null,
        review_type: decisionFramework.reviewersByType ? reviewType : null,
        rationale: 'Having read the recommendation and the reasons, I have decided as set out in the letter.',
        decided_on: p.decidedOn,
        decided_by: chair,
        created_at: decidedAt,
      });
      if (p.proceed)
        reviewPlans.push({
          plan: p,
          framework: decisionFramework,
          reviewType: decisionFramework.reviewersByType ? reviewType : null,
          decidedAt,
          decisionId,
          recommendationId,
        });
      else
        ctx.audit({
          id: rng.idAt(Date.parse(decidedAt)),
          at: decidedAt,
          actorId: chair,
          action: 'DECISION_RECORDED',
          boardId: board.id,
          recordType: 'referral',
          recordId: p.id,
          summary: { decisionId, recommendationId, reviewId: null },
        });
    }

    // Reviews: numbered per board and year in decision order; the stage follows the review's age.
    reviewPlans.sort((a, b) => (a.plan.decidedOn < b.plan.decidedOn ? -1 : a.plan.decidedOn > b.plan.decidedOn ? 1 : 0));
    for (const r of reviewPlans) {
      const { plan: p, framework } = r;
      const year = Number(p.decidedOn.slice(0, 4));
      const key = `${p.board.id}:${year}`;
      const sequence = (reviewSequences.get(key) ?? 0) + 1;
      reviewSequences.set(key, sequence);
      const path = framework.stages.slice(framework.stages.indexOf('DECIDED_PROCEED') + 1);
      // About three years from decision to closure, with reviews running fast or slow.
      const progress = (daysBetween(p.decidedOn, ctx.asOf) / (365 * 3)) * (0.6 + rng.next() * 0.8);
      const stage = path[Math.min(path.length - 1, Math.floor(progress * path.length))] ?? 'SCOPING';
      const reference = reviewReference(p.board.code, year, sequence);
      const id = rng.idAt(Date.parse(r.decidedAt));
      reviews.push({
        id,
        board_id: p.board.id,
        referral_id: p.id,
        reference,
        reference_year: year,
        reference_sequence: sequence,
        framework_id: framework.id,
        review_type: r.reviewType,
        stage,
        decided_on: p.decidedOn,
        created_at: r.decidedAt,
        updated_at: r.decidedAt,
      });
      ctx.audit({
        id: rng.idAt(Date.parse(r.decidedAt)),
        at: r.decidedAt,
        actorId: holders(p.board, 'board_chair')[0] ?? null,
        action: 'DECISION_RECORDED',
        boardId: p.board.id,
        recordType: 'referral',
        recordId: p.id,
        summary: { decisionId: r.decisionId, recommendationId: r.recommendationId, reviewId: id },
      });
    }
    // The boards' counters carry on from the numbers given here, so the next referral or review continues the sequence.
    const counters: Insertable<Database['board_counters']>[] = [
      ...[...childNumbers].map(([boardId, value]) => ({ board_id: boardId, name: CHILD_NUMBER, value })),
      ...[...reviewSequences].map(([key, value]) => {
        const [boardId = '', year = ''] = key.split(':');
        return { board_id: boardId, name: reviewSequenceCounter(Number(year)), value };
      }),
    ];
    for (const p of plans)
      ctx.state.referrals.push({ id: p.id, boardId: p.board.id, status: p.status, receivedOn: p.receivedOn, incidentOn: p.incidentOn, createdAt: p.createdAt });

    await inTransaction(ctx.db, async (trx) => {
      const step = 'referrals';
      await ctx.insert(trx, step, 'referrals', referrals);
      await ctx.insert(trx, step, 'referral_children', children);
      await ctx.insert(trx, step, 'child_periods', periods);
      await ctx.insert(trx, step, 'family_members', family);
      await ctx.insert(trx, step, 'referral_agencies', involved);
      await ctx.insert(trx, step, 'parallel_proceedings', proceedings);
      await ctx.insert(trx, step, 'board_counters', counters);
    });
    await inTransaction(ctx.db, async (trx) => {
      const step = 'meetings and decisions';
      await ctx.insert(trx, step, 'management_group_meetings', [...meetings.values()]);
      await ctx.insert(trx, step, 'management_group_attendance', attendance);
      await ctx.insert(trx, step, 'management_group_agenda', agenda);
      await ctx.insert(trx, step, 'criteria_assessments', assessments);
      await ctx.insert(trx, step, 'recommendations', recommendations);
      await ctx.insert(trx, step, 'decisions', decisions);
      await ctx.insert(trx, step, 'reviews', reviews);
    });
  },
};
