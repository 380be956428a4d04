import type { FastifyRequest } from 'fastify';
import { authorize, type App, type AppContext } from '../../platform/http/app.ts';
import { AppError } from '../../platform/errors.ts';
import { missingFile, readMultipart } from '../../platform/http/multipart.ts';
import { parseInput } from '../../platform/validation.ts';
import { contentDisposition } from '../files/names.ts';
import { XLSX_TYPE } from '../ledger/xlsx.ts';
import { DecompositionExportBody, DraftResult, ExtractFields } from './schema.ts';
import * as service from './service.ts';

/** The upload's form (field `file`, optional `year`), read up to `limit` bytes. */
const readForm = (req: FastifyRequest, limit: number) =>
  readMultipart(req, { zh: '字段 file，可选 year', en: 'field file, optional year' }, { limit, tooLarge: () => service.tooLarge(limit) });

export function extractRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/extract',
    {
      schema: {
        tags: ['extract'],
        summary: '从报告初步分解任务（multipart/form-data：file 为 .txt 或 .docx，可选 year）Draft a task decomposition from a report',
        consumes: ['multipart/form-data'],
        response: { 200: DraftResult },
      },
    },
    async (req) => {
      const user = authorize(req, 'plan.draft');
      const { fields, file } = await readForm(req, Math.min(ctx.config.uploadLimitBytes, service.EXTRACT_MAX_BYTES));
      const { year } = parseInput(ExtractFields, { year: fields.year });
      if (!file) throw missingFile();
      return service.draftFromUpload(ctx, user, { fileName: file.name, content: file.content, ...(year !== undefined ? { year } : {}) });
    },
  );

  app.post(
    '/api/extract/export.xlsx',
    { schema: { tags: ['extract'], summary: '导出任务分解表（核对后的条目）Export the reviewed decomposition table (.xlsx)', body: DecompositionExportBody } },
    async (req, reply) => {
      authorize(req, 'plan.draft');
      const { content, filename } = await service.exportDecomposition(ctx, req.body);
      return reply.header('Content-Type', XLSX_TYPE).header('Content-Disposition', contentDisposition(filename)).send(content);
    },
  );
}
