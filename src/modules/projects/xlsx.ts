/** The project list as .xlsx: the filtered rows with the month's figures, amounts in 万元. */
import ExcelJS from 'exceljs';
import { CATEGORY_LABELS, PROJECT_LIGHT_LABELS, STAGE_LABELS, formatPoints, wanOf } from '../../domain/projects.ts';
import type { ProjectSummary } from './schema.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const COLUMNS: { header: string; width: number; value: (p: ProjectSummary) => string | number | null; money?: boolean }[] = [
  { header: '项目编码', width: 16, value: (p) => p.code },
  { header: '项目名称', width: 40, value: (p) => p.name },
  { header: '县（市、区）', width: 14, value: (p) => p.unitName },
  { header: '责任单位', width: 18, value: (p) => p.deptName },
  { header: '包联领导', width: 10, value: (p) => p.leaderName },
  { header: '项目类别', width: 10, value: (p) => CATEGORY_LABELS[p.category].zh },
  { header: '建设性质', width: 10, value: (p) => STAGE_LABELS[p.stage].zh },
  { header: '总投资（万元）', width: 14, value: (p) => wanOf(p.totalYuan), money: true },
  { header: '年度计划投资（万元）', width: 16, value: (p) => wanOf(p.plannedYuan), money: true },
  { header: '本年累计完成投资（万元）', width: 18, value: (p) => wanOf(p.completedYuan), money: true },
  { header: '完成率', width: 9, value: (p) => (p.completionPercent === null ? '—' : `${p.completionPercent.toFixed(1)}%`) },
  { header: '超欠序时进度（百分点）', width: 14, value: (p) => formatPoints(p.leadPoints) },
  { header: '计划开工时间', width: 12, value: (p) => p.plannedStart },
  { header: '实际开工时间', width: 12, value: (p) => p.actualStart },
  { header: '是否入库', width: 8, value: (p) => (p.registered ? '是' : '否') },
  { header: '预警', width: 6, value: (p) => PROJECT_LIGHT_LABELS[p.light].zh },
  { header: '预警原因', width: 40, value: (p) => p.lightReasons.map((r) => r.zh).join('；') },
];

export async function projectsXlsx(items: readonly ProjectSummary[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重点项目');
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  const header = ws.getRow(2);
  COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    ws.getColumn(i + 1).width = c.width;
  });
  header.font = { bold: true };
  for (const p of items) {
    const row = ws.addRow(COLUMNS.map((c) => c.value(p)));
    COLUMNS.forEach((c, i) => {
      if (c.money) row.getCell(i + 1).numFmt = '#,##0.00';
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
