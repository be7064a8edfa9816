// Sign-in: the password step and the second step (a code from the app or a recovery code), each attempt
// throttled in its buckets (a browser that completed a sign-in for the account, by its device cookie, has its
// own), and a warning email when someone keeps failing as a person.
import type { Db } from '../db/database.ts';
import { recordSignInAttempt } from '../db/repositories/auth-repository.ts';
import {
  currentGrants,
  findPersonRow,
  findPersonRowByEmail,
  markRecoveryCodeUsed,
  personRoleBoardIds,
  updatePersonColumns,
} from '../db/repositories/people-repository.ts';
import type { PersonRow } from '../db/schema/organisation.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import type { Language } from '../domain/organisation.ts';
import { requiresTwoFactor } from '../domain/roles.ts';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, WARN_AFTER_FAILURES, waitSeconds } from '../domain/sign-in-throttle.ts';
import { translator } from '../i18n.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, newId } from './context.ts';
import type { TwoFactor } from './identity-two-factor.ts';
import type { MailService } from './mail-service.ts';
import { verifyPassword } from './secrets.ts';
import { type Bucket, buckets, SignInThrottle } from './sign-in-throttle.ts';

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

export class SignInSteps {
  private readonly throttle: SignInThrottle;

  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService; mail: MailService; twoFactor: TwoFactor }) {
    this.throttle = new SignInThrottle({ db: deps.db, clock: deps.clock });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

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
    const language = person.language as Language;
    const t = translator(language);
    const service = t('common:serviceName');
    await this.deps.mail.enqueue(trx, {
      language,
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
    const { step, recoveryId } = await this.deps.twoFactor.matchCode(person, cleaned);
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
}
