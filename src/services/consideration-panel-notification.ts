// England: the notification to the Child Safeguarding Practice Review Panel, its clock and its recording.

import type { BoardSettingsRecord } from '../db/repositories/board-settings-repository.ts';
import { findBoard } from '../db/repositories/organisation-repository.ts';
import { type ReferralRecord, setNationalPanelNotifiedOn } from '../db/repositories/referrals-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { type ClockReading, readClock } from '../domain/clock/index.ts';
import type { Framework } from '../domain/frameworks/types.ts';
import { can } from '../domain/permissions.ts';
import { notifiedOnProblem } from '../domain/referrals/referral.ts';
import { type ConsiderationContext, conflict, frameworkInForce, referralFor } from './consideration-context.ts';
import { settingsIn } from './consideration-settings.ts';
import { type Caller, forbidden, invalid, notFound } from './context.ts';

/** England: the notification to the Child Safeguarding Practice Review Panel, due 5 working days after the board became aware. */
export interface PanelNotification {
  awareOn: string;
  dueOn: string;
  notifiedOn: string | null;
  /** Notified after the due date. */
  late: boolean;
  /** While not notified: the clock to the due date. */
  reading: ClockReading | undefined;
}

/** England: the notification to the national Panel, due 5 working days after the board became aware; undefined where the framework has no such duty. */
export function panelNotification(
  referral: Pick<ReferralRecord, 'receivedOn' | 'awareOn' | 'nationalPanelNotifiedOn'>,
  framework: Framework,
  settings: BoardSettingsRecord,
  asOf: string,
): PanelNotification | undefined {
  const timer = framework.timers.find((t) => t.id === 'england_notification');
  if (!timer) return undefined;
  const awareOn = referral.awareOn ?? referral.receivedOn;
  const reading = readClock({ startOn: awareOn, target: timer.duration, holds: [], asOf, region: settings.holidayRegion });
  const notifiedOn = referral.nationalPanelNotifiedOn;
  return { awareOn, dueOn: reading.dueOn, notifiedOn, late: notifiedOn !== null && notifiedOn > reading.dueOn, reading: notifiedOn ? undefined : reading };
}

/**
 * Records the date the Child Safeguarding Practice Review Panel was notified (England, within 5 working
 * days of the board becoming aware): once, by those who run the board's workflow (the business unit, the
 * management group chair). Audited with the dates' codes only.
 */
export async function recordNationalPanelNotification(
  ctx: ConsiderationContext,
  caller: Caller,
  referralId: string,
  notifiedOn: string,
): Promise<PanelNotification> {
  return inTransaction(ctx.db, async (trx) => {
    const referral = await referralFor(trx, caller, referralId);
    if (!can(caller.actor, 'meeting.manage', { boardId: referral.boardId })) throw forbidden();
    const board = await findBoard(trx, referral.boardId);
    if (!board) throw notFound('board');
    const framework = frameworkInForce(board.nation, ctx.clock.today());
    const settings = await settingsIn(trx, referral.boardId);
    const before = panelNotification(referral, framework, settings, ctx.clock.today());
    if (!before) throw conflict('notification.notInEngland');
    if (referral.nationalPanelNotifiedOn) throw conflict('notification.alreadyRecorded');
    const problem = notifiedOnProblem({ notifiedOn, awareOn: before.awareOn, today: ctx.clock.today() });
    if (problem) throw invalid({ notifiedOn: problem });
    const at = ctx.clock.now().toISOString();
    if (!(await setNationalPanelNotifiedOn(trx, referralId, notifiedOn, at))) throw conflict('notification.alreadyRecorded');
    const after = panelNotification({ ...referral, nationalPanelNotifiedOn: notifiedOn }, framework, settings, ctx.clock.today());
    if (!after) throw notFound('notification');
    await ctx.audit.record(trx, caller, {
      boardId: referral.boardId,
      recordType: 'referral',
      recordId: referralId,
      summary: { notification: 'national_panel', late: after.late },
    });
    return after;
  });
}
