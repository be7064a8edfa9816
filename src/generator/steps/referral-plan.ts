// The referrals step's plan: every referral's board, dates (received, incident, meeting, recommendation,
// decision) and status as of the generation date, and which decided ones go to a review.
import { addDays, addMonths, daysBetween } from '../../domain/clock/dates.ts';
import type { ReferralStatus } from '../../domain/referrals/referral.ts';
import type { GenBoard, GeneratorContext } from '../context.ts';
import { instantOn, type Random } from '../random.ts';

export interface Plan {
  id: string;
  board: GenBoard;
  receivedOn: string;
  incidentOn: string;
  createdAt: string;
  meetsOn: string;
  recommendedOn: string;
  decidedOn: string;
  status: ReferralStatus;
  proceed: boolean;
}

/** The meeting a referral goes to: the board's monthly meeting on the 20th, at least a week after receipt. */
function meetingDate(receivedOn: string): string {
  const week = addDays(receivedOn, 7);
  const candidate = `${week.slice(0, 8)}20`;
  if (candidate >= week) return candidate;
  return `${addMonths(`${week.slice(0, 8)}01`, 1).slice(0, 8)}20`;
}

export function holders(board: GenBoard, role: string): string[] {
  return board.roles.get(role) ?? [];
}

function statusFor(rng: Random, p: Omit<Plan, 'status' | 'proceed'>, asOf: string): ReferralStatus {
  if (p.meetsOn > asOf) return rng.chance(0.5) ? 'referred' : 'under_consideration';
  if (p.recommendedOn > asOf) return 'under_consideration';
  if (p.decidedOn > asOf) return 'recommended_to_chair';
  // A few recent referrals are stuck before the decision: these are the overdue ones.
  const age = daysBetween(p.receivedOn, asOf);
  if (age < 240 && rng.chance(0.12)) return rng.chance(0.5) ? 'recommended_to_chair' : 'under_consideration';
  return 'decided_not_proceed';
}

/** Every referral's plan (the scale's number of them, spread over the boards by weight), in creation order. */
export function planReferrals(ctx: GeneratorContext, rng: Random, boards: readonly GenBoard[]): Plan[] {
  const span = daysBetween(ctx.startOn, ctx.asOf);
  // Boards differ in size: a weight per board.
  const weights = boards.map((b) => [b, 0.5 + rng.next()] as const);

  const plans: Plan[] = [];
  for (let i = 0; i < ctx.spec.referrals; i++) {
    const board = rng.weighted(weights);
    const receivedOn = addDays(ctx.startOn, rng.int(1, span - 1));
    const incidentOn = addDays(receivedOn, -rng.int(1, 60));
    const createdAt = instantOn(rng, receivedOn);
    const meetsOn = meetingDate(receivedOn);
    const recommendedOn = addDays(meetsOn, rng.int(0, 5));
    const decidedOn = addDays(recommendedOn, rng.int(3, 35));
    const base = { id: rng.idAt(Date.parse(createdAt)), board, receivedOn, incidentOn, createdAt, meetsOn, recommendedOn, decidedOn };
    plans.push({ ...base, status: statusFor(rng, base, ctx.asOf), proceed: false });
  }
  // Exactly the planned number of reviews (or every decided referral when fewer): decided to proceed.
  const decided = plans.filter((p) => p.status === 'decided_not_proceed');
  for (const p of rng.sample(decided, ctx.spec.reviews)) {
    p.status = 'decided_proceed';
    p.proceed = true;
  }
  plans.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return plans;
}
