// Which frameworks a board runs (DOMAIN.md §3.7): the statutory one in force on the date, always; and any
// other of its nation's frameworks the board chose in its settings — the process of its founding procedures
// (the Serious Case Review of 2006), say. The management group assesses against one of them, the statutory
// one pre-selected; choosing another is allowed, warned about and recorded. A review is decided under the
// framework the group assessed against when the group chose another; otherwise under the statutory one in
// force on the decision date (R14).
import type { IsoDate } from '../clock/dates.ts';
import { DEFAULT_FRAMEWORK_ID, FRAMEWORKS, findFrameworkInForce, getFramework } from './index.ts';
import type { Framework, FrameworkId, FrameworkNation } from './types.ts';

/** The statutory framework of a nation on a date; before any was in force, the founding SCR framework. */
export function statutoryFramework(nation: FrameworkNation, on: IsoDate): Framework {
  return findFrameworkInForce(nation, on) ?? getFramework(DEFAULT_FRAMEWORK_ID);
}

/** The frameworks a board may choose to run besides the statutory one: its nation's others. */
export function optionalFrameworks(nation: FrameworkNation, on: IsoDate): Framework[] {
  const statutory = statutoryFramework(nation, on);
  return FRAMEWORKS.filter((f) => f.nation === nation && f.id !== statutory.id);
}

/** What is wrong with a board's choice of frameworks: a code ('settings.frameworkUnknown'), or undefined. */
export function chosenFrameworksProblem(nation: FrameworkNation, chosen: readonly string[]): string | undefined {
  for (const id of chosen) {
    const framework = FRAMEWORKS.find((f) => f.id === id);
    if (!framework || framework.nation !== nation) return 'settings.frameworkUnknown';
  }
  return undefined;
}

/** The frameworks a board runs on a date, the statutory one first; chosen ones that are statutory that day are not repeated. */
export function frameworksRun(nation: FrameworkNation, on: IsoDate, chosen: readonly FrameworkId[]): { statutory: Framework; frameworks: Framework[] } {
  const statutory = statutoryFramework(nation, on);
  const others = FRAMEWORKS.filter((f) => f.id !== statutory.id && f.nation === nation && chosen.includes(f.id));
  return { statutory, frameworks: [statutory, ...others] };
}

/**
 * The framework a decision is pinned to (R14): the one the management group assessed against when it chose
 * one other than the statutory framework of the day (the board runs it); otherwise the statutory framework
 * in force on the decision date.
 */
export function frameworkForDecision(
  assessment: { frameworkId: FrameworkId; statutoryFrameworkId: FrameworkId | null } | undefined,
  nation: FrameworkNation,
  decidedOn: IsoDate,
): Framework {
  if (assessment?.statutoryFrameworkId && assessment.frameworkId !== assessment.statutoryFrameworkId) return getFramework(assessment.frameworkId);
  return statutoryFramework(nation, decidedOn);
}
