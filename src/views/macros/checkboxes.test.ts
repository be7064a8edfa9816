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

const statuses = ['referred', 'under_consideration', 'recommended_to_chair'].map((value, i) => ({ value, text: `Statws ${i} <&>`, checked: i === 1 }));

const cases: Record<string, unknown> = {
  'small filter in a fieldset': {
    idPrefix: 'status',
    name: 'status',
    classes: 'govuk-checkboxes--small',
    fieldset: { legend: { text: 'Statws', classes: 'govuk-fieldset__legend--s' } },
    items: statuses,
  },
  'page heading, hint, error, item hints, divider and an exclusive item': {
    idPrefix: 'agenciesInvolved',
    name: 'agenciesInvolved',
    fieldset: { legend: { text: 'Which agencies?', classes: 'govuk-fieldset__legend--l', isPageHeading: true } },
    hint: { text: 'Select all that apply' },
    errorMessage: { text: 'Dewiswch un', visuallyHiddenText: 'Gwall' },
    formGroup: { classes: 'app-x' },
    items: [
      { value: 'a1', text: 'Police', hint: { text: 'Heddlu' }, checked: true },
      undefined,
      { value: 'a2', text: 'Health', id: 'own-id', disabled: true },
      { divider: 'neu' },
      { value: 'none', text: 'None known', behaviour: 'exclusive', checked: false },
    ],
  },
  'checked from values': {
    name: 'overdue',
    values: ['yes'],
    items: [
      { value: 'yes', text: 'Overdue only' },
      { value: 'no', text: 'No', checked: false },
    ],
  },
  'no fieldset, with hint and error': {
    name: 'people',
    hint: { text: 'Hint' },
    errorMessage: { text: 'Wrong' },
    items: [
      { value: 'p1', text: 'Person 1', hint: { text: 'Chair' }, label: { classes: 'x' } },
      { value: 'p2', text: 'Person 2' },
    ],
  },
  'a fieldset without a legend': { name: 'x', fieldset: { classes: 'y' }, items: [{ value: '1', text: 'One' }] },
};

for (const [name, params] of Object.entries(cases)) {
  test(`appCheckboxes renders what govukCheckboxes renders: ${name}`, () => {
    assert.equal(
      normalise(render('appCheckboxes', 'macros/checkboxes.njk', params)),
      normalise(render('govukCheckboxes', 'govuk/components/checkboxes/macro.njk', params)),
    );
  });
}
