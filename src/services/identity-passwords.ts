// Passwords: invitations (a set-password link for an account that has none), "Forgotten your password?",
// setting a password through either link, and changing one's own.
import type { Db } from '../db/database.ts';
import {
  consumeOneTimeLink,
  countPasswordResetRequests,
  deleteSessionsOfPerson,
  insertPasswordResetRequest,
  listOpenLinks,
  revokeOpenLink,
} from '../db/repositories/auth-repository.ts';
import { findPersonRow, lockPersonRowByEmail, updatePersonColumns } from '../db/repositories/people-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, invalid, newId, ServiceError } from './context.ts';
import type { OneTimeLinkInfo, OneTimeLinks } from './identity-links.ts';
import type { MailService } from './mail-service.ts';
import { personEventBoardIds } from './person-access.ts';
import { hashPassword, passwordProblem, sessionKey, verifyPassword } from './secrets.ts';

/**
 * "Forgotten your password?" limits over a window: links emailed to one person (so the form cannot
 * flood their mailbox), and requests from one address (IP) whatever their outcome (so it cannot be
 * used to try address after address). Beyond them the page looks the same and nothing is sent.
 */
export const PASSWORD_RESET_LIMITS = { windowMs: 60 * 60_000, perPerson: 3, perAddress: 20 };

export class Passwords {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      audit: AuditService;
      mail: MailService;
      links: OneTimeLinks;
    },
  ) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  // ---- Invitations --------------------------------------------------------------------------------

  /**
   * Invites a person (or re-invites): a set-password link, emailed when mail is configured. Earlier
   * open invitations for the person are revoked. Returns the link token so the page can show it when
   * mail is not configured.
   */
  async invite(trx: Executor, caller: Caller, personId: string): Promise<{ token: string; link: string; emailed: boolean; expiresAt: string }> {
    const person = await findPersonRow(trx, personId);
    if (!person || person.deactivated_at) throw new ServiceError('not_found', 'person');
    // Someone who has set a password resets it themselves ("Forgotten your password?"): no one else gets a link to their account.
    if (person.password_hash) throw invalid({ person: 'invitation.accountActive' });
    const { token, link, url } = await this.deps.links.emailSetPasswordLink(trx, person, 'invitation', caller.actor?.personId ?? null);
    await this.deps.audit.record(trx, caller, {
      action: 'INVITATION_CREATED',
      boardIds: await personEventBoardIds(trx, personId),
      recordType: 'person',
      recordId: personId,
      summary: { linkId: link.id, emailed: this.deps.mail.isEnabled },
    });
    return { token, link: url, emailed: this.deps.mail.isEnabled, expiresAt: link.expiresAt };
  }

  async openInvitations(): Promise<OneTimeLinkInfo[]> {
    const rows = await listOpenLinks(this.deps.db.kysely, 'invitation', this.now());
    return rows.map((r) => ({ id: r.id, purpose: 'invitation', personId: r.person_id, email: null, expiresAt: r.expires_at }));
  }

  async revokeInvitation(caller: Caller, linkId: string, personId: string): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      if (!(await revokeOpenLink(trx, linkId, personId, 'invitation', this.now()))) throw new ServiceError('not_found', 'invitation');
      const boardIds = await personEventBoardIds(trx, personId);
      await this.deps.audit.record(trx, caller, { boardIds, recordType: 'one_time_link', recordId: linkId, summary: { personId } });
    });
  }

  // ---- Forgotten password -------------------------------------------------------------------------

  /**
   * Someone asked for a link to reset the password of the account with this email address. Only an
   * active person gets one: a 'password_reset' link (earlier unused ones revoked) emailed in their own
   * language, within PASSWORD_RESET_LIMITS. Whatever happens, the caller is told nothing, so the form
   * cannot show who has an account. The audit never holds the address typed: a request for an address
   * that is no one's account is recorded without it. Does nothing when email is not configured (a
   * link that no one receives would only be a risk).
   */
  async requestPasswordReset(caller: Caller, email: string): Promise<void> {
    if (!this.deps.mail.isEnabled) return;
    const ip = caller.ip ?? 'unknown';
    await inTransaction(this.deps.db, async (trx) => {
      const now = this.deps.clock.now();
      const at = now.toISOString();
      const since = new Date(now.getTime() - PASSWORD_RESET_LIMITS.windowMs).toISOString();
      const found = await lockPersonRowByEmail(trx, this.deps.db.dialect, email);
      const person = found && found.deactivated_at === null ? found : undefined;
      const record = person ? { recordType: 'person', recordId: person.id } : { recordType: null, recordId: null };

      let limited: 'address_rate_limited' | 'person_rate_limited' | undefined;
      if ((await countPasswordResetRequests(trx, { ip }, since)) >= PASSWORD_RESET_LIMITS.perAddress) limited = 'address_rate_limited';
      else if (person && (await countPasswordResetRequests(trx, { sentTo: person.id }, since)) >= PASSWORD_RESET_LIMITS.perPerson) {
        limited = 'person_rate_limited';
      }
      if (limited) {
        await insertPasswordResetRequest(trx, { id: newId(), personId: person?.id ?? null, ip, outcome: 'suppressed', at });
        await this.deps.audit.record(trx, caller, { action: 'PASSWORD_RESET_SUPPRESSED', ...record, summary: { reason: limited } });
        return;
      }
      if (!person) {
        await insertPasswordResetRequest(trx, { id: newId(), personId: null, ip, outcome: 'no_account', at });
        // A deactivated person is still someone the service knows, so their record is named; an
        // address that is no one's account is not recorded at all.
        await this.deps.audit.record(trx, caller, {
          action: 'PASSWORD_RESET_REQUESTED',
          recordType: found ? 'person' : null,
          recordId: found?.id ?? null,
          summary: { sent: false, reason: found ? 'deactivated' : 'no_account' },
        });
        return;
      }

      const { link } = await this.deps.links.emailSetPasswordLink(trx, person, 'password_reset', null);
      await insertPasswordResetRequest(trx, { id: newId(), personId: person.id, ip, outcome: 'sent', at });
      await this.deps.audit.record(trx, caller, { action: 'PASSWORD_RESET_REQUESTED', ...record, summary: { sent: true, linkId: link.id } });
    });
    // The email is a job, delivered by the worker once the transaction commits; the page never waits for
    // it, so the time it takes does not tell whether an email was sent.
  }

  /** Sets a password through an invitation or reset link; returns the person's id. */
  async setPasswordWithLink(caller: Caller, token: string, password: string): Promise<string> {
    const info = await this.deps.links.inspectLink(token, ['invitation', 'password_reset']);
    if (!info?.personId) throw new ServiceError('not_found', 'link not usable');
    const problem = passwordProblem(password, info.email ?? undefined);
    if (problem) throw invalid({ password: problem });
    const passwordHash = await hashPassword(password);
    const personId = info.personId;
    await inTransaction(this.deps.db, async (trx) => {
      if (!(await consumeOneTimeLink(trx, info.id, this.now()))) throw new ServiceError('not_found', 'link used');
      const now = this.now();
      await updatePersonColumns(trx, personId, { password_hash: passwordHash, password_changed_at: now, locked_until: null }, now);
      // Whoever was signed in as the person (perhaps someone who knew the old password) is signed out.
      const sessionsEnded = await deleteSessionsOfPerson(trx, personId);
      await this.deps.audit.record(
        trx,
        { ...caller, actor: { personId, grants: [], twoFactorSatisfied: false } },
        {
          boardIds: await personEventBoardIds(trx, personId),
          recordType: 'person',
          recordId: personId,
          summary: { purpose: info.purpose, sessionsEnded },
        },
      );
    });
    return personId;
  }

  // ---- Own password -------------------------------------------------------------------------------

  async changePassword(caller: Caller, personId: string, current: string, next: string, keepSessionId: string | undefined): Promise<void> {
    const person = await findPersonRow(this.deps.db.kysely, personId);
    if (!person) throw new ServiceError('not_found', 'person');
    if (!(await verifyPassword(person.password_hash, current))) throw invalid({ currentPassword: 'password.wrong' });
    const problem = passwordProblem(next, person.email);
    if (problem) throw invalid({ newPassword: problem });
    if (current === next) throw invalid({ newPassword: 'password.same' });
    const passwordHash = await hashPassword(next);
    await inTransaction(this.deps.db, async (trx) => {
      const at = this.now();
      await updatePersonColumns(trx, personId, { password_hash: passwordHash, password_changed_at: at }, at);
      const ended = await deleteSessionsOfPerson(trx, personId, keepSessionId === undefined ? undefined : sessionKey(keepSessionId));
      await this.deps.audit.record(trx, caller, { recordType: 'person', recordId: personId, summary: { otherSessionsEnded: ended } });
    });
  }
}
