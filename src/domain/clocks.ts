/**
 * Deadline clocks (时限规则): the steps of a kind of supervised work and their time limits —
 * 13710 (deploy the same day, report in 3 days, ordinary matters done in 7, major ones in 1 month),
 * deputies' suggestions and proposals (send back in 5 days, assisting view in 1 month, reply in 3
 * months), rectification (a date fixed at assignment) — resolved against the working-day calendar.
 *
 * Counting follows the usual rule for periods: "within N days" starts on the day after the anchor,
 * so N calendar days after 2026-09-29 is 2026-10-02 for N = 3; N = 0 means the anchor day itself.
 * Pure: no I/O.
 */
import { addDays, addMonths, isValidDay, parseDay, yearOf, type WorkCalendar } from './calendar.ts';

export const DAY_MODES = ['calendar', 'working'] as const;
export type DayMode = (typeof DAY_MODES)[number];

export const STEP_KINDS = ['deploy', 'report', 'complete', 'window', 'assist'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** One step of a clock: a time limit in days, in months, or a date fixed at assignment. */
export interface ClockStep {
  step: string;
  kind: StepKind;
  days?: number;
  months?: number;
  /** The due date is set when the work is assigned. */
  fixed?: boolean;
  /** Applies to major or complex matters only (13710's "1 month"). */
  major?: boolean;
  zh: string;
  en: string;
}

export interface ClockSettings {
  /** A blue slip this many days before a deadline. */
  blueDays: number;
  /** Escalate to the leader in charge this many days after a missed deadline. */
  escalateLeaderAfterDays: number;
  extensionMaxMonths?: number;
  rehandleMonths?: number;
  sendBackDays?: number;
}

/** A clock profile: the clock_profiles row in domain terms. */
export interface ClockProfile {
  code: string;
  zh: string;
  en: string;
  dayMode: DayMode;
  /** Calendar-day mode: a due date on a rest day moves to the next working day. */
  shiftOffNonWorking: boolean;
  steps: ClockStep[];
  settings: ClockSettings;
}

/** The profiles migration 0003 seeds, exactly. */
export const DEFAULT_PROFILES: readonly ClockProfile[] = [
  {
    code: '13710',
    zh: '13710工作制度',
    en: '13710 system',
    dayMode: 'calendar',
    shiftOffNonWorking: false,
    steps: [
      { step: 'deploy', days: 0, kind: 'deploy', zh: '当天研究部署', en: 'Deploy the same day' },
      { step: 'progress', days: 3, kind: 'report', zh: '3日内报告措施和进展', en: 'Report measures and progress within 3 days' },
      { step: 'complete', days: 7, kind: 'complete', zh: '一般事项7日内办结', en: 'Ordinary matters completed within 7 days' },
      {
        step: 'major',
        months: 1,
        kind: 'complete',
        major: true,
        zh: '重大复杂事项1个月内办结或报送解决方案',
        en: 'Major matters completed, or a solution plan filed, within 1 month',
      },
    ],
    settings: { blueDays: 2, escalateLeaderAfterDays: 3 },
  },
  {
    code: 'suggestion',
    zh: '建议提案办理',
    en: 'Suggestions and proposals',
    dayMode: 'calendar',
    shiftOffNonWorking: false,
    steps: [
      { step: 'send_back', days: 5, kind: 'window', zh: '5日内退回交办有误事项', en: 'Misassignment sent back within 5 days' },
      { step: 'assist_view', months: 1, kind: 'assist', zh: '协办单位1个月内向主办单位提出意见', en: 'Assisting units give their view within 1 month' },
      { step: 'reply', months: 3, kind: 'complete', zh: '交办之日起3个月内答复', en: 'Reply within 3 months of assignment' },
    ],
    settings: { blueDays: 2, escalateLeaderAfterDays: 7, extensionMaxMonths: 6, rehandleMonths: 1 },
  },
  {
    code: 'rectification',
    zh: '整改事项',
    en: 'Rectification items',
    dayMode: 'calendar',
    shiftOffNonWorking: false,
    steps: [{ step: 'complete', kind: 'complete', fixed: true, zh: '交办时确定整改时限', en: 'Deadline set at assignment' }],
    settings: { blueDays: 2, escalateLeaderAfterDays: 7 },
  },
];

export function defaultProfile(code: string): ClockProfile | undefined {
  return DEFAULT_PROFILES.find((p) => p.code === code);
}

/** What a deadline is counted from: the text names it. */
export const ANCHORS = ['assigned', 'rated', 'extension', 'plan'] as const;
export type Anchor = (typeof ANCHORS)[number];

/**
 * How a deadline is computed, stored with it (matter_deadlines.basis) so it can be recomputed
 * when the calendar changes: a period from a day, or a fixed date.
 */
export type DeadlineBasis =
  | { from: string; days?: number; months?: number; mode: DayMode; shift: boolean; anchor?: Anchor }
  | { fixed: string; anchor?: Anchor };

export type PeriodBasis = Extract<DeadlineBasis, { from: string }>;

/** A rule or input the clock cannot use, with messages in both languages. */
export class ClockError extends Error {
  constructor(
    readonly messageZh: string,
    readonly messageEn: string,
    readonly field?: string,
  ) {
    super(`${messageZh} (${messageEn})`);
    this.name = 'ClockError';
  }
}

const MAX_DAYS = 365;
const MAX_MONTHS = 12;

function checkDay(day: string, field: string): void {
  if (!isValidDay(day)) throw new ClockError(`日期无效：${day}（应为 YYYY-MM-DD 格式的真实日期）`, `invalid date ${day} (want a real date YYYY-MM-DD)`, field);
}

function checkPeriod(b: PeriodBasis): void {
  checkDay(b.from, 'from');
  const hasDays = b.days !== undefined;
  const hasMonths = b.months !== undefined;
  if (hasDays === hasMonths) {
    throw new ClockError('时限须为天数或月数之一', 'a period needs either days or months, not both or neither', 'basis');
  }
  if (hasDays && (!Number.isInteger(b.days) || (b.days as number) < 0 || (b.days as number) > MAX_DAYS)) {
    throw new ClockError(`天数应为 0–${MAX_DAYS} 的整数`, `days must be a whole number from 0 to ${MAX_DAYS}`, 'days');
  }
  if (hasMonths && (!Number.isInteger(b.months) || (b.months as number) < 0 || (b.months as number) > MAX_MONTHS)) {
    throw new ClockError(`月数应为 0–${MAX_MONTHS} 的整数`, `months must be a whole number from 0 to ${MAX_MONTHS}`, 'months');
  }
}

export interface ResolvedDue {
  due: string;
  /** The count runs through a year without an official calendar: the date may still move. */
  provisional: boolean;
}

/** Whether every year from the first counted day to `due` has an official calendar. */
function spansOfficialYears(calendar: WorkCalendar, firstCounted: string, due: string): boolean {
  const a = Math.min(yearOf(firstCounted), yearOf(due));
  for (let y = a; y <= yearOf(due); y++) if (!calendar.isOfficialYear(y)) return false;
  return true;
}

/**
 * The due date of a basis against a calendar.
 *  - days, calendar mode: from + N (N = 0: from); with shift, a rest day moves to the next working day;
 *  - days, working mode: the N-th working day after from (N = 0: from, or the next working day);
 *  - months: calendar months, clamped to the month's end; in working mode or with shift, a rest
 *    day moves to the next working day;
 *  - fixed: that date.
 * Provisional when the due date's year (or, when working days are counted, any year the count
 * runs through) has no official calendar.
 */
export function resolveDue(basis: DeadlineBasis, calendar: WorkCalendar): ResolvedDue {
  if ('fixed' in basis) {
    checkDay(basis.fixed, 'fixed');
    return { due: basis.fixed, provisional: !calendar.isOfficial(basis.fixed) };
  }
  checkPeriod(basis);
  const working = basis.mode === 'working';
  let due: string;
  if (basis.days !== undefined) {
    if (working) due = calendar.addWorkingDays(basis.from, basis.days);
    else {
      due = addDays(basis.from, basis.days);
      if (basis.shift) due = calendar.nextWorkingDay(due);
    }
  } else {
    due = addMonths(basis.from, basis.months as number);
    if (working || basis.shift) due = calendar.nextWorkingDay(due);
  }
  const countsWorkingDays = working || basis.shift;
  const firstCounted = due === basis.from ? due : addDays(basis.from, 1);
  const provisional = countsWorkingDays ? !spansOfficialYears(calendar, firstCounted, due) : !calendar.isOfficial(due);
  return { due, provisional };
}

const ANCHOR_TEXT: Record<Anchor, { zh: string; zhMonths: string; zhFixed: string; en: string }> = {
  assigned: { zh: '交办', zhMonths: '交办之日起', zhFixed: '交办时确定', en: 'assignment' },
  rated: { zh: '评价不满意', zhMonths: '评价不满意次日起', zhFixed: '评价不满意后确定', en: 'the unsatisfied rating' },
  extension: { zh: '延期批准', zhMonths: '延期批准之日起', zhFixed: '延期批准时确定', en: 'the extension approval' },
  plan: { zh: '方案报送', zhMonths: '方案报送之日起', zhFixed: '解决方案确定', en: 'the plan filing' },
};

const SHIFT_ZH = '（遇节假日顺延）';
const SHIFT_EN = ' (moved to the next working day if it falls on a rest day)';

/**
 * The rule as people read it: "交办次日起3个工作日内", "交办当日", "交办之日起3个月内（遇节假日顺延）",
 * "交办时确定（2026-06-30）"; in English "within 3 working days after assignment" and so on.
 */
export function describeRule(basis: DeadlineBasis): { zh: string; en: string } {
  const a = ANCHOR_TEXT[basis.anchor ?? 'assigned'];
  if ('fixed' in basis) {
    return { zh: `${a.zhFixed}（${basis.fixed}）`, en: `set at ${a.en} (${basis.fixed})` };
  }
  const working = basis.mode === 'working';
  let zh: string;
  let en: string;
  let shifts = working || basis.shift;
  if (basis.days !== undefined) {
    if (basis.days === 0) {
      zh = `${a.zh}当日`;
      en = `on the day of ${a.en}`;
    } else {
      const unit = working ? { zh: '工作日', en: 'working' } : { zh: '日历日', en: 'calendar' };
      zh = `${a.zh}次日起${basis.days}个${unit.zh}内`;
      en = `within ${basis.days} ${unit.en} day${basis.days === 1 ? '' : 's'} after ${a.en}`;
      // Counting working days already lands on one.
      if (working) shifts = false;
    }
  } else {
    const m = basis.months as number;
    zh = `${a.zhMonths}${m}个月内`;
    en = `within ${m} month${m === 1 ? '' : 's'} of ${a.en}`;
  }
  return shifts ? { zh: zh + SHIFT_ZH, en: en + SHIFT_EN } : { zh, en };
}

export interface ComputeOptions {
  /** Overrides the profile's day mode (a matter may count working days). */
  mode?: DayMode;
  /** Overrides the profile's shift of rest-day due dates. */
  shift?: boolean;
  /** A major or complex matter: its major steps apply instead of the ordinary completion. */
  major?: boolean;
  /** Every step, ordinary and major alternatives both (for listing a profile's rules). */
  allSteps?: boolean;
  /** The due date of a fixed step (rectification), set at assignment. */
  fixedDue?: string;
  anchor?: Anchor;
}

export interface ComputedDeadline {
  step: string;
  kind: StepKind;
  zh: string;
  en: string;
  due: string;
  provisional: boolean;
  rule: { zh: string; en: string };
  basis: DeadlineBasis;
}

/**
 * The steps of a profile that apply to a matter: a step marked major applies to major matters only,
 * and a profile with a major completion step uses its other completion steps for ordinary matters only.
 */
export function applicableSteps(profile: ClockProfile, opts: { major?: boolean; allSteps?: boolean } = {}): ClockStep[] {
  if (opts.allSteps) return [...profile.steps];
  const major = opts.major ?? false;
  const hasMajorCompletion = profile.steps.some((s) => s.major && s.kind === 'complete');
  return profile.steps.filter((s) => {
    if (s.major) return major;
    if (s.kind === 'complete' && hasMajorCompletion) return !major;
    return true;
  });
}

/** The basis of one step counted from `from`. */
export function stepBasis(
  step: ClockStep,
  from: string,
  opts: { mode: DayMode; shift: boolean; fixedDue?: string; anchor?: Anchor },
): DeadlineBasis {
  const anchor = opts.anchor && opts.anchor !== 'assigned' ? { anchor: opts.anchor } : {};
  if (step.fixed) {
    if (!opts.fixedDue) {
      throw new ClockError(`“${step.zh}”须在交办时确定时限（缺少整改期限）`, `step ${step.step} needs its due date set at assignment (missing)`, 'fixedDue');
    }
    checkDay(opts.fixedDue, 'fixedDue');
    if (parseDay(opts.fixedDue) < parseDay(from)) {
      throw new ClockError(`期限 ${opts.fixedDue} 早于交办日期 ${from}`, `the due date ${opts.fixedDue} is before the assignment on ${from}`, 'fixedDue');
    }
    return { fixed: opts.fixedDue, ...anchor };
  }
  const period = step.days !== undefined ? { days: step.days } : step.months !== undefined ? { months: step.months } : null;
  if (!period) throw new ClockError(`步骤 ${step.step} 未设时限`, `step ${step.step} has no time limit`, 'steps');
  return { from, ...period, mode: opts.mode, shift: opts.shift, ...anchor };
}

/** Every applicable deadline of a profile for work assigned on `from`. */
export function computeDeadlines(profile: ClockProfile, from: string, calendar: WorkCalendar, opts: ComputeOptions = {}): ComputedDeadline[] {
  checkDay(from, 'from');
  const mode = opts.mode ?? profile.dayMode;
  const shift = opts.shift ?? profile.shiftOffNonWorking;
  return applicableSteps(profile, opts).map((s) => {
    const basis = stepBasis(s, from, { mode, shift, fixedDue: opts.fixedDue, anchor: opts.anchor });
    const { due, provisional } = resolveDue(basis, calendar);
    return { step: s.step, kind: s.kind, zh: s.zh, en: s.en, due, provisional, rule: describeRule(basis), basis };
  });
}

/** Whether the profile has a step whose date is fixed at assignment (rectification). */
export function needsFixedDue(profile: ClockProfile): boolean {
  return profile.steps.some((s) => s.fixed);
}

/** The deadline of a re-handling after an unsatisfied rating (suggestions: 1 month by default). */
export function rehandleBasis(profile: ClockProfile, ratedOn: string, opts: { mode?: DayMode; shift?: boolean } = {}): DeadlineBasis {
  checkDay(ratedOn, 'ratedOn');
  return {
    from: ratedOn,
    months: profile.settings.rehandleMonths ?? 1,
    mode: opts.mode ?? profile.dayMode,
    shift: opts.shift ?? profile.shiftOffNonWorking,
    anchor: 'rated',
  };
}
