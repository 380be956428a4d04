/** Uploading and reading files. The bytes live in the database, so uploads are transactional. */
import crypto from 'node:crypto';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/http/app.ts';
import { checkContent, checkFileName } from './names.ts';
import { FILE_TYPES, type FileInfo } from './schema.ts';

export const FILE = { zh: '文件', en: 'File' };

interface FileRow {
  id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  unit_id: number;
  unit_path: string;
  created_at: Date;
}

const present = (r: FileRow): FileInfo => ({
  id: r.id,
  name: r.name,
  contentType: r.content_type,
  size: r.size,
  sha256: r.sha256,
  unitId: r.unit_id,
  createdAt: r.created_at.toISOString(),
});

export async function upload(ctx: AppContext, actor: Actor, owner: { userId: number; unitId: number }, rawName: string, content: Buffer): Promise<FileInfo> {
  const { name, ext } = checkFileName(rawName);
  checkContent(ext, content);
  const id = crypto.randomBytes(16).toString('hex');
  const sha256 = crypto.createHash('sha256').update(content).digest('hex');
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    await tx.query(
      `insert into files (id, name, content_type, size, sha256, content, unit_id, uploaded_by, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, name, FILE_TYPES[ext], content.length, sha256, content, owner.unitId, owner.userId, now],
    );
    const info: FileInfo = { id, name, contentType: FILE_TYPES[ext] as string, size: content.length, sha256, unitId: owner.unitId, createdAt: now.toISOString() };
    await recordAudit(tx, actor, now, { action: 'file.upload', entityType: 'file', entityId: id, unitId: owner.unitId, after: info });
    return info;
  });
}

export async function loadFile(ctx: AppContext, id: string): Promise<FileInfo & { unitPath: string }> {
  const rows = await ctx.db.query<FileRow>(
    `select f.id, f.name, f.content_type, f.size, f.sha256, f.unit_id, u.path as unit_path, f.created_at
       from files f join units u on u.id = f.unit_id where f.id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) throw notFound(FILE, id);
  return { ...present(r), unitPath: r.unit_path };
}

export async function fileContent(ctx: AppContext, id: string): Promise<Buffer> {
  const rows = await ctx.db.query<{ content: Uint8Array }>('select content from files where id = $1', [id]);
  if (!rows[0]) throw notFound(FILE, id);
  return Buffer.from(rows[0].content);
}
