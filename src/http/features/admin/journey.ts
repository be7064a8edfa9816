// A multi-page "create" journey ending in check answers, as data: its steps, in order, each with a
// form parser; answers are kept in the session until the record is created. Change links on check
// answers carry ?returnTo=check-answers, and every page sends the reader back to the first unanswered
// step, so a journey cannot be completed out of order.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditAction } from '../../../domain/audit-actions.ts';
import type { Permission } from '../../../domain/permissions.ts';
import { type FieldErrors, ServiceError } from '../../../services/context.ts';
import type { FormResult } from '../../forms.ts';

interface JourneyState {
  answers: Record<string, unknown>;
  done: string[];
}

declare module '@fastify/session' {
  interface FastifySessionObject {
    /** Answers of unfinished admin journeys, by journey name. */
    adminJourneys?: Record<string, JourneyState>;
  }
}

const CHECK_ANSWERS = 'check-answers';

type Body = Record<string, unknown>;

interface JourneyStep<A> {
  slug: string;
  view: string;
  /** Validates the posted form; the data returned is merged into the answers. */
  parse(body: Body, req: FastifyRequest, answers: Partial<A>): Promise<FormResult<Partial<A>>>;
  /** The form's values from saved answers (when the page is shown again or changed). */
  values(answers: Partial<A>): Record<string, unknown>;
  /** Values to show again after a failed submission (what the reader typed). */
  posted(body: Body): Record<string, unknown>;
  /** Extra view context: options for selects, radios, checkboxes. */
  context?(req: FastifyRequest): Promise<Record<string, unknown>>;
  /** Error summary targets, for fields whose first input is not id=field. */
  fieldIds?: Record<string, string>;
}

interface JourneyDefinition<A> {
  name: string;
  /** The journey's root, e.g. /admin/boards/new: a GET starts a fresh journey. */
  path: string;
  access: Permission;
  audit: { start: AuditAction; stepViewed: AuditAction; stepAnswered: AuditAction; checkViewed: AuditAction; completed: AuditAction };
  steps: JourneyStep<A>[];
  /** Where "Cancel" and the first back link go. */
  exitHref: string;
  checkAnswersView: string;
  /** Check answers context: summary rows (with change links from changeHref). */
  checkAnswers(req: FastifyRequest, answers: A): Promise<Record<string, unknown>>;
  /** Creates the record; returns where to go next. Invalid input is shown on check answers. */
  complete(req: FastifyRequest, answers: A): Promise<string>;
  /** For errors from the service on check answers: the field's step (for the change link target). */
  fieldSteps: Record<string, string>;
}

export function changeHref(path: string, slug: string): string {
  return `${path}/${slug}?returnTo=${CHECK_ANSWERS}`;
}

/** Id of the change link on check answers for a field, so the error summary can point at it. */
export function changeLinkId(field: string): string {
  return `change-${field}`;
}

function state(req: FastifyRequest, name: string): JourneyState {
  return req.session.adminJourneys?.[name] ?? { answers: {}, done: [] };
}

function save(req: FastifyRequest, name: string, value: JourneyState | undefined) {
  const all = { ...(req.session.adminJourneys ?? {}) };
  if (value) all[name] = value;
  else delete all[name];
  req.session.adminJourneys = all;
}

export function registerJourney<A>(app: FastifyInstance, def: JourneyDefinition<A>) {
  const slugs = def.steps.map((s) => s.slug);
  const firstUndone = (s: JourneyState) => slugs.find((slug) => !s.done.includes(slug));
  const returning = (req: FastifyRequest) => (req.query as Record<string, unknown>).returnTo === CHECK_ANSWERS;

  function backLink(index: number, req: FastifyRequest): string {
    if (returning(req)) return `${def.path}/${CHECK_ANSWERS}`;
    return index === 0 ? def.exitHref : `${def.path}/${slugs[index - 1]}`;
  }

  async function renderStep(req: FastifyRequest, reply: FastifyReply, step: JourneyStep<A>, values: Record<string, unknown>, errors?: FieldErrors) {
    const index = slugs.indexOf(step.slug);
    const context = step.context ? await step.context(req) : {};
    return reply.page(
      step.view,
      { ...context, values, backLink: backLink(index, req), exitHref: def.exitHref, fieldIds: step.fieldIds ?? {} },
      errors ? { errors } : {},
    );
  }

  async function renderCheck(req: FastifyRequest, reply: FastifyReply, answers: A, errors?: FieldErrors) {
    const fieldIds = Object.fromEntries(Object.keys(def.fieldSteps).map((f) => [f, changeLinkId(f)]));
    const context = await def.checkAnswers(req, answers);
    return reply.page(
      def.checkAnswersView,
      { ...context, backLink: `${def.path}/${slugs.at(-1)}`, exitHref: def.exitHref, fieldIds },
      errors ? { errors } : {},
    );
  }

  const config = (audit: AuditAction) => ({ config: { access: def.access, audit } });

  app.get(def.path, config(def.audit.start), async (req, reply) => {
    save(req, def.name, undefined);
    return reply.redirect(`${def.path}/${slugs[0]}`);
  });

  app.get(`${def.path}/${CHECK_ANSWERS}`, config(def.audit.checkViewed), async (req, reply) => {
    const s = state(req, def.name);
    const missing = firstUndone(s);
    if (missing) return reply.redirect(`${def.path}/${missing}`);
    return renderCheck(req, reply, s.answers as A);
  });

  app.post(`${def.path}/${CHECK_ANSWERS}`, config(def.audit.completed), async (req, reply) => {
    const s = state(req, def.name);
    const missing = firstUndone(s);
    if (missing) return reply.redirect(`${def.path}/${missing}`);
    try {
      const next = await def.complete(req, s.answers as A);
      save(req, def.name, undefined);
      return reply.redirect(next);
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'invalid') return renderCheck(req, reply, s.answers as A, error.fieldErrors);
      throw error;
    }
  });

  for (const step of def.steps) {
    const index = slugs.indexOf(step.slug);
    const url = `${def.path}/${step.slug}`;

    app.get(url, config(def.audit.stepViewed), async (req, reply) => {
      const s = state(req, def.name);
      const missing = firstUndone(s);
      if (missing && slugs.indexOf(missing) < index) return reply.redirect(`${def.path}/${missing}`);
      return renderStep(req, reply, step, step.values(s.answers as Partial<A>));
    });

    app.post(url, config(def.audit.stepAnswered), async (req, reply) => {
      const body = (req.body ?? {}) as Body;
      const s = state(req, def.name);
      const missing = firstUndone(s);
      if (missing && slugs.indexOf(missing) < index) return reply.redirect(`${def.path}/${missing}`);
      const form = await step.parse(body, req, s.answers as Partial<A>);
      if (!form.ok) return renderStep(req, reply, step, step.posted(body), form.errors);
      const next: JourneyState = {
        answers: { ...s.answers, ...form.data },
        done: s.done.includes(step.slug) ? s.done : [...s.done, step.slug],
      };
      save(req, def.name, next);
      const following = returning(req) ? undefined : slugs[index + 1];
      const undone = firstUndone(next);
      return reply.redirect(`${def.path}/${following ?? undone ?? CHECK_ANSWERS}`);
    });
  }
}
