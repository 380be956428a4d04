/**
 * 关联事项 in the browser: the supervisor opens a demo matter, links another demo matter found by
 * part of its title in the edit dialog, and both matter pages show the link, one each way.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startPlatform, type Platform } from '../support/browser.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform('luoshi-e2e-links-');
});

afterAll(async () => platform?.close());

const FROM = '加快离石区重点项目前期手续办理';
const TO = '省发改委反馈：离石区部分项目未按期入库';

describe('related matters', () => {
  it('the supervisor links a demo matter to another; each page shows the other', async () => {
    const page = await platform.signInFirstTime('supervisor', 'Duban#Links2026', { width: 1440, height: 900 });
    // the target as the server knows it, to check the page against
    const target = await page.evaluate(async (title) => {
      const r = await fetch(`/api/matters?q=${encodeURIComponent(title)}`);
      const body = (await r.json()) as { items: { id: number; code: string; title: string; state: string }[] };
      return body.items.find((m) => m.title === title) ?? null;
    }, TO);
    expect(target?.title).toBe(TO);
    expect(target?.code).toMatch(/^DB\d{4}-\d{5}$/);

    await page.getByTestId('nav-matters').click();
    await page.getByTestId('page-matters').waitFor();
    for (let i = 0; i < 20 && !page.url().includes('box=all'); i++) {
      await page.getByTestId('box-all').click();
      await page.waitForURL(/box=all/, { timeout: 1_000 }).catch(() => undefined);
    }
    await page.getByTestId('matters-search').locator('input').fill('前期手续办理');
    await page.keyboard.press('Enter');
    await page.getByTestId('matters-table').getByRole('link', { name: FROM }).click();
    await page.getByTestId('matter-title').filter({ hasText: FROM }).waitFor();
    const fromCode = (await page.getByTestId('matter-code').textContent())?.trim() ?? '';
    expect(fromCode).toMatch(/^DB\d{4}-\d{5}$/);
    await page.getByTestId('matter-links-none').waitFor();

    await page.getByTestId('matter-edit').click();
    await page.getByTestId('matter-edit-save').waitFor();
    const item = page.getByTestId('edit-links-item');
    // the option list is replaced when the typed search answers; a click that lands on the list
    // being replaced is lost, so the pick is repeated until the chosen matter shows in the list
    for (let attempt = 0; attempt < 3 && (await item.count()) === 0; attempt++) {
      await page.getByTestId('edit-links-search').click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('未按期入库');
      await page.locator('.ant-select-item-option').filter({ hasText: TO }).click();
      await item.first().waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await expect(item.getAttribute('data-target')).resolves.toBe(`matter:${target?.id}`);
    await expect(item.textContent()).resolves.toContain(`${target?.code} ${TO}`);
    await page.getByTestId('edit-links-note-0').fill('同属项目前期工作');
    // and an outside reference with its note
    await page.getByTestId('edit-links-doc').fill('市政府常务会议纪要〔2026〕12号');
    await page.getByTestId('edit-links-doc-note').fill('议定事项第3条');
    await page.getByTestId('edit-links-doc-add').click();
    await expect(item.count()).resolves.toBe(2);
    await page.getByTestId('edit-links').screenshot({ path: path.join(SHOTS, 'matter-links-edit.png') });
    await page.getByTestId('matter-edit-save').click();
    await page.getByTestId('matter-edit-modal').waitFor({ state: 'detached' });

    const link = page.getByTestId('matter-links').getByTestId(`matter-link-${target?.id}`);
    await link.waitFor();
    await expect(link.textContent()).resolves.toBe(`${target?.code} ${TO}`);
    const outgoing = page.getByTestId('matter-links-outgoing').getByTestId('matter-link');
    const rows = await outgoing.allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`^${target?.code} ${TO}.*（同属项目前期工作）$`));
    expect(rows[1]).toBe('文件市政府常务会议纪要〔2026〕12号（议定事项第3条）');
    // the target's state as the server has it
    await expect(outgoing.first().locator('[data-state]').getAttribute('data-state')).resolves.toBe(target?.state);
    await page.getByTestId('matter-links').screenshot({ path: path.join(SHOTS, 'matter-links.png') });

    await link.click();
    await page.getByTestId('matter-title').filter({ hasText: TO }).waitFor();
    const back = page.getByTestId('matter-linked-from').getByTestId('matter-backlink');
    await back.waitFor();
    await expect(back.count()).resolves.toBe(1);
    await expect(back.getByRole('link').textContent()).resolves.toBe(`${fromCode} ${FROM}`);
    await expect(page.getByTestId('matter-links').getByText('被以下事项关联').count()).resolves.toBe(1);
    await page.close();
  });
});
