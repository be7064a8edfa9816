// Zod fields built from the rules in src/domain/limits.ts, whose messages are locale keys (errors
// namespace): the same field in a journey's step schema and in the API operation for the same command,
// so the page and the API refuse the same answers with the same field errors (the services apply the
// same rules again: src/domain/limits.ts textProblems).
import { z } from 'zod';
import { DATE_YEARS, isDateInRange } from '../../domain/clock/index.ts';
import type { TextRule } from '../../domain/limits.ts';
import { dateParts, parseDateParts } from '../dates.ts';

// One line of text: no control characters at all.
const PRINTABLE = /^[^\p{Cc}]*$/u;
const PRINTABLE_MESSAGE = 'Must not contain control characters';

// Several lines of text: line breaks and tabs allowed, no other control characters.
const PROSE = /^(?:[^\p{Cc}]|[\t\n])*$/u;
const PROSE_MESSAGE = 'Must not contain control characters other than line breaks';

/** A required free-text answer: trimmed; missing or blank, and too long, are refused with the rule's keys. */
export function requiredText(rule: TextRule & { required: string }) {
  return z.string({ error: rule.required }).trim().min(1, rule.required).max(rule.max, rule.tooLong).regex(PROSE, PROSE_MESSAGE);
}

/** An optional free-text answer: trimmed; null when left out or blank; too long is refused with the rule's key. */
export function optionalText(rule: TextRule) {
  return z
    .string()
    .trim()
    .max(rule.max, rule.tooLong)
    .regex(PROSE, PROSE_MESSAGE)
    .transform((v) => v || null)
    .nullable()
    .default(null);
}

/**
 * A free-text answer whose length limit is checked here and whether it is given by the service (with the same
 * key), so a request missing it still hears of every other problem at once (the referral's facts).
 */
export function limitedText(rule: TextRule) {
  return z.string().trim().max(rule.max, rule.tooLong).regex(PROSE, PROSE_MESSAGE);
}

/** A required one-line answer (a name, a code, an email address): trimmed; missing or blank, and too long, refused with the rule's keys. */
export function requiredLine(rule: TextRule & { required: string }) {
  return z.string({ error: rule.required }).trim().min(1, rule.required).max(rule.max, rule.tooLong).regex(PRINTABLE, PRINTABLE_MESSAGE);
}

/** An optional one-line answer: trimmed; null when left out or blank; too long is refused with the rule's key. */
export function optionalLine(rule: TextRule) {
  return z
    .string()
    .trim()
    .max(rule.max, rule.tooLong)
    .regex(PRINTABLE, PRINTABLE_MESSAGE)
    .transform((v) => v || null)
    .nullable()
    .default(null);
}

const DATE_PARTS = z.object({ day: z.string(), month: z.string(), year: z.string() });
const EMPTY = { day: '', month: '', year: '' };

/**
 * A GOV.UK date input (its day, month and year boxes, gathered by formValues) as a calendar date, required:
 * the problems are `<prefix>Required`, `<prefix>Incomplete` and `<prefix>Invalid`.
 */
export function requiredDate(prefix: string) {
  return DATE_PARTS.optional().transform((value, ctx): string => {
    const parsed = parseDateParts(value ?? EMPTY);
    if (parsed === null || parsed === 'incomplete' || parsed === 'invalid') {
      ctx.addIssue({ code: 'custom', message: `${prefix}${parsed === null ? 'Required' : parsed === 'incomplete' ? 'Incomplete' : 'Invalid'}` });
      return z.NEVER;
    }
    return parsed;
  });
}

/** An optional date input: null when left empty; otherwise as requiredDate. */
export function optionalDate(prefix: string) {
  return DATE_PARTS.optional().transform((value, ctx): string | null => {
    const parsed = parseDateParts(value ?? EMPTY);
    if (parsed === 'incomplete' || parsed === 'invalid') {
      ctx.addIssue({ code: 'custom', message: `${prefix}${parsed === 'incomplete' ? 'Incomplete' : 'Invalid'}` });
      return z.NEVER;
    }
    return parsed;
  });
}

/**
 * A posted HTML form as a step schema reads it: every field an empty string was sent for is left out
 * (so "required" and "optional" mean the same as in a JSON request).
 */
export function formValues(body: unknown, dates: readonly string[] = []): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' && value.trim() === '') continue;
    values[key] = value;
  }
  // A date input's boxes (`<field>-day`, `-month`, `-year`) as one value for requiredDate and optionalDate.
  for (const field of dates) values[field] = dateParts((body ?? {}) as Record<string, unknown>, field);
  return values;
}

// ---- The same answers as an API request carries them ---------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date answer in a JSON request (YYYY-MM-DD), required: the same problems as requiredDate (`<prefix>Required`, `<prefix>Invalid`). */
export function requiredIsoDate(prefix: string) {
  return z
    .string({ error: `${prefix}Required` })
    .refine((v) => ISO_DATE.test(v) && isDateInRange(v), `${prefix}Invalid`)
    .describe(`YYYY-MM-DD, from ${DATE_YEARS.min} to ${DATE_YEARS.max}`);
}

/** An optional date answer in a JSON request: null when left out; otherwise as requiredIsoDate. */
export function optionalIsoDate(prefix: string) {
  return requiredIsoDate(prefix).nullable().default(null);
}

/** A yes/no answer: radios on a page ("yes", "no"), true or false in the API; missing is `key` in both. */
export const yesNo = {
  page: (key: string) => z.enum(['yes', 'no'], { error: key }).transform((v) => v === 'yes'),
  api: (key: string) => z.boolean({ error: key }),
};
