// layouts/base.njk writes govuk-frontend's page template and the layout's components as plain markup, for
// speed (bench/README.md). These render the same pages with it and with govuk-template-reference.njk (the
// govuk template and macros) and require the same HTML, in each state the layout has.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { translator } from '../../i18n.ts';
import { configureEnvironment } from '../environment.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
// The application's environment (its filters and the `urls` global the layout links with).
const env = configureEnvironment(
  new nunjucks.Environment(
    new nunjucks.FileSystemLoader([join(here, '../../http'), join(here, '..'), join(here, '../../../node_modules/govuk-frontend/dist')]),
    { autoescape: true },
  ),
);
const normalise = (html: string) => html.replace(/\s+/g, ' ').replace(/>\s+/g, '>').replace(/\s+</g, '<').trim();
const page = (layout: string, context: Record<string, unknown>) =>
  env.renderString(`{% extends layout %}{% block pageContent %}<h1 class="govuk-heading-l">{{ title }}</h1>{% endblock %}`, { ...context, layout });

const nav = [
  { href: '/', text: 'Home', active: false },
  { href: '/admin', text: 'Admin', active: true },
];
const states: Record<string, Record<string, unknown>> = {
  'signed out, English': { lang: 'en', htmlLang: 'en', title: 'Sign in', navigation: [], actor: undefined },
  'signed in with navigation, Welsh, back link': {
    lang: 'cy',
    htmlLang: 'cy',
    title: 'Pobl',
    section: 'Gweinyddu',
    navigation: nav,
    actor: { fullName: 'Rhian <Evans>' },
    backLink: '/admin',
    columns: 'full',
  },
  'errors and a success message': {
    lang: 'en',
    htmlLang: 'en',
    title: 'Details',
    navigation: [nav[0]],
    actor: { fullName: 'A' },
    hasErrors: true,
    errorList: [{ text: 'Enter a name', href: '#name' }],
    flash: 'Saved & sent',
  },
  'no nonce': { lang: 'en', title: 'Problem', navigation: [], cspNonce: undefined },
};

for (const [name, state] of Object.entries(states)) {
  test(`the plain layout renders what the govuk template and macros render: ${name}`, () => {
    const t = translator((state.lang as 'en' | 'cy') ?? 'en');
    const context = {
      t,
      serviceName: t('common:serviceName'),
      cspNonce: 'bm9uY2U=',
      csrfToken: 'token',
      languageLinks: [
        { text: 'English', lang: 'en', href: '/admin/people?q=a&lang=en', current: state.lang !== 'cy' },
        { text: 'Cymraeg', lang: 'cy', href: '/admin/people?q=a&lang=cy', current: state.lang === 'cy' },
      ],
      ...state,
    };
    assert.equal(normalise(page('layouts/base.njk', context)), normalise(page('layouts/govuk-template-reference.njk', context)));
  });
}
