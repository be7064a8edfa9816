// Helpers for the pages that ask for a new password twice (first administrator, set password, change
// password): the second entry must match, and every error shows in the order of the page's fields.
import type { FieldErrors } from '../services/context.ts';

/** The "passwords do not match" error, when both were typed and differ. */
export function confirmationErrors(body: unknown, passwordField: string, confirmField: string): FieldErrors {
  const values = (body ?? {}) as Record<string, unknown>;
  const password = values[passwordField];
  const confirm = values[confirmField];
  if (typeof password !== 'string' || typeof confirm !== 'string' || password === '' || confirm === '') return {};
  return password === confirm ? {} : { [confirmField]: 'password.mismatch' };
}

/** Merges field errors (the first for a field wins) in the order the fields appear on the page. */
export function orderedErrors(order: readonly string[], ...sources: FieldErrors[]): FieldErrors {
  const merged: FieldErrors = {};
  for (const source of sources) {
    for (const [field, key] of Object.entries(source)) merged[field] ??= key;
  }
  const out: FieldErrors = {};
  for (const field of order) if (merged[field]) out[field] = merged[field];
  for (const [field, key] of Object.entries(merged)) out[field] ??= key;
  return out;
}

/** A string field from a posted form, for putting back on the page (never used for passwords). */
export function posted(body: unknown, field: string): string {
  const value = ((body ?? {}) as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : '';
}
