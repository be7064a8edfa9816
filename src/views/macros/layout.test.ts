// The plain-markup layout components and button render exactly what their govuk-frontend macros render
// (after whitespace between tags is normalised), for the options this service uses.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { configureEnvironment } from '../environment.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
// The application's environment (its filters and the `urls` global the layout links with).
const env = configureEnvironment(
  new nunjucks.Environment(new nunjucks.FileSystemLoader([join(here, '..'), join(here, '../../../node_modules/govuk-frontend/dist')]), {
    autoescape: true,
  }),
);
const normalise = (html: string) => html.replace(/\s+/g, ' ').replace(/>\s+/g, '>').replace(/\s+</g, '<').trim();
const render = (macro: string, from: string, params: unknown) => env.renderString(`{% from "${from}" import ${macro} %}{{ ${macro}(p) }}`, { p: params });

const nav = (active: number) =>
  ['/', '/admin', '/audit', '/account'].map((href, i) => ({ href, text: ['Hafan', 'Gweinyddu', 'Archwilio <&>', 'Cyfrif'][i], active: i === active }));

const cases: [string, string, string, string, Record<string, unknown>][] = [
  ['appSkipLink', 'govukSkipLink', 'macros/layout.njk', 'skip-link', { href: '#main-content', text: 'Neidio i’r prif gynnwys' }],
  ['appSkipLink', 'govukSkipLink', 'macros/layout.njk', 'skip-link', { text: 'Skip', classes: 'x' }],
  ['appGenericHeader', 'govukGenericHeader', 'macros/layout.njk', 'generic-header', { logoText: 'Adolygu Achosion', url: '/' }],
  ['appGenericHeader', 'govukGenericHeader', 'macros/layout.njk', 'generic-header', { logoText: '<b>&', classes: 'x' }],
  [
    'appServiceNavigation',
    'govukServiceNavigation',
    'macros/layout.njk',
    'service-navigation',
    { ariaLabel: 'Dewislen', menuButtonText: 'Dewislen', navigation: nav(1) },
  ],
  ['appServiceNavigation', 'govukServiceNavigation', 'macros/layout.njk', 'service-navigation', { menuButtonText: 'Menu', navigation: nav(-1) }],
  [
    'appServiceNavigation',
    'govukServiceNavigation',
    'macros/layout.njk',
    'service-navigation',
    { menuButtonText: 'Menu', navigation: [{ href: '/', text: 'Home', active: true }] },
  ],
  [
    'appServiceNavigation',
    'govukServiceNavigation',
    'macros/layout.njk',
    'service-navigation',
    { navigation: [{ href: '/a', text: 'A', current: true }, undefined, { href: '/b', text: 'B' }] },
  ],
  ['appServiceNavigation', 'govukServiceNavigation', 'macros/layout.njk', 'service-navigation', { navigation: [] }],
  [
    'appLanguageNavigation',
    'govukLanguageNavigation',
    'macros/layout.njk',
    'language-navigation',
    {
      ariaLabel: 'Iaith',
      classes: 'govuk-!-margin-top-3',
      items: [
        { text: 'English', lang: 'en', href: '/boards/1?q=a%26b&lang=en', current: false },
        { text: 'Cymraeg', lang: 'cy', href: '/boards/1?lang=cy', current: true },
      ],
    },
  ],
  [
    'appLanguageNavigation',
    'govukLanguageNavigation',
    'macros/layout.njk',
    'language-navigation',
    { items: [{ text: 'English' }, { text: 'Cymraeg', href: '/?lang=cy' }] },
  ],
  ['appBackLink', 'govukBackLink', 'macros/layout.njk', 'back-link', { href: '/admin', text: 'Yn ôl' }],
  ['appBackLink', 'govukBackLink', 'macros/layout.njk', 'back-link', {}],
  ['appButton', 'govukButton', 'macros/button.njk', 'button', { text: 'Parhau', preventDoubleClick: true }],
  ['appButton', 'govukButton', 'macros/button.njk', 'button', { text: 'Search', classes: 'govuk-button--secondary' }],
  ['appButton', 'govukButton', 'macros/button.njk', 'button', { text: 'Create <board>', href: '/admin/boards/new?a=1&b=2' }],
  ['appButton', 'govukButton', 'macros/button.njk', 'button', { text: 'Edit', href: '/x', classes: 'govuk-button--secondary' }],
  [
    'appButton',
    'govukButton',
    'macros/button.njk',
    'button',
    { text: 'Confirm', classes: 'govuk-button--warning', preventDoubleClick: true, attributes: { id: 'confirm', 'data-x': 'a"b' } },
  ],
  [
    'appButton',
    'govukButton',
    'macros/button.njk',
    'button',
    { text: 'Go', type: 'button', name: 'action', value: 'save', disabled: true, id: 'go', preventDoubleClick: false },
  ],
];

for (const [ours, theirs, file, component, params] of cases) {
  test(`${ours} renders what ${theirs} renders: ${JSON.stringify(params).slice(0, 80)}`, () => {
    assert.equal(normalise(render(ours, file, params)), normalise(render(theirs, `govuk/components/${component}/macro.njk`, params)));
  });
}
