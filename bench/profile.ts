// Reads a V8 .cpuprofile (written by `node --cpu-prof`, see `npm run bench -- --profile`) and says where
// the server's CPU went: self time by function and by owner (a package in node_modules, a file of ours,
// Node itself), and the total time under some functions worth watching (rendering, SQL, audit).
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Who owns a frame: an npm package, a file of ours, Node's internals, or V8 itself. */
function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node';
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + 1);
  return url.replace(/^file:\/\//, '');
}

const INCLUSIVE: Record<string, RegExp> = {
  'nunjucks render (templates)': /nunjucks\//,
  'better-sqlite3 / pg (queries)': /better-sqlite3|node_modules\/pg/,
  'kysely (query building)': /node_modules\/kysely\//,
  'i18next (t)': /node_modules\/i18next\//,
  'audit (hash chain)': /services\/audit-service|domain\/audit/,
};

export function summariseProfile(source: string | CpuProfile, top = 25, title = typeof source === 'string' ? source : 'in-process profile'): string {
  const profile = typeof source === 'string' ? (JSON.parse(readFileSync(source, 'utf8')) as CpuProfile) : source;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  let total = 0;
  let idle = 0;
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') {
      idle += functionName === '(idle)' ? us : 0;
      if (functionName === '(idle)') continue;
    }
    total += us;
    const owner = ownerOf(url, functionName);
    const key = `${functionName || '(anonymous)'}  ${owner}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
    // Inclusive: count the sample once per watched group found on its stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frameUrl = byId.get(cur)?.callFrame.url ?? '';
      for (const [name, re] of Object.entries(INCLUSIVE)) if (!seen.has(name) && re.test(frameUrl)) seen.add(name);
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / Math.max(total, 1)).toFixed(1).padStart(5)} %`;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  const lines = [
    `profile: ${title}`,
    `  busy ${(total / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms`,
    '  inclusive (time with these on the stack):',
    ...[...inclusive].sort((a, b) => b[1] - a[1]).map(([k, us]) => `    ${ms(us)} ${pct(us)}  ${k}`),
    '  self time by owner:',
    ...[...byOwner]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `    ${ms(us)} ${pct(us)}  ${k}`),
    '  self time by function:',
    ...[...byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `    ${ms(us)} ${pct(us)}  ${k}`),
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx bench/profile.ts <file.cpuprofile> [top]');
  process.stdout.write(`${summariseProfile(file, Number(process.argv[3] ?? 25))}\n`);
}
