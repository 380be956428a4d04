/** Sign-in, sign-out, own password and own sessions. Each use case is one transaction. */
import { AppError } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { createSession, type SessionUser } from '../../platform/auth/sessions.ts';
import { assertPasswordPolicy, burnVerification, hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import type { AppContext } from '../../platform/http/app.ts';
import { permissionsOf } from '../../platform/policies.ts';
import * as q from './queries.ts';
import type { Me, SessionInfo } from './schema.ts';

export interface LoginOutcome {
  token: string;
  user: SessionUser;
}

export async function login(
  ctx: AppContext,
  input: { username: string; password: string },
  client: { ip: string | null; userAgent: string | null },
): Promise<LoginOutcome> {
  const now = ctx.clock.now();
  const { db, config } = ctx;
  const actorFor = (u?: { id: number; username: string }): Actor => ({ userId: u?.id ?? null, username: u?.username ?? input.username.slice(0, 64), ip: client.ip });
  const user = await q.findLoginUser(db, input.username);
  if (!user) {
    await burnVerification(input.password);
    await db.tx((tx) => recordAudit(tx, actorFor(), now, { action: 'auth.login_failed', entityType: 'user', after: { reason: 'unknown_user' } }));
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until > now) {
    throw lockedError(user.locked_until);
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok) {
    const lockedUntil = await db.tx(async (tx) => {
      const r = await q.recordFailure(tx, user.id, now, config.loginMaxFailures, config.loginLockMinutes);
      const locked = r?.locked_until && r.locked_until > now ? r.locked_until : null;
      await recordAudit(tx, actorFor(user), now, {
        action: locked ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        unitId: user.unit_id,
        after: locked ? { lockedUntil: locked.toISOString() } : { reason: 'wrong_password', failedLogins: r?.failed_logins },
      });
      return locked;
    });
    if (lockedUntil) throw lockedError(lockedUntil);
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (user.disabled) throw new AppError('AUTH_DISABLED');
  return db.tx(async (tx) => {
    await q.recordSuccess(tx, user.id, now);
    const session = await createSession(tx, user.id, now, client);
    await recordAudit(tx, actorFor(user), now, { action: 'auth.login', entityType: 'user', entityId: user.id, unitId: user.unit_id });
    return {
      token: session.token,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        role: user.role,
        scope: user.scope,
        unitId: user.unit_id,
        unitName: user.unit_name,
        unitPath: user.unit_path,
        mustChangePassword: user.must_change_password,
        sessionId: session.id,
        csrfToken: session.csrfToken,
      },
    };
  });
}

function lockedError(until: Date): AppError {
  const hhmm = until.toISOString();
  return new AppError('AUTH_LOCKED', {
    message: `登录失败次数过多，账户已锁定至 ${hhmm}`,
    messageEn: `Too many failed sign-ins; the account is locked until ${hhmm}`,
    details: { lockedUntil: hhmm },
  });
}

export async function logout(ctx: AppContext, user: SessionUser, actor: Actor): Promise<void> {
  await ctx.db.tx(async (tx) => {
    await q.deleteSession(tx, user.sessionId);
    await recordAudit(tx, actor, ctx.clock.now(), { action: 'auth.logout', entityType: 'user', entityId: user.id, unitId: user.unitId });
  });
}

export async function changePassword(
  ctx: AppContext,
  user: SessionUser,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const stored = await q.passwordHashOf(ctx.db, user.id);
  if (!stored || !(await verifyPassword(stored, input.currentPassword))) {
    throw new AppError('PASSWORD_WRONG', { details: { issues: [{ field: 'currentPassword', message: '当前密码不正确', messageEn: 'The current password is wrong' }] } });
  }
  assertPasswordPolicy(input.newPassword, user.username);
  if (input.newPassword === input.currentPassword) {
    throw new AppError('PASSWORD_POLICY', {
      message: '新密码不能与当前密码相同',
      messageEn: 'The new password must differ from the current one',
      details: { issues: [{ field: 'newPassword', message: '不能与当前密码相同', messageEn: 'must differ from the current password' }] },
    });
  }
  const hash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.db.tx(async (tx) => {
    await q.setPassword(tx, user.id, hash, now, false);
    // Other sessions may belong to whoever knew the old password: end them.
    const ended = await q.deleteSessions(tx, user.id, user.sessionId);
    await recordAudit(tx, actor, now, {
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: user.id,
      unitId: user.unitId,
      after: { otherSessionsEnded: ended },
    });
  });
}

export async function listOwnSessions(ctx: AppContext, user: SessionUser): Promise<SessionInfo[]> {
  const rows = await q.listSessions(ctx.db, user.id);
  return rows.map((r) => ({
    id: r.id.slice(0, 12),
    createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.id === user.sessionId,
  }));
}

export async function revokeOwnSessions(ctx: AppContext, user: SessionUser, actor: Actor, keepCurrent: boolean): Promise<number> {
  return ctx.db.tx(async (tx) => {
    const n = await q.deleteSessions(tx, user.id, keepCurrent ? user.sessionId : null);
    await recordAudit(tx, actor, ctx.clock.now(), {
      action: 'auth.sessions_revoked',
      entityType: 'user',
      entityId: user.id,
      unitId: user.unitId,
      after: { revoked: n, keepCurrent },
    });
    return n;
  });
}

export function presentMe(user: SessionUser, idleMinutes: number): Me {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    scope: user.scope,
    unit: { id: user.unitId, name: user.unitName, path: user.unitPath },
    mustChangePassword: user.mustChangePassword,
    permissions: permissionsOf(user.role),
    csrfToken: user.csrfToken,
    sessionIdleMinutes: idleMinutes,
  };
}
