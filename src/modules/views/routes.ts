import { authorize, type App, type AppContext } from '../../platform/http/app.ts';
import { ListViewsQuery, SavedView, SavedViewList, SaveViewBody, ViewIdParams } from './schema.ts';
import * as service from './service.ts';

/** A user's saved views of list pages: their own only (`account.self`). */
export function viewRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/views',
    { schema: { tags: ['views'], summary: '我的常用视图 My saved views of a page', querystring: ListViewsQuery, response: { 200: SavedViewList } } },
    async (req) => service.listViews(ctx, authorize(req, 'account.self'), req.query.page),
  );

  app.put(
    '/api/views',
    { schema: { tags: ['views'], summary: '保存视图（同名替换） Save a view, replacing one of the same name', body: SaveViewBody, response: { 200: SavedView } } },
    async (req) => service.saveView(ctx, authorize(req, 'account.self'), req.body),
  );

  app.delete(
    '/api/views/:id',
    { schema: { tags: ['views'], summary: '删除视图 Delete a view', params: ViewIdParams } },
    async (req, reply) => {
      await service.deleteView(ctx, authorize(req, 'account.self'), req.params.id);
      return reply.status(204).send();
    },
  );
}
