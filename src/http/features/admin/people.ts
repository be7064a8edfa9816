// People: list and search, view, create (with check answers), edit, deactivate (never delete) and
// reactivate. Roles and invitations are in roles.ts and invitations.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { type Agency, type Board, LANGUAGES, localName } from '../../../domain/organisation.ts';
import { isDeploymentAdministrator } from '../../../domain/permissions.ts';
import { BOARD_ROLES, type BoardRole } from '../../../domain/roles.ts';
import type { FieldErrors } from '../../../services/context.ts';
import type { PersonInput } from '../../../services/people-service.ts';
import { type FormResult, formString, isInvalid, parseForm } from '../../forms.ts';
import { clampPage, pageCount, paginationView, requestedPage } from '../../pagination.ts';
import { displayDateTime, raw, viewHelpers } from './form-helpers.ts';
import { changeHref, changeLinkId, registerJourney } from './journey.ts';

type Body = Record<string, unknown>;
const NEW = '/admin/people/new';
const PAGE_SIZE = 25;
const INDEPENDENT = 'independent';

type NewPerson = PersonInput & { boardId: string | null; initialRole: BoardRole | null };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const DetailsForm = z.object({
  fullName: z.string({ error: 'fullName.required' }).trim().min(1, 'fullName.required').max(200, 'fullName.tooLong'),
  email: z
    .string({ error: 'email.required' })
    .trim()
    .min(1, 'email.required')
    .max(320, 'email.invalid')
    .regex(EMAIL, 'email.invalid')
    .transform((v) => v.toLowerCase()),
  jobTitle: z
    .string()
    .trim()
    .max(200, 'person.jobTitleTooLong')
    .optional()
    .transform((v) => (v ? v : null)),
  agencyId: z.string({ error: 'person.agencyRequired' }).trim().min(1, 'person.agencyRequired'),
  language: z.enum(LANGUAGES, { error: 'person.languageRequired' }),
});

const FIELD_IDS = { agencyId: 'agencyId', language: 'language', initialRole: 'initialRole', boardId: 'boardId' };

function posted(body: Body) {
  return {
    fullName: raw(body, 'fullName'),
    email: raw(body, 'email'),
    jobTitle: raw(body, 'jobTitle'),
    agencyId: raw(body, 'agencyId'),
    language: raw(body, 'language'),
    boardId: raw(body, 'boardId'),
    initialRole: raw(body, 'initialRole'),
  };
}

function values(a: Partial<NewPerson>) {
  return {
    fullName: a.fullName ?? '',
    email: a.email ?? '',
    jobTitle: a.jobTitle ?? '',
    agencyId: a.agencyId === undefined ? '' : (a.agencyId ?? INDEPENDENT),
    language: a.language ?? '',
    boardId: a.boardId ?? '',
    initialRole: a.initialRole ?? '',
  };
}

export default async function peopleRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation, people } = opts.services;

  const manageableBoards = (req: FastifyRequest) => organisation.listBoardsWhere(req.caller(), 'person.manage');
  const manageableAgencies = (req: FastifyRequest) => organisation.listAgenciesWhere(req.caller(), 'person.manage');

  async function formContext(req: FastifyRequest, current?: string | null) {
    const [agencies, boards, roleBoards] = await Promise.all([
      manageableAgencies(req),
      manageableBoards(req),
      organisation.listBoardsWhere(req.caller(), 'role.manage'),
    ]);
    return {
      agencyOptions: [
        ...agencies.filter((a) => a.isActive || a.id === current).map((a) => ({ value: a.id, text: localName(a, req.lang) })),
        { value: INDEPENDENT, text: req.t('admin:person.independent') },
      ],
      languages: LANGUAGES.map((l) => ({ value: l, text: req.t(`common:languages.${l}`) })),
      boardOptions: roleBoards.filter((b) => boards.some((m) => m.id === b.id)).map((b) => ({ value: b.id, text: localName(b, req.lang) })),
      roleOptions: BOARD_ROLES.map((r) => ({ value: r, text: req.t(`common:roles.${r}`) })),
      isDeploymentAdministrator: req.actor ? isDeploymentAdministrator(req.actor) : false,
      ...viewHelpers(req.t),
    };
  }

  /** The details form: agency (or independent, then a board and first role), checked against the options offered. */
  async function parseDetails(
    req: FastifyRequest,
    body: Body,
    options: { withBoard: boolean; exceptId?: string; currentAgencyId?: string | null },
  ): Promise<FormResult<NewPerson>> {
    const context = await formContext(req, options.currentAgencyId);
    const form = parseForm(DetailsForm, body);
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    const agencyId = formString(body.agencyId);
    if (agencyId && !context.agencyOptions.some((o) => o.value === agencyId)) errors.agencyId = 'person.agencyUnknown';
    let boardId: string | null = null;
    let initialRole: BoardRole | null = null;
    if (options.withBoard && agencyId === INDEPENDENT) {
      boardId = formString(body.boardId) ?? null;
      const role = formString(body.initialRole);
      initialRole = BOARD_ROLES.find((r) => r === role) ?? null;
      if (boardId && !context.boardOptions.some((o) => o.value === boardId)) errors.boardId = 'board.unknown';
      if (role && !initialRole) errors.initialRole = 'role.unknown';
      const required = !context.isDeploymentAdministrator || boardId || initialRole;
      if (required && !boardId && !errors.boardId) errors.boardId = 'person.boardRequired';
      if (required && !initialRole && !errors.initialRole) errors.initialRole = 'person.initialRoleRequired';
    }
    if (form.ok && !errors.email && (await people.isEmailTaken(form.data.email, options.exceptId))) errors.email = 'email.taken';
    if (!form.ok || Object.keys(errors).length > 0) return { ok: false, errors };
    return { ok: true, data: { ...form.data, agencyId: form.data.agencyId === INDEPENDENT ? null : form.data.agencyId, boardId, initialRole } };
  }

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

  app.get('/admin/people', { config: { access: 'person.manage', audit: 'PEOPLE_LISTED' } }, async (req, reply) => {
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
    const href = (n: number) => {
      const params = new URLSearchParams();
      if (text) params.set('q', text);
      if (boardId) params.set('boardId', boardId);
      params.set('page', String(n));
      return `/admin/people?${params.toString()}`;
    };
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

  registerJourney<NewPerson>(app, {
    name: 'person',
    path: NEW,
    access: 'person.manage',
    audit: {
      start: 'PERSON_CREATE_STARTED',
      stepViewed: 'PERSON_CREATE_STEP_VIEWED',
      stepAnswered: 'PERSON_CREATE_STEP_ANSWERED',
      checkViewed: 'PERSON_CREATE_CHECK_VIEWED',
      completed: 'PERSON_CREATED',
    },
    exitHref: '/admin/people',
    steps: [
      {
        slug: 'details',
        view: 'features/admin/person-details.njk',
        parse: (body, req) => parseDetails(req, body, { withBoard: true }),
        values,
        posted,
        fieldIds: FIELD_IDS,
        context: (req) => formContext(req),
      },
    ],
    checkAnswersView: 'features/admin/person-check-answers.njk',
    async checkAnswers(req, answers) {
      const [agencies, boards] = await Promise.all([manageableAgencies(req), manageableBoards(req)]);
      return { rows: personRows(req, answers, agencies, boards, changeHref(NEW, 'details')) };
    },
    async complete(req, answers) {
      const person = await people.create(req.caller(), answers);
      req.session.flash = req.t('admin:person.created', { name: person.fullName });
      return `/admin/people/${person.id}`;
    },
    fieldSteps: {
      fullName: 'details',
      email: 'details',
      jobTitle: 'details',
      agencyId: 'details',
      language: 'details',
      boardId: 'details',
      initialRole: 'details',
    },
  });

  // ---- View ---------------------------------------------------------------------------------------

  const personParam = async (req: FastifyRequest) => {
    const { personId } = req.params as { personId: string };
    return people.get(req.caller(), personId, 'person.manage');
  };

  app.get('/admin/people/:personId', { config: { access: 'person.manage', audit: 'PERSON_VIEWED' } }, async (req, reply) => {
    const person = await personParam(req);
    const caller = req.caller();
    const [boards, agency, canManage, invitations, roleBoards] = await Promise.all([
      organisation.listBoards(caller),
      person.agencyId ? organisation.getAgency(caller, person.agencyId).catch(() => undefined) : undefined,
      people.canManage(caller, person),
      people.openInvitations(caller, person.id).catch(() => []),
      organisation.listBoardsWhere(caller, 'role.manage'),
    ]);
    const boardName = new Map(boards.map((b) => [b.id, localName(b, req.lang)]));
    const deploymentAdmin = req.actor ? isDeploymentAdministrator(req.actor) : false;
    const t = req.t;
    const rows = [
      { key: { text: t('admin:person.fullName') }, value: { text: person.fullName } },
      { key: { text: t('admin:person.email') }, value: { text: person.email } },
      { key: { text: t('admin:person.jobTitle') }, value: { text: person.jobTitle ?? t('admin:notGiven') } },
      { key: { text: t('admin:person.agency') }, value: { text: agency ? localName(agency, req.lang) : t('admin:person.independent') } },
      { key: { text: t('admin:person.language') }, value: { text: t(`common:languages.${person.language}`) } },
      {
        key: { text: t('admin:person.account') },
        value: {
          text: person.hasPassword
            ? t(person.twoFactorEnabled ? 'admin:person.accountReadyTwoFactor' : 'admin:person.accountReady')
            : t('admin:person.accountNotSetUp'),
        },
      },
      {
        key: { text: t('admin:person.status') },
        value: { text: person.deactivatedAt ? t('admin:person.deactivatedOn', { date: displayDateTime(t, person.deactivatedAt) }) : t('admin:status.active') },
      },
    ];
    const roles = person.roles
      .filter((r) => r.scope.type !== 'review')
      .map((r) => {
        const boardId = r.scope.type === 'deployment' ? null : r.scope.boardId;
        const canEnd = boardId === null ? deploymentAdmin : roleBoards.some((b) => b.id === boardId);
        return {
          id: r.id,
          role: t(`common:roles.${r.role}`),
          board: boardId === null ? t('common:deploymentWide') : (boardName.get(boardId) ?? ''),
          since: displayDateTime(t, r.createdAt),
          canEnd,
        };
      });
    return reply.page('features/admin/person.njk', {
      person,
      rows,
      roles,
      canManage,
      canAddRole: roleBoards.length > 0 && !person.deactivatedAt,
      invitations: invitations.map((i) => ({ id: i.id, expires: displayDateTime(t, i.expiresAt) })),
      isSelf: req.actor?.personId === person.id,
    });
  });

  // ---- Edit ---------------------------------------------------------------------------------------

  app.get('/admin/people/:personId/edit', { config: { access: 'person.manage', audit: 'PERSON_EDIT_VIEWED' } }, async (req, reply) => {
    const person = await personParam(req);
    if (!(await people.canManage(req.caller(), person))) return reply.page('errors/forbidden.njk', {}, { status: 403 });
    return reply.page('features/admin/person-edit.njk', {
      person,
      ...(await formContext(req, person.agencyId)),
      fieldIds: FIELD_IDS,
      values: values({ ...person, boardId: null, initialRole: null }),
    });
  });

  app.post('/admin/people/:personId/edit', { config: { access: 'person.manage', audit: 'PERSON_UPDATED' } }, async (req, reply) => {
    const person = await personParam(req);
    if (!(await people.canManage(req.caller(), person))) return reply.page('errors/forbidden.njk', {}, { status: 403 });
    const body = (req.body ?? {}) as Body;
    const context = { person, ...(await formContext(req, person.agencyId)), fieldIds: FIELD_IDS };
    const form = await parseDetails(req, body, { withBoard: false, exceptId: person.id, currentAgencyId: person.agencyId });
    if (!form.ok) return reply.page('features/admin/person-edit.njk', { ...context, values: posted(body) }, { errors: form.errors });
    const { boardId: _b, initialRole: _r, ...input } = form.data;
    try {
      await people.update(req.caller(), person.id, input);
    } catch (error) {
      if (isInvalid(error)) return reply.page('features/admin/person-edit.njk', { ...context, values: posted(body) }, { errors: error.fieldErrors });
      throw error;
    }
    req.session.flash = req.t('admin:person.updated');
    return reply.redirect(`/admin/people/${person.id}`);
  });

  // ---- Deactivate and reactivate ------------------------------------------------------------------

  app.get('/admin/people/:personId/deactivate', { config: { access: 'person.manage', audit: 'PERSON_DEACTIVATE_VIEWED' } }, async (req, reply) => {
    const person = await personParam(req);
    if (person.deactivatedAt) return reply.redirect(`/admin/people/${person.id}`);
    return reply.page('features/admin/person-deactivate.njk', { person });
  });

  app.post('/admin/people/:personId/deactivate', { config: { access: 'person.manage', audit: 'PERSON_DEACTIVATED' } }, async (req, reply) => {
    const person = await personParam(req);
    try {
      await people.deactivate(req.caller(), person.id);
    } catch (error) {
      if (isInvalid(error))
        return reply.page('features/admin/person-deactivate.njk', { person, fieldIds: { person: 'confirm' } }, { errors: error.fieldErrors });
      throw error;
    }
    req.session.flash = req.t('admin:person.deactivated', { name: person.fullName });
    return reply.redirect(`/admin/people/${person.id}`);
  });

  app.post('/admin/people/:personId/reactivate', { config: { access: 'person.manage', audit: 'PERSON_REACTIVATED' } }, async (req, reply) => {
    const person = await personParam(req);
    await people.reactivate(req.caller(), person.id);
    req.session.flash = req.t('admin:person.reactivated', { name: person.fullName });
    return reply.redirect(`/admin/people/${person.id}`);
  });
}
