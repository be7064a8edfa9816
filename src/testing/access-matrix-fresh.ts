// Throwaway records of the access matrix's boards (src/http/access-matrix.test.ts), made for a cell that changes
// what it acts on (deactivates, ends a role, revokes or sends an invitation, decides a grant), and the invitations and
// waiting grants the world seeds: each on its board, carrying the board's directory word.
import type { Services } from '../container.ts';
import { insertPerson, insertRoleAssignment, listRoleAssignments } from '../db/repositories/people-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import type { BoardRole } from '../domain/roles.ts';
import { newId } from '../services/context.ts';
import { type BoardKey, markerWord } from './access-matrix-markers.ts';
import { callerFor } from './access-matrix-review.ts';
import type { MatrixWorld } from './access-matrix-world.ts';
import { seedAgency } from './admin-fixtures.ts';
import { seedPerson } from './fixtures.ts';

/** A person with a role who has never set a password (an invitation is for them). */
export async function seedInvitee(services: Services, opts: { fullName: string; email: string; role: BoardRole; boardId: string }): Promise<string> {
  const id = newId();
  const at = services.clock.now().toISOString();
  await inTransaction(services.db, async (trx) => {
    await insertPerson(trx, { id, email: opts.email, fullName: opts.fullName, jobTitle: null, agencyId: null, language: 'en' }, at);
    await insertRoleAssignment(trx, { id: newId(), personId: id, role: opts.role, scope: { type: 'board', boardId: opts.boardId }, createdBy: null }, at);
  });
  return id;
}

let freshCount = 0;

/**
 * Throwaway records for cells that change what they act on (deactivate, end a role, revoke or send an
 * invitation): made for the cell, on the board, carrying the board's directory word.
 */
export async function freshPerson(world: MatrixWorld, board: BoardKey): Promise<{ id: string; assignmentId: string }> {
  const b = world.boards[board];
  const n = ++freshCount;
  const person = await seedPerson(world.services, {
    fullName: `${markerWord(board, 'directory')} Fresh ${n}`,
    email: `${markerWord(board, 'directory').toLowerCase()}-fresh-${n}@example.org`,
    roles: [{ role: 'board_member', boardId: b.id }],
    totp: true,
  });
  const [assignment] = await listRoleAssignments(world.services.db.kysely, { personId: person.id, includeEnded: false });
  if (!assignment) throw new Error('fresh person has no role');
  return { id: person.id, assignmentId: assignment.id };
}

export async function freshInvitation(world: MatrixWorld, board: BoardKey): Promise<{ personId: string; linkId: string }> {
  const b = world.boards[board];
  const n = ++freshCount;
  const personId = await seedInvitee(world.services, {
    fullName: `${markerWord(board, 'directory')} Invitee ${n}`,
    email: `${markerWord(board, 'directory').toLowerCase()}-invitee-${n}@example.org`,
    role: 'board_member',
    boardId: b.id,
  });
  return { personId, linkId: await invite(world.services, world.deploymentAdmin.id, personId) };
}

export async function freshAgency(world: MatrixWorld, board: BoardKey): Promise<string> {
  const n = ++freshCount;
  const word = markerWord(board, 'directory');
  const agency = await seedAgency(world.services, { boardIds: [world.boards[board].id], nameEn: `${word} Agency ${n}`, nameCy: `Asiantaeth ${word} ${n}` });
  return agency.id;
}

/** A meeting of the board with nothing on its agenda and no attendance, scheduled by its business unit. */
export async function freshMeeting(world: MatrixWorld, board: BoardKey): Promise<string> {
  const b = world.boards[board];
  const caller = await callerFor(world.services, b.people.business_unit.id, 'MEETING_SCHEDULED');
  return world.services.consideration.scheduleMeeting(caller, b.id, { meetsOn: '2026-12-01', location: `${markerWord(board, 'case')} Annex`, referralIds: [] });
}

/** The board's administrator grants the person a case role, which waits for the chair; the grant's id. */
export async function grantWaiting(services: Services, administratorId: string, personId: string, boardId: string): Promise<string> {
  const caller = await callerFor(services, administratorId, 'ROLE_ASSIGNED');
  const grant = await services.roles.assignRole(caller, personId, { role: 'business_unit', boardId });
  if (grant.status !== 'waiting') throw new Error('the grant took effect without confirmation');
  return grant.id;
}

/** A fresh person with a case role granted on the board and waiting for confirmation. */
export async function freshGrant(world: MatrixWorld, board: BoardKey): Promise<string> {
  const person = await freshPerson(world, board);
  const b = world.boards[board];
  return grantWaiting(world.services, b.people.administrator.id, person.id, b.id);
}

/** Invites the person as the deployment administrator; the open invitation's link id. */
export async function invite(services: Services, adminId: string, personId: string): Promise<string> {
  const caller = await callerFor(services, adminId, 'INVITATION_CREATED');
  await services.people.invite(caller, personId);
  const [link] = await services.people.openInvitations(caller, personId);
  if (!link) throw new Error('no open invitation');
  return link.id;
}

export async function inviteToken(services: Services, adminId: string, personId: string): Promise<string> {
  const caller = await callerFor(services, adminId, 'INVITATION_CREATED');
  return (await services.people.invite(caller, personId)).token;
}
