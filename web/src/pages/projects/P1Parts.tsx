/**
 * Small pieces every major-projects page shows the same way: the light with its reasons, stage,
 * category and report-state tags, money in 万元, lead or lag in points, and who may do what on a
 * project (its county-level unit or its responsible department in reach).
 */
import { useEffect, useMemo, useState } from 'react';
import { Tag, Tooltip, Typography } from 'antd';
import {
  CATEGORY_LABELS,
  PROJECT_LIGHT_LABELS,
  REPORT_STATE_LABELS,
  STAGE_LABELS,
  formatPoints,
  formatWan,
  type ProjectCategory,
  type ProjectLight,
  type ProjectStage,
  type ReportState,
} from '../../../../src/domain/projects.ts';
import type { Leader, Unit } from '../../../../src/modules/org/schema.ts';
import type { Report } from '../../../../src/modules/projects/schema.ts';
import { canAny, type Action, type Subject, type Target } from '../../../../src/platform/policies.ts';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';

export const PROJECT_LIGHT_COLORS: Record<ProjectLight, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' };
const LIGHT_TEXT: Record<ProjectLight, string> = { green: '#389e0d', yellow: '#d48806', red: '#cf1322' };

export interface LightReason {
  light: 'yellow' | 'red';
  zh: string;
  en: string;
}

/** The light as a coloured dot (and its name); the reasons that lit it on hover. */
export function ProjectLightDot({ light, reasons = [], testId, text = true }: { light: ProjectLight; reasons?: readonly LightReason[]; testId?: string; text?: boolean }) {
  const { l, lang } = useI18n();
  const title = reasons.length ? (
    <ul className="ls-reasons">
      {reasons.map((r, i) => (
        <li key={i}>{lang === 'zh' ? r.zh : r.en}</li>
      ))}
    </ul>
  ) : (
    l(PROJECT_LIGHT_LABELS[light])
  );
  return (
    <Tooltip title={title}>
      <span className="ls-light" style={{ color: LIGHT_TEXT[light], fontWeight: light === 'red' ? 600 : undefined }} data-testid={testId} data-light={light}>
        <span className="ls-light-dot" style={{ background: PROJECT_LIGHT_COLORS[light] }} />
        {text && l(PROJECT_LIGHT_LABELS[light])}
      </span>
    </Tooltip>
  );
}

const STAGE_COLORS: Record<ProjectStage, string> = { pipeline: 'default', preparation: 'gold', new_start: 'blue', continuing: 'cyan', completed: 'green' };

export function StageTag({ stage, testId }: { stage: ProjectStage; testId?: string }) {
  const { l } = useI18n();
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid={testId} data-stage={stage}>
      {l(STAGE_LABELS[stage])}
    </Tag>
  );
}

const CATEGORY_COLORS: Record<ProjectCategory, string> = { industry: 'volcano', infrastructure: 'geekblue', livelihood: 'green', ecology: 'lime', culture_tourism: 'magenta', other: 'default' };

export function CategoryTag({ category }: { category: ProjectCategory }) {
  const { l } = useI18n();
  return (
    <Tag color={CATEGORY_COLORS[category]} variant="outlined">
      {l(CATEGORY_LABELS[category])}
    </Tag>
  );
}

const REPORT_COLORS: Record<ReportState, string> = { draft: 'default', submitted: 'processing', confirmed: 'purple', accepted: 'success', returned: 'error' };

/** A month's report state; none started yet reads 未填报. */
export function ReportStateTag({ state, testId }: { state: ReportState | null; testId?: string }) {
  const { t, l } = useI18n();
  if (state === null) {
    return (
      <Tag color="warning" variant="outlined" data-testid={testId} data-state="none">
        {t('project.report.none')}
      </Tag>
    );
  }
  return (
    <Tag color={REPORT_COLORS[state]} data-testid={testId} data-state={state}>
      {l(REPORT_STATE_LABELS[state])}
    </Tag>
  );
}

/** An amount of 元 shown in 万元 with two decimals. */
export function Wan({ yuan, testId }: { yuan: number | null; testId?: string }) {
  if (yuan === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid={testId} data-yuan={yuan}>
      {formatWan(yuan)}
    </span>
  );
}

/** Lead (+) or lag (−) against the pace in percentage points; a lag in red. */
export function LeadPoints({ points }: { points: number | null }) {
  if (points === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text type={points < 0 ? 'danger' : points > 0 ? 'success' : undefined} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-points={points}>
      {formatPoints(points)}
    </Typography.Text>
  );
}

/** A list card's title: how many projects (or reports) the filters leave. */
export function CountTitle({ total, testId }: { total: number; testId: string }) {
  const { t } = useI18n();
  return (
    <Typography.Text data-testid={testId} data-total={total}>
      {t('project.list.count', { n: total })}
    </Typography.Text>
  );
}

export const percentText = (p: number | null): string => (p === null ? '—' : `${p.toFixed(1)}%`);

/** The units and leaders the project pages name and pick from, loaded once per page. */
export function useOrg() {
  const [units, setUnits] = useState<Unit[]>([]);
  const [leaders, setLeaders] = useState<Leader[]>([]);
  useEffect(() => {
    api.units().then(setUnits, () => setUnits([]));
    api.leaders().then(setLeaders, () => setLeaders([]));
  }, []);
  const unitById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  return { units, leaders, unitById };
}

/** County-level units and development zones: the units a project belongs to. */
export const isProjectUnit = (u: Pick<Unit, 'kind'>): boolean => u.kind === 'county' || u.kind === 'zone';

/** The policy targets of a project: its unit and its responsible department (either admits). */
export function projectTargets(p: { unitId: number; deptId: number | null }, unitById: ReadonlyMap<number, Unit>): Target[] {
  return [p.unitId, p.deptId]
    .map((id) => (id === null ? undefined : unitById.get(id)))
    .filter((u): u is Unit => u !== undefined)
    .map((u) => ({ unitId: u.id, unitPath: u.path }));
}

export function mayOnProject(subject: Subject, action: Action, targets: readonly Target[]): boolean {
  return canAny(subject, action, targets);
}

/** The newest edition of each month's report (the one steps apply to). */
export function currentReports(reports: readonly Report[]): Map<string, Report> {
  const byMonth = new Map<string, Report>();
  for (const r of reports) {
    const seen = byMonth.get(r.month);
    if (!seen || r.edition > seen.edition) byMonth.set(r.month, r);
  }
  return byMonth;
}

/** "2023-05" → "2023年5月" / "May 2023". */
export function monthText(month: string, lang: 'zh' | 'en'): string {
  const y = month.slice(0, 4);
  const m = Number(month.slice(5, 7));
  if (lang === 'zh') return `${y}年${m}月`;
  return new Date(Date.UTC(Number(y), m - 1, 1)).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A photo is attached only when it is a JPEG or PNG image. */
export const isPhotoName = (name: string): boolean => /\.(jpe?g|png)$/i.test(name);
