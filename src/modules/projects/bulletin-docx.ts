/**
 * The monthly bulletin (通报) of the major-project campaign (千项千亿) as a .docx in the GB/T 9704-2012
 * layout, and its detail annex as an .xlsx. Pure: figures in, bytes out; the caller computes the
 * figures from the database.
 *
 * Layout: A4, margins 37 / 26 / 35 / 28 mm (top, right, bottom, left), text block 156 × 225 mm,
 * 22 lines × 28 characters (exact line spacing 28.95 pt, a lines-and-characters grid), body 3号 仿宋,
 * red issuing mark and separator, title 2号 小标宋, page numbers "— 1 —" in 4号 宋体, odd pages right
 * and even pages left.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';

// ---------------------------------------------------------------- types

export interface BulletinFigures {
  projects: number;
  totalYuan: number; // integer 元
  plannedYuan: number; // this year's planned investment, 元
  completedYuan: number; // completed this year through the month, 元
  completionText: string; // "45.3%"
  paceText: string; // "41.7%" (序时进度)
  leadPointsText: string; // "+3.6" or "−12.5" or "0.0" (percentage points against the pace)
  dueToStart: number; // projects due to start by the month's end
  started: number;
  startRateText: string; // "87.5%" or "—"
  mustRegister: number;
  registered: number;
  registrationRateText: string;
  red: number;
  yellow: number;
  green: number; // warning lights
}
export interface BulletinGroup {
  rank: number;
  name: string;
  projects: number;
  plannedYuan: number;
  completedYuan: number;
  completionText: string;
  leadPointsText: string;
}
export interface BulletinLagging {
  code: string;
  name: string;
  unit: string;
  dept: string;
  leader: string;
  plannedYuan: number;
  completedYuan: number;
  completionText: string;
  leadPointsText: string;
  reasons: string;
}
export interface BulletinData {
  year: number;
  month: number; // e.g. 2023, 5 → "1—5月"
  issuer: string; // the red issuing mark
  issuerShort: string; // for the signature line
  docNumber: string; // e.g. "吕重点办〔2023〕5号"
  title: string;
  recipients: string; // 主送
  issuedOn: string; // 'YYYY-MM-DD'
  figures: BulletinFigures;
  counties: BulletinGroup[]; // ranked by completion rate
  departments: BulletinGroup[]; // ranked by completion rate
  lagging: BulletinLagging[]; // behind the pace, worst first (the table lists these)
  laggingTotal?: number; // all projects behind by `laggingPoints` or more (when the table lists only the worst)
  laggingPoints?: number; // the points behind the pace that make a project lagging
}
export interface AnnexRow {
  code: string;
  name: string;
  unit: string;
  dept: string;
  leader: string;
  category: string;
  stage: string;
  totalYuan: number;
  plannedYuan: number;
  completedYuan: number;
  completionText: string;
  leadPointsText: string;
  light: string;
  reasons: string;
}

// ---------------------------------------------------------------- money

/** Rounds yuan to a whole number of `unit` (half away from zero) and writes it with 2 decimals. */
function fixed2(yuan: number, unit: number, group: boolean): string {
  const hundredths = Math.round(Math.abs(yuan) / unit);
  const sign = yuan < 0 && hundredths > 0 ? '-' : '';
  const whole = Math.floor(hundredths / 100).toString();
  const frac = (hundredths % 100).toString().padStart(2, '0');
  return `${sign}${group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole}.${frac}`;
}

/** Money as bulletins write it: 亿元 with 2 decimals, no grouping ("451.20"). */
export function yiText(yuan: number): string {
  return fixed2(yuan, 1_000_000, false);
}

/** Money as bulletins write it: 万元 with 2 decimals, grouped by thousands ("12,345.67"). */
export function wanText(yuan: number): string {
  return fixed2(yuan, 100, true);
}

/** 万元 as a number rounded to 2 decimals, for spreadsheet cells. */
const wanNumber = (yuan: number): number => Math.round(yuan / 100) / 100;

// ---------------------------------------------------------------- layout constants

/** Millimetres to twips, by Word's convention of 567 twips per centimetre (28 mm → 1588). */
const mm = (x: number): number => Math.round(x * 56.7);

const PAGE_W = 11906; // A4
const PAGE_H = 16838;
const MARGIN = { top: mm(37), right: mm(26), bottom: mm(35), left: mm(28) };
const TEXT_W = PAGE_W - MARGIN.left - MARGIN.right; // 8844 twips = 156 mm
/** 22 lines in the 225 mm text block: 12755 / 22 = 579.8, so 579 twips (28.95 pt) keeps the 22nd line on the page. */
const LINE = 579;
/**
 * 28 characters of 3号 (320 twips) need 8960 twips, more than the 8844 of the text block: body runs are
 * condensed by 0.25 pt (315 twips a character, 28 a line). A character grid would do it in Word, but
 * LibreOffice gives every character wider than a grid cell two cells.
 */
const BODY_SPACING = -5;
/** One condensed 3号 character, in twips. */
const CHAR = 320 + BODY_SPACING;

const FANGSONG = '仿宋_GB2312';
const XIAOBIAOSONG = '方正小标宋简体';
const HEITI = '黑体';
const KAITI = '楷体_GB2312';
const SONGTI = '宋体';
const RED = 'FF0000';
/** The red separator: 2.25 pt (in 1/8 pt), 8 pt below the number's line. */
const SEPARATOR = { size: 18, space: 8 };

/** Sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小4 12 pt. */
const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24 } as const;

// ---------------------------------------------------------------- docx helpers

interface RunStyle {
  font?: string;
  size?: number;
  bold?: boolean;
  color?: string;
}

/** A run with its font set for every script (the East Asian one explicitly) and the zh-CN language. */
function run(text: string, s: RunStyle = {}): TextRun {
  const f = s.font ?? FANGSONG;
  return new TextRun({
    text,
    font: { ascii: f, hAnsi: f, eastAsia: f, cs: f },
    size: s.size ?? SIZE.san,
    sizeComplexScript: s.size ?? SIZE.san,
    bold: s.bold,
    color: s.color,
    characterSpacing: (s.size ?? SIZE.san) === SIZE.san ? BODY_SPACING : undefined,
    language: { value: 'zh-CN', eastAsia: 'zh-CN' },
  });
}

interface ParaStyle {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  /** First-line indent in characters (2 for body text). */
  indentChars?: number;
  /** Right indent in twips. */
  right?: number;
  /** Lines after the first start this many characters in, the first line that many fewer. */
  hangingChars?: { left: number; hanging: number };
  /** Kept on the page of the next paragraph. */
  keepNext?: boolean;
  /** Exact line height in twips (default one grid line). */
  line?: number;
  border?: { color: string; size: number; space: number };
}

function para(runs: TextRun[], s: ParaStyle = {}): Paragraph {
  const chars = s.indentChars ?? 0;
  return new Paragraph({
    children: runs,
    alignment: s.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: 0, after: 0, line: s.line ?? LINE, lineRule: LineRuleType.EXACT },
    // Off, so that every page has its 22 lines.
    widowControl: false,
    indent: {
      ...(chars ? { firstLine: chars * CHAR, firstLineChars: chars * 100 } : {}),
      ...(s.hangingChars ? { left: s.hangingChars.left * CHAR, hanging: s.hangingChars.hanging * CHAR } : {}),
      ...(s.right ? { right: s.right } : {}),
    },
    keepNext: s.keepNext,
    keepLines: s.keepNext,
    border: s.border ? { bottom: { style: BorderStyle.SINGLE, ...s.border } } : undefined,
  });
}

const blank = (): Paragraph => para([run('')]);
const body = (text: string): Paragraph => para([run(text)], { indentChars: 2 });
/** Level-1 heading (一、) in 黑体. */
const heading1 = (text: string): Paragraph => para([run(text, { font: HEITI })], { indentChars: 2 });
/** A paragraph led by a level-2 heading ((一)) in 楷体. */
const heading2 = (head: string, text: string): Paragraph => para([run(head, { font: KAITI }), run(text)], { indentChars: 2 });

/** Width of a text in 3号 characters: CJK 1, ASCII ½, and ¼ for the space set between CJK and ASCII. */
function widthChars(s: string): number {
  let n = 0;
  let prev: boolean | null = null;
  for (const ch of s) {
    const ascii = ch.charCodeAt(0) < 0x80;
    n += ascii ? 0.5 : 1;
    if (prev !== null && prev !== ascii) n += 0.25;
    prev = ascii;
  }
  return n;
}

function cellPara(text: string, bold: boolean, align: (typeof AlignmentType)[keyof typeof AlignmentType]): Paragraph {
  return new Paragraph({
    children: text.split('\n').flatMap((line, i) => {
      const r = run(line, { size: SIZE.xiaosi, bold });
      return i === 0 ? [r] : [new TextRun({ break: 1 }), r];
    }),
    alignment: align,
    spacing: { before: 0, after: 0, line: 340, lineRule: LineRuleType.EXACT },
  });
}

interface Column {
  label: string;
  width: number; // twips
  left?: boolean; // left-aligned values
}

/** A table in 小4 仿宋: bold centred header repeated on every page, full borders, the text block's width. */
function table(columns: readonly Column[], rows: readonly string[][]): Table {
  const cell = (text: string, width: number, bold: boolean, left: boolean): TableCell =>
    new TableCell({
      children: [cellPara(text, bold, left ? AlignmentType.LEFT : AlignmentType.CENTER)],
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 30, bottom: 30, left: 60, right: 60 },
    });
  const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  return new Table({
    width: { size: TEXT_W, type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
    alignment: AlignmentType.CENTER,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c) => cell(c.label, c.width, true, false)),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: columns.map((c, i) => cell(r[i] ?? '', c.width, false, c.left ?? false)),
          }),
      ),
    ],
  });
}

/** Column widths summing to the text width (8844 twips). */
function groupTable(nameLabel: string, groups: readonly BulletinGroup[]): Table {
  const columns: Column[] = [
    { label: '名次', width: 680 },
    { label: nameLabel, width: 2044 },
    { label: '项目数', width: 860 },
    { label: '年度计划投资\n（亿元）', width: 1560 },
    { label: '完成投资\n（亿元）', width: 1200 },
    { label: '完成率', width: 900 },
    { label: '超欠序时进度\n（百分点）', width: 1600 },
  ];
  return table(
    columns,
    groups.map((g) => [String(g.rank), g.name, String(g.projects), yiText(g.plannedYuan), yiText(g.completedYuan), g.completionText, g.leadPointsText]),
  );
}

function laggingTable(rows: readonly BulletinLagging[]): Table {
  const columns: Column[] = [
    { label: '序号', width: 620 },
    { label: '项目名称', width: 1800, left: true },
    { label: '县（市、区）', width: 1200 },
    { label: '责任单位', width: 1200 },
    { label: '包联\n领导', width: 860 },
    { label: '完成率', width: 860 },
    { label: '超欠序时进度', width: 900 },
    { label: '主要原因', width: 1404, left: true },
  ];
  return table(
    columns,
    rows.map((p, i) => [String(i + 1), p.name, p.unit, p.dept, p.leader, p.completionText, p.leadPointsText, p.reasons || '—']),
  );
}

/** "+3.6" → 3.6, "−12.5" → −12.5 (minus sign or hyphen), anything else → NaN. */
function points(text: string): number {
  return Number(text.trim().replace(/^[−–]/, '-').replace(/^\+/, ''));
}

/** "超序时进度3.6个百分点" / "落后序时进度12.5个百分点" / "与序时进度持平". */
function leadPhrase(text: string): string {
  const v = points(text);
  const abs = text.trim().replace(/^[+\-−–]/, '');
  if (Number.isNaN(v)) return `超欠序时进度${text}个百分点`;
  if (v > 0) return `超序时进度${abs}个百分点`;
  if (v < 0) return `落后序时进度${abs}个百分点`;
  return '与序时进度持平';
}

/** "1—5月", or "1月" in January. */
const rangeText = (month: number): string => (month <= 1 ? '1月' : `1—${month}月`);

/** 'YYYY-MM-DD' → "2023年6月5日". */
function dateText(day: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(day.trim());
  if (!m) throw new Error(`issuedOn must be YYYY-MM-DD, got "${day}"`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

function groupSummary(kind: string, groups: readonly BulletinGroup[]): string {
  if (groups.length === 0) return `本期暂无${kind}数据。`;
  const ahead = groups.filter((g) => points(g.leadPointsText) > 0).length;
  const first = groups[0]!;
  const last = groups[groups.length - 1]!;
  const extremes =
    groups.length > 1
      ? `${first.name}完成率最高（${first.completionText}），${last.name}完成率最低（${last.completionText}）。`
      : `${first.name}完成率${first.completionText}。`;
  return `按年度计划投资完成率排名，${groups.length}个${kind}中超序时进度的${ahead}个，${extremes}具体见下表。`;
}

/** The page-number footer: "— n —" in 4号 宋体, one character in from the outer edge. */
function pageFooter(odd: boolean): Footer {
  const font = { ascii: SONGTI, hAnsi: SONGTI, eastAsia: SONGTI, cs: SONGTI };
  const language = { value: 'zh-CN', eastAsia: 'zh-CN' };
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: 280 } : { left: 280 },
        spacing: { before: 0, after: 0, line: 360, lineRule: LineRuleType.EXACT },
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font, size: SIZE.si, sizeComplexScript: SIZE.si, language }),
        ],
      }),
    ],
  });
}

// ---------------------------------------------------------------- the bulletin

export async function bulletinDocx(data: BulletinData): Promise<Buffer> {
  const f = data.figures;
  const range = rangeText(data.month);
  const upTo = `截至${data.month}月底`;

  // The mark's size fits its length on one line: at most 36 pt, at least 22 pt.
  const markPt = Math.max(22, Math.min(36, Math.floor((TEXT_W / 20) * 0.9 / Math.max(1, widthChars(data.issuer)))));

  // No seal: the signature 2 characters in from the right, the date below it starting 2 characters
  // further right; a date longer than that keeps 2 characters and moves the signature left.
  const sig = widthChars(data.issuerShort);
  const date = dateText(data.issuedOn);
  const dw = widthChars(date);
  let dateRight = sig - dw;
  let sigRight = 2;
  if (dateRight < 2) {
    dateRight = 2;
    sigRight = 4 + dw - sig;
  }

  const children: (Paragraph | Table)[] = [
    // Issuing mark, red 小标宋, two grid lines high.
    para([run(data.issuer, { font: XIAOBIAOSONG, size: markPt * 2, color: RED })], { align: AlignmentType.CENTER, line: 2 * LINE }),
    blank(),
    blank(),
    // Document number with the red separator about 4 mm under it; the border's width and space are
    // taken from the line's height, so the page keeps 22 lines.
    para([run(data.docNumber)], {
      align: AlignmentType.CENTER,
      line: LINE - Math.round((SEPARATOR.size / 8 + SEPARATOR.space) * 20),
      border: { color: RED, ...SEPARATOR },
    }),
    blank(),
    blank(),
    para([run(data.title, { font: XIAOBIAOSONG, size: SIZE.er })], { align: AlignmentType.CENTER }),
    blank(),
    para([run(data.recipients)]),

    heading1('一、总体情况'),
    body(
      `${upTo}，全市“千项千亿”重点项目共${f.projects}个，总投资${yiText(f.totalYuan)}亿元，` +
        `${data.year}年计划投资${yiText(f.plannedYuan)}亿元。`,
    ),
    heading2(
      '（一）投资完成情况。',
      `${range}累计完成投资${yiText(f.completedYuan)}亿元，占年度计划的${f.completionText}，` +
        `序时进度为${f.paceText}，${leadPhrase(f.leadPointsText)}。`,
    ),
    heading2(
      '（二）项目开工情况。',
      f.dueToStart > 0
        ? `${upTo}，应开工项目${f.dueToStart}个，已开工${f.started}个，开工率${f.startRateText}。`
        : `${upTo}，暂无应开工项目。`,
    ),
    heading2(
      '（三）入库纳统情况。',
      f.mustRegister > 0
        ? `应入库项目${f.mustRegister}个，已入库${f.registered}个，入库率${f.registrationRateText}。`
        : '暂无应入库项目。',
    ),
    heading2('（四）预警情况。', `红灯项目${f.red}个，黄灯项目${f.yellow}个，绿灯项目${f.green}个。`),

    heading1('二、各县（市、区）完成情况'),
    body(groupSummary('县（市、区）', data.counties)),
    ...(data.counties.length ? [groupTable('县（市、区）', data.counties)] : []),

    heading1('三、市直部门完成情况'),
    body(groupSummary('市直部门', data.departments)),
    ...(data.departments.length ? [groupTable('部门', data.departments)] : []),

    heading1('四、滞后项目'),
    ...(data.lagging.length
      ? [
          body(
            `${upTo}，投资完成率落后于序时进度${data.laggingPoints !== undefined ? `${data.laggingPoints}个百分点以上` : ''}的项目共${data.laggingTotal ?? data.lagging.length}个${
              (data.laggingTotal ?? 0) > data.lagging.length ? `，落后最多的${data.lagging.length}个见下表，全部名单见附件明细表` : '（见下表）'
            }。请各县（市、区）、各责任单位和包联领导逐一分析原因，制定赶超措施，限期整改。`,
          ),
          laggingTable(data.lagging),
        ]
      : [body(`${upTo}，全市无投资完成率落后于序时进度的项目。`)]),

    heading1('五、下一步工作要求'),
    heading2(
      '（一）加快投资进度。',
      '各县（市、区）、各责任单位要对照年度计划，倒排工期、挂图作战，落后序时进度的项目要逐一制定赶超措施，确保完成年度投资任务。',
    ),
    heading2(
      '（二）强化要素保障。',
      '对用地、资金、审批等制约项目推进的问题，要建立问题清单，明确责任单位和完成时限，及时协调解决；需市级协调的，按程序提请市重点办调度。',
    ),
    heading2(
      '（三）做好入库纳统。',
      '坚持“先入库，后有数”，已开工项目要及时完成入库，按月准确报送投资完成情况，严禁虚报、漏报、迟报。',
    ),

    blank(),
    // The annex note: a wrapped name lines up after "附件："; it stays on the page of the signature.
    para([run(`附件：${data.year}年${range}全市“千项千亿”重点项目建设进展明细表（见电子版）`)], {
      hangingChars: { left: 5, hanging: 3 },
      keepNext: true,
    }),
    para([run('')], { keepNext: true }),
    para([run(data.issuerShort)], { align: AlignmentType.RIGHT, right: Math.round(sigRight * CHAR), keepNext: true }),
    para([run(date)], { align: AlignmentType.RIGHT, right: Math.round(dateRight * CHAR) }),
  ];

  const fontAll = { ascii: FANGSONG, hAnsi: FANGSONG, eastAsia: FANGSONG, cs: FANGSONG };
  const doc = new Document({
    creator: data.issuerShort,
    title: data.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: fontAll, size: SIZE.san, sizeComplexScript: SIZE.san, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { before: 0, after: 0, line: LINE, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_W, height: PAGE_H },
            // The footer's distance from the page edge puts the page number about 7 mm below the text block.
            margin: { ...MARGIN, header: mm(15), footer: mm(24) },
          },
          // No grid in force (LibreOffice would stretch table rows to it); the exact spacing gives the 22 lines.
          grid: { type: DocumentGridType.DEFAULT, linePitch: LINE },
        },
        footers: { default: pageFooter(true), even: pageFooter(false) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ---------------------------------------------------------------- the annex

const ANNEX_COLUMNS: readonly { label: string; width: number }[] = [
  { label: '序号', width: 6 },
  { label: '项目编号', width: 14 },
  { label: '项目名称', width: 36 },
  { label: '县（市、区）', width: 12 },
  { label: '责任单位', width: 16 },
  { label: '包联领导', width: 10 },
  { label: '类别', width: 10 },
  { label: '阶段', width: 10 },
  { label: '总投资（万元）', width: 15 },
  { label: '年度计划投资（万元）', width: 15 },
  { label: '累计完成投资（万元）', width: 15 },
  { label: '完成率', width: 9 },
  { label: '超欠序时进度（百分点）', width: 12 },
  { label: '预警', width: 7 },
  { label: '主要原因', width: 36 },
];
const MONEY_COLUMNS = [9, 10, 11];
const XLSX_FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF999999' } },
  left: { style: 'thin', color: { argb: 'FF999999' } },
  bottom: { style: 'thin', color: { argb: 'FF999999' } },
  right: { style: 'thin', color: { argb: 'FF999999' } },
};
const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** The light cell's fill and font by its text (红/黄/绿 or red/yellow/green). */
function lightColours(light: string): { fill: string; font: string } | null {
  if (/红|red/i.test(light)) return { fill: 'FFFFC7CE', font: 'FF9C0006' };
  if (/黄|yellow/i.test(light)) return { fill: 'FFFFEB9C', font: 'FF9C5700' };
  if (/绿|green/i.test(light)) return { fill: 'FFE2EFDA', font: 'FF375623' };
  return null;
}

/** The annex: sheet "明细表" with a title row, a header row, a 合计 row, then one row per project (money in 万元). */
export async function bulletinAnnexXlsx(data: { title: string; rows: AnnexRow[]; totals: BulletinFigures }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const ws = wb.addWorksheet('明细表', {
    views: [{ state: 'frozen', xSplit: 3, ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:3' },
  });
  const width = ANNEX_COLUMNS.length;
  ws.columns = ANNEX_COLUMNS.map((c) => ({ width: c.width }));

  ws.mergeCells(1, 1, 1, width);
  const t = ws.getCell(1, 1);
  t.value = data.title;
  t.font = { name: '黑体', size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 32;

  const header = ws.getRow(2);
  ANNEX_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.label;
    cell.font = { name: XLSX_FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = solid('FFD9D9D9');
    cell.border = THIN;
  });
  header.height = 32;

  const tot = data.totals;
  const totalValues: ExcelJS.CellValue[] = [
    '合计',
    null,
    `${tot.projects}个项目`,
    null,
    null,
    null,
    null,
    null,
    wanNumber(tot.totalYuan),
    wanNumber(tot.plannedYuan),
    wanNumber(tot.completedYuan),
    tot.completionText,
    tot.leadPointsText,
    `红${tot.red} 黄${tot.yellow} 绿${tot.green}`,
    null,
  ];
  const rows: ExcelJS.CellValue[][] = data.rows.map((r, i) => [
    i + 1,
    r.code,
    r.name,
    r.unit,
    r.dept,
    r.leader,
    r.category,
    r.stage,
    wanNumber(r.totalYuan),
    wanNumber(r.plannedYuan),
    wanNumber(r.completedYuan),
    r.completionText,
    r.leadPointsText,
    r.light,
    r.reasons,
  ]);

  [totalValues, ...rows].forEach((values, k) => {
    const row = ws.getRow(3 + k);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.font = { name: XLSX_FONT, size: 10, bold: k === 0 };
      cell.border = THIN;
      const col = i + 1;
      const leftAligned = col === 3 || col === 15;
      cell.alignment = { horizontal: MONEY_COLUMNS.includes(col) ? 'right' : leftAligned ? 'left' : 'center', vertical: 'middle', wrapText: true };
      if (MONEY_COLUMNS.includes(col)) cell.numFmt = '#,##0.00';
    });
    if (k === 0) row.eachCell({ includeEmpty: true }, (c) => (c.fill = solid('FFF2F2F2')));
    const colours = k > 0 ? lightColours(String(values[13] ?? '')) : null;
    if (colours) {
      const c = row.getCell(14);
      c.fill = solid(colours.fill);
      c.font = { name: XLSX_FONT, size: 10, color: { argb: colours.font } };
    }
  });
  ws.mergeCells(3, 1, 3, 2);

  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
