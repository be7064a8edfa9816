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
import type { Language } from '../domain/organisation.ts';
import { translator } from '../i18n.ts';
import { JobError, type JobKind, type JobService } from './job-service.ts';

export interface Email {
  to: string;
  subject: string;
  body: string;
  /** The language it is written in: the sender is the service named in it ("Adolygu Achosion"). */
  language: Language;
}

/** The address of MAIL_FROM ("Name <address>" or an address): the name shown is the service's, in the email's language. */
export function senderAddress(mailFrom: string): string {
  return (/<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom).trim();
}

export const MAIL_JOB = 'mail.send';

function isEmail(value: unknown): value is Email {
  const e = value as Partial<Email> | null;
  return (
    typeof e?.to === 'string' &&
    typeof e.subject === 'string' &&
    typeof e.body === 'string' &&
    (e.language === undefined || e.language === 'en' || e.language === 'cy')
  );
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
    await this.deps.jobs.enqueue(trx, MAIL_JOB, { to: email.to, subject: email.subject, body: email.body, language: email.language });
  }

  /**
   * Sends a message now, outside any job: for what must not depend on the database (the audit
   * checkpoint's daily copy). Throws when delivery fails.
   */
  async sendNow(email: Email): Promise<void> {
    if (!this.transport) throw new JobError('Email is not configured (SMTP_URL)');
    await this.transport.sendMail({ from: this.sender(email.language), to: email.to, subject: email.subject, text: email.body });
  }

  /**
   * Who the message is from: the service's name in the message's language (WELSH.md: never an English
   * setting), at MAIL_FROM's address. A message queued before messages had a language is named in both.
   */
  private sender(language: Language | undefined): { name: string; address: string } {
    const name = language
      ? translator(language)('common:serviceName')
      : `${translator('en')('common:serviceName')} / ${translator('cy')('common:serviceName')}`;
    return { name, address: senderAddress(this.deps.from) };
  }

  /** The 'mail.send' job: delivers one message; an SMTP server's permanent refusal (5xx) ends it at once. */
  job(): JobKind<Omit<Email, 'language'> & { language?: Language }> {
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
