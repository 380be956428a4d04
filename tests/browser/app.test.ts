/**
 * The whole platform as a person meets it: `luoshi start` on a fresh data folder (the demo city
 * loads, the passwords are printed), then Debian's Chromium signs in, changes the forced password
 * and opens every page.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, SHOTS, startPlatform, type Platform } from '../support/browser.ts';

let platform: Platform;
let base: string;
let browser: Browser;
let dir: string;
const passwordOf = (username: string) => platform.passwordOf(username);

beforeAll(async () => {
  platform = await startPlatform('luoshi-e2e-');
  ({ base, browser, dir } = platform);
});

afterAll(async () => platform?.close());

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function changePassword(page: Page, current: string, next: string) {
  await page.getByTestId('page-change-password').waitFor();
  await page.getByTestId('pw-current').fill(current);
  await page.getByTestId('pw-new').fill(next);
  await page.getByTestId('pw-confirm').fill(next);
  await page.getByTestId('pw-submit').click();
}

describe('first start', () => {
  it('loads the demo city and prints one account per role', () => {
    for (const u of ['admin', 'leader', 'supervisor', 'project_office', 'lishi_head', 'lishi_clerk', 'viewer', 'deputy']) expect(passwordOf(u)).toHaveLength(16);
    expect(platform.output()).toContain('已加载演示城市 吕梁市');
  });

  it('a second process on the same data folder exits non-zero and says why', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/luoshi.mjs'), 'start'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', LUOSHI_DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('is in use by another luoshi process');
  });
});

describe('in the browser', () => {
  it('the admin signs in, changes the forced password, and opens each page', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const password = passwordOf('admin');
    await signIn(page, 'admin', password);
    await changePassword(page, password, 'Lvliang#Changed2026');
    await page.getByTestId('page-home').waitFor();
    await expect(page.getByTestId('home-welcome').textContent()).resolves.toContain('系统管理员');
    await page.screenshot({ path: path.join(SHOTS, 'home.png') });

    await page.getByTestId('nav-org').click();
    await page.getByTestId('page-org').waitFor();
    await page.getByTestId('org-tree').getByText('离石区').first().waitFor();
    await expect(page.getByTestId('org-tree').getByText('吕梁经济技术开发区').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'org.png') });

    await page.getByTestId('nav-users').click();
    await page.getByTestId('page-users').waitFor();
    await page.getByTestId('users-table').getByText('lishi_clerk').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'users.png') });

    await page.getByTestId('nav-audit').click();
    await page.getByTestId('page-audit').waitFor();
    await page.getByTestId('audit-table').locator('tbody tr').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'audit.png') });

    await page.getByTestId('nav-account').click();
    await page.getByTestId('page-account').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'account.png') });

    // Chinese by default; one click switches to English, and the choice survives a reload
    await expect(page.getByTestId('nav-users').textContent()).resolves.toContain('用户管理');
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('nav-users').textContent()).resolves.toContain('Users');
    await page.reload();
    await page.getByTestId('page-account').waitFor();
    await expect(page.getByTestId('nav-org').textContent()).resolves.toContain('Organisation');
    await page.screenshot({ path: path.join(SHOTS, 'account-en.png') });
    await page.getByTestId('lang-switch').click();

    // the forced change is done: signing in with the new password lands on the home page
    const again = await browser.newPage();
    await signIn(again, 'admin', 'Lvliang#Changed2026');
    await again.getByTestId('page-home').waitFor();
    await again.close();
    await page.close();
  });

  it('an admin creates an account, sees its password once, and the new user must change it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await signIn(page, 'admin', 'Lvliang#Changed2026');
    await page.getByTestId('page-home').waitFor();
    await page.getByTestId('nav-users').click();
    await page.getByTestId('user-create').click();
    const drawer = page.getByTestId('user-drawer');
    await drawer.getByTestId('user-username').fill('xiaoyi_clerk');
    await drawer.getByTestId('user-displayname').fill('孝义填报员');
    await drawer.getByTestId('user-unit').click();
    await page.keyboard.type('孝义市');
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: /^孝义市/ }).first().click();
    await expect.poll(() => drawer.getByTestId('user-unit').textContent()).toContain('孝义市');
    // The unit list closes once a unit is chosen; a click that landed while it re-filtered leaves it open.
    const unitList = page.locator('.ant-select-tree-list').first();
    if (await unitList.isVisible()) await drawer.getByTestId('user-displayname').click();
    await unitList.waitFor({ state: 'hidden' });
    await drawer.getByTestId('user-role').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '单位填报员' }).click();
    await drawer.getByTestId('user-scope').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '本单位' }).first().click();
    await drawer.getByTestId('user-save').click();
    await page.getByTestId('secret-value').waitFor({ state: 'visible' });
    const secret = await page.getByTestId('secret-value').textContent();
    expect(secret).toMatch(/^\S{16}$/);
    await page.waitForTimeout(500); // let the modal finish its entrance before the picture
    await page.screenshot({ path: path.join(SHOTS, 'user-created.png') });
    await page.getByTestId('secret-done').click();
    // the demo has more accounts than one page: find the new one by name
    const search = page.locator('[data-testid="users-search"]').locator('xpath=descendant-or-self::input').first();
    await search.fill('xiaoyi_clerk');
    await search.press('Enter');
    await page.getByTestId('users-table').getByText('xiaoyi_clerk').waitFor();
    await page.close();

    const newcomer = await browser.newPage();
    await signIn(newcomer, 'xiaoyi_clerk', secret as string);
    await changePassword(newcomer, secret as string, 'Xiaoyi#Clerk2026');
    await newcomer.getByTestId('page-home').waitFor();
    await expect(newcomer.getByTestId('home-welcome').textContent()).resolves.toContain('孝义填报员');
    await newcomer.close();
  });

  it('a county clerk sees only what the role allows', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    const password = passwordOf('lishi_clerk');
    await signIn(page, 'lishi_clerk', password);
    await changePassword(page, password, 'Clerk#Changed2026');
    await page.getByTestId('page-home').waitFor();
    await expect(page.getByTestId('nav-org').count()).resolves.toBe(1);
    await expect(page.getByTestId('nav-users').count()).resolves.toBe(0);
    await expect(page.getByTestId('nav-audit').count()).resolves.toBe(0);
    await page.close();
  });

  it('a wrong password is explained on the login page in Chinese', async () => {
    const page = await browser.newPage();
    await signIn(page, 'viewer', 'Wrong#pass2026');
    await page.getByText('用户名或密码错误').first().waitFor();
    await page.close();
  });
});
