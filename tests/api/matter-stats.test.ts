import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, makeUser, type Client, type Harness } from '../support/app.ts';
import { recomputeAll } from '../../src/modules/matters/recompute.ts';

let h: Harness;
const c: Record<string, Client> = {};
const USERS = ['admin', 'supervisor', 'lishi_head', 'lishi_clerk', 'lishi_office', 'xiaoyi_clerk', 'finance_clerk', 'housing_clerk', 'deputy', 'viewer'];

beforeAll(async () => {
  h = await harness();
  const admin = await h.as('admin');
  await makeUser(h, admin, { username: 'lishi_office', unit: '离石区/人民政府办公室', role: 'unit_clerk', scope: 'unit' });
  await makeUser(h, admin, { username: 'xiaoyi_clerk', unit: '孝义市/发展和改革局', role: 'unit_clerk', scope: 'unit' });
  await makeUser(h, admin, { username: 'finance_clerk', unit: '市财政局', role: 'unit_clerk', scope: 'unit' });
  await makeUser(h, admin, { username: 'housing_clerk', unit: '市住建局', role: 'unit_clerk', scope: 'unit' });
  await at('2026-03-02');
});
afterAll(async () => h?.close());

/** Sets the clock to 09:00 China time on `day`, signs everyone in again (sessions idle out) and runs the daily recompute. */
async function at(day: string) {
  h.clock.t = Date.parse(`${day}T09:00:00+08:00`);
  await recomputeAll(h.tdb.db, h.clock.now());
  const clients = await Promise.all(USERS.map((u) => h.as(u)));
  USERS.forEach((u, i) => (c[u] = clients[i] as Client));
}

const unit = (name: string) => h.ids.units.get(name) as number;
async function leader(name: string): Promise<number> {
  return (await h.tdb.db.query<{ id: number }>('select id from leaders where name = $1', [name]))[0]?.id as number;
}
async function step(who: string, id: number, body: Record<string, unknown>) {
  const r = await (c[who] as Client).post(`/api/matters/${id}/actions`, body);
  if (r.status !== 200) throw new Error(`${who} ${String(body.action)} #${id}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.matter;
}

const ids: Record<string, number> = {};
const CLERK: Record<string, string> = { A: 'lishi_clerk', B: 'xiaoyi_clerk', C: 'finance_clerk', D: 'housing_clerk', E: 'lishi_office' };

/**
 * Known outcomes, all assigned on 2026-03-02:
 *  A 离石区发展和改革局  A1 A2 closed on time (03-20), A3 open and overdue (due 03-31)
 *  B 孝义市发展和改革局  B1 closed late (04-10, due 03-31), B2 closed on time
 *  C 市财政局           C1 closed on time, C2 and C3 open (due 12-31); C3 assisted by 离石区发展和改革局
 *  D 市住建局           D1 D2 closed on time, D3 open (due 12-31)  — the same rates as A
 *  E 离石区人民政府办公室 two deputies' suggestions: E1 replied on time and rated 满意 (closed),
 *                        E2 replied late and rated 不满意 (handled again)
 */
describe('statistics by unit and kind', () => {
  it('sets up matters with known outcomes through the API', async () => {
    const plan: [string, string, string, string | null, number[]][] = [
      ['A1', '离石区/发展和改革局', '2026-03-31', '韩志刚', []],
      ['A2', '离石区/发展和改革局', '2026-03-31', '韩志刚', []],
      ['A3', '离石区/发展和改革局', '2026-03-31', '韩志刚', []],
      ['B1', '孝义市/发展和改革局', '2026-03-31', '韩志刚', []],
      ['B2', '孝义市/发展和改革局', '2026-03-31', '韩志刚', []],
      ['C1', '市财政局', '2026-03-31', '高建华', []],
      ['C2', '市财政局', '2026-12-31', '高建华', []],
      ['C3', '市财政局', '2026-12-31', '高建华', [unit('离石区/发展和改革局')]],
      ['D1', '市住建局', '2026-03-31', '赵永明', []],
      ['D2', '市住建局', '2026-03-31', '赵永明', []],
      ['D3', '市住建局', '2026-12-31', '赵永明', []],
    ];
    for (const [key, lead, dueOn, who, assists] of plan) {
      const r = await (c.supervisor as Client).post('/api/matters', {
        source: 'rectification',
        title: `整改问题${key}`,
        leadUnitId: unit(lead),
        assistUnitIds: assists,
        dueOn,
        leaderId: who ? await leader(who) : null,
      });
      expect(r.status).toBe(201);
      ids[key] = r.body.matter.id;
    }
    for (const key of ['E1', 'E2']) {
      const f = await (c.deputy as Client).post('/api/matters/suggestions', { source: 'suggestion', title: `关于改进工作的建议${key}`, content: '建议内容' });
      ids[key] = f.body.matter.id;
      const m = await step('supervisor', ids[key] as number, { action: 'assign', leadUnitId: unit('离石区/人民政府办公室') });
      expect(m.dueOn).toBe('2026-06-02');
    }
    for (const [key, id] of Object.entries(ids)) await step(CLERK[key[0] as string] as string, id, { action: 'sign' });

    await at('2026-03-20');
    for (const key of ['A1', 'A2', 'B2', 'C1', 'D1', 'D2']) {
      await step(CLERK[key[0] as string] as string, ids[key] as number, { action: 'request_closure', text: '已整改完成' });
      await step('supervisor', ids[key] as number, { action: 'accept', grade: 'good' });
    }
    await step('lishi_office', ids.E1 as number, { action: 'reply', replyGrade: 'A', text: '已采纳' });
    expect((await step('deputy', ids.E1 as number, { action: 'rate', rating: 'satisfied' })).state).toBe('closed');

    await at('2026-04-10');
    await step('xiaoyi_clerk', ids.B1 as number, { action: 'request_closure', text: '已整改完成' });
    expect((await step('supervisor', ids.B1 as number, { action: 'accept', grade: 'pass' })).closedOnTime).toBe(false);

    await at('2026-06-10');
    await step('lishi_office', ids.E2 as number, { action: 'reply', replyGrade: 'B', text: '正在研究' });
    expect((await step('deputy', ids.E2 as number, { action: 'rate', rating: 'unsatisfied', text: '没有明确时间' })).state).toBe('in_progress');
    expect((await (c.supervisor as Client).get(`/api/matters/${ids.A3}`)).body.light).toBe('red');
  });

  const rate = (numerator: number, denominator: number, text: string | null) => ({ numerator, denominator, percent: text === null ? null : Number(text.slice(0, -1)), text });
  const noReplies = { total: 0, repliedOnTime: 0, repliedOnTimeRate: rate(0, 0, null), rated: 0, satisfied: 0, satisfactionRate: rate(0, 0, null), unsatisfied: 0 };

  it('per lead unit: counts, rates as exact fractions, average days to close', async () => {
    const r = await (c.supervisor as Client).get('/api/matter-stats');
    expect(r.status).toBe(200);
    expect(r.body.asOf).toBe('2026-06-10');
    const row = (g: Record<string, unknown>) => [g.label, g.total, g.open, g.closed, g.closedOnTime, g.overdue, (g.closureRate as { text: string }).text, (g.onTimeRate as { text: string }).text, g.avgDaysToClose];
    // In the organisation's order: the counties' offices, then the city departments.
    expect(r.body.groups.map(row)).toEqual([
      ['离石区人民政府办公室', 2, 1, 1, 1, 0, '50.0%', '100.0%', 18],
      ['离石区发展和改革局', 3, 1, 2, 2, 1, '66.7%', '100.0%', 18],
      ['孝义市发展和改革局', 2, 0, 2, 1, 0, '100.0%', '50.0%', 28.5],
      ['市财政局', 3, 2, 1, 1, 0, '33.3%', '100.0%', 18],
      ['市住建局', 3, 1, 2, 2, 0, '66.7%', '100.0%', 18],
    ]);
    const e = r.body.groups[0];
    expect(e).toMatchObject({ key: `unit:${unit('离石区/人民政府办公室')}`, unitId: unit('离石区/人民政府办公室'), closureRate: rate(1, 2, '50.0%'), onTimeRate: rate(1, 1, '100.0%') });
    expect(e.replies).toEqual({
      total: 2,
      repliedOnTime: 1,
      repliedOnTimeRate: rate(1, 2, '50.0%'),
      rated: 2,
      satisfied: 1,
      satisfactionRate: rate(1, 2, '50.0%'),
      unsatisfied: 1,
    });
    expect(r.body.groups[1].replies).toEqual(noReplies);
    expect(r.body.totals).toMatchObject({ total: 13, open: 5, closed: 8, closedOnTime: 7, overdue: 1, closureRate: rate(8, 13, '61.5%'), onTimeRate: rate(7, 8, '87.5%') });
    expect(r.body.totals.avgDaysToClose).toBe(20.6); // (7 × 18 + 39) / 8 = 20.625
  });

  it('ranks by on-time rate, then closure rate; exact ties share a rank', async () => {
    const r = await (c.supervisor as Client).get('/api/matter-stats');
    expect(r.body.ranking.map((g: { rank: number; label: string; onTimeRate: { text: string }; closureRate: { text: string } }) => [g.rank, g.label, g.onTimeRate.text, g.closureRate.text])).toEqual([
      [1, '市住建局', '100.0%', '66.7%'],
      [1, '离石区发展和改革局', '100.0%', '66.7%'],
      [3, '离石区人民政府办公室', '100.0%', '50.0%'],
      [4, '市财政局', '100.0%', '33.3%'],
      [5, '孝义市发展和改革局', '50.0%', '100.0%'],
    ]);
  });

  it('lists what is overdue now, with days overdue and the leader', async () => {
    const r = await (c.supervisor as Client).get('/api/matter-stats');
    expect(r.body.overdue).toEqual([
      {
        matterId: ids.A3,
        code: expect.stringMatching(/^ZG2026-\d{5}$/),
        title: '整改问题A3',
        source: 'rectification',
        leadUnitId: unit('离石区/发展和改革局'),
        leadUnit: '离石区发展和改革局',
        dueOn: '2026-03-31',
        daysOverdue: 71,
        leaderId: await leader('韩志刚'),
        leader: '韩志刚',
      },
    ]);
  });

  it('by source and by leader', async () => {
    const bySource = await (c.supervisor as Client).get('/api/matter-stats?by=source');
    expect(bySource.body.groups.map((g: Record<string, unknown>) => [g.key, g.label, g.total, g.closed, g.closedOnTime])).toEqual([
      ['source:rectification', '整改问题', 11, 7, 6],
      ['source:suggestion', '人大代表建议', 2, 1, 1],
    ]);
    const byLeader = await (c.supervisor as Client).get('/api/matter-stats?by=leader');
    expect(byLeader.body.groups.map((g: Record<string, unknown>) => [g.label, g.total, g.closed, g.overdue])).toEqual([
      ['高建华', 3, 1, 0],
      ['韩志刚', 5, 4, 1],
      ['赵永明', 3, 2, 0],
      ['未明确责任领导', 2, 1, 0],
    ]);
    expect(byLeader.body.groups[3].leaderId).toBeNull();
  });

  it('filters by source and by assignment period', async () => {
    const s = await (c.supervisor as Client).get('/api/matter-stats?source=suggestion');
    expect(s.body.groups.map((g: { label: string }) => g.label)).toEqual(['离石区人民政府办公室']);
    expect(s.body.totals.replies.repliedOnTimeRate.text).toBe('50.0%');
    const later = await (c.supervisor as Client).get('/api/matter-stats?from=2026-03-03&to=2026-12-31');
    expect(later.body).toMatchObject({ groups: [], ranking: [], overdue: [], from: '2026-03-03', to: '2026-12-31' });
    expect(later.body.totals).toMatchObject({ total: 0, closureRate: rate(0, 0, null), onTimeRate: rate(0, 0, null), avgDaysToClose: null });
    expect((await (c.supervisor as Client).get('/api/matter-stats?from=2026-03-02&to=2026-03-02')).body.totals.total).toBe(13);
    const bad = await (c.supervisor as Client).get('/api/matter-stats?from=2026-04-01&to=2026-03-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('to');
    expect((await (c.supervisor as Client).get('/api/matter-stats?by=county')).status).toBe(400);
  });

  it('a county head sees only the county’s units; clerks and deputies have no statistics', async () => {
    const r = await (c.lishi_head as Client).get('/api/matter-stats');
    expect(r.status).toBe(200);
    // C3 (市财政局, assisted by a county unit) is visible to the head, but not the county's figures.
    expect(r.body.groups.map((g: { label: string; total: number }) => [g.label, g.total])).toEqual([
      ['离石区人民政府办公室', 2],
      ['离石区发展和改革局', 3],
    ]);
    expect(r.body.ranking.map((g: { rank: number; label: string }) => [g.rank, g.label])).toEqual([
      [1, '离石区发展和改革局'],
      [2, '离石区人民政府办公室'],
    ]);
    expect(r.body.totals.total).toBe(5);
    expect(r.body.overdue.map((o: { matterId: number }) => o.matterId)).toEqual([ids.A3]);
    expect((await (c.viewer as Client).get('/api/matter-stats')).body.totals.total).toBe(13);
    expect((await (c.lishi_clerk as Client).get('/api/matter-stats')).status).toBe(403);
    expect((await (c.deputy as Client).get('/api/matter-stats')).status).toBe(403);
  });
});
