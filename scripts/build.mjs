// Builds dist/ from src/: TypeScript (tsc), the stylesheet (sass) and the Nunjucks views.
// Without --force it does nothing when dist/ is newer than every source file, so `npm start` stays quick.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const force = process.argv.includes('--force');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = ['src', 'locales'].map((d) => join(root, d));
const sourceTime = Math.max(...sources.map(newest), statSync(join(root, 'package.json')).mtimeMs);
if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= sourceTime) process.exit(0);

const started = Date.now();
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});

function copyViews(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyViews(path);
    else if (entry.name.endsWith('.njk')) {
      const target = join(root, 'dist', relative(join(root, 'src'), path));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
    }
  }
}
copyViews(join(root, 'src'));

const sass = await import('sass');
const css = sass.compile(join(root, 'src/assets/application.scss'), {
  loadPaths: [join(root, 'node_modules/govuk-frontend/dist')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import', 'global-builtin', 'mixed-decls'],
});
mkdirSync(join(root, 'dist/assets'), { recursive: true });
writeFileSync(join(root, 'dist/assets/application.css'), css.css);
writeFileSync(stamp, new Date().toISOString());
console.log(`case-review: built dist/ in ${Date.now() - started} ms`);
