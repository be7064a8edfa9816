// Boards: list, read, create (deployment administrators), replace and change (board administrators).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import type { Board as BoardRecord } from '../../../domain/organisation.ts';
import { invalid } from '../../../services/context.ts';
import { BoardParams, problems } from '../../api/schemas.ts';
import { Board, BoardCreate, BoardPatch, BoardReplace } from './api-schemas.ts';

const tags = ['boards'];

export default async function boardRoutes(root: FastifyInstance, opts: { services: Services }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { organisation } = opts.services;

  app.get(
    '/boards',
    {
      config: { access: 'board.view', audit: 'BOARDS_LISTED' },
      schema: {
        tags,
        operationId: 'listBoards',
        summary: 'The boards the token holder can see',
        response: { 200: z.object({ boards: z.array(Board) }), ...problems() },
      },
    },
    async (req) => ({ boards: await organisation.listBoards(req.caller()) }),
  );

  app.get(
    '/boards/:boardId',
    {
      config: { access: 'board.view', audit: 'BOARD_VIEWED' },
      schema: { tags, operationId: 'getBoard', summary: 'One board', params: BoardParams, response: { 200: Board, ...problems(400, 404) } },
    },
    async (req) => organisation.getBoard(req.caller(), req.params.boardId),
  );

  app.post(
    '/boards',
    {
      config: { access: 'deployment.administer', audit: 'BOARD_CREATED' },
      schema: {
        tags,
        operationId: 'createBoard',
        summary: 'Create a board (deployment administrators)',
        body: BoardCreate,
        response: { 201: Board, ...problems(400, 413, 422) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const board = await organisation.createBoard(req.caller(), {
        code: b.code,
        nameEn: b.nameEn,
        nameCy: b.nameCy,
        boardType: b.boardType,
        nation: b.nation,
        region: b.region ?? null,
        validFromOn: b.validFromOn ?? null,
        validToOn: b.validToOn ?? null,
        predecessorBoardId: b.predecessorBoardId ?? null,
      });
      return reply
        .code(201)
        .header('location', `${req.url.replace(/\?.*$/, '')}/${board.id}`)
        .send(board);
    },
  );

  app.put(
    '/boards/:boardId',
    {
      config: { access: 'board.manage', audit: 'BOARD_UPDATED' },
      schema: {
        tags,
        operationId: 'replaceBoard',
        summary: 'Replace a board’s details',
        params: BoardParams,
        body: BoardReplace,
        response: { 200: Board, ...problems(400, 404, 413, 422) },
      },
    },
    async (req) => {
      const b = req.body;
      return organisation.updateBoard(req.caller(), req.params.boardId, {
        code: b.code,
        nameEn: b.nameEn,
        nameCy: b.nameCy,
        boardType: b.boardType,
        nation: b.nation,
        region: b.region ?? null,
        validFromOn: b.validFromOn ?? null,
        validToOn: b.validToOn ?? null,
        predecessorBoardId: b.predecessorBoardId ?? null,
        isActive: b.isActive,
      });
    },
  );

  app.patch(
    '/boards/:boardId',
    {
      config: { access: 'board.manage', audit: 'BOARD_UPDATED' },
      schema: {
        tags,
        operationId: 'changeBoard',
        summary: 'Change some of a board’s details (fields left out keep their values)',
        params: BoardParams,
        body: BoardPatch,
        response: { 200: Board, ...problems(400, 404, 413, 422) },
      },
    },
    async (req) => {
      const caller = req.caller();
      const before: BoardRecord = await organisation.getBoard(caller, req.params.boardId);
      const b = req.body;
      const after = {
        code: b.code ?? before.code,
        nameEn: b.nameEn ?? before.nameEn,
        nameCy: b.nameCy ?? before.nameCy,
        boardType: b.boardType ?? before.boardType,
        nation: b.nation ?? before.nation,
        region: b.region === undefined ? before.region : b.region,
        validFromOn: b.validFromOn === undefined ? before.validFromOn : b.validFromOn,
        validToOn: b.validToOn === undefined ? before.validToOn : b.validToOn,
        predecessorBoardId: b.predecessorBoardId === undefined ? before.predecessorBoardId : b.predecessorBoardId,
        isActive: b.isActive ?? before.isActive,
      };
      if (after.validFromOn && after.validToOn && after.validToOn < after.validFromOn) throw invalid({ validToOn: 'board.validToBeforeFrom' });
      return organisation.updateBoard(caller, req.params.boardId, after);
    },
  );
}
