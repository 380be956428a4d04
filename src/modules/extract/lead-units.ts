/**
 * The editable keyword → lead department map that turns extracted items into a draft 任务分解表.
 * Edit the data below (or pass your own map to `extract`): the longest keyword found in a clause wins;
 * a keyword that is a whole word of the clause (segmented by jieba) beats one found inside a longer word.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

export interface LeadUnitRule {
  unit: string;
  keywords: string[];
}

export const DEFAULT_LEAD_UNITS: readonly LeadUnitRule[] = [
  { unit: '市住建局', keywords: ['污水处理厂', '生活污水', '城镇污水', '棚户区', '老旧小区', '集中供热', '供热', '清洁供暖', '保障性住房'] },
  { unit: '市林业局', keywords: ['造林', '营造林', '储备林', '护林员', '森林', '生态工程', '绿化'] },
  { unit: '市工信局', keywords: ['5G', '基站', '基础网络', '新材料', '铝镁', '煤化工', '环己酮', '合成氨', '合金棒', '铜杆', '铝线材', '智能化生产', '技术改造', '制造业', '铸造', '陶粒', '保温材料'] },
  { unit: '市发改委', keywords: ['固定资产投资', '地区生产总值', '总投资', '计划投资', '实施项目', '高铁', '项目前期', '机坪', '航空口岸', '航空物流'] },
  { unit: '市生态环境局', keywords: ['国考断面', '劣V类', '排污口', '固废', '危险废物', '水污染', '空气质量', '达标排放', '重点地块'] },
  { unit: '市水利局', keywords: ['水土保持', '水库', '小水网', '调蓄', '除险加固'] },
  { unit: '市交通运输局', keywords: ['公路', '高速', '国道', '国省道', '农村路', '互通立交', '集运站', '铁路货运', '岸港网'] },
  { unit: '市农业农村局', keywords: ['畜禽', '粪污', '有机肥', '红高粱', '种植', '养殖', '农业产业园', '高标准农田', '农田'] },
  { unit: '市教育局', keywords: ['幼儿园', '中小学', '学校', '中学', '小学', '高校'] },
  { unit: '市卫健委', keywords: ['医院', '中医院', '医疗卫生', '卫生院'] },
  { unit: '市人社局', keywords: ['就业', '失业率', '培训', '护工'] },
  { unit: '市商务局', keywords: ['消费品零售', '商业街', '商贸物流', '夜间经济', '酒庄', '基酒', '储酒'] },
  { unit: '市文化和旅游局', keywords: ['旅游', '景区', '文旅', '博览会', '文学季', '黄河人家', '示范县'] },
  { unit: '市能源局', keywords: ['光伏', '风电', '电厂', '发电机组', '输电线路', '电网', '千瓦'] },
  { unit: '市乡村振兴局', keywords: ['脱贫', '贫困户', '扶贫', '易地搬迁', '安置点'] },
  { unit: '市财政局', keywords: ['一般公共预算收入', '预算', '专项债', '绿色发展资金', '农信社'] },
  { unit: '市规划和自然资源局', keywords: ['国土空间', '三区三线', '自然资源'] },
  { unit: '市大数据应用局', keywords: ['大数据', '数据中心', '智慧城市', '信息平台', '信息采集平台'] },
  { unit: '市城市管理局', keywords: ['数字化城市管理', '城市管理'] },
  { unit: '市国资委', keywords: ['股权投资管理公司', '国有企业'] },
  { unit: '市应急管理局', keywords: ['安全生产', '专项整治', '危险化学品'] },
];

const jiebaCache = new WeakMap<readonly LeadUnitRule[], Jieba>();

/** A jieba segmenter whose dictionary also knows every keyword of the map (so they come out as words). */
function segmenterFor(rules: readonly LeadUnitRule[]): Jieba {
  let j = jiebaCache.get(rules);
  if (!j) {
    j = Jieba.withDict(dict);
    const words = [...new Set(rules.flatMap((r) => r.keywords))].map((w) => `${w} 100000`).join('\n');
    j.loadDict(Buffer.from(words, 'utf8'));
    jiebaCache.set(rules, j);
  }
  return j;
}

/** Words of a clause by jieba (with the map's keywords in its dictionary). */
export function segment(text: string, rules: readonly LeadUnitRule[] = DEFAULT_LEAD_UNITS): string[] {
  return segmenterFor(rules).cut(text, true);
}

export interface LeadUnitSuggestion {
  unit: string;
  keyword: string;
}

/** The suggested lead unit of a clause, or null. */
export function suggestLeadUnit(text: string, rules: readonly LeadUnitRule[] = DEFAULT_LEAD_UNITS): LeadUnitSuggestion | null {
  let best: { unit: string; keyword: string; score: number } | null = null;
  let words: Set<string> | null = null;
  for (const rule of rules) {
    for (const kw of rule.keywords) {
      if (!kw || !text.includes(kw)) continue;
      words ??= new Set(segment(text, rules));
      const score = kw.length * (words.has(kw) ? 2 : 1);
      if (!best || score > best.score) best = { unit: rule.unit, keyword: kw, score };
    }
  }
  return best ? { unit: best.unit, keyword: best.keyword } : null;
}
