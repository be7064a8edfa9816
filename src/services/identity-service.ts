// Who someone is: the actor for a signed-in person, the first administrator, one's own account. Sign-in,
// two-factor, passwords and one-time links are done by the parts beside it (identity-*.ts), reached through it.
import type { Db } from '../db/database.ts';
import type { FieldCipher } from '../db/field-cipher.ts';
import { consumeOneTimeLink, revokeAllOpenLinks } from '../db/repositories/auth-repository.ts';
import {
  countActiveRoleHolders,
  currentGrants,
  findPersonRow,
  findPersonRowByEmail,
  insertPerson,
  insertRoleAssignment,
  unusedRecoveryCodes,
  updatePersonColumns,
} from '../db/repositories/people-repository.ts';
import type { PersonRow } from '../db/schema/organisation.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import type { Language } from '../domain/organisation.ts';
import type { Actor } from '../domain/permissions.ts';
import { requiresTwoFactor } from '../domain/roles.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkNames, invalid, newId, ServiceError } from './context.ts';
import { type LinkPurpose, type OneTimeLinkInfo, OneTimeLinks } from './identity-links.ts';
import { Passwords } from './identity-passwords.ts';
import { type KnownDevice, type SecondFactorResult, type SignInResult, SignInSteps } from './identity-sign-in.ts';
import { TwoFactor } from './identity-two-factor.ts';
import type { MailService } from './mail-service.ts';
import { hashPassword, passwordProblem, randomToken } from './secrets.ts';

export class IdentityService {
  private readonly links: OneTimeLinks;
  private readonly passwords: Passwords;
  private readonly twoFactor: TwoFactor;
  private readonly signInSteps: SignInSteps;

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
    this.links = new OneTimeLinks(deps);
    this.passwords = new Passwords({ ...deps, links: this.links });
    this.twoFactor = new TwoFactor(deps);
    this.signInSteps = new SignInSteps({ ...deps, twoFactor: this.twoFactor });
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
      await revokeAllOpenLinks(trx, 'first_admin', now);
      const token = randomToken();
      const link = await this.links.insertLink(trx, 'first_admin', null, null, token);
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
      const link = await this.links.usableLink(trx, token, 'first_admin');
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

  // ---- Sign-in (identity-sign-in.ts) --------------------------------------------------------------

  signIn(caller: Caller, email: string, password: string, device?: KnownDevice): Promise<SignInResult> {
    return this.signInSteps.signIn(caller, email, password, device);
  }

  verifySecondFactor(caller: Caller, personId: string, code: string, device?: KnownDevice): Promise<SecondFactorResult> {
    return this.signInSteps.verifySecondFactor(caller, personId, code, device);
  }

  // ---- Two-factor enrolment (identity-two-factor.ts) ----------------------------------------------

  startTwoFactorEnrolment(personId: string, pendingSecret?: string): Promise<{ secret: string; uri: string; qrSvg: string }> {
    return this.twoFactor.startTwoFactorEnrolment(personId, pendingSecret);
  }

  confirmTwoFactorEnrolment(caller: Caller, personId: string, secret: string, code: string): Promise<string[]> {
    return this.twoFactor.confirmTwoFactorEnrolment(caller, personId, secret, code);
  }

  remainingRecoveryCodes(personId: string): Promise<number> {
    return this.twoFactor.remainingRecoveryCodes(personId);
  }

  // ---- Links and passwords (identity-links.ts, identity-passwords.ts) -----------------------------

  inspectLink(token: string, purpose: LinkPurpose | LinkPurpose[]): Promise<OneTimeLinkInfo | undefined> {
    return this.links.inspectLink(token, purpose);
  }

  invite(trx: Executor, caller: Caller, personId: string): Promise<{ token: string; link: string; emailed: boolean; expiresAt: string }> {
    return this.passwords.invite(trx, caller, personId);
  }

  openInvitations(): Promise<OneTimeLinkInfo[]> {
    return this.passwords.openInvitations();
  }

  revokeInvitation(caller: Caller, linkId: string, personId: string): Promise<void> {
    return this.passwords.revokeInvitation(caller, linkId, personId);
  }

  requestPasswordReset(caller: Caller, email: string): Promise<void> {
    return this.passwords.requestPasswordReset(caller, email);
  }

  setPasswordWithLink(caller: Caller, token: string, password: string): Promise<string> {
    return this.passwords.setPasswordWithLink(caller, token, password);
  }

  changePassword(caller: Caller, personId: string, current: string, next: string, keepSessionId: string | undefined): Promise<void> {
    return this.passwords.changePassword(caller, personId, current, next, keepSessionId);
  }

  // ---- Own account --------------------------------------------------------------------------------

  async setLanguage(caller: Caller, personId: string, language: Language): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      const person = await findPersonRow(trx, personId);
      if (!person || person.deactivated_at) throw new ServiceError('not_found', 'person');
      await updatePersonColumns(trx, personId, { language }, this.now());
      await this.deps.audit.record(trx, caller, { recordType: 'person', recordId: personId, summary: { from: person.language, to: language } });
    });
  }

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
