// case-review import chronology --review <reference or id> --agency <agency id or name> FILE: imports a filled-in
// chronology template (.xlsx or .csv) into the agency's chronology of a review, through the same service as the
// upload page (ChronologyImportService.importFile → process): every row checked first, then all written in one
// transaction or nothing at all. A progress bar follows the rows as they are checked. Refused files print each
// problem (row, column, what is wrong, in English) and exit 1. The audit log names the command (a system caller).
import { stat } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Services } from '../container.ts';
import { TEMPLATE_COLUMNS } from '../domain/chronology/import-rows.ts';
import { translator } from '../i18n.ts';
import type { ImportProgress, StoredProblem } from '../services/chronology/chronology-import.ts';
import { guarded, type Output } from './context.ts';

export interface ImportChronologyOptions {
  review: string;
  agency: string;
  /** Show the progress bar (default true; tests turn it off). */
  progress?: boolean;
}

/** "Row 14, Date: Enter a real date (like 31/01/2024)". */
function problemLine(p: StoredProblem): string {
  const t = translator('en');
  const message = t(`chronology:${p.key}`);
  const column = TEMPLATE_COLUMNS.find((c) => c.key === p.column)?.header.en;
  return column ? `Row ${p.row}, ${column}: ${message}` : `Row ${p.row}: ${message}`;
}

export async function importChronology(services: Services, file: string, options: ImportChronologyOptions, io: Output): Promise<number> {
  return guarded(io, async () => {
    const size = (await stat(file).catch(() => undefined))?.size;
    if (size === undefined) {
      io.err(`Error: ${file}: no such file`);
      return 1;
    }
    const bar = new cliProgress.SingleBar(
      { format: 'Checking rows [{bar}] {value}/{total}', noTTYOutput: true, notTTYSchedule: 5000, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    const show = options.progress !== false;
    let started = false;
    const onProgress = (p: ImportProgress) => {
      if (!show) return;
      const total = Math.max(p.about ?? p.rows, p.rows);
      if (!started) {
        bar.start(total, p.rows);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(p.rows);
      }
    };
    let outcome: Awaited<ReturnType<Services['chronologyImports']['importFile']>>;
    try {
      outcome = await services.chronologyImports.importFile(
        'CHRONOLOGY_IMPORTED_BY_COMMAND',
        { review: options.review, agency: options.agency },
        { path: file },
        onProgress,
      );
    } finally {
      if (started) bar.stop();
    }
    if (outcome.status === 'refused') {
      io.err(`Nothing was imported: the file has ${outcome.problemCount} problem${outcome.problemCount === 1 ? '' : 's'}.`);
      for (const p of outcome.problems) io.err(problemLine(p));
      if (outcome.problemCount > outcome.problems.length) io.err(`(the first ${outcome.problems.length} of ${outcome.problemCount} are listed)`);
      return 1;
    }
    io.out(`Imported ${outcome.imported} entr${outcome.imported === 1 ? 'y' : 'ies'} into review ${outcome.reference} (import ${outcome.importId}).`);
    if (outcome.warningCount > 0)
      io.out(
        `${outcome.warningCount} dated outside the period under review (rows ${outcome.warnings.map((w) => w.row).join(', ')}${outcome.warningCount > outcome.warnings.length ? ', …' : ''}).`,
      );
    return 0;
  });
}
