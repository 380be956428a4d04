/**
 * The output contract of `luoshi extract` (issue 6), shared later with the web app.
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
