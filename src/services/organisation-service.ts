// Boards and agencies. Every change is audited in its own transaction.

import type { Db } from '../db/database.ts';
import {
  findAgencies,
  findAgency,
  findBoard,
  findBoardByCode,
  insertAgency,
  insertBoard,
  listAgencies,
  listBoardNames,
  listBoards,
  pageAgencies,
  updateAgency,
  updateBoard,
} from '../db/repositories/organisation-repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { AGENCY_TEXT, BOARD_TEXT } from '../domain/limits.ts';
import type { Agency, Board, BoardName, BoardType, Nation, Sector } from '../domain/organisation.ts';
import { boardsWhere, can, isDeploymentAdministrator, type Permission, visibleBoardIds } from '../domain/permissions.ts';
import type { AuditService } from './audit-service.ts';
import { type Caller, type Clock, checkNames, checkText, forbidden, invalid, newId, notFound } from './context.ts';

export interface BoardInput {
  code: string;
  nameEn: string;
  nameCy: string;
  boardType: BoardType;
  nation: Nation;
  region: string | null;
  validFromOn: string | null;
  validToOn: string | null;
  predecessorBoardId: string | null;
}

export interface AgencyInput {
  nameEn: string;
  nameCy: string;
  sector: Sector;
  isStatutoryPartner: boolean;
  boardIds: string[];
}

function changedFields<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map(String);
}

export class OrganisationService {
  constructor(private readonly deps: { db: Db; clock: Clock; audit: AuditService }) {}

  private requireActor(caller: Caller) {
    if (!caller.actor) throw forbidden();
    return caller.actor;
  }

  async listBoards(caller: Caller): Promise<Board[]> {
    const actor = this.requireActor(caller);
    return listBoards(this.deps.db.kysely, visibleBoardIds(actor));
  }

  /** Boards on which the caller holds the permission (every board for a deployment administrator). */
  async listBoardsWhere(caller: Caller, permission: Permission): Promise<Board[]> {
    const actor = this.requireActor(caller);
    return listBoards(this.deps.db.kysely, boardsWhere(actor, permission));
  }

  /** Names of the boards the caller can see (every board for a deployment administrator), for lists and filters. */
  async listBoardNames(caller: Caller): Promise<BoardName[]> {
    return listBoardNames(this.deps.db.kysely, visibleBoardIds(this.requireActor(caller)));
  }

  /** Names of the boards on which the caller holds the permission, for lists and filters. */
  async listBoardNamesWhere(caller: Caller, permission: Permission): Promise<BoardName[]> {
    return listBoardNames(this.deps.db.kysely, boardsWhere(this.requireActor(caller), permission));
  }

  /** A board on which the caller holds the permission; any other board is not found. */
  async getBoardWhere(caller: Caller, id: string, permission: Permission): Promise<Board> {
    const board = await this.getBoard(caller, id);
    if (!can(this.requireActor(caller), permission, { boardId: id })) throw notFound('board');
    return board;
  }

  /** Whether a board code is used by a board other than exceptId (codes are unique). */
  async isBoardCodeTaken(code: string, exceptId?: string): Promise<boolean> {
    const clash = await findBoardByCode(this.deps.db.kysely, code);
    return clash !== undefined && clash.id !== exceptId;
  }

  async getBoard(caller: Caller, id: string): Promise<Board> {
    const actor = this.requireActor(caller);
    const visible = visibleBoardIds(actor);
    const board = await findBoard(this.deps.db.kysely, id);
    if (!board || (visible && !visible.includes(id))) throw notFound('board');
    return board;
  }

  async createBoard(caller: Caller, input: BoardInput): Promise<Board> {
    const actor = this.requireActor(caller);
    checkText(BOARD_TEXT, input);
    checkNames({ nameEn: input.nameEn, nameCy: input.nameCy });
    if (!can(actor, 'deployment.administer')) throw forbidden();
    return inTransaction(this.deps.db, async (trx) => {
      if (await findBoardByCode(trx, input.code)) throw invalid({ code: 'board.codeTaken' });
      if (input.predecessorBoardId && !(await findBoard(trx, input.predecessorBoardId))) throw invalid({ predecessorBoardId: 'board.unknown' });
      const at = this.deps.clock.now().toISOString();
      const board: Board = { id: newId(), ...input, isActive: true, createdAt: at, updatedAt: at };
      await insertBoard(trx, board);
      await this.deps.audit.record(trx, caller, {
        boardId: board.id,
        recordType: 'board',
        recordId: board.id,
        summary: { code: board.code, boardType: board.boardType, nation: board.nation },
      });
      return board;
    });
  }

  async updateBoard(caller: Caller, id: string, input: BoardInput & { isActive: boolean }): Promise<Board> {
    const actor = this.requireActor(caller);
    checkText(BOARD_TEXT, input);
    checkNames({ nameEn: input.nameEn, nameCy: input.nameCy });
    const before = await this.getBoard(caller, id);
    if (!can(actor, 'board.manage', { boardId: id })) throw forbidden();
    return inTransaction(this.deps.db, async (trx) => {
      const clash = await findBoardByCode(trx, input.code);
      if (clash && clash.id !== id) throw invalid({ code: 'board.codeTaken' });
      if (input.predecessorBoardId === id) throw invalid({ predecessorBoardId: 'board.selfPredecessor' });
      const after: Board = { ...before, ...input, updatedAt: this.deps.clock.now().toISOString() };
      await updateBoard(trx, after);
      await this.deps.audit.record(trx, caller, {
        boardId: id,
        recordType: 'board',
        recordId: id,
        summary: { changed: changedFields({ ...before, updatedAt: '' }, { ...after, updatedAt: '' }), isActive: after.isActive },
      });
      return after;
    });
  }

  /** Agencies of the boards the caller can see (every agency for a deployment administrator). */
  async listAgencies(caller: Caller, boardId?: string): Promise<Agency[]> {
    const actor = this.requireActor(caller);
    const visible = visibleBoardIds(actor);
    if (boardId && visible && !visible.includes(boardId)) throw notFound('board');
    return listAgencies(this.deps.db.kysely, boardId ? [boardId] : visible);
  }

  /** One page of the agencies of the boards on which the caller holds the permission, optionally of one board and sector. */
  async pageAgenciesWhere(
    caller: Caller,
    permission: Permission,
    filters: { boardId?: string | undefined; sector?: Sector | undefined; page: number; pageSize: number },
  ): Promise<{ agencies: Agency[]; total: number }> {
    const actor = this.requireActor(caller);
    let boardIds = boardsWhere(actor, permission);
    if (filters.boardId) {
      if (boardIds && !boardIds.includes(filters.boardId)) throw notFound('board');
      boardIds = [filters.boardId];
    }
    return pageAgencies(this.deps.db.kysely, boardIds, { sector: filters.sector, limit: filters.pageSize, offset: (filters.page - 1) * filters.pageSize });
  }

  /** Agencies of the boards on which the caller holds the permission, optionally of one board and sector. */
  async listAgenciesWhere(
    caller: Caller,
    permission: Permission,
    filters: { boardId?: string | undefined; sector?: Sector | undefined } = {},
  ): Promise<Agency[]> {
    const actor = this.requireActor(caller);
    let boardIds = boardsWhere(actor, permission);
    if (filters.boardId) {
      if (boardIds && !boardIds.includes(filters.boardId)) throw notFound('board');
      boardIds = [filters.boardId];
    }
    const agencies = await listAgencies(this.deps.db.kysely, boardIds);
    return filters.sector ? agencies.filter((a) => a.sector === filters.sector) : agencies;
  }

  /**
   * The agencies with these ids that belong to a board the caller can see: to name the agencies of a page
   * of people without loading every agency (3,000 at national scale; bench/README.md, finding 3).
   */
  async findAgencies(caller: Caller, ids: string[]): Promise<Agency[]> {
    const actor = this.requireActor(caller);
    const visible = visibleBoardIds(actor);
    const agencies = await findAgencies(this.deps.db.kysely, [...new Set(ids)]);
    return visible ? agencies.filter((a) => a.boardIds.some((b) => visible.includes(b))) : agencies;
  }

  /** An agency belonging to a board on which the caller holds the permission; otherwise not found. */
  async getAgencyWhere(caller: Caller, id: string, permission: Permission): Promise<Agency> {
    const actor = this.requireActor(caller);
    const agency = await this.getAgency(caller, id);
    if (!agency.boardIds.some((boardId) => can(actor, permission, { boardId })) && !isDeploymentAdministrator(actor)) throw notFound('agency');
    return agency;
  }

  async getAgency(caller: Caller, id: string): Promise<Agency> {
    const actor = this.requireActor(caller);
    const agency = await findAgency(this.deps.db.kysely, id);
    const visible = visibleBoardIds(actor);
    if (!agency || (visible && !agency.boardIds.some((b) => visible.includes(b)))) throw notFound('agency');
    return agency;
  }

  private checkAgencyBoards(caller: Caller, boardIds: string[], previous: string[] = []) {
    const actor = this.requireActor(caller);
    if (isDeploymentAdministrator(actor)) return;
    // A board administrator may add or remove only boards they administer.
    const touched = [...boardIds.filter((b) => !previous.includes(b)), ...previous.filter((b) => !boardIds.includes(b))];
    if (boardIds.length === 0 && previous.length === 0) throw invalid({ boardIds: 'agency.boardsRequired' });
    for (const boardId of touched) if (!can(actor, 'agency.manage', { boardId })) throw forbidden();
    if (!boardIds.concat(previous).some((boardId) => can(actor, 'agency.manage', { boardId }))) throw forbidden();
  }

  async createAgency(caller: Caller, input: AgencyInput): Promise<Agency> {
    checkText(AGENCY_TEXT, input);
    checkNames({ nameEn: input.nameEn, nameCy: input.nameCy });
    this.checkAgencyBoards(caller, input.boardIds);
    return inTransaction(this.deps.db, async (trx) => {
      for (const b of input.boardIds) if (!(await findBoard(trx, b))) throw invalid({ boardIds: 'board.unknown' });
      const at = this.deps.clock.now().toISOString();
      const agency: Agency = { id: newId(), ...input, isActive: true };
      await insertAgency(trx, agency, at);
      await this.deps.audit.record(trx, caller, {
        boardId: input.boardIds[0] ?? null,
        recordType: 'agency',
        recordId: agency.id,
        summary: { sector: agency.sector, boardIds: agency.boardIds },
      });
      return agency;
    });
  }

  async updateAgency(caller: Caller, id: string, input: AgencyInput & { isActive: boolean }): Promise<Agency> {
    checkText(AGENCY_TEXT, input);
    checkNames({ nameEn: input.nameEn, nameCy: input.nameCy });
    const before = await this.getAgency(caller, id);
    this.checkAgencyBoards(caller, input.boardIds, before.boardIds);
    return inTransaction(this.deps.db, async (trx) => {
      for (const b of input.boardIds) if (!(await findBoard(trx, b))) throw invalid({ boardIds: 'board.unknown' });
      const after: Agency = { ...before, ...input };
      if (changedFields(before, after).length === 0) return after;
      await updateAgency(trx, after, this.deps.clock.now().toISOString());
      await this.deps.audit.record(trx, caller, {
        boardId: after.boardIds[0] ?? before.boardIds[0] ?? null,
        recordType: 'agency',
        recordId: id,
        summary: { changed: changedFields(before, after), boardIds: after.boardIds, isActive: after.isActive },
      });
      return after;
    });
  }

  /** Deactivates or reactivates an agency (agencies are never deleted). */
  async setAgencyActive(caller: Caller, id: string, isActive: boolean): Promise<Agency> {
    const before = await this.getAgencyWhere(caller, id, 'agency.manage');
    const { nameEn, nameCy, sector, isStatutoryPartner, boardIds } = before;
    return this.updateAgency(caller, id, { nameEn, nameCy, sector, isStatutoryPartner, boardIds, isActive });
  }
}
