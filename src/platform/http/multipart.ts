/** Reading a multipart form: its text fields and the one file the endpoint takes. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

export interface MultipartForm {
  fields: Record<string, string>;
  /** The file of the form's file field, or null when none was sent. */
  file: { name: string; content: Buffer } | null;
}

/**
 * Reads the form of `req`. `hint` names its fields in the error for a request that is not
 * multipart; only the file of field `file` is kept (others are read and dropped). With `limit`,
 * a larger file is refused with `tooLarge()`; a broken form is a VALIDATION error on `file`.
 */
export async function readMultipart(req: FastifyRequest, hint: { zh: string; en: string }, opts: { limit?: number; tooLarge?: () => AppError } = {}): Promise<MultipartForm> {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: `须使用 multipart/form-data（${hint.zh}）`, messageEn: `Send multipart/form-data (${hint.en})` });
  }
  const fields: Record<string, string> = {};
  let file: MultipartForm['file'] = null;
  try {
    for await (const part of req.parts(opts.limit ? { limits: { fileSize: opts.limit } } : undefined)) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.fieldname === 'file') file = { name: part.filename, content };
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' && opts.tooLarge) throw opts.tooLarge();
    if (err instanceof AppError || (code && code.startsWith('FST_'))) throw err;
    throw new AppError('VALIDATION', {
      message: 'file：上传内容不是有效的 multipart/form-data 格式',
      messageEn: 'file: the upload is not valid multipart/form-data',
      details: { issues: [{ field: 'file', message: '上传内容不是有效的 multipart/form-data 格式', messageEn: 'the upload is not valid multipart/form-data' }] },
    });
  }
  return { fields, file };
}

/** The VALIDATION error of a form without its file. */
export function missingFile(): AppError {
  return new AppError('VALIDATION', { message: 'file：缺少文件', messageEn: 'file: no file was sent', details: { issues: [{ field: 'file', message: '缺少文件', messageEn: 'no file was sent' }] } });
}
