import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ADMIN_PASSWORD, harness, makeUser, type Client, type Harness } from '../support/app.ts';
import { testDbMode } from '../support/db.ts';
import { luoshi } from '../support/cli.ts';
import { recomputeAll } from '../../src/modules/matters/recompute.ts';
import { openPglite } from '../../src/platform/db/index.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { loadDemo } from '../../src/demo/lvliang.ts';

let h: Harness;
let admin: Client;
let supervisor: Client;
let clerk: Client;
let xiaoyiSupervisor: Client;
let xiaoyiClerk: Client;

const DOC = '省委第二巡视组反馈意见';

beforeAll(async () => {
  h = await harness();
  admin = await h.as('admin');
  await makeUser(h, admin, { username: 'xiaoyi_sup', unit: '孝义市', role: 'supervisor', scope: 'subtree' });
  await makeUser(h, admin, { username: 'xiaoyi_clerk', unit: '孝义市/发展和改革局', role: 'unit_clerk', scope: 'unit' });
  await signIn();
});
afterAll(async () => h?.close());

async function signIn() {
  const c = await Promise.all(['admin', 'supervisor', 'lishi_clerk', 'xiaoyi_sup', 'xiaoyi_clerk'].map((u) => h.as(u)));
  [admin, supervisor, clerk, xiaoyiSupervisor, xiaoyiClerk] = c as [Client, Client, Client, Client, Client];
}
async function at(day: string) {
  h.clock.t = Date.parse(`${day}T09:00:00+08:00`);
  await signIn();
}

const unit = (name: string) => h.ids.units.get(name) as number;
const countMatters = async () => (await h.tdb.db.query<{ n: number }>('select count(*)::int as n from matters'))[0]?.n;

// ---------------------------------------------------------------- workbooks as offices send them

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** Title row, a note line, a merged two-line header, section rows, a deadline merged over two rows, dates in five forms, blank and tail rows. */
async function messySheet(edit: (rows: Record<number, unknown[]>) => void = () => {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('反馈问题');
  ws.mergeCells('A1:I1');
  ws.getCell('A1').value = '省委第二巡视组反馈问题整改台账';
  ws.mergeCells('A2:I2');
  ws.getCell('A2').value = '填报单位：（盖章）                    填报日期：2026年3月1日';
  for (const [range, label] of [
    ['A3:A4', '序号'],
    ['B3:B4', '存在问题'],
    ['C3:C4', '整改要求'],
    ['D3:D4', '整改措施'],
    ['G3:G4', '整改\n时限'],
    ['H3:H4', '进展情况'],
    ['I3:I4', '备注'],
  ] as const) {
    ws.mergeCells(range);
    ws.getCell(range.slice(0, 2)).value = label;
  }
  ws.mergeCells('E3:F3');
  ws.getCell('E3').value = '责任单位';
  ws.getCell('E4').value = '牵头单位';
  ws.getCell('F4').value = '配合单位';
  const rows: Record<number, unknown[]> = {
    5: ['一、环境保护方面（3项）'],
    6: [1, '东川河离石段垃圾清理不及时。多处河岸堆积生活垃圾，群众反映强烈。', '建立河道保洁长效机制', '开展集中清理；落实河长巡河', '市生态环境局', '市水利局', utc(2026, 6, 30), '', ''],
    7: [2, '城区餐饮油烟扰民问题突出', '完成油烟净化设施安装', '', '离石区发展和改革局', '', '2026-09-30', '已完成摸底', ''],
    8: [3, '建筑工地扬尘管控不到位', '落实六个百分之百', '', '市城市管理局', '离石区、市财政局', '2026.12.31', '', '立行立改'],
    10: ['二、营商环境方面（3项）'],
    11: [4, '审批事项办理时限压缩不到位', '压缩至法定时限的40%以内', '', '市行政审批服务管理局', '', '2026年6月30日', '', ''],
    12: [5, '涉企检查多头重复', '推行综合查一次', '', '孝义市发展和改革局', '', null, '', ''],
    13: [6, '政务服务事项网上可办率偏低', '', '', '市大数据应用局', '', '2026年9月底前', '', ''],
    15: ['合计', '共6项'],
  };
  edit(rows);
  for (const [r, values] of Object.entries(rows)) {
    const row = ws.getRow(Number(r));
    values.forEach((v, i) => {
      row.getCell(i + 1).value = v as ExcelJS.CellValue;
    });
  }
  ws.mergeCells('A5:I5');
  ws.mergeCells('A10:I10');
  // One deadline for two problems: a vertically merged cell.
  ws.mergeCells('G11:G12');
  ws.getCell('G6').numFmt = 'yyyy/m/d';
  ws.mergeCells('A16:I16');
  ws.getCell('A16').value = '备注：本表由各责任单位每月25日前更新。';
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function brokenSheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['审计发现问题整改清单']);
  ws.addRow(['序号', '问题', '整改要求', '责任单位', '完成时限']);
  ws.addRow([1, '专项资金拨付滞后', '及时拨付', '市环保局', '2026-06-30']);
  ws.addRow([2, '项目资金闲置', '盘活资金', '市财政局', '2026-02-30']);
  ws.addRow([3, '', '', '市财政局', '2026-06-30']);
  ws.addRow([4, '政府采购程序不规范', '', '发展和改革局', '2026-06-30']);
  ws.addRow([5, '国有资产底数不清', '', '市国资委', '长期坚持']);
  ws.addRow([6, '往来款长期挂账', '', '市财政局', '6月底前']);
  ws.addRow([7, '预算执行进度偏慢', '', '市财政局', '2025-12-31']);
  ws.addRow([8, '专项资金拨付滞后', '', '市环保局', '2026-06-30']);
  ws.addRow([9, '非税收入未及时缴库', '', '市财政局', '2026-06-30']);
  ws.addRow([10, '非税收入未及时缴库', '', '市财政局', '2026-07-31']);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function simpleSheet(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['序号', '问题', '责任单位', '完成时限']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function multipart(fields: Record<string, string>, file: Buffer | null, filename = '台账.xlsx'): { body: Buffer; type: string } {
  const boundary = '----luoshi' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(filename)}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`));
    parts.push(file, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(c: Client, file: Buffer | null, opts: { dryRun?: boolean; sourceDoc?: string } = {}) {
  const m = multipart(opts.sourceDoc === undefined ? { sourceDoc: DOC } : opts.sourceDoc ? { sourceDoc: opts.sourceDoc } : {}, file);
  const headers = { 'content-type': m.type, 'x-csrf-token': c.csrf ?? '', cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  const res = await h.app.inject({ method: 'POST', url: `/api/ledger/import?dryRun=${opts.dryRun ?? true}`, payload: m.body, headers });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

async function download(c: Client, url: string) {
  const headers = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  const res = await h.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
}

async function readBack(content: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return wb.worksheets[0] as ExcelJS.Worksheet;
}

const rowValues = (ws: ExcelJS.Worksheet, r: number, width = 8) => Array.from({ length: width }, (_, i) => ws.getRow(r).getCell(i + 1).value ?? null);

// ---------------------------------------------------------------- tests

describe('importing a ledger as offices send it', () => {
  it('a dry run reads the messy sheet: title, note line, two-line header, sections, merged cells, five date forms, tail rows', async () => {
    await at('2026-03-02');
    const before = await countMatters();
    const r = await upload(supervisor, await messySheet());
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.dryRun).toBe(true);
    expect(r.body.sheet).toBe('反馈问题');
    expect(r.body.headerRow).toBe(4);
    expect(r.body.errors).toEqual([]);
    expect(r.body.counts).toEqual({ created: 6, updated: 0, unchanged: 0 });
    expect(r.body.items.map((i: Record<string, unknown>) => [i.row, i.category, i.title, i.leadUnit, i.assistUnits, i.due, i.outcome])).toEqual([
      [6, '一、环境保护方面', '东川河离石段垃圾清理不及时', '市生态环境局', ['市水利局'], '2026-06-30', 'create'],
      [7, '一、环境保护方面', '城区餐饮油烟扰民问题突出', '离石区发展和改革局', [], '2026-09-30', 'create'],
      [8, '一、环境保护方面', '建筑工地扬尘管控不到位', '市城市管理局', ['离石区', '市财政局'], '2026-12-31', 'create'],
      [11, '二、营商环境方面', '审批事项办理时限压缩不到位', '市行政审批服务管理局', [], '2026-06-30', 'create'],
      [12, '二、营商环境方面', '涉企检查多头重复', '孝义市发展和改革局', [], '2026-06-30', 'create'],
      [13, '二、营商环境方面', '政务服务事项网上可办率偏低', '市大数据应用局', [], '2026-09-30', 'create'],
    ]);
    const first = r.body.items[0];
    expect(first.content).toBe('东川河离石段垃圾清理不及时。多处河岸堆积生活垃圾，群众反映强烈。');
    expect(first.requirement).toBe('建立河道保洁长效机制');
    expect(r.body.items[2].content).toBe('备注：立行立改');
    expect(r.body.items[1].progress).toBe('已完成摸底');
    expect(await countMatters()).toBe(before);
  });

  it('commits all items in one go through the matters engine', async () => {
    const before = await countMatters();
    const r = await upload(supervisor, await messySheet(), { dryRun: false });
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ created: 6, updated: 0, unchanged: 0 });
    expect(await countMatters()).toBe((before as number) + 6);
    const id = r.body.items[0].matterId;
    const m = (await supervisor.get(`/api/matters/${id}`)).body;
    expect(m).toMatchObject({ source: 'rectification', state: 'assigned', assignedOn: '2026-03-02', dueOn: '2026-06-30', sourceDoc: `${DOC}｜一、环境保护方面` });
    expect(m.code).toMatch(/^ZG2026-\d{5}$/);
    expect(m.units).toEqual([
      { unitId: unit('市生态环境局'), unitName: '市生态环境局', role: 'lead' },
      { unitId: unit('市水利局'), unitName: '市水利局', role: 'assist' },
    ]);
    expect(m.events.map((e: { action: string }) => e.action)).toEqual(['create']);
    const progress = (await supervisor.get(`/api/matters/${r.body.items[1].matterId}`)).body.progress;
    expect(progress).toBe('已完成摸底');
    const audit = await h.tdb.db.query<{ action: string; after: { counts: unknown } }>(`select action, after from audit_log where action = 'ledger.import'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after.counts).toEqual({ created: 6, updated: 0, unchanged: 0 });
  });

  it('the ledger lists the items in the familiar columns, visible as the matters list is', async () => {
    const r = await supervisor.get(`/api/ledger?sourceDoc=${encodeURIComponent(DOC)}`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(6);
    expect(r.body.columns.map((c: { zh: string }) => c.zh)).toEqual(['序号', '问题', '整改要求', '整改措施', '责任单位', '整改时限', '进展情况', '状态']);
    expect(r.body.items.map((i: Record<string, unknown>) => [i.seq, i.category, i.units, i.dueOn, i.stateLabel])).toEqual([
      [1, '一、环境保护方面', '市生态环境局\n配合：市水利局', '2026-06-30', '待签收'],
      [2, '一、环境保护方面', '离石区发展和改革局', '2026-09-30', '待签收'],
      [3, '一、环境保护方面', '市城市管理局\n配合：离石区、市财政局', '2026-12-31', '待签收'],
      [4, '二、营商环境方面', '市行政审批服务管理局', '2026-06-30', '待签收'],
      [5, '二、营商环境方面', '孝义市发展和改革局', '2026-06-30', '待签收'],
      [6, '二、营商环境方面', '市大数据应用局', '2026-09-30', '待签收'],
    ]);
    expect(r.body.items[0].problem).toBe('东川河离石段垃圾清理不及时。多处河岸堆积生活垃圾，群众反映强烈。');
    const page2 = await supervisor.get(`/api/ledger?sourceDoc=${encodeURIComponent(DOC)}&page=2&pageSize=4`);
    expect(page2.body.items.map((i: { seq: number }) => i.seq)).toEqual([5, 6]);
    // A clerk sees the items of the clerk's own unit only (not one the county itself assists).
    const mine = await clerk.get('/api/ledger');
    expect(mine.body.items.map((i: { title: string }) => i.title)).toEqual(['城区餐饮油烟扰民问题突出']);
    const xiaoyi = await xiaoyiClerk.get(`/api/ledger?sourceDoc=${encodeURIComponent(DOC)}`);
    expect(xiaoyi.body.items.map((i: { title: string }) => i.title)).toEqual(['涉企检查多头重复']);
    expect((await supervisor.get(`/api/ledger?unitId=${unit('市水利局')}`)).body.total).toBe(1);
    expect((await supervisor.get('/api/ledger?state=closed')).body.total).toBe(0);
    expect((await supervisor.get('/api/ledger?sourceDoc=')).body.total).toBe(6);
    expect((await supervisor.get('/api/ledger?source=meeting')).body.total).toBe(0);
  });
});

describe('a broken sheet', () => {
  it('reports every bad row with its Excel row and column, and writes nothing', async () => {
    const before = await countMatters();
    const file = await brokenSheet();
    const dry = await upload(supervisor, file, { sourceDoc: '市审计局审计发现问题' });
    expect(dry.status).toBe(200);
    expect(dry.body.ok).toBe(false);
    expect(dry.body.errors.map((e: { row: number; column: string; message: string }) => ({ row: e.row, column: e.column, message: e.message }))).toEqual([
      { row: 3, column: 'D（责任单位）', message: '未找到单位「市环保局」，是否为：市生态环境局' },
      { row: 4, column: 'E（完成时限）', message: '日期无效：「2026-02-30」' },
      { row: 5, column: 'B（问题）', message: '缺少问题描述' },
      {
        row: 6,
        column: 'D（责任单位）',
        message: '单位「发展和改革局」不唯一，可能是：离石区发展和改革局、孝义市发展和改革局、汾阳市发展和改革局、文水县发展和改革局、交城县发展和改革局、兴县发展和改革局等14个，请写明全称',
      },
      { row: 7, column: 'E（完成时限）', message: '长期坚持类事项须给出阶段性完成时限' },
      { row: 8, column: 'E（完成时限）', message: '时限「6月底前」缺少年份，请写明年份，如 2026年6月底前' },
      { row: 9, column: 'E（完成时限）', message: '整改时限 2025-12-31 早于交办日期 2026-03-02' },
      { row: 10, column: 'D（责任单位）', message: '未找到单位「市环保局」，是否为：市生态环境局' },
      { row: 12, column: 'B（问题）', message: '与第 11 行重复（同一问题、同一责任单位）' },
    ]);
    expect(dry.body.errors.every((e: { messageEn: string }) => e.messageEn.length > 0)).toBe(true);
    expect(dry.body.items.find((i: { row: number }) => i.row === 11).outcome).toBe('create');
    expect(dry.body.items.find((i: { row: number }) => i.row === 3).outcome).toBe('invalid');
    const commit = await upload(supervisor, file, { dryRun: false, sourceDoc: '市审计局审计发现问题' });
    expect(commit.status).toBe(400);
    expect(commit.body.error.code).toBe('VALIDATION');
    expect(commit.body.error.message).toBe('导入文件有 9 处错误，未导入任何事项');
    expect(commit.body.error.details.errors).toHaveLength(9);
    expect(await countMatters()).toBe(before);
  });

  it('refuses what is not a ledger: no header, not .xlsx, no source document, no file', async () => {
    const noHeader = new ExcelJS.Workbook();
    noHeader.addWorksheet('x').addRow(['姓名', '电话']);
    const r = await upload(supervisor, Buffer.from((await noHeader.xlsx.writeBuffer()) as ArrayBuffer));
    expect(r.body.ok).toBe(false);
    expect(r.body.errors[0]).toMatchObject({ row: null, column: null });
    expect(r.body.errors[0].message).toMatch(/^未找到表头/);
    const xls = await upload(supervisor, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]));
    expect(xls.status).toBe(400);
    expect(xls.body.error.message).toBe('文件是旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx 后再导入');
    const text = await upload(supervisor, Buffer.from('序号,问题\n1,x'));
    expect(text.body.error.message).toBe('文件不是 .xlsx 工作簿');
    const noDoc = await upload(supervisor, await messySheet(), { sourceDoc: '' });
    expect(noDoc.status).toBe(400);
    expect(noDoc.body.error.details.issues[0].field).toBe('sourceDoc');
    const noFile = await upload(supervisor, null);
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.details.issues[0].field).toBe('file');
  });
});

describe('who may import', () => {
  it('a county clerk may not import at all', async () => {
    const r = await upload(xiaoyiClerk, await simpleSheet([[1, '涉企收费不规范', '孝义市发展和改革局', '2026-06-30']]));
    expect(r.status).toBe(403);
  });

  it('a county supervisor imports for the county’s units (short names resolve within reach), not for another county', async () => {
    const before = await countMatters();
    const file = await simpleSheet([
      [1, '涉企收费不规范', '发展和改革局', '2026-06-30'],
      [2, '项目审批超时', '离石区发展和改革局', '2026-06-30'],
      [3, '城市道路破损', '离石', '2026-06-30'],
    ]);
    const r = await upload(xiaoyiSupervisor, file, { sourceDoc: '孝义市委巡察反馈意见' });
    expect(r.body.items[0]).toMatchObject({ leadUnit: '孝义市发展和改革局', outcome: 'create' });
    expect(r.body.errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message])).toEqual([
      [3, 'C（责任单位）', '单位「离石区发展和改革局」不在您的管理范围内，不能为其交办整改事项'],
      [4, 'C（责任单位）', '单位「离石」不在您的管理范围内，不能为其交办整改事项'],
    ]);
    expect((await upload(xiaoyiSupervisor, file, { dryRun: false, sourceDoc: '孝义市委巡察反馈意见' })).status).toBe(400);
    expect(await countMatters()).toBe(before);
    const own = await upload(xiaoyiSupervisor, await simpleSheet([[1, '涉企收费不规范', '发展和改革局', '2026-06-30']]), { dryRun: false, sourceDoc: '孝义市委巡察反馈意见' });
    expect(own.body.counts).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });
});

describe('re-importing the same document', () => {
  it('updates requirement, measures and deadline instead of duplicating; the baseline stays', async () => {
    const before = await countMatters();
    const file = await messySheet((rows) => {
      (rows[6] as unknown[])[2] = '建立河道保洁长效机制，每月考核';
      (rows[7] as unknown[])[6] = '2026-10-31';
      (rows[8] as unknown[])[3] = '分区包片督查';
    });
    const dry = await upload(supervisor, file);
    expect(dry.body.counts).toEqual({ created: 0, updated: 3, unchanged: 3 });
    expect(dry.body.items.filter((i: { outcome: string }) => i.outcome === 'update').map((i: { row: number; changes: string[] }) => [i.row, i.changes])).toEqual([
      [6, ['requirement']],
      [7, ['due']],
      [8, ['measures']],
    ]);
    const r = await upload(supervisor, file, { dryRun: false });
    expect(r.body.counts).toEqual({ created: 0, updated: 3, unchanged: 3 });
    expect(await countMatters()).toBe(before);
    const moved = (await supervisor.get(`/api/matters/${r.body.items[1].matterId}`)).body;
    expect(moved.dueOn).toBe('2026-10-31');
    expect(moved.deadlines.filter((d: { step: string }) => d.step === 'complete').map((d: { due: string; baseline: string; status: string }) => [d.due, d.baseline, d.status])).toEqual([
      ['2026-10-31', '2026-09-30', 'open'],
    ]);
    expect(moved.events.map((e: { action: string }) => e.action)).toEqual(['create', 'recompute']);
    expect((await supervisor.get(`/api/matters/${r.body.items[0].matterId}`)).body.requirement).toBe('建立河道保洁长效机制，每月考核');
    const ledger = await supervisor.get(`/api/ledger?sourceDoc=${encodeURIComponent(DOC)}`);
    expect(ledger.body.items[1]).toMatchObject({ dueOn: '2026-10-31', baseline: '2026-09-30' });
    expect(ledger.body.items[0].baseline).toBeNull();
    // The same file again: nothing left to change; the original date is no change either.
    expect((await upload(supervisor, file)).body.counts).toEqual({ created: 0, updated: 0, unchanged: 6 });
    const original = await upload(supervisor, await messySheet());
    expect(original.body.items[1]).toMatchObject({ outcome: 'unchanged', note: '时限已调整为 2026-10-31，保留调整后的时限' });
  });
});

describe('exporting the ledger', () => {
  let closedTitle: string;

  it('a closed item shows 已销号; overdue ones are red', async () => {
    await at('2026-03-05');
    const item = (await supervisor.get(`/api/ledger?sourceDoc=${encodeURIComponent(DOC)}&unitId=${unit('离石区/发展和改革局')}`)).body.items[0];
    closedTitle = item.title;
    const step = (c: Client, body: object) => c.post(`/api/matters/${item.id}/actions`, body);
    expect((await step(clerk, { action: 'sign' })).status).toBe(200);
    expect((await step(clerk, { action: 'request_closure', text: '已完成油烟净化设施安装' })).status).toBe(200);
    expect((await step(supervisor, { action: 'accept', grade: 'good' })).status).toBe(200);
    await at('2026-07-02');
    await recomputeAll(h.tdb.db, h.clock.now());
    const rows = (await supervisor.get(`/api/ledger?sourceDoc=${encodeURIComponent(DOC)}`)).body.items;
    expect(rows.map((r: { stateLabel: string; lightLabel: string | null }) => [r.stateLabel, r.lightLabel])).toEqual([
      ['待签收', '红灯（已逾期）'],
      ['已销号', null],
      ['待签收', null],
      ['待签收', '红灯（已逾期）'],
      ['待签收', '红灯（已逾期）'],
      ['待签收', null],
    ]);
  });

  it('writes an .xlsx with a title, a frozen header, sections, real dates and the state coloured by light', async () => {
    const r = await download(supervisor, `/api/ledger.xlsx?sourceDoc=${encodeURIComponent(DOC)}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const name = `整改台账（${DOC}）-2026-07-02.xlsx`;
    expect(r.headers['content-disposition']).toBe(`attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())}`);
    const ws = await readBack(r.body);
    expect(ws.getCell('A1').value).toBe(`整改台账（${DOC}）`);
    expect(ws.getCell('A2').value).toBe('导出日期：2026-07-02　共 6 项，已销号 1 项，逾期 3 项');
    expect(rowValues(ws, 3)).toEqual(['序号', '问题', '整改要求', '整改措施', '责任单位', '整改时限', '进展情况', '状态']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getCell('A4').value).toBe('一、环境保护方面（3项）');
    expect(ws.getCell('A4').isMerged && ws.getCell('H4').isMerged).toBe(true);
    expect(rowValues(ws, 5)).toEqual([
      1,
      '东川河离石段垃圾清理不及时。多处河岸堆积生活垃圾，群众反映强烈。',
      '建立河道保洁长效机制，每月考核',
      '开展集中清理；落实河长巡河',
      '市生态环境局\n配合：市水利局',
      new Date(Date.UTC(2026, 5, 30)),
      '',
      '待签收\n红灯（已逾期）',
    ]);
    expect(rowValues(ws, 6)).toEqual([2, closedTitle, '完成油烟净化设施安装', '', '离石区发展和改革局', new Date(Date.UTC(2026, 9, 31)), '已完成油烟净化设施安装', '已销号']);
    expect(ws.getCell('F6').note).toBe('原定时限：2026-09-30（已调整）');
    expect(ws.getCell('F5').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('A8').value).toBe('二、营商环境方面（3项）');
    expect(rowValues(ws, 9).slice(0, 1)).toEqual([4]);
    expect((ws.getCell('H5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect((ws.getCell('H6').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE2EFDA');
    expect((ws.getCell('H7').fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none');
    expect(ws.getCell('B5').alignment?.wrapText).toBe(true);
    expect(ws.getColumn(2).width).toBe(40);
    expect(ws.rowCount).toBe(11);
  });

  it('the exported sheet imports back as no change', async () => {
    const r = await download(supervisor, `/api/ledger.xlsx?sourceDoc=${encodeURIComponent(DOC)}`);
    const again = await upload(supervisor, r.body);
    expect(again.body.errors).toEqual([]);
    expect(again.body.headerRow).toBe(3);
    expect(again.body.counts).toEqual({ created: 0, updated: 0, unchanged: 6 });
  });

  it('the import template: header, a grey note row and an example row that the import skips, and the unit names', async () => {
    const r = await download(supervisor, '/api/ledger/template.xlsx');
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(rowValues(ws, 3, 9)).toEqual(['序号', '问题', '整改要求', '整改措施', '责任单位', '配合单位', '整改时限', '进展情况', '备注']);
    expect(ws.getCell('A4').value).toBe('填写说明');
    expect(ws.getCell('A5').value).toBe('示例');
    expect(ws.getCell('B4').font?.color?.argb).toBe('FF808080');
    const names = wb.getWorksheet('单位名称') as ExcelJS.Worksheet;
    expect(names.getCell('A2').value).toBe('吕梁市');
    const empty = await upload(supervisor, r.body);
    expect(empty.body).toMatchObject({ ok: true, items: [], headerRow: 3 });
    expect((await download(clerk, '/api/ledger/template.xlsx')).status).toBe(403);
  });
});

// ---------------------------------------------------------------- the command line

describe.runIf(testDbMode === 'pglite')('npx luoshi import ledger', () => {
  const run = (args: string[], env: Record<string, string>) => luoshi(['import', 'ledger', ...args], env);

  it('imports as the admin account on the configured database, with the same contract and all-or-nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-import-'));
    try {
      const db = await openPglite({ dataDir: path.join(dir, 'pg') });
      await migrate(db);
      await loadDemo(db, { now: new Date(), adminPassword: ADMIN_PASSWORD });
      await db.close();
      const env = { LUOSHI_DATA_DIR: dir };
      // Far-future deadlines: the command runs on today's date.
      const bad = path.join(dir, 'bad.xlsx');
      fs.writeFileSync(bad, await simpleSheet([[1, '村级财务管理不规范', '离石区', '2099-06-30'], [2, '矛盾纠纷化解不及时', '市环保局', '长期坚持']]));
      const dry = await run([bad, '--source-doc', '市委第一巡察组反馈意见', '--dry-run', '--json'], env);
      expect(dry.code).toBe(1);
      const result = JSON.parse(dry.out);
      expect(result.ok).toBe(false);
      expect(result.items.map((i: Record<string, unknown>) => [i.row, i.title, i.leadUnit, i.due])).toEqual([
        [2, '村级财务管理不规范', '离石区', '2099-06-30'],
        [3, '矛盾纠纷化解不及时', '市环保局', null],
      ]);
      expect(result.errors.map((e: Record<string, unknown>) => [e.row, e.column, e.message])).toEqual([
        [3, 'C（责任单位）', '未找到单位「市环保局」，是否为：市生态环境局'],
        [3, 'D（完成时限）', '长期坚持类事项须给出阶段性完成时限'],
      ]);
      expect((await run([bad, '--source-doc', '市委第一巡察组反馈意见'], env)).code).toBe(1);
      const good = path.join(dir, 'good.xlsx');
      fs.writeFileSync(good, await simpleSheet([[1, '村级财务管理不规范', '离石区', '2099-06-30'], [2, '矛盾纠纷化解不及时', '孝义', '2099.9.30']]));
      const ok = await run([good, '--source-doc', '市委第一巡察组反馈意见', '--json'], env);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out)).toMatchObject({ ok: true, dryRun: false, counts: { created: 2, updated: 0, unchanged: 0 } });
      const table = await run([good, '--source-doc', '市委第一巡察组反馈意见', '--dry-run'], env);
      expect(table.code).toBe(0);
      expect(table.out).toContain('would create 0, would update 0, unchanged 2');
      expect((await run([good], env)).code).toBe(2);
      const check = await openPglite({ dataDir: path.join(dir, 'pg') });
      const rows = await check.query<{ title: string; lead: string; by: string }>(
        `select m.title, u.name as lead, us.username as by from matters m join units u on u.id = m.lead_unit_id join users us on us.id = m.created_by order by m.id`,
      );
      await check.close();
      expect(rows).toEqual([
        { title: '村级财务管理不规范', lead: '离石区', by: 'admin' },
        { title: '矛盾纠纷化解不及时', lead: '孝义市', by: 'admin' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
