/** The supervised-matters contract, shared by the server, the web app and the tests. */
import { z } from 'zod';
import {
  MATTER_ACTIONS,
  MATTER_SOURCES,
  MATTER_STATES,
  RATINGS,
  REPLY_GRADES,
  REVIEW_GRADES,
} from '../../domain/matters.ts';

export const Day = z.iso.date({ error: '日期格式应为 YYYY-MM-DD 且为有效日期' });
const Text = (max: number) => z.string().trim().max(max);
const FileIds = z.array(z.string().min(1).max(64)).max(20).default([]);
const Id = z.number().int().positive();

export const LIGHTS = ['none', 'blue', 'yellow', 'red'] as const;

export const Deadline = z.object({
  id: z.number().int(),
  step: z.string(),
  kind: z.string(),
  unitId: z.number().int().nullable(),
  round: z.number().int(),
  due: z.string(),
  baseline: z.string(),
  ruleZh: z.string(),
  ruleEn: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  provisional: z.boolean(),
  status: z.enum(['open', 'met', 'superseded', 'waived']),
  metOn: z.string().nullable(),
});
export type Deadline = z.infer<typeof Deadline>;

export const LightReason = z.object({
  light: z.enum(['blue', 'yellow', 'red']),
  step: z.string(),
  due: z.string(),
  days: z.number().int(),
  zh: z.string(),
  en: z.string(),
});

/**
 * What a matter may be linked to (关联事项): another supervised matter (`targetId` is its id) or a
 * document outside the system, named as written (e.g. 市政府常务会议纪要〔2026〕12号).
 */
export const LINK_TYPES = ['matter', 'document'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** One link as a form sends it; the whole set is sent each time (on edit it replaces the old set). */
export const MatterLinkInput = z.strictObject({
  targetType: z.enum(LINK_TYPES),
  targetId: z.string().trim().min(1).max(60),
  note: Text(200).default(''),
});
export type MatterLinkInput = z.infer<typeof MatterLinkInput>;
const LinkSet = z.array(MatterLinkInput).max(20);

/**
 * A link as the reader sees it. A `matter` link names its target (code, title, state, light) only
 * when the reader may see that matter; otherwise `visible` is false and those fields are null.
 * A `document` link is its text: `visible` is true and the matter fields are null.
 */
export const MatterLink = z.object({
  targetType: z.enum(LINK_TYPES),
  targetId: z.string(),
  note: z.string(),
  visible: z.boolean(),
  matterId: z.number().int().nullable(),
  code: z.string().nullable(),
  title: z.string().nullable(),
  state: z.enum(MATTER_STATES).nullable(),
  light: z.enum(LIGHTS).nullable(),
});
export type MatterLink = z.infer<typeof MatterLink>;

/** A matter that links to this one (被关联), listed only when the reader may see it. */
export const MatterBacklink = z.object({
  matterId: z.number().int(),
  code: z.string(),
  title: z.string(),
  state: z.enum(MATTER_STATES),
  light: z.enum(LIGHTS),
  note: z.string(),
});
export type MatterBacklink = z.infer<typeof MatterBacklink>;

export const MatterUnit = z.object({ unitId: z.number().int(), unitName: z.string(), role: z.enum(['lead', 'assist']) });

export const MatterSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  source: z.enum(MATTER_SOURCES),
  profile: z.string(),
  major: z.boolean(),
  title: z.string(),
  state: z.enum(MATTER_STATES),
  light: z.enum(LIGHTS),
  assignedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  leadUnitId: z.number().int().nullable(),
  leadUnitName: z.string().nullable(),
  assignerUnitId: z.number().int(),
  assignerUnitName: z.string(),
  leaderId: z.number().int().nullable(),
  leaderName: z.string().nullable(),
  confidential: z.boolean(),
  proposer: z.string(),
  replyGrade: z.enum(REPLY_GRADES).nullable(),
  rating: z.enum(RATINGS).nullable(),
  reviewGrade: z.enum(REVIEW_GRADES).nullable(),
  closedOn: z.string().nullable(),
  closedOnTime: z.boolean().nullable(),
  progress: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type MatterSummary = z.infer<typeof MatterSummary>;

export const MatterEvent = z.object({
  id: z.number().int(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  actorName: z.string().nullable(),
  actorUnitName: z.string().nullable(),
  at: z.string(),
  body: z.record(z.string(), z.unknown()),
  files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number().int(), contentType: z.string() })),
});
export type MatterEvent = z.infer<typeof MatterEvent>;

export const Extension = z.object({
  id: z.number().int(),
  step: z.string(),
  currentDue: z.string(),
  requestedDue: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string(),
});

export const Matter = MatterSummary.extend({
  content: z.string(),
  sourceDoc: z.string(),
  requirement: z.string(),
  measures: z.string(),
  dayMode: z.enum(['calendar', 'working']),
  shiftOffNonWorking: z.boolean(),
  delegation: z.string(),
  sessionName: z.string(),
  rounds: z.number().int(),
  escalation: z.number().int(),
  lightReasons: z.array(LightReason),
  units: z.array(MatterUnit),
  deadlines: z.array(Deadline),
  events: z.array(MatterEvent),
  extensions: z.array(Extension),
  links: z.array(MatterLink),
  /** Visible matters whose links point at this one. */
  linkedFrom: z.array(MatterBacklink),
  /** The steps the signed-in user may take now (the web app shows these buttons). */
  allowedActions: z.array(z.enum(MATTER_ACTIONS)),
});
export type Matter = z.infer<typeof Matter>;

export const MatterList = z.object({ items: z.array(MatterSummary), total: z.number().int() });

export const BOXES = ['to_assign', 'to_sign', 'to_report', 'to_review', 'to_rate', 'due_soon', 'overdue', 'all'] as const;
export type Box = (typeof BOXES)[number];

export const ListMattersQuery = z.strictObject({
  box: z.enum(BOXES).default('all'),
  source: z.enum(MATTER_SOURCES).optional(),
  state: z.enum(MATTER_STATES).optional(),
  light: z.enum(LIGHTS).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  leaderId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListMattersQuery = z.infer<typeof ListMattersQuery>;

export const Inbox = z.object({
  counts: z.record(z.enum(BOXES), z.number().int()),
});

export const CreateMatterBody = z.strictObject({
  source: z.enum(MATTER_SOURCES),
  /** Clock profile code; defaults by source (13710, suggestion, rectification). */
  profile: z.string().regex(/^[a-z0-9_]{2,30}$/).optional(),
  major: z.boolean().default(false),
  title: z.string().trim().min(1).max(200),
  content: Text(20000).default(''),
  sourceDoc: Text(200).default(''),
  requirement: Text(5000).default(''),
  measures: Text(5000).default(''),
  /** Without a lead unit the matter is registered and waits to be assigned. */
  leadUnitId: Id.optional(),
  assistUnitIds: z.array(Id).max(30).default([]),
  leaderId: Id.nullable().optional(),
  assignedOn: Day.optional(),
  /** Rectification items: the deadline set at assignment. */
  dueOn: Day.optional(),
  dayMode: z.enum(['calendar', 'working']).optional(),
  shiftOffNonWorking: z.boolean().optional(),
  confidential: z.boolean().default(false),
  proposer: Text(100).default(''),
  delegation: Text(100).default(''),
  sessionName: Text(100).default(''),
  files: FileIds,
  links: LinkSet.default([]),
  requestId: z.string().min(8).max(64).optional(),
});
export type CreateMatterBody = z.infer<typeof CreateMatterBody>;

/** A deputy or CPPCC member files a suggestion or proposal; the supervision office assigns it. */
export const FileSuggestionBody = z.strictObject({
  source: z.enum(['suggestion', 'proposal']),
  title: z.string().trim().min(1).max(200),
  content: z.string().trim().min(1).max(20000),
  delegation: Text(100).default(''),
  sessionName: Text(100).default(''),
  files: FileIds,
  requestId: z.string().min(8).max(64).optional(),
});
export type FileSuggestionBody = z.infer<typeof FileSuggestionBody>;

export const UpdateMatterBody = z.strictObject({
  version: z.number().int(),
  title: z.string().trim().min(1).max(200).optional(),
  content: Text(20000).optional(),
  sourceDoc: Text(200).optional(),
  requirement: Text(5000).optional(),
  measures: Text(5000).optional(),
  leaderId: Id.nullable().optional(),
  confidential: z.boolean().optional(),
  /** The full new set of links (replaces the old one); absent leaves the links as they are. */
  links: LinkSet.optional(),
});
export type UpdateMatterBody = z.infer<typeof UpdateMatterBody>;

const Milestone = z.strictObject({ title: z.string().trim().min(1).max(100), due: Day });

/** One body for every step; each action validates the fields it needs (see service.ts). */
export const ActionBody = z.strictObject({
  action: z.enum(MATTER_ACTIONS),
  /** Opinion, progress, reason or reply text. */
  text: Text(10000).default(''),
  files: FileIds,
  leadUnitId: Id.optional(),
  assistUnitIds: z.array(Id).max(30).optional(),
  assignedOn: Day.optional(),
  dueOn: Day.optional(),
  major: z.boolean().optional(),
  grade: z.enum(REVIEW_GRADES).optional(),
  replyGrade: z.enum(REPLY_GRADES).optional(),
  rating: z.enum(RATINGS).optional(),
  requestedDue: Day.optional(),
  milestones: z.array(Milestone).min(1).max(20).optional(),
  /** A report that answers a milestone of the filed plan. */
  milestone: z.string().max(40).optional(),
  /** The same key on a retried request makes it a replay, not a second step. */
  requestId: z.string().min(8).max(64).optional(),
});
export type ActionBody = z.infer<typeof ActionBody>;

export const ActionResult = z.object({ matter: Matter, replayed: z.boolean() });
export type ActionResult = z.infer<typeof ActionResult>;

export const MatterIdParams = z.strictObject({ id: z.coerce.number().int().positive() });
