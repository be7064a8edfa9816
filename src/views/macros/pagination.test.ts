import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { paginationView } from '../../http/pagination.ts';
import { translator } from '../../i18n.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([join(here, '..'), join(here, '../../../node_modules/govuk-frontend/dist')]), {
  autoescape: true,
});
const normalise = (html: string) => html.replace(/\s+/g, ' ').replace(/>\s+/g, '>').replace(/\s+</g, '<').trim();
const render = (macro: string, from: string, params: unknown) => env.renderString(`{% from "${from}" import ${macro} %}{{ ${macro}(p) }}`, { p: params });
const href = (n: number) => `/admin/people?q=a%26b&page=${n}`;

const cases: Record<string, unknown> = {
  'the first of many pages, Welsh': paginationView(translator('cy'), { page: 1, pages: 9, href, landmarkLabel: 'Tudalennau pobl' }),
  'a middle page with ellipses': paginationView(translator('en'), { page: 5, pages: 9, href, landmarkLabel: 'Pages of people' }),
  'the last page': paginationView(translator('en'), { page: 9, pages: 9, href, landmarkLabel: 'Pages <&>' }),
  'block level: previous and next only, with labels': {
    previous: { href: '/p?page=1', text: 'Previous', labelText: '1 of 3' },
    next: { href: '/p?page=3', text: 'Next', labelText: '3 of 3' },
  },
  'block level without labels or text': { previous: { href: '/p?page=1' }, next: { href: '/p?page=3' }, classes: 'x' },
  'items with empty entries': { items: [{ number: '1', href: '/1' }, {}, null, { ellipsis: true }, { number: '7', href: '/7', current: true }] },
};

for (const [name, params] of Object.entries(cases)) {
  test(`appPagination renders what govukPagination renders: ${name}`, () => {
    assert.equal(
      normalise(render('appPagination', 'macros/pagination.njk', params)),
      normalise(render('govukPagination', 'govuk/components/pagination/macro.njk', params)),
    );
  });
}
