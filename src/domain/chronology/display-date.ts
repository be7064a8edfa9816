// A chronology entry's date written for a reader, as precisely as it is known (issue 11): "22 May 2016",
// "about 22 May 2016" / "tua 22 Mai 2016", "March 2019" / "Mawrth 2019", "2019". Spreadsheet exports write
// an exact date as a real date and every other date as this text, which the import reads back. Pure.
import { formatDate, MONTH_NAMES } from '../clock/london.ts';
import type { Language } from '../organisation.ts';
import type { EntryFields } from './entry.ts';

/** The word before an approximate date ("tua" takes no mutation before a digit: WELSH.md §3). */
export const ABOUT_WORD: Readonly<Record<Language, string>> = { en: 'about', cy: 'tua' };

export function displayDate(fields: Pick<EntryFields, 'occurredOn' | 'precision'>, language: Language): string {
  const { occurredOn, precision } = fields;
  const year = occurredOn.slice(0, 4);
  switch (precision) {
    case 'year':
      return year;
    case 'month':
      return `${MONTH_NAMES[language][Number(occurredOn.slice(5, 7)) - 1]} ${year}`;
    case 'about':
      return `${ABOUT_WORD[language]} ${formatDate(occurredOn, language)}`;
    case 'exact':
      return formatDate(occurredOn, language);
  }
}
