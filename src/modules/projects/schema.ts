/**
 * The major-projects contract (千项千亿), shared by the server, the web app and the tests.
 * Money on the wire is integer 元 (fields end in `Yuan`); the web app shows 万元 and 亿元.
 */
import { z } from 'zod';
import {
  APPROVAL_KINDS,
  APPROVAL_STATUSES,
  LIGHT_RULE_LABELS,
  PROBLEM_LEVELS,
  PROBLEM_TYPES,
  PROJECT_CATEGORIES,
  PROJECT_STAGES,
  REPORT_STATES,
  type LightRule,
} from '../../domain/projects.ts';

const Day = z.iso.date({ error: '日期格式应为 YYYY-MM-DD 且为有效日期' });
const Text = (max: number) => z.string().trim().max(max);
const Id = z.number().int().positive();
const Yuan = z.number().int().min(0).max(10 ** 14);
export const MonthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });
export const PROJECT_LIGHTS = ['green', 'yellow', 'red'] as const;
const LIGHT_RULES = Object.keys(LIGHT_RULE_LABELS) as [LightRule, ...LightRule[]];

export const Approval = z.object({ status: z.enum(APPROVAL_STATUSES), date: Day.nullable().default(null) });
export const Approvals = z.partialRecord(z.enum(APPROVAL_KINDS), Approval);
export type Approvals = z.infer<typeof Approvals>;

export const ProjectLightReason = z.object({ rule: z.enum(LIGHT_RULES), light: z.enum(['yellow', 'red']), zh: z.string(), en: z.string() });

/** The editable fields of a project (create and update). */
const ProjectFields = {
  code: z.string().trim().min(1).max(40).regex(/^[0-9A-Za-z_\-.]+$/, { error: '项目编码只能包含字母、数字和 - _ .' }),
  name: z.string().trim().min(1).max(200),
  unitId: Id,
  deptId: Id.nullable().default(null),
  leaderId: Id.nullable().default(null),
  taskForce: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  category: z.enum(PROJECT_CATEGORIES),
  campaignYear: z.number().int().min(1990).max(2100),
  content: Text(5000).default(''),
  totalYuan: Yuan,
  plannedYuan: Yuan,
  plannedStart: Day.nullable().default(null),
  plannedFinish: Day.nullable().default(null),
  location: Text(200).default(''),
  lng: z.number().min(-180).max(180).nullable().default(null),
  lat: z.number().min(-90).max(90).nullable().default(null),
  registered: z.boolean().default(false),
  registeredOn: Day.nullable().default(null),
  approvals: Approvals.default({}),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  startDelayReason: Text(500).nullable().default(null),
};

export const CreateProjectBody = z.strictObject({
  ...ProjectFields,
  code: ProjectFields.code.optional(),
  stage: z.enum(PROJECT_STAGES).default('preparation'),
  actualStart: Day.nullable().default(null),
  actualFinish: Day.nullable().default(null),
});
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

/** Every field optional; `version` required; `reason` explains a revised plan (kept with the revision). */
export const UpdateProjectBody = z.strictObject({
  version: z.number().int().positive(),
  reason: Text(500).default(''),
  name: ProjectFields.name.optional(),
  unitId: Id.optional(),
  deptId: Id.nullable().optional(),
  leaderId: Id.nullable().optional(),
  taskForce: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
  category: z.enum(PROJECT_CATEGORIES).optional(),
  content: Text(5000).optional(),
  totalYuan: Yuan.optional(),
  plannedYuan: Yuan.optional(),
  plannedStart: Day.nullable().optional(),
  plannedFinish: Day.nullable().optional(),
  location: Text(200).optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  registered: z.boolean().optional(),
  registeredOn: Day.nullable().optional(),
  approvals: Approvals.optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).optional(),
  startDelayReason: Text(500).nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateProjectBody = z.infer<typeof UpdateProjectBody>;

export const StageBody = z.strictObject({
  version: z.number().int().positive(),
  stage: z.enum(PROJECT_STAGES),
  actualStart: Day.nullable().optional(),
  actualFinish: Day.nullable().optional(),
  note: Text(500).default(''),
});
export type StageBody = z.infer<typeof StageBody>;

export const Baseline = z.object({
  totalYuan: z.number().int(),
  plannedYuan: z.number().int(),
  plannedStart: z.string().nullable(),
  plannedFinish: z.string().nullable(),
});

export const ProjectSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  deptId: z.number().int().nullable(),
  deptName: z.string().nullable(),
  leaderId: z.number().int().nullable(),
  leaderName: z.string().nullable(),
  category: z.enum(PROJECT_CATEGORIES),
  stage: z.enum(PROJECT_STAGES),
  campaignYear: z.number().int(),
  totalYuan: z.number().int(),
  plannedYuan: z.number().int(),
  /** Completed in the campaign year through `month` (accepted reports). */
  completedYuan: z.number().int(),
  completionPercent: z.number().nullable(),
  leadPoints: z.number().nullable(),
  plannedStart: z.string().nullable(),
  actualStart: z.string().nullable(),
  registered: z.boolean(),
  light: z.enum(PROJECT_LIGHTS),
  lightReasons: z.array(ProjectLightReason),
  /** This month's report: its state, or null when none was started. */
  reportState: z.enum(REPORT_STATES).nullable(),
  openProblems: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const SORTS = ['code', 'name', 'total', 'planned', 'completed', 'completion', 'lead', 'light'] as const;

export const ListProjectsQuery = z.strictObject({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  month: MonthParam.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  deptId: z.coerce.number().int().positive().optional(),
  leaderId: z.coerce.number().int().positive().optional(),
  category: z.enum(PROJECT_CATEGORIES).optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  light: z.enum(PROJECT_LIGHTS).optional(),
  registered: z.enum(['yes', 'no']).optional(),
  /** Only projects behind the pace by at least this many points. */
  lagging: z.coerce.number().min(0).max(100).optional(),
  reportState: z.enum([...REPORT_STATES, 'missing']).optional(),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(SORTS).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListProjectsQuery = z.infer<typeof ListProjectsQuery>;

export const ProjectList = z.object({
  items: z.array(ProjectSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  year: z.number().int(),
  month: z.string(),
});
export type ProjectList = z.infer<typeof ProjectList>;

export const Photo = z.object({
  fileId: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  takenAt: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
});
export type Photo = z.infer<typeof Photo>;

export const Report = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  month: z.string(),
  edition: z.number().int(),
  state: z.enum(REPORT_STATES),
  completedYuan: z.number().int(),
  progress: z.string(),
  returnReason: z.string().nullable(),
  correctionReason: z.string().nullable(),
  filledByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  superseded: z.boolean(),
  late: z.boolean(),
  photos: z.array(Photo),
  version: z.number().int(),
});
export type Report = z.infer<typeof Report>;

export const Problem = z.object({
  matterId: z.number().int(),
  code: z.string(),
  type: z.enum(PROBLEM_TYPES),
  level: z.enum(PROBLEM_LEVELS),
  title: z.string(),
  state: z.string(),
  light: z.string(),
  dueOn: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  closedOn: z.string().nullable(),
});
export type Problem = z.infer<typeof Problem>;

export const StageChange = z.object({
  fromStage: z.enum(PROJECT_STAGES).nullable(),
  toStage: z.enum(PROJECT_STAGES),
  changedOn: z.string(),
  byName: z.string().nullable(),
  note: z.string(),
});

export const Revision = z.object({
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
  byName: z.string().nullable(),
  reason: z.string(),
  at: z.string(),
});

export const MonthPoint = z.object({ month: z.string(), completedYuan: z.number().int(), completedYtdYuan: z.number().int(), reportedOn: z.string().nullable(), light: z.enum(PROJECT_LIGHTS) });

export const Project = ProjectSummary.extend({
  taskForce: z.array(z.string()),
  content: z.string(),
  plannedFinish: z.string().nullable(),
  actualFinish: z.string().nullable(),
  startDelayReason: z.string().nullable(),
  location: z.string(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  registeredOn: z.string().nullable(),
  approvals: Approvals,
  tags: z.array(z.string()),
  baseline: Baseline,
  months: z.array(MonthPoint),
  reports: z.array(Report),
  problems: z.array(Problem),
  stages: z.array(StageChange),
  revisions: z.array(Revision),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof Project>;

export const ProjectIdParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const ReportParams = z.strictObject({ id: z.coerce.number().int().positive(), month: MonthParam });

export const SaveReportBody = z.strictObject({
  /** The report's row version when it exists (absent for the first save of the month). */
  version: z.number().int().positive().optional(),
  completedYuan: Yuan,
  progress: Text(5000).default(''),
  photoIds: z.array(z.string().min(1).max(64)).max(20).default([]),
  /** Save and submit in one step. */
  submit: z.boolean().default(false),
});
export type SaveReportBody = z.infer<typeof SaveReportBody>;

export const ReportActionBody = z.strictObject({
  action: z.enum(['submit', 'confirm', 'accept', 'return']),
  version: z.number().int().positive(),
  reason: Text(500).optional(),
});
export type ReportActionBody = z.infer<typeof ReportActionBody>;

export const CorrectReportBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export const CreateProblemBody = z.strictObject({
  type: z.enum(PROBLEM_TYPES),
  level: z.enum(PROBLEM_LEVELS).default('county'),
  title: z.string().trim().min(1).max(200),
  content: Text(5000).default(''),
  leadUnitId: Id,
  dueOn: Day,
  requestId: z.string().trim().min(8).max(64).optional(),
});
export type CreateProblemBody = z.infer<typeof CreateProblemBody>;

/** One row of "my reports this month", the review queue and the missing list. */
export const ReportTask = z.object({
  projectId: z.number().int(),
  code: z.string(),
  name: z.string(),
  unitName: z.string(),
  deptName: z.string().nullable(),
  month: z.string(),
  dueOn: z.string(),
  reportId: z.number().int().nullable(),
  state: z.enum(REPORT_STATES).nullable(),
  edition: z.number().int().nullable(),
  completedYuan: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
  late: z.boolean(),
  returnReason: z.string().nullable(),
  version: z.number().int().nullable(),
});
export type ReportTask = z.infer<typeof ReportTask>;

export const ReportTaskList = z.object({ month: z.string(), dueOn: z.string(), items: z.array(ReportTask), total: z.number().int() });
export const ReportTasksQuery = z.strictObject({
  month: MonthParam.optional(),
  box: z.enum(['mine', 'confirm', 'review', 'missing']).default('mine'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReportTasksQuery = z.infer<typeof ReportTasksQuery>;

export const Ratio = z.object({ numerator: z.number().int(), denominator: z.number().int(), percent: z.number().nullable(), text: z.string().nullable() });

export const Figures = z.object({
  month: z.string(),
  projects: z.number().int(),
  total: z.number().int(),
  planned: z.number().int(),
  completed: z.number().int(),
  dueToStart: z.number().int(),
  started: z.number().int(),
  mustRegister: z.number().int(),
  registered: z.number().int(),
  red: z.number().int(),
  yellow: z.number().int(),
  green: z.number().int(),
  completionRate: Ratio,
  pace: Ratio,
  leadPoints: z.number().nullable(),
  startRate: Ratio,
  registrationRate: Ratio,
});
export type Figures = z.infer<typeof Figures>;

export const GROUPINGS = ['county', 'dept', 'category', 'leader', 'stage'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export const RankedGroup = z.object({ key: z.string(), label: z.string(), rank: z.number().int(), figures: Figures });
export type RankedGroup = z.infer<typeof RankedGroup>;

export const FiguresQuery = z.strictObject({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  month: MonthParam.optional(),
});
export const RankingsQuery = FiguresQuery.extend({ by: z.enum(GROUPINGS).default('county') });

export const Rankings = z.object({ year: z.number().int(), month: z.string(), by: z.enum(GROUPINGS), overall: Figures, groups: z.array(RankedGroup) });
export type Rankings = z.infer<typeof Rankings>;

export const Dashboard = z.object({
  year: z.number().int(),
  month: z.string(),
  /** The campaign's months with accepted figures, for the month picker. */
  months: z.array(z.string()),
  overall: Figures,
  byCounty: z.array(RankedGroup),
  byStage: z.array(RankedGroup),
  byCategory: z.array(RankedGroup),
  /** Cumulative completed against the pace curve, January through `month`. */
  series: z.array(z.object({ month: z.string(), completed: z.number().int(), planned: z.number().int(), pacePercent: z.number(), completionPercent: z.number().nullable() })),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const ProjectSettings = z.object({
  reportMonth: MonthParam,
  campaignYear: z.number().int(),
  reportDay: z.number().int().min(1).max(31),
  startYellowMonths: z.number().int().min(0).max(24),
  startRedMonths: z.number().int().min(1).max(36),
  lagYellowPoints: z.number().min(0).max(100),
  lagRedPoints: z.number().min(0).max(100),
  registrationYellowMonths: z.number().int().min(0).max(24),
  registrationRedMonths: z.number().int().min(1).max(36),
  registrationMinYuan: Yuan,
  problemRedDays: z.number().int().min(1).max(365),
  missingReportsRed: z.number().int().min(1).max(12),
  problemEscalateDays: z.number().int().min(1).max(180),
  issuer: z.string().trim().min(1).max(60),
  issuerShort: z.string().trim().min(1).max(30),
  docPrefix: z.string().trim().min(1).max(20),
  version: z.number().int(),
});
export type ProjectSettings = z.infer<typeof ProjectSettings>;
export const UpdateSettingsBody = ProjectSettings.omit({ version: true }).partial().extend({ version: z.number().int().positive() }).strict();

export const ImportQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});

export const ImportRowOut = z.object({
  row: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  action: z.enum(['create', 'update']),
  totalYuan: z.number().int(),
  plannedYuan: z.number().int(),
  completedYuan: z.number().int().nullable(),
});
export const ImportError = z.object({ row: z.number().int().nullable(), column: z.string().nullable(), message: z.string(), messageEn: z.string() });
export const ImportResult = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  sheet: z.string().nullable(),
  created: z.number().int(),
  updated: z.number().int(),
  rows: z.array(ImportRowOut),
  errors: z.array(ImportError),
});
export type ImportResult = z.infer<typeof ImportResult>;
