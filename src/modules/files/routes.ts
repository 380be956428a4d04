import { AppError } from '../../platform/errors.ts';
import { actorOf, authorize, requireUser, type App, type AppContext } from '../../platform/http/app.ts';
import { can } from '../../platform/policies.ts';
import { fileOnVisibleMatter } from '../matters/queries.ts';
import { contentDisposition } from './names.ts';
import { FileIdParams, FileInfo } from './schema.ts';
import * as service from './service.ts';

/** A multipart body the parser cannot read is the client's error, said so (known limits keep their own codes). */
function malformed(err: unknown): never {
  const code = (err as { code?: string }).code;
  if (err instanceof AppError || (code && code.startsWith('FST_'))) throw err;
  throw new AppError('VALIDATION', {
    message: 'file：上传内容不是有效的 multipart/form-data 格式',
    messageEn: 'file: the upload is not valid multipart/form-data',
    details: { issues: [{ field: 'file', message: '上传内容不是有效的 multipart/form-data 格式', messageEn: 'the upload is not valid multipart/form-data' }] },
  });
}

export function fileRoutes(app: App, ctx: AppContext): void {
  /** A file is read within the reader's scope of its unit, or as evidence on a matter the reader may see. */
  const authorizeRead = async (req: Parameters<typeof requireUser>[0], file: { id: string; unitId: number; unitPath: string }) => {
    const user = requireUser(req);
    if (can(user, 'file.read', file)) return;
    if (can(user, 'file.read') && (await fileOnVisibleMatter(ctx.db, user, file.id))) return;
    authorize(req, 'file.read', file);
  };
  app.post(
    '/api/files',
    { schema: { tags: ['files'], summary: '上传文件（multipart/form-data，字段 file）Upload a file', consumes: ['multipart/form-data'], response: { 201: FileInfo } } },
    async (req, reply) => {
      const user = authorize(req, 'file.upload');
      if (!req.isMultipart()) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '上传文件须使用 multipart/form-data', messageEn: 'Uploads must be multipart/form-data' });
      }
      const part = await req.file().catch(malformed);
      if (!part) {
        throw new AppError('VALIDATION', { message: 'file：缺少文件', messageEn: 'file: no file was sent', details: { issues: [{ field: 'file', message: '缺少文件', messageEn: 'no file was sent' }] } });
      }
      const content = await part.toBuffer().catch(malformed);
      const info = await service.upload(ctx, actorOf(req), { userId: user.id, unitId: user.unitId }, part.filename, content);
      return reply.status(201).send(info);
    },
  );

  app.get('/api/files/:id/info', { schema: { tags: ['files'], summary: '文件信息 File metadata', params: FileIdParams, response: { 200: FileInfo } } }, async (req) => {
    const file = await service.loadFile(ctx, req.params.id);
    await authorizeRead(req, file);
    const { unitPath: _p, ...info } = file;
    return info;
  });

  app.get('/api/files/:id', { schema: { tags: ['files'], summary: '下载文件 Download a file', params: FileIdParams } }, async (req, reply) => {
    const file = await service.loadFile(ctx, req.params.id);
    await authorizeRead(req, file);
    const content = await service.fileContent(ctx, file.id);
    return reply
      .header('Content-Type', file.contentType)
      .header('Content-Disposition', contentDisposition(file.name))
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .send(content);
  });
}
