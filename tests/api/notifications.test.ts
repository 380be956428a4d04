/**
 * Reminders and escalation as background jobs: notices to the right people exactly once however
 * often (and from however many processes) the job runs, group-robot messages in each robot's
 * format with DingTalk signing, retries with backoff, and the notifications and webhooks API.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, makeUser, type Client, type Harness } from '../support/app.ts';
import { testDbMode } from '../support/db.ts';
import { luoshi } from '../support/cli.ts';
import { openPostgres, type Db } from '../../src/platform/db/index.ts';
import { runJob, runJobNow, startScheduler, type Job, type JobRun } from '../../src/platform/jobs.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { recomputeAll } from '../../src/modules/matters/recompute.ts';
import { notifyOpenMatters } from '../../src/modules/notifications/service.ts';
import { backoffMs, MAX_ATTEMPTS } from '../../src/modules/notifications/webhooks.ts';


// ---------------------------------------------------------------- a local robot endpoint

interface Received {
  path: string;
  url: string;
  query: URLSearchParams;
  body: any;
}

/** An HTTP server on 127.0.0.1 playing the robots: /ding and /wecom accept, /fail answers 500, /refuse a robot error. */
async function robotServer() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      received.push({ path: u.pathname, url: req.url ?? '', query: u.searchParams, body: data ? JSON.parse(data) : null });
      res.setHeader('content-type', 'application/json');
      if (u.pathname === '/fail') {
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain');
        res.end('boom');
      } else if (u.pathname === '/refuse') res.end(JSON.stringify({ errcode: 310000, errmsg: 'sign not match' }));
      else res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    received,
    at: (p: string) => received.filter((r) => r.path === p),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------- the scenario

let h: Harness;
let robots: Awaited<ReturnType<typeof robotServer>>;
let admin: Client;
let supervisor: Client;
let clerk: Client;
let head: Client;
let leader: Client;

const SECRET = 'SECa1b2c3d4e5f6g7h8';
const unit = (name: string) => h.ids.units.get(name) as number;
const LEAD = '离石区/发展和改革局';

beforeAll(async () => {
  h = await harness();
  robots = await robotServer();
  await signIn();
});
afterAll(async () => {
  await robots?.close();
  await h?.close();
});

/** Sessions end after 30 idle minutes: after the clock jumps, everyone signs in again. */
async function signIn() {
  [admin, supervisor, clerk, head, leader] = (await Promise.all(['admin', 'supervisor', 'lishi_clerk', 'lishi_head', 'leader'].map((u) => h.as(u)))) as [Client, Client, Client, Client, Client];
}
async function at(iso: string) {
  h.clock.t = Date.parse(iso.length === 10 ? `${iso}T09:00:00+08:00` : iso);
  await signIn();
}
const daily = () => runJobNow(h.tdb.db, 'matters.daily', h.clock.now());
const deliver = () => runJobNow(h.tdb.db, 'webhooks.deliver', h.clock.now());
/** Runs the daily job twice, as two ticks that both ran it would. */
async function dailyTwice(): Promise<[JobRun, JobRun]> {
  const a = await daily();
  const b = await daily();
  expect(a.ok && b.ok).toBe(true);
  return [a, b];
}

/** A user's notices about a matter: kind and key, oldest first. */
async function notices(username: string, matterId: number) {
  return h.tdb.db.query<{ kind: string; key: string; title: string; body: string }>(
    `select n.kind, n.dedupe_key as key, n.title, n.body from notifications n join users u on u.id = n.user_id
      where u.username = $1 and n.matter_id = $2 order by n.id`,
    [username, matterId],
  );
}
const keys = async (username: string, matterId: number) => (await notices(username, matterId)).map((n) => n.key);

describe('reminders, escalation and robots', () => {
  let m: number; // the matter the scenario follows
  let assignEvent: number;
  let ding: { id: number; version: number };
  let wecom: { id: number; version: number };
  let failing: { id: number };

  it('refuses robot settings that are unsafe or impossible, and non-administrators', async () => {
    await at('2026-03-02');
    const url = `/api/units/${unit(LEAD)}/webhooks`;
    const bad = async (body: object) => {
      const r = await admin.post(url, body);
      expect(r.status).toBe(400);
      return r.body.error.details.issues[0];
    };
    expect((await bad({ kind: 'dingtalk', url: 'http://oapi.dingtalk.com/robot/send?access_token=x' })).field).toBe('url');
    expect((await bad({ kind: 'dingtalk', url: 'http://10.0.0.5/robot' })).message).toContain('须使用 https 地址');
    expect((await bad({ kind: 'dingtalk', url: 'ftp://127.0.0.1/robot' })).field).toBe('url');
    expect((await bad({ kind: 'dingtalk', url: 'https://user:pw@oapi.dingtalk.com/robot/send' })).field).toBe('url');
    expect((await bad({ kind: 'wecom', url: 'not a url' })).messageEn).toBe('not a valid URL');
    expect((await bad({ kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', secret: 'x' })).field).toBe('secret');
    const email = await admin.post(url, { kind: 'email', url: 'duban@lishi.gov.cn' });
    expect(email.status).toBe(400);
    expect(email.body.error.message).toContain('未配置邮件服务器');
    expect(email.body.error.details.issues[0].field).toBe('kind');

    expect((await supervisor.post(url, { kind: 'wecom', url: `${robots.base}/wecom` })).status).toBe(403);
    expect((await clerk.get(url)).status).toBe(403);
    // An administrator of another county reaches neither this unit's robots nor their list.
    await makeUser(h, admin, { username: 'xiaoyi_admin', unit: '孝义市', role: 'admin', scope: 'subtree' });
    const county = await h.as('xiaoyi_admin');
    expect((await county.get(url)).status).toBe(403);
    expect((await county.post(url, { kind: 'wecom', url: `${robots.base}/wecom` })).status).toBe(403);
    expect((await admin.get('/api/units/999999/webhooks')).status).toBe(404);
  });

  it('an administrator adds a signed DingTalk robot and a WeCom robot; the secret is never shown', async () => {
    const url = `/api/units/${unit(LEAD)}/webhooks`;
    const long = await admin.post(url, { kind: 'dingtalk', name: '群'.repeat(51), url: `${robots.base}/ding?access_token=tok123` });
    expect(long.status).toBe(400);
    expect(long.body.error.details.issues[0].field).toBe('name');
    const d = await admin.post(url, { kind: 'dingtalk', name: ' 离石区督办工作群 ', url: `${robots.base}/ding?access_token=tok123`, secret: SECRET });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ unitId: unit(LEAD), kind: 'dingtalk', name: '离石区督办工作群', url: `${robots.base}/ding?access_token=tok123`, hasSecret: true, enabled: true, version: 1 });
    expect(JSON.stringify(d.body)).not.toContain(SECRET);
    ding = d.body;
    const w = await admin.post(url, { kind: 'wecom', url: `${robots.base}/wecom?key=wk1` });
    expect(w.status).toBe(201);
    expect(w.body.hasSecret).toBe(false);
    expect(w.body.name).toBe('');
    wecom = w.body;
    const list = await admin.get(url);
    expect(list.body.map((x: { kind: string }) => x.kind)).toEqual(['dingtalk', 'wecom']);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
    // The audit log keeps neither the secret nor the robot's access token.
    const audit = await h.tdb.db.query<{ after: string }>(`select after::text from audit_log where action = 'webhook.create'`);
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.after).join()).not.toMatch(/SECa1b2|tok123|wk1/);

    const fin = await admin.post(`/api/units/${unit('市财政局')}/webhooks`, { kind: 'dingtalk', url: `${robots.base}/fail` });
    expect(fin.status).toBe(201);
    failing = fin.body;
  });

  it('a test message reaches the robot in its format, signed', async () => {
    const r = await admin.post(`/api/units/${unit(LEAD)}/webhooks/${ding.id}/test`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, status: 200, error: null });
    const got = robots.at('/ding');
    expect(got).toHaveLength(1);
    const msg = got[0] as Received;
    expect(Object.keys(msg.body)).toEqual(['msgtype', 'markdown']);
    expect(msg.body.msgtype).toBe('markdown');
    expect(Object.keys(msg.body.markdown)).toEqual(['title', 'text']);
    expect(msg.body.markdown.title).toBe('落实平台测试消息');
    // DingTalk signing: timestamp (ms) and sign = urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret)))
    const ts = msg.query.get('timestamp') as string;
    expect(ts).toBe(String(h.clock.t));
    const expected = crypto.createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64');
    expect(msg.query.get('sign')).toBe(expected);
    expect(msg.url).toBe(`/ding?access_token=tok123&timestamp=${ts}&sign=${encodeURIComponent(expected)}`);
    // A robot that refuses answers 200 with an error code: reported as a failure.
    const refusing = await admin.post(`/api/units/${unit(LEAD)}/webhooks`, { kind: 'wecom', url: `${robots.base}/refuse` });
    const t = await admin.post(`/api/units/${unit(LEAD)}/webhooks/${refusing.body.id}/test`);
    expect(t.body).toEqual({ ok: false, status: 200, error: 'errcode 310000: sign not match' });
    expect((await admin.delete(`/api/units/${unit(LEAD)}/webhooks/${refusing.body.id}?version=1`)).status).toBe(204);
    // another unit's robot is not reachable through this unit
    expect((await admin.post(`/api/units/${unit(LEAD)}/webhooks/${failing.id}/test`)).status).toBe(404);
  });

  it('a new matter: the lead unit’s clerks are told to sign for it, once however often the job runs', async () => {
    const leaderId = (await h.tdb.db.query<{ id: number }>(`select id from leaders where name = '高建华'`))[0]?.id;
    const r = await supervisor.post('/api/matters', { source: 'instruction', title: '推进城区老旧小区改造', content: '市长批示：抓紧推进。', leadUnitId: unit(LEAD), leaderId });
    expect(r.status).toBe(201);
    m = r.body.matter.id;
    expect(r.body.matter.leaderName).toBe('高建华');
    assignEvent = r.body.matter.events[0].id;
    // a matter at the unit with the failing robot
    expect((await supervisor.post('/api/matters', { source: 'meeting', title: '清理拖欠企业账款', leadUnitId: unit('市财政局') })).status).toBe(201);
    const [first, second] = await dailyTwice();
    expect(first.result).toMatchObject({ notifications: 1, escalated: 0 });
    expect(second.result).toMatchObject({ notifications: 0, deliveries: 0, escalated: 0 });
    expect(await keys('lishi_clerk', m)).toEqual([`sign:${m}:${assignEvent}`]);
    expect((await notices('lishi_clerk', m))[0]?.title).toBe('【待签收】推进城区老旧小区改造');
    // the head of 离石区 handles nothing himself; nobody at the other unit
    expect(await keys('lishi_head', m)).toEqual([]);
  });

  it('the delivery job sends each robot its messages, in its format', async () => {
    const before = robots.received.length;
    const r = await deliver();
    expect(r.ok).toBe(true);
    expect(r.result).toMatchObject({ claimed: 3, sent: 2, retrying: 1, failed: 0 });
    const got = robots.received.slice(before);
    const dingMsg = got.find((g) => g.path === '/ding') as Received;
    expect(dingMsg.body).toEqual({
      msgtype: 'markdown',
      markdown: { title: '【待签收】推进城区老旧小区改造', text: expect.stringMatching(/^### 【待签收】推进城区老旧小区改造\n\n督查室交办 DB2026-\d{5}「推进城区老旧小区改造」，请及时签收。$/) },
    });
    const ts = dingMsg.query.get('timestamp') as string;
    expect(dingMsg.query.get('sign')).toBe(crypto.createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64'));
    const wecomMsg = got.find((g) => g.path === '/wecom') as Received;
    expect(wecomMsg.body).toEqual({ msgtype: 'markdown', markdown: { content: dingMsg.body.markdown.text } });
    expect(wecomMsg.url).toBe('/wecom?key=wk1');
    // sent messages are not sent again
    const again = await deliver();
    expect(again.result).toMatchObject({ claimed: 0 });
    const rows = await h.tdb.db.query<{ webhook_id: number; status: string; attempts: number }>('select webhook_id, status, attempts from webhook_deliveries order by webhook_id');
    expect(rows).toEqual([
      { webhook_id: ding.id, status: 'sent', attempts: 1 },
      { webhook_id: wecom.id, status: 'sent', attempts: 1 },
      { webhook_id: failing.id, status: 'pending', attempts: 1 },
    ]);
  });

  it('a failing robot is retried with backoff and given up after the last attempt', async () => {
    const row = async () =>
      (await h.tdb.db.query<{ status: string; attempts: number; next_attempt: Date; last_error: string | null }>('select status, attempts, next_attempt, last_error from webhook_deliveries where webhook_id = $1', [failing.id]))[0] as {
        status: string;
        attempts: number;
        next_attempt: Date;
        last_error: string | null;
      };
    const delays: number[] = [];
    let r = await row();
    expect(r.last_error).toBe('HTTP 500: boom');
    delays.push(r.next_attempt.getTime() - h.clock.t);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      // not yet due: nothing is sent
      h.clock.t = r.next_attempt.getTime() - 1000;
      expect((await deliver()).result).toMatchObject({ claimed: 0 });
      h.clock.t = r.next_attempt.getTime();
      const run = await deliver();
      expect(run.result).toMatchObject({ claimed: 1, sent: 0 });
      r = await row();
      expect(r.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) delays.push(r.next_attempt.getTime() - h.clock.t);
    }
    expect(delays).toEqual([1, 2, 4, 8].map((mins) => mins * 60_000));
    expect(delays).toEqual([1, 2, 3, 4].map(backoffMs));
    expect(r.status).toBe('failed');
    expect(robots.at('/fail')).toHaveLength(MAX_ATTEMPTS);
    h.clock.t += 3_600_000;
    expect((await deliver()).result).toMatchObject({ claimed: 0 });
    expect(robots.at('/fail')).toHaveLength(MAX_ATTEMPTS);
    await signIn();
    const list = await admin.get(`/api/units/${unit('市财政局')}/webhooks`);
    expect(list.body[0].deliveries).toEqual({ pending: 0, sent: 0, failed: 1, lastError: 'HTTP 500: boom' });
  });

  it('yellow: a required report is missing', async () => {
    await at('2026-03-02T15:00:00+08:00');
    expect((await clerk.post(`/api/matters/${m}/actions`, { action: 'sign' })).status).toBe(200);
    await at('2026-03-06');
    await dailyTwice();
    expect(await keys('lishi_clerk', m)).toEqual([`sign:${m}:${assignEvent}`, `yellow:${m}:progress:2026-03-05`]);
    const yellow = (await notices('lishi_clerk', m))[1];
    expect(yellow?.title).toBe('【黄灯】进度滞后：推进城区老旧小区改造');
    expect(yellow?.body).toContain('未按时报送');
    expect((await clerk.post(`/api/matters/${m}/actions`, { action: 'report', text: '已制定改造方案' })).status).toBe(200);
  });

  it('blue: the deadline is near', async () => {
    await at('2026-03-07');
    await dailyTwice();
    expect((await keys('lishi_clerk', m)).slice(2)).toEqual([`blue:${m}:complete:2026-03-09`]);
    expect(await keys('lishi_head', m)).toEqual([]);
    expect(await keys('leader', m)).toEqual([]);
  });

  it('red: overdue; escalated to the unit head, with a timeline step and an audit entry', async () => {
    await at('2026-03-10');
    const [first] = await dailyTwice();
    // this matter and the unsigned one at 市财政局
    expect(first.result).toMatchObject({ escalated: 2 });
    expect((await keys('lishi_clerk', m)).slice(3)).toEqual([`red:${m}:2026-03-09`]);
    expect(await keys('lishi_head', m)).toEqual([`escalate:${m}:1:2026-03-09`]);
    expect(await keys('leader', m)).toEqual([]);
    const matter = (await supervisor.get(`/api/matters/${m}`)).body;
    expect(matter.light).toBe('red');
    expect(matter.escalation).toBe(1);
    const steps = matter.events.filter((e: { action: string }) => e.action === 'escalate');
    expect(steps).toHaveLength(1);
    expect(steps[0].body).toMatchObject({ level: 1, from: 0, overdueDays: 1, due: '2026-03-09', notified: [h.ids.users.get('lishi_head')] });
    const audit = await h.tdb.db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'matter.escalate' and entity_id = $1`, [String(m)]);
    expect(audit[0]?.n).toBe(1);
  });

  it('still overdue after the leader threshold: escalated to the responsible leader', async () => {
    await at('2026-03-11');
    expect((await daily()).result).toMatchObject({ notifications: 0, escalated: 0 });
    await at('2026-03-12');
    const [first, second] = await dailyTwice();
    expect(first.result).toMatchObject({ escalated: 2 });
    expect(second.result).toMatchObject({ escalated: 0, notifications: 0, deliveries: 0 });
    expect(await keys('lishi_head', m)).toEqual([`escalate:${m}:1:2026-03-09`, `escalate:${m}:2:2026-03-09`]);
    expect(await keys('leader', m)).toEqual([`escalate:${m}:2:2026-03-09`]);
    const toLeader = (await notices('leader', m))[0];
    expect(toLeader?.title).toBe('【逾期升级】推进城区老旧小区改造');
    expect(toLeader?.body).toContain('已逾期3天');
    expect(toLeader?.body).toContain('已报告责任领导高建华');
    expect(await keys('lishi_clerk', m)).toEqual([`sign:${m}:${assignEvent}`, `yellow:${m}:progress:2026-03-05`, `blue:${m}:complete:2026-03-09`, `red:${m}:2026-03-09`]);
    const matter = (await supervisor.get(`/api/matters/${m}`)).body;
    expect(matter.escalation).toBe(2);
    expect(matter.events.filter((e: { action: string }) => e.action === 'escalate').map((e: { body: { level: number } }) => e.body.level)).toEqual([1, 2]);
    // every (user, key) once, and each robot got each message once
    const dup = await h.tdb.db.query(`select user_id, dedupe_key from notifications group by 1, 2 having count(*) > 1`);
    expect(dup).toEqual([]);
    await deliver();
    const titles = robots.at('/ding').map((g) => g.body.markdown.title);
    expect(titles).toEqual([
      '落实平台测试消息',
      '【待签收】推进城区老旧小区改造',
      '【黄灯】进度滞后：推进城区老旧小区改造',
      '【蓝灯】临近时限：推进城区老旧小区改造',
      '【红灯】已逾期：推进城区老旧小区改造',
      '【逾期升级】推进城区老旧小区改造',
      '【逾期升级】推进城区老旧小区改造',
    ]);
    expect(robots.at('/wecom')).toHaveLength(6);
  });

  it('my notifications: paged with the unread count; read one, read all; never another’s', async () => {
    const mine = await leader.get('/api/notifications');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(1);
    expect(mine.body.unread).toBe(1);
    const n = mine.body.items[0];
    expect(n).toMatchObject({ kind: 'escalate', matterId: m, title: '【逾期升级】推进城区老旧小区改造', readAt: null });
    expect((await clerk.post(`/api/notifications/${n.id}/read`)).status).toBe(404);
    const read = await leader.post(`/api/notifications/${n.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBe(h.clock.now().toISOString());
    expect((await leader.get('/api/notifications')).body.unread).toBe(0);

    const page = await clerk.get('/api/notifications?pageSize=2&page=1');
    expect(page.body.total).toBe(4);
    expect(page.body.unread).toBe(4);
    expect(page.body.items.map((x: { kind: string }) => x.kind)).toEqual(['red', 'blue']);
    expect((await clerk.get('/api/notifications?pageSize=2&page=2')).body.items.map((x: { kind: string }) => x.kind)).toEqual(['yellow', 'sign']);
    const all = await clerk.post('/api/notifications/read-all');
    expect(all.body).toEqual({ updated: 4 });
    expect((await clerk.get('/api/notifications?unread=true')).body).toEqual({ items: [], total: 0, unread: 0 });
    expect((await clerk.get('/api/notifications?pageSize=1000')).status).toBe(400);
    expect((await h.client().get('/api/notifications')).status).toBe(401);
  });

  it('a closure request tells the assigning unit’s reviewers', async () => {
    const c = await clerk.post(`/api/matters/${m}/actions`, { action: 'request_closure', text: '改造已完成' });
    expect(c.status).toBe(200);
    const event = c.body.matter.events.at(-1).id;
    await dailyTwice();
    expect(await keys('supervisor', m)).toEqual([`review:${m}:${event}`]);
    expect((await notices('supervisor', m))[0]?.title).toBe('【待审核】推进城区老旧小区改造');
  });

  it('robots are updated with their version and deleted', async () => {
    const url = `/api/units/${unit(LEAD)}/webhooks`;
    const off = await admin.patch(`${url}/${wecom.id}`, { version: wecom.version, enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, version: 2 });
    const stale = await admin.patch(`${url}/${wecom.id}`, { version: wecom.version, enabled: true });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const badUrl = await admin.patch(`${url}/${wecom.id}`, { version: 2, url: 'http://example.com/x' });
    expect(badUrl.status).toBe(400);
    const noSecret = await admin.patch(`${url}/${ding.id}`, { version: ding.version, secret: null });
    expect(noSecret.body.hasSecret).toBe(false);
    expect((await admin.delete(`${url}/${ding.id}?version=1`)).status).toBe(409);
    expect((await admin.delete(`${url}/${ding.id}?version=2`)).status).toBe(204);
    expect((await admin.get(url)).body.map((w: { id: number }) => w.id)).toEqual([wecom.id]);
    const actions = await h.tdb.db.query<{ action: string }>(`select action from audit_log where entity_type = 'webhook' order by id`);
    expect(actions.map((a) => a.action)).toEqual([
      'webhook.create',
      'webhook.create',
      'webhook.create',
      'webhook.test',
      'webhook.create',
      'webhook.test',
      'webhook.delete',
      'webhook.update',
      'webhook.update',
      'webhook.delete',
    ]);
  });
});

describe('email', () => {
  let e: Harness;
  beforeAll(async () => {
    e = await harness({ LUOSHI_SMTP_URL: 'smtp://mail.lvliang.gov.cn:25' });
  });
  afterAll(async () => e?.close());

  it('with a mail server configured, an address is stored (and checked); no test message', async () => {
    const a = await e.as('admin');
    const url = `/api/units/${e.ids.units.get(LEAD)}/webhooks`;
    const bad = await a.post(url, { kind: 'email', url: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('url');
    const ok = await a.post(url, { kind: 'email', url: 'duban@lishi.gov.cn' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: 'email', url: 'duban@lishi.gov.cn', hasSecret: false });
    expect((await a.post(`${url}/${ok.body.id}/test`)).status).toBe(409);
  });
});

// ---------------------------------------------------------------- the job runner

describe('the job runner', () => {
  const config = loadConfig({});
  it('is configured from the environment', () => {
    expect(config).toMatchObject({ jobs: true, reminderMinutes: 60, smtpUrl: null });
    expect(loadConfig({ LUOSHI_JOBS: 'off', LUOSHI_REMINDER_MINUTES: '15', LUOSHI_SMTP_URL: 'smtps://mail.lvliang.gov.cn:465' })).toMatchObject({ jobs: false, reminderMinutes: 15, smtpUrl: 'smtps://mail.lvliang.gov.cn:465' });
    expect(() => loadConfig({ LUOSHI_REMINDER_MINUTES: '0' })).toThrow(/LUOSHI_REMINDER_MINUTES: must be a whole number from 1 to 1440/);
    expect(() => loadConfig({ LUOSHI_SMTP_URL: 'mail.lvliang.gov.cn' })).toThrow(/LUOSHI_SMTP_URL: must be an smtp/);
  });

  it('a failing job is rolled back and its failure recorded; the next run waits for the interval', async () => {
    const job: Job = {
      name: 'test.failing',
      intervalMs: () => 3_600_000,
      async run(tx) {
        await tx.query(`update units set short_name = 'changed' where id = $1`, [unit(LEAD)]);
        throw new Error('disk on fire');
      },
    };
    const now = new Date(Date.parse('2026-03-20T09:00:00+08:00'));
    const r = await runJob({ db: h.tdb.db, config }, job, now);
    expect(r).toMatchObject({ name: 'test.failing', ran: true, ok: false, error: 'disk on fire' });
    expect((await h.tdb.db.query<{ short_name: string | null }>('select short_name from units where id = $1', [unit(LEAD)]))[0]?.short_name).not.toBe('changed');
    const row = (await h.tdb.db.query<{ last_run_at: Date; last_result: { ok: boolean; error: string; runs: number } }>(`select last_run_at, last_result from job_runs where name = 'test.failing'`))[0];
    expect(row?.last_run_at.getTime()).toBe(now.getTime());
    expect(row?.last_result).toMatchObject({ ok: false, error: 'disk on fire', runs: 1 });
    expect(await runJob({ db: h.tdb.db, config }, job, new Date(now.getTime() + 60_000), { ifDue: true })).toMatchObject({ ran: false, skipped: 'not_due' });
    await h.tdb.db.query(`delete from job_runs where name = 'test.failing'`);
  });

  it('the scheduler runs each job when due, and stops cleanly', async () => {
    let runs = 0;
    const job: Job = {
      name: 'test.counting',
      intervalMs: () => 3_600_000,
      async run() {
        runs++;
        return { result: { runs } };
      },
    };
    const clock = { t: Date.parse('2026-03-20T10:00:00+08:00'), now() { return new Date(this.t); } };
    const s = startScheduler({ db: h.tdb.db, config, clock, jobs: [job], tickMs: 20 });
    const until = async (n: number) => {
      for (let i = 0; i < 200 && runs < n; i++) await new Promise((r) => setTimeout(r, 10));
    };
    await until(1);
    await new Promise((r) => setTimeout(r, 200));
    // ticks every 20 ms, but the job is due once an hour
    expect(runs).toBe(1);
    clock.t += 3_600_000;
    await until(2);
    expect(runs).toBe(2);
    await s.stop();
    clock.t += 3_600_000;
    await new Promise((r) => setTimeout(r, 100));
    expect(runs).toBe(2);
    await h.tdb.db.query(`delete from job_runs where name = 'test.counting'`);
  });
});

// ---------------------------------------------------------------- two processes on one server

describe.runIf(testDbMode === 'postgres')('two app processes on one PostgreSQL database', () => {
  let dbs: [Db, Db];
  let ids: number[];
  const robotHits = () => robots.received.filter((r) => r.path === '/two');

  beforeAll(async () => {
    dbs = [await openPostgres(h.tdb.url as string, 4), await openPostgres(h.tdb.url as string, 4)];
  });
  afterAll(async () => {
    await Promise.all((dbs ?? []).map((d) => d.close()));
  });

  it('each tick runs once; every notice and robot message exists once', async () => {
    await at('2026-04-01');
    const a = await h.as('admin');
    const s = await h.as('supervisor');
    const leaderId = (await h.tdb.db.query<{ id: number }>(`select id from leaders where name = '高建华'`))[0]?.id;
    const leads = ['离石区/发展和改革局', '市财政局', '市住建局', '孝义市', '离石区', '市教育局'];
    ids = [];
    for (const l of leads) {
      const r = await s.post('/api/matters', { source: 'meeting', title: `两进程测试事项（${l}）`, leadUnitId: unit(l), leaderId });
      expect(r.status).toBe(201);
      ids.push(r.body.matter.id);
    }
    for (const l of leads) expect((await a.post(`/api/units/${unit(l)}/webhooks`, { kind: 'wecom', url: `${robots.base}/two?unit=${unit(l)}` })).status).toBe(201);
    const runsSoFar = async () => (await h.tdb.db.query<{ runs: number }>(`select (last_result->>'runs')::int as runs from job_runs where name = 'matters.daily'`))[0]?.runs ?? 0;
    const runsBefore = await runsSoFar();

    const ticks = ['2026-04-01T10:00:00+08:00', '2026-04-06T09:00:00+08:00', '2026-04-09T09:00:00+08:00', '2026-04-10T09:00:00+08:00', '2026-04-11T09:00:00+08:00'];
    for (const t of ticks) {
      const now = new Date(Date.parse(t));
      // three scheduler ticks on each process at the same moment
      const runs = await Promise.all([0, 1, 2].flatMap(() => dbs.map((d) => runJobNow(d, 'matters.daily', now, { ifDue: true }))));
      expect(runs.filter((r) => r.ran)).toHaveLength(1);
      expect(runs.every((r) => r.ok !== false)).toBe(true);
      expect(runs.filter((r) => !r.ran).every((r) => r.skipped === 'busy' || r.skipped === 'not_due')).toBe(true);
      // and both deliver at once: each message is posted once
      const sends = await Promise.all(dbs.map((d) => runJobNow(d, 'webhooks.deliver', now)));
      expect(sends.every((r) => r.ok !== false)).toBe(true);
    }
    // one run per tick, recorded once per job
    expect((await runsSoFar()) - runsBefore).toBe(ticks.length);
    expect(await h.tdb.db.query(`select name from job_runs order by name`)).toEqual([{ name: 'matters.daily' }, { name: 'webhooks.deliver' }]);

    const dupN = await h.tdb.db.query(`select user_id, dedupe_key from notifications group by 1, 2 having count(*) > 1`);
    expect(dupN).toEqual([]);
    const dupD = await h.tdb.db.query(`select webhook_id, dedupe_key from webhook_deliveries group by 1, 2 having count(*) > 1`);
    expect(dupD).toEqual([]);
    const posted = robotHits().map((r) => `${r.query.get('unit')}|${r.body.markdown.content}`);
    expect(new Set(posted).size).toBe(posted.length);
    const queued = await h.tdb.db.query<{ n: number }>(
      `select count(*)::int as n from webhook_deliveries d join unit_webhooks w on w.id = d.webhook_id where w.url like $1`,
      [`${robots.base}/two%`],
    );
    expect(robotHits()).toHaveLength(queued[0]?.n as number);
    // each matter: sign, blue, red and two escalation levels; one timeline step per level
    const perMatter = await h.tdb.db.query<{ matter_id: number; keys: string[] }>(
      `select matter_id, array_agg(distinct split_part(dedupe_key, ':', 1) order by split_part(dedupe_key, ':', 1)) as keys
         from notifications where matter_id = any($1::bigint[]) group by matter_id order by matter_id`,
      [ids],
    );
    // at 离石区's development office (a clerk and, above it, a head): never signed for, so yellow too
    expect(perMatter[0]?.keys).toEqual(['blue', 'escalate', 'red', 'sign', 'yellow']);
    const steps = await h.tdb.db.query<{ matter_id: number; levels: number[] }>(
      `select matter_id, array_agg((body->>'level')::int order by id) as levels from matter_events
        where action = 'escalate' and matter_id = any($1::bigint[]) group by matter_id order by matter_id`,
      [ids],
    );
    expect(steps.map((r) => r.levels)).toEqual(ids.map(() => [1, 2]));
    const leaderNotices = await h.tdb.db.query<{ n: number }>(
      `select count(*)::int as n from notifications n join users u on u.id = n.user_id where u.username = 'leader' and n.matter_id = any($1::bigint[])`,
      [ids],
    );
    expect(leaderNotices[0]?.n).toBe(ids.length);
  });

  it('even computing notices concurrently (past the job lock), nothing is written twice', async () => {
    // New matters, first seen already past the leader threshold (escalated straight to level 2).
    h.clock.t = Date.parse('2026-04-20T09:00:00+08:00');
    const s = await h.as('supervisor');
    const m2: number[] = [];
    for (const l of ['市财政局', '孝义市', '离石区']) m2.push((await s.post('/api/matters', { source: 'meeting', title: `并发测试（${l}）`, leadUnitId: unit(l) })).body.matter.id);
    await recomputeAll(h.tdb.db, new Date(Date.parse('2026-05-01T09:00:00+08:00')));
    const now = new Date(Date.parse('2026-05-01T09:00:00+08:00'));
    const results = await Promise.all([0, 1, 2].flatMap(() => dbs.map((d) => d.tx((tx) => notifyOpenMatters(tx, now)))));
    // the first writer of each notice wins; the others find it written
    const written = results.reduce((sum, r) => sum + r.notifications, 0);
    const rows = await h.tdb.db.query<{ n: number }>(`select count(*)::int as n from notifications where created_at = $1`, [now]);
    expect(written).toBe(rows[0]?.n);
    expect(results.reduce((sum, r) => sum + r.escalated, 0)).toBe(m2.length);
    const steps = await h.tdb.db.query<{ n: number }>(`select count(*)::int as n from matter_events where action = 'escalate' and matter_id = any($1::bigint[])`, [m2]);
    expect(steps[0]?.n).toBe(m2.length);
    const audit = await h.tdb.db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'matter.escalate' and entity_id = any($1::text[])`, [m2.map(String)]);
    expect(audit[0]?.n).toBe(m2.length);
  });
});

// ---------------------------------------------------------------- the command line

describe.runIf(testDbMode === 'pglite')('`luoshi jobs`', () => {
  const run = async (args: string[], env: Record<string, string>) => {
    const r = await luoshi(args, env);
    return { code: r.code, out: r.all };
  };

  it('runs the jobs once on the configured database, or only when due', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-jobs-'));
    try {
      const env = { LUOSHI_DATA_DIR: dir };
      const bad = await run(['jobs', 'run', 'nightly'], env);
      expect(bad.code).toBe(2);
      expect(bad.out).toContain('no such job: nightly (jobs: matters.daily, webhooks.deliver, projects.daily)');
      const ok = await run(['jobs', 'run'], env);
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(/^matters\.daily: done in \d+ ms .*"notifications":0/m);
      expect(ok.out).toMatch(/^webhooks\.deliver: done in \d+ ms \{"claimed":0\}/m);
      const due = await run(['jobs', 'run', 'matters.daily', '--if-due'], env);
      expect(due.out).toContain('matters.daily: skipped (not due yet)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
