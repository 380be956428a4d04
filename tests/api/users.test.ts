import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, makeUser, PASSWORD, type Client, type Harness } from '../support/app.ts';
import { passwordProblems } from '../../src/modules/auth/schema.ts';

let h: Harness;
let admin: Client;
let lishiAdmin: Client;
beforeAll(async () => {
  h = await harness();
  admin = await h.as('admin');
  await makeUser(h, admin, { username: 'lishi_admin', unit: '离石区', role: 'admin', scope: 'subtree' });
  await makeUser(h, admin, { username: 'xiaoyi_clerk', unit: '孝义市/发展和改革局', role: 'unit_clerk', scope: 'unit' });
  await makeUser(h, admin, { username: 'lishi_clerk2', unit: '离石区/人民政府办公室', role: 'unit_clerk', scope: 'unit' });
  lishiAdmin = await h.as('lishi_admin');
});
afterAll(async () => h?.close());

const unitId = (name: string) => h.ids.units.get(name) as number;
const names = (r: { body: { items: { username: string }[] } }) => r.body.items.map((u) => u.username).sort();

describe('reading users within scope', () => {
  it('a city admin sees everyone; a county unit head only the county and below', async () => {
    const all = await admin.get('/api/users?pageSize=200');
    expect(all.body.total).toBe(11);
    const head = await h.as('lishi_head');
    const mine = await head.get('/api/users?pageSize=200');
    expect(mine.status).toBe(200);
    expect(names(mine)).toEqual(['deputy', 'lishi_admin', 'lishi_clerk', 'lishi_clerk2', 'lishi_head']);
    // filtering by another county's unit yields nothing, not that county's users
    const other = await head.get(`/api/users?unitId=${unitId('孝义市')}`);
    expect(other.body).toEqual({ items: [], total: 0 });
    const one = await head.get(`/api/users/${h.ids.users.get('xiaoyi_clerk')}`);
    expect(one.status).toBe(403);
  });

  it('clerks, viewers, leaders and deputies cannot list users', async () => {
    for (const u of ['lishi_clerk', 'viewer', 'leader', 'deputy', 'supervisor']) {
      const c = await h.as(u);
      expect((await c.get('/api/users')).status, u).toBe(403);
    }
  });

  it('filters by unit with or without sub-units, by role and by text', async () => {
    expect(names(await admin.get(`/api/users?unitId=${unitId('离石区')}&subunits=false`))).toEqual(['deputy', 'lishi_admin', 'lishi_head']);
    expect(names(await admin.get(`/api/users?unitId=${unitId('离石区')}&role=unit_clerk`))).toEqual(['lishi_clerk', 'lishi_clerk2']);
    expect(names(await admin.get(`/api/users?q=${encodeURIComponent('查看')}`))).toEqual(['viewer']);
    const page = await admin.get('/api/users?pageSize=3&page=4');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBe(11);
    expect((await admin.get('/api/users?pageSize=3&page=9')).body).toEqual({ items: [], total: 11 });
    const bad = await admin.get('/api/users?pageSize=1000&role=boss');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['pageSize', 'role']);
  });
});

describe('managing users', () => {
  it('creates a user with a generated password that meets the policy and must be changed', async () => {
    const r = await lishiAdmin.post('/api/users', { username: 'lishi_viewer', displayName: '离石查看', unitId: unitId('离石区'), role: 'viewer', scope: 'subtree' });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ username: 'lishi_viewer', unitName: '离石区', role: 'viewer', scope: 'subtree', mustChangePassword: true, version: 1 });
    expect(passwordProblems(r.body.initialPassword, 'lishi_viewer')).toEqual([]);
    const c = h.client();
    expect((await c.login('lishi_viewer', r.body.initialPassword)).body.user.mustChangePassword).toBe(true);
  });

  it('a county admin cannot create users elsewhere nor grant a city-wide scope', async () => {
    const elsewhere = await lishiAdmin.post('/api/users', { username: 'xx1', displayName: 'x', unitId: unitId('孝义市'), role: 'viewer', scope: 'unit' });
    expect(elsewhere.status).toBe(403);
    const wide = await lishiAdmin.post('/api/users', { username: 'xx2', displayName: 'x', unitId: unitId('离石区'), role: 'viewer', scope: 'city' });
    expect(wide.status).toBe(403);
    expect(wide.body.error.message).toBe('不能授予超出本人管理范围的角色或数据范围');
    const rows = await h.tdb.db.query(`select 1 from users where username in ('xx1', 'xx2')`);
    expect(rows).toHaveLength(0);
  });

  it('refuses a scope the role may not hold, a taken name and a weak given password, naming the field', async () => {
    const scope = await admin.post('/api/users', { username: 'dep2', displayName: 'x', unitId: unitId('离石区'), role: 'deputy', scope: 'city' });
    expect(scope.status).toBe(400);
    expect(scope.body.error.details.issues[0]).toMatchObject({ field: 'scope', message: '角色「人大代表/政协委员」的数据范围只能是：本单位' });
    const taken = await admin.post('/api/users', { username: 'ADMIN', displayName: 'x', unitId: unitId('离石区'), role: 'viewer', scope: 'unit' });
    expect(taken.body.error.details.issues[0].field).toBe('username');
    const weak = await admin.post('/api/users', { username: 'weak1', displayName: 'x', unitId: unitId('离石区'), role: 'viewer', scope: 'unit', password: 'password' });
    expect(weak.body.error.code).toBe('PASSWORD_POLICY');
    expect(weak.body.error.details.issues[0].field).toBe('password');
    const name = await admin.post('/api/users', { username: '../etc', displayName: 'x', unitId: unitId('离石区'), role: 'viewer', scope: 'unit' });
    expect(name.body.error.details.issues[0].field).toBe('username');
  });

  it('updates with row versions, and ends the sessions of a user whose reach changed', async () => {
    const id = h.ids.users.get('lishi_clerk2') as number;
    const session = await h.as('lishi_clerk2');
    const u = (await admin.get(`/api/users/${id}`)).body;
    const r = await lishiAdmin.patch(`/api/users/${id}`, { version: u.version, role: 'unit_head', scope: 'unit' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ role: 'unit_head', scope: 'unit', version: u.version + 1 });
    expect((await session.get('/api/me')).status).toBe(401);
    const stale = await admin.patch(`/api/users/${id}`, { version: u.version, displayName: 'x' });
    expect(stale.status).toBe(409);
    const moveOut = await lishiAdmin.patch(`/api/users/${id}`, { version: u.version + 1, unitId: unitId('孝义市') });
    expect(moveOut.status).toBe(403);
  });

  it('no one demotes or disables themselves', async () => {
    const id = h.ids.users.get('admin') as number;
    const me = (await admin.get(`/api/users/${id}`)).body;
    const r = await admin.patch(`/api/users/${id}`, { version: me.version, disabled: true });
    expect(r.status).toBe(403);
    expect((await admin.patch(`/api/users/${id}`, { version: me.version, displayName: '管理员' })).status).toBe(200);
  });

  it('disabling a user ends their sessions; unlocking clears a lock', async () => {
    const id = h.ids.users.get('xiaoyi_clerk') as number;
    const c = await h.as('xiaoyi_clerk');
    for (let i = 0; i < 5; i++) await h.client().login('xiaoyi_clerk', 'Wrong#pass1');
    const locked = (await admin.get(`/api/users/${id}`)).body;
    expect(locked.lockedUntil).not.toBeNull();
    const unlocked = await admin.post(`/api/users/${id}/unlock`);
    expect(unlocked.body.lockedUntil).toBeNull();
    expect((await h.client().login('xiaoyi_clerk', PASSWORD)).status).toBe(200);
    const dis = await admin.patch(`/api/users/${id}`, { version: unlocked.body.version, disabled: true });
    expect(dis.body.disabled).toBe(true);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('a county admin cannot reset the password of a user in another county', async () => {
    const r = await lishiAdmin.post(`/api/users/${h.ids.users.get('viewer')}/reset-password`);
    expect(r.status).toBe(403);
  });
});
