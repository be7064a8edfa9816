// Changing a person's email address (issue 8, finding 1). The address is how a person signs in and
// where their password reset links go, so a change made by an administrator takes effect only when it is
// confirmed with a single-use, expiring link sent to the new address; the old address is told at once,
// and stays the sign-in address until then. Without email, the link is shown to the administrator to
// pass on (as invitations are) and the page says no notice could be sent.
import type { Db } from '../db/database.ts';
import { revokeOpenLinks } from '../db/repositories/auth-repository.ts';
import {
  consumeEmailChange,
  findEmailChangeByHash,
  insertEmailChange,
  openEmailChange,
  revokeEmailChanges,
} from '../db/repositories/email-changes-repository.ts';
import { findPersonRow, findPersonRowByEmail, updatePersonEmail } from '../db/repositories/people-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { dateAndTime } from '../domain/clock/london.ts';
import type { Language } from '../domain/organisation.ts';
import { translator } from '../i18n.ts';
import { absoluteUrl, urls } from '../urls.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, invalid, newId, ServiceError } from './context.ts';
import type { MailService } from './mail-service.ts';
import { personEventBoardIds } from './person-access.ts';
import { randomToken, sha256 } from './secrets.ts';

/** How long the confirmation link works. */
const EMAIL_CHANGE_LIFETIME_MS = 24 * 3_600_000;

export interface EmailChangeStarted {
  newEmail: string;
  expiresAt: string;
  /** True when the notice and the link were emailed; otherwise link is the one to pass on. */
  emailed: boolean;
  link: string | null;
}

export interface PendingEmailChange {
  newEmail: string;
  expiresAt: string;
}

export class EmailChangeService {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService; mail: MailService; publicUrl: () => string }) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /**
   * Starts a change of the person's address in the caller's transaction (the caller has checked that they
   * may change this account): earlier unconfirmed changes and open invitations are revoked, the old
   * address is told, the new one gets the confirmation link.
   */
  async request(
    trx: Executor,
    caller: Caller,
    person: { id: string; email: string; full_name: string; language: string },
    newEmail: string,
  ): Promise<EmailChangeStarted> {
    const at = this.now();
    const address = newEmail.trim().toLowerCase();
    await revokeEmailChanges(trx, person.id, at);
    // An invitation went to the old address: it should not outlive it.
    await revokeOpenLinks(trx, person.id, 'invitation', at);
    const token = randomToken();
    const id = newId();
    const expiresAt = new Date(this.deps.clock.now().getTime() + EMAIL_CHANGE_LIFETIME_MS).toISOString();
    await insertEmailChange(trx, {
      id,
      personId: person.id,
      newEmail: address,
      tokenHash: sha256(token),
      requestedBy: caller.actor?.personId ?? null,
      requestedAt: at,
      expiresAt,
    });
    const language = person.language as Language;
    // Opens in the person's language, like the set-password links.
    const link = absoluteUrl(this.deps.publicUrl(), urls.confirmEmail(token, { lang: language }));
    const t = translator(language);
    const values = { service: t('common:serviceName'), name: person.full_name, newEmail: address, link, ...dateAndTime(expiresAt, language) };
    await this.deps.mail.enqueue(trx, {
      language,
      to: person.email,
      subject: t('auth:emailChangeNotice.subject', values),
      body: t('auth:emailChangeNotice.body', values),
    });
    await this.deps.mail.enqueue(trx, {
      language,
      to: address,
      subject: t('auth:emailChangeConfirm.subject', values),
      body: t('auth:emailChangeConfirm.body', values),
    });
    await this.deps.audit.record(trx, caller, {
      action: 'EMAIL_CHANGE_REQUESTED',
      boardIds: await personEventBoardIds(trx, person.id),
      recordType: 'person',
      recordId: person.id,
      summary: { emailChangeId: id, emailed: this.deps.mail.isEnabled },
    });
    return { newEmail: address, expiresAt, emailed: this.deps.mail.isEnabled, link: this.deps.mail.isEnabled ? null : link };
  }

  /** The person's change still waiting for confirmation, if any. */
  async pending(personId: string): Promise<PendingEmailChange | undefined> {
    const row = await openEmailChange(this.deps.db.kysely, personId, this.now());
    return row ? { newEmail: row.new_email, expiresAt: row.expires_at } : undefined;
  }

  /** Stops a waiting change (the caller has checked that they may change this account); false when there was none. */
  async cancel(trx: Executor, caller: Caller, personId: string): Promise<boolean> {
    const revoked = await revokeEmailChanges(trx, personId, this.now());
    if (revoked === 0) return false;
    await this.deps.audit.record(trx, caller, {
      action: 'EMAIL_CHANGE_CANCELLED',
      boardIds: await personEventBoardIds(trx, personId),
      recordType: 'person',
      recordId: personId,
      summary: { revoked },
    });
    return true;
  }

  private async usable(db: Executor, token: string) {
    const row = await findEmailChangeByHash(db, sha256(token));
    if (!row || row.confirmed_at || row.revoked_at || row.expires_at <= this.now()) return undefined;
    const person = await findPersonRow(db, row.person_id);
    if (!person || person.deactivated_at) return undefined;
    return { row, person };
  }

  /** What a confirmation link would change, if it can still be used; undefined otherwise (expired, used, revoked, unknown). */
  async inspect(token: string): Promise<PendingEmailChange | undefined> {
    const found = await this.usable(this.deps.db.kysely, token);
    return found ? { newEmail: found.row.new_email, expiresAt: found.row.expires_at } : undefined;
  }

  /**
   * Confirms a change from the link sent to the new address: the address changes, and links sent to the
   * old one (invitations, password resets) stop working. Throws not_found for a link that cannot be used,
   * invalid when someone else has taken the address meanwhile.
   */
  async confirm(caller: Caller, token: string): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      const found = await this.usable(trx, token);
      if (!found) throw new ServiceError('not_found', 'link not usable');
      const { row, person } = found;
      const clash = await findPersonRowByEmail(trx, row.new_email);
      if (clash && clash.id !== person.id) throw invalid({ email: 'email.taken' });
      const at = this.now();
      if (!(await consumeEmailChange(trx, row.id, at))) throw new ServiceError('not_found', 'link used');
      await updatePersonEmail(trx, person.id, row.new_email, at);
      await revokeEmailChanges(trx, person.id, at);
      await revokeOpenLinks(trx, person.id, 'invitation', at);
      await revokeOpenLinks(trx, person.id, 'password_reset', at);
      await this.deps.audit.record(
        trx,
        { ...caller, actor: { personId: person.id, grants: [], twoFactorSatisfied: false } },
        {
          action: 'EMAIL_CHANGE_CONFIRMED',
          boardIds: await personEventBoardIds(trx, person.id),
          recordType: 'person',
          recordId: person.id,
          summary: { emailChangeId: row.id },
        },
      );
    });
  }
}
