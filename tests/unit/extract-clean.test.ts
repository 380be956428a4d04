import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText, toOriginalSpan } from '../../src/modules/extract/clean.ts';

const FIX = path.resolve(import.meta.dirname, '../fixtures/extract');
const report = fs.readFileSync(path.join(FIX, '003_7887877c5b6e8f59.part1.txt'), 'utf8');

/** Every character of `needle` appears in `hay` in order (artefacts may sit between them). */
function inOrder(hay: string, needle: string): boolean {
  let i = 0;
  for (const c of hay) if (c === needle[i]) i++;
  return i === needle.length;
}

describe('cleaning newspaper pages', () => {
  it('joins words broken across lines and drops blank lines', () => {
    const c = cleanText('地区\n\n生产总值增长 6.1%左右，全社会固定资产投资增\n\n长 7%以上。');
    expect(c.text).toBe('地区生产总值增长6.1%左右，全社会固定资产投资增长7%以上。');
  });

  it('closes up characters spaced out and keeps a space between Latin words only', () => {
    expect(cleanText('“13710”督 办 制 度 深 化 拓 展 ，政 府 效 能').text).toBe('“13710”督办制度深化拓展，政府效能');
    expect(cleanText('与美国 GCES公司合作的 Smart City 项目').text).toBe('与美国GCES公司合作的Smart City项目');
  });

  it('removes continuation marks, lost glyphs and photo credits', () => {
    expect(cleanText(' (上接1版) 农村低保人均提标600 元').text).toBe('农村低保人均提标600元');
    expect(cleanText('交好答卷！（下转4版）').text).toBe('交好答卷！');
    expect(cleanText('在转型发展上率先\uFFFD出一条新路').text).toBe('在转型发展上率先出一条新路');
    expect(cleanText('图为会议现场。 记者 薛志雄 摄市四届人大').text).toBe('图为会议现场。市四届人大');
  });

  it('turns full-width digits, letters and percent signs into ASCII', () => {
    expect(cleanText('增长６．１％左右，建成１２００个５Ｇ基站').text).toBe('增长6.1%左右，建成1200个5G基站');
  });

  it('keeps a line break before headings and after a top heading', () => {
    const c = cleanText('交上一份满意的答卷！\n\n二、2020年工作安排\n2020 年是收官之年。\n（一）全力打好三大攻坚战，加快补\n\n齐短板。');
    expect(c.text).toBe('交上一份满意的答卷！\n二、2020年工作安排\n2020年是收官之年。\n（一）全力打好三大攻坚战，加快补齐短板。');
  });

  it('maps every cleaned character back to the same character of the original', () => {
    const c = cleanText(report);
    expect(c.map.length).toBe(c.text.length + 1);
    let checked = 0;
    for (let i = 0; i < c.text.length; i++) {
      const ch = c.text[i] as string;
      if (ch === '\n') continue;
      const o = report[c.map[i] as number] as string;
      // identical, or the full-width form of it
      expect(o === ch || o.normalize('NFKC') === ch).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(7_000);
    for (let i = 1; i < c.text.length; i++) expect(c.map[i]).toBeGreaterThan(c.map[i - 1] as number);
  });

  it('maps a cleaned span to an original span holding the same characters in order', () => {
    const c = cleanText(report);
    const clause = '完成71.25万亩水土保持综合治理';
    const at = c.text.indexOf(clause);
    expect(at).toBeGreaterThan(0);
    const [s, e] = toOriginalSpan(c, at, at + clause.length);
    const slice = report.slice(s, e);
    expect(slice).toBe('完成 71.25万\n\n亩水土保持综合治理');
    expect(inOrder(slice, clause)).toBe(true);
    expect(cleanText(slice).text).toBe(clause);
  });
});
