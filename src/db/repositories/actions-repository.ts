// The actions of reviews and their plan (issue 10 item 8: early learning; issue 12: the action plan): each action
// with its recommendation, lead and supporting agencies, owner, dates, measures and RAG override; the updates
// and decisions on it with their evidence; revised target dates; the review's accepted plan. The services decide;
// this reads and writes. An action's status moves only through src/services/workflow.ts (workflow-repository.ts).
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Executor } from '../transaction.ts';

/**
 * Whether the agency leads the action (`a`, review_actions) or is one of its supporting agencies: the one test of an
 * agency's actions — an owner's, the plan as an agency sees it, the partner view.
 */
export function leadsOrSupports(agencyId: string): Expression<SqlBool> {
  return sql<SqlBool>`(a.lead_agency_id = ${agencyId} or exists (select 1 from review_action_agencies x where x.action_id = a.id and x.agency_id = ${agencyId}))`;
}

export interface ActionRow {
  id: string;
  reviewId: string;
  boardId: string;
  source: string;
  recommendation: { id: string; number: number; text: string; source: string } | null;
  lesson: string;
  action: string;
  leadAgencyId: string;
  leadAgency: { nameEn: string; nameCy: string };
  /** The other agencies of a multi-agency action. */
  supportingAgencies: { id: string; nameEn: string; nameCy: string }[];
  ownerId: string;
  ownerName: string;
  targetOn: string;
  originalTargetOn: string;
  status: string;
  successMeasure: string;
  completionEvidence: string;
  impactMeasure: string;
  ragOverride: { rag: string; atStatus: string; reason: string } | null;
  reauditOn: string | null;
  lastUpdateAt: string | null;
  createdAt: string;
  version: number;
}

export interface NewAction {
  id: string;
  reviewId: string;
  boardId: string;
  source: string;
  recommendationId: string | null;
  lesson: string;
  action: string;
  leadAgencyId: string;
  supportingAgencyIds: readonly string[];
  ownerId: string;
  targetOn: string;
  status: string;
  successMeasure: string;
  completionEvidence: string;
  impactMeasure: string;
  createdBy: string | null;
}

export async function insertAction(db: Executor, a: NewAction, at: string): Promise<void> {
  await db
    .insertInto('review_actions')
    .values({
      id: a.id,
      review_id: a.reviewId,
      board_id: a.boardId,
      source: a.source,
      recommendation_id: a.recommendationId,
      lesson: a.lesson,
      action: a.action,
      lead_agency_id: a.leadAgencyId,
      owner_id: a.ownerId,
      target_on: a.targetOn,
      original_target_on: a.targetOn,
      status: a.status,
      success_measure: a.successMeasure,
      completion_evidence: a.completionEvidence,
      impact_measure: a.impactMeasure,
      created_by: a.createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const supporting = [...new Set(a.supportingAgencyIds)].filter((id) => id !== a.leadAgencyId);
  if (supporting.length > 0)
    await db
      .insertInto('review_action_agencies')
      .values(supporting.map((agencyId) => ({ action_id: a.id, agency_id: agencyId })))
      .execute();
}

function actionsQuery(db: Executor) {
  return db
    .selectFrom('review_actions as a')
    .innerJoin('agencies as ag', 'ag.id', 'a.lead_agency_id')
    .innerJoin('people as p', 'p.id', 'a.owner_id')
    .leftJoin('review_recommendations as r', 'r.id', 'a.recommendation_id')
    .select([
      'a.id',
      'a.review_id',
      'a.board_id',
      'a.source',
      'a.recommendation_id',
      'r.number as recommendation_number',
      'r.text as recommendation_text',
      'r.source as recommendation_source',
      'a.lesson',
      'a.action',
      'a.lead_agency_id',
      'ag.name_en',
      'ag.name_cy',
      'a.owner_id',
      'p.full_name',
      'a.target_on',
      'a.original_target_on',
      'a.status',
      'a.success_measure',
      'a.completion_evidence',
      'a.impact_measure',
      'a.rag_override',
      'a.rag_override_status',
      'a.rag_override_reason',
      'a.reaudit_on',
      'a.last_update_at',
      'a.created_at',
      'a.version',
    ]);
}

type ActionSelection = Awaited<ReturnType<ReturnType<typeof actionsQuery>['execute']>>[number];

/** The rows with their supporting agencies (one more query for the lot). */
async function withAgencies(db: Executor, rows: ActionSelection[]): Promise<ActionRow[]> {
  const ids = rows.map((r) => r.id);
  const supporting =
    ids.length === 0
      ? []
      : await db
          .selectFrom('review_action_agencies as x')
          .innerJoin('agencies as ag', 'ag.id', 'x.agency_id')
          .select(['x.action_id', 'ag.id', 'ag.name_en', 'ag.name_cy'])
          .where('x.action_id', 'in', ids)
          .orderBy('ag.name_en')
          .execute();
  return rows.map((r) => ({
    id: r.id,
    reviewId: r.review_id,
    boardId: r.board_id ?? '',
    source: r.source,
    recommendation:
      r.recommendation_id && r.recommendation_number != null
        ? { id: r.recommendation_id, number: Number(r.recommendation_number), text: r.recommendation_text ?? '', source: r.recommendation_source ?? 'report' }
        : null,
    lesson: r.lesson,
    action: r.action,
    leadAgencyId: r.lead_agency_id,
    leadAgency: { nameEn: r.name_en, nameCy: r.name_cy },
    supportingAgencies: supporting.filter((s) => s.action_id === r.id).map((s) => ({ id: s.id, nameEn: s.name_en, nameCy: s.name_cy })),
    ownerId: r.owner_id,
    ownerName: r.full_name,
    targetOn: r.target_on,
    originalTargetOn: r.original_target_on ?? r.target_on,
    status: r.status,
    successMeasure: r.success_measure,
    completionEvidence: r.completion_evidence,
    impactMeasure: r.impact_measure,
    ragOverride: r.rag_override && r.rag_override_status ? { rag: r.rag_override, atStatus: r.rag_override_status, reason: r.rag_override_reason ?? '' } : null,
    reauditOn: r.reaudit_on,
    lastUpdateAt: r.last_update_at,
    createdAt: r.created_at,
    version: Number(r.version),
  }));
}

/**
 * A review's actions, in the plan's order (by recommendation number, early learning first, then as made). With
 * `agencyId`: only those the agency leads or supports (an action owner's view of the plan).
 */
export async function reviewActions(db: Executor, reviewId: string, opts: { agencyId?: string } = {}): Promise<ActionRow[]> {
  let q = actionsQuery(db).where('a.review_id', '=', reviewId);
  if (opts.agencyId) {
    const agencyId = opts.agencyId;
    q = q.where(leadsOrSupports(agencyId));
  }
  const rows = await q.orderBy('r.number').orderBy('a.created_at').orderBy('a.id').execute();
  return withAgencies(db, rows);
}

export async function findAction(db: Executor, reviewId: string, actionId: string): Promise<ActionRow | undefined> {
  const rows = await actionsQuery(db).where('a.review_id', '=', reviewId).where('a.id', '=', actionId).execute();
  return (await withAgencies(db, rows))[0];
}

export interface OwnedActionRow extends ActionRow {
  reference: string;
}

/**
 * An owner's actions across reviews (issue 12 item 2): those they own, and those of the reviews and agencies
 * they hold the action owner's role for (`scopes`) that the agency leads or supports; soonest target first.
 */
export async function ownerActions(
  db: Executor,
  personId: string,
  scopes: readonly { reviewId: string; agencyId: string }[],
  page: { limit: number; offset: number },
): Promise<{ rows: OwnedActionRow[]; total: number }> {
  const where = (q: ReturnType<typeof actionsQuery>) =>
    q.where((eb) => eb.or([eb('a.owner_id', '=', personId), ...scopes.map((s) => eb.and([eb('a.review_id', '=', s.reviewId), leadsOrSupports(s.agencyId)]))]));
  const rows = await where(actionsQuery(db))
    .innerJoin('reviews as rv', 'rv.id', 'a.review_id')
    .select('rv.reference')
    .orderBy('a.target_on')
    .orderBy('a.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const counted = await where(actionsQuery(db))
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const full = await withAgencies(db, rows);
  return { rows: full.map((a, i) => ({ ...a, reference: rows[i]?.reference ?? '' })), total: Number(counted?.n ?? 0) };
}

/** Changes the plan's fields of an action at the version its editor opened; whether it was still there. */
export async function updateActionFields(
  db: Executor,
  id: string,
  version: number,
  values: Partial<{
    action: string;
    success_measure: string;
    completion_evidence: string;
    impact_measure: string;
    target_on: string;
    rag_override: string | null;
    rag_override_status: string | null;
    rag_override_reason: string | null;
    rag_override_by: string | null;
    rag_override_at: string | null;
    reaudit_on: string | null;
    last_update_at: string;
  }>,
  at: string,
): Promise<boolean> {
  const res = await db
    .updateTable('review_actions')
    .set({ ...values, updated_at: at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Sets fields that go with a status move (the day of the latest update, the re-audit date), whatever the version. */
export async function touchAction(db: Executor, id: string, values: { last_update_at?: string; reaudit_on?: string | null }, at: string): Promise<void> {
  await db
    .updateTable('review_actions')
    .set({ ...values, updated_at: at })
    .where('id', '=', id)
    .execute();
}
