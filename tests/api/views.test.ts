/**
 * Saved views of list pages (常用视图): a user's own, kept on the server, replaced by name, at most
 * 50 a page, checked field by field, and never seen, changed or deleted by anyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, makeUser, type Client, type Harness } from '../support/app.ts';
import { MAX_VIEWS_PER_PAGE } from '../../src/modules/views/schema.ts';

let h: Harness;
let office: Client;
let other: Client;

beforeAll(async () => {
  h = await harness();
  const admin = await h.as('admin');
  await makeUser(h, admin, { username: 'office', unit: '市发改委', role: 'supervisor', scope: 'city' });
  await makeUser(h, admin, { username: 'xiaoyi_sup', unit: '孝义市', role: 'supervisor', scope: 'subtree' });
  office = await h.as('office');
  other = await h.as('xiaoyi_sup');
});
afterAll(async () => h?.close());

describe('saved views', () => {
  it('saves a view under a name, replaces it by name, lists them by name, and deletes it', async () => {
    const a = await office.put('/api/views', { page: 'projects', name: '孝义红灯', query: 'unitId=12&light=red' });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ page: 'projects', name: '孝义红灯', query: 'unitId=12&light=red' });
    const b = await office.put('/api/views', { page: 'projects', name: '  滞后项目 ', query: 'lagging=10&sort=lead' });
    expect(b.body.name).toBe('滞后项目');
    // the same name again replaces the query, keeping the view
    const again = await office.put('/api/views', { page: 'projects', name: '孝义红灯', query: 'unitId=12&light=red&stage=new_start' });
    expect(again.body.id).toBe(a.body.id);
    const list = await office.get('/api/views?page=projects');
    expect(list.status).toBe(200);
    expect(list.body.items.map((v: { name: string; query: string }) => [v.name, v.query])).toEqual([
      ['孝义红灯', 'unitId=12&light=red&stage=new_start'],
      ['滞后项目', 'lagging=10&sort=lead'],
    ]);
    expect((await office.delete(`/api/views/${b.body.id}`)).status).toBe(204);
    expect((await office.get('/api/views?page=projects')).body.items.map((v: { name: string }) => v.name)).toEqual(['孝义红灯']);
    expect((await office.delete(`/api/views/${b.body.id}`)).status).toBe(404);
  });

  it('keeps each user’s views to themselves', async () => {
    const mine = (await office.get('/api/views?page=projects')).body.items[0] as { id: number; name: string };
    expect((await other.get('/api/views?page=projects')).body.items).toEqual([]);
    // another user's view is not found, and saving the same name makes their own
    expect((await other.delete(`/api/views/${mine.id}`)).status).toBe(404);
    const theirs = await other.put('/api/views', { page: 'projects', name: mine.name, query: 'light=yellow' });
    expect(theirs.body.id).not.toBe(mine.id);
    expect((await office.get('/api/views?page=projects')).body.items.map((v: { query: string }) => v.query)).toEqual(['unitId=12&light=red&stage=new_start']);
    // and without a session there are none
    expect((await h.client().get('/api/views?page=projects')).status).toBe(401);
  });

  it('refuses bad input field by field, an unknown page, and a 51st view', async () => {
    const bad = await office.put('/api/views', { page: 'projects', name: ' ', query: '?unitId=1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { field: string; message: string }) => [i.field, i.message])).toEqual([
      ['name', '请输入视图名称'],
      ['query', '筛选条件不含开头的 “?”'],
    ]);
    expect((await office.put('/api/views', { page: 'projects', name: 'x'.repeat(31), query: '' })).body.error.details.issues[0].message).toBe('视图名称最多 30 个字');
    expect((await office.put('/api/views', { page: 'people', name: 'x', query: '' })).status).toBe(400);
    expect((await office.get('/api/views?page=people')).status).toBe(400);

    const have = (await office.get('/api/views?page=projects')).body.items.length as number;
    for (let i = have; i < MAX_VIEWS_PER_PAGE; i++) expect((await office.put('/api/views', { page: 'projects', name: `视图${i}`, query: `page=${i}` })).status).toBe(200);
    const over = await office.put('/api/views', { page: 'projects', name: '再多一个', query: '' });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toBe('每个页面最多保存 50 个视图，请先删除不用的视图');
    // replacing one by name is still allowed at the limit
    expect((await office.put('/api/views', { page: 'projects', name: '视图3', query: 'page=33' })).status).toBe(200);
    expect((await office.get('/api/views?page=projects')).body.items).toHaveLength(MAX_VIEWS_PER_PAGE);
  });
});
