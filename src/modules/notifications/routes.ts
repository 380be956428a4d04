import { z } from 'zod';
import { actorOf, authorize, type App, type AppContext } from '../../platform/http/app.ts';
import { notFound } from '../../platform/errors.ts';
import * as q from './queries.ts';
import {
  CreateWebhookBody,
  ListNotificationsQuery,
  Notification,
  NotificationIdParams,
  NotificationList,
  ReadAllResult,
  UnitParams,
  UpdateWebhookBody,
  VersionQuery,
  Webhook,
  WebhookParams,
  WebhookTestResult,
} from './schema.ts';
import * as service from './service.ts';

const UNIT = { zh: '单位', en: 'Unit' };

export function notificationRoutes(app: App, ctx: AppContext): void {
  // ---------------------------------------------------------------- my notifications (own only)
  app.get(
    '/api/notifications',
    { schema: { tags: ['notifications'], summary: '我的通知 My notifications', querystring: ListNotificationsQuery, response: { 200: NotificationList } } },
    async (req) => {
      const user = authorize(req, 'account.self');
      return service.listMine(ctx, user, req.query);
    },
  );

  app.post(
    '/api/notifications/read-all',
    { schema: { tags: ['notifications'], summary: '全部标为已读 Mark all read', response: { 200: ReadAllResult } } },
    async (req) => {
      const user = authorize(req, 'account.self');
      return service.markAllRead(ctx, user);
    },
  );

  app.post(
    '/api/notifications/:id/read',
    { schema: { tags: ['notifications'], summary: '标为已读 Mark read', params: NotificationIdParams, response: { 200: Notification } } },
    async (req) => {
      const user = authorize(req, 'account.self');
      return service.markRead(ctx, user, req.params.id);
    },
  );

  // ---------------------------------------------------------------- a unit's robots (administrators within scope)
  const unitTarget = async (unitId: number) => {
    const unitPath = await q.unitPathOf(ctx.db, unitId);
    if (!unitPath) throw notFound(UNIT, unitId);
    return { unitId, unitPath };
  };

  app.get(
    '/api/units/:id/webhooks',
    { schema: { tags: ['notifications'], summary: '单位消息推送 A unit’s webhooks', params: UnitParams, response: { 200: z.array(Webhook) } } },
    async (req) => {
      authorize(req, 'webhook.manage', await unitTarget(req.params.id));
      return service.listWebhooks(ctx, req.params.id);
    },
  );

  app.post(
    '/api/units/:id/webhooks',
    { schema: { tags: ['notifications'], summary: '新增消息推送 Add a webhook', params: UnitParams, body: CreateWebhookBody, response: { 201: Webhook } } },
    async (req, reply) => {
      authorize(req, 'webhook.manage', await unitTarget(req.params.id));
      return reply.status(201).send(await service.createWebhook(ctx, actorOf(req), req.params.id, req.body));
    },
  );

  app.patch(
    '/api/units/:id/webhooks/:wid',
    { schema: { tags: ['notifications'], summary: '修改消息推送 Update a webhook', params: WebhookParams, body: UpdateWebhookBody, response: { 200: Webhook } } },
    async (req) => {
      authorize(req, 'webhook.manage', await unitTarget(req.params.id));
      return service.updateWebhook(ctx, actorOf(req), req.params.id, req.params.wid, req.body);
    },
  );

  app.delete(
    '/api/units/:id/webhooks/:wid',
    { schema: { tags: ['notifications'], summary: '删除消息推送 Delete a webhook', params: WebhookParams, querystring: VersionQuery } },
    async (req, reply) => {
      authorize(req, 'webhook.manage', await unitTarget(req.params.id));
      await service.deleteWebhook(ctx, actorOf(req), req.params.id, req.params.wid, req.query.version);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/units/:id/webhooks/:wid/test',
    { schema: { tags: ['notifications'], summary: '发送测试消息 Send a test message', params: WebhookParams, response: { 200: WebhookTestResult } } },
    async (req) => {
      const user = authorize(req, 'webhook.manage', await unitTarget(req.params.id));
      return service.testWebhook(ctx, actorOf(req), user, req.params.id, req.params.wid);
    },
  );
}
