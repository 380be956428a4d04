import { authorize, type App, type AppContext } from '../../platform/http/app.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { cityTarget } from '../org/service.ts';
import { AuditList, AuditVerifyResult, ListAuditQuery } from './schema.ts';
import { listAudit } from './queries.ts';

export function auditRoutes(app: App, ctx: AppContext): void {
  app.get('/api/audit', { schema: { tags: ['audit'], summary: '审计日志 Audit log', querystring: ListAuditQuery, response: { 200: AuditList } } }, async (req) => {
    const reader = authorize(req, 'audit.read');
    return listAudit(ctx.db, reader, req.query);
  });

  app.get('/api/audit/verify', { schema: { tags: ['audit'], summary: '校验审计日志哈希链 Verify the hash chain', response: { 200: AuditVerifyResult } } }, async (req) => {
    // The chain spans every unit: verifying it needs the whole city in scope.
    authorize(req, 'audit.verify', await cityTarget(ctx));
    return verifyAudit(ctx.db);
  });
}
