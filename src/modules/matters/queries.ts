import type { Queryable } from '../../platform/db/index.ts';
import { fetchPage } from '../../platform/db/paging.ts';
import { reachSql } from '../../platform/reach.ts';
import type { Subject } from '../../platform/policies.ts';
import type { MatterSource, MatterState, Rating, ReplyGrade, ReviewGrade, Light, LitDeadline, DeadlineKind } from '../../domain/matters.ts';
import type { Box, Deadline, LinkType, ListMattersQuery, MatterBacklink, MatterEvent, MatterLink, MatterSummary } from './schema.ts';

/** The viewer a visibility rule is evaluated for. */
export type Viewer = Subject & { id: number };

export interface MatterRow {
  id: number;
  code: string;
  source: MatterSource;
  profile: string;
  major: boolean;
  title: string;
  content: string;
  source_doc: string;
  requirement: string;
  measures: string;
  progress: string;
  assigned_on: string | null;
  assigner_unit_id: number;
  assigner_unit_name: string;
  assigner_unit_path: string;
  created_by: number | null;
  lead_unit_id: number | null;
  lead_unit_name: string | null;
  lead_unit_path: string | null;
  leader_id: number | null;
  leader_name: string | null;
  leader_user_id: number | null;
  confidential: boolean;
  day_mode: 'calendar' | 'working';
  shift_off_non_working: boolean;
  due_on: string | null;
  filed_by: number | null;
  proposer: string;
  delegation: string;
  session_name: string;
  reply_grade: ReplyGrade | null;
  rating: Rating | null;
  rounds: number;
  review_grade: ReviewGrade | null;
  state: MatterState;
  light: Light;
  light_reasons: LitDeadline[];
  escalation: number;
  closed_on: string | null;
  closed_on_time: boolean | null;
  version: number;
  updated_at: Date;
}

const COLUMNS = `m.id, m.code, m.source, m.profile, m.major, m.title, m.content, m.source_doc, m.requirement, m.measures, m.progress,
  m.assigned_on, m.assigner_unit_id, au.name as assigner_unit_name, au.path as assigner_unit_path, m.created_by,
  m.lead_unit_id, lu.name as lead_unit_name, lu.path as lead_unit_path, m.leader_id, l.name as leader_name, l.user_id as leader_user_id,
  m.confidential, m.day_mode, m.shift_off_non_working, m.due_on, m.filed_by, m.proposer, m.delegation, m.session_name,
  m.reply_grade, m.rating, m.rounds, m.review_grade, m.state, m.light, m.light_reasons, m.escalation, m.closed_on, m.closed_on_time,
  m.version, m.updated_at`;
const FROM = `from matters m
  join units au on au.id = m.assigner_unit_id
  left join units lu on lu.id = m.lead_unit_id
  left join leaders l on l.id = m.leader_id`;

/**
 * Who sees a matter: anyone whose reach covers one of its units (assigning, lead or assisting),
 * its proposer, and its responsible leader. A confidential matter is seen only by those involved:
 * members of those very units, its proposer and its leader.
 */
export function visibleSql(viewer: Viewer, params: unknown[], many = false): string {
  params.push(viewer.id);
  const me = `$${params.length}`;
  params.push(viewer.unitId);
  const myUnit = `$${params.length}`;
  const assigner = reachSql(viewer, 'au.id', 'au.path', params);
  const handler = reachSql(viewer, 'hu.id', 'hu.path', params);
  const personal = `(m.filed_by = ${me} or m.leader_id in (select ld.id from leaders ld where ld.user_id = ${me}))`;
  // Over many matters (lists, counts) the handling units' matters are one set, hashed once per query;
  // for one matter a probe of its own units is cheaper.
  const handled = many
    ? `m.id in (select mu.matter_id from matter_units mu join units hu on hu.id = mu.unit_id where ${handler})`
    : `exists (select 1 from matter_units mu join units hu on hu.id = mu.unit_id where mu.matter_id = m.id and ${handler})`;
  return `((${assigner}
       or ${handled}
       or ${personal})
     and (not m.confidential or ${personal} or m.assigner_unit_id = ${myUnit}
       or exists (select 1 from matter_units mu where mu.matter_id = m.id and mu.unit_id = ${myUnit})))`;
}

export async function getMatter(q: Queryable, id: number, opts: { viewer?: Viewer; forUpdate?: boolean } = {}): Promise<MatterRow | undefined> {
  const params: unknown[] = [id];
  const visible = opts.viewer ? ` and ${visibleSql(opts.viewer, params)}` : '';
  const rows = await q.query<MatterRow>(`select ${COLUMNS} ${FROM} where m.id = $1${visible}${opts.forUpdate ? ' for update of m' : ''}`, params);
  return rows[0];
}

export const toSummary = (r: MatterRow): MatterSummary => ({
  id: r.id,
  code: r.code,
  source: r.source,
  profile: r.profile,
  major: r.major,
  title: r.title,
  state: r.state,
  light: r.light,
  assignedOn: r.assigned_on,
  dueOn: r.due_on,
  leadUnitId: r.lead_unit_id,
  leadUnitName: r.lead_unit_name,
  assignerUnitId: r.assigner_unit_id,
  assignerUnitName: r.assigner_unit_name,
  leaderId: r.leader_id,
  leaderName: r.leader_name,
  confidential: r.confidential,
  proposer: r.proposer,
  replyGrade: r.reply_grade,
  rating: r.rating,
  reviewGrade: r.review_grade,
  closedOn: r.closed_on,
  closedOnTime: r.closed_on_time,
  progress: r.progress,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
});

/** The SQL condition of an inbox box for `viewer` (beyond visibility). */
function boxSql(box: Box, viewer: Viewer, params: unknown[]): string {
  const handles = viewer.role === 'unit_head' || viewer.role === 'unit_clerk';
  const reviews = viewer.role === 'admin' || viewer.role === 'leader' || viewer.role === 'supervisor';
  switch (box) {
    case 'all':
      return 'true';
    case 'to_assign':
      return reviews ? `(m.state in ('submitted', 'sent_back') and ${reachSql(viewer, 'au.id', 'au.path', params)})` : 'false';
    case 'to_sign':
      return handles ? `(m.state = 'assigned' and ${reachSql(viewer, 'lu.id', 'lu.path', params)})` : 'false';
    case 'to_report': {
      if (!handles) return 'false';
      const lead = reachSql(viewer, 'lu.id', 'lu.path', params);
      const assist = reachSql(viewer, 'xu.id', 'xu.path', params);
      return `((m.state = 'in_progress' and ${lead})
        or (m.state in ('assigned', 'in_progress') and m.id in (select xd.matter_id from matter_deadlines xd join units xu on xu.id = xd.unit_id
             where xd.status = 'open' and xd.step = 'assist_view' and ${assist})))`;
    }
    case 'to_review':
      return reviews
        ? `((m.state = 'closure_requested' or m.id in (select x.matter_id from matter_extensions x where x.status = 'pending'))
            and ${reachSql(viewer, 'au.id', 'au.path', params)})`
        : 'false';
    case 'to_rate':
      params.push(viewer.id);
      return `(m.state = 'replied' and m.filed_by = $${params.length})`;
    case 'due_soon':
      return `(m.light = 'blue')`;
    case 'overdue':
      return `(m.light = 'red')`;
  }
}

export async function listMatters(q: Queryable, viewer: Viewer, f: ListMattersQuery): Promise<{ items: MatterSummary[]; total: number }> {
  const params: unknown[] = [];
  const where = [visibleSql(viewer, params, true), boxSql(f.box, viewer, params)];
  if (f.source) {
    params.push(f.source);
    where.push(`m.source = $${params.length}`);
  }
  if (f.state) {
    params.push(f.state);
    where.push(`m.state = $${params.length}`);
  }
  if (f.light) {
    params.push(f.light);
    where.push(`m.light = $${params.length}`);
  }
  if (f.unitId) {
    params.push(f.unitId);
    where.push(`exists (select 1 from matter_units fu where fu.matter_id = m.id and fu.unit_id = $${params.length})`);
  }
  if (f.leaderId) {
    params.push(f.leaderId);
    where.push(`m.leader_id = $${params.length}`);
  }
  if (f.q) {
    params.push(`%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    where.push(`(m.title like $${params.length} or m.code like $${params.length} or m.proposer like $${params.length})`);
  }
  const page = await fetchPage<MatterRow>(
    q,
    {
      columns: COLUMNS,
      from: FROM,
      where: where.join(' and '),
      // Worst light first, then the nearest deadline.
      orderBy: `case m.light when 'red' then 0 when 'yellow' then 1 when 'blue' then 2 else 3 end, m.due_on nulls last, m.id desc`,
    },
    params,
    f.page,
    f.pageSize,
  );
  return { items: page.rows.map(toSummary), total: page.total };
}

export async function inboxCounts(q: Queryable, viewer: Viewer, boxes: readonly Box[]): Promise<Record<Box, number>> {
  const params: unknown[] = [];
  const visible = visibleSql(viewer, params, true);
  const cols = boxes.map((b) => `count(*) filter (where ${boxSql(b, viewer, params)})::int as "${b}"`).join(', ');
  const where = `m.state <> 'closed' and ${visible}`;
  // Only the joins the conditions use (each joins at most one unit: leaving one out changes no count),
  // so the open matters are read from their covering index alone (migration 0004).
  const joins = [/\bau\./.test(cols + where) ? 'join units au on au.id = m.assigner_unit_id' : '', /\blu\./.test(cols + where) ? 'left join units lu on lu.id = m.lead_unit_id' : '']
    .filter(Boolean)
    .join(' ');
  const rows = await q.query<Record<Box, number>>(`select ${cols} from matters m ${joins} where ${where}`, params);
  return rows[0] as Record<Box, number>;
}

// ---------------------------------------------------------------- details

export interface DeadlineRow {
  id: number;
  step: string;
  unit_id: number | null;
  round: number;
  due: string;
  baseline: string;
  rule_zh: string;
  rule_en: string;
  basis: Record<string, unknown>;
  provisional: boolean;
  status: 'open' | 'met' | 'superseded' | 'waived';
  met_on: string | null;
  calendar_revision: number;
}

export async function deadlinesOf(q: Queryable, matterId: number): Promise<DeadlineRow[]> {
  return q.query<DeadlineRow>(
    `select id, step, unit_id, round, due, baseline, rule_zh, rule_en, basis, provisional, status, met_on, calendar_revision
       from matter_deadlines where matter_id = $1 order by round, due, id`,
    [matterId],
  );
}

/** Display labels and kinds of deadline rows: from the basis (which stores them). */
export function toDeadline(r: DeadlineRow): Deadline {
  const b = r.basis as { kind?: DeadlineKind; zh?: string; en?: string };
  return {
    id: r.id,
    step: r.step,
    kind: b.kind ?? 'complete',
    unitId: r.unit_id,
    round: r.round,
    due: r.due,
    baseline: r.baseline,
    ruleZh: r.rule_zh,
    ruleEn: r.rule_en,
    labelZh: b.zh ?? r.step,
    labelEn: b.en ?? r.step,
    provisional: r.provisional,
    status: r.status,
    metOn: r.met_on,
  };
}

export async function insertDeadline(
  q: Queryable,
  d: { matterId: number; step: string; unitId: number | null; round: number; due: string; ruleZh: string; ruleEn: string; basis: object; provisional: boolean; revision: number },
): Promise<void> {
  await q.query(
    `insert into matter_deadlines (matter_id, step, unit_id, round, due, baseline, rule_zh, rule_en, basis, provisional, calendar_revision)
     values ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10)`,
    [d.matterId, d.step, d.unitId, d.round, d.due, d.ruleZh, d.ruleEn, JSON.stringify(d.basis), d.provisional, d.revision],
  );
}

export async function eventsOf(q: Queryable, matterId: number): Promise<MatterEvent[]> {
  const rows = await q.query<{
    id: number;
    action: string;
    from_state: string | null;
    to_state: string | null;
    actor_name: string | null;
    actor_unit_name: string | null;
    at: Date;
    body: Record<string, unknown>;
    files: { id: string; name: string; size: number; content_type: string }[] | null;
  }>(
    `select e.id, e.action, e.from_state, e.to_state, e.actor_name, u.name as actor_unit_name, e.at, e.body,
            (select json_agg(json_build_object('id', f.id, 'name', f.name, 'size', f.size, 'content_type', f.content_type) order by f.name)
               from files f where f.id = any(e.files)) as files
       from matter_events e left join units u on u.id = e.actor_unit_id
      where e.matter_id = $1 order by e.id`,
    [matterId],
  );
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    fromState: r.from_state,
    toState: r.to_state,
    actorName: r.actor_name,
    actorUnitName: r.actor_unit_name,
    at: r.at.toISOString(),
    body: r.body,
    files: (r.files ?? []).map((f) => ({ id: f.id, name: f.name, size: f.size, contentType: f.content_type })),
  }));
}

export async function unitsOf(q: Queryable, matterId: number): Promise<{ unitId: number; unitName: string; unitPath: string; role: 'lead' | 'assist' }[]> {
  return q.query(
    `select mu.unit_id as "unitId", u.name as "unitName", u.path as "unitPath", mu.role
       from matter_units mu join units u on u.id = mu.unit_id where mu.matter_id = $1 order by mu.role desc, u.sort_order, u.id`,
    [matterId],
  );
}

export async function extensionsOf(q: Queryable, matterId: number) {
  const rows = await q.query<{
    id: number;
    step: string;
    current_due: string;
    requested_due: string;
    reason: string;
    status: 'pending' | 'approved' | 'rejected';
    requested_at: Date;
    decided_at: Date | null;
    decision_note: string;
  }>(`select * from matter_extensions where matter_id = $1 order by id`, [matterId]);
  return rows.map((r) => ({
    id: r.id,
    step: r.step,
    currentDue: r.current_due,
    requestedDue: r.requested_due,
    reason: r.reason,
    status: r.status,
    requestedAt: r.requested_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionNote: r.decision_note,
  }));
}

/** A stored matter link's target as a bigint, or NULL when it is not a well-formed id (joins by primary key). */
const LINKED_ID = `case when ml.target_id ~ '^[1-9][0-9]{0,17}$' then ml.target_id::bigint end`;

/** A matter's links, each `matter` target resolved only when `viewer` may see it (never its title otherwise). */
export async function linksOf(q: Queryable, matterId: number, viewer: Viewer): Promise<MatterLink[]> {
  const params: unknown[] = [matterId];
  const visible = visibleSql(viewer, params);
  const rows = await q.query<{ target_type: LinkType; target_id: string; note: string; id: number | null; code: string | null; title: string | null; state: MatterState | null; light: Light | null }>(
    `select ml.target_type, ml.target_id, ml.note, v.id, v.code, v.title, v.state, v.light
       from matter_links ml
       left join lateral (
         select m.id, m.code, m.title, m.state, m.light from matters m join units au on au.id = m.assigner_unit_id
          where ml.target_type = 'matter' and m.id = ${LINKED_ID} and ${visible}) v on true
      where ml.matter_id = $1 and ml.target_type in ('matter', 'document')
      order by ml.target_type desc, case when ml.target_type = 'matter' then lpad(ml.target_id, 20, '0') else ml.target_id end`,
    params,
  );
  return rows.map((r) => ({
    targetType: r.target_type,
    targetId: r.target_id,
    note: r.note,
    visible: r.target_type === 'document' || r.id !== null,
    matterId: r.id,
    code: r.code,
    title: r.title,
    state: r.state,
    light: r.light,
  }));
}

/** The stored links of a matter as they were written (for the audit entry and for edits). */
export async function storedLinksOf(q: Queryable, matterId: number): Promise<{ targetType: string; targetId: string; note: string }[]> {
  return q.query(
    `select target_type as "targetType", target_id as "targetId", note from matter_links where matter_id = $1
      order by target_type desc, case when target_type = 'matter' then lpad(target_id, 20, '0') else target_id end`,
    [matterId],
  );
}

/** Replaces a matter's links with `links`. */
export async function setLinks(q: Queryable, matterId: number, links: readonly { targetType: string; targetId: string; note: string }[]): Promise<void> {
  await q.query('delete from matter_links where matter_id = $1', [matterId]);
  if (!links.length) return;
  await q.query(
    `insert into matter_links (matter_id, target_type, target_id, note)
     select $1, t, i, n from unnest($2::text[], $3::text[], $4::text[]) as x(t, i, n)`,
    [matterId, links.map((l) => l.targetType), links.map((l) => l.targetId), links.map((l) => l.note)],
  );
}

/** The matters that link to this one and that `viewer` may see (被关联). */
export async function backlinksOf(q: Queryable, matterId: number, viewer: Viewer): Promise<MatterBacklink[]> {
  const params: unknown[] = [String(matterId)];
  const visible = visibleSql(viewer, params);
  return q.query<MatterBacklink>(
    `select m.id as "matterId", m.code, m.title, m.state, m.light, ml.note
       from matter_links ml join matters m on m.id = ml.matter_id join units au on au.id = m.assigner_unit_id
      where ml.target_type = 'matter' and ml.target_id = $1 and ${visible}
      order by m.id`,
    params,
  );
}

/** Of `ids`, the matters that exist and that `viewer` may see. */
export async function visibleMatterIds(q: Queryable, viewer: Viewer, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const params: unknown[] = [ids];
  const visible = visibleSql(viewer, params);
  const rows = await q.query<{ id: number }>(`select m.id from matters m join units au on au.id = m.assigner_unit_id where m.id = any($1::bigint[]) and ${visible}`, params);
  return new Set(rows.map((r) => r.id));
}

export async function setUnits(q: Queryable, matterId: number, lead: number, assists: readonly number[]): Promise<void> {
  await q.query('delete from matter_units where matter_id = $1', [matterId]);
  await q.query(
    `insert into matter_units (matter_id, unit_id, role)
     select $1, u, case when u = $2 then 'lead' else 'assist' end from unnest($3::bigint[]) as u`,
    [matterId, lead, [lead, ...assists.filter((a) => a !== lead)]],
  );
}

export async function insertEvent(
  q: Queryable,
  e: {
    matterId: number;
    action: string;
    fromState: string | null;
    toState: string | null;
    actorId: number | null;
    actorName: string | null;
    actorUnitId: number | null;
    at: Date;
    body: object;
    files: readonly string[];
    requestKey: string | null;
    payloadHash: string | null;
  },
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `insert into matter_events (matter_id, action, from_state, to_state, actor_id, actor_name, actor_unit_id, at, body, files, request_key, payload_hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [e.matterId, e.action, e.fromState, e.toState, e.actorId, e.actorName, e.actorUnitId, e.at, JSON.stringify(e.body), e.files, e.requestKey, e.payloadHash],
  );
  return (rows[0] as { id: number }).id;
}

/** Units that exist, with their paths (for checking the units named in a body). */
export async function unitsById(q: Queryable, ids: readonly number[]): Promise<Map<number, { name: string; path: string }>> {
  const rows = await q.query<{ id: number; name: string; path: string }>('select id, name, path from units where id = any($1::bigint[]) and active', [ids]);
  return new Map(rows.map((r) => [r.id, { name: r.name, path: r.path }]));
}

/** Whether a file is evidence on a matter `viewer` may see (readers of a matter read its attachments). */
export async function fileOnVisibleMatter(q: Queryable, viewer: Viewer, fileId: string): Promise<boolean> {
  const params: unknown[] = [fileId];
  const rows = await q.query(
    `select 1 ${FROM} where exists (select 1 from matter_events e where e.matter_id = m.id and $1 = any(e.files)) and ${visibleSql(viewer, params)} limit 1`,
    params,
  );
  return rows.length > 0;
}
