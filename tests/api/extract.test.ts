/**
 * Drafting a 任务分解表 from a report over HTTP: a real page of the 2020 government work report
 * uploaded as .txt, a .docx and a GBK text, the lead units resolved to the organisation's units,
 * the refusals of bad files, who may draft, and the reviewed rows exported as .xlsx and read back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, type Client, type Harness } from '../support/app.ts';
import { extract } from '../../src/modules/extract/extract.ts';
import type { DecompositionExportBody } from '../../src/modules/extract/schema.ts';

const REPORT = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/extract/003_7887877c5b6e8f59.part1.txt'));

let h: Harness;
let supervisor: Client;
let clerk: Client;

beforeAll(async () => {
  h = await harness({ LUOSHI_UPLOAD_LIMIT_MB: '1' });
  supervisor = await h.as('supervisor');
  clerk = await h.as('lishi_clerk');
});
afterAll(async () => h?.close());

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer } | null): { body: Buffer; type: string } {
  const boundary = '----luoshi' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(c: Client, name: string, content: Buffer, fields: Record<string, string> = {}) {
  const m = multipart(fields, { name, content });
  const headers: Record<string, string> = { 'content-type': m.type, 'x-csrf-token': c.csrf ?? '', cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  const res = await h.app.inject({ method: 'POST', url: '/api/extract', payload: m.body, headers });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

/** A .docx holding only word/document.xml with these paragraphs. */
function docx(paragraphs: string[]): Buffer {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(xml) }));
}

const unit = (name: string) => h.ids.units.get(name) as number;
type Item = { text: string; leadUnit: string | null; leadUnitId: number | null; span: [number, number] } & Record<string, unknown>;
const find = (items: Item[], text: string) => {
  const it = items.find((i) => i.text === text);
  if (!it) throw new Error(`no item ${text}`);
  return it;
};

describe('uploading a report', () => {
  it('drafts the 2020 report page: its items, figures, deadlines, lead units resolved to units, and the text the spans point into', async () => {
    const r = await upload(supervisor, '2020年政府工作报告.txt', REPORT);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ fileName: '2020年政府工作报告.txt', year: 2020, detectedYear: 2020 });
    expect(r.body.text).toBe(REPORT.toString('utf8'));
    expect(r.body.items).toHaveLength(103);
    expect(r.body.items).toHaveLength(extract(REPORT.toString('utf8')).items.length);

    const training = find(r.body.items, '力争年内培训1.25万人、就业1万人');
    expect(training).toMatchObject({
      kind: 'task',
      quantities: [
        { value: 1.25, unit: '万人', qualifier: null, raw: '1.25万人' },
        { value: 1, unit: '万人', qualifier: null, raw: '1万人' },
      ],
      deadline: '2020-12-31',
      deadlineText: '年内',
      section: '（一）全力打好三大攻坚战，加快补齐全面建成小康社会短板 / 决战完胜脱贫攻坚战',
      leadUnit: '市人社局',
      leadKeyword: '就业',
      leadUnitId: unit('市人社局'),
    });
    // The span is in the text as uploaded (line breaks of the newspaper column included).
    expect(r.body.text.slice(...training.span).replace(/\s+/g, '')).toBe(training.text);
    expect(find(r.body.items, '城镇新增就业3.8万人以上')).toMatchObject({ kind: 'target', quantities: [{ value: 3.8, unit: '万人', qualifier: '以上' }], leadUnitId: unit('市人社局') });
    expect(find(r.body.items, '确保6月底前所有问题整改到位')).toMatchObject({ deadline: '2020-06-30', deadlineText: '6月底前', leadUnit: null, leadUnitId: null });
    // Every suggestion of the default map names a department of the demo city.
    for (const it of r.body.items as Item[]) expect(it.leadUnitId === null).toBe(it.leadUnit === null);
    // Nothing is stored.
    expect((await h.tdb.db.query<{ n: number }>('select count(*)::int as n from files'))[0]?.n).toBe(0);
  });

  it('resolves deadlines against the year given instead of the one found', async () => {
    const r = await upload(supervisor, 'report.txt', REPORT, { year: '2027' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ year: 2027, detectedYear: 2020 });
    expect(find(r.body.items, '确保6月底前所有问题整改到位').deadline).toBe('2027-06-30');
  });

  it('reads a .docx (one paragraph a line) and a text saved in GBK', async () => {
    const d = await upload(supervisor, '2027年政府工作报告.docx', docx(['一、2026年工作回顾', '去年完成了很多工作。', '二、2027年工作安排', '全年城镇新增就业3.5万人以上。', '6月底前完成12所中小学校改造，年底前建成2个污水处理厂。']));
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ year: 2027, detectedYear: 2027 });
    expect(d.body.text.split('\n')).toHaveLength(5);
    expect(d.body.items.map((i: Item) => [i.text, i.deadline, i.leadUnitId])).toEqual([
      ['全年城镇新增就业3.5万人以上', '2027-12-31', unit('市人社局')],
      ['6月底前完成12所中小学校改造', '2027-06-30', unit('市教育局')],
      ['年底前建成2个污水处理厂', '2027-12-31', unit('市住建局')],
    ]);

    const gbk = Buffer.from('b6fea1a232303237c4eab9a4d7f7b0b2c5c50ac8abc4ead0c2bda8d3d7b6f9d4b035cbf9d2d4c9cfa1a3', 'hex');
    const g = await upload(supervisor, 'gbk.txt', gbk);
    expect(g.status).toBe(200);
    expect(g.body.text).toBe('二、2027年工作安排\n全年新建幼儿园5所以上。');
    expect(g.body.items).toMatchObject([{ text: '全年新建幼儿园5所以上', kind: 'target', deadline: '2027-12-31', leadUnitId: unit('市教育局') }]);
  });

  it('refuses files it cannot read, each with its reason in both languages', async () => {
    const pdf = await upload(supervisor, '报告.pdf', Buffer.from('%PDF-1.7'));
    expect(pdf.status).toBe(400);
    expect(pdf.body.error).toMatchObject({
      code: 'BAD_FILE_NAME',
      message: '只能识别 .txt 或 .docx 文件，「报告.pdf」不是；PDF 请先复制文字另存为 .txt',
      messageEn: 'Only .txt and .docx files can be read; "报告.pdf" is neither; copy the text of a PDF into a .txt file',
    });
    const empty = await upload(supervisor, 'empty.txt', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'VALIDATION', message: 'file：文件是空的', messageEn: 'file: the file is empty' });
    const blank = await upload(supervisor, 'blank.txt', Buffer.from(' \n\u3000\n'));
    expect(blank.body.error.message).toBe('file：文件中没有文字');
    const broken = await upload(supervisor, 'broken.docx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not a zip at all')]));
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'VALIDATION', message: 'file：无法读取 .docx：文件已损坏或不是 Word 文档', messageEn: 'file: cannot read the .docx: it is damaged or not a Word document' });
    const doc = await upload(supervisor, 'old.docx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(doc.body.error.message).toBe('file：这是旧版 Word（.doc）文件，请在 Word 或 WPS 中“另存为” .docx 后再上传');
    const binary = await upload(supervisor, 'photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    expect(binary.body.error.message).toBe('file：文件不是文本文件');
    const big = await upload(supervisor, 'big.txt', Buffer.alloc(1024 * 1024 + 10, 'a'));
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: '文件超过 1 MB：请删去文中的图片，或另存为 .txt 后再上传',
      messageEn: 'The file is larger than 1 MB: remove its pictures, or save it as .txt, and upload it again',
    });
    const year = await upload(supervisor, 'report.txt', REPORT, { year: '20x7' });
    expect(year.status).toBe(400);
    expect(year.body.error.details.issues[0].field).toBe('year');
    const notMultipart = await supervisor.post('/api/extract', {});
    expect(notMultipart.status).toBe(415);
    const m = multipart({ year: '2027' }, null);
    const noFile = await h.app.inject({
      method: 'POST',
      url: '/api/extract',
      payload: m.body,
      headers: { 'content-type': m.type, 'x-csrf-token': supervisor.csrf ?? '', cookie: [...supervisor.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(noFile.statusCode).toBe(400);
    expect(JSON.parse(noFile.body).error).toMatchObject({ message: 'file：缺少文件', messageEn: 'file: no file was sent' });
  });

  it('is for city-wide planning roles: a clerk may neither draft nor export', async () => {
    const r = await upload(clerk, 'report.txt', REPORT);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    const x = await clerk.post('/api/extract/export.xlsx', { document: 'x', rows: [{ seq: 1, kind: 'task', text: 'x' }] });
    expect(x.status).toBe(403);
  });
});

describe('exporting the reviewed rows', () => {
  const body: DecompositionExportBody = {
    document: '2027年政府工作报告',
    rows: [
      { seq: 1, kind: 'target', text: '地区生产总值增长6.1%左右', quantities: '6.1%左右', section: '二、2027年工作安排', deadline: null, deadlineText: null, leadUnit: '市发改委', assistUnits: ['市统计局'], note: '' },
      { seq: 2, kind: 'task', text: '力争年内培训1.25万人、就业1万人', quantities: '1.25万人；1万人', section: '（一）全力打好三大攻坚战 / 决战完胜脱贫攻坚战', deadline: '2027-12-31', deadlineText: '年内', leadUnit: '市人社局', assistUnits: ['市乡村振兴局', '离石区'], note: '按季度调度' },
      { seq: 3, kind: 'project', text: '开工建设4个污水处理厂扩容工程', quantities: '4个', section: '（一）全力打好三大攻坚战 / 坚决打赢污染防治攻坚战', deadline: '2027-06-30', deadlineText: '6月底前', leadUnit: '市住建局', assistUnits: [], note: '' },
    ],
  };

  it('writes the 任务分解 layout: title, summary, frozen header, section rows and the rows', async () => {
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/extract/export.xlsx',
      payload: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'x-csrf-token': supervisor.csrf ?? '', cookie: [...supervisor.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('「2027年政府工作报告」重点任务分解表-2026-03-02.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toBe('任务分解');
    expect(ws.getCell('A1').value).toBe('「2027年政府工作报告」重点任务分解表');
    expect(ws.getCell('A2').value).toBe('共 3 项（目标 1 项，任务 1 项，项目 1 项）　导出日期：2026-03-02　本表由报告初步分解，请核对后使用');
    const values = (n: number) => Array.from({ length: 8 }, (_, i) => ws.getRow(n).getCell(i + 1).value);
    expect(values(3)).toEqual(['序号', '类别', '工作任务', '量化指标', '完成时限', '牵头单位', '配合单位', '备注']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getColumn(3).width).toBe(48);
    expect(ws.getCell('A4').value).toBe('二、2027年工作安排（1项）');
    expect(values(5)).toEqual([1, '目标', '地区生产总值增长6.1%左右', '6.1%左右', '', '市发改委', '市统计局', '']);
    expect(ws.getCell('A6').value).toBe('（一）全力打好三大攻坚战（2项）');
    expect(ws.getCell('A7').value).toBe('决战完胜脱贫攻坚战（1项）');
    expect(values(8)).toEqual([2, '任务', '力争年内培训1.25万人、就业1万人', '1.25万人；1万人', new Date(Date.UTC(2027, 11, 31)), '市人社局', '市乡村振兴局、离石区', '按季度调度']);
    expect(ws.getCell('E8').numFmt).toBe('yyyy"年"m"月"d"日"');
    expect(ws.getCell('E8').note).toBe('原文：年内');
    expect(ws.getCell('C8').alignment).toMatchObject({ wrapText: true });
    expect(ws.getCell('C8').font).toMatchObject({ name: '宋体' });
    expect(ws.getCell('A9').value).toBe('坚决打赢污染防治攻坚战（1项）');
    expect(values(10).slice(0, 3)).toEqual([3, '项目', '开工建设4个污水处理厂扩容工程']);
    expect(ws.rowCount).toBe(10);
  });

  it('refuses an empty export and names the bad field of a row', async () => {
    const empty = await supervisor.post('/api/extract/export.xlsx', { document: '报告', rows: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.issues[0].field).toBe('rows');
    const bad = await supervisor.post('/api/extract/export.xlsx', { document: '报告', rows: [{ seq: 1, kind: 'goal', text: 'x' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('rows.0.kind');
  });
});

describe('the API description', () => {
  it('lists both endpoints: the draft it answers and the rows it exports', async () => {
    const r = await h.client().get('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.paths['/api/extract'].post.responses['200'].content['application/json'].schema.properties)).toEqual(['fileName', 'year', 'detectedYear', 'text', 'items']);
    expect(r.body.paths['/api/extract/export.xlsx'].post.requestBody.content['application/json'].schema.required).toEqual(['document', 'rows']);
  });
});

describe('lead units by name or short name', () => {
  it('matches a renamed department by its short name, and keeps the suggestion with no unit when nothing matches', async () => {
    await h.tdb.db.query(`update units set name = '吕梁市人力资源和社会保障局', short_name = '市人社局' where id = $1`, [unit('市人社局')]);
    const byShort = await upload(supervisor, 'report.txt', REPORT);
    expect(find(byShort.body.items, '城镇新增就业3.8万人以上')).toMatchObject({ leadUnit: '市人社局', leadUnitId: unit('市人社局') });
    await h.tdb.db.query(`update units set short_name = '人社局' where id = $1`, [unit('市人社局')]);
    const none = await upload(supervisor, 'report.txt', REPORT);
    expect(find(none.body.items, '城镇新增就业3.8万人以上')).toMatchObject({ leadUnit: '市人社局', leadUnitId: null });
    expect(find(none.body.items, '地区生产总值增长6.1%左右')).toMatchObject({ leadUnit: '市发改委', leadUnitId: unit('市发改委') });
  });
});
