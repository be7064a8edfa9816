// What the build puts in dist/ (tsconfig.build.json and every module its files import): only what the server
// and the case-review command run (issue 9: "nothing test-only is built into dist/"). A module that only tests
// use belongs in src/testing, or beside its tests as *.test.ts or test-setup.ts, all of which the build leaves out.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What runs from dist/: the server (npm start, the e2e tests, the bench) and the command (package.json bin). */
const ENTRY_POINTS = ['src/server.ts', 'src/cli/index.ts'];

/** The TypeScript modules a module imports by relative path: imports and re-exports (types too: tsc emits them), and import(). */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"](\.[^'"]+)['"]/gm),
    ...source.matchAll(/^\s*import\s*['"](\.[^'"]+)['"]/gm),
    ...source.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? '');
  return specifiers.filter((s) => s.endsWith('.ts')).map((s) => resolve(dirname(file), s));
}

/** Test code: tests, the helpers beside them (test-setup.ts, as hand-built-paths.test.ts counts them) and src/testing. */
function isTestCode(path: string): boolean {
  return /(?:\.test|\/test-setup)\.ts$/.test(path) || path.startsWith('src/testing/');
}

/** Every module reached from the given ones by their imports. */
function closure(starts: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file));
  }
  return seen;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** A tsconfig include or exclude pattern as a test of a path relative to the project (a directory covers what it holds). */
function pattern(glob: string): (path: string) => boolean {
  const segment = (part: string) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  const body = glob.split('**/').map(segment).join('(?:.*/)?');
  const regex = new RegExp(`^${body}(?:/.*)?$`);
  return (path) => regex.test(path);
}

/** The modules tsc compiles for tsconfig.build.json: its included files less the excluded ones, and all they import. */
function builtModules(): Set<string> {
  const config = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as { include: string[]; exclude: string[] };
  const included = config.include.map(pattern);
  const excluded = config.exclude.map(pattern);
  const roots = allFiles(join(root, 'src'))
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => {
      const path = relative(root, f);
      return included.some((p) => p(path)) && !excluded.some((p) => p(path));
    });
  assert.ok(roots.includes(join(root, 'src/server.ts')));
  return closure(roots);
}

test('dist/ holds only modules the server or the command runs: no test, fixture or test helper', () => {
  const built = builtModules();
  const run = closure(ENTRY_POINTS.map((f) => join(root, f)));
  const name = (file: string) => relative(root, file);
  assert.deepEqual(
    [...built]
      .filter((f) => isTestCode(name(f)))
      .map(name)
      .sort(),
    [],
    'tests, test helpers (test-setup.ts) or src/testing are built',
  );
  assert.deepEqual(
    [...built]
      .filter((f) => !run.has(f))
      .map(name)
      .sort(),
    [],
    'built, but neither the server nor the command uses them (test-only or unused: move them to src/testing or delete them)',
  );
});
