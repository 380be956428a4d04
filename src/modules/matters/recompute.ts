/**
 * Deadlines and lights kept current: after each step (one matter), every day and after a calendar
 * change (every open matter). Rule-based deadlines are recomputed from the basis they store; a
 * moved deadline is written to the matter's timeline, never changed silently, and its baseline
 * stays. The light rules are the domain's (`lightOf`).
 */
import type { Queryable, Tx } from '../../platform/db/index.ts';
import { dayInChina, lightOf, sameLit, type DeadlineKind, type Light, type LitDeadline, type MatterState, type OpenDeadline } from '../../domain/matters.ts';
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
  movedDeadlines: number;
  changedLights: number;
  ms: number;
}

interface OpenRow {
  id: number;
  matter_id: number;
  step: string;
  due: string;
  basis: StoredBasis;
  provisional: boolean;
  state: MatterState;
  blue: number | null;
  light: string;
  light_reasons: LitDeadline[];
  due_on: string | null;
}

/**
 * Recomputes every open deadline against the calendar and every open matter's light for `now`.
 * Only what changed is written. Runs in the given transaction (a calendar change, so the new
 * calendar and the moved deadlines commit together) or in its own.
 */
export async function recomputeAll(q: Queryable, now: Date, calendar?: WorkCalendar): Promise<RecomputeResult> {
  const started = performance.now();
  const today = dayInChina(now);
  const cal = calendar ?? (await loadCalendar(q));
  // One after the other: inside a transaction `q` is one connection (pg warns about overlapping queries on a client).
  const revision = await calendarRevision(q);
  const rows = await q.query<OpenRow>(
    `select d.id, d.matter_id, d.step, d.due, d.basis, d.provisional, m.state, (p.settings->>'blueDays')::int as blue, m.light, m.light_reasons, m.due_on
       from matter_deadlines d join matters m on m.id = d.matter_id join clock_profiles p on p.code = m.profile
      where d.status = 'open' and m.state in ('assigned', 'in_progress', 'closure_requested', 'replied')
      order by d.matter_id, d.due, d.id`,
  );
  // Many deadlines share a rule and a start day: each distinct one is resolved once per run.
  const resolved = new Map<string, ResolvedDue>();
  const resolve = (b: PeriodBasis): ResolvedDue => {
    const key = `${b.from}|${b.days ?? ''}|${b.months ?? ''}|${b.mode}|${b.shift}`;
    let r = resolved.get(key);
    if (!r) {
      r = resolveDue(b, cal);
      resolved.set(key, r);
    }
    return r;
  };
  const moved = { ids: [] as number[], dues: [] as string[], provisional: [] as boolean[], rulesZh: [] as string[], rulesEn: [] as string[] };
  const events = { matters: [] as number[], bodies: [] as string[] };
  const lights = { ids: [] as number[], lights: [] as string[], reasons: [] as string[], dues: [] as (string | null)[] };
  let matters = 0;
  for (let i = 0; i < rows.length; ) {
    const matterId = (rows[i] as OpenRow).matter_id;
    const first = rows[i] as OpenRow;
    const open: OpenDeadline[] = [];
    const changes: { step: string; from: string; to: string }[] = [];
    for (; i < rows.length && (rows[i] as OpenRow).matter_id === matterId; i++) {
      const r = rows[i] as OpenRow;
      let due = r.due;
      if (!('fixed' in r.basis)) {
        const next = resolve(r.basis);
        if (next.due !== r.due || next.provisional !== r.provisional) {
          const rule = describeRule(r.basis);
          moved.ids.push(r.id);
          moved.dues.push(next.due);
          moved.provisional.push(next.provisional);
          moved.rulesZh.push(rule.zh);
          moved.rulesEn.push(rule.en);
          if (next.due !== r.due) changes.push({ step: r.step, from: r.due, to: next.due });
          due = next.due;
        }
      }
      open.push(openDeadline(r.step, due, r.basis));
    }
    matters++;
    if (changes.length) {
      events.matters.push(matterId);
      events.bodies.push(JSON.stringify({ reason: 'calendar', revision, changes }));
    }
    const a = assess(first.state, open, today, first.blue, first.due_on);
    // Only what changed is written: a light that stays lit by the same deadlines is not rewritten the next day.
    if (a.light !== first.light || a.dueOn !== first.due_on || !sameLit(a.lit, first.light_reasons)) {
      lights.ids.push(matterId);
      lights.lights.push(a.light);
      lights.reasons.push(JSON.stringify(a.lit));
      lights.dues.push(a.dueOn);
    }
  }
  if (moved.ids.length) {
    await q.query(
      `update matter_deadlines d set due = u.due, provisional = u.provisional, rule_zh = u.rule_zh, rule_en = u.rule_en, calendar_revision = $6
         from unnest($1::bigint[], $2::date[], $3::boolean[], $4::text[], $5::text[]) as u(id, due, provisional, rule_zh, rule_en)
        where d.id = u.id`,
      [moved.ids, moved.dues, moved.provisional, moved.rulesZh, moved.rulesEn, revision],
    );
  }
  if (events.matters.length) {
    await q.query(
      `insert into matter_events (matter_id, action, from_state, to_state, actor_name, at, body)
       select u.matter_id, 'recompute', m.state, m.state, 'system', $3, u.body::jsonb
         from unnest($1::bigint[], $2::text[]) as u(matter_id, body) join matters m on m.id = u.matter_id`,
      [events.matters, events.bodies, now],
    );
  }
  if (lights.ids.length) {
    await q.query(
      `update matters m set light = u.light, light_reasons = u.reasons::jsonb, due_on = u.due_on,
              escalation = case when u.light = 'red' then m.escalation else 0 end
         from unnest($1::bigint[], $2::text[], $3::text[], $4::date[]) as u(id, light, reasons, due_on)
        where m.id = u.id`,
      [lights.ids, lights.lights, lights.reasons, lights.dues],
    );
  }
  // Matters left with no open deadline (or no longer open) carry no light.
  const cleared = await q.query<{ id: number }>(
    `update matters m set light = 'none', light_reasons = '[]'::jsonb, escalation = 0
      where m.light <> 'none'
        and (m.state not in ('assigned', 'in_progress', 'closure_requested', 'replied')
             or not exists (select 1 from matter_deadlines d where d.matter_id = m.id and d.status = 'open'))
      returning m.id`,
  );
  return {
    matters,
    deadlines: rows.length,
    movedDeadlines: moved.ids.length,
    changedLights: lights.ids.length + cleared.length,
    ms: Math.round(performance.now() - started),
  };
}

/** Called in the transaction that changed the calendar: open deadlines follow it at once. */
export async function onCalendarChanged(tx: Tx, now: Date = new Date()): Promise<RecomputeResult> {
  return recomputeAll(tx, now);
}
