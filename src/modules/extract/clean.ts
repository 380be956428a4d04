/**
 * Cleaning newspaper-page text while keeping a map back to the original.
 *
 * Artefacts handled: line breaks inside sentences (words broken across lines), characters spaced out
 * ("采 集 平 台"), replacement characters where a glyph was lost, continuation marks ("（下转4版）",
 * "(上接1版)"), photo credits ("记者 薛志雄 摄"), full-width digits and letters, thousands separators (1,200). Headings that open a
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

const REMOVE_RES: RegExp[] = [
  /[（(]\s*[上下]\s*[接转]\s*[0-9０-９一二三四五六七八九十]+\s*版\s*[）)]/g,
  /\uFFFD+/g,
  // photo credits: "记者 薛志雄 摄", "记者刘亮亮摄"
  /记者\s*[\u4e00-\u9fff]{2,4}\s+摄|记者\s[\u4e00-\u9fff]{2,4}摄/g,
];

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
