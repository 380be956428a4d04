import { AppError } from '../../platform/errors.ts';
import { actorOf, authorize, type App, type AppContext } from '../../platform/http/app.ts';
import { contentDisposition } from './names.ts';
import { FileIdParams, FileInfo } from './schema.ts';
import * as service from './service.ts';

export function fileRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/files',
    { schema: { tags: ['files'], summary: '上传文件（multipart/form-data，字段 file）Upload a file', consumes: ['multipart/form-data'], response: { 201: FileInfo } } },
    async (req, reply) => {
      const user = authorize(req, 'file.upload');
      if (!req.isMultipart()) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '上传文件须使用 multipart/form-data', messageEn: 'Uploads must be multipart/form-data' });
      }
      const part = await req.file();
      if (!part) {
        throw new AppError('VALIDATION', { message: 'file：缺少文件', messageEn: 'file: no file was sent', details: { issues: [{ field: 'file', message: '缺少文件', messageEn: 'no file was sent' }] } });
      }
      const content = await part.toBuffer();
      const info = await service.upload(ctx, actorOf(req), { userId: user.id, unitId: user.unitId }, part.filename, content);
      return reply.status(201).send(info);
    },
  );

  app.get('/api/files/:id/info', { schema: { tags: ['files'], summary: '文件信息 File metadata', params: FileIdParams, response: { 200: FileInfo } } }, async (req) => {
    const file = await service.loadFile(ctx, req.params.id);
    authorize(req, 'file.read', file);
    const { unitPath: _p, ...info } = file;
    return info;
  });

  app.get('/api/files/:id', { schema: { tags: ['files'], summary: '下载文件 Download a file', params: FileIdParams } }, async (req, reply) => {
    const file = await service.loadFile(ctx, req.params.id);
    authorize(req, 'file.read', file);
    const content = await service.fileContent(ctx, file.id);
    return reply
      .header('Content-Type', file.contentType)
      .header('Content-Disposition', contentDisposition(file.name))
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .send(content);
  });
}
