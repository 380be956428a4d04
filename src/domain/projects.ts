/**
 * Major projects (千项千亿): the registry's vocabularies, money in 元 with its 万元/亿元 forms, stage
 * rules, the monthly figures the bulletin publishes, and the warning lights with the reasons that
 * lit them. Pure rules, no I/O.
 *
 * Money is an integer number of 元 (safe up to 9×10¹⁵, far above a city's campaign); sums are
 * compared and divided as BigInt so a rate is exact whatever the amounts.
 *
 * Figures for month M of campaign year Y (bulletins speak of "1—M月"):
 *  - 完成投资 (completed): the sum of the accepted monthly reports of months 1..M of Y;
 *  - 年度投资完成率 (completion rate) = completed / planned this year (may exceed 100 %);
 *  - 序时进度 (pace) = M / 12;
 *  - 超欠序时进度 (lead or lag) = completion rate − pace, in percentage points;
 *  - 开工率 (start rate) = started / due to start: projects whose planned start falls in Y on or
 *    before the end of M, and of them those with an actual start on or before the end of M;
 *  - 入库率 (registration rate) = registered / must register: projects of at least ¥5 million
 *    (a setting) that have started by the end of M, and of them those registered by then.
 */
import { addMonths, daysInMonth, diffDays, isValidDay } from './calendar.ts';
import { rankWith } from './ranking.ts';

type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const PROJECT_CATEGORIES = ['industry', 'infrastructure', 'livelihood', 'ecology', 'culture_tourism', 'other'] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];
export const CATEGORY_LABELS: Labels<ProjectCategory> = {
  industry: { zh: '产业', en: 'Industry' },
  infrastructure: { zh: '基础设施', en: 'Infrastructure' },
  livelihood: { zh: '社会民生', en: 'Public services' },
  ecology: { zh: '生态环保', en: 'Ecology' },
  culture_tourism: { zh: '文化旅游', en: 'Culture and tourism' },
  other: { zh: '其他', en: 'Other' },
};

export const PROJECT_STAGES = ['pipeline', 'preparation', 'new_start', 'continuing', 'completed'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const STAGE_LABELS: Labels<ProjectStage> = {
  pipeline: { zh: '谋划储备', en: 'Pipeline' },
  preparation: { zh: '前期', en: 'Preparation' },
  new_start: { zh: '新开工', en: 'New start' },
  continuing: { zh: '续建', en: 'Continuing' },
  completed: { zh: '竣工投产', en: 'Completed' },
};
/** Stages that report monthly and count in the figures' "started" side. */
export const BUILDING_STAGES: readonly ProjectStage[] = ['new_start', 'continuing'];

export const APPROVAL_KINDS = ['project', 'land', 'planning', 'eia', 'construction'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_LABELS: Labels<ApprovalKind> = {
  project: { zh: '立项', en: 'Project approval' },
  land: { zh: '用地', en: 'Land use' },
  planning: { zh: '规划', en: 'Planning' },
  eia: { zh: '环评', en: 'Environmental assessment' },
  construction: { zh: '施工许可', en: 'Construction permit' },
};
export const APPROVAL_STATUSES = ['pending', 'in_progress', 'done', 'not_needed'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const APPROVAL_STATUS_LABELS: Labels<ApprovalStatus> = {
  pending: { zh: '未办理', en: 'Not started' },
  in_progress: { zh: '办理中', en: 'In progress' },
  done: { zh: '已办结', en: 'Done' },
  not_needed: { zh: '不需办理', en: 'Not needed' },
};

export const PROBLEM_TYPES = ['land', 'funds', 'approval', 'demolition', 'environment', 'utilities', 'other'] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];
export const PROBLEM_TYPE_LABELS: Labels<ProblemType> = {
  land: { zh: '用地', en: 'Land' },
  funds: { zh: '资金', en: 'Funds' },
  approval: { zh: '审批手续', en: 'Approvals' },
  demolition: { zh: '拆迁', en: 'Demolition' },
  environment: { zh: '环评', en: 'Environment' },
  utilities: { zh: '水电气', en: 'Water, power, gas' },
  other: { zh: '其他', en: 'Other' },
};

/** The escalation ladder of a project problem: each overdue step moves it one level up. */
export const PROBLEM_LEVELS = ['county', 'department', 'leader', 'dispatch'] as const;
export type ProblemLevel = (typeof PROBLEM_LEVELS)[number];
export const PROBLEM_LEVEL_LABELS: Labels<ProblemLevel> = {
  county: { zh: '县级协调', en: 'County' },
  department: { zh: '市直部门协调', en: 'City department' },
  leader: { zh: '包联领导协调', en: 'Leader in charge' },
  dispatch: { zh: '调度会研究', en: 'Dispatch meeting' },
};
export function nextLevel(level: ProblemLevel): ProblemLevel | null {
  const i = PROBLEM_LEVELS.indexOf(level);
  return PROBLEM_LEVELS[i + 1] ?? null;
}

export const REPORT_STATES = ['draft', 'submitted', 'confirmed', 'accepted', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABELS: Labels<ReportState> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待单位确认', en: 'Awaiting unit confirmation' },
  confirmed: { zh: '待项目办审核', en: 'Awaiting review' },
  accepted: { zh: '已通过', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Returned' },
};

export const REPORT_ACTIONS = ['save', 'submit', 'confirm', 'accept', 'return'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** The actions that move a report on (saving keeps its state). */
export type ReportStep = Exclude<ReportAction, 'save'>;

/** Each step: the states it applies in and the state it leads to. */
const REPORT_STEPS: Record<ReportStep, { from: readonly ReportState[]; to: ReportState }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  confirm: { from: ['submitted'], to: 'confirmed' },
  accept: { from: ['confirmed'], to: 'accepted' },
  return: { from: ['submitted', 'confirmed'], to: 'returned' },
};

/**
 * The monthly report's state machine: the clerk saves and submits, the unit head confirms (or
 * returns to the clerk), the project office accepts or returns with a reason. A returned report
 * is edited and submitted again. Returns the next state, or null when the action does not apply.
 */
export function nextReportState(state: ReportState, action: ReportAction): ReportState | null {
  if (action === 'save') return state === 'draft' || state === 'returned' ? state : null;
  const step = REPORT_STEPS[action];
  return step.from.includes(state) ? step.to : null;
}

/** The state a step leads to (a repeated step finds its report already there). */
export function reportStepResult(step: ReportStep): ReportState {
  return REPORT_STEPS[step].to;
}

// ---------------------------------------------------------------------------------------------
// Money

/** 元 in one 万元 and in one 亿元. */
export const WAN = 10_000;
export const YI = 100_000_000;

/** 万元 (a number as typed or imported, up to 4 decimals) → integer 元. */
export function yuanFromWan(wan: number): number {
  if (!Number.isFinite(wan)) throw new RangeError(`not an amount: ${wan}`);
  return Math.round(wan * WAN);
}

/** 元 → 万元 as a number rounded to 2 decimals (what tables show and the import contract prints). */
export function wanOf(yuan: number): number {
  return Math.round(yuan / 100) / 100;
}

/** 元 → 亿元 rounded to 2 decimals. */
export function yiOf(yuan: number): number {
  return Math.round(yuan / 1_000_000) / 100;
}

/** "12,345.67" for 123,456,700 元 in 万元 (grouped, two decimals). */
export function formatWan(yuan: number): string {
  return wanOf(yuan).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "451.20" for 45,120,000,000 元 in 亿元. */
export function formatYi(yuan: number): string {
  return yiOf(yuan).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

// ---------------------------------------------------------------------------------------------
// Months

/** 'YYYY-MM' */
export type Month = string;

export function isMonth(m: string): boolean {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) return false;
  const y = Number(m.slice(0, 4));
  return y >= 1990 && y <= 2100;
}
export const monthNumber = (m: Month): number => Number(m.slice(5, 7));
export const monthYear = (m: Month): number => Number(m.slice(0, 4));
export const firstDay = (m: Month): string => `${m}-01`;
export function lastDay(m: Month): string {
  const d = daysInMonth(monthYear(m), monthNumber(m));
  return `${m}-${String(d).padStart(2, '0')}`;
}
export const monthOf = (day: string): Month => day.slice(0, 7);
export function addMonth(m: Month, n: number): Month {
  return addMonths(firstDay(m), n).slice(0, 7);
}
/** The day a month's report is due: `day` of that month, or its last day when shorter. */
export function reportDueDay(m: Month, day: number): string {
  const d = Math.min(day, daysInMonth(monthYear(m), monthNumber(m)));
  return `${m}-${String(d).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Stage rules

export interface StageFacts {
  actualStart: string | null;
  actualFinish: string | null;
}

export interface StageRefusal {
  code: 'PROJECT_STAGE_NEEDS_START' | 'PROJECT_STAGE_NEEDS_FINISH' | 'PROJECT_STAGE_SAME' | 'PROJECT_FINISH_BEFORE_START';
  zh: string;
  en: string;
}

/**
 * Whether a project may be in `to` with these dates: 新开工 and 续建 need an actual start date;
 * 竣工投产 needs a finish date on or after the start. Any stage may be corrected to any other
 * (a wrong entry is fixed, and the history keeps both), so only the dates decide.
 */
export function checkStage(from: ProjectStage | null, to: ProjectStage, facts: StageFacts): StageRefusal | null {
  if (from === to) return { code: 'PROJECT_STAGE_SAME', zh: `项目已处于“${STAGE_LABELS[to].zh}”阶段`, en: `The project is already in stage "${STAGE_LABELS[to].en}"` };
  if (facts.actualStart && facts.actualFinish && facts.actualFinish < facts.actualStart) {
    return { code: 'PROJECT_FINISH_BEFORE_START', zh: '实际竣工日期早于实际开工日期', en: 'The actual finish date is before the actual start date' };
  }
  if ((to === 'new_start' || to === 'continuing' || to === 'completed') && !facts.actualStart) {
    return { code: 'PROJECT_STAGE_NEEDS_START', zh: `进入“${STAGE_LABELS[to].zh}”阶段需填写实际开工日期`, en: `Stage "${STAGE_LABELS[to].en}" needs the actual start date` };
  }
  if (to === 'completed' && !facts.actualFinish) {
    return { code: 'PROJECT_STAGE_NEEDS_FINISH', zh: '进入“竣工投产”阶段需填写实际竣工日期', en: 'Stage "Completed" needs the actual finish date' };
  }
  return null;
}

/** Projects of a campaign that report every month: started and not yet completed. */
export const reportsMonthly = (stage: ProjectStage): boolean => stage === 'new_start' || stage === 'continuing';

// ---------------------------------------------------------------------------------------------
// Ratios and points

export interface Ratio {
  numerator: number;
  denominator: number;
  /** The percentage rounded half up to one decimal; null when the denominator is 0. May exceed 100. */
  percent: number | null;
  text: string | null;
}

/** floor(a / b) for BigInt with b > 0. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** n / d rounded half up to one decimal, exact for any safe integers (d > 0). */
function tenths(n: bigint, d: bigint): number {
  return Number(floorDiv(20n * n + d, 2n * d)) / 10;
}

export function ratio(numerator: number, denominator: number): Ratio {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator < 0) {
    throw new RangeError(`not a ratio: ${numerator}/${denominator}`);
  }
  if (denominator === 0) return { numerator, denominator, percent: null, text: null };
  const percent = tenths(BigInt(numerator) * 100n, BigInt(denominator));
  return { numerator, denominator, percent, text: `${percent.toFixed(1)}%` };
}

/** Orders two ratios by exact value (negative when `a` is lower); unmeasured ratios are lowest. */
export function compareRatios(a: Ratio, b: Ratio): number {
  if (a.denominator === 0 || b.denominator === 0) return (a.denominator === 0 ? 0 : 1) - (b.denominator === 0 ? 0 : 1);
  const d = BigInt(a.numerator) * BigInt(b.denominator) - BigInt(b.numerator) * BigInt(a.denominator);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** 序时进度 after `months` months: months / 12. */
export const pace = (months: number): Ratio => ratio(months, 12);

/**
 * Lead (+) or lag (−) of completed / planned against the pace months / 12, in percentage points
 * rounded half up to one decimal; null when nothing is planned.
 */
export function leadPoints(completed: number, planned: number, months: number): number | null {
  if (planned === 0) return null;
  // (c/p − m/12) × 100 = 100 (12c − m p) / (12 p)
  const c = BigInt(completed);
  const p = BigInt(planned);
  return tenths(100n * (12n * c - BigInt(months) * p), 12n * p);
}

/**
 * Whether completed / planned is behind the pace months / 12 by at least `points` percentage
 * points (`strictly`: by more than), compared exactly (points to one decimal).
 */
export function behindBy(completed: number, planned: number, months: number, points: number, strictly: boolean): boolean {
  if (planned === 0) return false;
  // (m/12 − c/p) × 100 ≥ T  ⇔  1000 (m p − 12 c) ≥ 10 T × 12 p
  const lhs = 1000n * (BigInt(months) * BigInt(planned) - 12n * BigInt(completed));
  const rhs = BigInt(Math.round(points * 10)) * 12n * BigInt(planned);
  return strictly ? lhs > rhs : lhs >= rhs;
}

/** "+3.2" / "−12.5" / "0.0" as bulletins write points. */
export function formatPoints(points: number | null): string {
  if (points === null) return '—';
  if (points === 0) return '0.0';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)}`;
}

// ---------------------------------------------------------------------------------------------
// Figures for a group of projects

/** What the figures need to know of one project for month M. */
export interface ProjectFacts {
  total: number;
  planned: number;
  /** Completed in Y through M (accepted reports). */
  completed: number;
  dueToStart: boolean;
  started: boolean;
  mustRegister: boolean;
  registered: boolean;
  light: ProjectLight;
}

export interface Sums {
  projects: number;
  total: number;
  planned: number;
  completed: number;
  dueToStart: number;
  started: number;
  mustRegister: number;
  registered: number;
  red: number;
  yellow: number;
  green: number;
}

export const EMPTY_SUMS: Sums = { projects: 0, total: 0, planned: 0, completed: 0, dueToStart: 0, started: 0, mustRegister: 0, registered: 0, red: 0, yellow: 0, green: 0 };

export function sumFacts(facts: readonly ProjectFacts[]): Sums {
  const s = { ...EMPTY_SUMS };
  for (const f of facts) {
    s.projects++;
    s.total += f.total;
    s.planned += f.planned;
    s.completed += f.completed;
    if (f.dueToStart) {
      s.dueToStart++;
      if (f.started) s.started++;
    }
    if (f.mustRegister) {
      s.mustRegister++;
      if (f.registered) s.registered++;
    }
    s[f.light]++;
  }
  return s;
}

export interface Figures extends Sums {
  month: Month;
  completionRate: Ratio;
  pace: Ratio;
  leadPoints: number | null;
  startRate: Ratio;
  registrationRate: Ratio;
}

export function figuresOf(sums: Sums, month: Month): Figures {
  const m = monthNumber(month);
  return {
    ...sums,
    month,
    completionRate: ratio(sums.completed, sums.planned),
    pace: pace(m),
    leadPoints: leadPoints(sums.completed, sums.planned, m),
    startRate: ratio(sums.started, sums.dueToStart),
    registrationRate: ratio(sums.registered, sums.mustRegister),
  };
}

/**
 * Ranks groups by completion rate, highest first; equal rates (as exact fractions) share a rank;
 * groups with nothing planned come last, sharing the last rank.
 */
export function rankByCompletion<T extends { figures: Figures; label: string }>(groups: readonly T[]): (T & { rank: number })[] {
  return rankWith(groups, (a, b) => compareRatios(b.figures.completionRate, a.figures.completionRate), (g) => g.label);
}

// ---------------------------------------------------------------------------------------------
// Warning lights

export type ProjectLight = 'green' | 'yellow' | 'red';
export const PROJECT_LIGHT_LABELS: Labels<ProjectLight> = {
  green: { zh: '绿灯', en: 'Green' },
  yellow: { zh: '黄灯', en: 'Yellow' },
  red: { zh: '红灯', en: 'Red' },
};
const LIGHT_RANK: Record<ProjectLight, number> = { green: 0, yellow: 1, red: 2 };

export interface ProjectThresholds {
  /** Day of the month a report is due by. */
  reportDay: number;
  /** Start overdue by more than this many months with no accepted reason: yellow / red. */
  startYellowMonths: number;
  startRedMonths: number;
  /** Investment behind the pace by at least this many points: yellow / more than red: red. */
  lagYellowPoints: number;
  lagRedPoints: number;
  /** Started but not registered this many months after the start: yellow / red. */
  registrationYellowMonths: number;
  registrationRedMonths: number;
  /** Projects of at least this many 元 must be registered (入库). */
  registrationMinYuan: number;
  /** An open problem past its deadline: yellow; past it by more than this many days: red. */
  problemRedDays: number;
  /** Consecutive months without a report: 1 → yellow; this many → red. */
  missingReportsRed: number;
}

/** The brief's published thresholds, and sensible defaults where it names none. */
export const DEFAULT_THRESHOLDS: ProjectThresholds = {
  reportDay: 25,
  startYellowMonths: 1,
  startRedMonths: 3,
  lagYellowPoints: 10,
  lagRedPoints: 30,
  registrationYellowMonths: 1,
  registrationRedMonths: 2,
  registrationMinYuan: 5_000_000,
  problemRedDays: 30,
  missingReportsRed: 2,
};

export type LightRule = 'start_delay' | 'investment_lag' | 'registration' | 'problem_overdue' | 'missing_report';
export const LIGHT_RULE_LABELS: Labels<LightRule> = {
  start_delay: { zh: '开工滞后', en: 'Start delayed' },
  investment_lag: { zh: '投资滞后', en: 'Investment behind pace' },
  registration: { zh: '入库滞后', en: 'Registration late' },
  problem_overdue: { zh: '问题逾期', en: 'Problem overdue' },
  missing_report: { zh: '未报进度', en: 'Report missing' },
};

export interface ProjectLightReason {
  rule: LightRule;
  light: 'yellow' | 'red';
  zh: string;
  en: string;
}

/** What the lights need to know of one project on `today`, for the report month `month`. */
export interface LightFacts {
  stage: ProjectStage;
  plannedStart: string | null;
  actualStart: string | null;
  /** An accepted reason for a late start (clears the start-delay light). */
  startDelayReason: string | null;
  total: number;
  planned: number;
  /** Completed in the campaign year through `month`. */
  completed: number;
  registered: boolean;
  registeredOn: string | null;
  /** Open problems' deadlines ('YYYY-MM-DD'). */
  openProblemDeadlines: readonly string[];
  /** Months of the campaign year through `month` (inclusive) whose report was submitted. */
  reportedMonths: readonly Month[];
}

/** Whole months from `from` to `to` (both days): 2023-01-31 → 2023-02-28 is 1; → 2023-02-27 is 0. */
export function wholeMonths(from: string, to: string): number {
  if (to < from) return -wholeMonths(to, from);
  let n = Math.max(0, (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) - 1);
  while (addMonths(from, n + 1) <= to) n++;
  return n;
}

/**
 * The light of one project on `today`, judging the reports of `month` (the month whose figures
 * are shown; its report counts as missing only after its due day). Green when no rule fires.
 */
export function projectLight(
  f: LightFacts,
  month: Month,
  today: string,
  t: ProjectThresholds = DEFAULT_THRESHOLDS,
): { light: ProjectLight; reasons: ProjectLightReason[] } {
  if (!isValidDay(today) || !isMonth(month)) throw new RangeError(`bad day or month: ${today} ${month}`);
  const reasons: ProjectLightReason[] = [];
  const started = f.actualStart !== null && f.actualStart <= today;

  // 开工滞后: due to start, not started, no accepted reason.
  if (f.plannedStart && !started && f.stage !== 'completed' && !f.startDelayReason && f.plannedStart < today) {
    const months = wholeMonths(f.plannedStart, today);
    const level = months >= t.startRedMonths ? 'red' : months >= t.startYellowMonths ? 'yellow' : null;
    if (level) {
      reasons.push({
        rule: 'start_delay',
        light: level,
        zh: `计划开工日期 ${f.plannedStart} 已过 ${months} 个月仍未开工`,
        en: `Planned to start on ${f.plannedStart}, not started ${months} month${months === 1 ? '' : 's'} later`,
      });
    }
  }

  // 投资滞后: behind the pace of `month`, once started (before that the start is what is judged).
  if (f.planned > 0 && started && f.stage !== 'pipeline' && f.stage !== 'preparation') {
    const m = monthNumber(month);
    if (behindBy(f.completed, f.planned, m, t.lagYellowPoints, false)) {
      const lag = -(leadPoints(f.completed, f.planned, m) as number);
      const level = behindBy(f.completed, f.planned, m, t.lagRedPoints, true) ? 'red' : 'yellow';
      const done = ratio(f.completed, f.planned).text;
      const paceText = pace(monthNumber(month)).text;
      reasons.push({
        rule: 'investment_lag',
        light: level,
        zh: `年度投资完成 ${done}，落后序时进度（${paceText}）${lag.toFixed(1)} 个百分点`,
        en: `Annual investment ${done} done, ${lag.toFixed(1)} points behind the pace (${paceText})`,
      });
    }
  }

  // 入库滞后: must register, started, not registered (by today).
  const registered = f.registered && (f.registeredOn === null || f.registeredOn <= today);
  if (f.total >= t.registrationMinYuan && started && !registered && f.actualStart) {
    const months = wholeMonths(f.actualStart, today);
    const level = months >= t.registrationRedMonths ? 'red' : months >= t.registrationYellowMonths ? 'yellow' : null;
    if (level) {
      reasons.push({
        rule: 'registration',
        light: level,
        zh: `${f.actualStart} 开工后 ${months} 个月仍未入库`,
        en: `Started on ${f.actualStart}, not registered ${months} month${months === 1 ? '' : 's'} later`,
      });
    }
  }

  // 问题逾期
  const overdue = f.openProblemDeadlines.filter((d) => d < today).sort();
  if (overdue.length > 0) {
    const worst = diffDays(overdue[0] as string, today);
    const level = worst > t.problemRedDays ? 'red' : 'yellow';
    reasons.push({
      rule: 'problem_overdue',
      light: level,
      zh: `${overdue.length} 个问题逾期未解决，最长逾期 ${worst} 天`,
      en: `${overdue.length} problem${overdue.length === 1 ? '' : 's'} overdue, the oldest by ${worst} day${worst === 1 ? '' : 's'}`,
    });
  }

  // 未报进度: consecutive missing months ending at `month` (only months already due).
  if (reportsMonthly(f.stage)) {
    const reported = new Set(f.reportedMonths);
    const startMonth = f.actualStart ? monthOf(f.actualStart) : null;
    const yearStart = `${month.slice(0, 4)}-01`;
    let missing = 0;
    let m = month;
    while (m >= yearStart && (!startMonth || m >= startMonth)) {
      if (reportDueDay(m, t.reportDay) >= today) {
        m = addMonth(m, -1);
        continue;
      }
      if (reported.has(m)) break;
      missing++;
      m = addMonth(m, -1);
    }
    if (missing > 0) {
      const level = missing >= t.missingReportsRed ? 'red' : 'yellow';
      reasons.push({
        rule: 'missing_report',
        light: level,
        zh: `连续 ${missing} 个月未报送月度进度`,
        en: `No monthly report for ${missing} month${missing === 1 ? '' : 's'} in a row`,
      });
    }
  }

  const light = reasons.reduce<ProjectLight>((acc, r) => (LIGHT_RANK[r.light] > LIGHT_RANK[acc] ? r.light : acc), 'green');
  return { light, reasons };
}

/**
 * The day the lights of `month` are judged on: today while the campaign year runs; for a past
 * campaign, as it stood at the end of its report month.
 */
export function judgedOn(month: Month, today: string): string {
  if (today.slice(0, 4) <= month.slice(0, 4)) return today;
  const end = lastDay(month);
  return today < end ? today : end;
}
