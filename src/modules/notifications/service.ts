/**
 * Notifications (站内通知) and unit webhooks (群机器人推送), and the two background jobs that feed
 * them: `matters.daily` (deadlines and lights recomputed, then reminders, warnings and escalation
 * for every open matter) and `webhooks.deliver` (the outbox sent to the robots, with retries).
 *
 * Every notice has a dedupe key; a notice is one row per user and key and a robot message one row
 * per webhook and key, both inserted with `on conflict do nothing`: however often the job runs, and
 * from however many processes, each is written once.
 */
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../../platform/audit.ts';
import { AppError, notFound, validationError, versionConflict } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/http/app.ts';
import type { Queryable, Tx } from '../../platform/db/index.ts';
import type { Job, JobContext, JobWork } from '../../platform/jobs.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import { dayInChina, escalationOf, explainReason, LIGHT_LABELS, type LightReason, type LitDeadline, type MatterState } from '../../domain/matters.ts';
import { recomputeAll } from '../matters/recompute.ts';
import * as q from './queries.ts';
import type { CreateWebhookBody, ListNotificationsQuery, NotificationKind, UpdateWebhookBody, Webhook, WebhookKind, WebhookTestResult } from './schema.ts';
import { EMAIL_PATTERN, MAX_ATTEMPTS, backoffMs, postWebhook, robotPayload, signedUrl, urlProblem, type Message } from './webhooks.ts';

export const WEBHOOK = { zh: '消息推送', en: 'Webhook' };
export const NOTIFICATION = { zh: '通知', en: 'Notification' };

// ---------------------------------------------------------------- my notifications

export async function listMine(ctx: AppContext, user: SessionUser, f: ListNotificationsQuery) {
  return q.listMine(ctx.db, user.id, f);
}

export async function markRead(ctx: AppContext, user: SessionUser, id: number) {
  const n = await q.markRead(ctx.db, user.id, id, ctx.clock.now());
  // Another user's notice is not admitted to exist.
  if (!n) throw notFound(NOTIFICATION, id);
  return n;
}

export async function markAllRead(ctx: AppContext, user: SessionUser) {
  return { updated: await q.markAllRead(ctx.db, user.id, ctx.clock.now()) };
}

// ---------------------------------------------------------------- unit webhooks

const publicWebhook = q.toWebhook;

/** The robot URL with its query values hidden, for the audit log (access tokens are secrets). */
function maskedUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const k of [...u.searchParams.keys()]) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return url;
  }
}
const auditView = (w: Webhook) => ({ ...w, url: w.kind === 'email' ? w.url : maskedUrl(w.url), deliveries: undefined });

/** Checks the address of a webhook of `kind` (and that email is possible at all). */
function checkTarget(ctx: AppContext, kind: WebhookKind, url: string, secret: string | null | undefined): void {
  if (kind === 'email') {
    if (!ctx.config.smtpUrl) {
      throw validationError([
        {
          field: 'kind',
          message: '未配置邮件服务器（LUOSHI_SMTP_URL），不能添加邮件通知',
          messageEn: 'No mail server is configured (LUOSHI_SMTP_URL): email notifications cannot be added',
        },
      ]);
    }
    if (!EMAIL_PATTERN.test(url)) throw validationError([{ field: 'url', message: '不是有效的电子邮件地址', messageEn: 'not a valid email address' }]);
    if (secret) throw validationError([{ field: 'secret', message: '邮件通知没有加签密钥', messageEn: 'email has no signing secret' }]);
    return;
  }
  const problem = urlProblem(url);
  if (problem) throw validationError([{ field: 'url', message: problem.zh, messageEn: problem.en }]);
  if (kind === 'wecom' && secret) throw validationError([{ field: 'secret', message: '企业微信群机器人不使用加签密钥', messageEn: 'WeCom robots do not sign messages' }]);
}

export async function listWebhooks(ctx: AppContext, unitId: number): Promise<Webhook[]> {
  return (await q.listWebhooks(ctx.db, unitId, ctx.clock.now())).map(publicWebhook);
}

export async function createWebhook(ctx: AppContext, actor: Actor, unitId: number, body: CreateWebhookBody): Promise<Webhook> {
  checkTarget(ctx, body.kind, body.url, body.secret);
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const id = await q.insertWebhook(tx, { unitId, kind: body.kind, name: body.name, url: body.url, secret: body.secret ?? null, enabled: body.enabled }, now);
    const w = publicWebhook((await q.getWebhook(tx, unitId, id, now)) as q.WebhookRow);
    await recordAudit(tx, actor, now, { action: 'webhook.create', entityType: 'webhook', entityId: id, unitId, after: auditView(w) });
    return w;
  });
}

export async function updateWebhook(ctx: AppContext, actor: Actor, unitId: number, id: number, body: UpdateWebhookBody): Promise<Webhook> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const before = await q.getWebhook(tx, unitId, id, now, true);
    if (!before) throw notFound(WEBHOOK, id);
    if (before.version !== body.version) throw versionConflict(before.version);
    const next = {
      name: body.name ?? before.name,
      url: body.url ?? before.url,
      secret: body.secret === undefined ? before.secret : body.secret,
      enabled: body.enabled ?? before.enabled,
    };
    checkTarget(ctx, before.kind, next.url, next.secret);
    if (!(await q.updateWebhook(tx, id, body.version, next))) throw versionConflict(before.version);
    const after = publicWebhook((await q.getWebhook(tx, unitId, id, now)) as q.WebhookRow);
    await recordAudit(tx, actor, now, {
      action: 'webhook.update',
      entityType: 'webhook',
      entityId: id,
      unitId,
      before: auditView(publicWebhook(before)),
      after: { ...auditView(after), secretChanged: body.secret !== undefined },
    });
    return after;
  });
}

export async function deleteWebhook(ctx: AppContext, actor: Actor, unitId: number, id: number, version: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.tx(async (tx) => {
    const before = await q.getWebhook(tx, unitId, id, now, true);
    if (!before) throw notFound(WEBHOOK, id);
    if (before.version !== version || !(await q.deleteWebhook(tx, id, version))) throw versionConflict(before.version);
    await recordAudit(tx, actor, now, { action: 'webhook.delete', entityType: 'webhook', entityId: id, unitId, before: auditView(publicWebhook(before)) });
  });
}

/** Sends a test message at once (not through the outbox) and reports what the robot answered. */
export async function testWebhook(ctx: AppContext, actor: Actor, user: SessionUser, unitId: number, id: number): Promise<WebhookTestResult> {
  const now = ctx.clock.now();
  const w = await q.getWebhook(ctx.db, unitId, id, now);
  if (!w) throw notFound(WEBHOOK, id);
  if (w.kind === 'email') throw new AppError('CONFLICT', { message: '邮件通知暂不支持发送测试消息', messageEn: 'Test messages are not available for email' });
  const m: Message = {
    title: '落实平台测试消息',
    text: `### 落实平台测试消息\n\n这是一条测试消息：本群机器人已接入督办提醒。\n\n- 发送人：${user.displayName}\n- 时间：${formatChinaTime(now)}`,
  };
  const r = await postWebhook(signedUrl(w.kind, w.url, w.secret, now.getTime()), robotPayload(w.kind, m));
  await ctx.db.tx((tx) => recordAudit(tx, actor, now, { action: 'webhook.test', entityType: 'webhook', entityId: id, unitId, after: r }));
  return r;
}

function formatChinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

// ---------------------------------------------------------------- reminders and escalation

interface OpenMatterRow {
  id: number;
  code: string;
  title: string;
  state: MatterState;
  light: string;
  light_reasons: LitDeadline[];
  escalation: number;
  lead_unit_id: number | null;
  lead_unit_name: string | null;
  lead_unit_path: string | null;
  assigner_unit_id: number;
  assigner_unit_name: string;
  filed_by: number | null;
  leader_name: string | null;
  leader_user_id: number | null;
  leader_after: number;
  assigned_event: number | null;
  closure_event: number | null;
  reply_event: number | null;
  pending_extension: number | null;
}

interface StaffRow {
  id: number;
  unit_id: number;
  role: 'unit_clerk' | 'unit_head' | 'supervisor';
  scope: 'unit' | 'subtree' | 'city';
  path: string;
}

/** One event to tell: its notices (one per user) and robot messages (one per webhook of its units) share the key. */
interface Notice {
  key: string;
  kind: NotificationKind;
  matterId: number;
  title: string;
  body: string;
  users: number[];
  units: number[];
}

/** Who handles, heads and reviews, from the active accounts. */
class Staff {
  private handlers = new Map<number, number[]>();
  private ownHeads = new Map<number, number[]>();
  private subtreeHeads: StaffRow[] = [];
  private supervisors = new Map<number, number[]>();
  constructor(rows: readonly StaffRow[]) {
    const add = (m: Map<number, number[]>, k: number, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
    for (const r of rows) {
      if (r.role === 'unit_clerk' || r.role === 'unit_head') add(this.handlers, r.unit_id, r.id);
      if (r.role === 'unit_head') add(this.ownHeads, r.unit_id, r.id);
      if (r.role === 'unit_head' && r.scope === 'subtree') this.subtreeHeads.push(r);
      if (r.role === 'supervisor') add(this.supervisors, r.unit_id, r.id);
    }
  }
  /** Clerks and heads whose own unit is the unit. */
  handlersOf(unitId: number): number[] {
    return this.handlers.get(unitId) ?? [];
  }
  /** The unit's heads: those of the unit itself, else those of the nearest unit above whose reach covers it. */
  headsOf(unitId: number, path: string): number[] {
    const own = this.ownHeads.get(unitId);
    if (own?.length) return own;
    const above = this.subtreeHeads.filter((h) => path.startsWith(h.path));
    const nearest = Math.max(0, ...above.map((h) => h.path.length));
    return above.filter((h) => h.path.length === nearest).map((h) => h.id);
  }
  /** Supervisors of the assigning unit: they review closures and extensions. */
  reviewersOf(unitId: number): number[] {
    return this.supervisors.get(unitId) ?? [];
  }
}

const uniq = (ids: readonly number[]) => [...new Set(ids)].sort((a, b) => a - b);

/** The notices due for one open matter, and the escalation level it has reached. */
function noticesOf(m: OpenMatterRow, staff: Staff, today: string): { notices: Notice[]; level: 0 | 1 | 2; overdue: LightReason | undefined } {
  const out: Notice[] = [];
  const lead = m.lead_unit_id;
  const handlers = lead ? staff.handlersOf(lead) : [];
  const leadUnits = lead ? [lead] : [];
  const name = `${m.code}「${m.title}」`;
  const seen = new Set<string>();
  const push = (n: Notice) => {
    if (seen.has(n.key)) return;
    seen.add(n.key);
    out.push({ ...n, users: uniq(n.users) });
  };

  const reasons = m.light_reasons.map((r) => explainReason(r, today));
  for (const r of reasons) {
    const label = LIGHT_LABELS[r.light].zh.slice(0, 2);
    const key = r.light === 'red' ? `red:${m.id}:${r.due}` : `${r.light}:${m.id}:${r.step}:${r.due}`;
    const head = r.light === 'red' ? '已逾期' : r.light === 'yellow' ? '进度滞后' : '临近时限';
    push({ key, kind: r.light, matterId: m.id, title: `【${label}】${head}：${m.title}`, body: `${name} ${r.zh}`, users: handlers, units: leadUnits });
  }

  const overdue = reasons.filter((r) => r.light === 'red').sort((a, b) => b.days - a.days)[0];
  const level = escalationOf(m.light_reasons, today, m.leader_after);
  if (level > 0 && overdue && lead && m.lead_unit_path) {
    const heads = staff.headsOf(lead, m.lead_unit_path);
    const leader = level === 2 && m.leader_user_id ? [m.leader_user_id] : [];
    const toLeader = level === 2 ? (m.leader_name ? `，已报告责任领导${m.leader_name}` : '，已达报告责任领导时限（未指定责任领导）') : '，请单位负责人督促办理';
    push({
      key: `escalate:${m.id}:${level}:${overdue.due}`,
      kind: 'escalate',
      matterId: m.id,
      title: `【逾期升级】${m.title}`,
      body: `${name} 已逾期${overdue.days}天（时限${overdue.due}，主办单位${m.lead_unit_name ?? ''}）${toLeader}。`,
      users: [...heads, ...leader],
      units: leadUnits,
    });
  }

  if (m.state === 'assigned' && m.assigned_event && lead) {
    push({ key: `sign:${m.id}:${m.assigned_event}`, kind: 'sign', matterId: m.id, title: `【待签收】${m.title}`, body: `${m.assigner_unit_name}交办 ${name}，请及时签收。`, users: handlers, units: leadUnits });
  }
  if (m.state === 'closure_requested' && m.closure_event) {
    push({
      key: `review:${m.id}:${m.closure_event}`,
      kind: 'review',
      matterId: m.id,
      title: `【待审核】${m.title}`,
      body: `${m.lead_unit_name ?? '承办单位'}已申请办结 ${name}，请审核。`,
      users: staff.reviewersOf(m.assigner_unit_id),
      units: [m.assigner_unit_id],
    });
  }
  if (m.pending_extension) {
    push({
      key: `extension:${m.id}:${m.pending_extension}`,
      kind: 'extension',
      matterId: m.id,
      title: `【延期申请】${m.title}`,
      body: `${m.lead_unit_name ?? '承办单位'}申请延期 ${name}，请审批。`,
      users: staff.reviewersOf(m.assigner_unit_id),
      units: [m.assigner_unit_id],
    });
  }
  if (m.state === 'replied' && m.reply_event && m.filed_by) {
    push({ key: `rate:${m.id}:${m.reply_event}`, kind: 'rate', matterId: m.id, title: `【待评价】${m.title}`, body: `${name} 已答复，请评价办理结果。`, users: [m.filed_by], units: [] });
  }
  return { notices: out, level, overdue };
}

function messageOf(n: Notice): Message {
  return { title: n.title, text: `### ${n.title}\n\n${n.body}` };
}

export interface NotifyResult {
  matters: number;
  notices: number;
  notifications: number;
  deliveries: number;
  escalated: number;
}

/**
 * Computes what to tell for every open matter (lights as stored: run after the recompute) and
 * writes what was not written before: notices, robot messages, escalation steps.
 */
export async function notifyOpenMatters(tx: Queryable, now: Date): Promise<NotifyResult> {
  // One query after the other: a transaction is one connection.
  const matters = await tx.query<OpenMatterRow>(
    `select m.id, m.code, m.title, m.state, m.light, m.light_reasons, m.escalation,
            m.lead_unit_id, lu.name as lead_unit_name, lu.path as lead_unit_path, m.assigner_unit_id, au.name as assigner_unit_name,
            fu.id as filed_by, l.name as leader_name, luser.id as leader_user_id,
            coalesce((p.settings->>'escalateLeaderAfterDays')::int, 3) as leader_after,
            (select max(e.id) from matter_events e where e.matter_id = m.id and e.action in ('create', 'assign', 'reassign')) as assigned_event,
            (select max(e.id) from matter_events e where e.matter_id = m.id and e.action = 'request_closure') as closure_event,
            (select max(e.id) from matter_events e where e.matter_id = m.id and e.action = 'reply') as reply_event,
            (select max(x.id) from matter_extensions x where x.matter_id = m.id and x.status = 'pending') as pending_extension
       from matters m
       join clock_profiles p on p.code = m.profile
       join units au on au.id = m.assigner_unit_id
       left join units lu on lu.id = m.lead_unit_id
       left join leaders l on l.id = m.leader_id and l.active
       left join users luser on luser.id = l.user_id and not luser.disabled
       left join users fu on fu.id = m.filed_by and not fu.disabled
      where m.state in ('assigned', 'in_progress', 'closure_requested', 'replied')
      order by m.id`,
  );
  const staffRows = await tx.query<StaffRow>(
    `select u.id, u.unit_id, u.role, u.scope, un.path from users u join units un on un.id = u.unit_id
      where not u.disabled and u.role in ('unit_clerk', 'unit_head', 'supervisor') order by u.id`,
  );
  const staff = new Staff(staffRows);
  const notices: Notice[] = [];
  const rises: { m: OpenMatterRow; level: number; overdue: LightReason; notified: number[] }[] = [];
  for (const m of matters) {
    const r = noticesOf(m, staff, dayInChina(now));
    notices.push(...r.notices);
    if (r.level > m.escalation && r.overdue) rises.push({ m, level: r.level, overdue: r.overdue, notified: r.notices.find((n) => n.kind === 'escalate')?.users ?? [] });
  }

  const escalated = await raiseEscalation(tx, rises, now);

  const notifications = await q.insertNotifications(
    tx,
    notices.flatMap((n) => n.users.map((userId) => ({ userId, matterId: n.matterId, kind: n.kind, key: n.key, title: n.title, body: n.body }))),
    now,
  );

  const robots = await q.robotsOf(tx, uniq(notices.flatMap((n) => n.units)));
  const byUnit = new Map<number, typeof robots>();
  for (const w of robots) byUnit.set(w.unit_id, [...(byUnit.get(w.unit_id) ?? []), w]);
  const deliveries = await q.queueDeliveries(
    tx,
    notices.flatMap((n) => n.units.flatMap((u) => (byUnit.get(u) ?? []).map((w) => ({ webhookId: w.id, key: n.key, payload: robotPayload(w.kind, messageOf(n)) })))),
    now,
  );
  return { matters: matters.length, notices: notices.length, notifications, deliveries, escalated };
}

/** Raises the escalation of overdue matters (never lowers it), with a timeline step and an audit entry each. */
async function raiseEscalation(tx: Queryable, rises: { m: OpenMatterRow; level: number; overdue: LightReason; notified: number[] }[], now: Date): Promise<number> {
  if (rises.length === 0) return 0;
  const ids = rises.map((r) => r.m.id);
  // Locked in id order; a concurrent writer that raised it first leaves nothing to raise here.
  const changed = await tx.query<{ id: number; before: number; after: number }>(
    `with old as (select id, escalation from matters where id = any($1::bigint[]) order by id for update)
     update matters m set escalation = u.level
       from unnest($1::bigint[], $2::int[]) as u(id, level), old
      where m.id = u.id and old.id = u.id and old.escalation < u.level
      returning m.id, old.escalation as before, m.escalation as after`,
    [ids, rises.map((r) => r.level)],
  );
  const byId = new Map(rises.map((r) => [r.m.id, r]));
  for (const c of changed.sort((a, b) => a.id - b.id)) {
    const r = byId.get(c.id) as (typeof rises)[number];
    const body = {
      level: c.after,
      from: c.before,
      overdueDays: r.overdue.days,
      due: r.overdue.due,
      step: r.overdue.step,
      text: c.after === 2 ? `逾期${r.overdue.days}天，升级至责任领导${r.m.leader_name ?? '（未指定）'}` : `逾期${r.overdue.days}天，升级至主办单位负责人`,
      notified: r.notified,
    };
    await tx.query(
      `insert into matter_events (matter_id, action, from_state, to_state, actor_name, at, body) values ($1, 'escalate', $2, $2, 'system', $3, $4)`,
      [c.id, r.m.state, now, JSON.stringify(body)],
    );
    await recordAudit(tx, SYSTEM_ACTOR, now, {
      action: 'matter.escalate',
      entityType: 'matter',
      entityId: c.id,
      unitId: r.m.lead_unit_id ?? r.m.assigner_unit_id,
      before: { escalation: c.before },
      after: body,
    });
  }
  return changed.length;
}

// ---------------------------------------------------------------- jobs

/** `matters.daily`: deadlines and lights recomputed, then reminders and escalation. */
async function mattersDaily(tx: Tx, now: Date): Promise<JobWork> {
  const recompute = await recomputeAll(tx, now);
  const notify = await notifyOpenMatters(tx, now);
  return { result: { day: dayInChina(now), recompute: { ...recompute }, ...notify } };
}

const DELIVERY_LEASE_MS = 10 * 60_000;
const PER_WEBHOOK_PER_RUN = 20;
const PARALLEL_ROBOTS = 4;

/** `webhooks.deliver`: claims due messages, sends them after the claim commits, records the outcome. */
async function deliverWebhooks(tx: Tx, now: Date, ctx: JobContext): Promise<JobWork> {
  const claimed = await q.claimDeliveries(tx, now, { perWebhook: PER_WEBHOOK_PER_RUN, leaseMs: DELIVERY_LEASE_MS });
  if (claimed.length === 0) return { result: { claimed: 0 } };
  return {
    result: { claimed: claimed.length },
    after: async () => {
      const counts = { sent: 0, retrying: 0, failed: 0 };
      // One robot's messages in order; a few robots at a time.
      const byHook = new Map<number, q.ClaimedDelivery[]>();
      for (const d of claimed) byHook.set(d.webhook_id, [...(byHook.get(d.webhook_id) ?? []), d]);
      const groups = [...byHook.values()];
      const work = async (group: q.ClaimedDelivery[]) => {
        for (const d of group) {
          if (d.kind === 'email') continue;
          const r = await postWebhook(signedUrl(d.kind, d.url, d.secret, now.getTime()), d.payload);
          if (r.ok) {
            await q.markSent(ctx.db, d.id, now);
            counts.sent++;
          } else if (d.attempts >= MAX_ATTEMPTS) {
            await q.markFailed(ctx.db, d.id, r.error ?? 'failed', null);
            counts.failed++;
          } else {
            await q.markFailed(ctx.db, d.id, r.error ?? 'failed', new Date(now.getTime() + backoffMs(d.attempts)));
            counts.retrying++;
          }
        }
      };
      for (let i = 0; i < groups.length; i += PARALLEL_ROBOTS) await Promise.all(groups.slice(i, i + PARALLEL_ROBOTS).map(work));
      return counts;
    },
  };
}

export const NOTIFICATION_JOBS: Job[] = [
  { name: 'matters.daily', intervalMs: (config) => config.reminderMinutes * 60_000, run: (tx, now) => mattersDaily(tx, now) },
  { name: 'webhooks.deliver', intervalMs: () => 60_000, run: deliverWebhooks },
];
