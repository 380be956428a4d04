import { authorize, type App, type AppContext } from '../../platform/http/app.ts';
import { MatterStats, StatsQuery } from './schema.ts';
import * as service from './service.ts';

export function matterStatsRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/matter-stats',
    { schema: { tags: ['matters'], summary: '督办统计 Matter statistics by unit, source or leader, with the ranking and overdue list', querystring: StatsQuery, response: { 200: MatterStats } } },
    async (req) => {
      // Scoped by the query itself: only matters visible to the user and led by units within reach.
      const user = authorize(req, 'matter.stats');
      return service.matterStats(ctx, user, req.query);
    },
  );
}
