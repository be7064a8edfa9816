// Writes the result tables of bench/README.md from a results file: `npx tsx bench/report.ts [file]`
// (default bench/results/latest.json). Markdown on stdout, to paste into the README after a run.
import { readFileSync } from 'node:fs';

interface Point {
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  serverCpuMsPerRequest: number;
  foreignCpuPercent: number;
}
interface Page {
  id: string;
  title: string;
  available: boolean;
  htmlBytes?: number;
  points: Point[];
  renderLimit: Point[];
  renderCpuMs?: number;
  dbLimit?: { opsPerSecond: number; msPerOp: number };
}
interface ScaleResult {
  scale: string;
  coldStart: { toHealthMs: number; toFirstPageMs: number; runs: number };
  rss: { atStartMb: number; idleMb: number; peakUnderLoadMb: number };
  pages: Page[];
}
interface Results {
  generatedAt: string;
  database: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; loadAverageAtStart: number[]; commit: string };
  settings: { durationSeconds: number; connections: number[] };
  results: ScaleResult[];
}

const file = process.argv[2] ?? 'bench/results/latest.json';
const r = JSON.parse(readFileSync(file, 'utf8')) as Results;
const n = (v: number | undefined | null, d = 0) => (v === undefined || v === null || Number.isNaN(v) ? '–' : v.toFixed(d));
const at = (points: Point[], c: number) => points.find((p) => p.connections === c);
const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

const national = r.results.find((x) => x.scale === 'national') ?? r.results.at(-1);
const smallResult = r.results.find((x) => x.scale === 'small');
// Growth is only shown when the run has both scales.
const small = smallResult !== national ? smallResult : undefined;
const out: string[] = [];
out.push(
  `${r.database}, ${r.generatedAt.slice(0, 10)}, commit ${r.machine.commit}: ${r.machine.cores} × ${r.machine.cpu}, Node ${r.machine.node}, load average at start ${r.machine.loadAverageAtStart.join(' ')}; ${r.settings.durationSeconds} s per point.`,
  '',
);
if (national) {
  out.push(`### Pages at ${national.scale} scale`, '');
  const rows: string[][] = [];
  for (const page of national.pages) {
    if (!page.available) continue;
    for (const pt of page.points) {
      const render = at(page.renderLimit, pt.connections);
      const smallPt = small ? at(small.pages.find((p) => p.id === page.id)?.points ?? [], pt.connections) : undefined;
      rows.push([
        pt.connections === r.settings.connections[0] ? page.id : '',
        String(pt.connections),
        n(pt.rps),
        n(pt.p50),
        n(pt.p99),
        n(pt.serverCpuMsPerRequest, 2),
        render ? n(render.rps) : '–',
        render ? n(pt.rps / render.rps, 2) : '–',
        page.dbLimit ? n(page.dbLimit.opsPerSecond) : '–',
        page.dbLimit ? n(pt.rps / page.dbLimit.opsPerSecond, 2) : '–',
        smallPt ? n(pt.p99 / smallPt.p99, 2) : '–',
        n(pt.foreignCpuPercent),
      ]);
    }
  }
  out.push(
    table(
      [
        'page',
        'c',
        'req/s',
        'p50 ms',
        'p99 ms',
        'server CPU ms/req',
        'render limit req/s',
        'page/render',
        'DB limit ops/s',
        'page/DB',
        'national/small p99',
        'other load %',
      ],
      rows,
    ),
    '',
  );
  out.push('### Render, database and CPU per request, small → national', '');
  out.push(
    table(
      ['page', 'HTML KB', 'render CPU ms', 'DB ms/op', 'server CPU ms/req at c1'],
      national.pages
        .filter((p) => p.available)
        .map((p) => {
          const s = small?.pages.find((x) => x.id === p.id);
          const arrow = (a: string, b: string) => (small ? `${a} → ${b}` : b);
          return [
            p.id,
            arrow(n((s?.htmlBytes ?? 0) / 1024, 1), n((p.htmlBytes ?? 0) / 1024, 1)),
            p.renderCpuMs === undefined ? '–' : arrow(n(s?.renderCpuMs, 2), n(p.renderCpuMs, 2)),
            arrow(n(s?.dbLimit?.msPerOp, 2), n(p.dbLimit?.msPerOp, 2)),
            arrow(n(s?.points[0]?.serverCpuMsPerRequest, 2), n(p.points[0]?.serverCpuMsPerRequest, 2)),
          ];
        }),
    ),
    '',
  );
}
out.push('### Process', '');
out.push(
  table(
    ['', ...r.results.map((x) => x.scale)],
    [
      ['cold start → first /health', ...r.results.map((x) => `${n(x.coldStart.toHealthMs)} ms (${x.coldStart.runs} runs)`)],
      ['cold start → first rendered page', ...r.results.map((x) => `${n(x.coldStart.toFirstPageMs)} ms`)],
      ['RSS right after start', ...r.results.map((x) => `${n(x.rss.atStartMb)} MB`)],
      ['RSS idle after warming every page', ...r.results.map((x) => `${n(x.rss.idleMb)} MB`)],
      ['RSS peak under load', ...r.results.map((x) => `${n(x.rss.peakUnderLoadMb)} MB`)],
    ],
  ),
);
process.stdout.write(`${out.join('\n')}\n`);
