/**
 * The reviewed draft as a 任务分解表 in the layout supervision offices use: a title row
 * (「2027年政府工作报告」重点任务分解表), a summary line, the header 序号 / 类别 / 工作任务 / 量化指标 /
 * 完成时限 / 牵头单位 / 配合单位 / 备注 frozen and repeated on every printed page, and the rows under
 * full-width rows of the report's parts ("（一）…" and the line below it) as the report has them.
 */
import ExcelJS from 'exceljs';
import { excelDate, FONT, fill, headerRow, THIN, titleRows } from '../ledger/xlsx.ts';
import { DECOMPOSITION_COLUMNS, decompositionTitle, KIND_LABELS, type DecompositionRow } from './schema.ts';

/** The parts of a section ("（一）… / 决战完胜脱贫攻坚战" → two levels). */
const levels = (section: string | null): string[] => (section ? section.split(' / ').map((s) => s.trim()).filter(Boolean) : []);

export interface DecompositionSheet {
  document: string;
  rows: readonly DecompositionRow[];
  /** The day of the export, YYYY-MM-DD. */
  today: string;
}

export async function decompositionWorkbook(sheet: DecompositionSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const width = DECOMPOSITION_COLUMNS.length;
  const HEADER = 3;
  const ws = wb.addWorksheet('任务分解', {
    views: [{ state: 'frozen', ySplit: HEADER }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER}:${HEADER}` },
  });
  ws.columns = DECOMPOSITION_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const count = (kind: DecompositionRow['kind']) => sheet.rows.filter((r) => r.kind === kind).length;
  const subtitle =
    `共 ${sheet.rows.length} 项（目标 ${count('target')} 项，任务 ${count('task')} 项，项目 ${count('project')} 项）` +
    `　导出日期：${sheet.today}　本表由报告初步分解，请核对后使用`;
  titleRows(ws, width, decompositionTitle(sheet.document), subtitle);
  headerRow(ws, HEADER, DECOMPOSITION_COLUMNS.map((c) => c.zh));

  // Each row's parts; a row without a part after rows with one goes under 其他.
  const partsOf: string[][] = [];
  sheet.rows.forEach((r, i) => {
    const own = levels(r.section);
    partsOf.push(own.length === 0 && i > 0 && (partsOf[i - 1] as string[]).length > 0 ? ['其他'] : own);
  });
  const prefix = (i: number, depth: number) => (partsOf[i] as string[]).slice(0, depth + 1).join(' / ');
  /** How many rows the run of a part starting at row `from` holds (a part may come back later: counted per run). */
  const runSize = (from: number, depth: number): number => {
    let n = 0;
    while (from + n < sheet.rows.length && prefix(from + n, depth) === prefix(from, depth)) n++;
    return n;
  };

  let at = HEADER;
  sheet.rows.forEach((r, index) => {
    const parts = partsOf[index] as string[];
    // A new upper part opens its lower ones afresh.
    let changed = index === 0;
    parts.forEach((label, depth) => {
      changed ||= prefix(index, depth) !== prefix(index - 1, depth);
      if (!changed) return;
      at++;
      ws.mergeCells(at, 1, at, width);
      const c = ws.getCell(at, 1);
      c.value = `${label}（${runSize(index, depth)}项）`;
      c.font = { name: FONT, size: depth === 0 ? 11 : 10, bold: true, charset: 134 };
      c.alignment = { vertical: 'middle', wrapText: true, indent: depth };
      c.fill = fill(depth === 0 ? 'FFF2F2F2' : 'FFFAFAFA');
      c.border = THIN;
    });
    at++;
    const row = ws.getRow(at);
    row.values = [r.seq, KIND_LABELS[r.kind].zh, r.text, r.quantities, r.deadline ? excelDate(r.deadline) : (r.deadlineText ?? ''), r.leadUnit ?? '', r.assistUnits.join('、'), r.note];
    for (let n = 1; n <= width; n++) {
      const c = row.getCell(n);
      c.font = { name: FONT, size: 10, charset: 134 };
      c.alignment = { vertical: 'top', wrapText: true, ...(n === 1 || n === 2 || n === 5 ? { horizontal: 'center' } : {}) };
      c.border = THIN;
    }
    const due = row.getCell(5);
    if (r.deadline) {
      due.numFmt = 'yyyy"年"m"月"d"日"';
      if (r.deadlineText) due.note = `原文：${r.deadlineText}`;
    }
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
