/**
 * Importing project sheets as counties send them: the sheet read by `parse.ts`, each row's unit,
 * department, leader, category and stage resolved (errors name the Excel row and column), then
 * a dry run or an all-or-nothing import in one transaction. A row updates the project with its code,
 * else the project of the same name in the same unit and campaign year; otherwise it creates one.
 * The sheet's completed investment is read and shown for checking; completed investment itself
 * enters through the monthly reports.
 */
import type { Actor } from '../../platform/audit.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import type { AppContext } from '../../platform/http/app.ts';
import type { Queryable } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { can } from '../../platform/policies.ts';
import { columnRef, type RowError } from '../../platform/sheets.ts';
import { readWorkbook } from '../../platform/sheets.ts';
import { dayInChina } from '../../domain/matters.ts';
import { CATEGORY_LABELS, PROJECT_CATEGORIES, PROJECT_STAGES, STAGE_LABELS, checkStage, type ProjectCategory, type ProjectStage } from '../../domain/projects.ts';
import { matchableUnits, unitEntryOf } from '../ledger/queries.ts';
import { UnitMatcher, unitKey } from '../ledger/units.ts';
import { parseProjectSheets, type ParsedProjectRow, type ParsedProjectSheet } from './parse.ts';
import type { CreateProjectBody, ImportResult } from './schema.ts';
import { loadSettings, newProjectLight, refreshLights } from './service.ts';
import * as q from './queries.ts';

const CATEGORY_WORDS: [RegExp, ProjectCategory][] = [
  [/产业|工业|制造|能源|煤|化工|农业|商贸|物流|数字|信息/, 'industry'],
  [/基础设施|交通|道路|水利|城建|市政|公路|铁路|新基建/, 'infrastructure'],
  [/民生|社会|教育|卫生|医疗|养老|保障|住房/, 'livelihood'],
  [/生态|环保|环境|绿化|治理/, 'ecology'],
  [/文化|旅游|文旅/, 'culture_tourism'],
  [/其他|其它/, 'other'],
];

export function categoryOf(text: string | null): ProjectCategory | null {
  if (!text) return null;
  const t = text.trim();
  const exact = PROJECT_CATEGORIES.find((c) => CATEGORY_LABELS[c].zh === t || c === t);
  if (exact) return exact;
  return CATEGORY_WORDS.find(([re]) => re.test(t))?.[1] ?? null;
}

export function stageOf(text: string | null): ProjectStage | null {
  if (!text) return null;
  const t = text.trim();
  const exact = PROJECT_STAGES.find((s) => STAGE_LABELS[s].zh === t || s === t);
  if (exact) return exact;
  if (/新开工|新建/.test(t)) return 'new_start';
  if (/续建|在建/.test(t)) return 'continuing';
  if (/竣工|投产|建成/.test(t)) return 'completed';
  if (/前期/.test(t)) return 'preparation';
  if (/谋划|储备/.test(t)) return 'pipeline';
  return null;
}

/** "——", "—", "-", "/", "无" and blanks mean nothing was written. */
const given = (text: string | null): string | null => (text === null || /^[\s—–\-－/／]*$|^无$/.test(text.trim()) ? null : text.trim());

/** A campaign's whole list fits one sheet (a county sends hundreds of rows; a city thousands). */
const MAX_SHEET_ROWS = 20_000;

interface Planned {
  row: ParsedProjectRow;
  body: CreateProjectBody;
  existing: { id: number; version: number } | null;
  unitName: string;
}

/** Resolves the parsed rows against the organisation; every problem becomes a row error. */
async function plan(db: Queryable, user: SessionUser, sheet: ParsedProjectSheet, year: number): Promise<{ planned: Planned[]; errors: RowError[] }> {
  const errors: RowError[] = [...sheet.errors];
  const units = (await matchableUnits(db)).map(unitEntryOf);
  const matcher = new UnitMatcher(units, (u) => can(user, 'project.manage', { unitId: u.id, unitPath: u.path }), { zh: '不能为其登记项目', en: 'you cannot register projects in it' });
  // a sheet names the same few units on thousands of rows: each text is matched once
  const assisted = new Map<string, ReturnType<UnitMatcher['assist']>>();
  const assist = (text: string) => {
    let m = assisted.get(text);
    if (!m) assisted.set(text, (m = matcher.assist(text)));
    return m;
  };
  const counties = new Map((await db.query<{ id: number; name: string; short_name: string | null }>(`select id, name, short_name from units where kind in ('county', 'zone') and active`)).flatMap((u) => [
    [unitKey(u.name), u.id] as const,
    ...(u.short_name ? [[unitKey(u.short_name), u.id] as const] : []),
  ]));
  const leaders = new Map((await db.query<{ id: number; name: string }>(`select id, name from leaders where active`)).map((l) => [l.name, l.id]));
  const ref = (f: keyof ParsedProjectSheet['columns']) => {
    const c = sheet.columns[f];
    return c ? columnRef(c) : null;
  };
  const err = (row: number, field: keyof ParsedProjectSheet['columns'], message: string, messageEn: string) => errors.push({ row, column: ref(field), message, messageEn });
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  const seenCodes = new Map<string, number>();
  // the campaign's projects (and any named by code), to match rows to updates without a query a row
  const codes = sheet.rows.map((r) => r.code).filter((c): c is string => !!c);
  const known = await db.query<{ id: number; version: number; code: string; unit_id: number; name: string; campaign_year: number }>(
    `select id, version, code, unit_id, name, campaign_year from projects where campaign_year = $1
     union
     select p.id, p.version, p.code, p.unit_id, p.name, p.campaign_year from unnest($2::text[]) c(code) join projects p on p.code = c.code`,
    [year, codes],
  );
  const byCode = new Map(known.map((k) => [k.code, k]));
  const byName = new Map(known.filter((k) => k.campaign_year === year).map((k) => [`${k.unit_id}\u0000${k.name}`, k]));
  for (const r of sheet.rows) {
    const before = errors.length;
    const unitText = given(r.unit) ?? sheet.titleUnit;
    let unitId: number | undefined;
    let unitName = unitText ?? '';
    if (!unitText) err(r.row, 'unit', '未写明县（市、区），表头或标题中也没有填报单位', 'no county-level unit in the row, the title or the unit line');
    else {
      const direct = counties.get(unitKey(unitText.replace(/^吕梁市/, '')));
      const u = direct === undefined ? undefined : units.find((x) => x.id === direct);
      if (!u) {
        const m = assist(unitText);
        if (m.ok) err(r.row, 'unit', `「${unitText}」不是县（市、区）或开发区`, `"${unitText}" is not a county-level unit or the zone`);
        else err(r.row, 'unit', m.message, m.messageEn);
      } else if (!can(user, 'project.manage', { unitId: u.id, unitPath: u.path })) {
        err(r.row, 'unit', `单位「${unitText}」不在您的管理范围内，不能为其登记项目`, `the unit "${unitText}" is outside your reach; you cannot register projects in it`);
      } else {
        unitId = u.id;
        unitName = u.name;
      }
    }
    let deptId: number | null = null;
    const deptText = given(r.dept);
    if (deptText) {
      const m = assist(deptText);
      if (m.ok) deptId = m.unit.id;
      else err(r.row, 'dept', m.message, m.messageEn);
    }
    let leaderId: number | null = null;
    const leaderText = given(r.leader);
    if (leaderText) {
      const name = leaderText.replace(/（.*?）|\(.*?\)/g, '').trim();
      const id = leaders.get(name);
      if (id === undefined) err(r.row, 'leader', `未找到包联领导「${leaderText}」`, `no leader named "${leaderText}"`);
      else leaderId = id;
    }
    const category = categoryOf(given(r.category) ?? r.section);
    if (!category) err(r.row, 'category', `无法识别项目类别「${r.category ?? ''}」，应为：${PROJECT_CATEGORIES.map((c) => CATEGORY_LABELS[c].zh).join('、')}`, `unknown category "${r.category ?? ''}"`);
    const stage = stageOf(given(r.stage) ?? r.section) ?? (r.actualStart ? 'new_start' : 'preparation');
    const refusal = checkStage(null, stage, { actualStart: r.actualStart, actualFinish: null });
    if (refusal) err(r.row, r.stage ? 'stage' : 'actualStart', refusal.zh, refusal.en);
    if (r.totalYuan === null) err(r.row, 'total', '总投资为空', 'the total investment is empty');
    if (r.plannedStart && r.plannedFinish && r.plannedFinish < r.plannedStart) err(r.row, 'plannedFinish', '计划竣工时间早于计划开工时间', 'the planned finish is before the planned start');
    if (r.code) {
      const dupCode = seenCodes.get(r.code);
      if (dupCode !== undefined) err(r.row, 'code', `项目编码与第 ${dupCode} 行重复`, `the code duplicates row ${dupCode}`);
      else seenCodes.set(r.code, r.row);
    }
    if (unitId !== undefined) {
      const key = `${unitId}\u0000${r.name}`;
      const dupRow = seen.get(key);
      if (dupRow !== undefined) err(r.row, 'name', `与第 ${dupRow} 行重复（同一单位同名项目）`, `duplicates row ${dupRow} (same name in the same unit)`);
      else seen.set(key, r.row);
    }
    if (errors.length > before || unitId === undefined || !category || r.totalYuan === null) continue;
    const match = (r.code ? byCode.get(r.code) : undefined) ?? byName.get(`${unitId}\u0000${r.name}`);
    planned.push({
      row: r,
      unitName,
      existing: match ? { id: match.id, version: match.version } : null,
      body: {
        ...(r.code ? { code: r.code } : {}),
        name: r.name,
        unitId,
        deptId,
        leaderId,
        taskForce: [],
        category,
        campaignYear: year,
        stage,
        content: r.content,
        totalYuan: r.totalYuan,
        plannedYuan: r.plannedYuan ?? 0,
        plannedStart: r.plannedStart,
        plannedFinish: r.plannedFinish,
        actualStart: r.actualStart,
        actualFinish: null,
        location: r.location,
        lng: null,
        lat: null,
        registered: r.registered ?? false,
        registeredOn: null,
        approvals: {},
        tags: [],
        startDelayReason: null,
      },
    });
  }
  return { planned, errors };
}

/** Checks (dry run) or imports a project sheet; the campaign year is the settings' unless given. */
export async function importProjects(ctx: AppContext, actor: Actor, user: SessionUser, input: { content: Buffer; dryRun: boolean; year?: number }): Promise<ImportResult> {
  let sheets;
  try {
    sheets = await readWorkbook(input.content, MAX_SHEET_ROWS);
  } catch (e) {
    throw new AppError('VALIDATION', {
      message: `无法读取 Excel 文件：${(e as Error).message}`,
      messageEn: `cannot read the Excel file: ${(e as Error).message}`,
      details: { issues: [{ field: 'file', message: '不是有效的 .xlsx 文件', messageEn: 'not a valid .xlsx file' }] },
    });
  }
  const sheet = parseProjectSheets(sheets);
  const now = ctx.clock.now();
  const today = dayInChina(now);
  const settings = await loadSettings(ctx.db, today);
  const year = input.year ?? settings.campaignYear;
  return ctx.db.tx(async (tx) => {
    const { planned, errors } = await plan(tx, user, sheet, year);
    const rows = planned.map((p) => ({
      row: p.row.row,
      code: p.row.code,
      name: p.row.name,
      unit: p.unitName,
      action: p.existing ? ('update' as const) : ('create' as const),
      totalYuan: p.body.totalYuan,
      plannedYuan: p.body.plannedYuan,
      completedYuan: p.row.completedYuan,
    }));
    const result: ImportResult = { ok: errors.length === 0, dryRun: input.dryRun, sheet: sheet.sheet || null, created: 0, updated: 0, rows, errors: errors.map((e) => ({ row: e.row, column: e.column, message: e.message, messageEn: e.messageEn })) };
    if (input.dryRun || errors.length > 0) return result;
    // new projects are registered with their light; the updated ones are judged again below
    const touched: number[] = [];
    const creates = planned.filter((p) => !p.existing);
    const generated = await q.nextProjectCodes(tx, year, creates.filter((p) => !p.body.code).length);
    const inserts = creates.map((p) => {
      const body = { ...p.body, code: p.body.code ?? (generated.shift() as string) } as q.ProjectInsert;
      return { ...body, light: newProjectLight(body, settings, today) };
    });
    const createdIds = await q.insertProjects(tx, inserts, user.id, now, { month: settings.reportMonth });
    result.created = createdIds.length;
    // the matched projects, locked, compared field by field: only those the sheet changes are written
    const matched = planned.filter((p) => p.existing);
    const current = await q.lockImported(tx, matched.map((p) => (p.existing as { id: number }).id));
    const changed: Parameters<typeof q.updateImported>[1][number][] = [];
    for (const p of matched) {
      const id = (p.existing as { id: number }).id;
      const was = current.get(id);
      if (!was) throw new AppError('VERSION_CONFLICT');
      const fields: q.ImportedFields = {
        name: p.body.name,
        dept_id: p.body.deptId ?? null,
        leader_id: p.body.leaderId ?? null,
        category: p.body.category,
        content: p.body.content ?? '',
        total_investment: p.body.totalYuan,
        planned_investment: p.body.plannedYuan ?? 0,
        planned_start: p.body.plannedStart ?? null,
        planned_finish: p.body.plannedFinish ?? null,
        location: p.body.location ?? '',
        registered: was.registered || p.body.registered === true,
      };
      const changes: Record<string, [unknown, unknown]> = {};
      for (const k of q.IMPORTED_FIELDS) if (JSON.stringify(was[k]) !== JSON.stringify(fields[k])) changes[k] = [was[k], fields[k]];
      if (Object.keys(changes).length) changed.push({ id, fields, changes, reason: `导入第 ${p.row.row} 行` });
    }
    await q.updateImported(tx, changed, user.id, now);
    touched.push(...changed.map((c) => c.id));
    result.updated = matched.length;
    // one entry for the import, naming every project it created or updated
    await recordAudit(tx, actor, now, {
      action: 'project.import',
      entityType: 'project',
      unitId: user.unitId,
      after: { sheet: sheet.sheet, created: inserts.map((p) => p.code), updated: matched.map((x) => x.existing?.id), rows: rows.length },
    });
    if (year === settings.campaignYear && touched.length > 0) await refreshLights(tx, settings, today, touched);
    return result;
  });
}
