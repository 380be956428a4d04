/**
 * Server-side sessions. The cookie carries a random token; the database keeps only its SHA-256.
 * A session ends after `sessionIdleMinutes` without a request, at logout, when the user ends all
 * sessions, and when an administrator resets the password or disables the account.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import type { Role, Scope, Subject } from '../policies.ts';

export const SESSION_COOKIE = 'luoshi_sid';
export const CSRF_HEADER = 'x-csrf-token';

/** The signed-in user as every route sees it. */
export interface SessionUser extends Subject {
  id: number;
  username: string;
  displayName: string;
  unitName: string;
  mustChangePassword: boolean;
  sessionId: string;
  csrfToken: string;
}

export const tokenHash = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export async function createSession(
  q: Queryable,
  userId: number,
  now: Date,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; id: string; csrfToken: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(32).toString('base64url');
  const id = tokenHash(token);
  await q.query(
    `insert into sessions (id, user_id, csrf_token, created_at, last_seen_at, ip, user_agent) values ($1, $2, $3, $4, $4, $5, $6)`,
    [id, userId, csrfToken, now, client.ip, client.userAgent?.slice(0, 300) ?? null],
  );
  return { token, id, csrfToken };
}

/** A user's columns as SessionUser needs them, from `users u join units un on un.id = u.unit_id`. */
const USER_COLUMNS = `u.id as user_id, u.username, u.display_name, u.role, u.scope, u.unit_id, un.name as unit_name, un.path as unit_path, u.must_change_password`;

interface UserRow {
  user_id: number;
  username: string;
  display_name: string;
  role: Role;
  scope: Scope;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  must_change_password: boolean;
}

interface SessionRow extends UserRow {
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
  disabled: boolean;
}

function sessionUserOf(r: UserRow, session: { id: string; csrfToken: string }): SessionUser {
  return {
    id: r.user_id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    scope: r.scope,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitPath: r.unit_path,
    mustChangePassword: r.must_change_password,
    sessionId: session.id,
    csrfToken: session.csrfToken,
  };
}

/** An active account acting outside any web session (the command line), by username. */
export async function actingUser(q: Queryable, username: string): Promise<SessionUser | undefined> {
  const rows = await q.query<UserRow>(`select ${USER_COLUMNS} from users u join units un on un.id = u.unit_id where u.username = $1 and not u.disabled`, [username]);
  const r = rows[0];
  return r && sessionUserOf({ ...r, must_change_password: false }, { id: 'cli', csrfToken: '' });
}

export type SessionLookup = { status: 'none' } | { status: 'expired' } | { status: 'ok'; user: SessionUser };

/** Resolves a cookie token; ends the session if it has been idle too long; refreshes its clock. */
export async function resolveSession(q: Queryable, token: string, now: Date, idleMinutes: number): Promise<SessionLookup> {
  const id = tokenHash(token);
  const rows = await q.query<SessionRow>(
    `select s.id as session_id, s.csrf_token, s.last_seen_at, ${USER_COLUMNS}, u.disabled
       from sessions s join users u on u.id = s.user_id join units un on un.id = u.unit_id
      where s.id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return { status: 'none' };
  const idleMs = now.getTime() - r.last_seen_at.getTime();
  if (idleMs > idleMinutes * 60_000 || r.disabled) {
    await q.query('delete from sessions where id = $1', [id]);
    return { status: 'expired' };
  }
  // Refresh at most every 15 s: the idle clock stays accurate without a write per request.
  if (idleMs > 15_000) await q.query('update sessions set last_seen_at = $2 where id = $1', [id, now]);
  return { status: 'ok', user: sessionUserOf(r, { id: r.session_id, csrfToken: r.csrf_token }) };
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
