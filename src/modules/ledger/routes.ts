import { actorOf, authorize, type App, type AppContext } from '../../platform/http/app.ts';
import { AppError } from '../../platform/errors.ts';
import { missingFile, readMultipart } from '../../platform/http/multipart.ts';
import { parseInput } from '../../platform/validation.ts';
import { contentDisposition } from '../files/names.ts';
import { ImportFields, ImportQuery, ImportResult, LedgerDocuments, LedgerDocumentsQuery, LedgerExportQuery, LedgerList, LedgerQuery } from './schema.ts';
import * as service from './service.ts';
import { XLSX_TYPE } from './xlsx.ts';

export function ledgerRoutes(app: App, ctx: AppContext): void {
  app.get('/api/ledger', { schema: { tags: ['ledger'], summary: '整改台账 Rectification ledger', querystring: LedgerQuery, response: { 200: LedgerList } } }, async (req) => {
    const user = authorize(req, 'matter.read');
    return service.listLedger(ctx, user, req.query);
  });

  app.get(
    '/api/ledger/documents',
    { schema: { tags: ['ledger'], summary: '台账来源文件及其事项数 Source documents of the ledger with their counts', querystring: LedgerDocumentsQuery, response: { 200: LedgerDocuments } } },
    async (req) => {
      const user = authorize(req, 'matter.read');
      return service.listLedgerDocuments(ctx, user, req.query);
    },
  );

  app.get('/api/ledger.xlsx', { schema: { tags: ['ledger'], summary: '导出整改台账 Export the ledger (.xlsx)', querystring: LedgerExportQuery } }, async (req, reply) => {
    const user = authorize(req, 'matter.read');
    const { content, filename } = await service.exportLedger(ctx, user, req.query);
    return reply.header('Content-Type', XLSX_TYPE).header('Content-Disposition', contentDisposition(filename)).send(content);
  });

  app.get('/api/ledger/template.xlsx', { schema: { tags: ['ledger'], summary: '整改台账导入模板 Import template (.xlsx)' } }, async (req, reply) => {
    const user = authorize(req, 'matter.create');
    const { content, filename } = await service.importTemplate(ctx, user);
    return reply.header('Content-Type', XLSX_TYPE).header('Content-Disposition', contentDisposition(filename)).send(content);
  });

  app.post(
    '/api/ledger/import',
    {
      schema: {
        tags: ['ledger'],
        summary: '导入整改台账（multipart/form-data：file、sourceDoc）Import a ledger sheet; dryRun=true checks only',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportResult },
      },
    },
    async (req) => {
      // The role may register items; each row's lead unit must lie within the user's reach (checked per row).
      const user = authorize(req, 'matter.create');
      const { fields, file } = await readMultipart(req, { zh: '字段 file 和 sourceDoc', en: 'fields file and sourceDoc' });
      const { sourceDoc } = parseInput(ImportFields, { sourceDoc: fields.sourceDoc });
      if (!file || file.content.length === 0) throw missingFile();
      const result = await service.importLedger(ctx, actorOf(req), user, { sourceDoc, content: file.content, dryRun: req.query.dryRun });
      if (!result.ok && !result.dryRun) {
        throw new AppError('VALIDATION', {
          message: `导入文件有 ${result.errors.length} 处错误，未导入任何事项`,
          messageEn: `The file has ${result.errors.length} error(s); nothing was imported`,
          details: { errors: result.errors },
        });
      }
      return result;
    },
  );
}
