// Independence declarations (R3; issue 10 item 2), for the panel service: the candidate's single-use link
// (only its hash stored; 14 days; a new one replaces the old; emailed in their language), what the link
// shows — the review's reference, area (the board), dates, the child's pseudonym and the involved agencies,
// never the child's identity, which is not read here — and the declaration it records (and uses the link up).
import type { Db } from '../db/database.ts';
import { findAgencies } from '../db/repositories/organisation-repository.ts';
import {
  findNominationByTokenHash,
  insertDeclaration,
  involvedAgencyIds,
  type NominationRow,
  reviewBrief,
  setDeclarationLink,
} from '../db/repositories/panel-repository.ts';
import { findRegisterEntry } from '../db/repositories/register-repository.ts';
import type { ReviewRow } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { DECLARATION_TEXT } from '../domain/limits.ts';
import type { Language } from '../domain/organisation.ts';
import { childPseudonym, type Pseudonym } from '../domain/pseudonyms.ts';
import { type Declaration, declaresIndependence, type IndependentRole, isIndependentRole } from '../domain/reviews/independence.ts';
import { translator } from '../i18n.ts';
import { absoluteUrl, urls } from '../urls.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkText, invalid, newId, notFound } from './context.ts';
import type { MailService } from './mail-service.ts';
import { randomToken, sha256 } from './secrets.ts';

const LINK_LIFETIME_MS = 14 * 24 * 3_600_000;

export interface DeclarationBrief {
  nominationId: string;
  role: IndependentRole;
  reference: string;
  area: { en: string; cy: string; region: string | null };
  pseudonym: Pseudonym;
  incidentOn: string;
  decidedOn: string;
  frameworkId: string;
  agencies: { en: string; cy: string }[];
  candidateName: string;
  expiresAt: string;
}

export interface DeclarationInput {
  independentOfAgencies?: boolean | undefined;
  independentOfCase?: boolean | undefined;
  independentOfChild?: boolean | undefined;
  conflicts: string;
}

export class PanelDeclarations {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService; mail: MailService; publicUrl: () => string }) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** A new link for the nomination (the caller has checked who may ask), emailed to the candidate; audited. */
  async issueLink(trx: Executor, caller: Caller, review: ReviewRow, n: NominationRow): Promise<{ url: string; expiresAt: string }> {
    const entry = await findRegisterEntry(trx, n.entryId);
    if (!entry) throw notFound('register entry');
    const token = randomToken();
    const expiresAt = new Date(this.deps.clock.now().getTime() + LINK_LIFETIME_MS).toISOString();
    await setDeclarationLink(trx, n.id, sha256(token), expiresAt);
    const language: Language = entry.languages.includes('cy') && !entry.languages.includes('en') ? 'cy' : 'en';
    const url = absoluteUrl(this.deps.publicUrl(), urls.declaration(token, { lang: language }));
    const t = translator(language);
    const service = t('common:serviceName');
    await this.deps.mail.enqueue(trx, {
      language,
      to: entry.email,
      subject: t('panel:declarationEmail.subject', { service }),
      body: t('panel:declarationEmail.body', { service, name: entry.fullName, link: url, reference: review.reference }),
    });
    await this.deps.audit.record(trx, caller, {
      action: 'PANEL_DECLARATION_REQUESTED',
      boardId: review.boardId,
      recordType: 'review',
      recordId: review.id,
      summary: { nominationId: n.id, entryId: n.entryId },
    });
    return { url, expiresAt };
  }

  /** The nomination a usable declaration link is for; not found when unknown, used, expired or no longer open. */
  private async linked(db: Executor, token: string): Promise<NominationRow & { role: IndependentRole }> {
    const n = token ? await findNominationByTokenHash(db, sha256(token)) : undefined;
    if (n?.status !== 'nominated' || !n.declarationExpiresAt || n.declarationExpiresAt <= this.now() || !isIndependentRole(n.role))
      throw notFound('declaration link');
    return { ...n, role: n.role };
  }

  /**
   * What the candidate is shown to declare (the link is the credential): the review's reference, area,
   * dates, the child's pseudonym and the involved agencies. The read is audited (as the route declares).
   */
  async brief(caller: Caller, token: string): Promise<DeclarationBrief> {
    return inTransaction(this.deps.db, async (trx) => {
      const n = await this.linked(trx, token);
      const [brief, entry, agencyIds] = await Promise.all([
        reviewBrief(trx, n.reviewId),
        findRegisterEntry(trx, n.entryId),
        involvedAgencyIds(trx, n.reviewId),
      ]);
      if (!brief || !entry) throw notFound('declaration link');
      const agencies = await findAgencies(trx, agencyIds);
      await this.deps.audit.recordRead(trx, caller, { boardId: brief.boardId, recordType: 'review', recordId: n.reviewId, summary: { nominationId: n.id } });
      return {
        nominationId: n.id,
        role: n.role,
        reference: brief.reference,
        area: { en: brief.boardEn, cy: brief.boardCy, region: brief.region },
        pseudonym: childPseudonym(brief.childNumber),
        incidentOn: brief.incidentOn,
        decidedOn: brief.decidedOn,
        frameworkId: brief.frameworkId,
        agencies: agencies.map((a) => ({ en: a.nameEn, cy: a.nameCy })),
        candidateName: entry.fullName,
        expiresAt: n.declarationExpiresAt ?? '',
      };
    });
  }

  /**
   * The candidate's declaration through their link (which it uses up): independent of the involved
   * agencies, of the case and of the child, and their conflicts. Each answer is required; a declaration
   * that is not independent is recorded as made (and refuses the appointment).
   */
  async declare(caller: Caller, token: string, input: DeclarationInput): Promise<{ independent: boolean }> {
    const errors: Record<string, string> = {};
    if (input.independentOfAgencies === undefined) errors.independentOfAgencies = 'panel.answerRequired';
    if (input.independentOfCase === undefined) errors.independentOfCase = 'panel.answerRequired';
    if (input.independentOfChild === undefined) errors.independentOfChild = 'panel.answerRequired';
    if (Object.keys(errors).length > 0) throw invalid(errors);
    checkText(DECLARATION_TEXT, { conflicts: input.conflicts });
    return inTransaction(this.deps.db, async (trx) => {
      const n = await this.linked(trx, token);
      const declaration: Declaration = {
        independentOfAgencies: input.independentOfAgencies === true,
        independentOfCase: input.independentOfCase === true,
        independentOfChild: input.independentOfChild === true,
        conflicts: input.conflicts.trim(),
      };
      const id = newId();
      await insertDeclaration(trx, { id, nominationId: n.id, reviewId: n.reviewId, entryId: n.entryId, ...declaration, declaredAt: this.now() });
      await setDeclarationLink(trx, n.id, null, null);
      const independent = declaresIndependence(declaration);
      await this.deps.audit.record(trx, caller, {
        action: 'PANEL_DECLARED',
        boardId: n.boardId,
        recordType: 'review',
        recordId: n.reviewId,
        summary: { nominationId: n.id, declarationId: id, independent, conflictsListed: declaration.conflicts !== '' },
      });
      return { independent };
    });
  }
}
