import { describe, expect, it } from 'vitest';
import { compareRates, rankBy, rate, tally, type MatterFacts, type Rate } from '../../src/domain/matter-stats.ts';

describe('rates', () => {
  it('keeps the exact fraction and rounds the percentage half up to 0.1 %', () => {
    expect(rate(2, 3)).toEqual({ numerator: 2, denominator: 3, percent: 66.7, text: '66.7%' });
    expect(rate(1, 3).text).toBe('33.3%');
    expect(rate(1, 8).text).toBe('12.5%');
    expect(rate(1, 16).text).toBe('6.3%'); // 6.25 → 6.3
    expect(rate(3, 3).text).toBe('100.0%');
    expect(rate(0, 5).text).toBe('0.0%');
  });

  it('is null when there is nothing to measure', () => {
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null, text: null });
  });

  it('refuses what is not a rate', () => {
    expect(() => rate(3, 2)).toThrow(RangeError);
    expect(() => rate(-1, 2)).toThrow(RangeError);
    expect(() => rate(0.5, 2)).toThrow(RangeError);
  });

  it('compares exact values, not rounded ones; unmeasured is lowest', () => {
    // 666/1000 and 2/3 both display as 66.6%/66.7% but differ; 1/3 and 2/6 are equal
    expect(compareRates(rate(2, 3), rate(666, 1000))).toBeGreaterThan(0);
    expect(compareRates(rate(1, 3), rate(2, 6))).toBe(0);
    expect(compareRates(rate(0, 0), rate(0, 4))).toBeLessThan(0);
    expect(compareRates(rate(0, 0), rate(0, 0))).toBe(0);
  });
});

const fact = (o: Partial<MatterFacts>): MatterFacts => ({
  source: 'instruction',
  state: 'in_progress',
  light: 'none',
  assignedOn: '2026-03-02',
  closedOn: null,
  closedOnTime: null,
  rating: null,
  repliedOnTime: null,
  ...o,
});

describe('tally', () => {
  it('counts closures, on-time closures, overdue and the average days to close', () => {
    const t = tally([
      fact({ state: 'closed', closedOn: '2026-03-20', closedOnTime: true }),
      fact({ state: 'closed', closedOn: '2026-03-23', closedOnTime: false }),
      fact({ light: 'red' }),
      fact({ light: 'yellow' }),
      fact({ state: 'closed', light: 'red', closedOn: '2026-03-02', closedOnTime: true }),
    ]);
    expect(t).toMatchObject({ total: 5, open: 2, closed: 3, closedOnTime: 2, overdue: 1, avgDaysToClose: 13 });
    expect(t.closureRate.text).toBe('60.0%');
    expect(t.onTimeRate.text).toBe('66.7%');
    expect(t.replies.total).toBe(0);
    expect(t.replies.satisfactionRate.percent).toBeNull();
  });

  it('suggestions: replied on time over all assigned, satisfaction over those rated', () => {
    const t = tally([
      fact({ source: 'suggestion', state: 'closed', repliedOnTime: true, rating: 'satisfied', closedOn: '2026-04-01', closedOnTime: true }),
      fact({ source: 'proposal', state: 'closed', repliedOnTime: true, rating: 'basically', closedOn: '2026-04-01', closedOnTime: true }),
      fact({ source: 'suggestion', repliedOnTime: false, rating: 'unsatisfied' }),
      fact({ source: 'suggestion' }),
      fact({ source: 'meeting', rating: null }),
    ]);
    expect(t.replies).toMatchObject({ total: 4, repliedOnTime: 2, rated: 3, satisfied: 2, unsatisfied: 1 });
    expect(t.replies.repliedOnTimeRate.text).toBe('50.0%');
    expect(t.replies.satisfactionRate.text).toBe('66.7%');
    expect(t.total).toBe(5);
  });

  it('an empty group has no rates and no average', () => {
    const t = tally([]);
    expect(t.closureRate.percent).toBeNull();
    expect(t.onTimeRate.percent).toBeNull();
    expect(t.avgDaysToClose).toBeNull();
  });
});

describe('ranking', () => {
  const g = (label: string, onTime: [number, number], closure: [number, number]) => ({ label, onTimeRate: rate(...onTime), closureRate: rate(...closure) });

  it('sorts by on-time rate, then closure rate; exact ties share a rank and the next rank skips', () => {
    const ranked = rankBy([g('丙', [1, 2], [2, 2]), g('甲', [2, 2], [2, 3]), g('乙', [1, 1], [4, 6]), g('丁', [1, 1], [1, 2]), g('戊', [0, 0], [0, 3])]);
    expect(ranked.map((r) => [r.rank, r.label])).toEqual([
      [1, '乙'],
      [1, '甲'],
      [3, '丁'],
      [4, '丙'],
      [5, '戊'],
    ]);
  });

  // A small property test: random groups, a seeded generator so a failure can be replayed.
  function random(seed: number) {
    let s = seed >>> 0;
    return (n: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s % n;
    };
  }
  const key = (x: { onTimeRate: Rate; closureRate: Rate }, y: { onTimeRate: Rate; closureRate: Rate }) =>
    compareRates(x.onTimeRate, y.onTimeRate) || compareRates(x.closureRate, y.closureRate);

  it('property: ranks run 1..n, the order never rises, equal entries share a rank, a rank is its position unless tied', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const n = 1 + next(12);
      const items = Array.from({ length: n }, (_, i) => {
        const total = next(5);
        const closed = total ? next(total + 1) : 0;
        const onTime = closed ? next(closed + 1) : 0;
        return g(`g${i}`, [onTime, closed], [closed, total]);
      });
      const ranked = rankBy(items);
      expect(ranked).toHaveLength(n);
      expect(new Set(ranked.map((r) => r.label)).size).toBe(n);
      ranked.forEach((r, i) => {
        expect(r.rank).toBeGreaterThanOrEqual(1);
        expect(r.rank).toBeLessThanOrEqual(n);
        const prev = ranked[i - 1];
        if (!prev) return expect(r.rank).toBe(1);
        const c = key(prev, r);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(r.rank).toBe(c === 0 ? prev.rank : i + 1);
      });
    }
  });
});
