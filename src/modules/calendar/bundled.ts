/**
 * The bundled official holiday calendar (the chinese-days package's data file), read once.
 * Server-only: the web app gets calendars through the API.
 */
import { createRequire } from 'node:module';
import { baseFromChineseDays, WorkCalendar, type BaseCalendar, type CalendarOverride, type ChineseDaysData } from '../../domain/calendar.ts';

let base: BaseCalendar | undefined;

/** Holidays and make-up working days from 2004 to the last year the package covers. */
export function bundledBase(): BaseCalendar {
  if (!base) {
    const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
    base = baseFromChineseDays(data);
  }
  return base;
}

/** The bundled calendar with optional overrides and entered years (no database). */
export function bundledCalendar(overrides: readonly CalendarOverride[] = [], officialYears: Iterable<number> = []): WorkCalendar {
  return new WorkCalendar({ base: bundledBase(), overrides, officialYears });
}
