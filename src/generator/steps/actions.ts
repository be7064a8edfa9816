// The generated reviews' action plans (issue 12 items 1, 2, 7 and 9): every review whose report the board accepted
// (after BOARD_ACCEPTANCE) has its plan accepted on the report's day (monitoring starts) and actions on each of its
// review recommendations — together with early learning's, the scale's `actions` (400,000 nationally) — each led by
// an agency of the review, owned by a person of that agency (the action owner's role on the review, once per person,
// review and agency), with a target date within a year of acceptance; reviews at BOARD_ACCEPTANCE have their plan's
// actions drafted, not yet accepted. Statuses follow the action's age: most old ones verified or further, some
// overdue or off track, recent ones in progress; each status reached through its updates (progress, completion
// proposed, verified, the board's impact, sustained, closure), written beside their audit events and transitions as
// ActionPlanService/ActionProgressService write them. Evidence files are not generated (no stored content): a
// completion's evidence is its narrative. Read back from the reviews, recommendations and people the earlier steps wrote.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { ActionStatus } from '../../domain/actions/action.ts';
import { addDays, minDate } from '../../domain/clock/dates.ts';
import { STAGE_IDS } from '../../domain/frameworks/index.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import { instantOn } from '../random.ts';

const ACTIONS = [
  'Audit same-day referrals after domestic abuse call-outs for six months.',
  'Brief every safeguarding lead on the referral route and its timescales.',
  'Add missed-appointment follow-up to the health visiting standard.',
  'Record the child’s own words in every assessment and plan review.',
  'Invite every agency involved to strategy discussions, and record who came.',
];

/** The path of updates to each final status (the kinds review_action_updates records, and the status each leads to). */
const PATHS: Record<ActionStatus, readonly [kind: string, event: string, to: ActionStatus][]> = {
  not_started: [],
  on_track: [['progress', 'report_on_track', 'on_track']],
  at_risk: [
    ['progress', 'report_on_track', 'on_track'],
    ['progress', 'report_at_risk', 'at_risk'],
  ],
  off_track: [['progress', 'report_off_track', 'off_track']],
  complete: [
    ['progress', 'report_on_track', 'on_track'],
    ['complete', 'propose_complete', 'complete'],
  ],
  verified: [
    ['complete', 'propose_complete', 'complete'],
    ['verified', 'verify', 'verified'],
  ],
  impact_evidenced: [
    ['complete', 'propose_complete', 'complete'],
    ['verified', 'verify', 'verified'],
    ['impact', 'record_impact', 'impact_evidenced'],
  ],
  sustained: [
    ['complete', 'propose_complete', 'complete'],
    ['verified', 'verify', 'verified'],
    ['impact', 'record_impact', 'impact_evidenced'],
    ['sustained', 'record_sustained', 'sustained'],
  ],
  closed: [['closed', 'close', 'closed']],
};

const AUDIT_OF: Record<string, 'ACTION_UPDATED' | 'ACTION_COMPLETION_PROPOSED' | 'ACTION_VERIFIED' | 'ACTION_BOARD_DECISION_RECORDED'> = {
  progress: 'ACTION_UPDATED',
  complete: 'ACTION_COMPLETION_PROPOSED',
  verified: 'ACTION_VERIFIED',
  impact: 'ACTION_BOARD_DECISION_RECORDED',
  sustained: 'ACTION_BOARD_DECISION_RECORDED',
  closed: 'ACTION_BOARD_DECISION_RECORDED',
};

const AFTER_ACCEPTANCE = STAGE_IDS.indexOf('BOARD_ACCEPTANCE');

export const actionsStep: GeneratorStep = {
  id: 'action plans',
  tables: ['action_plans', 'review_actions', 'review_action_agencies', 'review_action_updates'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('actions');
    const db = ctx.db.kysely;
    const recs = await db
      .selectFrom('review_recommendations as c')
      .innerJoin('reviews as r', 'r.id', 'c.review_id')
      .innerJoin('review_reports as h', 'h.review_id', 'r.id')
      .select(['c.id', 'c.review_id', 'c.board_id', 'c.agency_id', 'r.stage', 'r.referral_id', 'h.updated_at', 'h.accepted_version'])
      .where('h.qa_version', 'is not', null)
      .orderBy('c.review_id')
      .orderBy('c.number')
      .execute();
    const earlyCount = Number(
      (
        await db
          .selectFrom('review_actions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
    const people = await db
      .selectFrom('people')
      .select(['id', 'agency_id'])
      .where('agency_id', 'is not', null)
      .where('deactivated_at', 'is', null)
      .orderBy('id')
      .execute();
    const byAgency = new Map<string, string[]>();
    // The bench's own people keep the roles the bench signs in with (none of them owns an action).
    const bench = new Set([ctx.state.benchUserId, ctx.state.adminId, ctx.state.benchOwnerId]);
    // The bench's lead officer owns a quarter of the first board's actions, for their agency (the bench lists them).
    const firstBoardId = ctx.state.boards[0]?.id;
    const benchOwner = ctx.state.benchOwnerId;
    const benchAgency = benchOwner
      ? ((await db.selectFrom('people').select('agency_id').where('id', '=', benchOwner).executeTakeFirst())?.agency_id ?? null)
      : null;
    for (const p of people) if (p.agency_id && !bench.has(p.id)) byAgency.set(p.agency_id, [...(byAgency.get(p.agency_id) ?? []), p.id]);
    const reviewAgencies = new Map<string, string[]>();
    for (const row of await db.selectFrom('referral_agencies').select(['referral_id', 'agency_id']).orderBy('referral_id').orderBy('agency_id').execute())
      reviewAgencies.set(row.referral_id, [...(reviewAgencies.get(row.referral_id) ?? []), row.agency_id]);
    const held = new Set(
      (await db.selectFrom('role_assignments').select(['person_id', 'review_id', 'agency_id']).where('role', '=', 'action_owner').execute()).map(
        (r) => `${r.person_id} ${r.review_id} ${r.agency_id}`,
      ),
    );
    const businessUnit = new Map(ctx.state.boards.map((b) => [b.id, b.roles.get('business_unit') ?? []]));
    const perRec = recs.length > 0 ? Math.max(1, Math.round((ctx.spec.actions - earlyCount) / recs.length)) : 0;

    const plans: Insertable<Database['action_plans']>[] = [];
    const actions: Insertable<Database['review_actions']>[] = [];
    const supporting: Insertable<Database['review_action_agencies']>[] = [];
    const updates: Insertable<Database['review_action_updates']>[] = [];
    const roles: Insertable<Database['role_assignments']>[] = [];
    const planned = new Set<string>();
    for (const c of recs) {
      const stage = c.stage.replace(/^ON_HOLD:/, '');
      const accepted = c.accepted_version != null && STAGE_IDS.indexOf(stage as (typeof STAGE_IDS)[number]) > AFTER_ACCEPTANCE;
      const acceptedOn = minDate(c.updated_at.slice(0, 10), ctx.asOf);
      const bu = rng.pick(businessUnit.get(c.board_id)?.length ? (businessUnit.get(c.board_id) ?? []) : [null]);
      if (accepted && !planned.has(c.review_id)) {
        planned.add(c.review_id);
        plans.push({
          review_id: c.review_id,
          board_id: c.board_id,
          accepted_at: instantOn(rng, acceptedOn),
          accepted_by: null,
          accepted_meeting_kind: null,
          accepted_meeting_id: null,
          monitoring_from_on: acceptedOn,
        });
      }
      const agencies = (reviewAgencies.get(c.referral_id) ?? []).filter((a) => byAgency.has(a));
      if (agencies.length === 0) continue;
      for (let n = rng.int(Math.max(1, perRec - 2), perRec + 2); n > 0; n--) {
        const forBench = c.board_id === firstBoardId && benchOwner !== null && benchAgency !== null && rng.chance(0.25);
        const agencyId = forBench && benchAgency ? benchAgency : c.agency_id && byAgency.has(c.agency_id) && rng.chance(0.7) ? c.agency_id : rng.pick(agencies);
        const ownerId = forBench && benchOwner ? benchOwner : rng.pick(byAgency.get(agencyId) ?? []);
        const createdAt = instantOn(rng, acceptedOn);
        const id = rng.idAt(Date.parse(createdAt));
        const targetOn = addDays(acceptedOn, rng.int(30, 365));
        const age = Math.max(0, (Date.parse(ctx.asOf) - Date.parse(acceptedOn)) / 86_400_000);
        const status: ActionStatus = !accepted
          ? 'not_started'
          : age > 540
            ? rng.pick(['verified', 'impact_evidenced', 'sustained', 'sustained', 'closed', 'off_track'] as const)
            : age > 200
              ? rng.pick(['on_track', 'at_risk', 'off_track', 'complete', 'verified', 'verified', 'impact_evidenced'] as const)
              : rng.pick(['not_started', 'on_track', 'on_track', 'at_risk', 'complete'] as const);
        const key = `${ownerId} ${c.review_id} ${agencyId}`;
        if (!held.has(key)) {
          held.add(key);
          const assignmentId = rng.idAt(Date.parse(createdAt));
          ctx.audit({
            id: rng.idAt(Date.parse(createdAt)),
            at: createdAt,
            actorId: bu,
            action: 'REVIEW_ROLE_GRANTED',
            boardId: c.board_id,
            recordType: 'review',
            recordId: c.review_id,
            summary: { assignmentId, personId: ownerId, role: 'action_owner', agencyId },
          });
          roles.push({
            id: assignmentId,
            person_id: ownerId,
            role: 'action_owner',
            scope_type: 'review',
            board_id: c.board_id,
            review_id: c.review_id,
            agency_id: agencyId,
            created_by: bu,
            created_at: createdAt,
          });
        }
        ctx.audit({
          id: rng.idAt(Date.parse(createdAt)),
          at: createdAt,
          actorId: bu,
          action: 'ACTION_ADDED',
          boardId: c.board_id,
          recordType: 'review_action',
          recordId: id,
          summary: { reviewId: c.review_id, source: 'report', leadAgencyId: agencyId, supportingAgencies: 0, ownerId, ownerInvited: false },
          moves: [{ record: 'review_action', id, from: null, to: 'not_started', event: 'create' }],
        });
        let from: ActionStatus = 'not_started';
        let day = acceptedOn;
        let lastUpdate: string | null = null;
        let reauditOn: string | null = null;
        for (const [kind, event, to] of PATHS[status]) {
          day = addDays(day, rng.int(14, 90));
          day = minDate(day, ctx.asOf);
          const at = instantOn(rng, day);
          const byOwner = kind === 'progress' || kind === 'complete';
          const updateId = rng.idAt(Date.parse(at));
          updates.push({
            id: updateId,
            action_id: id,
            review_id: c.review_id,
            board_id: c.board_id,
            kind,
            narrative: kind === 'closed' ? 'Superseded by the national protocol.' : 'Progress as planned; the audit is attached.',
            status_from: from,
            status_to: to,
            board_meeting_id: null,
            on_behalf_of_agency_id: null,
            created_by: byOwner ? ownerId : bu,
            created_at: at,
          });
          ctx.audit({
            id: rng.idAt(Date.parse(at)),
            at,
            actorId: byOwner ? ownerId : bu,
            action: AUDIT_OF[kind] ?? 'ACTION_UPDATED',
            boardId: c.board_id,
            recordType: 'review_action',
            recordId: id,
            summary: { reviewId: c.review_id, event, updateId, evidence: 0, boardMeetingId: null },
            moves: [{ record: 'review_action', id, from, to, event, ...(event === 'close' ? { reason: 'Superseded by the national protocol.' } : {}) }],
          });
          if (byOwner) lastUpdate = at;
          if (kind === 'impact') reauditOn = addDays(day, 182);
          from = to;
        }
        actions.push({
          id,
          review_id: c.review_id,
          board_id: c.board_id,
          source: 'report',
          recommendation_id: c.id,
          lesson: '',
          action: rng.pick(ACTIONS),
          lead_agency_id: agencyId,
          owner_id: ownerId,
          target_on: targetOn,
          original_target_on: targetOn,
          status,
          success_measure: 'Every case audited meets the standard.',
          completion_evidence: 'The audit report.',
          impact_measure: 'A re-audit six months on.',
          reaudit_on: reauditOn,
          last_update_at: lastUpdate,
          created_by: bu,
          created_at: createdAt,
          updated_at: lastUpdate ?? createdAt,
          version: 1 + PATHS[status].length,
        });
        const other = agencies.find((a) => a !== agencyId);
        if (other && rng.chance(0.2)) supporting.push({ action_id: id, agency_id: other });
      }
    }
    await inTransaction(ctx.db, async (trx) => {
      await ctx.insert(trx, 'action plans', 'role_assignments', roles);
      await ctx.insert(trx, 'action plans', 'action_plans', plans);
      await ctx.insert(trx, 'action plans', 'review_actions', actions);
      await ctx.insert(trx, 'action plans', 'review_action_agencies', supporting);
      await ctx.insert(trx, 'action plans', 'review_action_updates', updates);
    });
  },
};
