// The board's challenge of partners (issue 12 item 4; DOMAIN.md R13): the board's escalation ladder (which rungs
// apply and when; the business unit keeps it, action.manage on the board), and the challenge log of a review — or
// of one action —: each rung an action climbed (written by the ladder's job, action-reminders.ts), the partner's
// response and the outcome the business unit records, and for a formal request (section 137 in Wales) whether it
// was complied with. An action owner reads the log of their own agency's actions only. Each read is audited; each
// change is one transaction with its audit event, refused whole on bad input or a change made meanwhile.
import type { Db } from '../../db/database.ts';
import {
  type ChallengeRow,
  findChallenge,
  findLadderSettings,
  recordChallengeResponse,
  reviewChallenges,
  saveLadderSettings,
} from '../../db/repositories/action-challenges-repository.ts';
import { findAction } from '../../db/repositories/actions-repository.ts';
import { findBoard } from '../../db/repositories/organisation-repository.ts';
import type { ReviewRow } from '../../db/repositories/reviews-repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import {
  CHALLENGE_TEXT,
  formalRequestBasis,
  isLadderRung,
  type LadderInput,
  type LadderSettings,
  parseLadder,
  responseProblems,
  storedLadder,
} from '../../domain/actions/escalation.ts';
import type { IsoDate } from '../../domain/clock/dates.ts';
import { textProblems } from '../../domain/limits.ts';
import type { Board } from '../../domain/organisation.ts';
import { can } from '../../domain/permissions.ts';
import type { AuditService } from '../audit-service.ts';
import { type Caller, type Clock, forbidden, invalid, notFound, ServiceError } from '../context.ts';
import { ownAgencies, type ReviewScope, reviewInAnyPart, reviewInScope } from '../review-access.ts';

export type { ChallengeRow } from '../../db/repositories/action-challenges-repository.ts';

export interface LadderView {
  board: Board;
  settings: LadderSettings;
  /** 0 while the board uses the defaults. */
  version: number;
  /** The formal request's basis on this board (s137 in Wales). */
  basis: 's137' | null;
}

export interface ChallengeLog {
  review: ReviewRow;
  action: { id: string; text: string } | null;
  challenges: ChallengeRow[];
  /** Only the reader's agency's actions are shown (an action owner). */
  agencyOnly: boolean;
  mayRecord: boolean;
}

export interface ResponseInput {
  response: string;
  respondedOn: IsoDate | 'incomplete' | 'invalid' | null;
  outcome: string;
  complied: string | null;
  version: number;
}

export class ChallengeService {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService }) {}

  /** The board's ladder, for its settings page (the business unit). */
  async ladder(caller: Caller, boardId: string): Promise<LadderView> {
    return inTransaction(this.deps.db, async (trx) => {
      const board = await this.boardFor(trx, caller, boardId);
      const stored = await findLadderSettings(trx, boardId);
      return { board, settings: storedLadder(stored?.settings), version: stored?.version ?? 0, basis: formalRequestBasis(board.nation) };
    });
  }

  /** Saves the board's ladder at the version the form showed; refused whole with field errors, or as changed meanwhile. */
  async saveLadder(caller: Caller, boardId: string, input: LadderInput & { version: number }): Promise<{ version: number }> {
    const parsed = parseLadder(input);
    return inTransaction(this.deps.db, async (trx) => {
      await this.boardFor(trx, caller, boardId);
      if ('problems' in parsed) throw invalid(parsed.problems);
      const saved = await saveLadderSettings(trx, boardId, parsed.settings, input.version, caller.actor?.personId ?? null, this.now());
      if (!saved) throw new ServiceError('conflict', 'ladder changed meanwhile', { form: 'action-challenges:errors.changedMeanwhile' });
      const rungs = Object.entries(parsed.settings.rungs).filter(([, s]) => s.enabled);
      await this.deps.audit.record(trx, caller, {
        boardId,
        recordType: 'board',
        recordId: boardId,
        summary: { version: input.version + 1, rungs: rungs.map(([r]) => r).join(','), reminderDays: parsed.settings.reminderDays.join(',') },
      });
      return { version: input.version + 1 };
    });
  }

  /** A review's challenge log, or one action's (`actionId`): the whole for the plan's readers, an owner's agency's part for them; the read audited. */
  async log(caller: Caller, scope: Omit<ReviewScope, 'agencyId'>, actionId?: string): Promise<ChallengeLog> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInAnyPart(trx, caller, scope, 'action.view');
      const whole = can(caller.actor, 'action.view', { boardId: review.boardId, reviewId: review.id });
      const agencies = whole ? undefined : ownAgencies(caller, review.id);
      let action: ChallengeLog['action'] = null;
      if (actionId) {
        const found = await findAction(trx, review.id, actionId);
        const theirs = found && (whole || [found.leadAgencyId, ...found.supportingAgencies.map((a) => a.id)].some((a) => agencies?.includes(a)));
        if (!found || !theirs) throw notFound('action');
        action = { id: found.id, text: found.action };
      }
      // An owner sees the steps taken about their agency's actions (the lead agency's; a supporting agency sees the action's own log).
      const challenges = await reviewChallenges(trx, review.id, {
        ...(actionId ? { actionId } : {}),
        ...(agencies && !actionId ? { agencyIds: agencies } : {}),
      });
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: actionId ? 'review_action' : 'review',
        recordId: actionId ?? review.id,
        summary: { reviewId: review.id, challenges: challenges.length, agencyOnly: !whole },
      });
      return {
        review,
        action,
        challenges,
        agencyOnly: !whole,
        mayRecord: can(caller.actor, 'action.manage', { boardId: review.boardId, reviewId: review.id }),
      };
    });
  }

  /** One step of the log, for the response form (the business unit); the read audited. */
  async challenge(caller: Caller, scope: Omit<ReviewScope, 'agencyId'>, challengeId: string): Promise<{ review: ReviewRow; challenge: ChallengeRow }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, scope, 'action.manage');
      const challenge = await findChallenge(trx, review.id, challengeId);
      if (!challenge) throw notFound('challenge');
      await this.deps.audit.recordRead(trx, caller, {
        boardId: review.boardId,
        recordType: 'review_action',
        recordId: challenge.actionId,
        summary: { reviewId: review.id, challengeId },
      });
      return { review, challenge };
    });
  }

  /** Records the partner's response, the outcome and (a formal request) whether it was complied with; refused whole on bad input. */
  async recordResponse(caller: Caller, scope: Omit<ReviewScope, 'agencyId'>, challengeId: string, input: ResponseInput): Promise<{ actionId: string }> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, scope, 'action.manage');
      const challenge = await findChallenge(trx, review.id, challengeId);
      if (!challenge || !isLadderRung(challenge.rung)) throw notFound('challenge');
      const problems = {
        ...textProblems(CHALLENGE_TEXT, { response: input.response }),
        ...responseProblems(challenge.rung, input, challenge.firedOn, this.deps.clock.today()),
      };
      if (Object.keys(problems).length > 0) throw invalid(problems);
      const complied = challenge.rung === 'formal_request' ? input.complied === 'yes' : null;
      const ok = await recordChallengeResponse(
        trx,
        challenge.id,
        input.version,
        { response: input.response.trim(), respondedOn: input.respondedOn as IsoDate, outcome: input.outcome, complied, by: caller.actor?.personId ?? null },
        this.now(),
      );
      if (!ok) throw new ServiceError('conflict', 'challenge changed meanwhile', { form: 'action-challenges:errors.changedMeanwhile' });
      await this.deps.audit.record(trx, caller, {
        boardId: review.boardId,
        recordType: 'review_action',
        recordId: challenge.actionId,
        summary: {
          reviewId: review.id,
          challengeId,
          rung: challenge.rung,
          outcome: input.outcome,
          ...(complied === null ? {} : { complied }),
          fields: 'response,respondedOn,outcome',
        },
      });
      return { actionId: challenge.actionId };
    });
  }

  /** Whether the caller may download the board chair's letter of this step (the plan's whole readers); not found otherwise. The download is audited by the pipeline. */
  async letterInScope(caller: Caller, scope: Omit<ReviewScope, 'agencyId'>, challengeId: string): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, scope, 'action.view');
      const challenge = await findChallenge(trx, review.id, challengeId);
      if (challenge?.rung !== 'chair_letter') throw notFound('letter');
    });
  }

  private async boardFor(trx: Parameters<Parameters<typeof inTransaction>[1]>[0], caller: Caller, boardId: string): Promise<Board> {
    if (!caller.actor) throw forbidden();
    const board = await findBoard(trx, boardId);
    if (!board) throw notFound('board');
    if (!can(caller.actor, 'action.manage', { boardId })) throw forbidden();
    return board;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
