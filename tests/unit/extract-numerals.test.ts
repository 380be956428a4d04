import { describe, expect, it } from 'vitest';
import { parseChineseInteger, parseNumberPart, parseQuantities } from '../../src/domain/numerals.ts';
import { detectYear, findDeadline } from '../../src/domain/deadlines.ts';

const q = (text: string) => parseQuantities(text).map((x) => [x.value, x.unit, x.qualifier]);

describe('Chinese numerals', () => {
  it.each([
    ['十', 10],
    ['十五', 15],
    ['三十五', 35],
    ['两', 2],
    ['一百', 100],
    ['一千二百', 1200],
    ['一千零五', 1005],
    ['十万', 100000],
    ['三万五千', 35000],
    ['一亿二千万', 120000000],
    ['二〇二〇', 2020],
  ])('%s = %d', (s, n) => expect(parseChineseInteger(s)).toBe(n));

  it('rejects what is not a numeral', () => {
    expect(parseChineseInteger('')).toBeNull();
    expect(parseChineseInteger('三大')).toBeNull();
    expect(parseChineseInteger('五一二')).toBe(512); // digit by digit, as in years and codes
  });

  it('parses Arabic, mixed and product forms', () => {
    expect(parseNumberPart('1.25')).toBe(1.25);
    expect(parseNumberPart('3千')).toBe(3000);
    expect(parseNumberPart('2×35')).toBe(70);
    expect(parseNumberPart('2 x 10')).toBe(20);
    expect(parseNumberPart('abc')).toBeNull();
  });
});

describe('figures with units and qualifiers', () => {
  it.each([
    ['十万亩', [[10, '万亩', null]]],
    ['三十五座', [[35, '座', null]]],
    ['两所', [[2, '所', null]]],
    ['培训1.25万人', [[1.25, '万人', null]]],
    ['2×35万千瓦发电机组', [[70, '万千瓦', null]]],
    ['一千二百个', [[1200, '个', null]]],
    ['百分之五', [[5, '%', null]]],
    ['百分之八十以上', [[80, '%', '以上']]],
    ['提高3.9个百分点', [[3.9, '个百分点', null]]],
    ['总投资80亿元', [[80, '亿元', null]]],
    ['5000万元', [[5000, '万元', null]]],
    ['1.3万亿斤以上', [[1.3, '万亿斤', '以上']]],
    ['30万千瓦时', [[30, '万千瓦时', null]]],
    ['279公里', [[279, '公里', null]]],
    ['12所公办幼儿园、28所中小学校', [[12, '所', null], [28, '所', null]]],
    ['分别增长7%以上和8%以上', [[7, '%', '以上'], [8, '%', '以上']]],
    ['分别控制在6.5%左右、4.5%以内', [[6.5, '%', '左右'], [4.5, '%', '以内']]],
    ['城镇新增就业3.8万人以上', [[3.8, '万人', '以上']]],
    ['年度计划投资力争达到1000亿元', [[1000, '亿元', '力争']]],
    ['投资规模达到650亿元', [[650, '亿元', '达到']]],
    ['覆盖率力争达60%以上', [[60, '%', '以上']]], // the bound wins over the aim
    ['近百万吨畜禽养殖粪污', [[100, '万吨', '近']]],
    ['不少于30家', [[30, '家', '不少于']]],
    ['约200户', [[200, '户', '约']]],
    ['2560户5482人', [[2560, '户', null], [5482, '人', null]]],
    ['国道307线等10条总长279公里', [[10, '条', null], [279, '公里', null]]],
    ['180万吨7.65米顶装', [[180, '万吨', null], [7.65, '米', null]]],
  ])('%s', (text, expected) => expect(q(text)).toEqual(expected));

  it.each([
    ['建成1200个5G基站', [[1200, '个', null]]], // 5G is not a figure
    ['深化国家5A级景区创建活动', []],
    ['举办好第四届博览会', []], // ordinal
    ['三一重工', []],
    ['牛栏山二锅头', []],
    ['推进“三个全覆盖”', []], // a slogan in quotes
    ['持续推进“三个100万亩生态工程”', [[100, '万亩', null]]], // but an Arabic figure in it counts
    ['用一个个项目', []],
    ['启动杏花古村“1+N”项目', []],
    ['截至4月20日', []],
    ['市县两级', []],
  ])('no false figure in %s', (text, expected) => expect(q(text)).toEqual(expected));

  it('reports offsets and the figure as written', () => {
    const [a] = parseQuantities('争取京能2×35万千瓦机组并网');
    expect(a).toMatchObject({ raw: '2×35万千瓦', start: 4, end: 11 });
  });
});

describe('deadlines', () => {
  const d = (text: string, year: number | null = 2020) => findDeadline(text, year)?.date;
  it.each([
    ['确保6月底前所有问题整改到位', '2020-06-30'],
    ['2月底前完成', '2020-02-29'], // leap year
    ['十一月底前', '2020-11-30'],
    ['9月前', '2020-09-30'],
    ['9月30日前完成', '2020-09-30'],
    ['年底前黄河流域国考断面全部退出劣V类', '2020-12-31'],
    ['今年底前', '2020-12-31'],
    ['年内完成主体', '2020-12-31'],
    ['全年实施项目1000个以上', '2020-12-31'],
    ['上半年建成', '2020-06-30'],
    ['下半年', '2020-12-31'],
    ['一季度实现开门红', '2020-03-31'],
    ['第二季度', '2020-06-30'],
    ['三季度末前完成', '2020-09-30'],
    ['4季度', '2020-12-31'],
    ['2021年底前完成', '2021-12-31'],
    ['到2025年6月底', '2025-06-30'],
    ['县城5G网络6月底实现全覆盖', '2020-06-30'],
  ])('%s → %s', (text, date) => expect(d(text)).toBe(date));

  it.each(['去年底转结今年收入', '截至4月20日', '2月26日上午召开', '明年上半年', '去年一季度', '完成71.25万亩水土保持综合治理'])('no deadline in %s', (text) => {
    expect(findDeadline(text, 2020)).toBeNull();
  });

  it('keeps the words when the year is unknown', () => {
    expect(findDeadline('6月底前完成', null)).toEqual({ date: null, text: '6月底前', start: 0, end: 4 });
  });

  it('finds the plan year of a document', () => {
    expect(detectYear('二、2020年工作安排\n2020 年是全面建成小康社会')).toBe(2020);
    expect(detectYear('关于吕梁市 2022年国民经济和社会发展计划执行情况与 2023年国民经济和社会发展计划的决议')).toBe(2023);
    expect(detectYear('本报讯 8月1日，经开区召开会议')).toBeNull();
  });
});

describe('ranges, durations and other units', () => {
  const r = (text: string) => parseQuantities(text).map((x) => [x.value, x.max ?? null, x.unit, x.qualifier]);
  it.each([
    ['增长6%—7%', [[6, 7, '%', null]]],
    ['增长6%-7%', [[6, 7, '%', null]]],
    ['增长6%～7%', [[6, 7, '%', null]]],
    ['增长6%~7%左右', [[6, 7, '%', '左右']]],
    ['新建5至8个', [[5, 8, '个', null]]],
    ['新增就业3到5万人', [[3, 5, '万人', null]]],
    ['3万—5万人', [[3, 5, '万人', null]]],
    ['增长6.5%至7%', [[6.5, 7, '%', null]]],
    ['力争三至五所', [[3, 5, '所', '力争']]],
    ['分别增长6%—7%和8%以上', [[6, 7, '%', null], [8, null, '%', '以上']]],
  ])('range %s', (text, expected) => expect(r(text)).toEqual(expected));

  it('keeps the raw figure of a range', () => {
    expect(parseQuantities('增长6%—7%')[0]).toMatchObject({ value: 6, max: 7, unit: '%', raw: '6%—7%', start: 2, end: 7 });
    expect(parseQuantities('增长7%')[0]).not.toHaveProperty('max');
  });

  it.each([
    ['受教育年限达到11.3年', [[11.3, null, '年', '达到']]],
    ['服务年限3年以上', [[3, null, '年', '以上']]],
    ['平均寿命提高1岁', [[1, null, '岁', null]]],
    ['工期18个月', [[18, null, '个月', null]]],
    ['人均住房面积40平方米', [[40, null, '平方米', null]]],
    ['2.5万平方米', [[2.5, null, '万平方米', null]]],
    ['100万千瓦时', [[100, null, '万千瓦时', null]]],
    ['日处理3000吨/日', [[3000, null, '吨/日', null]]],
    ['每千人口床位6.5张', [[6.5, null, '张', null]]],
    ['每万人口全科医生3.5名', [[3.5, null, '名', null]]],
  ])('%s', (text, expected) => expect(r(text)).toEqual(expected));

  it.each(['3年内完成', '三年之内', '2020年', '到2025年，', '“十四五”（2021—2025年）', '实施三年行动计划', '连续3年保持', '云川至石楼高速公路', '1-9月', '2023年是开局之年'])(
    'no duration or range in %s',
    (text) => expect(parseQuantities(text)).toEqual([]),
  );

  it('does not join two figures of different units into a range', () => {
    expect(r('从100个到2025年的200个')).toEqual([[100, null, '个', null], [200, null, '个', null]]);
    expect(r('5亿元至8个')).toEqual([[5, null, '亿元', null], [8, null, '个', null]]);
    expect(r('增长8%至10万人')).toEqual([[8, null, '%', null], [10, null, '万人', null]]);
  });
});

describe('relative time limits', () => {
  it.each([
    ['3年内完成全市老旧工业园区改造', 2023, '2025-12-31', '3年内'],
    ['三年内', 2023, '2025-12-31', '三年内'],
    ['两年之内建成', 2020, '2021-12-31', '两年之内'],
    ['力争5年以内建成', 2023, '2027-12-31', '5年以内'],
    ['1年内', 2023, '2023-12-31', '1年内'],
    ['2023年内完成', 2023, '2023-12-31', '年内'],
  ])('%s (%d) → %s', (text, year, date, words) => expect(findDeadline(text, year)).toMatchObject({ date, text: words }));

  it('keeps the words when the year is unknown', () => {
    expect(findDeadline('3年内完成', null)).toEqual({ date: null, text: '3年内', start: 0, end: 3 });
  });
});

describe('units of power, environment and service time', () => {
  it.each([
    ['建成110千伏变电站2座', [{ value: 110, unit: '千伏' }, { value: 2, unit: '座' }]],
    ['PM2.5平均浓度控制在35微克/立方米以内', [{ value: 35, unit: '微克/立方米', qualifier: '以内' }]],
    ['空气质量优良天数达到280天', [{ value: 280, unit: '天', qualifier: '达到' }]],
    ['企业开办时间压缩至1个工作日', [{ value: 1, unit: '个工作日' }]],
    ['新增变电容量50万千伏安', [{ value: 50, unit: '万千伏安' }]],
  ])('%s', (text, expected) => {
    const got = parseQuantities(text).map((q) => ({ value: q.value, unit: q.unit, ...(q.qualifier ? { qualifier: q.qualifier } : {}) }));
    expect(got).toEqual(expected);
  });
});
