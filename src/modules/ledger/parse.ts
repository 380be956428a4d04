/**
 * Reading a rectification ledger as inspection offices really send it. Pure: a sheet's cell
 * values in, items and row-by-row errors out (the units are matched by the service).
 *
 * What a real sheet has, and how it is read:
 *  - a title row and maybe a note line above the header: the header is the row (within the first
 *    20) whose cells carry the most known labels (问题/存在问题/问题描述, 整改要求, 整改措施,
 *    责任单位/牵头单位, 配合单位/协办单位, 整改时限/完成时限/时限, 进展, 备注, 序号); bracketed
 *    remarks in a label are ignored ("整改时限（完成时间）");
 *  - a two-line header: when the row below the header only adds labels (责任单位 over 牵头单位 |
 *    配合单位), the lower, more specific label names the column;
 *  - merged cells: every cell of a merged range reads as its top-left cell (a unit or a deadline
 *    shared by several problems applies to each);
 *  - blank rows are skipped; so are rows whose 序号 is "示例" or "填写说明" (the template's own
 *    rows) and tail rows starting with 合计/小计/总计/备注/注/说明/填表人/审核人/联系人/联系电话;
 *  - a section row — one text across the row, numbered like "一、环境保护方面（5项）" — starts a
 *    category that the items below carry (kept with the source document, see SECTION_SEPARATOR);
 *    the item count in brackets is dropped, since it changes as items are added;
 *  - deadlines: Excel dates (or date serial numbers), "2026-06-30", "2026/6/30", "2026.6.30",
 *    "2026年6月30日", "2026年6月底前", "2026年底前"; a long-term item ("长期坚持") must also give a
 *    stage deadline ("2026年6月底前完成阶段目标，长期坚持" is read as 2026-06-30); a deadline
 *    without a year is refused rather than guessed;
 *  - the 问题 text: its first sentence (or line) is the title, up to 100 characters; the whole
 *    text is the content; a 备注 is appended to the content as "备注：…";
 *  - the 责任单位 cell may name several units: the first is the lead unit, the others assist, as do
 *    those of a 配合单位 column and those marked "配合：" or "（配合）" in the cell.
 */
import { findDeadline } from '../../domain/deadlines.ts';
import { isValidDay } from '../../domain/calendar.ts';
import { cellText, columnLetter, columnRef, halfWidth, isoOf, normalLabel, type CellValue, type Column, type RowError, type SheetValues } from '../../platform/sheets.ts';

// Re-exported for the ledger's service, unit matcher and tests, which import them from here.
export { columnLetter, columnRef, halfWidth, type CellValue, type Column, type RowError };

export type Field = 'seq' | 'problem' | 'detail' | 'requirement' | 'measures' | 'lead' | 'assist' | 'due' | 'progress' | 'note';

const LABELS: Record<Field, readonly string[]> = {
  seq: ['序号', '编号', '序'],
  problem: ['问题', '存在问题', '反馈问题', '问题清单', '主要问题', '发现问题', '问题内容', '问题名称', '巡视反馈问题', '巡察反馈问题', '审计发现问题', '督查发现问题', '存在的问题', '问题类型及表现'],
  // A column of details: the problem itself when the sheet has no column of the labels above.
  detail: ['问题描述', '具体表现', '问题表现', '主要表现', '具体问题', '问题具体表现', '表现形式'],
  requirement: ['整改要求', '整改目标', '整改要求及目标', '整改目标要求', '整改目标及要求', '工作要求'],
  measures: ['整改措施', '整改举措', '具体措施', '整改措施及步骤', '主要措施', '措施'],
  lead: ['责任单位', '牵头单位', '整改责任单位', '责任主体', '主体责任单位', '承办单位', '主办单位', '牵头责任单位', '整改单位', '责任部门', '牵头部门', '牵头', '主办'],
  assist: ['配合单位', '协办单位', '协同单位', '配合部门', '参与单位', '责任配合单位', '配合', '协办'],
  due: ['整改时限', '完成时限', '时限', '整改期限', '完成时间', '时间节点', '整改时间', '办结时限', '完成期限'],
  progress: ['进展', '整改进展', '进展情况', '整改情况', '完成情况', '整改进展情况', '整改落实情况', '工作进展', '整改完成情况'],
  note: ['备注'],
};

const FIELD_OF = new Map<string, Field>(Object.entries(LABELS).flatMap(([f, ls]) => ls.map((l) => [l, f as Field] as const)));

/** The labels each field accepts (for messages and documentation). */
export const FIELD_LABELS = LABELS;

export interface ParsedRow {
  /** Excel row number. */
  row: number;
  category: string;
  title: string;
  content: string;
  requirement: string;
  measures: string;
  progress: string;
  leadNames: string[];
  /** Assisting units: from the 责任单位 cell (after the first name, or marked 配合) or from a 配合单位 column. */
  assists: { name: string; field: 'lead' | 'assist' }[];
  /** The text of the 责任单位 cell (for messages). */
  unitsText: string;
  due: string | null;
  dueText: string;
}

export interface ParsedSheet {
  sheet: string;
  headerRow: number | null;
  columns: Partial<Record<Field, Column>>;
  rows: ParsedRow[];
  errors: RowError[];
}

export const fieldOf = (label: string): Field | undefined => FIELD_OF.get(normalLabel(label));

// ---------------------------------------------------------------- deadlines

export type DueResult = { ok: true; due: string } | { ok: false; message: string; messageEn: string };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
const LONG_TERM = /长期|持续|常态化|久久为功/;

function checkedDay(y: number, m: number, d: number, text: string): DueResult {
  const day = `${y}-${pad(m)}-${pad(d)}`;
  if (isValidDay(day)) return { ok: true, due: day };
  return { ok: false, message: `日期无效：「${text}」`, messageEn: `not a valid date: "${text}"` };
}

/** A deadline cell to an ISO day, or why it cannot be read. */
export function parseDue(v: CellValue): DueResult {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { ok: false, message: '日期无效', messageEn: 'not a valid date' };
    return { ok: true, due: isoOf(v) };
  }
  if (typeof v === 'number') {
    // An Excel date serial without a date format (days since 1899-12-30).
    if (Number.isInteger(v) && v > 36000 && v < 73000) return { ok: true, due: new Date(Date.UTC(1899, 11, 30) + v * 86_400_000).toISOString().slice(0, 10) };
    return { ok: false, message: `无法识别的时限「${v}」，请填写日期，如 2026-06-30 或 2026年6月底前`, messageEn: `cannot read the deadline "${v}"; write a date such as 2026-06-30 or 2026年6月底前` };
  }
  const raw = cellText(v);
  if (!raw) return { ok: false, message: '缺少整改时限', messageEn: 'the deadline is missing' };
  const t = halfWidth(raw).replace(/\s+/g, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})日?(?:前|之前|以前)?$/.exec(t) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?:前|之前|以前)?$/.exec(t);
  if (m) return checkedDay(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  m = /^(\d{4})[-/.年](\d{1,2})月?(?:份)?(?:底|末)?(?:前|之前|以前)?$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) return { ok: true, due: lastDayOf(Number(m[1]), month) };
    return { ok: false, message: `日期无效：「${raw}」`, messageEn: `not a valid date: "${raw}"` };
  }
  m = /^(\d{4})年(?:底|末)(?:前|之前)?$/.exec(t);
  if (m) return { ok: true, due: `${m[1]}-12-31` };
  // A phrase with a deadline in it: "2026年6月底前完成，长期坚持", "2026年上半年".
  const year = /(\d{4})\s*年/.exec(t);
  const found = findDeadline(t, year ? Number(year[1]) : null);
  const explicit = /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/.exec(t);
  if (explicit) {
    const [y, mo, d] = explicit[0].split(/[-/.]/).map(Number) as [number, number, number];
    return checkedDay(y, mo, d, raw);
  }
  if (found?.date && isValidDay(found.date)) return { ok: true, due: found.date };
  if (LONG_TERM.test(t)) {
    return { ok: false, message: '长期坚持类事项须给出阶段性完成时限', messageEn: 'a long-term item must give a stage deadline (a date)' };
  }
  if (found && !found.date) {
    return { ok: false, message: `时限「${raw}」缺少年份，请写明年份，如 2026年6月底前`, messageEn: `the deadline "${raw}" has no year; write it, e.g. 2026年6月底前` };
  }
  return { ok: false, message: `无法识别的时限「${raw}」，请填写日期，如 2026-06-30 或 2026年6月底前`, messageEn: `cannot read the deadline "${raw}"; write a date such as 2026-06-30 or 2026年6月底前` };
}

// ---------------------------------------------------------------- units in a cell

const SEPARATORS = new Set(['、', '，', ',', '；', ';', '\n']);

/** Splits at separators outside brackets: "各县（市、区）、市水利局" is two names. */
function splitOutsideBrackets(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '（' || ch === '(') depth++;
    else if ((ch === '）' || ch === ')') && depth > 0) depth--;
    if (depth === 0 && SEPARATORS.has(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The units a 责任单位 cell names: lead-side names in order, and those marked as assisting. */
export function splitUnits(text: string): { lead: string[]; assist: string[] } {
  const lead: string[] = [];
  const assist: string[] = [];
  let mode: 'lead' | 'assist' = 'lead';
  for (const token of splitOutsideBrackets(halfWidth(text).replace(/\r/g, ''))) {
    let s = token.replace(/\s+/g, '');
    const marker = /^(牵头单位|牵头|主办单位|主办|责任单位|配合单位|配合|协办单位|协办)[:：]/.exec(s);
    if (marker) {
      mode = /配合|协办/.test(marker[1] as string) ? 'assist' : 'lead';
      s = s.slice(marker[0].length);
    }
    let role = mode;
    const suffix = /[（(](牵头|主办|配合|协办)[）)]$/.exec(s);
    if (suffix) {
      role = /配合|协办/.test(suffix[1] as string) ? 'assist' : 'lead';
      s = s.slice(0, -suffix[0].length);
    }
    if (s) (role === 'lead' ? lead : assist).push(s);
  }
  return { lead, assist };
}

// ---------------------------------------------------------------- title and content

const TITLE_MAX = 100;

/** The first sentence (or line) of a problem, up to 100 characters. */
export function titleOf(problem: string): string {
  const first = (problem.split('\n').find((l) => l.trim()) ?? '').trim();
  const sentence = (/^[^。；;！？!?]*/.exec(first)?.[0] ?? first).trim() || first;
  const chars = [...sentence];
  return chars.length > TITLE_MAX ? chars.slice(0, TITLE_MAX - 1).join('') + '…' : sentence;
}

/** 问题 as the ledger shows it: the title, then the content unless it already begins with the title. */
export function problemText(title: string, content: string): string {
  if (!content) return title;
  const stem = title.endsWith('…') ? title.slice(0, -1) : title;
  return content.startsWith(stem) ? content : `${title}\n${content}`;
}

// ---------------------------------------------------------------- the sheet

const TAIL = /^(合计|小计|总计|共计|备注|注[:：]|注\d|说明|填表说明|填表人|填报人|审核人|负责人|联系人|联系电话|填报单位|制表|报送单位)/;
const TEMPLATE_ROW = /^(示例|例|填写说明|说明)$/;
const SECTION_NUMBER = /^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十百]+(?:部分|类|方面|章)?[、.．:：\s]?)/;
const SECTION_COUNT = /[（(]\s*(?:共|计)?\s*\d+\s*(?:项|个|条|件)\s*(?:问题)?[）)]\s*[:：]?$/;

function findHeader(rows: string[][]): { row: number; fields: Map<number, Field> } | null {
  let best: { row: number; fields: Map<number, Field>; score: number } | null = null;
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const fields = new Map<number, Field>();
    const seen = new Set<Field>();
    (rows[r] ?? []).forEach((text, c) => {
      const f = text ? fieldOf(text) : undefined;
      if (f) fields.set(c, f);
      if (f) seen.add(f);
    });
    const hasProblem = seen.has('problem') || seen.has('detail');
    const score = seen.size;
    if (hasProblem && score >= 3 && (!best || score > best.score)) best = { row: r, fields, score };
  }
  return best && { row: best.row, fields: best.fields };
}

/** Reads the first sheet that has a ledger header; errors name Excel rows and columns. */
export function parseLedgerSheets(sheets: readonly SheetValues[]): ParsedSheet {
  for (const s of sheets) {
    const texts = s.rows.map((r) => r.map(cellText));
    if (findHeader(texts)) return parseLedgerSheet(s);
  }
  return noHeader(sheets[0]?.name ?? '');
}

function noHeader(sheet: string): ParsedSheet {
  return {
    sheet,
    headerRow: null,
    columns: {},
    rows: [],
    errors: [
      {
        row: null,
        column: null,
        message: '未找到表头：工作表须有「问题」「责任单位」「整改时限」等列（可下载导入模板）',
        messageEn: 'no header found: the sheet needs columns such as 问题 (problem), 责任单位 (responsible unit) and 整改时限 (deadline); see the import template',
      },
    ],
  };
}

export function parseLedgerSheet(sheet: SheetValues): ParsedSheet {
  const texts = sheet.rows.map((r) => r.map(cellText));
  const header = findHeader(texts);
  const errors: RowError[] = [];
  if (!header) return noHeader(sheet.name);
  const main = texts[header.row] ?? [];
  // A second header line: the row below adds labels and nothing else.
  const below = texts[header.row + 1] ?? [];
  const added = below.map((t, c) => (t && t !== main[c] ? t : ''));
  const twoLines = added.some((t) => t && fieldOf(t)) && added.every((t) => !t || fieldOf(t));
  const columns: Partial<Record<Field, Column>> = {};
  const width = Math.max(main.length, twoLines ? below.length : 0);
  for (let c = 0; c < width; c++) {
    const sub = twoLines ? added[c] : '';
    const f = (sub && fieldOf(sub)) || fieldOf(main[c] ?? '');
    if (!f || columns[f]) continue;
    const label = ((sub && fieldOf(sub) ? sub : main[c]) ?? '').replace(/\s+/g, '');
    columns[f] = { index: c, letter: columnLetter(c), label };
  }
  // Without a 问题 column, the details column is the problem.
  if (!columns.problem && columns.detail) {
    columns.problem = columns.detail;
    delete columns.detail;
  }
  const headerRow = header.row + 1 + (twoLines ? 1 : 0);
  const missing = (['lead', 'due'] as const).filter((f) => !columns[f]);
  if (missing.length) {
    const names = { lead: '责任单位（或牵头单位）', due: '整改时限（或完成时限）' };
    const namesEn = { lead: 'responsible unit (责任单位)', due: 'deadline (整改时限)' };
    errors.push({
      row: header.row + 1,
      column: null,
      message: `表头缺少列：${missing.map((f) => names[f]).join('、')}`,
      messageEn: `the header lacks the column(s): ${missing.map((f) => namesEn[f]).join(', ')}`,
    });
    return { sheet: sheet.name, headerRow: header.row + 1, columns, rows: [], errors };
  }
  const col = columns as Required<Pick<typeof columns, 'problem' | 'lead' | 'due'>> & typeof columns;
  const rows: ParsedRow[] = [];
  let category = '';
  for (let r = headerRow; r < texts.length; r++) {
    const cells = texts[r] ?? [];
    const values = sheet.rows[r] ?? [];
    const at = (f: Field) => {
      const c = columns[f];
      return c ? (cells[c.index] ?? '') : '';
    };
    const filled = cells.filter((t) => t);
    if (filled.length === 0) continue;
    const seq = at('seq');
    if (TEMPLATE_ROW.test(seq.replace(/\s+/g, ''))) continue;
    const first = (filled[0] as string).replace(/\s+/g, '');
    const distinct = new Set(filled);
    if (!/^\d+$/.test(seq) && TAIL.test(first) && (distinct.size === 1 || !(at('lead') && at('due')))) continue;
    if (distinct.size === 1 && !/^\d+$/.test(seq) && (SECTION_NUMBER.test(first) || SECTION_COUNT.test(first) || /方面|类问题|部分/.test(first)) && [...first].length <= 60) {
      // An exported ledger of several documents names the document first: 【…】.
      category = first.replace(SECTION_COUNT, '').replace(/[:：]$/, '').replace(/^【[^】]*】/, '');
      continue;
    }
    const mapped = (['problem', 'detail', 'requirement', 'measures', 'lead', 'assist', 'due', 'progress', 'note'] as const).some((f) => at(f));
    if (!mapped) continue;
    const rowNo = r + 1;
    const problem = at('problem');
    const detail = at('detail');
    const note = at('note');
    const rowErrors: RowError[] = [];
    if (!problem) rowErrors.push({ row: rowNo, column: columnRef(col.problem), message: '缺少问题描述', messageEn: 'the problem is missing' });
    const unitsText = at('lead');
    const split = splitUnits(unitsText);
    const assistColumn = splitUnits(at('assist'));
    const assists: ParsedRow['assists'] = [];
    for (const [names, field] of [[[...split.lead.slice(1), ...split.assist], 'lead'], [[...assistColumn.lead, ...assistColumn.assist], 'assist']] as const) {
      for (const name of names) if (!assists.some((a) => a.name === name)) assists.push({ name, field });
    }
    if (split.lead.length === 0) rowErrors.push({ row: rowNo, column: columnRef(col.lead), message: '缺少责任单位', messageEn: 'the responsible unit is missing' });
    const dueValue = values[col.due.index] ?? null;
    const due = parseDue(dueValue);
    if (!due.ok) rowErrors.push({ row: rowNo, column: columnRef(col.due), message: due.message, messageEn: due.messageEn });
    errors.push(...rowErrors);
    const title = problem ? titleOf(problem) : '';
    const contentParts = [problem && problem !== title ? problem : '', detail, note ? `备注：${note}` : ''].filter(Boolean);
    rows.push({
      row: rowNo,
      category,
      title,
      content: contentParts.join('\n'),
      requirement: at('requirement'),
      measures: at('measures'),
      progress: at('progress'),
      leadNames: split.lead.slice(0, 1),
      assists,
      unitsText,
      due: due.ok ? due.due : null,
      dueText: cellText(dueValue),
    });
  }
  return { sheet: sheet.name, headerRow, columns, rows, errors };
}
