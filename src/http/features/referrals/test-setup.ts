// What the referral page tests share: a board with two agencies, a signed-in reader of a role, and a walk
// through every page of the new referral journey.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import type { BoardRole } from '../../../domain/roles.ts';
import { seedBoard, seedPerson } from '../../../testing/fixtures.ts';
import { seedAgency } from '../../../testing/referral-fixtures.ts';
import { Browser, buildTestApp, signIn, TestClock } from '../../../testing/test-app.ts';

export const NOW = new Date('2026-11-27T10:00:00Z');

export async function setup(t: Parameters<typeof buildTestApp>[0], dialect: Parameters<typeof buildTestApp>[1]) {
  const clock = new TestClock(NOW);
  const { app, services } = await buildTestApp(t, dialect, { clock });
  const board = await seedBoard(services);
  const police = await seedAgency(services, [board.id], { en: 'Gwent Police', cy: 'Heddlu Gwent' }, 'police');
  const health = await seedAgency(services, [board.id], { en: 'Health Board', cy: 'Bwrdd Iechyd' }, 'health');
  return { app, services, board, police, health, clock };
}

export async function signedIn(app: FastifyInstance, services: Services, role: BoardRole, boardId: string | null, fullName = 'Bethan Business') {
  const person = await seedPerson(services, { fullName, roles: [{ role, boardId }], totp: role !== 'board_member' });
  const browser = new Browser(app);
  await signIn(browser, person, { now: () => NOW });
  return { browser, person };
}

export const date = (prefix: string, iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year };
};

/** Answers every page of the journey up to check answers, with the values given. */
export async function walk(browser: Browser, base: string, agencyId: string, opts: { childName?: string; dateOfBirth?: string; incidentOn?: string } = {}) {
  const steps: [string, Record<string, string | string[]>][] = [
    [
      'referrer',
      {
        referringAgencyId: agencyId,
        referrerKind: 'external',
        referrerName: 'DS Rhys Morgan',
        referrerEmail: 'rhys.morgan@police.example',
        referrerLanguage: 'en',
        referrerRole: 'Public protection unit',
      },
    ],
    ['dates', { ...date('receivedOn', '2026-11-20'), ...date('incidentOn', opts.incidentOn ?? '2026-11-18') }],
    ['incident-type', { incidentType: 'death' }],
    ['abuse-or-neglect', { abuseOrNeglect: 'suspected' }],
    ['board-area', { inBoardArea: 'yes' }],
    [
      'child',
      {
        childFullName: opts.childName ?? 'Siân Prydderch',
        ...date('dateOfBirth', opts.dateOfBirth ?? '2019-05-04'),
        childAddress: '1 Stryd Fawr',
        childIsDeceased: 'yes',
      },
    ],
    ['periods', {}],
    ['family', {}],
    ['agencies', { agenciesInvolved: [agencyId] }],
    ['facts', { initialFacts: 'The child was found unresponsive at home.' }],
    ['proceedings', {}],
  ];
  for (const [slug, fields] of steps) {
    const res = await browser.submit(`${base}/${slug}`, fields);
    assert.equal(res.statusCode, 302, `${slug}: ${res.$('.govuk-error-summary').text()}`);
  }
}

export const errorLinks = (res: { $: import('cheerio/slim').CheerioAPI }) =>
  res
    .$('.govuk-error-summary__list a')
    .map((_, a) => ({ text: res.$(a).text().trim(), href: res.$(a).attr('href') }))
    .get();
