// The JSON API as a whole: bearer tokens before anything else, the token holder, problem+json for bodies it
// cannot read, and the OpenAPI document.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertProblem, adminApiWorld as setUp } from '../../testing/admin-api-fixtures.ts';
import { testCaller } from '../../testing/audit-actions.ts';
import { buildTestApp } from '../../testing/test-app.ts';
import { dialectsUnderTest } from '../../testing/test-db.ts';

const OPERATIONS: [method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string][] = [
  // Reminders and the escalation ladder (issue 12 item 4).
  ['GET', '/api/v1/boards/x/action-ladder'],
  ['PUT', '/api/v1/boards/x/action-ladder'],
  ['GET', '/api/v1/boards/x/reviews/x/challenges'],
  ['PUT', '/api/v1/boards/x/reviews/x/challenges/x/response'],
  ['GET', '/api/v1/boards'],
  ['GET', '/api/v1/boards/x'],
  ['POST', '/api/v1/boards'],
  ['PATCH', '/api/v1/boards/x'],
  ['PUT', '/api/v1/boards/x'],
  ['GET', '/api/v1/agencies'],
  ['POST', '/api/v1/agencies'],
  ['GET', '/api/v1/agencies/x'],
  ['PUT', '/api/v1/agencies/x'],
  ['GET', '/api/v1/people'],
  ['POST', '/api/v1/people'],
  ['GET', '/api/v1/people/x'],
  ['PUT', '/api/v1/people/x'],
  ['DELETE', '/api/v1/people/x/email-change'],
  ['POST', '/api/v1/people/x/invitation'],
  ['POST', '/api/v1/people/x/deactivate'],
  ['GET', '/api/v1/people/x/roles'],
  ['POST', '/api/v1/people/x/roles'],
  ['DELETE', '/api/v1/people/x/roles/y'],
  ['GET', '/api/v1/role-grants'],
  ['GET', '/api/v1/role-grants/x'],
  ['POST', '/api/v1/role-grants/x/confirm'],
  ['POST', '/api/v1/role-grants/x/decline'],
  ['GET', '/api/v1/me'],
  ['POST', '/api/v1/boards/x/referrals'],
  ['GET', '/api/v1/boards/x/referrals'],
  ['POST', '/api/v1/boards/x/referrals/duplicates'],
  ['GET', '/api/v1/referrals/x'],
  ['GET', '/api/v1/referrals/x/duplicates'],
  ['GET', '/api/v1/referrals/x/timeline'],
  ['GET', '/api/v1/referrals/x/consideration'],
  ['GET', '/api/v1/referrals/x/criteria'],
  ['POST', '/api/v1/referrals/x/assessments'],
  ['POST', '/api/v1/referrals/x/national-panel-notification'],
  ['POST', '/api/v1/referrals/x/recommendations'],
  ['POST', '/api/v1/referrals/x/decision'],
  ['GET', '/api/v1/referrals/x/decision-letter'],
  ['GET', '/api/v1/boards/x/meetings'],
  ['POST', '/api/v1/boards/x/meetings'],
  ['POST', '/api/v1/meetings/x/attendance'],
  ['POST', '/api/v1/meetings/x/agenda'],
  ['GET', '/api/v1/file-storage/files'],
  ['POST', '/api/v1/file-storage/files'],
  ['GET', '/api/v1/file-storage/files/x/content'],
  ['DELETE', '/api/v1/file-storage/files/x'],
  ['GET', '/api/v1/jobs'],
  ['POST', '/api/v1/jobs/x/retry'],
  ['GET', '/api/v1/boards/x/reviews'],
  ['GET', '/api/v1/boards/x/reviews/x'],
  ['POST', '/api/v1/boards/x/reviews/x/transitions'],
  ['GET', '/api/v1/boards/x/reviews/x/milestones'],
  ['POST', '/api/v1/boards/x/reviews/x/milestones'],
  ['PATCH', '/api/v1/boards/x/reviews/x/milestones/x'],
  ['POST', '/api/v1/boards/x/reviews/x/panel-meetings'],
  ['GET', '/api/v1/boards/x/reviews/x/panel-meetings/x'],
  ['PATCH', '/api/v1/boards/x/reviews/x/panel-meetings/x'],
  ['POST', '/api/v1/boards/x/reviews/x/panel-meetings/x/held'],
  ['POST', '/api/v1/boards/x/reviews/x/panel-meetings/x/cancellation'],
  ['PUT', '/api/v1/boards/x/reviews/x/panel-meetings/x/minutes'],
  ['GET', '/api/v1/boards/x/reviews/x/documents'],
  ['POST', '/api/v1/boards/x/reviews/x/documents'],
  ['GET', '/api/v1/boards/x/reviews/x/documents/x'],
  ['POST', '/api/v1/boards/x/reviews/x/documents/x/versions'],
  ['GET', '/api/v1/boards/x/reviews/x/documents/x/versions/1/content'],
  ['GET', '/api/v1/boards/x/reviews/x/early-learning'],
  ['POST', '/api/v1/boards/x/reviews/x/early-learning'],
  ['GET', '/api/v1/boards/x/reviews/x/family'],
  ['GET', '/api/v1/boards/x/reviews/x/family/people'],
  ['POST', '/api/v1/boards/x/reviews/x/family/people'],
  ['POST', '/api/v1/boards/x/reviews/x/family/consent'],
  ['POST', '/api/v1/boards/x/reviews/x/family/contacts'],
  ['POST', '/api/v1/boards/x/reviews/x/family/meetings'],
  ['GET', '/api/v1/boards/x/reviews/x/dictionary'],
  ['POST', '/api/v1/boards/x/reviews/x/dictionary'],
  ['POST', '/api/v1/boards/x/reviews/x/dictionary/build'],
  ['PUT', '/api/v1/boards/x/reviews/x/dictionary/x'],
  ['DELETE', '/api/v1/boards/x/reviews/x/dictionary/x'],
  ['GET', '/api/v1/boards/x/reviews/x/submission'],
  ['POST', '/api/v1/boards/x/reviews/x/submission/packets'],
  ['GET', '/api/v1/boards/x/reviews/x/submission/packets/x'],
  ['POST', '/api/v1/boards/x/reviews/x/submission/sendings'],
  ['GET', '/api/v1/boards/x/reviews/x/summary'],
  ['POST', '/api/v1/boards/x/reviews/x/summary/sections/introduction'],
  ['POST', '/api/v1/boards/x/reviews/x/summary/approvals'],
  ['POST', '/api/v1/boards/x/reviews/x/summary/translations'],
  ['POST', '/api/v1/boards/x/reviews/x/summary/translations/x'],
  ['GET', '/api/v1/boards/x/reviews/x/summary/versions/1/document?format=pdf'],
  ['GET', '/api/v1/boards/x/reviews/x/anonymisation'],
  ['POST', '/api/v1/boards/x/reviews/x/anonymisation/scans'],
  ['GET', '/api/v1/boards/x/reviews/x/anonymisation/x'],
  ['POST', '/api/v1/boards/x/reviews/x/anonymisation/x/findings/x/accept'],
  ['PUT', '/api/v1/boards/x/reviews/x/anonymisation/x/checklist'],
  ['POST', '/api/v1/boards/x/reviews/x/anonymisation/x/approve'],
  ['GET', '/api/v1/boards/x/reviews/x/publication'],
  ['POST', '/api/v1/boards/x/reviews/x/publication/decision'],
  ['POST', '/api/v1/boards/x/reviews/x/publication/welfare-check'],
  ['POST', '/api/v1/boards/x/reviews/x/publication/hold'],
  ['POST', '/api/v1/boards/x/reviews/x/publication/hold/end'],
  ['POST', '/api/v1/boards/x/reviews/x/publication/override'],
  ['POST', '/api/v1/boards/x/reviews/x/publication/approval'],
  ['GET', '/api/v1/boards/x/reviews/x/learning-event'],
  ['POST', '/api/v1/boards/x/reviews/x/learning-events'],
  ['PUT', '/api/v1/boards/x/reviews/x/learning-events/x'],
  ['POST', '/api/v1/boards/x/reviews/x/learning-events/x/status'],
  ['POST', '/api/v1/boards/x/reviews/x/learning-events/x/invitations'],
  ['POST', '/api/v1/boards/x/reviews/x/learning-events/x/attendance'],
  ['PUT', '/api/v1/boards/x/reviews/x/learning-events/x/notes'],
  ['POST', '/api/v1/boards/x/reviews/x/learning-events/x/learning-points'],
  ['GET', '/api/v1/boards/x/reviews/x/setup'],
  ['PUT', '/api/v1/boards/x/reviews/x/notifications/welsh_government'],
  ['GET', '/api/v1/boards/x/reviews/x/notifications/x/letter'],
  ['POST', '/api/v1/boards/x/reviews/x/referrals'],
  ['POST', '/api/v1/boards/x/reviews/x/referrals/x/unlink'],
  ['PUT', '/api/v1/boards/x/reviews/x/joint-review'],
  ['POST', '/api/v1/boards/x/reviews/x/proceedings'],
  ['PUT', '/api/v1/boards/x/reviews/x/proceedings/x'],
  ['GET', '/api/v1/boards/x/register'],
  ['POST', '/api/v1/boards/x/register'],
  ['PUT', '/api/v1/boards/x/register/x'],
  ['POST', '/api/v1/boards/x/register/x/engagements'],
  ['GET', '/api/v1/boards/x/reviews/x/panel'],
  ['POST', '/api/v1/boards/x/reviews/x/panel/members'],
  ['DELETE', '/api/v1/boards/x/reviews/x/panel/members/x'],
  ['POST', '/api/v1/boards/x/reviews/x/panel/nominations'],
  ['POST', '/api/v1/boards/x/reviews/x/panel/nominations/x/declaration-link'],
  ['POST', '/api/v1/boards/x/reviews/x/panel/nominations/x/appointment'],
  ['POST', '/api/v1/boards/x/reviews/x/panel/nominations/x/end'],
  ['GET', '/api/v1/contributions'],
  ['GET', '/api/v1/boards/x/reviews/x/contributions'],
  ['POST', '/api/v1/boards/x/reviews/x/contributions'],
  ['GET', '/api/v1/boards/x/reviews/x/contributions/x'],
  ['POST', '/api/v1/boards/x/reviews/x/contributions/x/declaration'],
  ['PUT', '/api/v1/boards/x/reviews/x/contributions/x/draft'],
  ['POST', '/api/v1/boards/x/reviews/x/contributions/x/submission'],
  ['POST', '/api/v1/boards/x/reviews/x/contributions/x/sign-off'],
  ['POST', '/api/v1/boards/x/reviews/x/contributions/x/waiver'],
  ['POST', '/api/v1/boards/x/reviews/x/contributions/x/attachments'],
  ['GET', '/api/v1/boards/x/reviews/x/contributions/x/chronology'],
  ['POST', '/api/v1/boards/x/reviews/x/contributions/x/chronology/entries'],
  ['PUT', '/api/v1/boards/x/reviews/x/contributions/x/chronology/entries/x'],
  ['DELETE', '/api/v1/boards/x/reviews/x/contributions/x/chronology/entries/x'],
  ['POST', '/api/v1/boards/x/reviews/x/contributions/x/chronology/share'],
  ['POST', '/api/v1/boards/x/reviews/x/contributions/x/chronology/imports'],
  ['GET', '/api/v1/boards/x/reviews/x/contributions/x/chronology/imports/x'],
  ['GET', '/api/v1/boards/x/reviews/x/chronology'],
  ['GET', '/api/v1/boards/x/reviews/x/chronology/export'],
  ['PUT', '/api/v1/boards/x/reviews/x/chronology/entries/x/key'],
  ['GET', '/api/v1/boards/x/reviews/x/contributions/x/attachments/x/content'],
  ['GET', '/api/v1/boards/x/agencies/x/contacts'],
  ['POST', '/api/v1/boards/x/agencies/x/contacts'],
  ['DELETE', '/api/v1/boards/x/agencies/x/contacts/x'],
  ['GET', '/api/v1/boards/x/reviews/x/terms-of-reference'],
  ['POST', '/api/v1/boards/x/reviews/x/terms-of-reference/sections/purpose'],
  ['POST', '/api/v1/boards/x/reviews/x/terms-of-reference/approvals'],
  ['GET', '/api/v1/boards/x/reviews/x/terms-of-reference/versions/1'],
  ['GET', '/api/v1/boards/x/reviews/x/terms-of-reference/versions/1/document'],
  ['GET', '/api/v1/boards/x/reviews/x/report'],
  ['POST', '/api/v1/boards/x/reviews/x/report/sections/circumstances'],
  ['POST', '/api/v1/boards/x/reviews/x/report/submissions'],
  ['POST', '/api/v1/boards/x/reviews/x/report/comments'],
  ['POST', '/api/v1/boards/x/reviews/x/report/comments/x/resolution'],
  ['POST', '/api/v1/boards/x/reviews/x/report/qa-sign-offs'],
  ['POST', '/api/v1/boards/x/reviews/x/report/acceptances'],
  ['GET', '/api/v1/boards/x/reviews/x/report/versions/1'],
  ['GET', '/api/v1/boards/x/reviews/x/report/versions/1/document'],
  ['POST', '/api/v1/boards/x/reviews/x/report/review-recommendations'],
  ['POST', '/api/v1/boards/x/reviews/x/report/review-recommendations/x'],
  ['GET', '/api/v1/boards/x/board-meetings'],
  ['POST', '/api/v1/boards/x/board-meetings'],
  ['GET', '/api/v1/boards/x/board-meetings/x'],
  ['POST', '/api/v1/boards/x/board-meetings/x/agenda-items'],
  ['PUT', '/api/v1/boards/x/board-meetings/x/attendance'],
  ['PUT', '/api/v1/boards/x/board-meetings/x/minutes'],
  ['POST', '/api/v1/boards/x/board-meetings/x/cancellation'],
  ['GET', '/api/v1/boards/x/reviews/x/action-plan'],
  ['POST', '/api/v1/boards/x/reviews/x/action-plan/recommendations'],
  ['POST', '/api/v1/boards/x/reviews/x/action-plan/recommendations/x/actions'],
  ['POST', '/api/v1/boards/x/reviews/x/action-plan/acceptance'],
  ['GET', '/api/v1/boards/x/reviews/x/action-plan/spreadsheet'],
  ['POST', '/api/v1/boards/x/reviews/x/action-plan/import'],
  ['GET', '/api/v1/boards/x/reviews/x/actions/x'],
  ['POST', '/api/v1/boards/x/reviews/x/actions/x/updates'],
  ['POST', '/api/v1/boards/x/reviews/x/actions/x/completion'],
  ['POST', '/api/v1/boards/x/reviews/x/actions/x/verification'],
  ['POST', '/api/v1/boards/x/reviews/x/actions/x/board-decisions'],
  ['PUT', '/api/v1/boards/x/reviews/x/actions/x/target'],
  ['PUT', '/api/v1/boards/x/reviews/x/actions/x/rag'],
  ['GET', '/api/v1/actions'],
  // The board's progress report and the partner view (issue 12 items 5, 6 and 9).
  ['GET', '/api/v1/boards/x/action-report'],
  ['GET', '/api/v1/boards/x/agencies/x/actions'],
];

for (const dialect of dialectsUnderTest()) {
  describe(`JSON API (${dialect})`, () => {
    test('every operation refuses a request without a valid token with a 401 problem, before looking at the body', async (t) => {
      const { services, root, tokens, call } = await setUp(t, dialect);
      const revoked = await services.tokens.create(testCaller('TEST_TOKEN'), root.email, 'to revoke');
      await services.tokens.revoke(testCaller('TEST_TOKEN_REVOKED'), revoked.info.id);
      for (const [method, url] of OPERATIONS) {
        for (const token of [undefined, 'crv1_not-a-real-token', 'Basic abc', revoked.token]) {
          const res = await call(method, url, token, method === 'GET' || method === 'DELETE' ? undefined : { nonsense: true });
          assertProblem(res, 401);
        }
      }
      assert.ok(tokens.root.startsWith('crv1_'));
    });

    test('GET /api/v1/me describes the token holder', async (t) => {
      const { adminA, boardA, tokens, call } = await setUp(t, dialect);
      const res = await call('GET', '/api/v1/me', tokens.adminA);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.data, {
        id: adminA.id,
        fullName: 'Admin A',
        email: adminA.email,
        twoFactorEnrolled: true,
        roles: [{ role: 'administrator', scope: 'board', boardId: boardA.id }],
      });
    });

    test('malformed JSON is a 400 problem and a body over 1 MiB is a 413 problem; nothing is written', async (t) => {
      const { app, services, tokens } = await setUp(t, dialect);
      const headers = { authorization: `Bearer ${tokens.root}`, 'content-type': 'application/json' };
      const malformed = await app.inject({ method: 'POST', url: '/api/v1/boards', headers, payload: '{"code": ' });
      assert.equal(malformed.statusCode, 400);
      assert.match(String(malformed.headers['content-type']), /^application\/problem\+json/);
      const huge = JSON.stringify({ code: 'BIG', nameEn: 'x'.repeat(1024 * 1024 + 10), nameCy: 'y', boardType: 'RSB', nation: 'wales' });
      const tooLarge = await app.inject({ method: 'POST', url: '/api/v1/boards', headers, payload: huge });
      assert.equal(tooLarge.statusCode, 413);
      assert.match(String(tooLarge.headers['content-type']), /^application\/problem\+json/);
      assert.equal(JSON.parse(tooLarge.body).status, 413);
      assert.equal((await services.db.kysely.selectFrom('boards').select('id').execute()).length, 2);
    });

    test('GET /api/v1/openapi.json is public OpenAPI 3.1 describing every API operation and nothing else', async (t) => {
      const { app, routes } = await buildTestApp(t, dialect);
      const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      assert.equal(res.statusCode, 200);
      const doc = JSON.parse(res.body);
      assert.equal(doc.openapi, '3.1.0');
      assert.deepEqual(doc.components.securitySchemes.bearerAuth, {
        type: 'http',
        scheme: 'bearer',
        description: 'An API token from `case-review token create`',
      });
      assert.deepEqual(doc.security, [{ bearerAuth: [] }]);
      const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      );
      const expected = routes
        .filter((r) => r.url.startsWith('/api/v1/') && r.url !== '/api/v1/openapi.json')
        .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD').map((m) => `${m} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
      assert.deepEqual(documented.sort(), expected.sort());
      assert.equal(documented.length, OPERATIONS.length);
      const create = doc.paths['/api/v1/boards'].post;
      assert.equal(create.requestBody.content['application/json'].schema.$ref.startsWith('#/components/schemas/'), true);
      assert.ok(create.responses['422'].content['application/problem+json']);
      const dateSchema = doc.components.schemas.BoardCreateInput.properties.validFromOn;
      assert.match(JSON.stringify(dateSchema), /"format":"date"/, 'dates are YYYY-MM-DD');
    });
  });
}
