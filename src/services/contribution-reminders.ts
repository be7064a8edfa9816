// Reminders of agency contributions (issue 10 item 4; DOMAIN.md §8.4 "agency report due dates, with
// reminders"): a recurring job scans the requests still owed around their due dates and emails the agency's
// contact (in the contact's language) a week before, on the day, and one and two weeks after. Each rung goes
// once per request however many instances scan at once: the reminder's row (request, rung) is claimed in the
// same transaction as the email's job, and a second claim finds it taken. A review on hold, withdrawn or
// closed is skipped — which is how a hold or a withdrawal cancels its pending reminders (a resumed review's
// reminders start again from the rung its day has reached).
import type { Db } from '../db/database.ts';
import { claimReminder, owedRequests } from '../db/repositories/contributions-repository.ts';
import { findAgency, findBoard } from '../db/repositories/organisation-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { addDays } from '../domain/clock/dates.ts';
import { formatDate } from '../domain/clock/london.ts';
import { OWING_STATES, REMINDER_RUNGS, reminderDue, reviewIsPaused } from '../domain/reviews/contributions.ts';
import { translator } from '../i18n.ts';
import { absoluteUrl, urls } from '../urls.ts';
import type { AuditService } from './audit-service.ts';
import { type Clock, systemCaller } from './context.ts';
import type { JobKind } from './job-service.ts';
import type { MailService } from './mail-service.ts';

/** The recurring scan, and how often it runs (hourly: a reminder goes on its day, within the hour the day starts). */
export const CONTRIBUTION_REMINDERS_JOB = 'contributions.reminders';
export const CONTRIBUTION_REMINDERS_EVERY_MS = 3_600_000;

export class ContributionReminders {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService; mail: MailService; publicUrl: () => string }) {}

  /** Sends the reminders due today; returns how many went (a rung another instance sent is not counted). */
  async sendDue(): Promise<{ sent: number; skippedPaused: number }> {
    const today = this.deps.clock.today();
    const earliest = Math.min(...REMINDER_RUNGS.map((r) => r.offsetDays));
    // Requests whose first rung has come: due on or before today + a week.
    const owed = await owedRequests(this.deps.db.kysely, OWING_STATES, addDays(today, -earliest));
    let sent = 0;
    let skippedPaused = 0;
    for (const r of owed) {
      if (reviewIsPaused(r.reviewState)) {
        skippedPaused++;
        continue;
      }
      const rung = reminderDue({ state: r.status, dueOn: r.dueOn, requestedOn: r.requestedOn }, today);
      if (!rung || !r.contact) continue;
      const contact = r.contact;
      const went = await inTransaction(this.deps.db, async (trx) => {
        if (!(await claimReminder(trx, r.id, rung, today, this.deps.clock.now().toISOString()))) return false;
        const [agency, board] = await Promise.all([findAgency(trx, r.agencyId), findBoard(trx, r.boardId)]);
        const lang = contact.language;
        const t = translator(lang);
        const values = {
          reference: r.reference,
          agency: lang === 'cy' ? agency?.nameCy : agency?.nameEn,
          board: lang === 'cy' ? board?.nameCy : board?.nameEn,
          dueOn: formatDate(r.dueOn, lang),
          link: absoluteUrl(this.deps.publicUrl(), urls.myContributions()),
        };
        await this.deps.mail.enqueue(trx, {
          language: lang,
          to: contact.email,
          subject: t(`contributions:reminderEmail.subject.${rung}`, values),
          body: t(`contributions:reminderEmail.body.${rung}`, values),
        });
        await this.deps.audit.record(trx, systemCaller('CONTRIBUTION_REMINDED'), {
          boardId: r.boardId,
          recordType: 'contribution',
          recordId: r.id,
          summary: { reviewId: r.reviewId, agencyId: r.agencyId, rung, language: lang },
        });
        return true;
      });
      if (went) sent++;
    }
    return { sent, skippedPaused };
  }

  job(): JobKind<unknown> {
    return { maxAttempts: 3, run: async () => void (await this.sendDue()) };
  }
}
