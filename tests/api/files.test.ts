import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, type Client, type Harness } from '../support/app.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness({ LUOSHI_UPLOAD_LIMIT_MB: '1' });
});
afterAll(async () => h?.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

function multipart(filename: string, content: Buffer): { body: Buffer; type: string } {
  const boundary = '----luoshi' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { body: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(c: Client, filename: string, content: Buffer) {
  const m = multipart(filename, content);
  const headers: Record<string, string> = { 'content-type': m.type, 'x-csrf-token': c.csrf ?? '', cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  const res = await h.app.inject({ method: 'POST', url: '/api/files', payload: m.body, headers });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

describe('files', () => {
  it('a clerk uploads evidence; people in scope download it with a safe header; others may not', async () => {
    const clerk = await h.as('lishi_clerk');
    const r = await upload(clerk, '现场照片.png', PNG);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: '现场照片.png', contentType: 'image/png', size: PNG.length, unitId: h.ids.units.get('离石区/发展和改革局') });
    expect(r.body.id).toMatch(/^[0-9a-f]{32}$/);

    const head = await h.as('lishi_head');
    const got = await h.app.inject({ method: 'GET', url: `/api/files/${r.body.id}`, headers: { cookie: `luoshi_sid=${head.cookies.get('luoshi_sid')}` } });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(got.headers['content-disposition']).toBe(`attachment; filename="____.png"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.png`);
    expect(got.headers['content-type']).toBe('image/png');

    const other = await h.as('deputy'); // 离石区 itself, scope unit: the clerk's office is below, not in reach
    expect((await other.get(`/api/files/${r.body.id}`)).status).toBe(403);
    expect((await (await h.as('viewer')).get(`/api/files/${r.body.id}/info`)).status).toBe(200);
    const audit = await h.tdb.db.query<{ after: { name: string } }>(`select after from audit_log where action = 'file.upload'`);
    expect(audit.map((a) => a.after.name)).toEqual(['现场照片.png']);
  });

  it('refuses hostile names, lying contents, oversized files and viewers, writing nothing', async () => {
    const clerk = await h.as('lishi_clerk');
    const traversal = await upload(clerk, '../../etc/cron.d/x.txt', Buffer.from('x'));
    expect(traversal.status).toBe(400);
    expect(traversal.body.error.code).toBe('BAD_FILE_NAME');
    expect(traversal.body.error.message).toBe('文件名不合法：不能包含路径（/ 或 \\）');
    const exe = await upload(clerk, 'photo.png', Buffer.from('MZ\x90\x00 this is a program'));
    expect(exe.status).toBe(400);
    expect(exe.body.error.message).toBe('文件内容与扩展名「.png」不符');
    const big = await upload(clerk, 'big.png', Buffer.concat([PNG, Buffer.alloc(1024 * 1024 + 10)]));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const viewer = await h.as('viewer');
    expect((await upload(viewer, 'a.png', PNG)).status).toBe(403);
    const json = await clerk.post('/api/files', { file: 'x' });
    expect(json.status).toBe(415);
    const broken = await clerk.request('POST', '/api/files', '{"not":"multipart"}', { 'content-type': 'multipart/form-data; boundary=xyz' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toBe('file：上传内容不是有效的 multipart/form-data 格式');
    const n = await h.tdb.db.query<{ n: number }>('select count(*)::int as n from files');
    expect(n[0]?.n).toBe(1);
    expect((await clerk.get('/api/files/not-an-id')).status).toBe(400);
  });
});
