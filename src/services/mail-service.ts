// Email: a message is a 'mail.send' job enqueued in the same transaction as the change that causes it
// (src/services/job-service.ts), so nothing a person was told was sent is lost, and nothing is sent for a
// change that was rolled back. The job worker delivers it over SMTP within moments of the commit, and
// retries with backoff when the server cannot be reached. The message (address, subject and body) is
// sealed at rest in the job's payload and forgotten once sent.
//
// Emails carry pseudonyms and links, never a child's or family's identifying details: those stay behind
// sign-in (tested in job-service.test.ts and consideration-service.test.ts).
import nodemailer, { type Transporter } from 'nodemailer';
import type { Executor } from '../db/transaction.ts';
import { JobError, type JobKind, type JobService } from './job-service.ts';

export interface Email {
  to: string;
  subject: string;
  body: string;
}

export const MAIL_JOB = 'mail.send';

function isEmail(value: unknown): value is Email {
  const e = value as Partial<Email> | null;
  return typeof e?.to === 'string' && typeof e.subject === 'string' && typeof e.body === 'string';
}

export class MailService {
  private readonly transport: Transporter | undefined;

  constructor(private readonly deps: { jobs: JobService; smtpUrl: string | undefined; from: string }) {
    // Bounded waits, so a job always ends (success or failure) well within its lease.
    this.transport = deps.smtpUrl
      ? nodemailer.createTransport({ url: deps.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 })
      : undefined;
  }

  /** True when email is delivered; otherwise links are shown to the administrator instead. */
  get isEnabled(): boolean {
    return this.transport !== undefined;
  }

  /** Queues a message in the caller's transaction (nothing, when email is not configured). */
  async enqueue(trx: Executor, email: Email): Promise<void> {
    if (!this.transport) return;
    await this.deps.jobs.enqueue(trx, MAIL_JOB, { to: email.to, subject: email.subject, body: email.body });
  }

  /**
   * Sends a message now, outside any job: for what must not depend on the database (the audit
   * checkpoint's daily copy). Throws when delivery fails.
   */
  async sendNow(email: Email): Promise<void> {
    if (!this.transport) throw new JobError('Email is not configured (SMTP_URL)');
    await this.transport.sendMail({ from: this.deps.from, to: email.to, subject: email.subject, text: email.body });
  }

  /** The 'mail.send' job: delivers one message; an SMTP server's permanent refusal (5xx) ends it at once. */
  job(): JobKind<Email> {
    return {
      maxAttempts: 10,
      backoffMs: 30_000,
      run: async (email) => {
        if (!isEmail(email)) throw new JobError('The message is malformed', true);
        try {
          await this.sendNow(email);
        } catch (error) {
          const code = (error as { responseCode?: unknown }).responseCode;
          if (typeof code === 'number' && code >= 500 && code < 600) throw new JobError(`The mail server refused the message (SMTP ${code})`, true);
          throw error;
        }
      },
    };
  }

  close(): void {
    this.transport?.close();
  }
}
