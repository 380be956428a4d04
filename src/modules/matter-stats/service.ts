/** Matter statistics for the viewer's scope: the figures per group, the ranking and the overdue list. Read-only. */
import type { AppContext } from '../../platform/http/app.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import { validationError } from '../../platform/errors.ts';
import { diffDays } from '../../domain/calendar.ts';
import { dayInChina, MATTER_SOURCES, SOURCE_LABELS } from '../../domain/matters.ts';
import { rankBy, tally, tallyBy, type MatterFacts } from '../../domain/matter-stats.ts';
import * as q from './queries.ts';
import type { MatterStats, StatsGroup, StatsQuery } from './schema.ts';

interface Group {
  key: string;
  label: string;
  unitId: number | null;
  leaderId: number | null;
  source: StatsGroup['source'];
  order: number;
}

const NO_LEADER = { zh: '未明确责任领导', en: 'No responsible leader' };

function groupOf(r: q.FactRow, by: StatsQuery['by']): Group {
  switch (by) {
    case 'unit':
      return { key: `unit:${r.lead_unit_id}`, label: r.lead_unit, unitId: r.lead_unit_id, leaderId: null, source: null, order: 0 };
    case 'source':
      return { key: `source:${r.source}`, label: SOURCE_LABELS[r.source].zh, unitId: null, leaderId: null, source: r.source, order: MATTER_SOURCES.indexOf(r.source) };
    case 'leader':
      return {
        key: `leader:${r.leader_id ?? 'none'}`,
        label: r.leader_name ?? NO_LEADER.zh,
        unitId: null,
        leaderId: r.leader_id,
        source: null,
        order: r.leader_sort ?? Number.MAX_SAFE_INTEGER,
      };
  }
}

const factsOf = (r: q.FactRow): MatterFacts => ({
  source: r.source,
  state: r.state,
  light: r.light,
  assignedOn: r.assigned_on,
  closedOn: r.closed_on,
  closedOnTime: r.closed_on_time,
  rating: r.rating,
  repliedOnTime: r.replied_on_time,
});

export async function matterStats(ctx: AppContext, user: SessionUser, f: StatsQuery): Promise<MatterStats> {
  if (f.from && f.to && f.from > f.to) {
    throw validationError([{ field: 'to', message: `结束日期 ${f.to} 早于开始日期 ${f.from}`, messageEn: `the end ${f.to} is before the start ${f.from}` }]);
  }
  const today = dayInChina(ctx.clock.now());
  const rows = await q.statsFacts(ctx.db, user, f);
  // Units come in the organisation's order from the query; sources and leaders by their own order.
  const grouped = tallyBy(
    rows.map((r) => ({ ...factsOf(r), group: groupOf(r, f.by) })),
    (g) => g.key,
  );
  if (f.by !== 'unit') grouped.sort((a, b) => a.group.order - b.group.order);
  const groups: StatsGroup[] = grouped.map(({ group: { order: _o, ...g }, tally: t }) => ({ ...g, ...t }));
  const ranking = rankBy(groups).map((g) => ({ rank: g.rank, key: g.key, label: g.label, total: g.total, closed: g.closed, onTimeRate: g.onTimeRate, closureRate: g.closureRate }));
  const overdue = rows
    .filter((r) => r.state !== 'closed' && r.light === 'red')
    .map((r) => ({
      matterId: r.id,
      code: r.code,
      title: r.title,
      source: r.source,
      leadUnitId: r.lead_unit_id,
      leadUnit: r.lead_unit,
      dueOn: r.due_on,
      daysOverdue: r.due_on ? Math.max(0, diffDays(r.due_on, today)) : 0,
      leaderId: r.leader_id,
      leader: r.leader_name,
    }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.matterId - b.matterId);
  return {
    by: f.by,
    source: f.source ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    asOf: today,
    totals: tally(rows.map(factsOf)),
    groups,
    ranking,
    overdue,
  };
}
