import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  baseFromChineseDays,
  daysInMonth,
  diffDays,
  formatDay,
  InvalidDayError,
  isValidDay,
  parseDay,
  weekday,
  WorkCalendar,
} from '../../src/domain/calendar.ts';
import { bundledBase, bundledCalendar } from '../../src/modules/calendar/bundled.ts';
import { seededRandom } from '../../src/domain/random.ts';

const cal = bundledCalendar();

const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const randomDay = (r: () => number, from = '2004-01-01', to = '2028-12-31') => formatDay(int(r, parseDay(from), parseDay(to)));

describe('dates', () => {
  it('parses real dates only', () => {
    expect(isValidDay('2024-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-1-5', '20260105', '2026-04-31', '']) {
      expect(isValidDay(bad), bad).toBe(false);
      expect(() => parseDay(bad)).toThrow(InvalidDayError);
    }
    expect(formatDay(parseDay('2026-09-29'))).toBe('2026-09-29');
  });

  it('adds days, counts the days between, knows the weekday', () => {
    expect(addDays('2026-09-29', 3)).toBe('2026-10-02');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(diffDays('2026-03-01', '2026-03-03')).toBe(2);
    expect(diffDays('2026-03-03', '2026-03-01')).toBe(-2);
    expect(weekday('2024-02-18')).toBe(0); // a Sunday
    expect(weekday('2026-10-10')).toBe(6); // a Saturday
  });

  it('adds calendar months, clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', 3)).toBe('2026-06-30');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-05-15', 0)).toBe('2026-05-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-12-31', 12)).toBe('2027-12-31');
  });
});

describe('the official calendar (bundled data)', () => {
  it('covers 2004 to 2026', () => {
    expect(bundledBase().firstYear).toBe(2004);
    expect(bundledBase().lastYear).toBe(2026);
  });

  it('knows make-up working days and holidays', () => {
    // 2024 Spring Festival: 2月10日至17日放假, 2月4日（周日）、2月18日（周日）上班
    expect(cal.isWorkingDay('2024-02-18')).toBe(true);
    expect(cal.dayInfo('2024-02-18')).toEqual({ day: '2024-02-18', working: true, name: '春节调休上班', nameEn: 'Spring Festival make-up working day', source: 'base', official: true });
    expect(cal.isWorkingDay('2024-02-04')).toBe(true);
    expect(cal.isWorkingDay('2024-02-16')).toBe(false);
    expect(cal.dayInfo('2024-10-01')).toEqual({ day: '2024-10-01', working: false, name: '国庆节', nameEn: 'National Day', source: 'base', official: true });
    expect(cal.dayInfo('2024-10-08')).toMatchObject({ working: true, source: 'weekday', name: '' });
    expect(cal.dayInfo('2024-10-13')).toMatchObject({ working: false, source: 'weekend' });
  });

  it('adds working days across the 2024 National Day week', () => {
    // 10月1日至7日放假调休, 9月29日（周日）、10月12日（周六）上班. 2024-09-27 is a Friday.
    expect(cal.addWorkingDays('2024-09-27', 1)).toBe('2024-09-29');
    expect(cal.addWorkingDays('2024-09-27', 2)).toBe('2024-09-30');
    expect(cal.addWorkingDays('2024-09-27', 3)).toBe('2024-10-08');
    expect(cal.addWorkingDays('2024-09-27', 6)).toBe('2024-10-11');
    expect(cal.addWorkingDays('2024-09-27', 7)).toBe('2024-10-12');
    expect(cal.addWorkingDays('2024-09-27', 8)).toBe('2024-10-14');
    expect(cal.nextWorkingDay('2024-10-01')).toBe('2024-10-08');
  });

  it('adds working days across Spring Festival 2025', () => {
    // 1月28日至2月4日放假调休, 1月26日（周日）、2月8日（周六）上班. 2025-01-24 is a Friday.
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(cal.addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(cal.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(cal.addWorkingDays('2025-01-24', 5)).toBe('2025-02-07');
    expect(cal.addWorkingDays('2025-01-24', 6)).toBe('2025-02-08');
    expect(cal.addWorkingDays('2025-01-24', 7)).toBe('2025-02-10');
    expect(cal.workingDaysBetween('2025-01-24', '2025-02-10')).toBe(7);
  });

  it('treats later years as weekdays only, and not official until entered', () => {
    expect(cal.isOfficial('2026-12-31')).toBe(true);
    expect(cal.isOfficial('2027-01-01')).toBe(false);
    // no data for 2027's New Year holiday: the weekday rule alone
    expect(cal.dayInfo('2027-01-01')).toEqual({ day: '2027-01-01', working: true, name: '', nameEn: '', source: 'weekday', official: false });
    const entered = bundledCalendar([], [2027]);
    expect(entered.isOfficial('2027-01-01')).toBe(true);
    expect(entered.isOfficial('2028-01-03')).toBe(false);
  });

  it('lets overrides correct or extend it, and they shift the results', () => {
    // 2027-02-08 (a Monday), hypothetically a Spring Festival holiday; 2027-02-06 (Saturday) worked instead
    expect(cal.addWorkingDays('2027-02-05', 1)).toBe('2027-02-08');
    const withOverrides = bundledCalendar(
      [
        { day: '2027-02-08', working: false, name: '春节' },
        { day: '2027-02-06', working: true, name: '春节调休上班' },
        { day: '2026-10-08', working: false, name: '测试' },
      ],
      [],
    );
    expect(withOverrides.dayInfo('2027-02-08')).toEqual({ day: '2027-02-08', working: false, name: '春节', nameEn: '春节', source: 'override', official: false });
    expect(withOverrides.addWorkingDays('2027-02-05', 1)).toBe('2027-02-06');
    expect(withOverrides.addWorkingDays('2027-02-05', 2)).toBe('2027-02-09');
    expect(withOverrides.nextWorkingDay('2027-02-07')).toBe('2027-02-09');
    // an override beats the bundled data too
    expect(withOverrides.isWorkingDay('2026-10-08')).toBe(false);
    expect(withOverrides.addWorkingDays('2026-09-30', 1)).toBe('2026-10-09');
  });

  it('lists a whole year', () => {
    const days = cal.year(2024);
    expect(days).toHaveLength(366);
    const worked = days.filter((d) => d.working).length;
    // 2024 had 251 working days (366 days, 104 weekend days, 19 holiday weekdays, 8 make-up working days)
    expect(worked).toBe(251);
  });

  it('without base data, works Monday to Friday and calls no year official', () => {
    const plain = new WorkCalendar();
    expect(plain.isWorkingDay('2024-10-01')).toBe(true);
    expect(plain.isWorkingDay('2024-02-18')).toBe(false);
    expect(plain.isOfficial('2024-10-01')).toBe(false);
    expect(baseFromChineseDays({ holidays: {}, workdays: {} }).lastYear).toBeLessThan(0);
  });

  it('refuses a calendar with no working day in sight and bad counts', () => {
    const overrides = Array.from({ length: 4000 }, (_, i) => ({ day: addDays('2030-01-01', i), working: false, name: '' }));
    const none = new WorkCalendar({ overrides });
    expect(() => none.nextWorkingDay('2030-01-01')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
    expect(cal.addWorkingDays('2026-10-01', 0)).toBe('2026-10-08');
  });
});

describe('properties (seeded random cases)', () => {
  const r = seededRandom(20260929);
  const cases = Array.from({ length: 400 }, () => ({ d: randomDay(r), n: int(r, 1, 40) }));

  it('addWorkingDays(d, n) is a working day after d with exactly n working days in (d, result]', () => {
    for (const { d, n } of cases) {
      const due = cal.addWorkingDays(d, n);
      expect(cal.isWorkingDay(due), `${d} + ${n}`).toBe(true);
      expect(diffDays(d, due), `${d} + ${n}`).toBeGreaterThan(0);
      expect(cal.workingDaysBetween(d, due), `${d} + ${n}`).toBe(n);
      // adding one more working day goes strictly further
      expect(diffDays(due, cal.addWorkingDays(d, n + 1))).toBeGreaterThan(0);
    }
  });

  it('nextWorkingDay is idempotent, a working day, and skips only rest days', () => {
    for (const { d } of cases) {
      const next = cal.nextWorkingDay(d);
      expect(cal.nextWorkingDay(next)).toBe(next);
      expect(cal.isWorkingDay(next)).toBe(true);
      for (let x = d; x !== next; x = addDays(x, 1)) expect(cal.isWorkingDay(x)).toBe(false);
    }
  });

  it('addMonths never overflows into the next month and keeps the day when it can', () => {
    for (const { d } of cases) {
      const n = int(r, -24, 24);
      const got = addMonths(d, n);
      const months = (y: string) => Number(y.slice(0, 4)) * 12 + Number(y.slice(5, 7)) - 1;
      expect(months(got) - months(d), `${d} + ${n} months`).toBe(n);
      const day = Number(d.slice(8, 10));
      const max = daysInMonth(Number(got.slice(0, 4)), Number(got.slice(5, 7)));
      expect(Number(got.slice(8, 10))).toBe(Math.min(day, max));
    }
  });
});
