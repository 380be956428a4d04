import { z } from 'zod';
import { actorOf, authorize, type App, type AppContext } from '../../platform/http/app.ts';
import * as q from './queries.ts';
import { CreateLeaderBody, CreateUnitBody, IdParams, Leader, Unit, UpdateLeaderBody, UpdateUnitBody, VersionQuery } from './schema.ts';
import * as service from './service.ts';

const target = (u: Unit) => ({ unitId: u.id, unitPath: u.path });

export function orgRoutes(app: App, ctx: AppContext): void {
  app.get('/api/units', { schema: { tags: ['org'], summary: '单位列表（树）Units', response: { 200: z.array(Unit) } } }, async (req) => {
    authorize(req, 'org.read');
    return q.listUnits(ctx.db);
  });

  app.get('/api/units/:id', { schema: { tags: ['org'], summary: '单位 Unit', params: IdParams, response: { 200: Unit } } }, async (req) => {
    authorize(req, 'org.read');
    return service.loadUnit(ctx, req.params.id);
  });

  app.post('/api/units', { schema: { tags: ['org'], summary: '新增单位 Create unit', body: CreateUnitBody, response: { 201: Unit } } }, async (req, reply) => {
    const parent = await q.getUnit(ctx.db, req.body.parentId);
    if (!parent) throw service.noSuchParent(req.body.parentId);
    authorize(req, 'org.manage', target(parent));
    return reply.status(201).send(await service.createUnit(ctx, actorOf(req), req.body));
  });

  app.patch(
    '/api/units/:id',
    { schema: { tags: ['org'], summary: '修改单位 Update unit', params: IdParams, body: UpdateUnitBody, response: { 200: Unit } } },
    async (req) => {
      const unit = await service.loadUnit(ctx, req.params.id);
      authorize(req, 'org.manage', target(unit));
      if (req.body.parentId !== undefined && req.body.parentId !== unit.parentId) {
        const parent = await q.getUnit(ctx.db, req.body.parentId);
        if (parent) authorize(req, 'org.manage', target(parent));
      }
      return service.updateUnit(ctx, actorOf(req), req.params.id, req.body);
    },
  );

  app.delete(
    '/api/units/:id',
    { schema: { tags: ['org'], summary: '删除单位 Delete unit', params: IdParams, querystring: VersionQuery } },
    async (req, reply) => {
      const unit = await service.loadUnit(ctx, req.params.id);
      authorize(req, 'org.manage', target(unit));
      await service.deleteUnit(ctx, actorOf(req), req.params.id, req.query.version);
      return reply.status(204).send();
    },
  );

  app.get('/api/leaders', { schema: { tags: ['org'], summary: '领导及包联 Leaders', response: { 200: z.array(Leader) } } }, async (req) => {
    authorize(req, 'org.read');
    return q.listLeaders(ctx.db);
  });

  // Leaders belong to the city: managing them needs the root unit in scope (a city-wide admin).
  const cityTarget = () => service.cityTarget(ctx);

  app.post('/api/leaders', { schema: { tags: ['org'], summary: '新增领导 Create leader', body: CreateLeaderBody, response: { 201: Leader } } }, async (req, reply) => {
    authorize(req, 'leader.manage', await cityTarget());
    return reply.status(201).send(await service.createLeader(ctx, actorOf(req), req.body));
  });

  app.patch(
    '/api/leaders/:id',
    { schema: { tags: ['org'], summary: '修改领导及包联 Update leader', params: IdParams, body: UpdateLeaderBody, response: { 200: Leader } } },
    async (req) => {
      authorize(req, 'leader.manage', await cityTarget());
      return service.updateLeader(ctx, actorOf(req), req.params.id, req.body);
    },
  );
}
