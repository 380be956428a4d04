/**
 * The output contract of `luoshi extract` (issue 6), and the web app's contract: the upload's draft
 * (`DraftResult`) and the reviewed rows sent for the .xlsx export (`DecompositionExportBody`).
 * `{"items": [{"kind", "text", "quantities": [{"value", "unit", "qualifier"}], "deadline", "section", "span", "leadUnit"}]}`
 * is relied on by outside checks; the other fields are additions.
 */
import { z } from 'zod';

export const ItemKind = z.enum(['target', 'task', 'project']);
export type ItemKind = z.infer<typeof ItemKind>;

export const ExtractedQuantity = z.object({
  /** The figure; for a range ("6%—7%", "5至8个") its lower bound. */
  value: z.number(),
  /** The upper bound of a range ("6%—7%" → 7); absent for a single figure. An addition to the contract. */
  max: z.number().optional(),
  /** Unit as written, magnitude included: "%", "万人", "亿元", "万千瓦", "个", "所". */
  unit: z.string().min(1),
  /** Normalised bound or level: 以上, 左右, 以内, 以下, 多, 达到, 力争, 超过, 不低于, 不少于, 不超过, 控制在, 约, 近; null if none. */
  qualifier: z.string().nullable(),
  /** The figure as written, e.g. "2×35万千瓦". */
  raw: z.string(),
});
export type ExtractedQuantity = z.infer<typeof ExtractedQuantity>;

export const ExtractedItem = z.object({
  kind: ItemKind,
  /** The clause, as in the cleaned text. */
  text: z.string().min(1),
  quantities: z.array(ExtractedQuantity),
  /** YYYY-MM-DD resolved against the document's year; null when the clause has no time limit (or the year is unknown). */
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  /** The time limit as written ("6月底前"), even when it could not be resolved. */
  deadlineText: z.string().nullable(),
  /** The heading the clause falls under, e.g. "（一）全力打好三大攻坚战… / 决战完胜脱贫攻坚战"; null if none. */
  section: z.string().nullable(),
  /** [start, end) in the ORIGINAL text (UTF-16 offsets, as JavaScript's String.slice). */
  span: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  /** Suggested lead unit from the keyword map; null if no keyword matched. */
  leadUnit: z.string().nullable(),
  /** The keyword that suggested the lead unit. */
  leadKeyword: z.string().nullable(),
});
export type ExtractedItem = z.infer<typeof ExtractedItem>;

export const ExtractResult = z.object({
  /** The year deadlines were resolved against (from --year or the text); null if unknown. */
  year: z.number().int().nullable(),
  items: z.array(ExtractedItem),
});
export type ExtractResult = z.infer<typeof ExtractResult>;

/** A keyword → lead department map, as a user edits it in a JSON file (`extract --lead-units FILE`). */
export const LeadUnitRules = z
  .array(z.strictObject({ unit: z.string().trim().min(1).max(50), keywords: z.array(z.string().trim().min(1).max(30)).min(1).max(500) }))
  .min(1)
  .max(500);

// ---------------------------------------------------------------- the web contract: upload → review → .xlsx

/** The kinds as the decomposition tables name them. */
export const KIND_LABELS: Record<ItemKind, { zh: string; en: string }> = {
  target: { zh: '目标', en: 'Target' },
  task: { zh: '任务', en: 'Task' },
  project: { zh: '项目', en: 'Project' },
};

/** Qualifiers written after the figure ("3.8万人以上"); the others come before it ("力争60%"). */
const POST_QUALIFIERS = new Set(['以上', '左右', '以内', '以下', '多', '余']);

/** A figure as a decomposition table writes it: "3.8万人以上", "力争60%", "2×35万千瓦". */
export function quantityText(q: Pick<ExtractedQuantity, 'raw' | 'qualifier'>): string {
  if (!q.qualifier || q.raw.includes(q.qualifier)) return q.raw;
  return POST_QUALIFIERS.has(q.qualifier) ? `${q.raw}${q.qualifier}` : `${q.qualifier}${q.raw}`;
}

/** The optional form field of an upload: the year deadlines resolve against (found in the text when absent). */
export const ExtractFields = z.strictObject({
  year: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().int().min(1990).max(2100).optional()),
});

export const DraftItem = ExtractedItem.extend({
  /** The organisation's unit whose name or short name is the suggested lead unit; null if none matches. */
  leadUnitId: z.number().int().nullable(),
});
export type DraftItem = z.infer<typeof DraftItem>;

/** What an upload answers: the items to review, with the document's text their spans point into. */
export const DraftResult = z.object({
  fileName: z.string(),
  /** The year deadlines were resolved against (the one given, else the one found); null if unknown. */
  year: z.number().int().nullable(),
  /** The year found in the text, whatever was given; null if none. */
  detectedYear: z.number().int().nullable(),
  /** The document's text as read (a .docx: one paragraph a line); each item's span is an offset range in it. */
  text: z.string(),
  items: z.array(DraftItem),
});
export type DraftResult = z.infer<typeof DraftResult>;

const day = z.iso.date();
const unitName = z.string().trim().min(1).max(100);

/** One reviewed row of the decomposition table as sent for export (rejected rows are not sent). */
export const DecompositionRow = z.strictObject({
  seq: z.number().int().positive().max(100000),
  kind: ItemKind,
  text: z.string().trim().min(1).max(2000),
  /** The figures as text ("3.8万人以上；4.5%以内"). */
  quantities: z.string().trim().max(500).default(''),
  /** The heading the row falls under ("（一）… / …"); rows of one section in a run are grouped. */
  section: z.string().trim().max(300).nullable().default(null),
  deadline: day.nullable().default(null),
  /** The time limit as written ("6月底前"), shown beside the date. */
  deadlineText: z.string().trim().max(50).nullable().default(null),
  leadUnit: unitName.nullable().default(null),
  assistUnits: z.array(unitName).max(50).default([]),
  note: z.string().trim().max(1000).default(''),
});
export type DecompositionRow = z.infer<typeof DecompositionRow>;

export const DecompositionExportBody = z.strictObject({
  /** The document's name, in the title: 「2027年政府工作报告」重点任务分解表. */
  document: z.string().trim().min(1).max(100),
  rows: z.array(DecompositionRow).min(1).max(2000),
});
export type DecompositionExportBody = z.infer<typeof DecompositionExportBody>;

/** The title of the table: 「2027年政府工作报告」重点任务分解表. */
export function decompositionTitle(document: string): string {
  const name = document.trim().replace(/^[「《“]+|[」》”]+$/g, '').trim();
  return `「${name}」重点任务分解表`;
}

/** The columns of the 任务分解表 as supervision offices lay it out, with their widths in Excel characters. */
export const DECOMPOSITION_COLUMNS = [
  { key: 'seq', zh: '序号', en: 'No.', width: 6 },
  { key: 'kind', zh: '类别', en: 'Kind', width: 7 },
  { key: 'text', zh: '工作任务', en: 'Task', width: 48 },
  { key: 'quantities', zh: '量化指标', en: 'Figures', width: 20 },
  { key: 'deadline', zh: '完成时限', en: 'Deadline', width: 14 },
  { key: 'leadUnit', zh: '牵头单位', en: 'Lead unit', width: 18 },
  { key: 'assistUnits', zh: '配合单位', en: 'Cooperating units', width: 24 },
  { key: 'note', zh: '备注', en: 'Note', width: 16 },
] as const;
