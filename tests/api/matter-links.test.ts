/**
 * Links from a matter to other records (关联事项): checked against what the acting user may see,
 * replaced whole on edit under the row version, resolved for the reader (never a hidden title),
 * and shown from the other side (被关联).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, makeUser, type Client, type Harness } from '../support/app.ts';

let h: Harness;
let admin: Client;
let supervisor: Client;
let countySupervisor: Client;

/** Matters registered by the supervision office for these tests, by title. */
const demo: Record<string, { id: number; code: string; title: string; state: string; light: string; version: number }> = {};
const X = '加快离石区重点项目前期手续办理';
const Y = '省发改委反馈：离石区部分项目未按期入库';
const XIAOYI = '排查整治孝义市煤矿安全隐患';
const SECRET = '中阳县钢铁企业超低排放改造进展情况报告';
const MINUTES = '市政府常务会议纪要〔2026〕12号';

const unit = (name: string) => h.ids.units.get(name) as number;
const matterLink = (m: { id: number; code: string; title: string; state: string; light: string }, note = '') => ({
  targetType: 'matter',
  targetId: String(m.id),
  note,
  visible: true,
  matterId: m.id,
  code: m.code,
  title: m.title,
  state: m.state,
  light: m.light,
});
const documentLink = (text: string, note = '') => ({ targetType: 'document', targetId: text, note, visible: true, matterId: null, code: null, title: null, state: null, light: null });
const issuesOf = (body: { error: { details: { issues: { field: string; message: string; messageEn: string }[] } } }) => body.error.details.issues;

beforeAll(async () => {
  h = await harness();
  admin = await h.as('admin');
  await makeUser(h, admin, { username: 'lishi_supervisor', unit: '离石区', role: 'supervisor', scope: 'subtree' });
  supervisor = await h.as('supervisor');
  countySupervisor = await h.as('lishi_supervisor');
  const register = async (title: string, lead: string, confidential = false) => {
    const r = await supervisor.post('/api/matters', { source: 'instruction', title, leadUnitId: unit(lead), confidential });
    expect(r.status).toBe(201);
    demo[title] = r.body.matter;
  };
  await register(X, '离石区/发展和改革局');
  await register(Y, '离石区/发展和改革局');
  await register(XIAOYI, '孝义市');
  await register(SECRET, '中阳县', true);
});
afterAll(async () => h?.close());

describe('links on registration', () => {
  let a: { id: number; version: number };

  it('registers a matter linked to another matter and to a meeting minute; both are resolved', async () => {
    const r = await supervisor.post('/api/matters', {
      source: 'meeting',
      title: '统筹推进离石区重点项目要素保障',
      leadUnitId: unit('离石区/发展和改革局'),
      links: [
        { targetType: 'document', targetId: MINUTES, note: '议定事项第3条' },
        { targetType: 'matter', targetId: String(demo[X]!.id), note: '同一批项目' },
      ],
    });
    expect(r.status).toBe(201);
    a = r.body.matter;
    // matters first, then documents
    expect(r.body.matter.links).toEqual([matterLink(demo[X]!, '同一批项目'), documentLink(MINUTES, '议定事项第3条')]);
    expect(r.body.matter.linkedFrom).toEqual([]);
    const audit = await h.tdb.db.query<{ after: { links?: unknown[] } }>(`select after from audit_log where action = 'matter.create' and entity_id = $1`, [String(a.id)]);
    expect(audit[0]?.after.links).toEqual([
      { targetType: 'document', targetId: MINUTES, note: '议定事项第3条' },
      { targetType: 'matter', targetId: String(demo[X]!.id), note: '同一批项目' },
    ]);
  });

  it('the linked matter lists it among the matters that link to it (被关联)', async () => {
    const x = await supervisor.get(`/api/matters/${demo[X]!.id}`);
    expect(x.status).toBe(200);
    expect(x.body.linkedFrom).toEqual([{ matterId: a.id, code: (a as unknown as { code: string }).code, title: '统筹推进离石区重点项目要素保障', state: 'assigned', light: 'none', note: '同一批项目' }]);
    expect(x.body.links).toEqual([]);
  });

  it('refuses a link to a matter that does not exist, naming the field', async () => {
    const r = await supervisor.post('/api/matters', {
      source: 'instruction',
      title: '关联不存在的事项',
      links: [
        { targetType: 'document', targetId: MINUTES },
        { targetType: 'matter', targetId: '999999' },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION');
    expect(issuesOf(r.body)).toEqual([{ field: 'links.1.targetId', message: '关联事项不存在或无权查看：999999', messageEn: 'no such matter, or not visible to you: 999999' }]);
    expect(r.body.error.message).toBe('links.1.targetId：关联事项不存在或无权查看：999999');
    expect((await h.tdb.db.query(`select 1 from matters where title = '关联不存在的事项'`)).length).toBe(0);
  });

  it('refuses a link to a confidential matter the user may not see, like one that does not exist', async () => {
    const secret = demo[SECRET]!.id;
    expect((await admin.get(`/api/matters/${secret}`)).status).toBe(404);
    const r = await admin.post('/api/matters', { source: 'instruction', title: '关联涉密事项', links: [{ targetType: 'matter', targetId: String(secret) }] });
    expect(r.status).toBe(400);
    expect(issuesOf(r.body)).toEqual([{ field: 'links.0.targetId', message: `关联事项不存在或无权查看：${secret}`, messageEn: `no such matter, or not visible to you: ${secret}` }]);
  });

  it("refuses a county supervisor a link to another county's matter, but not to one of the county", async () => {
    const other = demo[XIAOYI]!.id;
    expect((await countySupervisor.get(`/api/matters/${other}`)).status).toBe(404);
    const body = {
      source: 'instruction',
      title: '离石区督查室交办事项',
      links: [
        { targetType: 'matter', targetId: String(demo[X]!.id) },
        { targetType: 'matter', targetId: String(other) },
      ],
    };
    const r = await countySupervisor.post('/api/matters', body);
    expect(r.status).toBe(400);
    expect(issuesOf(r.body).map((i) => i.field)).toEqual(['links.1.targetId']);
    const ok = await countySupervisor.post('/api/matters', { ...body, links: body.links.slice(0, 1) });
    expect(ok.status).toBe(201);
    expect(ok.body.matter.links).toEqual([matterLink(demo[X]!)]);
  });

  it('refuses duplicates, ids that are not ids, and unknown link types', async () => {
    const dup = await supervisor.post('/api/matters', {
      source: 'instruction',
      title: '重复关联',
      links: [
        { targetType: 'matter', targetId: String(demo[X]!.id) },
        { targetType: 'document', targetId: MINUTES },
        { targetType: 'matter', targetId: String(demo[X]!.id) },
      ],
    });
    expect(dup.status).toBe(400);
    expect(issuesOf(dup.body)).toEqual([{ field: 'links.2.targetId', message: `关联重复：${demo[X]!.id}`, messageEn: `this link is listed twice: ${demo[X]!.id}` }]);
    const code = await supervisor.post('/api/matters', { source: 'instruction', title: '以编号关联', links: [{ targetType: 'matter', targetId: demo[X]!.code }] });
    expect(code.status).toBe(400);
    expect(issuesOf(code.body).map((i) => [i.field, i.message])).toEqual([['links.0.targetId', `关联事项应以事项 ID（正整数）表示：${demo[X]!.code}`]]);
    const kind = await supervisor.post('/api/matters', { source: 'instruction', title: '未知类型', links: [{ targetType: 'project', targetId: '12' }] });
    expect(kind.status).toBe(400);
    expect(issuesOf(kind.body).map((i) => i.field)).toEqual(['links.0.targetType']);
    const long = await supervisor.post('/api/matters', { source: 'instruction', title: '过长的文件号', links: [{ targetType: 'document', targetId: '纪'.repeat(61) }] });
    expect(long.status).toBe(400);
    expect(issuesOf(long.body).map((i) => [i.field, i.message])).toEqual([['links.0.targetId', '最多 60 个字符']]);
  });
});

describe('editing links', () => {
  let a: { id: number; code: string; version: number };

  beforeAll(async () => {
    const r = await supervisor.post('/api/matters', {
      source: 'superior',
      title: '做好离石区项目入库统计工作',
      leadUnitId: unit('离石区/发展和改革局'),
      links: [{ targetType: 'matter', targetId: String(demo[X]!.id), note: '前期手续' }],
    });
    expect(r.status).toBe(201);
    a = r.body.matter;
  });

  it('refuses a link to the matter itself', async () => {
    const r = await supervisor.patch(`/api/matters/${a.id}`, { version: a.version, links: [{ targetType: 'matter', targetId: String(a.id) }] });
    expect(r.status).toBe(400);
    expect(issuesOf(r.body)).toEqual([{ field: 'links.0.targetId', message: '事项不能关联自身', messageEn: 'a matter cannot be linked to itself' }]);
  });

  it('replaces the whole set under the row version; both sides follow; the audit entry has before and after', async () => {
    const r = await supervisor.patch(`/api/matters/${a.id}`, {
      version: a.version,
      links: [
        { targetType: 'matter', targetId: String(demo[Y]!.id), note: '入库问题' },
        { targetType: 'document', targetId: MINUTES },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(a.version + 1);
    expect(r.body.title).toBe('做好离石区项目入库统计工作');
    expect(r.body.links).toEqual([matterLink(demo[Y]!, '入库问题'), documentLink(MINUTES)]);
    const x = await supervisor.get(`/api/matters/${demo[X]!.id}`);
    expect(x.body.linkedFrom.map((b: { matterId: number }) => b.matterId)).not.toContain(a.id);
    const y = await supervisor.get(`/api/matters/${demo[Y]!.id}`);
    expect(y.body.linkedFrom).toEqual([{ matterId: a.id, code: a.code, title: '做好离石区项目入库统计工作', state: 'assigned', light: 'none', note: '入库问题' }]);

    const audit = await h.tdb.db.query<{ before: { links: unknown; version: number }; after: { links: unknown; version: number } }>(
      `select before, after from audit_log where action = 'matter.update' and entity_id = $1 order by id`,
      [String(a.id)],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before.links).toEqual([{ targetType: 'matter', targetId: String(demo[X]!.id), note: '前期手续' }]);
    expect(audit[0]!.after.links).toEqual([
      { targetType: 'matter', targetId: String(demo[Y]!.id), note: '入库问题' },
      { targetType: 'document', targetId: MINUTES, note: '' },
    ]);
    expect([audit[0]!.before.version, audit[0]!.after.version]).toEqual([a.version, a.version + 1]);
  });

  it('refuses a stale version (409) and leaves the links as they were', async () => {
    const r = await supervisor.patch(`/api/matters/${a.id}`, { version: a.version, links: [] });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('VERSION_CONFLICT');
    expect(r.body.error.details).toEqual({ currentVersion: a.version + 1 });
    const now = await supervisor.get(`/api/matters/${a.id}`);
    expect(now.body.links.map((l: { targetId: string }) => l.targetId)).toEqual([String(demo[Y]!.id), MINUTES]);
  });

  it('an edit without links leaves them alone; an empty set removes them', async () => {
    const t = await supervisor.patch(`/api/matters/${a.id}`, { version: a.version + 1, measures: '逐项核对入库条件' });
    expect(t.status).toBe(200);
    expect(t.body.links).toHaveLength(2);
    const e = await supervisor.patch(`/api/matters/${a.id}`, { version: a.version + 2, links: [] });
    expect(e.status).toBe(200);
    expect(e.body.links).toEqual([]);
    expect((await supervisor.get(`/api/matters/${demo[Y]!.id}`)).body.linkedFrom).toEqual([]);
  });
});

describe('a link to a matter the reader may not see', () => {
  let b: { id: number; version: number };

  beforeAll(async () => {
    // The supervision office sees the confidential matter it assigned, and links to it.
    const r = await supervisor.post('/api/matters', {
      source: 'instruction',
      title: '督促中阳县加快钢铁企业改造',
      leadUnitId: unit('中阳县'),
      links: [{ targetType: 'matter', targetId: String(demo[SECRET]!.id), note: '前期报告' }],
    });
    expect(r.status).toBe(201);
    expect(r.body.matter.links).toEqual([matterLink(demo[SECRET]!, '前期报告')]);
    b = r.body.matter;
  });

  it('shows it as not visible, without its code or title', async () => {
    const r = await admin.get(`/api/matters/${b.id}`);
    expect(r.status).toBe(200);
    expect(r.body.links).toEqual([
      { targetType: 'matter', targetId: String(demo[SECRET]!.id), note: '前期报告', visible: false, matterId: null, code: null, title: null, state: null, light: null },
    ]);
    expect(JSON.stringify(r.body)).not.toContain(SECRET);
    expect(JSON.stringify(r.body)).not.toContain(demo[SECRET]!.code);
  });

  it('the confidential matter shows the link back to those who see it', async () => {
    const s = await supervisor.get(`/api/matters/${demo[SECRET]!.id}`);
    expect(s.body.linkedFrom.map((x: { matterId: number }) => x.matterId)).toEqual([b.id]);
  });

  it('a confidential matter that links to a visible one is not listed to those who may not see it', async () => {
    const c = await supervisor.post('/api/matters', {
      source: 'instruction',
      title: '涉密：离石区项目问题线索核查',
      confidential: true,
      leadUnitId: unit('市财政局'),
      links: [{ targetType: 'matter', targetId: String(demo[X]!.id) }],
    });
    expect(c.status).toBe(201);
    const bySupervisor = await supervisor.get(`/api/matters/${demo[X]!.id}`);
    expect(bySupervisor.body.linkedFrom.map((x: { matterId: number }) => x.matterId)).toContain(c.body.matter.id);
    const byAdmin = await admin.get(`/api/matters/${demo[X]!.id}`);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.linkedFrom.map((x: { matterId: number }) => x.matterId)).not.toContain(c.body.matter.id);
    expect(JSON.stringify(byAdmin.body)).not.toContain('涉密：离石区项目问题线索核查');
  });

  it('an editor who cannot see the target may keep that link, but not add it', async () => {
    const keep = await admin.patch(`/api/matters/${b.id}`, {
      version: b.version,
      links: [
        { targetType: 'matter', targetId: String(demo[SECRET]!.id), note: '前期报告' },
        { targetType: 'document', targetId: MINUTES },
      ],
    });
    expect(keep.status).toBe(200);
    expect(keep.body.links.map((l: { targetId: string; visible: boolean }) => [l.targetId, l.visible])).toEqual([
      [String(demo[SECRET]!.id), false],
      [MINUTES, true],
    ]);
    const dropped = await admin.patch(`/api/matters/${b.id}`, { version: b.version + 1, links: [] });
    expect(dropped.status).toBe(200);
    const readd = await admin.patch(`/api/matters/${b.id}`, { version: b.version + 2, links: [{ targetType: 'matter', targetId: String(demo[SECRET]!.id) }] });
    expect(readd.status).toBe(400);
    expect(issuesOf(readd.body).map((i) => i.field)).toEqual(['links.0.targetId']);
  });
});
