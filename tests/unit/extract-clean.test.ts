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
    // A caption opening with 图为 goes with its credit (it used to stay: '图为会议现场。市四届人大'); a credit alone goes too.
    expect(cleanText('图为会议现场。 记者 薛志雄 摄市四届人大').text).toBe('市四届人大');
    expect(cleanText('会议现场。 记者 薛志雄 摄市四届人大').text).toBe('会议现场。市四届人大');
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

  it('removes captions and credits of other forms', () => {
    expect(cleanText('开幕。\n图为会议现场。 本报记者 王明 摄\n市四届人大').text).toBe('开幕。市四届人大');
    expect(cleanText('图为施工现场（张三 摄）。项目进展顺利。').text).toBe('。项目进展顺利。');
    expect(cleanText('项目进展顺利。（本报记者 李四 摄）\n下一步').text).toBe('项目进展顺利。下一步');
    expect(cleanText('项目进展顺利。（王五 赵六 摄）下一步').text).toBe('项目进展顺利。下一步');
    expect(cleanText('光明的前景。\n □ 本报评论员\n\n本报讯 1月18日').text).toBe('光明的前景。本报讯1月18日');
    expect(cleanText('干出来。\n□ 记者 刘亮亮\n本报讯 8月1日').text).toBe('干出来。本报讯8月1日');
    expect(cleanText('干出来。\n本报通讯员 肖继旺\n本报讯 8月1日').text).toBe('干出来。本报讯8月1日');
    expect(cleanText('本报讯 （记者 冯凯治 实习记者\n梁英杰 通讯员 肖继旺）“神秘人物').text).toBe('本报讯“神秘人物');
    expect(cleanText('的特色学校。\n\n（刘生锋 吴丽娜）\n\n本报讯').text).toBe('的特色学校。本报讯');
    // not a credit or a byline
    expect(cleanText('记者采访了代表。（试行）\n全文').text).toBe('记者采访了代表。（试行）全文');
    expect(cleanText('推动《办法（试行）》落实。').text).toBe('推动《办法（试行）》落实。');
  });

  it('removes a headline standing between two paragraphs of body text', () => {
    // followed by the start of a news item
    expect(cleanText('研究了其他事项。\n\n方山：干部网红齐上阵 线上线下齐发力\n\n本报讯 8 月 7 日，').text).toBe('研究了其他事项。本报讯8月7日，');
    // a place and a colon, followed by body text
    expect(cleanText('特色学校。\n临县：移民小区建起了新学校\n\n近年来，临县').text).toBe('特色学校。近年来，临县');
    // a main headline and its subtitles
    expect(cleanText('胜利闭幕。\n为加快建设美丽幸福吕梁而团结奋斗\n——热烈祝贺市“两会”胜利闭幕\n\n本报讯 （记者 韩笑） 2月26日').text).toBe('胜利闭幕。本报讯2月26日');
    // kept: a body line wrapped mid-sentence, a colon late in a sentence, a narrow column, a heading, the last line
    expect(cleanText('创办的一所学校。\n国家金库吕梁经开区支库在短短\n几个月内，依法依规').text).toBe('创办的一所学校。国家金库吕梁经开区支库在短短几个月内，依法依规');
    expect(cleanText('检验。\n今年经济社会发展的主要预期目标是：地区\n生产总值增长6.1%左右，').text).toBe('检验。今年经济社会发展的主要预期目标是：地区生产总值增长6.1%左右，');
    expect(cleanText('成果。\n勠力同心谋\n\n发展，踔厉奋发向\n\n未来。').text).toBe('成果。勠力同心谋发展，踔厉奋发向未来。');
    expect(cleanText('答卷！\n二、2020年工作安排\n2020年是收官之年。').text).toBe('答卷！\n二、2020年工作安排\n2020年是收官之年。');
    expect(cleanText('已经开启。\n\n乐享5G新时代\n').text).toBe('已经开启。乐享5G新时代');
    expect(cleanText('主要目标是。\n城镇新增就业：3.8万人\n城镇调查失业率：5.5%').text).toBe('主要目标是。城镇新增就业：3.8万人城镇调查失业率：5.5%');
  });

  it('removes the captions, bylines and headlines of the real pages, and spans still map to the original', () => {
    const page = fs.readFileSync(path.join(FIX, '001_cb4c226bf82935ad.txt'), 'utf8');
    const c = cleanText(page);
    for (const gone of ['本报评论员', '李芳', '冯凯治', '肖继旺', '方山：干部网红', '临县：移民小区', '图为市委书记', '李雅萍摄', '调研时强调提升', '一同调研路堂']) expect(c.text, gone).not.toContain(gone);
    expect(c.text).toContain('研究了其他事项。本报讯8月7日，');
    expect(c.text).toContain('学校认可的特色学校。');
    const p004 = fs.readFileSync(path.join(FIX, '004_50446648e58c1c7b.txt'), 'utf8');
    const c4 = cleanText(p004);
    for (const gone of ['为加快建设美丽幸福吕梁而团结奋斗——', '胜利闭幕孙大军讲话', '图为吕梁市第四届', '薛志雄']) expect(c4.text, gone).not.toContain(gone);
    const clause = '市四届人大三次会议主席团举行第三次会议';
    const at = c4.text.indexOf(clause);
    expect(at).toBeGreaterThan(0);
    const [s, e] = toOriginalSpan(c4, at, at + clause.length);
    expect(p004.slice(s, e)).toBe('市四届人大\n\n三次会议主席团举行第三次会议');
    // the removed caption is gone from the text, not from the offsets: no cleaned character maps into it
    const cap = p004.indexOf('图为吕梁市第四届');
    const capEnd = p004.indexOf('薛志雄 摄') + 5;
    expect([...c4.map].some((o) => o >= cap && o < capEnd)).toBe(false);
    expect([...c4.map].some((o) => o === capEnd + 1 || o === capEnd + 2 || o === capEnd + 3)).toBe(true);
    for (let i = 0; i < c.text.length; i++) {
      const o = page[c.map[i] as number] as string;
      if (c.text[i] !== '\n') expect(o === c.text[i] || o.normalize('NFKC') === c.text[i]).toBe(true);
    }
  });
});
