// What the consideration use cases share: their dependencies, the referral a caller may see, the framework
// in force, and the step that takes a referral into consideration.

import type { Db } from '../db/database.ts';
import type { FieldCipher } from '../db/field-cipher.ts';
import { findReferral, type ReferralRecord } from '../db/repositories/referrals-repository.ts';
import type { Executor } from '../db/transaction.ts';
import type { AuditEvent } from '../domain/audit.ts';
import { statutoryFramework } from '../domain/frameworks/board-frameworks.ts';
import type { Framework, FrameworkNation } from '../domain/frameworks/types.ts';
import { can } from '../domain/permissions.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, notFound, ServiceError } from './context.ts';
import type { MailService } from './mail-service.ts';
import type { WorkflowService } from './workflow.ts';

export interface ConsiderationDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mail: MailService;
  /** The service's own address (PUBLIC_URL): the base of the links in its emails, never a request's Host. */
  publicUrl: () => string;
  /** Opens the referral's family names to list its people on the review the decision creates (syncReviewPeople). */
  cipher: FieldCipher;
}

export interface ConsiderationContext extends ConsiderationDeps {
  /** The one way a referral's status (and a review's stage) changes: checked against its transition table. */
  workflow: WorkflowService;
}

/** The statutory framework in force for the board's nation on the date; the founding SCR framework before any (R14). */
export function frameworkInForce(nation: FrameworkNation | string, on: string): Framework {
  return statutoryFramework(nation === 'england' ? 'england' : 'wales', on);
}

export const nationOf = (board: { nation: string }): FrameworkNation => (board.nation === 'england' ? 'england' : 'wales');

export function conflict(key: string, field = 'form') {
  return new ServiceError('conflict', key, { [field]: key });
}

/** A referral the caller may see; any other (or none) is not found. */
export async function referralFor(db: Executor, caller: Caller, referralId: string): Promise<ReferralRecord> {
  const referral = await findReferral(db, referralId);
  if (!referral || !can(caller.actor, 'referral.view', { boardId: referral.boardId })) throw notFound('referral');
  return referral;
}

/**
 * The management group takes a referral up (on an agenda, or assessing it): a referral still "referred"
 * moves to "under consideration" through its table, recorded beside the change's audit event (the
 * meeting's, the assessment's); one already further on stays where it is.
 */
export async function startConsideration(ctx: ConsiderationContext, trx: Executor, caller: Caller, referralId: string, recordedBy: AuditEvent): Promise<void> {
  const referral = await findReferral(trx, referralId);
  if (referral?.status !== 'referred') return;
  await ctx.workflow.transition(trx, caller, { record: 'referral', id: referralId, event: 'consider', from: 'referred', recordedBy });
}
