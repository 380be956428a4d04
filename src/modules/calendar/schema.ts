import { z } from 'zod';
import { DAY_MODES, STEP_KINDS } from '../../domain/clocks.ts';

/** A real date written YYYY-MM-DD (2026-02-30 and 2026-13-01 are refused). */
export const DayString = z.string().refine(
  (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
  },
  { error: '日期无效，应为 YYYY-MM-DD 格式的真实日期 (a real date YYYY-MM-DD)' },
);

const Year = z.coerce.number().int().min(2000).max(2100);

export const DAY_SOURCES = ['base', 'override', 'weekday', 'weekend'] as const;

export const CalendarDay = z.object({
  day: z.string(),
  working: z.boolean(),
  name: z.string(),
  nameEn: z.string(),
  source: z.enum(DAY_SOURCES),
  official: z.boolean(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const YearNotice = z.object({
  year: z.number().int(),
  notice: z.string(),
  publishedOn: z.string().nullable(),
  updatedAt: z.string(),
});
export type YearNotice = z.infer<typeof YearNotice>;

export const CalendarYear = z.object({
  year: z.number().int(),
  /** The year has an official calendar (bundled data or an entered notice). */
  official: z.boolean(),
  /** The bundled data covers the year. */
  bundled: z.boolean(),
  /** The notice entered for the year, if any. */
  notice: YearNotice.nullable(),
  /** The calendar's revision: bumped on every change. */
  revision: z.number().int(),
  days: z.array(CalendarDay),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

/**
 * What a calendar change did to the open deadlines, recomputed in the same transaction: how many
 * were checked, how many moved to another date (each move is on its matter's timeline), and how
 * many kept their date but became firm or provisional (a year's notice entered or withdrawn).
 */
export const Recomputed = z.object({
  checked: z.number().int(),
  moved: z.number().int(),
  matters: z.number().int(),
  provisionalChanged: z.number().int(),
});
export type Recomputed = z.infer<typeof Recomputed>;

/** A day after a change, with what the change did to the deadlines. */
export const DayChange = CalendarDay.extend({ recomputed: Recomputed });
export type DayChange = z.infer<typeof DayChange>;

/** A year's notice after it was entered, with what that did to the deadlines. */
export const YearChange = YearNotice.extend({ recomputed: Recomputed });
export type YearChange = z.infer<typeof YearChange>;

/** A withdrawn year's notice: what that did to the deadlines. */
export const YearWithdrawn = z.object({ year: z.number().int(), recomputed: Recomputed });
export type YearWithdrawn = z.infer<typeof YearWithdrawn>;

export const CalendarQuery = z.strictObject({ year: Year.optional() });
export const DayParams = z.strictObject({ day: DayString });
export const YearParams = z.strictObject({ year: Year });

export const PutDayBody = z.strictObject({
  working: z.boolean(),
  name: z.string().trim().max(50).default(''),
});
export type PutDayBody = z.infer<typeof PutDayBody>;
export type PutDayInput = z.input<typeof PutDayBody>;

export const PutYearBody = z.strictObject({
  notice: z.string().trim().min(1).max(200),
  publishedOn: DayString.nullable().optional(),
});
export type PutYearBody = z.infer<typeof PutYearBody>;
export type PutYearInput = z.input<typeof PutYearBody>;

// ---------------------------------------------------------------- clock profiles

export const ClockStep = z
  .strictObject({
    step: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: '步骤代码应为小写字母、数字和下划线 (lower-case letters, digits, _)' }),
    kind: z.enum(STEP_KINDS),
    days: z.number().int().min(0).max(365).optional(),
    months: z.number().int().min(0).max(12).optional(),
    fixed: z.boolean().optional(),
    major: z.boolean().optional(),
    zh: z.string().trim().min(1).max(100),
    en: z.string().trim().min(1).max(200),
  })
  .refine((s) => [s.days !== undefined, s.months !== undefined, s.fixed === true].filter(Boolean).length === 1, {
    error: '每个步骤须且只能设天数、月数或交办时确定之一 (exactly one of days, months or fixed)',
    path: ['days'],
  });
export type ClockStepInput = z.infer<typeof ClockStep>;

export const ClockSettings = z.strictObject({
  blueDays: z.number().int().min(0).max(365),
  escalateLeaderAfterDays: z.number().int().min(0).max(365),
  extensionMaxMonths: z.number().int().min(0).max(12).optional(),
  rehandleMonths: z.number().int().min(0).max(12).optional(),
  sendBackDays: z.number().int().min(0).max(365).optional(),
});

export const ClockProfile = z.object({
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  dayMode: z.enum(DAY_MODES),
  shiftOffNonWorking: z.boolean(),
  steps: z.array(ClockStep),
  settings: ClockSettings,
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ClockProfileRecord = z.infer<typeof ClockProfile>;

export const ProfileParams = z.strictObject({ code: z.string().regex(/^[a-z0-9_]{2,30}$/) });

export const UpdateProfileBody = z.strictObject({
  version: z.number().int().positive(),
  zh: z.string().trim().min(1).max(100).optional(),
  en: z.string().trim().min(1).max(100).optional(),
  dayMode: z.enum(DAY_MODES).optional(),
  shiftOffNonWorking: z.boolean().optional(),
  /** The same steps in the same order: their time limits and texts may change, not which steps there are. */
  steps: z.array(ClockStep).min(1).max(20).optional(),
  settings: ClockSettings.optional(),
});
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;
