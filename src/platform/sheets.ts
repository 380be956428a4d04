/**
 * Uploaded spreadsheets, whatever they hold: reading an .xlsx workbook into cell values, and the
 * small helpers every sheet parser needs (column letters and references, half-width text, cell
 * text, header labels). The parsers themselves are pure and live with their modules.
 */
import ExcelJS from 'exceljs';
import { AppError } from './errors.ts';

export type CellValue = string | number | boolean | Date | null;

/** A worksheet's values: rows[0] is Excel row 1, rows[r][0] is column A. */
export interface SheetValues {
  name: string;
  rows: CellValue[][];
}

export interface Column {
  /** 0-based index. */
  index: number;
  letter: string;
  /** The header text as the sheet writes it. */
  label: string;
}

export interface RowError {
  row: number | null;
  column: string | null;
  message: string;
  messageEn: string;
}

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "F（完成时限）": the column as an error names it. */
export const columnRef = (c: Column): string => `${c.letter}（${c.label}）`;

/** Full-width digits, letters and ASCII punctuation to half-width; ideographic space to space. */
export function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => {
    const h = String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    // Keep the Chinese brackets, colon and comma as written: they are part of names and labels.
    return '（）：，；、'.includes(c) ? c : h;
  }).replace(/\u3000/g, ' ');
}

/** A date cell's day (exceljs reads dates as UTC midnight, give or take a rounding second). */
export const isoOf = (d: Date): string => new Date(Math.floor((d.getTime() + 1000) / 86_400_000) * 86_400_000).toISOString().slice(0, 10);

/** A cell as text: dates as YYYY-MM-DD, numbers as written, text trimmed. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoOf(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.replace(/\r\n?/g, '\n').trim();
}

/** A header text reduced to what identifies it: no spaces or line breaks, no bracketed remarks, no "*" marks. */
export function normalLabel(s: string): string {
  return halfWidth(s)
    .replace(/\s+/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[*＊:：]/g, '');
}

// ---------------------------------------------------------------- reading a workbook

/** Rows read from one sheet at most, unless the caller allows more: a ledger is hundreds of rows. */
const MAX_ROWS = 5000;
const MAX_COLUMNS = 40;

const bad = (zh: string, en: string) => new AppError('VALIDATION', { message: zh, messageEn: en, details: { issues: [{ field: 'file', message: zh, messageEn: en }] } });

/** A cell's value as the parser sees it: formulas by their result, rich text and links by their text. */
function valueOf(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return valueOf((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : valueOf(v.text as ExcelJS.CellValue);
    if ('error' in v) return null;
  }
  return null;
}

/** The visible sheets of an .xlsx file as cell values; merged cells read as their top-left cell. */
export async function readWorkbook(content: Buffer, maxRows = MAX_ROWS): Promise<SheetValues[]> {
  if (content.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw bad('文件是旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx 后再导入', 'This is an old .xls file; save it as .xlsx in Excel or WPS and import that');
  }
  if (!content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw bad('文件不是 .xlsx 工作簿', 'The file is not an .xlsx workbook');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch {
    throw bad('无法读取工作簿：文件已损坏或不是 .xlsx 格式', 'Cannot read the workbook: it is damaged or not an .xlsx file');
  }
  const sheets: SheetValues[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    if (ws.rowCount > maxRows) {
      throw bad(`工作表「${ws.name}」超过 ${maxRows} 行，请拆分后导入`, `The sheet "${ws.name}" has more than ${maxRows} rows; split it`);
    }
    const width = Math.min(ws.columnCount, MAX_COLUMNS);
    const rows: CellValue[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: CellValue[] = [];
      // A merged cell's value is its master's (exceljs), so a merged range reads as its top-left cell.
      for (let c = 1; c <= width; c++) cells.push(valueOf(row.getCell(c).value));
      rows.push(cells);
    }
    sheets.push({ name: ws.name, rows });
  }
  return sheets;
}
