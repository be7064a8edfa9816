// The machinery of the access-matrix test (src/http/access-matrix.test.ts): the actors, signed in through
// the real pages (or holding an API token), how one request is sent as an actor, and the leak check that
// searches an answer for marker words the actor may not see. What each route expects lives in the test.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../container.ts';
import { inTransaction } from '../db/transaction.ts';
import { type Actor, can, isDeploymentAdministrator } from '../domain/permissions.ts';
import { BOARD_ROLES, type BoardRole } from '../domain/roles.ts';
import { type Caller, systemCaller } from '../services/context.ts';
import { type BoardKey, type Marker, type MarkerKind, type MatrixWorld, markerWord } from './access-matrix-world.ts';
import { Browser, signIn, type TestClock } from './test-app.ts';

export interface MatrixActor {
  /** As printed in the matrix: 'anonymous', a board role (held on board A), 'deployment administrator', 'dual'. */
  name: string;
  /** The actor as the permission table sees it (grants loaded from the database); undefined when anonymous. */
  actor: Actor | undefined;
  personId: string | undefined;
  browser: Browser;
  csrf: string;
  bearer: string | undefined;
}

export const DUAL = 'dual (A business unit, B chair)';
export const PANEL_CHAIR = "panel chair of A's review";
export const AGENCY_CONTRIBUTOR = "agency contributor to A's review";
export const ACTION_OWNER = "action owner of A's police action";
export const DEPLOYMENT_ADMIN = 'deployment administrator';
const ANONYMOUS = 'anonymous';

/**
 * Every actor of the matrix: anonymous, each board role on board A, the deployment administrator, the dual
 * person, and review roles on board A's review (a panel chair; an agency's contributor; the police's action owner).
 */
export async function matrixActors(app: FastifyInstance, world: MatrixWorld, clock: TestClock): Promise<MatrixActor[]> {
  const { services } = world;
  const people: { name: string; person: { id: string; email: string; totpSecret?: string } }[] = [
    ...BOARD_ROLES.map((role: BoardRole) => ({ name: role, person: world.boards.A.people[role] })),
    { name: DEPLOYMENT_ADMIN, person: world.deploymentAdmin },
    { name: DUAL, person: world.dual },
    { name: PANEL_CHAIR, person: world.panelChair },
    { name: AGENCY_CONTRIBUTOR, person: world.agencyContributor },
    { name: ACTION_OWNER, person: world.actionOwner },
  ];
  const anonymous = new Browser(app);
  const actors: MatrixActor[] = [
    { name: ANONYMOUS, actor: undefined, personId: undefined, browser: anonymous, csrf: await anonymous.csrfToken('/sign-in'), bearer: undefined },
  ];
  for (const { name, person } of people) {
    const browser = new Browser(app);
    await signIn(browser, person, clock);
    const loaded = await services.identity.loadActor(person.id, true);
    if (!loaded) throw new Error(`${name} could not be loaded`);
    const { token } = await services.tokens.create(systemCaller('API_TOKEN_CREATED'), person.email, 'access matrix');
    actors.push({
      name,
      actor: { personId: person.id, grants: loaded.grants, twoFactorSatisfied: true },
      personId: person.id,
      browser,
      csrf: await browser.csrfToken('/account/language'),
      bearer: token,
    });
  }
  return actors;
}

export interface Answer {
  status: number;
  location: string | undefined;
  contentType: string;
  body: string;
}

/** Sends one request as the actor: pages through the actor's browser (session cookie, CSRF token), the API with the bearer token. */
export async function send(app: FastifyInstance, who: MatrixActor, request: { method: string; url: string; body?: Record<string, unknown> }): Promise<Answer> {
  const isApi = request.url.startsWith('/api/');
  let res: { statusCode: number; headers: Record<string, unknown>; body: string };
  if (isApi) {
    const headers: Record<string, string> = {};
    if (who.bearer) headers.authorization = `Bearer ${who.bearer}`;
    if (request.body) headers['content-type'] = 'application/json';
    res = await app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers,
      ...(request.body ? { payload: JSON.stringify(request.body) } : {}),
    });
  } else if (request.method === 'GET') {
    res = await who.browser.get(request.url);
  } else if (request.method === 'POST') {
    const fields: Record<string, string | string[]> = { _csrf: who.csrf };
    for (const [k, v] of Object.entries(request.body ?? {})) fields[k] = Array.isArray(v) ? v.map(String) : String(v);
    res = await who.browser.post(request.url, fields);
  } else {
    throw new Error(`pages answer GET and POST only: ${request.method} ${request.url}`);
  }
  return {
    status: res.statusCode,
    location: typeof res.headers.location === 'string' ? res.headers.location : undefined,
    contentType: String(res.headers['content-type'] ?? ''),
    body: res.body,
  };
}

/** Which kinds of a board's markers the actor may see anywhere. */
function visibleKinds(actor: Actor | undefined, boardId: string): Set<MarkerKind> {
  const kinds = new Set<MarkerKind>();
  if (!actor) return kinds;
  const onBoard = actor.grants.some((g) => g.scope.type !== 'deployment' && g.scope.boardId === boardId);
  if (onBoard || isDeploymentAdministrator(actor)) kinds.add('directory');
  if (can(actor, 'referral.view', { boardId })) kinds.add('case');
  if (can(actor, 'referral.view_restricted', { boardId })) kinds.add('restricted');
  return kinds;
}

/**
 * The markers in an answer the actor may not see: another board's, case material without referral.view,
 * a child's restricted details without referral.view_restricted, and (in a refusal) any case material at
 * all. A marker the request itself carried (an id in the address) does not count.
 */
export function leaksIn(answer: Answer, who: MatrixActor, world: MatrixWorld, opts: { denied: boolean; request: string }): { marker: Marker; why: string }[] {
  const body = answer.body.toLowerCase();
  const request = opts.request.toLowerCase();
  const out: { marker: Marker; why: string }[] = [];
  const visible: Record<BoardKey, Set<MarkerKind>> = {
    A: visibleKinds(who.actor, world.boards.A.id),
    B: visibleKinds(who.actor, world.boards.B.id),
  };
  for (const marker of world.markers) {
    const text = marker.text.toLowerCase();
    if (!body.includes(text) || request.includes(text)) continue;
    if (!visible[marker.board].has(marker.kind)) out.push({ marker, why: `${who.name} may not see board ${marker.board}'s ${marker.kind} data` });
    else if (opts.denied && marker.kind !== 'directory') out.push({ marker, why: 'a refusal shows no case material' });
  }
  return out;
}

/** The marker words as a short legend for failure messages. */
export function markerLegend(): string {
  return (['A', 'B'] as const).flatMap((b) => (['directory', 'case', 'restricted'] as const).map((k) => `${markerWord(b, k)} = board ${b} ${k}`)).join(', ');
}

/** Runs the tasks with at most `limit` at a time. */
export async function inPool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const i = next++;
      const task = tasks[i];
      if (task) results[i] = await task();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const dateFields = (prefix: string, iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year };
};

/**
 * Answers every page of a new referral on the board (with neutral details, one item in each list), so the
 * actor's session holds a complete, unrecorded referral: its check answers page and list items exist.
 */
export async function walkReferralJourney(who: MatrixActor, boardId: string, agencyId: string): Promise<void> {
  const base = `/boards/${boardId}/referrals/new`;
  const steps: [string, Record<string, string | string[]>][] = [
    ['referrer', { referringAgencyId: agencyId, referrerKind: 'self', referrerRole: '' }],
    ['dates', { ...dateFields('receivedOn', '2026-11-20'), ...dateFields('incidentOn', '2026-11-12') }],
    ['incident-type', { incidentType: 'death' }],
    ['abuse-or-neglect', { abuseOrNeglect: 'suspected' }],
    ['board-area', { inBoardArea: 'yes' }],
    ['child', { childFullName: 'Journey Child', ...dateFields('dateOfBirth', '2018-01-01'), childAddress: 'Journey Street', childIsDeceased: 'yes' }],
    ['periods/add', { kind: 'looked_after', ...dateFields('startOn', '2025-01-01'), ...dateFields('endOn', '2025-06-30') }],
    ['periods', {}],
    ['family/add', { relationship: 'Father', personKind: 'family', language: 'en', fullName: 'Journey Father', contactDetails: '' }],
    ['family', {}],
    ['agencies', { agenciesInvolved: [agencyId] }],
    ['facts', { initialFacts: 'Journey facts.' }],
    ['proceedings/add', { proceedingType: 'criminal', status: 'open', liaisonContact: '' }],
    ['proceedings', {}],
  ];
  for (const [slug, fields] of steps) {
    const res = await who.browser.post(`${base}/${slug}`, { ...fields, _csrf: who.csrf });
    if (res.statusCode !== 302)
      throw new Error(`the referral journey stopped at ${slug} for ${who.name}: ${res.statusCode} ${res.$('.govuk-error-summary').text()}`);
  }
}

/**
 * A stand-in for a service read function (the read-audit test's routes): `times` read events in one
 * transaction, as a read of case material writes its event; how many were written.
 */
export async function recordReads(services: Services, caller: Caller, times: number): Promise<number> {
  return inTransaction(services.db, async (trx) => {
    let written = 0;
    for (let i = 0; i < times; i++) if (await services.audit.recordRead(trx, caller, { summary: { read: i } })) written++;
    return written;
  });
}
