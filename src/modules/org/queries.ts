import type { Queryable } from '../../platform/db/index.ts';
import type { Leader, Unit, UnitKind } from './schema.ts';

interface UnitRow {
  id: number;
  parent_id: number | null;
  name: string;
  short_name: string | null;
  kind: UnitKind;
  region_code: string | null;
  path: string;
  sort_order: number;
  active: boolean;
  version: number;
  leader_ids: number[] | null;
}

const UNIT_SELECT = `
  select u.id, u.parent_id, u.name, u.short_name, u.kind, u.region_code, u.path, u.sort_order, u.active, u.version,
         (select array_agg(lu.leader_id order by lu.leader_id) from leader_units lu where lu.unit_id = u.id) as leader_ids
    from units u`;

const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind,
  regionCode: r.region_code,
  path: r.path,
  sortOrder: r.sort_order,
  active: r.active,
  version: r.version,
  leaderIds: (r.leader_ids ?? []).map(Number),
});

export async function listUnits(q: Queryable): Promise<Unit[]> {
  const rows = await q.query<UnitRow>(`${UNIT_SELECT} order by u.path`);
  return rows.map(toUnit);
}

export async function getUnit(q: Queryable, id: number, forUpdate = false): Promise<Unit | undefined> {
  const rows = await q.query<UnitRow>(`${UNIT_SELECT} where u.id = $1${forUpdate ? ' for update of u' : ''}`, [id]);
  return rows[0] && toUnit(rows[0]);
}

export async function rootUnit(q: Queryable): Promise<Unit | undefined> {
  const rows = await q.query<UnitRow>(`${UNIT_SELECT} where u.parent_id is null`);
  return rows[0] && toUnit(rows[0]);
}

export async function insertUnit(
  q: Queryable,
  u: { parentId: number | null; name: string; shortName: string | null; kind: UnitKind; regionCode: string | null; sortOrder: number },
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `insert into units (parent_id, name, short_name, kind, region_code, sort_order) values ($1, $2, $3, $4, $5, $6) returning id`,
    [u.parentId, u.name, u.shortName, u.kind, u.regionCode, u.sortOrder],
  );
  return (rows[0] as { id: number }).id;
}

export async function updateUnit(
  q: Queryable,
  id: number,
  version: number,
  u: { parentId: number | null; name: string; shortName: string | null; kind: UnitKind; regionCode: string | null; sortOrder: number; active: boolean },
  now: Date,
): Promise<boolean> {
  const rows = await q.query(
    `update units set parent_id = $3, name = $4, short_name = $5, kind = $6, region_code = $7, sort_order = $8, active = $9,
                      version = version + 1, updated_at = $10
      where id = $1 and version = $2 returning id`,
    [id, version, u.parentId, u.name, u.shortName, u.kind, u.regionCode, u.sortOrder, u.active, now],
  );
  return rows.length === 1;
}

/** Rewrites the paths of a moved unit and everything below it. */
export async function movePaths(q: Queryable, oldPrefix: string, newPrefix: string): Promise<void> {
  await q.query(`update units set path = $2 || substr(path, length($1) + 1) where path like $1 || '%'`, [oldPrefix, newPrefix]);
}

export async function unitUsage(q: Queryable, id: number): Promise<{ children: number; users: number; leaders: number }> {
  const rows = await q.query<{ children: number; users: number; leaders: number }>(
    `select (select count(*) from units where parent_id = $1)::int as children,
            (select count(*) from users where unit_id = $1)::int as users,
            (select count(*) from leader_units where unit_id = $1)::int as leaders`,
    [id],
  );
  return rows[0] as { children: number; users: number; leaders: number };
}

export async function deleteUnit(q: Queryable, id: number, version: number): Promise<boolean> {
  const rows = await q.query('delete from units where id = $1 and version = $2 returning id', [id, version]);
  return rows.length === 1;
}

export async function existingUnitIds(q: Queryable, ids: number[]): Promise<Set<number>> {
  const rows = await q.query<{ id: number }>('select id from units where id = any($1::bigint[])', [ids]);
  return new Set(rows.map((r) => r.id));
}

// ---------------------------------------------------------------- leaders

interface LeaderRow {
  id: number;
  name: string;
  title: string;
  user_id: number | null;
  sort_order: number;
  active: boolean;
  version: number;
  unit_ids: number[] | null;
}

const LEADER_SELECT = `
  select l.id, l.name, l.title, l.user_id, l.sort_order, l.active, l.version,
         (select array_agg(lu.unit_id order by lu.unit_id) from leader_units lu where lu.leader_id = l.id) as unit_ids
    from leaders l`;

const toLeader = (r: LeaderRow): Leader => ({
  id: r.id,
  name: r.name,
  title: r.title,
  userId: r.user_id,
  sortOrder: r.sort_order,
  active: r.active,
  version: r.version,
  unitIds: (r.unit_ids ?? []).map(Number),
});

export async function listLeaders(q: Queryable): Promise<Leader[]> {
  return (await q.query<LeaderRow>(`${LEADER_SELECT} order by l.sort_order, l.id`)).map(toLeader);
}

export async function getLeader(q: Queryable, id: number): Promise<Leader | undefined> {
  const rows = await q.query<LeaderRow>(`${LEADER_SELECT} where l.id = $1`, [id]);
  return rows[0] && toLeader(rows[0]);
}

export async function insertLeader(q: Queryable, l: { name: string; title: string; userId: number | null; sortOrder: number }): Promise<number> {
  const rows = await q.query<{ id: number }>(
    'insert into leaders (name, title, user_id, sort_order) values ($1, $2, $3, $4) returning id',
    [l.name, l.title, l.userId, l.sortOrder],
  );
  return (rows[0] as { id: number }).id;
}

export async function updateLeader(
  q: Queryable,
  id: number,
  version: number,
  l: { name: string; title: string; userId: number | null; sortOrder: number; active: boolean },
  now: Date,
): Promise<boolean> {
  const rows = await q.query(
    `update leaders set name = $3, title = $4, user_id = $5, sort_order = $6, active = $7, version = version + 1, updated_at = $8
      where id = $1 and version = $2 returning id`,
    [id, version, l.name, l.title, l.userId, l.sortOrder, l.active, now],
  );
  return rows.length === 1;
}

export async function setLeaderUnits(q: Queryable, leaderId: number, unitIds: number[]): Promise<void> {
  await q.query('delete from leader_units where leader_id = $1', [leaderId]);
  if (unitIds.length > 0) {
    await q.query('insert into leader_units (leader_id, unit_id) select $1, unnest($2::bigint[])', [leaderId, unitIds]);
  }
}
