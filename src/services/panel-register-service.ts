// The board's register of independent chairs and reviewers (issue 10 item 2): who they are, their
// specialisms, whether they are on the Welsh Government's approved list, their languages and availability,
// their dated engagements with agencies, past reviews and declared interests. Appointments pick from it
// (panel-service.ts). The business unit keeps it (register.manage); each change audited with ids and field
// names only, never the entry's text.
import type { Db } from '../db/database.ts';
import { findAgency, findBoard, listAgencies } from '../db/repositories/organisation-repository.ts';
import {
  type EngagementRow,
  engagementsOf,
  findRegisterEntry,
  insertEngagement,
  insertRegisterEntry,
  listRegisterEntries,
  type RegisterEntryRow,
  type RegisterEntryValues,
  updateRegisterEntry,
} from '../db/repositories/register-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { isIsoDate } from '../domain/clock/dates.ts';
import { ENGAGEMENT_TEXT, REGISTER_TEXT } from '../domain/limits.ts';
import { LANGUAGES } from '../domain/organisation.ts';
import { can } from '../domain/permissions.ts';
import { isAvailability, matchesRegisterFilter, type RegisterFilter, specialismList } from '../domain/reviews/independence.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkNames, checkText, type FieldErrors, forbidden, invalid, newId, notFound } from './context.ts';

export interface RegisterDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
}

/** An entry as given by a form or the API (specialisms as one text, comma or line separated). */
export interface RegisterInput {
  fullName: string;
  email: string;
  specialisms: string;
  wgApproved: boolean;
  languages: readonly string[];
  availability: string;
  pastReviews: string;
  declaredInterests: string;
  employerAgencyId: string | null;
}

export interface EngagementInput {
  agencyId: string;
  fromOn: string;
  toOn: string | null;
  what: string;
}

export type RegisterEntry = RegisterEntryRow & { engagements: EngagementRow[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class PanelRegisterService {
  constructor(private readonly deps: RegisterDeps) {}

  private check(caller: Caller, boardId: string, permission: 'register.view' | 'register.manage') {
    if (!caller.actor) throw forbidden();
    if (!can(caller.actor, permission, { boardId })) throw forbidden();
  }

  /** The board's register, filtered by availability, language and specialism, with each entry's engagements. */
  async list(caller: Caller, boardId: string, filter: RegisterFilter = {}): Promise<{ entries: RegisterEntry[] }> {
    this.check(caller, boardId, 'register.view');
    const db = this.deps.db.kysely;
    if (!(await findBoard(db, boardId))) throw notFound('board');
    return { entries: await entriesWithEngagements(db, boardId, filter) };
  }

  /** The board's agencies (for engagements and employers), and whether the caller may change the register. */
  async agencies(
    caller: Caller,
    boardId: string,
    permission: 'register.view' | 'register.manage' = 'register.view',
  ): Promise<{ agencies: { id: string; nameEn: string; nameCy: string }[]; mayManage: boolean }> {
    this.check(caller, boardId, permission);
    const agencies = await listAgencies(this.deps.db.kysely, [boardId]);
    return { agencies: agencies.map((a) => ({ id: a.id, nameEn: a.nameEn, nameCy: a.nameCy })), mayManage: can(caller.actor, 'register.manage', { boardId }) };
  }

  async get(caller: Caller, boardId: string, entryId: string): Promise<RegisterEntry> {
    this.check(caller, boardId, 'register.view');
    const db = this.deps.db.kysely;
    const entry = await findRegisterEntry(db, entryId);
    if (!entry || entry.boardId !== boardId) throw notFound('register entry');
    return { ...entry, engagements: (await engagementsOf(db, [entry.id])).get(entry.id) ?? [] };
  }

  /** Adds an entry to the board's register (an address once per board: a second is a conflict). */
  async add(caller: Caller, boardId: string, input: RegisterInput): Promise<{ id: string }> {
    this.check(caller, boardId, 'register.manage');
    return inTransaction(this.deps.db, async (trx) => {
      if (!(await findBoard(trx, boardId))) throw notFound('board');
      const values = await validEntry(trx, boardId, input);
      const id = newId();
      await insertRegisterEntry(trx, { id, boardId, ...values }, this.deps.clock.now().toISOString());
      await this.deps.audit.record(trx, caller, {
        action: 'REGISTER_ENTRY_ADDED',
        boardId,
        recordType: 'register_entry',
        recordId: id,
        summary: { entryId: id, wgApproved: values.wgApproved, languages: values.languages, availability: values.availability },
      });
      return { id };
    });
  }

  /** Changes an entry; the audit event names the fields that changed. */
  async update(caller: Caller, boardId: string, entryId: string, input: RegisterInput): Promise<void> {
    this.check(caller, boardId, 'register.manage');
    await inTransaction(this.deps.db, async (trx) => {
      const entry = await findRegisterEntry(trx, entryId);
      if (!entry || entry.boardId !== boardId) throw notFound('register entry');
      const values = await validEntry(trx, boardId, input);
      const changed = (Object.keys(values) as (keyof RegisterEntryValues)[]).filter(
        (k) => JSON.stringify(values[k]) !== JSON.stringify(k === 'email' ? entry.email : entry[k]),
      );
      await updateRegisterEntry(trx, entryId, values, this.deps.clock.now().toISOString());
      await this.deps.audit.record(trx, caller, {
        action: 'REGISTER_ENTRY_UPDATED',
        boardId,
        recordType: 'register_entry',
        recordId: entryId,
        summary: { entryId, fields: changed },
      });
    });
  }

  /** Records a dated engagement of the entry with one of the board's agencies. */
  async addEngagement(caller: Caller, boardId: string, entryId: string, input: EngagementInput): Promise<{ id: string }> {
    this.check(caller, boardId, 'register.manage');
    return inTransaction(this.deps.db, async (trx) => {
      const entry = await findRegisterEntry(trx, entryId);
      if (!entry || entry.boardId !== boardId) throw notFound('register entry');
      const errors: FieldErrors = {};
      const agency = input.agencyId ? await findAgency(trx, input.agencyId) : undefined;
      if (!agency?.boardIds.includes(boardId)) errors.agencyId = 'panel.engagementAgencyRequired';
      if (!isIsoDate(input.fromOn)) errors.fromOn = 'panel.engagementFromRequired';
      if (input.toOn !== null && !isIsoDate(input.toOn)) errors.toOn = 'panel.engagementToInvalid';
      else if (input.toOn !== null && isIsoDate(input.fromOn) && input.toOn < input.fromOn) errors.toOn = 'panel.engagementToBeforeFrom';
      Object.assign(
        errors,
        textErrors(() => checkText(ENGAGEMENT_TEXT, { what: input.what })),
      );
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const id = newId();
      await insertEngagement(
        trx,
        { id, entryId, agencyId: input.agencyId, fromOn: input.fromOn, toOn: input.toOn, what: input.what.trim() },
        this.deps.clock.now().toISOString(),
      );
      await this.deps.audit.record(trx, caller, {
        action: 'REGISTER_ENGAGEMENT_ADDED',
        boardId,
        recordType: 'register_entry',
        recordId: entryId,
        summary: { entryId, engagementId: id, agencyId: input.agencyId },
      });
      return { id };
    });
  }
}

/** The board's register entries matching the filter, with their engagements (also the appointment's candidates). */
export async function entriesWithEngagements(db: Executor, boardId: string, filter: RegisterFilter): Promise<RegisterEntry[]> {
  const entries = (await listRegisterEntries(db, boardId)).filter((e) => matchesRegisterFilter(e, filter));
  const engagements = await engagementsOf(
    db,
    entries.map((e) => e.id),
  );
  return entries.map((e) => ({ ...e, engagements: engagements.get(e.id) ?? [] }));
}

function textErrors(check: () => void): FieldErrors {
  try {
    check();
    return {};
  } catch (e) {
    if (e instanceof Error && 'fieldErrors' in e) return (e as { fieldErrors: FieldErrors }).fieldErrors;
    throw e;
  }
}

/** The entry's values, or every problem at once (locale keys, errors namespace). */
async function validEntry(db: Executor, boardId: string, input: RegisterInput): Promise<RegisterEntryValues> {
  const errors: FieldErrors = textErrors(() => checkText(REGISTER_TEXT, input));
  Object.assign(
    errors,
    textErrors(() => checkNames({ fullName: input.fullName })),
  );
  const email = input.email.trim().toLowerCase();
  if (!errors.email && !EMAIL.test(email)) errors.email = 'panel.emailInvalid';
  const languages = LANGUAGES.filter((l) => input.languages.includes(l));
  if (languages.length === 0) errors.languages = 'panel.languagesRequired';
  if (!isAvailability(input.availability)) errors.availability = 'panel.availabilityRequired';
  if (input.employerAgencyId) {
    const agency = await findAgency(db, input.employerAgencyId);
    if (!agency?.boardIds.includes(boardId)) errors.employerAgencyId = 'panel.employerUnknown';
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return {
    fullName: input.fullName.trim(),
    email,
    specialisms: specialismList(input.specialisms),
    wgApproved: input.wgApproved,
    languages,
    availability: input.availability,
    pastReviews: input.pastReviews.trim(),
    declaredInterests: input.declaredInterests.trim(),
    employerAgencyId: input.employerAgencyId || null,
  };
}
