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
