// A small deterministic pseudo-random generator (mulberry32) and the helpers the data generator needs.
// Never Math.random: the same seed always gives the same data.
import type { IsoDate } from '../domain/clock/dates.ts';
import { londonMidnight } from '../domain/clock/london.ts';

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return (choices.at(-1) as readonly [T, number])[0];
  }

  /** n distinct items (fewer when the list is shorter), in a random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0] as T);
    return out;
  }

  /** A derived generator, so that one step's draws do not shift another's. */
  fork(label: string): Random {
    let h = this.state ^ 0x9e3779b9;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new Random(h);
  }

  /**
   * A UUIDv7-shaped id whose time part is the given instant (so ids sort by creation like real ones)
   * and whose random part comes from this generator.
   */
  idAt(instantMs: number): string {
    const hex = (n: number, width: number) => Math.floor(n).toString(16).padStart(width, '0');
    const ts = hex(instantMs, 12);
    const r = () => this.int(0, 0xffff);
    const variant = (0x8000 | (r() & 0x3fff)).toString(16);
    return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${hex(r() & 0xfff, 3)}-${variant}-${hex(r(), 4)}${hex(r(), 4)}${hex(r(), 4)}`;
  }
}

/** An instant during London's working hours on the given day, as an ISO string. */
export function instantOn(rng: Random, isoDate: IsoDate): string {
  return new Date(londonMidnight(isoDate).getTime() + rng.int(8 * 3600, 17 * 3600) * 1000 + rng.int(0, 999)).toISOString();
}

/** The instant `at`, or, when it is not after `prior` (two things on one day), a little after `prior`. */
export function notBefore(rng: Random, at: string, prior: string): string {
  return at > prior ? at : new Date(Date.parse(prior) + rng.int(60, 3600) * 1000).toISOString();
}
