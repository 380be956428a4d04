/**
 * The rectification ledger in the browser: `luoshi start` on a fresh data folder (the demo city with
 * an inspection's and an audit's rectification items), then Chromium as the supervision office —
 * the ledger in its familiar columns, the document filter in the address, the .xlsx export read
 * back, and a sheet imported step by step: checked, its error shown by Excel row and column,
 * corrected and imported.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { SHOTS, startPlatform, type Platform } from '../support/browser.ts';

let platform: Platform;
let base: string;
let browser: Browser;
let page: Page;

const INSPECTION = '省第三生态环境保护督察组反馈问题整改清单';
const AUDIT = '2025年度市本级预算执行审计发现问题整改';
const NEW_DOC = '省委第二巡视组反馈意见';
const YEAR = new Date().getFullYear() + 1;

beforeAll(async () => {
  platform = await startPlatform('luoshi-e2e-ledger-');
  ({ base, browser } = platform);
});

afterAll(async () => {
  await page?.close();
  await platform?.close();
});

/** A ledger sheet as an inspection office sends it: a title row, the header, two sections. */
async function sheet(unitOfRow7: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('反馈问题');
  ws.addRow(['省委第二巡视组反馈问题整改台账']);
  ws.addRow(['序号', '问题', '整改要求', '责任单位', '整改时限']);
  ws.addRow(['一、营商环境方面（2项）']);
  ws.addRow([1, '涉企审批事项办理时限压缩不到位。部分审批事项仍超过承诺时限。', '全面压缩审批时限', '市行政审批服务管理局', `${YEAR}-06-30`]);
  ws.addRow([2, '政务服务事项网上可办率偏低', '提高网上可办率', '市大数据应用局', `${YEAR}年9月底前`]);
  ws.addRow(['二、生态环境方面（1项）']);
  ws.addRow([3, '城区河道垃圾清理不及时', '建立河道保洁长效机制', unitOfRow7, `${YEAR}-12-31`]);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const rowTexts = (p: Page) => p.getByTestId('ledger-row').getByTestId('ledger-problem').allTextContents();

describe('the rectification ledger', () => {
  it('shows the demo documents in the ledger columns, grouped by document, and filters by document in the address', async () => {
    page = await platform.signInFirstTime('supervisor', 'Ledger#Review2026', { width: 1366, height: 900 });

    await page.getByTestId('nav-ledger').click();
    await page.getByTestId('page-ledger').waitFor();
    await page.getByTestId('ledger-row').first().waitFor();
    const headers = await Promise.all(['seq', 'problem', 'requirement', 'measures', 'units', 'due', 'progress', 'state'].map((k) => page.getByTestId(`ledger-col-${k}`).textContent()));
    expect(headers).toEqual(['序号', '问题', '整改要求', '整改措施', '责任单位', '整改时限', '进展情况', '状态']);
    // All documents: each under its own full-width row.
    expect(await page.getByTestId('ledger-group').allTextContents()).toEqual([`【${AUDIT}】`, `【${INSPECTION}】`]);
    await expect(page.getByTestId('ledger-summary').textContent()).resolves.toContain('共 2 份来源文件、12 项整改问题，已销号 3 项，逾期 1 项');

    await page.getByTestId('ledger-filter-doc').click();
    await page.locator('.ant-select-item-option').filter({ hasText: INSPECTION }).click();
    await page.waitForURL((u) => u.searchParams.get('sourceDoc') === INSPECTION);
    await page.getByTestId('ledger-summary').getByText('本文件共 8 项，已销号 2 项，未销号 6 项，逾期 1 项').waitFor();
    await expect.poll(() => page.getByTestId('ledger-row').count()).toBe(8);
    // One document without sections: no group rows.
    expect(await page.getByTestId('ledger-group').count()).toBe(0);
    const texts = await rowTexts(page);
    expect(texts[0]).toBe('文水县部分工业企业无组织排放问题突出');
    expect(texts).toContain('中阳县钢铁企业超低排放改造滞后');

    const first = page.getByTestId('ledger-row').first();
    const cells = await first.locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['1', '文水县部分工业企业无组织排放问题突出', '全面排查无组织排放企业，逐一建立整改台账，2026年底前完成深度治理。', '开展专项执法检查，实施物料密闭、输送封闭改造。']);
    expect(cells[4]).toBe('文水县配合：市生态环境局');
    expect(await first.getByTestId('ledger-problem-link').getAttribute('href')).toMatch(/^\/matters\/\d+$/);
    // The overdue item shows its red light, a closed one 已销号.
    const late = page.getByTestId('ledger-row').filter({ hasText: '中阳县钢铁企业超低排放改造滞后' });
    expect(await late.getByTestId('ledger-light').getAttribute('data-light')).toBe('red');
    const closed = page.getByTestId('ledger-row').filter({ hasText: '交城县磁窑河沿岸垃圾堆放问题' });
    expect(await closed.getByTestId('ledger-state').textContent()).toBe('已销号');

    // The address carries the filter: opened afresh, the same ledger.
    await page.goto(page.url());
    await page.getByTestId('ledger-summary').getByText('本文件共 8 项').waitFor();
    await expect.poll(() => page.getByTestId('ledger-row').count()).toBe(8);
  });

  it('exports the filtered ledger as .xlsx with the same header and rows', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-export').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^整改台账（${INSPECTION}）-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe(`整改台账（${INSPECTION}）`);
    expect(ws.getCell('A2').value).toMatch(/共 8 项，已销号 2 项，逾期 1 项$/);
    expect(Array.from({ length: 8 }, (_, i) => ws.getRow(3).getCell(i + 1).value)).toEqual(['序号', '问题', '整改要求', '整改措施', '责任单位', '整改时限', '进展情况', '状态']);
    expect([ws.getCell('A4').value, ws.getCell('B4').value, ws.getCell('E4').value]).toEqual([1, '文水县部分工业企业无组织排放问题突出', '文水县\n配合：市生态环境局']);
    expect(ws.rowCount).toBe(11);
  });

  it('imports a sheet step by step: the check shows the error by row and column; corrected, it imports and the ledger shows it', async () => {
    await page.getByTestId('ledger-import').click();
    const modal = page.getByTestId('import-modal');
    await page.getByTestId('import-check').waitFor();
    expect(await page.getByTestId('import-template').getAttribute('href')).toBe('/api/ledger/template.xlsx');
    // The document the ledger shows is offered; a new one is typed in.
    const docInput = page.locator('[data-testid="import-source-doc"] input, input[data-testid="import-source-doc"]').first();
    await expect(docInput.inputValue()).resolves.toBe(INSPECTION);
    await docInput.fill(NEW_DOC);
    // Checking without a file asks for one.
    await page.getByTestId('import-check').click();
    await modal.getByText('请选择要导入的 .xlsx 文件').waitFor();

    await page.locator('[data-testid="import-file"] input[type=file]').setInputFiles({ name: '巡视反馈问题台账.xlsx', mimeType: XLSX, buffer: await sheet('市环保局') });
    await modal.getByText('巡视反馈问题台账.xlsx').waitFor();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-errors').waitFor();
    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain('发现 1 处错误，未导入任何事项');
    const error = page.getByTestId('import-error');
    expect(await error.count()).toBe(1);
    expect(await error.getAttribute('data-row')).toBe('7');
    expect(await error.locator('td').allTextContents()).toEqual(['7', 'D（责任单位）', '未找到单位「市环保局」，是否为：市生态环境局']);
    const outcomes = await page.getByTestId('import-item').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-row'), r.querySelector('[data-outcome]')?.getAttribute('data-outcome')]));
    expect(outcomes).toEqual([
      ['4', 'create'],
      ['5', 'create'],
      ['7', 'invalid'],
    ]);
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'ledger-import-errors.png') });

    // The corrected file: checked again, then imported.
    await page.getByTestId('import-reselect').click();
    await page.locator('[data-testid="import-file"] input[type=file]').setInputFiles({ name: '巡视反馈问题台账（修改）.xlsx', mimeType: XLSX, buffer: await sheet('市生态环境局') });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-items').waitFor();
    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain('检查通过：将新增 3 项，更新 0 项，0 项无变化');
    expect(await page.getByTestId('import-errors').count()).toBe(0);
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('import-done').textContent()).resolves.toBe(`新增 3 项，更新 0 项，0 项无变化。台账已切换到“${NEW_DOC}”。`);
    await page.getByTestId('import-close').click();
    await modal.waitFor({ state: 'detached' });

    // The ledger now shows the new document, its items under their sections.
    await page.waitForURL((u) => u.searchParams.get('sourceDoc') === NEW_DOC);
    await page.getByTestId('ledger-summary').getByText('本文件共 3 项，已销号 0 项，未销号 3 项，逾期 0 项').waitFor();
    await expect.poll(() => page.getByTestId('ledger-row').count()).toBe(3);
    expect(await page.getByTestId('ledger-group').allTextContents()).toEqual(['一、营商环境方面', '二、生态环境方面']);
    expect(await rowTexts(page)).toEqual(['涉企审批事项办理时限压缩不到位。部分审批事项仍超过承诺时限。', '政务服务事项网上可办率偏低', '城区河道垃圾清理不及时']);
    expect(await page.getByTestId('ledger-row').first().getByTestId('ledger-problem-link').textContent()).toBe('涉企审批事项办理时限压缩不到位');
    expect(await page.getByTestId('ledger-due').allTextContents()).toEqual([`${YEAR}-06-30`, `${YEAR}-09-30`, `${YEAR}-12-31`]);
    expect(await page.getByTestId('ledger-state').allTextContents()).toEqual(['待签收', '待签收', '待签收']);
    await page.screenshot({ path: path.join(SHOTS, 'ledger.png'), fullPage: true });
  });
});
