/**
 * 任务分解 in the browser: `luoshi start` on a fresh data folder, then Chromium as the supervision
 * office — a page of the 2020 government work report uploaded, the known item shown with its figures,
 * deadline and lead unit, one row rejected and one lead unit changed, the review surviving a reload,
 * and the exported .xlsx read back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { ROOT, SHOTS, startPlatform, type Platform } from '../support/browser.ts';
import { extract } from '../../src/modules/extract/extract.ts';

const REPORT = fs.readFileSync(path.join(ROOT, 'tests/fixtures/extract/003_7887877c5b6e8f59.part1.txt'));
const FILE = '2020年政府工作报告（节选）.txt';
const EXPECTED = extract(REPORT.toString('utf8')).items;
const KNOWN = '力争年内培训1.25万人、就业1万人';
const REJECTED = '扎实抓好问题整改';

let platform: Platform;
let page: Page;

beforeAll(async () => {
  platform = await startPlatform('luoshi-e2e-extract-');
});

afterAll(async () => {
  await page?.close();
  await platform?.close();
});

const row = (text: string) => page.getByTestId('extract-row').filter({ has: page.getByTestId('extract-row-text').getByText(text, { exact: true }) });
const count = (kind: string) => EXPECTED.filter((i) => i.kind === kind).length;
const unassigned = EXPECTED.filter((i) => i.leadUnit === null).length;

describe('drafting a task breakdown from a report', () => {
  it('uploads the report and shows what was found, with the year from the text', async () => {
    page = await platform.signInFirstTime('supervisor', 'Extract#Review2026', { width: 1366, height: 900 });
    await page.getByTestId('nav-extract').click();
    await page.getByTestId('page-extract').waitFor();
    await page.locator('[data-testid="extract-file"] input[type=file]').setInputFiles({ name: FILE, mimeType: 'text/plain', buffer: REPORT });
    await expect(page.getByTestId('extract-found').textContent()).resolves.toBe(
      `从「${FILE}」中识别出 ${EXPECTED.length} 条：目标 ${count('target')} 条，任务 ${count('task')} 条，项目 ${count('project')} 条`,
    );
    expect(EXPECTED).toHaveLength(103);
    await expect(page.locator('[data-testid="extract-year"] input, input[data-testid="extract-year"]').first().inputValue()).resolves.toBe('2020');
    await page.getByTestId('extract-summary').getByText('从文中识别为 2020 年', { exact: false }).waitFor();
    // Another year moves the deadlines found in the text; back to 2020 they are as found.
    const year = page.locator('[data-testid="extract-year"] input, input[data-testid="extract-year"]').first();
    await year.fill('2021');
    await page.getByTestId('extract-summary').getByText('完成时限已按 2021 年换算', { exact: false }).waitFor();
    await year.fill('2020');
    await page.getByTestId('extract-summary').getByText('从文中识别为 2020 年', { exact: false }).waitFor();
  });

  it('shows each item with its figures, deadline and suggested lead unit; rows are rejected and lead units changed', async () => {
    await page.getByTestId('extract-to-review').click();
    await page.getByTestId('extract-table').waitFor();
    await expect(page.getByTestId('extract-counts').textContent()).resolves.toContain(`共 103 条，已确认 0，已剔除 0，未定牵头单位 ${unassigned}`);

    const known = row(KNOWN);
    expect(await known.getByTestId('extract-figure').allTextContents()).toEqual(['1.25万人', '1万人']);
    await expect(known.locator('[data-testid="extract-deadline"] input, input[data-testid="extract-deadline"]').first().inputValue()).resolves.toBe('2020-12-31');
    expect(await known.getByTestId('extract-deadline-text').textContent()).toBe('原文：年内');
    await expect(known.getByTestId('extract-lead').textContent()).resolves.toContain('市人社局');
    expect(await known.getByTestId('extract-lead').textContent()).toContain('按关键词“就业”建议');
    // The sentence it came from, in a popover.
    await known.getByTestId('extract-original').hover();
    await expect(page.getByTestId('extract-context').textContent()).resolves.toBe('深化护工护理培训就业工作，力争年内培训1.25万人、就业1万人，努力推动吕梁山护工走出国门；在全文中查看');
    expect(await page.getByTestId('extract-context').locator('mark').textContent()).toBe(KNOWN);

    await row(REJECTED).getByTestId('extract-reject').click();
    await expect(row(REJECTED).getAttribute('data-status')).resolves.toBe('rejected');
    await known.getByTestId('extract-lead').locator('.ant-select').first().click();
    await page.keyboard.type('乡村振兴');
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: /^市乡村振兴局$/ }).click();
    await expect.poll(() => known.getByTestId('extract-lead').textContent()).toContain('市乡村振兴局');
    expect(await known.getByTestId('extract-lead').textContent()).not.toContain('按关键词');
    await expect(page.getByTestId('extract-counts').textContent()).resolves.toContain(`共 103 条，已确认 0，已剔除 1，未定牵头单位 ${unassigned - 1}`);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SHOTS, 'extract-review.png') });
  });

  it('keeps the review through a reload', async () => {
    await expect
      .poll(() => page.evaluate<number>(`Object.keys(localStorage).filter((k) => k.startsWith('luoshi.extract.') && localStorage.getItem(k).includes('"status":"rejected"')).length`))
      .toBe(1);
    await page.reload();
    await page.getByTestId('extract-restored').waitFor();
    await page.getByTestId('extract-table').waitFor();
    await expect(row(REJECTED).getAttribute('data-status')).resolves.toBe('rejected');
    await expect(row(KNOWN).getByTestId('extract-lead').textContent()).resolves.toContain('市乡村振兴局');
  });

  it('exports the accepted rows as the 任务分解表: the rejected row left out, the changed lead unit in', async () => {
    await page.getByTestId('extract-to-export').click();
    await page.getByTestId('extract-export').waitFor();
    await expect(page.getByTestId('extract-pending-warning').textContent()).resolves.toContain('还有 102 条待核对，不会导出。');
    expect(await page.getByTestId('extract-download').isDisabled()).toBe(true);
    await page.getByTestId('extract-accept-pending').click();
    await expect(page.getByTestId('extract-counts').textContent()).resolves.toContain('共 103 条，已确认 102，已剔除 1');
    await page.getByTestId('extract-plan-later').getByText('将随“年度计划”功能提供', { exact: false }).waitFor();
    expect(await page.getByTestId('extract-create-plan').isDisabled()).toBe(true);
    const name = page.locator('[data-testid="extract-document-name"] input, input[data-testid="extract-document-name"]').first();
    await expect(name.inputValue()).resolves.toBe('2020年政府工作报告（节选）');
    await name.fill('2020年政府工作报告');
    await page.getByTestId('extract-export').getByText('表格标题：「2020年政府工作报告」重点任务分解表').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'extract-export.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('extract-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^「2020年政府工作报告」重点任务分解表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe('「2020年政府工作报告」重点任务分解表');
    expect(Array.from({ length: 8 }, (_, i) => ws.getRow(3).getCell(i + 1).value)).toEqual(['序号', '类别', '工作任务', '量化指标', '完成时限', '牵头单位', '配合单位', '备注']);
    const items: unknown[][] = [];
    ws.eachRow((r, n) => {
      if (n > 3 && typeof r.getCell(1).value === 'number') items.push(Array.from({ length: 8 }, (_, i) => r.getCell(i + 1).value));
    });
    expect(items).toHaveLength(102);
    expect(items.map((r) => r[0])).toEqual(Array.from({ length: 102 }, (_, i) => i + 1));
    expect(items.some((r) => r[2] === REJECTED)).toBe(false);
    const known = items.find((r) => r[2] === KNOWN);
    expect(known).toEqual([14, '任务', KNOWN, '1.25万人；1万人', new Date(Date.UTC(2020, 11, 31)), '市乡村振兴局', '', '']);
  });
});
