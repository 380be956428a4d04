/**
 * The project rules: money forms, exact ratios and points (checked against rational arithmetic
 * on random amounts up to a city's campaign), whole months, the report state machine, stage
 * rules, and each warning light with its reason and thresholds.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/domain/random.ts';
import {
  DEFAULT_THRESHOLDS,
  checkStage,
  compareRatios,
  figuresOf,
  formatPoints,
  formatWan,
  formatYi,
  judgedOn,
  leadPoints,
  nextLevel,
  nextReportState,
  reportStepResult,
  REPORT_STATES,
  projectLight,
  rankByCompletion,
  ratio,
  reportDueDay,
  sumFacts,
  wanOf,
  wholeMonths,
  yiOf,
  yuanFromWan,
  type LightFacts,
  type ProjectFacts,
} from '../../src/domain/projects.ts';

describe('money', () => {
  it('converts 万元 and 亿元 exactly and writes them as tables do', () => {
    expect(yuanFromWan(35000.5)).toBe(350_005_000);
    expect(yuanFromWan(0.0001)).toBe(1);
    expect(wanOf(123_456_700)).toBe(12345.67);
    expect(yiOf(45_120_000_000)).toBe(451.2);
    expect(formatWan(123_456_700)).toBe('12,345.67');
    expect(formatYi(45_120_000_000)).toBe('451.20');
    expect(() => yuanFromWan(Number.NaN)).toThrow(RangeError);
  });
});

/** Reference: n/d × 100 rounded half up to tenths, with exact BigInt arithmetic written differently. */
function refTenths(n: bigint, d: bigint): number {
  // round(1000 n / d) / 10 with half up, for any sign of n
  const scaled = 1000n * n;
  let q = scaled / d;
  const r = scaled - q * d;
  if (r !== 0n && scaled < 0n) q -= 1n; // floor
  const rem = scaled - q * d; // 0 ≤ rem < d
  if (2n * rem >= d) q += 1n;
  return Number(q) / 10;
}

describe('ratios and points', () => {
  it('rounds half up to one decimal, exactly, for any amounts of a campaign', () => {
    const rnd = seededRandom(9704);
    for (let i = 0; i < 2000; i++) {
      const planned = 1 + Math.floor(rnd() * 5e14);
      const completed = Math.floor(rnd() * planned * 1.5);
      const months = 1 + Math.floor(rnd() * 12);
      expect(ratio(completed, planned).percent).toBe(refTenths(BigInt(completed), BigInt(planned)));
      // lead = completed/planned − months/12, in points
      const lead = refTenths(12n * BigInt(completed) - BigInt(months) * BigInt(planned), 12n * BigInt(planned));
      expect(leadPoints(completed, planned, months)).toBe(lead);
    }
  });

  it('puts the .5 boundaries on the right side', () => {
    expect(ratio(1, 8).text).toBe('12.5%');
    expect(ratio(1, 3).text).toBe('33.3%');
    expect(ratio(2, 3).text).toBe('66.7%');
    expect(ratio(3, 2).text).toBe('150.0%');
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null, text: null });
    // 1/24 behind the pace of one month: −(1/12 − 1/24) = −4.1666… → −4.2
    expect(leadPoints(1, 24, 1)).toBe(-4.2);
    expect(leadPoints(0, 0, 5)).toBeNull();
    expect(formatPoints(-4.2)).toBe('−4.2');
    expect(formatPoints(3)).toBe('+3.0');
    expect(formatPoints(0)).toBe('0.0');
  });

  it('compares ratios exactly where the rounded percentages tie', () => {
    const a = ratio(333_333_333_333, 1_000_000_000_000);
    const b = ratio(333_333_333_334, 1_000_000_000_000);
    expect(a.text).toBe(b.text);
    expect(compareRatios(a, b)).toBe(-1);
    expect(compareRatios(ratio(1, 2), ratio(2, 4))).toBe(0);
    expect(compareRatios(ratio(0, 0), ratio(0, 5))).toBeLessThan(0);
  });

  it('ranks groups by exact completion, sharing ranks on equal fractions (ties listed by label)', () => {
    const g = (label: string, completed: number, planned: number) => ({ label, figures: figuresOf({ ...sumFacts([]), completed, planned, projects: 1 }, '2023-05') });
    const ranked = rankByCompletion([g('乙', 1, 2), g('甲', 2, 4), g('丙', 3, 4), g('丁', 0, 0)]);
    expect(ranked.map((r) => `${r.rank}${r.label}`)).toEqual(['1丙', '2乙', '2甲', '4丁']);
  });
});

describe('sums and figures', () => {
  it('counts starts and registrations only among the projects they apply to', () => {
    const f = (over: Partial<ProjectFacts>): ProjectFacts => ({ total: 0, planned: 0, completed: 0, dueToStart: false, started: false, mustRegister: false, registered: false, light: 'green', ...over });
    const s = sumFacts([
      f({ total: 10, planned: 6, completed: 3, dueToStart: true, started: true, mustRegister: true, registered: true }),
      f({ total: 20, planned: 6, completed: 0, dueToStart: true, light: 'red' }),
      f({ total: 5, planned: 0, started: true, light: 'yellow' }),
    ]);
    expect(s).toEqual({ projects: 3, total: 35, planned: 12, completed: 3, dueToStart: 2, started: 1, mustRegister: 1, registered: 1, red: 1, yellow: 1, green: 1 });
    const fig = figuresOf(s, '2023-06');
    expect(fig.completionRate.text).toBe('25.0%');
    expect(fig.pace.text).toBe('50.0%');
    expect(fig.leadPoints).toBe(-25);
    expect(fig.startRate.text).toBe('50.0%');
    expect(fig.registrationRate.text).toBe('100.0%');
  });
});

describe('months and days', () => {
  it('counts whole months as the calendar does, month ends included', () => {
    expect(wholeMonths('2023-01-31', '2023-02-27')).toBe(0);
    expect(wholeMonths('2023-01-31', '2023-02-28')).toBe(1);
    expect(wholeMonths('2023-01-05', '2023-04-05')).toBe(3);
    expect(wholeMonths('2023-01-05', '2023-04-04')).toBe(2);
    expect(wholeMonths('2022-11-15', '2023-05-31')).toBe(6);
    expect(wholeMonths('2023-05-31', '2023-01-31')).toBe(-4);
  });
  it('moves a report day past the month end to its last day', () => {
    expect(reportDueDay('2023-02', 30)).toBe('2023-02-28');
    expect(reportDueDay('2024-02', 30)).toBe('2024-02-29');
    expect(reportDueDay('2023-05', 25)).toBe('2023-05-25');
  });
  it('judges a running campaign today and a past one at its report month’s end', () => {
    expect(judgedOn('2026-04', '2026-05-22')).toBe('2026-05-22');
    expect(judgedOn('2023-05', '2026-11-29')).toBe('2023-05-31');
  });
});

describe('the report state machine and the problem ladder', () => {
  it('takes each step only from its states', () => {
    expect(nextReportState('draft', 'submit')).toBe('submitted');
    expect(nextReportState('returned', 'submit')).toBe('submitted');
    expect(nextReportState('submitted', 'confirm')).toBe('confirmed');
    expect(nextReportState('confirmed', 'accept')).toBe('accepted');
    expect(nextReportState('submitted', 'return')).toBe('returned');
    expect(nextReportState('confirmed', 'return')).toBe('returned');
    expect(nextReportState('draft', 'accept')).toBeNull();
    expect(nextReportState('submitted', 'accept')).toBeNull();
    expect(nextReportState('accepted', 'return')).toBeNull();
    expect(nextReportState('accepted', 'save')).toBeNull();
    // the state a step leads to is the one it reaches from every state it applies in
    for (const step of ['submit', 'confirm', 'accept', 'return'] as const) {
      const reached = new Set(REPORT_STATES.map((s) => nextReportState(s, step)).filter((x) => x !== null));
      expect([...reached]).toEqual([reportStepResult(step)]);
    }
    expect(['submit', 'confirm', 'accept', 'return'].map((s) => reportStepResult(s as 'submit'))).toEqual(['submitted', 'confirmed', 'accepted', 'returned']);
    expect(nextReportState('confirmed', 'save')).toBeNull();
  });
  it('climbs county → department → leader → dispatch and stops there', () => {
    expect(nextLevel('county')).toBe('department');
    expect(nextLevel('department')).toBe('leader');
    expect(nextLevel('leader')).toBe('dispatch');
    expect(nextLevel('dispatch')).toBeNull();
  });
  it('needs the dates a stage stands on', () => {
    expect(checkStage('preparation', 'new_start', { actualStart: null, actualFinish: null })?.code).toBe('PROJECT_STAGE_NEEDS_START');
    expect(checkStage('new_start', 'completed', { actualStart: '2023-01-01', actualFinish: null })?.code).toBe('PROJECT_STAGE_NEEDS_FINISH');
    expect(checkStage('new_start', 'completed', { actualStart: '2023-03-01', actualFinish: '2023-02-01' })?.code).toBe('PROJECT_FINISH_BEFORE_START');
    expect(checkStage('new_start', 'new_start', { actualStart: '2023-03-01', actualFinish: null })?.code).toBe('PROJECT_STAGE_SAME');
    expect(checkStage('new_start', 'completed', { actualStart: '2023-01-01', actualFinish: '2023-05-01' })).toBeNull();
    expect(checkStage('new_start', 'preparation', { actualStart: null, actualFinish: null })).toBeNull();
  });
});

describe('warning lights', () => {
  const base: LightFacts = {
    stage: 'new_start',
    plannedStart: '2023-02-01',
    actualStart: '2023-02-10',
    startDelayReason: null,
    total: 100_000_000,
    planned: 60_000_000,
    completed: 25_000_000,
    registered: true,
    registeredOn: '2023-03-01',
    openProblemDeadlines: [],
    reportedMonths: ['2023-02', '2023-03', '2023-04', '2023-05'],
  };
  const light = (over: Partial<LightFacts>, today = '2023-05-31', t = DEFAULT_THRESHOLDS) => projectLight({ ...base, ...over }, '2023-05', today, t);

  it('is green with nothing to say', () => {
    // 25/60 = 41.7 % against the pace 41.7 %
    expect(light({})).toEqual({ light: 'green', reasons: [] });
  });

  it('start delay: yellow after a month, red after three, cleared by an accepted reason', () => {
    const late = { actualStart: null, stage: 'preparation' as const, registered: false, registeredOn: null };
    expect(light({ ...late, plannedStart: '2023-05-01' })).toEqual({ light: 'green', reasons: [] });
    expect(light({ ...late, plannedStart: '2023-04-30' }).reasons).toEqual([{ rule: 'start_delay', light: 'yellow', zh: '计划开工日期 2023-04-30 已过 1 个月仍未开工', en: 'Planned to start on 2023-04-30, not started 1 month later' }]);
    expect(light({ ...late, plannedStart: '2023-02-28' }).light).toBe('red');
    expect(light({ ...late, plannedStart: '2023-02-28', startDelayReason: '规划调整' }).light).toBe('green');
  });

  it('investment lag: 10 points behind is yellow, more than 30 is red, and preparation is not judged', () => {
    // pace 5/12 of 60,000,000 = 25,000,000; 10 points = 6,000,000
    expect(light({ completed: 19_000_001 }).light).toBe('green');
    expect(light({ completed: 19_000_000 }).reasons).toEqual([{ rule: 'investment_lag', light: 'yellow', zh: '年度投资完成 31.7%，落后序时进度（41.7%）10.0 个百分点', en: 'Annual investment 31.7% done, 10.0 points behind the pace (41.7%)' }]);
    expect(light({ completed: 7_000_000 }).light).toBe('yellow'); // exactly 30 behind
    expect(light({ completed: 6_999_999 }).light).toBe('red');
    expect(light({ completed: 0, stage: 'preparation', actualStart: null, plannedStart: null, registered: false, registeredOn: null }).light).toBe('green');
    // judged on a day before the start (a past month's snapshot): nothing invested yet is no lag
    expect(light({ completed: 0, actualStart: '2023-06-10', registeredOn: null, registered: false, plannedStart: '2023-06-01' }).light).toBe('green');
  });

  it('registration: started and unregistered for one month is yellow, two is red; small projects need none', () => {
    const un = { registered: false, registeredOn: null, actualStart: '2023-04-15' };
    expect(light({ ...un }, '2023-05-14').light).toBe('green');
    expect(light({ ...un }, '2023-05-15').reasons.map((r) => `${r.rule}:${r.light}`)).toEqual(['registration:yellow']);
    expect(light({ ...un, actualStart: '2023-03-31' }).reasons.find((r) => r.rule === 'registration')?.light).toBe('red');
    expect(light({ ...un, total: 4_999_999 }, '2023-05-15').light).toBe('green');
  });

  it('problems: overdue is yellow, overdue beyond the threshold is red', () => {
    expect(light({ openProblemDeadlines: ['2023-05-31'] }).light).toBe('green');
    expect(light({ openProblemDeadlines: ['2023-05-30', '2023-06-30'] }).reasons).toEqual([{ rule: 'problem_overdue', light: 'yellow', zh: '1 个问题逾期未解决，最长逾期 1 天', en: '1 problem overdue, the oldest by 1 day' }]);
    expect(light({ openProblemDeadlines: ['2023-04-30'] }).light).toBe('red');
  });

  it('missing reports: only months already due count; two in a row is red', () => {
    expect(light({ reportedMonths: ['2023-02', '2023-03', '2023-04'] }, '2023-05-25').light).toBe('green');
    expect(light({ reportedMonths: ['2023-02', '2023-03', '2023-04'] }, '2023-05-26').reasons).toEqual([{ rule: 'missing_report', light: 'yellow', zh: '连续 1 个月未报送月度进度', en: 'No monthly report for 1 month in a row' }]);
    expect(light({ reportedMonths: ['2023-02', '2023-03'] }).light).toBe('red');
    // months before the start are not asked for
    expect(light({ reportedMonths: ['2023-05'], actualStart: '2023-05-02', registeredOn: '2023-05-10' }).light).toBe('green');
  });

  it('follows configured thresholds', () => {
    const strict = { ...DEFAULT_THRESHOLDS, lagYellowPoints: 5, lagRedPoints: 8 };
    expect(light({ completed: 21_000_000 }, '2023-05-31', strict).light).toBe('yellow');
    expect(light({ completed: 19_000_000 }, '2023-05-31', strict).light).toBe('red');
  });
});
