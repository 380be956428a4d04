/**
 * The rectification ledger (整改台账) use cases: the ledger view of matters and its spreadsheet,
 * the import template, and importing a ledger sheet. An import creates each item through the
 * matters engine (createMatterInTx) and commits all of them in one transaction, or none.
 *
 * Re-importing a sheet of the same source document updates, never duplicates: an item is the same
 * when its source document, title (the first sentence of its problem) and lead unit are. Its
 * requirement, measures, problem text and section are updated; a changed deadline moves the open
 * completion deadline and keeps the baseline (the deadline first set). A deadline equal to the
 * baseline is no change (the sheet still shows the original date after an approved extension).
 * Closed items are left as they are.
 *
 * The section an item was listed under ("一、环境保护方面") is kept with the source document in
 * `matters.source_doc`, after SECTION_SEPARATOR: "省委第二巡视组反馈意见｜一、环境保护方面". The
 * ledger filters by the document either way and shows the section as the item's category.
 */
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { AppError, type FieldIssue } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/http/app.ts';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import { can } from '../../platform/policies.ts';
import { parseInput } from '../../platform/validation.ts';
import { dayInChina, LIGHT_LABELS, SOURCE_LABELS, STATE_LABELS } from '../../domain/matters.ts';
import { CreateMatterBody } from '../matters/schema.ts';
import { createMatterInTx, updateMatterInTx } from '../matters/service.ts';
import { insertEvent } from '../matters/queries.ts';
import { refreshMatter } from '../matters/recompute.ts';
import * as q from './queries.ts';
import { columnRef, parseLedgerSheets, problemText, type Column, type Field, type ParsedRow, type RowError } from './parse.ts';
import { UnitMatcher } from './units.ts';
import { ledgerWorkbook, readWorkbook, templateWorkbook } from './xlsx.ts';
import { LEDGER_COLUMNS, SECTION_SEPARATOR, type ImportItem, type ImportResult, type LedgerDocumentsQuery, type LedgerExportQuery, type LedgerQuery, type LedgerRow } from './schema.ts';

const EXPORT_LIMIT = 20_000;
const CATEGORY_MAX = 48;

// ---------------------------------------------------------------- the ledger

const splitDoc = (sourceDoc: string): { doc: string; category: string } => {
  const i = sourceDoc.indexOf(SECTION_SEPARATOR);
  return i < 0 ? { doc: sourceDoc, category: '' } : { doc: sourceDoc.slice(0, i), category: sourceDoc.slice(i + 1) };
};

const withCategory = (doc: string, category: string) => (category ? `${doc}${SECTION_SEPARATOR}${category}` : doc);

function stateLabel(r: q.LedgerDbRow): string {
  if (r.state === 'closed') return r.source === 'rectification' ? '已销号' : STATE_LABELS.closed.zh;
  return STATE_LABELS[r.state].zh;
}

export function toLedgerRow(r: q.LedgerDbRow, seq: number): LedgerRow {
  const { doc, category } = splitDoc(r.source_doc);
  const units = r.lead_unit ? [r.lead_unit, ...(r.assist_units.length ? [`配合：${r.assist_units.join('、')}`] : [])].join('\n') : '';
  return {
    seq,
    id: r.id,
    code: r.code,
    sourceDoc: doc,
    category,
    title: r.title,
    content: r.content,
    problem: problemText(r.title, r.content),
    requirement: r.requirement,
    measures: r.measures,
    leadUnitId: r.lead_unit_id,
    leadUnit: r.lead_unit,
    assistUnits: r.assist_units,
    units,
    dueOn: r.due_on,
    baseline: r.baseline && r.baseline !== r.due_on ? r.baseline : null,
    progress: r.progress,
    state: r.state,
    light: r.light,
    stateLabel: stateLabel(r),
    lightLabel: r.state !== 'closed' && r.light !== 'none' ? LIGHT_LABELS[r.light].zh : null,
    closed: r.state === 'closed',
    closedOn: r.closed_on,
    closedOnTime: r.closed_on_time,
  };
}

export async function listLedger(ctx: AppContext, user: SessionUser, f: LedgerQuery) {
  const { page, pageSize, ...filter } = f;
  const { rows, total } = await q.ledgerPage(ctx.db, user, filter, page, pageSize);
  const first = (page - 1) * pageSize + 1;
  return { items: rows.map((r, i) => toLedgerRow(r, first + i)), total, columns: LEDGER_COLUMNS.map(({ key, zh, en }) => ({ key, zh, en })) };
}

const DOCUMENT_LIMIT = 500;

/** The source documents of the ledger, with their counts, for the viewer. */
export async function listLedgerDocuments(ctx: AppContext, user: SessionUser, f: LedgerDocumentsQuery) {
  const rows = await q.ledgerDocuments(ctx.db, user, f.source, DOCUMENT_LIMIT);
  return { items: rows.map((r) => ({ sourceDoc: r.source_doc, total: r.total, closed: r.closed, overdue: r.overdue })) };
}

/** A file name without characters that file systems or headers refuse. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 120);

export async function exportLedger(ctx: AppContext, user: SessionUser, f: LedgerExportQuery): Promise<{ content: Buffer; filename: string }> {
  const rows = await q.ledgerAll(ctx.db, user, f, EXPORT_LIMIT);
  if (rows.length > EXPORT_LIMIT) {
    throw new AppError('VALIDATION', {
      message: `超过 ${EXPORT_LIMIT} 项，请按来源文件或单位筛选后导出`,
      messageEn: `More than ${EXPORT_LIMIT} items; filter by source document or unit first`,
    });
  }
  const items = rows.map((r, i) => toLedgerRow(r, i + 1));
  const today = dayInChina(ctx.clock.now());
  const kind = f.source === 'rectification' ? '整改台账' : `${SOURCE_LABELS[f.source].zh}台账`;
  const title = f.sourceDoc ? `${kind}（${f.sourceDoc}）` : kind;
  const closed = items.filter((r) => r.closed).length;
  const red = items.filter((r) => !r.closed && r.light === 'red').length;
  const subtitle = `导出日期：${today}　共 ${items.length} 项，已${f.source === 'rectification' ? '销号' : '办结'} ${closed} 项，逾期 ${red} 项`;
  const docs = new Set(items.map((r) => r.sourceDoc));
  const content = await ledgerWorkbook({ title, subtitle, rows: items, manyDocuments: !f.sourceDoc && docs.size > 1 });
  return { content, filename: `${safeName(title)}-${today}.xlsx` };
}


/** The import template, with a sheet of the unit names the user may assign to. */
export async function importTemplate(ctx: AppContext, user: SessionUser): Promise<{ content: Buffer; filename: string }> {
  const units = (await q.matchableUnits(ctx.db)).filter((u) => can(user, 'matter.create', { unitId: u.id, unitPath: u.path }));
  const content = await templateWorkbook(units.map((u) => ({ label: u.label, shortName: u.short_name })));
  return { content, filename: '整改台账导入模板.xlsx' };
}

// ---------------------------------------------------------------- import

export interface ImportInput {
  sourceDoc: string;
  content: Buffer;
  dryRun: boolean;
}

interface Planned {
  item: ImportItem;
  parsed: ParsedRow;
  body?: CreateMatterBody;
  existing?: q.ExistingItem;
  /** Update: the fields to write. */
  update?: { requirement?: string; measures?: string; content?: string; sourceDoc?: string; due?: string };
}

/** Stops the import transaction; the rows' errors are reported and nothing is written. */
class ImportAborted extends Error {
  constructor(readonly errors: RowError[]) {
    super('import aborted');
  }
}

const LIMITS: { field: 'requirement' | 'measures' | 'content'; column: Field; max: number; zh: string; en: string }[] = [
  { field: 'requirement', column: 'requirement', max: 5000, zh: '整改要求', en: 'the requirement' },
  { field: 'measures', column: 'measures', max: 5000, zh: '整改措施', en: 'the measures' },
  { field: 'content', column: 'problem', max: 20000, zh: '问题描述', en: 'the problem text' },
];

/** Parses, matches units, finds the items already registered and decides what to do with each row. */
async function plan(
  db: Db | Tx,
  user: SessionUser,
  sourceDoc: string,
  sheet: ReturnType<typeof parseLedgerSheets>,
  today: string,
): Promise<{ planned: Planned[]; errors: RowError[] }> {
  const errors: RowError[] = [...sheet.errors];
  const ref = (f: Field) => columnOf(sheet.columns, f);
  const units = (await q.matchableUnits(db)).map(q.unitEntryOf);
  const matcher = new UnitMatcher(units, (u) => can(user, 'matter.create', { unitId: u.id, unitPath: u.path }));
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const p of sheet.rows) {
    const rowErrors: RowError[] = [];
    const err = (f: Field, message: string, messageEn: string) => rowErrors.push({ row: p.row, column: ref(f), message, messageEn });
    let leadUnitId: number | null = null;
    let leadUnit = p.leadNames[0] ?? '';
    if (p.leadNames[0]) {
      const m = matcher.lead(p.leadNames[0]);
      if (m.ok) {
        leadUnitId = m.unit.id;
        leadUnit = m.unit.label;
      } else err('lead', m.message, m.messageEn);
    }
    const assistUnitIds: number[] = [];
    const assistUnits: string[] = [];
    for (const a of p.assists) {
      const m = matcher.assist(a.name);
      if (!m.ok) err(a.field, m.message, m.messageEn);
      else if (m.unit.id === leadUnitId) err(a.field, `配合单位「${a.name}」与责任单位相同`, `the assisting unit "${a.name}" is the lead unit`);
      else if (!assistUnitIds.includes(m.unit.id)) {
        assistUnitIds.push(m.unit.id);
        assistUnits.push(m.unit.label);
      }
    }
    for (const l of LIMITS) {
      const n = [...p[l.field]].length;
      if (n > l.max) err(l.column, `${l.zh}超过 ${l.max} 字（${n} 字）`, `${l.en} is longer than ${l.max} characters (${n})`);
    }
    if (p.title && leadUnitId) {
      const key = `${p.title}\u0000${leadUnitId}`;
      const first = seen.get(key);
      if (first !== undefined) err('problem', `与第 ${first} 行重复（同一问题、同一责任单位）`, `repeats row ${first} (same problem, same lead unit)`);
      else seen.set(key, p.row);
    }
    const category = [...p.category].slice(0, CATEGORY_MAX).join('');
    planned.push({
      parsed: p,
      item: {
        row: p.row,
        category,
        title: p.title,
        content: p.content,
        requirement: p.requirement,
        measures: p.measures,
        progress: p.progress,
        leadUnitId,
        leadUnit,
        assistUnitIds,
        assistUnits,
        due: p.due,
        dueText: p.dueText,
        outcome: 'invalid',
        matterId: null,
        changes: [],
        note: '',
      },
    });
    errors.push(...rowErrors);
  }
  const bad = new Set(errors.map((e) => e.row));
  const leadIds = [...new Set(planned.map((x) => x.item.leadUnitId).filter((id): id is number => id !== null))];
  const existing = new Map<string, q.ExistingItem>();
  for (const e of await q.existingItems(db, sourceDoc, leadIds)) {
    const key = `${e.title}\u0000${e.lead_unit_id}`;
    if (!existing.has(key)) existing.set(key, e);
  }
  for (const x of planned) {
    const { item } = x;
    if (bad.has(item.row) || item.leadUnitId === null || item.due === null) continue;
    const rowErr = (f: Field, message: string, messageEn: string) => {
      errors.push({ row: item.row, column: ref(f), message, messageEn });
      bad.add(item.row);
    };
    const e = existing.get(`${item.title}\u0000${item.leadUnitId}`);
    const doc = withCategory(sourceDoc, item.category);
    if (!e) {
      if (item.due < today) {
        rowErr('due', `整改时限 ${item.due} 早于交办日期 ${today}`, `the deadline ${item.due} is before the assignment date ${today}`);
        continue;
      }
      try {
        x.body = parseInput(CreateMatterBody, {
          source: 'rectification',
          title: item.title,
          content: item.content,
          sourceDoc: doc,
          requirement: item.requirement,
          measures: item.measures,
          leadUnitId: item.leadUnitId,
          assistUnitIds: item.assistUnitIds,
          assignedOn: today,
          dueOn: item.due,
        });
      } catch (err) {
        for (const issue of issuesOf(err)) rowErr(fieldColumn(issue.field), issue.message, issue.messageEn);
        continue;
      }
      item.outcome = 'create';
      continue;
    }
    item.matterId = e.id;
    x.existing = e;
    if (e.state === 'closed') {
      item.outcome = 'unchanged';
      item.note = '已销号，未修改';
      continue;
    }
    if (!can(user, 'matter.review', { unitId: e.assigner_unit_id, unitPath: e.assigner_unit_path })) {
      rowErr('problem', `该问题已由「${e.assigner_unit_name}」交办，您无权修改`, `this item was assigned by ${e.assigner_unit_name}; you may not change it`);
      continue;
    }
    const update: NonNullable<Planned['update']> = {};
    if (item.requirement !== e.requirement) update.requirement = item.requirement;
    if (item.measures !== e.measures) update.measures = item.measures;
    if (problemText(item.title, item.content) !== problemText(e.title, e.content)) update.content = item.content;
    if (doc !== e.source_doc) update.sourceDoc = doc;
    const notes: string[] = [];
    if (item.due !== e.due_on && item.due !== e.baseline) {
      if (!e.open_step) notes.push(`事项当前为「${STATE_LABELS[e.state].zh}」，时限未修改`);
      else if (item.due < today) {
        rowErr('due', `整改时限 ${item.due} 早于今天（${today}）`, `the deadline ${item.due} is before today (${today})`);
        continue;
      } else update.due = item.due;
    } else if (item.due === e.baseline && e.due_on && e.due_on !== e.baseline) {
      notes.push(`时限已调整为 ${e.due_on}，保留调整后的时限`);
    }
    const changes = Object.keys(update).map((k) => (k === 'sourceDoc' ? 'category' : k));
    item.changes = changes;
    item.note = notes.join('；');
    item.outcome = changes.length ? 'update' : 'unchanged';
    if (changes.length) x.update = update;
  }
  for (const x of planned) if (bad.has(x.item.row)) x.item.outcome = 'invalid';
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || columnNumber(a.column) - columnNumber(b.column));
  return { planned, errors };
}

/** "AB（…）" → 28: errors of a row are listed left to right. */
function columnNumber(column: string | null): number {
  const letters = /^[A-Z]+/.exec(column ?? '')?.[0] ?? '';
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** The sheet column of a field of the matters engine's request (for its validation errors). */
function fieldColumn(field: string): Field {
  if (field.startsWith('assistUnitIds')) return 'assist';
  return ({ title: 'problem', content: 'problem', requirement: 'requirement', measures: 'measures', leadUnitId: 'lead', dueOn: 'due', sourceDoc: 'problem' } as Record<string, Field>)[field] ?? 'problem';
}

function columnOf(columns: Partial<Record<Field, Column>>, f: Field): string | null {
  const c = columns[f];
  return c ? columnRef(c) : null;
}

function issuesOf(err: unknown): FieldIssue[] {
  if (err instanceof AppError) {
    const issues = (err.details as { issues?: FieldIssue[] } | undefined)?.issues;
    return issues?.length ? issues : [{ field: '', message: err.message, messageEn: err.messageEn }];
  }
  throw err;
}

const counts = (planned: readonly Planned[]) => ({
  created: planned.filter((x) => x.item.outcome === 'create').length,
  updated: planned.filter((x) => x.item.outcome === 'update').length,
  unchanged: planned.filter((x) => x.item.outcome === 'unchanged').length,
});

/**
 * Imports a ledger sheet. A dry run reports the items and every error and writes nothing; a
 * real run writes all items in one transaction — or, if any row has an error, nothing.
 */
export async function importLedger(ctx: AppContext, actor: Actor, user: SessionUser, input: ImportInput): Promise<ImportResult> {
  const sheets = await readWorkbook(input.content);
  const sheet = parseLedgerSheets(sheets);
  const now = ctx.clock.now();
  const today = dayInChina(now);
  const result = (planned: readonly Planned[], errors: RowError[], dryRun: boolean): ImportResult => ({
    ok: errors.length === 0,
    dryRun,
    sourceDoc: input.sourceDoc,
    sheet: sheet.sheet,
    headerRow: sheet.headerRow,
    items: planned.map((x) => x.item),
    errors,
    counts: errors.length === 0 ? counts(planned) : { created: 0, updated: 0, unchanged: 0 },
  });
  if (input.dryRun) {
    const { planned, errors } = await plan(ctx.db, user, input.sourceDoc, sheet, today);
    return result(planned, errors, true);
  }
  try {
    return await ctx.db.tx(async (tx) => {
      // Two imports of one document run one after the other, so neither duplicates the other's items.
      await tx.query('select pg_advisory_xact_lock(736100201, hashtext($1))', [input.sourceDoc]);
      const { planned, errors } = await plan(tx, user, input.sourceDoc, sheet, today);
      if (errors.length) return result(planned, errors, false);
      for (const x of planned) {
        try {
          await write(tx, actor, user, x, now, today);
        } catch (err) {
          throw new ImportAborted(issuesOf(err).map((i) => ({ row: x.item.row, column: i.field ? columnOf(sheet.columns, fieldColumn(i.field)) : null, message: i.message, messageEn: i.messageEn })));
        }
      }
      const done = result(planned, [], false);
      await recordAudit(tx, actor, now, {
        action: 'ledger.import',
        entityType: 'ledger',
        entityId: input.sourceDoc,
        unitId: user.unitId,
        after: { sourceDoc: input.sourceDoc, sheet: sheet.sheet, counts: done.counts, matters: planned.map((x) => x.item.matterId) },
      });
      return done;
    });
  } catch (err) {
    if (err instanceof ImportAborted) {
      return { ...result([], err.errors, false), items: [] };
    }
    throw err;
  }
}

async function write(tx: Tx, actor: Actor, user: SessionUser, x: Planned, now: Date, today: string): Promise<void> {
  const { item } = x;
  if (item.outcome === 'create' && x.body) {
    const { id } = await createMatterInTx(tx, now, actor, user, x.body);
    item.matterId = id;
    if (item.progress) await q.setProgress(tx, id, [...item.progress].slice(0, 5000).join(''));
    return;
  }
  if (item.outcome !== 'update' || !x.existing || !x.update) return;
  const e = x.existing;
  const u = x.update;
  if (u.requirement !== undefined || u.measures !== undefined || u.content !== undefined || u.sourceDoc !== undefined) {
    await updateMatterInTx(tx, now, actor, user, e.id, {
      version: e.version,
      ...(u.requirement !== undefined ? { requirement: u.requirement } : {}),
      ...(u.measures !== undefined ? { measures: u.measures } : {}),
      ...(u.content !== undefined ? { content: u.content } : {}),
      ...(u.sourceDoc !== undefined ? { sourceDoc: u.sourceDoc } : {}),
    });
  }
  if (u.due) {
    const rule = { zh: `整改台账更新确定（${u.due}）`, en: `set by an updated ledger (${u.due})` };
    const moved = await q.moveCompletionDue(tx, e.id, u.due, rule);
    if (!moved) return;
    await insertEvent(tx, {
      matterId: e.id,
      action: 'recompute',
      fromState: e.state,
      toState: e.state,
      actorId: user.id,
      actorName: user.displayName,
      actorUnitId: user.unitId,
      at: now,
      body: { reason: 'ledger_import', changes: [{ step: moved.step, from: moved.from, to: u.due }] },
      files: [],
      requestKey: null,
      payloadHash: null,
    });
    await q.bumpVersion(tx, e.id, now);
    await refreshMatter(tx, e.id, today);
    await recordAudit(tx, actor, now, {
      action: 'matter.update',
      entityType: 'matter',
      entityId: e.id,
      unitId: e.assigner_unit_id,
      before: { dueOn: moved.from },
      after: { dueOn: u.due, reason: 'ledger_import' },
    });
  }
}
