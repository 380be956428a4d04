/**
 * The calendar and clock settings page (日历与时限) in the browser: the administrator finds 2027's
 * holiday notice not entered, enters it, makes a weekday a 春节 rest day and restores it, withdraws
 * the notice, and changes a 13710 time limit and back; a county clerk sees it all read-only.
 * Every change is checked against the API from the page.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SHOTS, startPlatform, type Platform } from '../support/browser.ts';

let platform: Platform;
let base: string;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform('luoshi-e2e-settings-');
  ({ base, browser } = platform);
});

afterAll(async () => platform?.close());

/** A GET of the API from the page, with its session. */
async function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`);
    return r.json();
  }, url) as Promise<T>;
}

interface Day {
  day: string;
  working: boolean;
  name: string;
  source: string;
  official: boolean;
}
interface Year {
  year: number;
  official: boolean;
  notice: { notice: string; publishedOn: string | null } | null;
  days: Day[];
}
const dayOf = async (page: Page, day: string) => (await apiGet<Year>(page, `/api/calendar?year=${day.slice(0, 4)}`)).days.find((d) => d.day === day);

interface Profile {
  version: number;
  steps: { step: string; days?: number; zh: string; en: string }[];
}

const NOTICE = '国务院办公厅关于2027年部分节假日安排的通知';

describe('日历与时限', () => {
  let admin: Page;

  it('the admin enters 2027’s notice, makes 2027-02-11 a 春节 rest day and restores it', async () => {
    admin = await platform.signInFirstTime('admin', 'Lvliang#Settings2026');
    await admin.getByTestId('nav-settings').click();
    await admin.getByTestId('page-settings').waitFor();
    // this year (2026) is built in: 国庆节 in red
    await admin.locator('[data-testid="cal-status"][data-status="bundled"]').waitFor();
    const national = admin.getByTestId('cal-day-2026-10-01');
    await expect(national.getAttribute('data-kind')).resolves.toBe('holiday');
    await expect(national.textContent()).resolves.toContain('国庆节');
    await expect(admin.getByTestId('cal-day-2026-10-10').getAttribute('data-kind')).resolves.toBe('makeup');
    await expect(admin.getByTestId('cal-day-2026-10-10').textContent()).resolves.toBe('10班');

    // 2027: not entered yet, weekdays are working days for now
    await admin.getByTestId('cal-year-next').click();
    const missing = admin.locator('[data-testid="cal-status"][data-status="missing"]');
    await missing.waitFor();
    await expect(missing.textContent()).resolves.toContain('2027 年放假安排尚未录入');
    await expect(missing.textContent()).resolves.toContain('周一至周五一律按工作日');
    expect(new URL(admin.url()).searchParams.get('year')).toBe('2027');
    await expect(admin.getByTestId('cal-day-2027-02-11').getAttribute('data-kind')).resolves.toBe('weekday');
    await expect(admin.getByTestId('cal-day-2027-02-13').getAttribute('data-kind')).resolves.toBe('weekend');
    await expect(admin.getByTestId('cal-summary').textContent()).resolves.toContain('全年 365 天：工作日 261 天');
    await admin.screenshot({ path: path.join(SHOTS, 'settings-2027-missing.png'), fullPage: true });

    // enter the notice
    await admin.getByTestId('cal-notice-enter').click();
    const noticeModal = admin.getByTestId('cal-notice-modal');
    await admin.getByTestId('cal-notice-text').waitFor();
    await expect(admin.getByTestId('cal-notice-text').inputValue()).resolves.toBe(NOTICE);
    await admin.getByTestId('cal-notice-date').click();
    await admin.getByTestId('cal-notice-date').fill('2026-11-12');
    await admin.getByTestId('cal-notice-date').press('Tab');
    await admin.getByTestId('cal-notice-save').click();
    await noticeModal.waitFor({ state: 'detached' });
    await admin.locator('[data-testid="cal-status"][data-status="entered"]').waitFor();
    await expect(admin.getByTestId('cal-notice-current').textContent()).resolves.toContain(`《${NOTICE}》，发布于 2026-11-12`);
    const entered = await admin.getByTestId('cal-result').textContent();
    expect(entered).toContain('已录入 2027 年放假安排');
    expect(entered).toMatch(/已重新核算 \d+ 个未办结的期限/);
    const year = await apiGet<Year>(admin, '/api/calendar?year=2027');
    expect(year).toMatchObject({ year: 2027, official: true, notice: { notice: NOTICE, publishedOn: '2026-11-12' } });

    // Thursday 2027-02-11 becomes a 春节 rest day
    const cell = admin.getByTestId('cal-day-2027-02-11');
    await cell.click();
    const dayModal = admin.getByTestId('cal-day-modal');
    await admin.getByTestId('cal-day-save').waitFor();
    await dayModal.locator('label:has([data-testid="cal-day-rest"])').click();
    await dayModal.locator('input#name').fill('春节');
    await dayModal.locator('.ant-modal-title').click(); // close the name suggestions
    await admin.getByTestId('cal-day-save').click();
    await dayModal.waitFor({ state: 'detached' });
    await admin.locator('[data-testid="cal-day-2027-02-11"][data-kind="holiday"]').waitFor();
    await expect(cell.textContent()).resolves.toBe('11春节');
    await expect(cell.getAttribute('data-source')).resolves.toBe('override');
    // red: the page's computed colour of the cell
    const colour = (el: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color;
    await expect(cell.evaluate(colour)).resolves.toBe('rgb(207, 19, 34)');
    await expect(cell.evaluate((el) => el.classList.contains('ls-cal-override'))).resolves.toBe(true);
    await expect(admin.getByTestId('cal-result').textContent()).resolves.toContain('已将 2027-02-11 设为休息日（春节）');
    expect(await dayOf(admin, '2027-02-11')).toEqual({ day: '2027-02-11', working: false, name: '春节', nameEn: '春节', source: 'override', official: true });
    await expect(admin.getByTestId('cal-summary').textContent()).resolves.toContain('工作日 260 天');
    await cell.hover();
    await admin.locator('.ant-tooltip').filter({ hasText: '依据：系统管理员调整' }).waitFor();
    await admin.screenshot({ path: path.join(SHOTS, 'settings-calendar.png'), fullPage: true });

    // restore the default: a working Thursday again
    await cell.click();
    await admin.getByTestId('cal-day-save').waitFor();
    await admin.getByTestId('cal-day-clear').click();
    await dayModal.waitFor({ state: 'detached' });
    await admin.locator('[data-testid="cal-day-2027-02-11"][data-kind="weekday"]').waitFor();
    await expect(cell.getAttribute('data-source')).resolves.toBe('weekday');
    await expect(cell.textContent()).resolves.toBe('11');
    await expect(admin.getByTestId('cal-result').textContent()).resolves.toContain('已恢复 2027-02-11 的默认安排（工作日）');
    expect(await dayOf(admin, '2027-02-11')).toMatchObject({ working: true, name: '', source: 'weekday' });

    // withdraw the notice: 2027 is provisional again
    await admin.getByTestId('cal-notice-withdraw').click();
    await admin.getByTestId('cal-notice-withdraw-ok').click();
    await admin.locator('[data-testid="cal-status"][data-status="missing"]').waitFor();
    await expect(admin.getByTestId('cal-result').textContent()).resolves.toContain('已撤销 2027 年放假安排的录入');
    expect(await apiGet<Year>(admin, '/api/calendar?year=2027')).toMatchObject({ official: false, notice: null });
  });

  it('the admin changes the 13710 progress report from 3 to 4 days, and back', async () => {
    await admin.getByTestId('settings-tab-clocks').click();
    await admin.getByTestId('clock-13710').waitFor();
    expect(new URL(admin.url()).searchParams.get('tab')).toBe('clocks');
    const rule = admin.getByTestId('clock-rule-13710-progress');
    await expect(rule.textContent()).resolves.toBe('交办次日起3个日历日内');
    await expect(admin.getByTestId('clock-rule-suggestion-reply').textContent()).resolves.toBe('交办之日起3个月内');
    await expect(admin.getByTestId('clock-mode-13710').textContent()).resolves.toBe('自然日');
    await expect(admin.getByTestId('clock-13710').textContent()).resolves.toContain('到期前 2 天亮蓝灯');
    await expect(admin.getByTestId('clock-suggestion').textContent()).resolves.toContain('可延期一次，最长至交办之日起 6 个月');

    const setProgress = async (days: number) => {
      await admin.getByTestId('clock-edit-13710').click();
      const modal = admin.getByTestId('clock-modal');
      await admin.getByTestId('clock-step-amount-progress').waitFor();
      await admin.getByTestId('clock-step-amount-progress').fill(String(days));
      // the name follows the number
      await expect(admin.getByTestId('clock-step-zh-progress').inputValue()).resolves.toBe(`${days}日内报告措施和进展`);
      await expect(admin.getByTestId('clock-step-en-progress').inputValue()).resolves.toBe(`Report measures and progress within ${days} days`);
      await admin.getByTestId('clock-save').click();
      await modal.waitFor({ state: 'detached' });
      await expect.poll(() => rule.textContent()).toBe(`交办次日起${days}个日历日内`);
      await expect(admin.getByTestId('clock-step-13710-progress').textContent()).resolves.toContain(`${days}日内报告措施和进展`);
    };

    await setProgress(4);
    const changed = await apiGet<Profile>(admin, '/api/clock-profiles/13710');
    expect(changed.version).toBe(2);
    expect(changed.steps.find((s) => s.step === 'progress')).toEqual({
      step: 'progress',
      kind: 'report',
      days: 4,
      zh: '4日内报告措施和进展',
      en: 'Report measures and progress within 4 days',
    });
    // the other steps are untouched
    expect(changed.steps.find((s) => s.step === 'complete')).toMatchObject({ days: 7, zh: '一般事项7日内办结' });
    await admin.screenshot({ path: path.join(SHOTS, 'settings-clocks.png'), fullPage: true });

    await setProgress(3);
    const back = await apiGet<Profile>(admin, '/api/clock-profiles/13710');
    expect(back.version).toBe(3);
    expect(back.steps.find((s) => s.step === 'progress')).toMatchObject({ days: 3, zh: '3日内报告措施和进展' });
  });

  it('a county clerk sees the calendar and the rules without any edit control', async () => {
    const clerk = await platform.signInFirstTime('lishi_clerk', 'Clerk#Settings2026');
    await clerk.goto(`${base}/settings?year=2027`);
    await clerk.locator('[data-testid="cal-status"][data-status="missing"]').waitFor();
    await expect(clerk.getByTestId('cal-status').textContent()).resolves.toContain('由系统管理员录入');
    await expect(clerk.getByTestId('cal-notice-enter').count()).resolves.toBe(0);
    await expect(clerk.getByTestId('cal-day-2027-02-11').evaluate((el) => el.tagName)).resolves.toBe('DIV');
    await expect(clerk.locator('button[data-testid^="cal-day-"]').count()).resolves.toBe(0);
    await clerk.getByTestId('cal-day-2027-02-11').click();
    await expect(clerk.getByTestId('cal-day-modal').count()).resolves.toBe(0);

    await clerk.getByTestId('settings-tab-clocks').click();
    await clerk.getByTestId('clock-13710').waitFor();
    await expect(clerk.getByTestId('clock-rule-13710-progress').textContent()).resolves.toBe('交办次日起3个日历日内');
    await expect(clerk.locator('[data-testid^="clock-edit-"]').count()).resolves.toBe(0);
    await clerk.screenshot({ path: path.join(SHOTS, 'settings-clerk.png'), fullPage: true });
  });
});
