/**
 * Demo supervised matters for 吕梁市, driven through the matters engine itself (the same use cases
 * the API calls) with a clock that walks through the past weeks: decisions of an executive meeting
 * and leaders' instructions under 13710, an inspection's rectification ledger, and a session's worth
 * of deputies' suggestions and CPPCC proposals with replies and ratings. Every state and every
 * light occurs. Generated from a fixed seed relative to the load day.
 */
import { hashPassword, generatePassword } from '../platform/auth/password.ts';
import type { SessionUser } from '../platform/auth/sessions.ts';
import type { Db, Tx } from '../platform/db/index.ts';
import type { Actor } from '../platform/audit.ts';
import { addDays } from '../domain/calendar.ts';
import { dayInChina, type MatterSource, type Rating, type ReplyGrade, type ReviewGrade } from '../domain/matters.ts';
import { insertUser } from '../modules/users/queries.ts';
import { createMatterInTx, fileSuggestionInTx, takeActionInTx } from '../modules/matters/service.ts';
import { recomputeAll } from '../modules/matters/recompute.ts';
import type { ActionBody, CreateMatterBody } from '../modules/matters/schema.ts';
import { seededRandom } from '../domain/random.ts';


type Plan =
  | 'assigned'
  | 'signed'
  | 'reported'
  | 'silent'
  | 'closure_requested'
  | 'returned'
  | 'closed'
  | 'closed_late'
  | 'extension_pending'
  | 'extended'
  | 'sent_back'
  | 'planned';

interface DemoMatter {
  source: MatterSource;
  title: string;
  content?: string;
  sourceDoc?: string;
  lead: string;
  assists?: string[];
  leader?: string;
  major?: boolean;
  /** Days before the load day it was assigned. */
  ago: number;
  plan: Plan;
  dueIn?: number;
  requirement?: string;
  measures?: string;
  confidential?: boolean;
}

const MEETING = '市政府第107次常务会议';
const INSPECTION = '省第三生态环境保护督察组反馈问题整改清单';
const AUDIT = '2025年度市本级预算执行审计发现问题整改';

const THIRTEEN_710: DemoMatter[] = [
  { source: 'meeting', title: '深入开展危险化学品、煤矿、非煤矿山等11个重点行业领域安全生产专项整治', content: '会议要求持续深入开展危险化学品、煤矿、非煤矿山、消防、道路运输、交通运输、城市建设、工业园区、危险废物、特种设备、冶金制造等11个重点行业领域专项整治，加强分级分类安全监管。', sourceDoc: MEETING, lead: '市应急管理局', assists: ['市工信局', '市交通运输局', '市住建局'], leader: '马国栋', major: true, ago: 40, plan: 'planned' },
  { source: 'meeting', title: '进一步明确安委会成员单位安全监管职责和工作职责', content: '会议要求明确部门职责，消除监管盲区，狠抓责任落实。', sourceDoc: MEETING, lead: '市应急管理局', leader: '马国栋', ago: 30, plan: 'closed' },
  { source: 'meeting', title: '制定加快开发区改革创新发展实施意见的配套措施', content: '会议原则通过了关于进一步加快开发区改革创新发展的实施意见，要求在优化开发区空间和产业布局、深化体制机制改革等方面不断发力。', sourceDoc: MEETING, lead: '吕梁经济技术开发区', assists: ['市发改委'], leader: '韩志刚', major: true, ago: 26, plan: 'extended' },
  { source: 'meeting', title: '抓好开发区标准厂房建设、土地收储和标准地出让', sourceDoc: MEETING, lead: '吕梁经济技术开发区', assists: ['市规划和自然资源局'], leader: '韩志刚', ago: 12, plan: 'silent' },
  { source: 'meeting', title: '研究引进律师和律师事务所的场地租赁、经费支持等优惠扶持措施', sourceDoc: MEETING, lead: '市财政局', leader: '高建华', ago: 9, plan: 'closure_requested' },
  { source: 'meeting', title: '培育引进会计、设计、监理、金融等专业机构和人才', sourceDoc: MEETING, lead: '市人社局', assists: ['市商务局'], leader: '孙海燕', ago: 5, plan: 'reported' },
  { source: 'instruction', title: '加快推进华为山西（吕梁）大数据中心二期建设', content: '市长批示：请市大数据应用局牵头，倒排工期，确保年内具备投用条件。', lead: '市大数据应用局', leader: '高建华', ago: 6, plan: 'signed' },
  { source: 'instruction', title: '做好城区冬季清洁取暖保障工作', content: '请市住建局会同离石区，确保供暖期间群众温暖过冬。', lead: '市住建局', assists: ['离石区'], leader: '赵永明', ago: 1, plan: 'assigned' },
  { source: 'instruction', title: '排查整治孝义市煤矿安全隐患', lead: '孝义市', leader: '韩志刚', major: true, ago: 20, plan: 'extension_pending' },
  { source: 'instruction', title: '解决汾阳市杏花村酒业集聚区污水处理问题', lead: '汾阳市', assists: ['市生态环境局'], leader: '韩志刚', ago: 15, plan: 'returned' },
  { source: 'instruction', title: '保障柳林县农村饮水安全', lead: '柳林县', assists: ['市水利局'], leader: '赵永明', ago: 4, plan: 'signed' },
  { source: 'instruction', title: '临县新建移民小区学校开学保障', lead: '临县', assists: ['市教育局'], leader: '赵永明', ago: 35, plan: 'closed_late' },
  { source: 'superior', title: '国道307线吕梁段改扩建工程进度滞后问题', content: '省政府督查室交办：工程进度滞后于计划，请限期整改并报送进展。', lead: '市交通运输局', leader: '赵永明', major: true, ago: 10, plan: 'reported' },
  { source: 'superior', title: '省营商环境评价反馈：企业开办时间偏长', lead: '市行政审批服务管理局', leader: '韩志刚', ago: 3, plan: 'signed' },
  { source: 'petition', title: '12345热线反映离石区滨河北路路灯长期不亮', lead: '离石区', ago: 2, plan: 'assigned' },
  { source: 'meeting', title: '加快离石区重点项目前期手续办理', content: '会议要求各县（市、区）梳理重点项目前期手续，逐项明确办理时限。', sourceDoc: MEETING, lead: '离石区/发展和改革局', leader: '韩志刚', ago: 0, plan: 'assigned' },
  { source: 'superior', title: '省发改委反馈：离石区部分项目未按期入库', lead: '离石区/发展和改革局', leader: '韩志刚', ago: 9, plan: 'reported' },
  { source: 'petition', title: '群众反映兴县部分乡镇冬季班车停运', lead: '兴县', ago: 14, plan: 'sent_back' },
  { source: 'instruction', title: '落实岚县马铃薯产业发展扶持政策', lead: '岚县', assists: ['市农业农村局'], leader: '孙海燕', ago: 7, plan: 'silent' },
  { source: 'instruction', title: '中阳县钢铁企业超低排放改造进展情况报告', lead: '中阳县', leader: '马国栋', ago: 8, plan: 'reported', confidential: true },
];

const RECTIFICATION: DemoMatter[] = [
  { source: 'rectification', title: '文水县部分工业企业无组织排放问题突出', requirement: '全面排查无组织排放企业，逐一建立整改台账，2026年底前完成深度治理。', measures: '开展专项执法检查，实施物料密闭、输送封闭改造。', sourceDoc: INSPECTION, lead: '文水县', assists: ['市生态环境局'], ago: 60, dueIn: 40, plan: 'reported' },
  { source: 'rectification', title: '交城县磁窑河沿岸垃圾堆放问题', requirement: '立即清理沿岸垃圾，建立河道长效保洁机制。', measures: '组织清理垃圾1200余吨，落实河长巡河制度。', sourceDoc: INSPECTION, lead: '交城县', ago: 60, dueIn: -20, plan: 'closed' },
  { source: 'rectification', title: '中阳县钢铁企业超低排放改造滞后', requirement: '按期完成有组织、无组织和清洁运输超低排放改造。', measures: '制定改造计划，倒排工期，每月调度。', sourceDoc: INSPECTION, lead: '中阳县', assists: ['市生态环境局', '市工信局'], ago: 60, dueIn: -5, plan: 'silent' },
  { source: 'rectification', title: '孝义市焦化企业废水处理设施运行不正常', requirement: '确保废水处理设施稳定运行、达标排放。', measures: '安装在线监测设施，加强日常监管。', sourceDoc: INSPECTION, lead: '孝义市', ago: 60, dueIn: 1, plan: 'reported' },
  { source: 'rectification', title: '兴县煤矸石堆场扬尘污染', requirement: '煤矸石堆场全部实施覆盖、洒水抑尘。', measures: '完成3处堆场覆盖，配备喷淋设施。', sourceDoc: INSPECTION, lead: '兴县', ago: 60, dueIn: -40, plan: 'closure_requested' },
  { source: 'rectification', title: '城区建筑工地扬尘管控不到位', requirement: '落实“六个百分之百”扬尘防控措施。', measures: '开展建筑工地扬尘专项检查。', sourceDoc: INSPECTION, lead: '市住建局', assists: ['市城市管理局'], ago: 60, dueIn: 30, plan: 'signed' },
  { source: 'rectification', title: '城市黑臭水体整治成效不稳固', requirement: '巩固黑臭水体治理成效，防止返黑返臭。', measures: '完善截污管网，定期水质监测。', sourceDoc: INSPECTION, lead: '市城市管理局', ago: 60, dueIn: 90, plan: 'reported' },
  { source: 'rectification', title: '方山县北川河河道非法采砂', requirement: '依法打击非法采砂，恢复河道生态。', measures: '开展联合执法，拆除采砂设备。', sourceDoc: INSPECTION, lead: '方山县', assists: ['市水利局'], ago: 60, dueIn: -10, plan: 'closed_late' },
  { source: 'rectification', title: '部分专项资金拨付滞后', requirement: '加快资金拨付进度，建立资金拨付台账。', measures: '梳理未拨付资金，逐项明确拨付时限。', sourceDoc: AUDIT, lead: '市财政局', ago: 45, dueIn: 15, plan: 'reported' },
  { source: 'rectification', title: '政府采购程序不规范', requirement: '严格执行政府采购法规定，规范采购程序。', measures: '修订内部采购管理办法，组织专题培训。', sourceDoc: AUDIT, lead: '市行政审批服务管理局', ago: 45, dueIn: -15, plan: 'closed' },
  { source: 'rectification', title: '石楼县乡村振兴衔接资金项目进度缓慢', requirement: '加快项目实施，确保资金使用效益。', measures: '建立项目周调度机制。', sourceDoc: AUDIT, lead: '石楼县', assists: ['市乡村振兴局'], ago: 45, dueIn: 2, plan: 'signed' },
  { source: 'rectification', title: '交口县部分国有资产闲置', requirement: '盘活闲置资产，建立资产管理台账。', measures: '清查闲置资产，制定处置方案。', sourceDoc: AUDIT, lead: '交口县', assists: ['市国资委'], ago: 45, dueIn: 60, plan: 'assigned' },
];

const SUGGESTION_TOPICS: { title: string; lead: string; assists?: string[] }[] = [
  { title: '关于加快城区停车场建设的建议', lead: '市住建局', assists: ['离石区'] },
  { title: '关于加强农村饮用水水源地保护的建议', lead: '市水利局', assists: ['市生态环境局'] },
  { title: '关于提升县域医疗服务能力的建议', lead: '市卫健委' },
  { title: '关于支持特色农产品品牌建设的建议', lead: '市农业农村局', assists: ['市商务局'] },
  { title: '关于加快农村公路提档升级的建议', lead: '市交通运输局' },
  { title: '关于优化营商环境压缩审批时限的建议', lead: '市行政审批服务管理局' },
  { title: '关于加强中小学校园周边交通安全的建议', lead: '市教育局', assists: ['市交通运输局'] },
  { title: '关于推进老旧小区改造的建议', lead: '市住建局' },
  { title: '关于扶持文旅融合发展的建议', lead: '市文化和旅游局' },
  { title: '关于加大高校毕业生就业扶持力度的建议', lead: '市人社局' },
  { title: '关于加强煤矿安全生产监管的建议', lead: '市应急管理局', assists: ['市能源局'] },
  { title: '关于推进数字政府建设的建议', lead: '市大数据应用局' },
  { title: '关于加强食品安全监管的建议', lead: '市市场监管局' },
  { title: '关于推进林业生态建设的建议', lead: '市林业局' },
  { title: '关于支持中小企业技术创新的建议', lead: '市科技局', assists: ['市工信局'] },
  { title: '关于巩固拓展脱贫攻坚成果的建议', lead: '市乡村振兴局' },
  { title: '关于加快城市燃气管网改造的建议', lead: '市城市管理局' },
  { title: '关于完善养老服务体系的建议', lead: '市卫健委', assists: ['市财政局'] },
];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = ['建国', '秀英', '志强', '丽华', '海燕', '永红', '晓明', '俊杰', '玉兰', '国庆', '春梅', '卫东', '文斌', '雪梅', '红霞', '建军', '丽娟', '光明', '志刚', '彩霞'];
const DELEGATIONS = ['离石区代表团', '孝义市代表团', '汾阳市代表团', '柳林县代表团', '临县代表团', '兴县代表团'];
const SESSION = '吕梁市第五届人民代表大会第五次会议';
const CPPCC_SESSION = '政协吕梁市第五届委员会第五次会议';

const ACTOR = (u: SessionUser): Actor => ({ userId: u.id, username: u.username, ip: null });

/** Loads the demo matters into a database that holds the demo city (run once, after `loadDemo`). */
export async function loadDemoMatters(db: Db, now: Date): Promise<{ matters: number }> {
  // One transaction: the handling accounts and the matters load whole or not at all.
  return db.tx((tx) => loadInTx(tx, now));
}

async function loadInTx(tx: Tx, now: Date): Promise<{ matters: number }> {
  const today = dayInChina(now);
  const clock = { t: now.getTime() };
  const units = new Map<string, number>();
  const paths = new Map<number, string>();
  for (const r of await tx.query<{ id: number; name: string; parent: string | null; path: string }>(
    'select u.id, u.name, p.name as parent, u.path from units u left join units p on p.id = u.parent_id',
  )) {
    units.set(r.parent && r.parent !== '吕梁市' ? `${r.parent}/${r.name}` : r.name, r.id);
    paths.set(r.id, r.path);
  }
  const leaders = new Map((await tx.query<{ id: number; name: string }>('select id, name from leaders')).map((l) => [l.name, l.id]));
  const users = new Map<string, SessionUser>();
  const session = (r: { id: number; username: string; display_name: string; unit_id: number; role: SessionUser['role']; scope: SessionUser['scope']; unit_name: string }): SessionUser => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitPath: paths.get(r.unit_id) as string,
    role: r.role,
    scope: r.scope,
    mustChangePassword: false,
    sessionId: 'demo',
    csrfToken: 'demo',
  });
  const loadUsers = async () => {
    for (const r of await tx.query<{ id: number; username: string; display_name: string; unit_id: number; role: SessionUser['role']; scope: SessionUser['scope']; unit_name: string }>(
      'select u.id, u.username, u.display_name, u.unit_id, u.role, u.scope, un.name as unit_name from users u join units un on un.id = u.unit_id',
    )) {
      users.set(r.username, session(r));
    }
  };
  // A handling clerk for every unit that receives demo matters (they cannot sign in: nobody knows the password).
  const handled = new Set<string>();
  for (const m of [...THIRTEEN_710, ...RECTIFICATION, ...SUGGESTION_TOPICS.map((t) => ({ lead: t.lead, assists: t.assists }))]) {
    handled.add(m.lead);
    for (const a of m.assists ?? []) handled.add(a);
  }
  const hash = await hashPassword(generatePassword());
  for (const name of handled) {
    const unitId = units.get(name);
    if (unitId === undefined) throw new Error(`demo matters: unknown unit ${name}`);
    // A unit with a clerk of its own (the demo account lishi_clerk) needs none.
    const exists = await tx.query(`select 1 from users where unit_id = $1 and role = 'unit_clerk'`, [unitId]);
    if (exists.length) continue;
    await insertUser(
      tx,
      { username: `clerk${unitId}`, displayName: `${name.replace(/^市/, '')}办理员`, unitId, role: 'unit_clerk', scope: 'unit', phone: null, passwordHash: hash, mustChange: true },
      now,
    );
  }
  await loadUsers();
  // The demo's own clerk account handles the matters of its unit, so signing in as it shows them.
  const demoClerk = users.get('lishi_clerk');
  const handler = (unit: string): SessionUser =>
    demoClerk && demoClerk.unitId === units.get(unit) ? demoClerk : (users.get(`clerk${units.get(unit)}`) as SessionUser);
  const supervisor = users.get('supervisor') as SessionUser;
  const deputy = users.get('deputy') as SessionUser;
  const at = (day: string, hour = 10) => {
    clock.t = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  };
  let n = 0;
  const step = async (id: number, who: SessionUser, body: Partial<ActionBody> & { action: ActionBody['action'] }) => {
    const full = { text: '', files: [], ...body } as ActionBody;
    const lead = (await tx.query<{ lead_unit_id: number | null }>('select lead_unit_id from matters where id = $1', [id]))[0]?.lead_unit_id ?? null;
    await takeActionInTx(tx, new Date(clock.t), ACTOR(who), who, id, full, lead);
  };
  const create = async (who: SessionUser, body: Partial<CreateMatterBody> & Pick<CreateMatterBody, 'source' | 'title'>) => {
    const full = { major: false, content: '', sourceDoc: '', requirement: '', measures: '', assistUnitIds: [], confidential: false, proposer: '', delegation: '', sessionName: '', files: [], links: [], ...body } as CreateMatterBody;
    n++;
    return (await createMatterInTx(tx, new Date(clock.t), ACTOR(who), who, full)).id;
  };

  // ---------------------------------------------------------------- 13710 and rectification
  for (const m of [...THIRTEEN_710, ...RECTIFICATION]) {
    const d0 = addDays(today, -m.ago);
    at(d0, 9);
    const id = await create(supervisor, {
      source: m.source,
      title: m.title,
      content: m.content ?? '',
      sourceDoc: m.sourceDoc ?? '',
      requirement: m.requirement ?? '',
      measures: m.measures ?? '',
      leadUnitId: units.get(m.lead) as number,
      assistUnitIds: (m.assists ?? []).map((a) => units.get(a) as number),
      ...(m.leader ? { leaderId: leaders.get(m.leader) as number } : {}),
      major: m.major ?? false,
      confidential: m.confidential ?? false,
      assignedOn: d0,
      ...(m.dueIn !== undefined ? { dueOn: addDays(today, m.dueIn) } : {}),
    });
    await playPlan(id, m, d0, today, handler(m.lead), supervisor, step, at);
  }

  // ---------------------------------------------------------------- suggestions and proposals of the session
  const r = seededRandom(20260122);
  const sessionDay = addDays(today, -150);
  const assignDay = addDays(sessionDay, 20);
  const total = 97 + 12;
  for (let i = 0; i < total; i++) {
    const proposal = i >= 97;
    const topic = SUGGESTION_TOPICS[i % SUGGESTION_TOPICS.length] as (typeof SUGGESTION_TOPICS)[number];
    const name = `${SURNAMES[Math.floor(r() * SURNAMES.length)]}${GIVEN[Math.floor(r() * GIVEN.length)]}`;
    at(assignDay, 9);
    const id = await create(supervisor, {
      source: proposal ? 'proposal' : 'suggestion',
      title: topic.title.replace('建议', proposal ? '提案' : '建议'),
      content: `${name}${proposal ? '委员' : '代表'}提出：${topic.title.replace(/^关于|的建议$/g, '')}，请有关部门研究办理。`,
      proposer: name,
      delegation: proposal ? '经济界' : (DELEGATIONS[i % DELEGATIONS.length] as string),
      sessionName: proposal ? CPPCC_SESSION : SESSION,
      leadUnitId: units.get(topic.lead) as number,
      assistUnitIds: (topic.assists ?? []).map((a) => units.get(a) as number),
      assignedOn: assignDay,
    });
    const h = handler(topic.lead);
    at(addDays(assignDay, 2));
    await step(id, h, { action: 'sign' });
    for (const a of topic.assists ?? []) {
      at(addDays(assignDay, 10 + Math.floor(r() * 15)));
      await step(id, handler(a), { action: 'assist_view', text: '同意主办单位意见，将积极配合办理。' });
    }
    const x = r();
    // Most are answered on time; a few late, a few still open at the load day.
    const replyDay = x < 0.05 ? null : addDays(assignDay, x < 0.12 ? 95 + Math.floor(r() * 20) : 30 + Math.floor(r() * 55));
    if (!replyDay) continue;
    at(replyDay);
    const grade: ReplyGrade = r() < 0.55 ? 'A' : r() < 0.8 ? 'B' : 'C';
    await step(id, h, { action: 'reply', replyGrade: grade, text: grade === 'A' ? '所提问题已解决，相关工作已落实。' : grade === 'B' ? '已列入年度工作计划，正在推进。' : '所提建议留作工作参考。' });
    const y = r();
    if (y < 0.06) continue; // replied, awaiting the rating
    at(addDays(replyDay, 10));
    const rating: Rating = y < 0.14 ? 'unsatisfied' : y < 0.35 ? 'basically' : 'satisfied';
    await step(id, supervisor, { action: 'rate', rating, text: rating === 'unsatisfied' ? '答复内容不具体，未明确解决时限。' : '' });
    if (rating === 'unsatisfied' && r() < 0.6) {
      at(addDays(replyDay, 30));
      await step(id, h, { action: 'reply', replyGrade: 'B', text: '经再次研究，已明确于年内解决，并与代表当面沟通。' });
      at(addDays(replyDay, 40));
      await step(id, supervisor, { action: 'rate', rating: 'basically' });
    }
  }
  // The demo deputy's own recent suggestions: one waiting to be assigned, one being handled.
  if (deputy) {
    const root = (await tx.query<{ id: number }>('select id from units where parent_id is null'))[0]?.id as number;
    at(addDays(today, -2));
    await fileSuggestionInTx(tx, new Date(clock.t), ACTOR(deputy), deputy, root, { source: 'suggestion', title: '关于在离石区增设便民公交线路的建议', content: '城区东部新建小区居民出行不便，建议增设公交线路。', delegation: '离石区代表团', sessionName: SESSION, files: [] });
    at(addDays(today, -20));
    const filed = await fileSuggestionInTx(tx, new Date(clock.t), ACTOR(deputy), deputy, root, { source: 'suggestion', title: '关于加强离石区老旧小区供暖管网维修的建议', content: '部分老旧小区供暖管网老化，冬季跑冒滴漏严重。', delegation: '离石区代表团', sessionName: SESSION, files: [] });
    at(addDays(today, -18));
    await step(filed.id, supervisor, { action: 'assign', leadUnitId: units.get('市住建局') as number, assistUnitIds: [units.get('离石区') as number] });
    at(addDays(today, -16));
    await step(filed.id, handler('市住建局'), { action: 'sign' });
    n += 2;
  }
  await recomputeAll(tx, now);
  return { matters: n };
}

type StepFn = (id: number, who: SessionUser, body: Partial<ActionBody> & { action: ActionBody['action'] }) => Promise<void>;

async function playPlan(id: number, m: DemoMatter, d0: string, today: string, h: SessionUser, sup: SessionUser, step: StepFn, at: (day: string, hour?: number) => void): Promise<void> {
  const day = (k: number) => {
    const d = addDays(d0, k);
    return d > today ? today : d;
  };
  if (m.plan === 'assigned') return;
  if (m.plan === 'sent_back') {
    at(day(1));
    await step(id, h, { action: 'send_back', text: '该事项涉及交通运输部门职责，建议改由市交通运输局牵头办理。' });
    return;
  }
  at(day(0), 15);
  await step(id, h, { action: 'sign' });
  if (m.plan === 'signed' || m.plan === 'silent') return;
  at(day(2));
  await step(id, h, { action: 'report', text: '已召开专题会议研究部署，明确责任人和时间表，正在推进。' });
  switch (m.plan) {
    case 'reported':
      return;
    case 'planned': {
      at(day(20));
      await step(id, h, {
        action: 'file_plan',
        text: '问题涉及面广，难以1个月内办结，报送分阶段解决方案。',
        milestones: [
          { title: '完成全面排查', due: addDays(today, -3) },
          { title: '完成集中整治', due: addDays(today, 25) },
          { title: '建立长效机制', due: addDays(today, 60) },
        ],
      });
      return;
    }
    case 'extension_pending':
    case 'extended': {
      at(day(6));
      await step(id, h, { action: 'request_extension', requestedDue: addDays(today, 20), text: '需协调省级部门，申请延期。' });
      if (m.plan === 'extended') {
        at(day(7));
        await step(id, sup, { action: 'approve_extension', text: '同意延期，请按新时限办结。' });
      }
      return;
    }
    case 'closure_requested':
      at(day(m.dueIn !== undefined ? Math.max(3, m.ago - 2) : 6));
      await step(id, h, { action: 'request_closure', text: '已按要求办结，佐证材料已上传。' });
      return;
    case 'returned':
      at(day(6));
      await step(id, h, { action: 'request_closure', text: '已完成初步整治。' });
      at(day(7));
      await step(id, sup, { action: 'return', text: '整改不彻底，缺少第三方检测报告，请补充后重新报送。' });
      return;
    case 'closed':
    case 'closed_late': {
      const late = m.plan === 'closed_late';
      const k = m.dueIn !== undefined ? m.ago + m.dueIn + (late ? 4 : -3) : late ? 10 : 6;
      at(day(Math.max(3, k)));
      await step(id, h, { action: 'request_closure', text: '已全部办结，经自查达到要求。' });
      at(day(Math.max(4, k + 1)));
      const grade: ReviewGrade = late ? 'pass' : m.source === 'rectification' ? 'good' : 'excellent';
      await step(id, sup, { action: 'accept', grade, text: '经核查，同意销号。' });
      return;
    }
    default:
      return;
  }
}
