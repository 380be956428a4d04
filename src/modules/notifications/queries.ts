import type { Queryable } from '../../platform/db/index.ts';
import { fetchPage } from '../../platform/db/paging.ts';
import type { ListNotificationsQuery, Notification, Webhook, WebhookKind } from './schema.ts';

// ---------------------------------------------------------------- notifications

interface NotificationRow {
  id: number;
  kind: string;
  matter_id: number | null;
  title: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  matterId: r.matter_id,
  title: r.title,
  body: r.body,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});

export async function listMine(q: Queryable, userId: number, f: ListNotificationsQuery): Promise<{ items: Notification[]; total: number; unread: number }> {
  const where = f.unread ? 'n.user_id = $1 and n.read_at is null' : 'n.user_id = $1';
  const [page, unread] = await Promise.all([
    fetchPage<NotificationRow>(q, { columns: 'n.id, n.kind, n.matter_id, n.title, n.body, n.created_at, n.read_at', from: 'from notifications n', where, orderBy: 'n.id desc' }, [userId], f.page, f.pageSize),
    q.query<{ n: number }>('select count(*)::int as n from notifications where user_id = $1 and read_at is null', [userId]),
  ]);
  return { items: page.rows.map(toNotification), total: page.total, unread: unread[0]?.n ?? 0 };
}

/** Marks one of the user's notices read (kept read if it already was); false when it is not theirs. */
export async function markRead(q: Queryable, userId: number, id: number, now: Date): Promise<Notification | undefined> {
  const rows = await q.query<NotificationRow>(
    `update notifications set read_at = coalesce(read_at, $3) where id = $1 and user_id = $2
     returning id, kind, matter_id, title, body, created_at, read_at`,
    [id, userId, now],
  );
  return rows[0] && toNotification(rows[0]);
}

export async function markAllRead(q: Queryable, userId: number, now: Date): Promise<number> {
  const rows = await q.query('update notifications set read_at = $2 where user_id = $1 and read_at is null returning id', [userId, now]);
  return rows.length;
}

export interface NewNotification {
  userId: number;
  matterId: number | null;
  kind: string;
  key: string;
  title: string;
  body: string;
}

/**
 * Inserts the notices that do not exist yet (one per user and key, whichever process writes it
 * first) in the order given. Callers give a deterministic order (by matter), so two concurrent
 * writers meet on the same key first and never wait on each other crosswise. Returns how many were new.
 */
export async function insertNotifications(q: Queryable, list: readonly NewNotification[], now: Date): Promise<number> {
  if (list.length === 0) return 0;
  const rows = await q.query(
    `insert into notifications (user_id, matter_id, kind, dedupe_key, title, body, created_at)
     select u.user_id, u.matter_id, u.kind, u.key, u.title, u.body, $7
       from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[]) with ordinality as u(user_id, matter_id, kind, key, title, body, n)
      order by u.n
     on conflict (user_id, dedupe_key) do nothing
     returning id`,
    [list.map((n) => n.userId), list.map((n) => n.matterId), list.map((n) => n.kind), list.map((n) => n.key), list.map((n) => n.title), list.map((n) => n.body), now],
  );
  return rows.length;
}

// ---------------------------------------------------------------- webhooks

export interface WebhookRow {
  id: number;
  unit_id: number;
  kind: WebhookKind;
  name: string;
  url: string;
  secret: string | null;
  enabled: boolean;
  version: number;
  created_at: Date;
  pending: number;
  sent: number;
  failed: number;
  last_error: string | null;
}

const WEBHOOK_SELECT = `select w.id, w.unit_id, w.kind, w.name, w.url, w.secret, w.enabled, w.version, w.created_at,
    coalesce(s.pending, 0) as pending, coalesce(s.sent, 0) as sent, coalesce(s.failed, 0) as failed, s.last_error
  from unit_webhooks w
  left join lateral (
    select count(*) filter (where d.status = 'pending')::int as pending,
           count(*) filter (where d.status = 'sent' and d.sent_at > $2::timestamptz - interval '30 days')::int as sent,
           count(*) filter (where d.status = 'failed' and d.next_attempt > $2::timestamptz - interval '30 days')::int as failed,
           (select d2.last_error from webhook_deliveries d2 where d2.webhook_id = w.id and d2.last_error is not null order by d2.id desc limit 1) as last_error
      from webhook_deliveries d where d.webhook_id = w.id) s on true`;

export const toWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  unitId: r.unit_id,
  kind: r.kind,
  name: r.name,
  url: r.url,
  hasSecret: r.secret !== null,
  enabled: r.enabled,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  deliveries: { pending: r.pending, sent: r.sent, failed: r.failed, lastError: r.last_error },
});

export async function listWebhooks(q: Queryable, unitId: number, now: Date): Promise<WebhookRow[]> {
  return q.query<WebhookRow>(`${WEBHOOK_SELECT} where w.unit_id = $1 order by w.id`, [unitId, now]);
}

export async function getWebhook(q: Queryable, unitId: number, id: number, now: Date, forUpdate = false): Promise<WebhookRow | undefined> {
  if (forUpdate) await q.query('select id from unit_webhooks where id = $1 and unit_id = $2 for update', [id, unitId]);
  const rows = await q.query<WebhookRow>(`${WEBHOOK_SELECT} where w.id = $3 and w.unit_id = $1`, [unitId, now, id]);
  return rows[0];
}

export async function insertWebhook(q: Queryable, w: { unitId: number; kind: WebhookKind; name: string; url: string; secret: string | null; enabled: boolean }, now: Date): Promise<number> {
  const rows = await q.query<{ id: number }>(
    'insert into unit_webhooks (unit_id, kind, name, url, secret, enabled, created_at) values ($1, $2, $3, $4, $5, $6, $7) returning id',
    [w.unitId, w.kind, w.name, w.url, w.secret, w.enabled, now],
  );
  return (rows[0] as { id: number }).id;
}

export async function updateWebhook(q: Queryable, id: number, version: number, w: { name: string; url: string; secret: string | null; enabled: boolean }): Promise<boolean> {
  const rows = await q.query('update unit_webhooks set name = $6, url = $3, secret = $4, enabled = $5, version = version + 1 where id = $1 and version = $2 returning id', [
    id,
    version,
    w.url,
    w.secret,
    w.enabled,
    w.name,
  ]);
  return rows.length === 1;
}

export async function deleteWebhook(q: Queryable, id: number, version: number): Promise<boolean> {
  return (await q.query('delete from unit_webhooks where id = $1 and version = $2 returning id', [id, version])).length === 1;
}

export async function unitPathOf(q: Queryable, unitId: number): Promise<string | undefined> {
  const rows = await q.query<{ path: string }>('select path from units where id = $1', [unitId]);
  return rows[0]?.path;
}

// ---------------------------------------------------------------- the outbox

/** Enabled robot webhooks (not email) of the given units. */
export async function robotsOf(q: Queryable, unitIds: readonly number[]): Promise<{ id: number; unit_id: number; kind: 'dingtalk' | 'wecom' }[]> {
  if (unitIds.length === 0) return [];
  return q.query(`select id, unit_id, kind from unit_webhooks where unit_id = any($1::bigint[]) and enabled and kind in ('dingtalk', 'wecom') order by id`, [unitIds]);
}

/** Queues messages that are not queued yet (one per webhook and key), in the order given. Returns how many were new. */
export async function queueDeliveries(q: Queryable, list: readonly { webhookId: number; key: string; payload: unknown }[], now: Date): Promise<number> {
  if (list.length === 0) return 0;
  const rows = await q.query(
    `insert into webhook_deliveries (webhook_id, dedupe_key, payload, next_attempt)
     select u.webhook_id, u.key, u.payload::jsonb, $4
       from unnest($1::bigint[], $2::text[], $3::text[]) with ordinality as u(webhook_id, key, payload, n)
      order by u.n
     on conflict (webhook_id, dedupe_key) do nothing
     returning id`,
    [list.map((d) => d.webhookId), list.map((d) => d.key), list.map((d) => JSON.stringify(d.payload)), now],
  );
  return rows.length;
}

export interface ClaimedDelivery {
  id: number;
  webhook_id: number;
  kind: WebhookKind;
  url: string;
  secret: string | null;
  payload: unknown;
  attempts: number;
}

/**
 * Claims due deliveries (at most `perWebhook` per robot: DingTalk takes 20 messages a minute) that
 * no other process holds, counts the attempt, and leases them for `leaseMs` so that a process that
 * dies while sending leaves them to be retried.
 */
export async function claimDeliveries(q: Queryable, now: Date, opts: { perWebhook: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
  const ids = await q.query<{ id: number }>(
    `select d.id from webhook_deliveries d
      where d.id in (select x.id from (select d2.id, row_number() over (partition by d2.webhook_id order by d2.next_attempt, d2.id) as n
                                         from webhook_deliveries d2 join unit_webhooks w2 on w2.id = d2.webhook_id
                                        where d2.status = 'pending' and d2.next_attempt <= $1 and w2.enabled) x
                      where x.n <= $2)
      order by d.id
      for update of d skip locked`,
    [now, opts.perWebhook],
  );
  if (ids.length === 0) return [];
  return q.query<ClaimedDelivery>(
    `update webhook_deliveries d set attempts = d.attempts + 1, next_attempt = $2::timestamptz + make_interval(secs => $3)
       from unit_webhooks w
      where d.id = any($1::bigint[]) and w.id = d.webhook_id
      returning d.id, d.webhook_id, w.kind, w.url, w.secret, d.payload, d.attempts`,
    [ids.map((r) => r.id), now, opts.leaseMs / 1000],
  ).then((rows) => rows.sort((a, b) => a.id - b.id));
}

export async function markSent(q: Queryable, id: number, now: Date): Promise<void> {
  await q.query(`update webhook_deliveries set status = 'sent', sent_at = $2, last_error = null where id = $1 and status = 'pending'`, [id, now]);
}

/** A failed attempt: retried at `retryAt`, or given up (`failed`) when retryAt is null. */
export async function markFailed(q: Queryable, id: number, error: string, retryAt: Date | null): Promise<void> {
  if (retryAt) await q.query(`update webhook_deliveries set last_error = $2, next_attempt = $3 where id = $1 and status = 'pending'`, [id, error, retryAt]);
  else await q.query(`update webhook_deliveries set status = 'failed', last_error = $2 where id = $1 and status = 'pending'`, [id, error]);
}
