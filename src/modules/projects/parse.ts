/**
 * Reading a major-project (千项千亿) sheet as counties really send it. Pure: a sheet's cell values
 * in, project rows and row-by-row errors out (units, categories and stages are matched by the
 * caller).
 *
 * What a real sheet has, and how it is read:
 *  - a title row ("孝义市2023年“千项千亿”重点项目建设进展情况表") and a unit line
 *    ("填报单位：孝义市发展和改革局    单位：万元"): the money unit of the line applies to every
 *    amount column whose header does not state its own ("总投资（亿元）"); default 万元. The
 *    place at the head of 填报单位 (else of the title) is `titleUnit`;
 *  - the header is the first of the first 15 rows with 项目名称 and at least two other known
 *    labels (see LABELS; bracketed remarks, spaces and * marks are ignored). A second header row
 *    below it (labels under a merged "2023年": 计划投资 | 1-5月完成投资) or a group row above it
 *    ("投资情况（万元）" over 总投资 | 计划投资) is combined with it, the lower label first;
 *  - merged cells read as their top-left cell (readWorkbook);
 *  - skipped: blank rows, rows with only a 序号, a row of column numbers (1 2 3 …), repeated
 *    header rows, 合计/总计/小计 rows and their 其中 lines, notes rows (备注：…, 注：…, 填报人：…, 审核人：…);
 *  - section rows ("一、产业项目（7个）", "（一）新开工项目", "一 | 产业项目（7个）", possibly with
 *    subtotals in the amount columns) name the section of the rows below ("产业项目", nested as
 *    "产业项目／新开工项目") and, when recognisable, their default category and stage;
 *  - amounts: numbers, or text with thousands separators, or with their own unit ("1.2亿");
 *    "——", "-", "/", "无" and blank mean none; converted to integer 元;
 *  - dates: Excel dates, date serials, "2023.4", "2023年4月", "2023-4-15", "2023年4月15日"…;
 *    a month alone is its first day for a start, its last day for a finish;
 *  - every bad cell is reported with its Excel row and column; a row with an error is not returned.
 */
import { isValidDay } from '../../domain/calendar.ts';
import { CATEGORY_LABELS, STAGE_LABELS } from '../../domain/projects.ts';
import { cellText, columnLetter, columnRef, halfWidth, isoOf, normalLabel, type CellValue, type Column, type RowError, type SheetValues } from '../../platform/sheets.ts';

export type ProjectField =
  | 'seq'
  | 'code'
  | 'name'
  | 'unit'
  | 'dept'
  | 'leader'
  | 'category'
  | 'stage'
  | 'content'
  | 'total'
  | 'planned'
  | 'completed'
  | 'plannedStart'
  | 'plannedFinish'
  | 'actualStart'
  | 'registered'
  | 'location'
  | 'progress'
  | 'note';

export type MoneyUnit = 'yuan' | 'wan' | 'yi';
type MoneyField = 'total' | 'planned' | 'completed';

export interface ParsedProjectRow {
  /** Excel row number (1-based). */
  row: number;
  /** The section rows above it ("产业项目", nested "产业项目／新开工项目"), '' if none. */
  section: string;
  code: string | null;
  name: string;
  /** 县（市、区） as written, or null. */
  unit: string | null;
  dept: string | null;
  leader: string | null;
  /** As written, or from the section when the cell is empty or there is no column. */
  category: string | null;
  /** As written, or from the section when the cell is empty or there is no column. */
  stage: string | null;
  content: string;
  totalYuan: number | null;
  plannedYuan: number | null;
  completedYuan: number | null;
  plannedStart: string | null;
  plannedFinish: string | null;
  actualStart: string | null;
  registered: boolean | null;
  location: string;
  progress: string;
  note: string;
}

export interface ParsedProjectSheet {
  sheet: string;
  /** First header row (Excel number). */
  headerRow: number | null;
  /** The sheet's unit: the unit line's, else the 总投资 header's, else 万元. */
  moneyUnit: MoneyUnit;
  /** The unit each amount column is read in. */
  columnUnits: Partial<Record<MoneyField, MoneyUnit>>;
  /** The place at the head of 填报单位 (else of the title): "填报单位：孝义市发展和改革局" → "孝义市". */
  titleUnit: string | null;
  columns: Partial<Record<ProjectField, Column>>;
  rows: ParsedProjectRow[];
  errors: RowError[];
}

const LABELS: Record<ProjectField, readonly string[]> = {
  seq: ['序号', '序'],
  code: ['项目编码', '项目代码', '项目编号', '统一项目代码', '项目统一代码', '投资项目代码', '备案代码', '代码', '编码'],
  name: ['项目名称', '项目', '名称', '项目名'],
  // "县（市、区）" reads as "县" once its bracket is dropped.
  unit: ['县（市、区）', '县市区', '县区', '区县', '所在县', '所属县', '所在县市区', '所属县市区', '县名称', '属地', '所属地区', '地区'],
  dept: ['责任单位', '责任部门', '牵头单位', '牵头部门', '主管部门', '行业主管部门', '主责单位', '责任主体', '项目责任单位'],
  leader: ['包联领导', '包联市领导', '市级包联领导', '包联县领导', '县级包联领导', '包联领导干部', '包联责任领导', '联系领导', '分包领导'],
  category: ['项目类别', '类别', '行业', '项目类型', '类型', '所属行业', '行业类别', '项目分类', '产业类别'],
  stage: ['建设性质', '项目阶段', '阶段', '项目性质', '性质', '建设阶段', '项目状态'],
  content: ['建设内容及规模', '建设内容', '建设规模', '建设规模及内容', '建设内容和规模', '主要建设内容', '主要建设内容及规模', '项目建设内容', '建设规模及主要内容'],
  total: ['总投资', '项目总投资', '计划总投资', '估算总投资', '总投资额'],
  // Also "2023年计划投资", "2023年度计划投资" (PATTERNS).
  planned: ['计划投资', '年度计划投资', '本年计划投资', '年度计划', '当年计划投资', '年计划投资', '全年计划投资', '年度投资计划'],
  // Also any "N-M月完成投资", "2023年1-5月累计完成投资", "截至5月底累计完成投资" (PATTERNS).
  completed: ['完成投资', '累计完成投资', '本年完成投资', '本年累计完成投资', '年度完成投资', '已完成投资', '1-5月完成投资', '1—5月完成投资'],
  plannedStart: ['计划开工时间', '开工时间', '计划开工日期', '开工日期', '拟开工时间', '预计开工时间'],
  plannedFinish: ['计划竣工时间', '竣工时间', '计划完工时间', '完工时间', '竣工日期', '计划竣工日期', '预计竣工时间', '计划建成时间', '建成时间'],
  actualStart: ['实际开工时间', '实际开工日期'],
  registered: ['是否入库', '入库情况', '是否已入库', '入库'],
  location: ['建设地点', '项目地点', '建设地址', '项目建设地点', '地点', '所在地'],
  progress: ['形象进度', '工作进展', '进展情况', '项目进展', '项目进展情况', '进展', '建设进展', '工程形象进度', '目前进展', '当前进展'],
  note: ['备注'],
};

/** The labels each field accepts (for messages and documentation). */
export const PROJECT_LABELS = LABELS;

/** A header label reduced to what identifies it; dashes of any kind become "-". */
const keyOf = (label: string): string =>
  normalLabel(label)
    .replace(/[—–－~～]+|(?<=\d)至(?=\d)/g, '-')
    .replace(/["“”'‘’]/g, '');

const FIELD_OF = new Map<string, ProjectField>(Object.entries(LABELS).flatMap(([f, ls]) => ls.map((l) => [keyOf(l), f as ProjectField] as const)));

const PATTERNS: readonly (readonly [RegExp, ProjectField])[] = [
  [/^(?:\d{4}年度?|本年度?|年度|当年)?(?:全年)?计划(?:完成)?投资额?$/, 'planned'],
  // This year's: "1-5月", not "5月" (one month) nor "开工以来" (since the start).
  [/^(?:\d{4}年度?|本年度?|年度|当年)?(?:截至\d{1,2}月底?|\d{1,2}-\d{1,2}月份?)?(?:累计)?(?:已)?完成投资额?$/, 'completed'],
];

export function projectFieldOf(label: string): ProjectField | undefined {
  const k = keyOf(label);
  if (!k) return undefined;
  return FIELD_OF.get(k) ?? PATTERNS.find(([re]) => re.test(k))?.[1];
}

const MONEY: readonly MoneyField[] = ['total', 'planned', 'completed'];
const FACTOR: Record<MoneyUnit, number> = { yuan: 1, wan: 10_000, yi: 100_000_000 };

/** The money unit a header cell states: "总投资（万元）", "投资（亿元）", "金额/元". */
function unitIn(text: string): MoneyUnit | null {
  const t = halfWidth(text).replace(/\s+/g, '');
  if (t.includes('亿元')) return 'yi';
  if (t.includes('万元')) return 'wan';
  if (/[（(/]元[）)]?$|[（(]元[）)]|单位[:：]?元/.test(t)) return 'yuan';
  return null;
}

/** "单位：万元", "金额单位：亿元", "（单位：万元）", a lone "万元". */
function unitLine(text: string): MoneyUnit | null {
  const t = halfWidth(text).replace(/\s+/g, '');
  const m = /单位[:：]?(亿元|万元|元)/.exec(t) ?? /^[（(]?(亿元|万元|元)[）)]?$/.exec(t);
  if (!m) return null;
  return m[1] === '亿元' ? 'yi' : m[1] === '万元' ? 'wan' : 'yuan';
}

/** The header label as a reference shows it: no spaces, no unit remark. */
const shownLabel = (s: string): string => s.replace(/\s+/g, '').replace(/[（(](?:单位[:：]?)?(?:亿元|万元|元)[）)]/g, '');

// ---------------------------------------------------------------- cell values

type Failure = { ok: false; message: string; messageEn: string };

/** Cells that mean "none". */
const NONE = /^(?:[-—–―_/\\]+|无|暂无|空)$/;

/** An amount cell in 元 (rounded to the 元), in the column's unit unless the text names its own. */
export function parseAmount(v: CellValue, unit: MoneyUnit): { ok: true; yuan: number | null } | Failure {
  const raw = cellText(v);
  const notAmount: Failure = { ok: false, message: `金额无法识别：「${raw}」`, messageEn: `not an amount: "${raw}"` };
  if (v === null || raw === '') return { ok: true, yuan: null };
  let n: number;
  let u = unit;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return notAmount;
    n = v;
  } else if (typeof v === 'string') {
    const t = halfWidth(raw).replace(/\s+/g, '');
    if (NONE.test(t)) return { ok: true, yuan: null };
    const m = /^(-?)(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?(亿元|亿|万元|万|元)?$/.exec(t);
    if (!m) return notAmount;
    n = Number(`${m[1]}${(m[2] as string).replace(/[,，]/g, '')}${m[3] ?? ''}`);
    if (m[4]) u = m[4].startsWith('亿') ? 'yi' : m[4].startsWith('万') ? 'wan' : 'yuan';
  } else return notAmount;
  if (n < 0) return { ok: false, message: `金额不能为负数：「${raw}」`, messageEn: `an amount cannot be negative: "${raw}"` };
  const yuan = Math.round(n * FACTOR[u]);
  if (!Number.isSafeInteger(yuan)) return { ok: false, message: `金额过大：「${raw}」`, messageEn: `the amount is too large: "${raw}"` };
  return { ok: true, yuan };
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A date cell to 'YYYY-MM-DD'; a month alone is its first day, or its last when `end`. */
export function parseMonthDate(v: CellValue, end: boolean): { ok: true; day: string | null } | Failure {
  const raw = cellText(v);
  const unreadable: Failure = { ok: false, message: `日期无法识别：「${raw}」，请填写如 2023-04-15 或 2023.4`, messageEn: `not a date: "${raw}"; write e.g. 2023-04-15 or 2023.4` };
  const invalid: Failure = { ok: false, message: `日期无效：「${raw}」`, messageEn: `not a valid date: "${raw}"` };
  if (v === null || raw === '') return { ok: true, day: null };
  const month = (y: number, m: number, edge: 'first' | 'last' | null): { ok: true; day: string } | Failure => {
    if (y < 1900 || y > 2100 || m < 1 || m > 12) return invalid;
    const last = edge ? edge === 'last' : end;
    return { ok: true, day: `${y}-${pad(m)}-${pad(last ? lastDay(y, m) : 1)}` };
  };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? invalid : { ok: true, day: isoOf(v) };
  if (typeof v === 'number') {
    // An Excel date serial (days since 1899-12-30).
    if (v > 20000 && v < 80000) return { ok: true, day: new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000).toISOString().slice(0, 10) };
    // "2023.4" typed into a General cell is the number 2023.4 (and "2023.10" shows as 2023.1).
    const m = /^(\d{4})\.(\d{1,2})$/.exec(String(v));
    return m ? month(Number(m[1]), Number(m[2]), null) : unreadable;
  }
  if (typeof v !== 'string') return unreadable;
  const t = halfWidth(raw).replace(/\s+/g, '');
  if (NONE.test(t)) return { ok: true, day: null };
  let m = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})[日号]?$/.exec(t);
  if (m) {
    const day = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
    return isValidDay(day) ? { ok: true, day } : invalid;
  }
  m = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:月份?)?(底|末|初)?$/.exec(t);
  if (m) return month(Number(m[1]), Number(m[2]), m[3] ? (m[3] === '初' ? 'first' : 'last') : null);
  return unreadable;
}

const YES = /^(?:是|已入库|入库|已|√|✓|✔|Y|YES|TRUE)$/i;
const NO = /^(?:否|未入库|暂未入库|未|不|×|✗|✘|N|NO|FALSE)$/i;

function parseRegistered(v: CellValue): { ok: true; value: boolean | null } | Failure {
  if (typeof v === 'boolean') return { ok: true, value: v };
  const raw = cellText(v);
  const t = halfWidth(raw).replace(/\s+/g, '');
  if (!t || NONE.test(t)) return { ok: true, value: null };
  if (YES.test(t)) return { ok: true, value: true };
  if (NO.test(t)) return { ok: true, value: false };
  return { ok: false, message: `是否入库应填“是”或“否”：「${raw}」`, messageEn: `是否入库 (registered) must be 是 or 否: "${raw}"` };
}

// ---------------------------------------------------------------- sections, totals, notes

const BARE_NUMERAL = /^(?:([一二三四五六七八九十]+)[、.．]?|[（(]([一二三四五六七八九十]+)[）)])$/;
const SECTION_NUMBER = /^(?:[一二三四五六七八九十]+[、.．,，]|[（(][一二三四五六七八九十]+[）)][、.．]?|第[一二三四五六七八九十]+(?:类|部分|批)[、.．:：]?)/;
/** A trailing count: "（7个）", "（共3个项目）", "（7个，总投资12亿元）". */
const SECTION_COUNT = /[（(][^（）()]*\d+\s*(?:个|项)[^（）()]*[）)][:：]?$/;
/** Totals and their breakdowns ("其中：新开工项目"). */
const TOTAL = /^(?:合计|总计|小计|共计|其中)|(?:合计|总计|小计)(?:[（(][^）)]*[）)])?$/;
const NOTE = /^(?:备注|注|说明|填报说明|填表说明)\d*[:：、.]|^(?:备注|注|说明)$|^(?:填报人|填表人|审核人|联系人|联系电话|负责人|制表人|制表|单位负责人|分管领导|填报日期|填表日期|报送日期|填报时间)/;
const AMOUNT_TEXT = /^-?[\d,，]+(?:\.\d+)?$/;

const CATEGORY_WORDS: readonly (readonly [RegExp, string])[] = [
  [/产业|工业|农业|服务业|制造业/, CATEGORY_LABELS.industry.zh],
  [/基础设施/, CATEGORY_LABELS.infrastructure.zh],
  [/民生|社会事业/, CATEGORY_LABELS.livelihood.zh],
  [/生态|环保/, CATEGORY_LABELS.ecology.zh],
  [/文化旅游|文旅|旅游/, CATEGORY_LABELS.culture_tourism.zh],
  [/^其他/, CATEGORY_LABELS.other.zh],
];
const STAGE_WORDS: readonly (readonly [RegExp, string])[] = [
  [/谋划|储备/, STAGE_LABELS.pipeline.zh],
  [/前期/, STAGE_LABELS.preparation.zh],
  [/新开工/, STAGE_LABELS.new_start.zh],
  [/续建/, STAGE_LABELS.continuing.zh],
  [/竣工|投产/, STAGE_LABELS.completed.zh],
];
const wordOf = (words: typeof CATEGORY_WORDS, name: string) => words.find(([re]) => re.test(name))?.[1] ?? null;
/** An unnumbered, uncounted section is only one of these words: "产业项目", "新开工项目". */
const SECTION_WORD = /^(?:产业|工业|农业|服务业|基础设施|社会民生|民生|生态环保|文化旅游|文旅|谋划储备|储备|前期|新开工|续建|竣工投产|竣工)(?:类)?项目$/;

interface Section {
  level: 1 | 2;
  name: string;
  category: string | null;
  stage: string | null;
}

/**
 * A section row: its text in the first one or two cells (up to the name column), or one text
 * merged across the row. Amounts (subtotals) may follow a numbered or known section.
 */
function sectionOf(texts: readonly string[], values: readonly CellValue[], nameIndex: number): Section | null {
  const filled: { t: string; i: number; v: CellValue }[] = [];
  texts.forEach((text, i) => {
    const t = text.replace(/\s+/g, '');
    // Merged cells repeat the text: keep it once.
    if (t && !filled.some((f) => f.t === t)) filled.push({ t, i, v: values[i] ?? null });
  });
  const first = filled[0];
  if (!first || first.i > nameIndex) return null;
  const merged = filled.length === 1 && texts.filter((t) => t.replace(/\s+/g, '') === first.t).length >= 3;
  let rest = filled.slice(1);
  let head = first.t;
  let level: 1 | 2 | null = null;
  // "一" | "产业项目（7个）": the number and the name in two cells.
  let split = false;
  const bare = BARE_NUMERAL.exec(head);
  if (bare && rest[0] && rest[0].i <= nameIndex) {
    level = bare[1] ? 1 : 2;
    head = rest[0].t;
    rest = rest.slice(1);
    split = true;
  } else {
    const numbered = SECTION_NUMBER.exec(head);
    if (numbered) {
      level = /^[（(]/.test(numbered[0]) ? 2 : 1;
      head = head.slice(numbered[0].length);
    }
  }
  const counted = SECTION_COUNT.test(head);
  const name = head.replace(SECTION_COUNT, '').replace(/[:：]$/, '');
  if (!name || [...name].length > 40 || /^[\d.]+$/.test(name)) return null;
  const known = SECTION_WORD.test(name);
  if (!(level || known || counted || merged)) return null;
  if (rest.length) {
    const amountsOnly = rest.every((f) => typeof f.v === 'number' || AMOUNT_TEXT.test(f.t));
    const mayHaveAmounts = known || (level !== null && (!split || counted));
    if (!amountsOnly || !mayHaveAmounts) return null;
  }
  const category = wordOf(CATEGORY_WORDS, name);
  const stage = wordOf(STAGE_WORDS, name);
  return { level: level ?? (stage && !category ? 2 : 1), name, category, stage };
}

/** "1 2 3 4 …" under a header: the columns' numbers. */
function isColumnNumbers(values: readonly CellValue[], texts: readonly string[]): boolean {
  const ns = texts.map((t, i) => (t ? (typeof values[i] === 'number' || /^\d+$/.test(t) ? Number(t) : NaN) : null)).filter((n) => n !== null);
  return ns.length >= 4 && ns.every((n, i) => Number.isInteger(n) && (i === 0 || n === (ns[i - 1] as number) + 1));
}

// ---------------------------------------------------------------- the unit named above the header

const PLACE = /^([\u4e00-\u9fa5]{1,7}?(?:自治县|自治州|市|县|区|旗|盟))/;

/** The county-level place a text starts with: "孝义市发展和改革局" → "孝义市", "山西省吕梁市孝义市…" → "孝义市". */
function placeOf(text: string): string | null {
  let t = halfWidth(text).replace(/\s+/g, '').replace(/^\d{4}年度?/, '').replace(/^[\u4e00-\u9fa5]{2,4}?(?:省|自治区)/, '');
  let found: string | null = null;
  for (let m = PLACE.exec(t); m; m = PLACE.exec(t)) {
    const name = m[1] as string;
    if (/^[全本各该我]|^(?:城市|市区|县区)$/.test(name)) break;
    found = name;
    t = t.slice(name.length);
  }
  return found;
}

const FILLER = /(?:填报|报送|填表|上报)(?:单位|部门)(?:[（(][^）)]*[）)])?[:：]\s*([^\s:：]*)/;

function titleUnitOf(lines: readonly string[]): string | null {
  for (const line of lines) {
    const m = FILLER.exec(halfWidth(line));
    // "填报单位：    金额单位：万元" names no unit.
    const named = m?.[1] && !m[1].endsWith('单位') ? placeOf(m[1]) : null;
    if (named) return named;
  }
  for (const line of lines) {
    const place = FILLER.test(halfWidth(line)) ? null : placeOf(line);
    if (place) return place;
  }
  return null;
}

// ---------------------------------------------------------------- the header

interface Header {
  /** 0-based rows: the upper (or only) header row and the lower one. */
  upper: number;
  lower: number | null;
}

const fieldsOf = (row: readonly string[]) => new Set(row.map((t) => (t ? projectFieldOf(t) : undefined)).filter((f): f is ProjectField => !!f));
const hasValues = (row: readonly CellValue[]) => row.some((v) => typeof v === 'number' || typeof v === 'boolean' || v instanceof Date);

/** A second header row: no values, and at least one label of its own that names a field alone or with the label above. */
function isLowerRow(texts: readonly string[], values: readonly CellValue[], above: readonly string[]): boolean {
  if (hasValues(values)) return false;
  const first = texts.find((t) => t)?.replace(/\s+/g, '') ?? '';
  if (!first || TOTAL.test(first) || NOTE.test(first)) return false;
  return texts.some((t, c) => {
    const u = above[c] ?? '';
    return !!t && t !== u && !!(projectFieldOf(t) || projectFieldOf(u + t) || projectFieldOf(t + u));
  });
}

/** A group row above the header: no values, several texts, and a cell merged down into the header (same text). */
function isGroupRow(texts: readonly string[], values: readonly CellValue[], below: readonly string[]): boolean {
  if (hasValues(values)) return false;
  if (texts.some((t) => t && (unitLine(t) || FILLER.test(halfWidth(t))))) return false;
  if (new Set(texts.filter((t) => t)).size < 2) return false;
  return texts.some((t, c) => !!t && t === below[c]);
}

function findHeader(texts: readonly string[][], values: readonly CellValue[][]): Header | null {
  for (let r = 0; r < Math.min(texts.length, 15); r++) {
    const fields = fieldsOf(texts[r] ?? []);
    if (!fields.has('name') || fields.size < 3) continue;
    if (r > 0 && isGroupRow(texts[r - 1] ?? [], values[r - 1] ?? [], texts[r] ?? [])) return { upper: r - 1, lower: r };
    if (r + 1 < texts.length && isLowerRow(texts[r + 1] ?? [], values[r + 1] ?? [], texts[r] ?? [])) return { upper: r, lower: r + 1 };
    return { upper: r, lower: null };
  }
  return null;
}

function noHeader(sheet: string): ParsedProjectSheet {
  return {
    sheet,
    headerRow: null,
    moneyUnit: 'wan',
    columnUnits: {},
    titleUnit: null,
    columns: {},
    rows: [],
    errors: [
      {
        row: null,
        column: null,
        message: '未找到项目表头：前 15 行中须有「项目名称」「总投资」等列（可下载导入模板）',
        messageEn: 'no project header found: the first 15 rows need columns such as 项目名称 (project name) and 总投资 (total investment); see the import template',
      },
    ],
  };
}

// ---------------------------------------------------------------- the sheet

/** Reads the first sheet that has a project header; errors name Excel rows and columns. */
export function parseProjectSheets(sheets: readonly SheetValues[]): ParsedProjectSheet {
  for (const s of sheets) {
    if (findHeader(s.rows.map((r) => r.map(cellText)), s.rows)) return parseProjectSheet(s);
  }
  return noHeader(sheets[0]?.name ?? '');
}

export function parseProjectSheet(sheet: SheetValues): ParsedProjectSheet {
  const texts = sheet.rows.map((r) => r.map(cellText));
  const header = findHeader(texts, sheet.rows);
  if (!header) return noHeader(sheet.name);
  const above = [...new Set(texts.slice(0, header.upper).flat().filter((t) => t))];
  const lineUnit = above.map(unitLine).find((u) => u) ?? null;
  const titleUnit = titleUnitOf(above);

  const upper = texts[header.upper] ?? [];
  const lower = header.lower === null ? [] : (texts[header.lower] ?? []);
  const columns: Partial<Record<ProjectField, Column>> = {};
  const columnUnits: Partial<Record<MoneyField, MoneyUnit>> = {};
  const width = Math.max(upper.length, lower.length);
  for (let c = 0; c < width; c++) {
    const u = upper[c] ?? '';
    const l = lower[c] && lower[c] !== u ? (lower[c] as string) : '';
    // The lower label is the more specific; "2023年" over "计划投资", "完成投资" under "1-5月".
    const candidates = l ? [l, u + l, l + u, u] : [u];
    let field: ProjectField | undefined;
    let label = '';
    for (const cand of candidates) {
      field = cand ? projectFieldOf(cand) : undefined;
      if (field) {
        label = cand;
        break;
      }
    }
    if (!field || columns[field]) continue;
    columns[field] = { index: c, letter: columnLetter(c), label: shownLabel(label) };
    if ((MONEY as readonly string[]).includes(field)) columnUnits[field as MoneyField] = unitIn(l) ?? unitIn(u) ?? lineUnit ?? 'wan';
  }
  const headerRow = header.upper + 1;
  const moneyUnit = lineUnit ?? columnUnits.total ?? 'wan';
  const base = { sheet: sheet.name, headerRow, moneyUnit, columnUnits, titleUnit, columns };
  if (!columns.total) {
    return {
      ...base,
      rows: [],
      errors: [{ row: headerRow, column: null, message: '表头缺少列：总投资', messageEn: 'the header lacks the column: 总投资 (total investment)' }],
    };
  }
  const nameCol = columns.name as Column;
  const totalCol = columns.total;

  const rows: ParsedProjectRow[] = [];
  const errors: RowError[] = [];
  const sections = new Map<1 | 2, Section>();
  for (let r = (header.lower ?? header.upper) + 1; r < texts.length; r++) {
    const cells = texts[r] ?? [];
    const values = sheet.rows[r] ?? [];
    const first = cells.find((t) => t)?.replace(/\s+/g, '');
    if (!first) continue;
    if (isColumnNumbers(values, cells)) continue;
    const at = (f: ProjectField) => {
      const c = columns[f];
      return c ? (cells[c.index] ?? '') : '';
    };
    const valueAt = (f: ProjectField): CellValue => {
      const c = columns[f];
      return c ? (values[c.index] ?? null) : null;
    };
    if (!/^\d+$/.test(at('seq'))) {
      if (first.length <= 30 && TOTAL.test(first)) continue;
      if (NOTE.test(first)) continue;
      const section = sectionOf(cells, values, nameCol.index);
      if (section) {
        for (const level of [...sections.keys()]) if (level >= section.level) sections.delete(level);
        sections.set(section.level, section);
        continue;
      }
    }
    // A header repeated on a printed page.
    if (projectFieldOf(at('name')) === 'name') continue;
    const data = (Object.keys(columns) as ProjectField[]).some((f) => f !== 'seq' && at(f));
    if (!data) continue;

    const rowNo = r + 1;
    const rowErrors: RowError[] = [];
    const fail = (f: ProjectField, e: Failure) => rowErrors.push({ row: rowNo, column: columnRef(columns[f] as Column), message: e.message, messageEn: e.messageEn });
    const name = at('name').replace(/\s*\n\s*/g, '');
    if (!name) fail('name', { ok: false, message: '项目名称为空', messageEn: 'the project name is empty' });
    const money: Record<MoneyField, number | null> = { total: null, planned: null, completed: null };
    for (const f of MONEY) {
      if (!columns[f]) continue;
      const a = parseAmount(valueAt(f), columnUnits[f] ?? 'wan');
      if (a.ok) money[f] = a.yuan;
      else fail(f, a);
    }
    const totalRead = !rowErrors.some((e) => e.column === columnRef(totalCol));
    if (totalRead && money.total === null) fail('total', { ok: false, message: '总投资为空', messageEn: 'the total investment is empty' });
    if (money.total !== null && money.planned !== null && money.planned > money.total) {
      fail('planned', { ok: false, message: '年度计划投资大于总投资', messageEn: 'the planned investment for the year exceeds the total investment' });
    }
    if (money.total !== null && money.completed !== null && money.completed > money.total) {
      fail('completed', { ok: false, message: '完成投资大于总投资', messageEn: 'the completed investment exceeds the total investment' });
    }
    const dates: Record<'plannedStart' | 'plannedFinish' | 'actualStart', string | null> = { plannedStart: null, plannedFinish: null, actualStart: null };
    for (const f of ['plannedStart', 'plannedFinish', 'actualStart'] as const) {
      if (!columns[f]) continue;
      const d = parseMonthDate(valueAt(f), f === 'plannedFinish');
      if (d.ok) dates[f] = d.day;
      else fail(f, d);
    }
    let registered: boolean | null = null;
    if (columns.registered) {
      const g = parseRegistered(valueAt('registered'));
      if (g.ok) registered = g.value;
      else fail('registered', g);
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    const levels = [...sections.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);
    const fromSections = (k: 'category' | 'stage') => levels.reduce<string | null>((v, s) => s[k] ?? v, null);
    const short = (f: ProjectField) => at(f).replace(/\s+/g, '') || null;
    rows.push({
      row: rowNo,
      section: levels.map((s) => s.name).join('／'),
      code: short('code'),
      name,
      unit: short('unit'),
      dept: at('dept') || null,
      leader: at('leader') || null,
      category: short('category') ?? fromSections('category'),
      stage: short('stage') ?? fromSections('stage'),
      content: at('content'),
      totalYuan: money.total,
      plannedYuan: money.planned,
      completedYuan: money.completed,
      plannedStart: dates.plannedStart,
      plannedFinish: dates.plannedFinish,
      actualStart: dates.actualStart,
      registered,
      location: at('location'),
      progress: at('progress'),
      note: at('note'),
    });
  }
  return { ...base, rows, errors };
}
