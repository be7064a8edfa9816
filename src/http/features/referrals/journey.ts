// The "new referral" pages: one question per page, answers kept in the session per board until check
// answers, where the business unit (never an agency referrer) is shown possible duplicates before the
// referral is recorded.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import type { AuditAction } from '../../../domain/audit-actions.ts';
import { localName } from '../../../domain/organisation.ts';
import { can } from '../../../domain/permissions.ts';
import { type Pseudonym, pseudonymText } from '../../../domain/pseudonyms.ts';
import { type FieldErrors, forbidden, notFound, type ReadKind } from '../../../services/context.ts';
import type { ReferralInput } from '../../../services/referral-service.ts';
import { isInvalid } from '../../forms.ts';
import {
  CHECK_ANSWERS,
  firstIncomplete,
  isReachable,
  type JourneyState,
  markDone,
  nextAfter,
  previousBefore,
  type ReferralAnswers,
  SERIOUS_IMPAIRMENT,
  type StepSlug,
  stepForField,
} from './flow.ts';
import { type Body, dateItems, displayDate, type Option } from './form-helpers.ts';
import { COLLECTION_PAGES, type CollectionPage, FACTS_MAX, options, type PageContext, QUESTION_PAGES, type QuestionPage } from './steps.ts';
import { summarySections } from './summary.ts';

declare module '@fastify/session' {
  interface FastifySessionObject {
    /** Unfinished new referrals, by board id. */
    referralJourneys?: Record<string, JourneyState>;
    /** The referral just recorded, for its confirmation page. */
    referralRecorded?: { boardId: string; referralId: string; pseudonym: Pseudonym };
  }
}

const AUDIT = {
  start: 'REFERRAL_CREATE_STARTED',
  stepViewed: 'REFERRAL_CREATE_STEP_VIEWED',
  stepAnswered: 'REFERRAL_CREATE_STEP_ANSWERED',
  checkViewed: 'REFERRAL_CREATE_CHECK_VIEWED',
  created: 'REFERRAL_CREATED',
  recordedViewed: 'REFERRAL_RECORDED_VIEWED',
} as const satisfies Record<string, AuditAction>;

const RETURN = `returnTo=${CHECK_ANSWERS}`;

export function basePath(boardId: string): string {
  return `/boards/${boardId}/referrals/new`;
}

/** The journey's answers as the service's input; unanswered parts get neutral values (for checking one page). */
export function toInput(boardId: string, a: ReferralAnswers, today: string): ReferralInput {
  // A draft kept from before the referrer's kind was asked names someone without an account.
  const kind = a.referrerKind ?? (a.referrerName ? 'external' : 'self');
  return {
    boardId,
    referringAgencyId: a.referringAgencyId && a.referringAgencyId !== 'none' ? a.referringAgencyId : null,
    // The person recording it (neither a person nor details), someone else with an account, or someone without one.
    referrerPersonId: kind === 'person' ? (a.referrerPersonId ?? null) : null,
    referrerName: kind === 'external' ? (a.referrerName ?? null) : null,
    referrerEmail: kind === 'external' ? (a.referrerEmail ?? null) : null,
    referrerLanguage: kind === 'external' ? (a.referrerLanguage ?? null) : null,
    referrerRole: a.referrerRole ?? null,
    awareOn: a.awareOn ?? null,
    receivedOn: a.receivedOn ?? today,
    incidentOn: a.incidentOn ?? a.receivedOn ?? today,
    incidentType: a.incidentType ?? 'other_harm',
    impairmentIdentifiedOn: a.incidentType === SERIOUS_IMPAIRMENT ? (a.impairmentIdentifiedOn ?? null) : null,
    abuseOrNeglect: a.abuseOrNeglect ?? 'not_suspected',
    inBoardArea: a.inBoardArea ?? true,
    initialFacts: a.initialFacts ?? '',
    child: {
      fullName: a.childFullName ?? null,
      dateOfBirthOn: a.childDateOfBirthOn ?? null,
      address: a.childAddress ?? null,
      isDeceased: a.childIsDeceased ?? false,
    },
    periods: a.periods ?? [],
    familyMembers: a.familyMembers ?? [],
    agenciesInvolved: (a.agenciesInvolved ?? []).filter((id) => id !== 'none'),
    proceedings: a.proceedings ?? [],
  };
}

export default async function referralJourneyRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { organisation, referrals, clock } = opts.services;
  const config = (audit: AuditAction, read: { reads?: ReadKind; readAudit?: AuditAction } = {}) => ({
    config: { access: 'referral.create' as const, audit, ...read },
  });
  const today = () => clock.today();

  /** The board in the address: one the caller may record referrals for (others: not found / forbidden). */
  async function boardOf(req: FastifyRequest) {
    const { boardId } = req.params as { boardId: string };
    const board = await organisation.getBoard(req.caller(), boardId);
    if (!can(req.actor, 'referral.create', { boardId })) throw forbidden();
    return board;
  }

  async function agencyOptions(req: FastifyRequest, boardId: string): Promise<Option[]> {
    const agencies = await organisation.listAgencies(req.caller(), boardId);
    return agencies
      .filter((a) => a.isActive)
      .map((a) => ({ value: a.id, text: localName(a, req.lang) }))
      .sort((x, y) => x.text.localeCompare(y.text, req.lang));
  }

  /** Those who may be named as the referrer (not the reader: that is "I made the referral"), for readers who may list the board's people. */
  async function peopleOptions(req: FastifyRequest, boardId: string): Promise<Option[] | undefined> {
    if (!can(req.actor, 'person.view', { boardId })) return undefined;
    const people = await referrals.referrerCandidates(req.caller(), boardId);
    return people
      .filter((p) => p.personId !== req.actor?.personId)
      .map((p) => ({ value: p.personId, text: p.jobTitle ? `${p.fullName} (${p.jobTitle})` : p.fullName }));
  }

  async function pageContext(req: FastifyRequest, board: { id: string; nation: string }): Promise<PageContext> {
    return {
      t: req.t,
      agencies: await agencyOptions(req, board.id),
      people: await peopleOptions(req, board.id),
      nation: board.nation === 'england' ? 'england' : 'wales',
      today: today(),
    };
  }

  const stateOf = (req: FastifyRequest, boardId: string): JourneyState => req.session.referralJourneys?.[boardId] ?? { answers: {}, done: [] };
  function save(req: FastifyRequest, boardId: string, state: JourneyState | undefined) {
    const all = { ...(req.session.referralJourneys ?? {}) };
    if (state) all[boardId] = state;
    else delete all[boardId];
    req.session.referralJourneys = all;
  }
  const returning = (req: FastifyRequest) => (req.query as Record<string, unknown>).returnTo === CHECK_ANSWERS;
  const withReturn = (url: string, req: FastifyRequest) => (returning(req) ? `${url}?${RETURN}` : url);

  function backLink(req: FastifyRequest, boardId: string, state: JourneyState, slug: StepSlug): string {
    const base = basePath(boardId);
    if (returning(req)) return `${base}/${CHECK_ANSWERS}`;
    const previous = previousBefore(state, slug);
    return previous ? `${base}/${previous}` : '/';
  }

  function goNext(req: FastifyRequest, reply: FastifyReply, boardId: string, state: JourneyState, slug: StepSlug) {
    const next = nextAfter(state, slug, returning(req));
    const base = basePath(boardId);
    return reply.redirect(next === CHECK_ANSWERS ? `${base}/${CHECK_ANSWERS}` : withReturn(`${base}/${next}`, req));
  }

  /** The page is not open yet (an earlier answer is missing): back to the first unanswered page. */
  function guard(reply: FastifyReply, boardId: string, state: JourneyState, slug: StepSlug) {
    if (isReachable(state, slug)) return undefined;
    return reply.redirect(`${basePath(boardId)}/${firstIncomplete(state)}`);
  }

  /** The service's own checks (dates against today and each other, agencies of the board), for one page. */
  async function serviceErrors(req: FastifyRequest, boardId: string, answers: ReferralAnswers, slug: StepSlug): Promise<FieldErrors> {
    const errors = await referrals.validate(req.caller(), toInput(boardId, answers, today()));
    const mine = Object.entries(errors).filter(([field]) => stepForField(field) === slug || (slug === 'impairment' && field === 'impairmentIdentifiedOn'));
    return Object.fromEntries(mine);
  }

  function common(req: FastifyRequest, boardId: string) {
    return {
      ...options(req.t),
      caption: req.t('referrals:caption'),
      boardId,
      base: basePath(boardId),
      returnQuery: returning(req) ? `?${RETURN}` : '',
      dateItems: (parts: unknown, field: string, fieldErrors: Record<string, unknown>) =>
        dateItems(req.t, parts as Parameters<typeof dateItems>[1], Boolean(fieldErrors[field])),
      factsMax: FACTS_MAX,
    };
  }

  app.get('/boards/:boardId/referrals/new', config(AUDIT.start), async (req, reply) => {
    const board = await boardOf(req);
    save(req, board.id, undefined);
    req.session.referralRecorded = undefined;
    return reply.redirect(`${basePath(board.id)}/referrer`);
  });

  // ---- Question pages -----------------------------------------------------------------------------

  async function renderQuestion(
    req: FastifyRequest,
    reply: FastifyReply,
    page: QuestionPage,
    board: { id: string; nation: string },
    values: Record<string, unknown>,
    errors?: FieldErrors,
  ) {
    const boardId = board.id;
    const ctx = await pageContext(req, board);
    return reply.page(
      page.view,
      {
        ...common(req, boardId),
        agencies: ctx.agencies,
        people: ctx.people,
        england: ctx.nation === 'england',
        selfName: req.actor?.fullName ?? '',
        values,
        backLink: backLink(req, boardId, stateOf(req, boardId), page.slug),
        fieldIds: page.fieldIds ?? {},
      },
      errors ? { errors } : {},
    );
  }

  for (const page of QUESTION_PAGES) {
    const url = `/boards/:boardId/referrals/new/${page.slug}`;
    app.get(url, config(AUDIT.stepViewed), async (req, reply) => {
      const board = await boardOf(req);
      const state = stateOf(req, board.id);
      return guard(reply, board.id, state, page.slug) ?? renderQuestion(req, reply, page, board, page.values(state.answers));
    });
    app.post(url, config(AUDIT.stepAnswered), async (req, reply) => {
      const board = await boardOf(req);
      const state = stateOf(req, board.id);
      const blocked = guard(reply, board.id, state, page.slug);
      if (blocked) return blocked;
      const body = (req.body ?? {}) as Body;
      const form = page.parse(body, await pageContext(req, board));
      if (!form.ok) return renderQuestion(req, reply, page, board, page.posted(body), form.errors);
      const next = markDone(state, page.slug, form.data);
      const errors = await serviceErrors(req, board.id, next.answers, page.slug);
      if (Object.keys(errors).length > 0) return renderQuestion(req, reply, page, board, page.posted(body), errors);
      save(req, board.id, next);
      return goNext(req, reply, board.id, next, page.slug);
    });
  }

  // ---- Add-another lists --------------------------------------------------------------------------

  for (const list of COLLECTION_PAGES as CollectionPage<unknown>[]) {
    const url = `/boards/:boardId/referrals/new/${list.slug}`;
    const items = (state: JourneyState) => (state.answers[list.key] ?? []) as unknown[];
    const itemIndex = (req: FastifyRequest, state: JourneyState) => {
      const raw = (req.params as { index: string }).index;
      const index = /^\d{1,3}$/.test(raw) ? Number(raw) : -1;
      if (index < 0 || index >= items(state).length) throw notFound('item');
      return index;
    };

    async function renderList(req: FastifyRequest, reply: FastifyReply, boardId: string, state: JourneyState) {
      const base = basePath(boardId);
      const display = (iso: string | null | undefined) => (iso ? displayDate(req.t, iso) : req.t('common:notProvided'));
      return reply.page('features/referrals/list.njk', {
        ...common(req, boardId),
        slug: list.slug,
        headings: list.columns(req.t),
        rows: items(state).map((item, i) => ({
          cells: list.cells(req.t, item, display),
          changeHref: withReturn(`${base}/${list.slug}/${i}`, req),
          removeAction: withReturn(`${base}/${list.slug}/${i}/remove`, req),
          label: req.t('referrals:list.itemLabel', { number: i + 1 }),
        })),
        addHref: withReturn(`${base}/${list.slug}/add`, req),
        backLink: backLink(req, boardId, state, list.slug),
      });
    }

    async function renderItem(req: FastifyRequest, reply: FastifyReply, boardId: string, values: Record<string, unknown>, errors?: FieldErrors) {
      return reply.page(
        list.itemView,
        { ...common(req, boardId), values, backLink: withReturn(`${basePath(boardId)}/${list.slug}`, req), fieldIds: list.fieldIds ?? {} },
        errors ? { errors } : {},
      );
    }

    app.get(url, config(AUDIT.stepViewed), async (req, reply) => {
      const board = await boardOf(req);
      const state = stateOf(req, board.id);
      return guard(reply, board.id, state, list.slug) ?? renderList(req, reply, board.id, state);
    });

    app.post(url, config(AUDIT.stepAnswered), async (req, reply) => {
      const board = await boardOf(req);
      const state = stateOf(req, board.id);
      const blocked = guard(reply, board.id, state, list.slug);
      if (blocked) return blocked;
      const next = markDone(state, list.slug, {});
      save(req, board.id, next);
      return goNext(req, reply, board.id, next, list.slug);
    });

    const saveItem = async (req: FastifyRequest, reply: FastifyReply, changing: boolean) => {
      const board = await boardOf(req);
      const state = stateOf(req, board.id);
      const blocked = guard(reply, board.id, state, list.slug);
      if (blocked) return blocked;
      const index = changing ? itemIndex(req, state) : undefined;
      const body = (req.body ?? {}) as Body;
      const form = list.parseItem(body, await pageContext(req, board));
      if (!form.ok) return renderItem(req, reply, board.id, list.postedItem(body), form.errors);
      const updated = [...items(state)];
      if (index === undefined) updated.push(form.data);
      else updated[index] = form.data;
      save(req, board.id, { ...state, answers: { ...state.answers, [list.key]: updated } });
      return reply.redirect(withReturn(`${basePath(board.id)}/${list.slug}`, req));
    };

    app.get(`${url}/add`, config(AUDIT.stepViewed), async (req, reply) => {
      const board = await boardOf(req);
      const state = stateOf(req, board.id);
      return guard(reply, board.id, state, list.slug) ?? renderItem(req, reply, board.id, list.itemValues(undefined));
    });
    app.post(`${url}/add`, config(AUDIT.stepAnswered), async (req, reply) => saveItem(req, reply, false));

    app.get(`${url}/:index`, config(AUDIT.stepViewed), async (req, reply) => {
      const board = await boardOf(req);
      const state = stateOf(req, board.id);
      const blocked = guard(reply, board.id, state, list.slug);
      if (blocked) return blocked;
      return renderItem(req, reply, board.id, list.itemValues(items(state)[itemIndex(req, state)]));
    });
    app.post(`${url}/:index`, config(AUDIT.stepAnswered), async (req, reply) => saveItem(req, reply, true));

    app.post(`${url}/:index/remove`, config(AUDIT.stepAnswered), async (req, reply) => {
      const board = await boardOf(req);
      const state = stateOf(req, board.id);
      const index = itemIndex(req, state);
      save(req, board.id, { ...state, answers: { ...state.answers, [list.key]: items(state).filter((_, i) => i !== index) } });
      return reply.redirect(withReturn(`${basePath(board.id)}/${list.slug}`, req));
    });
  }

  // ---- Check answers and the record ---------------------------------------------------------------

  /** The referrer as the check answers page names them: the reader, someone with an account, or someone without one. */
  async function referrerShown(req: FastifyRequest, boardId: string, input: ReferralInput) {
    if (input.referrerPersonId) {
      const person = (await peopleOptions(req, boardId))?.find((p) => p.value === input.referrerPersonId);
      return { referrerName: person?.text ?? '', referrerEmail: null, referrerLanguage: null };
    }
    if (input.referrerName || input.referrerEmail)
      return { referrerName: input.referrerName, referrerEmail: input.referrerEmail ?? null, referrerLanguage: input.referrerLanguage ?? null };
    return { referrerName: req.t('referrals:referrer.you', { name: req.actor?.fullName ?? '' }), referrerEmail: null, referrerLanguage: null };
  }

  async function renderCheck(req: FastifyRequest, reply: FastifyReply, boardId: string, state: JourneyState, errors?: FieldErrors) {
    const a = state.answers;
    const agencies = await agencyOptions(req, boardId);
    const nameOf = (id: string) => agencies.find((o) => o.value === id)?.text ?? '';
    const input = toInput(boardId, a, today());
    const base = basePath(boardId);
    const sections = summarySections(
      req.t,
      req.lang,
      {
        ...input,
        ...(await referrerShown(req, boardId, input)),
        referringAgency: input.referringAgencyId ? nameOf(input.referringAgencyId) : null,
        child: input.child,
        agencies: input.agenciesInvolved.map(nameOf),
      },
      (slug, field) => ({ href: `${base}/${slug}?${RETURN}`, id: `change-${field}` }),
    );
    // Only those who receive referrals (the business unit) are told of possible duplicates; a referrer learns
    // nothing about other referrals. The page's read is audited either way (the route declares it).
    const duplicates = await referrals.checkAnswersDuplicates(req.caller(), input);
    // Service errors point at the change link of the answer to correct (list items: their list's).
    const fieldIds = Object.fromEntries(Object.keys(errors ?? {}).map((field) => [field, `change-${field.split('.')[0]}`]));
    return reply.page(
      'features/referrals/check-answers.njk',
      {
        sections,
        duplicates: duplicates.map((d) => ({
          text: req.t(d.reason === 'same_child' ? 'referrals:check.duplicateSameChild' : 'referrals:check.duplicateSameIncident', {
            code: pseudonymText(d.pseudonym, req.lang),
          }),
          href: `/boards/${boardId}/referrals/${d.referralId}`,
        })),
        backLink: `${base}/${previousBefore(state, CHECK_ANSWERS)}`,
        fieldIds,
      },
      errors ? { errors } : {},
    );
  }

  app.get(`/boards/:boardId/referrals/new/${CHECK_ANSWERS}`, config(AUDIT.checkViewed, { reads: 'case-material' }), async (req, reply) => {
    const board = await boardOf(req);
    const state = stateOf(req, board.id);
    const missing = firstIncomplete(state);
    if (missing) return reply.redirect(`${basePath(board.id)}/${missing}`);
    return renderCheck(req, reply, board.id, state);
  });

  app.post(
    `/boards/:boardId/referrals/new/${CHECK_ANSWERS}`,
    config(AUDIT.created, { reads: 'case-material', readAudit: AUDIT.checkViewed }),
    async (req, reply) => {
      const board = await boardOf(req);
      const state = stateOf(req, board.id);
      const missing = firstIncomplete(state);
      if (missing) return reply.redirect(`${basePath(board.id)}/${missing}`);
      try {
        const referral = await referrals.create(req.caller(), toInput(board.id, state.answers, today()));
        save(req, board.id, undefined);
        req.session.referralRecorded = { boardId: board.id, referralId: referral.id, pseudonym: referral.pseudonym };
        return reply.redirect(`${basePath(board.id)}/recorded`);
      } catch (error) {
        if (isInvalid(error)) return renderCheck(req, reply, board.id, state, error.fieldErrors);
        throw error;
      }
    },
  );

  app.get('/boards/:boardId/referrals/new/recorded', config(AUDIT.recordedViewed), async (req, reply) => {
    const board = await boardOf(req);
    const recorded = req.session.referralRecorded;
    if (!recorded?.pseudonym || recorded.boardId !== board.id) throw notFound('referral');
    return reply.page('features/referrals/recorded.njk', {
      childCode: pseudonymText(recorded.pseudonym, req.lang),
      referralHref: can(req.actor, 'referral.view', { boardId: board.id }) ? `/boards/${board.id}/referrals/${recorded.referralId}` : undefined,
      anotherHref: basePath(board.id),
    });
  });
}
