/**
 * Scoring the extractor against a labelled development set (tests/fixtures/extract/devset.json).
 * Pure: the caller reads the files.
 *
 * Definitions (also printed by `npm run eval`):
 * - match: a gold item and a predicted item of the same document match when, after removing spaces,
 *   one text contains the other or their character-bigram Dice similarity is ≥ 0.6; pairs are made
 *   one to one, each gold item taking its most similar unused prediction.
 * - recall = matched gold items / gold items.
 * - quantity precision = predicted quantities of matched items that equal a (not yet used) gold quantity
 *   of the same item in value, unit and qualifier / all predicted quantities of matched items.
 * - quantity recall = the same equal quantities / all gold quantities of matched items.
 * - deadline accuracy = matched items whose predicted deadline equals the gold one (both null counts) /
 *   matched items; "with a deadline" restricts it to gold items that have one.
 * - kind accuracy = matched items whose kind equals the gold kind / matched items.
 * - item precision (complete documents only) = predictions matched to a gold item / predictions.
 */
import type { ExtractedItem } from './schema.ts';

export interface GoldQuantity {
  value: number;
  unit: string;
  qualifier: string | null;
}
export interface GoldItem {
  doc: string;
  text: string;
  kind: 'target' | 'task' | 'project';
  quantities: GoldQuantity[];
  deadline: string | null;
}
export interface DevSet {
  documents: Record<string, { year: number | null; complete: boolean }>;
  items: GoldItem[];
}

export interface Scores {
  gold: number;
  matched: number;
  recall: number;
  quantityPrecision: number;
  quantityRecall: number;
  deadlineAccuracy: number;
  deadlineAccuracyWithDeadline: number;
  kindAccuracy: number;
  itemPrecisionComplete: number;
  misses: GoldItem[];
  wrong: { gold: GoldItem; got: ExtractedItem; what: string[] }[];
}

const norm = (s: string) => s.replace(/\s+/g, '');

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const b = s.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

export function similarity(a: string, b: string): number {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return 0;
  if (x.includes(y) || y.includes(x)) return 1;
  const bx = bigrams(x);
  const by = bigrams(y);
  let common = 0;
  for (const [k, n] of bx) common += Math.min(n, by.get(k) ?? 0);
  return (2 * common) / (Math.max(1, x.length - 1) + Math.max(1, y.length - 1));
}

const sameQuantity = (g: GoldQuantity, p: GoldQuantity) => Math.abs(g.value - p.value) < 1e-9 && g.unit === p.unit && (g.qualifier ?? null) === (p.qualifier ?? null);

/** Scores predictions (per document) against the dev set. */
export function score(dev: DevSet, predictions: Record<string, ExtractedItem[]>): Scores {
  let matched = 0;
  let qPred = 0;
  let qGold = 0;
  let qOk = 0;
  let dOk = 0;
  let dWith = 0;
  let dWithOk = 0;
  let kOk = 0;
  const misses: GoldItem[] = [];
  const wrong: Scores['wrong'] = [];
  const used = new Map<string, Set<number>>();
  for (const gold of dev.items) {
    const preds = predictions[gold.doc] ?? [];
    const taken = used.get(gold.doc) ?? new Set<number>();
    used.set(gold.doc, taken);
    let best = -1;
    let bestSim = 0.6 - 1e-9;
    preds.forEach((p, i) => {
      if (taken.has(i)) return;
      const s = similarity(gold.text, p.text);
      if (s > bestSim) {
        bestSim = s;
        best = i;
      }
    });
    if (best < 0) {
      misses.push(gold);
      continue;
    }
    taken.add(best);
    matched++;
    const got = preds[best] as ExtractedItem;
    const what: string[] = [];
    const left = [...gold.quantities];
    qGold += gold.quantities.length;
    for (const p of got.quantities) {
      qPred++;
      const at = left.findIndex((g) => sameQuantity(g, p));
      if (at >= 0) {
        qOk++;
        left.splice(at, 1);
      } else what.push(`quantity ${p.value} ${p.unit} ${p.qualifier ?? ''}`.trim());
    }
    for (const g of left) what.push(`missing quantity ${g.value} ${g.unit} ${g.qualifier ?? ''}`.trim());
    if ((got.deadline ?? null) === gold.deadline) dOk++;
    else what.push(`deadline ${got.deadline} ≠ ${gold.deadline}`);
    if (gold.deadline) {
      dWith++;
      if (got.deadline === gold.deadline) dWithOk++;
    }
    if (got.kind === gold.kind) kOk++;
    else what.push(`kind ${got.kind} ≠ ${gold.kind}`);
    if (what.length) wrong.push({ gold, got, what });
  }
  let predComplete = 0;
  let predCompleteMatched = 0;
  for (const [doc, info] of Object.entries(dev.documents)) {
    if (!info.complete) continue;
    predComplete += (predictions[doc] ?? []).length;
    predCompleteMatched += used.get(doc)?.size ?? 0;
  }
  const ratio = (a: number, b: number) => (b ? a / b : 1);
  return {
    gold: dev.items.length,
    matched,
    recall: ratio(matched, dev.items.length),
    quantityPrecision: ratio(qOk, qPred),
    quantityRecall: ratio(qOk, qGold),
    deadlineAccuracy: ratio(dOk, matched),
    deadlineAccuracyWithDeadline: ratio(dWithOk, dWith),
    kindAccuracy: ratio(kOk, matched),
    itemPrecisionComplete: ratio(predCompleteMatched, predComplete),
    misses,
    wrong,
  };
}
