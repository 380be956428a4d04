/**
 * What the campaign dashboard and the rankings share: the month and grouping in the address, month
 * names, group names in the current language, the project-list link of a group, and the colours of
 * lights and of a lead or lag against the pace.
 */
import dayjs from 'dayjs';
import { CATEGORY_LABELS, STAGE_LABELS, type ProjectCategory, type ProjectStage } from '../../../../src/domain/projects.ts';
import type { Grouping } from '../../../../src/modules/projects/schema.ts';
import type { I18n, MsgKey } from '../../i18n/index.tsx';

export type { Grouping };
/** The groupings in the order of the tabs (the contract's GROUPINGS, kept here so zod stays out of the page). */
export const GROUPINGS = ['county', 'dept', 'category', 'leader', 'stage'] as const satisfies readonly Grouping[];

export const LIGHT_COLORS = { red: '#f5222d', yellow: '#faad14', green: '#52c41a' } as const;
export type Light = keyof typeof LIGHT_COLORS;
export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green'];

/** Colours of a lead (ahead of the pace), a lag, and nothing to measure. */
export const AHEAD = '#237804';
export const BEHIND = '#cf1322';

export const BY_LABELS: Record<Grouping, MsgKey> = {
  county: 'projectStats.by.county',
  dept: 'projectStats.by.dept',
  category: 'projectStats.by.category',
  leader: 'projectStats.by.leader',
  stage: 'projectStats.by.stage',
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month in the address, when it is one. */
export function readMonth(params: URLSearchParams): string | undefined {
  const m = params.get('month');
  return m && MONTH.test(m) ? m : undefined;
}

/** The grouping in the address (by county when absent or unknown). */
export function readBy(params: URLSearchParams): Grouping {
  const by = params.get('by');
  return by && (GROUPINGS as readonly string[]).includes(by) ? (by as Grouping) : 'county';
}

/** "2023年5月" / "May 2023". */
export const monthName = (month: string, t: I18n['t']): string => dayjs(`${month}-01`).format(t('projectStats.monthFormat'));

/** "5月" / "May", for a chart's axis. */
export const shortMonthName = (month: string, t: I18n['t']): string => dayjs(`${month}-01`).format(t('projectStats.monthShortFormat'));

/** "2023年1—5月" / "Jan–May 2023": the period a month's figures cover. */
export function periodName(month: string, t: I18n['t']): string {
  return t('projectStats.period', { year: month.slice(0, 4), to: shortMonthName(month, t) });
}

/** The months of a campaign year through its last month with figures ('YYYY-MM', oldest first). */
export function monthsThrough(last: string): string[] {
  const y = last.slice(0, 4);
  const n = Number(last.slice(5, 7));
  return Array.from({ length: n }, (_v, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
}

/**
 * A group's name in the current language: categories and stages are translated, the groups of
 * projects with no department or leader are named in words, departments by their full name
 * ("离石区人民政府办公室") when the unit tree is known.
 */
export function groupLabel(by: Grouping, g: { key: string; label: string }, i18n: Pick<I18n, 't' | 'l'>, fullNames?: ReadonlyMap<string, string>): string {
  if (by === 'category') {
    const c = CATEGORY_LABELS[g.key as ProjectCategory];
    return c ? i18n.l(c) : g.label;
  }
  if (by === 'stage') {
    const s = STAGE_LABELS[g.key as ProjectStage];
    return s ? i18n.l(s) : g.label;
  }
  if (by === 'dept' && g.key === '') return i18n.t('projectStats.noDept');
  if (by === 'leader' && g.key === '') return i18n.t('projectStats.noLeader');
  return fullNames?.get(g.key) ?? g.label;
}

const FILTER: Record<Grouping, string> = { county: 'unitId', dept: 'deptId', leader: 'leaderId', category: 'category', stage: 'stage' };

/** The project list filtered to a group's projects of the month, or null when the list has no such filter. */
export function groupLink(by: Grouping, key: string, month: string): string | null {
  if (key === '') return null;
  return `/projects?${new URLSearchParams({ [FILTER[by]]: key, month }).toString()}`;
}

/** The project list of the month's projects with a light. */
export const lightLink = (light: Light, month: string): string => `/projects?${new URLSearchParams({ light, month }).toString()}`;

/** The colour of a lead or lag in points: green ahead, red behind. */
export const pointsColor = (points: number | null): string | undefined => (points === null || points === 0 ? undefined : points > 0 ? AHEAD : BEHIND);

/** "（461/516）" in Chinese, " (461/516)" in English. */
export const fraction = (r: { numerator: number; denominator: number }, t: I18n['t']): string =>
  t('projectStats.fraction', { n: r.numerator.toLocaleString('en-US'), d: r.denominator.toLocaleString('en-US') });

/** "35.2%" or "—" when there is nothing to measure. */
export const rateText = (r: { text: string | null }): string => r.text ?? '—';
