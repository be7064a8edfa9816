// Every path of the service is built by src/urls.ts (ids encoded, query strings written one way, emailed
// links from the configured public address). This test reads the source and fails naming each place
// that writes a path by hand: a '/boards/…' literal, `/boards/${id}` or `${base}/consideration` in code,
// href="/…", "/admin/people/" + id or {{ base }}/… in a template. Route registrations keep their Fastify
// patterns ('/boards/:boardId/…': a pattern, not a path built), and checks of a request's own path
// (`req.url.startsWith('/api/')`) are not paths built either.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Test code (tests, the helpers beside them, src/testing) requests paths as a browser would; the build leaves it out (src/build.test.ts). */
const isTestCode = (name: string) => name.endsWith('.test.ts') || name === 'test-setup.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return full === join(SRC, 'testing') || full === join(SRC, 'db', 'migrations') ? [] : sourceFiles(full);
    return /\.(ts|njk)$/.test(e.name) && !isTestCode(e.name) ? [full] : [];
  });
}

/** A route registration's pattern (`app.get('/boards/:boardId', …)`, `prefix: '/assets/'`) and a request path's check. */
const NOT_BUILT = [/\.(?:get|post|put|patch|delete|head|all)\(\s*(['"`])(?:[^\\]|\\.)*?\1/g, /\bprefix: (['"`])[^'"`]*\1/g, /startsWith\((['"`])[^'"`]*\1\)/g];

const IN_CODE: readonly [RegExp, string][] = [
  // (not the quote in a regular expression such as /"/g)
  [/(?<!\/)(['"`])\/[a-z][^'"`\s]*\1?/g, 'a path literal'],
  [/(?:redirect\(|href: ?)(['"`])\/\1/g, 'the home page by hand'],
  [/\$\{[^}]*\}\/[a-z]/g, 'a path joined onto another'],
  [/\$\{[^}]*\}\?[a-z$]/g, 'a query string by hand'],
];

const IN_TEMPLATES: readonly [RegExp, string][] = [
  [/(['"])\/[^'"]*\1/g, 'a path literal'],
  [/\}\}\/[a-z]/g, 'a path joined onto a value'],
  [/\}\}\?[a-z]/g, 'a query string by hand'],
];

/** Each hand-built path in a file: its line and what was found. */
export function handBuiltPaths(file: string, text: string): string[] {
  const njk = file.endsWith('.njk');
  let scanned = text;
  if (!njk) for (const pattern of NOT_BUILT) scanned = scanned.replace(pattern, (m) => m.replace(/[^\n]/g, ' '));
  const found: string[] = [];
  for (const [pattern, what] of njk ? IN_TEMPLATES : IN_CODE) {
    for (const m of scanned.matchAll(pattern)) {
      const line = scanned.slice(0, m.index).split('\n').length;
      found.push(`${file}:${line}: ${what}: ${text.split('\n')[line - 1]?.trim()}`);
    }
  }
  return found;
}

/**
 * Page routes registered with a literal pattern instead of their builder's (`app.get(urls.referral.pattern, …)`),
 * so that each path is written once. The JSON API (registered under its prefix, described by its OpenAPI
 * document: src/http/api/ and each capability's api.ts or <part>-api.ts) and the load balancer's /ping and /health
 * have no builders.
 */
function literalRoutes(file: string, text: string): string[] {
  if (file.endsWith('.njk') || /(?:^|[/-])api\.ts$|^http\/api\//.test(file) || file === 'http/plugins/health.ts') return [];
  return [...text.matchAll(/\.(?:get|post|put|patch|delete|head|all)\(\s*(['"`])\/[^'"`]*\1/g)].map((m) => {
    const line = text.slice(0, m.index).split('\n').length;
    return `${file}:${line}: ${m[0].replace(/\s+/g, ' ')}`;
  });
}

describe('paths are built by src/urls.ts', () => {
  test('no file outside src/urls.ts (and its builder, src/url-paths.ts) writes a path by hand (in code or in a template)', () => {
    const found = sourceFiles(SRC)
      .map((full) => relative(SRC, full))
      .filter((file) => file !== 'urls.ts' && file !== 'url-paths.ts')
      .flatMap((file) => handBuiltPaths(file, readFileSync(join(SRC, file), 'utf8')));
    assert.deepEqual(found, [], `build these with urls (src/urls.ts):\n  ${found.join('\n  ')}`);
  });

  test('page routes are registered with their builders’ patterns, not literal strings', () => {
    const found = sourceFiles(SRC)
      .map((full) => relative(SRC, full))
      .flatMap((file) => literalRoutes(file, readFileSync(join(SRC, file), 'utf8')));
    assert.deepEqual(found, [], `register these with urls.<name>.pattern (src/urls.ts):\n  ${found.join('\n  ')}`);
    // What it finds, and what it leaves alone.
    const code = "app.get('/boards/:boardId', c, h);\napp.post(\n  `/admin/x`,\n c);\napp.get(urls.referral.pattern, c, h);";
    assert.deepEqual(literalRoutes('http/features/x/index.ts', code).length, 2);
    assert.deepEqual(literalRoutes('http/features/x/api.ts', code), []);
    assert.deepEqual(literalRoutes('http/features/x/meetings-api.ts', code), []);
    assert.deepEqual(literalRoutes('http/api/index.ts', code), []);
    assert.deepEqual(literalRoutes('http/features/x/capital.ts', code).length, 2);
  });

  test('finds each kind of hand-built path, and leaves route patterns and request checks alone', () => {
    const code = [
      `return reply.redirect(\`/boards/\${board.id}/settings\`);`,
      "const x = '/admin/people/' + person.id;",
      `const link = \`\${ctx.baseUrl()}/boards/\${b}\`;`,
      `return \`\${base}?\${p.toString()}\`;`,
      "items.push({ href: '/', text });",
      "app.get('/boards/:boardId/meetings', { config }, handler);",
      "app.post(\n    '/people/:personId/roles',\n    { config },",
      "if (req.url.startsWith('/api/')) return;",
      "await app.register(fastifyStatic, { prefix: '/assets/' });",
      'const parts = path.split("/");',
      "const html = s.replace(/\"/g, '&quot;').replace(/'/g, '&#39;');",
    ].join('\n');
    assert.deepEqual(
      handBuiltPaths('x.ts', code).map((f) => f.split(': ')[1]),
      ['a path literal', 'a path literal', 'the home page by hand', 'a path joined onto another', 'a path joined onto another', 'a query string by hand'],
    );
    const template = [
      '<a href="/boards/{{ board.id }}">x</a>',
      '{% set backLink = "/admin/people/" + person.id %}',
      '<a href="{{ base }}/decision-letter">x</a>',
      '<a href="{{ base }}?page=2">x</a>',
      '<a href="{{ urls.referral(board.id, r.id) }}">x</a>',
      '{% from "govuk/components/button/macro.njk" import govukButton %}',
    ].join('\n');
    assert.deepEqual(
      handBuiltPaths('x.njk', template).map((f) => f.split(': ')[1]),
      ['a path literal', 'a path literal', 'a path joined onto a value', 'a query string by hand'],
    );
  });
});
