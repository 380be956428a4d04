/**
 * Supervised matters in bulk for `npm run bench`: set-based SQL (generate_series) straight into a
 * database that holds the demo organisation, shaped as the engine stores them, and the steps of
 * the recompute cases the bench times.
 *
 * The mix: 70 % 13710 matters (instructions, meetings, superior and petition items; 12 % major;
 * a quarter counting working days, some calendar-day ones shifted off rest days), 20 % deputies'
 * suggestions and CPPCC proposals (send-back window, one view per assisting unit, reply in 3
 * months), 10 % rectification items (a date fixed at assignment). States: mostly assigned and
 * in progress, some awaiting closure review or replied. Lead units spread over the city
 * departments, the county-level units and the counties' offices.
 *
 * Each deadline's `basis` is what the engine's scheduling writes ({from, days|months, mode, shift,
 * kind, zh, en} or {fixed, kind, zh, en}); its due date, provisional flag and rule text come from
 * the domain functions themselves (resolveDue, describeRule) through a small lookup table over
 * every assignment day and rule, so a first recompute moves nothing.
 */
import type { Db } from '../src/platform/db/index.ts';
import { addDays, isWeekend, yearOf } from '../src/domain/calendar.ts';
import { describeRule, resolveDue, type DayMode, type DeadlineBasis } from '../src/domain/clocks.ts';
import { dayInChina } from '../src/domain/matters.ts';
import { bumpRevision, loadCalendar, loadProfiles, upsertOverride } from '../src/modules/calendar/queries.ts';
import { onCalendarChanged, recomputeAll, type RecomputeResult } from '../src/modules/matters/recompute.ts';

/** Assignments lie within this many days before today. */
const SPAN_DAYS = 200;

/** The (day mode, shift) pairs generated matters use. */
const VARIANTS: readonly [DayMode, boolean][] = [
  ['calendar', false],
  ['calendar', true],
  ['working', false],
];

const TOPICS = [
  '安全生产专项整治',
  '重点项目建设进度',
  '冬季清洁取暖保障',
  '农村饮水安全',
  '营商环境优化',
  '城区停车难问题',
  '河道环境整治',
  '老旧小区改造',
  '中小学校园安全',
  '就业创业扶持',
  '煤矿安全隐患排查',
  '扬尘污染治理',
  '政务服务事项办理时限',
  '乡村振兴衔接资金使用',
  '公交线路优化',
  '食品安全监管',
];

export interface Generated {
  matters: number;
  deadlines: number;
  openDeadlines: number;
  /** Matters counting working days. */
  working: number;
  ms: number;
}

/** A deterministic pseudo-random number in [0, 1) for row `g` and stream `k` (SQL). */
const rnd = (k: number) => `((hashint4(g * 64 + ${k}) & 2147483647)::float8 / 2147483648.0)`;

/**
 * Inserts `count` open matters (with their units and deadlines; no timeline) in one
 * transaction, then vacuums and analyses the tables. Lights are left for a recompute to set.
 */
export async function generateMatters(db: Db, opts: { count: number; now: Date }): Promise<Generated> {
  const started = performance.now();
  const today = dayInChina(opts.now);
  const result = await db.tx(async (tx) => {
    // ------------------------------------------------------------ the organisation
    const units = await tx.query<{ id: number; parent_id: number | null; kind: string; name: string }>('select id, parent_id, kind, name from units where active order by id');
    const root = units.find((u) => u.parent_id === null);
    if (!root) throw new Error('generateMatters: the database has no organisation');
    const countyIds = new Set(units.filter((u) => u.parent_id === root.id && (u.kind === 'county' || u.kind === 'zone')).map((u) => u.id));
    const office = units.find((u) => u.name === '督查室') ?? root;
    const counties = [...countyIds];
    const offices = units.filter((u) => u.parent_id !== null && countyIds.has(u.parent_id)).map((u) => u.id);
    const departments = units.filter((u) => (u.kind === 'department' || u.kind === 'subunit') && u.id !== office.id && !(u.parent_id !== null && countyIds.has(u.parent_id))).map((u) => u.id);
    if (counties.length === 0 || offices.length === 0 || departments.length < 4) throw new Error('generateMatters: the organisation needs counties with offices and city departments');
    const leaders = (await tx.query<{ id: number }>('select id from leaders where active order by id')).map((l) => l.id);
    const creator = (await tx.query<{ id: number }>(`select id from users where username = 'supervisor'`))[0]?.id ?? null;

    // ------------------------------------------------------------ the steps of the clock profiles
    const profiles = await loadProfiles(tx);
    const steps = profiles.flatMap((p) => {
      const hasMajorCompletion = p.steps.some((s) => s.major && s.kind === 'complete');
      return p.steps.map((s) => ({
        profile: p.code,
        step: s.step,
        kind: s.kind,
        zh: s.zh,
        en: s.en,
        ruleKey: s.fixed ? null : s.days !== undefined ? `d${s.days}` : `m${s.months}`,
        days: s.days ?? null,
        months: s.months ?? null,
        fixed: Boolean(s.fixed),
        majorOnly: Boolean(s.major),
        ordinaryOnly: s.kind === 'complete' && !s.major && hasMajorCompletion,
      }));
    });
    for (const code of ['13710', 'suggestion', 'rectification']) {
      if (!steps.some((s) => s.profile === code)) throw new Error(`generateMatters: no clock profile ${code}`);
    }

    // ------------------------------------------------------------ due dates, from the domain's own functions
    const calendar = await loadCalendar(tx);
    const rule = { from: [] as string[], key: [] as string[], mode: [] as string[], shift: [] as boolean[], due: [] as string[], provisional: [] as boolean[], zh: [] as string[], en: [] as string[] };
    const periods = new Map<string, { days?: number; months?: number }>();
    for (const s of steps) if (s.ruleKey) periods.set(s.ruleKey, s.days !== null ? { days: s.days } : { months: s.months as number });
    for (let ago = 0; ago <= SPAN_DAYS; ago++) {
      const from = addDays(today, -ago);
      for (const [key, period] of periods) {
        for (const [mode, shift] of VARIANTS) {
          const basis = { from, ...period, mode, shift } as DeadlineBasis;
          const due = resolveDue(basis, calendar);
          const text = describeRule(basis);
          rule.from.push(from);
          rule.key.push(key);
          rule.mode.push(mode);
          rule.shift.push(shift);
          rule.due.push(due.due);
          rule.provisional.push(due.provisional);
          rule.zh.push(text.zh);
          rule.en.push(text.en);
        }
      }
    }
    // Fixed dates: the rule text around the date, and the years with an official calendar.
    const PLACEHOLDER = '\u0000';
    const fixedText = describeRule({ fixed: PLACEHOLDER });
    const [fixedZh1, fixedZh2] = fixedText.zh.split(PLACEHOLDER) as [string, string];
    const [fixedEn1, fixedEn2] = fixedText.en.split(PLACEHOLDER) as [string, string];
    const year = yearOf(today);
    const officialYears = [year - 1, year, year + 1].filter((y) => calendar.isOfficialYear(y));

    await tx.query(`create temp table bench_rule (from_day date, rule_key text, mode text, shift boolean, due date, provisional boolean, rule_zh text, rule_en text) on commit drop`);
    await tx.query(
      `insert into bench_rule select * from unnest($1::date[], $2::text[], $3::text[], $4::boolean[], $5::date[], $6::boolean[], $7::text[], $8::text[])`,
      [rule.from, rule.key, rule.mode, rule.shift, rule.due, rule.provisional, rule.zh, rule.en],
    );
    await tx.query(
      `create temp table bench_step on commit drop as
       select * from jsonb_to_recordset($1::jsonb)
         as s(profile text, step text, kind text, zh text, en text, "ruleKey" text, days int, months int, fixed boolean, "majorOnly" boolean, "ordinaryOnly" boolean)`,
      [JSON.stringify(steps)],
    );

    // ------------------------------------------------------------ the matters
    const base = (await tx.query<{ n: number }>('select coalesce(max(id), 0)::bigint as n from matters'))[0]?.n ?? 0;
    const params: unknown[] = [opts.count, today, base, departments, counties, offices, leaders.length ? leaders : [null], TOPICS];
    await tx.query(
      `create temp table bench_gen on commit drop as
       with r as (
         select g, ${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map((k) => `${rnd(k)} as r${k}`).join(', ')}
           from generate_series(1, $1::int) g
       ), p as (
         select r.*,
                case when r1 < 0.70 then '13710' when r1 < 0.90 then 'suggestion' else 'rectification' end as profile,
                cardinality($4::bigint[]) as nd
           from r
       ), s as (
         select p.*,
                case profile
                  when '13710' then case when r2 < 0.40 then 'instruction' when r2 < 0.70 then 'meeting' when r2 < 0.85 then 'superior' else 'petition' end
                  when 'suggestion' then case when r2 < 0.80 then 'suggestion' else 'proposal' end
                  else 'rectification' end as source,
                profile = '13710' and r3 < 0.12 as major,
                case profile
                  when '13710' then case when r4 < 0.20 then 'assigned' when r4 < 0.92 then 'in_progress' else 'closure_requested' end
                  when 'suggestion' then case when r4 < 0.15 then 'assigned' when r4 < 0.85 then 'in_progress' else 'replied' end
                  else case when r4 < 0.15 then 'assigned' when r4 < 0.90 then 'in_progress' else 'closure_requested' end end as state,
                case
                  when profile = '13710' and r6 < 0.25 then 'working'
                  when profile = 'suggestion' and r6 < 0.10 then 'working'
                  else 'calendar' end as day_mode,
                -- the lead unit: a city department (index k), a county-level unit or a county's office
                floor(r9 * nd)::int as k,
                case profile
                  when '13710' then case when r8 < 0.50 then 'd' when r8 < 0.85 then 'c' else 'o' end
                  when 'suggestion' then case when r8 < 0.80 then 'd' else 'c' end
                  else case when r8 < 0.50 then 'c' when r8 < 0.80 then 'o' else 'd' end end as lead_kind,
                case profile
                  when '13710' then case when r10 < 0.30 then 1 else 0 end
                  when 'suggestion' then case when r10 < 0.20 then 2 when r10 < 0.70 then 1 else 0 end
                  else case when r10 < 0.30 then 1 else 0 end end as n_assists
           from p
       ), t as (
         select s.*,
                case when profile = 'rectification' then floor(180 * r5)::int
                     when profile = 'suggestion' then floor(100 * r5)::int
                     when major then floor(45 * r5 * r5)::int
                     else floor(30 * r5 * r5 * r5)::int end
                  / case when state = 'assigned' then 4 else 1 end as ago,
                day_mode = 'calendar' and profile <> 'rectification' and r7 < case when profile = 'suggestion' then 0.30 else 0.15 end as shift,
                case lead_kind
                  when 'd' then ($4::bigint[])[1 + k]
                  when 'c' then ($5::bigint[])[1 + floor(r9 * cardinality($5::bigint[]))::int]
                  else ($6::bigint[])[1 + floor(r9 * cardinality($6::bigint[]))::int] end as lead,
                -- assisting departments: the one or two after the lead's index (shifted), never the lead
                (case when lead_kind = 'd' then k else 0 end + floor(r11 * (nd - 3))::int) as a0
           from s
       )
       select $3::bigint + g as id, g, source, profile, major, state, ($2::date - ago) as assigned_on, day_mode, shift, lead,
              case n_assists when 0 then '{}'::bigint[]
                             when 1 then array[($4::bigint[])[1 + (a0 + 1) % nd]]
                             else array[($4::bigint[])[1 + (a0 + 1) % nd], ($4::bigint[])[1 + (a0 + 2) % nd]] end as assists,
              case when profile = '13710' and r12 < 0.70 then ($7::bigint[])[1 + floor(r13 * cardinality($7::bigint[]))::int] end as leader,
              r14 < 0.02 as confidential,
              r15 < 0.70 as reported,
              r16 < 0.60 and ago > 10 as assist_met,
              case when profile = 'rectification' then ($2::date - ago) + 30 + floor(r17 * 150)::int end as fixed_due,
              ($8::text[])[1 + g % cardinality($8::text[])] as topic
         from t`,
      params,
    );

    await tx.query('analyze bench_rule, bench_step, bench_gen');
    // The deadlines of each matter, as scheduling writes them at assignment, met as its state says.
    await tx.query(
      `create temp table bench_dl on commit drop as
       select g.id as matter_id, s.step, u.unit_id, s.kind,
              coalesce(r.due, g.fixed_due) as due,
              case when s.fixed then not (extract(year from g.fixed_due)::int = any($1::int[])) else r.provisional end as provisional,
              case when s.fixed then $2 || to_char(g.fixed_due, 'YYYY-MM-DD') || $3 else r.rule_zh end as rule_zh,
              case when s.fixed then $4 || to_char(g.fixed_due, 'YYYY-MM-DD') || $5 else r.rule_en end as rule_en,
              case when s.fixed then jsonb_build_object('fixed', to_char(g.fixed_due, 'YYYY-MM-DD'))
                   else jsonb_build_object('from', to_char(g.assigned_on, 'YYYY-MM-DD'), 'mode', g.day_mode, 'shift', g.shift)
                        || case when s.days is not null then jsonb_build_object('days', s.days) else jsonb_build_object('months', s.months) end
              end || jsonb_build_object('kind', s.kind, 'zh', s.zh, 'en', s.en) as basis,
              case s.kind
                when 'deploy' then g.state <> 'assigned'
                when 'report' then g.state = 'closure_requested' or (g.state = 'in_progress' and g.reported)
                when 'complete' then g.state in ('closure_requested', 'replied')
                when 'assist' then g.state <> 'assigned' and g.assist_met
                else false end as met
         from bench_gen g
         join bench_step s on s.profile = g.profile and (not s."majorOnly" or g.major) and (not s."ordinaryOnly" or not g.major)
         cross join lateral unnest(case when s.kind = 'assist' then g.assists else array[null::bigint] end) as u(unit_id)
         left join bench_rule r on r.from_day = g.assigned_on and r.rule_key = s."ruleKey" and r.mode = g.day_mode and r.shift = g.shift`,
      [officialYears, fixedZh1, fixedZh2, fixedEn1, fixedEn2],
    );
    const missing = (await tx.query<{ n: number }>('select count(*)::int as n from bench_dl where due is null'))[0]?.n ?? 0;
    if (missing) throw new Error(`generateMatters: ${missing} deadlines without a due date`);

    await tx.query(
      `insert into matters (id, code, source, profile, major, title, content, source_doc, assigned_on, assigner_unit_id, created_by,
                            lead_unit_id, leader_id, confidential, day_mode, shift_off_non_working, due_on, state, created_at, updated_at)
       select g.id,
              case g.source when 'rectification' then 'ZG' when 'suggestion' then 'JY' when 'proposal' then 'TA' else 'DB' end
                || to_char(g.assigned_on, 'YYYY') || '-' || lpad(g.n::text, greatest(5, length(g.n::text)), '0'),
              g.source, g.profile, g.major,
              case g.source when 'suggestion' then '关于' || g.topic || '的建议' when 'proposal' then '关于' || g.topic || '的提案'
                            when 'rectification' then g.topic || '问题整改' else '抓好' || g.topic || '工作' end || '（' || g.g || '）',
              '请按时限要求抓好落实，及时报送进展情况。', case when g.profile = '13710' then '市政府常务会议纪要' else '' end,
              g.assigned_on, $1::bigint, $2::bigint, g.lead, g.leader, g.confidential, g.day_mode, g.shift,
              e.due,
              g.state, (g.assigned_on + time '01:00') at time zone 'UTC', (g.assigned_on + time '01:00') at time zone 'UTC'
         from (select b.*, nextval('matter_code_seq') as n from (select * from bench_gen order by id) b) g
         left join (select matter_id, min(due) as due from bench_dl where kind = 'complete' group by matter_id) e on e.matter_id = g.id
        order by g.id`,
      [office.id, creator],
    );
    await tx.query(`select setval(pg_get_serial_sequence('matters', 'id'), (select max(id) from matters))`);
    await tx.query(
      `insert into matter_units (matter_id, unit_id, role)
       select id, lead, 'lead' from bench_gen
       union all
       select id, unnest(assists), 'assist' from bench_gen`,
    );
    await tx.query(
      `insert into matter_deadlines (matter_id, step, unit_id, round, due, baseline, rule_zh, rule_en, basis, provisional, status, met_on, calendar_revision)
       select matter_id, step, unit_id, 1, due, due, rule_zh, rule_en, basis, provisional,
              case when met then 'met' else 'open' end, case when met then least(due, $1::date) end,
              (select revision from calendar_revision)
         from bench_dl order by matter_id, step, unit_id`,
      [today],
    );
    const counts = (
      await tx.query<{ matters: number; deadlines: number; open: number; working: number }>(
        `select (select count(*) from bench_gen)::int as matters, count(*)::int as deadlines, count(*) filter (where not met)::int as open,
                (select count(*) from bench_gen where day_mode = 'working')::int as working
           from bench_dl`,
      )
    )[0] as { matters: number; deadlines: number; open: number; working: number };
    return counts;
  });
  await db.query('vacuum (analyze) matters, matter_units, matter_deadlines');
  return { matters: result.matters, deadlines: result.deadlines, openDeadlines: result.open, working: result.working, ms: Math.round(performance.now() - started) };
}

/** Matters in the states the recompute looks at (assigned, in progress, closure requested, replied). */
export async function openMatterCount(db: Db): Promise<number> {
  const rows = await db.query<{ n: number }>(`select count(*)::int as n from matters where state in ('assigned', 'in_progress', 'closure_requested', 'replied')`);
  return rows[0]?.n ?? 0;
}

export async function recomputeEvents(db: Db): Promise<number> {
  const rows = await db.query<{ n: number }>(`select count(*)::int as n from matter_events where action = 'recompute'`);
  return rows[0]?.n ?? 0;
}

/** The daily run: every open deadline and light for `now` (on the pool, as the job runs it). */
export function recomputeDaily(db: Db, now: Date): Promise<RecomputeResult> {
  return recomputeAll(db, now);
}

/**
 * The first ordinary weekday at least two days after today: declared a holiday, it moves every
 * working-day deadline whose count runs through it.
 */
export async function holidayToDeclare(db: Db, now: Date): Promise<string> {
  const calendar = await loadCalendar(db);
  for (let day = addDays(dayInChina(now), 2); ; day = addDays(day, 1)) {
    if (!isWeekend(day) && calendar.dayInfo(day).source === 'weekday') return day;
  }
}

/**
 * A calendar change as the calendar use case makes it: the override, the revision bump and the
 * recompute of every open deadline, in one transaction (the audit entry left out).
 */
export function declareHoliday(db: Db, day: string, now: Date): Promise<RecomputeResult> {
  return db.tx(async (tx) => {
    await upsertOverride(tx, { day, working: false, name: '临时调整休息' }, null, now);
    await bumpRevision(tx);
    return onCalendarChanged(tx, now);
  });
}
