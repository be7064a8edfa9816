import {
  findContact,
  insertRequest,
  remindersOf,
  requestSections,
  requestsForPerson,
  reviewRequests,
  setRequestDetails,
} from '../db/repositories/contributions-repository.ts';
import { findAgency, findBoard } from '../db/repositories/organisation-repository.ts';
import { findReview, type ReviewRow } from '../db/repositories/reviews-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { isIsoDate } from '../domain/clock/dates.ts';
import { formatDate } from '../domain/clock/london.ts';
import { CONTRIBUTION_TEXT, PERSON_TEXT } from '../domain/limits.ts';
import type { Language } from '../domain/organisation.ts';
import { can } from '../domain/permissions.ts';
import { type ContributionSection, contributionKindFor, reviewIsPaused, sectionsOf } from '../domain/reviews/contributions.ts';
import { translator } from '../i18n.ts';
import { absoluteUrl, urls } from '../urls.ts';
import { type Caller, checkNames, checkText, forbidden, invalid, newId, notFound } from './context.ts';
import { ContributionDrafting, type ContributionItem, contributionOwner, type RequestInput } from './contribution-drafting.ts';
import { mayOnReview, reviewInScope } from './review-access.ts';

export type {
  ContributionAbilities,
  ContributionDeps,
  ContributionItem,
  DeclarationInput,
  DraftInput,
  NamedPerson,
  RequestInput,
} from './contribution-drafting.ts';
export { contributionOwner } from './contribution-drafting.ts';

export class ContributionService extends ContributionDrafting {
  // ---- The business unit: requests and waivers ------------------------------------------------------

  /** What the request form offers: the board's agencies with their contacts, and those already asked (no read of case material beyond the review's reference). */
  async requestForm(caller: Caller, boardId: string, reviewId: string) {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await reviewInScope(trx, caller, { boardId, reviewId }, 'contribution.manage');
      const board = await findBoard(trx, boardId);
      if (!board) throw notFound('board');
      const asked = new Set((await reviewRequests(trx, reviewId)).map((r) => r.agencyId));
      const involved = new Set(
        (await trx.selectFrom('referral_agencies').select('agency_id').where('referral_id', '=', review.referralId).execute()).map((r) => r.agency_id),
      );
      const agencies = await trx
        .selectFrom('agencies')
        .innerJoin('board_agencies', 'board_agencies.agency_id', 'agencies.id')
        .select(['agencies.id', 'agencies.name_en', 'agencies.name_cy'])
        .where('board_agencies.board_id', '=', boardId)
        .where('board_agencies.left_on', 'is', null)
        .where('agencies.is_active', '=', 1)
        .orderBy('agencies.name_en')
        .execute();
      const contacts = await trx
        .selectFrom('agency_contacts')
        .select(['id', 'agency_id', 'full_name', 'language'])
        .where('agency_id', 'in', agencies.length ? agencies.map((a) => a.id) : [''])
        .where('removed_at', 'is', null)
        .orderBy('full_name')
        .execute();
      await this.deps.audit.recordRead(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { agencies: agencies.length } });
      return {
        review,
        kind: contributionKindFor(review.frameworkId),
        defaultDueOn: this.deps.clock.today(),
        agencies: agencies
          .filter((a) => !asked.has(a.id))
          .map((a) => ({
            id: a.id,
            name: { en: a.name_en, cy: a.name_cy },
            involved: involved.has(a.id),
            contacts: contacts.filter((c) => c.agency_id === a.id).map((c) => ({ id: c.id, fullName: c.full_name, language: c.language })),
          }))
          .sort((a, b) => Number(b.involved) - Number(a.involved)),
      };
    });
  }

  /**
   * Asks an agency for its contribution: the request (created `requested`, audited CONTRIBUTION_REQUESTED),
   * the author's and senior manager's review roles for this agency (new people invited), and the email to the
   * agency's contact in the contact's language — all in one transaction. Refused: a review on hold, withdrawn
   * or closed; an agency not on the board; a contact not the agency's; a due date not after today; an agency
   * already asked (422, also when two requests race: the unique key).
   */
  async request(caller: Caller, boardId: string, reviewId: string, input: RequestInput): Promise<{ id: string }> {
    const today = this.deps.clock.today();
    const errors: Record<string, string> = {};
    if (!input.agencyId) errors.agencyId = 'contributions:errors.agencyRequired';
    if (!input.contactId) errors.contactId = 'contributions:errors.contactRequired';
    if (!input.dueOn) errors.dueOn = 'contributions:errors.dueOnRequired';
    else if (!isIsoDate(input.dueOn)) errors.dueOn = 'contributions:errors.dueOnInvalid';
    else if (input.dueOn <= today) errors.dueOn = 'contributions:errors.dueOnPast';
    for (const [prefix, person] of [
      ['author', input.author],
      ['seniorManager', input.seniorManager],
    ] as const) {
      for (const [field, key] of Object.entries({ fullName: 'fullName', email: 'email' })) {
        const value = (person as unknown as Record<string, string | undefined>)?.[key]?.trim() ?? '';
        const rule = PERSON_TEXT[field as 'fullName' | 'email'];
        if (value === '') errors[`${prefix}.${field}`] = `contributions:errors.${prefix}.${field}Required`;
        else if (value.length > rule.max) errors[`${prefix}.${field}`] = rule.tooLong;
        else if (field === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) errors[`${prefix}.${field}`] = 'email.invalid';
      }
    }
    if (input.author?.email && input.seniorManager?.email && input.author.email.trim().toLowerCase() === input.seniorManager.email.trim().toLowerCase())
      errors['seniorManager.email'] = 'contributions:errors.samePerson';
    const review = await inTransaction(this.deps.db, (trx) => reviewInScope(trx, caller, { boardId, reviewId }, 'contribution.manage'));
    if (Object.keys(errors).length > 0) throw invalid(errors);
    checkNames({ 'author.fullName': input.author.fullName, 'seniorManager.fullName': input.seniorManager.fullName });
    return inTransaction(this.deps.db, async (trx) => {
      const current = await reviewInScope(trx, caller, { boardId, reviewId }, 'contribution.manage');
      if (reviewIsPaused(current.stage)) throw invalid({ form: 'contributions:errors.reviewNotRunning' });
      const agency = await findAgency(trx, input.agencyId);
      if (!agency?.boardIds.includes(boardId)) throw invalid({ agencyId: 'contributions:errors.agencyNotOnBoard' });
      const contact = await findContact(trx, input.contactId);
      if (!contact || contact.agencyId !== agency.id) throw invalid({ contactId: 'contributions:errors.contactNotAgency' });
      const id = newId();
      const at = this.deps.clock.now().toISOString();
      const kind = contributionKindFor(review.frameworkId);
      await insertRequest(
        trx,
        { id, reviewId, boardId, agencyId: agency.id, contactId: contact.id, kind, status: 'requested', requestedOn: today, dueOn: input.dueOn },
        at,
      );
      await this.workflow.created(trx, caller, {
        record: 'contribution',
        id,
        event: 'request',
        summary: { reviewId, agencyId: agency.id, kind, contactId: contact.id },
      });
      for (const [role, person] of [
        ['agency_contributor', input.author],
        ['agency_senior_manager', input.seniorManager],
      ] as const) {
        await this.deps.reviewRoles.grantByEmail(
          trx,
          caller,
          current,
          {
            fullName: person.fullName.trim(),
            email: person.email.trim().toLowerCase(),
            jobTitle: person.jobTitle?.trim() || null,
            agencyId: agency.id,
            language: person.language ?? contact.language,
          },
          { role, agencyId: agency.id },
        );
      }
      await this.emailContact(trx, contact, current, { agency: agency.nameEn, agencyCy: agency.nameCy, kind, dueOn: input.dueOn, requestId: id });
      return { id };
    });
  }

  private async emailContact(
    trx: Executor,
    contact: { email: string; language: Language },
    review: ReviewRow,
    r: { agency: string; agencyCy: string; kind: string; dueOn: string; requestId: string },
  ) {
    const t = translator(contact.language);
    const board = await findBoard(trx, review.boardId);
    const values = {
      reference: review.reference,
      board: contact.language === 'cy' ? board?.nameCy : board?.nameEn,
      agency: contact.language === 'cy' ? r.agencyCy : r.agency,
      kind: t(`contributions:kinds.${r.kind}`),
      dueOn: formatDate(r.dueOn, contact.language),
      link: absoluteUrl(this.deps.publicUrl(), urls.myContributions()),
    };
    await this.deps.mail.enqueue(trx, {
      language: contact.language,
      to: contact.email,
      subject: t('contributions:requestEmail.subject', values),
      body: t('contributions:requestEmail.body', values),
    });
  }

  /** Waives a request with a reason (the business unit), before it is signed off. */
  async waive(caller: Caller, boardId: string, reviewId: string, requestId: string, input: { reason: string | null | undefined; from?: string }) {
    return inTransaction(this.deps.db, async (trx) => {
      const { request } = await this.requestInScope(trx, caller, boardId, reviewId, requestId, 'contribution.manage');
      const reason = input.reason?.trim() ?? '';
      if (!reason) throw invalid({ reason: 'contributions:errors.waiveReasonRequired' });
      checkText({ reason: CONTRIBUTION_TEXT.reason }, { reason });
      const moved = await this.workflow.transition(trx, caller, {
        record: 'contribution',
        id: request.id,
        event: 'waive',
        from: input.from ?? request.status,
        reason,
        summary: { event: 'waive', reviewId, agencyId: request.agencyId },
      });
      await setRequestDetails(trx, request.id, { waived_reason: reason }, moved.event.occurredAt);
      return { to: moved.to };
    });
  }

  // ---- Reading --------------------------------------------------------------------------------------

  /**
   * The review page's section, read in that page's transaction: every request of the review with its status
   * (the page's own read is audited; agency roles see only theirs).
   */
  async sectionIn(db: Executor, caller: Caller, review: { boardId: string; id: string }) {
    const actor = caller.actor;
    if (!actor) throw forbidden();
    const mayManage = mayOnReview(caller, review, 'contribution.manage');
    const all = await reviewRequests(db, review.id);
    const visible = all.filter((r) => mayOnReview(caller, review, 'contribution.view', r.agencyId));
    return { items: visible.map((r) => this.item(r)), mayRequest: mayManage };
  }

  /** The review's requests the caller may see (an agency's people: their own agency's); the read is audited. */
  async list(caller: Caller, boardId: string, reviewId: string): Promise<ContributionItem[]> {
    return inTransaction(this.deps.db, async (trx) => {
      const review = await findReview(trx, reviewId);
      if (!review || review.boardId !== boardId) throw notFound('review');
      const visible = (await reviewRequests(trx, reviewId)).filter((r) => mayOnReview(caller, review, 'contribution.view', r.agencyId));
      if (visible.length === 0 && !mayOnReview(caller, review, 'contribution.view')) {
        // An agency's people with no request of their agency here, and everyone without the permission.
        const agencyRole = caller.actor?.grants.some((g) => g.scope.type === 'review' && g.scope.reviewId === reviewId);
        if (!agencyRole) throw forbidden();
      }
      await this.deps.audit.recordRead(trx, caller, { boardId, recordType: 'review', recordId: reviewId, summary: { contributions: visible.length } });
      return visible.map((r) => this.item(r));
    });
  }

  /** One request with its sections, attachments and reminders, and what the caller may do; the read is audited. */
  async view(caller: Caller, boardId: string, reviewId: string, requestId: string) {
    const seen = await inTransaction(this.deps.db, async (trx) => {
      const { review, request } = await this.requestInScope(trx, caller, boardId, reviewId, requestId, 'contribution.view');
      const [sections, reminders, timeline] = await Promise.all([
        requestSections(trx, request.id),
        remindersOf(trx, request.id),
        this.workflow.timeline(trx, { type: 'contribution', id: request.id }),
      ]);
      await this.deps.audit.recordRead(trx, caller, {
        boardId,
        recordType: 'contribution',
        recordId: request.id,
        summary: { reviewId, agencyId: request.agencyId, sections: sections.size },
      });
      return {
        review,
        request: this.item(request),
        sectionNames: sectionsOf(request.kind as 'imr' | 'timeline'),
        sections: Object.fromEntries(sections) as Partial<Record<ContributionSection, string>>,
        reminders,
        timeline: timeline.entries,
        may: this.abilities(caller, review, request),
      };
    });
    // The file service reads on its own connection (never inside another transaction: SQLite has one writer).
    const attachments = await this.deps.files.filesOf(contributionOwner(requestId));
    return { ...seen, attachments };
  }

  /** The caller's own page: the requests of the agencies whose author or senior manager they are; the read is audited. */
  async mine(caller: Caller) {
    const actor = caller.actor;
    if (!actor) throw forbidden();
    return inTransaction(this.deps.db, async (trx) => {
      const rows = await requestsForPerson(trx, actor.personId, ['agency_contributor', 'agency_senior_manager']);
      const items = rows
        .filter((r) => can(actor, 'contribution.view', { boardId: r.boardId, reviewId: r.reviewId, agencyId: r.agencyId }))
        .map((r) => {
          const item = this.item(r);
          const nextStep =
            r.role === 'agency_contributor'
              ? r.status === 'requested'
                ? 'declare'
                : r.status === 'in_progress'
                  ? 'draft'
                  : null
              : r.status === 'submitted'
                ? 'sign_off'
                : null;
          return { ...item, reference: r.reference, role: r.role, nextStep };
        });
      await this.deps.audit.recordRead(trx, caller, { recordType: 'person', recordId: actor.personId, summary: { contributions: items.length } });
      return { items };
    });
  }
}
