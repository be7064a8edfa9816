// Sign-in, two-factor authentication, passwords, one-time links (first administrator, invitations,
// password reset).
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Db } from '../db/database.ts';
import type { FieldCipher } from '../db/field-cipher.ts';
import {
  consumeOneTimeLink,
  countPasswordResetRequests,
  deleteSessionsOfPerson,
  findOneTimeLinkByHash,
  insertOneTimeLink,
  insertPasswordResetRequest,
  listOpenLinks,
  recordSignInAttempt,
  revokeOpenLinks,
} from '../db/repositories/auth-repository.ts';
import {
  countActiveRoleHolders,
  currentGrants,
  findPersonRow,
  findPersonRowByEmail,
  insertPerson,
  insertRecoveryCodes,
  insertRoleAssignment,
  lockPersonRowByEmail,
  markRecoveryCodeUsed,
  openTotpSecret,
  personRoleBoardIds,
  sealTotpSecret,
  unusedRecoveryCodes,
  updatePersonColumns,
} from '../db/repositories/people-repository.ts';
import type { PersonRow } from '../db/schema/organisation.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { dateAndTime } from '../domain/clock/london.ts';
import type { Language } from '../domain/organisation.ts';
import type { Actor } from '../domain/permissions.ts';
import { requiresTwoFactor } from '../domain/roles.ts';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, WARN_AFTER_FAILURES, waitSeconds } from '../domain/sign-in-throttle.ts';
import { translator } from '../i18n.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkNames, invalid, newId, ServiceError } from './context.ts';
import type { MailService } from './mail-service.ts';
import { personEventBoardIds } from './person-access.ts';
import { hashPassword, passwordProblem, randomToken, sessionKey, sha256, verifyPassword } from './secrets.ts';
import { type Bucket, buckets, SignInThrottle } from './sign-in-throttle.ts';

/**
 * A set-password link (invitation or reset) that opens in the person's language: the page reads `lang`
 * and keeps it for the pages after (src/http/plugins/i18n.ts), so a Welsh speaker is never met in English.
 */
export function setPasswordLink(baseUrl: string, token: string, language: Language): string {
  return `${baseUrl.replace(/\/+$/, '')}/set-password/${token}?lang=${language}`;
}

export const LINK_PURPOSES = ['first_admin', 'invitation', 'password_reset'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  first_admin: 24 * 3_600_000,
  invitation: 7 * 24 * 3_600_000,
  password_reset: 2 * 3_600_000,
};

/**
 * "Forgotten your password?" limits over a window: links emailed to one person (so the form cannot
 * flood their mailbox), and requests from one address (IP) whatever their outcome (so it cannot be
 * used to try address after address). Beyond them the page looks the same and nothing is sent.
 */
export const PASSWORD_RESET_LIMITS = { windowMs: 60 * 60_000, perPerson: 3, perAddress: 20 };

export type SignInResult =
  | { outcome: 'signed_in'; personId: string; language: Language }
  | { outcome: 'two_factor_required'; personId: string; language: Language }
  | { outcome: 'two_factor_enrolment_required'; personId: string; language: Language }
  | { outcome: 'failed' }
  /** Too soon after repeated failures: nothing was checked; the same for every address, account or not. */
  | { outcome: 'throttled'; retryAfterSeconds: number };

export type SecondFactorResult = { outcome: 'ok' } | { outcome: 'failed' } | { outcome: 'throttled'; retryAfterSeconds: number };

/** A browser that has completed a sign-in for this person (its signed device cookie): its attempts have their own bucket. */
export interface KnownDevice {
  personId: string;
  id: string;
}

export interface OneTimeLinkInfo {
  id: string;
  purpose: LinkPurpose;
  personId: string | null;
  email: string | null;
  expiresAt: string;
}

export class IdentityService {
  private readonly throttle: SignInThrottle;

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      audit: AuditService;
      mail: MailService;
      cipher: FieldCipher;
      /** The authenticator app's label for the account (emails take the name from common:serviceName, in the reader's language). */
      serviceName: string;
      /** The service's own address (PUBLIC_URL) for links in emails nobody signed in asked for: never the request's Host. */
      publicUrl: () => string;
    },
  ) {
    this.throttle = new SignInThrottle({ db: deps.db, clock: deps.clock });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  // ---- Actors -------------------------------------------------------------------------------------

  /**
   * The actor for a signed-in person, or undefined when the person no longer exists or is deactivated.
   * Recomputed on every request from the roles in effect: someone who now needs two-factor (a case role
   * was confirmed) but has not enrolled is not satisfied, even if their session began without needing it.
   */
  async loadActor(personId: string, twoFactorPassed: boolean): Promise<(Actor & { person: PersonRow }) | undefined> {
    const db = this.deps.db.kysely;
    const person = await findPersonRow(db, personId);
    if (!person || person.deactivated_at) return undefined;
    const grants = await currentGrants(db, personId);
    const enrolled = person.totp_enabled_at !== null;
    const needsTwoFactor = enrolled || requiresTwoFactor(grants);
    return { personId, grants, twoFactorSatisfied: !needsTwoFactor || (twoFactorPassed && enrolled), person };
  }

  /**
   * The actor of an active person named by email address, for commands at the server's console: what they may
   * do is what their roles in effect allow, no more. There is no sign-in, so no second factor is asked for
   * (whoever runs a command already holds the database and its keys).
   */
  async actorByEmail(email: string): Promise<(Actor & { person: PersonRow }) | undefined> {
    const person = await findPersonRowByEmail(this.deps.db.kysely, email.trim().toLowerCase());
    const actor = person ? await this.loadActor(person.id, true) : undefined;
    return actor && { ...actor, twoFactorSatisfied: true };
  }

  // ---- First administrator ------------------------------------------------------------------------

  async hasAdministrator(): Promise<boolean> {
    return (await countActiveRoleHolders(this.deps.db.kysely, 'administrator', 'deployment')) > 0;
  }

  /**
   * On an empty service, makes a single-use, expiring link to create the first administrator.
   * Earlier unused links are revoked, so only the newest printed link works.
   */
  async createFirstAdministratorLink(caller: Caller): Promise<{ token: string; expiresAt: string } | undefined> {
    return inTransaction(this.deps.db, async (trx) => {
      if ((await countActiveRoleHolders(trx, 'administrator', 'deployment')) > 0) return undefined;
      const now = this.now();
      await trx
        .updateTable('one_time_links')
        .set({ revoked_at: now })
        .where('purpose', '=', 'first_admin')
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
      const token = randomToken();
      const link = await this.insertLink(trx, 'first_admin', null, null, token);
      await this.deps.audit.record(trx, caller, { recordType: 'one_time_link', recordId: link.id, summary: { purpose: 'first_admin' } });
      return { token, expiresAt: link.expiresAt };
    });
  }

  async createFirstAdministrator(
    caller: Caller,
    token: string,
    input: { fullName: string; email: string; password: string; language: Language },
  ): Promise<string> {
    checkNames({ fullName: input.fullName });
    const problem = passwordProblem(input.password, input.email);
    if (problem) throw invalid({ password: problem });
    const passwordHash = await hashPassword(input.password);
    return inTransaction(this.deps.db, async (trx) => {
      const link = await this.usableLink(trx, token, 'first_admin');
      if ((await countActiveRoleHolders(trx, 'administrator', 'deployment')) > 0) throw new ServiceError('conflict', 'administrator exists');
      if (await findPersonRowByEmail(trx, input.email)) throw invalid({ email: 'email.taken' });
      if (!(await consumeOneTimeLink(trx, link.id, this.now()))) throw new ServiceError('not_found', 'link used');
      const personId = newId();
      const now = this.now();
      await insertPerson(trx, { id: personId, email: input.email, fullName: input.fullName, jobTitle: null, agencyId: null, language: input.language }, now);
      await updatePersonColumns(trx, personId, { password_hash: passwordHash, password_changed_at: now }, now);
      await insertRoleAssignment(trx, { id: newId(), personId, role: 'administrator', scope: { type: 'deployment' }, createdBy: null }, now);
      await this.deps.audit.record(
        trx,
        { ...caller, actor: { personId, grants: [], twoFactorSatisfied: false } },
        {
          recordType: 'person',
          recordId: personId,
          summary: { role: 'administrator', scope: 'deployment' },
        },
      );
      return personId;
    });
  }

  // ---- One-time links -----------------------------------------------------------------------------

  /**
   * A new set-password link for the person (their earlier open links of that purpose revoked), emailed in
   * their language (a mail job in the caller's transaction): an invitation or a password reset.
   */
  private async emailSetPasswordLink(
    trx: Executor,
    person: { id: string; email: string; full_name: string; language: string },
    purpose: 'invitation' | 'password_reset',
    createdBy: string | null,
    baseUrl: string,
  ) {
    await revokeOpenLinks(trx, person.id, purpose, this.now());
    const token = randomToken();
    const link = await this.insertLink(trx, purpose, person.id, createdBy, token);
    const language = person.language as Language;
    const t = translator(language);
    const email = purpose === 'invitation' ? 'auth:invitationEmail' : 'auth:passwordResetEmail';
    const url = setPasswordLink(baseUrl, token, language);
    // The service's name in the recipient's language, as every email gives it (never an English setting).
    const service = t('common:serviceName');
    await this.deps.mail.enqueue(trx, {
      to: person.email,
      subject: t(`${email}.subject`, { service }),
      body: t(`${email}.body`, {
        service,
        name: person.full_name,
        link: url,
        ...dateAndTime(link.expiresAt, language),
      }),
    });
    return { token, link, url };
  }

  private async insertLink(trx: Executor, purpose: LinkPurpose, personId: string | null, createdBy: string | null, token: string) {
    const now = this.deps.clock.now();
    const row = {
      id: newId(),
      token_hash: sha256(token),
      purpose,
      person_id: personId,
      expires_at: new Date(now.getTime() + LINK_LIFETIME_MS[purpose]).toISOString(),
      used_at: null,
      revoked_at: null,
      created_at: now.toISOString(),
      created_by: createdBy,
    };
    await insertOneTimeLink(trx, row);
    return { id: row.id, expiresAt: row.expires_at };
  }

  private async usableLink(db: Executor, token: string, purpose: LinkPurpose | LinkPurpose[]) {
    const link = await findOneTimeLinkByHash(db, sha256(token));
    const purposes = Array.isArray(purpose) ? purpose : [purpose];
    if (!link || !purposes.includes(link.purpose as LinkPurpose) || link.used_at || link.revoked_at || link.expires_at <= this.now()) {
      throw new ServiceError('not_found', 'link not usable');
    }
    return link;
  }

  /** What a link is for, if it can still be used; undefined otherwise (expired, used, revoked, unknown). */
  async inspectLink(token: string, purpose: LinkPurpose | LinkPurpose[]): Promise<OneTimeLinkInfo | undefined> {
    try {
      const link = await this.usableLink(this.deps.db.kysely, token, purpose);
      const person = link.person_id ? await findPersonRow(this.deps.db.kysely, link.person_id) : undefined;
      if (link.person_id && (!person || person.deactivated_at)) return undefined;
      // An invitation is only for an account that has never had a password (one made before that rule included).
      if (link.purpose === 'invitation' && person?.password_hash) return undefined;
      return { id: link.id, purpose: link.purpose as LinkPurpose, personId: link.person_id, email: person?.email ?? null, expiresAt: link.expires_at };
    } catch {
      return undefined;
    }
  }

  /**
   * Invites a person (or re-invites): a set-password link, emailed when mail is configured. Earlier
   * open invitations for the person are revoked. Returns the link token so the page can show it when
   * mail is not configured.
   */
  async invite(
    trx: Executor,
    caller: Caller,
    personId: string,
    baseUrl: string,
  ): Promise<{ token: string; link: string; emailed: boolean; expiresAt: string }> {
    const person = await findPersonRow(trx, personId);
    if (!person || person.deactivated_at) throw new ServiceError('not_found', 'person');
    // Someone who has set a password resets it themselves ("Forgotten your password?"): no one else gets a link to their account.
    if (person.password_hash) throw invalid({ person: 'invitation.accountActive' });
    const { token, link, url } = await this.emailSetPasswordLink(trx, person, 'invitation', caller.actor?.personId ?? null, baseUrl);
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
      const r = await trx
        .updateTable('one_time_links')
        .set({ revoked_at: this.now() })
        .where('id', '=', linkId)
        .where('person_id', '=', personId)
        .where('purpose', '=', 'invitation')
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new ServiceError('not_found', 'invitation');
      const boardIds = await personEventBoardIds(trx, personId);
      await this.deps.audit.record(trx, caller, { boardIds, recordType: 'one_time_link', recordId: linkId, summary: { personId } });
    });
  }

  // ---- Forgotten password --------------------------------------------------------------------------

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

      const { link } = await this.emailSetPasswordLink(trx, person, 'password_reset', null, this.deps.publicUrl());
      await insertPasswordResetRequest(trx, { id: newId(), personId: person.id, ip, outcome: 'sent', at });
      await this.deps.audit.record(trx, caller, { action: 'PASSWORD_RESET_REQUESTED', ...record, summary: { sent: true, linkId: link.id } });
    });
    // The email is a job, delivered by the worker once the transaction commits; the page never waits for
    // it, so the time it takes does not tell whether an email was sent.
  }

  /** Sets a password through an invitation or reset link; returns the person's id. */
  async setPasswordWithLink(caller: Caller, token: string, password: string): Promise<string> {
    const info = await this.inspectLink(token, ['invitation', 'password_reset']);
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

  // ---- Sign-in ------------------------------------------------------------------------------------

  /**
   * The buckets a password attempt is counted in (src/domain/sign-in-throttle.ts): a browser that has
   * completed a sign-in for this very account counts in its own, so an attacker's failures never slow
   * the owner there; any other attempt counts against the client address and the typed address,
   * whether or not it is anyone's account.
   */
  private passwordBuckets(email: string, ip: string, trustedDevice: KnownDevice | undefined): Bucket[] {
    if (trustedDevice) return [{ key: buckets.device(trustedDevice.id), policy: ACCOUNT_THROTTLE, onSuccess: 'reset' }];
    return [
      { key: buckets.address(ip), policy: ADDRESS_THROTTLE, onSuccess: 'release' },
      { key: buckets.account(email), policy: ACCOUNT_THROTTLE, onSuccess: 'reset' },
    ];
  }

  /**
   * Emails the person (in their language, at most once per throttle window) that someone keeps failing
   * to sign in as them; a mail job in the caller's transaction.
   */
  private async warnOfFailures(trx: Executor, caller: Caller, person: PersonRow, step: 'password' | 'code'): Promise<boolean> {
    if (!this.deps.mail.isEnabled || person.deactivated_at !== null) return false;
    if (!(await this.throttle.claimWarning(trx, person.id, ACCOUNT_THROTTLE.windowMs))) return false;
    const t = translator(person.language as Language);
    const service = t('common:serviceName');
    await this.deps.mail.enqueue(trx, {
      to: person.email,
      subject: t('auth:signInWarningEmail.subject', { service }),
      body: t(step === 'password' ? 'auth:signInWarningEmail.bodyPassword' : 'auth:signInWarningEmail.bodyCode', { service, name: person.full_name }),
    });
    await this.deps.audit.record(trx, caller, {
      action: 'SIGN_IN_WARNING_EMAILED',
      boardIds: await personRoleBoardIds(trx, person.id),
      recordType: 'person',
      recordId: person.id,
      summary: { step },
    });
    return true;
  }

  /**
   * The password step. Known and unknown addresses go through the same steps and answers: too soon
   * after repeated failures, 'throttled' without the password being checked; otherwise the password
   * is checked (against a fixed hash when there is no account) and the attempt counted.
   */
  async signIn(caller: Caller, email: string, password: string, device?: KnownDevice): Promise<SignInResult> {
    const db = this.deps.db;
    const normalised = email.trim().toLowerCase();
    const ip = caller.ip ?? 'unknown';
    const person = await findPersonRowByEmail(db.kysely, normalised);
    const trustedDevice = device && person && device.personId === person.id ? device : undefined;
    const list = this.passwordBuckets(normalised, ip, trustedDevice);
    const claim = await this.throttle.claim(list);
    if (!claim.ok) {
      await inTransaction(db, async (trx) => {
        await recordSignInAttempt(trx, { id: newId(), email: normalised, ip, succeeded: false, at: this.now() });
        await this.deps.audit.record(trx, caller, {
          action: 'SIGN_IN_REFUSED',
          recordType: person ? 'person' : null,
          recordId: person?.id ?? null,
          summary: { reason: 'throttled', knownDevice: trustedDevice !== undefined },
        });
      });
      return { outcome: 'throttled', retryAfterSeconds: waitSeconds(claim.waitMs) };
    }
    const passwordOk = await verifyPassword(person?.password_hash ?? null, password);
    const ok = passwordOk && person !== undefined && person.deactivated_at === null;
    if (ok) await this.throttle.succeeded(list);
    const failures = claim.failures.get(list.at(-1)?.key ?? '') ?? 0;
    const result = await inTransaction(db, async (trx) => {
      const at = this.now();
      await recordSignInAttempt(trx, { id: newId(), email: normalised, ip, succeeded: ok, at });
      if (!ok || !person) {
        await this.deps.audit.record(trx, caller, {
          action: 'SIGN_IN_FAILED',
          recordType: person ? 'person' : null,
          recordId: person?.id ?? null,
          summary: {},
        });
        if (person && failures >= WARN_AFTER_FAILURES) await this.warnOfFailures(trx, caller, person, 'password');
        return { outcome: 'failed' as const };
      }
      const grants = await currentGrants(trx, person.id);
      const language = person.language as Language;
      const actorCaller = { ...caller, actor: { personId: person.id, grants, twoFactorSatisfied: false } };
      if (person.totp_enabled_at) {
        await this.deps.audit.record(trx, actorCaller, { action: 'SIGN_IN_PASSWORD_ACCEPTED', recordType: 'person', recordId: person.id, summary: {} });
        return { outcome: 'two_factor_required' as const, personId: person.id, language };
      }
      if (requiresTwoFactor(grants)) {
        await this.deps.audit.record(trx, actorCaller, {
          action: 'SIGN_IN_PASSWORD_ACCEPTED',
          recordType: 'person',
          recordId: person.id,
          summary: { enrolmentRequired: true },
        });
        return { outcome: 'two_factor_enrolment_required' as const, personId: person.id, language };
      }
      await this.deps.audit.record(trx, actorCaller, { action: 'SIGNED_IN', recordType: 'person', recordId: person.id, summary: {} });
      return { outcome: 'signed_in' as const, personId: person.id, language };
    });
    // A warning is a job, delivered once the transaction commits: the page's timing does not wait for it.
    return result;
  }

  /**
   * Second step of sign-in: a TOTP code or a recovery code, throttled like the password (per person,
   * or per browser that has completed a sign-in for them), never locking the owner out.
   */
  async verifySecondFactor(caller: Caller, personId: string, code: string, device?: KnownDevice): Promise<SecondFactorResult> {
    const cleaned = code.replace(/[\s-]/g, '');
    const person = await findPersonRow(this.deps.db.kysely, personId);
    if (!person?.totp_secret || !person.totp_enabled_at || person.deactivated_at) return { outcome: 'failed' };
    const trustedDevice = device?.personId === personId ? device : undefined;
    const list: Bucket[] = [
      trustedDevice
        ? { key: buckets.secondFactorDevice(trustedDevice.id), policy: ACCOUNT_THROTTLE, onSuccess: 'reset' }
        : { key: buckets.secondFactor(personId), policy: ACCOUNT_THROTTLE, onSuccess: 'reset' },
    ];
    const claim = await this.throttle.claim(list);
    if (!claim.ok) {
      await inTransaction(this.deps.db, async (trx) => {
        await recordSignInAttempt(trx, { id: newId(), email: `totp:${personId}`, ip: caller.ip ?? 'unknown', succeeded: false, at: this.now() });
        await this.deps.audit.record(
          trx,
          { ...caller, actor: { personId, grants: await currentGrants(trx, personId), twoFactorSatisfied: false } },
          {
            action: 'TWO_FACTOR_REFUSED',
            recordType: 'person',
            recordId: personId,
            summary: { reason: 'throttled', knownDevice: trustedDevice !== undefined },
          },
        );
      });
      return { outcome: 'throttled', retryAfterSeconds: waitSeconds(claim.waitMs) };
    }
    let step: number | undefined;
    let recoveryId: string | undefined;
    if (/^\d{6}$/.test(cleaned)) {
      const result = await verifyTotp({
        secret: openTotpSecret(this.deps.cipher, person) ?? '',
        token: cleaned,
        epoch: Math.floor(this.deps.clock.now().getTime() / 1000),
        epochTolerance: 30,
        ...(person.totp_last_step !== null ? { afterTimeStep: person.totp_last_step } : {}),
      });
      if (result.valid) step = timeStepOf(result, this.deps.clock);
    } else {
      const hashed = sha256(cleaned.toLowerCase());
      recoveryId = (await unusedRecoveryCodes(this.deps.db.kysely, personId)).find((c) => c.hash === hashed)?.id;
    }
    const ok = step !== undefined || recoveryId !== undefined;
    if (ok) await this.throttle.succeeded(list);
    const failures = claim.failures.get(list[0]?.key ?? '') ?? 0;
    await inTransaction(this.deps.db, async (trx) => {
      const at = this.now();
      await recordSignInAttempt(trx, { id: newId(), email: `totp:${personId}`, ip: caller.ip ?? 'unknown', succeeded: ok, at });
      if (step !== undefined) await updatePersonColumns(trx, personId, { totp_last_step: step }, at);
      if (recoveryId) await markRecoveryCodeUsed(trx, recoveryId, at);
      const grants = await currentGrants(trx, personId);
      await this.deps.audit.record(
        trx,
        { ...caller, actor: { personId, grants, twoFactorSatisfied: ok } },
        {
          action: ok ? 'SIGNED_IN' : 'TWO_FACTOR_FAILED',
          recordType: 'person',
          recordId: personId,
          summary: { method: recoveryId ? 'recovery_code' : 'totp' },
        },
      );
      if (!ok && failures >= WARN_AFTER_FAILURES) await this.warnOfFailures(trx, caller, person, 'code');
    });
    return { outcome: ok ? 'ok' : 'failed' };
  }

  // ---- Two-factor enrolment ------------------------------------------------------------------------

  /**
   * A new secret (or the pending one, so a reloaded page still matches the app already scanned) with
   * its otpauth URI and a QR code as SVG markup made by the qrcode library.
   */
  async startTwoFactorEnrolment(personId: string, pendingSecret?: string): Promise<{ secret: string; uri: string; qrSvg: string }> {
    const person = await findPersonRow(this.deps.db.kysely, personId);
    if (!person || person.deactivated_at) throw new ServiceError('not_found', 'person');
    if (person.totp_enabled_at) throw new ServiceError('conflict', 'two-factor already enrolled');
    const secret = pendingSecret && /^[A-Z2-7]{16,}$/.test(pendingSecret) ? pendingSecret : generateSecret();
    const uri = generateURI({ issuer: this.deps.serviceName, label: person.email, secret });
    const { default: QRCode } = await import('qrcode');
    const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, width: 200, errorCorrectionLevel: 'M' });
    return { secret, uri, qrSvg };
  }

  /** Confirms enrolment with a code from the app; returns ten recovery codes to show once. */
  async confirmTwoFactorEnrolment(caller: Caller, personId: string, secret: string, code: string): Promise<string[]> {
    const result = await verifyTotp({
      secret,
      token: code.replace(/\s/g, ''),
      epoch: Math.floor(this.deps.clock.now().getTime() / 1000),
      epochTolerance: 30,
    });
    if (!result.valid) throw invalid({ code: 'totp.wrong' });
    const codes = Array.from({ length: 10 }, () =>
      randomToken(6)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, 'x')
        .slice(0, 8),
    );
    await inTransaction(this.deps.db, async (trx) => {
      const person = await findPersonRow(trx, personId);
      if (!person || person.deactivated_at) throw new ServiceError('not_found', 'person');
      // Enrolling again would replace the secret without the old second factor: never allowed here.
      if (person.totp_enabled_at) throw new ServiceError('conflict', 'two-factor already enrolled');
      const at = this.now();
      await updatePersonColumns(
        trx,
        personId,
        { totp_secret: sealTotpSecret(this.deps.cipher, personId, secret), totp_enabled_at: at, totp_last_step: timeStepOf(result, this.deps.clock) },
        at,
      );
      await insertRecoveryCodes(
        trx,
        personId,
        codes.map((c) => ({ id: newId(), hash: sha256(c) })),
        at,
      );
      await this.deps.audit.record(trx, caller, { recordType: 'person', recordId: personId, summary: { recoveryCodes: codes.length } });
    });
    return codes;
  }

  async remainingRecoveryCodes(personId: string): Promise<number> {
    return (await unusedRecoveryCodes(this.deps.db.kysely, personId)).length;
  }

  // ---- Passwords ----------------------------------------------------------------------------------

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

  async setLanguage(caller: Caller, personId: string, language: Language): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      const person = await findPersonRow(trx, personId);
      if (!person || person.deactivated_at) throw new ServiceError('not_found', 'person');
      await updatePersonColumns(trx, personId, { language }, this.now());
      await this.deps.audit.record(trx, caller, { recordType: 'person', recordId: personId, summary: { from: person.language, to: language } });
    });
  }

  // ---- Own account ----------------------------------------------------------------------------------

  /** What a signed-in person may see about their own account (never secrets or hashes). */
  async accountDetails(personId: string): Promise<{
    fullName: string;
    email: string;
    language: Language;
    passwordChangedAt: string | null;
    twoFactorEnabledAt: string | null;
    unusedRecoveryCodes: number;
  }> {
    const db = this.deps.db.kysely;
    const person = await findPersonRow(db, personId);
    if (!person || person.deactivated_at) throw new ServiceError('not_found', 'person');
    return {
      fullName: person.full_name,
      email: person.email,
      language: person.language as Language,
      passwordChangedAt: person.password_changed_at,
      twoFactorEnabledAt: person.totp_enabled_at,
      unusedRecoveryCodes: person.totp_enabled_at ? (await unusedRecoveryCodes(db, personId)).length : 0,
    };
  }
}

function timeStepOf(result: object, clock: Clock): number {
  return 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : Math.floor(clock.now().getTime() / 30_000);
}
