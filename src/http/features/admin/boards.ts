// Boards: deployment administrators create them (a short journey ending in check answers); board
// administrators see and edit their own boards.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Services } from '../../../container.ts';
import { BOARD_TYPES, type Board, type BoardType, localName, NATIONS, type Nation } from '../../../domain/organisation.ts';
import { isDeploymentAdministrator } from '../../../domain/permissions.ts';
import type { FieldErrors } from '../../../services/context.ts';
import type { BoardInput } from '../../../services/organisation-service.ts';
import { urls } from '../../../urls.ts';
import { type FormResult, formString, isInvalid, parseForm } from '../../forms.ts';
import { BoardDetailsStep, BoardRegionField, BoardTypeStep } from '../../journeys/commands.ts';
import { defineFlow } from '../../journeys/flow.ts';
import { changeHref, changeLinkId, registerJourney, type Subject } from '../../journeys/pages.ts';
import { dateParts, displayDate, parseDateParts, partsOf, raw, viewHelpers } from './form-helpers.ts';

type Body = Record<string, unknown>;

// The pages read the same step schemas as the API's board operations (src/http/journeys/commands.ts).
const DetailsForm = BoardDetailsStep;
const TypeForm = BoardTypeStep;

type Details = z.infer<typeof DetailsForm>;
interface More {
  region: string | null;
  validFromOn: string | null;
  validToOn: string | null;
  predecessorBoardId: string | null;
}

function merge<T>(...results: FormResult<Partial<T>>[]): FormResult<Partial<T>> {
  const errors: FieldErrors = {};
  let data: Partial<T> = {};
  for (const r of results) {
    if (r.ok) data = { ...data, ...r.data };
    else Object.assign(errors, r.errors);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data };
}

/** Region, valid from/to and predecessor: all optional, dates must be real and in order. */
function parseMore(body: Body, predecessorIds: string[]): FormResult<More> {
  const errors: FieldErrors = {};
  const regionForm = BoardRegionField.safeParse(formString(body.region) ?? null);
  const region = regionForm.success ? regionForm.data : null;
  if (!regionForm.success) errors.region = 'board.regionTooLong';
  const from = parseDateParts(dateParts(body, 'validFrom'));
  const to = parseDateParts(dateParts(body, 'validTo'));
  if (from === 'incomplete') errors.validFrom = 'board.validFromIncomplete';
  if (from === 'invalid') errors.validFrom = 'board.validFromInvalid';
  if (to === 'incomplete') errors.validTo = 'board.validToIncomplete';
  if (to === 'invalid') errors.validTo = 'board.validToInvalid';
  const validFromOn = from === 'incomplete' || from === 'invalid' ? null : from;
  const validToOn = to === 'incomplete' || to === 'invalid' ? null : to;
  if (validFromOn && validToOn && validToOn < validFromOn && !errors.validTo) errors.validTo = 'board.validToBeforeFrom';
  const predecessorBoardId = formString(body.predecessorBoardId) ?? null;
  if (predecessorBoardId && !predecessorIds.includes(predecessorBoardId)) errors.predecessorBoardId = 'board.unknown';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: { region, validFromOn, validToOn, predecessorBoardId } };
}

const MORE_FIELD_IDS = { validFrom: 'validFrom-day', validTo: 'validTo-day' };

function postedMore(body: Body) {
  return {
    region: raw(body, 'region'),
    validFrom: dateParts(body, 'validFrom'),
    validTo: dateParts(body, 'validTo'),
    predecessorBoardId: raw(body, 'predecessorBoardId'),
  };
}

function moreValues(a: Partial<More>) {
  return { region: a.region ?? '', validFrom: partsOf(a.validFromOn), validTo: partsOf(a.validToOn), predecessorBoardId: a.predecessorBoardId ?? '' };
}

/** Options and labels the board form fields need. */
function fieldOptions(req: FastifyRequest, predecessors: Board[]) {
  const t = req.t;
  return {
    boardTypes: BOARD_TYPES.map((v) => ({ value: v, text: t(`admin:boardTypes.${v}`) })),
    nations: NATIONS.map((v) => ({ value: v, text: t(`admin:nations.${v}`) })),
    predecessors: predecessors.map((b) => ({ value: b.id, text: `${localName(b, req.lang)} (${b.code})` })),
    ...viewHelpers(t),
  };
}

function boardRows(req: FastifyRequest, b: BoardInput, predecessor: Board | undefined, change?: (field: string, slug: string) => string) {
  const t = req.t;
  const none = t('admin:notGiven');
  const row = (field: string, slug: string, key: string, value: string) => ({
    key: { text: t(key) },
    value: { text: value || none },
    ...(change
      ? {
          actions: {
            items: [{ href: change(field, slug), text: t('common:change'), visuallyHiddenText: t(key).toLowerCase(), attributes: { id: changeLinkId(field) } }],
          },
        }
      : {}),
  });
  return [
    row('code', 'details', 'admin:board.code', b.code),
    row('nameEn', 'details', 'admin:board.nameEn', b.nameEn),
    row('nameCy', 'details', 'admin:board.nameCy', b.nameCy),
    row('boardType', 'type', 'admin:board.boardType', t(`admin:boardTypes.${b.boardType}`)),
    row('nation', 'type', 'admin:board.nation', t(`admin:nations.${b.nation}`)),
    row('region', 'more', 'admin:board.region', b.region ?? ''),
    row('validFrom', 'more', 'admin:board.validFrom', displayDate(t, b.validFromOn)),
    row('validTo', 'more', 'admin:board.validTo', displayDate(t, b.validToOn)),
    row('predecessorBoardId', 'more', 'admin:board.predecessor', predecessor ? `${localName(predecessor, req.lang)} (${predecessor.code})` : ''),
  ];
}

/** The "new board" journey: details, type and nation, then the optional rest. */
const FLOW = defineFlow<BoardInput>([
  { slug: 'details', fields: ['code', 'nameEn', 'nameCy'] },
  { slug: 'type', fields: ['boardType', 'nation'] },
  { slug: 'more', fields: ['region', 'validFrom', 'validTo', 'predecessorBoardId'], answers: ['region', 'validFromOn', 'validToOn', 'predecessorBoardId'] },
]);

export default async function boardRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation } = opts.services;

  app.get(urls.boards.pattern, { config: { access: 'board.manage', audit: 'BOARDS_LISTED' } }, async (req, reply) => {
    const boards = await organisation.listBoardsWhere(req.caller(), 'board.manage');
    return reply.page('features/admin/boards.njk', {
      boards: boards.map((b) => ({ ...b, name: localName(b, req.lang), type: req.t(`admin:boardTypes.${b.boardType}`) })),
      canCreate: req.actor ? isDeploymentAdministrator(req.actor) : false,
    });
  });

  registerJourney<BoardInput, Subject>(app, {
    name: 'board',
    path: urls.newBoard.pattern,
    access: 'deployment.administer',
    audit: {
      start: 'BOARD_CREATE_STARTED',
      stepViewed: 'BOARD_CREATE_STEP_VIEWED',
      stepAnswered: 'BOARD_CREATE_STEP_ANSWERED',
      checkViewed: 'BOARD_CREATE_CHECK_VIEWED',
      completed: 'BOARD_CREATED',
    },
    // One draft per reader: a new record has no subject yet.
    load: async () => ({ key: 'new', base: urls.newBoard() }),
    flow: () => FLOW,
    exitHref: () => urls.boards(),
    pages: [
      {
        slug: 'details',
        view: 'features/admin/board-details.njk',
        async parse(body) {
          const form = parseForm(DetailsForm, body);
          if (form.ok && (await organisation.isBoardCodeTaken(form.data.code))) return { ok: false, errors: { code: 'board.codeTaken' } };
          return form as FormResult<Partial<BoardInput>>;
        },
        values: (a) => ({ code: a.code ?? '', nameEn: a.nameEn ?? '', nameCy: a.nameCy ?? '' }),
        posted: (body) => ({ code: raw(body, 'code'), nameEn: raw(body, 'nameEn'), nameCy: raw(body, 'nameCy') }),
      },
      {
        slug: 'type',
        view: 'features/admin/board-type.njk',
        parse: async (body) => parseForm(TypeForm, body) as FormResult<Partial<BoardInput>>,
        values: (a) => ({ boardType: a.boardType ?? '', nation: a.nation ?? '' }),
        posted: (body) => ({ boardType: raw(body, 'boardType'), nation: raw(body, 'nation') }),
        fieldIds: { boardType: 'boardType', nation: 'nation' },
        context: async (req) => fieldOptions(req, []),
      },
      {
        slug: 'more',
        view: 'features/admin/board-more.njk',
        async parse(body, _l, req) {
          const boards = await organisation.listBoards(req.caller());
          return parseMore(
            body,
            boards.map((b) => b.id),
          );
        },
        values: moreValues,
        posted: postedMore,
        fieldIds: MORE_FIELD_IDS,
        context: async (req) => fieldOptions(req, await organisation.listBoards(req.caller())),
      },
    ],
    check: {
      view: 'features/admin/board-check-answers.njk',
      async context(req, _l, answers) {
        const predecessor = answers.predecessorBoardId
          ? (await organisation.listBoards(req.caller())).find((b) => b.id === answers.predecessorBoardId)
          : undefined;
        return { rows: boardRows(req, answers, predecessor, (_field, slug) => changeHref(urls.newBoard(), slug)) };
      },
    },
    async complete(req, _l, answers) {
      const board = await organisation.createBoard(req.caller(), answers);
      req.session.flash = req.t('admin:board.created', { name: localName(board, req.lang) });
      return urls.board(board.id);
    },
  });

  app.get(urls.board.pattern, { config: { access: 'board.manage', audit: 'BOARD_VIEWED' } }, async (req, reply) => {
    const { boardId } = req.params as { boardId: string };
    const board = await organisation.getBoardWhere(req.caller(), boardId, 'board.manage');
    const predecessor = board.predecessorBoardId ? await organisation.getBoard(req.caller(), board.predecessorBoardId).catch(() => undefined) : undefined;
    return reply.page('features/admin/board.njk', {
      board: { ...board, name: localName(board, req.lang) },
      rows: [
        ...boardRows(req, board, predecessor),
        { key: { text: req.t('admin:board.status') }, value: { text: req.t(board.isActive ? 'admin:status.active' : 'admin:status.inactive') } },
      ],
    });
  });

  async function editContext(req: FastifyRequest, board: Board) {
    const boards = await organisation.listBoards(req.caller());
    return {
      board: { ...board, name: localName(board, req.lang) },
      ...fieldOptions(
        req,
        boards.filter((b) => b.id !== board.id),
      ),
      fieldIds: { ...MORE_FIELD_IDS, boardType: 'boardType', nation: 'nation', isActive: 'isActive' },
    };
  }

  app.get(urls.boardEdit.pattern, { config: { access: 'board.manage', audit: 'BOARD_EDIT_VIEWED' } }, async (req, reply) => {
    const { boardId } = req.params as { boardId: string };
    const board = await organisation.getBoardWhere(req.caller(), boardId, 'board.manage');
    const values = {
      code: board.code,
      nameEn: board.nameEn,
      nameCy: board.nameCy,
      boardType: board.boardType,
      nation: board.nation,
      ...moreValues(board),
      isActive: board.isActive ? 'yes' : 'no',
    };
    return reply.page('features/admin/board-edit.njk', { ...(await editContext(req, board)), values });
  });

  app.post(urls.boardEdit.pattern, { config: { access: 'board.manage', audit: 'BOARD_UPDATED' } }, async (req, reply) => {
    const { boardId } = req.params as { boardId: string };
    const board = await organisation.getBoardWhere(req.caller(), boardId, 'board.manage');
    const body = (req.body ?? {}) as Body;
    const context = await editContext(req, board);
    const values = {
      code: raw(body, 'code'),
      nameEn: raw(body, 'nameEn'),
      nameCy: raw(body, 'nameCy'),
      boardType: raw(body, 'boardType'),
      nation: raw(body, 'nation'),
      ...postedMore(body),
      isActive: raw(body, 'isActive'),
    };
    const isActive = body.isActive === 'yes' ? true : body.isActive === 'no' ? false : undefined;
    const form = merge<BoardInput & { isActive: boolean }>(
      parseForm(DetailsForm, body) as FormResult<Partial<BoardInput>>,
      parseForm(TypeForm, body) as FormResult<Partial<BoardInput>>,
      parseMore(
        body,
        context.predecessors.map((p) => p.value),
      ),
      isActive === undefined ? { ok: false, errors: { isActive: 'board.statusRequired' } } : { ok: true, data: { isActive } },
    );
    if (!form.ok) return reply.page('features/admin/board-edit.njk', { ...context, values }, { errors: form.errors });
    const data = form.data as Details & { boardType: BoardType; nation: Nation } & More & { isActive: boolean };
    try {
      await organisation.updateBoard(req.caller(), boardId, data);
    } catch (error) {
      if (isInvalid(error)) return reply.page('features/admin/board-edit.njk', { ...context, values }, { errors: error.fieldErrors });
      throw error;
    }
    req.session.flash = req.t('admin:board.updated');
    return reply.redirect(urls.board(boardId));
  });
}
