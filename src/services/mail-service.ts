// Email: messages are written to the outbox in the same transaction as the change that causes them,
// then delivered over SMTP after commit (and retried), so nothing acknowledged is lost.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/database.ts';
import { claimEmail, insertOutboxEmail, releaseEmail, unsentEmails } from '../db/repositories/auth-repository.ts';
import type { Executor } from '../db/transaction.ts';
import { type Clock, newId } from './context.ts';

export interface Email {
  to: string;
  subject: string;
  body: string;
}

export class MailService {
  private readonly transport: Transporter | undefined;

  constructor(private readonly deps: { db: Db; clock: Clock; smtpUrl: string | undefined; from: string }) {
    this.transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : undefined;
  }

  /** True when email is delivered; otherwise links are shown to the administrator instead. */
  get isEnabled(): boolean {
    return this.transport !== undefined;
  }

  async enqueue(trx: Executor, email: Email): Promise<void> {
    if (!this.transport) return;
    await insertOutboxEmail(trx, { id: newId(), ...email, at: this.deps.clock.now().toISOString() });
  }

  /** Sends what is waiting. Called after each commit that queued mail, and periodically. */
  async flush(): Promise<number> {
    if (!this.transport) return 0;
    let sent = 0;
    for (const e of await unsentEmails(this.deps.db.kysely, 50)) {
      // Claim first, so two processes (or a request and the background flush) never send it twice.
      if (!(await claimEmail(this.deps.db.kysely, e.id, this.deps.clock.now().toISOString()))) continue;
      try {
        await this.transport.sendMail({ from: this.deps.from, to: e.to_address, subject: e.subject, text: e.body_text });
        sent++;
      } catch (error) {
        await releaseEmail(this.deps.db.kysely, e.id, String(error));
      }
    }
    return sent;
  }

  close(): void {
    this.transport?.close();
  }
}
