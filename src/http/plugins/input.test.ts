// The text rule at the boundary (pages and API alike) and the name rule in the services.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../container.ts';
import { seedAgency, signedIn } from '../../testing/admin-fixtures.ts';
import { testAction, testCaller } from '../../testing/audit-actions.ts';
import { referralInput } from '../../testing/case-fixtures.ts';
import { seedBoard, seedPerson } from '../../testing/fixtures.ts';
import { type Browser, buildTestApp, TestClock } from '../../testing/test-app.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';

const NOW = new Date('2026-11-27T10:00:00Z');
const RLO = '\u202E';

const date = (prefix: string, iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year };
};

/** Answers every page of the new referral journey up to check answers. */
async function walk(browser: Browser, base: string, agencyId: string) {
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
    ['dates', { ...date('receivedOn', '2026-11-20'), ...date('incidentOn', '2026-11-18') }],
    ['incident-type', { incidentType: 'death' }],
    ['abuse-or-neglect', { abuseOrNeglect: 'suspected' }],
    ['board-area', { inBoardArea: 'yes' }],
    ['child', { childFullName: 'Siân Prydderch', ...date('dateOfBirth', '2019-05-04'), childAddress: '1 Stryd Fawr', childIsDeceased: 'yes' }],
    ['periods', {}],
    ['family', {}],
    ['agencies', { agenciesInvolved: [agencyId] }],
    ['facts', { initialFacts: 'The child was found unresponsive at home.\r\nPolice were called.' }],
    ['proceedings', {}],
  ];
  for (const [slug, fields] of steps) {
    const res = await browser.submit(`${base}/${slug}`, fields);
    assert.equal(res.statusCode, 302, `${slug}: ${res.$('.govuk-error-summary').text()}`);
  }
}

/** The session row of a browser (its cookie is the session id, a dot and a signature). */
function sessionId(browser: Browser): string {
  return decodeURIComponent(browser.cookie('case_review_session') ?? '').split('.')[0] ?? '';
}

async function setUp(t: Parameters<typeof buildTestApp>[0], dialect: Parameters<typeof buildTestApp>[1]) {
  const clock = new TestClock(NOW);
  const { app, services } = await buildTestApp(t, dialect, { clock });
  const board = await seedBoard(services);
  const agency = await seedAgency(services, { boardIds: [board.id] });
  return { app, services, clock, board, agency };
}

async function referralCount(services: Services) {
  return Number(
    (
      await services.db.kysely
        .selectFrom('referrals')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

function assertRefusedPage(res: { statusCode: number; $: import('cheerio/slim').CheerioAPI }, backLink: string) {
  assert.equal(res.statusCode, 400);
  assert.match(res.$('title').text(), /^Error:/);
  assert.match(res.$('.govuk-error-summary').text(), /characters that cannot be used/);
  assert.equal(res.$('a.govuk-back-link').attr('href'), backLink);
}

async function token(services: Services, roles: Parameters<typeof seedPerson>[1]) {
  const person = await seedPerson(services, { ...roles, totp: true });
  return (await services.tokens.create(testCaller('TEST_TOKEN'), person.email, 'test')).token;
}

function api(app: FastifyInstance, bearer: string) {
  return async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${bearer}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return Object.assign(res, { data: res.body ? (JSON.parse(res.body) as { errors?: { field: string; code?: string }[] }) : {} });
  };
}

for (const dialect of dialectsUnderTest()) {
  describe(`the text rule (${dialect})`, () => {
    test('a referral page refuses a NUL with an error summary and a back link; the final submit records the referral (no 500)', async (t) => {
      const { app, services, clock, board, agency } = await setUp(t, dialect);
      const { browser } = await signedIn(app, services, clock, [{ role: 'business_unit', boardId: board.id }]);
      const base = `/boards/${board.id}/referrals/new`;
      await walk(browser, base, agency.id);

      const lone = await browser.submit(`${base}/facts`, { initialFacts: 'Found\rat home.' });
      const nul = await browser.submit(`${base}/facts`, { initialFacts: 'Found at home.\u0000' });
      const submitted = await browser.submit(`${base}/check-answers`, {});
      assert.notEqual(submitted.statusCode, 500, 'the final submit never fails (PostgreSQL refuses NUL in text)');
      assertRefusedPage(nul, `${base}/facts`);
      assert.equal(lone.statusCode, 400, 'a carriage return without a line feed is a control character too');
      assert.equal(submitted.statusCode, 302, submitted.$('.govuk-error-summary').text());
      const facts = await services.db.kysely.selectFrom('referrals').select('initial_facts').executeTakeFirstOrThrow();
      assert.equal(facts.initial_facts, 'The child was found unresponsive at home.\nPolice were called.', 'CR LF from the textarea is stored as LF');
    });

    test('a draft holding a NUL from before the rule: the final submit shows the error on check answers instead of a 500', async (t) => {
      const { app, services, clock, board, agency } = await setUp(t, dialect);
      const { browser } = await signedIn(app, services, clock, [{ role: 'business_unit', boardId: board.id }]);
      const base = `/boards/${board.id}/referrals/new`;
      await walk(browser, base, agency.id);
      const id = sessionId(browser);
      const data = (await services.sessions.get(id)) as { journeys: Record<string, { answers: Record<string, unknown> }> };
      const answers = data.journeys[`referral:${board.id}`]?.answers ?? {};
      answers.initialFacts = 'Found at home.\u0000';
      answers.childFullName = `Siân${RLO}`;
      await services.sessions.set(id, data);

      const submitted = await browser.submit(`${base}/check-answers`, {});
      assert.equal(submitted.statusCode, 400);
      const links = submitted
        .$('.govuk-error-summary__list a')
        .map((_i, a) => submitted.$(a).attr('href'))
        .get();
      assert.deepEqual(links.sort(), ['#change-childFullName', '#change-initialFacts']);
      assert.equal(await referralCount(services), 0, 'nothing recorded');
    });

    test('query strings and route parameters are checked too', async (t) => {
      const { app, services, clock, board } = await setUp(t, dialect);
      const { browser } = await signedIn(app, services, clock, [
        { role: 'administrator', boardId: board.id },
        { role: 'business_unit', boardId: board.id },
      ]);
      assertRefusedPage(await browser.get('/admin/people?q=a%00b'), '/admin/people');
      assertRefusedPage(await browser.get(`/boards/${board.id}/referrals/%00`), '/');
      assert.equal((await browser.get('/admin/people?q=Si%C3%A2n')).statusCode, 200);
    });

    test('the API refuses control characters in bodies, query strings and parameters with a 400 naming the fields, after the token check', async (t) => {
      const { app, services, board } = await setUp(t, dialect);
      const unit = api(app, await token(services, { roles: [{ role: 'business_unit', boardId: board.id }] }));
      const admin = api(app, await token(services, { roles: [{ role: 'administrator', boardId: null }] }));
      const input = referralInput(board.id);
      const body = {
        referringAgencyId: null,
        referrerName: 'DS Morgan',
        referrerEmail: 'ds.morgan@police.example',
        receivedOn: input.receivedOn,
        incidentOn: input.incidentOn,
        incidentType: input.incidentType,
        abuseOrNeglect: input.abuseOrNeglect,
        inBoardArea: true,
        initialFacts: 'Found.\u0000',
        child: { fullName: 'A\u0000', isDeceased: true },
      };
      const created = await unit('POST', `/api/v1/boards/${board.id}/referrals`, body);
      assert.equal(created.statusCode, 400, created.body);
      assert.deepEqual(created.data.errors?.map((e) => [e.field, e.code]).sort(), [
        ['child.fullName', 'text.control'],
        ['initialFacts', 'text.control'],
      ]);
      const crlf = await unit('POST', `/api/v1/boards/${board.id}/referrals`, {
        ...body,
        initialFacts: 'one\r\ntwo',
        child: { fullName: null, isDeceased: true },
      });
      assert.equal(crlf.statusCode, 400, 'JSON has no textarea: a carriage return is a control character');
      assert.equal(await referralCount(services), 0);

      const search = await admin('GET', '/api/v1/people?text=a%00');
      assert.equal(search.statusCode, 400);
      assert.deepEqual(
        search.data.errors?.map((e) => e.field),
        ['text'],
      );
      const param = await admin('GET', '/api/v1/boards/a%01b');
      assert.equal(param.statusCode, 400);
      assert.deepEqual(
        param.data.errors?.map((e) => e.field),
        ['boardId'],
      );

      const anonymous = await app.inject({ method: 'GET', url: '/api/v1/people?text=a%00' });
      assert.equal(anonymous.statusCode, 401, 'who is asking comes first');
    });
  });

  describe(`the name rule (${dialect})`, () => {
    test('names with bidirectional override characters are refused by the API (400) and by the services (so by the pages too)', async (t) => {
      const { app, services, clock, board, agency } = await setUp(t, dialect);
      const admin = api(app, await token(services, { roles: [{ role: 'administrator', boardId: null }] }));
      const unit = api(app, await token(services, { roles: [{ role: 'business_unit', boardId: board.id }] }));

      const person = await admin('POST', '/api/v1/people', { fullName: `Eve${RLO}gnp.exe`, email: 'eve@example.org', agencyId: agency.id });
      assert.equal(person.statusCode, 400);
      assert.deepEqual(
        person.data.errors?.map((e) => e.field),
        ['fullName'],
      );
      const boardMade = await admin('POST', '/api/v1/boards', { code: 'NEW', nameEn: `Board\u2066`, nameCy: 'Bwrdd', boardType: 'RSB', nation: 'wales' });
      assert.equal(boardMade.statusCode, 400);
      assert.deepEqual(
        boardMade.data.errors?.map((e) => e.field),
        ['nameEn'],
      );
      const agencyMade = await admin('POST', '/api/v1/agencies', { nameEn: 'Police', nameCy: `Heddlu${RLO}`, sector: 'police', boardIds: [board.id] });
      assert.equal(agencyMade.statusCode, 400);
      const input = referralInput(board.id);
      const referral = await unit('POST', `/api/v1/boards/${board.id}/referrals`, {
        referrerName: `Rhys${RLO}`,
        receivedOn: input.receivedOn,
        incidentOn: input.incidentOn,
        incidentType: input.incidentType,
        abuseOrNeglect: input.abuseOrNeglect,
        inBoardArea: true,
        initialFacts: 'Found.',
        child: { fullName: `Siân${RLO}`, isDeceased: true },
        familyMembers: [{ relationship: 'Mother', fullName: `Mam\u2067` }],
      });
      assert.equal(referral.statusCode, 400);
      assert.deepEqual(referral.data.errors?.map((e) => e.field).sort(), ['child.fullName', 'familyMembers.0.fullName', 'referrerName']);

      // The services apply the rule whoever calls them.
      const root = await seedPerson(services, { roles: [{ role: 'administrator', boardId: null }], totp: true });
      const caller = { actor: await services.identity.loadActor(root.id, true), ip: null, requestId: null, action: testAction('TEST') };
      await assert.rejects(
        services.people.create(caller, { fullName: `Eve${RLO}`, email: 'eve@example.org', jobTitle: null, agencyId: agency.id, language: 'en' }),
        (e: { kind?: string; fieldErrors?: Record<string, string> }) => e.kind === 'invalid' && e.fieldErrors?.fullName === 'text.bidi',
      );

      // A page: the person's edit form shows the error against the name; nothing changes.
      const edited = await seedPerson(services, { fullName: 'Edit Me', agencyId: agency.id });
      const { browser } = await signedIn(app, services, clock, [{ role: 'administrator', boardId: board.id }]);
      const res = await browser.submit(`/admin/people/${edited.id}/edit`, {
        fullName: `Edit${RLO}Me`,
        email: edited.email,
        agencyId: agency.id,
        language: 'en',
      });
      assert.equal(res.statusCode, 400);
      assert.equal(res.$('.govuk-error-summary__list a').attr('href'), '#fullName');
      assert.match(res.$('.govuk-error-summary').text(), /change the direction of text/);
      const stored = await services.db.kysely.selectFrom('people').select('full_name').where('id', '=', edited.id).executeTakeFirstOrThrow();
      assert.equal(stored.full_name, 'Edit Me');

      // The referral pages: the child's name on its own page, a family member's on theirs.
      const business = await signedIn(app, services, clock, [{ role: 'business_unit', boardId: board.id }]);
      const base = `/boards/${board.id}/referrals/new`;
      await walk(business.browser, base, agency.id);
      const child = await business.browser.submit(`${base}/child`, {
        childFullName: `Siân${RLO}`,
        ...date('dateOfBirth', '2019-05-04'),
        childAddress: '1 Stryd Fawr',
        childIsDeceased: 'yes',
      });
      assert.equal(child.statusCode, 400);
      assert.equal(child.$('.govuk-error-summary__list a').attr('href'), '#childFullName');
      const member = await business.browser.submit(`${base}/family/add`, {
        relationship: 'Mother',
        personKind: 'family',
        language: 'cy',
        fullName: `Mam${RLO}`,
      });
      assert.equal(member.statusCode, 400);
      assert.equal(member.$('.govuk-error-summary__list a').attr('href'), '#fullName');
    });
  });

  describe(`dates outside 1900–2100 (${dialect})`, () => {
    test('the API refuses them naming the field (400; 422 with the page’s key for the referral’s); the pages with an error against the date', async (t) => {
      const { app, services, clock, board } = await setUp(t, dialect);
      const admin = api(app, await token(services, { roles: [{ role: 'administrator', boardId: null }] }));
      const unit = api(app, await token(services, { roles: [{ role: 'business_unit', boardId: board.id }] }));
      const newBoard = (validFromOn: string, validToOn?: string) =>
        admin('POST', '/api/v1/boards', {
          code: `B${validFromOn.slice(0, 4)}`,
          nameEn: 'Board',
          nameCy: 'Bwrdd',
          boardType: 'RSB',
          nation: 'wales',
          validFromOn,
          ...(validToOn ? { validToOn } : {}),
        });
      for (const bad of ['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31']) {
        const res = await newBoard(bad);
        assert.equal(res.statusCode, 400, bad);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        assert.deepEqual(
          res.data.errors?.map((e) => e.field),
          ['validFromOn'],
          bad,
        );
      }
      assert.equal((await newBoard('1900-01-01', '2100-12-31')).statusCode, 201, 'the first and last days allowed');
      const input = referralInput(board.id);
      const referral = await unit('POST', `/api/v1/boards/${board.id}/referrals`, {
        receivedOn: '0000-01-01',
        incidentOn: input.incidentOn,
        incidentType: input.incidentType,
        abuseOrNeglect: input.abuseOrNeglect,
        inBoardArea: true,
        initialFacts: 'Found.',
        child: { dateOfBirthOn: '2101-01-01', isDeceased: true },
      });
      // The referral's dates are its pages' date fields (src/http/journeys/commands.ts): 422 with the pages' keys.
      assert.equal(referral.statusCode, 422);
      assert.deepEqual(Object.fromEntries(referral.data.errors?.map((e) => [e.field, e.code]) ?? []), {
        'child.dateOfBirthOn': 'referralForm.dateOfBirthInvalid',
        receivedOn: 'referralForm.receivedOnInvalid',
      });

      const { browser } = await signedIn(app, services, clock, [{ role: 'administrator', boardId: board.id }]);
      for (const year of ['0000', '1899', '2101']) {
        const res = await browser.submit(`/admin/boards/${board.id}/edit`, {
          code: board.code,
          nameEn: board.nameEn,
          nameCy: board.nameCy,
          boardType: 'RSB',
          nation: 'wales',
          isActive: 'yes',
          'validFrom-day': '1',
          'validFrom-month': '1',
          'validFrom-year': year,
        });
        assert.equal(res.statusCode, 400, year);
        assert.equal(res.$('.govuk-error-summary__list a').attr('href'), '#validFrom-day', year);
      }
      const stored = await services.db.kysely.selectFrom('boards').select('valid_from_on').where('id', '=', board.id).executeTakeFirstOrThrow();
      assert.equal(stored.valid_from_on, null);
    });
  });
}
