/**
 * The pure extractor: cleaned text → commitment clauses (targets, tasks, projects) with their figures,
 * deadlines, section, original span and a suggested lead unit.
 *
 * How it works, in the genre of 政府工作报告 and meeting news:
 * 1. Clean the page (clean.ts), keeping a map back to the original offsets.
 * 2. Scope: if the text has a top heading of the plan ("二、2020年工作安排", "…主要任务", "…重点工作"),
 *    only that part is read (the review of the past year is not); otherwise the whole text.
 * 3. Sentences end at 。！？；; clauses at ，： (never inside quotes or brackets). Headings "（一）…" and
 *    short comma-less lead sentences ("实施一批重大产业转型项目。") are sections, not items.
 * 4. In a plan, a clause is an item when it carries a figure with a unit, a deliverable verb (完成, 建成,
 *    开工建设, 实施…), or an outcome (增长, 控制在, 实现, 达标, 退出…), and is neither a statement about
 *    the past (去年, 已经, 了, 荣获…) nor rhetoric (小康社会, 攻坚战, 目标任务…). Outside a plan (news of
 *    meetings), only clauses with a figure or a time limit in a sentence that commits (要, 力争, 确保, 全年…).
 * 5. Kind: target if a figure is bounded (以上/左右/以内/以下) or the clause states an outcome; else
 *    project if it names a project (项目, 工程, 电厂, 基地, 园区…); else task.
 */
import { detectYear, findDeadline } from '../../domain/deadlines.ts';
import { parseQuantities } from '../../domain/numerals.ts';
import { cleanText, toOriginalSpan, type Cleaned } from './clean.ts';
import { DEFAULT_LEAD_UNITS, suggestLeadUnit, type LeadUnitRule } from './lead-units.ts';
import type { ExtractedItem, ExtractResult, ItemKind } from './schema.ts';

export interface ExtractOptions {
  /** The year deadlines resolve against; detected from the text when absent. */
  year?: number | null;
  leadUnits?: readonly LeadUnitRule[];
  /** Line breaks end paragraphs (true for .docx) instead of wrapping newspaper columns (default). */
  paragraphs?: boolean;
}

const PLAN_HEADING = /^[一二三四五六七八九十]+、.{0,16}(?:工作安排|工作任务|主要任务|重点工作|重点任务|目标任务)/;
const TOP_HEADING = /^[一二三四五六七八九十]+、/;
const SUB_HEADING = /^[（(][一二三四五六七八九十]+[）)]/;

const PAST = /^是|^这是|了(?!解)|召开|出席|主持|迎来|去年|上年|过去|截至|已经|以来|荣获|成功举办|取得了|翻了|考虑了|体现了/;
const RHETORIC = /之年|稳增长|增长点|面临|可以|小康社会|经济体系|产业体系|攻坚战|发展理念|总基调|总体要求|好经验|人才队伍|示范区|主战场|基本面|大政方针|目标任务|历史性任务|项目为王|约束性指标|大会战|新局面|必由之路|奋斗|会议|大会|议程|全会|美丽幸福|作为.{0,12}来抓/;
/** "围绕…", "按照…": a clause that introduces the next one. */
const LEAD_IN = /^(?:要)?(?:围绕|按照|对照|结合|根据)/;
const DELIVERABLE = /完成|建成|开工|新建|续建|扩建|建设|组建|设立|创建|举办|启动|上马|实施|投产|并网|改造|建立|新增|培训|复产|整治|前期工作|整改/;
const OUTCOME = /增长|增速|控制在|率(?:达|力争|保持)|实现|达标|退出|达到|新增.{0,12}量/;
/** A change of level: with a figure, a target (能耗降低3%, 寿命提高1岁). */
const CHANGE = /提高|降低|下降|减少|涨幅|增加/;
const PROJECT = /项目|工程|电厂|机组|输电线路|集运站|基地|园区|(?:开工建设|新建|建成)[^，]*(?:水库|电站)/;
/** Outside a plan (news of meetings), a figure counts only in a sentence that commits to it. */
const COMMITTED = /要|力争|确保|计划|将|全年|今年|年内|年底|争取|目标/;
const BOUND = new Set(['以上', '左右', '以内', '以下']);

interface Piece {
  start: number;
  end: number;
}

/** Splits [start, end) of `text` at any of `stops`, never inside quotes or brackets. */
function split(text: string, start: number, end: number, stops: string): Piece[] {
  const out: Piece[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    const c = text[i] as string;
    if (c === '“' || c === '（' || c === '(' || c === '《' || c === '「') depth++;
    else if ((c === '”' || c === '）' || c === ')' || c === '》' || c === '」') && depth > 0) depth--;
    else if (depth === 0 && stops.includes(c)) {
      out.push({ start: from, end: i + 1 });
      from = i + 1;
    }
    // A quote left open by an extraction artefact must not swallow the rest of the paragraph.
    if (c === '\n') depth = 0;
  }
  if (from < end) out.push({ start: from, end });
  return out;
}

/** Trims spaces and punctuation at both ends of a piece. */
function trim(text: string, p: Piece): Piece {
  let { start, end } = p;
  const edge = /[\s，。；！？!?：:、,;…—]/;
  while (start < end && edge.test(text[start] as string)) start++;
  while (end > start && edge.test(text[end - 1] as string)) end--;
  return { start, end };
}

const unquote = (s: string) => s.replace(/“[^”]*”/g, '“”');

export function classify(clause: string, bounded: boolean, hasFigure = bounded): ItemKind {
  const u = unquote(clause);
  if (bounded || OUTCOME.test(u) || (hasFigure && CHANGE.test(u))) return 'target';
  if (PROJECT.test(u)) return 'project';
  return 'task';
}

export function extract(original: string, opts: ExtractOptions = {}): ExtractResult {
  const cleaned: Cleaned = cleanText(original, { paragraphs: opts.paragraphs ?? false });
  const text = cleaned.text;
  const year = opts.year ?? detectYear(text);
  const rules = opts.leadUnits ?? DEFAULT_LEAD_UNITS;

  // Lines of the cleaned text are the heading blocks (clean.ts keeps a break before each heading line).
  const lines = split(text, 0, text.length, '\n');
  const planAt = lines.findIndex((l) => PLAN_HEADING.test(text.slice(l.start, l.end)));
  const items: ExtractedItem[] = [];
  let top: string | null = null;
  let level2: string | null = null;
  const inPlan = planAt >= 0;

  for (let li = Math.max(0, planAt); li < lines.length; li++) {
    const line = lines[li] as Piece;
    const lineText = text.slice(line.start, line.end);
    if (TOP_HEADING.test(lineText)) {
      if (planAt >= 0 && li > planAt) break; // the plan part is over
      top = lineText.replace(/\n$/, '').trim();
      level2 = null;
      continue;
    }
    let sub: string | null = null;
    for (const rawSentence of split(text, line.start, line.end, '。！？；!?;\n')) {
      const sentence = trim(text, rawSentence);
      if (sentence.end <= sentence.start) continue;
      const s = text.slice(sentence.start, sentence.end);
      const sentenceText = s;
      if (SUB_HEADING.test(s)) {
        level2 = s;
        sub = null;
        continue;
      }
      if (!/[，,：:]/.test(s) && [...s].length <= 16 && !/\d/.test(s) && text[rawSentence.end - 1] === '。') {
        sub = s; // a lead sentence: "实施一批重大产业转型项目。"
        continue;
      }
      // A time limit standing alone before the clauses it governs ("年内，完成…", "到2025年底，…").
      let carried: ReturnType<typeof findDeadline> = null;
      for (const rawClause of split(text, sentence.start, sentence.end, '，,：:')) {
        const c = trim(text, rawClause);
        const clause = text.slice(c.start, c.end);
        const own = findDeadline(clause, year);
        if (own && /^[到至在于截止前内]*$/.test(clause.slice(0, own.start) + clause.slice(own.end))) {
          carried = own;
          continue;
        }
        if (c.end - c.start < 4) continue;
        const u = unquote(clause);
        if (PAST.test(u) || RHETORIC.test(u) || LEAD_IN.test(u)) continue;
        const quantities = parseQuantities(clause);
        const deadline = own ?? carried;
        const isItem = inPlan
          ? quantities.length > 0 || DELIVERABLE.test(u) || OUTCOME.test(u)
          : (quantities.length > 0 || deadline !== null) && COMMITTED.test(sentenceText);
        if (!isItem) continue;
        const lead = suggestLeadUnit(clause, rules);
        const section = [level2 ?? top, sub].filter(Boolean).join(' / ') || null;
        items.push({
          kind: classify(clause, quantities.some((q) => q.qualifier !== null && BOUND.has(q.qualifier)), quantities.length > 0),
          text: clause,
          quantities: quantities.map((q) => ({ value: q.value, ...(q.max !== undefined ? { max: q.max } : {}), unit: q.unit, qualifier: q.qualifier, raw: q.raw })),
          deadline: deadline?.date ?? null,
          deadlineText: deadline?.text ?? null,
          section,
          span: toOriginalSpan(cleaned, c.start, c.end),
          leadUnit: lead?.unit ?? null,
          leadKeyword: lead?.keyword ?? null,
        });
      }
    }
  }
  return { year, items: withoutRestatements(items) };
}

/** Character-bigram Dice similarity of two clauses. */
function dice(a: string, b: string): number {
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i + 1 < s.length; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const x = grams(a);
  const y = grams(b);
  let common = 0;
  for (const [k, n] of x) common += Math.min(n, y.get(k) ?? 0);
  return (2 * common) / Math.max(1, a.length - 1 + b.length - 1);
}

/**
 * Reports often restate a target when explaining it ("地区生产总值增速设定在6.1%左右"): a later target with
 * the same figures as an earlier target and a similar text (bigram Dice ≥ 0.6) is dropped.
 */
function withoutRestatements(items: ExtractedItem[]): ExtractedItem[] {
  const key = (it: ExtractedItem) => it.quantities.map((q) => `${q.value}|${q.unit}|${q.qualifier ?? ''}`).join(';');
  return items.filter((it, j) => {
    if (!it.quantities.length || it.kind !== 'target') return true;
    const k = key(it);
    return !items.slice(0, j).some((prev) => prev.kind === 'target' && key(prev) === k && dice(prev.text, it.text) >= 0.6);
  });
}
