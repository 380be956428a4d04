/** The ledger's source documents: what the document filter of the ledger offers, with its counts, scoped like the ledger. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { harness, makeUser, type Client, type Harness } from '../support/app.ts';
import { loadDemoMatters } from '../../src/demo/matters.ts';

let h: Harness;
let supervisor: Client;
let clerk: Client;
let xiaoyiSupervisor: Client;

const INSPECTION = '省第三生态环境保护督察组反馈问题整改清单';
const AUDIT = '2025年度市本级预算执行审计发现问题整改';
const NEW_DOC = '市委第三巡察组反馈意见';

beforeAll(async () => {
  h = await harness();
  // The demo's matters: an inspection's and an audit's rectification items among them.
  await loadDemoMatters(h.tdb.db, h.clock.now());
  const admin = await h.as('admin');
  await makeUser(h, admin, { username: 'xiaoyi_sup', unit: '孝义市', role: 'supervisor', scope: 'subtree' });
  supervisor = await h.as('supervisor');
  clerk = await h.as('lishi_clerk');
  xiaoyiSupervisor = await h.as('xiaoyi_sup');
});
afterAll(async () => h?.close());

interface Doc {
  sourceDoc: string;
  total: number;
  closed: number;
  overdue: number;
}

/** The counts of a document as the ledger's own rows give them. */
async function countedFromRows(c: Client, sourceDoc: string): Promise<Doc> {
  const r = await c.get(`/api/ledger?sourceDoc=${encodeURIComponent(sourceDoc)}&pageSize=200`);
  const rows = r.body.items as { closed: boolean; light: string }[];
  return { sourceDoc, total: r.body.total, closed: rows.filter((x) => x.closed).length, overdue: rows.filter((x) => !x.closed && x.light === 'red').length };
}

async function sheetWithSections(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['序号', '问题', '责任单位', '完成时限']);
  ws.addRow(['一、作风建设方面（1项）']);
  ws.addRow([1, '会议文件多、督查检查多', '市政府办公室', '2026-06-30']);
  ws.addRow(['二、资金管理方面（1项）']);
  ws.addRow([2, '专项资金使用绩效不高', '市财政局', '2026-09-30']);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function importSheet(c: Client, file: Buffer, sourceDoc: string) {
  const boundary = '----luoshidocs';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="sourceDoc"\r\n\r\n${sourceDoc}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ledger.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': c.csrf ?? '', cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  const res = await h.app.inject({ method: 'POST', url: '/api/ledger/import?dryRun=false', payload: body, headers });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

describe('GET /api/ledger/documents', () => {
  it('lists the rectification documents the supervisor sees, newest first, with items, closed and overdue counts', async () => {
    const r = await supervisor.get('/api/ledger/documents');
    expect(r.status).toBe(200);
    const items = r.body.items as Doc[];
    expect(items).toEqual([
      { sourceDoc: AUDIT, total: 4, closed: 1, overdue: 0 },
      // 中阳县's item is past its deadline and still open.
      { sourceDoc: INSPECTION, total: 8, closed: 2, overdue: 1 },
    ]);
    // The same counts as the ledger's rows of each document.
    for (const d of items) expect(d).toEqual(await countedFromRows(supervisor, d.sourceDoc));
    const red = (await supervisor.get(`/api/ledger?sourceDoc=${encodeURIComponent(INSPECTION)}`)).body.items.filter((x: { closed: boolean; light: string }) => !x.closed && x.light === 'red');
    expect(red.map((x: { title: string }) => x.title)).toEqual(['中阳县钢铁企业超低排放改造滞后']);
  });

  it('is scoped like the ledger: a county supervisor sees the county’s items only; a clerk with none sees no document', async () => {
    const county = await xiaoyiSupervisor.get('/api/ledger/documents');
    expect(county.body.items).toEqual([{ sourceDoc: INSPECTION, total: 1, closed: 0, overdue: 0 }]);
    expect((await xiaoyiSupervisor.get(`/api/ledger?sourceDoc=${encodeURIComponent(INSPECTION)}`)).body.items.map((i: { title: string }) => i.title)).toEqual([
      '孝义市焦化企业废水处理设施运行不正常',
    ]);
    const none = await clerk.get('/api/ledger/documents');
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
  });

  it('counts a document once whatever its sections, and follows the source filter', async () => {
    const r = await importSheet(supervisor, await sheetWithSections(), NEW_DOC);
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const docs = (await supervisor.get('/api/ledger/documents')).body.items as Doc[];
    expect(docs[0]).toEqual({ sourceDoc: NEW_DOC, total: 2, closed: 0, overdue: 0 });
    expect(docs).toHaveLength(3);
    const rows = (await supervisor.get(`/api/ledger?sourceDoc=${encodeURIComponent(NEW_DOC)}`)).body.items as { category: string }[];
    expect(rows.map((x) => x.category)).toEqual(['一、作风建设方面', '二、资金管理方面']);
    const meetings = (await supervisor.get('/api/ledger/documents?source=meeting')).body.items as Doc[];
    expect(meetings.map((d) => d.sourceDoc)).toEqual(['市政府第107次常务会议']);
    expect(meetings[0]?.total).toBe((await supervisor.get(`/api/ledger?source=meeting&sourceDoc=${encodeURIComponent('市政府第107次常务会议')}`)).body.total);
  });

  it('refuses unknown filters and needs a session', async () => {
    expect((await supervisor.get('/api/ledger/documents?unit=1')).status).toBe(400);
    expect((await supervisor.get('/api/ledger/documents?source=nonsense')).status).toBe(400);
    expect((await h.client().get('/api/ledger/documents')).status).toBe(401);
  });
});
