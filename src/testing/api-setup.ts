// What the referral and decision API tests share: the operations they cover, the world they run in, and
// counts of rows and audit events.
import type { Services } from '../container.ts';
import { apiWorld } from './api-fixtures.ts';

export const CHILD_A = { kind: 'child', index: 1, en: 'Child A', cy: 'Plentyn A' };

export type Method = 'GET' | 'POST';

/** The new operations as documented; requests put "x" for each path parameter. */
export const NEW_OPERATIONS: [Method, string][] = [
  ['POST', '/api/v1/boards/{boardId}/referrals'],
  ['GET', '/api/v1/boards/{boardId}/referrals'],
  ['POST', '/api/v1/boards/{boardId}/referrals/duplicates'],
  ['GET', '/api/v1/referrals/{referralId}'],
  ['GET', '/api/v1/referrals/{referralId}/duplicates'],
  ['GET', '/api/v1/referrals/{referralId}/timeline'],
  ['GET', '/api/v1/referrals/{referralId}/consideration'],
  ['GET', '/api/v1/referrals/{referralId}/criteria'],
  ['POST', '/api/v1/referrals/{referralId}/assessments'],
  ['POST', '/api/v1/referrals/{referralId}/recommendations'],
  ['POST', '/api/v1/referrals/{referralId}/decision'],
  ['GET', '/api/v1/referrals/{referralId}/decision-letter'],
  ['GET', '/api/v1/boards/{boardId}/meetings'],
  ['POST', '/api/v1/boards/{boardId}/meetings'],
  ['POST', '/api/v1/meetings/{meetingId}/attendance'],
  ['POST', '/api/v1/meetings/{meetingId}/agenda'],
];

export const setUp = apiWorld;

export async function auditRows(services: Services, action: string, recordId?: string) {
  let q = services.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', action);
  if (recordId) q = q.where('record_id', '=', recordId);
  return q.orderBy('seq').execute();
}

export async function count(
  services: Services,
  table: 'referrals' | 'criteria_assessments' | 'recommendations' | 'decisions' | 'reviews' | 'management_group_meetings',
) {
  const row = await services.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
