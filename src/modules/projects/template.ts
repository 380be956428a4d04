/**
 * The import template of major projects: a title, a unit line (填报单位, 金额单位：万元), a one-row
 * header with every column parse.ts knows (each with a note on what to write), one example row,
 * drop-down lists for 项目类别, 建设性质 and 是否入库, the header frozen.
 */
import ExcelJS from 'exceljs';
import { CATEGORY_LABELS, PROJECT_CATEGORIES, PROJECT_STAGES, STAGE_LABELS } from '../../domain/projects.ts';
import { excelDate, FONT, headerRow, THIN, titleRows } from '../ledger/xlsx.ts';

type Kind = 'text' | 'money' | 'date' | 'category' | 'stage' | 'registered';

/** The template's columns: header label, width, kind, the header's note and the example value. */
export const PROJECT_TEMPLATE_COLUMNS: readonly { label: string; width: number; kind: Kind; note: string; example: string | number }[] = [
  { label: '序号', width: 6, kind: 'text', note: '可空', example: 1 },
  { label: '项目编码', width: 24, kind: 'text', note: '投资项目在线审批监管平台代码，可空', example: '2303-141181-04-01-123456' },
  { label: '项目名称', width: 30, kind: 'text', note: '必填', example: '示例：××新材料产业园项目（导入前请删除本行）' },
  { label: '县（市、区）', width: 12, kind: 'text', note: '可空，默认为填报单位', example: '孝义市' },
  { label: '责任单位', width: 18, kind: 'text', note: '牵头推进的单位', example: '孝义市工业和信息化局' },
  { label: '包联领导', width: 12, kind: 'text', note: '包联的市级领导', example: '张三' },
  { label: '项目类别', width: 12, kind: 'category', note: '从下拉列表中选择', example: CATEGORY_LABELS.industry.zh },
  { label: '建设性质', width: 12, kind: 'stage', note: '从下拉列表中选择', example: STAGE_LABELS.new_start.zh },
  { label: '建设内容及规模', width: 40, kind: 'text', note: '主要建设内容和规模', example: '新建年产5万吨新材料生产线及配套设施，总建筑面积8万平方米。' },
  { label: '总投资', width: 12, kind: 'money', note: '必填，单位见第2行（默认万元）', example: 52000 },
  { label: '年度计划投资', width: 14, kind: 'money', note: '本年度计划完成的投资，不大于总投资', example: 15000 },
  { label: '本年累计完成投资', width: 16, kind: 'money', note: '本年1月至今累计完成的投资', example: 6200.5 },
  { label: '计划开工时间', width: 14, kind: 'date', note: '日期，如 2023-04-15；只写年月（如 2023.4）按当月1日', example: '2023-04-01' },
  { label: '计划竣工时间', width: 14, kind: 'date', note: '日期；只写年月（如 2024.12）按当月最后一日', example: '2024-12-31' },
  { label: '实际开工时间', width: 14, kind: 'date', note: '已开工的填写，可空', example: '2023-04-15' },
  { label: '是否入库', width: 10, kind: 'registered', note: '是 / 否', example: '是' },
  { label: '建设地点', width: 20, kind: 'text', note: '可空', example: '孝义经济开发区' },
  { label: '形象进度', width: 30, kind: 'text', note: '目前的工作进展', example: '主体厂房钢结构施工中' },
  { label: '备注', width: 16, kind: 'text', note: '可空', example: '' },
];

const HEADER = 3;
const EXAMPLE = HEADER + 1;
/** Rows given borders, formats and lists below the header. */
const LAST = HEADER + 500;

const LISTS: Partial<Record<Kind, readonly string[]>> = {
  category: PROJECT_CATEGORIES.map((c) => CATEGORY_LABELS[c].zh),
  stage: PROJECT_STAGES.map((s) => STAGE_LABELS[s].zh),
  registered: ['是', '否'],
};

export async function projectTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const cols = PROJECT_TEMPLATE_COLUMNS;
  const ws = wb.addWorksheet('重点项目', {
    views: [{ state: 'frozen', ySplit: HEADER, xSplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER}:${HEADER}` },
  });
  ws.columns = cols.map((c) => ({ width: c.width }));
  titleRows(ws, cols.length, '“千项千亿”重点项目导入模板', '填报单位：            金额单位：万元');
  headerRow(ws, HEADER, cols.map((c) => c.label));
  ws.getRow(HEADER).height = 32;
  cols.forEach((c, i) => {
    ws.getCell(HEADER, i + 1).note = c.note;
  });
  for (let r = EXAMPLE; r <= LAST; r++) {
    const row = ws.getRow(r);
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = THIN;
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { vertical: 'top', wrapText: c.kind === 'text' };
      if (c.kind === 'money') cell.numFmt = '#,##0.00';
      if (c.kind === 'date') cell.numFmt = 'yyyy-mm-dd';
      const list = LISTS[c.kind];
      if (list) cell.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${list.join(',')}"`], showErrorMessage: true, errorTitle: c.label, error: `请从列表中选择：${list.join('、')}` };
      if (r === EXAMPLE && c.example !== '') cell.value = c.kind === 'date' ? excelDate(String(c.example)) : c.example;
    });
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
