import type { Queryable } from '../../platform/db/index.ts';
import { fetchPage } from '../../platform/db/paging.ts';
import type { Light, MatterSource, MatterState } from '../../domain/matters.ts';
import { visibleSql, type Viewer } from '../matters/queries.ts';
import { SECTION_SEPARATOR, type LedgerExportQuery } from './schema.ts';
import type { UnitEntry } from './units.ts';

/**
 * A unit as ledgers name it: a county's office with its county ("离石区发展和改革局"), a
 * sub-unit with its department ("市政府办公室督查室"), a unit under the city by its own name.
 */
export const unitLabelSql = (u: string, parent: string) => `case when ${parent}.parent_id is null then ${u}.name else ${parent}.name || ${u}.name end`;

export interface LedgerDbRow {
  id: number;
  code: string;
  source: MatterSource;
  source_doc: string;
  title: string;
  content: string;
  requirement: string;
  measures: string;
  progress: string;
  state: MatterState;
  light: Light;
  due_on: string | null;
  closed_on: string | null;
  closed_on_time: boolean | null;
  lead_unit_id: number | null;
  lead_unit: string | null;
  assist_units: string[];
  baseline: string | null;
}

const COLUMNS = `m.id, m.code, m.source, m.source_doc, m.title, m.content, m.requirement, m.measures, m.progress, m.state, m.light,
  m.due_on, m.closed_on, m.closed_on_time, m.lead_unit_id, ${unitLabelSql('lu', 'lp')} as lead_unit,
  coalesce((select json_agg(${unitLabelSql('xu', 'xp')} order by xu.sort_order, xu.id)
              from matter_units mu join units xu on xu.id = mu.unit_id left join units xp on xp.id = xu.parent_id
             where mu.matter_id = m.id and mu.role = 'assist'), '[]'::json) as assist_units,
  (select d.baseline from matter_deadlines d
    where d.matter_id = m.id and d.status <> 'superseded' and (d.basis->>'kind') = 'complete'
    order by d.round desc, d.id desc limit 1) as baseline`;

// visibleSql reads the assigning unit as `au` and the leader as `l`.
const FROM = `from matters m
  join units au on au.id = m.assigner_unit_id
  left join leaders l on l.id = m.leader_id
  left join units lu on lu.id = m.lead_unit_id
  left join units lp on lp.id = lu.parent_id`;

/** Items of one source document keep the order they were listed (imported) in. */
const ORDER = `split_part(m.source_doc, '${SECTION_SEPARATOR}', 1), m.id`;

function ledgerWhere(viewer: Viewer, f: LedgerExportQuery, params: unknown[]): string {
  const where = [visibleSql(viewer, params, true), `m.assigned_on is not null`];
  params.push(f.source);
  where.push(`m.source = $${params.length}`);
  if (f.sourceDoc) {
    params.push(f.sourceDoc);
    where.push(`(m.source_doc = $${params.length} or split_part(m.source_doc, '${SECTION_SEPARATOR}', 1) = $${params.length})`);
  }
  if (f.unitId) {
    params.push(f.unitId);
    where.push(`exists (select 1 from matter_units fu where fu.matter_id = m.id and fu.unit_id = $${params.length})`);
  }
  if (f.state) {
    params.push(f.state);
    where.push(`m.state = $${params.length}`);
  }
  return where.join(' and ');
}

export async function ledgerPage(q: Queryable, viewer: Viewer, f: LedgerExportQuery, page: number, pageSize: number): Promise<{ rows: LedgerDbRow[]; total: number }> {
  const params: unknown[] = [];
  const where = ledgerWhere(viewer, f, params);
  return fetchPage<LedgerDbRow>(q, { columns: COLUMNS, from: FROM, where, orderBy: ORDER }, params, page, pageSize);
}

/** Every row of the filtered ledger (for the spreadsheet), up to `limit` + 1 so a caller can tell it is too long. */
export async function ledgerAll(q: Queryable, viewer: Viewer, f: LedgerExportQuery, limit: number): Promise<LedgerDbRow[]> {
  const params: unknown[] = [];
  const where = ledgerWhere(viewer, f, params);
  params.push(limit + 1);
  return q.query<LedgerDbRow>(`select ${COLUMNS} ${FROM} where ${where} order by ${ORDER} limit $${params.length}`, params);
}

export interface LedgerDocumentRow {
  source_doc: string;
  total: number;
  closed: number;
  overdue: number;
}

/**
 * The source documents of the ledger the viewer sees (same visibility and source as the rows), the
 * most recently registered first, with their item counts. Items without a source document are left out.
 */
export async function ledgerDocuments(q: Queryable, viewer: Viewer, source: LedgerExportQuery['source'], limit: number): Promise<LedgerDocumentRow[]> {
  const params: unknown[] = [];
  const where = ledgerWhere(viewer, { source, sourceDoc: undefined }, params);
  params.push(limit);
  return q.query<LedgerDocumentRow>(
    `select split_part(m.source_doc, '${SECTION_SEPARATOR}', 1) as source_doc, count(*)::int as total,
            count(*) filter (where m.state = 'closed')::int as closed,
            count(*) filter (where m.state <> 'closed' and m.light = 'red')::int as overdue
       ${FROM}
      where ${where} and split_part(m.source_doc, '${SECTION_SEPARATOR}', 1) <> ''
      group by 1
      order by max(m.id) desc
      limit $${params.length}`,
    params,
  );
}

// ---------------------------------------------------------------- import

export interface MatchableUnit {
  id: number;
  name: string;
  short_name: string | null;
  path: string;
  label: string;
  parent_name: string | null;
  parent_short: string | null;
  /** Whether the parent is the root (a county, a city department) or there is no parent. */
  top: boolean;
}

/** A unit as the name matcher takes it (a top-level unit's parent is not part of its name). */
export const unitEntryOf = (u: MatchableUnit): UnitEntry => ({
  id: u.id,
  name: u.name,
  shortName: u.short_name,
  path: u.path,
  label: u.label,
  parentName: u.top ? null : u.parent_name,
  parentShort: u.top ? null : u.parent_short,
});

export async function matchableUnits(q: Queryable): Promise<MatchableUnit[]> {
  return q.query<MatchableUnit>(
    `select u.id, u.name, u.short_name, u.path, ${unitLabelSql('u', 'p')} as label, p.name as parent_name, p.short_name as parent_short,
            (p.id is null or p.parent_id is null) as top
       from units u left join units p on p.id = u.parent_id
      where u.active
      order by u.sort_order, u.id`,
  );
}

export interface ExistingItem {
  id: number;
  title: string;
  content: string;
  source_doc: string;
  requirement: string;
  measures: string;
  lead_unit_id: number;
  assigner_unit_id: number;
  assigner_unit_path: string;
  assigner_unit_name: string;
  state: MatterState;
  version: number;
  due_on: string | null;
  baseline: string | null;
  /** The completion deadline still open (its step), if any. */
  open_step: string | null;
}

/** Rectification items already registered from `sourceDoc` (any section) for these lead units. */
export async function existingItems(q: Queryable, sourceDoc: string, leadUnitIds: readonly number[]): Promise<ExistingItem[]> {
  if (leadUnitIds.length === 0) return [];
  return q.query<ExistingItem>(
    `select m.id, m.title, m.content, m.source_doc, m.requirement, m.measures, m.lead_unit_id, m.assigner_unit_id, au.path as assigner_unit_path,
            au.name as assigner_unit_name, m.state, m.version, m.due_on,
            (select d.baseline from matter_deadlines d where d.matter_id = m.id and d.status <> 'superseded' and (d.basis->>'kind') = 'complete'
              order by d.round desc, d.id desc limit 1) as baseline,
            (select d.step from matter_deadlines d where d.matter_id = m.id and d.status = 'open' and (d.basis->>'kind') = 'complete'
              order by d.round desc, d.id desc limit 1) as open_step
       from matters m join units au on au.id = m.assigner_unit_id
      where m.source = 'rectification' and split_part(m.source_doc, '${SECTION_SEPARATOR}', 1) = $1 and m.lead_unit_id = any($2::bigint[])
      order by m.id`,
    [sourceDoc, leadUnitIds],
  );
}

/**
 * Moves the open completion deadline of a matter to `due` (a re-imported ledger changed it). The
 * baseline — the deadline first set — stays.
 */
export async function moveCompletionDue(q: Queryable, matterId: number, due: string, rule: { zh: string; en: string }): Promise<{ step: string; from: string } | undefined> {
  const rows = await q.query<{ id: number; step: string; due: string }>(
    `select id, step, due from matter_deadlines where matter_id = $1 and status = 'open' and (basis->>'kind') = 'complete' and basis ? 'fixed'
      order by round desc, id desc limit 1 for update`,
    [matterId],
  );
  const d = rows[0];
  if (!d) return undefined;
  await q.query(
    `update matter_deadlines set due = $2, rule_zh = $3, rule_en = $4, basis = jsonb_set(basis, '{fixed}', to_jsonb($5::text))
      where id = $1`,
    [d.id, due, rule.zh, rule.en, due],
  );
  return { step: d.step, from: d.due };
}

export async function setProgress(q: Queryable, matterId: number, progress: string): Promise<void> {
  await q.query('update matters set progress = $2 where id = $1', [matterId, progress]);
}

export async function bumpVersion(q: Queryable, matterId: number, at: Date): Promise<void> {
  await q.query('update matters set version = version + 1, updated_at = $2 where id = $1', [matterId, at]);
}
