/**
 * Deadlines and lights kept current: after each step (one matter), every day and after a calendar
 * change (every open matter). Rule-based deadlines are recomputed from the basis they store; a
 * moved deadline is written to the matter's timeline, never changed silently, and its baseline
 * stays. The light rules are the domain's (`lightOf`).
 */
import type { Queryable, Tx } from '../../platform/db/index.ts';
import crypto from 'node:crypto';
import { dayInChina, lightOf, litJsonbText, type DeadlineKind, type Light, type LitDeadline, type MatterState, type OpenDeadline } from '../../domain/matters.ts';
import { describeRule, resolveDue, type DeadlineBasis, type PeriodBasis, type ResolvedDue } from '../../domain/clocks.ts';
import type { WorkCalendar } from '../../domain/calendar.ts';
import { calendarRevision, loadCalendar } from '../calendar/queries.ts';

type StoredBasis = DeadlineBasis & { kind?: DeadlineKind; zh?: string; en?: string };

const ENDING = new Set<DeadlineKind>(['complete', 'milestone']);

function openDeadline(step: string, due: string, basis: StoredBasis): OpenDeadline {
  return { step, kind: basis.kind ?? 'complete', due, zh: basis.zh ?? step, en: basis.en ?? step };
}

/** The light, the deadlines that lit it, and the current due date (the earliest open completion or milestone). */
function assess(state: MatterState, open: readonly OpenDeadline[], today: string, blueDays: number | null, dueOn: string | null): { light: Light; lit: LitDeadline[]; dueOn: string | null } {
  const { light, lit } = lightOf(state, open, today, blueDays ?? 2);
  const ending = open.filter((d) => ENDING.has(d.kind)).map((d) => d.due).sort();
  return { light, lit, dueOn: ending[0] ?? dueOn };
}

/** Recomputes one matter's light and current due date from its open deadlines (after a step). */
export async function refreshMatter(tx: Queryable, matterId: number, today: string): Promise<void> {
  const m = await tx.query<{ state: MatterState; blue: number | null; due_on: string | null }>(
    `select m.state, (p.settings->>'blueDays')::int as blue, m.due_on from matters m join clock_profiles p on p.code = m.profile where m.id = $1`,
    [matterId],
  );
  if (!m[0]) return;
  const ds = await tx.query<{ step: string; due: string; basis: StoredBasis }>(`select step, due, basis from matter_deadlines where matter_id = $1 and status = 'open'`, [matterId]);
  const a = assess(m[0].state, ds.map((d) => openDeadline(d.step, d.due, d.basis)), today, m[0].blue, m[0].due_on);
  await tx.query(
    `update matters set light = $2, light_reasons = $3::jsonb, due_on = $4::date,
            escalation = case when $2 = 'red' then escalation else 0 end
      where id = $1`,
    [matterId, a.light, JSON.stringify(a.lit), a.dueOn],
  );
}

export interface RecomputeResult {
  matters: number;
  deadlines: number;
  /** Deadlines written: a new date, or the same date become firm or provisional. */
  movedDeadlines: number;
  /** Of those, the ones given another date, and the matters they belong to (each got a timeline event). */
  redated: number;
  redatedMatters: number;
  changedLights: number;
  ms: number;
}

/** An open matter as the run reads it: what decides its light, and what it shows now. */
interface MatterRow {
  id: number;
  state: MatterState;
  blue: number | null;
  light: string;
  /** md5 of the stored lit deadlines' jsonb text (null when unlit). */
  lit_md5: string | null;
  due_on: string | null;
  /** The earliest open completion or milestone deadline (after this run's moves). */
  ending_due: string | null;
  /** Its open deadlines. */
  deadlines: number | null;
}

/** An open deadline close enough to light its matter. */
interface NearRow {
  id: number;
  matter_id: number;
  step: string;
  due: string;
  kind: DeadlineKind | null;
  zh: string | null;
  en: string | null;
}

/** Deadlines sharing a rule key and a stored due date (see migration 0005). */
interface RuleGroup {
  rule_key: string;
  due: string;
  provisional: boolean;
}

/** The basis a rule key stands for: from|days|months|mode|shift|anchor. */
function basisOfKey(key: string): PeriodBasis {
  const [from, days, months, mode, shift, anchor] = key.split('|') as [string, string, string, string, string, string];
  return {
    from,
    ...(days !== '' ? { days: Number(days) } : {}),
    ...(months !== '' ? { months: Number(months) } : {}),
    mode: mode as PeriodBasis['mode'],
    shift: shift === 'true',
    ...(anchor ? { anchor: anchor as NonNullable<PeriodBasis['anchor']> } : {}),
  };
}

const OPEN_STATES = `('assigned', 'in_progress', 'closure_requested', 'replied')`;

/**
 * Recomputes every open deadline against the calendar and every open matter's light for `now`.
 * Only what changed is written. Runs in the given transaction (a calendar change, so the new
 * calendar and the moved deadlines commit together) or in its own.
 *
 * Set-based, so 100,000 open matters take seconds, not minutes: (1) deadlines are grouped by rule
 * and stored due date in SQL, each group is resolved once against the calendar and a group whose
 * date moved is updated in one statement, which also writes each matter's 'recompute' event;
 * (2) only deadlines due within the blue window can light a matter (`lightOf`), so only those are
 * read, with each matter's earliest completion date computed in SQL.
 */
export async function recomputeAll(q: Queryable, now: Date, calendar?: WorkCalendar): Promise<RecomputeResult> {
  const started = performance.now();
  const today = dayInChina(now);
  const cal = calendar ?? (await loadCalendar(q));
  // One after the other: inside a transaction `q` is one connection (pg warns about overlapping queries on a client).
  const revision = await calendarRevision(q);

  // (1) Deadlines follow the calendar, a group of the same rule and date at a time.
  const groups = await q.query<RuleGroup>(
    `select rule_key, due, provisional from matter_deadlines
      where status = 'open' and rule_key is not null
      group by rule_key, due, provisional`,
  );
  const move = { keys: [] as string[], from: [] as string[], wasProvisional: [] as boolean[], to: [] as string[], provisional: [] as boolean[], rulesZh: [] as string[], rulesEn: [] as string[] };
  for (const g of groups) {
    const basis = basisOfKey(g.rule_key);
    const next = resolveDue(basis, cal);
    if (next.due === g.due && next.provisional === g.provisional) continue;
    const rule = describeRule(basis);
    move.keys.push(g.rule_key);
    move.from.push(g.due);
    move.wasProvisional.push(g.provisional);
    move.to.push(next.due);
    move.provisional.push(next.provisional);
    move.rulesZh.push(rule.zh);
    move.rulesEn.push(rule.en);
  }
  let movedDeadlines = 0;
  let redated = 0;
  let redatedMatters = 0;
  if (move.keys.length) {
    // Each matter whose dates moved gets one timeline event listing its changes: never silent.
    const r = await q.query<{ moved: number; redated: number; matters: number }>(
      `with moved as (
         update matter_deadlines d
            set due = u.due, provisional = u.provisional, rule_zh = u.rule_zh, rule_en = u.rule_en, calendar_revision = $8
           from unnest($1::text[], $2::date[], $3::boolean[], $4::date[], $5::boolean[], $6::text[], $7::text[])
                  as u(rule_key, old_due, old_provisional, due, provisional, rule_zh, rule_en)
          where d.status = 'open' and d.rule_key = u.rule_key and d.due = u.old_due and d.provisional = u.old_provisional
            and exists (select 1 from matters m where m.id = d.matter_id and m.state in ${OPEN_STATES})
          returning d.matter_id, d.step, u.old_due, u.due
       ), events as (
         insert into matter_events (matter_id, action, from_state, to_state, actor_name, at, body)
         select c.matter_id, 'recompute', m.state, m.state, 'system', $9, jsonb_build_object('reason', 'calendar', 'revision', $8::int, 'changes', c.changes)
           from (select matter_id,
                        jsonb_agg(jsonb_build_object('step', step, 'from', to_char(old_due, 'YYYY-MM-DD'), 'to', to_char(due, 'YYYY-MM-DD')) order by old_due, step) as changes
                   from moved where due <> old_due group by matter_id) c
           join matters m on m.id = c.matter_id
       )
       select count(*)::int as moved, count(*) filter (where due <> old_due)::int as redated,
              count(distinct matter_id) filter (where due <> old_due)::int as matters
         from moved`,
      [move.keys, move.from, move.wasProvisional, move.to, move.provisional, move.rulesZh, move.rulesEn, revision, now],
    );
    movedDeadlines = r[0]?.moved ?? 0;
    redated = r[0]?.redated ?? 0;
    redatedMatters = r[0]?.matters ?? 0;
  }

  // (2) Lights: a deadline further off than every profile's blue window cannot light anything.
  const windowRows = await q.query<{ days: number }>(`select coalesce(max((settings->>'blueDays')::int), 2) as days from clock_profiles`);
  const window = Math.max(2, windowRows[0]?.days ?? 2);
  const matterRows = await q.query<MatterRow>(
    `select m.id, m.state, (p.settings->>'blueDays')::int as blue, m.light, case when m.light <> 'none' then md5(m.light_reasons::text) end as lit_md5,
            m.due_on, e.ending_due, e.deadlines
       from matters m
       join clock_profiles p on p.code = m.profile
       left join (select matter_id, min(due) filter (where ending) as ending_due, count(*)::int as deadlines
                    from matter_deadlines where status = 'open' group by matter_id) e on e.matter_id = m.id
      where m.state in ${OPEN_STATES}`,
  );
  const near = await q.query<NearRow>(
    `select d.id, d.matter_id, d.step, d.due, d.basis->>'kind' as kind, d.basis->>'zh' as zh, d.basis->>'en' as en
       from matter_deadlines d
      where d.status = 'open' and d.due <= $1::date + $2::int`,
    [today, window],
  );
  const byMatter = new Map<number, NearRow[]>();
  for (const d of near) {
    const list = byMatter.get(d.matter_id);
    if (list) list.push(d);
    else byMatter.set(d.matter_id, [d]);
  }
  // The changed lights go to the server as one JSON document (cheaper than arrays of escaped texts).
  const lights: { id: number; light: Light; reasons: LitDeadline[]; due_on: string | null }[] = [];
  let deadlines = 0;
  for (const m of matterRows) {
    deadlines += m.deadlines ?? 0;
    const rows = byMatter.get(m.id) ?? [];
    if (rows.length > 1) rows.sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : x.id - y.id));
    const open: OpenDeadline[] = rows.map((r) => ({ step: r.step, kind: r.kind ?? 'complete', due: r.due, zh: r.zh ?? r.step, en: r.en ?? r.step }));
    const { light, lit } = lightOf(m.state, open, today, m.blue ?? 2);
    const dueOn = m.ending_due ?? m.due_on;
    if (light === m.light && dueOn === m.due_on) {
      if (light === 'none') continue;
      // Still lit by the same deadlines: not rewritten (the reasons read the day when shown).
      const text = litJsonbText(lit);
      if (crypto.createHash('md5').update(text).digest('hex') === m.lit_md5) continue;
    }
    lights.push({ id: m.id, light, reasons: lit, due_on: dueOn });
  }
  if (lights.length) {
    await q.query(
      `update matters m set light = u.light, light_reasons = u.reasons, due_on = u.due_on,
              escalation = case when u.light = 'red' then m.escalation else 0 end
         from jsonb_to_recordset($1::jsonb) as u(id bigint, light text, reasons jsonb, due_on date)
        where m.id = u.id`,
      [JSON.stringify(lights)],
    );
  }
  // Matters no longer open carry no light (an open one with no deadline near was assessed above).
  const cleared = await q.query<{ id: number }>(
    `update matters m set light = 'none', light_reasons = '[]'::jsonb, escalation = 0
      where m.light <> 'none' and m.state not in ${OPEN_STATES}
      returning m.id`,
  );
  return {
    matters: matterRows.length,
    deadlines,
    movedDeadlines,
    redated,
    redatedMatters,
    changedLights: lights.length + cleared.length,
    ms: Math.round(performance.now() - started),
  };
}

/** Called in the transaction that changed the calendar: open deadlines follow it at once. */
export async function onCalendarChanged(tx: Tx, now: Date = new Date()): Promise<RecomputeResult> {
  return recomputeAll(tx, now);
}
