/** SQL of the major-projects capability. */
import type { Queryable } from '../../platform/db/index.ts';
import { reachSql } from '../../platform/reach.ts';
import type { Subject } from '../../platform/policies.ts';
import { firstDay, lastDay, type Month } from '../../domain/projects.ts';
import type { Grouping } from './schema.ts';

export interface ProjectRow {
  id: number;
  code: string;
  name: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  dept_id: number | null;
  dept_name: string | null;
  dept_path: string | null;
  leader_id: number | null;
  leader_name: string | null;
  task_force: string[];
  category: string;
  campaign_year: number;
  stage: string;
  content: string;
  total_investment: number;
  planned_investment: number;
  planned_start: string | null;
  planned_finish: string | null;
  actual_start: string | null;
  actual_finish: string | null;
  start_delay_reason: string | null;
  location: string;
  lng: string | null;
  lat: string | null;
  registered: boolean;
  registered_on: string | null;
  approvals: Record<string, { status: string; date: string | null }>;
  tags: string[];
  baseline: { totalYuan: number; plannedYuan: number; plannedStart: string | null; plannedFinish: string | null };
  light: string;
  light_reasons: unknown[];
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const PROJECT_COLUMNS = `p.*, u.name as unit_name, u.path as unit_path, d.name as dept_name, d.path as dept_path, l.name as leader_name`;
const PROJECT_FROM = `from projects p join units u on u.id = p.unit_id left join units d on d.id = p.dept_id left join leaders l on l.id = p.leader_id`;

/** Projects the viewer may see: the county-level unit or the responsible department in reach. */
export function visibleSql(viewer: Pick<Subject, 'scope' | 'unitId' | 'unitPath'>, params: unknown[]): string {
  if (viewer.scope === 'city') return 'true';
  const a = reachSql(viewer, 'p.unit_id', 'u.path', params);
  const b = reachSql(viewer, 'p.dept_id', 'd.path', params);
  return `(${a} or coalesce(${b}, false))`;
}

export async function getProject(q: Queryable, id: number, opts: { viewer?: Subject; lock?: boolean } = {}): Promise<ProjectRow | undefined> {
  const params: unknown[] = [id];
  const where = opts.viewer ? visibleSql(opts.viewer, params) : 'true';
  const rows = await q.query<ProjectRow>(`select ${PROJECT_COLUMNS} ${PROJECT_FROM} where p.id = $1 and ${where}${opts.lock ? ' for update of p' : ''}`, params);
  return rows[0];
}

/** A project to register (the API's fields, with its code). */
export interface ProjectInsert {
  code: string;
  name: string;
  unitId: number;
  deptId: number | null;
  leaderId: number | null;
  taskForce: string[];
  category: string;
  campaignYear: number;
  stage: string;
  content: string;
  totalYuan: number;
  plannedYuan: number;
  plannedStart: string | null;
  plannedFinish: string | null;
  actualStart: string | null;
  actualFinish: string | null;
  startDelayReason: string | null;
  location: string;
  lng: number | null;
  lat: number | null;
  registered: boolean;
  registeredOn: string | null;
  approvals: unknown;
  tags: string[];
  /** The light of the campaign's report month, computed before the insert (see `lights`). */
  light?: { light: string; reasons: unknown[] };
}

/**
 * Registers projects in three statements whatever their number (the projects with their plan as
 * the baseline, their twelve months, their first stage): the API, imports and the demo. Returns
 * the ids in the order given. With `lights.month`, a project's given light is written to it and
 * to that month's row (a new project's light needs no second write).
 */
export async function insertProjects(q: Queryable, list: readonly ProjectInsert[], createdBy: number | null, at: Date, lights: { month?: Month } = {}): Promise<number[]> {
  if (list.length === 0) return [];
  const lit = lights.month !== undefined;
  // one array per column (a column's values travel once, without a key per row); lists and
  // documents as JSON texts
  const col = <T>(f: (p: ProjectInsert) => T): T[] => list.map(f);
  const json = (v: unknown) => JSON.stringify(v ?? null);
  const rows = await q.query<{ id: number; n: number }>(
    `with x as (
       select * from unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[],
                            $11::bigint[], $12::bigint[], $13::date[], $14::date[], $15::date[], $16::date[], $17::text[], $18::text[], $19::numeric[], $20::numeric[],
                            $21::boolean[], $22::date[], $23::text[], $24::text[], $25::text[], $26::text[])
         with ordinality as x(code, name, unit_id, dept_id, leader_id, task_force, category, campaign_year, stage, content,
                              total_investment, planned_investment, planned_start, planned_finish, actual_start, actual_finish, start_delay_reason, location, lng, lat,
                              registered, registered_on, approvals, tags, light, light_reasons, n)
     ), ins as (
       insert into projects (code, name, unit_id, dept_id, leader_id, task_force, category, campaign_year, stage, content, total_investment, planned_investment,
          planned_start, planned_finish, actual_start, actual_finish, start_delay_reason, location, lng, lat, registered, registered_on, approvals, tags, baseline,
          light, light_reasons, created_by, created_at, updated_at)
       select x.code, x.name, x.unit_id, x.dept_id, x.leader_id,
          case when x.task_force = '[]' then '{}'::text[] else array(select jsonb_array_elements_text(x.task_force::jsonb)) end,
          x.category, x.campaign_year, x.stage, x.content,
          x.total_investment, x.planned_investment, x.planned_start, x.planned_finish, x.actual_start, x.actual_finish, x.start_delay_reason, x.location, x.lng, x.lat,
          x.registered, x.registered_on, x.approvals::jsonb,
          case when x.tags = '[]' then '{}'::text[] else array(select jsonb_array_elements_text(x.tags::jsonb)) end,
          jsonb_build_object('totalYuan', x.total_investment, 'plannedYuan', x.planned_investment, 'plannedStart', x.planned_start, 'plannedFinish', x.planned_finish),
          x.light, x.light_reasons::jsonb, $27, $28, $28
         from x order by x.n
       returning id, code
     )
     select ins.id, x.n from ins join x on x.code = ins.code order by x.n`,
    [
      col((p) => p.code),
      col((p) => p.name),
      col((p) => p.unitId),
      col((p) => p.deptId),
      col((p) => p.leaderId),
      col((p) => json(p.taskForce)),
      col((p) => p.category),
      col((p) => p.campaignYear),
      col((p) => p.stage),
      col((p) => p.content),
      col((p) => p.totalYuan),
      col((p) => p.plannedYuan),
      col((p) => p.plannedStart),
      col((p) => p.plannedFinish),
      col((p) => p.actualStart),
      col((p) => p.actualFinish),
      col((p) => p.startDelayReason),
      col((p) => p.location),
      col((p) => p.lng),
      col((p) => p.lat),
      col((p) => p.registered),
      col((p) => p.registeredOn),
      col((p) => json(p.approvals ?? {})),
      col((p) => json(p.tags)),
      col((p) => (lit ? (p.light?.light ?? 'green') : 'green')),
      col((p) => json(lit ? (p.light?.reasons ?? []) : [])),
      createdBy,
      at,
    ],
  );
  const ids = rows.map((r) => r.id);
  await q.query(
    `insert into project_months (project_id, month, light, light_reasons)
     select p.id, x.month,
            case when x.month = $2 then p.light else 'green' end,
            case when x.month = $2 then p.light_reasons else '[]'::jsonb end
       from projects p, generate_series(1, 12) m, lateral (select to_char(make_date(p.campaign_year, m, 1), 'YYYY-MM') as month) x
      where p.id = any($1::bigint[])`,
    [ids, lights.month ?? null],
  );
  await q.query(
    `insert into project_stages (project_id, from_stage, to_stage, changed_on, changed_by, created_at)
     select p.id, null, p.stage,
            coalesce(case when p.stage = 'completed' then p.actual_finish when p.stage in ('new_start', 'continuing') then p.actual_start end, ($3::timestamptz at time zone 'Asia/Shanghai')::date),
            $2, $3
       from projects p where p.id = any($1::bigint[])`,
    [ids, createdBy, at],
  );
  return ids;
}

/** The next free numbers of generated codes (XM2026-00001 …) for `count` new projects. */
export async function nextProjectCodes(q: Queryable, year: number, count: number): Promise<string[]> {
  const first = Number((await nextProjectCode(q, year)).slice(-5));
  return Array.from({ length: count }, (_x, i) => `XM${year}-${String(first + i).padStart(5, '0')}`);
}

/** The columns an update may set, by the API's field names. */
export const UPDATABLE: Record<string, string> = {
  name: 'name',
  unitId: 'unit_id',
  deptId: 'dept_id',
  leaderId: 'leader_id',
  taskForce: 'task_force',
  category: 'category',
  content: 'content',
  totalYuan: 'total_investment',
  plannedYuan: 'planned_investment',
  plannedStart: 'planned_start',
  plannedFinish: 'planned_finish',
  actualStart: 'actual_start',
  actualFinish: 'actual_finish',
  stage: 'stage',
  location: 'location',
  lng: 'lng',
  lat: 'lat',
  registered: 'registered',
  registeredOn: 'registered_on',
  approvals: 'approvals',
  tags: 'tags',
  startDelayReason: 'start_delay_reason',
  active: 'active',
};

/** Sets the given columns under the row version; returns false when the version moved on. */
export async function updateProjectRow(q: Queryable, id: number, version: number, set: Record<string, unknown>, at: Date): Promise<boolean> {
  const cols = Object.keys(set);
  const params: unknown[] = [id, version, at];
  const assigns = cols.map((c) => {
    const v = set[c];
    params.push(c === 'approvals' ? JSON.stringify(v) : v);
    return `${c} = $${params.length}${c === 'approvals' ? '::jsonb' : ''}`;
  });
  const rows = await q.query(
    `update projects set ${[...assigns, 'version = version + 1', 'updated_at = $3'].join(', ')} where id = $1 and version = $2 returning id`,
    params,
  );
  return rows.length === 1;
}

/** The fields an import sets on a project it matched (the sheet's columns). */
export interface ImportedFields {
  name: string;
  dept_id: number | null;
  leader_id: number | null;
  category: string;
  content: string;
  total_investment: number;
  planned_investment: number;
  planned_start: string | null;
  planned_finish: string | null;
  location: string;
  /** Registration is only ever added by a sheet, never taken away. */
  registered: boolean;
}

export const IMPORTED_FIELDS = ['name', 'dept_id', 'leader_id', 'category', 'content', 'total_investment', 'planned_investment', 'planned_start', 'planned_finish', 'location', 'registered'] as const;

/** The imported fields of these projects as they stand, locked for the caller's transaction. */
export async function lockImported(q: Queryable, ids: readonly number[]): Promise<Map<number, ImportedFields>> {
  const rows = await q.query<ImportedFields & { id: number }>(
    `select id, ${IMPORTED_FIELDS.join(', ')} from projects where id = any($1::bigint[]) order by id for update`,
    [ids],
  );
  return new Map(rows.map(({ id, ...f }) => [id, f]));
}

/**
 * Writes an import's changes to projects it matched, in two statements whatever their number:
 * the new values (a new row version each) and a revision each with its changes and reason.
 */
export async function updateImported(
  q: Queryable,
  list: readonly { id: number; fields: ImportedFields; changes: Record<string, [unknown, unknown]>; reason: string }[],
  by: number | null,
  at: Date,
): Promise<void> {
  if (list.length === 0) return;
  const col = <T>(f: (x: (typeof list)[number]) => T): T[] => list.map(f);
  await q.query(
    `update projects p set name = x.name, dept_id = x.dept_id, leader_id = x.leader_id, category = x.category, content = x.content,
            total_investment = x.total_investment, planned_investment = x.planned_investment, planned_start = x.planned_start,
            planned_finish = x.planned_finish, location = x.location, registered = p.registered or x.registered,
            version = p.version + 1, updated_at = $12
       from unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::date[], $10::date[], $11::text[], $13::boolean[])
            as x(id, name, dept_id, leader_id, category, content, total_investment, planned_investment, planned_start, planned_finish, location, registered)
      where p.id = x.id`,
    [
      col((x) => x.id),
      col((x) => x.fields.name),
      col((x) => x.fields.dept_id),
      col((x) => x.fields.leader_id),
      col((x) => x.fields.category),
      col((x) => x.fields.content),
      col((x) => x.fields.total_investment),
      col((x) => x.fields.planned_investment),
      col((x) => x.fields.planned_start),
      col((x) => x.fields.planned_finish),
      col((x) => x.fields.location),
      at,
      col((x) => x.fields.registered),
    ],
  );
  await insertRevisions(q, list.map((x) => ({ projectId: x.id, changes: x.changes, reason: x.reason })), by, at);
}

export async function insertStage(q: Queryable, s: { projectId: number; from: string | null; to: string; on: string; by: number | null; note: string; at: Date }): Promise<void> {
  await q.query(`insert into project_stages (project_id, from_stage, to_stage, changed_on, changed_by, note, created_at) values ($1, $2, $3, $4, $5, $6, $7)`, [
    s.projectId, s.from, s.to, s.on, s.by, s.note, s.at,
  ]);
}

/** Records revisions (each project's changes and their reason) in one statement whatever their number. */
export async function insertRevisions(
  q: Queryable,
  list: readonly { projectId: number; changes: Record<string, [unknown, unknown]>; reason: string }[],
  by: number | null,
  at: Date,
): Promise<void> {
  if (list.length === 0) return;
  await q.query(
    `insert into project_revisions (project_id, changes, changed_by, reason, created_at)
     select x.id, x.changes::jsonb, $3, x.reason, $4 from unnest($1::bigint[], $2::text[], $5::text[]) as x(id, changes, reason)`,
    [list.map((r) => r.projectId), list.map((r) => JSON.stringify(r.changes)), by, at, list.map((r) => r.reason)],
  );
}

export async function nextProjectCode(q: Queryable, year: number): Promise<string> {
  const rows = await q.query<{ n: number }>(
    `select coalesce(max(substring(code from '^XM${year}-(\\d+)$')::int), 0) + 1 as n from projects where code like $1`,
    [`XM${year}-%`],
  );
  return `XM${year}-${String((rows[0] as { n: number }).n).padStart(5, '0')}`;
}

// ---------------------------------------------------------------- reports

export interface ReportRow {
  id: number;
  project_id: number;
  month: string;
  edition: number;
  state: string;
  completed: number;
  progress: string;
  return_reason: string | null;
  correction_reason: string | null;
  filled_by: number | null;
  filled_by_name: string | null;
  submitted_at: Date | null;
  confirmed_by_name: string | null;
  confirmed_at: Date | null;
  reviewed_by_name: string | null;
  reviewed_at: Date | null;
  superseded: boolean;
  version: number;
}

const REPORT_SELECT = `select r.*, fu.display_name as filled_by_name, cu.display_name as confirmed_by_name, ru.display_name as reviewed_by_name
  from project_reports r
  left join users fu on fu.id = r.filled_by left join users cu on cu.id = r.confirmed_by left join users ru on ru.id = r.reviewed_by`;

export async function reportsOf(q: Queryable, projectId: number): Promise<ReportRow[]> {
  return q.query<ReportRow>(`${REPORT_SELECT} where r.project_id = $1 order by r.month desc, r.edition desc`, [projectId]);
}

/** The newest edition of a project's month (the one being worked on, or the accepted one). */
export async function latestReport(q: Queryable, projectId: number, month: Month, lock = false): Promise<ReportRow | undefined> {
  const rows = await q.query<ReportRow>(`${REPORT_SELECT} where r.project_id = $1 and r.month = $2 order by r.edition desc limit 1${lock ? ' for update of r' : ''}`, [projectId, month]);
  return rows[0];
}

export interface PhotoRow {
  report_id: number;
  file_id: string;
  name: string;
  size: number;
  content_type: string;
  taken_at: string | null;
  lng: string | null;
  lat: string | null;
}

export async function photosOf(q: Queryable, reportIds: number[]): Promise<PhotoRow[]> {
  if (reportIds.length === 0) return [];
  return q.query<PhotoRow>(
    `select ph.report_id, ph.file_id, f.name, f.size, f.content_type, to_char(ph.taken_at, 'YYYY-MM-DD"T"HH24:MI:SS') as taken_at, ph.lng::text, ph.lat::text
       from project_report_photos ph join files f on f.id = ph.file_id
      where ph.report_id = any($1::bigint[]) order by ph.report_id, ph.sort_order`,
    [reportIds],
  );
}

/** Recomputes a project's monthly facts from its accepted reports (this month and January to date). */
export async function refreshMonths(q: Queryable, projectIds: readonly number[]): Promise<void> {
  if (projectIds.length === 0) return;
  await q.query(
    `with acc as (
       select project_id, month, completed from project_reports
        where project_id = any($1::bigint[]) and state = 'accepted' and not superseded
     ), calc as (
       select pm.project_id, pm.month, coalesce(a.completed, 0) as completed,
              sum(coalesce(a.completed, 0)) over (partition by pm.project_id order by pm.month) as ytd
         from project_months pm left join acc a on a.project_id = pm.project_id and a.month = pm.month
        where pm.project_id = any($1::bigint[])
     )
     update project_months pm set completed = c.completed, completed_ytd = c.ytd
       from calc c
      where pm.project_id = c.project_id and pm.month = c.month
        and (pm.completed, pm.completed_ytd) is distinct from (c.completed, c.ytd)`,
    [projectIds],
  );
}

export async function monthsOf(q: Queryable, projectId: number): Promise<{ month: string; completed: number; completed_ytd: number; reported_on: string | null; light: string }[]> {
  return q.query(`select month, completed, completed_ytd, reported_on, light from project_months where project_id = $1 order by month`, [projectId]);
}

// ---------------------------------------------------------------- figures

/**
 * SQL that is true when `completed` is behind the pace of month `months` by at least `points`
 * percentage points (a parameter): `behindBy(completed, planned, months, points, false)` of the
 * domain, points to one decimal, compared exactly in integers.
 * (m/12 − c/p) × 100 ≥ T  ⇔  1200 c ≤ p (100 m − 12 T)
 */
export function behindSql(completed: string, planned: string, months: number, points: string): string {
  if (!Number.isInteger(months) || months < 1 || months > 12) throw new RangeError(`bad month number ${months}`);
  return `(${planned} > 0 and ${completed} * 1200 <= ${planned} * (100 * ${months} - 12 * round(${points}::numeric, 1)))`;
}


/** The SQL expression of a grouping's key and label. */
export const GROUP_SQL: Record<Grouping, { key: string; label: string }> = {
  county: { key: 'p.unit_id::text', label: 'u.name' },
  dept: { key: `coalesce(p.dept_id::text, '')`, label: `coalesce(d.name, '（未填责任单位）')` },
  category: { key: 'p.category', label: 'p.category' },
  leader: { key: `coalesce(p.leader_id::text, '')`, label: `coalesce(l.name, '（未明确包联领导）')` },
  stage: { key: 'p.stage', label: 'p.stage' },
};

export interface SumsRow {
  key: string;
  label: string;
  sort: number;
  projects: number;
  total: number;
  planned: number;
  completed: number;
  due_to_start: number;
  started: number;
  must_register: number;
  registered: number;
  red: number;
  yellow: number;
  green: number;
}


/**
 * The month's sums per group of each grouping asked for, for the viewer's reach, in one pass over
 * the month's fact rows (grouping sets: the dashboard's three groupings cost one join).
 * `registrationMinYuan`: projects of at least this much must be registered once started.
 */
export async function sumsBy<G extends Grouping>(
  q: Queryable,
  viewer: Subject,
  opts: { year: number; month: Month; by: readonly G[]; registrationMinYuan: number; projectIds?: number[] },
): Promise<Map<G, SumsRow[]>> {
  const by = [...new Set(opts.by)];
  if (by.length === 0) return new Map();
  const params: unknown[] = [opts.year, opts.month, firstDay(`${opts.year}-01`), lastDay(opts.month), opts.registrationMinYuan];
  const where = visibleSql(viewer, params);
  let only = '';
  if (opts.projectIds) {
    params.push(opts.projectIds);
    only = ` and p.id = any($${params.length}::bigint[])`;
  }
  // each grouping's key as its own column, null outside its set; grouping() tells the sets apart
  const exprs = by.map((g) => GROUP_SQL[g].key);
  const keys = exprs.map((e, i) => `${e} as k${i}`);
  const labels = by.map((g, i) => `min(${GROUP_SQL[g].label}) as l${i}`);
  const rows = await q.query<Omit<SumsRow, 'key' | 'label'> & Record<string, unknown> & { set: number }>(
    `select ${keys.join(', ')}, ${labels.join(', ')}, grouping(${exprs.join(', ')}) as set,
            min(u.sort_order)::int as sort,
            count(*)::int as projects,
            coalesce(sum(p.total_investment), 0)::bigint as total,
            coalesce(sum(p.planned_investment), 0)::bigint as planned,
            coalesce(sum(pm.completed_ytd), 0)::bigint as completed,
            count(*) filter (where p.planned_start between $3 and $4)::int as due_to_start,
            count(*) filter (where p.planned_start between $3 and $4 and p.actual_start <= $4)::int as started,
            count(*) filter (where p.total_investment >= $5 and p.actual_start <= $4)::int as must_register,
            count(*) filter (where p.total_investment >= $5 and p.actual_start <= $4 and p.registered and (p.registered_on is null or p.registered_on <= $4))::int as registered,
            count(*) filter (where pm.light = 'red')::int as red,
            count(*) filter (where pm.light = 'yellow')::int as yellow,
            count(*) filter (where pm.light = 'green')::int as green
       from project_months pm
       join projects p on p.id = pm.project_id
       join units u on u.id = p.unit_id
       left join units d on d.id = p.dept_id
       left join leaders l on l.id = p.leader_id
      where pm.month = $2 and p.campaign_year = $1 and p.active and ${where}${only}
      group by grouping sets (${exprs.map((e) => `(${e})`).join(', ')})`,
    params,
  );
  const out = new Map<G, SumsRow[]>(by.map((g) => [g, []]));
  for (const r of rows) {
    // grouping(k0, k1, …) has a bit set for every key not in the row's set, the first key highest
    const i = by.findIndex((_g, k) => (Number(r.set) & (1 << (by.length - 1 - k))) === 0);
    const g = by[i] as G;
    const { set: _set, ...sums } = r;
    for (let k = 0; k < by.length; k++) {
      delete sums[`k${k}`];
      delete sums[`l${k}`];
    }
    out.get(g)?.push({ ...(sums as unknown as SumsRow), key: String(r[`k${i}`]), label: String(r[`l${i}`] ?? ''), sort: g === 'county' ? r.sort : 0 });
  }
  return out;
}

/** Cumulative completed per month, January through `month`, for the viewer's reach. */
export async function seriesOf(q: Queryable, viewer: Subject, year: number, month: Month): Promise<{ month: string; completed: number; planned: number }[]> {
  const params: unknown[] = [year, `${year}-01`, month];
  const where = visibleSql(viewer, params);
  return q.query(
    `select pm.month, coalesce(sum(pm.completed_ytd), 0)::bigint as completed, coalesce(sum(p.planned_investment), 0)::bigint as planned
       from project_months pm
       join projects p on p.id = pm.project_id
       join units u on u.id = p.unit_id
       left join units d on d.id = p.dept_id
      where pm.month between $2 and $3 and p.campaign_year = $1 and p.active and ${where}
      group by pm.month order by pm.month`,
    params,
  );
}
