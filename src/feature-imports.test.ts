// "No feature imports another feature's internals" (issue 9 item 9): a capability's pages, API operations,
// views and tests sit in its own folder under src/http/features, and what several of them share lives
// outside the features (src/http/journeys, src/http/api, src/http/*.ts, src/domain, src/services, src/testing).
// This test reads the source and fails naming each file in features/X that imports from features/Y. Only the
// registrar, features/index.ts (outside every feature's folder), imports the features: their page plugins, and
// the API plugin (src/http/api/index.ts) registers each feature's api.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const FEATURES = join(dirname(fileURLToPath(import.meta.url)), 'http', 'features');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The relative modules a source imports: imports and re-exports (multi-line ones too), bare imports, import(). */
function importsOf(source: string): string[] {
  return [
    ...source.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"](\.[^'"]+)['"]/gm),
    ...source.matchAll(/^\s*import\s*['"](\.[^'"]+)['"]/gm),
    ...source.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? '');
}

/** The feature a path is in ('referrals' for features/referrals/api.ts), or undefined outside every feature's folder. */
function featureOf(path: string): string | undefined {
  const inside = relative(FEATURES, path);
  if (inside.startsWith('..')) return undefined;
  const parts = inside.split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Each import from a file in one feature's folder into another's: 'referrals/api.ts imports consideration/helpers.ts'. */
function crossFeatureImports(file: string, source: string): string[] {
  const own = featureOf(file);
  if (own === undefined) return [];
  return importsOf(source)
    .map((specifier) => resolve(dirname(file), specifier))
    .filter((target) => {
      const other = featureOf(target);
      return other !== undefined && other !== own;
    })
    .map((target) => `${relative(FEATURES, file)} imports ${relative(FEATURES, target)}`);
}

describe('features', () => {
  test('no feature imports another feature’s internals (only features/index.ts registers them)', () => {
    const found = tsFiles(FEATURES).flatMap((file) => crossFeatureImports(file, readFileSync(file, 'utf8')));
    assert.deepEqual(found, [], `move what they share out of the features (src/http/, src/http/api/, src/domain …):\n  ${found.join('\n  ')}`);
  });

  test('finds an import of another feature, multi-line ones and re-exports too, and leaves shared modules alone', () => {
    const file = join(FEATURES, 'account', 'index.ts');
    const source = [
      "import { confirmationErrors } from '../auth/passwords.ts';",
      'import {\n  a,\n  b,\n} from "../referrals/api-schemas.ts";',
      "export { x } from '../jobs/api.ts';",
      "const m = await import('../audit/filters.ts');",
      "import { own } from './helpers.ts';",
      "import { problems } from '../../api/schemas.ts';",
      "import { urls } from '../../../urls.ts';",
    ].join('\n');
    assert.deepEqual(crossFeatureImports(file, source), [
      `${join('account', 'index.ts')} imports ${join('auth', 'passwords.ts')}`,
      `${join('account', 'index.ts')} imports ${join('referrals', 'api-schemas.ts')}`,
      `${join('account', 'index.ts')} imports ${join('jobs', 'api.ts')}`,
      `${join('account', 'index.ts')} imports ${join('audit', 'filters.ts')}`,
    ]);
    // The registrar, outside every feature's folder, imports them all.
    assert.deepEqual(crossFeatureImports(join(FEATURES, 'index.ts'), "import referralRoutes from './referrals/index.ts';"), []);
  });
});
