/**
 * Cleaning newspaper-page text while keeping a map back to the original.
 *
 * Artefacts handled: line breaks inside sentences (words broken across lines), characters spaced out
 * ("采 集 平 台"), replacement characters where a glyph was lost, continuation marks ("（下转4版）",
 * "(上接1版)"), photo captions and credits ("图为…。 本报记者 X 摄", "记者 薛志雄 摄", "（X 摄）"), bylines
 * ("□ 本报评论员", "□ 记者 X", a line "本报通讯员 X", "（李芳 白小琴）" after a paragraph, "本报讯（记者 X 通讯员 Y）"),
 * headlines standing between two paragraphs of body text (see `headlineLines`), full-width digits and
 * letters, thousands separators (1,200). Headings that open a
 * line ("二、2020年工作安排", "（一）…") keep a line break before them (and "二、" headings after), so
 * the extractor can see them. Everything else is joined.
 *
 * `map[i]` is the offset in the original text of cleaned character i; `map[text.length]` is the
 * original length, so a cleaned span [a, b) maps to [map[a], map[b - 1] + 1).
 */
export interface Cleaned {
  text: string;
  map: Int32Array;
}

const SP = '[ \\t\\u3000]';
const NAME = '[\\u4e00-\\u9fff]{2,4}';
const ROLE = '(?:本报)?(?:特约|实习)?(?:记者|通讯员)';
/** One or more names, each optionally after a role: "记者 X", "本报记者 X Y", "X 通讯员 Y". */
const NAMES = `(?:${ROLE}${SP}*)?${NAME}(?:${SP}+(?:${ROLE}${SP}*)?${NAME})*`;
/** A photo credit: "记者 X 摄", "本报记者 X 摄", "通讯员X 摄", or in brackets "（X 摄）", "（记者 X Y 摄）". */
const CREDIT = `${ROLE}${SP}*${NAME}(?:${SP}+${NAME})*${SP}+摄|记者${SP}${NAME}摄|[（(]${SP}*${NAMES}${SP}*摄${SP}*[）)]`;

const REMOVE_RES: RegExp[] = [
  /[（(]\s*[上下]\s*[接转]\s*[0-9０-９一二三四五六七八九十]+\s*版\s*[）)]/g,
  /\uFFFD+/g,
  // photo captions with their credit: "图为会议现场。 本报记者 X 摄", "图为……（X 摄）"
  new RegExp(`图为[^。\\n]{1,120}(?:\\n[^。\\n]{1,120}){0,3}。?\\s*(?:${CREDIT})`, 'g'),
  // photo credits alone: "记者 薛志雄 摄", "记者刘亮亮摄" (after a caption that does not start with 图为), "（X 摄）"
  new RegExp(CREDIT, 'g'),
  // bylines: "□ 本报评论员", "□ 记者 X", "□ 本报记者 X Y" at the end of a line
  new RegExp(`□${SP}*(?:(?:本报)?评论员|${NAMES}|${ROLE})${SP}*(?=\\r?\\n|$)`, 'g'),
  // a line that is only a byline: "本报通讯员 X", "本报记者 X 通讯员 Y"
  new RegExp(`(?<=^|\\n)${SP}*${ROLE}${SP}*${NAME}(?:${SP}+(?:${ROLE}${SP}*)?${NAME})*${SP}*(?=\\r?\\n|$)`, 'g'),
  // the reporters of a news item: "本报讯 （记者 冯凯治 实习记者\n梁英杰 通讯员 肖继旺）"
  /(?<=本报讯\s*)[（(]\s*(?:(?:本报)?(?:特约|实习)?(?:记者|通讯员))[^（()）。，]{1,60}[）)]/g,
  // two or more names in brackets closing a news item: "…的特色学校。\n（刘生锋 吴丽娜）"
  new RegExp(`(?<=[。！？”][ \\t\\u3000\\r\\n]*)[（(]${NAME}(?:${SP}+${NAME})+[）)](?=${SP}*(?:\\r?\\n|$))`, 'g'),
];

/** Punctuation that never stands in a headline (a line of body text has some, or is wrapped mid-sentence). */
const BODY_PUNCT = /[。！？；，,;!?…]/;
/** The first line of a news item or a photo caption: what follows a headline. */
const ITEM_START = /^[ \t\u3000]*(?:本报讯|本报记者|图为|□|——)/;

/**
 * Headlines standing between two paragraphs of body text: a run of 1–6 short lines (≤ 32 characters)
 * without sentence punctuation, after a line that ends a paragraph (。！？”）) or a removed caption or
 * byline, and either followed by the start of a news item (本报讯, 图为, ——…, a removed caption) or
 * written as a headline ("临县：移民小区建起了新学校" — a short place before a colon —, "提升大数据应用水平
 * 推动高质量转型发展" — a space between words). A run at the very end of the text is not between two
 * paragraphs and is kept.
 * Returns the [start, end) ranges of those lines in `original`.
 */
function headlineLines(original: string, removed: Uint8Array): [number, number][] {
  // Lines with text; a line that had text but was removed entirely (a caption, a byline) has text ''.
  const lines: { start: number; end: number; text: string }[] = [];
  let from = 0;
  while (from <= original.length) {
    let to = original.indexOf('\n', from);
    if (to < 0) to = original.length;
    let text = '';
    for (let i = from; i < to; i++) if (!removed[i]) text += original[i];
    text = text.trim();
    if (text || original.slice(from, to).trim()) lines.push({ start: from, end: to, text });
    from = to + 1;
  }
  const out: [number, number][] = [];
  const candidate = (t: string) =>
    t !== '' && [...t].length <= 32 && !BODY_PUNCT.test(t) && !HEADING_LINE.test(t) && !/^(?:本报讯|据)/.test(t) && !/记者|通讯员/.test(t) && /[\u4e00-\u9fff]{2}/.test(t);
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1] as (typeof lines)[number];
    if (prev.text && !/[。！？!?”）)]$/.test(prev.text)) continue;
    let j = i;
    while (j < lines.length && j - i < 6 && candidate((lines[j] as (typeof lines)[number]).text)) j++;
    if (j === i || j >= lines.length) continue; // no run, or nothing after it: not between two paragraphs
    const run = lines.slice(i, j);
    const next = lines[j] as (typeof lines)[number];
    // Written as a headline; never a line with a figure ("城镇新增就业：3.8万人" in a list of targets).
    const styled = !run.some((l) => /\d/.test(l.text)) && run.some((l) => /^[\u4e00-\u9fff]{2,8}[：:]|[\u4e00-\u9fff”）)][ \t\u3000]+[\u4e00-\u9fff“（(]{2}/.test(l.text));
    if (next.text && !ITEM_START.test(next.text) && !(styled && run.length <= 4)) continue;
    for (const l of run) out.push([l.start, l.end]);
    i = j - 1;
  }
  return out;
}

const HEADING_LINE = /^[ \t\u3000]*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))/;
const TOP_HEADING_LINE = /^[ \t\u3000]*[一二三四五六七八九十]+、[^\n。，]{1,30}$/;
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\u3000' || c === '\r' || c === '\n' || c === '\u00a0';
const isAsciiWord = (c: string | undefined) => c !== undefined && /[0-9A-Za-z.]/.test(c);

export interface CleanOptions {
  /**
   * true when line breaks end paragraphs (a .docx, a typed text) rather than wrap newspaper columns:
   * every line break is then kept as one '\n'.
   */
  paragraphs?: boolean;
}

export function cleanText(original: string, opts: CleanOptions = {}): Cleaned {
  const removed = new Uint8Array(original.length);
  for (const re of REMOVE_RES) {
    re.lastIndex = 0;
    for (const m of original.matchAll(re)) removed.fill(1, m.index, m.index + m[0].length);
  }
  // Thousands separators: 1,200个 → 1200个 (an ASCII comma between a digit and exactly three digits).
  for (const m of original.matchAll(/(?<=\d),(?=\d{3}(?!\d))/g)) removed[m.index] = 1;
  for (const [a, b] of headlineLines(original, removed)) removed.fill(1, a, b);
  // Lines that are headings: a line break before them (and after a top-level "二、…" heading) is kept.
  const breakBefore = new Set<number>();
  let lineStart = 0;
  while (lineStart <= original.length) {
    let lineEnd = original.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = original.length;
    const line = original.slice(lineStart, lineEnd);
    if (HEADING_LINE.test(line)) {
      breakBefore.add(lineStart);
      if (TOP_HEADING_LINE.test(line)) breakBefore.add(lineEnd + 1);
    }
    lineStart = lineEnd + 1;
  }

  const out: string[] = [];
  const map: number[] = [];
  let pendingBreak = -1;
  let pendingSpace = -1;
  for (let i = 0; i < original.length; i++) {
    if (breakBefore.has(i) && out.length) pendingBreak = i > 0 ? i - 1 : i; // the original line break
    if (removed[i]) continue;
    let c = original[i] as string;
    if (isSpace(c)) {
      if (c === '\n' && opts.paragraphs && out.length && pendingBreak < 0) pendingBreak = i;
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    const code = c.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e && /[０-９Ａ-Ｚａ-ｚ％．]/.test(c)) c = String.fromCharCode(code - 0xfee0);
    if (pendingBreak >= 0) {
      if (out[out.length - 1] !== '\n') {
        out.push('\n');
        map.push(pendingBreak);
      }
    } else if (pendingSpace >= 0 && isAsciiWord(out[out.length - 1]) && /[A-Za-z]/.test(c) && /[A-Za-z]/.test(out[out.length - 1] ?? '')) {
      // keep one space between two Latin words ("Smart City"); drop it everywhere else
      out.push(' ');
      map.push(pendingSpace);
    }
    pendingBreak = -1;
    pendingSpace = -1;
    out.push(c);
    map.push(i);
  }
  map.push(original.length);
  return { text: out.join(''), map: Int32Array.from(map) };
}

/** The original span of the cleaned span [start, end). */
export function toOriginalSpan(cleaned: Cleaned, start: number, end: number): [number, number] {
  if (end <= start) return [cleaned.map[start] ?? 0, cleaned.map[start] ?? 0];
  return [cleaned.map[start] as number, (cleaned.map[end - 1] as number) + 1];
}
