// Deployment administrators made from the command line: the person, the deployment-wide administrator
// role and a one-time set-password link, in one audited transaction. Refuses an email already in use.
import type { Db } from '../db/database.ts';
import { findPersonRowByEmail, insertPerson, insertRoleAssignment } from '../db/repositories/people-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Language } from '../domain/organisation.ts';
import { EMAIL_ADDRESS } from '../domain/text.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkNames, invalid, newId } from './context.ts';
import type { IdentityService } from './identity-service.ts';

export interface NewAdministrator {
  email: string;
  fullName: string;
  language: Language;
}

export class AdminBootstrapService {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService; identity: IdentityService }) {}

  /**
   * Creates a deployment administrator without a password and returns a one-time link (on PUBLIC_URL)
   * with which they set one. They enrol in two-factor authentication at their first sign-in.
   */
  async createAdministrator(caller: Caller, input: NewAdministrator): Promise<{ personId: string; link: string; expiresAt: string; emailed: boolean }> {
    const email = input.email.trim().toLowerCase();
    const fullName = input.fullName.trim();
    if (!EMAIL_ADDRESS.test(email) || email.length > 320) throw invalid({ email: 'email.invalid' });
    if (!fullName) throw invalid({ fullName: 'fullName.required' });
    if (fullName.length > 200) throw invalid({ fullName: 'fullName.tooLong' });
    checkNames({ fullName });
    return inTransaction(this.deps.db, async (trx) => {
      if (await findPersonRowByEmail(trx, email)) throw invalid({ email: 'email.taken' });
      const personId = newId();
      const at = this.deps.clock.now().toISOString();
      await insertPerson(trx, { id: personId, email, fullName, jobTitle: null, agencyId: null, language: input.language }, at);
      const roleId = newId();
      await insertRoleAssignment(trx, { id: roleId, personId, role: 'administrator', scope: { type: 'deployment' }, createdBy: null }, at);
      await this.deps.audit.record(trx, caller, {
        recordType: 'person',
        recordId: personId,
        summary: { role: 'administrator', scope: 'deployment', roleAssignmentId: roleId, language: input.language },
      });
      const invitation = await this.deps.identity.invite(trx, caller, personId);
      return { personId, link: invitation.link, expiresAt: invitation.expiresAt, emailed: invitation.emailed };
    });
  }
}
