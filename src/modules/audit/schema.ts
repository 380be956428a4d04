import { z } from 'zod';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  unitId: z.number().int().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ListAuditQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;

export const AuditList = z.object({ items: z.array(AuditEntry), total: z.number().int() });
export type AuditList = z.infer<typeof AuditList>;

export const AuditProblem = z.object({
  id: z.number().int(),
  kind: z.enum(['altered', 'broken_link', 'missing']),
  message: z.string(),
});
export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  lastHash: z.string().nullable(),
  problems: z.array(AuditProblem),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

/** Actions the audit log records (entity.verb), for the filter in the web app. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.password_changed',
  'auth.sessions_revoked',
  'unit.create',
  'unit.update',
  'unit.delete',
  'leader.create',
  'leader.update',
  'user.create',
  'user.update',
  'user.reset_password',
  'user.unlock',
  'file.upload',
  'demo.load',
  'calendar.day.set',
  'calendar.day.clear',
  'calendar.year.set',
  'calendar.year.clear',
  'clock.update',
  'matter.create',
  'matter.submit',
  'matter.update',
  'matter.assign',
  'matter.reassign',
  'matter.sign',
  'matter.send_back',
  'matter.report',
  'matter.assist_view',
  'matter.file_plan',
  'matter.request_extension',
  'matter.approve_extension',
  'matter.reject_extension',
  'matter.request_closure',
  'matter.accept',
  'matter.return',
  'matter.reply',
  'matter.rate',
  'matter.escalate',
  'ledger.import',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'webhook.test',
  'project.create',
  'project.update',
  'project.stage',
  'project.import',
  'project.settings',
  'project.report.save',
  'project.report.submit',
  'project.report.confirm',
  'project.report.accept',
  'project.report.return',
  'project.report.correct',
  'project.problem.create',
  'project.problem.escalate',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
