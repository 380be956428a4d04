/** User administration use cases. Authorization happens in routes.ts; each use case is one transaction. */
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { AppError, notFound, validationError, versionConflict } from '../../platform/errors.ts';
import { assertPasswordPolicy, generatePassword, hashPassword } from '../../platform/auth/password.ts';
import type { AppContext } from '../../platform/http/app.ts';
import { ROLE_SCOPES, ROLE_LABELS, SCOPE_LABELS, type Role, type Scope } from '../../platform/policies.ts';
import { deleteSessions, setPassword } from '../auth/queries.ts';
import * as q from './queries.ts';
import type { CreateUserBody, UpdateUserBody } from './schema.ts';

export const USER = { zh: '用户', en: 'User' };


export async function loadUser(ctx: AppContext, id: number): Promise<q.UserWithPath> {
  const user = await q.getUser(ctx.db, id, ctx.clock.now());
  if (!user) throw notFound(USER, id);
  return user;
}

/** The role may hold this scope (a rule of the data, whoever the actor is). */
export function assertRoleScope(role: Role, scope: Scope): void {
  if (!ROLE_SCOPES[role].includes(scope)) {
    const allowed = ROLE_SCOPES[role];
    throw validationError([
      {
        field: 'scope',
        message: `角色「${ROLE_LABELS[role].zh}」的数据范围只能是：${allowed.map((s) => SCOPE_LABELS[s].zh).join('、')}`,
        messageEn: `a ${ROLE_LABELS[role].en} may only have scope: ${allowed.join(', ')}`,
      },
    ]);
  }
}

export async function createUser(ctx: AppContext, actor: Actor, input: CreateUserBody) {
  assertRoleScope(input.role, input.scope);
  const initialPassword = input.password ?? generatePassword();
  if (input.password !== undefined) assertPasswordPolicy(input.password, input.username, 'password');
  const hash = await hashPassword(initialPassword);
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const taken = await tx.query('select 1 from users where lower(username) = lower($1)', [input.username]);
    if (taken.length) throw validationError([{ field: 'username', message: `用户名已存在：${input.username}`, messageEn: `user name already taken: ${input.username}` }]);
    const id = await q.insertUser(
      tx,
      { username: input.username, displayName: input.displayName, unitId: input.unitId, role: input.role, scope: input.scope, phone: input.phone ?? null, passwordHash: hash, mustChange: true },
      now,
    );
    const user = q.publicUser((await q.getUser(tx, id, now)) as q.UserWithPath);
    await recordAudit(tx, actor, now, { action: 'user.create', entityType: 'user', entityId: id, unitId: user.unitId, after: user });
    return { user, initialPassword: input.password === undefined ? initialPassword : null };
  });
}

export async function updateUser(ctx: AppContext, actor: Actor, id: number, input: UpdateUserBody) {
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const before = await q.getUser(tx, id, now, true);
    if (!before) throw notFound(USER, id);
    if (before.version !== input.version) throw versionConflict(before.version);
    const next = {
      displayName: input.displayName ?? before.displayName,
      unitId: input.unitId ?? before.unitId,
      role: input.role ?? before.role,
      scope: input.scope ?? before.scope,
      phone: input.phone === undefined ? before.phone : input.phone,
      disabled: input.disabled ?? before.disabled,
    };
    if (actor.userId === id && (next.role !== before.role || next.scope !== before.scope || next.disabled || next.unitId !== before.unitId)) {
      throw new AppError('FORBIDDEN', {
        message: '不能修改本人的角色、范围、单位或停用本人账户',
        messageEn: 'You cannot change your own role, scope or unit, or disable yourself',
      });
    }
    assertRoleScope(next.role, next.scope);
    const ok = await q.updateUser(tx, id, input.version, next, now);
    if (!ok) throw versionConflict(before.version);
    const reachChanged = next.role !== before.role || next.scope !== before.scope || next.unitId !== before.unitId;
    // A disabled account, or one whose reach changed, signs in again.
    if (next.disabled || reachChanged) await deleteSessions(tx, id, null);
    const after = (await q.getUser(tx, id, now)) as q.UserWithPath;
    await recordAudit(tx, actor, now, { action: 'user.update', entityType: 'user', entityId: id, unitId: after.unitId, before: q.publicUser(before), after: q.publicUser(after) });
    return q.publicUser(after);
  });
}

export async function resetPassword(ctx: AppContext, actor: Actor, id: number): Promise<{ temporaryPassword: string }> {
  const temporaryPassword = generatePassword();
  const hash = await hashPassword(temporaryPassword);
  const now = ctx.clock.now();
  await ctx.db.tx(async (tx) => {
    const user = await q.getUser(tx, id, now, true);
    if (!user) throw notFound(USER, id);
    await setPassword(tx, id, hash, now, true);
    const ended = await deleteSessions(tx, id, null);
    await recordAudit(tx, actor, now, { action: 'user.reset_password', entityType: 'user', entityId: id, unitId: user.unitId, after: { mustChangePassword: true, sessionsEnded: ended } });
  });
  return { temporaryPassword };
}

export async function unlock(ctx: AppContext, actor: Actor, id: number) {
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const before = await q.getUser(tx, id, now, true);
    if (!before) throw notFound(USER, id);
    await q.unlockUser(tx, id, now);
    const after = (await q.getUser(tx, id, now)) as q.UserWithPath;
    await recordAudit(tx, actor, now, { action: 'user.unlock', entityType: 'user', entityId: id, unitId: after.unitId, before: { lockedUntil: before.lockedUntil }, after: { lockedUntil: null } });
    return q.publicUser(after);
  });
}
