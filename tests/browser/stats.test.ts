/**
 * 督办统计 in the browser on the demo city: the supervisor's figures, charts, ranking and overdue
 * list match the API's for the same filters (grouping, source, period), the CSV export holds the
 * ranking, and a unit clerk (no matter.stats) neither finds the page in the menu nor may open it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MatterStats } from '../../src/modules/matter-stats/schema.ts';
import { SHOTS, startPlatform, type Platform } from '../support/browser.ts';

let platform: Platform;
let base: string;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform('luoshi-e2e-stats-');
  ({ base, browser } = platform);
});

afterAll(async () => platform?.close());

/** The statistics as the API answers them to the signed-in user, for the page's current filters. */
async function statsOf(page: Page): Promise<MatterStats> {
  const query = new URL(page.url()).search;
  return page.evaluate(async (q) => {
    const r = await fetch(`/api/matter-stats${q}`, { credentials: 'same-origin' });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return (await r.json()) as MatterStats;
  }, query);
}

/** Waits until the page shows the figures for the filters in its address. */
async function settled(page: Page) {
  const q = new URL(page.url()).searchParams;
  const shown = `by=${q.get('by') ?? 'unit'}&source=${q.get('source') ?? ''}&from=${q.get('from') ?? ''}&to=${q.get('to') ?? ''}`;
  await page.locator(`[data-testid="page-stats"][data-loading="false"][data-shown="${shown}"]`).waitFor();
  await page.getByTestId('stats-kpis').waitFor();
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();
const fraction = (r: { numerator: number; denominator: number }) => `（${r.numerator}/${r.denominator}）`;

/** The KPI cards show exactly the API's totals. */
async function expectKpis(page: Page, s: MatterStats) {
  const k = s.totals;
  expect(await text(page, 'stats-kpi-total-value')).toBe(String(k.total));
  expect(await text(page, 'stats-kpi-closed-value')).toBe(String(k.closed));
  expect(await text(page, 'stats-kpi-closureRate-value')).toBe(k.closureRate.text ?? '—');
  expect(await text(page, 'stats-kpi-onTimeRate-value')).toBe(k.onTimeRate.text ?? '—');
  expect(await text(page, 'stats-kpi-overdue-value')).toBe(String(k.overdue));
  expect(await text(page, 'stats-kpi-avgDays-value')).toBe(k.avgDaysToClose === null ? '—' : String(k.avgDaysToClose));
  if (k.closureRate.denominator > 0) expect(await text(page, 'stats-kpi-closureRate-sub')).toBe(fraction(k.closureRate));
  if (k.onTimeRate.denominator > 0) expect(await text(page, 'stats-kpi-onTimeRate-sub')).toBe(fraction(k.onTimeRate));
}

/** The ranking table's rows, as [place, name, matters, closed]. */
async function rankingRows(page: Page): Promise<string[][]> {
  const rows = page.getByTestId('stats-ranking').locator('tbody tr.ant-table-row');
  const out: string[][] = [];
  for (let i = 0, n = await rows.count(); i < n; i++) out.push((await rows.nth(i).locator('td').allTextContents()).slice(0, 4).map((s) => s.trim()));
  return out;
}

describe('matter statistics in the browser', () => {
  let supervisor: Page;

  it('the supervisor sees the figures, charts, ranking and overdue list the API gives', async () => {
    supervisor = await platform.signInFirstTime('supervisor', 'Duban#Stats2026');
    await supervisor.getByTestId('nav-stats').click();
    await settled(supervisor);
    const s = await statsOf(supervisor);
    expect(s.by).toBe('unit');
    expect(s.totals.total).toBeGreaterThan(0);
    await expectKpis(supervisor, s);
    // the demo city has suggestions with replies: their rates are shown too
    expect(s.totals.replies.total).toBeGreaterThan(0);
    expect(await text(supervisor, 'stats-kpi-repliedOnTimeRate-value')).toBe(s.totals.replies.repliedOnTimeRate.text ?? '—');
    expect(await text(supervisor, 'stats-kpi-satisfactionRate-value')).toBe(s.totals.replies.satisfactionRate.text ?? '—');
    expect(await text(supervisor, 'stats-as-of')).toBe(`数据截至 ${s.asOf}`);

    // both charts drew on a canvas of real size, with pixels painted
    for (const id of ['stats-chart-groups', 'stats-chart-status']) {
      const canvas = supervisor.getByTestId(id).locator('canvas').first();
      const box = await canvas.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
      expect(box?.height ?? 0).toBeGreaterThan(200);
      const painted = await canvas.evaluate((node) => {
        type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
        const c = node as unknown as Canvas;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if ((d[i] as number) > 0) n++;
        return n;
      });
      expect(painted).toBeGreaterThan(2000);
    }
    await expect(supervisor.getByTestId('stats-chart-groups').locator('[role="img"]').getAttribute('aria-label')).resolves.toBe('各单位办理情况');

    // the ranking: first row is the API's first, and the top three places are marked
    const rows = await rankingRows(supervisor);
    const first = s.ranking[0] as MatterStats['ranking'][number];
    expect(rows[0]).toEqual([String(first.rank), first.label, String(first.total), String(first.closed)]);
    expect(rows.map((r) => r[1])).toEqual(s.ranking.slice(0, 20).map((r) => r.label));
    expect(await supervisor.getByTestId('stats-ranking').locator('[data-top="true"]').count()).toBe(s.ranking.slice(0, 20).filter((r) => r.rank <= 3).length);

    // the overdue list, most overdue first, each title linking to its matter
    expect(s.overdue.length).toBeGreaterThan(0);
    const overdueRows = supervisor.getByTestId('stats-overdue').locator('tbody tr.ant-table-row');
    expect(await overdueRows.count()).toBe(Math.min(10, s.overdue.length));
    const worst = s.overdue[0] as MatterStats['overdue'][number];
    await expect(overdueRows.first().getAttribute('data-code')).resolves.toBe(worst.code);
    await expect(overdueRows.first().getByTestId('overdue-link').getAttribute('href')).resolves.toBe(`/matters/${worst.matterId}`);
    expect(await overdueRows.first().getByTestId('overdue-days').textContent()).toBe(`${worst.daysOverdue} 天`);
    await supervisor.screenshot({ path: path.join(SHOTS, 'stats.png'), fullPage: true });

    // the export holds the ranking as shown
    await supervisor.getByTestId('stats-export').click();
    await supervisor.getByTestId('stats-export-ranking').waitFor();
    const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('stats-export-ranking').click()]);
    expect(download.suggestedFilename()).toBe('督办统计排名_按单位_全部交办日期.csv');
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('名次,主办单位,事项数,已办结,按期办结,按期办结率,办结率');
    expect(lines[1]).toBe([first.rank, first.label, first.total, first.closed, first.onTimeRate.numerator, first.onTimeRate.text ?? '', first.closureRate.text ?? ''].join(','));
    expect(lines.length).toBe(s.ranking.length + 1);
  });

  it('grouping by source, then a source and a period, change the figures as the API does', async () => {
    await supervisor.getByTestId('stats-by-source').click();
    await supervisor.waitForURL(/[?&]by=source/);
    await settled(supervisor);
    const s = await statsOf(supervisor);
    expect(s.by).toBe('source');
    await expect(supervisor.getByTestId('stats-ranking').locator('thead').textContent()).resolves.toContain('督办来源');
    const rows = await rankingRows(supervisor);
    expect(rows.map((r) => r[1])).toEqual(s.ranking.map((r) => r.label));
    expect(rows[0]?.[1]).toBe(s.ranking[0]?.label);
    // every source label is one of the sources' Chinese names, none is a unit
    for (const r of rows) expect(['领导批示', '会议议定事项', '上级交办', '整改问题', '人大代表建议', '政协提案', '群众诉求', '项目问题']).toContain(r[1]);
    await expect(supervisor.getByTestId('stats-chart-groups').locator('[role="img"]').getAttribute('aria-label')).resolves.toBe('各来源办理情况');
    await expectKpis(supervisor, s);
    await supervisor.screenshot({ path: path.join(SHOTS, 'stats-by-source.png'), fullPage: true });

    // only deputies' suggestions: the reply and satisfaction rates are the API's
    await supervisor.getByTestId('stats-source').click();
    await supervisor.locator('.ant-select-item-option').filter({ hasText: '人大代表建议' }).click();
    await supervisor.waitForURL(/[?&]source=suggestion/);
    await settled(supervisor);
    const sug = await statsOf(supervisor);
    expect(sug.source).toBe('suggestion');
    expect(sug.totals.total).toBeLessThan(s.totals.total);
    await expectKpis(supervisor, sug);
    expect(await text(supervisor, 'stats-kpi-repliedOnTimeRate-value')).toBe(sug.totals.replies.repliedOnTimeRate.text ?? '—');
    expect(await text(supervisor, 'stats-kpi-satisfactionRate-value')).toBe(sug.totals.replies.satisfactionRate.text ?? '—');
    if (sug.totals.replies.satisfactionRate.denominator > 0) {
      expect(await text(supervisor, 'stats-kpi-satisfactionRate-sub')).toBe(fraction(sug.totals.replies.satisfactionRate));
    }
    expect((await rankingRows(supervisor)).map((r) => r[1])).toEqual(['人大代表建议']);

    // the period preset 本年 puts the year's first day into the address and the query
    await supervisor.getByTestId('stats-reset').click();
    await supervisor.waitForURL((u) => !u.search.includes('source='));
    await supervisor.getByTestId('stats-period').first().click();
    await supervisor.locator('.ant-picker-presets li').filter({ hasText: '本年' }).click();
    await supervisor.waitForURL(/[?&]from=\d{4}-01-01/);
    await settled(supervisor);
    const year = await statsOf(supervisor);
    expect(year.from).toMatch(/^\d{4}-01-01$/);
    expect(year.to).not.toBeNull();
    await expectKpis(supervisor, year);
  });

  it('a unit clerk has no statistics: no menu entry, and the page says 403', async () => {
    const clerk = await platform.signInFirstTime('lishi_clerk', 'Clerk#Stats2026');
    await clerk.getByTestId('nav-matters').waitFor();
    await expect(clerk.getByTestId('nav-stats').count()).resolves.toBe(0);
    await expect(clerk.locator('.ls-menu').textContent()).resolves.not.toContain('督办统计');
    await clerk.goto(`${base}/stats`);
    await clerk.getByTestId('page-forbidden').waitFor();
    await expect(clerk.getByTestId('page-forbidden').textContent()).resolves.toContain('无权访问');
    await expect(clerk.getByTestId('page-stats').count()).resolves.toBe(0);
    expect(await clerk.evaluate(async () => (await fetch('/api/matter-stats')).status)).toBe(403);
  });
});
