// Form handling: zod schemas whose messages are locale keys (errors namespace), and the GOV.UK error
// summary built from them in the reader's language.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { type FieldErrors, ServiceError, UniqueConflict } from '../services/context.ts';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!errors[field]) errors[field] = issue.message.includes('.') ? issue.message : 'form.invalid';
  }
  return { ok: false, errors };
}

/**
 * A refusal the form shows in its error summary: invalid answers, or an answer that clashed with one saved
 * at the same moment by someone else (a unique key: the same email address, the same board code).
 */
export function isInvalid(error: unknown): error is ServiceError {
  return (error instanceof ServiceError && error.kind === 'invalid') || error instanceof UniqueConflict;
}

export interface FormSubmission<R> {
  /** The service change. */
  run: () => Promise<R>;
  /** Renders the page again with the refusal's errors and the answers sent. */
  show: (errors: FieldErrors, status: number) => unknown;
  /** Locale key of the message shown after the redirect (may depend on run's result), with its values if any. */
  flash: string | ((result: R) => string);
  flashValues?: (result: R) => Record<string, unknown>;
  /** Where to go on success (may depend on run's result). */
  next: string | ((result: R) => string);
  /** The refusals shown on the page (both unless given); any other goes to the error page. */
  refusals?: readonly ('invalid' | 'conflict')[];
}

/**
 * A form's POST, the one way: run the change; an `invalid` or `conflict` refusal shows the page again (its
 * field errors, or `{ form: message }` when it has none; 409 for a conflict, 400 otherwise); any other error
 * is thrown; on success the flash is set and the reader redirected.
 */
export async function submitForm<R>(req: FastifyRequest, reply: FastifyReply, form: FormSubmission<R>) {
  let result: R;
  try {
    result = await form.run();
  } catch (e) {
    if (e instanceof ServiceError && (e.kind === 'invalid' || e.kind === 'conflict') && (form.refusals ?? ['invalid', 'conflict']).includes(e.kind))
      return form.show(Object.keys(e.fieldErrors).length > 0 ? e.fieldErrors : { form: e.message }, e.kind === 'conflict' ? 409 : 400);
    throw e;
  }
  const key = typeof form.flash === 'function' ? form.flash(result) : form.flash;
  req.session.flash = req.t(key, form.flashValues?.(result) ?? {});
  return reply.redirect(typeof form.next === 'function' ? form.next(result) : form.next);
}

export interface ErrorView {
  errorList: { text: string; href: string }[];
  fieldErrors: Record<string, { text: string; visuallyHiddenText: string }>;
}

/** Field order follows the form's own order when given (so the summary matches the page). */
export function errorView(
  errors: FieldErrors,
  t: TFunction,
  fieldIds: Record<string, string> = {},
  params: Record<string, Record<string, string>> = {},
): ErrorView {
  const fieldErrors: ErrorView['fieldErrors'] = {};
  const errorList: { text: string; href: string }[] = [];
  // The inline message's hidden prefix ("Error:" / "Gwall:") in the reader's language, not govuk's English default.
  const visuallyHiddenText = t('common:errorPrefix').replace(/:$/, '');
  for (const [field, key] of Object.entries(errors)) {
    // A key that names its namespace ('consideration:agenda.errors.required') is a page's own message;
    // a page may give values for it by field (the question a criteria error is about).
    const text = t(key.includes(':') ? key : `errors:${key}`, params[field] ?? {});
    fieldErrors[field] = { text, visuallyHiddenText };
    errorList.push({ text, href: `#${fieldIds[field] ?? field}` });
  }
  return { errorList, fieldErrors };
}

/** Values from an HTML form: trimmed strings; empty strings become undefined. */
export function formString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Checkbox groups arrive as a string or an array of strings. */
export function formList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  if (typeof value === 'string' && value !== '') return [value];
  return [];
}

export interface Option {
  value: string;
  text: string;
}

/** Options for radios or a select, marking the current value (placeholder: a first empty option). */
export function choose(options: Option[], current: unknown, placeholder?: string) {
  const items = options.map((o) => ({ ...o, checked: o.value === current, selected: o.value === current }));
  return placeholder === undefined ? items : [{ value: '', text: placeholder, selected: !current }, ...items];
}

/** Options for checkboxes, marking those in current. */
export function chooseMany(options: Option[], current: unknown) {
  const list = formList(current);
  return options.map((o) => ({ ...o, checked: list.includes(o.value) }));
}

/** The string value of a single form field, untrimmed for redisplay. */
export function raw(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : '';
}
