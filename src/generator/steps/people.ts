// People of the partner agencies and their board roles: every board gets an administrator, a business
// unit, a board chair, management group members and a chair, information governance, board members and
// agency referrers; most people hold no board role. Two bench users on the first board can sign in, both
// with two-factor set up (everyone who sees case material, and every administrator, must use it).
import type { Insertable } from 'kysely';
import { sealTotpSecret } from '../../db/repositories/people-repository.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { addDays } from '../../domain/clock/dates.ts';
import type { BoardRole } from '../../domain/roles.ts';
import { BENCH_ADMIN_EMAIL, BENCH_OWNER_EMAIL, BENCH_USER_EMAIL, type GeneratorContext, type GeneratorStep } from '../context.ts';
import { emailPart, JOB_TITLES, personName } from '../names.ts';
import { instantOn } from '../random.ts';

/** Role holders per board (the rest of a board's people hold no board role). */
const ROLE_PLAN: readonly [BoardRole, number][] = [
  ['administrator', 1],
  ['business_unit', 2],
  ['board_chair', 1],
  ['management_group_chair', 1],
  ['management_group_member', 6],
  ['information_governance', 1],
  ['board_member', 8],
  ['agency_referrer', 10],
];

/** Case roles an administrator has granted that wait for the board's confirmation, per board. */
const WAITING_GRANTS_PER_BOARD = 2;

export const peopleStep: GeneratorStep = {
  id: 'people and roles',
  tables: ['people', 'role_assignments', 'role_grants'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork('people');
    const people: Insertable<Database['people']>[] = [];
    const roles: Insertable<Database['role_assignments']>[] = [];
    const grants: Insertable<Database['role_grants']>[] = [];
    const createdOn = addDays(ctx.startOn, -30);
    const { boards } = ctx.state;
    const firstBoard = boards[0];
    if (!firstBoard) return;
    const boardById = new Map(boards.map((b) => [b.id, b]));
    const sectorOf = new Map(ctx.state.agencies.map((a) => [a.id, a.sector]));

    const grant = (personId: string, role: string, boardId: string | null, at: string) => {
      const id = rng.idAt(Date.parse(at));
      roles.push({
        id,
        person_id: personId,
        role,
        scope_type: boardId ? 'board' : 'deployment',
        board_id: boardId,
        review_id: null,
        agency_id: null,
        created_at: at,
        created_by: null,
        ended_at: null,
        ended_by: null,
      });
      ctx.audit({
        id: rng.idAt(Date.parse(at)),
        at,
        actorId: null,
        action: 'ROLE_ASSIGNED',
        boardId,
        recordType: 'person',
        recordId: personId,
        summary: { role, scope: boardId ? 'board' : 'deployment', roleAssignmentId: id },
      });
      if (boardId) {
        const board = boardById.get(boardId);
        board?.roles.set(role, [...(board.roles.get(role) ?? []), personId]);
      }
    };

    const addPerson = (
      p: { email: string; fullName: string; jobTitle: string | null; agencyId: string | null; language: string; boardId: string },
      at: string,
    ) => {
      const id = rng.idAt(Date.parse(at));
      people.push({
        id,
        email: p.email,
        full_name: p.fullName,
        job_title: p.jobTitle,
        agency_id: p.agencyId,
        language: p.language,
        password_hash: null,
        password_changed_at: null,
        totp_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        locked_until: null,
        deactivated_at: null,
        created_at: at,
        updated_at: at,
      });
      ctx.audit({
        id: rng.idAt(Date.parse(at)),
        at,
        actorId: null,
        action: 'PERSON_CREATED',
        boardId: p.boardId,
        recordType: 'person',
        recordId: id,
        summary: { agencyId: p.agencyId, language: p.language },
      });
      return id;
    };

    // The bench users: a business unit member who is also on the management group, and a deployment
    // administrator, both with the known authenticator secret.
    const benchAt = instantOn(rng, createdOn);
    const benchUser = addPerson(
      {
        email: BENCH_USER_EMAIL,
        fullName: 'Bethan Bench',
        jobTitle: 'Business unit manager',
        agencyId: firstBoard.agencyIds[0] ?? null,
        language: 'en',
        boardId: firstBoard.id,
      },
      benchAt,
    );
    const benchAdmin = addPerson(
      { email: BENCH_ADMIN_EMAIL, fullName: 'Aled Bench', jobTitle: 'Service administrator', agencyId: null, language: 'en', boardId: firstBoard.id },
      benchAt,
    );
    // The lead officer whose actions the bench lists (given them by the actions step; no board role).
    const benchOwner = addPerson(
      {
        email: BENCH_OWNER_EMAIL,
        fullName: 'Owain Bench',
        jobTitle: 'Safeguarding lead officer',
        agencyId: firstBoard.agencyIds[0] ?? null,
        language: 'en',
        boardId: firstBoard.id,
      },
      benchAt,
    );
    for (const p of people) {
      p.password_hash = ctx.passwordHash;
      p.password_changed_at = benchAt;
    }
    for (const p of people) {
      p.totp_secret = sealTotpSecret(ctx.cipher, p.id, ctx.adminTotpSecret);
      p.totp_enabled_at = benchAt;
    }
    grant(benchUser, 'business_unit', firstBoard.id, benchAt);
    grant(benchUser, 'management_group_member', firstBoard.id, benchAt);
    // Information governance too, so the bench measures the role confirmations list of the board.
    grant(benchUser, 'information_governance', firstBoard.id, benchAt);
    grant(benchAdmin, 'administrator', null, benchAt);
    ctx.state.benchUserId = benchUser;
    ctx.state.adminId = benchAdmin;
    ctx.state.benchOwnerId = benchOwner;

    const remaining = ctx.spec.people - people.length;
    const perBoard = Math.floor(remaining / boards.length);
    const extra = remaining - perBoard * boards.length;
    let serial = 0;
    for (const [b, board] of boards.entries()) {
      const count = perBoard + (b < extra ? 1 : 0);
      const plan = ROLE_PLAN.flatMap(([role, n]) => Array.from({ length: n }, () => role));
      for (let i = 0; i < count; i++) {
        serial += 1;
        const name = personName(rng);
        const agencyId = rng.pick(board.agencyIds);
        const sector = sectorOf.get(agencyId) ?? 'other';
        const at = instantOn(rng, addDays(createdOn, rng.int(0, 25)));
        const id = addPerson(
          {
            email: `${emailPart(name.first)}.${emailPart(name.last)}.${serial}@${board.code.toLowerCase()}.example`,
            fullName: `${name.first} ${name.last}`,
            jobTitle: rng.pick(JOB_TITLES[sector]),
            agencyId,
            language: rng.chance(0.3) ? 'cy' : 'en',
            boardId: board.id,
          },
          at,
        );
        const role = plan[i];
        if (role) grant(id, role, board.id, at);
        else if (i < plan.length + WAITING_GRANTS_PER_BOARD) {
          // A case role the board's administrator granted lately, waiting for the chair to confirm it.
          const grantedBy = board.roles.get('administrator')?.[0];
          const grantedAt = instantOn(rng, addDays(ctx.asOf, -rng.int(0, 10)));
          const grantId = rng.idAt(Date.parse(grantedAt));
          if (grantedBy) {
            const waitingRole = rng.pick(['business_unit', 'management_group_member', 'agency_referrer'] as const);
            grants.push({ id: grantId, person_id: id, role: waitingRole, board_id: board.id, granted_by: grantedBy, granted_at: grantedAt, status: 'waiting' });
            ctx.audit({
              id: rng.idAt(Date.parse(grantedAt)),
              at: grantedAt,
              actorId: grantedBy,
              action: 'ROLE_GRANT_REQUESTED',
              boardId: board.id,
              recordType: 'role_grant',
              recordId: grantId,
              summary: { personId: id, role: waitingRole, scope: 'board', status: 'waiting' },
            });
          }
        }
      }
    }
    // People who have left: deactivated, roles kept for the record.
    for (const p of people.slice(2)) if (rng.chance(0.03)) p.deactivated_at = instantOn(rng, addDays(ctx.asOf, -rng.int(1, 3000)));

    await inTransaction(ctx.db, async (trx) => {
      await ctx.insert(trx, 'people', 'people', people);
      await ctx.insert(trx, 'people', 'role_assignments', roles);
      await ctx.insert(trx, 'people', 'role_grants', grants);
    });
  },
};
