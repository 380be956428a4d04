/**
 * 重点项目 in the browser on the demo 2023 campaign (report month 2023-05): the project office
 * filters the list by county and light (the address follows, the count is the API's) and opens a
 * red project (its reasons, the plan against the baseline, the twelve months); then one monthly
 * report goes the whole way — the 离石区 clerk fills it in and submits it from 我的填报, the unit
 * head confirms it in 待确认, the project office accepts it in 待审核 — and the project page shows
 * it accepted with the month's cumulative grown by its amount.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS, startPlatform, type Platform } from '../support/browser.ts';
import { formatWan } from '../../src/domain/projects.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform('luoshi-e2e-projects-');
});

afterAll(async () => platform?.close());

const PASSWORDS: Record<string, string> = {
  project_office: 'Xiangmu#Office2026',
  lishi_clerk: 'Xiangmu#Clerk2026',
  lishi_head: 'Xiangmu#Head2026',
};
const VIEWPORT = { width: 1440, height: 900 };

const changed = new Set<string>();
const open = new Map<string, Page>();

/**
 * A signed-in page of a demo account: the first time with its printed password (then changed),
 * later with the new one; a page still open from an earlier test is reused.
 */
async function signIn(username: string): Promise<Page> {
  const kept = open.get(username);
  if (kept && !kept.isClosed()) return kept;
  const next = PASSWORDS[username] as string;
  let page: Page;
  if (!changed.has(username)) {
    page = await platform.signInFirstTime(username, next, VIEWPORT);
    changed.add(username);
  } else {
    page = await platform.browser.newPage({ viewport: VIEWPORT, locale: 'zh-CN' });
    await page.goto(`${platform.base}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(next);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('page-home').waitFor();
  }
  open.set(username, page);
  return page;
}

/** A GET of the API with the page's session. */
function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(`${u}: HTTP ${r.status} ${await r.text()}`);
    return r.json();
  }, url) as Promise<T>;
}

/**
 * Picks an option of an antd select (its list is rendered at the end of the page) until the
 * address shows the filter: a pick that lands while the list opens or re-renders is repeated.
 */
async function pick(page: Page, testId: string, option: string | RegExp, address: RegExp, type?: string) {
  for (let attempt = 0; attempt < 3 && !address.test(page.url()); attempt++) {
    await page.keyboard.press('Escape');
    await page.getByTestId(testId).click();
    if (type) await page.keyboard.type(type);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
    await expect.poll(() => page.url(), { timeout: 3_000 }).toMatch(address).catch(() => undefined);
  }
  expect(page.url()).toMatch(address);
}

/** Opens a tab of the reports page; a click that lands while the tab bar re-renders is repeated. */
async function openTab(page: Page, box: string) {
  const active = page.locator(`.ant-tabs-tab-active [data-testid="reports-tab-${box}"]`);
  for (let i = 0; i < 10 && (await active.count()) === 0; i++) {
    await page.getByTestId(`reports-tab-${box}`).click();
    await active.waitFor({ timeout: 1_000 }).catch(() => undefined);
  }
  await active.waitFor();
}

interface Summary {
  id: number;
  code: string;
  name: string;
  unitName: string;
  light: string;
}
interface ProjectDetail extends Summary {
  lightReasons: { rule: string; light: string; zh: string }[];
  baseline: { totalYuan: number; plannedYuan: number; plannedStart: string | null; plannedFinish: string | null };
  totalYuan: number;
  plannedYuan: number;
  plannedStart: string | null;
  plannedFinish: string | null;
  completedYuan: number;
  months: { month: string; completedYuan: number; completedYtdYuan: number }[];
  reports: { month: string; edition: number; state: string; completedYuan: number; progress: string; superseded: boolean }[];
}
interface Task {
  projectId: number;
  code: string;
  name: string;
  state: string | null;
}

describe('major projects', () => {
  it('the project office filters the list by county and light and opens a red project', async () => {
    const page = await signIn('project_office');
    await page.getByTestId('nav-projects').click();
    await page.getByTestId('page-projects').waitFor();
    const month = page.getByTestId('projects-month');
    await month.waitFor();
    await expect(month.getAttribute('data-month')).resolves.toBe('2023-05');
    await expect(month.textContent()).resolves.toContain('2023年5月');
    // the whole campaign first: 1,092 projects
    await page.locator('[data-testid="projects-total"][data-total="1092"]').waitFor();

    await pick(page, 'projects-filter-unit', /^离石区$/, /unitId=\d+/, '离石');
    await pick(page, 'projects-filter-light', '红灯', /light=red/);
    const unitId = new URL(page.url()).searchParams.get('unitId');
    expect(new URL(page.url()).searchParams.get('light')).toBe('red');

    const expected = await apiGet<{ total: number; items: Summary[] }>(page, `/api/projects?unitId=${unitId}&light=red&pageSize=200`);
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.items.every((p) => p.unitName === '离石区' && p.light === 'red')).toBe(true);
    await page.locator(`[data-testid="projects-total"][data-total="${expected.total}"]`).waitFor();
    const rows = page.getByTestId('projects-row');
    await expect.poll(() => rows.count()).toBe(Math.min(expected.total, 20));
    const shown = await rows.evaluateAll((els) => els.map((e) => ({ code: e.getAttribute('data-code'), unit: e.getAttribute('data-unit'), light: e.getAttribute('data-light') })));
    expect(shown.map((r) => r.code)).toEqual(expected.items.slice(0, 20).map((p) => p.code));
    expect(new Set(shown.map((r) => r.unit))).toEqual(new Set(['离石区']));
    expect(new Set(shown.map((r) => r.light))).toEqual(new Set(['red']));
    await page.screenshot({ path: path.join(SHOTS, 'projects-list.png') });

    // the first red project, as the server has it
    const first = expected.items[0] as Summary;
    const detail = await apiGet<ProjectDetail>(page, `/api/projects/${first.id}`);
    expect(detail.lightReasons.length).toBeGreaterThan(0);
    await rows.first().getByTestId('projects-name').click();
    await page.getByTestId('page-project').waitFor();
    await expect(page.getByTestId('project-code').textContent()).resolves.toBe(first.code);
    await expect(page.getByTestId('project-name').textContent()).resolves.toBe(first.name);
    await expect(page.getByTestId('project-light').getAttribute('data-light')).resolves.toBe('red');
    const reasons = page.getByTestId('project-light-reason');
    await expect(reasons.count()).resolves.toBe(detail.lightReasons.length);
    for (const [i, r] of detail.lightReasons.entries()) {
      await expect(reasons.nth(i).getAttribute('data-rule')).resolves.toBe(r.rule);
      await expect(reasons.nth(i).textContent()).resolves.toContain(r.zh);
    }
    expect(detail.lightReasons.some((r) => r.light === 'red')).toBe(true);

    // the plan against the baseline: four rows, a change marked where the values differ
    const baseline = page.getByTestId('project-baseline-row');
    await expect(baseline.count()).resolves.toBe(4);
    const total = page.locator('[data-testid="project-baseline-row"][data-key="total"]');
    await expect(total.textContent()).resolves.toContain(formatWan(detail.baseline.totalYuan));
    await expect(total.getAttribute('data-changed')).resolves.toBe(String(detail.baseline.totalYuan !== detail.totalYuan));
    const planned = page.locator('[data-testid="project-baseline-row"][data-key="planned"]');
    await expect(planned.textContent()).resolves.toContain(formatWan(detail.plannedYuan));

    // twelve months, the cumulative of each as the server computed it
    const months = page.getByTestId('project-month-row');
    await expect(months.count()).resolves.toBe(12);
    for (const m of detail.months.slice(0, 5)) {
      const cell = page.locator(`[data-testid="project-month-row"][data-month="${m.month}"] [data-testid="project-month-cumulative"]`);
      await expect(cell.textContent()).resolves.toBe(formatWan(m.completedYtdYuan));
    }
    await page.getByTestId('project-chart').locator('canvas').first().waitFor();
    await expect(page.getByTestId('project-completed').textContent()).resolves.toBe(formatWan(detail.completedYuan));
    await page.screenshot({ path: path.join(SHOTS, 'project-page.png'), fullPage: true });
    // the office's page stays open for the next test
  });

  it('a saved view follows the user to another browser, and views kept in a browser move to the account', async () => {
    const page = await signIn('project_office');
    const lishi = (await apiGet<{ id: number; name: string }[]>(page, '/api/units')).find((u) => u.name === '离石区') as { id: number };
    await page.goto(`${platform.base}/projects?unitId=${lishi.id}&light=red`);
    await page.getByTestId('page-projects').waitFor();
    const expected = await apiGet<{ total: number }>(page, `/api/projects?unitId=${lishi.id}&light=red`);
    await page.locator(`[data-testid="projects-total"][data-total="${expected.total}"]`).waitFor();
    await page.getByTestId('projects-views').click();
    await page.getByTestId('projects-view-save').click();
    await page.getByTestId('projects-view-name').fill('离石红灯');
    await page.getByTestId('projects-view-save-ok').click();
    await expect.poll(async () => (await apiGet<{ items: { name: string; query: string }[] }>(page, '/api/views?page=projects')).items.map((v) => v.name)).toEqual(['离石红灯']);

    // another browser (its own storage), where an earlier version had kept a view of its own
    const other = await platform.browser.newPage({ viewport: VIEWPORT, locale: 'zh-CN' });
    try {
      await other.goto(`${platform.base}/login`);
      await other.evaluate(`localStorage.setItem('luoshi.projects.views', ${JSON.stringify(JSON.stringify([{ name: '续建项目', query: 'stage=continuing' }]))})`);
      await other.getByTestId('login-username').fill('project_office');
      await other.getByTestId('login-password').fill(PASSWORDS.project_office as string);
      await other.getByTestId('login-submit').click();
      await other.getByTestId('page-home').waitFor();
      await other.getByTestId('nav-projects').click();
      await other.locator('[data-testid="projects-total"][data-total="1092"]').waitFor();
      // the browser's view is now the account's, and the browser no longer keeps it
      await expect.poll(async () => (await apiGet<{ items: { name: string; query: string }[] }>(other, '/api/views?page=projects')).items.map((v) => [v.name, v.query])).toEqual([
        ['离石红灯', `unitId=${lishi.id}&light=red`],
        ['续建项目', 'stage=continuing'],
      ]);
      await expect(other.evaluate(`localStorage.getItem('luoshi.projects.views')`)).resolves.toBeNull();
      // the view saved in the first browser applies here with one click
      const item = other.locator('[data-testid="projects-view-item"][data-name="离石红灯"]');
      for (let i = 0; i < 5 && !(await item.isVisible()); i++) {
        await other.keyboard.press('Escape');
        await other.getByTestId('projects-views').click();
        await item.waitFor({ timeout: 2_000 }).catch(() => undefined);
      }
      await item.click();
      await expect.poll(() => other.url()).toMatch(new RegExp(`unitId=${lishi.id}&light=red`));
      await other.locator(`[data-testid="projects-total"][data-total="${expected.total}"]`).waitFor();
    } finally {
      await other.close();
    }
  });

  it('a May report goes from the clerk through the unit head to the project office and counts', async () => {
    const clerk = await signIn('lishi_clerk');
    await clerk.getByTestId('nav-project-reports').click();
    await clerk.getByTestId('page-project-reports').waitFor();
    await openTab(clerk, 'mine');
    await expect(clerk.getByTestId('reports-due').getAttribute('data-month')).resolves.toBe('2023-05');

    // a project of the clerk's without a May report (or with a returned one), on the first page
    const mine = await apiGet<{ month: string; total: number; items: Task[] }>(clerk, '/api/projects/reports?box=mine&month=2023-05&pageSize=200');
    expect(mine.month).toBe('2023-05');
    await clerk.locator(`[data-testid="reports-total"][data-total="${mine.total}"]`).waitFor();
    const fillable = mine.items.slice(0, 50).filter((x) => x.state === null || x.state === 'returned');
    const task = fillable.find((x) => x.state === null) ?? fillable[0];
    expect(task, 'a May report to fill in').toBeDefined();
    if (!task) return;
    const before = await apiGet<ProjectDetail>(clerk, `/api/projects/${task.projectId}`);
    const mayBefore = before.months.find((m) => m.month === '2023-05')?.completedYtdYuan ?? 0;

    const row = clerk.locator(`[data-testid="reports-row"][data-code="${task.code}"]`);
    await expect(row.getAttribute('data-state')).resolves.toBe(task.state ?? 'none');
    await row.getByTestId('report-fill').click();
    const modal = clerk.getByTestId('report-modal');
    await modal.getByTestId('report-modal-state').waitFor();
    const amount = modal.getByTestId('report-amount');
    await amount.fill('1234.56');
    await modal.getByTestId('report-progress').fill('主体结构封顶，设备安装完成40%');
    await clerk.screenshot({ path: path.join(SHOTS, 'project-report.png') });
    await modal.getByTestId('report-submit').click();
    await modal.waitFor({ state: 'detached' });
    await expect.poll(() => row.getAttribute('data-state')).toBe('submitted');
    await expect(row.getByTestId('reports-amount').getAttribute('data-yuan')).resolves.toBe('12345600');
    await clerk.close();

    // the unit head confirms it
    const head = await signIn('lishi_head');
    await head.getByTestId('nav-project-reports').click();
    await head.getByTestId('page-project-reports').waitFor();
    await openTab(head, 'confirm');
    const confirmBox = await apiGet<{ items: Task[] }>(head, '/api/projects/reports?box=confirm&month=2023-05&pageSize=200');
    expect(confirmBox.items.find((x) => x.code === task.code)?.state).toBe('submitted');
    const toConfirm = head.locator(`[data-testid="reports-row"][data-code="${task.code}"]`);
    await expect(toConfirm.getAttribute('data-state')).resolves.toBe('submitted');
    await toConfirm.getByTestId('report-confirm').click();
    await toConfirm.waitFor({ state: 'detached' });
    await head.close();

    // the project office accepts it
    const office = await signIn('project_office');
    await office.getByTestId('nav-project-reports').click();
    await office.getByTestId('page-project-reports').waitFor();
    await openTab(office, 'review');
    const reviewBox = await apiGet<{ items: Task[] }>(office, '/api/projects/reports?box=review&month=2023-05&pageSize=200');
    expect(reviewBox.items.find((x) => x.code === task.code)?.state).toBe('confirmed');
    const toReview = office.locator(`[data-testid="reports-row"][data-code="${task.code}"]`);
    await expect(toReview.getAttribute('data-state')).resolves.toBe('confirmed');
    await expect(toReview.getByTestId('reports-amount').getAttribute('data-yuan')).resolves.toBe('12345600');
    await toReview.getByTestId('report-accept').click();
    await toReview.waitFor({ state: 'detached' });

    // the project page: May accepted, the cumulative grown by the amount, as the API has it
    const after = await apiGet<ProjectDetail>(office, `/api/projects/${task.projectId}`);
    const mayAfter = after.months.find((m) => m.month === '2023-05')?.completedYtdYuan;
    expect(mayAfter).toBe(mayBefore + 12_345_600);
    const may = after.reports.find((r) => r.month === '2023-05' && !r.superseded);
    expect(may).toMatchObject({ state: 'accepted', completedYuan: 12_345_600, progress: '主体结构封顶，设备安装完成40%' });

    await office.goto(`${platform.base}/projects/${task.projectId}`);
    await office.getByTestId('page-project').waitFor();
    const report = office.locator('[data-testid="project-report-row"][data-month="2023-05"][data-superseded="false"]');
    await expect(report.getAttribute('data-state')).resolves.toBe('accepted');
    await expect(report.getByTestId('project-report-amount').textContent()).resolves.toBe('1,234.56');
    await expect(report.textContent()).resolves.toContain('张填报');
    const cumulative = office.locator('[data-testid="project-month-row"][data-month="2023-05"] [data-testid="project-month-cumulative"]');
    await expect(cumulative.textContent()).resolves.toBe(formatWan(mayBefore + 12_345_600));
    await expect(office.getByTestId('project-completed').textContent()).resolves.toBe(formatWan(after.completedYuan));
    await expect(office.getByTestId('project-month-report-state').getAttribute('data-state')).resolves.toBe('accepted');
    await office.close();
  });
});
