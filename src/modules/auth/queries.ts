import type { Queryable } from '../../platform/db/index.ts';
import type { Role, Scope } from '../../platform/policies.ts';

export interface LoginRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  scope: Scope;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  must_change_password: boolean;
  password_hash: string;
  disabled: boolean;
  locked_until: Date | null;
  failed_logins: number;
}

export async function findLoginUser(q: Queryable, username: string): Promise<LoginRow | undefined> {
  const rows = await q.query<LoginRow>(
    `select u.id, u.username, u.display_name, u.role, u.scope, u.unit_id, un.name as unit_name, un.path as unit_path,
            u.must_change_password, u.password_hash, u.disabled, u.locked_until, u.failed_logins
       from users u join units un on un.id = u.unit_id where lower(u.username) = lower($1)`,
    [username],
  );
  return rows[0];
}

/** Counts a failure atomically; locks the account when the count reaches `max`. */
export async function recordFailure(q: Queryable, userId: number, now: Date, max: number, lockMinutes: number) {
  const rows = await q.query<{ failed_logins: number; locked_until: Date | null }>(
    `update users set
        failed_logins = case when failed_logins + 1 >= $3 then 0 else failed_logins + 1 end,
        locked_until  = case when failed_logins + 1 >= $3 then $2::timestamptz + make_interval(mins => $4) else locked_until end
      where id = $1
      returning failed_logins, locked_until`,
    [userId, now, max, lockMinutes],
  );
  return rows[0];
}

export async function recordSuccess(q: Queryable, userId: number, now: Date): Promise<void> {
  await q.query(`update users set failed_logins = 0, locked_until = null, last_login_at = $2 where id = $1`, [userId, now]);
}

export async function passwordHashOf(q: Queryable, userId: number): Promise<string | undefined> {
  const rows = await q.query<{ password_hash: string }>('select password_hash from users where id = $1', [userId]);
  return rows[0]?.password_hash;
}

export async function setPassword(q: Queryable, userId: number, hash: string, now: Date, mustChange: boolean): Promise<void> {
  await q.query(
    `update users set password_hash = $2, must_change_password = $4, password_changed_at = $3, failed_logins = 0,
                      locked_until = null, version = version + 1, updated_at = $3
      where id = $1`,
    [userId, hash, now, mustChange],
  );
}

export async function deleteSessions(q: Queryable, userId: number, exceptSessionId: string | null): Promise<number> {
  const rows = await q.query<{ id: string }>(
    `delete from sessions where user_id = $1 and ($2::text is null or id <> $2) returning id`,
    [userId, exceptSessionId],
  );
  return rows.length;
}

export async function deleteSession(q: Queryable, sessionId: string): Promise<void> {
  await q.query('delete from sessions where id = $1', [sessionId]);
}

export async function listSessions(q: Queryable, userId: number) {
  return q.query<{ id: string; created_at: Date; last_seen_at: Date; ip: string | null; user_agent: string | null }>(
    `select id, created_at, last_seen_at, ip, user_agent from sessions where user_id = $1 order by last_seen_at desc`,
    [userId],
  );
}
