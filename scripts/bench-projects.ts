/**
 * Major projects (千项千亿) in bulk for `npm run bench`: set-based SQL (generate_series, values
 * from hashes of the row numbers, so every run makes the same campaign) straight into a migrated
 * database holding the demo organisation (`loadDemo`), then the facts and lights computed by the
 * production code itself (`refreshMonths`, `refreshLights`). Also the 10,000-row county sheet of
 * the import rows, in the layout of the import template.
 *
 * The campaign: projects spread unevenly over the 14 county-level units (kind county/zone); the
 * responsible unit is the county's own office (most), a city department, or none (5 %); 85 % have
 * a leader; totals skewed (log-normal, median 1.2 亿元, from 300 万元 to 300 亿元, integer 元);
 * stages 5 % pipeline, 12 % preparation, 30 % new start, 47 % continuing, 6 % completed, with
 * planned and actual dates that agree with the stage; registration (入库) for most started
 * projects of at least 500 万元; twelve monthly reports per project, all accepted (zero completed
 * before the start or after the finish), completing each project's plan at a pace drawn from
 * three bands (on pace, behind, far behind); one `project_months` row per project and month with
 * the day the report came in.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../src/platform/db/index.ts';
import { dayInChina } from '../src/domain/matters.ts';
import { CATEGORY_LABELS, STAGE_LABELS, lastDay, type Month, type ProjectCategory, type ProjectStage } from '../src/domain/projects.ts';
import { seededRandom } from '../src/domain/random.ts';
import { refreshMonths } from '../src/modules/projects/queries.ts';
import { defaultSettings, loadSettings, refreshLights } from '../src/modules/projects/service.ts';
import { PROJECT_TEMPLATE_COLUMNS } from '../src/modules/projects/template.ts';

/** Relative weights of the county-level units by name (the rest weigh 5). */
const COUNTY_WEIGHTS: Record<string, number> = {
  离石区: 10,
  孝义市: 14,
  汾阳市: 10,
  文水县: 7,
  交城县: 7,
  兴县: 6,
  临县: 6,
  柳林县: 9,
  石楼县: 3,
  岚县: 4,
  方山县: 3,
  中阳县: 5,
  交口县: 3,
  吕梁经济技术开发区: 8,
};

const TOPICS = [
  '新材料产业园',
  '焦化升级改造',
  '光伏发电',
  '风电场',
  '煤层气综合利用',
  '现代物流园',
  '高标准农田建设',
  '城区供热管网改造',
  '污水处理厂提标改造',
  '国省道改线',
  '职业教育实训基地',
  '人民医院综合楼',
  '老旧小区改造',
  '黄河流域生态修复',
  '全域旅游服务中心',
  '数据中心',
  '杂粮深加工',
  '储能电站',
  '保障性租赁住房',
  '农村供水保障',
];

const PROGRESS = ['按计划推进', '主体工程施工中', '设备安装调试中', '场地平整完成', '基础施工中', '配套工程施工中', '附属工程收尾'];

/** Refreshing the facts of this many projects per statement. */
const REFRESH_BATCH = 10_000;

export interface SeedResult {
  /** Projects added by this call. */
  projects: number;
  /** Reports added by this call. */
  reports: number;
  /** The campaign's projects after this call. */
  totalProjects: number;
  totalReports: number;
  /** Inserting projects, stages, reports and month rows (one transaction) and analysing them. */
  insertMs: number;
  /** Milliseconds of each insert step (projects, stages, reports, months, vacuum). */
  steps: Record<string, number>;
  /** `refreshMonths` over the new projects, in batches. */
  monthsMs: number;
  /** `refreshLights` of the report month over the new projects. */
  lightsMs: number;
  ms: number;
  lights: { red: number; yellow: number; green: number };
}

/** A deterministic pseudo-random number in [0, 1) for project `g` and stream `k` < 32 (SQL). */
const rnd = (k: number) => `((hashint4(g * 32 + ${k}) & 2147483647)::float8 / 2147483648.0)`;

/**
 * Adds `projects` generated projects of campaign `year` (numbered after the projects already
 * there, so calls can grow a campaign), with twelve accepted monthly reports each, then computes
 * their facts and the lights of `month`, and makes (`year`, `month`) the campaign's settings.
 * The reports cover the whole year whatever `month` is (the bench uses December of a past year).
 */
export async function seedProjects(db: Db, opts: { projects: number; year: number; month: Month; now?: Date }): Promise<SeedResult> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const today = dayInChina(now);
  const { year, month } = opts;
  if (month.slice(0, 4) !== String(year)) throw new Error(`seedProjects: ${month} is not in ${year}`);

  const steps: Record<string, number> = {};
  let mark = performance.now();
  const step = (name: string) => {
    const t = performance.now();
    steps[name] = Math.round(t - mark);
    mark = t;
  };
  const base = await db.tx(async (tx) => {
    // ------------------------------------------------------------ the organisation
    const units = await tx.query<{ id: number; parent_id: number | null; kind: string; name: string }>(
      'select id, parent_id, kind, name from units where active order by id',
    );
    const root = units.find((u) => u.parent_id === null);
    if (!root) throw new Error('seedProjects: the database has no organisation (load the demo city first)');
    const counties = units.filter((u) => u.parent_id === root.id && (u.kind === 'county' || u.kind === 'zone'));
    const departments = units.filter((u) => u.parent_id === root.id && u.kind === 'department').map((u) => u.id);
    if (counties.length === 0 || departments.length === 0) throw new Error('seedProjects: the organisation needs county-level units and city departments');
    // Each county appears as often as its weight; its offices and names alongside.
    const pick = { county: [] as number[], office: [] as number[], govOffice: [] as number[], name: [] as string[] };
    for (const c of counties) {
      const offices = units.filter((u) => u.parent_id === c.id);
      const office = offices.find((u) => u.name === '发展和改革局') ?? offices[0] ?? c;
      const gov = offices.find((u) => u.name === '人民政府办公室') ?? office;
      for (let i = 0; i < (COUNTY_WEIGHTS[c.name] ?? 5); i++) {
        pick.county.push(c.id);
        pick.office.push(office.id);
        pick.govOffice.push(gov.id);
        pick.name.push(c.name);
      }
    }
    const leaders = (await tx.query<{ id: number }>('select id from leaders where active order by id')).map((l) => l.id);
    const office = (await tx.query<{ id: number }>(`select id from users where username in ('project_office', 'supervisor', 'admin') order by username = 'project_office' desc, username = 'supervisor' desc limit 1`))[0]?.id ?? null;
    const first = (await tx.query<{ n: number }>('select coalesce(max(id), 0)::bigint as n from projects'))[0]?.n ?? 0;

    // ------------------------------------------------------------ the projects
    const r = Array.from({ length: 20 }, (_, k) => `${rnd(k + 1)} as r${k + 1}`).join(', ');
    await tx.query(
      `create temp table bench_proj on commit drop as
       with r as materialized (
         select g, ${r} from generate_series($1::int + 1, $1::int + $2::int) g
       ), s as (
         select r.*,
                1 + floor(r1 * cardinality($4::bigint[]))::int as ci,
                case when r2 < 0.05 then 'pipeline' when r2 < 0.17 then 'preparation' when r2 < 0.47 then 'new_start'
                     when r2 < 0.94 then 'continuing' else 'completed' end as stage,
                case when r3 < 0.45 then 'industry' when r3 < 0.70 then 'infrastructure' when r3 < 0.85 then 'livelihood'
                     when r3 < 0.92 then 'ecology' when r3 < 0.97 then 'culture_tourism' else 'other' end as category,
                -- 万元, log-normal: median 12,000, a long tail of very large projects
                least(3000000, greatest(300, round(12000 * exp(1.5 * sqrt(-2 * ln(greatest(r4, 1e-9))) * cos(2 * pi() * r5)))))::bigint as wan
           from r
       ), d as (
         select s.*,
                case stage
                  when 'continuing' then make_date($3, 1, 1) - (30 + floor(r6 * 900))::int
                  when 'new_start' then least($5::date, greatest(make_date($3, 1, 2), make_date($3, 1, 5) + floor(r6 * 170)::int + floor(r7 * 60)::int - 20))
                  when 'completed' then make_date($3 - 1, 6, 30) - floor(r6 * 540)::int
                end as actual_start,
                case when stage = 'completed' then least($5::date, make_date($3, 1, 15) + floor(r7 * 320)::int) end as actual_finish
           from s
       ), e as (
         select d.*,
                case stage
                  when 'continuing' then actual_start - floor(r7 * 60)::int
                  when 'new_start' then greatest(make_date($3, 1, 5), actual_start - floor(r8 * 40)::int + 10)
                  when 'completed' then actual_start - floor(r8 * 45)::int
                  when 'preparation' then make_date($3, 6, 1) + floor(r6 * 400)::int
                  else case when r6 < 0.5 then make_date($3 + 1, 3, 1) + floor(r7 * 240)::int end
                end as planned_start,
                case stage
                  when 'pipeline' then 0
                  when 'preparation' then greatest(1, round(wan * (0.02 + 0.13 * r10)))
                  when 'new_start' then greatest(1, round(wan * (0.15 + 0.35 * r10)))
                  when 'continuing' then greatest(1, round(wan * (0.20 + 0.40 * r10)))
                  else greatest(1, round(wan * (0.10 + 0.30 * r10)))
                end::bigint as planned_wan
           from d
       )
       select g, g::bigint as id, stage, category, ci,
              'BX' || $3 || '-' || lpad(g::text, 6, '0') as code,
              ($7::text[])[ci] || ($9::text[])[1 + g % cardinality($9::text[])] || '项目（' || g || '号）' as name,
              ($4::bigint[])[ci] as unit_id,
              case when r11 < 0.05 then null
                   when r11 < 0.60 then case when r12 < 0.2 then ($10::bigint[])[ci] else ($6::bigint[])[ci] end
                   else ($8::bigint[])[1 + floor(r12 * cardinality($8::bigint[]))::int] end as dept_id,
              case when r13 < 0.85 and cardinality($11::bigint[]) > 0 then ($11::bigint[])[1 + floor(r14 * cardinality($11::bigint[]))::int] end as leader_id,
              wan * 10000 as total_yuan,
              least(planned_wan, wan) * 10000 as planned_yuan,
              planned_start,
              case when stage = 'completed' then greatest(planned_start, actual_finish + floor(r9 * 120)::int - 60)
                   when stage = 'continuing' then make_date($3, 6, 30) + floor(r8 * 900)::int
                   when planned_start is not null then planned_start + 365 + floor(r9 * 700)::int end as planned_finish,
              actual_start, actual_finish,
              case when stage = 'preparation' and r9 < 0.3 then '征地拆迁尚未完成，已报市重点办同意延期开工' end as start_delay_reason,
              (actual_start is not null and wan >= 500 and r15 < 0.96) or (actual_start is not null and r15 < 0.3) as registered,
              case when actual_start is not null then least($5::date, actual_start + floor(r16 * 50)::int) end as registered_day,
              case when r17 < 0.65 then 0.93 + 0.27 * r18 when r17 < 0.88 then 0.72 + 0.21 * r18 else 0.25 + 0.47 * r18 end as perf,
              case when actual_start is null then 13 when actual_start < make_date($3, 1, 1) then 1 else extract(month from actual_start)::int end as sm,
              case when actual_finish is not null and actual_finish >= make_date($3, 1, 1) then extract(month from actual_finish)::int else 12 end as fm
         from e`,
      [first, opts.projects, year, pick.county, lastDay(month), pick.office, pick.name, departments, TOPICS, pick.govOffice, leaders],
    );
    await tx.query('analyze bench_proj');
    step('generate');
    await tx.query(
      `insert into projects (id, code, name, unit_id, dept_id, leader_id, category, campaign_year, stage, content, total_investment, planned_investment,
          planned_start, planned_finish, actual_start, actual_finish, start_delay_reason, location, registered, registered_on, baseline, created_by, created_at, updated_at)
       select id, code, name, unit_id, dept_id, leader_id, category, $1, stage,
              '新建' || (1 + g % 9) || '条生产线及配套设施，总建筑面积' || (2 + g % 17) || '万平方米。', total_yuan, planned_yuan,
              planned_start, planned_finish, actual_start, actual_finish, start_delay_reason, '', registered, case when registered then registered_day end,
              jsonb_build_object('totalYuan', total_yuan, 'plannedYuan', planned_yuan, 'plannedStart', planned_start, 'plannedFinish', planned_finish),
              $2, $3, $3
         from bench_proj order by id`,
      [year, office, now],
    );
    await tx.query(`select setval(pg_get_serial_sequence('projects', 'id'), (select max(id) from projects))`);
    step('projects');
    await tx.query(
      `insert into project_stages (project_id, from_stage, to_stage, changed_on, changed_by, created_at)
       select id, null, stage, coalesce(case when stage = 'completed' then actual_finish when stage in ('new_start', 'continuing') then actual_start end, make_date($1, 1, 6)), $2, $3
         from bench_proj order by id`,
      [year, office, now],
    );
    step('stages');
    // The twelve reports of each project, month by month as they come in (submitted on the 18th–25th).
    await tx.query(
      `insert into project_reports (project_id, month, state, completed, progress, submitted_at, confirmed_at, reviewed_by, reviewed_at, created_at, updated_at)
       select p.id, to_char(make_date($1, m, 1), 'YYYY-MM'), 'accepted',
              case when m between p.sm and p.fm
                   then (floor(p.planned_yuan * p.perf * (0.6 + 0.8 * ((hashint4((p.g * 16 + m) * 2) & 2147483647)::float8 / 2147483648.0)) / (p.fm - p.sm + 1) / 100) * 100)::bigint
                   else 0 end,
              case when m between p.sm and p.fm then ($3::text[])[1 + (p.g + m) % cardinality($3::text[])] else '' end,
              x.at, x.at + interval '1 day', $2, x.at + interval '2 days', x.at, x.at + interval '2 days'
         from generate_series(1, 12) m
        cross join bench_proj p
        cross join lateral (select ((make_date($1, m, 18) + ((hashint4((p.g * 16 + m) * 2 + 1) & 7))) + time '08:00') at time zone 'UTC' as at) x
        order by m, p.id`,
      [year, office, PROGRESS],
    );
    step('reports');
    await tx.query(
      `insert into project_months (project_id, month, reported_on)
       select p.id, to_char(make_date($1, m, 1), 'YYYY-MM'), make_date($1, m, 18) + ((hashint4((p.g * 16 + m) * 2 + 1) & 7))
         from bench_proj p cross join generate_series(1, 12) m
        order by p.id, m`,
      [year],
    );
    step('months');
    // The campaign's year and report month.
    await tx.query(
      `insert into project_settings (id, thresholds) values (1, $1::jsonb)
       on conflict (id) do update set thresholds = project_settings.thresholds || excluded.thresholds, version = project_settings.version + 1`,
      [JSON.stringify({ ...defaultSettings(today), campaignYear: year, reportMonth: month })],
    );
    return first;
  });
  step('commit');
  await db.query('vacuum (analyze) projects, project_stages, project_reports, project_months');
  step('vacuum');
  const insertMs = performance.now() - started;

  // ------------------------------------------------------------ facts and lights, by the production code
  const ids = (await db.query<{ id: number }>('select id from projects where id > $1 order by id', [base])).map((r) => r.id);
  const t1 = performance.now();
  for (let i = 0; i < ids.length; i += REFRESH_BATCH) await refreshMonths(db, ids.slice(i, i + REFRESH_BATCH));
  const monthsMs = performance.now() - t1;
  const t2 = performance.now();
  const settings = await loadSettings(db, today);
  await refreshLights(db, settings, today, base === 0 ? undefined : ids);
  const lightsMs = performance.now() - t2;
  await db.query('vacuum (analyze) projects, project_months');

  const counts = (
    await db.query<{ projects: number; reports: number; red: number; yellow: number; green: number }>(
      `select (select count(*) from projects)::int as projects, (select count(*) from project_reports)::int as reports,
              count(*) filter (where light = 'red')::int as red, count(*) filter (where light = 'yellow')::int as yellow, count(*) filter (where light = 'green')::int as green
         from project_months where month = $1`,
      [month],
    )
  )[0] as { projects: number; reports: number; red: number; yellow: number; green: number };
  return {
    projects: ids.length,
    reports: ids.length * 12,
    totalProjects: counts.projects,
    totalReports: counts.reports,
    insertMs,
    steps,
    monthsMs,
    lightsMs,
    ms: performance.now() - started,
    lights: { red: counts.red, yellow: counts.yellow, green: counts.green },
  };
}

// ---------------------------------------------------------------- the import sheet

/** The county-level units, city departments and leaders a sheet names (as in the demo city). */
export interface SheetNames {
  counties: string[];
  /** The counties' region codes (行政区划代码), '' where none. */
  regionCodes: string[];
  departments: string[];
  leaders: string[];
}

export async function sheetNames(db: Db): Promise<SheetNames> {
  const root = (await db.query<{ id: number }>('select id from units where parent_id is null order by id limit 1'))[0]?.id;
  const countyRows = await db.query<{ name: string; region_code: string | null }>(`select name, region_code from units where parent_id = $1 and kind in ('county', 'zone') and active order by sort_order, id`, [root]);
  const counties = countyRows.map((u) => u.name);
  const regionCodes = countyRows.map((u) => u.region_code ?? '');
  const departments = (await db.query<{ name: string }>(`select name from units where parent_id = $1 and kind = 'department' and active order by sort_order, id`, [root])).map((u) => u.name);
  const leaders = (await db.query<{ name: string }>('select name from leaders where active order by sort_order, id')).map((l) => l.name);
  return { counties, regionCodes, departments, leaders };
}

const SHEET_STAGES: [ProjectStage, number][] = [
  ['new_start', 0.35],
  ['continuing', 0.8],
  ['preparation', 0.95],
  ['pipeline', 1],
];
const SHEET_CATEGORIES: [ProjectCategory, number][] = [
  ['industry', 0.45],
  ['infrastructure', 0.7],
  ['livelihood', 0.85],
  ['ecology', 0.92],
  ['culture_tourism', 0.97],
  ['other', 1],
];
const by = <T>(table: [T, number][], r: number): T => (table.find(([, p]) => r < p) ?? (table[table.length - 1] as [T, number]))[0];
const utcDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const addDaysUtc = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/**
 * A city-wide sheet of `rows` county projects of campaign `year` in the template's layout: title
 * row, unit line (金额单位：万元), the template's one-row header, then one project per row with a
 * unique name, its county, responsible unit, leader, category, stage, amounts in 万元 as numbers
 * and Excel dates (actual starts before `today`). With `codes`, each row carries a unique project
 * code in the form of the online approval platform's (统一项目代码, as in the template's example);
 * without, the column is left blank and the import numbers the projects. Rows are numbered (序号,
 * names, codes) from `first`, so several sheets make one campaign.
 */
export async function projectSheet(names: SheetNames, opts: { rows: number; year: number; today: string; first?: number; codes?: boolean }): Promise<Buffer> {
  const first = opts.first ?? 1;
  const rng = seededRandom(20_240_601 + first);
  const Y = opts.year;
  const todayUtc = new Date(`${opts.today}T00:00:00Z`);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重点项目');
  const labels = PROJECT_TEMPLATE_COLUMNS.map((c) => c.label);
  ws.getRow(1).values = [`吕梁市${Y}年“千项千亿”重点项目建设进展情况表`];
  ws.getRow(2).values = ['填报单位：市发改委                金额单位：万元'];
  ws.getRow(3).values = labels;
  const col = (label: string) => {
    const i = labels.indexOf(label);
    if (i < 0) throw new Error(`projectSheet: the template has no column ${label}`);
    return i;
  };
  const C = {
    seq: col('序号'),
    code: col('项目编码'),
    name: col('项目名称'),
    unit: col('县（市、区）'),
    dept: col('责任单位'),
    leader: col('包联领导'),
    category: col('项目类别'),
    stage: col('建设性质'),
    content: col('建设内容及规模'),
    total: col('总投资'),
    planned: col('年度计划投资'),
    completed: col('本年累计完成投资'),
    plannedStart: col('计划开工时间'),
    plannedFinish: col('计划竣工时间'),
    actualStart: col('实际开工时间'),
    registered: col('是否入库'),
    location: col('建设地点'),
    progress: col('形象进度'),
  };
  // The latest actual start of a new project: today, or the year's end for a past year.
  const latest = Math.min(todayUtc.getTime(), utcDay(Y, 12, 31).getTime());
  const newSpan = Math.max(1, Math.floor((latest - utcDay(Y, 1, 5).getTime()) / 86_400_000));
  for (let i = first; i < first + opts.rows; i++) {
    const ci = Math.floor(rng() * names.counties.length);
    const county = names.counties[ci] as string;
    const stage = by(SHEET_STAGES, rng());
    const category = by(SHEET_CATEGORIES, rng());
    const z = Math.sqrt(-2 * Math.log(Math.max(rng(), 1e-9))) * Math.cos(2 * Math.PI * rng());
    const wan = Math.min(3_000_000, Math.max(300, Math.round(12000 * Math.exp(1.5 * z) * 100) / 100));
    const share = stage === 'pipeline' ? 0 : stage === 'preparation' ? 0.02 + 0.13 * rng() : 0.15 + 0.4 * rng();
    const planned = Math.round(wan * share * 100) / 100;
    let actualStart: Date | null = null;
    let plannedStart: Date | null = null;
    if (stage === 'continuing') {
      actualStart = addDaysUtc(utcDay(Y, 1, 1), -(30 + Math.floor(rng() * 900)));
      plannedStart = addDaysUtc(actualStart, -Math.floor(rng() * 60));
    } else if (stage === 'new_start') {
      actualStart = addDaysUtc(utcDay(Y, 1, 5), Math.floor(rng() * newSpan));
      plannedStart = addDaysUtc(actualStart, Math.floor(rng() * 40) - 20);
    } else if (stage === 'preparation') {
      plannedStart = addDaysUtc(utcDay(Y, 6, 1), Math.floor(rng() * 400));
    } else if (rng() < 0.5) {
      plannedStart = utcDay(Y + 1, 3 + Math.floor(rng() * 8), 1);
    }
    const plannedFinish = plannedStart ? addDaysUtc(plannedStart, 365 + Math.floor(rng() * 700)) : null;
    const completed = actualStart ? Math.round(planned * (0.3 + 0.7 * rng()) * 100) / 100 : null;
    const d = rng();
    const dept = d < 0.05 ? null : d < 0.6 ? `${county}/${d < 0.15 ? '人民政府办公室' : '发展和改革局'}` : (names.departments[Math.floor(rng() * names.departments.length)] as string);
    const leader = rng() < 0.85 && names.leaders.length ? (names.leaders[Math.floor(rng() * names.leaders.length)] as string) : null;
    const topic = TOPICS[i % TOPICS.length] as string;
    const values: (string | number | Date | null)[] = new Array(labels.length).fill(null);
    values[C.seq] = i;
    if (opts.codes) values[C.code] = `${String(Y % 100).padStart(2, '0')}01-${names.regionCodes[ci] || '141100'}-04-01-${String(i).padStart(6, '0')}`;
    values[C.name] = `${county}${topic}项目（${i}号）`;
    values[C.unit] = county;
    values[C.dept] = dept;
    values[C.leader] = leader;
    values[C.category] = CATEGORY_LABELS[category].zh;
    values[C.stage] = STAGE_LABELS[stage].zh;
    values[C.content] = `新建${1 + (i % 9)}条生产线及配套设施，总建筑面积${2 + (i % 17)}万平方米。`;
    values[C.total] = wan;
    values[C.planned] = planned;
    values[C.completed] = completed;
    values[C.plannedStart] = plannedStart;
    values[C.plannedFinish] = plannedFinish;
    values[C.actualStart] = actualStart;
    values[C.registered] = actualStart && wan >= 500 && rng() < 0.95 ? '是' : '否';
    values[C.location] = `${county}境内`;
    values[C.progress] = actualStart ? (PROGRESS[i % PROGRESS.length] as string) : '';
    ws.getRow(4 + i - first).values = values;
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
