import type { Queryable } from '../../platform/db/index.ts';
import { reachSql } from '../../platform/reach.ts';
import type { Light, MatterSource, MatterState, Rating } from '../../domain/matters.ts';
import { visibleSql, type Viewer } from '../matters/queries.ts';
import { unitLabelSql } from '../ledger/queries.ts';
import type { StatsQuery } from './schema.ts';

export interface FactRow {
  id: number;
  code: string;
  title: string;
  source: MatterSource;
  state: MatterState;
  light: Light;
  assigned_on: string;
  due_on: string | null;
  closed_on: string | null;
  closed_on_time: boolean | null;
  rating: Rating | null;
  replied_on_time: boolean | null;
  lead_unit_id: number;
  lead_unit: string;
  leader_id: number | null;
  leader_name: string | null;
  leader_sort: number | null;
}

/**
 * The assigned matters the statistics count for `viewer`: visible to them, and led by a unit within
 * their reach (a county head's figures are the county's units, not the city departments a county
 * unit merely assists). In the order groups are listed: units as the organisation tree orders them,
 * leaders by their order.
 */
export async function statsFacts(q: Queryable, viewer: Viewer, f: StatsQuery): Promise<FactRow[]> {
  const params: unknown[] = [];
  const where = [visibleSql(viewer, params, true), 'm.assigned_on is not null', 'm.lead_unit_id is not null', reachSql(viewer, 'lu.id', 'lu.path', params)];
  if (f.source) {
    params.push(f.source);
    where.push(`m.source = $${params.length}`);
  }
  if (f.from) {
    params.push(f.from);
    where.push(`m.assigned_on >= $${params.length}`);
  }
  if (f.to) {
    params.push(f.to);
    where.push(`m.assigned_on <= $${params.length}`);
  }
  return q.query<FactRow>(
    `select m.id, m.code, m.title, m.source, m.state, m.light, m.assigned_on, m.due_on, m.closed_on, m.closed_on_time, m.rating,
            (select d.met_on <= d.due from matter_deadlines d
              where d.matter_id = m.id and d.step = 'reply' and d.status = 'met' order by d.round, d.id limit 1) as replied_on_time,
            m.lead_unit_id, ${unitLabelSql('lu', 'lp')} as lead_unit, m.leader_id, l.name as leader_name, l.sort_order as leader_sort
       from matters m
       join units au on au.id = m.assigner_unit_id
       left join leaders l on l.id = m.leader_id
       join units lu on lu.id = m.lead_unit_id
       left join units lp on lp.id = lu.parent_id
      where ${where.join(' and ')}
      order by case when lp.parent_id is null then lu.sort_order else lp.sort_order end, (lp.parent_id is not null), lu.sort_order, lu.id, m.id`,
    params,
  );
}
