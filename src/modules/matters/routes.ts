import { actorOf, authorize, requireUser, type App, type AppContext } from '../../platform/http/app.ts';
import { AppError } from '../../platform/errors.ts';
import { TRANSITIONS, type Side } from '../../domain/matters.ts';
import { cityTarget } from '../org/service.ts';
import * as q from './queries.ts';
import { ActionBody, ActionResult, CreateMatterBody, FileSuggestionBody, Inbox, Matter, MatterIdParams, ListMattersQuery, MatterList, UpdateMatterBody } from './schema.ts';
import * as service from './service.ts';

const SIDE_REFUSAL: Record<Side, { zh: string; en: string }> = {
  assigner: { zh: '只有交办单位的督查人员可以执行此步骤', en: "Only the assigning unit's reviewers take this step" },
  lead: { zh: '只有主办单位可以执行此步骤', en: 'Only the lead unit takes this step' },
  assist: { zh: '只有协办单位可以提出协办意见', en: 'Only an assisting unit gives this view' },
  proposer: { zh: '只有提出人（或交办单位代录）可以评价答复', en: 'Only the proposer (or the assigning unit on their behalf) rates the reply' },
};

export function matterRoutes(app: App, ctx: AppContext): void {
  const unitTarget = async (unitId: number, field: string) => {
    const found = await q.unitsById(ctx.db, [unitId]);
    const u = found.get(unitId);
    if (!u) {
      throw new AppError('VALIDATION', {
        message: `${field}：单位不存在或已停用：${unitId}`,
        messageEn: `${field}: no such active unit: ${unitId}`,
        details: { issues: [{ field, message: `单位不存在或已停用：${unitId}`, messageEn: `no such active unit: ${unitId}` }] },
      });
    }
    return { unitId, unitPath: u.path };
  };

  app.get('/api/matters', { schema: { tags: ['matters'], summary: '督办事项列表 Matters', querystring: ListMattersQuery, response: { 200: MatterList } } }, async (req) => {
    const user = authorize(req, 'matter.read');
    return service.listMatters(ctx, user, req.query);
  });

  app.get('/api/matters/inbox', { schema: { tags: ['matters'], summary: '我的待办 Inbox counts', response: { 200: Inbox } } }, async (req) => {
    const user = authorize(req, 'matter.read');
    return service.inbox(ctx, user);
  });

  app.get('/api/matters/:id', { schema: { tags: ['matters'], summary: '督办事项 Matter', params: MatterIdParams, response: { 200: Matter } } }, async (req) => {
    const user = authorize(req, 'matter.read');
    return service.getMatterDetail(ctx, user, req.params.id);
  });

  app.post('/api/matters', { schema: { tags: ['matters'], summary: '登记/交办督办事项 Register or assign a matter', body: CreateMatterBody, response: { 201: ActionResult, 200: ActionResult } } }, async (req, reply) => {
    const user = authorize(req, 'matter.create', { unitId: requireUser(req).unitId, unitPath: requireUser(req).unitPath });
    if (req.body.leadUnitId) authorize(req, 'matter.create', await unitTarget(req.body.leadUnitId, 'leadUnitId'));
    const r = await service.createMatter(ctx, actorOf(req), user, req.body);
    return reply.status(r.replayed ? 200 : 201).send(r);
  });

  app.post(
    '/api/matters/suggestions',
    { schema: { tags: ['matters'], summary: '提交建议提案 File a suggestion or proposal', body: FileSuggestionBody, response: { 201: ActionResult, 200: ActionResult } } },
    async (req, reply) => {
      const user = authorize(req, 'matter.file');
      const city = await cityTarget(ctx);
      const r = await service.fileSuggestion(ctx, actorOf(req), user, city.unitId, req.body);
      return reply.status(r.replayed ? 200 : 201).send(r);
    },
  );

  app.patch('/api/matters/:id', { schema: { tags: ['matters'], summary: '修改督办事项 Edit a matter', params: MatterIdParams, body: UpdateMatterBody, response: { 200: Matter } } }, async (req) => {
    const user = authorize(req, 'matter.read');
    const row = await service.loadVisible(ctx, user, req.params.id);
    authorize(req, 'matter.review', { unitId: row.assigner_unit_id, unitPath: row.assigner_unit_path });
    return service.updateMatter(ctx, actorOf(req), user, req.params.id, req.body);
  });

  app.post(
    '/api/matters/:id/actions',
    { schema: { tags: ['matters'], summary: '办理步骤 Take a step (sign, report, request closure, review, reply, rate…)', params: MatterIdParams, body: ActionBody, response: { 200: ActionResult } } },
    async (req) => {
      const user = authorize(req, 'matter.read');
      const row = await service.loadVisible(ctx, user, req.params.id);
      const side = TRANSITIONS[req.body.action].side;
      const assisting = side === 'assist' ? (await q.unitsOf(ctx.db, row.id)).filter((u) => u.role === 'assist') : [];
      if (!service.onSide(row, side, user, assisting)) throw new AppError('FORBIDDEN', { message: SIDE_REFUSAL[side].zh, messageEn: SIDE_REFUSAL[side].en });
      // Assigning to a unit needs that unit within the assigner's reach as well.
      if ((req.body.action === 'assign' || req.body.action === 'reassign') && req.body.leadUnitId) {
        authorize(req, 'matter.create', await unitTarget(req.body.leadUnitId, 'leadUnitId'));
      }
      return service.takeAction(ctx, actorOf(req), user, req.params.id, req.body, row.lead_unit_id);
    },
  );
}
