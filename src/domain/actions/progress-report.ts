// The board's progress report and the partner view (issue 12 items 5 and 6; DOMAIN.md §1.7, §6.6): figures
// from grouped rows, never from every action. The database groups the actions of a board by review, lead
// agency, status and the three facts the RAG rule reads from dates (past its target, within the amber window of
// it, no update for the stale period) — each a comparison with a day the rule fixes (ragThresholds) —, and by
// the override that holds. Each group's RAG is then the rule's own answer (effectiveRag in rag.ts) for facts
// standing for the group (bucketFacts): the one rule, never re-derived here; a test checks that the group's
// answer is the action's for every status and date.
//
// The counts by status and RAG are as the actions stand on the day of the report; the date range chooses the
// events counted (impact evidenced, verified) and the challenges shown. An action is counted under its lead
// agency (the agency answerable for it), so each action is counted once. The partner view is one agency's own
// view: the actions it leads and those it supports (a multi-agency action), each once, with its role. Pure.
import { addDays, type IsoDate } from '../clock/dates.ts';
import { ACTION_STATUSES, type ActionStatus, isActionStatus, isSettled } from './action.ts';
import { type HorizonState, horizonOf, horizonState } from './monitoring.ts';
import { AMBER_WINDOW_DAYS, effectiveRag, isOverdue, isRag, RAG_RATINGS, type Rag, STALE_AFTER_DAYS } from './rag.ts';

/** The days the grouped query compares with: target before `pastBefore`, on or before `nearBy`; last update on or before `staleBy`. */
export function ragThresholds(today: IsoDate): { pastBefore: IsoDate; nearBy: IsoDate; staleBy: IsoDate } {
  return { pastBefore: today, nearBy: addDays(today, AMBER_WINDOW_DAYS), staleBy: addDays(today, -STALE_AFTER_DAYS) };
}

/** A group of actions alike in everything the RAG rule reads (the grouped query's row). */
export interface ActionBucket {
  reviewId: string;
  agencyId: string;
  status: string;
  /** target_on < pastBefore */
  past: boolean;
  /** target_on <= nearBy */
  near: boolean;
  /** the day of the last update (or of the action's making) <= staleBy */
  stale: boolean;
  /** The business unit's override where it holds (given at the action's present status), or null. */
  override: string | null;
  count: number;
}

/** Facts standing for the bucket: any action of it gets the same answer from the rule. */
export function bucketFacts(b: Pick<ActionBucket, 'status' | 'past' | 'near' | 'stale' | 'override'>, today: IsoDate) {
  const status: ActionStatus = isActionStatus(b.status) ? b.status : 'not_started';
  const targetOn = b.past ? addDays(today, -1) : b.near ? today : addDays(today, AMBER_WINDOW_DAYS + 1);
  const lastUpdateOn = b.stale ? addDays(today, -STALE_AFTER_DAYS) : today;
  const override = b.override && isRag(b.override) ? { rag: b.override, atStatus: status } : null;
  return { status, targetOn, lastUpdateOn, override };
}

/** The bucket's RAG by the rule, and whether its actions are overdue. */
export function rateBucket(b: Pick<ActionBucket, 'status' | 'past' | 'near' | 'stale' | 'override'>, today: IsoDate): { rag: Rag; overdue: boolean } {
  const facts = bucketFacts(b, today);
  return { rag: effectiveRag(facts, today).rag, overdue: isOverdue(facts, today) };
}

export type StatusCounts = Record<ActionStatus, number>;
export type RagCounts = Record<Rag, number>;

export interface Tally {
  total: number;
  statuses: StatusCounts;
  rags: RagCounts;
  overdue: number;
  /** Impact evidenced in the range (updates of kind 'impact'). */
  impact: number;
  /** Verified in the range. */
  verified: number;
}

export function emptyTally(): Tally {
  return {
    total: 0,
    statuses: Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as StatusCounts,
    rags: Object.fromEntries(RAG_RATINGS.map((r) => [r, 0])) as RagCounts,
    overdue: 0,
    impact: 0,
    verified: 0,
  };
}

/** Events in the range, counted per review and lead agency (the grouped query's rows). */
export interface EventCount {
  reviewId: string;
  agencyId: string;
  kind: 'impact' | 'verified';
  count: number;
}

/** A review of the board with actions or an accepted plan. */
export interface ReviewInfo {
  id: string;
  reference: string;
  /** The plan's acceptance (monitoring from), or null before it. */
  monitoringFromOn: string | null;
  closed: boolean;
}

export interface AgencyInfo {
  id: string;
  name: string;
}

/** A challenge of the board's challenge log (issue 12 item 4), as the report shows it: ids and codes only. */
export interface ChallengeLine {
  reviewReference: string;
  agencyId: string;
  /** The ladder's rung (a code). */
  rung: string;
  on: IsoDate;
  /** The partner's response (a code), or null while none is recorded. */
  response: string | null;
}

export interface HorizonLine {
  reviewId: string;
  reference: string;
  monitoringFromOn: string;
  horizonOn: IsoDate;
  state: Extract<HorizonState, 'approaching' | 'past'>;
}

export interface ProgressReport {
  today: IsoDate;
  from: IsoDate;
  to: IsoDate;
  totals: Tally;
  reviews: (ReviewInfo & Tally)[];
  agencies: (AgencyInfo & Tally)[];
  horizons: HorizonLine[];
  challenges: ChallengeLine[];
}

function add(t: Tally, b: ActionBucket, rated: { rag: Rag; overdue: boolean }) {
  t.total += b.count;
  if (isActionStatus(b.status)) t.statuses[b.status] += b.count;
  t.rags[rated.rag] += b.count;
  if (rated.overdue) t.overdue += b.count;
}

/** The report's figures from the grouped rows. Reviews in reference order, agencies by name; only those with actions or a plan. */
export function buildProgressReport(input: {
  today: IsoDate;
  from: IsoDate;
  to: IsoDate;
  buckets: readonly ActionBucket[];
  events: readonly EventCount[];
  reviews: readonly ReviewInfo[];
  agencies: readonly AgencyInfo[];
  challenges: readonly ChallengeLine[];
}): ProgressReport {
  const totals = emptyTally();
  const byReview = new Map<string, Tally>();
  const byAgency = new Map<string, Tally>();
  const tallyOf = (map: Map<string, Tally>, id: string) => {
    const found = map.get(id);
    if (found) return found;
    const made = emptyTally();
    map.set(id, made);
    return made;
  };
  for (const b of input.buckets) {
    const rated = rateBucket(b, input.today);
    for (const t of [totals, tallyOf(byReview, b.reviewId), tallyOf(byAgency, b.agencyId)]) add(t, b, rated);
  }
  for (const e of input.events) for (const t of [totals, tallyOf(byReview, e.reviewId), tallyOf(byAgency, e.agencyId)]) t[e.kind] += e.count;
  const reviews = input.reviews
    .filter((r) => byReview.has(r.id) || r.monitoringFromOn !== null)
    .map((r) => ({ ...r, ...(byReview.get(r.id) ?? emptyTally()) }))
    .sort((a, b) => a.reference.localeCompare(b.reference));
  const agencies = input.agencies
    .filter((a) => byAgency.has(a.id))
    .map((a) => ({ ...a, ...(byAgency.get(a.id) ?? emptyTally()) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const horizons: HorizonLine[] = [];
  for (const r of reviews) {
    if (!r.monitoringFromOn || r.closed) continue;
    const state = horizonState(r.monitoringFromOn, input.today);
    if (state === 'approaching' || state === 'past')
      horizons.push({ reviewId: r.id, reference: r.reference, monitoringFromOn: r.monitoringFromOn, horizonOn: horizonOf(r.monitoringFromOn), state });
  }
  return { today: input.today, from: input.from, to: input.to, totals, reviews, agencies, horizons, challenges: [...input.challenges] };
}

// ---------------------------------------------------------------------------------------------------------
// The partner view's timeliness and trend

/** How an action due by its target date fared: completed by it, after it, overdue now, not yet due, or closed by the board. */
export type Timeliness = 'on_time' | 'late' | 'overdue' | 'open' | 'closed';

/** An action's timeliness: completion is the owner's proposal of complete (the last one) — the London day of it — against the target in force. */
export function timelinessOf(a: { status: string; targetOn: IsoDate; completedOn: IsoDate | null }, today: IsoDate): Timeliness {
  if (a.status === 'closed' && !a.completedOn) return 'closed';
  if (isSettled(a.status)) return a.completedOn && a.completedOn > a.targetOn ? 'late' : 'on_time';
  if (isOverdue({ status: isActionStatus(a.status) ? a.status : 'not_started', targetOn: a.targetOn }, today)) return 'overdue';
  return 'open';
}

/** '2027-Q1' for a day of January to March 2027. */
export function quarterOf(day: IsoDate): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

export interface QuarterTrend {
  quarter: string;
  on_time: number;
  late: number;
  overdue: number;
}

export interface PartnerFigures {
  total: number;
  /** Of the total, those the agency leads and those it supports (each action counted once, as lead where it is both). */
  roles: { lead: number; supporting: number };
  counts: Record<Timeliness, number>;
  /** Completed on time out of those completed (on time or late), as a whole percentage; null when none is completed. */
  onTimePercent: number | null;
  /** Per quarter of the target date, oldest first: those due then, completed on time, late, or overdue now. */
  trend: QuarterTrend[];
}

/** From grouped rows (`count` alike actions each, 1 when absent; the agency's role, lead when absent). */
export function partnerFigures(
  actions: readonly { status: string; targetOn: IsoDate; completedOn: IsoDate | null; role?: 'lead' | 'supporting'; count?: number }[],
  today: IsoDate,
): PartnerFigures {
  const counts: Record<Timeliness, number> = { on_time: 0, late: 0, overdue: 0, open: 0, closed: 0 };
  const roles = { lead: 0, supporting: 0 };
  const quarters = new Map<string, QuarterTrend>();
  let total = 0;
  for (const a of actions) {
    const t = timelinessOf(a, today);
    const n = a.count ?? 1;
    total += n;
    counts[t] += n;
    roles[a.role ?? 'lead'] += n;
    if (t === 'on_time' || t === 'late' || t === 'overdue') {
      const q = quarterOf(a.targetOn);
      const row = quarters.get(q) ?? { quarter: q, on_time: 0, late: 0, overdue: 0 };
      row[t] += n;
      quarters.set(q, row);
    }
  }
  const done = counts.on_time + counts.late;
  return {
    total,
    roles,
    counts,
    onTimePercent: done === 0 ? null : Math.round((counts.on_time * 100) / done),
    trend: [...quarters.values()].sort((a, b) => a.quarter.localeCompare(b.quarter)),
  };
}
