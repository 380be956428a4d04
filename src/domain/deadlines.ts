/**
 * Pure deadline rules: finds a time limit in a clause (6月底前, 年底前, 年内, 全年, 上半年, 一季度,
 * 9月30日前, 2021年底, 3年内…) and resolves it against the document's year to an ISO date (the last day of
 * the period). Also guesses the year a document plans for. No I/O.
 */
import { parseChineseInteger } from './numerals.ts';

export interface Deadline {
  /** YYYY-MM-DD, or null when the year is unknown. */
  date: string | null;
  /** The words as written, e.g. "6月底前". */
  text: string;
  start: number;
  end: number;
}

const NUM = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';

function lastDay(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function num(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : parseChineseInteger(s === '两' ? '二' : s);
}

interface Rule {
  re: RegExp;
  resolve(m: RegExpExecArray, year: number | null): string | null | undefined;
}

// Order matters only for overlapping matches at the same place; the earliest match in the clause wins.
const RULES: Rule[] = [
  // 2021年底前, 2021年6月底前, 到2025年
  { re: /(?:到|至)?(\d{4})\s*年\s*(?:(\d{1,2})\s*月)?(?:底|末)(?:前|之前)?/g, resolve: (m) => lastDay(Number(m[1]), m[2] ? Number(m[2]) : 12) },
  // 3年内, 三年之内, 两年以内: relative to the plan year, the end of its n-th year (2023 + 3 年内 → 2025-12-31)
  { re: /(?<![\d.年第])(\d{1,2}|[一二两三四五六七八九十]{1,2})\s*年\s*(?:内|以内|之内)/g, resolve: (m, y) => {
    const n = num(m[1] as string);
    if (!n || n > 20) return undefined;
    return y ? lastDay(y + n - 1, 12) : null;
  } },
  // 9月30日前
  { re: new RegExp(`${NUM}\\s*月\\s*${NUM}\\s*日\\s*(?:前|之前|以前)`, 'g'), resolve: (m, y) => {
    const mo = num(m[1] as string);
    const d = num(m[2] as string);
    if (!y || !mo || !d || mo > 12 || d > 31) return y ? undefined : null;
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  } },
  // 6月底前, 6月底, 6月末, 6月前
  { re: new RegExp(`(?<![\\d年])${NUM}\\s*月\\s*(?:份)?(?:底|末)(?:前|之前)?|(?<![\\d年])${NUM}\\s*月\\s*(?:份)?(?:前|之前|以前)`, 'g'), resolve: (m, y) => {
    const mo = num((m[1] ?? m[2]) as string);
    if (!mo || mo > 12) return undefined;
    return y ? lastDay(y, mo) : null;
  } },
  // 上半年, 下半年
  { re: /(?<!明年|去年|上年|前年|次年|[去明前])(上|下)半年/g, resolve: (m, y) => (y ? lastDay(y, m[1] === '上' ? 6 : 12) : null) },
  // 一季度, 第二季度, 前三季度, 三季度末
  { re: /(?<!明年|去年|上年|前年|次年|[去上])(?:第|前)?([一二三四1-4])\s*季度(?:末|底|前)?/g, resolve: (m, y) => (y ? lastDay(y, 3 * (num(m[1] as string) ?? 4)) : null) },
  // 年底前, 年底, 年末, 年内, 全年, 本年度, 年度内
  { re: /(?<![去明上前])年(?:底|末)(?:前|之前)?|(?<![去明上前])年内|全年|本年度|年度(?:内|计划)/g, resolve: (_m, y) => (y ? lastDay(y, 12) : null) },
];

/** The first time limit in `text`, resolved against `year` (date null when year is null). */
export function findDeadline(text: string, year: number | null): Deadline | null {
  let best: Deadline | null = null;
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const date = rule.resolve(m, year);
      if (date === undefined) continue;
      if (!best || m.index < best.start || (m.index === best.start && m[0].length > best.text.length)) {
        best = { date, text: m[0], start: m.index, end: m.index + m[0].length };
      }
      break;
    }
  }
  return best;
}

/**
 * The year a document plans for: the year of "YYYY年工作安排", "YYYY年是…", "YYYY年国民经济和社会发展计划"
 * (not "…计划执行情况"), or "今年（YYYY年）"; the latest such year wins. Null if none.
 */
export function detectYear(text: string): number | null {
  const re = /(\d{4})\s*年\s*(?:工作安排|工作任务|主要任务|重点任务|重点工作|是|国民经济和社会发展计划(?!执行)|全市和市本级预算(?!执行)|政府工作)/g;
  let best: number | null = null;
  for (const m of text.matchAll(re)) {
    const y = Number(m[1]);
    if (y >= 1990 && y <= 2100 && (best === null || y > best)) best = y;
  }
  return best;
}
