// A multi-page question journey as a table: its pages in order, when each applies, when each counts as
// answered, which fields each answers. Pure, so the order, the skipping, the return to check answers and
// the dropping of answers that no longer apply are unit-tested apart from the pages (flow.test.ts).

export const CHECK_ANSWERS = 'check-answers';

/** What a journey has gathered so far (its draft, kept in the session: see drafts.ts). */
export interface JourneyState<A = Record<string, unknown>> {
  answers: Partial<A>;
  /** Pages the reader has answered (or, for lists, confirmed with Continue). */
  done: string[];
}

export interface FlowStep<A = Record<string, unknown>> {
  slug: string;
  /** The fields this page answers, as the service names them in its errors (errors on these belong here). */
  fields: readonly string[];
  /** The answers this page owns, dropped when the page no longer applies (default: its fields). */
  answers?: readonly string[];
  /** Whether the page is part of the journey for these answers (default: always). */
  applies?(answers: Partial<A>): boolean;
  /** Whether the page is answered (default: the reader has submitted it). */
  complete?(state: JourneyState<A>): boolean;
  /** An "add another" list: its items are added on their own pages below it. */
  list?: boolean;
  /**
   * A page asked only when an earlier page left its answer out (the impairment date, asked beside the
   * incident type when scripts reveal it): walked past, forward and back, once answered.
   */
  fallback?: boolean;
}

export interface Flow<A = Record<string, unknown>> {
  readonly steps: readonly FlowStep<A>[];
  stepOf(slug: string): FlowStep<A> | undefined;
  /** The first page still to answer, or undefined when the journey can go to check answers. */
  firstIncomplete(state: JourneyState<A>): string | undefined;
  /** Whether the reader may see this page yet: every applicable page before it is answered (and it applies). */
  isReachable(state: JourneyState<A>, slug: string): boolean;
  /**
   * Where to go after answering a page: going forward, the next applicable page (answered or not); returning
   * to check answers, only the pages the change has made necessary, then check answers.
   */
  nextAfter(state: JourneyState<A>, slug: string, returning: boolean): string;
  /** The page before this one (or before check answers), for the back link; undefined on the first page. */
  previousBefore(state: JourneyState<A>, slug: string): string | undefined;
  /** The page on which a field (as named in the service's errors) is answered; list items (`periods.2`) map to their list. */
  stepForField(field: string): string | undefined;
  /**
   * Records a page's answers and marks it answered; the answers of pages that no longer apply (an earlier
   * answer changed) are dropped, and those pages are no longer answered.
   */
  markDone(state: JourneyState<A>, slug: string, answers: Partial<A>): JourneyState<A>;
  /** Replaces answers without marking a page answered (list items), dropping what no longer applies. */
  withAnswers(state: JourneyState<A>, answers: Partial<A>): JourneyState<A>;
}

/**
 * A journey's table. `fieldSteps` names fields answered on another page than the one that owns them (the
 * impairment date is first asked on the incident type page).
 */
export function defineFlow<A = Record<string, unknown>>(steps: readonly FlowStep<A>[], options: { fieldSteps?: Record<string, string> } = {}): Flow<A> {
  const applies = (step: FlowStep<A>, a: Partial<A>) => (step.applies ? step.applies(a) : true);
  const isComplete = (step: FlowStep<A>, state: JourneyState<A>) => (step.complete ? step.complete(state) : state.done.includes(step.slug));
  const indexOf = (slug: string) => (slug === CHECK_ANSWERS ? steps.length : steps.findIndex((s) => s.slug === slug));

  function firstIncomplete(state: JourneyState<A>) {
    return steps.find((s) => applies(s, state.answers) && !isComplete(s, state))?.slug;
  }

  function prune(state: JourneyState<A>): JourneyState<A> {
    const answers: Record<string, unknown> = { ...state.answers };
    const dropped = new Set<string>();
    for (const step of steps) {
      if (applies(step, answers as Partial<A>)) continue;
      dropped.add(step.slug);
      for (const key of step.answers ?? step.fields) delete answers[key];
    }
    return { answers: answers as Partial<A>, done: state.done.filter((slug) => !dropped.has(slug)) };
  }

  return {
    steps,
    stepOf: (slug) => steps.find((s) => s.slug === slug),
    firstIncomplete,
    isReachable(state, slug) {
      const step = steps.find((s) => s.slug === slug);
      if (!step || !applies(step, state.answers)) return false;
      const missing = firstIncomplete(state);
      return missing === undefined || indexOf(missing) >= indexOf(slug);
    },
    nextAfter(state, slug, returning) {
      const later = steps.slice(indexOf(slug) + 1).filter((s) => applies(s, state.answers));
      if (returning) return later.find((s) => !isComplete(s, state))?.slug ?? firstIncomplete(state) ?? CHECK_ANSWERS;
      const next = later.find((s) => !s.fallback || !isComplete(s, state));
      return next?.slug ?? firstIncomplete(state) ?? CHECK_ANSWERS;
    },
    previousBefore(state, slug) {
      const earlier = steps.slice(0, indexOf(slug)).filter((s) => applies(s, state.answers));
      return earlier.reverse().find((s) => !s.fallback || !isComplete(s, state))?.slug;
    },
    stepForField(field) {
      const base = field.split('.')[0] ?? field;
      return options.fieldSteps?.[base] ?? steps.find((s) => s.fields.includes(base))?.slug;
    },
    markDone(state, slug, answers) {
      return prune({ answers: { ...state.answers, ...answers }, done: state.done.includes(slug) ? state.done : [...state.done, slug] });
    },
    withAnswers(state, answers) {
      return prune({ answers: { ...state.answers, ...answers }, done: state.done });
    },
  };
}
