/**
 * The working-day calendar and the clock profiles in the database. `loadCalendar` and
 * `loadProfile(s)` are what other capabilities use to compute deadlines.
 */
import type { Queryable } from '../../platform/db/index.ts';
import { WorkCalendar, type CalendarOverride } from '../../domain/calendar.ts';
import type { ClockProfile, ClockSettings, ClockStep, DayMode } from '../../domain/clocks.ts';
import { bundledBase } from './bundled.ts';
import type { ClockProfileRecord, YearNotice } from './schema.ts';

// ---------------------------------------------------------------- calendar

export async function listOverrides(q: Queryable, year?: number): Promise<CalendarOverride[]> {
  const rows =
    year === undefined
      ? await q.query<CalendarOverride>('select day, working, name from calendar_overrides order by day')
      : await q.query<CalendarOverride>(
          `select day, working, name from calendar_overrides where day >= make_date($1, 1, 1) and day < make_date($1 + 1, 1, 1) order by day`,
          [year],
        );
  return rows.map((r) => ({ day: r.day, working: r.working, name: r.name }));
}

export async function getOverride(q: Queryable, day: string, forUpdate = false): Promise<CalendarOverride | undefined> {
  const rows = await q.query<CalendarOverride>(`select day, working, name from calendar_overrides where day = $1${forUpdate ? ' for update' : ''}`, [day]);
  return rows[0];
}

export async function upsertOverride(q: Queryable, o: CalendarOverride, userId: number | null, now: Date): Promise<void> {
  await q.query(
    `insert into calendar_overrides (day, working, name, updated_by, updated_at) values ($1, $2, $3, $4, $5)
     on conflict (day) do update set working = excluded.working, name = excluded.name, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [o.day, o.working, o.name, userId, now],
  );
}

export async function deleteOverride(q: Queryable, day: string): Promise<boolean> {
  return (await q.query('delete from calendar_overrides where day = $1 returning day', [day])).length === 1;
}

interface YearRow {
  year: number;
  notice: string;
  published_on: string | null;
  updated_at: Date;
}
const toNotice = (r: YearRow): YearNotice => ({ year: r.year, notice: r.notice, publishedOn: r.published_on, updatedAt: r.updated_at.toISOString() });

export async function listYears(q: Queryable): Promise<YearNotice[]> {
  return (await q.query<YearRow>('select year, notice, published_on, updated_at from calendar_years order by year')).map(toNotice);
}

export async function getYear(q: Queryable, year: number, forUpdate = false): Promise<YearNotice | undefined> {
  const rows = await q.query<YearRow>(`select year, notice, published_on, updated_at from calendar_years where year = $1${forUpdate ? ' for update' : ''}`, [year]);
  return rows[0] && toNotice(rows[0]);
}

export async function upsertYear(q: Queryable, y: { year: number; notice: string; publishedOn: string | null }, userId: number | null, now: Date): Promise<void> {
  await q.query(
    `insert into calendar_years (year, notice, published_on, updated_by, updated_at) values ($1, $2, $3, $4, $5)
     on conflict (year) do update set notice = excluded.notice, published_on = excluded.published_on, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [y.year, y.notice, y.publishedOn, userId, now],
  );
}

export async function deleteYear(q: Queryable, year: number): Promise<boolean> {
  return (await q.query('delete from calendar_years where year = $1 returning year', [year])).length === 1;
}

/** The calendar's revision: deadlines remember the one they were computed under. */
export async function calendarRevision(q: Queryable): Promise<number> {
  const rows = await q.query<{ revision: number }>('select revision from calendar_revision');
  return rows[0]?.revision ?? 1;
}

/** Bumps the revision (taking the row lock, which serialises concurrent calendar changes). */
export async function bumpRevision(q: Queryable): Promise<number> {
  const rows = await q.query<{ revision: number }>('update calendar_revision set revision = revision + 1 returning revision');
  return rows[0]?.revision ?? 1;
}

/** The configured working-day calendar: the bundled base, the overrides, and the entered years. */
export async function loadCalendar(q: Queryable): Promise<WorkCalendar> {
  // Sequential: `q` may be a transaction (one connection).
  const overrides = await listOverrides(q);
  const years = await q.query<{ year: number }>('select year from calendar_years');
  return new WorkCalendar({ base: bundledBase(), overrides, officialYears: years.map((r) => r.year) });
}

// ---------------------------------------------------------------- clock profiles

interface ProfileRow {
  code: string;
  name_zh: string;
  name_en: string;
  day_mode: DayMode;
  shift_off_non_working: boolean;
  steps: ClockStep[];
  settings: ClockSettings;
  version: number;
  updated_at: Date;
}

const PROFILE_SELECT = 'select code, name_zh, name_en, day_mode, shift_off_non_working, steps, settings, version, updated_at from clock_profiles';

const toProfile = (r: ProfileRow): ClockProfileRecord => ({
  code: r.code,
  zh: r.name_zh,
  en: r.name_en,
  dayMode: r.day_mode,
  shiftOffNonWorking: r.shift_off_non_working,
  steps: r.steps,
  settings: r.settings,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
});

/** Every clock profile, in code order. */
export async function loadProfiles(q: Queryable): Promise<ClockProfileRecord[]> {
  return (await q.query<ProfileRow>(`${PROFILE_SELECT} order by code`)).map(toProfile);
}

export async function loadProfile(q: Queryable, code: string, forUpdate = false): Promise<ClockProfileRecord | undefined> {
  const rows = await q.query<ProfileRow>(`${PROFILE_SELECT} where code = $1${forUpdate ? ' for update' : ''}`, [code]);
  return rows[0] && toProfile(rows[0]);
}

export async function updateProfile(q: Queryable, code: string, version: number, p: ClockProfile, userId: number | null, now: Date): Promise<boolean> {
  const rows = await q.query(
    `update clock_profiles set name_zh = $3, name_en = $4, day_mode = $5, shift_off_non_working = $6, steps = $7, settings = $8,
                               version = version + 1, updated_by = $9, updated_at = $10
      where code = $1 and version = $2 returning code`,
    [code, version, p.zh, p.en, p.dayMode, p.shiftOffNonWorking, JSON.stringify(p.steps), JSON.stringify(p.settings), userId, now],
  );
  return rows.length === 1;
}
