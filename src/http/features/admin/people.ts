// People: list and search, create (with check answers), deactivate (never delete) and reactivate. A
// person's page is person.ts, changing details person-edit.ts, roles roles.ts, invitations invitations.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { type Agency, type Board, localName } from '../../../domain/organisation.ts';
import { urls } from '../../../urls.ts';
import { formString, isInvalid } from '../../forms.ts';
import { defineFlow } from '../../journeys/flow.ts';
import { changeHref, changeLinkId, registerJourney, type Subject } from '../../journeys/pages.ts';
import { clampPage, pageCount, paginationView, requestedPage } from '../../pagination.ts';
import { viewHelpers } from './form-helpers.ts';
import { FIELD_IDS, type NewPerson, personForm, posted, values } from './person-form.ts';

const PAGE_SIZE = 25;

/** The "add a person" journey: one page of details (and, for someone independent, a board and first role). */
const FLOW = defineFlow<NewPerson>([{ slug: 'details', fields: ['fullName', 'email', 'jobTitle', 'agencyId', 'language', 'boardId', 'initialRole'] }]);

export default async function peopleRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation, people } = opts.services;

  const manageableBoards = (req: FastifyRequest) => organisation.listBoardsWhere(req.caller(), 'person.manage');
  const manageableAgencies = (req: FastifyRequest) => organisation.listAgenciesWhere(req.caller(), 'person.manage');
  const { formContext, parseDetails } = personForm(opts.services);

  function personRows(req: FastifyRequest, p: NewPerson, agencies: Agency[], boards: Board[], change?: string) {
    const t = req.t;
    const agency = p.agencyId ? agencies.find((a) => a.id === p.agencyId) : undefined;
    const board = p.boardId ? boards.find((b) => b.id === p.boardId) : undefined;
    const row = (field: string, key: string, value: string) => ({
      key: { text: t(key) },
      value: { text: value || t('admin:notGiven') },
      ...(change
        ? {
            actions: { items: [{ href: change, text: t('common:change'), visuallyHiddenText: t(key).toLowerCase(), attributes: { id: changeLinkId(field) } }] },
          }
        : {}),
    });
    const rows = [
      row('fullName', 'admin:person.fullName', p.fullName),
      row('email', 'admin:person.email', p.email),
      row('jobTitle', 'admin:person.jobTitle', p.jobTitle ?? ''),
      row('agencyId', 'admin:person.agency', agency ? localName(agency, req.lang) : t('admin:person.independent')),
      row('language', 'admin:person.language', t(`common:languages.${p.language}`)),
    ];
    if (!p.agencyId && (board || p.initialRole)) {
      rows.push(row('boardId', 'admin:person.board', board ? localName(board, req.lang) : ''));
      rows.push(row('initialRole', 'admin:person.initialRole', p.initialRole ? t(`common:roles.${p.initialRole}`) : ''));
    }
    return rows;
  }

  // ---- List ---------------------------------------------------------------------------------------

  app.get(urls.people.pattern, { config: { access: 'person.manage', audit: 'PEOPLE_LISTED' } }, async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const boards = await organisation.listBoardNamesWhere(req.caller(), 'person.manage');
    const text = formString(query.q);
    const boardValue = formString(query.boardId);
    const boardId = boards.some((b) => b.id === boardValue) ? boardValue : undefined;
    const list = async (page: number) =>
      boardValue && !boardId
        ? { people: [], total: 0 }
        : await people.list(req.caller(), {
            text: text?.slice(0, 200),
            boardId,
            page,
            pageSize: PAGE_SIZE,
            includeDeactivated: true,
            permission: 'person.manage',
          });
    // A page beyond the last (however large the number asked for) shows the last.
    const requested = requestedPage(query.page);
    let result = await list(requested);
    const page = clampPage(requested, result.total, PAGE_SIZE);
    if (page !== requested) result = await list(page);
    const pages = pageCount(result.total, PAGE_SIZE);
    const agencies = await organisation.findAgencies(
      req.caller(),
      result.people.flatMap((p) => (p.agencyId ? [p.agencyId] : [])),
    );
    const agencyName = new Map(agencies.map((a) => [a.id, localName(a, req.lang)]));
    const href = (page: number) => urls.people({ q: text, boardId, page });
    return reply.page('features/admin/people.njk', {
      filters: { q: text ?? '', boardId: boardId ?? '' },
      boardOptions: boards.map((b) => ({ value: b.id, text: localName(b, req.lang) })),
      ...viewHelpers(req.t),
      total: result.total,
      people: result.people.map((p) => ({
        id: p.id,
        fullName: p.fullName,
        email: p.email,
        agency: p.agencyId ? (agencyName.get(p.agencyId) ?? '') : req.t('admin:person.independent'),
        deactivated: p.deactivatedAt !== null,
      })),
      pagination: paginationView(req.t, { page, pages, href, landmarkLabel: req.t('admin:people.paginationLabel') }),
    });
  });

  // ---- Create -------------------------------------------------------------------------------------

  registerJourney<NewPerson, Subject>(app, {
    name: 'person',
    path: urls.newPerson.pattern,
    access: 'person.manage',
    audit: {
      start: 'PERSON_CREATE_STARTED',
      stepViewed: 'PERSON_CREATE_STEP_VIEWED',
      stepAnswered: 'PERSON_CREATE_STEP_ANSWERED',
      checkViewed: 'PERSON_CREATE_CHECK_VIEWED',
      completed: 'PERSON_CREATED',
    },
    // One draft per reader: a new record has no subject yet.
    load: async () => ({ key: 'new', base: urls.newPerson() }),
    flow: () => FLOW,
    exitHref: () => urls.people(),
    pages: [
      {
        slug: 'details',
        view: 'features/admin/person-details.njk',
        parse: (body, _l, req) => parseDetails(req, body, { withBoard: true }),
        values,
        posted,
        fieldIds: FIELD_IDS,
        context: (req) => formContext(req),
      },
    ],
    check: {
      view: 'features/admin/person-check-answers.njk',
      async context(req, _l, answers) {
        const [agencies, boards] = await Promise.all([manageableAgencies(req), manageableBoards(req)]);
        return { rows: personRows(req, answers, agencies, boards, changeHref(urls.newPerson(), 'details')) };
      },
    },
    async complete(req, _l, answers) {
      const person = await people.create(req.caller(), answers);
      req.session.flash = req.t('admin:person.created', { name: person.fullName });
      return urls.person(person.id);
    },
  });

  const personParam = async (req: FastifyRequest) => {
    const { personId } = req.params as { personId: string };
    return people.get(req.caller(), personId, 'person.manage');
  };

  // ---- Deactivate and reactivate ------------------------------------------------------------------

  app.get(urls.personDeactivate.pattern, { config: { access: 'person.manage', audit: 'PERSON_DEACTIVATE_VIEWED' } }, async (req, reply) => {
    const person = await personParam(req);
    if (!(await people.canManage(req.caller(), person))) return reply.page('errors/forbidden.njk', {}, { status: 403 });
    if (person.deactivatedAt) return reply.redirect(urls.person(person.id));
    return reply.page('features/admin/person-deactivate.njk', { person });
  });

  app.post(urls.personDeactivate.pattern, { config: { access: 'person.manage', audit: 'PERSON_DEACTIVATED' } }, async (req, reply) => {
    const person = await personParam(req);
    try {
      await people.deactivate(req.caller(), person.id);
    } catch (error) {
      if (isInvalid(error))
        return reply.page('features/admin/person-deactivate.njk', { person, fieldIds: { person: 'confirm' } }, { errors: error.fieldErrors });
      throw error;
    }
    req.session.flash = req.t('admin:person.deactivated', { name: person.fullName });
    return reply.redirect(urls.person(person.id));
  });

  app.post(urls.personReactivate.pattern, { config: { access: 'person.manage', audit: 'PERSON_REACTIVATED' } }, async (req, reply) => {
    const person = await personParam(req);
    await people.reactivate(req.caller(), person.id);
    req.session.flash = req.t('admin:person.reactivated', { name: person.fullName });
    return reply.redirect(urls.person(person.id));
  });
}
