/** Organisation use cases: the unit tree and the leaders in charge (包联). One transaction each. */
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { AppError, notFound, validationError, versionConflict } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/http/app.ts';
import * as q from './queries.ts';
import type { CreateLeaderBody, CreateUnitBody, Leader, Unit, UpdateLeaderBody, UpdateUnitBody } from './schema.ts';

export const UNIT = { zh: '单位', en: 'Unit' };
export const LEADER = { zh: '领导', en: 'Leader' };

export const noSuchParent = (id: number) =>
  validationError([{ field: 'parentId', message: `上级单位不存在：${id}`, messageEn: `no such parent unit: ${id}` }]);

/** The root unit as a policy target: what city-wide actions (leaders, the whole audit chain) are checked against. */
export async function cityTarget(ctx: AppContext): Promise<{ unitId: number; unitPath: string }> {
  const root = await q.rootUnit(ctx.db);
  if (!root) throw new AppError('NOT_FOUND', { message: '尚未建立根单位', messageEn: 'There is no root unit yet' });
  return { unitId: root.id, unitPath: root.path };
}

export async function loadUnit(ctx: AppContext, id: number): Promise<Unit> {
  const unit = await q.getUnit(ctx.db, id);
  if (!unit) throw notFound(UNIT, id);
  return unit;
}

export async function createUnit(ctx: AppContext, actor: Actor, input: CreateUnitBody): Promise<Unit> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const parent = await q.getUnit(tx, input.parentId);
    if (!parent) throw noSuchParent(input.parentId);
    const id = await q.insertUnit(tx, {
      parentId: input.parentId,
      name: input.name,
      shortName: input.shortName ?? null,
      kind: input.kind,
      regionCode: input.regionCode ?? null,
      sortOrder: input.sortOrder ?? 0,
    }).catch(uniqueAsField);
    const unit = (await q.getUnit(tx, id)) as Unit;
    await recordAudit(tx, actor, now, { action: 'unit.create', entityType: 'unit', entityId: id, unitId: id, after: unit });
    return unit;
  });
}

export async function updateUnit(ctx: AppContext, actor: Actor, id: number, input: UpdateUnitBody): Promise<Unit> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const before = await q.getUnit(tx, id, true);
    if (!before) throw notFound(UNIT, id);
    if (before.version !== input.version) throw versionConflict(before.version);
    let parentId = before.parentId;
    if (input.parentId !== undefined && input.parentId !== before.parentId) {
      if (before.parentId === null) {
        throw validationError([{ field: 'parentId', message: '根单位不能移动', messageEn: 'the root unit cannot be moved' }]);
      }
      const parent = await q.getUnit(tx, input.parentId);
      if (!parent) throw noSuchParent(input.parentId);
      if (parent.path.startsWith(before.path)) {
        throw validationError([{ field: 'parentId', message: '不能移到自身或其下级单位之下', messageEn: 'a unit cannot move under itself or its own sub-units' }]);
      }
      parentId = parent.id;
    }
    const ok = await q
      .updateUnit(
        tx,
        id,
        input.version,
        {
          parentId,
          name: input.name ?? before.name,
          shortName: input.shortName === undefined ? before.shortName : input.shortName,
          kind: input.kind ?? before.kind,
          regionCode: input.regionCode === undefined ? before.regionCode : input.regionCode,
          sortOrder: input.sortOrder ?? before.sortOrder,
          active: input.active ?? before.active,
        },
        now,
      )
      .catch(uniqueAsField);
    if (!ok) throw versionConflict(before.version);
    if (parentId !== before.parentId) {
      const parent = (await q.getUnit(tx, parentId as number)) as Unit;
      await q.movePaths(tx, before.path, `${parent.path}${id}/`);
    }
    const after = (await q.getUnit(tx, id)) as Unit;
    await recordAudit(tx, actor, now, { action: 'unit.update', entityType: 'unit', entityId: id, unitId: id, before, after });
    return after;
  });
}

export async function deleteUnit(ctx: AppContext, actor: Actor, id: number, version: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.tx(async (tx) => {
    const before = await q.getUnit(tx, id, true);
    if (!before) throw notFound(UNIT, id);
    if (before.version !== version) throw versionConflict(before.version);
    if (before.parentId === null) throw new AppError('IN_USE', { message: '根单位不能删除', messageEn: 'The root unit cannot be deleted' });
    const use = await q.unitUsage(tx, id);
    if (use.children + use.users + use.leaders > 0) {
      throw new AppError('IN_USE', {
        message: `该单位仍有 ${use.children} 个下级单位、${use.users} 个用户、${use.leaders} 个包联领导，无法删除；可改为停用`,
        messageEn: `The unit still has ${use.children} sub-units, ${use.users} users and ${use.leaders} leaders in charge; deactivate it instead`,
        details: use,
      });
    }
    await q.deleteUnit(tx, id, version);
    await recordAudit(tx, actor, now, { action: 'unit.delete', entityType: 'unit', entityId: id, unitId: before.parentId, before });
  });
}

function uniqueAsField(err: unknown): never {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23505' && e.constraint === 'units_sibling_name') {
    throw validationError([{ field: 'name', message: '同一上级下已有同名单位', messageEn: 'a unit of that name already exists under this parent' }]);
  }
  if (e.code === '23505' && e.constraint === 'units_region_code') {
    throw validationError([{ field: 'regionCode', message: '该行政区划代码已被其他单位使用', messageEn: 'another unit already has this region code' }]);
  }
  throw err;
}

// ---------------------------------------------------------------- leaders

export async function loadLeader(ctx: AppContext, id: number): Promise<Leader> {
  const leader = await q.getLeader(ctx.db, id);
  if (!leader) throw notFound(LEADER, id);
  return leader;
}

async function checkUnits(tx: Parameters<typeof q.existingUnitIds>[0], unitIds: number[]): Promise<number[]> {
  const unique = [...new Set(unitIds)];
  const found = await q.existingUnitIds(tx, unique);
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) {
    throw validationError([{ field: 'unitIds', message: `单位不存在：${missing.join('、')}`, messageEn: `no such units: ${missing.join(', ')}` }]);
  }
  return unique;
}

async function checkUser(tx: Parameters<typeof q.existingUnitIds>[0], userId: number | null | undefined): Promise<void> {
  if (userId == null) return;
  const rows = await tx.query('select 1 from users where id = $1', [userId]);
  if (rows.length === 0) throw validationError([{ field: 'userId', message: `用户不存在：${userId}`, messageEn: `no such user: ${userId}` }]);
}

export async function createLeader(ctx: AppContext, actor: Actor, input: CreateLeaderBody): Promise<Leader> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const unitIds = await checkUnits(tx, input.unitIds);
    await checkUser(tx, input.userId);
    const id = await q.insertLeader(tx, { name: input.name, title: input.title, userId: input.userId ?? null, sortOrder: input.sortOrder ?? 0 });
    await q.setLeaderUnits(tx, id, unitIds);
    const leader = (await q.getLeader(tx, id)) as Leader;
    await recordAudit(tx, actor, now, { action: 'leader.create', entityType: 'leader', entityId: id, after: leader });
    return leader;
  });
}

export async function updateLeader(ctx: AppContext, actor: Actor, id: number, input: UpdateLeaderBody): Promise<Leader> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const before = await q.getLeader(tx, id);
    if (!before) throw notFound(LEADER, id);
    if (before.version !== input.version) throw versionConflict(before.version);
    if (input.userId !== undefined) await checkUser(tx, input.userId);
    const ok = await q.updateLeader(
      tx,
      id,
      input.version,
      {
        name: input.name ?? before.name,
        title: input.title ?? before.title,
        userId: input.userId === undefined ? before.userId : input.userId,
        sortOrder: input.sortOrder ?? before.sortOrder,
        active: input.active ?? before.active,
      },
      now,
    );
    if (!ok) throw versionConflict(before.version);
    if (input.unitIds) await q.setLeaderUnits(tx, id, await checkUnits(tx, input.unitIds));
    const after = (await q.getLeader(tx, id)) as Leader;
    await recordAudit(tx, actor, now, { action: 'leader.update', entityType: 'leader', entityId: id, before, after });
    return after;
  });
}
