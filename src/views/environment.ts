// What every Nunjucks environment that renders our views needs: the application's, the benchmark's
// render limit and the template tests'. Filters here are small pieces of markup or formatting that are
// cheaper in code than in a template loop.
import nunjucks from 'nunjucks';
import { isIsoDate } from '../domain/clock/dates.ts';
import { formatDate, formatDateOf } from '../domain/clock/london.ts';
import { urls } from '../urls.ts';

interface OptionItem {
  value?: unknown;
  text?: unknown;
  selected?: unknown;
  disabled?: unknown;
}

/** Nunjucks' autoescape, character for character (its lib.escape is not in its type definitions). */
const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };
const escaped = (value: unknown) => String(value).replace(/[&"'<>\\]/g, (ch) => ENTITIES[ch] ?? ch);

/**
 * The <option> elements of a select, as govukSelect writes them: an item is selected when it says so, or
 * when its value (its text when it has none) equals the select's value and it does not say otherwise.
 * A Nunjucks loop sets seven loop variables an option, which made a 150-board filter cost ~0.45 ms and
 * the audit log's two filters over 1 ms (bench/README.md). macros/select.test.ts checks the markup.
 */
export function selectOptions(items: readonly (OptionItem | null | undefined)[] | undefined, value: unknown): nunjucks.runtime.SafeString {
  let html = '';
  for (const item of items ?? []) {
    if (!item) continue;
    const effective = item.value !== undefined ? item.value : item.text;
    // biome-ignore lint/suspicious/noDoubleEquals: govukSelect compares with Nunjucks' ==, which is JavaScript's ==.
    const selected = Boolean(item.selected) || (Boolean(value) && effective == value && item.selected !== false);
    html += `<option${item.value !== undefined ? ` value="${escaped(item.value)}"` : ''}${selected ? ' selected' : ''}${item.disabled ? ' disabled' : ''}>${escaped(item.text ?? '')}</option>`;
  }
  return new nunjucks.runtime.SafeString(html);
}

export function configureEnvironment(env: nunjucks.Environment): nunjucks.Environment {
  // "6 December 2026" / "6 Rhagfyr 2026" (`{{ at | longDate(lang) }}`): a calendar date as it is, an instant as its date in London.
  env.addFilter('longDate', (v: unknown, lang: unknown) => {
    if (typeof v !== 'string' || v === '') return '';
    const language = lang === 'cy' ? 'cy' : 'en';
    return isIsoDate(v) ? formatDate(v, language) : formatDateOf(v, language);
  });
  env.addFilter('selectOptions', selectOptions);
  // Every path a template links to or posts to: `urls.referral(board.id, referral.id)` (src/urls.ts), never concatenated.
  env.addGlobal('urls', urls);
  return env;
}
