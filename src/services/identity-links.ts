// One-time links (first administrator, invitation, password reset): made, checked, inspected, and emailed as
// set-password links in the person's language.
import type { Db } from '../db/database.ts';
import { findOneTimeLinkByHash, insertOneTimeLink, revokeOpenLinks } from '../db/repositories/auth-repository.ts';
import { findPersonRow } from '../db/repositories/people-repository.ts';
import type { Executor } from '../db/transaction.ts';
import { dateAndTime } from '../domain/clock/london.ts';
import type { Language } from '../domain/organisation.ts';
import { translator } from '../i18n.ts';
import { absoluteUrl, urls } from '../urls.ts';
import { type Clock, newId, ServiceError } from './context.ts';
import type { MailService } from './mail-service.ts';
import { randomToken, sha256 } from './secrets.ts';

export const LINK_PURPOSES = ['first_admin', 'invitation', 'password_reset'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  first_admin: 24 * 3_600_000,
  invitation: 7 * 24 * 3_600_000,
  password_reset: 2 * 3_600_000,
};

export interface OneTimeLinkInfo {
  id: string;
  purpose: LinkPurpose;
  personId: string | null;
  email: string | null;
  expiresAt: string;
}

export class OneTimeLinks {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      mail: MailService;
      /** The service's own address (PUBLIC_URL): the base of every emailed link, never a request's Host. */
      publicUrl: () => string;
    },
  ) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /**
   * A new set-password link for the person (their earlier open links of that purpose revoked), emailed in
   * their language (a mail job in the caller's transaction): an invitation or a password reset.
   */
  async emailSetPasswordLink(
    trx: Executor,
    person: { id: string; email: string; full_name: string; language: string },
    purpose: 'invitation' | 'password_reset',
    createdBy: string | null,
  ) {
    await revokeOpenLinks(trx, person.id, purpose, this.now());
    const token = randomToken();
    const link = await this.insertLink(trx, purpose, person.id, createdBy, token);
    const language = person.language as Language;
    const t = translator(language);
    const email = purpose === 'invitation' ? 'auth:invitationEmail' : 'auth:passwordResetEmail';
    // Opens in the person's language: the page reads `lang` and keeps it for the pages after
    // (src/http/plugins/i18n.ts), so a Welsh speaker is never met in English.
    const url = absoluteUrl(this.deps.publicUrl(), urls.setPassword(token, { lang: language }));
    // The service's name in the recipient's language, as every email gives it (never an English setting).
    const service = t('common:serviceName');
    await this.deps.mail.enqueue(trx, {
      language,
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

  async insertLink(trx: Executor, purpose: LinkPurpose, personId: string | null, createdBy: string | null, token: string) {
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

  async usableLink(db: Executor, token: string, purpose: LinkPurpose | LinkPurpose[]) {
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
}
