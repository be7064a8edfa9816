// A board's settings for consideration: its timer overrides and the frameworks it runs, and the targets they give.

import { type BoardSettingsRecord, findBoardSettings, upsertBoardSettings } from '../db/repositories/board-settings-repository.ts';
import { findBoard } from '../db/repositories/organisation-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import type { Duration } from '../domain/clock/index.ts';
import { chosenFrameworksProblem, optionalFrameworks } from '../domain/frameworks/board-frameworks.ts';
import { resolveTimers } from '../domain/frameworks/timers.ts';
import type { TimerId } from '../domain/frameworks/types.ts';
import { can } from '../domain/permissions.ts';
import { timerOverrides } from './consideration-clocks.ts';
import { type ConsiderationContext, frameworkInForce, nationOf } from './consideration-context.ts';
import { type Caller, forbidden, invalid, notFound } from './context.ts';

/** The board's settings; until it saves any, its nation's bank holidays and only the statutory framework. */
export async function settingsIn(db: Executor, boardId: string): Promise<BoardSettingsRecord> {
  const found = await findBoardSettings(db, boardId);
  if (found) return found;
  const board = await findBoard(db, boardId);
  return {
    boardId,
    holidayRegion: board?.nation === 'england' ? 'england' : 'wales',
    decisionWeeksFromIncident: null,
    decisionWeeksFromReferral: null,
    frameworks: [],
  };
}

export async function updateSettings(ctx: ConsiderationContext, caller: Caller, settings: BoardSettingsRecord): Promise<void> {
  if (!can(caller.actor, 'board.manage', { boardId: settings.boardId })) throw forbidden();
  for (const [field, weeks] of [
    ['decisionWeeksFromIncident', settings.decisionWeeksFromIncident],
    ['decisionWeeksFromReferral', settings.decisionWeeksFromReferral],
  ] as const) {
    if (weeks !== null && (!Number.isInteger(weeks) || weeks < 1 || weeks > 52)) throw invalid({ [field]: 'settings.weeksRange' });
  }
  await inTransaction(ctx.db, async (trx) => {
    const board = await findBoard(trx, settings.boardId);
    if (!board) throw notFound('board');
    const frameworks = [...new Set(settings.frameworks)];
    const problem = chosenFrameworksProblem(nationOf(board), frameworks);
    if (problem) throw invalid({ frameworks: problem });
    await upsertBoardSettings(trx, { ...settings, frameworks }, ctx.clock.now().toISOString());
    await ctx.audit.record(trx, caller, {
      boardId: settings.boardId,
      recordType: 'board_settings',
      recordId: settings.boardId,
      summary: {
        holidayRegion: settings.holidayRegion,
        decisionWeeksFromIncident: settings.decisionWeeksFromIncident,
        decisionWeeksFromReferral: settings.decisionWeeksFromReferral,
        frameworks,
      },
    });
  });
}

/**
 * The targets a board's clocks use: the statutory framework in force today, its defaults and the board's
 * overrides — in Wales the decision from the incident and from the referral; in England the notification
 * to the national Panel and the rapid review — and the frameworks the board may choose to run.
 */
export async function decisionTargets(ctx: ConsiderationContext, boardId: string) {
  const board = await findBoard(ctx.db.kysely, boardId);
  if (!board) throw notFound('board');
  const settings = await settingsIn(ctx.db.kysely, boardId);
  const framework = frameworkInForce(board.nation, ctx.clock.today());
  const defaults = resolveTimers(framework);
  const resolved = resolveTimers(framework, timerOverrides(settings));
  const pick = (timers: typeof resolved, id: TimerId): Duration | undefined => timers.find((t) => t.id === id)?.duration;
  return {
    framework,
    nation: nationOf(board),
    settings,
    fromIncident: pick(resolved, 'decision_from_incident'),
    fromReferral: pick(resolved, 'decision_from_referral'),
    notification: pick(resolved, 'england_notification'),
    rapidReview: pick(resolved, 'rapid_review'),
    defaults: { fromIncident: pick(defaults, 'decision_from_incident'), fromReferral: pick(defaults, 'decision_from_referral') },
    optionalFrameworks: optionalFrameworks(nationOf(board), ctx.clock.today()),
  };
}
