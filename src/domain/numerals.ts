/**
 * Pure numeral rules for Chinese government texts: Chinese numerals (十万亩 = 10 万亩, 三十五座, 两所,
 * 一千二百), Arabic and mixed forms (1.25万人, 3千亩), products (2×35万千瓦 = 70 万千瓦), percentages
 * (6.1%, 百分之五), units of measure (simple and compound: 万吨, 亿元, 万千瓦, 个百分点…) and the
 * qualifiers that bound a figure (以上, 左右, 以内, 达到, 力争…), ranges (6%—7%, 5至8个, 3到5万人: value = lower
 * bound, `max` = upper bound), durations (11.3年, 18个月; never a date such as 2020年 nor a time limit such
 * as 3年内) and rates (3000吨/日). No I/O.
 */

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Parses a Chinese integer numeral ("三十五" → 35, "一千二百" → 1200, "十万" → 100000, "二〇二〇" → 2020); null if it is not one. */
export function parseChineseInteger(s: string): number | null {
  if (!s) return null;
  const chars = [...s];
  if (chars.every((c) => c in CN_DIGIT) && chars.length > 1) {
    // Digit by digit, as in years: 二〇二〇.
    return Number(chars.map((c) => CN_DIGIT[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of chars) {
    if (c in CN_DIGIT) {
      if (digit !== null && digit !== 0) return null; // 三一: two digits with no multiplier between
      digit = CN_DIGIT[c] as number;
    } else if (c in CN_SMALL) {
      section += (digit ?? 1) * (CN_SMALL[c] as number);
      digit = null;
    } else if (c in CN_BIG) {
      section += digit ?? 0;
      const big = CN_BIG[c] as number;
      if (section === 0 && total === 0) section = 1;
      if (big === 1e8) total = (total + section) * big;
      else total += section * big;
      section = 0;
      digit = null;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

/** Parses the number part of a figure: "1.25", "35", "三十五", "两", "3千" (Arabic with 十/百/千), "2×35". */
export function parseNumberPart(s: string): number | null {
  const product = s.split(/\s*[×xX*]\s*/);
  if (product.length > 1) {
    let v = 1;
    for (const p of product) {
      const n = parseNumberPart(p);
      if (n === null) return null;
      v *= n;
    }
    return round(v);
  }
  const arabic = /^(\d+(?:\.\d+)?)([十百千])?$/.exec(s);
  if (arabic) return round(Number(arabic[1]) * (arabic[2] ? (CN_SMALL[arabic[2]] as number) : 1));
  return parseChineseInteger(s);
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** Units of measure, longest first so that compound units win (个百分点 before 个, 千瓦时 before 千瓦). */
export const UNITS: readonly string[] = [
  '个百分点', '百分点', '千瓦时', '千瓦', '兆瓦', '吨标准煤', '平方公里', '平方千米', '平方米', '立方米', '公里', '千米', '公顷',
  '个月', '人次', '床位', '公斤', '千克', '斤', '岁', '年', '标准厂房', '%', '米', '亩', '吨', '元', '人', '户', '个', '家', '所', '座', '条', '项', '件', '台', '套', '辆', '名', '位',
  '处', '张', '间', '栋', '幢', '棵', '株', '场', '只', '口', '眼', '孔', '篇', '部',
  // power, environment and service-time units common in plans and targets
  '千伏安', '千伏', '兆瓦时', '微克/立方米', '毫克/立方米', '毫克/升', '标准立方米', '个工作日', '工作日', '小时', '天',
  '车次', '架次', '人次', '标箱',
].sort((a, b) => b.length - a.length);

/** Qualifiers after the figure (bounds) and before it (levels, aims, approximations), normalised. */
const POST_QUALIFIERS = ['以上', '左右', '以内', '以下', '多', '余'] as const;
const PRE_QUALIFIERS: Record<string, string> = {
  力争达到: '力争', 力争达: '力争', 力争: '力争', 争取: '力争', 达到: '达到', 达: '达到', 超过: '超过', 突破: '超过',
  不低于: '不低于', 不少于: '不少于', 不超过: '不超过', 控制在: '控制在', 约: '约', 近: '近',
};

export interface Quantity {
  value: number;
  /** Upper bound of a range ("6%—7%" → value 6, max 7); absent for a single figure. */
  max?: number;
  unit: string;
  qualifier: string | null;
  /** The figure as written, e.g. "2×35万千瓦", "百分之五". */
  raw: string;
  /** Offsets in the string that was parsed. */
  start: number;
  end: number;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&');
const UNIT_RE = UNITS.map(esc).join('|');
const PRE_RE = Object.keys(PRE_QUALIFIERS).sort((a, b) => b.length - a.length).join('|');
const CN_NUM = '[零〇一二两三四五六七八九十百千]+';
const AR_NUM = '\\d+(?:\\.\\d+)?[十百千]?';
const NUM = `(?:\\d+(?:\\.\\d+)?\\s*[×xX*]\\s*)?(?:${AR_NUM}|${CN_NUM})`;
/** A unit, optionally per a period ("吨/日", "立方米/小时"). */
const UNIT_PER = `(?:${UNIT_RE})(?:[/／](?:日|天|小时|月|年))?`;
const POST_RE = POST_QUALIFIERS.join('|');
/** Before a figure: not part of another number, an ordinal (第四), or a rate base (每千人口, 每万人). */
const NOT_AFTER = '(?<![\\d.A-Za-z第每])';
/** Groups: pre, num, mag (万/亿/万亿), unit, post. Either a magnitude or a unit is required. */
const QUANTITY_RE = new RegExp(
  `(${PRE_RE})?${NOT_AFTER}(${NUM})\\s*(?:(万亿|万|亿)\\s*(${UNIT_PER})?|(${UNIT_PER}))(${POST_RE})?`,
  'g',
);
/** A range: groups pre, low, lowMag, lowUnit, high, mag, magUnit, unit, post ("6%—7%", "5至8个", "3到5万人", "3万—5万人"). */
const RANGE_RE = new RegExp(
  `(${PRE_RE})?${NOT_AFTER}(${NUM})\\s*(万亿|万|亿)?\\s*(${UNIT_PER})?\\s*(?:—{1,2}|–|－|-|~|～|〜|至|到)\\s*(${NUM})\\s*(?:(万亿|万|亿)\\s*(${UNIT_PER})?|(${UNIT_PER}))(${POST_RE})?`,
  'g',
);
const PERCENT_WORDS_RE = new RegExp(`(${PRE_RE})?百分之(${AR_NUM}|${CN_NUM})(${POST_RE})?`, 'g');

const normUnit = (u: string) => u.replace(/\s+/g, '').replace('／', '/');
/** "年" is a unit only for a duration that ends the phrase (受教育年限11.3年, 3年以上), never a date (2020年) or a time limit (3年内). */
function badYear(value: number, unit: string, after: string): boolean {
  if (unit !== '年') return false;
  if (Number.isInteger(value) && value >= 1000) return true;
  return !/^(?:$|[，。；、,;：:）)]|以上|左右|以下|多|余)/.test(after);
}

/** Spans of the text inside Chinese quotes “…” (slogans such as “三个全覆盖”, “一户一方案”). */
function quotedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /[“‘「『][^”’」』]{0,40}[”’」』]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/**
 * Every figure with a unit in `text`, in order. A Chinese-numeral count inside quotes is a slogan
 * (“三个全覆盖”) and is skipped; so are ordinals (第四届) and bare numbers without a unit (5G, 1+N).
 */
export function parseQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  const quoted = quotedRanges(text);
  const inQuote = (i: number) => quoted.some(([a, b]) => i > a && i < b);
  for (const m of text.matchAll(PERCENT_WORDS_RE)) {
    const value = parseNumberPart(m[2] as string);
    if (value === null) continue;
    const start = m.index + (m[1]?.length ?? 0);
    out.push({ value, unit: '%', qualifier: qualifierOf(m[1], m[3]), raw: m[0].slice(m[1]?.length ?? 0), start, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(RANGE_RE)) {
    const [whole, pre, low, lowMag, lowUnit, high, mag, magUnit, unit, post] = m;
    const start = m.index + (pre?.length ?? 0);
    const end = m.index + whole.length;
    const lowText = (low as string).replace(/\s+/g, '');
    const highText = (high as string).replace(/\s+/g, '');
    const u = normUnit((mag ?? '') + (magUnit ?? unit ?? ''));
    const lowU = normUnit((lowMag ?? '') + (lowUnit ?? ''));
    // The lower bound has no unit, the same unit, or the magnitude only (3万—5万人).
    if (lowU && lowU !== u && !(lowMag && !lowUnit && u.startsWith(lowU))) continue;
    const value = parseNumberPart(lowText);
    const max = parseNumberPart(highText);
    if (value === null || max === null || max <= value) continue;
    if (badYear(value, u, '') || badYear(max, u, text.slice(end - (post?.length ?? 0)))) continue;
    const chinese = (t: string) => /^[零〇一二两三四五六七八九十百千]+$/.test(t);
    if ((chinese(lowText) || chinese(highText)) && inQuote(start)) continue;
    out.push({ value, max, unit: u, qualifier: qualifierOf(pre, post), raw: whole.slice(pre?.length ?? 0, whole.length - (post?.length ?? 0)).replace(/\s+/g, ''), start, end });
  }
  for (const m of text.matchAll(QUANTITY_RE)) {
    const [whole, pre, num, mag, magUnit, unit, post] = m;
    const start = m.index + (pre?.length ?? 0);
    if (out.some((q) => start < q.end && q.start < m.index + whole.length)) continue;
    const numText = (num as string).replace(/\s+/g, '');
    const chinese = /^[零〇一二两三四五六七八九十百千]+$/.test(numText);
    if (chinese) {
      if (inQuote(start)) continue;
      // A lone 一 is an article ("一条路径", "一次大会", "一个令人向往的地方"), not a count.
      if (numText === '一') continue;
      // 百分之 handled above; 百 alone before 分 is not a figure.
      if (text.slice(start, start + 3) === '百分之') continue;
    }
    const value = parseNumberPart(numText);
    if (value === null) continue;
    const u = normUnit((mag ?? '') + (magUnit ?? unit ?? ''));
    if (badYear(value, u, text.slice(m.index + whole.length - (post?.length ?? 0)))) continue;
    out.push({ value, unit: u, qualifier: qualifierOf(pre, post), raw: whole.slice(pre?.length ?? 0, whole.length - (post?.length ?? 0)).replace(/\s+/g, ''), start, end: m.index + whole.length });
  }
  return out.sort((a, b) => a.start - b.start);
}

function qualifierOf(pre: string | undefined, post: string | undefined): string | null {
  if (post) return post === '余' ? '多' : post;
  if (pre) return PRE_QUALIFIERS[pre] ?? null;
  return null;
}
