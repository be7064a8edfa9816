// Checking an action plan spreadsheet's rows before anything is written (issue 12 item 8). The header row names
// the columns (either language, any order; the four an import reads must be there). Each row names an action of
// this plan by its id and may propose, for the agency, what its owner could: progress (on track, at risk, off
// track, with a new progress note), a note without a move, or completion (with the evidence of completion
// filled in: a file cannot travel in a sheet, so the evidence column's text is the evidence narrative, and
// completion is refused without it). Never "not started" again, never verified or a later state, never a change
// to an action out of the owner's hands (proposed complete or done): such rows are refused. A row as exported
// changes nothing. Problems are row, column and a locale key (namespace action-imports). Pure.
import { type RawCell, unprefixCellText } from '../chronology/import-rows.ts';
import { LIMITS } from '../limits.ts';
import { textProblem } from '../text.ts';
import { type ActionStatus, isProgressStatus, isSettled, type ProposableStatus } from './action.ts';
import { columnOfHeader, PLAN_COLUMNS, type PlanColumnKey, parseStatus } from './plan-columns.ts';

export interface PlanProblem {
  row: number;
  column: PlanColumnKey | null;
  /** A locale key of the action-imports namespace. */
  key: string;
}

/** An action of the plan as the import compares a row with it. */
export interface PlanRowFacts {
  status: ActionStatus;
  /** The latest progress note (as the export wrote it). */
  lastNote: string;
  /** The evidence given with the latest proposal of completion (as the export wrote it). */
  evidenceGiven: string;
}

/** What one row asks for: a move (or none), a new progress note, the evidence of completion. */
export interface PlanChange {
  row: number;
  actionId: string;
  /** The status proposed; null keeps it. */
  move: ProposableStatus | 'complete' | null;
  /** A new progress note (null: none). */
  note: string | null;
  /** The evidence of completion (with move 'complete' only). */
  evidence: string | null;
}

export type PlanLayout = readonly (PlanColumnKey | null)[];

function isFormula(cell: RawCell): boolean {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && ('formula' in cell || 'sharedFormula' in cell);
}
function isError(cell: RawCell): boolean {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && 'error' in cell;
}

/** A cell's text: NFC, LF line breaks, trimmed, the formula-safe apostrophe taken off. */
export function planCellText(cell: RawCell): string {
  if (cell === null || cell === undefined || typeof cell === 'object') return '';
  return unprefixCellText(String(cell).replace(/\r\n?/g, '\n').normalize('NFC').trim());
}

/** The header row: which column each cell is, or what is wrong (a missing, repeated or unknown heading). */
export function matchPlanHeader(cells: readonly RawCell[], row = 1): { layout: PlanLayout; problems: [] } | { layout: null; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const layout: (PlanColumnKey | null)[] = [];
  const seen = new Set<PlanColumnKey>();
  for (const cell of cells) {
    const text = planCellText(cell);
    if (!text) {
      layout.push(null);
      continue;
    }
    const key = columnOfHeader(text);
    if (!key) problems.push({ row, column: null, key: 'file.unknownColumn' });
    else if (seen.has(key)) problems.push({ row, column: key, key: 'file.duplicateColumn' });
    else seen.add(key);
    layout.push(key ?? null);
  }
  for (const c of PLAN_COLUMNS) if (c.required && !seen.has(c.key)) problems.push({ row, column: c.key, key: 'file.missingColumn' });
  return problems.length ? { layout: null, problems } : { layout, problems: [] };
}

/** A note or evidence cell's problem, or undefined. */
function proseProblem(text: string, column: 'note' | 'evidence'): string | undefined {
  if (text.length > LIMITS.reasoning) return `${column}.tooLong`;
  if (textProblem(text)) return 'cell.control';
  return undefined;
}

/**
 * One row checked against the plan's actions: its change (null when it changes nothing) or its problems.
 * `seen` collects the ids of earlier rows (an action named twice is refused).
 */
export function checkPlanRow(
  row: number,
  cells: readonly RawCell[],
  layout: PlanLayout,
  actions: ReadonlyMap<string, PlanRowFacts>,
  seen: Set<string>,
): { change: PlanChange | null; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const cellOf = (key: PlanColumnKey): RawCell => cells[layout.indexOf(key)];
  for (const key of ['actionId', 'status', 'evidence', 'progressNote'] as const) {
    const cell = cellOf(key);
    if (isFormula(cell)) problems.push({ row, column: key, key: 'cell.formula' });
    else if (isError(cell)) problems.push({ row, column: key, key: 'cell.error' });
  }
  if (problems.length) return { change: null, problems };
  const id = planCellText(cellOf('actionId'));
  if (!id) return { change: null, problems: [{ row, column: 'actionId', key: 'actionId.required' }] };
  const facts = actions.get(id);
  if (!facts) return { change: null, problems: [{ row, column: 'actionId', key: 'actionId.unknown' }] };
  if (seen.has(id)) return { change: null, problems: [{ row, column: 'actionId', key: 'actionId.duplicate' }] };
  seen.add(id);

  const statusText = planCellText(cellOf('status'));
  const noteText = planCellText(cellOf('progressNote'));
  const evidenceText = planCellText(cellOf('evidence'));
  const note = noteText && noteText !== facts.lastNote ? noteText : null;
  const evidence = evidenceText && evidenceText !== facts.evidenceGiven ? evidenceText : null;
  const noteProblem = note ? proseProblem(note, 'note') : undefined;
  if (noteProblem) problems.push({ row, column: 'progressNote', key: noteProblem });
  const evidenceProblem = evidence ? proseProblem(evidence, 'evidence') : undefined;
  if (evidenceProblem) problems.push({ row, column: 'evidence', key: evidenceProblem });

  const wanted = statusText ? parseStatus(statusText) : facts.status;
  if (!wanted) return { change: null, problems: [...problems, { row, column: 'status', key: 'status.invalid' }] };
  const move = wanted === facts.status ? null : wanted;

  if (move !== null || note !== null || evidence !== null) {
    // Out of the owner's hands: nothing an owner could do may be imported.
    if (isSettled(facts.status)) return { change: null, problems: [...problems, { row, column: move ? 'status' : 'progressNote', key: 'status.settled' }] };
  }
  if (move === 'not_started') problems.push({ row, column: 'status', key: 'status.notStartedAgain' });
  else if (move !== null && move !== 'complete' && !isProgressStatus(move)) problems.push({ row, column: 'status', key: 'status.notAllowed' });
  else if (move === 'complete') {
    if (!evidenceText) problems.push({ row, column: 'evidence', key: 'evidence.required' });
  } else if (move !== null && !note) problems.push({ row, column: 'progressNote', key: 'note.required' });
  if (move !== 'complete' && evidence !== null) problems.push({ row, column: 'evidence', key: 'evidence.withoutComplete' });
  if (problems.length) return { change: null, problems };
  if (move === null && note === null) return { change: null, problems: [] };
  return {
    change: {
      row,
      actionId: id,
      move: move as ProposableStatus | 'complete' | null,
      note,
      evidence: move === 'complete' ? evidenceText : null,
    },
    problems: [],
  };
}
