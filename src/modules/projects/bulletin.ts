/**
 * The month's bulletin (通报) and its annex from the same figures the dashboard shows: the
 * overall figures and the county and department rankings come from `figuresBy`, the lagging
 * projects from the project list's own filter (behind the pace by the red threshold or more; the
 * worst 50 in the document's table, all of them in the annex).
 */
import type { SessionUser } from '../../platform/auth/sessions.ts';
import type { AppContext } from '../../platform/http/app.ts';
import { dayInChina } from '../../domain/matters.ts';
import { CATEGORY_LABELS, PROJECT_LIGHT_LABELS, STAGE_LABELS, formatPoints, monthNumber, type Month } from '../../domain/projects.ts';
import { bulletinAnnexXlsx, bulletinDocx, type AnnexRow, type BulletinData, type BulletinFigures, type BulletinGroup } from './bulletin-docx.ts';
import type { Figures, ProjectSummary, RankedGroup } from './schema.ts';
import { figuresByAll, listProjects, resolveMonth, type GroupedFigures } from './service.ts';

const textOf = (r: { text: string | null }) => r.text ?? '—';

/** The bulletin's table lists the worst lagging projects; the annex lists every project. */
export const LAGGING_LISTED = 50;

function figuresText(f: Figures): BulletinFigures {
  return {
    projects: f.projects,
    totalYuan: f.total,
    plannedYuan: f.planned,
    completedYuan: f.completed,
    completionText: textOf(f.completionRate),
    paceText: textOf(f.pace),
    leadPointsText: formatPoints(f.leadPoints),
    dueToStart: f.dueToStart,
    started: f.started,
    startRateText: textOf(f.startRate),
    mustRegister: f.mustRegister,
    registered: f.registered,
    registrationRateText: textOf(f.registrationRate),
    red: f.red,
    yellow: f.yellow,
    green: f.green,
  };
}

const groupText = (g: RankedGroup): BulletinGroup => ({
  rank: g.rank,
  name: g.label,
  projects: g.figures.projects,
  plannedYuan: g.figures.planned,
  completedYuan: g.figures.completed,
  completionText: textOf(g.figures.completionRate),
  leadPointsText: formatPoints(g.figures.leadPoints),
});

const percentText = (p: number | null) => (p === null ? '—' : `${p.toFixed(1)}%`);
const reasonsOf = (p: ProjectSummary) => p.lightReasons.map((r) => r.zh).join('；');

export function monthsText(month: Month): string {
  const m = monthNumber(month);
  return m === 1 ? '1月' : `1—${m}月`;
}

export interface Bulletin {
  data: BulletinData;
  /** Every project of the campaign in reach, for the annex. */
  annex: AnnexRow[];
}

/** The bulletin's content for the viewer's reach (the project office: the whole city). */
export async function bulletinOf(ctx: AppContext, user: SessionUser, month?: Month, opts: { annex?: boolean } = {}): Promise<Bulletin> {
  const today = dayInChina(ctx.clock.now());
  const r = await resolveMonth(ctx.db, today, undefined, month);
  const both = await figuresByAll(ctx.db, user, r.year, r.month, ['county', 'dept'] as const, r.settings);
  const [county, dept] = [both.get('county'), both.get('dept')] as [GroupedFigures, GroupedFigures];
  const lagging = await listProjects(ctx, user, { month: r.month, lagging: r.settings.lagRedPoints, sort: 'lead', order: 'asc', page: 1, pageSize: LAGGING_LISTED });
  const data: BulletinData = {
    year: r.year,
    month: monthNumber(r.month),
    issuer: r.settings.issuer,
    issuerShort: r.settings.issuerShort,
    docNumber: `${r.settings.docPrefix}〔${r.year}〕${monthNumber(r.month)}号`,
    title: `关于${r.year}年${monthsText(r.month)}全市“千项千亿”重点项目建设进展情况的通报`,
    recipients: '各县（市、区）人民政府，吕梁经济技术开发区管委会，市直有关单位：',
    issuedOn: today,
    figures: figuresText(county.overall),
    counties: county.groups.map(groupText),
    departments: dept.groups.filter((g) => g.key !== '').map(groupText),
    laggingTotal: lagging.total,
    laggingPoints: r.settings.lagRedPoints,
    lagging: lagging.items.map((p) => ({
      code: p.code,
      name: p.name,
      unit: p.unitName,
      dept: p.deptName ?? '',
      leader: p.leaderName ?? '',
      plannedYuan: p.plannedYuan,
      completedYuan: p.completedYuan,
      completionText: percentText(p.completionPercent),
      leadPointsText: formatPoints(p.leadPoints),
      reasons: reasonsOf(p),
    })),
  };
  let annex: AnnexRow[] = [];
  if (opts.annex) {
    const all = await listProjects(ctx, user, { month: r.month, sort: 'code', order: 'asc', page: 1, pageSize: 1_000_000 });
    annex = all.items.map((p) => ({
      code: p.code,
      name: p.name,
      unit: p.unitName,
      dept: p.deptName ?? '',
      leader: p.leaderName ?? '',
      category: CATEGORY_LABELS[p.category].zh,
      stage: STAGE_LABELS[p.stage].zh,
      totalYuan: p.totalYuan,
      plannedYuan: p.plannedYuan,
      completedYuan: p.completedYuan,
      completionText: percentText(p.completionPercent),
      leadPointsText: formatPoints(p.leadPoints),
      light: PROJECT_LIGHT_LABELS[p.light].zh,
      reasons: reasonsOf(p),
    }));
  }
  return { data, annex };
}

export async function bulletinFile(ctx: AppContext, user: SessionUser, month?: Month): Promise<{ content: Buffer; filename: string; data: BulletinData }> {
  const { data } = await bulletinOf(ctx, user, month);
  return { content: await bulletinDocx(data), filename: `${data.year}年${data.month === 1 ? '1月' : `1-${data.month}月`}重点项目建设进展情况通报.docx`, data };
}

export async function annexFile(ctx: AppContext, user: SessionUser, month?: Month): Promise<{ content: Buffer; filename: string }> {
  const { data, annex } = await bulletinOf(ctx, user, month, { annex: true });
  const title = `${data.year}年${data.month === 1 ? '1月' : `1—${data.month}月`}重点项目建设进展明细表`;
  return { content: await bulletinAnnexXlsx({ title, rows: annex, totals: data.figures }), filename: `${title}.xlsx` };
}
