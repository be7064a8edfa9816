// Reminders and the escalation ladder for tests (issue 12 item 4): a review whose plan has one action owned by a
// police officer (writing in Welsh), with its target date; counts of what the ladder wrote.
import type { Services } from '../container.ts';
import { callerFor, seedAcceptedReview } from './action-fixtures.ts';
import { seedAgency } from './admin-fixtures.ts';
import { as } from './case-fixtures.ts';
import type { ReviewCallers } from './review-fixtures.ts';

export async function seedLadderAction(services: Services, boardId: string, callers: ReviewCallers, opts: { targetOn: string; ownerLanguage?: 'en' | 'cy' }) {
  const police = await seedAgency(services, { boardIds: [boardId], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' });
  const w = await seedAcceptedReview(services, boardId, callers, police.id);
  const scope = { boardId, reviewId: w.review.id };
  const made = await services.actionPlans.addAction(as(callers.bu, 'ACTION_ADDED'), scope, w.recommendationId, {
    action: 'Audit same-day referrals after domestic abuse call-outs for six months.',
    leadAgencyId: police.id,
    supportingAgencyIds: [],
    ownerName: 'Sergeant Rhian Morgan',
    ownerEmail: `rhian.${Math.random().toString(36).slice(2)}@police.example`,
    ownerLanguage: opts.ownerLanguage ?? 'cy',
    targetOn: opts.targetOn,
    successMeasure: 'Every referral made the same day.',
    completionEvidence: 'The audit report.',
    impactMeasure: 'A re-audit after six months.',
  });
  const row = await services.db.kysely.selectFrom('review_actions').select('owner_id').where('id', '=', made.actionId).executeTakeFirstOrThrow();
  const owner = await callerFor(services, row.owner_id);
  const email = (await services.db.kysely.selectFrom('people').select('email').where('id', '=', row.owner_id).executeTakeFirstOrThrow()).email;
  return { ...w, scope, police, actionId: made.actionId, owner, ownerEmail: email };
}

/** What the ladder has written for an action: its reminders, its rungs (in order), the letters' versions and agenda items. */
export async function ladderRecord(services: Services, actionId: string) {
  const db = services.db.kysely;
  const reminders = await db.selectFrom('action_reminders').select(['days_before', 'sent_on']).where('action_id', '=', actionId).orderBy('sent_on').execute();
  const challenges = await db.selectFrom('action_challenges').selectAll().where('action_id', '=', actionId).orderBy('fired_on').orderBy('created_at').execute();
  const ids = challenges.map((c) => c.id);
  const letters =
    ids.length === 0
      ? []
      : await db
          .selectFrom('documents as d')
          .innerJoin('document_versions as v', 'v.document_id', 'd.id')
          .select(['d.language', 'v.version'])
          .where('d.record_type', '=', 'action_challenge')
          .where('d.record_id', 'in', ids)
          .orderBy('d.language')
          .execute();
  const agenda =
    ids.length === 0 ? [] : await db.selectFrom('board_meeting_agenda_items').select(['meeting_id', 'source_id']).where('source_id', 'in', ids).execute();
  return {
    reminders: reminders.map((r) => [Number(r.days_before), r.sent_on]),
    rungs: challenges.map((c) => [c.rung, c.fired_on, c.trigger]),
    challenges,
    letters: letters.map((l) => [l.language, Number(l.version)]),
    agenda,
  };
}
