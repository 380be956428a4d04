/**
 * Project sheets in and out: a county's sheet as it is really sent (title and unit lines, a
 * two-row merged header, a 合计 row, section rows, a notes row, amounts as text with separators,
 * dates in written forms) checked with every error's row and column, imported all-or-nothing,
 * re-imported as updates; the filtered list exported; the command-line contract; the bulletin
 * and its annex carrying the same numbers as the rankings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { ADMIN_PASSWORD, harness, makeUser, type Client, type Harness } from '../support/app.ts';
import { testDbMode } from '../support/db.ts';
import { luoshi } from '../support/cli.ts';
import { openPglite } from '../../src/platform/db/index.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { loadDemo } from '../../src/demo/lvliang.ts';
import { loadSettings, refreshLights } from '../../src/modules/projects/service.ts';

let h: Harness;
let office: Client;
let xiaoyiSup: Client;

beforeAll(async () => {
  h = await harness();
  const admin = await h.as('admin');
  await makeUser(h, admin, { username: 'office', unit: '市发改委', role: 'supervisor', scope: 'city' });
  await makeUser(h, admin, { username: 'xiaoyi_sup', unit: '孝义市', role: 'supervisor', scope: 'subtree' });
  office = await h.as('office');
  xiaoyiSup = await h.as('xiaoyi_sup');
});
afterAll(async () => h?.close());

type Row = (string | number | Date | null)[];

/** 孝义市's sheet: rows 1–2 title and unit line, 3–4 merged header, 5 合计, sections, projects, a notes row. */
async function countySheet(projects: Row[], unitLine = '填报单位：孝义市发展和改革局                金额单位：万元'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重点项目');
  ws.mergeCells('A1:J1');
  ws.getCell('A1').value = '孝义市2026年“千项千亿”重点项目建设进展情况表';
  ws.mergeCells('A2:J2');
  ws.getCell('A2').value = unitLine;
  for (const [range, label] of [
    ['A3:A4', '序号'],
    ['B3:B4', '项目名称'],
    ['C3:C4', '责任单位'],
    ['D3:D4', '包联领导'],
    ['E3:E4', '建设内容及规模'],
    ['F3:F4', '总投资'],
    ['I3:I4', '计划开工时间'],
    ['J3:J4', '实际开工时间'],
  ] as const) {
    ws.mergeCells(range);
    ws.getCell(range.slice(0, 2)).value = label;
  }
  ws.mergeCells('G3:H3');
  ws.getCell('G3').value = '2026年';
  ws.getCell('G4').value = '计划投资';
  ws.getCell('H4').value = '1-3月完成投资';
  ws.getRow(5).values = ['', '合计', '', '', '', 999999, 99999, 9999, '', ''];
  let r = 6;
  for (const p of projects) ws.getRow(r++).values = p;
  ws.getRow(r).values = ['注：本表由各县（市、区）发改局汇总填报，联系人：王强 0358-1234567'];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const GOOD: Row[] = [
  ['一、产业项目（2个）'],
  [1, '孝义市年产30万吨高端铝材项目', '孝义市/发展和改革局', '韩志刚', '新建铝材生产线2条', '120,000', '35,000.5', 8000, '2026.3', '2026年3月12日'],
  [2, '孝义市焦炉煤气综合利用项目', '市工信局', '——', '焦炉煤气制LNG 10万吨', 86000, 20000, '——', '2026年5月', '——'],
  ['二、基础设施项目（1个）'],
  [3, '孝义市城区供热管网改造工程', '', '', '改造管网42公里', 15000, 9000, 2100, new Date(Date.UTC(2026, 1, 1)), new Date(Date.UTC(2026, 1, 20))],
];

const uploadRaw = (c: Client, buf: Buffer, dryRun: boolean) => c.upload(`/api/projects/import?dryRun=${dryRun}`, { name: 'xiaoyi.xlsx', content: buf });

describe('importing a county sheet', () => {
  it('checks first: every bad cell is named by Excel row and column, and nothing is written', async () => {
    const bad = GOOD.map((r) => [...r]);
    (bad[1] as Row)[5] = '约十二亿';
    (bad[2] as Row)[2] = '市工业局';
    (bad[4] as Row)[8] = '明年春天';
    const r = await uploadRaw(office, await countySheet(bad), true);
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    expect(r.body.errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message])).toEqual([
      [7, 'F（总投资）', '金额无法识别：「约十二亿」'],
      [10, 'I（计划开工时间）', expect.stringContaining('明年春天')],
      [8, 'C（责任单位）', expect.stringContaining('未找到单位「市工业局」')],
    ]);
    expect((await h.tdb.db.query('select 1 from projects')).length).toBe(0);
    // a real import of the same sheet is refused whole
    const real = await uploadRaw(office, await countySheet(bad), false);
    expect(real.status).toBe(400);
    expect(real.body.error.message).toBe('导入文件有 3 处错误，未导入任何项目');
    expect((await h.tdb.db.query('select 1 from projects')).length).toBe(0);
  });

  it('imports the corrected sheet: units from the unit line, sections as categories, amounts in 元', async () => {
    const dry = await uploadRaw(office, await countySheet(GOOD), true);
    expect(dry.body.ok).toBe(true);
    expect(dry.body.rows.map((x: { row: number; name: string; unit: string; action: string; totalYuan: number; plannedYuan: number; completedYuan: number | null }) => [x.row, x.name, x.unit, x.action, x.totalYuan, x.plannedYuan, x.completedYuan])).toEqual([
      [7, '孝义市年产30万吨高端铝材项目', '孝义市', 'create', 1_200_000_000, 350_005_000, 80_000_000],
      [8, '孝义市焦炉煤气综合利用项目', '孝义市', 'create', 860_000_000, 200_000_000, null],
      [10, '孝义市城区供热管网改造工程', '孝义市', 'create', 150_000_000, 90_000_000, 21_000_000],
    ]);
    const r = await uploadRaw(office, await countySheet(GOOD), false);
    expect(r.body).toMatchObject({ ok: true, dryRun: false, created: 3, updated: 0 });
    const list = (await office.get('/api/projects?sort=code&year=2026')).body.items;
    expect(list.map((p: { name: string; category: string; stage: string; deptName: string | null; leaderName: string | null; actualStart: string | null; plannedStart: string | null }) => [p.name, p.category, p.stage, p.deptName, p.leaderName, p.plannedStart, p.actualStart])).toEqual([
      ['孝义市年产30万吨高端铝材项目', 'industry', 'new_start', '发展和改革局', '韩志刚', '2026-03-01', '2026-03-12'],
      ['孝义市焦炉煤气综合利用项目', 'industry', 'preparation', '市工信局', null, '2026-05-01', null],
      ['孝义市城区供热管网改造工程', 'infrastructure', 'new_start', null, null, '2026-02-01', '2026-02-20'],
    ]);
    expect((await h.tdb.db.query(`select 1 from audit_log where action = 'project.import'`)).length).toBe(1);

    // registered with their lights: the project and its report month's row carry what a refresh computes
    const lit = () =>
      h.tdb.db.query<{ name: string; light: string; rules: string[]; month_light: string; same: boolean }>(
        `select p.name, p.light, array(select r->>'rule' from jsonb_array_elements(p.light_reasons) r) as rules, pm.light as month_light, pm.light_reasons = p.light_reasons as same
           from projects p join project_months pm on pm.project_id = p.id and pm.month = '2026-03' order by p.code`,
      );
    const before = await lit();
    expect(before.map((x) => [x.name, x.light, x.rules, x.month_light, x.same])).toEqual([
      ['孝义市年产30万吨高端铝材项目', 'green', [], 'green', true],
      ['孝义市焦炉煤气综合利用项目', 'green', [], 'green', true],
      ['孝义市城区供热管网改造工程', 'yellow', ['investment_lag', 'missing_report'], 'yellow', true],
    ]);
    const settings = await loadSettings(h.tdb.db, '2026-03-02');
    expect(await refreshLights(h.tdb.db, settings, '2026-03-02')).toMatchObject({ changed: 0 });
    expect(await lit()).toEqual(before);
  });

  it('re-imports as updates by name within the unit, keeping the baseline and recording the revision', async () => {
    const versions = async () => (await h.tdb.db.query<{ name: string; version: number }>(`select name, version from projects order by code`)).map((x) => [x.name, x.version]);
    const before = await versions();
    const changed = GOOD.map((r) => [...r]);
    (changed[1] as Row)[6] = 30000;
    const r = await uploadRaw(office, await countySheet(changed), false);
    expect(r.body).toMatchObject({ ok: true, created: 0, updated: 3 });
    // only the changed project is written (a new row version); the two the sheet leaves as they were keep theirs
    expect(await versions()).toEqual(before.map(([name, v]) => [name, name === '孝义市年产30万吨高端铝材项目' ? (v as number) + 1 : v]));
    const p = (await office.get('/api/projects?q=高端铝材')).body.items[0];
    const d = (await office.get(`/api/projects/${p.id}`)).body;
    expect(d.plannedYuan).toBe(300_000_000);
    expect(d.baseline.plannedYuan).toBe(350_005_000);
    expect(d.revisions).toEqual([{ changes: { planned_investment: [350_005_000, 300_000_000] }, byName: 'office', reason: '导入第 7 行', at: expect.any(String) }]);
  });

  it('refuses rows of a unit outside the importer’s reach', async () => {
    const sheet = await countySheet(GOOD, '填报单位：离石区发展和改革局      金额单位：万元');
    const r = await uploadRaw(xiaoyiSup, sheet, true);
    expect(r.body.ok).toBe(false);
    expect(r.body.errors[0]).toMatchObject({ row: 7, message: '单位「离石区」不在您的管理范围内，不能为其登记项目' });
  });

  it('exports the filtered list with the same rows as the API', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/projects.xlsx?year=2026&category=industry&sort=code', headers: { cookie: [...office.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell('A2').value).toBe('项目编码');
    const names: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 2) names.push(String(row.getCell(2).value));
    });
    expect(names).toEqual(['孝义市年产30万吨高端铝材项目', '孝义市焦炉煤气综合利用项目']);
    expect(ws.getRow(3).getCell(9).value).toBe(30000);
  });
});

describe('the bulletin', () => {
  it('carries the rankings’ numbers in the GB/T 9704 document and the annex', async () => {
    const rankings = (await office.get('/api/projects/rankings?year=2026&month=2026-03&by=county')).body;
    const res = await h.app.inject({ method: 'GET', url: '/api/projects/bulletin.docx?month=2026-03', headers: { cookie: [...office.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml'] as Uint8Array);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('吕重点办〔2026〕3号');
    expect(text).toContain('关于2026年1—3月全市“千项千亿”重点项目建设进展情况的通报');
    expect(rankings.overall.projects).toBe(3);
    expect(text).toContain(rankings.overall.completionRate.text);
    expect(text).toContain(rankings.overall.pace.text);
    const annex = await h.app.inject({ method: 'GET', url: '/api/projects/bulletin-annex.xlsx?month=2026-03', headers: { cookie: [...office.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(annex.rawPayload as unknown as ArrayBuffer);
    const codes: string[] = [];
    (wb.worksheets[0] as ExcelJS.Worksheet).eachRow((row) => {
      row.eachCell((cell) => {
        const v = String(cell.value ?? '');
        if (/^XM2026-\d{5}$/.test(v)) codes.push(v);
      });
    });
    expect(codes).toHaveLength(3);
    // a clerk has no bulletin
    const clerk = await h.as('lishi_clerk');
    expect((await clerk.get('/api/projects/bulletin.docx?month=2026-03')).status).toBe(403);
  });
});

describe.runIf(testDbMode === 'pglite')('npx luoshi import projects / bulletin projects', () => {
  const run = luoshi;

  it('prints the contract in 万元 with Excel row numbers, imports all or nothing, and writes the bulletin', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-projects-'));
    try {
      const db = await openPglite({ dataDir: path.join(dir, 'pg') });
      await migrate(db);
      await loadDemo(db, { now: new Date(), adminPassword: ADMIN_PASSWORD });
      await db.close();
      const env = { LUOSHI_DATA_DIR: dir };
      const bad = GOOD.map((r) => [...r]);
      (bad[1] as Row)[5] = '约十二亿';
      fs.writeFileSync(path.join(dir, 'bad.xlsx'), await countySheet(bad));
      const b = await run(['import', 'projects', path.join(dir, 'bad.xlsx'), '--year', '2026', '--json'], env);
      expect(b.code).toBe(1);
      const bj = JSON.parse(b.out);
      expect(bj.ok).toBe(false);
      expect(bj.errors).toEqual([{ row: 7, column: 'F（总投资）', message: '金额无法识别：「约十二亿」', messageEn: expect.any(String) }]);
      fs.writeFileSync(path.join(dir, 'good.xlsx'), await countySheet(GOOD));
      const dry = await run(['import', 'projects', path.join(dir, 'good.xlsx'), '--year', '2026', '--dry-run', '--json'], env);
      expect(dry.code).toBe(0);
      const dj = JSON.parse(dry.out);
      expect(dj.projects.map((p: { row: number; name: string; totalInvestment: number; plannedInvestment: number; completedInvestment: number | null }) => [p.row, p.name, p.totalInvestment, p.plannedInvestment, p.completedInvestment])).toEqual([
        [7, '孝义市年产30万吨高端铝材项目', 120000, 35000.5, 8000],
        [8, '孝义市焦炉煤气综合利用项目', 86000, 20000, null],
        [10, '孝义市城区供热管网改造工程', 15000, 9000, 2100],
      ]);
      const real = await run(['import', 'projects', path.join(dir, 'good.xlsx'), '--year', '2026', '--json'], env);
      expect(real.code).toBe(0);
      expect(JSON.parse(real.out)).toMatchObject({ ok: true, created: 3 });
      const out = path.join(dir, 'bulletin.docx');
      const bl = await run(['bulletin', 'projects', '--month', '2026-03', '--out', out], env);
      expect(bl.code).toBe(0);
      expect(bl.out).toContain('〔2026〕3号');
      const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(out)))['word/document.xml'] as Uint8Array).replace(/<[^>]+>/g, '');
      expect(xml).toContain('孝义市');
      expect((await run(['bulletin', 'projects', '--month', '2026-13', '--out', out], env)).code).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
