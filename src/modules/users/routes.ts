import { actorOf, authorize, type App, type AppContext } from '../../platform/http/app.ts';
import { AppError, validationError } from '../../platform/errors.ts';
import { mayGrant } from '../../platform/policies.ts';
import { IdParams } from '../org/schema.ts';
import * as q from './queries.ts';
import { CreateUserBody, CreateUserResult, ListUsersQuery, ResetPasswordResult, UpdateUserBody, User, UserList } from './schema.ts';
import * as service from './service.ts';

export function userRoutes(app: App, ctx: AppContext): void {
  /** The path of a unit named in a body, or a validation error on that field. */
  const unitTarget = async (unitId: number) => {
    const unitPath = await q.unitPathOf(ctx.db, unitId);
    if (!unitPath) throw validationError([{ field: 'unitId', message: `单位不存在：${unitId}`, messageEn: `no such unit: ${unitId}` }]);
    return { unitId, unitPath };
  };
  const assertGrant = (actor: ReturnType<typeof authorize>, grant: Parameters<typeof mayGrant>[1]) => {
    if (!mayGrant(actor, grant)) {
      throw new AppError('FORBIDDEN', { message: '不能授予超出本人管理范围的角色或数据范围', messageEn: 'You cannot grant a reach wider than your own' });
    }
  };

  app.get('/api/users', { schema: { tags: ['users'], summary: '用户列表 Users', querystring: ListUsersQuery, response: { 200: UserList } } }, async (req) => {
    const actor = authorize(req, 'user.read');
    const list = await q.listUsers(ctx.db, actor, req.query, ctx.clock.now());
    return { items: list.items.map(q.publicUser), total: list.total };
  });

  app.get('/api/users/:id', { schema: { tags: ['users'], summary: '用户 User', params: IdParams, response: { 200: User } } }, async (req) => {
    const user = await service.loadUser(ctx, req.params.id);
    authorize(req, 'user.read', user);
    return q.publicUser(user);
  });

  app.post('/api/users', { schema: { tags: ['users'], summary: '新增用户 Create user', body: CreateUserBody, response: { 201: CreateUserResult } } }, async (req, reply) => {
    const unit = await unitTarget(req.body.unitId);
    const actor = authorize(req, 'user.manage', unit);
    assertGrant(actor, { role: req.body.role, scope: req.body.scope, unit });
    return reply.status(201).send(await service.createUser(ctx, actorOf(req), req.body));
  });

  app.patch('/api/users/:id', { schema: { tags: ['users'], summary: '修改用户 Update user', params: IdParams, body: UpdateUserBody, response: { 200: User } } }, async (req) => {
    const user = await service.loadUser(ctx, req.params.id);
    const actor = authorize(req, 'user.manage', user);
    const b = req.body;
    if (b.unitId !== undefined || b.role !== undefined || b.scope !== undefined) {
      const unit = b.unitId !== undefined ? await unitTarget(b.unitId) : user;
      assertGrant(actor, { role: b.role ?? user.role, scope: b.scope ?? user.scope, unit });
    }
    return service.updateUser(ctx, actorOf(req), req.params.id, b);
  });

  app.post(
    '/api/users/:id/reset-password',
    { schema: { tags: ['users'], summary: '重置密码 Reset password', params: IdParams, response: { 200: ResetPasswordResult } } },
    async (req) => {
      const user = await service.loadUser(ctx, req.params.id);
      authorize(req, 'user.reset_password', user);
      return service.resetPassword(ctx, actorOf(req), req.params.id);
    },
  );

  app.post('/api/users/:id/unlock', { schema: { tags: ['users'], summary: '解除锁定 Unlock', params: IdParams, response: { 200: User } } }, async (req) => {
    const user = await service.loadUser(ctx, req.params.id);
    authorize(req, 'user.manage', user);
    return service.unlock(ctx, actorOf(req), req.params.id);
  });
}
