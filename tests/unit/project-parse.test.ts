import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseAmount, parseMonthDate, parseProjectSheet, parseProjectSheets, projectFieldOf, type ParsedProjectRow } from '../../src/modules/projects/parse.ts';
import { projectTemplate } from '../../src/modules/projects/template.ts';
import { readWorkbook, type CellValue, type SheetValues } from '../../src/platform/sheets.ts';

type Build = (ws: ExcelJS.Worksheet) => void;

/** Builds a real .xlsx with exceljs and reads it back as the import does. */
async function workbook(...builds: (Build | [string, Build])[]): Promise<SheetValues[]> {
  const wb = new ExcelJS.Workbook();
  builds.forEach((b, i) => {
    const [name, build] = Array.isArray(b) ? b : [`Sheet${i + 1}`, b];
    build(wb.addWorksheet(name));
  });
  return readWorkbook(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

async function sheet(build: Build): Promise<SheetValues> {
  return (await workbook(build))[0] as SheetValues;
}

/** Writes values from column A of row `r`; undefined leaves a cell empty. */
function put(ws: ExcelJS.Worksheet, r: number, values: readonly (CellValue | undefined)[]): void {
  values.forEach((v, i) => {
    if (v !== undefined && v !== null) ws.getRow(r).getCell(i + 1).value = v;
  });
}

const day = (s: string) => new Date(`${s}T00:00:00Z`);

/** A plain one-row header used by the edge tests: A 序号 … H 是否入库. */
const SIMPLE = ['序号', '项目名称', '总投资', '年度计划投资', '累计完成投资', '计划开工时间', '计划竣工时间', '是否入库'];

const blank: Omit<ParsedProjectRow, 'row' | 'name'> = {
  section: '',
  code: null,
  unit: null,
  dept: null,
  leader: null,
  category: null,
  stage: null,
  content: '',
  totalYuan: null,
  plannedYuan: null,
  completedYuan: null,
  plannedStart: null,
  plannedFinish: null,
  actualStart: null,
  registered: null,
  location: '',
  progress: '',
  note: '',
};

describe('a county sheet as really sent', () => {
  it('title, 亿元 unit line, two-row merged header, 合计 first, two sections, six projects, notes', async () => {
    const s = await sheet((ws) => {
      put(ws, 1, ['孝义市2023年“千项千亿”重点项目建设进展情况表']);
      ws.mergeCells('A1:L1');
      put(ws, 2, ['填报单位：孝义市发展和改革局        金额单位：亿元']);
      ws.mergeCells('A2:L2');
      put(ws, 3, ['序号', '项目名称', '建设内容及规模', '总投资', '2023年', undefined, '开工时间', '竣工时间', '责任单位', '包联市领导', '形象进度', '备注']);
      put(ws, 4, [undefined, undefined, undefined, undefined, '计划投资', '1-5月完成投资']);
      for (const c of ['A', 'B', 'C', 'D', 'G', 'H', 'I', 'J', 'K', 'L']) ws.mergeCells(`${c}3:${c}4`);
      ws.mergeCells('E3:F3');
      // Deliberately not the sum of the rows: a 合计 row is skipped, never checked.
      put(ws, 5, ['合计', undefined, undefined, 99.9, 10, 3]);
      ws.mergeCells('A5:C5');
      put(ws, 6, ['一、产业项目（4个）']);
      ws.mergeCells('A6:L6');
      put(ws, 7, [1, '孝义市焦化升级改造项目', '新建2×70孔焦炉及配套设施', 12.5, 3.2, 1.15, day('2023-03-01'), '2024.12', '孝义市工业和信息化局', '王某某', '主体施工']);
      put(ws, 8, [2, '孝义市铝镁合金新材料项目', '年产10万吨铝镁合金', '8.6', '2.0', '0.85', '2023.4', '2025年6月', '孝义市工业和信息化局', undefined, '设备安装']);
      ws.mergeCells('J7:J8'); // one leader for two projects
      put(ws, 9, [3, '孝义市氢能产业园项目', '建设制氢加氢一体站', 20, 5, 1.3, 45017, '2025-10-31', '孝义市发展和改革局', '李某某', '场地平整', '新开工']);
      put(ws, 10, [4, '孝义市农产品冷链物流园', '冷库5万立方米', 3.6, 1.2, 0.4, '2023年5月', '2024年9月', '孝义市农业农村局', '赵某某', '前期手续办理中']);
      put(ws, 11, ['二、基础设施项目（2个）']);
      ws.mergeCells('A11:L11');
      put(ws, 12, [5, '孝义市城区集中供热管网改造工程', '改造管网30公里', 4.2, 2, 0.6, '2023.3.15', '2023.11', '孝义市住房和城乡建设局', '王某某', '管网铺设40%']);
      put(ws, 13, [6, '孝柳铁路孝义段配套道路工程', '新建道路8公里', '6', '——', '——', '——', '2025年12月', '孝义市交通运输局', '李某某', '前期', '待批复']);
      put(ws, 14, ['备注：1.本表金额单位为亿元；2.开工时间为计划开工时间。']);
      ws.mergeCells('A14:L14');
      put(ws, 15, ['填报人：张三        审核人：李四        联系电话：0358-7654321']);
      ws.mergeCells('A15:L15');
    });
    const p = parseProjectSheet(s);
    expect(p.errors).toEqual([]);
    expect(p.headerRow).toBe(3);
    expect(p.moneyUnit).toBe('yi');
    expect(p.titleUnit).toBe('孝义市');
    expect(p.columnUnits).toEqual({ total: 'yi', planned: 'yi', completed: 'yi' });
    expect(p.columns.planned).toEqual({ index: 4, letter: 'E', label: '计划投资' });
    expect(p.columns.completed).toEqual({ index: 5, letter: 'F', label: '1-5月完成投资' });
    expect(p.columns.total?.letter).toBe('D');
    expect(p.columns.plannedStart?.letter).toBe('G');
    expect(p.columns.plannedFinish?.letter).toBe('H');
    expect(p.columns.leader?.label).toBe('包联市领导');
    const industry = { ...blank, section: '产业项目', category: '产业' };
    const infra = { ...blank, section: '基础设施项目', category: '基础设施' };
    expect(p.rows).toEqual([
      {
        ...industry,
        row: 7,
        name: '孝义市焦化升级改造项目',
        content: '新建2×70孔焦炉及配套设施',
        totalYuan: 1_250_000_000,
        plannedYuan: 320_000_000,
        completedYuan: 115_000_000,
        plannedStart: '2023-03-01',
        plannedFinish: '2024-12-31',
        dept: '孝义市工业和信息化局',
        leader: '王某某',
        progress: '主体施工',
      },
      {
        ...industry,
        row: 8,
        name: '孝义市铝镁合金新材料项目',
        content: '年产10万吨铝镁合金',
        totalYuan: 860_000_000,
        plannedYuan: 200_000_000,
        completedYuan: 85_000_000,
        plannedStart: '2023-04-01',
        plannedFinish: '2025-06-30',
        dept: '孝义市工业和信息化局',
        leader: '王某某',
        progress: '设备安装',
      },
      {
        ...industry,
        row: 9,
        name: '孝义市氢能产业园项目',
        content: '建设制氢加氢一体站',
        totalYuan: 2_000_000_000,
        plannedYuan: 500_000_000,
        completedYuan: 130_000_000,
        plannedStart: '2023-04-01',
        plannedFinish: '2025-10-31',
        dept: '孝义市发展和改革局',
        leader: '李某某',
        progress: '场地平整',
        note: '新开工',
      },
      {
        ...industry,
        row: 10,
        name: '孝义市农产品冷链物流园',
        content: '冷库5万立方米',
        totalYuan: 360_000_000,
        plannedYuan: 120_000_000,
        completedYuan: 40_000_000,
        plannedStart: '2023-05-01',
        plannedFinish: '2024-09-30',
        dept: '孝义市农业农村局',
        leader: '赵某某',
        progress: '前期手续办理中',
      },
      {
        ...infra,
        row: 12,
        name: '孝义市城区集中供热管网改造工程',
        content: '改造管网30公里',
        totalYuan: 420_000_000,
        plannedYuan: 200_000_000,
        completedYuan: 60_000_000,
        plannedStart: '2023-03-15',
        plannedFinish: '2023-11-30',
        dept: '孝义市住房和城乡建设局',
        leader: '王某某',
        progress: '管网铺设40%',
      },
      {
        ...infra,
        row: 13,
        name: '孝柳铁路孝义段配套道路工程',
        content: '新建道路8公里',
        totalYuan: 600_000_000,
        plannedFinish: '2025-12-31',
        dept: '孝义市交通运输局',
        leader: '李某某',
        progress: '前期',
        note: '待批复',
      },
    ]);
  });
});

describe('money units', () => {
  it('a header cell unit applies to its column, the unit line to the others', async () => {
    const s = await sheet((ws) => {
      put(ws, 1, ['重点项目表']);
      put(ws, 2, [undefined, undefined, '单位：元']);
      put(ws, 3, ['序号', '项目名称', '总投资（万元）', '2023年计划投资(亿元)', '累计完成投资']);
      put(ws, 4, [1, '甲项目', 5000, 0.12, 3_000_000]);
    });
    const p = parseProjectSheet(s);
    expect(p.errors).toEqual([]);
    expect(p.moneyUnit).toBe('yuan');
    expect(p.columnUnits).toEqual({ total: 'wan', planned: 'yi', completed: 'yuan' });
    // The unit remark is dropped from the column's label.
    expect(p.columns.total?.label).toBe('总投资');
    expect(p.columns.planned?.label).toBe('2023年计划投资');
    expect(p.rows.map((r) => [r.totalYuan, r.plannedYuan, r.completedYuan])).toEqual([[50_000_000, 12_000_000, 3_000_000]]);
  });

  it('without any unit, amounts are 万元; the sheet unit follows 总投资 when there is no unit line', async () => {
    const plain = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, ['序号', '项目名称', '总投资', '计划投资']);
        put(ws, 2, [1, '甲项目', 1234.5678, 100]);
      }),
    );
    expect(plain.moneyUnit).toBe('wan');
    expect(plain.rows.map((r) => [r.totalYuan, r.plannedYuan])).toEqual([[12_345_678, 1_000_000]]);
    const yi = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, ['序号', '项目名称', '总投资（亿元）', '计划投资']);
        put(ws, 2, [1, '甲项目', 1.5, 100]);
      }),
    );
    expect(yi.moneyUnit).toBe('yi');
    expect(yi.columnUnits).toEqual({ total: 'yi', planned: 'wan' });
    expect(yi.rows.map((r) => [r.totalYuan, r.plannedYuan])).toEqual([[150_000_000, 1_000_000]]);
  });

  it('a group row above the header ("投资情况（亿元）") gives its unit to the columns under it', async () => {
    const s = await sheet((ws) => {
      put(ws, 1, ['序号', '项目基本情况', undefined, '投资情况（亿元）']);
      put(ws, 2, [undefined, '项目名称', '建设内容', '总投资', '年度计划投资', '1—6月完成投资']);
      ws.mergeCells('A1:A2');
      ws.mergeCells('B1:C1');
      ws.mergeCells('D1:F1');
      put(ws, 3, [1, '甲项目', '厂房', 2, 1, 0.5]);
    });
    const p = parseProjectSheet(s);
    expect(p.errors).toEqual([]);
    expect(p.headerRow).toBe(1);
    expect(p.columns.content?.letter).toBe('C');
    expect(p.columnUnits).toEqual({ total: 'yi', planned: 'yi', completed: 'yi' });
    expect(p.rows.map((r) => [r.row, r.name, r.content, r.totalYuan, r.plannedYuan, r.completedYuan])).toEqual([[3, '甲项目', '厂房', 200_000_000, 100_000_000, 50_000_000]]);
  });
});

describe('the unit named above the header', () => {
  const titled = async (lines: string[]) =>
    parseProjectSheet(
      await sheet((ws) => {
        lines.forEach((l, i) => put(ws, i + 1, [l]));
        put(ws, lines.length + 1, ['序号', '项目名称', '总投资']);
      }),
    ).titleUnit;
  it('from 填报单位 first, else from the title; none when the line is blank', async () => {
    expect(await titled(['2023年重点项目表', '填报单位：交城县发展和改革局   单位：万元'])).toBe('交城县');
    expect(await titled(['孝义市2023年“千项千亿”重点项目建设进展情况表', '单位：万元'])).toBe('孝义市');
    expect(await titled(['山西省吕梁市离石区重点项目表'])).toBe('离石区');
    expect(await titled(['“千项千亿”重点项目表', '填报单位：            金额单位：万元'])).toBeNull();
    expect(await titled(['全市重点项目表'])).toBeNull();
  });
});

describe('header', () => {
  it('is found by its labels anywhere in the first 15 rows, not below', async () => {
    const at = async (r: number) =>
      parseProjectSheets([
        await sheet((ws) => {
          put(ws, 1, ['重点项目表']);
          put(ws, r, ['序号', '项目名称', '总投资', '建设地点']);
          put(ws, r + 1, [1, '甲项目', 100, '东区']);
        }),
      ]);
    const found = await at(15);
    expect(found.headerRow).toBe(15);
    expect(found.rows.map((x) => [x.row, x.name, x.location])).toEqual([[16, '甲项目', '东区']]);
    const missed = await at(16);
    expect(missed.headerRow).toBeNull();
    expect(missed.rows).toEqual([]);
    expect(missed.errors).toEqual([
      {
        row: null,
        column: null,
        message: '未找到项目表头：前 15 行中须有「项目名称」「总投资」等列（可下载导入模板）',
        messageEn: 'no project header found: the first 15 rows need columns such as 项目名称 (project name) and 总投资 (total investment); see the import template',
      },
    ]);
  });

  it('reads the first sheet that has a header', async () => {
    const sheets = await workbook(
      ['填报说明', (ws) => put(ws, 1, ['请按表填写'])],
      ['重点项目', (ws) => {
        put(ws, 1, ['序号', '项目名称', '总投资']);
        put(ws, 2, [1, '甲项目', 10]);
      }],
    );
    const p = parseProjectSheets(sheets);
    expect(p.sheet).toBe('重点项目');
    expect(p.rows.map((r) => r.name)).toEqual(['甲项目']);
  });

  it('a header without 总投资 is one error, and no rows', async () => {
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, ['序号', '项目名称', '建设内容', '计划投资']);
        put(ws, 2, [1, '甲项目', '厂房', 10]);
      }),
    );
    expect(p.rows).toEqual([]);
    expect(p.errors).toEqual([{ row: 1, column: null, message: '表头缺少列：总投资', messageEn: 'the header lacks the column: 总投资 (total investment)' }]);
  });

  it('knows the labels counties use, 县（市、区） apart from 建设地点', async () => {
    const labels = ['序号', '项目代码', '项目', '县（市、区）', '牵头单位', '市级包联领导', '行业', '项目阶段', '建设规模', '项目总投资', '本年计划投资', '1～5月份完成投资', '开工日期', '完工时间', '实际开工日期', '入库情况', '建设地点', '工作进展', '备 注'];
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, labels);
        put(ws, 2, [1, '2301-141181-04-01-000001', '甲项目', '孝义市', '市发改局', '王某', '工业', '续建', '厂房', 100, 50, 20, '2023.1', '2023.6', '2023.2.1', '已入库', '梧桐镇', '完成50%', '无']);
      }),
    );
    expect(Object.fromEntries(Object.entries(p.columns).map(([f, c]) => [f, c.letter]))).toEqual({
      seq: 'A', code: 'B', name: 'C', unit: 'D', dept: 'E', leader: 'F', category: 'G', stage: 'H', content: 'I', total: 'J', planned: 'K', completed: 'L',
      plannedStart: 'M', plannedFinish: 'N', actualStart: 'O', registered: 'P', location: 'Q', progress: 'R', note: 'S',
    });
    expect(p.errors).toEqual([]);
    expect(p.rows).toEqual([
      {
        row: 2, section: '', code: '2301-141181-04-01-000001', name: '甲项目', unit: '孝义市', dept: '市发改局', leader: '王某', category: '工业', stage: '续建', content: '厂房',
        totalYuan: 1_000_000, plannedYuan: 500_000, completedYuan: 200_000, plannedStart: '2023-01-01', plannedFinish: '2023-06-30', actualStart: '2023-02-01',
        registered: true, location: '梧桐镇', progress: '完成50%', note: '无',
      },
    ]);
  });

  it('label forms: any "N-M月完成投资" and "YYYY年计划投资"; not one month, not since the start', () => {
    expect(projectFieldOf('1-5月完成投资')).toBe('completed');
    expect(projectFieldOf('1—5月完成投资（万元）')).toBe('completed');
    expect(projectFieldOf('2023年1-10月累计完成投资')).toBe('completed');
    expect(projectFieldOf('截至6月底累计完成投资')).toBe('completed');
    expect(projectFieldOf('5月完成投资')).toBeUndefined();
    expect(projectFieldOf('开工以来累计完成投资')).toBeUndefined();
    expect(projectFieldOf('2023年计划投资')).toBe('planned');
    expect(projectFieldOf('2024年度计划投资')).toBe('planned');
    expect(projectFieldOf('计划总投资')).toBe('total');
    expect(projectFieldOf('县(市、区)')).toBe('unit');
    expect(projectFieldOf('*项目名称')).toBe('name');
    expect(projectFieldOf('建设地点')).toBe('location');
  });
});

describe('rows that are not projects', () => {
  it('合计, 总计, 小计 rows and their 其中 lines are skipped without checking their sums', async () => {
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, SIMPLE);
        put(ws, 2, ['合  计', undefined, 999, 1]);
        put(ws, 3, [undefined, '其中：新开工项目', 5, 1]);
        put(ws, 4, [1, '甲项目', 100, 10]);
        put(ws, 5, [undefined, '小计', 100, 10]);
        put(ws, 6, [2, '乙项目', 200, 20]);
        put(ws, 7, ['全市总计（2个）', undefined, 1, 1]);
      }),
    );
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.row, r.name, r.totalYuan])).toEqual([[4, '甲项目', 1_000_000], [6, '乙项目', 2_000_000]]);
  });

  it('notes rows are skipped and stop nothing', async () => {
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, SIMPLE);
        put(ws, 2, [1, '甲项目', 100]);
        put(ws, 3, [undefined, '注：金额单位为万元']);
        put(ws, 4, [2, '乙项目', 200]);
        put(ws, 5, ['备注：……']);
        ws.mergeCells('A5:H5');
        put(ws, 6, ['填报人：张三  联系电话：13800000000', undefined, '审核人：李四']);
        put(ws, 7, ['审核人：']);
        ws.mergeCells('A7:D7');
        put(ws, 8, [3, '丙项目', 300]);
      }),
    );
    expect(p.errors).toEqual([]);
    // Not sections either: the rows after them have none.
    expect(p.rows.map((r) => [r.row, r.name, r.section])).toEqual([[2, '甲项目', ''], [4, '乙项目', ''], [8, '丙项目', '']]);
  });

  it('blank rows, rows with only a 序号, column numbers and a repeated header are skipped', async () => {
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, SIMPLE);
        put(ws, 2, [1, 2, 3, 4, 5, 6, 7, 8]);
        put(ws, 3, [1, '甲项目', 100]);
        put(ws, 5, [2]);
        put(ws, 6, SIMPLE);
        put(ws, 7, [3, '丙项目', 300]);
      }),
    );
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.row, r.name])).toEqual([[3, '甲项目'], [7, '丙项目']]);
  });
});

describe('sections', () => {
  it('set the section of the rows below and, when recognisable, their category and stage', async () => {
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, ['序号', '项目名称', '项目类别', '总投资', '计划投资']);
        put(ws, 2, ['一、产业项目（7个）']);
        ws.mergeCells('A2:E2');
        put(ws, 3, ['（一）新开工项目']);
        put(ws, 4, [1, '甲项目', undefined, 100]);
        // A category written in the row wins over the section's.
        put(ws, 5, [2, '乙项目', '文化旅游', 100]);
        put(ws, 6, ['（二）续建项目（2个）', undefined, undefined, 300, 50]); // a subtotal on the section row
        put(ws, 7, [3, '丙项目', undefined, 300]);
        put(ws, 8, ['二', '基础设施项目（3个）']);
        put(ws, 9, [4, '丁项目', undefined, 400]);
        put(ws, 10, ['三、社会民生项目']);
        put(ws, 11, [5, '戊项目', undefined, 500]);
        put(ws, 12, ['四、孝义市（2个）', undefined, undefined, 600]);
        put(ws, 13, [6, '己项目', undefined, 600]);
        put(ws, 14, ['生态环保项目']);
        ws.mergeCells('A14:E14');
        put(ws, 15, [7, '庚项目', undefined, 700]);
      }),
    );
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.row, r.section, r.category, r.stage])).toEqual([
      [4, '产业项目／新开工项目', '产业', '新开工'],
      [5, '产业项目／新开工项目', '文化旅游', '新开工'],
      [7, '产业项目／续建项目', '产业', '续建'],
      [9, '基础设施项目', '基础设施', null],
      [11, '社会民生项目', '社会民生', null],
      [13, '孝义市', null, null],
      [15, '生态环保项目', '生态环保', null],
    ]);
  });

  it('a stage column wins over the section; without a section the fields stay empty', async () => {
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, ['序号', '项目名称', '建设性质', '总投资']);
        put(ws, 2, [1, '甲项目', undefined, 100]);
        put(ws, 3, ['（一）新开工项目']);
        put(ws, 4, [2, '乙项目', '续建', 100]);
        put(ws, 5, [3, '丙项目', undefined, 100]);
      }),
    );
    expect(p.rows.map((r) => [r.name, r.section, r.stage, r.category])).toEqual([
      ['甲项目', '', null, null],
      ['乙项目', '新开工项目', '续建', null],
      ['丙项目', '新开工项目', '新开工', null],
    ]);
  });
});

describe('amounts', () => {
  const yuan = (v: CellValue, unit: 'yuan' | 'wan' | 'yi' = 'wan') => {
    const r = parseAmount(v, unit);
    return r.ok ? r.yuan : `error: ${r.message} / ${r.messageEn}`;
  };
  it('numbers and text with thousands separators, to integer 元', () => {
    expect(yuan(12345.6)).toBe(123_456_000);
    expect(yuan('12,345.6')).toBe(123_456_000);
    expect(yuan('1，234')).toBe(12_340_000);
    expect(yuan(' 1 234 ')).toBe(12_340_000);
    expect(yuan('０.５')).toBe(5000);
    expect(yuan(0)).toBe(0);
    expect(yuan(1.15, 'yi')).toBe(115_000_000);
    expect(yuan(1234.56, 'yuan')).toBe(1235);
    expect(yuan('1.2亿')).toBe(120_000_000);
    expect(yuan('800万元', 'yi')).toBe(8_000_000);
  });
  it('dashes, slashes, 无 and blank mean none', () => {
    for (const v of ['——', '—', '-', '/', '无', '', '  ', null]) expect(yuan(v)).toBeNull();
  });
  it('negative or non-numeric is an error', () => {
    expect(yuan('约五千')).toBe('error: 金额无法识别：「约五千」 / not an amount: "约五千"');
    expect(yuan('1,23')).toBe('error: 金额无法识别：「1,23」 / not an amount: "1,23"');
    expect(yuan('-5')).toBe('error: 金额不能为负数：「-5」 / an amount cannot be negative: "-5"');
    expect(yuan(-5)).toBe('error: 金额不能为负数：「-5」 / an amount cannot be negative: "-5"');
    expect(yuan(day('2023-01-01'))).toBe('error: 金额无法识别：「2023-01-01」 / not an amount: "2023-01-01"');
  });
  it('a bad amount is an error for its row and column; the row is not returned, the others are', async () => {
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, SIMPLE);
        put(ws, 2, [1, '甲项目', '约五千', '-3', 'abc']);
        put(ws, 3, [2, '乙项目', '1,000', '—', '/']);
      }),
    );
    expect(p.errors).toEqual([
      { row: 2, column: 'C（总投资）', message: '金额无法识别：「约五千」', messageEn: 'not an amount: "约五千"' },
      { row: 2, column: 'D（年度计划投资）', message: '金额不能为负数：「-3」', messageEn: 'an amount cannot be negative: "-3"' },
      { row: 2, column: 'E（累计完成投资）', message: '金额无法识别：「abc」', messageEn: 'not an amount: "abc"' },
    ]);
    expect(p.rows.map((r) => [r.row, r.totalYuan, r.plannedYuan, r.completedYuan])).toEqual([[3, 10_000_000, null, null]]);
  });
  it('planned or completed above the total is an error', async () => {
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, SIMPLE);
        put(ws, 2, [1, '甲项目', 100, 120, 50]);
        put(ws, 3, [2, '乙项目', 100, 50, 100.5]);
        put(ws, 4, [3, '丙项目', 100, 100, 100]);
      }),
    );
    expect(p.errors).toEqual([
      { row: 2, column: 'D（年度计划投资）', message: '年度计划投资大于总投资', messageEn: 'the planned investment for the year exceeds the total investment' },
      { row: 3, column: 'E（累计完成投资）', message: '完成投资大于总投资', messageEn: 'the completed investment exceeds the total investment' },
    ]);
    expect(p.rows.map((r) => r.name)).toEqual(['丙项目']);
  });
});

describe('dates', () => {
  const start = (v: CellValue) => {
    const r = parseMonthDate(v, false);
    return r.ok ? r.day : `error: ${r.message}`;
  };
  const finish = (v: CellValue) => {
    const r = parseMonthDate(v, true);
    return r.ok ? r.day : `error: ${r.message}`;
  };
  it('Excel dates, serials and the text forms counties write', () => {
    expect(start(day('2023-04-15'))).toBe('2023-04-15');
    expect(finish(day('2023-04-15'))).toBe('2023-04-15');
    expect(start(45031)).toBe('2023-04-15');
    expect(start(45031.75)).toBe('2023-04-15');
    for (const t of ['2023.4', '2023.04', '2023年4月', '2023-4', '2023/4', '2023年4月份', '２０２３．４']) {
      expect(start(t)).toBe('2023-04-01');
      expect(finish(t)).toBe('2023-04-30');
    }
    expect(finish('2024.2')).toBe('2024-02-29');
    expect(finish('2023.2')).toBe('2023-02-28');
    expect(start('2023年4月底')).toBe('2023-04-30');
    // "2023.4" typed in a General cell is a number.
    expect(start(2023.4)).toBe('2023-04-01');
    expect(finish(2023.12)).toBe('2023-12-31');
    for (const t of ['2023.4.15', '2023年4月15日', '2023-04-15', '2023/4/15', '2023-4-15']) {
      expect(start(t)).toBe('2023-04-15');
      expect(finish(t)).toBe('2023-04-15');
    }
    for (const v of ['——', '—', '-', '/', '无', '', null]) expect(start(v)).toBeNull();
  });
  it('anything else is an error', () => {
    expect(start('2023年春')).toBe('error: 日期无法识别：「2023年春」，请填写如 2023-04-15 或 2023.4');
    expect(start('4月')).toBe('error: 日期无法识别：「4月」，请填写如 2023-04-15 或 2023.4');
    expect(start(2023)).toBe('error: 日期无法识别：「2023」，请填写如 2023-04-15 或 2023.4');
    expect(start(12)).toBe('error: 日期无法识别：「12」，请填写如 2023-04-15 或 2023.4');
    expect(start('2023-02-30')).toBe('error: 日期无效：「2023-02-30」');
    expect(finish('2023.13')).toBe('error: 日期无效：「2023.13」');
  });
  it('a bad date names its row and column', async () => {
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, SIMPLE);
        put(ws, 2, [1, '甲项目', 100, undefined, undefined, '年内', '2023.13']);
        put(ws, 3, [2, '乙项目', 100, undefined, undefined, day('2023-05-20'), 45291]);
      }),
    );
    expect(p.errors).toEqual([
      { row: 2, column: 'F（计划开工时间）', message: '日期无法识别：「年内」，请填写如 2023-04-15 或 2023.4', messageEn: 'not a date: "年内"; write e.g. 2023-04-15 or 2023.4' },
      { row: 2, column: 'G（计划竣工时间）', message: '日期无效：「2023.13」', messageEn: 'not a valid date: "2023.13"' },
    ]);
    expect(p.rows.map((r) => [r.row, r.plannedStart, r.plannedFinish])).toEqual([[3, '2023-05-20', '2023-12-31']]);
  });
});

describe('required values and registration', () => {
  it('a row with data but no name, or no total, is an error; an empty row is skipped', async () => {
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, SIMPLE);
        put(ws, 2, [1, undefined, 100, 10]);
        put(ws, 3, [2, '乙项目', undefined, 10]);
        put(ws, 4, [3, '丙项目', '——']);
        put(ws, 6, [4, '丁项目', 5]);
      }),
    );
    expect(p.errors).toEqual([
      { row: 2, column: 'B（项目名称）', message: '项目名称为空', messageEn: 'the project name is empty' },
      { row: 3, column: 'C（总投资）', message: '总投资为空', messageEn: 'the total investment is empty' },
      { row: 4, column: 'C（总投资）', message: '总投资为空', messageEn: 'the total investment is empty' },
    ]);
    expect(p.rows.map((r) => [r.row, r.name, r.totalYuan])).toEqual([[6, '丁项目', 50_000]]);
  });

  it('errors never abort: every bad cell of every row is reported', async () => {
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, SIMPLE);
        put(ws, 2, [1, undefined, undefined, 'x', undefined, '某时', undefined, '也许']);
        put(ws, 3, [2, '乙项目', 10]);
      }),
    );
    expect(p.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, 'B（项目名称）', '项目名称为空'],
      [2, 'D（年度计划投资）', '金额无法识别：「x」'],
      [2, 'C（总投资）', '总投资为空'],
      [2, 'F（计划开工时间）', '日期无法识别：「某时」，请填写如 2023-04-15 或 2023.4'],
      [2, 'H（是否入库）', '是否入库应填“是”或“否”：「也许」'],
    ]);
    expect(p.rows.map((r) => r.name)).toEqual(['乙项目']);
  });

  it('是否入库: 是/已入库/√/✓/Y, 否/未入库/×/N, blank; anything else is an error', async () => {
    const marks = ['是', '已入库', '√', '✓', 'Y', '否', '未入库', '×', 'N', undefined, '——', '待定'];
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, SIMPLE);
        marks.forEach((m, i) => put(ws, i + 2, [i + 1, `项目${i + 1}`, 100, undefined, undefined, undefined, undefined, m]));
      }),
    );
    expect(p.rows.map((r) => r.registered)).toEqual([true, true, true, true, true, false, false, false, false, null, null]);
    expect(p.errors).toEqual([{ row: 13, column: 'H（是否入库）', message: '是否入库应填“是”或“否”：「待定」', messageEn: '是否入库 (registered) must be 是 or 否: "待定"' }]);
  });

  it('no 是否入库 column: registered is null', async () => {
    const p = parseProjectSheet(
      await sheet((ws) => {
        put(ws, 1, ['序号', '项目名称', '总投资']);
        put(ws, 2, [1, '甲项目', 100]);
      }),
    );
    expect(p.rows.map((r) => r.registered)).toEqual([null]);
  });
});

describe('template', () => {
  it('parses back with no errors and reads its example row', async () => {
    const buffer = await projectTemplate();
    const p = parseProjectSheets(await readWorkbook(buffer));
    expect(p.errors).toEqual([]);
    expect(p.headerRow).toBe(3);
    expect(p.moneyUnit).toBe('wan');
    expect(p.titleUnit).toBeNull();
    expect(Object.keys(p.columns)).toEqual([
      'seq', 'code', 'name', 'unit', 'dept', 'leader', 'category', 'stage', 'content', 'total', 'planned', 'completed',
      'plannedStart', 'plannedFinish', 'actualStart', 'registered', 'location', 'progress', 'note',
    ]);
    expect(p.rows).toEqual([
      {
        row: 4,
        section: '',
        code: '2303-141181-04-01-123456',
        name: '示例：××新材料产业园项目（导入前请删除本行）',
        unit: '孝义市',
        dept: '孝义市工业和信息化局',
        leader: '张三',
        category: '产业',
        stage: '新开工',
        content: '新建年产5万吨新材料生产线及配套设施，总建筑面积8万平方米。',
        totalYuan: 520_000_000,
        plannedYuan: 150_000_000,
        completedYuan: 62_005_000,
        plannedStart: '2023-04-01',
        plannedFinish: '2024-12-31',
        actualStart: '2023-04-15',
        registered: true,
        location: '孝义经济开发区',
        progress: '主体厂房钢结构施工中',
        note: '',
      },
    ]);
  });

  it('has drop-down lists, a frozen header and column widths', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await projectTemplate()) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell('A2').value).toBe('填报单位：            金额单位：万元');
    expect(ws.getCell('G100').dataValidation?.formulae).toEqual(['"产业,基础设施,社会民生,生态环保,文化旅游,其他"']);
    expect(ws.getCell('H4').dataValidation?.formulae).toEqual(['"谋划储备,前期,新开工,续建,竣工投产"']);
    expect(ws.getCell('P50').dataValidation?.formulae).toEqual(['"是,否"']);
    expect(ws.getCell('B4').dataValidation).toBeUndefined();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getColumn(3).width).toBe(30);
    expect(ws.getColumn(9).width).toBe(40);
  });
});
