// The pages of a question journey, from its table (flow.ts): one page per step, "add another" lists with
// their item pages, and check answers, which completes the journey. Every page sends the reader to the
// first unanswered step (a journey cannot be completed out of order); "change" links carry
// ?returnTo=check-answers, and the reader goes back there once nothing the change made necessary is left.
// Answers are kept in the session as a draft (drafts.ts) until the journey completes.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditAction } from '../../domain/audit-actions.ts';
import type { Permission } from '../../domain/permissions.ts';
import { type FieldErrors, notFound, type ReadKind } from '../../services/context.ts';
import { journeyPage, RETURN_TO_CHECK_ANSWERS } from '../../urls.ts';
import { type FormResult, isInvalid } from '../forms.ts';
import { draftOf, saveDraft } from './drafts.ts';
import { CHECK_ANSWERS, type Flow, type JourneyState } from './flow.ts';

export type Body = Record<string, unknown>;
type Maybe<T> = T | Promise<T>;
type View = Record<string, unknown>;

/** What every journey request resolves first: whose draft it is, and the journey's address for this subject. */
export interface Subject {
  /** The draft's subject: a board id, a referral id, or a fixed name for a journey with one draft per reader. */
  key: string;
  /** The journey's address for this subject, from its builder (`urls.newReferral(boardId)`); its pages are below it. */
  base: string;
}

/** A page that asks questions. */
export interface QuestionPage<A, L> {
  slug: string;
  view: string;
  /** Reads the posted form (errors are locale keys); the data is merged into the answers. */
  parse(body: Body, l: L, req: FastifyRequest, state: JourneyState<A>): Maybe<FormResult<Partial<A>>>;
  /** The form's values from the answers (shown again, or changed from check answers). */
  values(answers: Partial<A>, l: L): View;
  /** What the reader typed, shown again after a refusal. */
  posted(body: Body): View;
  /** Error summary targets, for fields whose first input is not id=field. */
  fieldIds?: Record<string, string>;
  /** More view context for this page (options, headings). */
  context?(req: FastifyRequest, l: L, state: JourneyState<A>): Maybe<View>;
}

/** An "add another" list: a page listing the items, each added, changed and removed on its own page. */
export interface ListPage<A, L, T = unknown> {
  slug: string;
  /** The answer holding the items. */
  key: keyof A & string;
  listView: string;
  itemView: string;
  parseItem(body: Body, l: L, req: FastifyRequest): Maybe<FormResult<T>>;
  itemValues(item: T | undefined): View;
  postedItem(body: Body): View;
  fieldIds?: Record<string, string>;
  /** The list as a table: column headings, and one row of cells per item. */
  table(req: FastifyRequest, items: T[]): { headings: string[]; rows: string[][] };
}

export interface JourneyDefinition<A, L extends Subject> {
  /** The draft's name in the session. */
  name: string;
  /** The journey's route: its builder's pattern (`urls.newReferral.pattern`); its pages are registered below it. */
  path: string;
  access: Permission;
  audit: { start?: AuditAction; stepViewed: AuditAction; stepAnswered: AuditAction; checkViewed: AuditAction; completed: AuditAction };
  /**
   * What its pages show that is audited when read (a route's `reads`, src/http/types.ts): the question pages'
   * (steps) and check answers' (check). A form posted back reads under its page's name (stepViewed,
   * checkViewed), as it may show the page again with errors.
   */
  reads?: { steps?: ReadKind; check?: ReadKind };
  /** Resolves the request (throws not found or forbidden). */
  load(req: FastifyRequest): Promise<L>;
  /** A journey that is not open (yet, or any more): the page that explains, instead of the journey's. */
  blocked?(req: FastifyRequest, reply: FastifyReply, l: L): FastifyReply | undefined;
  /** The table, for this subject (steps may apply by what the subject is: a framework with review types). */
  flow(l: L): Flow<A>;
  // biome-ignore lint/suspicious/noExplicitAny: lists of items of several types, each typed where defined.
  pages: (QuestionPage<A, L> | ListPage<A, L, any>)[];
  /** The step shown at the journey's own address; without one, a GET there starts the journey afresh. */
  rootStep?: string;
  /** The check answers page's slug (default check-answers). */
  checkSlug?: string;
  /** On starting afresh (the draft is dropped first). */
  onStart?(req: FastifyRequest, l: L): void;
  /** Where the first page's back link (and "Cancel") goes. */
  exitHref(req: FastifyRequest, l: L): string;
  /** View context on every page of the journey. */
  common?(req: FastifyRequest, l: L): Maybe<View>;
  /** The service's own checks of the answers so far: errors on a page's fields are shown on that page. */
  validate?(req: FastifyRequest, l: L, answers: Partial<A>): Promise<FieldErrors>;
  check: {
    view: string;
    /** Summary rows with change links (changeHref, changeLinkId), and anything else the page shows; every page is answered. */
    context(req: FastifyRequest, l: L, answers: A): Promise<View>;
  };
  /** Does what the journey is for (every page answered); returns where to go next. Invalid answers are shown on check answers. */
  complete(req: FastifyRequest, l: L, answers: A): Promise<string>;
  /** A refusal other than invalid answers (e.g. a conflict): the page that explains it, or undefined to throw. */
  refused?(req: FastifyRequest, reply: FastifyReply, l: L, error: unknown): FastifyReply | undefined;
}

/** A change link on check answers: the step's page (without a slug, the step at the journey's own address), returning to check answers. */
export function changeHref(base: string, slug?: string): string {
  return journeyPage(base, slug === undefined ? [] : [slug], RETURN_TO_CHECK_ANSWERS);
}

/** The id of a field's change link on check answers (list items: their list's), so the error summary can point at it. */
export function changeLinkId(field: string): string {
  return `change-${field.split('.')[0]}`;
}

export const isReturning = (req: FastifyRequest) => (req.query as Record<string, unknown> | undefined)?.returnTo === CHECK_ANSWERS;

function isList<A, L>(page: QuestionPage<A, L> | ListPage<A, L, unknown>): boolean {
  return 'itemView' in page;
}

export function registerJourney<A, L extends Subject>(app: FastifyInstance, def: JourneyDefinition<A, L>) {
  const checkSlug = def.checkSlug ?? CHECK_ANSWERS;
  const config = (audit: AuditAction, reads?: ReadKind, readAudit?: AuditAction) => ({
    config: { access: def.access, audit, ...(reads ? { reads, ...(readAudit ? { readAudit } : {}) } : {}) },
  });
  const stepReads = def.reads?.steps;
  const checkReads = def.reads?.check;
  const route = (slug: string) => (slug === def.rootStep ? def.path : `${def.path}/${slug}`);
  const urlOf = (l: L, slug: string) => journeyPage(l.base, slug === CHECK_ANSWERS ? [checkSlug] : slug === def.rootStep ? [] : [slug]);
  /** A page of the journey (a step, a list's item or an action on it), keeping the reader's way back to check answers. */
  const pageOf = (req: FastifyRequest, l: L, slug: string, ...below: (string | number)[]) =>
    journeyPage(l.base, [...(slug === def.rootStep ? [] : [slug]), ...below], isReturning(req) ? RETURN_TO_CHECK_ANSWERS : undefined);
  const stateOf = (req: FastifyRequest, l: L) => draftOf<A>(req, def.name, l.key);
  const save = (req: FastifyRequest, l: L, state: JourneyState<A> | undefined) => saveDraft(req, def.name, l.key, state);

  async function open(req: FastifyRequest, reply: FastifyReply) {
    const l = await def.load(req);
    const refusal = def.blocked?.(req, reply, l);
    return { l, refusal, state: stateOf(req, l), flow: def.flow(l) };
  }

  /** The page is not open yet (an earlier answer is missing) or does not apply: to the first unanswered page. */
  function guard(reply: FastifyReply, l: L, flow: Flow<A>, state: JourneyState<A>, slug: string) {
    if (flow.isReachable(state, slug)) return undefined;
    return reply.redirect(urlOf(l, flow.firstIncomplete(state) ?? CHECK_ANSWERS));
  }

  function backLink(req: FastifyRequest, l: L, flow: Flow<A>, state: JourneyState<A>, slug: string) {
    if (isReturning(req) && slug !== CHECK_ANSWERS) return urlOf(l, CHECK_ANSWERS);
    const previous = flow.previousBefore(state, slug);
    return previous ? urlOf(l, previous) : def.exitHref(req, l);
  }

  async function base(req: FastifyRequest, l: L): Promise<View> {
    return {
      ...(def.common ? await def.common(req, l) : {}),
      exitHref: def.exitHref(req, l),
    };
  }

  function goNext(req: FastifyRequest, reply: FastifyReply, l: L, flow: Flow<A>, state: JourneyState<A>, slug: string) {
    const next = flow.nextAfter(state, slug, isReturning(req));
    return reply.redirect(next === CHECK_ANSWERS ? urlOf(l, CHECK_ANSWERS) : pageOf(req, l, next));
  }

  if (!def.rootStep) {
    app.get(def.path, config(def.audit.start ?? def.audit.stepViewed, stepReads), async (req, reply) => {
      const l = await def.load(req);
      const refusal = def.blocked?.(req, reply, l);
      if (refusal) return refusal;
      save(req, l, undefined);
      def.onStart?.(req, l);
      const first = def.flow(l).firstIncomplete({ answers: {}, done: [] }) ?? CHECK_ANSWERS;
      return reply.redirect(urlOf(l, first));
    });
  }

  // ---- Question pages -----------------------------------------------------------------------------

  const questions = def.pages.filter((p): p is QuestionPage<A, L> => !isList(p));
  const lists = def.pages.filter((p): p is ListPage<A, L, unknown> => isList(p));

  for (const page of questions) {
    const render = async (req: FastifyRequest, reply: FastifyReply, l: L, flow: Flow<A>, state: JourneyState<A>, values: View, errors?: FieldErrors) =>
      reply.page(
        page.view,
        {
          ...(await base(req, l)),
          ...(page.context ? await page.context(req, l, state) : {}),
          values,
          backLink: backLink(req, l, flow, state, page.slug),
          fieldIds: page.fieldIds ?? {},
        },
        { errors },
      );

    app.get(route(page.slug), config(def.audit.stepViewed, stepReads), async (req, reply) => {
      const { l, refusal, state, flow } = await open(req, reply);
      if (refusal) return refusal;
      return guard(reply, l, flow, state, page.slug) ?? render(req, reply, l, flow, state, page.values(state.answers, l));
    });

    app.post(route(page.slug), config(def.audit.stepAnswered, stepReads, def.audit.stepViewed), async (req, reply) => {
      const { l, refusal, state, flow } = await open(req, reply);
      if (refusal) return refusal;
      const blocked = guard(reply, l, flow, state, page.slug);
      if (blocked) return blocked;
      const body = (req.body ?? {}) as Body;
      const form = await page.parse(body, l, req, state);
      if (!form.ok) return render(req, reply, l, flow, state, page.posted(body), form.errors);
      const next = flow.markDone(state, page.slug, form.data);
      if (def.validate) {
        const own = flow.stepOf(page.slug)?.fields ?? [];
        const errors = Object.entries(await def.validate(req, l, next.answers)).filter(
          ([field]) => flow.stepForField(field) === page.slug || own.includes(field.split('.')[0] ?? field),
        );
        if (errors.length > 0) return render(req, reply, l, flow, state, page.posted(body), Object.fromEntries(errors));
      }
      save(req, l, next);
      return goNext(req, reply, l, flow, next, page.slug);
    });
  }

  // ---- Add-another lists --------------------------------------------------------------------------

  for (const list of lists) {
    const items = (state: JourneyState<A>) => ((state.answers as Record<string, unknown>)[list.key] ?? []) as unknown[];
    const itemIndex = (req: FastifyRequest, state: JourneyState<A>) => {
      const raw = (req.params as { index: string }).index;
      const index = /^\d{1,3}$/.test(raw) ? Number(raw) : -1;
      if (index < 0 || index >= items(state).length) throw notFound('item');
      return index;
    };
    const listUrl = (req: FastifyRequest, l: L) => pageOf(req, l, list.slug);

    async function renderList(req: FastifyRequest, reply: FastifyReply, l: L, flow: Flow<A>, state: JourneyState<A>) {
      const table = list.table(req, items(state));
      return reply.page(list.listView, {
        ...(await base(req, l)),
        slug: list.slug,
        headings: table.headings,
        rows: table.rows.map((cells, i) => ({
          cells,
          changeHref: pageOf(req, l, list.slug, i),
          removeAction: pageOf(req, l, list.slug, i, 'remove'),
          number: i + 1,
        })),
        addHref: pageOf(req, l, list.slug, 'add'),
        backLink: backLink(req, l, flow, state, list.slug),
      });
    }

    async function renderItem(req: FastifyRequest, reply: FastifyReply, l: L, values: View, errors?: FieldErrors) {
      return reply.page(list.itemView, { ...(await base(req, l)), values, backLink: listUrl(req, l), fieldIds: list.fieldIds ?? {} }, { errors });
    }

    app.get(route(list.slug), config(def.audit.stepViewed, stepReads), async (req, reply) => {
      const { l, refusal, state, flow } = await open(req, reply);
      if (refusal) return refusal;
      return guard(reply, l, flow, state, list.slug) ?? renderList(req, reply, l, flow, state);
    });

    app.post(route(list.slug), config(def.audit.stepAnswered, stepReads, def.audit.stepViewed), async (req, reply) => {
      const { l, refusal, state, flow } = await open(req, reply);
      if (refusal) return refusal;
      const blocked = guard(reply, l, flow, state, list.slug);
      if (blocked) return blocked;
      const next = flow.markDone(state, list.slug, {});
      save(req, l, next);
      return goNext(req, reply, l, flow, next, list.slug);
    });

    const saveItem = async (req: FastifyRequest, reply: FastifyReply, changing: boolean) => {
      const { l, refusal, state, flow } = await open(req, reply);
      if (refusal) return refusal;
      const blocked = guard(reply, l, flow, state, list.slug);
      if (blocked) return blocked;
      const index = changing ? itemIndex(req, state) : undefined;
      const body = (req.body ?? {}) as Body;
      const form = await list.parseItem(body, l, req);
      if (!form.ok) return renderItem(req, reply, l, list.postedItem(body), form.errors);
      const updated = [...items(state)];
      if (index === undefined) updated.push(form.data);
      else updated[index] = form.data;
      save(req, l, flow.withAnswers(state, { [list.key]: updated } as Partial<A>));
      return reply.redirect(listUrl(req, l));
    };

    app.get(`${route(list.slug)}/add`, config(def.audit.stepViewed, stepReads), async (req, reply) => {
      const { l, refusal, state, flow } = await open(req, reply);
      if (refusal) return refusal;
      return guard(reply, l, flow, state, list.slug) ?? renderItem(req, reply, l, list.itemValues(undefined));
    });
    app.post(`${route(list.slug)}/add`, config(def.audit.stepAnswered, stepReads, def.audit.stepViewed), async (req, reply) => saveItem(req, reply, false));

    app.get(`${route(list.slug)}/:index`, config(def.audit.stepViewed, stepReads), async (req, reply) => {
      const { l, refusal, state, flow } = await open(req, reply);
      if (refusal) return refusal;
      const blocked = guard(reply, l, flow, state, list.slug);
      if (blocked) return blocked;
      return renderItem(req, reply, l, list.itemValues(items(state)[itemIndex(req, state)]));
    });
    app.post(`${route(list.slug)}/:index`, config(def.audit.stepAnswered, stepReads, def.audit.stepViewed), async (req, reply) => saveItem(req, reply, true));

    app.post(`${route(list.slug)}/:index/remove`, config(def.audit.stepAnswered, stepReads, def.audit.stepViewed), async (req, reply) => {
      const { l, refusal, state, flow } = await open(req, reply);
      if (refusal) return refusal;
      const index = itemIndex(req, state);
      save(req, l, flow.withAnswers(state, { [list.key]: items(state).filter((_, i) => i !== index) } as Partial<A>));
      return reply.redirect(listUrl(req, l));
    });
  }

  // ---- Check answers ------------------------------------------------------------------------------

  async function renderCheck(req: FastifyRequest, reply: FastifyReply, l: L, flow: Flow<A>, state: JourneyState<A>, errors?: FieldErrors) {
    // Errors point at the change link of the answer to correct.
    const fieldIds = Object.fromEntries(Object.keys(errors ?? {}).map((field) => [field, changeLinkId(field)]));
    return reply.page(
      def.check.view,
      { ...(await base(req, l)), ...(await def.check.context(req, l, state.answers as A)), backLink: backLink(req, l, flow, state, CHECK_ANSWERS), fieldIds },
      { errors },
    );
  }

  app.get(`${def.path}/${checkSlug}`, config(def.audit.checkViewed, checkReads), async (req, reply) => {
    const { l, refusal, state, flow } = await open(req, reply);
    if (refusal) return refusal;
    const missing = flow.firstIncomplete(state);
    if (missing) return reply.redirect(urlOf(l, missing));
    return renderCheck(req, reply, l, flow, state);
  });

  app.post(`${def.path}/${checkSlug}`, config(def.audit.completed, checkReads, def.audit.checkViewed), async (req, reply) => {
    const { l, refusal, state, flow } = await open(req, reply);
    if (refusal) return refusal;
    const missing = flow.firstIncomplete(state);
    if (missing) return reply.redirect(urlOf(l, missing));
    try {
      // Check answers is reached only when every page that applies is answered.
      const next = await def.complete(req, l, state.answers as A);
      save(req, l, undefined);
      return reply.redirect(next);
    } catch (error) {
      if (isInvalid(error)) return renderCheck(req, reply, l, flow, state, error.fieldErrors);
      const answered = def.refused?.(req, reply, l, error);
      if (answered) return answered;
      throw error;
    }
  });
}
