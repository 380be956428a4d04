import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, makeUser, type Client, type Harness } from '../support/app.ts';
import { COUNTIES, COUNTY_OFFICES, DEPARTMENTS, LEADERS } from '../../src/demo/lvliang.ts';

let h: Harness;
let admin: Client;
let lishiAdmin: Client;
beforeAll(async () => {
  h = await harness();
  admin = await h.as('admin');
  await makeUser(h, admin, { username: 'lishi_admin', unit: '离石区', role: 'admin', scope: 'subtree' });
  lishiAdmin = await h.as('lishi_admin');
});
afterAll(async () => h?.close());

const unitId = (name: string) => h.ids.units.get(name) as number;

describe('the demo city', () => {
  it('has 吕梁市 with 13 county-level units, the development zone, the departments and their sub-units', async () => {
    const r = await admin.get('/api/units');
    expect(r.status).toBe(200);
    const units = r.body as { id: number; parentId: number | null; name: string; kind: string; regionCode: string | null; path: string }[];
    const root = units.find((u) => u.parentId === null);
    expect(root).toMatchObject({ name: '吕梁市', kind: 'city', regionCode: '141100', path: `/${root?.id}/` });
    const children = units.filter((u) => u.parentId === root?.id);
    expect(children.filter((u) => u.kind === 'county').map((u) => u.regionCode).sort()).toEqual(
      ['141102', '141121', '141122', '141123', '141124', '141125', '141126', '141127', '141128', '141129', '141130', '141181', '141182'],
    );
    expect(children.filter((u) => u.kind === 'zone').map((u) => u.name)).toEqual(['吕梁经济技术开发区']);
    expect(children.filter((u) => u.kind === 'department')).toHaveLength(27);
    const subunits = DEPARTMENTS.reduce((n, d) => n + (d.subunits?.length ?? 0), 0);
    expect(units).toHaveLength(1 + COUNTIES.length * (1 + COUNTY_OFFICES.length) + DEPARTMENTS.length + subunits);
    const duchashi = units.find((u) => u.name === '督查室');
    const office = units.find((u) => u.name === '市政府办公室');
    expect(duchashi?.path).toBe(`${office?.path}${duchashi?.id}/`);
  });

  it('has the leaders and the units each is in charge of (包联)', async () => {
    const leaders = (await h.as('viewer').then((c) => c.get('/api/leaders'))).body as { id: number; name: string; title: string; unitIds: number[] }[];
    expect(leaders.map((l) => l.title)).toEqual(LEADERS.map((l) => l.title));
    const han = leaders.find((l) => l.name === '韩志刚');
    expect(han?.unitIds.sort((a, b) => a - b)).toEqual(
      ['离石区', '孝义市', '汾阳市', '吕梁经济技术开发区', '市统计局', '市国资委', '市行政审批服务管理局'].map(unitId).sort((a, b) => a - b),
    );
    const units = (await admin.get('/api/units')).body as { name: string; leaderIds: number[] }[];
    expect(units.find((u) => u.name === '离石区')?.leaderIds).toEqual([han?.id]);
    expect(units.find((u) => u.name === '吕梁市')?.leaderIds).toEqual([]);
  });
});

describe('unit administration', () => {
  it('a county admin adds a sub-unit inside the county, not elsewhere; a clerk not at all', async () => {
    const ok = await lishiAdmin.post('/api/units', { parentId: unitId('离石区'), name: '住房和城乡建设局', kind: 'department' });
    expect(ok.status).toBe(201);
    expect(ok.body.path).toBe(`/${h.ids.units.get('吕梁市')}/${unitId('离石区')}/${ok.body.id}/`);
    const out = await lishiAdmin.post('/api/units', { parentId: unitId('孝义市'), name: '住房和城乡建设局', kind: 'department' });
    expect(out.status).toBe(403);
    expect(out.body.error.code).toBe('FORBIDDEN');
    const clerk = await h.as('lishi_clerk');
    expect((await clerk.post('/api/units', { parentId: unitId('离石区'), name: '某局', kind: 'department' })).status).toBe(403);
    const rows = await h.tdb.db.query<{ name: string }>(`select name from units where name = '某局' or (name = '住房和城乡建设局' and parent_id = $1)`, [unitId('孝义市')]);
    expect(rows).toEqual([]);
  });

  it('names the field of a bad unit: duplicate name, bad region code, unknown parent', async () => {
    const dup = await admin.post('/api/units', { parentId: unitId('离石区'), name: '发展和改革局', kind: 'department' });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details.issues[0]).toMatchObject({ field: 'name', message: '同一上级下已有同名单位' });
    const code = await admin.post('/api/units', { parentId: unitId('离石区'), name: '某街道', kind: 'subunit', regionCode: '1411' });
    expect(code.status).toBe(400);
    expect(code.body.error.details.issues[0].field).toBe('regionCode');
    const taken = await admin.post('/api/units', { parentId: unitId('离石区'), name: '某街道', kind: 'subunit', regionCode: '141181' });
    expect(taken.body.error.details.issues[0].field).toBe('regionCode');
    const parent = await admin.post('/api/units', { parentId: 999999, name: '某街道', kind: 'subunit' });
    expect(parent.status).toBe(400);
    expect(parent.body.error.details.issues[0].field).toBe('parentId');
  });

  it('refuses a stale version instead of overwriting (row versions)', async () => {
    const id = unitId('市科技局');
    const u = (await admin.get(`/api/units/${id}`)).body;
    const first = await admin.patch(`/api/units/${id}`, { version: u.version, shortName: '科技局' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(u.version + 1);
    const second = await admin.patch(`/api/units/${id}`, { version: u.version, shortName: '市科技' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('VERSION_CONFLICT');
    expect(second.body.error.details.currentVersion).toBe(u.version + 1);
    expect((await admin.get(`/api/units/${id}`)).body.shortName).toBe('科技局');
  });

  it('moves a unit with its sub-units and refuses a move under itself', async () => {
    const office = (await admin.get(`/api/units/${unitId('市政府办公室')}`)).body;
    const dcs = unitId('市政府办公室/督查室');
    const moved = await admin.patch(`/api/units/${dcs}`, { version: 1, parentId: unitId('市发改委') });
    expect(moved.status).toBe(200);
    expect(moved.body.path).toBe(`/${h.ids.units.get('吕梁市')}/${unitId('市发改委')}/${dcs}/`);
    const sub = await admin.post('/api/units', { parentId: dcs, name: '一科', kind: 'subunit' });
    const back = await admin.patch(`/api/units/${dcs}`, { version: moved.body.version, parentId: office.id });
    expect(back.status).toBe(200);
    expect((await admin.get(`/api/units/${sub.body.id}`)).body.path).toBe(`${office.path}${dcs}/${sub.body.id}/`);
    const cycle = await admin.patch(`/api/units/${office.id}`, { version: office.version, parentId: sub.body.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details.issues[0].field).toBe('parentId');
  });

  it('deletes only an unused unit, and says what still uses one', async () => {
    const inUse = await admin.delete(`/api/units/${unitId('离石区')}?version=1`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('IN_USE');
    expect(inUse.body.error.details).toMatchObject({ children: 2 + 1, leaders: 1 });
    const fresh = await admin.post('/api/units', { parentId: unitId('交口县'), name: '临时专班', kind: 'subunit' });
    const del = await admin.delete(`/api/units/${fresh.body.id}?version=${fresh.body.version}`);
    expect(del.status).toBe(204);
    expect((await admin.get(`/api/units/${fresh.body.id}`)).status).toBe(404);
  });

  it('records each write in the audit log with before and after, in the same transaction', async () => {
    const id = unitId('市林业局');
    await admin.patch(`/api/units/${id}`, { version: 1, name: '市林业和草原局' });
    const [row] = await h.tdb.db.query<{ actor_name: string; before: { name: string }; after: { name: string }; ip: string; unit_id: number }>(
      `select actor_name, before, after, ip, unit_id from audit_log where action = 'unit.update' and entity_id = $1`,
      [String(id)],
    );
    expect(row).toMatchObject({ actor_name: 'admin', before: { name: '市林业局' }, after: { name: '市林业和草原局' }, ip: '10.1.2.3', unit_id: id });
    // a write that fails leaves neither the change nor an audit row
    const before = await h.tdb.db.query('select count(*)::int as n from audit_log');
    const bad = await admin.patch(`/api/units/${id}`, { version: 2, name: '市水利局', parentId: unitId('市水利局') === id ? 1 : h.ids.units.get('吕梁市') });
    expect(bad.status).toBe(400);
    expect(await h.tdb.db.query('select count(*)::int as n from audit_log')).toEqual(before);
  });
});

describe('leaders', () => {
  it('only a city-wide admin manages leaders and their charges', async () => {
    const created = await admin.post('/api/leaders', { name: '钱副市长', title: '副市长', unitIds: [unitId('岚县'), unitId('市能源局')] });
    expect(created.status).toBe(201);
    expect(created.body.unitIds).toEqual([unitId('岚县'), unitId('市能源局')].sort((a, b) => a - b));
    const updated = await admin.patch(`/api/leaders/${created.body.id}`, { version: 1, unitIds: [unitId('兴县')] });
    expect(updated.body.unitIds).toEqual([unitId('兴县')]);
    expect((await lishiAdmin.post('/api/leaders', { name: 'x', title: '副市长' })).status).toBe(403);
    const unknown = await admin.post('/api/leaders', { name: 'y', title: '副市长', unitIds: [999999] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].field).toBe('unitIds');
  });
});
