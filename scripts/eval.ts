/**
 * `npm run eval`: the extractor (issue 6) against the hand-labelled dev set
 * tests/fixtures/extract/devset.json, and its speed on 30,000 characters.
 *
 * Figures (defined in src/modules/extract/evaluate.ts):
 * - recall: share of gold items that some extracted item matches (same document; one text contains the
 *   other, or character-bigram Dice ≥ 0.6; one-to-one);
 * - quantity precision: share of the quantities extracted for matched items that equal a gold quantity of
 *   the same item in value, unit AND qualifier;
 * - deadline accuracy: share of matched items whose deadline equals the gold one (null = null counts);
 *   also given for the gold items that have a deadline only;
 * - speed: median wall time of `extract()` over 7 runs on 30,000 characters of the real pages (after one
 *   warm-up run).
 * Usage: npm run eval [-- --json] [-- --verbose]
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { extract } from '../src/modules/extract/extract.ts';
import { score, type DevSet } from '../src/modules/extract/evaluate.ts';
import type { ExtractedItem } from '../src/modules/extract/schema.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
export const FIXTURES = path.join(ROOT, 'tests/fixtures/extract');

export function loadDevSet(): DevSet {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'devset.json'), 'utf8')) as DevSet;
}

/** Extracts every dev-set document (the year comes from the text, as the CLI does without --year). */
export function predictDevSet(dev: DevSet): Record<string, ExtractedItem[]> {
  const out: Record<string, ExtractedItem[]> = {};
  for (const doc of Object.keys(dev.documents)) out[doc] = extract(fs.readFileSync(path.join(FIXTURES, doc), 'utf8')).items;
  return out;
}

/** 30,000 characters of the real pages (concatenated, repeated as needed). */
export function benchText(chars = 30_000): string {
  const pages = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
  let text = '';
  while (text.length < chars) text += pages.join('\n');
  return text.slice(0, chars);
}

/** Median milliseconds of extract() on `text` over `runs` runs, after one warm-up. */
export function timeExtract(text: string, runs = 7): { medianMs: number; maxMs: number; totalMs: number; items: number } {
  let items = extract(text).items.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    items = extract(text).items.length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] as number, maxMs: times[times.length - 1] as number, totalMs: times.reduce((a, b) => a + b, 0), items };
}

export function runEval(args: string[]): number {
  const dev = loadDevSet();
  const s = score(dev, predictDevSet(dev));
  const speed = timeExtract(benchText());
  const pct = (n: number) => `${(100 * n).toFixed(1)}%`;
  const lines = [
    `luoshi extract — dev set ${path.relative(ROOT, path.join(FIXTURES, 'devset.json'))}: ${s.gold} labelled items in ${Object.keys(dev.documents).length} documents`,
    '',
    `recall                      ${pct(s.recall)}  (${s.matched}/${s.gold} gold items matched by an extracted item: same document, one text inside the other or bigram Dice ≥ 0.6, one to one)`,
    `quantity precision          ${pct(s.quantityPrecision)}  (extracted quantities of matched items equal to a gold quantity in value, unit and qualifier)`,
    `quantity recall             ${pct(s.quantityRecall)}  (gold quantities of matched items found)`,
    `deadline accuracy           ${pct(s.deadlineAccuracy)}  (matched items whose deadline equals the gold one, null = null included)`,
    `  … items with a deadline   ${pct(s.deadlineAccuracyWithDeadline)}  (only gold items that have a deadline)`,
    `kind accuracy               ${pct(s.kindAccuracy)}  (matched items with the gold kind)`,
    `item precision (complete)   ${pct(s.itemPrecisionComplete)}  (extracted items matched to gold, in documents labelled completely)`,
    `speed                       ${speed.medianMs.toFixed(1)} ms for 30,000 characters (median of 7 runs; ${speed.items} items; node ${process.version})`,
  ];
  console.log(lines.join('\n'));
  if (args.includes('--verbose')) {
    for (const m of s.misses) console.log(`  MISS  ${m.doc.slice(0, 3)} ${m.text}`);
    for (const w of s.wrong) console.log(`  WRONG ${w.gold.text}: ${w.what.join('; ')}`);
  }
  if (args.includes('--json')) {
    const { misses, wrong, ...figures } = s;
    console.log(JSON.stringify({ ...figures, misses: misses.length, wrong: wrong.length, msPer30k: speed.medianMs }));
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) process.exitCode = runEval(process.argv.slice(2));
