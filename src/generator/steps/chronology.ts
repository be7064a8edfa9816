// Agencies' chronologies of the generated reviews (issue 11 item 7): every contribution request that has been
// declared (in progress, submitted or signed off) holds its agency's entries, ScaleSpec.chronologyEntries in
// all (3,000,000 at national scale), with ONE review on the first board (the bench user's) holding
// ScaleSpec.chronologyBigReview of them (100,000 at national scale) across its agencies, so the merged
// chronology can be measured at that size. Entries fall in the three years before the review's incident,
// mostly on exact days (some "about", a month or a year, which sort at the start of their period), with the
// integer sort columns the merged order uses (sortColumns) and the agency's own numbers per request (its
// board counter set to the last, so a later entry continues the numbering). Signed-off chronologies are
// shared with the panel (most of them; all of the big review's), and about one shared entry in 400 is a key
// event. Rows are made and inserted a slice at a time (never 3,000,000 objects at once); the entries' own
// history is not generated as audit events (a generated request's is not either).
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type DatePrecision, EVENT_TYPES, type EventType, periodStart, type Significance, sortColumns } from '../../domain/chronology/entry.ts';
import { addDays } from '../../domain/clock/dates.ts';
import type { GeneratorContext, GeneratorStep } from '../context.ts';
import type { Random } from '../random.ts';

const STEP = 'chronology';

/** What each event type's entries say (fictional; the review's people are "the child", "the mother"…). */
const TEXT: Record<EventType, readonly string[]> = {
  contact: ['Telephone contact with the mother about the child’s wellbeing.', 'The child was seen briefly at the door; no concerns noted.'],
  home_visit: ['Home visit: the child was seen alone and said things were fine at home.', 'Unannounced home visit; no one answered the door.'],
  appointment: ['The child attended a routine appointment with the mother.', 'Development review completed; growth below the expected range.'],
  assessment: ['Assessment started after the referral; the family agreed to take part.', 'Child protection medical arranged after the bruising was seen.'],
  referral: ['Referral received about the child’s care at home.', 'Referral made to children’s services the same day.'],
  meeting: ['Core group meeting held; the plan was reviewed.', 'Child protection conference; the plan was agreed.'],
  strategy_discussion: ['Strategy discussion between the police, children’s services and health.', 'Strategy discussion agreed joint enquiries.'],
  hospital_attendance: ['The child attended the emergency department with an injury.', 'The child was admitted overnight for observation.'],
  education: ['The school noticed the child arriving hungry.', 'Attendance fell below 80% this term.'],
  police_incident: ['Officers attended a report of a disturbance at the address.', 'Domestic abuse incident reported; the child was present.'],
  court: ['Court hearing about the child’s care adjourned.', 'Interim order made by the family court.'],
  missed_appointment: ['The child was not brought to the appointment.', 'Second missed appointment; a letter was sent to the GP.'],
  other: ['Information shared between agencies about the family’s move.', 'The family moved to a new address in the area.'],
};
const ROLES = ['Social worker', 'Health visitor', 'Police constable', 'School nurse', 'Designated safeguarding lead', 'GP', 'Family support worker'];
const PRECISIONS: readonly (readonly [DatePrecision, number])[] = [
  ['exact', 85],
  ['about', 6],
  ['month', 6],
  ['year', 3],
];
const SIGNIFICANCE: readonly (readonly [Significance, number])[] = [
  ['low', 50],
  ['medium', 35],
  ['high', 15],
];

interface Chronicled {
  id: string;
  reviewId: string;
  boardId: string;
  agencyId: string;
  status: string;
  at: string;
  signedOffAt: string | null;
  incidentOn: string;
}

/** Rows made before each insert. */
const SLICE = 20_000;
/** Rows per transaction. */
const PER_TRANSACTION = 100_000;

export const chronologyStep: GeneratorStep = {
  id: STEP,
  tables: ['chronology_entries', 'board_counters'],
  async run(ctx: GeneratorContext) {
    const rng = ctx.rng.fork(STEP);
    const k = ctx.db.kysely;
    const requests: Chronicled[] = (
      await k
        .selectFrom('contribution_requests as c')
        .innerJoin('reviews as r', 'r.id', 'c.review_id')
        .innerJoin('referrals as f', 'f.id', 'r.referral_id')
        .select(['c.id', 'c.review_id', 'c.board_id', 'c.agency_id', 'c.status', 'c.declared_at', 'c.created_at', 'c.signed_off_at', 'f.incident_on'])
        .where('c.status', 'in', ['in_progress', 'submitted', 'signed_off'])
        .orderBy('c.id')
        .execute()
    ).map((r) => ({
      id: r.id,
      reviewId: r.review_id,
      boardId: r.board_id,
      agencyId: r.agency_id,
      status: r.status,
      at: r.declared_at ?? r.created_at,
      signedOffAt: r.signed_off_at,
      incidentOn: r.incident_on,
    }));
    if (requests.length === 0) return;
    const children = new Map(
      (await k.selectFrom('review_people').select(['id', 'review_id']).where('pseudonym_kind', '=', 'child').orderBy('id').execute()).map((p) => [
        p.review_id,
        p.id,
      ]),
    );

    // The big review: the first board's review with the most signed-off requests (all of them shared).
    const firstBoard = ctx.state.boards[0]?.id;
    const signedOff = new Map<string, number>();
    for (const r of requests) if (r.boardId === firstBoard && r.status === 'signed_off') signedOff.set(r.reviewId, (signedOff.get(r.reviewId) ?? 0) + 1);
    const bigReview = [...signedOff.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    const big = requests.filter((r) => r.reviewId === bigReview && r.status === 'signed_off');
    const rest = requests.filter((r) => !big.includes(r));

    // How many entries each request holds: the big review's split evenly, the rest around the mean, summing exactly.
    const total = ctx.spec.chronologyEntries;
    const bigTotal = big.length > 0 ? Math.min(ctx.spec.chronologyBigReview, total) : 0;
    const counts = new Map<string, number>();
    for (const [i, r] of big.entries()) counts.set(r.id, Math.floor(bigTotal / big.length) + (i < bigTotal % big.length ? 1 : 0));
    // The others by weight (0.4 to 1.6 of the mean), the remainder one each from the first.
    const left = total - bigTotal;
    const weights = rest.map(() => 0.4 + 1.2 * rng.next());
    const sum = weights.reduce((a, b) => a + b, 0);
    let given = 0;
    for (const [i, r] of rest.entries()) {
      const n = Math.floor((left * (weights[i] ?? 0)) / sum);
      counts.set(r.id, n);
      given += n;
    }
    for (let i = 0; rest.length > 0 && given < left; i = (i + 1) % rest.length, given++) {
      const id = rest[i]?.id ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }

    // Signed-off chronologies shared with the panel: all of the big review's, most of the others.
    const shared = new Set(requests.filter((r) => r.status === 'signed_off' && (r.reviewId === bigReview || rng.chance(0.85))).map((r) => r.id));
    await inTransaction(ctx.db, async (trx) => {
      const ids = [...shared];
      for (let i = 0; i < ids.length; i += 500)
        await trx
          .updateTable('contribution_requests')
          .set((eb) => ({ chronology_shared_at: eb.ref('signed_off_at') }))
          .where('id', 'in', ids.slice(i, i + 500))
          .execute();
      const counters = requests
        .filter((r) => (counts.get(r.id) ?? 0) > 0)
        .map((r) => ({ board_id: r.boardId, name: `chronology:${r.id}`, value: counts.get(r.id) ?? 0 }));
      await ctx.insert(trx, STEP, 'board_counters', counters);
    });

    let rows: Insertable<Database['chronology_entries']>[] = [];
    let done = 0;
    let inTx = 0;
    const pending: Insertable<Database['chronology_entries']>[][] = [];
    const flush = async (force: boolean) => {
      if (rows.length > 0) {
        pending.push(rows);
        inTx += rows.length;
        rows = [];
      }
      if (!force && inTx < PER_TRANSACTION) return;
      const batch = pending.splice(0);
      inTx = 0;
      await inTransaction(ctx.db, async (trx) => {
        for (const slice of batch) {
          await ctx.insert(trx, STEP, 'chronology_entries', slice);
          done += slice.length;
          ctx.progress(STEP, done, total);
        }
      });
    };
    for (const r of requests) {
      const n = counts.get(r.id) ?? 0;
      const child = children.get(r.reviewId);
      const isShared = shared.has(r.id);
      const from = addDays(r.incidentOn, -3 * 365);
      for (let no = 1; no <= n; no++) {
        rows.push(entryRow(rng, r, no, from, child, isShared));
        if (rows.length >= SLICE) await flush(false);
      }
    }
    await flush(true);
  },
};

function entryRow(
  rng: Random,
  r: Chronicled,
  entryNo: number,
  from: string,
  child: string | undefined,
  shared: boolean,
): Insertable<Database['chronology_entries']> {
  const precision = rng.weighted(PRECISIONS);
  const occurredOn = periodStart(addDays(from, rng.int(0, 3 * 365)), precision);
  const time =
    (precision === 'exact' || precision === 'about') && rng.chance(0.5)
      ? `${String(rng.int(7, 22)).padStart(2, '0')}:${rng.pick(['00', '15', '30', '45'])}`
      : null;
  const eventType = rng.pick(EVENT_TYPES);
  const sort = sortColumns({ occurredOn, precision, time });
  const key = shared && rng.chance(1 / 400);
  return {
    id: rng.idAt(Date.parse(r.at) + entryNo),
    review_id: r.reviewId,
    request_id: r.id,
    agency_id: r.agencyId,
    entry_no: entryNo,
    occurred_on: occurredOn,
    precision,
    time,
    day_no: sort.dayNo,
    precision_rank: sort.precisionRank,
    minute: sort.minute,
    event_type: eventType,
    description: rng.pick(TEXT[eventType]),
    people: child && rng.chance(0.8) ? `["${child}"]` : '[]',
    practitioner_role: rng.pick(ROLES),
    action_taken: rng.chance(0.3) ? 'Information shared with the lead agency.' : '',
    outcome: '',
    source_ref: `REC-${entryNo}`,
    significance: rng.weighted(SIGNIFICANCE),
    analyst_comment: '',
    key_label: key ? 'Key event (generated)' : null,
    key_marked_by: null,
    key_marked_at: key ? r.signedOffAt : null,
    import_id: null,
    version: 1,
    created_by: null,
    created_at: r.at,
    updated_by: null,
    updated_at: r.at,
  };
}
