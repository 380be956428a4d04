/**
 * The ledger's spreadsheets: writing the ledger (title, frozen header, widths, wrapped text, real
 * dates, the state coloured by its light) and the import template. Reading an upload is
 * platform/sheets.ts.
 */
import ExcelJS from 'exceljs';
import type { Light } from '../../domain/matters.ts';
import { LEDGER_COLUMNS, type LedgerRow } from './schema.ts';

// Re-exported for the ledger's service, which imports it from here.
export { readWorkbook } from '../../platform/sheets.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---------------------------------------------------------------- writing

export const FONT = '宋体';
export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF999999' } },
  left: { style: 'thin', color: { argb: 'FF999999' } },
  bottom: { style: 'thin', color: { argb: 'FF999999' } },
  right: { style: 'thin', color: { argb: 'FF999999' } },
};
export const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** The state cell's colours by light (fill, text); a closed item is green. */
export const LIGHT_COLOURS: Record<Light | 'closed', { fill: string; font: string } | null> = {
  none: null,
  blue: { fill: 'FFDDEBF7', font: 'FF1F4E78' },
  yellow: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  red: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  closed: { fill: 'FFE2EFDA', font: 'FF375623' },
};

/** A day as an Excel date (exceljs writes dates in UTC). */
export const excelDate = (day: string): Date => new Date(`${day}T00:00:00Z`);

/** A merged title row (黑体) and a merged subtitle row above a sheet's header. */
export function titleRows(ws: ExcelJS.Worksheet, width: number, title: string, subtitle: string): void {
  ws.mergeCells(1, 1, 1, width);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: '黑体', size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 32;
  ws.mergeCells(2, 1, 2, width);
  const s = ws.getCell(2, 1);
  s.value = subtitle;
  s.font = { name: FONT, size: 10, color: { argb: 'FF555555' } };
  s.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
}

/** A header row: bold, centred, grey, bordered. */
export function headerRow(ws: ExcelJS.Worksheet, row: number, labels: readonly string[]): void {
  const r = ws.getRow(row);
  labels.forEach((label, i) => {
    const c = r.getCell(i + 1);
    c.value = label;
    c.font = { name: FONT, size: 11, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = fill('FFD9D9D9');
    c.border = THIN;
  });
  r.height = 24;
}

export interface LedgerSheet {
  title: string;
  subtitle: string;
  rows: readonly LedgerRow[];
  /** Show the source document in section rows (the export spans several documents). */
  manyDocuments: boolean;
}

/** The ledger as an .xlsx: title, subtitle, header frozen and repeated on every printed page, a section row per category. */
export async function ledgerWorkbook(sheet: LedgerSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const width = LEDGER_COLUMNS.length;
  const HEADER = 3;
  const ws = wb.addWorksheet('整改台账', {
    views: [{ state: 'frozen', ySplit: HEADER }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER}:${HEADER}` },
  });
  ws.columns = LEDGER_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  titleRows(ws, width, sheet.title, sheet.subtitle);
  headerRow(ws, HEADER, LEDGER_COLUMNS.map((c) => c.zh));
  const sectionKey = (r: LedgerRow) => `${r.sourceDoc}${r.category}`;
  const sizes = new Map<string, number>();
  for (const r of sheet.rows) sizes.set(sectionKey(r), (sizes.get(sectionKey(r)) ?? 0) + 1);
  let section: string | null = null;
  let at = HEADER;
  for (const r of sheet.rows) {
    const key = sectionKey(r);
    if (key !== section) {
      section = key;
      const name = [sheet.manyDocuments ? `【${r.sourceDoc}】` : '', r.category].join('');
      if (name) {
        at++;
        ws.mergeCells(at, 1, at, width);
        const c = ws.getCell(at, 1);
        c.value = `${name}（${sizes.get(key)}项）`;
        c.font = { name: FONT, size: 11, bold: true };
        c.alignment = { vertical: 'middle' };
        c.fill = fill('FFF2F2F2');
        c.border = THIN;
      }
    }
    at++;
    const row = ws.getRow(at);
    const stateText = r.lightLabel ? `${r.stateLabel}\n${r.lightLabel}` : r.stateLabel;
    row.values = [r.seq, r.problem, r.requirement, r.measures, r.units, r.dueOn ? excelDate(r.dueOn) : '', r.progress, stateText];
    row.eachCell({ includeEmpty: true }, (c, n) => {
      if (n > width) return;
      c.font = { name: FONT, size: 10 };
      c.alignment = { vertical: 'top', wrapText: true, ...(n === 1 || n === 6 || n === 8 ? { horizontal: 'center' } : {}) };
      c.border = THIN;
    });
    const due = row.getCell(6);
    due.numFmt = 'yyyy-mm-dd';
    if (r.baseline) due.note = `原定时限：${r.baseline}（已调整）`;
    const colours = LIGHT_COLOURS[r.closed ? 'closed' : r.light];
    if (colours) {
      const s = row.getCell(8);
      s.fill = fill(colours.fill);
      s.font = { name: FONT, size: 10, bold: true, color: { argb: colours.font } };
    }
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The template's columns, with what to write in each (the grey note row). */
export const TEMPLATE_COLUMNS = [
  { label: '序号', width: 8, note: '填写说明', example: '示例' },
  { label: '问题', width: 40, note: '一个问题一行；首句作为标题，全文作为问题描述', example: '城区部分河道垃圾清理不及时。东川河离石段多处河岸堆积生活垃圾，群众反映强烈。' },
  { label: '整改要求', width: 28, note: '反馈意见提出的整改要求', example: '建立河道日常保洁长效机制，6月底前完成集中清理。' },
  { label: '整改措施', width: 34, note: '责任单位拟采取的措施（可后补）', example: '1.开展集中清理；2.落实河长巡河制度；3.纳入城市管理考核。' },
  { label: '责任单位', width: 18, note: '牵头单位全称或简称；多个单位用顿号分隔，第一个为牵头单位', example: '市城市管理局' },
  { label: '配合单位', width: 18, note: '可空；多个用顿号分隔', example: '市水利局、离石区' },
  { label: '整改时限', width: 14, note: '日期，如 2026-06-30 或 2026年6月底前；长期坚持的须写阶段性完成时限', example: '2026-06-30' },
  { label: '进展情况', width: 24, note: '可空', example: '' },
  { label: '备注', width: 16, note: '可空，并入问题描述', example: '' },
] as const;

/** An empty import template: title, a note line, the header, a grey note row and a grey example row (both skipped by the import), and a sheet of unit names. */
export async function templateWorkbook(units: readonly { label: string; shortName: string | null }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const width = TEMPLATE_COLUMNS.length;
  const ws = wb.addWorksheet('整改台账', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ width: c.width }));
  titleRows(ws, width, '整改台账导入模板', '说明：标题行和本说明行可保留；灰色的“填写说明”“示例”两行导入时跳过；分类行（如“一、环境保护方面（5项）”）可单独成行，其下事项归入该类。');
  headerRow(ws, 3, TEMPLATE_COLUMNS.map((c) => c.label));
  const grey = (row: number, values: readonly string[], italic: boolean) => {
    const r = ws.getRow(row);
    values.forEach((v, i) => {
      const c = r.getCell(i + 1);
      c.value = i === 6 && /^\d{4}-\d{2}-\d{2}$/.test(v) ? excelDate(v) : v;
      if (i === 6) c.numFmt = 'yyyy-mm-dd';
      c.font = { name: FONT, size: 9, italic, color: { argb: 'FF808080' } };
      c.fill = fill('FFF2F2F2');
      c.alignment = { vertical: 'top', wrapText: true };
      c.border = THIN;
    });
  };
  grey(4, TEMPLATE_COLUMNS.map((c) => c.note), false);
  grey(5, TEMPLATE_COLUMNS.map((c) => c.example), true);
  for (let r = 6; r <= 105; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: true };
      if (c === 7) cell.numFmt = 'yyyy-mm-dd';
    }
  }
  const names = wb.addWorksheet('单位名称');
  names.columns = [{ header: '单位名称', width: 30 }, { header: '简称', width: 14 }];
  names.getRow(1).font = { name: FONT, bold: true };
  for (const u of units) names.addRow([u.label, u.shortName ?? '']);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
