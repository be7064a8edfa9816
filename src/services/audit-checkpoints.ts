// Signed checkpoints of the audit chain's head, kept outside the database: appended to a file under
// DATA_DIR (readable by its owner only), written to the service log, and once a day, when configured,
// emailed to an address outside the service. An attacker who can write to the database but does not hold
// the audit key can cut events off the end of the chain and move its head back; `case-review audit
// verify` finds that by comparing the chain with these checkpoints (issue 8, finding 4).
//
// This stays a timer in each server process rather than a job: it guards against someone who can write to
// the database, and a job or schedule kept in that database is exactly what they could delete or mark
// done; each instance also writes its own file. For the same reason the daily email is sent straight over
// SMTP, not queued as a job (a failed send is tried again at the next checkpoint).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Checkpoint } from '../domain/audit.ts';
import { translator } from '../i18n.ts';
import type { AuditService } from './audit-service.ts';
import type { Clock } from './context.ts';
import type { MailService } from './mail-service.ts';

const DAY_MS = 24 * 3_600_000;

export function appendCheckpoint(file: string, checkpoint: Checkpoint): void {
  appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600, flag: 'a' });
}

/**
 * The checkpoints in a file, oldest first. A line that is not a checkpoint is returned as one that cannot
 * be genuine (empty signature), so verification reports the line rather than skipping it.
 */
export function readCheckpoints(file: string): Checkpoint[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        const c = JSON.parse(line) as Partial<Checkpoint>;
        if (typeof c.seq === 'number' && typeof c.hash === 'string' && typeof c.at === 'string' && typeof c.mac === 'string') {
          return { seq: c.seq, hash: c.hash, at: c.at, mac: c.mac };
        }
      } catch {
        // falls through
      }
      return { seq: -1, hash: '', at: '', mac: '' };
    });
}

export interface CheckpointLog {
  info(details: { auditCheckpoint: Checkpoint }, message: string): void;
}

export class AuditCheckpointer {
  private lastSeq: number | undefined;
  private lastEmailedAt = 0;

  constructor(
    private readonly deps: {
      audit: AuditService;
      clock: Clock;
      file: string;
      log: CheckpointLog;
      mail: MailService;
      /** Where a daily checkpoint is emailed, if anywhere. */
      email: string | undefined;
    },
  ) {}

  /** Writes a checkpoint if the chain has grown since the last one (or none was written by this process). */
  async write(force = false): Promise<Checkpoint | undefined> {
    const checkpoint = await this.deps.audit.checkpoint();
    if (!force && checkpoint.seq === this.lastSeq) return undefined;
    appendCheckpoint(this.deps.file, checkpoint);
    this.deps.log.info({ auditCheckpoint: checkpoint }, 'audit checkpoint');
    this.lastSeq = checkpoint.seq;
    await this.emailDaily(checkpoint);
    return checkpoint;
  }

  private async emailDaily(checkpoint: Checkpoint): Promise<void> {
    const to = this.deps.email;
    const now = this.deps.clock.now().getTime();
    if (!to || !this.deps.mail.isEnabled || now - this.lastEmailedAt < DAY_MS) return;
    await this.deps.mail.sendNow({
      to,
      language: 'en',
      // To whoever runs the service (no language preference known): English, the service named as every email names it.
      subject: `${translator('en')('common:serviceName')} audit checkpoint: event ${checkpoint.seq}`,
      body: `Keep this message. It records the audit log's head at ${checkpoint.at}, signed with the audit key:\n\n${JSON.stringify(checkpoint)}\n\nTo check the log against it, save the line above to a file and run: case-review audit verify --checkpoints <file>\n`,
    });
    this.lastEmailedAt = now;
  }
}
