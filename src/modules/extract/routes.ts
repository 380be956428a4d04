import type { FastifyRequest } from 'fastify';
import { authorize, type App, type AppContext } from '../../platform/http/app.ts';
import { AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { contentDisposition } from '../files/names.ts';
import { XLSX_TYPE } from '../ledger/xlsx.ts';
import { DecompositionExportBody, DraftResult, ExtractFields } from './schema.ts';
import * as service from './service.ts';

/** The multipart form of an upload: its text fields and the one file (field `file`), read up to `limit` bytes. */
async function readForm(req: FastifyRequest, limit: number): Promise<{ fields: Record<string, string>; file: { name: string; content: Buffer } | null }> {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '上传报告须使用 multipart/form-data（字段 file，可选 year）', messageEn: 'An upload is multipart/form-data (field file, optional year)' });
  }
  const fields: Record<string, string> = {};
  let file: { name: string; content: Buffer } | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: limit } })) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.fieldname === 'file') file = { name: part.filename, content };
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw service.tooLarge(limit);
    if (err instanceof AppError || (code && code.startsWith('FST_'))) throw err;
    throw new AppError('VALIDATION', {
      message: 'file：上传内容不是有效的 multipart/form-data 格式',
      messageEn: 'file: the upload is not valid multipart/form-data',
      details: { issues: [{ field: 'file', message: '上传内容不是有效的 multipart/form-data 格式', messageEn: 'the upload is not valid multipart/form-data' }] },
    });
  }
  return { fields, file };
}

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
      if (!file) {
        throw new AppError('VALIDATION', { message: 'file：缺少文件', messageEn: 'file: no file was sent', details: { issues: [{ field: 'file', message: '缺少文件', messageEn: 'no file was sent' }] } });
      }
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
