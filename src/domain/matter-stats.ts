/**
 * Statistics of supervised matters: tallies per group, the rates bulletins publish, and the
 * ranking. Pure rules, no I/O.
 *
 * Rates are kept as exact fractions (numerator and denominator); the percentage is rounded to
 * 0.1 % only for display, and is null when the denominator is 0 (nothing to measure yet).
 * Comparisons — and so the ranking and its ties — use the exact fractions, never the rounded
 * percentages.
 *
 *  - 办结率 (closure rate)            closed / total assigned
 *  - 按期办结率 (on-time closure rate) closed on time / closed
 *  - for suggestions and proposals, 办结率 as the deputies' offices report it: replied on time / total
 *    assigned (the first reply met its deadline), and 满意率 = (满意 + 基本满意) / rated
 */
import { rankWith } from './ranking.ts';
import { isReplyKind, type Light, type MatterSource, type MatterState, type Rating } from './matters.ts';

export interface Rate {
  numerator: number;
  denominator: number;
  /** The percentage rounded half up to one decimal (66.7 for 2/3); null when the denominator is 0. */
  percent: number | null;
  /** "66.7%", or null. */
  text: string | null;
}

export function rate(numerator: number, denominator: number): Rate {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator < 0 || numerator > denominator) {
    throw new RangeError(`not a rate: ${numerator}/${denominator}`);
  }
  if (denominator === 0) return { numerator, denominator, percent: null, text: null };
  // Integer arithmetic: 1000·n/d is exact at every .5 boundary, so rounding half up is exact too.
  const percent = Math.round((numerator * 1000) / denominator) / 10;
  return { numerator, denominator, percent, text: `${percent.toFixed(1)}%` };
}

/**
 * Orders two rates by their exact value: negative when `a` is lower. A rate with nothing to
 * measure (denominator 0) is lower than any measured rate, and equal to another such rate.
 */
export function compareRates(a: Rate, b: Rate): number {
  if (a.denominator === 0 || b.denominator === 0) return (a.denominator === 0 ? 0 : 1) - (b.denominator === 0 ? 0 : 1);
  return a.numerator * b.denominator - b.numerator * a.denominator;
}

/** What the statistics need to know of one assigned matter. */
export interface MatterFacts {
  source: MatterSource;
  state: MatterState;
  light: Light;
  assignedOn: string;
  closedOn: string | null;
  closedOnTime: boolean | null;
  rating: Rating | null;
  /** Suggestions and proposals: whether the first reply met its deadline (null: not replied yet). */
  repliedOnTime: boolean | null;
}

export interface Tally {
  /** Matters assigned (交办). */
  total: number;
  /** Not closed yet (including those sent back for reassignment). */
  open: number;
  closed: number;
  closedOnTime: number;
  /** Open and red now (past their completion deadline). */
  overdue: number;
  closureRate: Rate;
  onTimeRate: Rate;
  /** Average calendar days from assignment to closure, to 0.1 day; null when none is closed. */
  avgDaysToClose: number | null;
  /** Suggestions and proposals among them. */
  replies: {
    total: number;
    repliedOnTime: number;
    repliedOnTimeRate: Rate;
    /** Rated by the proposer (the latest rating counts). */
    rated: number;
    /** 满意 + 基本满意. */
    satisfied: number;
    satisfactionRate: Rate;
    unsatisfied: number;
  };
}

const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);

export function tally(facts: readonly MatterFacts[]): Tally {
  let closed = 0;
  let closedOnTime = 0;
  let overdue = 0;
  let days = 0;
  let replies = 0;
  let repliedOnTime = 0;
  let rated = 0;
  let satisfied = 0;
  let unsatisfied = 0;
  for (const f of facts) {
    if (f.state === 'closed') {
      closed++;
      if (f.closedOnTime) closedOnTime++;
      if (f.closedOn) days += dayNumber(f.closedOn) - dayNumber(f.assignedOn);
    } else if (f.light === 'red') overdue++;
    if (isReplyKind(f.source)) {
      replies++;
      if (f.repliedOnTime) repliedOnTime++;
      if (f.rating) {
        rated++;
        if (f.rating === 'unsatisfied') unsatisfied++;
        else satisfied++;
      }
    }
  }
  return {
    total: facts.length,
    open: facts.length - closed,
    closed,
    closedOnTime,
    overdue,
    closureRate: rate(closed, facts.length),
    onTimeRate: rate(closedOnTime, closed),
    avgDaysToClose: closed ? Math.round((days * 10) / closed) / 10 : null,
    replies: {
      total: replies,
      repliedOnTime,
      repliedOnTimeRate: rate(repliedOnTime, replies),
      rated,
      satisfied,
      satisfactionRate: rate(satisfied, rated),
      unsatisfied,
    },
  };
}

/** Tallies per group, in order of first appearance. */
export function tallyBy<K>(facts: readonly (MatterFacts & { group: K })[], keyOf: (group: K) => string): { group: K; tally: Tally }[] {
  const groups = new Map<string, { group: K; facts: MatterFacts[] }>();
  for (const f of facts) {
    const key = keyOf(f.group);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { group: f.group, facts: [] }));
    g.facts.push(f);
  }
  return [...groups.values()].map((g) => ({ group: g.group, tally: tally(g.facts) }));
}

export interface Rankable {
  onTimeRate: Rate;
  closureRate: Rate;
  /** Orders tied entries for display only (they share the rank). */
  label: string;
}

/**
 * The ranking: by on-time closure rate, then by closure rate, highest first. Entries equal on
 * both (as exact fractions) share a rank and the next rank skips (1, 1, 3: "standard competition"
 * ranking), so ranks run from 1 to n. Ties are listed by label.
 */
export function rankBy<T extends Rankable>(items: readonly T[]): (T & { rank: number })[] {
  return rankWith(items, (a, b) => compareRates(b.onTimeRate, a.onTimeRate) || compareRates(b.closureRate, a.closureRate), (x) => x.label);
}
