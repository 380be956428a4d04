/**
 * Notifications and group robots in the browser. `luoshi start` on a fresh data folder loads the
 * demo city (matters in every light) and its scheduler runs the daily reminders at start, so the
 * demo clerk of 离石区发展和改革局 has notices. The clerk reads them through the header bell and
 * the notifications page; the administrator adds a DingTalk robot to a unit that points at a local
 * HTTP server and sends a test message, then one that points at a closed port.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SHOTS, startPlatform, type Platform } from '../support/browser.ts';

let platform: Platform;
let base: string;
let browser: Browser;

interface Received {
  path: string;
  query: URLSearchParams;
  contentType: string;
  body: any;
}
const received: Received[] = [];
let robotBase: string;
let robotServer: http.Server;

beforeAll(async () => {
  robotServer = http.createServer((req, res) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      received.push({ path: u.pathname, query: u.searchParams, contentType: String(req.headers['content-type']), body: data ? JSON.parse(data) : null });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => robotServer.listen(0, '127.0.0.1', resolve));
  robotBase = `http://127.0.0.1:${(robotServer.address() as net.AddressInfo).port}`;
  platform = await startPlatform('luoshi-e2e-notifications-');
  ({ base, browser } = platform);
});

afterAll(async () => {
  await platform?.close();
  await new Promise((resolve) => robotServer?.close(resolve));
});

/** The signed-in user's notices as the API gives them (same session as the page). */
interface Mine {
  total: number;
  unread: number;
  items: { id: number; kind: string; matterId: number | null; readAt: string | null }[];
}
async function mine(page: Page, query = 'pageSize=100'): Promise<Mine> {
  return (await page.evaluate(async (q) => (await fetch(`/api/notifications?${q}`, { headers: { accept: 'application/json' } })).json(), query)) as Mine;
}

/** Waits until the bell shows `n` unread (and its badge says so, or is gone at 0). */
async function bellShows(page: Page, n: number) {
  const bell = page.getByTestId('notif-bell');
  await expect.poll(() => bell.getAttribute('data-unread'), { timeout: 10_000 }).toBe(String(n));
  const count = bell.locator('.ant-badge-count');
  if (n === 0) await count.waitFor({ state: 'detached' });
  else await expect.poll(() => count.getAttribute('title')).toBe(String(n));
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe('the bell and the notifications page', () => {
  it('the demo clerk sees the unread count of the API, opens a notice, and marks everything read', async () => {
    const page = await platform.signInFirstTime('lishi_clerk', 'Tongzhi#Clerk2026');
    // The scheduler's first runs after start write the reminders of the demo matters and of the demo
    // campaign's missing reports (two jobs, one after the other): wait for both before counting.
    await expect
      .poll(
        async () => {
          const m = await mine(page);
          return m.items.some((n) => n.kind === 'report_missing') && m.items.some((n) => n.matterId !== null);
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true);
    // The bell reads the count again when the window regains focus.
    await page.evaluate('window.dispatchEvent(new Event("focus"))');
    const before = await mine(page);
    expect(before.total).toBe(before.unread);
    // Enough to read one in the bell and the rest at once.
    expect(before.unread).toBeGreaterThanOrEqual(2);
    await bellShows(page, before.unread);

    // The popover lists the latest six, newest first, unread in bold, each leading to its matter.
    await page.getByTestId('notif-bell').click();
    const popover = page.getByTestId('notif-popover');
    await popover.waitFor();
    const items = popover.locator('[data-testid^="notif-item-"]');
    await expect.poll(() => items.count()).toBe(Math.min(6, before.total));
    const firstId = Number((await items.first().getAttribute('data-testid'))?.replace('notif-item-', ''));
    expect(firstId).toBe(before.items[0]?.id);
    await expect(items.first().getAttribute('data-unread')).resolves.toBe('true');
    await expect(items.first().locator('strong').count()).resolves.toBe(1);
    const kinds = { red: '已逾期', yellow: '进度滞后', blue: '临近时限', escalate: '逾期升级', sign: '待签收', report_missing: '未报月报' } as Record<string, string>;
    for (const [i, n] of before.items.slice(0, 6).entries()) {
      const tag = items.nth(i).locator('.ant-tag');
      await expect(tag.getAttribute('data-kind')).resolves.toBe(n.kind);
      if (kinds[n.kind]) await expect(tag.textContent()).resolves.toBe(kinds[n.kind]);
    }
    await page.waitForTimeout(300); // the popover's fade-in
    await page.screenshot({ path: path.join(SHOTS, 'notifications-bell.png') });

    // the newest notice about a matter leads to it (the campaign's missing-report reminders lead to the reports page)
    const pick = before.items.slice(0, 6).findIndex((n) => n.matterId !== null);
    expect(pick).toBeGreaterThanOrEqual(0);
    const picked = before.items[pick] as Mine['items'][number];
    await items.nth(pick).click();
    await page.waitForURL(`${base}/matters/${picked.matterId}`);
    await expect(page.getByTestId('page-matter').getAttribute('data-matter-id')).resolves.toBe(String(picked.matterId));
    await bellShows(page, before.unread - 1);
    const after = await mine(page);
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.find((n) => n.id === picked.id)?.readAt).not.toBeNull();
    expect(firstId).toBe(before.items[0]?.id);

    // The page with the unread filter; all marked read in the bell: the badge goes, the page follows.
    // (a click that lands while the bell's panel reloads its list is repeated)
    const notices = page.getByTestId('page-notifications');
    for (let i = 0; i < 5 && !(await notices.isVisible()); i++) {
      await page.keyboard.press('Escape');
      await page.getByTestId('notif-bell').click();
      await page.getByTestId('notif-view-all').click();
      await notices.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    await notices.waitFor();
    await page.getByTestId('notif-filter-unread').click();
    const rows = page.locator('[data-testid="notif-table"] tbody tr[data-unread]');
    await expect.poll(() => rows.count()).toBe(Math.min(20, after.unread));
    await expect(page.locator('[data-testid="notif-table"] tbody tr[data-unread="false"]').count()).resolves.toBe(0);
    await expect(page.getByTestId('notif-page-unread').getAttribute('data-unread')).resolves.toBe(String(after.unread));
    await page.screenshot({ path: path.join(SHOTS, 'notifications-page.png'), fullPage: true });

    await page.getByTestId('notif-bell').click();
    await page.getByTestId('notif-read-all').click();
    await bellShows(page, 0);
    expect((await mine(page)).unread).toBe(0);
    await page.getByText('没有未读通知').waitFor();
    await page.getByTestId('notif-filter-all').click();
    await expect.poll(() => rows.count()).toBe(Math.min(20, before.total));
    await expect(page.locator('[data-testid="notif-table"] tbody tr[data-unread="true"]').count()).resolves.toBe(0);
    await page.close();
  });
});

describe('a unit’s group robots', () => {
  it('the administrator adds a DingTalk robot, sends a test message, and sees a failing robot’s error', async () => {
    const page = await platform.signInFirstTime('admin', 'Tuisong#Lvliang2026');
    await page.getByTestId('nav-org').click();
    await page.getByTestId('page-org').waitFor();
    await page.getByTestId('org-tree').getByText('离石区').first().click();
    await page.getByTestId('unit-detail').getByText('离石区').first().waitFor();
    await page.getByTestId('unit-webhooks').click();
    const drawer = page.getByTestId('webhooks-drawer');
    await drawer.getByText('尚未配置群机器人').waitFor();

    // An address the server refuses: its reason shows under the field.
    await page.getByTestId('webhook-add').click();
    await page.getByTestId('webhook-url').fill('http://10.0.0.5/robot/send?access_token=x');
    await page.getByTestId('webhook-save').click();
    await page.getByTestId('webhook-form').getByText('须使用 https 地址').waitFor();

    // A DingTalk robot with signing, at the local server.
    const secret = 'SEC0123456789abcdef';
    await page.getByTestId('webhook-name').fill('离石区督办工作群');
    await page.getByTestId('webhook-url').fill(`${robotBase}/robot/send?access_token=tok1234567890`);
    await page.getByTestId('webhook-secret').fill(secret);
    await page.getByTestId('webhook-save').click();
    await page.getByTestId('webhook-form').waitFor({ state: 'detached' });
    const cards = drawer.locator('[data-testid^="webhook-"][data-kind]');
    await expect.poll(() => cards.count()).toBe(1);
    const ding = cards.first();
    const dingId = (await ding.getAttribute('data-testid'))?.replace('webhook-', '');
    await expect(ding.getAttribute('data-kind')).resolves.toBe('dingtalk');
    // The token is shortened on screen; signing is shown.
    await expect(page.getByTestId(`webhook-url-${dingId}`).textContent()).resolves.toBe(`${robotBase}/robot/send?access_token=tok1…7890`);
    await expect(page.getByTestId(`webhook-name-${dingId}`).textContent()).resolves.toBe('离石区督办工作群');
    await ding.getByText('已加签').waitFor();

    const sentBefore = received.length;
    await page.getByTestId(`webhook-test-${dingId}`).click();
    const ok = page.getByTestId(`webhook-test-result-${dingId}`);
    await ok.waitFor();
    await expect(ok.getAttribute('data-ok')).resolves.toBe('true');
    await ok.getByText('测试消息发送成功').waitFor();
    expect(received.length).toBe(sentBefore + 1);
    const got = received.at(-1) as Received;
    expect(got.path).toBe('/robot/send');
    expect(got.contentType).toContain('application/json');
    expect(got.query.get('access_token')).toBe('tok1234567890');
    expect(got.body.msgtype).toBe('markdown');
    expect(got.body.markdown.title).toBe('落实平台测试消息');
    expect(got.body.markdown.text).toContain('系统管理员');
    // DingTalk signing: base64(HMAC-SHA256(secret, timestamp + "\n" + secret)).
    const ts = got.query.get('timestamp') as string;
    expect(got.query.get('sign')).toBe(crypto.createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'));
    await page.screenshot({ path: path.join(SHOTS, 'webhooks-drawer.png') });

    // A WeCom robot at a closed port: the test fails and says why.
    const port = await closedPort();
    await page.getByTestId('webhook-add').click();
    await page.getByTestId('webhook-kind-wecom').click();
    await expect(page.getByTestId('webhook-secret').count()).resolves.toBe(0);
    await page.getByTestId('webhook-url').fill(`http://127.0.0.1:${port}/cgi-bin/webhook/send?key=abcdef123456`);
    await page.getByTestId('webhook-save').click();
    await page.getByTestId('webhook-form').waitFor({ state: 'detached' });
    await expect.poll(() => cards.count()).toBe(2);
    const wecomId = (await drawer.locator('[data-kind="wecom"]').getAttribute('data-testid'))?.replace('webhook-', '');
    await page.getByTestId(`webhook-test-${wecomId}`).click();
    const bad = page.getByTestId(`webhook-test-result-${wecomId}`);
    await bad.waitFor();
    await expect(bad.getAttribute('data-ok')).resolves.toBe('false');
    await bad.getByText('测试消息发送失败：ECONNREFUSED').waitFor();
    expect(received.length).toBe(sentBefore + 1);

    // Switched off, then deleted after the confirmation.
    await page.getByTestId(`webhook-enabled-${wecomId}`).click();
    await expect.poll(() => page.getByTestId(`webhook-enabled-${wecomId}`).getAttribute('aria-checked')).toBe('false');
    await drawer.locator(`[data-testid="webhook-${wecomId}"] .ant-tag`).filter({ hasText: '停用' }).waitFor();
    await page.getByTestId(`webhook-delete-${wecomId}`).click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-dangerous').click();
    await page.locator('.ant-message').getByText('已删除群机器人').waitFor();
    await expect.poll(() => cards.count()).toBe(1);
    const list = (await page.evaluate(async (unitName) => {
      const units = (await (await fetch('/api/units')).json()) as { id: number; name: string; path: string }[];
      const u = units.find((x) => x.name === unitName) as { id: number };
      return (await fetch(`/api/units/${u.id}/webhooks`)).json();
    }, '离石区')) as object[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'dingtalk', hasSecret: true, enabled: true, url: `${robotBase}/robot/send?access_token=tok1234567890` });
    await page.close();
  });
});
