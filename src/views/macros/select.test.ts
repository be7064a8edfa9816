import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { configureEnvironment } from '../environment.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const env = configureEnvironment(
  new nunjucks.Environment(new nunjucks.FileSystemLoader([join(here, '..'), join(here, '../../../node_modules/govuk-frontend/dist')]), {
    autoescape: true,
  }),
);
const normalise = (html: string) => html.replace(/\s+/g, ' ').replace(/>\s+/g, '>').replace(/\s+</g, '<').trim();
const render = (macro: string, from: string, params: unknown) => env.renderString(`{% from "${from}" import ${macro} %}{{ ${macro}(p) }}`, { p: params });

const boards = [
  { value: '', text: 'Pob bwrdd', selected: false },
  { value: 'b1', text: 'Bwrdd Teifi', selected: true },
  { value: 'b2', text: 'Bwrdd <Tywi> & "Cothi"', selected: false },
];

const cases: Record<string, unknown> = {
  'a filter, one option selected': { id: 'boardId', name: 'boardId', label: { text: 'Bwrdd' }, items: boards },
  'selected by value': {
    id: 'sort',
    name: 'sort',
    value: 'b2',
    label: { text: 'Sort', classes: 'govuk-label--s' },
    items: boards.map((b) => ({ value: b.value, text: b.text })),
  },
  'selected by value, but one item says not selected': {
    name: 'sort',
    value: 'b2',
    label: { text: 'Sort' },
    items: [{ value: 'b2', text: 'Two', selected: false }, { text: 'b2' }],
  },
  'as the page heading, with a hint and an error': {
    id: 'agencyId',
    name: 'agencyId',
    label: { text: 'Which agency?', classes: 'govuk-label--l', isPageHeading: true },
    hint: { text: 'Choose one' },
    errorMessage: { text: 'Dewiswch asiantaeth', visuallyHiddenText: 'Gwall' },
    classes: 'govuk-!-width-full',
    formGroup: { classes: 'app-extra' },
    items: [{ value: 'a', text: 'A', disabled: true }, undefined, { value: 'b', text: 'B' }],
  },
  'an error without a hint, disabled': { id: 'm', name: 'meetingId', disabled: true, label: { text: 'Meeting' }, errorMessage: { text: 'Wrong' }, items: [] },
  'values that need escaping': { id: 'x', name: 'x"y', label: { text: '<b>&"' }, items: [{ value: '"><script>\\', text: "<i>'" }] },
  'numbers, text without a value, and loose equality': {
    name: 'n',
    value: 2,
    label: { text: 'N' },
    items: [{ value: 1, text: 'One' }, { value: '2', text: 'Two' }, { text: 'Three' }, null, { value: 0, text: 'Zero', selected: true }],
  },
  'selected by text when an item has no value': { name: 't', value: 'Three', label: { text: 'T' }, items: [{ text: 'Three' }, { value: '', text: 'Empty' }] },
};

for (const [name, params] of Object.entries(cases)) {
  test(`appSelect renders what govukSelect renders: ${name}`, () => {
    const ours = normalise(render('appSelect', 'macros/select.njk', params));
    const theirs = normalise(render('govukSelect', 'govuk/components/select/macro.njk', params));
    assert.equal(ours, theirs);
  });
}
