// Agencies (partner organisations): list with filters, create with check answers, edit, deactivate and
// reactivate. Board administrators see and change only the memberships of boards they administer.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { type Agency, type BoardName, localName, SECTORS } from '../../../domain/organisation.ts';
import type { AgencyInput } from '../../../services/organisation-service.ts';
import { urls } from '../../../urls.ts';
import { type FormResult, formList, formString, isInvalid, parseForm } from '../../forms.ts';
import { AgencyDetailsStep } from '../../journeys/commands.ts';
import { defineFlow } from '../../journeys/flow.ts';
import { changeHref, changeLinkId, registerJourney, type Subject } from '../../journeys/pages.ts';
import { clampPage, pageCount, paginationView, requestedPage } from '../../pagination.ts';
import { raw, viewHelpers } from './form-helpers.ts';

type Body = Record<string, unknown>;

function agencyForm(boardIds: string[]) {
  // The names and sector as the API's agency operations read them (src/http/journeys/commands.ts).
  return AgencyDetailsStep.extend({
    isStatutoryPartner: z.enum(['yes', 'no'], { error: 'agency.statutoryRequired' }).transform((v) => v === 'yes'),
    boardIds: z.preprocess(
      formList,
      z
        .array(z.string())
        .min(1, 'agency.boardsRequired')
        .refine((ids) => ids.every((id) => boardIds.includes(id)), 'board.unknown'),
    ),
  });
}

function posted(body: Body) {
  return {
    nameEn: raw(body, 'nameEn'),
    nameCy: raw(body, 'nameCy'),
    sector: raw(body, 'sector'),
    isStatutoryPartner: raw(body, 'isStatutoryPartner'),
    boardIds: formList(body.boardIds),
  };
}

function values(a: Partial<AgencyInput>) {
  return {
    nameEn: a.nameEn ?? '',
    nameCy: a.nameCy ?? '',
    sector: a.sector ?? '',
    isStatutoryPartner: a.isStatutoryPartner === undefined ? '' : a.isStatutoryPartner ? 'yes' : 'no',
    boardIds: a.boardIds ?? [],
  };
}

const FIELD_IDS = { sector: 'sector', isStatutoryPartner: 'isStatutoryPartner', boardIds: 'boardIds' };

/** Agencies per page of the list. */
const PAGE_SIZE = 50;

/** The "new agency" journey: one page of details. */
const FLOW = defineFlow<AgencyInput>([{ slug: 'details', fields: ['nameEn', 'nameCy', 'sector', 'isStatutoryPartner', 'boardIds'] }]);

export default async function agencyRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation } = opts.services;

  const manageableBoards = (req: FastifyRequest) => organisation.listBoardsWhere(req.caller(), 'agency.manage');

  function formContext(req: FastifyRequest, boards: BoardName[]) {
    return {
      sectors: SECTORS.map((s) => ({ value: s, text: req.t(`common:sectors.${s}`) })),
      yesNo: [
        { value: 'yes', text: req.t('common:yes') },
        { value: 'no', text: req.t('common:no') },
      ],
      boardOptions: boards.map((b) => ({ value: b.id, text: localName(b, req.lang) })),
      ...viewHelpers(req.t),
    };
  }

  function rows(req: FastifyRequest, a: AgencyInput, boards: BoardName[], change?: string) {
    const t = req.t;
    const names = a.boardIds.map((id) => boards.find((b) => b.id === id)).flatMap((b) => (b ? [localName(b, req.lang)] : []));
    const row = (field: string, key: string, value: string) => ({
      key: { text: t(key) },
      value: { text: value },
      ...(change
        ? {
            actions: { items: [{ href: change, text: t('common:change'), visuallyHiddenText: t(key).toLowerCase(), attributes: { id: changeLinkId(field) } }] },
          }
        : {}),
    });
    return [
      row('nameEn', 'admin:agency.nameEn', a.nameEn),
      row('nameCy', 'admin:agency.nameCy', a.nameCy),
      row('sector', 'admin:agency.sector', t(`common:sectors.${a.sector}`)),
      row('isStatutoryPartner', 'admin:agency.statutory', t(a.isStatutoryPartner ? 'common:yes' : 'common:no')),
      row('boardIds', 'admin:agency.boards', names.join(', ')),
    ];
  }

  app.get(urls.agencies.pattern, { config: { access: 'agency.manage', audit: 'AGENCIES_LISTED' } }, async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const boards = await organisation.listBoardNamesWhere(req.caller(), 'agency.manage');
    const boardId = formString(query.boardId);
    const sectorValue = formString(query.sector);
    const sector = SECTORS.find((s) => s === sectorValue);
    const list = async (page: number) =>
      boardId && !boards.some((b) => b.id === boardId)
        ? { agencies: [], total: 0 }
        : await organisation.pageAgenciesWhere(req.caller(), 'agency.manage', { boardId, sector, page, pageSize: PAGE_SIZE });
    // A page beyond the last (however large the number asked for) shows the last.
    const requested = requestedPage(query.page);
    let found = await list(requested);
    const page = clampPage(requested, found.total, PAGE_SIZE);
    if (page !== requested) found = await list(page);
    const { agencies, total } = found;
    const boardName = new Map(boards.map((b) => [b.id, localName(b, req.lang)]));
    const href = (page: number) => urls.agencies({ boardId, sector, page });
    return reply.page('features/admin/agencies.njk', {
      ...formContext(req, boards),
      filters: { boardId: boardId ?? '', sector: sector ?? '' },
      total,
      pagination: paginationView(req.t, {
        page,
        pages: pageCount(total, PAGE_SIZE),
        href,
        landmarkLabel: req.t('admin:agencies.paginationLabel'),
      }),
      agencies: agencies.map((a) => ({
        id: a.id,
        name: localName(a, req.lang),
        sector: req.t(`common:sectors.${a.sector}`),
        statutory: req.t(a.isStatutoryPartner ? 'common:yes' : 'common:no'),
        boards: a.boardIds.flatMap((id) => boardName.get(id) ?? []).join(', '),
        isActive: a.isActive,
      })),
    });
  });

  registerJourney<AgencyInput, Subject>(app, {
    name: 'agency',
    path: urls.newAgency.pattern,
    access: 'agency.manage',
    audit: {
      start: 'AGENCY_CREATE_STARTED',
      stepViewed: 'AGENCY_CREATE_STEP_VIEWED',
      stepAnswered: 'AGENCY_CREATE_STEP_ANSWERED',
      checkViewed: 'AGENCY_CREATE_CHECK_VIEWED',
      completed: 'AGENCY_CREATED',
    },
    // One draft per reader: a new record has no subject yet.
    load: async () => ({ key: 'new', base: urls.newAgency() }),
    flow: () => FLOW,
    exitHref: () => urls.agencies(),
    pages: [
      {
        slug: 'details',
        view: 'features/admin/agency-details.njk',
        async parse(body, _l, req) {
          const boards = await manageableBoards(req);
          return parseForm(agencyForm(boards.map((b) => b.id)), body) as FormResult<Partial<AgencyInput>>;
        },
        values,
        posted,
        fieldIds: FIELD_IDS,
        context: async (req) => formContext(req, await manageableBoards(req)),
      },
    ],
    check: {
      view: 'features/admin/agency-check-answers.njk',
      context: async (req, _l, answers) => ({ rows: rows(req, answers, await manageableBoards(req), changeHref(urls.newAgency(), 'details')) }),
    },
    async complete(req, _l, answers) {
      const agency = await organisation.createAgency(req.caller(), answers);
      req.session.flash = req.t('admin:agency.created', { name: localName(agency, req.lang) });
      return urls.agency(agency.id);
    },
  });

  const agencyParam = async (req: FastifyRequest): Promise<Agency> => {
    const { agencyId } = req.params as { agencyId: string };
    return organisation.getAgencyWhere(req.caller(), agencyId, 'agency.manage');
  };

  app.get(urls.agency.pattern, { config: { access: 'agency.manage', audit: 'AGENCY_VIEWED' } }, async (req, reply) => {
    const agency = await agencyParam(req);
    const boards = await organisation.listBoards(req.caller());
    return reply.page('features/admin/agency.njk', {
      agency: { ...agency, name: localName(agency, req.lang) },
      rows: [
        ...rows(req, agency, boards),
        { key: { text: req.t('admin:agency.status') }, value: { text: req.t(agency.isActive ? 'admin:status.active' : 'admin:status.inactive') } },
      ],
    });
  });

  async function editPage(req: FastifyRequest, agency: Agency) {
    const boards = await manageableBoards(req);
    return { agency: { ...agency, name: localName(agency, req.lang) }, ...formContext(req, boards), fieldIds: FIELD_IDS, boards };
  }

  app.get(urls.agencyEdit.pattern, { config: { access: 'agency.manage', audit: 'AGENCY_EDIT_VIEWED' } }, async (req, reply) => {
    const agency = await agencyParam(req);
    return reply.page('features/admin/agency-edit.njk', { ...(await editPage(req, agency)), values: values(agency) });
  });

  app.post(urls.agencyEdit.pattern, { config: { access: 'agency.manage', audit: 'AGENCY_UPDATED' } }, async (req, reply) => {
    const agency = await agencyParam(req);
    const context = await editPage(req, agency);
    const body = (req.body ?? {}) as Body;
    const manageable = context.boards.map((b) => b.id);
    const form = parseForm(agencyForm(manageable), body);
    if (!form.ok) return reply.page('features/admin/agency-edit.njk', { ...context, values: posted(body) }, { errors: form.errors });
    // Memberships of boards the administrator does not administer are kept as they are.
    const boardIds = [...form.data.boardIds, ...agency.boardIds.filter((id) => !manageable.includes(id))];
    try {
      await organisation.updateAgency(req.caller(), agency.id, { ...form.data, boardIds, isActive: agency.isActive });
    } catch (error) {
      if (isInvalid(error)) return reply.page('features/admin/agency-edit.njk', { ...context, values: posted(body) }, { errors: error.fieldErrors });
      throw error;
    }
    req.session.flash = req.t('admin:agency.updated');
    return reply.redirect(urls.agency(agency.id));
  });

  for (const [path, isActive, audit] of [
    [urls.agencyDeactivate, false, 'AGENCY_DEACTIVATED'],
    [urls.agencyReactivate, true, 'AGENCY_REACTIVATED'],
  ] as const) {
    app.post(path.pattern, { config: { access: 'agency.manage', audit } }, async (req, reply) => {
      const agency = await agencyParam(req);
      await organisation.setAgencyActive(req.caller(), agency.id, isActive);
      req.session.flash = req.t(isActive ? 'admin:agency.reactivated' : 'admin:agency.deactivated', { name: localName(agency, req.lang) });
      return reply.redirect(urls.agency(agency.id));
    });
  }
}
