// Making a submission packet (issue 13 item 6), measured, not asserted in tests: a Child Practice Review at its
// publication preparation with every gate's record open (the executive summary approved in English and Welsh, the
// report accepted, the action plan accepted), in a SQLite file database with files stored on local disk; the first
// make (each document rendered by the pipeline, then stored) and then `runs` makes of the same documents (renderings
// served as stored: the zip, the manifest's checksums, the encrypted store and the packet's row). Every make's zip is
// the same bytes (checked here too). Run alone: `npx tsx bench/run.ts --only packet [--packet-runs N]`.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createServices } from '../src/container.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { seedAgency } from '../src/testing/admin-fixtures.ts';
import { as, callerWithRole } from '../src/testing/case-fixtures.ts';
import { seedBoard } from '../src/testing/fixtures.ts';
import { testKeyring } from '../src/testing/keys.ts';
import { openEveryGate, seedPreparingReview } from '../src/testing/publication-fixtures.ts';
import { reviewCallers } from '../src/testing/review-fixtures.ts';
import { TestClock } from '../src/testing/test-app.ts';

export interface PacketBench {
  runs: number;
  zipBytes: number;
  firstMakeSeconds: number;
  makeSeconds: { median: number; p95: number };
  deterministic: boolean;
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export async function benchPacket(dataRoot: string, runs: number, log: (line: string) => void): Promise<PacketBench> {
  mkdirSync(dataRoot, { recursive: true });
  const dataDir = mkdtempSync(join(dataRoot, 'packet-'));
  const db = openDatabase({ dialect: 'sqlite', file: join(dataDir, 'bench.sqlite') });
  try {
    await migrateToLatest(db);
    const clock = new TestClock(new Date('2026-12-14T10:00:00Z'));
    const services = createServices({ db, keyring: testKeyring(), config: loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }), clock });
    const board = await seedBoard(services, 'BENCH');
    const callers = await reviewCallers(services, board.id);
    const police = await seedAgency(services, { boardIds: [board.id], nameEn: 'Gwent Police', nameCy: 'Heddlu Gwent' });
    const w = await seedPreparingReview(services, board.id, callers, police.id);
    await openEveryGate(services, w.scope, callers.bu, await callerWithRole(services, 'information_governance', board.id));
    const bu = as(callers.bu, 'PACKET_MADE');

    let started = process.hrtime.bigint();
    const first = await services.packets.make(bu, w.scope);
    const firstMakeSeconds = seconds(started);
    log(`packet: first make ${firstMakeSeconds.toFixed(3)} s (${first.sizeBytes} bytes)`);
    const times: number[] = [];
    let deterministic = true;
    for (let i = 0; i < runs; i++) {
      started = process.hrtime.bigint();
      const made = await services.packets.make(bu, w.scope);
      times.push(seconds(started));
      deterministic &&= made.sha256 === first.sha256;
    }
    times.sort((a, b) => a - b);
    const result = {
      runs,
      zipBytes: first.sizeBytes,
      firstMakeSeconds,
      makeSeconds: { median: quantile(times, 0.5), p95: quantile(times, 0.95) },
      deterministic,
    };
    log(
      `packet: ${runs} makes, median ${result.makeSeconds.median.toFixed(3)} s, p95 ${result.makeSeconds.p95.toFixed(3)} s; the same bytes each time: ${deterministic}`,
    );
    await services.mail.close();
    return result;
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
