// A board's action plans for the progress report's tests (issue 12 items 5 and 6): two reviews (one approaching
// its two-year horizon, one past it), eight actions of two agencies in many statuses and dates — overdue, near
// its target, with no update for months, RAG overrides that hold and one that lapsed — and the updates that
// say when they were completed, verified and had their impact evidenced (in the report's range and before it).
// Seeded through the repositories (the plan's services are tested in action-plan.test.ts). Today is 2027-03-10.
import type { Services } from '../container.ts';
import { insertActionPlan, insertActionUpdate } from '../db/repositories/action-records-repository.ts';
import { insertAction, touchAction, updateActionFields } from '../db/repositories/actions-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { newId } from '../services/context.ts';
import { seedAgency } from './admin-fixtures.ts';
import { type ReviewCallers, reviewCallers, seedReview } from './review-fixtures.ts';

export const REPORT_TODAY = '2027-03-10';
export const REPORT_NOW = new Date('2027-03-10T10:00:00Z');

interface SeedAction {
  review: 0 | 1;
  agency: 'police' | 'health';
  status: string;
  targetOn: string;
  createdAt?: string;
  lastUpdateAt?: string;
  override?: { rag: string; atStatus: string };
  updates?: { kind: string; at: string }[];
}

const ACTIONS: SeedAction[] = [
  { review: 0, agency: 'police', status: 'off_track', targetOn: '2027-06-30' },
  { review: 0, agency: 'police', status: 'on_track', targetOn: '2027-02-01' },
  { review: 0, agency: 'health', status: 'not_started', targetOn: '2027-03-20' },
  {
    review: 0,
    agency: 'health',
    status: 'verified',
    targetOn: '2027-01-31',
    updates: [
      { kind: 'complete', at: '2027-01-31T23:30:00.000Z' },
      { kind: 'verified', at: '2027-02-10T10:00:00.000Z' },
    ],
  },
  {
    review: 1,
    agency: 'police',
    status: 'impact_evidenced',
    targetOn: '2026-12-31',
    updates: [
      { kind: 'complete', at: '2027-01-05T10:00:00.000Z' },
      { kind: 'verified', at: '2026-12-20T10:00:00.000Z' },
      { kind: 'impact', at: '2027-02-15T10:00:00.000Z' },
      { kind: 'impact', at: '2026-10-01T10:00:00.000Z' },
    ],
  },
  { review: 1, agency: 'health', status: 'on_track', targetOn: '2027-09-30', createdAt: '2026-11-01T10:00:00.000Z' },
  { review: 1, agency: 'police', status: 'at_risk', targetOn: '2027-08-01', override: { rag: 'green', atStatus: 'at_risk' } },
  { review: 1, agency: 'police', status: 'on_track', targetOn: '2027-08-01', override: { rag: 'red', atStatus: 'not_started' } },
];

export interface ReportWorld {
  boardId: string;
  callers: ReviewCallers;
  police: string;
  health: string;
  reviewIds: [string, string];
  references: [string, string];
  actionIds: string[];
}

/** The board, its agencies, two reviews with accepted plans, and the actions above. */
export async function seedReportWorld(services: Services, boardId: string): Promise<ReportWorld> {
  const callers = await reviewCallers(services, boardId);
  const police = (await seedAgency(services, { boardIds: [boardId], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' })).id;
  const health = (await seedAgency(services, { boardIds: [boardId], nameEn: 'Aneurin Bevan Health', nameCy: 'Iechyd Aneurin Bevan' })).id;
  const reviews = [await seedReview(services, boardId, callers), await seedReview(services, boardId, callers)];
  const ownerId = callers.bu.actor?.personId ?? null;
  if (!ownerId) throw new Error('no business unit person');
  const actionIds: string[] = [];
  await inTransaction(services.db, async (trx) => {
    const monitoring = ['2025-04-01', '2025-01-01'];
    for (const [i, r] of reviews.entries())
      await insertActionPlan(
        trx,
        { reviewId: r.id, boardId, acceptedBy: ownerId, meetingKind: null, meetingId: null, monitoringFromOn: monitoring[i] ?? '2025-01-01' },
        '2025-01-01T10:00:00.000Z',
      );
    for (const a of ACTIONS) {
      const id = newId();
      const review = reviews[a.review];
      if (!review) throw new Error('no review');
      const createdAt = a.createdAt ?? '2027-01-20T10:00:00.000Z';
      await insertAction(
        trx,
        {
          id,
          reviewId: review.id,
          boardId,
          source: 'board',
          recommendationId: null,
          lesson: '',
          action: 'An action.',
          leadAgencyId: a.agency === 'police' ? police : health,
          supportingAgencyIds: [],
          ownerId,
          targetOn: a.targetOn,
          status: a.status,
          successMeasure: '',
          completionEvidence: '',
          impactMeasure: '',
          createdBy: ownerId,
        },
        createdAt,
      );
      if (!a.createdAt) await touchAction(trx, id, { last_update_at: '2027-03-01T10:00:00.000Z' }, createdAt);
      if (a.override)
        await updateActionFields(
          trx,
          id,
          1,
          {
            rag_override: a.override.rag,
            rag_override_status: a.override.atStatus,
            rag_override_reason: 'Reason.',
            rag_override_by: ownerId,
            rag_override_at: createdAt,
          },
          createdAt,
        );
      for (const u of a.updates ?? [])
        await insertActionUpdate(
          trx,
          { id: newId(), actionId: id, reviewId: review.id, boardId, kind: u.kind, narrative: '', statusFrom: null, statusTo: null, createdBy: ownerId },
          u.at,
        );
      actionIds.push(id);
    }
  });
  return {
    boardId,
    callers,
    police,
    health,
    reviewIds: [reviews[0]?.id ?? '', reviews[1]?.id ?? ''],
    references: [reviews[0]?.reference ?? '', reviews[1]?.reference ?? ''],
    actionIds,
  };
}
