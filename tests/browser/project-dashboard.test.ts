/**
 * 项目调度 and 排名 in the browser, on the demo 2023 campaign (1,092 projects, report month
 * 2023-05): every headline figure is the server's, formatted as the bulletin prints it; the month
 * and the grouping live in the address; the ranking table is the server's ranking row by row; a
 * county head sees only the county; the project office changes a threshold (a field error first)
 * and the dashboard shows the relit projects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatPoints, formatWan, formatYi } from '../../src/domain/projects.ts';
import type { Dashboard, Figures, Rankings } from '../../src/modules/projects/schema.ts';
import { SHOTS, startPlatform, type Platform } from '../support/browser.ts';

let platform: Platform;
let viewer: Page;

beforeAll(async () => {
  platform = await startPlatform('luoshi-e2e-projdash-');
  viewer = await platform.signInFirstTime('viewer', 'Kanban#Tiao2026', { width: 1440, height: 900 });
});

afterAll(async () => platform?.close());

/** The server's answer, fetched in the page with its session. */
function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const r = await fetch(u);
    if (!r.ok) throw new Error(`${u}: ${r.status}`);
    return r.json();
  }, url) as Promise<T>;
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

async function dashboardShows(page: Page, month: string): Promise<void> {
  await page.locator(`[data-testid="page-project-dashboard"][data-month="${month}"][data-loading="false"]`).waitFor();
}

/** Every headline figure on the page equals the server's figures, formatted the page's way. */
async function expectKpis(page: Page, f: Figures): Promise<void> {
  expect(await text(page, 'kpi-projects')).toBe(String(f.projects));
  expect(await text(page, 'kpi-total')).toBe(formatYi(f.total));
  expect(await text(page, 'kpi-planned')).toBe(formatYi(f.planned));
  expect(await text(page, 'kpi-completed')).toBe(formatYi(f.completed));
  expect(await text(page, 'kpi-completed-sub')).toBe(`${formatWan(f.completed)} 万元`);
  expect(await text(page, 'kpi-completion')).toBe(f.completionRate.text);
  expect(await text(page, 'kpi-completion-sub')).toBe(`完成 ${formatYi(f.completed)} / 计划 ${formatYi(f.planned)} 亿元`);
  expect(await text(page, 'kpi-pace')).toBe(f.pace.text);
  expect(await text(page, 'kpi-lead')).toBe(formatPoints(f.leadPoints));
  const sign = f.leadPoints === null ? 'none' : f.leadPoints > 0 ? 'ahead' : f.leadPoints < 0 ? 'behind' : 'even';
  expect(await page.getByTestId('kpi-lead').getAttribute('data-sign')).toBe(sign);
  expect(await text(page, 'kpi-start-rate')).toBe(f.startRate.text);
  expect(await text(page, 'kpi-start-rate-sub')).toBe(`已开工 ${f.started} / 应开工 ${f.dueToStart}`);
  expect(await text(page, 'kpi-registration-rate')).toBe(f.registrationRate.text);
  expect(await text(page, 'kpi-registration-rate-sub')).toBe(`已入库 ${f.registered} / 应入库 ${f.mustRegister}`);
  for (const light of ['red', 'yellow', 'green'] as const) {
    expect(await text(page, `kpi-${light}`)).toBe(String(f[light]));
    expect(await page.getByTestId(`kpi-${light}-link`).getAttribute('href')).toBe(`/projects?light=${light}&month=${f.month}`);
  }
}

/** The chart's figures in words: "label：…" entries separated by "；", then "。序时进度 …". */
async function chartLines(page: Page, testId: string): Promise<string[]> {
  const summary = (await page.getByTestId(testId).locator('p').textContent()) ?? '';
  return summary.split('。')[0]?.split('；') ?? [];
}

/** The ranking table's group rows as [key, rank, label, planned 万元, completed 万元, completion, lead, start, registration, red, yellow]. */
async function tableRows(page: Page): Promise<string[][]> {
  return page
    .getByTestId('rankings-table')
    .locator('tr[data-key]')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-key') ?? '',
        ...['rank', 'label', 'planned', 'completed', 'completion', 'lead', 'start-rate', 'registration-rate', 'red', 'yellow'].map(
          (id) => tr.querySelector(`[data-testid="rankings-${id}"]`)?.textContent?.trim() ?? '',
        ),
      ]),
    );
}

function expectedRows(r: Rankings, label = true): string[][] {
  return r.groups.map((g) => [
    g.key,
    String(g.rank),
    label ? g.label : '',
    formatWan(g.figures.planned),
    formatWan(g.figures.completed),
    g.figures.completionRate.text ?? '—',
    formatPoints(g.figures.leadPoints),
    g.figures.startRate.text ?? '—',
    g.figures.registrationRate.text ?? '—',
    String(g.figures.red),
    String(g.figures.yellow),
  ]);
}

async function rankingsShow(page: Page, by: string, month: string): Promise<void> {
  await page.locator(`[data-testid="page-project-rankings"][data-shown="by=${by}&month=${month}"][data-loading="false"]`).waitFor();
}

/** A tab click can be lost while the tab bar is laid out: clicked until the address follows. */
async function clickTab(page: Page, by: string, url: RegExp): Promise<void> {
  for (let i = 0; i < 10 && !url.test(page.url()); i++) {
    await page.getByTestId(`rankings-tab-${by}`).click();
    await page.waitForURL(url, { timeout: 1_000 }).catch(() => undefined);
  }
  expect(page.url()).toMatch(url);
}

describe('campaign dashboard and rankings', () => {
  it('the viewer sees the server figures of the report month, then of March through the month picker', async () => {
    const page = viewer;
    await page.getByTestId('nav-project-dashboard').click();
    await page.waitForURL(/\/projects\/dashboard$/);
    await dashboardShows(page, '2023-05');

    const may = await apiGet<Dashboard>(page, '/api/projects/dashboard');
    expect(may.month).toBe('2023-05');
    expect(may.months).toEqual(['2023-01', '2023-02', '2023-03', '2023-04', '2023-05']);
    expect(may.overall.projects).toBe(1092);
    await expectKpis(page, may.overall);
    // five months of twelve
    expect(await text(page, 'kpi-pace')).toBe('41.7%');

    // the completion rate's fraction on hover
    await page.getByTestId('kpi-completion').hover();
    await page
      .locator('.ant-tooltip')
      .filter({ hasText: `已完成 ${formatWan(may.overall.completed)} 万元 ÷ 年度计划 ${formatWan(may.overall.planned)} 万元` })
      .waitFor();

    // the county chart: the 14 county-level units in the server's ranking order
    const counties = await chartLines(page, 'chart-by-county');
    expect(may.byCounty).toHaveLength(14);
    expect(counties).toHaveLength(14);
    expect(counties.map((l) => l.split('：')[0])).toEqual(may.byCounty.map((g) => g.label));
    expect(counties[0]).toBe(
      `${may.byCounty[0]?.label}：第 1 名，完成 ${may.byCounty[0]?.figures.completionRate.text}，超欠序时进度 ${formatPoints(may.byCounty[0]?.figures.leadPoints ?? null)} 个百分点`,
    );
    expect(await page.getByTestId('chart-by-county').locator('p').textContent()).toContain(`。序时进度 ${may.overall.pace.text}`);
    await expect(page.getByTestId('chart-by-county').locator('canvas').count()).resolves.toBe(1);
    // the cumulative series, January through May
    const series = await chartLines(page, 'chart-series');
    expect(series).toEqual(
      may.series.map((s) => `${Number(s.month.slice(5))}月：累计完成 ${formatYi(s.completed)} 亿元，序时应完成 ${formatYi(Math.round((s.planned * Number(s.month.slice(5))) / 12))} 亿元`),
    );
    const lights = await chartLines(page, 'chart-lights');
    expect(lights).toEqual([`红灯：${may.overall.red} 个项目`, `黄灯：${may.overall.yellow} 个项目`, `绿灯：${may.overall.green} 个项目`]);

    // the bulletin and its annex are plain downloads of the month; no settings for a viewer
    expect(await page.getByTestId('bulletin-download').getAttribute('href')).toBe('/api/projects/bulletin.docx?month=2023-05');
    expect(await page.getByTestId('bulletin-download').getAttribute('download')).not.toBeNull();
    expect(await page.getByTestId('annex-download').getAttribute('href')).toBe('/api/projects/bulletin-annex.xlsx?month=2023-05');
    await expect(page.getByTestId('project-settings').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'project-dashboard.png'), fullPage: true });

    // March through the month picker: the address and every figure follow
    await page.getByTestId('dashboard-month').click();
    await page.getByTestId('dashboard-month-2023-03').click();
    await page.waitForURL(/\/projects\/dashboard\?month=2023-03$/);
    await dashboardShows(page, '2023-03');
    const march = await apiGet<Dashboard>(page, '/api/projects/dashboard?month=2023-03');
    expect(march.month).toBe('2023-03');
    expect(march.overall.completed).toBeLessThan(may.overall.completed);
    await expectKpis(page, march.overall);
    expect(await text(page, 'kpi-pace')).toBe('25.0%');
    expect(await chartLines(page, 'chart-series')).toHaveLength(3);
    expect(await page.getByTestId('bulletin-download').getAttribute('href')).toBe('/api/projects/bulletin.docx?month=2023-03');
  });

  it('the ranking by county is the server ranking row by row; by leader; a county opens its project list', async () => {
    const page = viewer;
    await page.goto(`${platform.base}/projects/dashboard`);
    await dashboardShows(page, '2023-05');
    await page.getByTestId('dashboard-rankings-link').click();
    await page.waitForURL(/\/projects\/rankings\?month=2023-05$/);
    await rankingsShow(page, 'county', '2023-05');

    const county = await apiGet<Rankings>(page, '/api/projects/rankings?by=county');
    expect(county.groups).toHaveLength(14);
    expect(await tableRows(page)).toEqual(expectedRows(county));
    // the total of the viewer's reach on top
    const overall = page.getByTestId('rankings-table').locator('tr[data-overall]');
    await expect(overall.getByTestId('rankings-overall-label').textContent()).resolves.toBe('合计');
    await expect(overall.getByTestId('rankings-completion').textContent()).resolves.toBe(county.overall.completionRate.text);
    await expect(overall.getByTestId('rankings-planned').textContent()).resolves.toBe(formatWan(county.overall.planned));
    await expect(overall.getByTestId('rankings-red').textContent()).resolves.toBe(String(county.overall.red));
    // a lag is red, a lead green
    const first = county.groups[0];
    const last = county.groups[county.groups.length - 1];
    expect(first?.figures.leadPoints).toBeGreaterThan(0);
    expect(last?.figures.leadPoints).toBeLessThan(0);
    const styleOf = (key: string) => page.locator(`tr[data-key="${key}"] [data-testid="rankings-lead"]`).getAttribute('style');
    await expect(styleOf(first?.key ?? '')).resolves.toContain('color: rgb(35, 120, 4)');
    await expect(styleOf(last?.key ?? '')).resolves.toContain('color: rgb(207, 19, 34)');

    // the CSV export: the same rows
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rankings-export').click()]);
    expect(download.suggestedFilename()).toBe('重点项目排名_县（市、区）_2023年5月.csv');
    const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]?.startsWith('排名,县（市、区）,项目数,总投资（万元）')).toBe(true);
    expect(csv[1]?.startsWith(`,合计,${county.overall.projects},`)).toBe(true);
    expect(csv[2]?.startsWith(`1,${first?.label},${first?.figures.projects},`)).toBe(true);
    expect(csv).toHaveLength(county.groups.length + 3);

    // by leader in charge
    await clickTab(page, 'leader', /by=leader/);
    await rankingsShow(page, 'leader', '2023-05');
    const leader = await apiGet<Rankings>(page, '/api/projects/rankings?by=leader');
    expect(leader.groups.length).toBeGreaterThan(1);
    expect(await tableRows(page)).toEqual(expectedRows(leader));
    const someone = leader.groups.find((g) => g.key !== '');
    expect(await page.locator(`tr[data-key="${someone?.key}"] a[data-testid="rankings-label"]`).getAttribute('href')).toBe(`/projects?leaderId=${someone?.key}&month=2023-05`);

    // back to counties: a county opens the project list filtered to it
    await clickTab(page, 'county', /\/projects\/rankings\?month=2023-05$/);
    await rankingsShow(page, 'county', '2023-05');
    await page.locator(`tr[data-key="${first?.key}"] a[data-testid="rankings-label"]`).click();
    await page.waitForURL(new RegExp(`/projects\\?unitId=${first?.key}&month=2023-05$`));
  });

  it('a county head ranks only the county', async () => {
    const page = await platform.signInFirstTime('lishi_head', 'Paiming#Xian2026', { width: 1440, height: 900 });
    await page.goto(`${platform.base}/projects/rankings`);
    await rankingsShow(page, 'county', '2023-05');
    const mine = await apiGet<Rankings>(page, '/api/projects/rankings?by=county');
    expect(mine.groups.map((g) => g.label)).toEqual(['离石区']);
    expect(await tableRows(page)).toEqual(expectedRows(mine));
    expect(await tableRows(page)).toHaveLength(1);
    // the dashboard counts the county's projects only
    await page.getByTestId('rankings-dashboard-link').click();
    await dashboardShows(page, '2023-05');
    const dash = await apiGet<Dashboard>(page, '/api/projects/dashboard');
    expect(dash.overall.projects).toBe(mine.overall.projects);
    expect(dash.overall.projects).toBeLessThan(1092);
    await expectKpis(page, dash.overall);
    expect((await chartLines(page, 'chart-by-county')).map((l) => l.split('：')[0])).toEqual(['离石区']);
    await page.close();
  });

  it('the project office changes a threshold: a field error first, then the lights are recomputed', async () => {
    const page = await platform.signInFirstTime('project_office', 'Diaodu#Ban2026', { width: 1440, height: 900 });
    await page.goto(`${platform.base}/projects/dashboard`);
    await dashboardShows(page, '2023-05');
    const card = page.getByTestId('project-settings');
    await page.locator('[data-testid="project-settings"][data-version="1"]').waitFor();
    await expect(page.getByTestId('project-settings-lagYellowPoints').inputValue()).resolves.toBe('10.0');
    await expect(page.getByTestId('project-settings-registrationMinYuan').inputValue()).resolves.toBe('500.00');
    const before = await apiGet<Dashboard>(page, '/api/projects/dashboard');

    // yellow after more months than red: the server names the field
    await page.getByTestId('project-settings-startYellowMonths').fill('5');
    await page.getByTestId('project-settings-save').click();
    await card.locator('.ant-form-item-explain-error').filter({ hasText: '红灯月数不能小于黄灯月数' }).waitFor();
    await expect(page.getByTestId('project-settings-version').textContent()).resolves.toBe('版本 1');

    // a lower lag threshold for yellow: more projects lit
    await page.getByTestId('project-settings-startYellowMonths').fill('1');
    await page.getByTestId('project-settings-lagYellowPoints').fill('5');
    await page.getByTestId('project-settings-save').click();
    await page.locator('[data-testid="project-settings"][data-version="2"]').waitFor();
    const settings = await apiGet<{ lagYellowPoints: number; startYellowMonths: number; version: number }>(page, '/api/projects/settings');
    expect(settings).toMatchObject({ lagYellowPoints: 5, startYellowMonths: 1, version: 2 });
    const after = await apiGet<Dashboard>(page, '/api/projects/dashboard');
    expect(after.overall.green).toBeLessThan(before.overall.green);
    await expect.poll(() => text(page, 'kpi-green')).toBe(String(after.overall.green));
    await dashboardShows(page, '2023-05');
    await expectKpis(page, after.overall);
    await card.screenshot({ path: path.join(SHOTS, 'project-settings.png') });
    await page.close();
  });
});
