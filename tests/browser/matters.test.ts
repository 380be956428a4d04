/**
 * A supervised matter from the supervision office to the county and back, in the browser:
 * `luoshi start` on a fresh data folder (the demo city and its accounts), then Chromium drives
 * the supervisor (registers and assigns a 13710 matter), the county clerk (signs for it, reports
 * with an attachment, requests closure) and the supervisor again (accepts it as 良好).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, SHOTS, startPlatform, type Platform } from '../support/browser.ts';

let platform: Platform;
let base: string;
let browser: Browser;
const passwordOf = (username: string) => platform.passwordOf(username);

beforeAll(async () => {
  platform = await startPlatform('luoshi-e2e-matters-');
  ({ base, browser } = platform);
});

afterAll(async () => platform?.close());

async function signIn(username: string, password: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('page-home').waitFor();
  return page;
}

/** Waits until the matter's state tag reads `text`. */
async function stateIs(page: Page, text: string) {
  await page.getByTestId('matter-state').filter({ hasText: text }).waitFor();
}

/** Opens a step's modal, lets `fill` fill it, submits, and waits for the modal to close. */
async function takeStep(page: Page, action: string, fill: () => Promise<void> = async () => {}) {
  await page.getByTestId(`action-${action}`).click();
  const modal = page.getByTestId(`step-modal-${action}`);
  await page.getByTestId('action-submit').waitFor();
  await fill();
  await page.getByTestId('action-submit').click();
  await modal.waitFor({ state: 'detached' });
}

const TITLE = '推进城区集中供热管网改造';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('a 13710 matter in the browser', () => {
  let supervisor: Page;
  let matterUrl: string;

  it('the supervisor registers and assigns it to 离石区发展和改革局; the deadlines show their rules', async () => {
    supervisor = await platform.signInFirstTime('supervisor', 'Duban#Review2026', { width: 1440, height: 900 });
    await supervisor.getByTestId('nav-matters').click();
    await supervisor.getByTestId('page-matters').waitFor();
    // a supervisor works from the boxes to assign and to review
    await supervisor.getByTestId('box-to_assign').waitFor();
    await supervisor.getByTestId('box-to_review').waitFor();
    await expect(supervisor.getByTestId('box-to_sign').count()).resolves.toBe(0);

    await supervisor.getByTestId('matter-create').click();
    await supervisor.getByTestId('page-matter-new').waitFor();
    await supervisor.getByTestId('new-source').click();
    await supervisor.locator('.ant-select-item-option').filter({ hasText: '会议议定事项' }).click();
    await supervisor.getByTestId('new-title').fill(TITLE);
    await supervisor.getByTestId('new-content').fill('市政府常务会议议定：入冬前完成城区集中供热老旧管网改造，确保按时供暖。');
    await supervisor.getByTestId('new-source-doc').fill('市政府第12次常务会议纪要');
    // the 13710 rules are shown before anything is submitted
    await supervisor.getByTestId('new-rules').getByText('3日内报告措施和进展').waitFor();
    await supervisor.getByTestId('new-lead-unit').click();
    await supervisor.keyboard.type('发展和改革局');
    // every county has a 发展和改革局: take the one under 离石区
    await supervisor.locator('.ant-select-tree-treenode:has-text("离石区") + .ant-select-tree-treenode').click();
    // the chosen unit reads with its county, since every county has one of that name
    await expect(supervisor.getByTestId('new-lead-unit').textContent()).resolves.toContain('离石区发展和改革局');
    await supervisor.getByTestId('new-rules').click(); // close the unit picker before the picture
    await supervisor.screenshot({ path: path.join(SHOTS, 'matter-new.png'), fullPage: true });
    await supervisor.getByTestId('new-submit').click();

    await supervisor.getByTestId('page-matter').waitFor();
    matterUrl = supervisor.url();
    expect(matterUrl).toMatch(/\/matters\/\d+$/);
    await expect(supervisor.getByTestId('matter-title').textContent()).resolves.toBe(TITLE);
    await stateIs(supervisor, '待签收');
    await expect(supervisor.getByTestId('matter-light').textContent()).resolves.toBe('正常');
    const deadlines = supervisor.getByTestId('matter-deadlines');
    await deadlines.getByText('交办当日', { exact: true }).waitFor();
    await deadlines.getByText('交办次日起3个日历日内', { exact: true }).waitFor();
    await deadlines.getByText('交办次日起7个日历日内', { exact: true }).waitFor();
    await expect(supervisor.getByTestId('matter-facts').textContent()).resolves.toContain('离石区发展和改革局');
    // the assigner may only reassign now: the other buttons are not there
    await supervisor.getByTestId('action-reassign').waitFor();
    await expect(supervisor.locator('[data-testid^="action-"]').count()).resolves.toBe(1);
    await supervisor.screenshot({ path: path.join(SHOTS, 'matter-assigned.png'), fullPage: true });
  });

  it('the county clerk finds it under 待签收, signs for it, reports with a file and requests closure', async () => {
    const clerk = await platform.signInFirstTime('lishi_clerk', 'Clerk#Changed2026', { width: 1440, height: 900 });
    await clerk.getByTestId('nav-matters').click();
    await clerk.getByTestId('page-matters').waitFor();
    // a clerk starts in 待签收, which counts the new matter
    await clerk.getByTestId('box-to_sign').waitFor();
    await clerk.getByTestId('box-count-to_sign').locator('sup').waitFor();
    expect(Number(await clerk.getByTestId('box-count-to_sign').locator('sup').getAttribute('title'))).toBeGreaterThanOrEqual(1);
    const row = clerk.getByTestId('matters-table').locator('tr', { hasText: TITLE });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('待签收');
    await clerk.screenshot({ path: path.join(SHOTS, 'matters-inbox-clerk.png') });
    await row.click();
    await clerk.getByTestId('page-matter').waitFor();
    await stateIs(clerk, '待签收');

    // signing twice in a row (a double click) is one step
    await clerk.getByTestId('action-sign').click();
    await clerk.getByTestId('step-sign-confirm').waitFor();
    await clerk.getByTestId('action-submit').dblclick();
    await clerk.getByTestId('step-modal-sign').waitFor({ state: 'detached' });
    await stateIs(clerk, '办理中');
    await expect(clerk.getByTestId('timeline-sign').count()).resolves.toBe(1);

    await takeStep(clerk, 'report', async () => {
      await clerk.getByTestId('step-text').fill('已制定改造方案，完成管网摸排12公里，施工队伍已进场。');
      await clerk.locator('[data-testid="step-files"] input[type=file]').setInputFiles({ name: '管网改造进展.pdf', mimeType: 'application/pdf', buffer: PDF });
      await clerk.locator('[data-testid="step-files"] .ant-upload-list-item-done').filter({ hasText: '管网改造进展.pdf' }).waitFor();
      await clerk.waitForTimeout(300); // let the modal finish its entrance before the picture
      await clerk.screenshot({ path: path.join(SHOTS, 'matter-step-report.png') });
    });
    await clerk.getByTestId('timeline-report').getByText('管网摸排12公里', { exact: false }).waitFor();
    await clerk.getByTestId('timeline-report').getByText('管网改造进展.pdf').waitFor();
    await expect(clerk.getByTestId('matter-progress').textContent()).resolves.toContain('施工队伍已进场');

    await takeStep(clerk, 'request_closure', async () => {
      await clerk.getByTestId('step-text').fill('城区供热管网改造全部完成，已试压通水。');
    });
    await stateIs(clerk, '待审核');
    await expect(clerk.locator('[data-testid^="action-"]').count()).resolves.toBe(0);
    await clerk.screenshot({ path: path.join(SHOTS, 'matter-closure-requested.png'), fullPage: true });
    await clerk.close();
  });

  it('the supervisor accepts it as 良好 from 待审核; the timeline shows every step', async () => {
    const page = supervisor;
    await page.getByTestId('nav-matters').click();
    await page.getByTestId('page-matters').waitFor();
    await page.getByTestId('box-to_review').click();
    const row = page.getByTestId('matters-table').locator('tr', { hasText: TITLE });
    await row.waitFor();
    await row.click();
    await page.getByTestId('page-matter').waitFor();
    expect(page.url()).toBe(matterUrl);
    await stateIs(page, '待审核');
    await page.getByTestId('action-return').waitFor();

    await takeStep(page, 'accept', async () => {
      await page.getByTestId('step-grade').getByText('良好', { exact: true }).click();
      await page.getByTestId('step-text').fill('按期完成，资料齐全。');
    });
    await stateIs(page, '已办结');
    await expect(page.getByTestId('matter-facts').textContent()).resolves.toContain('良好');

    const timeline = page.getByTestId('matter-timeline');
    const steps = await timeline.locator('[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(steps).toEqual(['create', 'sign', 'report', 'request_closure', 'accept']);
    for (const text of ['登记并交办', '签收', '反馈进展', '申请办结', '审核通过（销号）', '良好', '刘督查', '张填报', '管网改造进展.pdf', '按期完成，资料齐全。']) {
      await timeline.getByText(text, { exact: false }).first().waitFor();
    }
    // the attachment downloads from its link
    const href = await timeline.getByTestId('timeline-file').getAttribute('href');
    const file = await page.request.get(`${base}${href}`);
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // every deadline is done or no longer needed
    await expect(page.getByTestId('matter-deadlines').getByText('未完成').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'matter-closed.png'), fullPage: true });
    // every text has its English
    await page.getByTestId('lang-switch').click();
    await stateIs(page, 'Closed');
    await page.getByTestId('matter-timeline').getByText('Accept and close').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'matter-closed-en.png'), fullPage: true });
    await page.getByTestId('lang-switch').click();
    await stateIs(page, '已办结');

    // the closed matter is found under 全部 by its title
    await page.getByTestId('nav-matters').click();
    // A click that lands while the tabs re-render (their badges load) is lost: click until the box is open.
    for (let i = 0; i < 20 && !page.url().includes('box=all'); i++) {
      await page.getByTestId('box-all').click();
      await page.waitForURL(/box=all/, { timeout: 1_000 }).catch(() => undefined);
    }
    expect(page.url()).toContain('box=all');
    await page.getByTestId('matters-search').locator('input').fill('集中供热');
    await page.getByTestId('matters-search').locator('input').press('Enter');
    await page.getByTestId('matters-table').locator('tr', { hasText: TITLE }).filter({ hasText: '已办结' }).waitFor();
    await page.close();
  });
});

describe('a deputy in the browser', () => {
  let suggestionUrl: string;

  it('files a suggestion, which waits for assignment', async () => {
    const page = await platform.signInFirstTime('deputy', 'Renda#Jianyi2026', { width: 1440, height: 900 });
    await page.getByTestId('nav-matters').click();
    await page.getByTestId('box-to_rate').waitFor();
    await page.getByTestId('matter-suggest').click();
    await page.getByTestId('page-matter-suggest').waitFor();
    await page.getByTestId('suggest-title').fill('关于加快城区老旧小区改造的建议');
    await page.getByTestId('suggest-content').fill('建议统筹资金，优先改造供水、供暖管网老化的小区。');
    await page.getByTestId('suggest-delegation').fill('离石区代表团');
    await page.getByTestId('suggest-submit').click();
    await page.getByTestId('page-matter').waitFor();
    await stateIs(page, '待交办');
    await expect(page.getByTestId('matter-code').textContent()).resolves.toMatch(/^JY\d{4}-\d{5}$/);
    await page.screenshot({ path: path.join(SHOTS, 'matter-suggestion.png'), fullPage: true });
    suggestionUrl = page.url();
    await page.close();
  });

  it('the supervisor assigns it from 待交办; the reply is due in 3 months', async () => {
    const page = await signIn('supervisor', 'Duban#Review2026');
    await page.getByTestId('nav-matters').click();
    await page.getByTestId('box-to_assign').click();
    const row = page.getByTestId('matters-table').locator('tr', { hasText: '关于加快城区老旧小区改造的建议' });
    await row.waitFor();
    await row.click();
    await page.getByTestId('page-matter').waitFor();
    expect(page.url()).toBe(suggestionUrl);
    await takeStep(page, 'assign', async () => {
      await page.getByTestId('step-lead-unit').click();
      await page.keyboard.type('市住建局');
      await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: /^市住建局$/ }).click();
    });
    await stateIs(page, '待签收');
    await expect(page.getByTestId('matter-facts').textContent()).resolves.toContain('市住建局');
    await page.getByTestId('matter-deadlines').getByText('交办之日起3个月内', { exact: false }).first().waitFor();
    await page.getByTestId('timeline-assign').getByText('市住建局').waitFor();
    await page.close();
  });
});
