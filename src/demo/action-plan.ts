// The demo's action plan (issue 12 items 1, 2, 7 and 9): on the SUSR at board acceptance (its reviewers' report, with
// two review recommendations, signed off by the panel's chair: src/demo/stages.ts), the board chair accepts the
// report, the business unit adds a board recommendation and actions for each — single- and multi-agency, owned by
// lead officers of the police, health, children's services and education — and the case review group's meeting
// signs the plan off (monitoring starts). The actions are then taken to every status through the services as their
// owners, the business unit and the board would: not started (close to its date: amber), on track, at risk, off
// track, overdue (red), complete awaiting verification, verified, impact evidenced, sustained, closed by the board.
// Dates a demo cannot wait for are then set as if earlier (an overdue target, a re-audit date passed, an owner's
// update three months old), as the contributions demo dates its requests. The police's lead officer is one of the
// demo's sign-in accounts. Run once: a review whose plan is accepted is left as it is.
import { Readable } from 'node:stream';
import type { Services } from '../container.ts';
import { findActionPlan } from '../db/repositories/action-records-repository.ts';
import { lastBoardMeeting } from '../db/repositories/board-meetings-repository.ts';
import { listMeetings } from '../db/repositories/meetings-repository.ts';
import { findReportHead } from '../db/repositories/report-repository.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import { addDays } from '../domain/clock/dates.ts';
import type { Agency } from '../domain/organisation.ts';
import { ActionReminders } from '../services/actions/action-reminders.ts';
import { type Caller, clockFrom } from '../services/context.ts';

const as = (caller: Caller, action: AuditAction): Caller => ({ ...caller, action });

async function callerOf(services: Services, personId: string): Promise<Caller> {
  const loaded = await services.identity.loadActor(personId, true);
  if (!loaded) throw new Error('a demo action owner is missing');
  return { actor: { personId, grants: loaded.grants, twoFactorSatisfied: true }, ip: null, requestId: null, action: 'DEMO_SEEDED' };
}

/** The police's lead officer: the demo's action owner account. */
export const DEMO_ACTION_OWNER = { fullName: 'Rhodri Owen', email: 'rhodri.owen@teifi.example' } as const;

const OWNERS = {
  police: { ...DEMO_ACTION_OWNER, agency: 'Teifi Valley Police', language: 'en' as const },
  health: { fullName: 'Bethan Pugh', email: 'bethan.pugh@teifi.example', agency: 'Teifi Valley University Health Board', language: 'cy' as const },
  council: { fullName: 'Dylan Rowlands', email: 'dylan.rowlands@teifi.example', agency: 'Teifi County Council Children’s Services', language: 'en' as const },
  education: { fullName: 'Mared Lewis', email: 'mared.lewis@teifi.example', agency: 'Teifi County Council Education Service', language: 'cy' as const },
};

/** What happens to a demo action after it is made, in order (each through the services; 'overdue'/'stale' date it back). */
type Step = 'on_track' | 'at_risk' | 'off_track' | 'complete' | 'verify' | 'impact' | 'sustained' | 'close' | 'overdue' | 'stale';

interface DemoAction {
  /** The report's recommendation (0 or 1), or the board's own. */
  recommendation: 0 | 1 | 'board';
  owner: keyof typeof OWNERS;
  supporting?: (keyof typeof OWNERS)[];
  action: string;
  targetDays: number;
  steps: Step[];
}

const ACTIONS: readonly DemoAction[] = [
  {
    recommendation: 0,
    owner: 'police',
    action: 'Send every domestic abuse notification to children’s services within 24 hours (demo).',
    targetDays: 20,
    steps: [],
  },
  {
    recommendation: 0,
    owner: 'health',
    supporting: ['council'],
    action: 'Health visitors share missed appointments with the social worker the same week (demo).',
    targetDays: 120,
    steps: ['on_track'],
  },
  { recommendation: 0, owner: 'education', action: 'Schools log attendance concerns for children on a plan daily (demo).', targetDays: 90, steps: ['at_risk'] },
  {
    recommendation: 1,
    owner: 'council',
    supporting: ['health', 'police'],
    action: 'Agree one plan per family with one lead professional (demo).',
    targetDays: 150,
    steps: ['off_track'],
  },
  { recommendation: 1, owner: 'police', action: 'Audit referrals made after call-outs for six months (demo).', targetDays: 60, steps: ['on_track', 'overdue'] },
  { recommendation: 1, owner: 'health', action: 'Train midwives on the information-sharing protocol (demo).', targetDays: 45, steps: ['on_track', 'complete'] },
  {
    recommendation: 'board',
    owner: 'police',
    action: 'Report same-day referral rates to the board each quarter (demo).',
    targetDays: 30,
    steps: ['on_track', 'complete', 'verify'],
  },
  {
    recommendation: 'board',
    owner: 'council',
    action: 'Publish the multi-agency threshold guidance in English and Welsh (demo).',
    targetDays: 30,
    steps: ['complete', 'verify', 'impact'],
  },
  {
    recommendation: 'board',
    owner: 'education',
    action: 'Designated safeguarding leads meet the social worker each term (demo).',
    targetDays: 30,
    steps: ['complete', 'verify', 'impact', 'sustained'],
  },
  {
    recommendation: 'board',
    owner: 'health',
    action: 'Replace the paper referral form with the shared one (demo).',
    targetDays: 60,
    steps: ['stale', 'close'],
  },
];

/** The lead officers the plan appoints (a person and an action owner's role each, for the seed test). */
export const DEMO_ACTION_OWNERS = Object.keys(OWNERS).length;

const evidence = (text: string) => ({ name: 'evidence-demo.txt', content: Readable.from([Buffer.from(`${text}\n`)]) });

/** Seeds the plan; the number of actions made (0 when there is no such review or its plan is accepted already). */
export async function seedDemoActionPlan(services: Services, boardId: string, agencies: readonly Agency[], bu: Caller, boardChair: Caller): Promise<number> {
  const { items } = await services.reviews.list(as(bu, 'REVIEWS_LISTED'), boardId, { stages: ['BOARD_ACCEPTANCE'], frameworkIds: ['SUSR_2024'] });
  const review = items[0];
  if (!review || (await findActionPlan(services.db.kysely, review.id))) return 0;
  const head = await findReportHead(services.db.kysely, review.id);
  if (head?.qaVersion == null) return 0;
  const scope = { boardId, reviewId: review.id };
  if (head.acceptedVersion == null) await services.report.accept(as(boardChair, 'REPORT_ACCEPTED'), boardId, review.id, { version: head.qaVersion });
  const plan = await services.actionPlans.plan(as(bu, 'ACTION_PLAN_VIEWED'), scope);
  const report = plan.recommendations.filter((r) => r.source === 'report');
  const board = await services.actionPlans.addBoardRecommendation(as(bu, 'BOARD_RECOMMENDATION_ADDED'), scope, {
    text: 'Partners report their progress on this plan to every board meeting until it is complete (demo).',
  });
  const agencyOf = (key: keyof typeof OWNERS) => agencies.find((a) => a.nameEn === OWNERS[key].agency)?.id ?? '';
  const today = services.clock.today();
  const meeting = await lastBoardMeeting(services.db.kysely, boardId, today);
  const decide = async (actionId: string, event: 'record_impact' | 'record_sustained' | 'close', narrative: string, reauditOn?: string) =>
    services.actionProgress.boardDecision(as(bu, 'ACTION_BOARD_DECISION_RECORDED'), scope, actionId, {
      event,
      narrative,
      boardMeetingId: meeting?.id ?? null,
      reauditOn: reauditOn ?? null,
    });
  let made = 0;
  for (const spec of ACTIONS) {
    const recommendationId = spec.recommendation === 'board' ? board.id : report[spec.recommendation]?.id;
    if (!recommendationId) continue;
    const owner = OWNERS[spec.owner];
    const { actionId } = await services.actionPlans.addAction(as(bu, 'ACTION_ADDED'), scope, recommendationId, {
      action: spec.action,
      leadAgencyId: agencyOf(spec.owner),
      supportingAgencyIds: (spec.supporting ?? []).map(agencyOf),
      ownerName: owner.fullName,
      ownerEmail: owner.email,
      ownerLanguage: owner.language,
      targetOn: addDays(today, spec.targetDays),
      successMeasure: 'Every case audited meets the standard (demo).',
      completionEvidence: 'The procedure and a first audit (demo).',
      impactMeasure: 'A re-audit six months on (demo).',
    });
    made++;
    const row = await services.db.kysely.selectFrom('review_actions').select('owner_id').where('id', '=', actionId).executeTakeFirstOrThrow();
    const ownerCaller = await callerOf(services, row.owner_id);
    for (const step of spec.steps) {
      if (step === 'on_track' || step === 'at_risk' || step === 'off_track') {
        const narrative =
          step === 'on_track'
            ? 'Started: the procedure is drafted (demo).'
            : step === 'at_risk'
              ? 'Two posts are vacant; the date may slip (demo).'
              : 'No agreement yet between the three agencies (demo).';
        await services.actionProgress.update(as(ownerCaller, 'ACTION_UPDATED'), scope, actionId, { narrative, status: step });
      } else if (step === 'complete') {
        await services.actionProgress.proposeComplete(
          as(ownerCaller, 'ACTION_COMPLETION_PROPOSED'),
          scope,
          actionId,
          { narrative: 'Done: the procedure is in force and audited (demo).' },
          evidence('Audit of the new procedure: 20 of 20 cases met the standard (demo).'),
        );
      } else if (step === 'verify') {
        await services.actionProgress.verify(as(bu, 'ACTION_VERIFIED'), scope, actionId, { decision: 'verify', narrative: 'The audit is in order (demo).' });
      } else if (step === 'impact') {
        await decide(actionId, 'record_impact', 'Referral times fell from five days to one (demo).', addDays(today, 1));
      } else if (step === 'sustained') {
        // As if the re-audit date had come.
        await services.db.kysely
          .updateTable('review_actions')
          .set({ reaudit_on: addDays(today, -1) })
          .where('id', '=', actionId)
          .execute();
        await decide(actionId, 'record_sustained', 'The re-audit found the change held (demo).');
      } else if (step === 'close') {
        await decide(actionId, 'close', 'Superseded by the national referral form (demo).');
      } else if (step === 'overdue') {
        await services.db.kysely
          .updateTable('review_actions')
          .set({ target_on: addDays(today, -20), original_target_on: addDays(today, -20) })
          .where('id', '=', actionId)
          .execute();
      } else {
        await services.db.kysely
          .updateTable('review_actions')
          .set({ created_at: `${addDays(today, -120)}T09:00:00.000Z` })
          .where('id', '=', actionId)
          .execute();
      }
    }
  }
  // The case review group signs the plan off at its latest meeting (SUSR): monitoring starts.
  const [crg] = await listMeetings(services.db.kysely, boardId, 1);
  if (crg) await services.actionPlans.accept(as(boardChair, 'ACTION_PLAN_ACCEPTED'), scope, { meetingId: crg.id });
  await climbTheLadder(services, scope, bu);
  return made;
}

/**
 * The escalation ladder (issue 12 item 4) as the hourly job would have climbed it over the last five days: the
 * overdue action (as if due two months ago) climbs one rung a day — its owner reminded, the business unit told, the
 * board chair's letter, an item on the next board meeting's agenda, the formal request under section 137 — through
 * the job's own scan run with each day's clock; the business unit records the partner's response to the letter and
 * that the formal request was complied with.
 */
async function climbTheLadder(services: Services, scope: { boardId: string; reviewId: string }, bu: Caller): Promise<void> {
  const today = services.clock.today();
  const overdue = await services.db.kysely
    .selectFrom('review_actions')
    .select('id')
    .where('review_id', '=', scope.reviewId)
    .where('status', '=', 'on_track')
    .where('target_on', '<', today)
    .executeTakeFirst();
  if (!overdue) return;
  await services.db.kysely
    .updateTable('review_actions')
    .set({ target_on: addDays(today, -60), original_target_on: addDays(today, -60) })
    .where('id', '=', overdue.id)
    .execute();
  for (let back = 4; back >= 0; back--) {
    const at = new Date(Date.parse(`${addDays(today, -back)}T10:00:00.000Z`));
    const scan = new ActionReminders({
      db: services.db,
      clock: clockFrom(() => at),
      audit: services.audit,
      mail: services.mail,
      documents: services.documents,
      publicUrl: () => services.config.publicBase,
    });
    await scan.sendDue();
  }
  const log = await services.challenges.log(as(bu, 'ACTION_CHALLENGES_VIEWED'), scope, overdue.id);
  for (const c of log.challenges) {
    if (c.rung !== 'chair_letter' && c.rung !== 'formal_request') continue;
    await services.challenges.recordResponse(as(bu, 'ACTION_CHALLENGE_RESPONSE_RECORDED'), scope, c.id, {
      response:
        c.rung === 'chair_letter'
          ? 'The police replied: two posts are filled from next month and the audit restarts (demo).'
          : 'The chief constable confirmed the audit is resourced and will report to the next board (demo).',
      respondedOn: today,
      outcome: c.rung === 'chair_letter' ? 'revised_plan_agreed' : 'action_back_on_track',
      complied: c.rung === 'formal_request' ? 'yes' : null,
      version: c.version,
    });
  }
}
