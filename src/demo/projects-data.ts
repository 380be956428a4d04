/**
 * The demo 2023 "千项千亿" campaign of 吕梁市 as of 2023-05-31: about 1,092 major projects with
 * stages, dates, approvals, registration, monthly reports for January–May and problems. Pure and
 * deterministic from a seed, no I/O. Names of projects, companies and people are invented, except
 * the projects of REAL_PROJECTS, which the city's newspaper names (their amounts and dates are
 * illustrative).
 */
import type { ApprovalKind, ApprovalStatus, ProblemLevel, ProblemType, ProjectCategory, ProjectStage } from '../domain/projects.ts';
import { seededRandom } from '../domain/random.ts';
import { COUNTIES, DEPARTMENTS, LEADERS } from './lvliang.ts';

export interface DemoReport {
  /** 'YYYY-MM', 2023-01 … 2023-05. */
  month: string;
  completedYuan: number;
  /** 形象进度 */
  progress: string;
  state: 'accepted' | 'confirmed' | 'submitted' | 'returned';
  /** 'YYYY-MM-DD', mostly the 18th–25th of the month, some late (26th–30th). */
  submittedOn: string;
  returnReason?: string;
}

export interface DemoProblem {
  type: ProblemType;
  level: ProblemLevel;
  title: string;
  content: string;
  raisedOn: string;
  deadline: string;
  closedOn: string | null;
}

export interface DemoProject {
  /** 'LL2023-0001' … */
  code: string;
  /** Unique within its unit. */
  name: string;
  /** A county-level unit of COUNTIES. */
  unit: string;
  /** A city department of DEPARTMENTS, or a county office path such as '孝义市/发展和改革局'. */
  dept: string;
  /** A leader of LEADERS in charge of the dept or the unit. */
  leader: string;
  taskForce: string[];
  category: ProjectCategory;
  stage: ProjectStage;
  /** 建设内容及规模 */
  content: string;
  /** Integer 元, whole 万元. */
  totalYuan: number;
  /** This year's plan, ≤ total, whole 万元. */
  plannedYuan: number;
  plannedStart: string | null;
  plannedFinish: string | null;
  actualStart: string | null;
  actualFinish: string | null;
  startDelayReason: string | null;
  registered: boolean;
  registeredOn: string | null;
  approvals: Partial<Record<ApprovalKind, { status: ApprovalStatus; date: string | null }>>;
  tags: string[];
  location: string;
  lng: number | null;
  lat: number | null;
  reports: DemoReport[];
  problems: DemoProblem[];
  /** Named in the source documents (REAL_PROJECTS). */
  real: boolean;
}

export const DEMO_CAMPAIGN_YEAR = 2023;
/** The day the demo data describes. */
export const DEMO_AS_OF = '2023-05-31';
const PROJECT_COUNT = 1092;
const WAN = 10_000;
const YI_WAN = 10_000; // 万元 in one 亿元

// ---------------------------------------------------------------------------------------------
// Projects named in the city's newspaper (tests/fixtures/extract, the same as the shared documents)

/** How the demo places a real project: its stage as of 2023-05-31 and an illustrative total. */
type Plan = 'new' | 'cont' | 'done' | 'prep' | 'late' | 'pipe';

export interface RealProject {
  name: string;
  /** The source text with extraction artefacts removed (spaces, line breaks) that names it. */
  quote: string;
  /** File under tests/fixtures/extract (= /work/shared/domain/documents). */
  source: string;
  unit: string;
  category: ProjectCategory;
  plan: Plan;
  /** Illustrative total investment in 万元. */
  totalWan: number;
  content: string;
  dept?: string;
  tags?: string[];
}

const DOC_DIGITAL = '000_77d964b638130dd6.txt'; // 市大数据应用局: digital economy news (2020)
const DOC_BIGDATA = '001_cb4c226bf82935ad.txt'; // preparation of the 4th 数谷吕梁 big-data conference
const DOC_REPORT = '003_7887877c5b6e8f59.part1.txt'; // 2020 政府工作报告, first part

export const REAL_PROJECTS: RealProject[] = [
  // 000_77d964b638130dd6.txt
  { name: '汾阳拉货王大宗物流大数据服务应用平台', quote: '汾阳拉货王大宗物流大数据服务应用平台', source: DOC_DIGITAL, unit: '汾阳市', category: 'other', plan: 'cont', totalWan: 12_000, content: '建设大宗物流大数据服务应用平台，包括车货匹配、在线结算、运力调度和监管服务系统，配套建设数据机房及运营中心。', dept: '市大数据应用局', tags: ['数字经济'] },
  { name: '文水晋能清洁能源科技股份公司智能工厂数字化项目', quote: '文水晋能清洁能源科技股份公司智能工厂数字化项目', source: DOC_DIGITAL, unit: '文水县', category: 'industry', plan: 'cont', totalWan: 35_000, content: '对光伏组件生产线实施数字化改造，建设制造执行系统、智能仓储及生产数据中心，实现生产全过程数据采集与质量追溯。', dept: '市工信局', tags: ['数字经济', '智能制造'] },
  { name: '孝义山西信发化工有限公司智能化工厂项目', quote: '孝义山西信发化工有限公司智能化工厂', source: DOC_DIGITAL, unit: '孝义市', category: 'industry', plan: 'cont', totalWan: 86_000, content: '对氧化铝及化工生产装置实施智能化改造，建设DCS集中控制、设备在线监测、智能巡检和能源管理系统。', dept: '市工信局', tags: ['数字经济', '智能制造'] },
  { name: '孝义矿山安全预警装置及自动化控制系统制造项目', quote: '孝义矿山安全预警装置及自动化控制系统制造项目', source: DOC_DIGITAL, unit: '孝义市', category: 'industry', plan: 'done', totalWan: 18_500, content: '建设矿山安全监测预警装置及自动化控制系统生产车间、研发检测中心，年产监测预警装置3000台（套）。', tags: ['智能制造'] },
  { name: '吕农网络化数字化智能化及大数据应用服务项目一期工程', quote: '吕农网络化数字化智能化及大数据应用服务项目一期工程', source: DOC_DIGITAL, unit: '离石区', category: 'other', plan: 'cont', totalWan: 9_800, content: '建设农业大数据中心、农产品质量追溯平台和农业物联网示范基地，一期接入种养殖基地120个。', dept: '市大数据应用局', tags: ['数字经济', '数字农业'] },
  // 001_cb4c226bf82935ad.txt
  { name: '华为大数据中心二期项目', quote: '依托山西省超算中心、华为大数据中心', source: DOC_BIGDATA, unit: '离石区', category: 'infrastructure', plan: 'cont', totalWan: 120_000, content: '新建数据中心机房楼2栋，规划机柜3000架，配套建设110千伏变电站、冷却系统及运维中心。', dept: '市大数据应用局', tags: ['数字经济', '新基建'] },
  // 003_7887877c5b6e8f59.part1.txt
  { name: '吕农2×10万吨有机肥加工二期项目', quote: '吕农2×10万吨有机肥加工二期项目', source: DOC_REPORT, unit: '文水县', category: 'ecology', plan: 'cont', totalWan: 26_000, content: '新建2条年产10万吨有机肥生产线及畜禽粪污收储转运体系，年处理文水、汾阳周边畜禽养殖粪污约百万吨。', tags: ['资源综合利用'] },
  { name: '孝义鹏飞集团氢能综合利用产业园项目', quote: '孝义鹏飞集团与美国GCES公司合作的氢能综合利用产业园项目', source: DOC_REPORT, unit: '孝义市', category: 'industry', plan: 'cont', totalWan: 1_200_000, content: '建设焦炉煤气制氢、氢气提纯、液氢储运及加氢站网络，配套建设氢能重卡示范运营和氢能装备制造基地。', dept: '市能源局', tags: ['氢能', '省级重点工程'] },
  { name: '孝义金岩焦炉煤气综合利用项目', quote: '孝义金岩25万吨LNG、80万吨合成氨、140万吨绿色氢能源等焦炉煤气综合利用项目', source: DOC_REPORT, unit: '孝义市', category: 'industry', plan: 'cont', totalWan: 950_000, content: '以焦炉煤气为原料，建设年产25万吨LNG、80万吨合成氨及140万吨绿色氢能源装置和配套公用工程。', tags: ['现代煤化工', '省级重点工程'] },
  { name: '孝义晋茂30万吨环己酮项目', quote: '孝义晋茂30万吨环己酮', source: DOC_REPORT, unit: '孝义市', category: 'industry', plan: 'new', totalWan: 360_000, content: '新建年产30万吨环己酮生产装置及配套储运、公用工程和环保设施。', tags: ['现代煤化工'] },
  { name: '交城华鑫180万吨7.65米顶装焦化项目', quote: '交城华鑫180万吨7.65米顶装', source: DOC_REPORT, unit: '交城县', category: 'industry', plan: 'done', totalWan: 420_000, content: '建设2×65孔7.65米顶装焦炉，年产焦炭180万吨，配套干熄焦、煤气净化和余热发电装置。', tags: ['现代煤化工'] },
  { name: '中润15万吨合金棒项目', quote: '中润15万吨合金棒项目', source: DOC_REPORT, unit: '交口县', category: 'industry', plan: 'done', totalWan: 52_000, content: '依托局域电网铝水资源，建设年产15万吨铝合金圆棒生产线，配套熔铸车间和均质炉。', tags: ['铝镁新材料'] },
  { name: '中德工业园5万吨轻量化铝镁部件项目', quote: '中德工业园5万吨轻量化铝镁部件', source: DOC_REPORT, unit: '吕梁经济技术开发区', category: 'industry', plan: 'cont', totalWan: 150_000, content: '建设汽车轻量化铝镁合金部件压铸、机加工及表面处理生产线，年产轻量化部件5万吨。', tags: ['铝镁新材料', '招商引资'] },
  { name: '江苏电缆城30万吨铜杆、20万吨铝线材项目', quote: '江苏电缆城30万吨铜杆、20万吨铝线材', source: DOC_REPORT, unit: '孝义市', category: 'industry', plan: 'new', totalWan: 230_000, content: '建设年产30万吨低氧光亮铜杆、20万吨铝合金线材生产线及电线电缆产业配套区。', tags: ['铝镁新材料', '招商引资'] },
  { name: '杏花村核心区20万吨基酒基地项目', quote: '20万吨杏花村核心区基酒基地', source: DOC_REPORT, unit: '汾阳市', category: 'industry', plan: 'cont', totalWan: 480_000, content: '建设清香型白酒酿造车间、基酒储存库及配套制曲、粮库和污水处理设施，形成年产基酒20万吨能力。', tags: ['白酒'] },
  { name: '中国汾酒城20万吨储酒基地项目', quote: '中国汾酒城20万吨储酒基地', source: DOC_REPORT, unit: '汾阳市', category: 'industry', plan: 'cont', totalWan: 260_000, content: '建设陶坛储酒库、不锈钢储罐区及勾调中心，形成20万吨原酒储存能力。', tags: ['白酒'] },
  { name: '杏花古村“1+N”项目', quote: '启动杏花古村“1+N”项目', source: DOC_REPORT, unit: '汾阳市', category: 'culture_tourism', plan: 'cont', totalWan: 85_000, content: '实施杏花古村保护性开发，建设酒文化街区、民宿集群、游客服务中心及配套基础设施。', dept: '市文化和旅游局', tags: ['酒旅融合'] },
  { name: '汾酒集团2万吨智能化生产项目', quote: '汾酒集团2万吨智能化生产', source: DOC_REPORT, unit: '汾阳市', category: 'industry', plan: 'done', totalWan: 150_000, content: '建设年产2万吨白酒智能化酿造车间、智能灌装线及自动化立体仓库。', tags: ['白酒', '智能制造'] },
  { name: '牛栏山二锅头文水白酒基地项目', quote: '牛栏山二锅头文水白酒基地项目', source: DOC_REPORT, unit: '文水县', category: 'industry', plan: 'cont', totalWan: 300_000, content: '建设白酒酿造、储存、灌装生产线及物流中心，形成年产白酒5万千升能力。', tags: ['白酒', '招商引资'] },
  { name: '汾酒集团综合活动中心和销售中心项目', quote: '汾酒集团综合活动中心和销售中心', source: DOC_REPORT, unit: '汾阳市', category: 'culture_tourism', plan: 'cont', totalWan: 60_000, content: '建设汾酒集团综合活动中心、品鉴体验馆及销售中心，总建筑面积约8万平方米。', tags: ['酒旅融合'] },
  { name: '新晋商国际酒庄项目', quote: '新晋商国际酒庄', source: DOC_REPORT, unit: '汾阳市', category: 'culture_tourism', plan: 'cont', totalWan: 50_000, content: '建设酒庄酿造区、窖藏区、文化展示馆及休闲接待设施。', tags: ['酒旅融合'] },
  { name: '杏花村文旅小镇项目', quote: '杏花村文旅小镇', source: DOC_REPORT, unit: '汾阳市', category: 'culture_tourism', plan: 'cont', totalWan: 180_000, content: '建设酒文化主题街区、演艺中心、特色民宿和游客集散中心，打造酒与文化旅游融合示范区。', dept: '市文化和旅游局', tags: ['酒旅融合'] },
  { name: '华鑫酒庄2万吨保健酒及美丽酒庄项目', quote: '华鑫酒庄2万吨保健酒及美丽酒庄', source: DOC_REPORT, unit: '交城县', category: 'industry', plan: 'new', totalWan: 45_000, content: '建设年产2万吨保健酒生产线、酒庄接待中心和酒文化体验区。', tags: ['白酒', '酒旅融合'] },
  { name: '苍儿会生态文化旅游区项目', quote: '苍儿会生态文化旅游区', source: DOC_REPORT, unit: '文水县', category: 'culture_tourism', plan: 'cont', totalWan: 160_000, content: '建设苍儿会景区游客服务中心、旅游公路、康养度假设施和生态步道，完善景区供水供电设施。', dept: '市文化和旅游局', tags: ['全域旅游'] },
  { name: '柳林明清街区保护开发项目', quote: '柳林明清街区保护开发', source: DOC_REPORT, unit: '柳林县', category: 'culture_tourism', plan: 'cont', totalWan: 70_000, content: '对明清街区传统建筑进行修缮保护，改造街区风貌和地下管网，植入非遗展示、特色餐饮和民宿业态。', tags: ['全域旅游', '城市更新'] },
  { name: '中西部数据中心项目', quote: '推进中西部数据中心等5个总投资23亿元的大数据产业项目', source: DOC_REPORT, unit: '吕梁经济技术开发区', category: 'infrastructure', plan: 'cont', totalWan: 110_000, content: '建设数据中心机房楼、动力中心和运维楼，规划标准机柜2500架。', dept: '市大数据应用局', tags: ['数字经济', '新基建'] },
  { name: '晋西北建筑产业园项目', quote: '晋西北建筑产业园', source: DOC_REPORT, unit: '离石区', category: 'industry', plan: 'cont', totalWan: 220_000, content: '建设装配式建筑构件、钢结构和新型墙材生产基地，配套研发检测中心和物流区。', tags: ['新材料', '装配式建筑'] },
  { name: '柳林固废新材料产业基地项目', quote: '三一重工与华侨城合作投资的柳林固废新材料产业基地', source: DOC_REPORT, unit: '柳林县', category: 'industry', plan: 'cont', totalWan: 300_000, content: '利用煤矸石、赤泥生产高性能陶粒骨料、装配式板材和高性能保温材料，建设生产线6条。', tags: ['资源综合利用', '新材料', '招商引资'] },
  { name: '离隰高速公路项目', quote: '开工建设离隰高速', source: DOC_REPORT, unit: '离石区', category: 'infrastructure', plan: 'cont', totalWan: 1_850_000, content: '路线全长约105公里，按双向四车道高速公路标准建设，设计速度80公里/小时，设互通立交8处。', dept: '市交通运输局', tags: ['交通', '省级重点工程'] },
  { name: '汾石高速公路项目', quote: '汾石高速', source: DOC_REPORT, unit: '汾阳市', category: 'infrastructure', plan: 'cont', totalWan: 1_600_000, content: '路线全长约98公里，按双向四车道高速公路标准建设，设计速度80公里/小时。', dept: '市交通运输局', tags: ['交通', '省级重点工程'] },
  { name: '大武互通立交项目', quote: '大武互通立交项目', source: DOC_REPORT, unit: '方山县', category: 'infrastructure', plan: 'done', totalWan: 38_000, content: '新建高速公路互通立交1处及连接线3.2公里，按一级公路标准建设。', dept: '市交通运输局', tags: ['交通'] },
  { name: '临县车赶集运站项目', quote: '临县车赶', source: DOC_REPORT, unit: '临县', category: 'infrastructure', plan: 'cont', totalWan: 95_000, content: '建设铁路集运站装车线、封闭式储煤场及快速装车系统，设计年发运能力1000万吨。', tags: ['交通', '公转铁'] },
  { name: '兴县赵家塔集运站项目', quote: '兴县赵家塔', source: DOC_REPORT, unit: '兴县', category: 'infrastructure', plan: 'cont', totalWan: 82_000, content: '建设铁路专用线、装车站场和封闭式储煤设施，设计年发运能力800万吨。', tags: ['交通', '公转铁'] },
  { name: '柳林汾西荣欣集运站项目', quote: '柳林汾西荣欣', source: DOC_REPORT, unit: '柳林县', category: 'infrastructure', plan: 'done', totalWan: 56_000, content: '建设铁路装车线2条、筒仓储煤设施及配套道路，设计年发运能力600万吨。', tags: ['交通', '公转铁'] },
  { name: '吕梁机场通用机坪项目', quote: '建成吕梁机场通用机坪项目', source: DOC_REPORT, unit: '方山县', category: 'infrastructure', plan: 'cont', totalWan: 15_000, content: '新建通用航空机坪2.4万平方米、联络道及配套助航灯光、消防设施。', dept: '市交通运输局', tags: ['交通'] },
  { name: '华电锦兴2×35万千瓦电厂项目', quote: '华电锦兴2×35万千瓦电厂', source: DOC_REPORT, unit: '兴县', category: 'industry', plan: 'cont', totalWan: 620_000, content: '建设2×35万千瓦超临界低热值煤发电机组及配套输煤、脱硫脱硝、空冷系统。', dept: '市能源局', tags: ['能源', '省级重点工程'] },
  { name: '晋能孝义2×35万千瓦电厂项目', quote: '晋能孝义2×35万千瓦电厂', source: DOC_REPORT, unit: '孝义市', category: 'industry', plan: 'done', totalWan: 580_000, content: '建设2×35万千瓦低热值煤发电机组及配套环保设施、送出工程。', dept: '市能源局', tags: ['能源'] },
  { name: '临县京能2×35万千瓦发电机组项目', quote: '临县京能2×35万千瓦发电机组', source: DOC_REPORT, unit: '临县', category: 'industry', plan: 'cont', totalWan: 600_000, content: '建设2×35万千瓦低热值煤发电机组，配套局域电网接入及送出工程。', dept: '市能源局', tags: ['能源'] },
  { name: '吕梁一中建设项目', quote: '吕梁一中', source: DOC_REPORT, unit: '离石区', category: 'livelihood', plan: 'cont', totalWan: 98_000, content: '新建教学楼、实验楼、图书馆、体育馆及学生公寓，总建筑面积约18万平方米，办学规模120个教学班。', dept: '市教育局', tags: ['教育'] },
  { name: '汾阳市中医院建设项目', quote: '开工建设汾阳、孝义、柳林3个县市中医院项目', source: DOC_REPORT, unit: '汾阳市', category: 'livelihood', plan: 'cont', totalWan: 42_000, content: '新建门诊医技综合楼和住院楼，总建筑面积约6万平方米，设置床位500张。', dept: '市卫健委', tags: ['医疗卫生'] },
  { name: '孝义市中医院建设项目', quote: '开工建设汾阳、孝义、柳林3个县市中医院项目', source: DOC_REPORT, unit: '孝义市', category: 'livelihood', plan: 'cont', totalWan: 52_000, content: '新建门诊楼、医技楼和住院楼，总建筑面积约7.5万平方米，设置床位600张。', dept: '市卫健委', tags: ['医疗卫生'] },
  { name: '柳林县中医院建设项目', quote: '开工建设汾阳、孝义、柳林3个县市中医院项目', source: DOC_REPORT, unit: '柳林县', category: 'livelihood', plan: 'cont', totalWan: 36_000, content: '新建门诊住院综合楼，总建筑面积约4.8万平方米，设置床位400张。', dept: '市卫健委', tags: ['医疗卫生'] },
  { name: '方山大武医院续建项目', quote: '方山大武医院续建项目', source: DOC_REPORT, unit: '方山县', category: 'livelihood', plan: 'done', totalWan: 16_000, content: '续建门诊住院综合楼及室外配套工程，总建筑面积约2.2万平方米，设置床位200张。', dept: '市卫健委', tags: ['医疗卫生'] },
  { name: '吕梁医疗卫生园区项目', quote: '吕梁医疗卫生园区年内完成主体及室内外装修', source: DOC_REPORT, unit: '离石区', category: 'livelihood', plan: 'cont', totalWan: 450_000, content: '建设综合医院、妇女儿童医院、公共卫生中心、急救中心等，总建筑面积约60万平方米。', dept: '市卫健委', tags: ['医疗卫生', '省级重点工程'] },
  { name: '交城县污水处理厂扩容工程', quote: '开工建设交城、孝义（一期）等4个污水处理厂扩容工程', source: DOC_REPORT, unit: '交城县', category: 'ecology', plan: 'done', totalWan: 18_000, content: '新增污水处理能力2万吨/日，出水水质达到一级A标准，配套污泥深度脱水设施。', tags: ['水污染防治'] },
  { name: '孝义市污水处理厂扩容工程（一期）', quote: '开工建设交城、孝义（一期）等4个污水处理厂扩容工程', source: DOC_REPORT, unit: '孝义市', category: 'ecology', plan: 'cont', totalWan: 26_000, content: '一期新增污水处理能力3万吨/日，建设生化池、深度处理车间及配套管网。', tags: ['水污染防治'] },
  { name: '文水县砂坑生态修复治理工程', quote: '以文水县砂坑生态修复治理为重点', source: DOC_REPORT, unit: '文水县', category: 'ecology', plan: 'cont', totalWan: 30_000, content: '对文峪河沿线废弃砂坑实施回填整形、土壤改良和植被恢复，治理面积约3200亩。', dept: '市生态环境局', tags: ['生态修复'] },
  { name: '黄河一号旅游公路主线二期工程', quote: '开工建设主线二期95公里项目', source: DOC_REPORT, unit: '临县', category: 'culture_tourism', plan: 'cont', totalWan: 240_000, content: '建设黄河一号旅游公路主线二期95公里，配套观景台、驿站、停车区和慢行系统。', dept: '市交通运输局', tags: ['全域旅游', '交通'] },
];

// ---------------------------------------------------------------------------------------------
// Random helpers

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  float(a = 0, b = 1): number {
    return a + (b - a) * this.next();
  }
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return at(xs, Math.floor(this.next() * xs.length));
  }
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [x, w] of xs) {
      r -= w;
      if (r < 0) return x;
    }
    return at(xs, xs.length - 1)[0];
  }
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = at(xs, i);
      xs[i] = at(xs, j);
      xs[j] = t;
    }
    return xs;
  }
}

function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new RangeError(`index ${i} outside 0..${xs.length - 1}`);
  return x;
}

/** Largest-remainder apportionment of n over weights, in the weights' order. */
function apportion<T>(weights: readonly (readonly [T, number])[], n: number): Map<T, number> {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const exact = weights.map(([k, w]) => ({ k, q: (w / total) * n }));
  const counts = new Map<T, number>(exact.map((e) => [e.k, Math.floor(e.q)]));
  let left = n - [...counts.values()].reduce((s, c) => s + c, 0);
  const order = exact.map((e, i) => ({ i, r: e.q - Math.floor(e.q) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const o of order) {
    if (left-- <= 0) break;
    const k = at(exact, o.i).k;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** A shuffled list of n values with the apportioned counts, less the values already taken. */
function dealt<T>(rng: Rng, weights: readonly (readonly [T, number])[], n: number, taken: readonly T[]): T[] {
  const counts = apportion(weights, n);
  for (const t of taken) counts.set(t, (counts.get(t) ?? 0) - 1);
  const out: T[] = [];
  for (const [k, c] of counts) {
    if (c < 0) throw new Error(`demo campaign: more real projects than the quota of ${String(k)}`);
    for (let i = 0; i < c; i++) out.push(k);
  }
  return rng.shuffle(out);
}

/** Inverse of the standard normal CDF (Acklam's rational approximation). */
function invNorm(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** The nearest "round" number a project name would use (1, 2, 3, 5, 6, 8, 10, 12, 15, 20 …). */
function nice(x: number): number {
  const steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];
  if (x <= 1) return 1;
  const e = Math.floor(Math.log10(x));
  const base = 10 ** e;
  let best = base;
  for (const s of [...steps, 10]) {
    const v = s * base;
    if (Math.abs(Math.log(v / x)) < Math.abs(Math.log(best / x))) best = v;
  }
  return Math.round(best);
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const pad = (n: number): string => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;
/** Day numbers (days since 1970-01-01) without Date objects: the generator makes tens of thousands. */
function parseDay(day: string): number {
  let y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}
function formatDay(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return ymd(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}
const daysInMonth = (y: number, m: number): number => (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
const dayAdd = (day: string, n: number): string => formatDay(parseDay(day) + n);
const dayDiff = (a: string, b: string): number => parseDay(b) - parseDay(a);
const minDay = (a: string, b: string): string => (a < b ? a : b);
const maxDay = (a: string, b: string): string => (a > b ? a : b);
const monthNo = (day: string): number => Number(day.slice(5, 7));
const yearNo = (day: string): number => Number(day.slice(0, 4));
/** A random day between two days, both included. */
const dayBetween = (rng: Rng, from: string, to: string): string => dayAdd(from, rng.int(0, Math.max(0, dayDiff(from, to))));
const ZH_NUM = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

// ---------------------------------------------------------------------------------------------
// The units: rough centres, towns, scenic spots, rivers and what suits them

interface UnitInfo {
  name: string;
  /** How names start: the unit's name ('孝义市'), '吕梁经开区' for the zone. */
  prefix: string;
  /** Company names start with it: '孝义', '兴县', '吕梁'. */
  brand: string;
  weight: number;
  sizeLog: number;
  centre: [number, number];
  towns: string[];
  scenic: string[];
  rivers: string[];
  coal: boolean;
  chem: boolean;
  metal: boolean;
  liquor: boolean;
  wind: boolean;
  yellowRiver: boolean;
  zone: boolean;
}

const u = (
  name: string,
  prefix: string,
  brand: string,
  weight: number,
  sizeLog: number,
  centre: [number, number],
  towns: string[],
  scenic: string[],
  rivers: string[],
  traits: string,
): UnitInfo => ({
  name,
  prefix,
  brand,
  weight,
  sizeLog,
  centre,
  towns,
  scenic,
  rivers,
  coal: traits.includes('coal'),
  chem: traits.includes('chem'),
  metal: traits.includes('metal'),
  liquor: traits.includes('liquor'),
  wind: traits.includes('wind'),
  yellowRiver: traits.includes('yellow'),
  zone: traits.includes('zone'),
});

const UNIT_INFO: UnitInfo[] = [
  u('离石区', '离石区', '离石', 120, 0.2, [111.15, 37.52], ['莲花池街道', '城北街道', '凤山街道', '滨河街道', '田家会街道', '交口街道', '信义镇', '吴城镇', '枣林乡', '坪头乡', '红眼川乡'], ['安国寺', '凤山', '东山', '于成龙廉政文化园'], ['北川河', '东川河', '南川河', '三川河'], 'coal metal wind'),
  u('孝义市', '孝义市', '孝义', 150, 0.4, [111.78, 37.14], ['新义街道', '中阳楼街道', '振兴街道', '胜溪湖街道', '梧桐镇', '兑镇镇', '阳泉曲镇', '下堡镇', '高阳镇', '西辛庄镇', '柱濮镇', '大孝堡乡', '驿马乡'], ['胜溪湖', '金龙山', '三皇庙', '临水古村'], ['孝河', '汾河', '兑镇河'], 'coal chem metal liquor'),
  u('汾阳市', '汾阳市', '汾阳', 115, 0.1, [111.79, 37.27], ['太和桥街道', '文峰街道', '杏花村镇', '贾家庄镇', '三泉镇', '冀村镇', '峪道河镇', '石庄镇', '演武镇', '西河乡', '栗家庄乡', '阳城乡'], ['贾家庄', '峪道河', '太符观', '汾州古城'], ['文峪河', '磁窑河', '汾河'], 'coal chem liquor'),
  u('文水县', '文水县', '文水', 95, 0.1, [112.03, 37.44], ['凤城镇', '开栅镇', '南庄镇', '刘胡兰镇', '下曲镇', '孝义镇', '南安镇', '西城乡', '北张乡', '马西乡', '西槽头乡'], ['则天庙', '刘胡兰纪念馆', '龙泉湖'], ['文峪河', '汾河', '磁窑河'], 'chem metal liquor wind'),
  u('交城县', '交城县', '交城', 95, 0.2, [112.16, 37.55], ['天宁镇', '夏家营镇', '西营镇', '水峪贯镇', '西社镇', '庞泉沟镇', '洪相乡', '岭底乡', '东坡底乡', '会立乡'], ['庞泉沟', '卦山', '玄中寺'], ['瓦窑河', '磁窑河', '文峪河'], 'coal chem metal liquor wind'),
  u('兴县', '兴县', '兴县', 70, 0.35, [111.13, 38.46], ['蔚汾镇', '魏家滩镇', '瓦塘镇', '康宁镇', '高家村镇', '罗峪口镇', '蔡家会镇', '固贤乡', '恶虎滩乡', '东会乡', '蔡家崖乡', '孟家坪乡'], ['晋绥边区革命纪念馆', '石楼山', '黄河蔡家崖'], ['蔚汾河', '岚漪河', '湫水河'], 'coal wind yellow'),
  u('临县', '临县', '临县', 65, -0.1, [110.99, 37.95], ['临泉镇', '白文镇', '城庄镇', '兔坂镇', '克虎镇', '三交镇', '湍水头镇', '林家坪镇', '招贤镇', '碛口镇', '刘家会镇', '丛罗峪镇', '车赶乡'], ['碛口古镇', '李家山', '义居寺'], ['湫水河', '屈产河', '黄河'], 'coal wind yellow'),
  u('柳林县', '柳林县', '柳林', 90, 0.2, [110.89, 37.43], ['柳林镇', '穆村镇', '薛村镇', '庄上镇', '留誉镇', '三交镇', '成家庄镇', '孟门镇', '李家湾乡', '贾家垣乡', '陈家湾乡', '石西乡'], ['香严寺', '双塔', '黄河孟门'], ['三川河', '屈产河', '黄河'], 'coal chem metal wind yellow'),
  u('石楼县', '石楼县', '石楼', 35, -0.3, [110.83, 36.99], ['灵泉镇', '罗村镇', '义牒镇', '小蒜镇', '龙交乡', '和合乡', '前山乡', '曹家垣乡', '裴沟乡'], ['红军东征纪念馆', '黄河奇湾', '石楼殿山'], ['屈产河', '黄河'], 'coal wind yellow'),
  u('岚县', '岚县', '岚县', 45, -0.2, [111.67, 38.28], ['东村镇', '岚城镇', '普明镇', '界河口镇', '土峪乡', '上明乡', '王狮乡', '梁家庄乡', '顺会乡', '河口乡', '社科乡', '大蛇头乡'], ['岚城古城', '饮马池', '汾河源'], ['岚河', '汾河'], 'coal metal wind'),
  u('方山县', '方山县', '方山', 40, -0.3, [111.24, 37.89], ['圪洞镇', '马坊镇', '峪口镇', '大武镇', '北武当镇', '积翠乡', '开府乡', '杨家会乡', '麻地会乡'], ['北武当山', '于成龙故居', '南村古村'], ['北川河', '横泉河'], 'coal wind'),
  u('中阳县', '中阳县', '中阳', 55, 0.0, [111.18, 37.35], ['宁乡镇', '金罗镇', '枝柯镇', '暖泉镇', '武家庄镇', '下枣林乡', '车鸣峪乡'], ['柏洼山', '中阳剪纸文化园'], ['南川河', '暖泉河'], 'coal chem metal wind'),
  u('交口县', '交口县', '交口', 40, 0.1, [111.18, 36.98], ['水头镇', '康城镇', '双池镇', '桃红坡镇', '石口乡', '回龙乡', '温泉乡'], ['云梦山', '温泉乡旅游区'], ['双池河', '温泉河'], 'coal metal wind'),
  u('吕梁经济技术开发区', '吕梁经开区', '吕梁', 85, 0.4, [111.95, 37.38], ['起步区', '新材料产业园', '装备制造产业园', '现代物流园', '数字经济产业园', '科创城', '综合服务区'], [], ['文峪河', '磁窑河'], 'chem metal liquor zone'),
];

const UNITS: UnitInfo[] = COUNTIES.map((c) => {
  const info = UNIT_INFO.find((x) => x.name === c.name);
  if (!info) throw new Error(`demo campaign: no data for unit ${c.name}`);
  return info;
});
const unitInfo = (name: string): UnitInfo => {
  const info = UNITS.find((x) => x.name === name);
  if (!info) throw new Error(`demo campaign: unknown unit ${name}`);
  return info;
};

const DEPARTMENT_NAMES = new Set(DEPARTMENTS.map((d) => d.name));
function leaderFor(unit: string, dept: string): string {
  const byDept = LEADERS.find((l) => l.charges.includes(dept));
  if (byDept) return byDept.name;
  const byUnit = LEADERS.find((l) => l.charges.includes(unit));
  if (!byUnit) throw new Error(`demo campaign: no leader in charge of ${unit}`);
  return byUnit.name;
}

// ---------------------------------------------------------------------------------------------
// Name templates by category and size

type PhaseKind = 'site' | 'plant' | 'solar' | 'wind' | 'power' | 'mine' | 'road' | 'pipe' | 'water' | 'grid' | 'building' | 'renovation' | 'treat' | 'forest' | 'farmland' | 'scenic' | 'agri' | 'digital';

interface Ctx {
  u: UnitInfo;
  r: Rng;
  /** Total investment in 万元. */
  wan: number;
}
interface Made {
  name: string;
  content: string;
  place?: string;
}
interface Template {
  cat: ProjectCategory;
  /** Plausible total investment range in 万元. */
  min: number;
  max: number;
  phases: PhaseKind;
  dept: string;
  tags: string[];
  where?: (u: UnitInfo) => boolean;
  make: (c: Ctx) => Made;
}

const BRAND_A = ['鑫', '宏', '泰', '华', '晋', '昌', '盛', '瑞', '通', '金', '恒', '兴', '永', '国', '中', '德', '安', '鹏', '东', '新', '天', '润', '嘉', '鼎'];
const BRAND_B = ['泰', '源', '达', '盛', '丰', '瑞', '鑫', '晟', '通', '宇', '茂', '坤', '隆', '康', '辉', '利', '诚', '海', '峰', '阳'];
function brand(c: Ctx): string {
  let a = c.r.pick(BRAND_A);
  let b = c.r.pick(BRAND_B);
  while (a === b) b = c.r.pick(BRAND_B);
  return `${c.r.chance(0.12) ? c.r.pick(['山西', '晋西']) : c.u.brand}${a}${b}`;
}
/** A town or township (乡镇), not a city-centre street office (街道). */
const town = (c: Ctx): string => c.r.pick(c.u.towns.filter((t) => !t.endsWith('街道')));
const AREAS = ['城东', '城西', '城南', '城北', '滨河', '新区', '老城', '站前', '东关', '西关', '南关', '北关'];
const area = (c: Ctx): string => c.r.pick(AREAS);
const STREETS = ['滨河北路', '滨河南路', '迎宾大道', '建设路', '胜利街', '人民路', '文化路', '新华街', '东环路', '西环路', '北环路', '南环路', '振兴大街', '学府路', '府前街', '朝阳路', '龙凤大街', '永宁路', '工业路', '站前路', '育才路', '长青路', '和平路', '民主路', '兴业大道', '世纪大道', '吕梁大道', '英雄路', '府西街', '体育路'];
const HIGHWAYS = ['国道307线', '国道209线', '国道338线', '国道241线', '省道248线', '省道313线', '省道220线', '省道335线', '省道329线', '省道218线'];
const VILLAGE_A = ['李家', '王家', '张家', '郭家', '任家', '薛家', '高家', '杨家', '刘家', '白家', '贺家', '冯家', '马家', '田家', '乔家', '武家', '成家', '曹家'];
const VILLAGE_B = ['坪', '沟', '庄', '塔', '峁', '湾', '垣', '崖'];
const village = (c: Ctx): string => `${c.r.pick(VILLAGE_A)}${c.r.pick(VILLAGE_B)}村`;
const ordinal = (c: Ctx, lo: number, hi: number): string => `第${at(ZH_NUM, c.r.int(lo, hi))}`;
/** Land in 亩 for a plant of this investment. */
const mu = (c: Ctx, perMu: number): number => Math.max(10, nice(c.wan / perMu));
/** 亿元, one decimal. */
const yi = (wan: number): string => String(Math.round(wan / 1000) / 10);
/** Floor area in 平方米 at `yuanPerM2`. */
const floorArea = (c: Ctx, yuanPerM2: number): number => Math.max(500, Math.round((c.wan * WAN) / yuanPerM2 / 100) * 100);
const km = (x: number): string => (x >= 10 ? String(Math.round(x)) : String(Math.max(0.5, Math.round(x * 10) / 10)));

const notZone = (x: UnitInfo) => !x.zone;
/** 万千瓦时 as a name would write it. */
const kwh = (wan: number): string => (wan >= 10_000 ? `${Math.round(wan / 1000) / 10}亿千瓦时` : `${nice(wan)}万千瓦时`);

const TEMPLATES: Template[] = [
  // Industry
  {
    cat: 'industry', min: 20_000, max: 1_000_000, phases: 'plant', dept: '市工信局', tags: ['转型项目', '现代煤化工'], where: (x) => x.chem,
    make: (c) => {
      const [prod, per, cap] = c.r.pick([['焦炉煤气制LNG', 6000, 50], ['针状焦', 8000, 30], ['煤焦油深加工', 3000, 100], ['粗苯精制', 2500, 30], ['焦炉煤气制甲醇', 4000, 100], ['合成氨', 5000, 100], ['乙二醇', 10000, 60], ['炭黑', 4000, 30], ['己内酰胺', 12000, 40], ['超高功率石墨电极', 30000, 10], ['聚甲醛', 12000, 12], ['可降解塑料PBAT', 10000, 30], ['碳纤维原丝', 100000, 3]] as const);
      const n = nice(Math.min(c.wan / per, cap));
      const head = c.r.chance(0.4) ? c.u.prefix : brand(c);
      return { name: `${head}年产${n}万吨${prod}项目`, content: `占地约${mu(c, 80)}亩，新建年产${n}万吨${prod}生产装置，配套建设原料储运、公用工程、环保及安全设施；建成后年可实现产值约${yi(c.wan * 1.3)}亿元。` };
    },
  },
  {
    cat: 'industry', min: 10_000, max: 300_000, phases: 'plant', dept: '市工信局', tags: ['转型项目', '铝镁新材料'], where: (x) => x.metal,
    make: (c) => {
      const [prod, per, cap] = c.r.pick([['铝合金棒材', 1500, 60], ['再生铝', 2000, 50], ['铝型材', 3000, 50], ['镁合金压铸件', 15000, 10], ['电池铝箔', 20000, 20], ['低氧光亮铜杆', 1000, 60], ['铝合金线材', 1000, 40], ['汽车轻量化铝部件', 15000, 10], ['高纯镁', 20000, 5], ['铝合金建筑模板', 3000, 20]] as const);
      const n = nice(Math.min(c.wan / per, cap));
      const head = c.r.chance(0.3) ? c.u.prefix : brand(c);
      return { name: `${head}年产${n}万吨${prod}项目`, content: `新建${prod}生产线${Math.max(1, Math.min(8, Math.round(n / 5)))}条及熔铸、深加工车间和成品库，配套建设天然气、供电及环保设施，建成后年产${prod}${n}万吨。` };
    },
  },
  {
    cat: 'industry', min: 5_000, max: 400_000, phases: 'plant', dept: '市工信局', tags: ['技术改造'], where: (x) => x.metal || x.chem,
    make: (c) => {
      const what = c.r.pick(['钢铁超低排放改造', '烧结机头烟气脱硫脱硝改造', '高炉煤气余热发电', '精密铸件生产线', '特钢棒材生产线技术改造', '球团生产线技术改造', '焦化干熄焦改造', '焦炉煤气余热综合利用']);
      return { name: `${brand(c)}${what}项目`, content: `实施${what}，新建（改造）主体工艺装置及配套除尘、脱硫、在线监测设施，改造后主要污染物排放达到超低排放标准，年节约标准煤约${nice(c.wan / 5)}吨。` };
    },
  },
  {
    cat: 'industry', min: 3_000, max: 150_000, phases: 'mine', dept: '市能源局', tags: ['煤炭', '智能化'], where: (x) => x.coal,
    make: (c) => {
      const cap = c.r.pick([60, 90, 120, 150, 180, 240, 300, 400, 500].filter((x) => x <= Math.max(90, c.wan / 60)));
      const [kind, what] = c.r.pick([
        ['智能化改造', '建设智能综采工作面、主运输集控、井下5G通信及安全监测系统，配套地面生产系统改造'],
        ['兼并重组整合', '新掘进主要巷道，改造提升、通风、排水系统，配套建设地面生产系统和储煤场'],
        ['安全改造', '改造通风、瓦斯抽采、防治水系统，建设安全监测监控和人员定位系统'],
        ['配套洗煤厂扩能改造', '改造重介洗选车间，新增压滤及煤泥干燥设备，建设封闭式储煤棚'],
        ['智能综采工作面建设', '建设智能综采工作面2个，配套电液控制、视频监控和远程集控系统'],
      ] as const);
      return { name: `${brand(c)}煤业${cap}万吨/年矿井${kind}项目`, content: `对${cap}万吨/年矿井实施${kind}，${what}。` };
    },
  },
  {
    cat: 'industry', min: 8_000, max: 400_000, phases: 'solar', dept: '市能源局', tags: ['新能源', '光伏'],
    make: (c) => {
      const n = nice(c.wan / 4000);
      const kind = c.r.pick(['', '', '农光互补', '林光互补', '采煤沉陷区']);
      const t = town(c);
      return { name: `${c.u.prefix}${c.r.chance(0.7) ? t : ''}${n}万千瓦${kind}光伏发电项目`, content: `建设${n}万千瓦光伏发电场，安装单晶硅双面组件约${nice(n * 17)}千块，配套建设110千伏升压站、集电线路及储能设施，年均发电量约${kwh(n * 1300)}。`, place: t };
    },
  },
  {
    cat: 'industry', min: 30_000, max: 600_000, phases: 'wind', dept: '市能源局', tags: ['新能源', '风电'], where: (x) => x.wind,
    make: (c) => {
      const n = nice(c.wan / 6000);
      const t = town(c);
      return { name: `${c.u.prefix}${t}${n}万千瓦风电项目`, content: `安装单机容量5兆瓦风电机组${Math.max(2, Math.round((n * 10) / 5))}台，总装机${n}万千瓦，配套建设220千伏升压站和场内道路，年上网电量约${kwh(n * 2200)}。`, place: t };
    },
  },
  {
    cat: 'industry', min: 400_000, max: 1_000_000, phases: 'power', dept: '市能源局', tags: ['能源', '省级重点工程'], where: (x) => x.coal && !x.zone,
    make: (c) => {
      const n = c.wan > 750_000 ? 66 : 35;
      const kind = c.r.pick(n === 66 ? ['超超临界', '煤电联营'] : ['低热值煤', '煤电联营']);
      return { name: `${brand(c)}2×${n}万千瓦${kind}发电项目`, content: `建设2×${n}万千瓦${kind}发电机组，同步建设烟气脱硫脱硝除尘、空冷系统、输煤系统及送出工程。` };
    },
  },
  {
    cat: 'industry', min: 10_000, max: 300_000, phases: 'plant', dept: '市能源局', tags: ['新能源', '储能'],
    make: (c) => {
      const mw = nice(c.wan / 350);
      return { name: `${brand(c)}${mw}MW/${mw * 2}MWh独立储能电站项目`, content: `建设${mw}MW/${mw * 2}MWh磷酸铁锂电池储能系统，配套建设升压站、能量管理系统及送出线路。` };
    },
  },
  {
    cat: 'industry', min: 10_000, max: 200_000, phases: 'plant', dept: '市能源局', tags: ['新能源', '氢能'], where: (x) => x.chem,
    make: (c) => {
      const n = nice(Math.min(c.wan / 1500, 50));
      return { name: `${brand(c)}焦炉煤气制氢及加氢站项目`, content: `利用焦炉煤气提纯制氢，建设年产高纯氢${n}千吨装置及加氢站${Math.max(1, Math.min(6, Math.round(n / 4)))}座，配套氢能重卡示范运营。` };
    },
  },
  {
    cat: 'industry', min: 3_000, max: 200_000, phases: 'plant', dept: '市工信局', tags: ['新材料'],
    make: (c) => {
      const [prod, unit, per, cap] = c.r.pick([['装配式建筑构件', '万立方米', 800, 50], ['煤矸石陶粒骨料', '万吨', 400, 100], ['特种纳米碳酸钙', '万吨', 1500, 30], ['岩棉保温板', '万吨', 1500, 20], ['高性能混凝土外加剂', '万吨', 600, 30], ['粉煤灰加气砌块', '万立方米', 300, 60], ['复合钛白粉', '万吨', 5000, 20]] as const);
      const n = nice(Math.min(c.wan / per, cap));
      return { name: `${brand(c)}年产${n}${unit}${prod}项目`, content: `占地约${mu(c, 60)}亩，建设${prod}生产线及原料、成品库房，年产${prod}${n}${unit}，年消纳工业固废约${nice(n * 1.5)}万吨。` };
    },
  },
  {
    cat: 'industry', min: 300, max: 80_000, phases: 'plant', dept: '市农业农村局', tags: ['农产品加工'], where: notZone,
    make: (c) => {
      const [prod, per, cap] = c.r.pick([['杂粮深加工', 800, 20], ['核桃深加工', 3000, 5], ['沙棘饮品', 3000, 10], ['马铃薯全粉', 3000, 10], ['饲料', 400, 60], ['小米精深加工', 1500, 10], ['红枣深加工', 2000, 5], ['有机肥', 600, 30], ['肉制品加工', 4000, 10]] as const);
      const q = Math.min(c.wan / per, cap);
      const n = q >= 1 ? `${nice(q)}万吨` : `${nice(q * 10) * 1000}吨`;
      return { name: `${brand(c)}年产${n}${prod}项目`, content: `新建${prod}生产车间、原料库、成品库及冷藏设施，购置加工设备${nice(c.wan / 200 + 10)}台（套），年产${prod}产品${n}，带动周边农户约${nice(c.wan / 3 + 200)}户。` };
    },
  },
  {
    cat: 'industry', min: 5_000, max: 500_000, phases: 'plant', dept: '市工信局', tags: ['白酒'], where: (x) => x.liquor,
    make: (c) => {
      const kind = c.r.int(0, 2);
      const b = brand(c);
      if (kind === 0) {
        const n = nice(c.wan / 6);
        return { name: `${b}酒业年产${n}千升清香型白酒酿造项目`, content: `新建酿造车间、制曲车间、陶坛储酒库及勾调中心，形成年产清香型白酒${n}千升的能力，配套建设酿酒废水处理设施。` };
      }
      if (kind === 1) {
        const n = nice(c.wan / 8000);
        return { name: `${b}酒业${n}万吨原酒储存基地项目`, content: `建设陶坛储酒库、不锈钢储罐区和消防设施，形成原酒储存能力${n}万吨。` };
      }
      return { name: `${b}白酒包装制品生产线项目`, content: `建设玻璃酒瓶、陶瓷酒瓶及彩盒包装生产线，年产白酒包装制品${nice(c.wan / 10)}万套。` };
    },
  },
  {
    cat: 'industry', min: 3_000, max: 150_000, phases: 'site', dept: '市工信局', tags: ['标准厂房'],
    make: (c) => {
      const t = town(c);
      const n = nice(c.wan / 2500);
      return { name: `${c.u.prefix}${t}标准化厂房建设项目`, content: `建设标准化厂房${n}万平方米及研发办公楼、园区道路、给排水和供电设施，用于承接铝镁深加工、装备制造等项目落地。`, place: t };
    },
  },
  {
    cat: 'industry', min: 2_000, max: 300_000, phases: 'digital', dept: '市大数据应用局', tags: ['数字经济'],
    make: (c) => {
      if (c.wan >= 50_000) {
        const t = town(c);
        return { name: `${c.u.prefix}${t}算力中心项目`, content: `建设数据中心机房楼、动力中心和运维楼，规划标准机柜${nice(c.wan / 40)}架，配套110千伏变电站及液冷系统。`, place: t };
      }
      const kind = c.r.pick(['智能工厂数字化改造', '工业互联网平台建设', '5G+智慧矿山建设', '数字化车间建设']);
      return { name: `${brand(c)}${kind}项目`, content: `实施${kind}，建设生产执行系统、设备物联网、数据中台和安全监测系统，实现生产过程数据实时采集和智能调度。` };
    },
  },
  {
    cat: 'industry', min: 5_000, max: 300_000, phases: 'plant', dept: '市工信局', tags: ['装备制造'],
    make: (c) => {
      const prod = c.r.pick(['矿山支护装备', '煤机装备', '新能源汽车零部件', '光伏组件', '电力电缆', '风电塔筒', '新能源重卡', '智能矿用机器人']);
      return { name: `${brand(c)}${prod}生产基地项目`, content: `占地约${mu(c, 70)}亩，建设${prod}生产车间、总装车间、检测中心及仓储物流设施，达产后年产值约${yi(c.wan * 1.5)}亿元。` };
    },
  },
  {
    cat: 'industry', min: 300, max: 30_000, phases: 'plant', dept: '市工信局', tags: ['技术改造'],
    make: (c) => {
      const line = c.r.pick(['焦化', '洗选', '铸造', '建材', '食品', '包装', '机械加工', '耐火材料', '化工', '纺织']);
      return { name: `${brand(c)}${line}生产线智能化改造项目`, content: `对${line}生产线进行智能化改造，更新主要生产设备${nice(c.wan / 200 + 5)}台（套），建设集中控制室和能耗在线监测系统。` };
    },
  },
  {
    cat: 'industry', min: 300_000, max: 2_000_000, phases: 'site', dept: '市发改委', tags: ['转型项目', '省级重点工程', '招商引资'],
    make: (c) => {
      const t = town(c);
      const [theme, what] = c.r.pick([
        ['现代煤化工', '焦炉煤气制烯烃、芳烃及精细化学品装置'],
        ['铝镁新材料', '再生铝、铝板带箔及镁合金深加工生产线'],
        ['新能源装备', '光伏组件、风电装备及储能电池生产线'],
        ['固废综合利用', '煤矸石、粉煤灰、赤泥综合利用及新型建材生产线'],
        ['氢能', '焦炉煤气制氢、储运及氢燃料电池装备生产线'],
        ['绿色低碳', '源网荷储一体化、零碳工厂及循环化改造项目'],
      ] as const);
      return { name: `${c.u.prefix}${c.u.zone ? '' : t}${theme}产业园项目`, content: `规划占地约${nice(c.wan / 30000) / 10}平方公里，分期建设${what}，配套建设园区道路、供电、供水、污水处理及公共服务设施。`, place: t };
    },
  },
  // Infrastructure
  {
    cat: 'infrastructure', min: 1_000, max: 80_000, phases: 'road', dept: '市住建局', tags: ['城市更新'],
    make: (c) => {
      const s = c.r.pick(STREETS);
      const kind = c.r.pick(['道路提质改造工程', '道路新建工程', '道路及管网改造工程']);
      const len = c.wan / 5000;
      return { name: `${c.u.prefix}${s}${kind}`, content: `道路全长约${km(len)}公里，红线宽${c.r.pick([24, 30, 36, 40, 50])}米，建设车行道、人行道、雨污水管网、照明、绿化及交通设施。` };
    },
  },
  {
    cat: 'infrastructure', min: 20_000, max: 600_000, phases: 'road', dept: '市交通运输局', tags: ['交通'], where: notZone,
    make: (c) => {
      const hw = c.r.pick(HIGHWAYS);
      const grade = c.r.pick(['一级', '二级']);
      return { name: `${hw}${c.u.brand === '吕梁' ? '' : c.u.brand}段改线工程`, content: `路线全长约${km(c.wan / 8000)}公里，按${grade}公路标准建设，设计速度${grade === '一级' ? 80 : 60}公里/小时，新建桥梁${Math.max(1, Math.round(c.wan / 40000))}座。` };
    },
  },
  {
    cat: 'infrastructure', min: 50_000, max: 2_000_000, phases: 'road', dept: '市交通运输局', tags: ['交通', '省级重点工程'], where: notZone,
    make: (c) => {
      const a = town(c);
      let b = town(c);
      while (b === a) b = town(c);
      return { name: `${c.u.prefix}${a.replace(/(街道|镇|乡)$/, '')}至${b.replace(/(街道|镇|乡)$/, '')}一级公路工程`, content: `路线全长约${km(c.wan / 9000)}公里，按一级公路标准建设，路基宽25.5米，设大中桥${Math.max(1, Math.round(c.wan / 30000))}座、隧道${Math.round(c.wan / 120000)}座。`, place: a };
    },
  },
  {
    cat: 'infrastructure', min: 20_000, max: 300_000, phases: 'road', dept: '市交通运输局', tags: ['交通'], where: notZone,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}高速公路连接线工程`, content: `连接线全长约${km(c.wan / 7000)}公里，按一级公路兼城市道路功能建设，新建互通立交1处。`, place: t };
    },
  },
  {
    cat: 'infrastructure', min: 500, max: 30_000, phases: 'road', dept: '市交通运输局', tags: ['四好农村路'], where: notZone,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}农村公路提档升级工程`, content: `提档升级农村公路${km(c.wan / 150)}公里，实施路基拓宽、沥青路面铺筑、安全防护及排水设施建设。`, place: t };
    },
  },
  {
    cat: 'infrastructure', min: 1_000, max: 60_000, phases: 'pipe', dept: '市城市管理局', tags: ['城市更新', '专项债'],
    make: (c) => {
      const kind = c.r.int(0, 3);
      const a = area(c);
      if (kind === 0) return { name: `${c.u.prefix}${a}片区集中供热管网改造工程`, content: `改造一级供热管网${km(c.wan / 800)}公里、二级管网${km(c.wan / 500)}公里，新建（改造）换热站${Math.max(1, Math.round(c.wan / 1500))}座。` };
      if (kind === 1) {
        const t = town(c);
        return { name: `${c.u.prefix}${t}天然气管网建设工程`, content: `敷设中压燃气管道${km(c.wan / 300)}公里，建设调压站${Math.max(1, Math.round(c.wan / 2000))}座，覆盖居民用户约${nice(c.wan / 4)}户。`, place: t };
      }
      if (kind === 2) return { name: `${c.u.prefix}${a}片区供水管网改造工程`, content: `改造供水管网${km(c.wan / 400)}公里，更换老旧阀门井及智能水表，管网漏损率降至10%以内。` };
      return { name: `${c.u.prefix}${a}片区燃气老化管道更新改造工程`, content: `更新改造老化燃气管道${km(c.wan / 350)}公里，涉及居民用户约${nice(c.wan / 3)}户，同步加装安全监测装置。` };
    },
  },
  {
    cat: 'infrastructure', min: 1_000, max: 300_000, phases: 'water', dept: '市水利局', tags: ['水利'], where: notZone,
    make: (c) => {
      const river = c.r.pick(c.u.rivers);
      const kind = c.r.int(0, 2);
      if (kind === 0 && c.wan <= 50_000) return { name: `${c.u.prefix}${river}水库除险加固工程`, content: `对水库大坝、溢洪道、放水洞实施除险加固，新建大坝安全监测设施，恢复兴利库容约${nice(c.wan / 20)}万立方米。` };
      if (kind === 1 && c.wan >= 10_000) return { name: `${c.u.prefix}县域小水网${ordinal(c, 1, 3)}期工程`, content: `建设引提水泵站${Math.max(1, Math.round(c.wan / 8000))}座、输水管线${km(c.wan / 600)}公里及调蓄水池，受益人口约${nice(c.wan / 2)}人。` };
      const t = town(c);
      return { name: `${c.u.prefix}${river}${t.replace(/(街道|镇|乡)$/, '')}段河道综合治理工程`, content: `治理河道${km(c.wan / 1200)}公里，新建堤防护岸、生态护坡和拦河堰，提升防洪标准至20年一遇。`, place: t };
    },
  },
  {
    cat: 'infrastructure', min: 3_000, max: 60_000, phases: 'grid', dept: '市能源局', tags: ['电网'],
    make: (c) => {
      const kv = c.wan >= 12_000 ? 220 : 110;
      const t = town(c);
      return { name: `${c.u.prefix}${t}${kv}千伏输变电工程`, content: `新建${kv}千伏变电站1座，主变容量${kv === 220 ? '2×18' : '2×5'}万千伏安，新建输电线路${km(c.wan / (kv === 220 ? 600 : 300))}公里。`, place: t };
    },
  },
  {
    cat: 'infrastructure', min: 10_000, max: 300_000, phases: 'road', dept: '市交通运输局', tags: ['交通', '公转铁'], where: (x) => x.coal && !x.zone,
    make: (c) => ({ name: `${brand(c)}铁路专用线及集运站项目`, content: `新建铁路专用线${km(c.wan / 5000)}公里、装车站场及封闭式储煤设施，设计年发运能力${nice(c.wan / 100)}万吨。` }),
  },
  {
    cat: 'infrastructure', min: 5_000, max: 300_000, phases: 'site', dept: '市商务局', tags: ['现代物流'],
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}${c.u.zone ? '智慧物流中心' : '现代物流园区'}项目`, content: `占地约${mu(c, 50)}亩，建设仓储库房、多式联运作业区、物流信息平台及配套设施，年物流吞吐能力约${nice(c.wan / 50)}万吨。`, place: t };
    },
  },
  {
    cat: 'infrastructure', min: 1_000, max: 30_000, phases: 'site', dept: '市城市管理局', tags: ['城市更新'],
    make: (c) => {
      if (c.r.chance(0.5)) {
        const a = area(c);
        return { name: `${c.u.prefix}${a}公共停车场建设项目`, content: `建设公共停车场（楼）${Math.max(1, Math.round(c.wan / 3000))}处，新增停车泊位约${nice(c.wan / 8)}个，配套充电桩及智慧停车管理系统。` };
      }
      const t = town(c);
      return { name: `${c.u.prefix}${t}新能源汽车充换电站建设项目`, content: `建设充电站${Math.max(1, Math.round(c.wan / 800))}座、换电站${Math.max(1, Math.round(c.wan / 2500))}座，安装充电桩约${nice(c.wan / 5)}个。`, place: t };
    },
  },
  {
    cat: 'infrastructure', min: 10_000, max: 500_000, phases: 'road', dept: '市住建局', tags: ['城市更新', '专项债'],
    make: (c) => {
      const a = area(c);
      return { name: `${c.u.prefix}${a}片区基础设施配套工程`, content: `建设片区道路${km(c.wan / 6000)}公里及给排水、供热、燃气、电力综合管线，配套公园绿地和公共停车场。` };
    },
  },
  // Livelihood
  {
    cat: 'livelihood', min: 3_000, max: 150_000, phases: 'building', dept: '市卫健委', tags: ['医疗卫生'], where: notZone,
    make: (c) => {
      const m2 = floorArea(c, 5200);
      const beds = Math.max(50, Math.round(m2 / 110 / 10) * 10);
      const kind = c.r.int(0, 4);
      const name =
        kind === 0 ? `${c.u.prefix}${ordinal(c, 2, 3)}人民医院门诊楼建设项目`
          : kind === 1 ? `${c.u.prefix}人民医院综合住院楼建设项目`
            : kind === 2 ? `${c.u.prefix}中医医院新院区建设项目`
              : kind === 3 ? `${c.u.prefix}妇幼保健院迁建项目`
                : `${c.u.prefix}疾病预防控制中心业务楼建设项目`;
      return { name, content: kind === 4 ? `新建业务楼及实验室，总建筑面积约${m2}平方米，配置P2实验室及检测设备。` : `总建筑面积约${m2}平方米，设置床位${beds}张，配套建设医技用房、地下停车场及室外工程。` };
    },
  },
  {
    cat: 'livelihood', min: 300, max: 8_000, phases: 'building', dept: '市卫健委', tags: ['医疗卫生'], where: notZone,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}卫生院改扩建项目`, content: `改扩建卫生院业务用房约${floorArea(c, 4000)}平方米，购置DR、彩超、全自动生化分析仪等设备。`, place: t };
    },
  },
  {
    cat: 'livelihood', min: 500, max: 60_000, phases: 'building', dept: '市教育局', tags: ['教育'],
    make: (c) => {
      const m2 = floorArea(c, 4200);
      const kind = c.r.int(0, 4);
      const t = town(c);
      if (kind === 0 && !c.u.zone) return { name: `${c.u.prefix}${ordinal(c, 2, 9)}中学新建项目`, content: `新建教学楼、实验楼、风雨操场和学生宿舍，总建筑面积约${m2}平方米，可提供学位约${nice(m2 / 12)}个。` };
      if (kind === 1) return { name: `${c.u.prefix}${t}中心小学教学楼建设项目`, content: `新建教学综合楼约${m2}平方米，配套运动场和室外工程，新增学位约${nice(m2 / 10)}个。`, place: t };
      if (kind === 2 && c.wan <= 10_000) return { name: `${c.u.prefix}${t}公办幼儿园建设项目`, content: `新建${Math.max(3, Math.round(m2 / 600))}个班规模幼儿园，总建筑面积约${m2}平方米，新增学位约${nice(m2 / 12)}个。`, place: t };
      if (kind === 3 && !c.u.zone) return { name: `${c.u.prefix}职业中学实训基地建设项目`, content: `新建实训楼约${m2}平方米，购置新能源汽车、智能制造、护理等专业实训设备。` };
      if (c.wan < 8_000) return { name: `${c.u.prefix}${t}中心小学综合楼建设项目`, content: `新建综合楼约${m2}平方米，设置功能教室、图书室和食堂，配套室外运动场。`, place: t };
      return { name: `${c.u.prefix}${area(c)}九年一贯制学校建设项目`, content: `新建${Math.max(18, Math.round(m2 / 1200) * 2)}个班九年一贯制学校，总建筑面积约${m2}平方米。` };
    },
  },
  {
    cat: 'livelihood', min: 1_000, max: 100_000, phases: 'renovation', dept: '市住建局', tags: ['城市更新', '老旧小区改造'], where: notZone,
    make: (c) => {
      const a = area(c);
      const n = Math.max(2, Math.round(c.wan / 1000));
      return { name: `${c.u.prefix}${a}片区城镇老旧小区改造项目`, content: `改造老旧小区${n}个，涉及居民约${nice(n * 180)}户，实施供水、供热、燃气管网改造和外墙保温、加装电梯、停车及充电设施建设。` };
    },
  },
  {
    cat: 'livelihood', min: 5_000, max: 300_000, phases: 'building', dept: '市住建局', tags: ['保障性住房'],
    make: (c) => {
      const a = area(c);
      if (c.r.chance(0.5) || c.u.zone) return { name: `${c.u.prefix}${a}保障性租赁住房项目`, content: `新建保障性租赁住房约${nice(c.wan / 25)}套，总建筑面积约${floorArea(c, 3500)}平方米，配套商业和社区服务用房。` };
      return { name: `${c.u.prefix}${a}棚户区改造项目`, content: `改造棚户区住户约${nice(c.wan / 30)}户，新建安置住房约${floorArea(c, 3800)}平方米及配套道路、管网。` };
    },
  },
  {
    cat: 'livelihood', min: 300, max: 50_000, phases: 'building', dept: '市人社局', tags: ['民生实事'],
    make: (c) => {
      const t = town(c);
      const m2 = floorArea(c, 4000);
      const kind = c.r.int(0, 5);
      if (kind === 0 && c.wan <= 20_000) return { name: `${c.u.prefix}${t}养老服务中心建设项目`, content: `新建养老服务中心约${m2}平方米，设置养老床位${Math.max(30, Math.round(m2 / 40 / 10) * 10)}张，配套医养结合用房。`, place: t };
      if (kind === 1 && c.wan >= 3_000) return { name: `${c.u.prefix}全民健身中心建设项目`, content: `建设全民健身中心约${m2}平方米，包括游泳馆、综合训练馆及室外运动场地。` };
      if (kind === 2 && c.wan >= 2_000 && c.wan <= 30_000) return { name: `${c.u.prefix}公共实训基地建设项目`, content: `建设实训楼约${m2}平方米，开设护工、电工、焊工等实训工位约${nice(m2 / 15)}个。` };
      if (kind === 3 && c.wan <= 10_000) return { name: `${c.u.prefix}${t}农贸市场提升改造项目`, content: `改造农贸市场约${m2}平方米，更新摊位、冷链及排水设施，配套建设智慧监管系统。`, place: t };
      if (kind === 4 && c.wan <= 5_000) return { name: `${c.u.prefix}${t}便民服务中心建设项目`, content: `新建便民服务中心约${m2}平方米，设置政务服务、社区卫生和日间照料功能区。`, place: t };
      return { name: `${c.u.prefix}${area(c)}社区综合服务中心建设项目`, content: `新建社区综合服务用房约${m2}平方米，设置日间照料、托育、文体活动和党群服务功能。` };
    },
  },
  {
    cat: 'livelihood', min: 100_000, max: 600_000, phases: 'building', dept: '市住建局', tags: ['城市更新', '省级重点工程'], where: notZone,
    make: (c) => {
      const a = area(c);
      return { name: `${c.u.prefix}${a}片区城市更新项目`, content: `实施${a}片区城市更新，改造老旧街区和棚户区约${nice(c.wan / 2500)}万平方米，新建安置住房、学校、社区医院和公共空间。` };
    },
  },
  // Ecology
  {
    cat: 'ecology', min: 1_000, max: 40_000, phases: 'treat', dept: '市住建局', tags: ['水污染防治'],
    make: (c) => {
      const t = town(c);
      const n = Math.max(0.5, Math.round(c.wan / 3000) / 2);
      if (c.r.chance(0.5)) return { name: `${c.u.prefix}${t}污水处理厂提标改造项目`, content: `对${n}万吨/日污水处理厂实施提标改造，新增深度处理和污泥脱水设施，出水水质达到一级A标准。`, place: t };
      return { name: `${c.u.prefix}${t}污水处理厂扩容工程`, content: `新增污水处理能力${n}万吨/日，建设生化池、二沉池、深度处理车间及配套管网。`, place: t };
    },
  },
  {
    cat: 'ecology', min: 300, max: 5_000, phases: 'treat', dept: '市生态环境局', tags: ['农村环境整治'], where: notZone,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}农村生活污水治理项目`, content: `建设一体化污水处理站${Math.max(1, Math.round(c.wan / 400))}座，铺设收集管网${km(c.wan / 150)}公里，覆盖村庄${Math.max(2, Math.round(c.wan / 200))}个。`, place: t };
    },
  },
  {
    cat: 'ecology', min: 5_000, max: 500_000, phases: 'water', dept: '市生态环境局', tags: ['生态修复'], where: notZone,
    make: (c) => {
      const river = c.r.pick(c.u.rivers);
      return { name: `${c.u.prefix}${river}流域生态修复治理工程`, content: `治理河道${km(c.wan / 2000)}公里，建设人工湿地、生态缓冲带和入河排污口整治工程，修复水生态面积约${nice(c.wan / 20)}亩。` };
    },
  },
  {
    cat: 'ecology', min: 300, max: 30_000, phases: 'forest', dept: '市林业局', tags: ['国土绿化'], where: notZone,
    make: (c) => {
      const t = town(c);
      const n = Math.max(0.2, Math.round(c.wan / 250) / 10);
      return { name: `${c.u.prefix}${t}${n}万亩营造林工程`, content: `营造林${n}万亩，栽植油松、侧柏、沙棘等苗木，配套建设作业道路和防火设施。`, place: t };
    },
  },
  {
    cat: 'ecology', min: 300, max: 20_000, phases: 'forest', dept: '市水利局', tags: ['水土保持'], where: notZone,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}小流域水土保持综合治理工程`, content: `综合治理水土流失面积${nice(c.wan / 8)}公顷，建设淤地坝${Math.max(1, Math.round(c.wan / 1500))}座、梯田及水保林。`, place: t };
    },
  },
  {
    cat: 'ecology', min: 5_000, max: 120_000, phases: 'treat', dept: '市城市管理局', tags: ['固废处置'],
    make: (c) => {
      const kind = c.r.int(0, 2);
      if (kind === 0 && c.wan >= 20_000) return { name: `${c.u.prefix}生活垃圾焚烧发电项目`, content: `建设日处理生活垃圾${nice(c.wan / 100)}吨焚烧生产线及余热发电机组，配套烟气净化和飞灰处置设施。` };
      if (kind === 1) return { name: `${c.u.prefix}一般工业固废处置中心项目`, content: `建设一般工业固废填埋场及综合利用车间，总库容约${nice(c.wan / 10)}万立方米。` };
      return { name: `${c.u.prefix}餐厨垃圾资源化处理厂项目`, content: `建设日处理餐厨垃圾${nice(c.wan / 200)}吨资源化处理线，配套收运车辆和沼气利用设施。` };
    },
  },
  {
    cat: 'ecology', min: 500, max: 50_000, phases: 'forest', dept: '市规划和自然资源局', tags: ['生态修复'], where: (x) => x.coal && !x.zone,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}历史遗留矿山生态修复项目`, content: `修复历史遗留矿山图斑${Math.max(2, Math.round(c.wan / 300))}处，面积约${nice(c.wan / 2)}亩，实施削坡整形、覆土和植被恢复。`, place: t };
    },
  },
  {
    cat: 'ecology', min: 1_000, max: 50_000, phases: 'pipe', dept: '市生态环境局', tags: ['清洁取暖', '大气污染防治'], where: notZone,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}清洁取暖改造工程`, content: `完成居民清洁取暖改造约${nice(c.wan / 1.2)}户，采用“煤改电”“煤改气”方式，配套改造电网和燃气管网。`, place: t };
    },
  },
  {
    cat: 'ecology', min: 2_000, max: 100_000, phases: 'pipe', dept: '市住建局', tags: ['水污染防治', '专项债'],
    make: (c) => {
      const a = area(c);
      return { name: `${c.u.prefix}${a}片区雨污分流改造工程`, content: `新建（改造）雨水管网${km(c.wan / 700)}公里、污水管网${km(c.wan / 900)}公里，消除雨污混接点约${nice(c.wan / 50)}处。` };
    },
  },
  // Culture and tourism
  {
    cat: 'culture_tourism', min: 1_000, max: 100_000, phases: 'scenic', dept: '市文化和旅游局', tags: ['全域旅游'], where: (x) => x.scenic.length > 0,
    make: (c) => {
      const s = c.r.pick(c.u.scenic);
      return { name: `${c.u.prefix}${s}景区基础设施提升项目`, content: `建设游客服务中心、生态停车场、旅游厕所、步道栈道及智慧景区系统，提升改造景区道路${km(c.wan / 1500)}公里。` };
    },
  },
  {
    cat: 'culture_tourism', min: 300, max: 10_000, phases: 'scenic', dept: '市文化和旅游局', tags: ['乡村旅游'], where: notZone,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}${village(c)}乡村旅游示范村建设项目`, content: `改造传统窑洞民宿${Math.max(5, Math.round(c.wan / 60))}孔，建设农耕体验园、游客接待中心和村内道路、污水处理设施。`, place: t };
    },
  },
  {
    cat: 'culture_tourism', min: 20_000, max: 500_000, phases: 'scenic', dept: '市文化和旅游局', tags: ['康养', '招商引资'], where: (x) => x.scenic.length > 0,
    make: (c) => {
      const s = c.r.pick(c.u.scenic);
      return { name: `${c.u.prefix}${s}康养度假区项目`, content: `建设康养度假酒店、森林木屋、温泉理疗中心和户外运动营地，总建筑面积约${floorArea(c, 6000)}平方米。` };
    },
  },
  {
    cat: 'culture_tourism', min: 2_000, max: 60_000, phases: 'building', dept: '市文化和旅游局', tags: ['公共文化'],
    make: (c) => {
      const kind = c.r.pick(['博物馆', '文化艺术中心', '图书馆新馆', '非遗展示馆', '剧院']);
      return { name: `${c.u.prefix}${kind}建设项目`, content: `新建${kind}，总建筑面积约${floorArea(c, 6500)}平方米，配套展陈（演艺）设施和室外广场。` };
    },
  },
  {
    cat: 'culture_tourism', min: 500, max: 20_000, phases: 'scenic', dept: '市文化和旅游局', tags: ['黄河旅游'], where: (x) => x.yellowRiver,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}黄河一号旅游公路${t.replace(/(街道|镇|乡)$/, '')}服务驿站项目`, content: `建设旅游服务驿站、观景平台、房车营地及停车场，配套供水、供电和旅游厕所。`, place: t };
    },
  },
  {
    cat: 'culture_tourism', min: 1_000, max: 80_000, phases: 'scenic', dept: '市文化和旅游局', tags: ['文物保护'], where: notZone,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}古村落保护开发项目`, content: `修缮传统民居院落${Math.max(5, Math.round(c.wan / 200))}处，改造村内街巷和基础设施，植入民宿、研学和非遗体验业态。`, place: t };
    },
  },
  {
    cat: 'culture_tourism', min: 2_000, max: 80_000, phases: 'renovation', dept: '市商务局', tags: ['夜间经济', '城市更新'],
    make: (c) => {
      const a = area(c);
      return { name: `${c.u.prefix}${a}文旅特色街区改造项目`, content: `改造街区建筑立面和地下管网，建设特色商业、美食和演艺空间，改造街巷约${km(c.wan / 3000)}公里。` };
    },
  },
  {
    cat: 'culture_tourism', min: 500, max: 30_000, phases: 'scenic', dept: '市文化和旅游局', tags: ['红色旅游'], where: notZone,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}红色教育基地建设项目`, content: `修缮革命旧址，建设红色教育展馆、培训中心和学员公寓，总建筑面积约${floorArea(c, 4500)}平方米。`, place: t };
    },
  },
  // Other
  {
    cat: 'other', min: 3_000, max: 150_000, phases: 'agri', dept: '市农业农村局', tags: ['乡村振兴', '现代农业'], where: notZone,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}现代农业产业园项目`, content: `建设杂粮（果蔬）种植示范基地${nice(c.wan / 5)}亩、加工车间、冷链仓储及电商服务中心。`, place: t };
    },
  },
  {
    cat: 'other', min: 500, max: 30_000, phases: 'farmland', dept: '市农业农村局', tags: ['高标准农田'], where: notZone,
    make: (c) => {
      const t = town(c);
      const n = Math.max(0.2, Math.round(c.wan / 150) / 10);
      return { name: `${c.u.prefix}${t}${n}万亩高标准农田建设项目`, content: `建设高标准农田${n}万亩，实施土地平整、田间道路、灌排渠系、农田输配电和节水灌溉工程。`, place: t };
    },
  },
  {
    cat: 'other', min: 2_000, max: 60_000, phases: 'site', dept: '市商务局', tags: ['现代物流'],
    make: (c) => ({ name: `${brand(c)}冷链物流中心项目`, content: `建设冷库${nice(c.wan / 2)}吨、分拣加工车间和配送中心，配置冷藏运输车辆${Math.max(5, Math.round(c.wan / 300))}辆。` }),
  },
  {
    cat: 'other', min: 10_000, max: 500_000, phases: 'building', dept: '市商务局', tags: ['商贸'],
    make: (c) => {
      const a = area(c);
      return { name: `${c.u.prefix}${a}商业综合体项目`, content: `建设购物中心、写字楼和酒店，总建筑面积约${floorArea(c, 6000)}平方米，配套地下停车场。` };
    },
  },
  {
    cat: 'other', min: 300, max: 10_000, phases: 'agri', dept: '市农业农村局', tags: ['乡村振兴', '设施农业'], where: notZone,
    make: (c) => {
      const t = town(c);
      return { name: `${c.u.prefix}${t}设施农业大棚建设项目`, content: `新建日光温室和塑料大棚${Math.max(20, Math.round(c.wan / 8))}座，配套水肥一体化灌溉和分拣包装设施。`, place: t };
    },
  },
  {
    cat: 'other', min: 1_000, max: 30_000, phases: 'building', dept: '市商务局', tags: ['电子商务'],
    make: (c) => ({ name: `${c.u.prefix}电子商务产业园项目`, content: `改造（新建）电商产业园约${floorArea(c, 3000)}平方米，建设直播基地、仓储分拣中心和公共服务平台。` }),
  },
  {
    cat: 'other', min: 300, max: 20_000, phases: 'digital', dept: '市大数据应用局', tags: ['数字政府'],
    make: (c) => {
      const kind = c.r.pick(['城市运行管理服务平台', '数字乡村', '智慧城市', '智慧应急指挥平台', '一网通办政务服务平台']);
      return { name: `${c.u.prefix}${kind}建设项目`, content: `建设${kind}，包括数据中台、物联感知网络、指挥调度中心及业务应用系统。` };
    },
  },
  {
    cat: 'other', min: 1_000, max: 60_000, phases: 'agri', dept: '市农业农村局', tags: ['乡村振兴', '畜牧养殖'], where: notZone,
    make: (c) => {
      const b = brand(c);
      if (c.r.chance(0.5)) return { name: `${b}${nice(c.wan * 0.8)}头肉牛养殖基地项目`, content: `新建标准化牛舍、饲草料库、青贮窖及粪污处理设施，存栏肉牛${nice(c.wan * 0.8)}头。` };
      return { name: `${b}年出栏${nice(c.wan / 4000)}万头生猪养殖项目`, content: `建设标准化猪舍、饲料加工车间及粪污资源化利用设施，年出栏生猪${nice(c.wan / 4000)}万头。` };
    },
  },
];

/** A template for the category and size: one whose range holds the size, else the nearest. */
function templateFor(rng: Rng, cat: ProjectCategory, wan: number, unit: UnitInfo): Template {
  const usable = TEMPLATES.filter((t) => t.cat === cat && (!t.where || t.where(unit)));
  const fitting = usable.filter((t) => wan >= t.min && wan <= t.max);
  if (fitting.length) return rng.pick(fitting);
  const dist = (t: Template) => (wan < t.min ? Math.log(t.min / wan) : Math.log(wan / t.max));
  const best = Math.min(...usable.map(dist));
  return rng.pick(usable.filter((t) => dist(t) === best));
}

// ---------------------------------------------------------------------------------------------
// Progress texts (形象进度) by kind of works, from the first phase to the last

const PHASES: Record<PhaseKind, string[]> = {
  site: ['完成场地平整，基础施工完成{p}%', '主体工程完成{p}%，设备基础施工中', '设备安装完成{p}%，配套管线施工中', '附属工程完成{p}%，调试验收准备中'],
  plant: ['完成场地平整和临时设施搭建，桩基施工完成{p}%', '桩基工程完成，主厂房基础施工完成{p}%', '主厂房基础完成，钢结构吊装完成{p}%', '主厂房钢结构完成{p}%，设备基础施工中', '主体工程基本完成，设备安装完成{p}%', '设备安装完成{p}%，管道及电气仪表安装同步推进', '进入单机调试阶段，配套环保设施完成{p}%', '联动试车准备中，厂区道路及绿化施工'],
  solar: ['场区道路及围栏施工中，光伏支架桩基完成{p}%', '支架安装完成{p}%，组件安装同步推进', '光伏组件安装完成{p}%，集电线路施工中', '升压站主体完工，电气设备安装完成{p}%', '并网调试准备中，送出线路完成{p}%'],
  wind: ['风机道路施工完成{p}%，风机基础浇筑中', '风机基础完成{p}%，升压站土建施工中', '风机吊装完成{p}%，集电线路架设中', '升压站设备安装完成，风机调试完成{p}%'],
  power: ['主厂房基础施工完成{p}%', '锅炉钢架吊装完成{p}%，汽机基座施工中', '锅炉受热面安装完成{p}%，汽轮机安装中', '空冷岛安装完成{p}%，输煤系统施工中', '进入分系统调试阶段，完成{p}%'],
  mine: ['井下巷道掘进完成{p}%', '智能化综采工作面设备安装完成{p}%', '主运输系统改造完成{p}%，集控中心建设中', '系统联调联试中，完成{p}%'],
  road: ['完成征地放线和临时便道，路基土方完成{p}%', '路基工程完成{p}%，涵洞及排水工程同步施工', '桥梁下部结构完成{p}%，上部结构预制中', '路面基层完成{p}%，附属设施施工中', '沥青面层摊铺完成{p}%，交安设施施工中', '主体工程完工，交工验收准备中'],
  pipe: ['管材进场，沟槽开挖完成{p}%', '管网铺设完成{p}%，检查井砌筑中', '管道试压完成{p}%，路面恢复中', '站点设备安装完成{p}%，具备通气（通水）条件'],
  water: ['完成围堰导流，土方开挖完成{p}%', '堤防（坝体）填筑完成{p}%，护坡砌筑中', '输水管线铺设完成{p}%，泵站土建施工中', '泵站设备安装完成{p}%，附属设施施工中', '工程扫尾，蓄水（通水）验收准备'],
  grid: ['变电站场平完成，基础施工完成{p}%', '主控楼主体完成，构架组立完成{p}%', '线路铁塔组立完成{p}%，导线架设中', '主变安装完成，调试完成{p}%'],
  building: ['完成基坑开挖，基础施工完成{p}%', '基础工程完成，主体结构完成{p}%', '主体结构封顶，二次结构砌筑完成{p}%', '外墙保温及门窗安装完成{p}%', '室内装修完成{p}%，机电安装同步推进', '室外配套工程完成{p}%，竣工验收准备中'],
  renovation: ['完成入户调查和方案公示，管网改造完成{p}%', '外墙保温改造完成{p}%，屋面防水施工中', '小区道路及停车位改造完成{p}%', '绿化亮化及充电设施安装完成{p}%'],
  treat: ['生化池、二沉池土建完成{p}%', '深度处理车间主体完成，设备安装完成{p}%', '配套管网铺设完成{p}%', '通水调试中，出水指标逐步稳定'],
  forest: ['完成作业设计，整地完成{p}%', '苗木栽植完成{p}%，补植补造中', '淤地坝及谷坊施工完成{p}%', '抚育管护及验收准备中'],
  farmland: ['土地平整完成{p}%', '田间道路及灌排渠系施工完成{p}%', '农田输配电及节水设施安装完成{p}%', '工程扫尾，验收准备中'],
  scenic: ['游客服务中心主体施工完成{p}%', '景区道路及停车场完成{p}%', '观景平台及栈道施工完成{p}%', '标识系统及智慧景区设备安装完成{p}%', '民宿及配套设施装修完成{p}%'],
  agri: ['完成土地流转和场地平整，基础设施施工完成{p}%', '主体建设完成{p}%，配套道路及水电施工中', '设备安装完成{p}%，配套设施完善中', '试运营准备中'],
  digital: ['机房及配电系统施工完成{p}%', '设备安装完成{p}%，网络系统部署中', '平台软件开发完成{p}%，系统联调中', '试运行中，等保测评准备'],
};
const FINISHED: Record<ProjectCategory, string> = {
  industry: '项目已竣工验收，正式投产运营',
  infrastructure: '工程已完工并通过交工验收，投入使用',
  livelihood: '工程已竣工验收，交付使用',
  ecology: '工程已完工，通过验收并投入运行',
  culture_tourism: '项目已完工，对外开放运营',
  other: '项目已建成并投入运营',
};
const LAG_NOTES = ['，受资金到位影响施工进度偏慢', '，受征地影响部分工作面未展开', '，主要设备到货延迟，进度滞后', '，施工队伍不足，进度低于计划', '，部分手续仍在办理，仅开展附属工程'];
const LEAD_NOTES = ['，施工进度超计划', '，实行两班倒加快施工', '，已提前完成上半年目标任务'];
const RETURN_REASONS = ['形象进度描述过于简单，请补充现场照片说明', '本月完成投资与统计直报数据不一致，请核实', '累计完成投资超过年度计划，请核实数据', '缺少本月现场照片，请补充上传'];

function progressText(phases: PhaseKind, share: number): string {
  const list = PHASES[phases];
  const x = clamp(share, 0, 0.999) * list.length;
  const i = Math.floor(x);
  const within = x - i;
  const p = clamp(Math.round((within * 100) / 5) * 5, 10, 95);
  return at(list, i).replace('{p}', String(p));
}

// ---------------------------------------------------------------------------------------------
// Problems

/** Title and detail pairs by type, and the city department that resolves the type. */
interface ProblemSpec {
  items: [string, string][];
  dept: string;
}
const PROBLEMS: Record<ProblemType, ProblemSpec> = {
  land: {
    dept: '市规划和自然资源局',
    items: [
      ['项目用地报批进度慢', '项目需用地约{mu}亩，组卷材料已上报，尚未批复，影响主体工程开工'],
      ['建设用地指标未落实', '项目所需新增建设用地指标约{mu}亩尚未落实，需统筹调剂'],
      ['部分地块林地手续未办结', '部分地块涉及林地，使用林地审核同意书尚未取得'],
      ['土地征收补偿未到位', '征收补偿款尚未足额拨付，部分村民未交地'],
      ['永久基本农田调整未完成', '项目选址涉及永久基本农田，补划方案未通过审查'],
    ],
  },
  funds: {
    dept: '市财政局',
    items: [
      ['项目资本金未按期到位', '年度计划投资{plan}万元，企业自筹资本金到位不足三成'],
      ['专项债券资金拨付滞后', '已发行的专项债券资金尚未拨付至项目，施工单位垫资压力大'],
      ['银行贷款审批未落地', '项目贷款已通过银行初审，终审尚未完成，后续工程资金缺口较大'],
      ['工程款拨付不及时', '已完工程量对应的工程款拨付不足，施工单位减少现场人员'],
    ],
  },
  approval: {
    dept: '市行政审批服务管理局',
    items: [
      ['施工许可证办理滞后', '施工图审查意见尚未回复，施工许可证无法办理'],
      ['节能审查未批复', '项目综合能耗较大，节能审查意见需报省级审批'],
      ['初步设计批复未下达', '初步设计经多轮修改，尚未取得批复'],
      ['规划许可手续办理进度慢', '建设工程规划许可证需补充总平面图调整论证材料'],
      ['容缺承诺材料未按期补齐', '项目已按容缺受理办理前期手续，承诺补齐的材料尚未提交'],
    ],
  },
  demolition: {
    dept: '',
    items: [
      ['征地拆迁工作推进缓慢', '尚有{n}户未签订拆迁补偿协议，影响施工作业面'],
      ['地上附着物清表未完成', '项目红线内树木、坟地等地上附着物清表工作未完成，部分区域无法进场'],
      ['管线迁改未完成', '红线内电力、通信管线迁改方案未确定，部分段落无法施工'],
    ],
  },
  environment: {
    dept: '市生态环境局',
    items: [
      ['环评批复未取得', '环境影响报告书已完成技术评估，需落实区域削减替代方案后批复'],
      ['排污总量指标未落实', '项目新增主要污染物排放总量指标来源未落实'],
      ['水土保持方案未批复', '水土保持方案报告书需补充弃渣场选址论证'],
      ['施工扬尘治理整改未完成', '督查发现施工现场扬尘防治措施不到位，已责令限期整改'],
    ],
  },
  utilities: {
    dept: '市能源局',
    items: [
      ['配套电网接入未落实', '项目用电负荷约{kw}千伏安，接入系统方案未批复，影响设备调试'],
      ['施工用水用电未接通', '施工临时用电线路未架设，现场依靠柴油发电机施工'],
      ['天然气接入管线未建设', '外部天然气接入管线由地方负责建设，目前尚未开工'],
      ['外部供水管网未接通', '供水管网未延伸至项目红线，影响试生产安排'],
    ],
  },
  other: {
    dept: '市发改委',
    items: [
      ['施工队伍不足影响进度', '总包单位劳动力投入不足，现场作业面未全面展开'],
      ['主要设备到货延迟', '关键设备供货周期延长，较合同约定推迟约两个月'],
      ['与周边村民存在施工纠纷', '周边村民以施工影响出行为由阻工，需协调化解'],
      ['原材料价格上涨导致施工放缓', '钢材、水泥价格上涨，施工单位要求调整合同价款'],
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// People

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '薛', '田', '任', '武', '白', '贾', '温', '乔', '郝', '阎', '霍', '秦', '成', '药', '卫', '樊', '牛', '雷'];
const GIVEN = ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宁', '静', '敏', '燕', '艳', '丽', '娟', '霞', '芳', '红', '玲', '晓东', '建军', '志强', '海峰', '文斌', '丽娜', '晓燕', '永明', '国庆', '建平', '卫东', '宏伟', '俊峰', '晋生', '红霞', '艳萍', '亚军', '利军', '瑞平', '晋峰', '小龙'];
const ROLES = ['副组长', '联络员', '技术负责人', '业主代表', '要素保障专员'];
const LEADER_NAMES = new Set(LEADERS.map((l) => l.name));

function taskForce(r: Rng): string[] {
  const n = r.int(2, 4);
  const roles = ['专班组长', ...r.shuffle([...ROLES]).slice(0, n - 1)];
  const used = new Set<string>();
  return roles.map((role) => {
    let name = '';
    do name = r.pick(SURNAMES) + r.pick(GIVEN);
    while (used.has(name) || LEADER_NAMES.has(name));
    used.add(name);
    return `${name}（${role}）`;
  });
}

// ---------------------------------------------------------------------------------------------
// The generator

/**
 * Plans: 'late' projects were due to start in January–April and have not (still 前期, as the stage
 * rules want an actual start for 新开工); 'prep' ones start from June on.
 */
const STAGE_OF: Record<Plan, ProjectStage> = { new: 'new_start', cont: 'continuing', done: 'completed', prep: 'preparation', late: 'preparation', pipe: 'pipeline' };
const PLAN_WEIGHTS: [Plan, number][] = [['new', 43], ['cont', 40], ['prep', 7], ['late', 5], ['pipe', 2], ['done', 3]];
const CATEGORY_WEIGHTS: [ProjectCategory, number][] = [['industry', 50], ['infrastructure', 20], ['livelihood', 14], ['ecology', 7], ['culture_tourism', 6], ['other', 3]];
const CATEGORY_SIZE: Record<ProjectCategory, number> = { industry: 0.5, infrastructure: 0.7, livelihood: -0.5, ecology: -0.3, culture_tourism: -0.1, other: -0.6 };
const PLAN_SIZE: Record<Plan, number> = { new: 0, cont: 0.1, done: -0.4, prep: 0, late: 0, pipe: 0.3 };
type Band = 'on' | 'lag' | 'far' | 'lead';
const BAND_WEIGHTS: [Band, number][] = [['on', 65], ['lag', 15], ['far', 5], ['lead', 15]];
type MayState = 'accepted' | 'confirmed' | 'submitted' | 'returned' | 'missing';
const MAY_WEIGHTS: [MayState, number][] = [['accepted', 75], ['confirmed', 8], ['submitted', 6], ['returned', 3], ['missing', 8]];
/** Relative monthly work, January to May: winter and the Spring Festival slow the first two. */
const MONTH_WEIGHT = [0.5, 0.55, 1.1, 1.25, 1.35];
const DELAY_REASONS = ['受征地拆迁影响，经市项目推进中心同意延期至7月开工', '环评批复调整中，经调度会研究同意延期开工', '设计方案优化调整，已报市发改委备案延期开工', '专项债券资金未到位，经批准调整开工时间至三季度', '配套电网接入工程未完成，同意延期开工'];

interface Draft {
  real: RealProject | null;
  unit: UnitInfo;
  category: ProjectCategory;
  plan: Plan;
  wan: number;
  name: string;
  content: string;
  place: string | null;
  phases: PhaseKind;
  deptHint: string;
  tags: string[];
}

/** Stratified log-normal sizes (万元) around a fixed median, spread to sum to `targetWan`. */
function sizes(rng: Rng, m: number, targetWan: number): number[] {
  const zs = Array.from({ length: m }, (_, i) => invNorm((i + rng.float(0.05, 0.95)) / m));
  const median = 9_000;
  const lo = 300;
  const hi = 2_000_000;
  const sum = (sigma: number) => zs.reduce((s, z) => s + clamp(median * Math.exp(sigma * z), lo, hi), 0);
  let a = 0.5;
  let b = 3.5;
  for (let k = 0; k < 60; k++) {
    const mid = (a + b) / 2;
    if (sum(mid) < targetWan) a = mid;
    else b = mid;
  }
  const sigma = (a + b) / 2;
  return zs.map((z) => clamp(median * Math.exp(sigma * z), lo, hi));
}

/** Whole 万元 with a grain that suits the size. */
function roundWan(w: number): number {
  const grain = w < 1_000 ? 10 : w < 10_000 ? 50 : w < 100_000 ? 100 : 1_000;
  return Math.max(grain, Math.round(w / grain) * grain);
}

/** Splits `total` whole units over weights (largest remainder). */
function splitWhole(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map((_, i) => (i === weights.length - 1 ? total : 0));
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((x, y) => y.r - x.r || x.i - y.i);
  for (const o of order) {
    if (left-- <= 0) break;
    out[o.i] = at(out, o.i) + 1;
  }
  return out;
}

/**
 * The campaign as of 2023-05-31, ordered by unit, category and size. Quotas (units, categories,
 * stages, lag bands, May report states) are dealt exactly, so the shares hold for any seed.
 */
export function generateCampaign(seed = 2023): DemoProject[] {
  const rng = new Rng(seed);
  const Y = DEMO_CAMPAIGN_YEAR;
  const AS_OF = DEMO_AS_OF;
  const n = PROJECT_COUNT;
  const reals = REAL_PROJECTS;
  const m = n - reals.length;

  // Units, categories and stages by quota.
  const units = dealt(rng, UNITS.map((x) => [x.name, x.weight] as const), n, reals.map((r) => r.unit));
  const cats = dealt(rng, CATEGORY_WEIGHTS, n, reals.map((r) => r.category));
  const plans = dealt(rng, PLAN_WEIGHTS, n, reals.map((r) => r.plan));

  // Sizes: skewed, matched to a propensity by category, unit and stage.
  const realWan = reals.reduce((s, r) => s + r.totalWan, 0);
  const targetWan = 4512 * YI_WAN * (1 + rng.float(-0.012, 0.012)) - realWan;
  const pool = sizes(rng, m, targetWan).sort((a, b) => b - a);
  const slots = Array.from({ length: m }, (_, i) => {
    const unit = unitInfo(at(units, i));
    const category = at(cats, i);
    const plan = at(plans, i);
    return { unit, category, plan, score: CATEGORY_SIZE[category] + unit.sizeLog + PLAN_SIZE[plan] + rng.normal() * 0.9 };
  });
  const order = slots.map((_, i) => i).sort((a, b) => at(slots, b).score - at(slots, a).score || a - b);
  const wanOf = new Array<number>(m).fill(0);
  order.forEach((slot, k) => (wanOf[slot] = roundWan(at(pool, k))));

  // Names, unique within each unit.
  const names = new Map<string, Set<string>>(UNITS.map((x) => [x.name, new Set<string>()]));
  const drafts: Draft[] = reals.map((r) => {
    names.get(r.unit)?.add(r.name);
    return { real: r, unit: unitInfo(r.unit), category: r.category, plan: r.plan, wan: r.totalWan, name: r.name, content: r.content, place: null, phases: realPhases(r), deptHint: r.dept ?? '', tags: r.tags ?? [] };
  });
  slots.forEach((s, i) => {
    const wan = at(wanOf, i);
    const taken = names.get(s.unit.name) as Set<string>;
    const ctx: Ctx = { u: s.unit, r: rng, wan };
    let tpl = templateFor(rng, s.category, wan, s.unit);
    let made = tpl.make(ctx);
    for (let k = 0; k < 25 && taken.has(made.name); k++) {
      tpl = templateFor(rng, s.category, wan, s.unit);
      made = tpl.make(ctx);
    }
    if (taken.has(made.name)) {
      const base = made.name;
      for (let k = 2; taken.has(made.name); k++) made = { ...made, name: base.replace(/(项目|工程)$/, `（${k <= 10 ? at(ZH_NUM, k) : k}期）$1`) };
    }
    taken.add(made.name);
    drafts.push({ real: null, unit: s.unit, category: s.category, plan: s.plan, wan, name: made.name, content: made.content, place: made.place ?? null, phases: tpl.phases, deptHint: tpl.dept, tags: tpl.tags });
  });

  // Dates, approvals, registration, plan of the year.
  const late = drafts.filter((d) => d.plan === 'late');
  const lateEarly = new Set(late.slice(0, Math.round(late.length * 0.45)));
  const lateReason = new Set([...late.filter((d) => lateEarly.has(d)).slice(0, 4), ...late.filter((d) => !lateEarly.has(d)).slice(0, 4)]);

  const projects = drafts.map((d) => {
    const total = d.wan * WAN;
    const bigness = d.wan >= 100_000 ? 2 : d.wan >= 10_000 ? 1 : 0;
    const duration = [rng.int(6, 14), rng.int(12, 30), rng.int(24, 48)][bigness] as number;
    let plannedStart: string | null = null;
    let plannedFinish: string | null = null;
    let actualStart: string | null = null;
    let actualFinish: string | null = null;
    let startDelayReason: string | null = null;
    let prior = 0; // share of the total done before the year
    let share = 0; // share of the total planned this year
    const addMonthsTo = (day: string, months: number) => dayAdd(day, Math.round(months * 30.4));
    switch (d.plan) {
      case 'new': {
        const mo = rng.weighted([[1, 8], [2, 14], [3, 30], [4, 28], [5, 20]] as const);
        actualStart = ymd(Y, mo, rng.int(1, 20));
        plannedStart = maxDay(ymd(Y, 1, 5), dayAdd(actualStart, rng.int(-35, 20)));
        plannedFinish = addMonthsTo(plannedStart, duration);
        share = yearNo(plannedFinish) === Y ? rng.float(0.75, 1) : duration <= 24 ? rng.float(0.35, 0.6) : rng.float(0.15, 0.35);
        break;
      }
      case 'cont': {
        const yr = rng.weighted([[2020, 10], [2021, 30], [2022, 60]] as const);
        actualStart = ymd(yr, rng.int(yr === 2022 ? 2 : 3, 11), rng.int(1, 28));
        plannedStart = dayAdd(actualStart, -rng.int(0, 60));
        plannedFinish = addMonthsTo(actualStart, duration + 12);
        if (plannedFinish < ymd(Y, 6, 30)) plannedFinish = dayBetween(rng, ymd(Y, 6, 30), ymd(Y, 12, 31));
        prior = rng.float(0.15, 0.65);
        share = (1 - prior) * (yearNo(plannedFinish) === Y ? rng.float(0.8, 1) : rng.float(0.25, 0.55));
        break;
      }
      case 'done': {
        actualFinish = dayBetween(rng, ymd(Y, 1, 10), ymd(Y, 5, 25));
        actualStart = bigness === 0 && rng.chance(0.3) ? dayAdd(actualFinish, -rng.int(60, 120)) : dayBetween(rng, ymd(2021, 3, 1), ymd(2022, 10, 31));
        if (actualStart > dayAdd(actualFinish, -45)) actualStart = dayAdd(actualFinish, -45);
        plannedStart = dayAdd(actualStart, -rng.int(0, 45));
        plannedFinish = dayAdd(actualFinish, rng.int(-60, 60));
        prior = yearNo(actualStart) < Y ? rng.float(0.6, 0.92) : 0;
        share = 1 - prior;
        break;
      }
      case 'prep': {
        plannedStart = dayBetween(rng, ymd(Y, 6, 1), ymd(Y, 11, 30));
        plannedFinish = addMonthsTo(plannedStart, duration);
        share = rng.float(0.05, 0.3);
        break;
      }
      case 'late': {
        plannedStart = lateEarly.has(d) ? dayBetween(rng, ymd(Y, 1, 5), ymd(Y, 2, 25)) : dayBetween(rng, ymd(Y, 3, 5), ymd(Y, 4, 28));
        plannedFinish = addMonthsTo(plannedStart, duration);
        share = rng.float(0.2, 0.5);
        if (lateReason.has(d)) startDelayReason = rng.pick(DELAY_REASONS);
        break;
      }
      case 'pipe': {
        if (rng.chance(0.5)) {
          plannedStart = dayBetween(rng, ymd(Y + 1, 3, 1), ymd(Y + 1, 10, 31));
          plannedFinish = addMonthsTo(plannedStart, duration);
        }
        share = 0;
        break;
      }
    }
    return { d, total, prior, share, plannedStart, plannedFinish, actualStart, actualFinish, startDelayReason, planned: 0 };
  });

  // This year's plan: scale the shares to about ¥122 billion; completed projects keep theirs.
  const targetPlanned = 1220 * YI_WAN * WAN * (1 + rng.float(-0.02, 0.02));
  const fixed = projects.filter((p) => p.d.plan === 'done').reduce((s, p) => s + p.share * p.total, 0);
  let k = 1;
  for (let pass = 0; pass < 4; pass++) {
    const cap = (p: (typeof projects)[number]) => (p.d.plan === 'cont' ? 1 - p.prior : 1);
    const scalable = projects.filter((p) => p.d.plan !== 'done' && p.d.plan !== 'pipe');
    const free = scalable.filter((p) => p.share * k < cap(p)).reduce((s, p) => s + p.share * p.total, 0);
    const capped = scalable.filter((p) => p.share * k >= cap(p)).reduce((s, p) => s + cap(p) * p.total, 0);
    k = free > 0 ? (targetPlanned - fixed - capped) / free : k;
    for (const p of scalable) p.share = Math.min(p.share * k, cap(p));
    k = 1;
  }
  for (const p of projects) {
    if (p.d.plan === 'pipe') continue;
    const raw = Math.round((p.share * p.total) / WAN);
    const grain = raw >= 10_000 ? 100 : raw >= 1_000 ? 10 : 1;
    p.planned = clamp(Math.round(raw / grain) * grain, Math.min(100, p.d.wan), p.d.wan) * WAN;
  }

  // Registration: started projects of ≥ ¥5 million, except about 4 % of them (new starts).
  const mustRegister = projects.filter((p) => p.actualStart && p.total >= 5_000_000);
  const unregCount = Math.round(mustRegister.length * 0.04);
  const newOnes = rng.shuffle(mustRegister.filter((p) => p.d.plan === 'new'));
  const older = newOnes.filter((p) => (p.actualStart as string) <= ymd(Y, 3, 25));
  const unregistered = new Set([...older.slice(0, Math.ceil(unregCount / 2))]);
  for (const p of newOnes) if (unregistered.size < unregCount && !unregistered.has(p)) unregistered.add(p);

  // Reports: which months, the state of May, the lag band.
  const reportMonths = projects.map((p) => {
    if (!p.actualStart || !['new', 'cont', 'done'].includes(p.d.plan)) return [] as number[];
    const from = yearNo(p.actualStart) < Y ? 1 : monthNo(p.actualStart);
    const to = p.actualFinish ? monthNo(p.actualFinish) : 5;
    const out: number[] = [];
    for (let mo = from; mo <= to; mo++) out.push(mo);
    return out;
  });
  const mayIdx = projects.map((_, i) => i).filter((i) => at(reportMonths, i).includes(5));
  const mayStates = new Map<number, MayState>();
  {
    const counts = apportion(MAY_WEIGHTS, mayIdx.length);
    const longer = rng.shuffle(mayIdx.filter((i) => at(reportMonths, i).length > 1));
    const missing = new Set(longer.slice(0, counts.get('missing') ?? 0));
    for (const i of missing) mayStates.set(i, 'missing');
    const rest = rng.shuffle(mayIdx.filter((i) => !missing.has(i)));
    let j = 0;
    for (const state of ['returned', 'submitted', 'confirmed'] as const) for (let c = 0; c < (counts.get(state) ?? 0); c++) mayStates.set(at(rest, j++), state);
    for (; j < rest.length; j++) mayStates.set(at(rest, j), 'accepted');
  }
  const building = projects.map((_, i) => i).filter((i) => ['new', 'cont'].includes(at(projects, i).d.plan));
  const bands = new Map<number, Band>();
  {
    const list = dealt(rng, BAND_WEIGHTS, building.length, []);
    building.forEach((i, k) => bands.set(i, at(list, k)));
    // Projects that started after mid-April mostly lag: they swap bands with earlier starters.
    const startOf = (i: number): string => at(projects, i).actualStart as string;
    const lateStart = building.filter((i) => startOf(i) >= ymd(Y, 4, 15));
    const swap = (from: Band[], to: Band) => {
      const pool = building.filter((i) => startOf(i) < ymd(Y, 3, 15) && bands.get(i) === to);
      for (const i of lateStart) {
        if (!from.includes(bands.get(i) as Band) || !rng.chance(0.8)) continue;
        const j = pool.pop();
        if (j === undefined) break;
        bands.set(j, bands.get(i) as Band);
        bands.set(i, to);
      }
    };
    swap(['lead'], 'on');
    swap(['lead', 'on'], 'lag');
  }

  const out: DemoProject[] = projects.map((p, i) => {
    const d = p.d;
    const cityDept = d.deptHint && DEPARTMENT_NAMES.has(d.deptHint) ? d.deptHint : '';
    const dept = d.real?.dept ?? (cityDept && rng.chance(0.25) ? cityDept : `${d.unit.name}/${rng.chance(0.92) ? '发展和改革局' : '人民政府办公室'}`);
    const leader = leaderFor(d.unit.name, dept);

    // Registration
    let registered = false;
    let registeredOn: string | null = null;
    if (p.actualStart && !unregistered.has(p) && (p.total >= 5_000_000 || rng.chance(0.5))) {
      registered = true;
      registeredOn = minDay(dayAdd(p.actualStart, rng.int(0, 40)), AS_OF);
    }

    // Approvals
    const approvals: DemoProject['approvals'] = {};
    const kinds: ApprovalKind[] = ['project', 'land', 'planning', 'eia', 'construction'];
    if (p.actualStart) {
      const offsets = kinds.map(() => rng.int(5, bigOffset(d.wan))).sort((a, b) => b - a);
      kinds.forEach((kind, k) => {
        const notNeeded = (kind === 'land' && rng.chance(0.06)) || (kind === 'eia' && rng.chance(0.03));
        approvals[kind] = notNeeded ? { status: 'not_needed', date: null } : { status: 'done', date: dayAdd(p.actualStart as string, -at(offsets, k)) };
      });
    } else if (d.plan === 'pipe') {
      kinds.forEach((kind) => {
        const status: ApprovalStatus = kind === 'project' ? (rng.chance(0.4) ? 'in_progress' : 'pending') : 'pending';
        approvals[kind] = { status, date: null };
      });
    } else {
      const odds: Record<ApprovalKind, [number, number]> = { project: [0.8, 0.2], land: [0.4, 0.4], planning: [0.35, 0.35], eia: [0.4, 0.35], construction: [0.05, 0.3] };
      kinds.forEach((kind) => {
        const [done, doing] = odds[kind];
        const x = rng.float();
        approvals[kind] = x < done ? { status: 'done', date: dayBetween(rng, ymd(2022, 3, 1), ymd(Y, 5, 20)) } : x < done + doing ? { status: 'in_progress', date: null } : { status: 'pending', date: null };
      });
    }

    // Reports
    const months = at(reportMonths, i).filter((mo) => !(mo === 5 && mayStates.get(i) === 'missing'));
    const reports: DemoReport[] = [];
    if (months.length) {
      const band = bands.get(i);
      const pace = 5 / 12;
      const rate =
        d.plan === 'done' ? rng.float(0.85, 1)
          : band === 'lag' ? pace - rng.float(0.115, 0.28)
            : band === 'far' ? pace - rng.float(0.325, 0.395)
              : band === 'lead' ? pace + rng.float(0.115, 0.35)
                : pace + rng.float(-0.085, 0.085);
      const cumWan = Math.max(1, Math.round((rate * p.planned) / WAN));
      const startDay = p.actualStart as string;
      const weights = months.map((mo) => {
        let w = at(MONTH_WEIGHT, mo - 1) * rng.float(0.75, 1.25);
        if (yearNo(startDay) === Y && monthNo(startDay) === mo) w *= (daysInMonth(Y, mo) - Number(startDay.slice(8, 10)) + 1) / daysInMonth(Y, mo);
        return w;
      });
      const parts = splitWhole(cumWan, weights);
      let cum = 0;
      months.forEach((mo, k) => {
        const yuan = at(parts, k) * WAN;
        cum += yuan;
        const month = `${Y}-${pad(mo)}`;
        const state: DemoReport['state'] = mo < 5 ? 'accepted' : ((mayStates.get(i) ?? 'accepted') as DemoReport['state']);
        const dim = daysInMonth(Y, mo);
        let day = rng.chance(0.05) ? rng.int(26, Math.min(30, dim)) : rng.int(18, 25);
        if (startDay.slice(0, 7) === month) day = Math.max(day, Number(startDay.slice(8, 10)));
        const returnReason = state === 'returned' ? rng.pick(RETURN_REASONS) : undefined;
        let progress: string;
        if (returnReason?.startsWith('形象进度')) progress = rng.pick(['正常施工', '施工中', '按计划推进']);
        else if (p.actualFinish && mo === monthNo(p.actualFinish)) progress = FINISHED[d.category];
        else {
          progress = progressText(d.phases, p.prior + cum / p.total);
          if (k === 0 && yearNo(startDay) === Y) progress = `${mo}月${Number(startDay.slice(8, 10))}日开工，${progress}`;
          else if (mo === 5 && (band === 'lag' || band === 'far') && rng.chance(0.7)) progress += rng.pick(LAG_NOTES);
          else if (mo === 5 && band === 'lead' && rng.chance(0.4)) progress += rng.pick(LEAD_NOTES);
        }
        const report: DemoReport = { month, completedYuan: yuan, progress, state, submittedOn: ymd(Y, mo, day) };
        if (returnReason) report.returnReason = returnReason;
        reports.push(report);
      });
    }

    const lngLat = d.plan === 'pipe' && rng.chance(0.5) ? null : jitter(rng, d.unit.centre);
    const place = d.place ?? rng.pick(d.unit.towns);
    const tags = [...d.tags];
    if (!d.real) {
      if (d.wan >= 100_000 && !tags.includes('省级重点工程') && rng.chance(0.5)) tags.push('省级重点工程');
      if (d.category === 'industry' && !tags.includes('招商引资') && rng.chance(0.25)) tags.push('招商引资');
      if (['infrastructure', 'livelihood', 'ecology'].includes(d.category) && !tags.includes('专项债') && rng.chance(0.2)) tags.push('专项债');
    }
    if (!tags.some((t) => t.endsWith('重点工程'))) tags.push('市级重点工程');

    return {
      code: '',
      name: d.name,
      unit: d.unit.name,
      dept,
      leader,
      taskForce: taskForce(rng),
      category: d.category,
      stage: STAGE_OF[d.plan],
      content: d.content,
      totalYuan: p.total,
      plannedYuan: p.planned,
      plannedStart: p.plannedStart,
      plannedFinish: p.plannedFinish,
      actualStart: p.actualStart,
      actualFinish: p.actualFinish,
      startDelayReason: p.startDelayReason,
      registered,
      registeredOn,
      approvals,
      tags,
      location: `${d.unit.name}${place}`,
      lng: lngLat ? lngLat[0] : null,
      lat: lngLat ? lngLat[1] : null,
      reports,
      problems: [],
      real: d.real !== null,
    };
  });

  addProblems(rng, out, projects.map((p) => p.d.plan), bands);

  // Codes in the order of the units, then category, then size.
  const unitOrder = new Map(UNITS.map((x, k) => [x.name, k]));
  const catOrder = new Map(CATEGORY_WEIGHTS.map(([c], k) => [c, k]));
  out.sort((a, b) => (unitOrder.get(a.unit) as number) - (unitOrder.get(b.unit) as number) || (catOrder.get(a.category) as number) - (catOrder.get(b.category) as number) || b.totalYuan - a.totalYuan || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  out.forEach((p, k) => (p.code = `LL${Y}-${String(k + 1).padStart(4, '0')}`));
  return out;
}

function realPhases(r: RealProject): PhaseKind {
  if (/高速|公路|立交|机坪/.test(r.name)) return 'road';
  if (/集运站/.test(r.name)) return 'site';
  if (/电厂|发电机组/.test(r.name)) return 'power';
  if (/数据|数字化|智能化工厂|平台/.test(r.name)) return 'digital';
  if (/污水/.test(r.name)) return 'treat';
  if (/生态修复/.test(r.name)) return 'forest';
  if (/医院|一中|医疗|中心/.test(r.name)) return 'building';
  if (r.category === 'culture_tourism') return 'scenic';
  return 'plant';
}

/** Days before the start the approvals spread over. */
const bigOffset = (wan: number): number => (wan >= 100_000 ? 420 : wan >= 10_000 ? 240 : 120);

function jitter(rng: Rng, [lng, lat]: [number, number]): [number, number] {
  return [Math.round((lng + rng.float(-0.08, 0.08)) * 1e5) / 1e5, Math.round((lat + rng.float(-0.06, 0.06)) * 1e5) / 1e5];
}

/** About 12 % of projects get one or two problems; about half are closed by 2023-05-31. */
function addProblems(rng: Rng, projects: DemoProject[], plans: Plan[], bands: Map<number, Band>): void {
  const Y = DEMO_CAMPAIGN_YEAR;
  const count = Math.round(projects.length * 0.12);
  const weight = (i: number): number => {
    const plan = at(plans, i);
    const band = bands.get(i);
    return plan === 'late' ? 5 : band === 'far' ? 4 : band === 'lag' ? 2.5 : plan === 'prep' ? 2 : plan === 'pipe' ? 0.5 : 1;
  };
  // Weighted sampling without replacement (exponential keys).
  const keys = projects.map((_, i) => ({ i, key: Math.log(Math.max(rng.float(), 1e-12)) / weight(i) }));
  const chosen = keys.sort((a, b) => b.key - a.key || a.i - b.i).slice(0, count).map((x) => x.i);
  const items: { i: number; problem: DemoProblem }[] = [];
  for (const i of chosen) {
    const p = at(projects, i);
    const started = p.actualStart !== null;
    const howMany = rng.chance(0.3) ? 2 : 1;
    const usedTypes = new Set<ProblemType>();
    for (let k = 0; k < howMany; k++) {
      let type: ProblemType;
      do
        type = started
          ? rng.weighted([['funds', 25], ['utilities', 22], ['demolition', 12], ['land', 10], ['approval', 10], ['environment', 8], ['other', 13]] as const)
          : rng.weighted([['land', 30], ['approval', 30], ['demolition', 12], ['environment', 12], ['funds', 10], ['utilities', 6]] as const);
      while (usedTypes.has(type));
      usedTypes.add(type);
      const spec = PROBLEMS[type];
      const raisedOn = dayBetween(rng, ymd(Y, 1, 5), ymd(Y, 5, 20));
      const deadline = clamp(parseDay(raisedOn) + rng.int(15, 70), parseDay(ymd(Y, 2, 1)), parseDay(ymd(Y, 7, 31)));
      const [title, text] = rng.pick(spec.items);
      const detail = text
        .replace('{mu}', String(nice(p.totalYuan / WAN / 60 + 20)))
        .replace('{plan}', String(Math.round(p.plannedYuan / WAN)))
        .replace('{n}', String(rng.int(3, 40)))
        .replace('{kw}', String(nice(p.totalYuan / WAN / 2 + 500)));
      items.push({ i, problem: { type, level: 'county', title, content: `${p.name}：${detail}。`, raisedOn, deadline: formatDay(deadline), closedOn: null } });
    }
  }
  // Levels: a couple at the dispatch meeting, some with the leader or a city department.
  const levelCounts = apportion<ProblemLevel>([['county', 63], ['department', 24], ['leader', 12], ['dispatch', 1]], items.length);
  const levelList = rng.shuffle([...levelCounts].flatMap(([level, c]) => Array.from({ length: c }, () => level)));
  if (!levelList.includes('dispatch') && levelList.length) levelList[0] = 'dispatch';
  items.forEach((it, k) => {
    const level = at(levelList, k);
    const p = at(projects, it.i);
    it.problem.level = level;
    const party =
      level === 'county' ? `${p.unit}人民政府`
        : level === 'department' ? PROBLEMS[it.problem.type].dept || '市规划和自然资源局'
          : level === 'leader' ? `包联市领导${p.leader}`
            : '市项目建设调度会';
    it.problem.content += `需${party}协调解决。`;
  });
  // About half closed, on a day after raising and before 2023-05-31.
  const closing = rng.shuffle(items.slice()).slice(0, Math.round(items.length * 0.5));
  for (const it of closing) {
    const latest = minDay(dayAdd(it.problem.deadline, 20), ymd(Y, 5, 30));
    it.problem.closedOn = dayBetween(rng, minDay(dayAdd(it.problem.raisedOn, 3), latest), latest);
  }
  for (const it of items) at(projects, it.i).problems.push(it.problem);
}
