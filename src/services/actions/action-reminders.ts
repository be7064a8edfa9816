// Reminders and the board's escalation ladder for actions (issue 12 item 4; DOMAIN.md R13): a recurring job scans
// the actions still in their owners' hands and (1) reminds the owner before the target date (the board's reminder
// days: by default 14 and 3 days before), (2) climbs the board's ladder for an action rated RED by the one RAG rule
// (ragOf: overdue or off track, unless the business unit overrode it): a reminder to the owner, the business unit
// told, the board chair's letter (a document made through the pipeline, in Welsh and English for a Welsh board), an
// item on the next board meeting's agenda, a formal request to the partner (section 137 in Wales). Each reminder
// and each rung goes once per action however many instances scan at once: its row (a unique key) is claimed in
// the same transaction as the email, the letter or the agenda item, and a second claim finds it taken. Nothing
// goes for a settled action (proposed complete, verified or later, closed) nor for a review on hold, withdrawn or
// closed. Emails are in each recipient's language.
import type { Db } from '../../db/database.ts';
import {
  claimChallenge,
  claimReminder,
  findLadderSettings,
  firedRungs,
  ladderCandidates,
  reportedStatuses,
} from '../../db/repositories/action-challenges-repository.ts';
import { type ActionRow, findAction } from '../../db/repositories/actions-repository.ts';
import { addAgendaItem, nextBoardMeeting } from '../../db/repositories/board-meetings-repository.ts';
import { findBoard } from '../../db/repositories/organisation-repository.ts';
import { findPersonRow } from '../../db/repositories/people-repository.ts';
import { findReview } from '../../db/repositories/reviews-repository.ts';
import { boardRoleHolders } from '../../db/repositories/role-grants-repository.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { isSettled, PROGRESS_STATUSES } from '../../domain/actions/action.ts';
import {
  formalRequestBasis,
  LADDER_LIMITS,
  LADDER_RUNGS,
  type LadderRung,
  type LadderSettings,
  nextRung,
  offTrackCycles,
  reminderBeforeDue,
  storedLadder,
} from '../../domain/actions/escalation.ts';
import { addDays } from '../../domain/clock/dates.ts';
import { formatDate } from '../../domain/clock/london.ts';
import { type Board, type Language, localName } from '../../domain/organisation.ts';
import { reviewIsPaused } from '../../domain/reviews/contributions.ts';
import { translator } from '../../i18n.ts';
import { absoluteUrl, urls } from '../../urls.ts';
import type { AuditService } from '../audit-service.ts';
import { type Clock, newId, systemCaller } from '../context.ts';
import type { DocumentService } from '../documents/document-service.ts';
import type { JobKind } from '../job-service.ts';
import type { MailService } from '../mail-service.ts';
import { ragOf } from './action-plan-service.ts';

/** The recurring scan, and how often it runs (hourly: a reminder goes within the hour its day starts). */
export const ACTION_REMINDERS_JOB = 'actions.reminders';
export const ACTION_REMINDERS_EVERY_MS = 3_600_000;

export interface ActionRemindersDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mail: MailService;
  documents: DocumentService;
  publicUrl: () => string;
}

/** A board's ladder: its own settings, or the defaults. */
export async function ladderOf(db: Executor, boardId: string): Promise<LadderSettings> {
  return storedLadder((await findLadderSettings(db, boardId))?.settings);
}

export class ActionReminders {
  constructor(private readonly deps: ActionRemindersDeps) {}

  /** Sends what is due today; counts what this instance sent (a reminder or rung another instance claimed is not counted). */
  async sendDue(): Promise<{ reminded: number; climbed: number; skippedPaused: number }> {
    const today = this.deps.clock.today();
    const top = LADDER_RUNGS[LADDER_RUNGS.length - 1] ?? 'formal_request';
    const candidates = await ladderCandidates(this.deps.db.kysely, PROGRESS_STATUSES, addDays(today, LADDER_LIMITS.maxReminderDays), today, top);
    const ladders = new Map<string, LadderSettings>();
    let reminded = 0;
    let climbed = 0;
    let skippedPaused = 0;
    for (const c of candidates) {
      if (reviewIsPaused(c.reviewState)) {
        skippedPaused++;
        continue;
      }
      let ladder = ladders.get(c.boardId);
      if (!ladder) {
        ladder = await ladderOf(this.deps.db.kysely, c.boardId);
        ladders.set(c.boardId, ladder);
      }
      const settings = ladder;
      if (await inTransaction(this.deps.db, (trx) => this.remind(trx, settings, c.reviewId, c.id))) reminded++;
      if (await inTransaction(this.deps.db, (trx) => this.climb(trx, settings, c.reviewId, c.id))) climbed++;
    }
    return { reminded, climbed, skippedPaused };
  }

  job(): JobKind<unknown> {
    return { maxAttempts: 3, run: async () => void (await this.sendDue()) };
  }

  /** The reminder before the target date due today, claimed with its email. */
  private async remind(trx: Executor, settings: LadderSettings, reviewId: string, actionId: string): Promise<boolean> {
    const today = this.deps.clock.today();
    const action = await findAction(trx, reviewId, actionId);
    if (!action || isSettled(action.status)) return false;
    const days = reminderBeforeDue(settings, action.targetOn, today);
    if (days === null) return false;
    if (!(await claimReminder(trx, action.id, days, action.targetOn, today, this.now()))) return false;
    const owner = await findPersonRow(trx, action.ownerId);
    if (!owner || owner.deactivated_at) return true;
    const board = await findBoard(trx, action.boardId);
    const review = await findReview(trx, reviewId);
    const language = owner.language as Language;
    await this.email(trx, owner.email, language, 'reminderEmail', this.values(action, board, review?.reference ?? '', language, { days: String(days) }));
    await this.deps.audit.record(trx, systemCaller('ACTION_REMINDED'), {
      boardId: action.boardId,
      recordType: 'review_action',
      recordId: action.id,
      summary: { reviewId, daysBefore: days, language },
    });
    return true;
  }

  /** The rung due today, claimed with what it does. */
  private async climb(trx: Executor, settings: LadderSettings, reviewId: string, actionId: string): Promise<boolean> {
    const today = this.deps.clock.today();
    const action = await findAction(trx, reviewId, actionId);
    if (!action || isSettled(action.status)) return false;
    const cycles = offTrackCycles(await reportedStatuses(trx, action.id));
    const due = nextRung(
      settings,
      { red: ragOf(action, today).rag === 'red', targetOn: action.targetOn, offTrackCycles: cycles, fired: await firedRungs(trx, action.id) },
      today,
    );
    if (!due) return false;
    const [board, review] = await Promise.all([findBoard(trx, action.boardId), findReview(trx, reviewId)]);
    if (!board || !review) return false;
    // The agenda item needs the board's next meeting: until one is scheduled the ladder waits on this rung.
    const meeting = due.rung === 'board_agenda' ? await nextBoardMeeting(trx, board.id, today) : undefined;
    if (due.rung === 'board_agenda' && !meeting) return false;
    const id = newId();
    const claimed = await claimChallenge(
      trx,
      {
        id,
        actionId: action.id,
        reviewId,
        boardId: board.id,
        agencyId: action.leadAgencyId,
        rung: due.rung,
        trigger: due.trigger,
        daysOverdue: due.daysOverdue,
        offTrackCycles: cycles,
        targetOn: action.targetOn,
        status: action.status,
        firedOn: today,
        boardMeetingId: meeting?.id ?? null,
        statutoryBasis: due.rung === 'formal_request' ? formalRequestBasis(board.nation) : null,
      },
      this.now(),
    );
    if (!claimed) return false;
    const summary: Record<string, string | number> = { reviewId, challengeId: id, rung: due.rung, trigger: due.trigger };
    if (due.rung === 'chair_letter') {
      // The letter, made as the document's first version (Welsh and English for a Welsh board), in this transaction.
      for (const language of board.nation === 'wales' ? (['cy', 'en'] as const) : (['en'] as const)) {
        const made = await this.deps.documents.prepare(trx, systemCaller('ACTION_ESCALATED'), 'challenge_letter', id, language);
        summary[`document_${language}`] = made.documentId;
      }
    }
    if (meeting) {
      const t = (lang: Language) =>
        translator(lang)('action-challenges:agendaTitle', { reference: review.reference, agency: localName(action.leadAgency, lang) });
      await addAgendaItem(trx, meeting.id, {
        id: newId(),
        title: board.nation === 'wales' ? `${t('cy')} / ${t('en')}` : t('en'),
        sourceKind: 'action_challenge',
        sourceId: id,
        addedBy: null,
        at: this.now(),
      });
      summary.boardMeetingId = meeting.id;
    }
    await this.notify(trx, due.rung, action, board, review.reference, meeting?.meetsOn ?? null);
    await this.deps.audit.record(trx, systemCaller('ACTION_ESCALATED'), { boardId: board.id, recordType: 'review_action', recordId: action.id, summary });
    return true;
  }

  /** The rung's email: the owner for the first rung; the board's business unit for the others (each in their language). */
  private async notify(trx: Executor, rung: LadderRung, action: ActionRow, board: Board, reference: string, meetsOn: string | null): Promise<void> {
    // An action climbs when overdue or reported off track: the first two rungs' emails say which (an action off track
    // before its target date is not "overdue").
    const offTrack = (rung === 'owner' || rung === 'business_manager') && action.targetOn >= this.deps.clock.today();
    const key = rung === 'formal_request' && formalRequestBasis(board.nation) === 's137' ? 'formal_request_s137' : offTrack ? `${rung}_off_track` : rung;
    if (rung === 'owner') {
      const owner = await findPersonRow(trx, action.ownerId);
      if (!owner || owner.deactivated_at) return;
      const language = owner.language as Language;
      await this.email(trx, owner.email, language, `rungEmail.${key}`, this.values(action, board, reference, language));
      return;
    }
    for (const bu of await boardRoleHolders(trx, board.id, 'business_unit')) {
      const extra: Record<string, string> = meetsOn ? { meetsOn: formatDate(meetsOn, bu.language) } : {};
      await this.email(trx, bu.email, bu.language, `rungEmail.${key}`, this.values(action, board, reference, bu.language, extra));
    }
  }

  private values(action: ActionRow, board: Board | undefined, reference: string, language: Language, extra: Record<string, string> = {}) {
    return {
      reference,
      agency: localName(action.leadAgency, language),
      board: board ? localName(board, language) : '',
      targetOn: formatDate(action.targetOn, language),
      link: absoluteUrl(this.deps.publicUrl(), urls.actionChallengesOfAction(action.boardId, action.reviewId, action.id)),
      ...extra,
    };
  }

  private async email(trx: Executor, to: string, language: Language, key: string, values: Record<string, string>): Promise<void> {
    const t = translator(language);
    await this.deps.mail.enqueue(trx, {
      language,
      to,
      subject: t(`action-challenges:${key}.subject`, values),
      body: t(`action-challenges:${key}.body`, values),
    });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
