// Management group meetings: scheduling, the agenda (and what may join it), attendance and guests, and their reads.

import {
  addToAgenda,
  findMeeting,
  insertMeeting,
  listAgendaCandidates,
  listManagementGroup,
  listMeetings,
  type MeetingGuest,
  setAttendance,
} from '../db/repositories/meetings-repository.ts';
import { findBoard } from '../db/repositories/organisation-repository.ts';
import { findPersonRow } from '../db/repositories/people-repository.ts';
import { findReferral } from '../db/repositories/referrals-repository.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { can } from '../domain/permissions.ts';
import { comparePseudonyms } from '../domain/pseudonyms.ts';
import { isDecided, REFERRAL_STATUSES, type ReferralStatus } from '../domain/referrals/referral.ts';
import { type ConsiderationContext, startConsideration } from './consideration-context.ts';
import { type Caller, forbidden, invalid, newId, notFound } from './context.ts';

/** Longest guest name, and role or organisation. */
const GUEST_TEXT_MAX = 200;

export async function scheduleMeeting(
  ctx: ConsiderationContext,
  caller: Caller,
  boardId: string,
  input: { meetsOn: string; location: string | null; referralIds: string[] },
): Promise<string> {
  if (!can(caller.actor, 'meeting.manage', { boardId })) throw forbidden();
  return inTransaction(ctx.db, async (trx) => {
    if (!(await findBoard(trx, boardId))) throw notFound('board');
    for (const id of input.referralIds) await checkAgendaReferral(trx, boardId, id, 'referralIds');
    const id = newId();
    await insertMeeting(
      trx,
      {
        id,
        boardId,
        meetsOn: input.meetsOn,
        location: input.location,
        createdBy: caller.actor?.personId ?? null,
        createdAt: ctx.clock.now().toISOString(),
      },
      input.referralIds,
    );
    const scheduled = await ctx.audit.record(trx, caller, {
      boardId,
      recordType: 'meeting',
      recordId: id,
      summary: { referrals: input.referralIds.length, referralIds: input.referralIds },
    });
    for (const referralId of input.referralIds) await startConsideration(ctx, trx, caller, referralId, scheduled);
    return id;
  });
}

export async function addReferralToMeeting(ctx: ConsiderationContext, caller: Caller, meetingId: string, referralId: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const meeting = await managedMeeting(trx, caller, meetingId);
    await checkAgendaReferral(trx, meeting.boardId, referralId, 'referralId');
    await putOnAgenda(ctx, trx, caller, meeting, referralId);
  });
}

/**
 * Adds referrals to a meeting's agenda, all or none, in one transaction: every referral is checked first
 * (the meeting's board's, not decided); then each not already on the agenda is added, its consideration
 * started and its addition audited. Referrals already on the agenda are left as they are. Returns those added.
 */
export async function addReferralsToMeeting(ctx: ConsiderationContext, caller: Caller, meetingId: string, referralIds: readonly string[]): Promise<string[]> {
  return inTransaction(ctx.db, async (trx) => {
    const meeting = await managedMeeting(trx, caller, meetingId);
    const ids = [...new Set(referralIds)];
    for (const id of ids) await checkAgendaReferral(trx, meeting.boardId, id, 'referralIds');
    const added = ids.filter((id) => !meeting.referralIds.includes(id));
    for (const id of added) await putOnAgenda(ctx, trx, caller, meeting, id);
    return added;
  });
}

/**
 * The referrals a meeting can still take: its board's undecided referrals not on its agenda, oldest
 * received first. A read of case material (child codes): audited (recordRead: as the route declares) with the count.
 */
export async function agendaCandidates(ctx: ConsiderationContext, caller: Caller, meetingId: string, limit = 500) {
  return inTransaction(ctx.db, async (trx) => {
    const meeting = await managedMeeting(trx, caller, meetingId);
    const rows = await candidatesFor(trx, meeting, limit);
    await ctx.audit.recordRead(trx, caller, {
      boardId: meeting.boardId,
      recordType: 'meeting',
      recordId: meeting.id,
      summary: { candidates: rows.length },
    });
    return rows;
  });
}

async function candidatesFor(db: Executor, meeting: { id: string; boardId: string }, limit: number) {
  const undecided = REFERRAL_STATUSES.filter((s) => !isDecided(s));
  const rows = await listAgendaCandidates(db, { boardId: meeting.boardId, meetingId: meeting.id, statuses: undecided, limit });
  return rows.map((r) => ({ ...r, status: r.status as ReferralStatus }));
}

/** A meeting the caller manages; any other (or none) is not found. */
async function managedMeeting(db: Executor, caller: Caller, meetingId: string) {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting || !can(caller.actor, 'meeting.manage', { boardId: meeting.boardId })) throw notFound('meeting');
  return meeting;
}

/** A referral may go on an agenda of its own board while it is undecided; otherwise the form field is invalid. */
async function checkAgendaReferral(trx: Executor, boardId: string, referralId: string, field: string): Promise<void> {
  const referral = await findReferral(trx, referralId);
  if (!referral || referral.boardId !== boardId) throw invalid({ [field]: 'meeting.referralUnknown' });
  if (isDecided(referral.status as ReferralStatus)) throw invalid({ [field]: 'meeting.referralDecided' });
}

/** Puts a referral on the agenda, moves it to "under consideration" (from "referred") and audits it. */
async function putOnAgenda(
  ctx: ConsiderationContext,
  trx: Executor,
  caller: Caller,
  meeting: { id: string; boardId: string },
  referralId: string,
): Promise<void> {
  await addToAgenda(trx, meeting.id, referralId);
  const added = await ctx.audit.record(trx, caller, { boardId: meeting.boardId, recordType: 'meeting', recordId: meeting.id, summary: { referralId } });
  await startConsideration(ctx, trx, caller, referralId, added);
}

/**
 * Records who attended (replacing what was recorded before). Only the board's management group (its
 * chair and members, and the board chair) are recorded as attending people; anyone else (another
 * board's people, the deployment administrator) is refused. Guests are named as text with their role or
 * organisation.
 */
export async function recordAttendance(
  ctx: ConsiderationContext,
  caller: Caller,
  meetingId: string,
  attendance: { personId: string; attended: boolean }[],
  guests: MeetingGuest[] = [],
): Promise<void> {
  const named = guests.map((g) => ({ fullName: g.fullName.trim(), role: g.role.trim() }));
  const errors: Record<string, string> = {};
  named.forEach((g, i) => {
    if (!g.fullName) errors[`guests.${i}.fullName`] = 'meeting.guestNameRequired';
    else if (g.fullName.length > GUEST_TEXT_MAX) errors[`guests.${i}.fullName`] = 'meeting.guestNameTooLong';
    if (!g.role) errors[`guests.${i}.role`] = 'meeting.guestRoleRequired';
    else if (g.role.length > GUEST_TEXT_MAX) errors[`guests.${i}.role`] = 'meeting.guestRoleTooLong';
  });
  await inTransaction(ctx.db, async (trx) => {
    const meeting = await findMeeting(trx, meetingId);
    if (!meeting || !can(caller.actor, 'meeting.manage', { boardId: meeting.boardId })) throw notFound('meeting');
    const group = new Set((await listManagementGroup(trx, meeting.boardId)).map((p) => p.personId));
    if (attendance.some((a) => !group.has(a.personId))) errors.attendance = 'meeting.personNotInGroup';
    if (Object.keys(errors).length > 0) throw invalid(errors);
    const at = ctx.clock.now().toISOString();
    await setAttendance(
      trx,
      meetingId,
      attendance,
      named.map((g) => ({ id: newId(), ...g })),
      at,
    );
    await ctx.audit.record(trx, caller, {
      boardId: meeting.boardId,
      recordType: 'meeting',
      recordId: meetingId,
      summary: { attended: attendance.filter((a) => a.attended).length, absent: attendance.filter((a) => !a.attended).length, guests: named.length },
    });
  });
}

/** The meeting's record (ids, date, place, attendance and guests), to check an address or answer a change; not audited. */
export async function meeting(ctx: ConsiderationContext, caller: Caller, meetingId: string) {
  const found = await findMeeting(ctx.db.kysely, meetingId);
  if (!found || !can(caller.actor, 'referral.view', { boardId: found.boardId })) throw notFound('meeting');
  return found;
}

/** The board's meetings, latest first: a read of case material, audited (recordRead: as the route declares) with the count. */
export async function meetings(ctx: ConsiderationContext, caller: Caller, boardId: string) {
  if (!can(caller.actor, 'referral.view', { boardId })) throw forbidden();
  return inTransaction(ctx.db, async (trx) => {
    const found = await listMeetings(trx, boardId);
    await ctx.audit.recordRead(trx, caller, { boardId, recordType: 'board', recordId: boardId, summary: { meetings: found.length } });
    return found;
  });
}

/** The people who may attend a board's management group: its members, its chair and the board chair (active people only). */
export async function managementGroupPeople(
  ctx: ConsiderationContext,
  caller: Caller,
  boardId: string,
): Promise<{ personId: string; fullName: string; roles: string[] }[]> {
  if (!can(caller.actor, 'meeting.manage', { boardId }) && !can(caller.actor, 'referral.view', { boardId })) throw forbidden();
  return listManagementGroup(ctx.db.kysely, boardId);
}

/**
 * A meeting with its agenda (child codes and statuses, never names), attendance by name and its guests,
 * and whether referrals can still be added (for those who manage meetings): a read of case material,
 * audited (recordRead: as the route declares) with the counts.
 */
export async function meetingDetail(ctx: ConsiderationContext, caller: Caller, meetingId: string) {
  return inTransaction(ctx.db, async (trx) => {
    const meeting = await findMeeting(trx, meetingId);
    if (!meeting || !can(caller.actor, 'referral.view', { boardId: meeting.boardId })) throw notFound('meeting');
    const agenda = [];
    for (const id of meeting.referralIds) {
      const r = await findReferral(trx, id);
      if (r) agenda.push({ id: r.id, pseudonym: r.pseudonym, status: r.status as ReferralStatus, receivedOn: r.receivedOn });
    }
    agenda.sort((a, b) => comparePseudonyms(a.pseudonym, b.pseudonym));
    const attendance = [];
    for (const a of meeting.attendance) {
      const person = await findPersonRow(trx, a.personId);
      attendance.push({ personId: a.personId, fullName: person?.full_name ?? '', attended: a.attended });
    }
    // The agenda takes referrals while the board has undecided ones not on it (the domain sets no cut-off date).
    const canAddToAgenda = can(caller.actor, 'meeting.manage', { boardId: meeting.boardId }) && (await candidatesFor(trx, meeting, 1)).length > 0;
    await ctx.audit.recordRead(trx, caller, {
      boardId: meeting.boardId,
      recordType: 'meeting',
      recordId: meeting.id,
      summary: {
        agenda: agenda.length,
        attended: attendance.filter((a) => a.attended).length,
        absent: attendance.filter((a) => !a.attended).length,
        guests: meeting.guests.length,
      },
    });
    return { ...meeting, agenda, attendance, canAddToAgenda };
  });
}
