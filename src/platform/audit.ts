/**
 * The audit log (留痕). Every write records who, when, which entity, the values before and after,
 * and the client address, through `recordAudit` on the same transaction as the change. The
 * database appends, numbers and hash-chains the rows (migration 0001) and refuses UPDATE, DELETE
 * and TRUNCATE; `verifyAudit` recomputes every hash and link.
 */
import type { Queryable } from './db/index.ts';
import type { AuditAction } from '../modules/audit/schema.ts';

/** Who is acting, from where: carried from the request into every use case. */
export interface Actor {
  userId: number | null;
  username: string | null;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system', ip: null };

export interface AuditEvent {
  /** One of AUDIT_ACTIONS: the web app has a label for each and filters by them. */
  action: AuditAction;
  entityType: string;
  entityId?: string | number | null;
  /** The unit the entity belongs to: scopes who may read the entry. */
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_KEYS = /password|hash|token|secret/i;

/** Removes secrets (password hashes, tokens) from the values written to the log. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(v);
    return out;
  }
  return value;
}

export async function recordAudit(tx: Queryable, actor: Actor, at: Date, event: AuditEvent): Promise<void> {
  await tx.query(
    `insert into audit_log (at, actor_id, actor_name, action, entity_type, entity_id, unit_id, before, after, ip)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      at,
      actor.userId,
      actor.username,
      event.action,
      event.entityType,
      event.entityId == null ? null : String(event.entityId),
      event.unitId ?? null,
      event.before === undefined || event.before === null ? null : JSON.stringify(redact(event.before)),
      event.after === undefined || event.after === null ? null : JSON.stringify(redact(event.after)),
      actor.ip,
    ],
  );
}

export interface AuditProblem {
  id: number;
  kind: 'altered' | 'broken_link' | 'missing';
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  lastHash: string | null;
  problems: AuditProblem[];
}

const ZERO_HASH = '0'.repeat(64);

/** Walks the whole chain in id order, in batches, and reports every altered, unlinked or missing row. */
export async function verifyAudit(db: Queryable, batchSize = 5000): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let checked = 0;
  let prevId = 0;
  let prevHash: string = ZERO_HASH;
  for (;;) {
    const rows = await db.query<{ id: number; prev_hash: string; hash: string; expected: string }>(
      `select id, prev_hash, hash,
              luoshi_audit_hash(prev_hash, id, at, actor_id, actor_name, action, entity_type, entity_id,
                                unit_id, before, after, ip) as expected
         from audit_log where id > $1 order by id limit $2`,
      [prevId, batchSize],
    );
    for (const r of rows) {
      checked++;
      if (r.id !== prevId + 1) {
        const from = prevId + 1;
        const to = r.id - 1;
        problems.push({
          id: r.id,
          kind: 'missing',
          message: from === to ? `第 ${from} 条记录缺失（row ${from} is missing）` : `第 ${from}–${to} 条记录缺失（rows ${from}–${to} are missing）`,
        });
      }
      if (r.prev_hash !== prevHash) {
        problems.push({ id: r.id, kind: 'broken_link', message: `第 ${r.id} 条记录与前一条的哈希链接不符（row ${r.id} does not link to its predecessor）` });
      }
      if (r.expected !== r.hash) {
        problems.push({ id: r.id, kind: 'altered', message: `第 ${r.id} 条记录内容被修改（row ${r.id} was altered）` });
      }
      prevId = r.id;
      prevHash = r.hash;
    }
    if (rows.length < batchSize) break;
  }
  return { ok: problems.length === 0, checked, lastHash: checked > 0 ? prevHash : null, problems };
}
