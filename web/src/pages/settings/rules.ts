/** Pure helpers of the calendar and clock settings page: how a day is shown, a step in words, labels that follow a new time limit. */
import type { CalendarDay, ClockProfileRecord } from '../../../../src/modules/calendar/schema.ts';
import { describeRule, type DeadlineBasis } from '../../../../src/domain/clocks.ts';
import { daysInMonth, isWeekend, weekday } from '../../../../src/domain/calendar.ts';
import type { Bilingual, MsgKey } from '../../i18n/index.tsx';

/** How a day is coloured: a rest day of a holiday, a weekend day worked (调休上班), an ordinary weekend day, an ordinary working day. */
export type DayKind = 'holiday' | 'makeup' | 'weekend' | 'weekday';

export function dayKind(d: CalendarDay): DayKind {
  const weekend = isWeekend(d.day);
  if (d.working) return weekend ? 'makeup' : 'weekday';
  if (d.source === 'weekend') return 'weekend';
  // A weekend day an administrator marked as rest without a name is just a weekend day.
  if (d.source === 'override' && weekend && !d.name) return 'weekend';
  return 'holiday';
}

/** The days of a month in weeks starting on Monday, with nulls before the 1st and after the last day. */
export function monthWeeks(year: number, month: number): (string | null)[][] {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const lead = (weekday(first) + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= daysInMonth(year, month); d++) cells.push(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export interface YearTally {
  days: number;
  working: number;
  rest: number;
  holiday: number;
  makeup: number;
  overrides: number;
}

export function tallyYear(days: readonly CalendarDay[]): YearTally {
  const t: YearTally = { days: days.length, working: 0, rest: 0, holiday: 0, makeup: 0, overrides: 0 };
  for (const d of days) {
    if (d.working) t.working++;
    else t.rest++;
    const k = dayKind(d);
    if (k === 'holiday') t.holiday++;
    if (k === 'makeup') t.makeup++;
    if (d.source === 'override') t.overrides++;
  }
  return t;
}

type Step = ClockProfileRecord['steps'][number];

/** A step's time limit in words, as deadlines show it: "交办次日起3个日历日内", "交办之日起3个月内", "交办时确定". */
export function stepRule(step: Step, p: Pick<ClockProfileRecord, 'dayMode' | 'shiftOffNonWorking'>): Bilingual {
  if (step.fixed) return { zh: '交办时确定整改期限', en: 'set when the work is assigned' };
  const basis: DeadlineBasis =
    step.months !== undefined
      ? { from: '2000-01-03', months: step.months, mode: p.dayMode, shift: p.shiftOffNonWorking }
      : { from: '2000-01-03', days: step.days ?? 0, mode: p.dayMode, shift: p.shiftOffNonWorking };
  return describeRule(basis);
}

/** Which matters a step applies to: major ones only, ordinary ones only (the profile has a major alternative), or all. */
export function stepScope(step: Step, p: Pick<ClockProfileRecord, 'steps'>): 'major' | 'ordinary' | 'all' {
  if (step.major) return 'major';
  if (step.kind === 'complete' && p.steps.some((s) => s.major && s.kind === 'complete')) return 'ordinary';
  return 'all';
}

export const SCOPE_LABELS: Record<ReturnType<typeof stepScope>, MsgKey> = {
  all: 'clock.scope.all',
  ordinary: 'clock.scope.ordinary',
  major: 'clock.scope.major',
};

const ZH_UNITS = '(?=\\s*个?(?:工作日|日历日|自然日|日|天|月))';
const EN_UNITS = '(?= (?:calendar |working )?(?:days?|months?)\\b)';

/**
 * A step's label after its time limit changed from `from` to `to`: "3日内报告措施和进展" becomes
 * "4日内报告措施和进展", "within 1 month" becomes "within 2 months". Left as it is when the number
 * does not appear exactly once next to its unit.
 */
export function relabel(text: string, from: number, to: number, lang: 'zh' | 'en'): string {
  if (from === to) return text;
  const re = new RegExp(`(?<!\\d)${from}${lang === 'zh' ? ZH_UNITS : EN_UNITS}`, 'g');
  if ((text.match(re) ?? []).length !== 1) return text;
  const next = text.replace(re, String(to));
  if (lang === 'zh') return next;
  return next.replace(/\b(\d+) ((?:calendar |working )?)(day|month)s?\b/g, (_m, n: string, mid: string, unit: string) => `${n} ${mid}${unit}${n === '1' ? '' : 's'}`);
}
