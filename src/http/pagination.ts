// Paging for every list: the page number read from a query string (one rule for every list page), and
// govukPagination parameters for a list split into pages: first, last and the neighbours of the current
// page, with ellipses between, and every label in the reader's language.
import type { TFunction } from 'i18next';

export interface PaginationOptions {
  page: number;
  pages: number;
  href: (page: number) => string;
  /** The navigation landmark's name, e.g. "Pages of people". */
  landmarkLabel: string;
}

export function paginationView(t: TFunction, { page, pages, href, landmarkLabel }: PaginationOptions) {
  if (pages <= 1) return undefined;
  return {
    landmarkLabel,
    previous: page > 1 ? { href: href(page - 1), text: t('common:previous'), labelText: t('common:pagination.pageOf', { page: page - 1, pages }) } : undefined,
    next: page < pages ? { href: href(page + 1), text: t('common:next'), labelText: t('common:pagination.pageOf', { page: page + 1, pages }) } : undefined,
    items: Array.from({ length: pages }, (_, i) => i + 1)
      .filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 1)
      .flatMap((n, i, all) => {
        const item = { number: String(n), href: href(n), current: n === page, visuallyHiddenText: t('common:pagination.page', { page: n }) };
        const gap = i > 0 && n - (all[i - 1] ?? n) > 1;
        return gap ? [{ ellipsis: true }, item] : [item];
      }),
  };
}

/** The highest page number any list accepts (the API refuses more with a 400; pages show their last page). */
export const MAX_PAGE = 100_000;

/**
 * The page a list page was asked for in its query string: 1 when absent or not a whole number from 1
 * (negative, decimal, words, repeated), and never more than MAX_PAGE, however many digits were sent.
 * A list then shows its last page when this is beyond it (clampPage).
 */
export function requestedPage(value: unknown): number {
  if (typeof value !== 'string' || !/^\s*\d+\s*$/.test(value)) return 1;
  const digits = value.trim().replace(/^0+/, '');
  if (digits === '') return 1;
  return digits.length > String(MAX_PAGE).length ? MAX_PAGE : Math.min(Number(digits), MAX_PAGE);
}

/** How many pages total items fill (at least one, so an empty list has a page 1). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The page to show: the one asked for, or the last when it is beyond the last. */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(page, pageCount(total, pageSize));
}
