import { describe, expect, it } from 'vitest';
import { columnLetter, parseDue, parseLedgerSheet, problemText, splitUnits, titleOf, type CellValue } from '../../src/modules/ledger/parse.ts';
import { UnitMatcher, type UnitEntry } from '../../src/modules/ledger/units.ts';

describe('deadline cells', () => {
  const ok = (v: CellValue) => {
    const r = parseDue(v);
    return r.ok ? r.due : `error: ${r.message}`;
  };
  it('reads dates in the forms ledgers use', () => {
    expect(ok(new Date(Date.UTC(2026, 5, 30)))).toBe('2026-06-30');
    expect(ok(46203)).toBe('2026-06-30'); // a date serial without a date format
    expect(ok('2026-06-30')).toBe('2026-06-30');
    expect(ok('2026/6/30')).toBe('2026-06-30');
    expect(ok('2026.6.30')).toBe('2026-06-30');
    expect(ok('２０２６．６．３０')).toBe('2026-06-30');
    expect(ok('2026年6月30日')).toBe('2026-06-30');
    expect(ok('2026年6月30日前')).toBe('2026-06-30');
    expect(ok('2026年6月底前')).toBe('2026-06-30');
    expect(ok('2026年2月底')).toBe('2026-02-28');
    expect(ok('2026年底前')).toBe('2026-12-31');
    expect(ok('2026年上半年')).toBe('2026-06-30');
    expect(ok('2026年9月底前完成阶段目标，长期坚持')).toBe('2026-09-30');
    expect(ok(' 2026 年 6 月 底 前 ')).toBe('2026-06-30');
  });
  it('refuses what it cannot read, with the reason', () => {
    expect(ok('长期坚持')).toBe('error: 长期坚持类事项须给出阶段性完成时限');
    expect(ok('6月底前')).toBe('error: 时限「6月底前」缺少年份，请写明年份，如 2026年6月底前');
    expect(ok('2026-02-30')).toBe('error: 日期无效：「2026-02-30」');
    expect(ok('尽快')).toBe('error: 无法识别的时限「尽快」，请填写日期，如 2026-06-30 或 2026年6月底前');
    expect(ok(null)).toBe('error: 缺少整改时限');
  });
});

describe('unit cells', () => {
  it('the first name leads; the others and those marked 配合 assist; brackets stay whole', () => {
    expect(splitUnits('市生态环境局')).toEqual({ lead: ['市生态环境局'], assist: [] });
    expect(splitUnits('市生态环境局、市水利局')).toEqual({ lead: ['市生态环境局', '市水利局'], assist: [] });
    expect(splitUnits('牵头单位：市住建局\n配合单位：市财政局、各县（市、区）')).toEqual({ lead: ['市住建局'], assist: ['市财政局', '各县（市、区）'] });
    expect(splitUnits('市水利局（配合），市 林业局（牵头）')).toEqual({ lead: ['市林业局'], assist: ['市水利局'] });
  });
});

describe('problem text', () => {
  it('the first sentence or line is the title, up to 100 characters', () => {
    expect(titleOf('河道垃圾清理不及时。多处河岸堆积垃圾。')).toBe('河道垃圾清理不及时');
    expect(titleOf('\n第一行\n第二行')).toBe('第一行');
    const long = '甲'.repeat(150);
    expect(titleOf(long)).toBe('甲'.repeat(99) + '…');
    expect(problemText('河道垃圾清理不及时', '河道垃圾清理不及时。多处河岸堆积垃圾。')).toBe('河道垃圾清理不及时。多处河岸堆积垃圾。');
    expect(problemText('标题', '另行描述')).toBe('标题\n另行描述');
    expect(problemText(titleOf(long), long)).toBe(long);
    expect(problemText('标题', '')).toBe('标题');
  });
  it('column letters', () => {
    expect([0, 5, 25, 26, 27, 51, 52].map(columnLetter)).toEqual(['A', 'F', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });
});

describe('sheets', () => {
  it('finds a two-line header under a title, carries sections, skips blank, template and tail rows', () => {
    const rows: CellValue[][] = [
      ['某某巡察反馈问题整改台账', '某某巡察反馈问题整改台账', '某某巡察反馈问题整改台账', '某某巡察反馈问题整改台账', '某某巡察反馈问题整改台账'],
      ['序号', '存在问题', '责任单位', '责任单位', '完成时限'],
      ['序号', '存在问题', '牵头单位', '配合单位', '完成时限'],
      ['示例', '示例问题', '市财政局', '', '2026-06-30'],
      ['一、环境保护方面（2项）', '一、环境保护方面（2项）', '一、环境保护方面（2项）', '一、环境保护方面（2项）', '一、环境保护方面（2项）'],
      [1, '河道垃圾清理不及时。', '市城市管理局', '市水利局', '2026年6月底前'],
      [null, null, null, null, null],
      [2, '', '市生态环境局', '', '长期坚持'],
      ['合计', '2项', '', '', ''],
    ];
    const p = parseLedgerSheet({ name: 'Sheet1', rows });
    expect(p.headerRow).toBe(3);
    expect(p.columns.lead).toEqual({ index: 2, letter: 'C', label: '牵头单位' });
    expect(p.columns.assist?.label).toBe('配合单位');
    expect(p.rows.map((r) => [r.row, r.category, r.title, r.leadNames, r.assists.map((a) => a.name), r.due])).toEqual([
      [6, '一、环境保护方面', '河道垃圾清理不及时', ['市城市管理局'], ['市水利局'], '2026-06-30'],
      [8, '一、环境保护方面', '', ['市生态环境局'], [], null],
    ]);
    expect(p.errors).toEqual([
      { row: 8, column: 'B（存在问题）', message: '缺少问题描述', messageEn: 'the problem is missing' },
      { row: 8, column: 'E（完成时限）', message: '长期坚持类事项须给出阶段性完成时限', messageEn: 'a long-term item must give a stage deadline (a date)' },
    ]);
  });

  it('a sheet without a header is one error', () => {
    const p = parseLedgerSheet({ name: 'x', rows: [['姓名', '电话']] });
    expect(p.headerRow).toBeNull();
    expect(p.errors[0]?.message).toMatch(/^未找到表头/);
  });
});

describe('unit names', () => {
  const u = (id: number, name: string, path: string, parent: string | null = null, short: string | null = null, parentShort: string | null = null): UnitEntry => ({
    id,
    name,
    shortName: short,
    path,
    label: parent ? parent + name : name,
    parentName: parent,
    parentShort,
  });
  const units = [
    u(2, '离石区', '/1/2/', null, '离石'),
    u(3, '发展和改革局', '/1/2/3/', '离石区', null, '离石'),
    u(4, '孝义市', '/1/4/', null, '孝义'),
    u(5, '发展和改革局', '/1/4/5/', '孝义市', null, '孝义'),
    u(6, '市生态环境局', '/1/6/'),
  ];
  const city = new UnitMatcher(units, () => true);
  const county = new UnitMatcher(units, (x) => x.path.startsWith('/1/4/'));
  const label = (m: ReturnType<UnitMatcher['lead']>) => (m.ok ? m.unit.label : `${m.kind}: ${m.message}`);

  it('by full name, by name with the county, by short name', () => {
    expect(label(city.lead('离石区发展和改革局'))).toBe('离石区发展和改革局');
    expect(label(city.lead('离石区/发展和改革局'))).toBe('离石区发展和改革局');
    expect(label(city.lead('离石发展和改革局'))).toBe('离石区发展和改革局');
    expect(label(city.lead('孝义'))).toBe('孝义市');
    expect(label(city.lead('市生态环境局'))).toBe('市生态环境局');
  });
  it('a shared name is ambiguous city-wide but unique within a county’s reach', () => {
    expect(label(city.lead('发展和改革局'))).toBe('ambiguous: 单位「发展和改革局」不唯一，可能是：离石区发展和改革局、孝义市发展和改革局，请写明全称');
    expect(label(county.lead('发展和改革局'))).toBe('孝义市发展和改革局');
  });
  it('outside the reach, or unknown with candidates', () => {
    expect(label(county.lead('离石区发展和改革局'))).toBe('out_of_reach: 单位「离石区发展和改革局」不在您的管理范围内，不能为其交办整改事项');
    expect(label(county.assist('离石区发展和改革局'))).toBe('离石区发展和改革局');
    expect(label(city.lead('市生态局'))).toBe('unknown: 未找到单位「市生态局」，是否为：市生态环境局');
  });
});
