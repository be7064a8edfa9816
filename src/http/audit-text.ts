// Audit actions and records in the reader's language, wherever they are shown (the audit log, a record's
// timeline): each listed action's phrase (locales/<lang>/audit.json
// `actions.<CODE>`), each kind of record's name (`recordTypes.<type>`). A code an older version wrote,
// no longer listed, is shown as the code itself; so is a kind of record this version has no name for.
import type { TFunction } from 'i18next';
import { isAuditAction } from '../domain/audit-actions.ts';

/** What the log shows for an action: its phrase, and whether it is listed (an unlisted code is its own text). */
export function actionText(t: TFunction, code: string): { text: string; listed: boolean } {
  return isAuditAction(code) ? { text: t(`audit:actions.${code}`), listed: true } : { text: code, listed: false };
}

/** The filter's choices: every action found in the log, by phrase in the reader's language, the code as value. */
export function actionOptions(t: TFunction, codes: readonly string[], language: string): { value: string; text: string }[] {
  return codes
    .map((code) => ({ value: code, text: actionText(t, code).text }))
    .sort((a, b) => a.text.localeCompare(b.text, language) || (a.value < b.value ? -1 : 1));
}

/** A kind of record in words ("Board", "Bwrdd"), or its code when this version has no name for it. */
export function recordTypeText(t: TFunction, recordType: string): string {
  return /^[a-z_]+$/.test(recordType) ? t(`audit:recordTypes.${recordType}`, { defaultValue: recordType }) : recordType;
}
