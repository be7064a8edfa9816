import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const here = fileURLToPath(new URL('.', import.meta.url));
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([join(here, '..'), join(here, '../../../node_modules/govuk-frontend/dist')]), {
  autoescape: true,
});
const normalise = (html: string) => html.replace(/\s+/g, ' ').replace(/>\s+/g, '>').replace(/\s+</g, '<').trim();
const render = (macro: string, from: string, params: unknown) => env.renderString(`{% from "${from}" import ${macro} %}{{ ${macro}(p) }}`, { p: params });

const items = (classes: string[] = ['', '', '']) => [
  { name: 'day', label: 'Diwrnod', value: '31', classes: `govuk-input--width-2 ${classes[0]}`.trim() },
  { name: 'month', label: 'Mis', value: '', classes: `govuk-input--width-2 ${classes[1]}`.trim() },
  { name: 'year', label: 'Blwyddyn', value: '2026', classes: `govuk-input--width-4 ${classes[2]}`.trim() },
];

const cases: Record<string, unknown> = {
  'plain, with a hint': {
    id: 'from',
    namePrefix: 'from',
    fieldset: { legend: { text: 'From', classes: 'govuk-fieldset__legend--s' } },
    hint: { text: 'For example, 27 3 2026' },
    items: items(),
  },
  'as the page heading': {
    id: 'incidentOn',
    namePrefix: 'incidentOn',
    fieldset: { legend: { text: 'When did it happen?', classes: 'govuk-fieldset__legend--l', isPageHeading: true } },
    items: items(),
  },
  'an error on the whole date': {
    id: 'decidedOn',
    namePrefix: 'decidedOn',
    fieldset: { legend: { text: 'Date' } },
    hint: { text: 'Hint' },
    errorMessage: { text: 'Rhowch ddyddiad', visuallyHiddenText: 'Gwall' },
    items: items(),
  },
  'an error on one part': {
    id: 'to',
    namePrefix: 'to',
    fieldset: { legend: { text: 'To' } },
    errorMessage: { text: 'Month missing' },
    items: items(['', 'govuk-input--error', '']),
  },
  'values that need escaping': { id: 'x', namePrefix: 'x', fieldset: { legend: { text: '<b>&"' } }, items: [{ name: 'day', label: 'D', value: '"><script>' }] },
};

for (const [name, params] of Object.entries(cases)) {
  test(`appDateInput renders what govukDateInput renders: ${name}`, () => {
    const ours = normalise(render('appDateInput', 'macros/date-input.njk', params));
    const theirs = normalise(render('govukDateInput', 'govuk/components/date-input/macro.njk', params));
    assert.equal(ours, theirs);
  });
}
