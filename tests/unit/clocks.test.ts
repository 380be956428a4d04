import { describe, expect, it } from 'vitest';
import {
  applicableSteps,
  ClockError,
  computeDeadlines,
  defaultProfile,
  DEFAULT_PROFILES,
  describeRule,
  rehandleBasis,
  resolveDue,
  type ClockProfile,
  type DeadlineBasis,
} from '../../src/domain/clocks.ts';
import { bundledCalendar } from '../../src/modules/calendar/bundled.ts';

const cal = bundledCalendar();
const p13710 = defaultProfile('13710') as ClockProfile;
const suggestion = defaultProfile('suggestion') as ClockProfile;
const rectification = defaultProfile('rectification') as ClockProfile;
const dues = (ds: { step: string; due: string }[]) => Object.fromEntries(ds.map((d) => [d.step, d.due]));

describe('resolveDue', () => {
  it('counts calendar days from the day after; 0 days is the same day', () => {
    expect(resolveDue({ from: '2026-09-29', days: 3, mode: 'calendar', shift: false }, cal)).toEqual({ due: '2026-10-02', provisional: false });
    expect(resolveDue({ from: '2026-10-01', days: 0, mode: 'calendar', shift: false }, cal)).toEqual({ due: '2026-10-01', provisional: false });
  });

  it('moves a calendar-day due date off a rest day when asked (顺延)', () => {
    // 2026-09-29 + 3 = 10-02, inside the National Day holiday (10-01 to 10-07): next working day 10-08
    expect(resolveDue({ from: '2026-09-29', days: 3, mode: 'calendar', shift: true }, cal).due).toBe('2026-10-08');
    // 2026-03-02 + 5 = 03-07, a Saturday → Monday 03-09
    expect(resolveDue({ from: '2026-03-02', days: 5, mode: 'calendar', shift: true }, cal).due).toBe('2026-03-09');
    expect(resolveDue({ from: '2026-03-02', days: 0, mode: 'calendar', shift: true }, cal).due).toBe('2026-03-02');
  });

  it('counts working days; 0 working days is the day itself or the next working day', () => {
    expect(resolveDue({ from: '2026-09-29', days: 3, mode: 'working', shift: false }, cal).due).toBe('2026-10-09');
    expect(resolveDue({ from: '2026-10-03', days: 0, mode: 'working', shift: false }, cal).due).toBe('2026-10-08');
  });

  it('adds months, clamped, and in working mode moves a weekend or holiday due date to the next working day', () => {
    expect(resolveDue({ from: '2026-03-31', months: 3, mode: 'calendar', shift: false }, cal).due).toBe('2026-06-30');
    // 2026-01-31 + 1 month = 02-28, a Saturday but a make-up working day (春节调休上班): stays
    expect(resolveDue({ from: '2026-01-31', months: 1, mode: 'working', shift: false }, cal).due).toBe('2026-02-28');
    // 2026-02-07 + 1 month = 03-07, a Saturday → Monday 03-09
    expect(resolveDue({ from: '2026-02-07', months: 1, mode: 'calendar', shift: false }, cal).due).toBe('2026-03-07');
    expect(resolveDue({ from: '2026-02-07', months: 1, mode: 'working', shift: false }, cal).due).toBe('2026-03-09');
    // 2026-09-01 + 1 month = 10-01, National Day → 10-08
    expect(resolveDue({ from: '2026-09-01', months: 1, mode: 'working', shift: false }, cal).due).toBe('2026-10-08');
    expect(resolveDue({ from: '2026-09-01', months: 1, mode: 'calendar', shift: true }, cal).due).toBe('2026-10-08');
  });

  it('marks a due date in a year without an official calendar as provisional', () => {
    expect(resolveDue({ from: '2026-12-20', days: 7, mode: 'calendar', shift: false }, cal)).toEqual({ due: '2026-12-27', provisional: false });
    expect(resolveDue({ from: '2026-12-28', days: 7, mode: 'calendar', shift: false }, cal)).toEqual({ due: '2027-01-04', provisional: true });
    expect(resolveDue({ fixed: '2027-06-30' }, cal)).toEqual({ due: '2027-06-30', provisional: true });
    expect(resolveDue({ fixed: '2027-06-30' }, bundledCalendar([], [2027]))).toEqual({ due: '2027-06-30', provisional: false });
    // a working-day count through an unentered year stays provisional even if it ends in an entered one
    const gap = bundledCalendar([], [2028]);
    expect(resolveDue({ from: '2027-12-30', days: 3, mode: 'working', shift: false }, gap)).toEqual({ due: '2028-01-04', provisional: true });
  });

  it('refuses a basis it cannot use', () => {
    expect(() => resolveDue({ from: '2026-02-30', days: 1, mode: 'calendar', shift: false }, cal)).toThrow(ClockError);
    expect(() => resolveDue({ from: '2026-02-03', mode: 'calendar', shift: false }, cal)).toThrow(/either days or months/);
    expect(() => resolveDue({ from: '2026-02-03', days: 1, months: 1, mode: 'calendar', shift: false }, cal)).toThrow(ClockError);
    expect(() => resolveDue({ from: '2026-02-03', days: 400, mode: 'calendar', shift: false }, cal)).toThrow(/0 to 365/);
    expect(() => resolveDue({ fixed: '2026-13-01' }, cal)).toThrow(ClockError);
  });
});

describe('describeRule', () => {
  it.each<[DeadlineBasis, string, string]>([
    [{ from: '2026-03-02', days: 3, mode: 'calendar', shift: false }, '交办次日起3个日历日内', 'within 3 calendar days after assignment'],
    [{ from: '2026-03-02', days: 3, mode: 'working', shift: false }, '交办次日起3个工作日内', 'within 3 working days after assignment'],
    [{ from: '2026-03-02', days: 1, mode: 'working', shift: true }, '交办次日起1个工作日内', 'within 1 working day after assignment'],
    [{ from: '2026-03-02', days: 0, mode: 'calendar', shift: false }, '交办当日', 'on the day of assignment'],
    [
      { from: '2026-03-02', days: 0, mode: 'working', shift: false },
      '交办当日（遇节假日顺延）',
      'on the day of assignment (moved to the next working day if it falls on a rest day)',
    ],
    [
      { from: '2026-03-02', days: 7, mode: 'calendar', shift: true },
      '交办次日起7个日历日内（遇节假日顺延）',
      'within 7 calendar days after assignment (moved to the next working day if it falls on a rest day)',
    ],
    [{ from: '2026-03-02', months: 3, mode: 'calendar', shift: false }, '交办之日起3个月内', 'within 3 months of assignment'],
    [
      { from: '2026-03-02', months: 1, mode: 'working', shift: false, anchor: 'rated' },
      '评价不满意次日起1个月内（遇节假日顺延）',
      'within 1 month of the unsatisfied rating (moved to the next working day if it falls on a rest day)',
    ],
    [{ from: '2026-03-02', months: 1, mode: 'calendar', shift: false, anchor: 'rated' }, '评价不满意次日起1个月内', 'within 1 month of the unsatisfied rating'],
    [{ from: '2026-03-02', days: 10, mode: 'calendar', shift: false, anchor: 'extension' }, '延期批准次日起10个日历日内', 'within 10 calendar days after the extension approval'],
    [{ fixed: '2026-06-30' }, '交办时确定（2026-06-30）', 'set at assignment (2026-06-30)'],
    [{ fixed: '2026-07-31', anchor: 'extension' }, '延期批准时确定（2026-07-31）', 'set at the extension approval (2026-07-31)'],
  ])('%j → %s', (basis, zh, en) => {
    expect(describeRule(basis)).toEqual({ zh, en });
  });
});

describe('computeDeadlines', () => {
  it('13710 in calendar days from 2026-09-29', () => {
    const ds = computeDeadlines(p13710, '2026-09-29', cal);
    expect(ds.map((d) => [d.step, d.due, d.rule.zh])).toEqual([
      ['deploy', '2026-09-29', '交办当日'],
      ['progress', '2026-10-02', '交办次日起3个日历日内'],
      ['complete', '2026-10-06', '交办次日起7个日历日内'],
    ]);
    expect(ds[1]).toEqual({
      step: 'progress',
      kind: 'report',
      zh: '3日内报告措施和进展',
      en: 'Report measures and progress within 3 days',
      due: '2026-10-02',
      provisional: false,
      rule: { zh: '交办次日起3个日历日内', en: 'within 3 calendar days after assignment' },
      basis: { from: '2026-09-29', days: 3, mode: 'calendar', shift: false },
    });
    expect(dues(computeDeadlines(p13710, '2026-09-29', cal, { major: true }))).toEqual({ deploy: '2026-09-29', progress: '2026-10-02', major: '2026-10-29' });
  });

  it('13710 in working days across National Day 2026 (10-01 to 10-07 off, 09-20 and 10-10 worked)', () => {
    // progress: 09-30, 10-08, 10-09; complete: 09-30, 10-08, 10-09, 10-10 (Saturday, worked), 10-12, 10-13, 10-14
    expect(dues(computeDeadlines(p13710, '2026-09-29', cal, { mode: 'working' }))).toEqual({ deploy: '2026-09-29', progress: '2026-10-09', complete: '2026-10-14' });
    expect(dues(computeDeadlines(p13710, '2026-09-29', cal, { mode: 'working', major: true }))).toEqual({ deploy: '2026-09-29', progress: '2026-10-09', major: '2026-10-29' });
    // assigned on the holiday itself: deployed on the first working day after it
    expect(dues(computeDeadlines(p13710, '2026-10-01', cal, { mode: 'working' }))).toEqual({ deploy: '2026-10-08', progress: '2026-10-10', complete: '2026-10-15' });
    // the make-up Sunday 2026-09-20 counts; 中秋 (09-25 to 09-27) does not
    expect(dues(computeDeadlines(p13710, '2026-09-18', cal, { mode: 'working' }))).toEqual({ deploy: '2026-09-18', progress: '2026-09-22', complete: '2026-09-29' });
  });

  it('lists every step, ordinary and major both, when asked', () => {
    expect(applicableSteps(p13710, { allSteps: true }).map((s) => s.step)).toEqual(['deploy', 'progress', 'complete', 'major']);
    expect(applicableSteps(p13710).map((s) => s.step)).toEqual(['deploy', 'progress', 'complete']);
    expect(applicableSteps(p13710, { major: true }).map((s) => s.step)).toEqual(['deploy', 'progress', 'major']);
    expect(applicableSteps(suggestion, { major: true }).map((s) => s.step)).toEqual(['send_back', 'assist_view', 'reply']);
  });

  it('suggestions: send back, assisting view and reply; the reply clamps to the month end', () => {
    const ds = computeDeadlines(suggestion, '2026-03-31', cal);
    expect(dues(ds)).toEqual({ send_back: '2026-04-05', assist_view: '2026-04-30', reply: '2026-06-30' });
    expect(ds.find((d) => d.step === 'reply')?.rule).toEqual({ zh: '交办之日起3个月内', en: 'within 3 months of assignment' });
    // working mode: 2026-04-05 is 清明 (04-04 to 04-06 off) → the 5th working day after 03-31 is 04-08
    expect(dues(computeDeadlines(suggestion, '2026-03-31', cal, { mode: 'working' }))).toEqual({ send_back: '2026-04-08', assist_view: '2026-04-30', reply: '2026-06-30' });
    // re-handling after an unsatisfied rating: 1 month
    const re = rehandleBasis(suggestion, '2026-07-31', { mode: 'working' });
    expect(resolveDue(re, cal).due).toBe('2026-08-31');
    expect(describeRule(re).zh).toBe('评价不满意次日起1个月内（遇节假日顺延）');
  });

  it('rectification: the due date fixed at assignment', () => {
    const ds = computeDeadlines(rectification, '2026-03-02', cal, { fixedDue: '2026-06-30' });
    expect(ds).toEqual([
      {
        step: 'complete',
        kind: 'complete',
        zh: '交办时确定整改时限',
        en: 'Deadline set at assignment',
        due: '2026-06-30',
        provisional: false,
        rule: { zh: '交办时确定（2026-06-30）', en: 'set at assignment (2026-06-30)' },
        basis: { fixed: '2026-06-30' },
      },
    ]);
    // a fixed date is kept as set, even on a Sunday
    expect(computeDeadlines(rectification, '2026-03-02', cal, { fixedDue: '2026-06-28', mode: 'working' })[0]?.due).toBe('2026-06-28');
    expect(() => computeDeadlines(rectification, '2026-03-02', cal)).toThrow(ClockError);
    expect(() => computeDeadlines(rectification, '2026-03-02', cal, { fixedDue: '2026-03-01' })).toThrow(/before the assignment/);
    expect(() => computeDeadlines(rectification, '2026-03-02', cal, { fixedDue: '2026-02-30' })).toThrow(ClockError);
  });

  it('follows the profile’s own day mode and shift unless told otherwise', () => {
    const working: ClockProfile = { ...p13710, dayMode: 'working' };
    expect(dues(computeDeadlines(working, '2026-09-29', cal))).toMatchObject({ complete: '2026-10-14' });
    expect(dues(computeDeadlines(working, '2026-09-29', cal, { mode: 'calendar' }))).toMatchObject({ complete: '2026-10-06' });
    const shifting: ClockProfile = { ...p13710, shiftOffNonWorking: true };
    expect(dues(computeDeadlines(shifting, '2026-09-29', cal))).toEqual({ deploy: '2026-09-29', progress: '2026-10-08', complete: '2026-10-08' });
  });

  it('has the three default profiles', () => {
    expect(DEFAULT_PROFILES.map((p) => p.code)).toEqual(['13710', 'suggestion', 'rectification']);
  });
});
