/**
 * The working-day calendar (工作日历): which days are worked under the official holiday notices,
 * including make-up working days (调休). Pure: the base data (holidays and make-up days by date)
 * and the administrators' overrides are handed in; nothing here reads files or the database.
 *
 * Days are 'YYYY-MM-DD' strings; arithmetic runs on UTC day numbers (days since 1970-01-01).
 */

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export class InvalidDayError extends RangeError {
  constructor(readonly input: string) {
    super(`invalid date "${input}" (want a real date YYYY-MM-DD)`);
    this.name = 'InvalidDayError';
  }
}

/** The UTC day number of a 'YYYY-MM-DD' date, or null when it is not a real date. */
export function dayNumberOrNull(day: string): number | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return Date.UTC(y, mo - 1, d) / MS_PER_DAY;
}

/** Whether `day` is a real date written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isValidDay(day: string): boolean {
  return dayNumberOrNull(day) !== null;
}

/** The UTC day number of `day`; throws InvalidDayError for anything but a real 'YYYY-MM-DD' date. */
export function parseDay(day: string): number {
  const n = dayNumberOrNull(day);
  if (n === null) throw new InvalidDayError(day);
  return n;
}

/** The 'YYYY-MM-DD' date of a UTC day number. */
export function formatDay(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function yearOf(day: string): number {
  parseDay(day);
  return Number(day.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  // 1970-01-01 was a Thursday.
  return (((parseDay(day) + 4) % 7) + 7) % 7;
}

export function isWeekend(day: string): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

export function addDays(day: string, n: number): string {
  return formatDay(parseDay(day) + n);
}

/** Days from `a` to `b` (b − a): diffDays('2026-03-01', '2026-03-03') = 2. */
export function diffDays(a: string, b: string): number {
  return parseDay(b) - parseDay(a);
}

/** Calendar months, clamped to the month's end: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonths(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`months must be a whole number, not ${n}`);
  parseDay(day);
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

/** Every day of a year, in order. */
export function daysOfYear(year: number): string[] {
  const out: string[] = [];
  const end = Date.UTC(year + 1, 0, 1) / MS_PER_DAY;
  for (let n = Date.UTC(year, 0, 1) / MS_PER_DAY; n < end; n++) out.push(formatDay(n));
  return out;
}

// ---------------------------------------------------------------- base data

export interface DayName {
  zh: string;
  en: string;
}

/** The bundled official calendar: rest days of the holidays and make-up working days, by date. */
export interface BaseCalendar {
  /** Rest days of a public holiday (weekends inside the holiday included). */
  holidays: ReadonlyMap<string, DayName>;
  /** Weekend days worked under the notices (调休上班). */
  workdays: ReadonlyMap<string, DayName>;
  /** The years the data covers completely (official). */
  firstYear: number;
  lastYear: number;
}

/** The shape of chinese-days' data file: { holidays: { "2024-10-01": "National Day,国庆节,3" }, workdays: {…} }. */
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** Converts chinese-days' data file into a BaseCalendar. */
export function baseFromChineseDays(data: ChineseDaysData): BaseCalendar {
  const names = (rec: Record<string, string>, workday: boolean): Map<string, DayName> => {
    const map = new Map<string, DayName>();
    for (const [day, value] of Object.entries(rec)) {
      if (!isValidDay(day)) continue;
      const [en = '', zh = ''] = value.split(',');
      map.set(day, workday ? { zh: `${zh}调休上班`, en: `${en} make-up working day` } : { zh, en });
    }
    return map;
  };
  const holidays = names(data.holidays, false);
  const workdays = names(data.workdays, true);
  const years = [...holidays.keys(), ...workdays.keys()].map((d) => Number(d.slice(0, 4)));
  if (years.length === 0) return EMPTY_BASE;
  return { holidays, workdays, firstYear: Math.min(...years), lastYear: Math.max(...years) };
}

/** No holidays at all: Monday to Friday are worked, and no year is official. */
export const EMPTY_BASE: BaseCalendar = { holidays: new Map(), workdays: new Map(), firstYear: 0, lastYear: -1 };

// ---------------------------------------------------------------- the calendar

/** An administrator's correction or addition: whether the day is worked, and why. */
export interface CalendarOverride {
  day: string;
  working: boolean;
  name: string;
}

export type DaySource = 'base' | 'override' | 'weekday' | 'weekend';

export interface DayInfo {
  day: string;
  working: boolean;
  /** The holiday or make-up day's name ('' for an ordinary weekday or weekend). */
  name: string;
  nameEn: string;
  source: DaySource;
  /** The day's year has an official calendar (bundled, or entered from the notice). */
  official: boolean;
}

/** How far the calendar looks for a working day before it gives up (a calendar without any). */
const MAX_SCAN_DAYS = 3660;

export class WorkCalendar {
  readonly base: BaseCalendar;
  private readonly overrides: ReadonlyMap<string, CalendarOverride>;
  private readonly enteredYears: ReadonlySet<number>;

  constructor(opts: { base?: BaseCalendar; overrides?: readonly CalendarOverride[]; officialYears?: Iterable<number> } = {}) {
    this.base = opts.base ?? EMPTY_BASE;
    const overrides = new Map<string, CalendarOverride>();
    for (const o of opts.overrides ?? []) {
      parseDay(o.day);
      overrides.set(o.day, o);
    }
    this.overrides = overrides;
    this.enteredYears = new Set(opts.officialYears ?? []);
  }

  /** A year is official when the bundled data covers it or an administrator entered its notice. */
  isOfficialYear(year: number): boolean {
    return (year >= this.base.firstYear && year <= this.base.lastYear) || this.enteredYears.has(year);
  }

  isOfficial(day: string): boolean {
    return this.isOfficialYear(yearOf(day));
  }

  dayInfo(day: string): DayInfo {
    const official = this.isOfficial(day);
    const o = this.overrides.get(day);
    if (o) return { day, working: o.working, name: o.name, nameEn: o.name, source: 'override', official };
    const h = this.base.holidays.get(day);
    if (h) return { day, working: false, name: h.zh, nameEn: h.en, source: 'base', official };
    const w = this.base.workdays.get(day);
    if (w) return { day, working: true, name: w.zh, nameEn: w.en, source: 'base', official };
    const weekend = isWeekend(day);
    return { day, working: !weekend, name: '', nameEn: '', source: weekend ? 'weekend' : 'weekday', official };
  }

  isWorkingDay(day: string): boolean {
    const o = this.overrides.get(day);
    if (o) return o.working;
    if (this.base.holidays.has(day)) return false;
    if (this.base.workdays.has(day)) return true;
    return !isWeekend(day);
  }

  /** `day` itself when it is worked, else the first working day after it. */
  nextWorkingDay(day: string): string {
    let n = parseDay(day);
    for (let i = 0; i < MAX_SCAN_DAYS; i++, n++) {
      const d = formatDay(n);
      if (this.isWorkingDay(d)) return d;
    }
    throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days from ${day}`);
  }

  /**
   * The n-th working day after `from`, counting from the day after: addWorkingDays(Friday, 1) is the
   * next Monday when that is worked. n = 0 gives nextWorkingDay(from).
   */
  addWorkingDays(from: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, not ${n}`);
    if (n === 0) return this.nextWorkingDay(from);
    let d = parseDay(from);
    let left = n;
    for (let scanned = 0; scanned < MAX_SCAN_DAYS + n; scanned++) {
      d++;
      if (this.isWorkingDay(formatDay(d)) && --left === 0) return formatDay(d);
    }
    throw new RangeError(`not enough working days after ${from}`);
  }

  /** Working days in (a, b]: workingDaysBetween(d, addWorkingDays(d, n)) = n. */
  workingDaysBetween(a: string, b: string): number {
    let count = 0;
    for (let n = parseDay(a) + 1, end = parseDay(b); n <= end; n++) if (this.isWorkingDay(formatDay(n))) count++;
    return count;
  }

  /** Every day of `year` with how it is treated. */
  year(year: number): DayInfo[] {
    return daysOfYear(year).map((d) => this.dayInfo(d));
  }
}
