/** The notifications and unit-webhooks contract, shared by the server, the web app and the tests. */
import { z } from 'zod';

/** What a notice is about: a warning light, an escalation, or a step waiting for the reader. */
export const NOTIFICATION_KINDS = ['blue', 'yellow', 'red', 'escalate', 'sign', 'review', 'extension', 'rate'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const Notification = z.object({
  id: z.number().int(),
  kind: z.string(),
  matterId: z.number().int().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const ListNotificationsQuery = z.strictObject({
  /** Only the unread ones. */
  unread: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export const NotificationList = z.object({ items: z.array(Notification), total: z.number().int(), unread: z.number().int() });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationIdParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const ReadAllResult = z.object({ updated: z.number().int() });

// ---------------------------------------------------------------- unit webhooks

export const WEBHOOK_KINDS = ['dingtalk', 'wecom', 'email'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export const WEBHOOK_KIND_LABELS: Record<WebhookKind, { zh: string; en: string }> = {
  dingtalk: { zh: '钉钉群机器人', en: 'DingTalk group robot' },
  wecom: { zh: '企业微信群机器人', en: 'WeCom group robot' },
  email: { zh: '电子邮件', en: 'Email' },
};

/** A webhook as the API shows it: the signing secret never leaves the server. */
export const Webhook = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  kind: z.enum(WEBHOOK_KINDS),
  /** What the unit calls it, e.g. the group it posts to ("" when not named). */
  name: z.string(),
  /** The robot's URL, or for email the address. */
  url: z.string(),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  /** Deliveries waiting, sent and failed (the last 30 days). */
  deliveries: z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int(), lastError: z.string().nullable() }),
});
export type Webhook = z.infer<typeof Webhook>;

const Secret = z.string().trim().min(1).max(200);
const RobotName = z.string().trim().max(50);

export const CreateWebhookBody = z.strictObject({
  kind: z.enum(WEBHOOK_KINDS),
  name: RobotName.default(''),
  url: z.string().trim().min(1).max(500),
  /** DingTalk: the robot's signing secret (加签), when the robot uses signing. */
  secret: Secret.nullable().optional(),
  enabled: z.boolean().default(true),
});
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const UpdateWebhookBody = z.strictObject({
  version: z.number().int().positive(),
  name: RobotName.optional(),
  url: z.string().trim().min(1).max(500).optional(),
  /** A new secret; null removes it; absent keeps it. */
  secret: Secret.nullable().optional(),
  enabled: z.boolean().optional(),
});
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

export const WebhookParams = z.strictObject({ id: z.coerce.number().int().positive(), wid: z.coerce.number().int().positive() });
export const UnitParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const VersionQuery = z.strictObject({ version: z.coerce.number().int().positive() });

export const WebhookTestResult = z.object({ ok: z.boolean(), status: z.number().int().nullable(), error: z.string().nullable() });
export type WebhookTestResult = z.infer<typeof WebhookTestResult>;
