// Two-factor authentication: enrolling an authenticator app (its secret sealed, ten recovery codes shown once),
// and checking a code from the app or a recovery code.
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Db } from '../db/database.ts';
import type { FieldCipher } from '../db/field-cipher.ts';
import {
  findPersonRow,
  insertRecoveryCodes,
  openTotpSecret,
  sealTotpSecret,
  unusedRecoveryCodes,
  updatePersonColumns,
} from '../db/repositories/people-repository.ts';
import type { PersonRow } from '../db/schema/organisation.ts';
import { inTransaction } from '../db/transaction.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, invalid, newId, ServiceError } from './context.ts';
import { randomToken, sha256 } from './secrets.ts';

export class TwoFactor {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      audit: AuditService;
      cipher: FieldCipher;
      /** The authenticator app's label for the account. */
      serviceName: string;
    },
  ) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  // ---- Enrolment ----------------------------------------------------------------------------------

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

  // ---- Codes --------------------------------------------------------------------------------------

  /**
   * What a code given at sign-in matches (already stripped of spaces and hyphens): six digits are a code
   * from the app, good if it is valid now and newer than the last one accepted (its time step); anything
   * else is looked for among the person's unused recovery codes (its id). Neither: the code is wrong.
   */
  async matchCode(person: PersonRow, cleaned: string): Promise<{ step?: number; recoveryId?: string }> {
    if (/^\d{6}$/.test(cleaned)) {
      const result = await verifyTotp({
        secret: openTotpSecret(this.deps.cipher, person) ?? '',
        token: cleaned,
        epoch: Math.floor(this.deps.clock.now().getTime() / 1000),
        epochTolerance: 30,
        ...(person.totp_last_step !== null ? { afterTimeStep: person.totp_last_step } : {}),
      });
      return result.valid ? { step: timeStepOf(result, this.deps.clock) } : {};
    }
    const hashed = sha256(cleaned.toLowerCase());
    return { recoveryId: (await unusedRecoveryCodes(this.deps.db.kysely, person.id)).find((c) => c.hash === hashed)?.id };
  }
}

function timeStepOf(result: object, clock: Clock): number {
  return 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : Math.floor(clock.now().getTime() / 30_000);
}
