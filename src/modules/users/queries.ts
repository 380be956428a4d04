import type { Queryable } from '../../platform/db/index.ts';
import { reachSql } from '../../platform/reach.ts';
import { fetchPage } from '../../platform/db/paging.ts';
import type { Role, Scope, Subject } from '../../platform/policies.ts';
import type { ListUsersQuery, User } from './schema.ts';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  role: Role;
  scope: Scope;
  phone: string | null;
  disabled: boolean;
  must_change_password: boolean;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  version: number;
}

export type UserWithPath = User & { unitPath: string };

/** The user as the API shows it (the unit path is for scope checks only). */
export const publicUser = ({ unitPath: _p, ...user }: UserWithPath): User => user;

export async function userIdByName(q: Queryable, username: string): Promise<number | undefined> {
  const rows = await q.query<{ id: number }>('select id from users where lower(username) = lower($1)', [username]);
  return rows[0]?.id;
}

const COLUMNS = `u.id, u.username, u.display_name, u.unit_id, un.name as unit_name, un.path as unit_path, u.role, u.scope, u.phone,
         u.disabled, u.must_change_password, u.locked_until, u.last_login_at, u.created_at, u.version`;
const FROM = 'from users u join units un on un.id = u.unit_id';
const SELECT = `select ${COLUMNS} ${FROM}`;

/** `now` decides whether a past lock still counts. */
const toUser = (r: UserRow, now: Date): UserWithPath => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  role: r.role,
  scope: r.scope,
  phone: r.phone,
  disabled: r.disabled,
  mustChangePassword: r.must_change_password,
  lockedUntil: r.locked_until && r.locked_until > now ? r.locked_until.toISOString() : null,
  lastLoginAt: r.last_login_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  version: r.version,
});

export async function listUsers(q: Queryable, reach: Subject, filter: ListUsersQuery, now: Date): Promise<{ items: UserWithPath[]; total: number }> {
  const params: unknown[] = [];
  const where = [reachSql(reach, 'u.unit_id', 'un.path', params)];
  if (filter.unitId !== undefined) {
    params.push(filter.unitId);
    where.push(
      filter.subunits
        ? `un.path like (select path || '%' from units where id = $${params.length})`
        : `u.unit_id = $${params.length}`,
    );
  }
  if (filter.role) {
    params.push(filter.role);
    where.push(`u.role = $${params.length}`);
  }
  if (filter.q) {
    params.push(`%${filter.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    where.push(`(u.username ilike $${params.length} or u.display_name ilike $${params.length})`);
  }
  const { rows, total } = await fetchPage<UserRow>(q, { columns: COLUMNS, from: FROM, where: where.join(' and '), orderBy: 'un.path, u.id' }, params, filter.page, filter.pageSize);
  return { items: rows.map((r) => toUser(r, now)), total };
}

export async function getUser(q: Queryable, id: number, now: Date, forUpdate = false): Promise<UserWithPath | undefined> {
  const rows = await q.query<UserRow>(`${SELECT} where u.id = $1${forUpdate ? ' for update of u' : ''}`, [id]);
  return rows[0] && toUser(rows[0], now);
}

export async function insertUser(
  q: Queryable,
  u: { username: string; displayName: string; unitId: number; role: Role; scope: Scope; phone: string | null; passwordHash: string; mustChange: boolean },
  now: Date,
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `insert into users (username, display_name, unit_id, role, scope, phone, password_hash, must_change_password, password_changed_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9) returning id`,
    [u.username, u.displayName, u.unitId, u.role, u.scope, u.phone, u.passwordHash, u.mustChange, now],
  );
  return (rows[0] as { id: number }).id;
}

export async function updateUser(
  q: Queryable,
  id: number,
  version: number,
  u: { displayName: string; unitId: number; role: Role; scope: Scope; phone: string | null; disabled: boolean },
  now: Date,
): Promise<boolean> {
  const rows = await q.query(
    `update users set display_name = $3, unit_id = $4, role = $5, scope = $6, phone = $7, disabled = $8, version = version + 1, updated_at = $9
      where id = $1 and version = $2 returning id`,
    [id, version, u.displayName, u.unitId, u.role, u.scope, u.phone, u.disabled, now],
  );
  return rows.length === 1;
}

export async function unlockUser(q: Queryable, id: number, now: Date): Promise<void> {
  await q.query('update users set failed_logins = 0, locked_until = null, version = version + 1, updated_at = $2 where id = $1', [id, now]);
}

export async function unitPathOf(q: Queryable, unitId: number): Promise<string | undefined> {
  const rows = await q.query<{ path: string }>('select path from units where id = $1', [unitId]);
  return rows[0]?.path;
}
