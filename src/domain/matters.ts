/**
 * Supervised matters (督办事项): the workflow as a state machine, and the warning lights.
 * Pure rules, no I/O. One engine carries 13710 matters, rectification items, and deputies'
 * suggestions and CPPCC proposals; what differs between them is the clock profile and a few
 * kind-specific steps (a suggestion is answered by a graded reply and rated by its proposer,
 * the others close by review).
 */
import { parseDay } from './calendar.ts';

export const MATTER_STATES = ['submitted', 'assigned', 'in_progress', 'closure_requested', 'replied', 'sent_back', 'closed'] as const;
export type MatterState = (typeof MATTER_STATES)[number];

export const STATE_LABELS: Record<MatterState, { zh: string; en: string }> = {
  submitted: { zh: '待交办', en: 'Awaiting assignment' },
  assigned: { zh: '待签收', en: 'Awaiting sign-for' },
  in_progress: { zh: '办理中', en: 'In progress' },
  closure_requested: { zh: '待审核', en: 'Closure requested' },
  replied: { zh: '已答复待评价', en: 'Replied, awaiting rating' },
  sent_back: { zh: '已退回交办单位', en: 'Sent back to the assigner' },
  closed: { zh: '已办结', en: 'Closed' },
};

export const MATTER_SOURCES = ['instruction', 'meeting', 'superior', 'rectification', 'suggestion', 'proposal', 'petition', 'project'] as const;
export type MatterSource = (typeof MATTER_SOURCES)[number];

export const SOURCE_LABELS: Record<MatterSource, { zh: string; en: string }> = {
  instruction: { zh: '领导批示', en: "Leader's instruction" },
  meeting: { zh: '会议议定事项', en: 'Meeting decision' },
  superior: { zh: '上级交办', en: 'Assigned from above' },
  rectification: { zh: '整改问题', en: 'Rectification item' },
  suggestion: { zh: '人大代表建议', en: "Deputy's suggestion" },
  proposal: { zh: '政协提案', en: 'CPPCC proposal' },
  petition: { zh: '群众诉求', en: "Citizen's request" },
  project: { zh: '项目问题', en: 'Project problem' },
};

/** The clock profile a source uses unless the assigner picks another. */
export function defaultProfileFor(source: MatterSource): string {
  if (source === 'rectification' || source === 'project') return 'rectification';
  if (source === 'suggestion' || source === 'proposal') return 'suggestion';
  return '13710';
}

/** Suggestions and proposals are answered by a graded reply and rated by their proposer. */
export const isReplyKind = (source: MatterSource): boolean => source === 'suggestion' || source === 'proposal';

export const REVIEW_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type ReviewGrade = (typeof REVIEW_GRADES)[number];
export const REVIEW_GRADE_LABELS: Record<ReviewGrade, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  good: { zh: '良好', en: 'Good' },
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
};

export const REPLY_GRADES = ['A', 'B', 'C'] as const;
export type ReplyGrade = (typeof REPLY_GRADES)[number];
export const REPLY_GRADE_LABELS: Record<ReplyGrade, { zh: string; en: string }> = {
  A: { zh: 'A类（已解决或采纳）', en: 'A (solved or adopted)' },
  B: { zh: 'B类（正在解决或列入计划）', en: 'B (being solved or planned)' },
  C: { zh: 'C类（留作参考）', en: 'C (kept for reference)' },
};

export const RATINGS = ['satisfied', 'basically', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, { zh: string; en: string }> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

/**
 * Who takes a step: the assigning side (督查室: assign, review, decide extensions), the lead
 * unit (主办), an assisting unit (协办), or the proposer of a suggestion.
 */
export type Side = 'assigner' | 'lead' | 'assist' | 'proposer';

export const MATTER_ACTIONS = [
  'assign',
  'reassign',
  'sign',
  'send_back',
  'report',
  'assist_view',
  'file_plan',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'request_closure',
  'accept',
  'return',
  'reply',
  'rate',
] as const;
export type MatterAction = (typeof MATTER_ACTIONS)[number];

export const ACTION_LABELS: Record<MatterAction | 'create' | 'submit' | 'recompute' | 'escalate', { zh: string; en: string }> = {
  create: { zh: '登记', en: 'Registered' },
  submit: { zh: '提交建议', en: 'Filed' },
  assign: { zh: '交办', en: 'Assign' },
  reassign: { zh: '改派', en: 'Reassign' },
  sign: { zh: '签收', en: 'Sign for' },
  send_back: { zh: '退回（交办有误）', en: 'Send back (misassigned)' },
  report: { zh: '反馈进展', en: 'Report progress' },
  assist_view: { zh: '协办意见', en: "Assisting unit's view" },
  file_plan: { zh: '报送解决方案', en: 'File a solution plan' },
  request_extension: { zh: '申请延期', en: 'Request an extension' },
  approve_extension: { zh: '同意延期', en: 'Approve the extension' },
  reject_extension: { zh: '不同意延期', en: 'Reject the extension' },
  request_closure: { zh: '申请办结', en: 'Request closure' },
  accept: { zh: '审核通过（销号）', en: 'Accept and close' },
  return: { zh: '退回重办', en: 'Return for rework' },
  reply: { zh: '答复', en: 'Reply' },
  rate: { zh: '评价', en: 'Rate the reply' },
  recompute: { zh: '时限重算', en: 'Deadlines recomputed' },
  escalate: { zh: '逾期升级', en: 'Escalated' },
};

interface TransitionRule {
  from: readonly MatterState[];
  side: Side;
  /** Which kinds of matter the step exists for. */
  kinds: 'all' | 'reply' | 'review';
}

const OPEN: readonly MatterState[] = ['assigned', 'in_progress', 'closure_requested', 'replied'];

export const TRANSITIONS: Record<MatterAction, TransitionRule> = {
  assign: { from: ['submitted', 'sent_back'], side: 'assigner', kinds: 'all' },
  reassign: { from: ['assigned', 'in_progress', 'sent_back'], side: 'assigner', kinds: 'all' },
  sign: { from: ['assigned'], side: 'lead', kinds: 'all' },
  send_back: { from: ['assigned', 'in_progress'], side: 'lead', kinds: 'all' },
  report: { from: ['in_progress'], side: 'lead', kinds: 'all' },
  assist_view: { from: ['assigned', 'in_progress'], side: 'assist', kinds: 'all' },
  file_plan: { from: ['in_progress'], side: 'lead', kinds: 'review' },
  request_extension: { from: ['assigned', 'in_progress'], side: 'lead', kinds: 'all' },
  approve_extension: { from: ['assigned', 'in_progress'], side: 'assigner', kinds: 'all' },
  reject_extension: { from: ['assigned', 'in_progress'], side: 'assigner', kinds: 'all' },
  request_closure: { from: ['in_progress'], side: 'lead', kinds: 'review' },
  accept: { from: ['closure_requested'], side: 'assigner', kinds: 'review' },
  return: { from: ['closure_requested'], side: 'assigner', kinds: 'review' },
  reply: { from: ['in_progress'], side: 'lead', kinds: 'reply' },
  rate: { from: ['replied'], side: 'proposer', kinds: 'reply' },
};

export const sideOf = (action: MatterAction): Side => TRANSITIONS[action].side;

/** A refused step: a stable reason and messages in both languages. */
export interface Refusal {
  reason: 'wrong_state' | 'wrong_kind';
  zh: string;
  en: string;
}

/**
 * The state after `action`, or why the step is refused. `rating` decides where a rating leads:
 * an unsatisfied proposer sends the matter back to be handled again.
 */
export function nextState(
  matter: { state: MatterState; source: MatterSource },
  action: MatterAction,
  input: { rating?: Rating } = {},
): { ok: true; to: MatterState } | { ok: false; refusal: Refusal } {
  const rule = TRANSITIONS[action];
  const reply = isReplyKind(matter.source);
  if ((rule.kinds === 'reply' && !reply) || (rule.kinds === 'review' && reply)) {
    const kind = SOURCE_LABELS[matter.source];
    return {
      ok: false,
      refusal: {
        reason: 'wrong_kind',
        zh: `「${kind.zh}」类事项没有「${ACTION_LABELS[action].zh}」这一步${reply ? '（建议提案以答复办结）' : '（以申请办结、审核销号办结）'}`,
        en: `A ${kind.en.toLowerCase()} has no step "${ACTION_LABELS[action].en}"${reply ? ' (suggestions close with a reply)' : ' (closed by a closure request and review)'}`,
      },
    };
  }
  if (!rule.from.includes(matter.state)) {
    const now = STATE_LABELS[matter.state];
    const allowed = rule.from.map((s) => STATE_LABELS[s]);
    return {
      ok: false,
      refusal: {
        reason: 'wrong_state',
        zh: `事项当前为「${now.zh}」，不能「${ACTION_LABELS[action].zh}」（仅限：${allowed.map((s) => s.zh).join('、')}）`,
        en: `The matter is "${now.en}"; "${ACTION_LABELS[action].en}" is only possible when ${allowed.map((s) => `"${s.en}"`).join(' or ')}`,
      },
    };
  }
  switch (action) {
    case 'assign':
    case 'reassign':
      return { ok: true, to: 'assigned' };
    case 'sign':
    case 'return':
      return { ok: true, to: 'in_progress' };
    case 'send_back':
      return { ok: true, to: 'sent_back' };
    case 'request_closure':
      return { ok: true, to: 'closure_requested' };
    case 'accept':
      return { ok: true, to: 'closed' };
    case 'reply':
      return { ok: true, to: 'replied' };
    case 'rate':
      return { ok: true, to: input.rating === 'unsatisfied' ? 'in_progress' : 'closed' };
    default:
      return { ok: true, to: matter.state };
  }
}

/** Whether the matter is still being worked (not filed-only, not sent back, not closed). */
export const isOpen = (state: MatterState): boolean => OPEN.includes(state);

// ---------------------------------------------------------------- warning lights (督办亮灯)

export type Light = 'none' | 'blue' | 'yellow' | 'red';
export const LIGHT_ORDER: Record<Light, number> = { none: 0, blue: 1, yellow: 2, red: 3 };
export const LIGHT_LABELS: Record<Light, { zh: string; en: string }> = {
  none: { zh: '正常', en: 'On track' },
  blue: { zh: '蓝灯（临近时限）', en: 'Blue (due soon)' },
  yellow: { zh: '黄灯（进度滞后）', en: 'Yellow (behind: a report is missing)' },
  red: { zh: '红灯（已逾期）', en: 'Red (overdue)' },
};

/** Deadline kinds: `complete` ends the matter; `report`/`deploy`/`assist`/`milestone` are required steps; `window` is a time limit on an option. */
export type DeadlineKind = 'deploy' | 'report' | 'complete' | 'window' | 'assist' | 'milestone';

export interface OpenDeadline {
  step: string;
  kind: DeadlineKind;
  due: string;
  zh: string;
  en: string;
}

/**
 * A lit deadline as the matter keeps it: which light, which step, its due day and label. Day
 * counts are not kept: they follow from the day it is read (`explainReason`), so a matter is
 * rewritten only when its light or the deadlines behind it change, not every day.
 */
export interface LitDeadline {
  light: Exclude<Light, 'none'>;
  step: string;
  due: string;
  labelZh: string;
  labelEn: string;
}

/** A lit deadline explained on a given day: how many days late (red, yellow) or left (blue), in words. */
export interface LightReason {
  light: Exclude<Light, 'none'>;
  step: string;
  due: string;
  days: number;
  zh: string;
  en: string;
}

/**
 * The light of an open matter on `today` and the deadlines that lit it, worst first (then the
 * earliest): red when a completion deadline (or a milestone of a filed plan) has passed; yellow
 * when a required report is missing past its time limit; blue when the completion deadline is
 * within `blueDays` days. The light is the worst one's.
 */
export function lightOf(state: MatterState, deadlines: readonly OpenDeadline[], today: string, blueDays: number): { light: Light; lit: LitDeadline[] } {
  if (!isOpen(state) || state === 'closure_requested' || state === 'replied') return { light: 'none', lit: [] };
  const t = parseDay(today);
  const lit: LitDeadline[] = [];
  for (const d of deadlines) {
    if (d.kind === 'window') continue;
    const left = parseDay(d.due) - t;
    const ending = d.kind === 'complete' || d.kind === 'milestone';
    const light = left < 0 ? (ending ? 'red' : 'yellow') : ending && left <= blueDays ? 'blue' : null;
    if (light) lit.push({ light, step: d.step, due: d.due, labelZh: d.zh, labelEn: d.en });
  }
  lit.sort((a, b) => LIGHT_ORDER[b.light] - LIGHT_ORDER[a.light] || a.due.localeCompare(b.due) || a.step.localeCompare(b.step));
  return { light: lit[0]?.light ?? 'none', lit };
}

export function explainReason(r: LitDeadline, today: string): LightReason {
  const left = parseDay(r.due) - parseDay(today);
  const late = -left;
  const base = { light: r.light, step: r.step, due: r.due };
  if (r.light === 'red') return { ...base, days: late, zh: `已逾期${late}天：${r.labelZh}（时限${r.due}）`, en: `${late} day(s) overdue: ${r.labelEn} (due ${r.due})` };
  if (r.light === 'yellow') return { ...base, days: late, zh: `未按时报送：${r.labelZh}（时限${r.due}，已过${late}天）`, en: `Missing: ${r.labelEn} (due ${r.due}, ${late} day(s) ago)` };
  return {
    ...base,
    days: left,
    zh: left === 0 ? `今日到期：${r.labelZh}` : `临近时限：${r.labelZh}（${r.due}，剩${left}天）`,
    en: left === 0 ? `Due today: ${r.labelEn}` : `Due soon: ${r.labelEn} (${r.due}, ${left} day(s) left)`,
  };
}

/**
 * Lit deadlines written exactly as PostgreSQL prints them as jsonb (keys ordered by length, then
 * bytes; ", " and ": " as separators), so a digest of the stored value can be compared with the
 * new one without reading every matter's reasons back.
 */
export function litJsonbText(lit: readonly LitDeadline[]): string {
  const j = JSON.stringify;
  return `[${lit.map((x) => `{"due": ${j(x.due)}, "step": ${j(x.step)}, "light": ${j(x.light)}, "labelEn": ${j(x.labelEn)}, "labelZh": ${j(x.labelZh)}}`).join(', ')}]`;
}

/** Two sets of lit deadlines are the same (jsonb does not keep key order, so compare by content). */
export const sameLit = (a: readonly LitDeadline[], b: readonly LitDeadline[]): boolean =>
  a.length === b.length && a.every((x, i) => { const y = b[i] as LitDeadline; return x.light === y.light && x.step === y.step && x.due === y.due && x.labelZh === y.labelZh && x.labelEn === y.labelEn; });

/**
 * Escalation level of an overdue matter on `today`: 1 = the lead unit's head is told, 2 = the
 * responsible leader is told as well (after `leaderAfterDays` days overdue).
 */
export function escalationOf(lit: readonly LitDeadline[], today: string, leaderAfterDays: number): 0 | 1 | 2 {
  const t = parseDay(today);
  const overdue = Math.max(0, ...lit.filter((r) => r.light === 'red').map((r) => t - parseDay(r.due)));
  if (overdue === 0) return 0;
  return overdue >= leaderAfterDays ? 2 : 1;
}

/** The calendar day of an instant in China (UTC+8, no daylight saving): what "today" means for a deadline. */
export const dayInChina = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
