// Agencies' contacts (issue 10 item 4): the named person, email and language a contribution request goes to.
// Managed by the business unit of a board the agency is on (agency.contacts_manage on that board); an agency
// may be on several boards, so each change is audited against every board it is on. A contact is staff
// contact data, not case material.
import type { Db } from '../db/database.ts';
import { type AgencyContactRow, agencyContacts, findContact, insertContact, removeContact } from '../db/repositories/contributions-repository.ts';
import { findAgency, findBoard } from '../db/repositories/organisation-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { PERSON_TEXT } from '../domain/limits.ts';
import { LANGUAGES, type Language } from '../domain/organisation.ts';
import { can } from '../domain/permissions.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkNames, forbidden, invalid, newId, notFound } from './context.ts';

export interface ContactInput {
  fullName: string | undefined;
  email: string | undefined;
  language: string | undefined;
}

export class AgencyContactService {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService }) {}

  /** The agency, when it is on the board and the caller manages contacts there. */
  private async agencyOn(db: Executor, caller: Caller, boardId: string, agencyId: string) {
    if (!can(caller.actor, 'agency.contacts_manage', { boardId })) throw forbidden();
    const [board, agency] = await Promise.all([findBoard(db, boardId), findAgency(db, agencyId)]);
    if (!board || !agency?.boardIds.includes(boardId)) throw notFound('agency');
    return { board, agency };
  }

  /** The agency and its contacts. */
  async list(
    caller: Caller,
    boardId: string,
    agencyId: string,
  ): Promise<{ agency: { id: string; nameEn: string; nameCy: string }; contacts: AgencyContactRow[] }> {
    const db = this.deps.db.kysely;
    const { agency } = await this.agencyOn(db, caller, boardId, agencyId);
    return { agency, contacts: await agencyContacts(db, agencyId) };
  }

  /** Adds a contact (name, email, language: the language requests and reminders are written in). */
  async add(caller: Caller, boardId: string, agencyId: string, input: ContactInput): Promise<{ id: string }> {
    const fullName = input.fullName?.trim() ?? '';
    const email = input.email?.trim().toLowerCase() ?? '';
    const errors: Record<string, string> = {};
    if (!fullName) errors.fullName = PERSON_TEXT.fullName.required;
    else if (fullName.length > PERSON_TEXT.fullName.max) errors.fullName = PERSON_TEXT.fullName.tooLong;
    if (!email) errors.email = PERSON_TEXT.email.required;
    else if (email.length > PERSON_TEXT.email.max || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'email.invalid';
    if (!input.language || !(LANGUAGES as readonly string[]).includes(input.language)) errors.language = 'contributions:errors.languageRequired';
    return inTransaction(this.deps.db, async (trx) => {
      const { agency } = await this.agencyOn(trx, caller, boardId, agencyId);
      if (Object.keys(errors).length > 0) throw invalid(errors);
      checkNames({ fullName });
      const id = newId();
      const language = input.language as Language;
      await insertContact(trx, { id, agencyId, fullName, email, language }, this.deps.clock.now().toISOString());
      await this.deps.audit.record(trx, caller, {
        action: 'AGENCY_CONTACT_ADDED',
        boardId,
        boardIds: agency.boardIds,
        recordType: 'agency',
        recordId: agencyId,
        summary: { contactId: id, language },
      });
      return { id };
    });
  }

  /** Removes a contact (requests already sent keep naming it; no new request can go to it). */
  async remove(caller: Caller, boardId: string, agencyId: string, contactId: string): Promise<void> {
    await inTransaction(this.deps.db, async (trx) => {
      const { agency } = await this.agencyOn(trx, caller, boardId, agencyId);
      const contact = await findContact(trx, contactId);
      if (!contact || contact.agencyId !== agencyId) throw notFound('contact');
      await removeContact(trx, contactId, this.deps.clock.now().toISOString());
      await this.deps.audit.record(trx, caller, {
        action: 'AGENCY_CONTACT_REMOVED',
        boardId,
        boardIds: agency.boardIds,
        recordType: 'agency',
        recordId: agencyId,
        summary: { contactId },
      });
    });
  }
}
