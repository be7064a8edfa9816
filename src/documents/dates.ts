// Dates as they are written in letters and reports: "27 November 2026" / "27 Tachwedd 2026".
import type { Language } from '../domain/organisation.ts';

const FORMATS: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  cy: new Intl.DateTimeFormat('cy-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** Writes out a calendar date (YYYY-MM-DD) in the given language; throws RangeError for anything that is not a real date. */
export function formatLongDate(isoDate: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`Not a calendar date: ${isoDate}`);
  }
  return FORMATS[language].format(date);
}
