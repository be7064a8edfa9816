// What every command shares: where output goes, the services over the configured database (migrated
// first), the audit caller for work done from the command line, and readable errors.
import { bootServices } from '../boot.ts';
import type { Config } from '../config.ts';
import type { Services } from '../container.ts';
import type { AuditAction } from '../domain/audit-actions.ts';
import { translator } from '../i18n.ts';
import { type Caller, ServiceError, systemCaller } from '../services/context.ts';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const stdio: Output = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

/** Commands act as the operator at the console: no signed-in actor, the command's audit name. */
export function cliCaller(action: AuditAction): Caller {
  return systemCaller(action);
}

/** Opens the configured database with its keys, brings it up to date, runs the work and closes everything. */
export async function withServices<T>(config: Config, work: (services: Services) => Promise<T>): Promise<T> {
  const { db, services } = await bootServices(config);
  try {
    return await work(services);
  } finally {
    services.mail.close();
    await db.close();
  }
}

/** One line per problem, in English (the console's language). */
export function describeError(error: unknown): string[] {
  if (error instanceof ServiceError) {
    const t = translator('en');
    const fields = Object.entries(error.fieldErrors);
    if (fields.length > 0) return fields.map(([field, key]) => `${field}: ${t(`errors:${key}`, { defaultValue: key })}`);
    return [error.message];
  }
  return [error instanceof Error ? error.message : String(error)];
}

/** Runs a command body, turning a refusal into a message and exit code 1. */
export async function guarded(io: Output, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    for (const line of describeError(error)) io.err(`Error: ${line}`);
    return 1;
  }
}

/** A plain text table: a header row, a rule and aligned columns. */
export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
