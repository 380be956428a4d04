/** The rectification ledger (整改台账) contract: the ledger view of matters, its spreadsheet, and the import. */
import { z } from 'zod';
import { MATTER_SOURCES, MATTER_STATES } from '../../domain/matters.ts';
import { LIGHTS } from '../matters/schema.ts';

/**
 * The columns of the ledger as inspection offices lay it out, in order: the JSON rows, the
 * exported sheet and the import template share them.
 */
export const LEDGER_COLUMNS = [
  { key: 'seq', zh: '序号', en: 'No.', width: 6 },
  { key: 'problem', zh: '问题', en: 'Problem', width: 40 },
  { key: 'requirement', zh: '整改要求', en: 'Requirement', width: 30 },
  { key: 'measures', zh: '整改措施', en: 'Measures', width: 36 },
  { key: 'units', zh: '责任单位', en: 'Responsible units', width: 18 },
  { key: 'due', zh: '整改时限', en: 'Deadline', width: 13 },
  { key: 'progress', zh: '进展情况', en: 'Progress', width: 30 },
  { key: 'state', zh: '状态', en: 'State', width: 14 },
] as const;

export const LedgerQuery = z.strictObject({
  source: z.enum(MATTER_SOURCES).default('rectification'),
  /** The source document: its items, whatever their section (分类). */
  sourceDoc: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  unitId: z.coerce.number().int().positive().optional(),
  state: z.enum(MATTER_STATES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

export const LedgerExportQuery = LedgerQuery.omit({ page: true, pageSize: true });
export type LedgerExportQuery = z.infer<typeof LedgerExportQuery>;

export const LedgerRow = z.object({
  /** 序号: the position in the whole filtered ledger (not in the page). */
  seq: z.number().int(),
  id: z.number().int(),
  code: z.string(),
  /** The source document without its section. */
  sourceDoc: z.string(),
  /** The section (分类) the item was listed under, e.g. "一、环境保护方面"; "" when none. */
  category: z.string(),
  title: z.string(),
  content: z.string(),
  /** 问题 as the ledger shows it: the title, then the content unless it already begins with the title. */
  problem: z.string(),
  requirement: z.string(),
  measures: z.string(),
  leadUnitId: z.number().int().nullable(),
  leadUnit: z.string().nullable(),
  assistUnits: z.array(z.string()),
  /** 责任单位 as the ledger shows it: the lead unit, then "配合：…". */
  units: z.string(),
  dueOn: z.string().nullable(),
  /** The deadline first set, when an extension (or a re-import) moved it; otherwise null. */
  baseline: z.string().nullable(),
  progress: z.string(),
  state: z.enum(MATTER_STATES),
  light: z.enum(LIGHTS),
  /** 状态: "办理中", "已销号"…, with the light when one is lit. */
  stateLabel: z.string(),
  lightLabel: z.string().nullable(),
  closed: z.boolean(),
  closedOn: z.string().nullable(),
  closedOnTime: z.boolean().nullable(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

export const LedgerList = z.object({
  items: z.array(LedgerRow),
  total: z.number().int(),
  columns: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() })),
});

export const LedgerDocumentsQuery = z.strictObject({
  source: z.enum(MATTER_SOURCES).default('rectification'),
});
export type LedgerDocumentsQuery = z.infer<typeof LedgerDocumentsQuery>;

/** One source document of the ledger as the viewer sees it: its items (visible to the viewer), how many are closed and how many overdue. */
export const LedgerDocument = z.object({
  sourceDoc: z.string(),
  total: z.number().int(),
  /** Closed (已销号). */
  closed: z.number().int(),
  /** Open with the red light (past the deadline). */
  overdue: z.number().int(),
});
export type LedgerDocument = z.infer<typeof LedgerDocument>;

export const LedgerDocuments = z.object({ items: z.array(LedgerDocument) });

export const ImportQuery = z.strictObject({
  /** Default true: check and show what would happen; false writes, all or nothing. */
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/** One problem in an imported sheet: its Excel row, its header label, and the message in both languages. */
export const ImportError = z.object({
  /** Excel row number (1-based); null for a problem of the whole sheet. */
  row: z.number().int().nullable(),
  /** Excel column letter with the sheet's header label, e.g. "F（完成时限）"; null when no column applies. */
  column: z.string().nullable(),
  message: z.string(),
  messageEn: z.string(),
});
export type ImportError = z.infer<typeof ImportError>;

export const IMPORT_OUTCOMES = ['create', 'update', 'unchanged', 'invalid'] as const;

export const ImportItem = z.object({
  row: z.number().int(),
  category: z.string(),
  title: z.string(),
  content: z.string(),
  requirement: z.string(),
  measures: z.string(),
  progress: z.string(),
  leadUnitId: z.number().int().nullable(),
  leadUnit: z.string(),
  assistUnitIds: z.array(z.number().int()),
  assistUnits: z.array(z.string()),
  due: z.string().nullable(),
  /** The deadline as the sheet wrote it. */
  dueText: z.string(),
  /** What the import does with it: create a matter, update the one with the same (source document, problem, lead unit), nothing, or nothing because the row has errors. */
  outcome: z.enum(IMPORT_OUTCOMES),
  matterId: z.number().int().nullable(),
  /** The fields an update changes (requirement, measures, content, category, due). */
  changes: z.array(z.string()),
  note: z.string(),
});
export type ImportItem = z.infer<typeof ImportItem>;

export const ImportResult = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  sourceDoc: z.string(),
  sheet: z.string(),
  headerRow: z.number().int().nullable(),
  items: z.array(ImportItem),
  errors: z.array(ImportError),
  counts: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** The form fields of an import besides the file. */
export const ImportFields = z.strictObject({
  /** The inspection, audit or supervision feedback the ledger comes from (来源文件), e.g. "省委第二巡视组反馈意见". */
  sourceDoc: z.string().trim().min(1).max(150),
});

/** Separates a source document from the section an item was listed under, in `matters.source_doc`. */
export const SECTION_SEPARATOR = '｜';
