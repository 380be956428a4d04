import type { Queryable } from '../../platform/db/index.ts';
import type { Subject } from '../../platform/policies.ts';
import { reachSql } from '../../platform/reach.ts';
import { fetchPage } from '../../platform/db/paging.ts';
import type { AuditEntry, ListAuditQuery } from './schema.ts';

interface AuditRow {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  unit_id: number | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  hash: string;
}

/** Entries whose unit lies in the reader's reach (entries with no unit: city-wide readers only). */
export async function listAudit(q: Queryable, reader: Subject, f: ListAuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
  const params: unknown[] = [];
  const where = [reader.scope === 'city' ? 'true' : `(un.id is not null and ${reachSql(reader, 'un.id', 'un.path', params)})`];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (f.from) add((n) => `a.at >= $${n}`, new Date(f.from));
  if (f.to) add((n) => `a.at < $${n}`, new Date(f.to));
  if (f.actor) add((n) => `a.actor_name = $${n}`, f.actor);
  if (f.action) add((n) => `a.action = $${n}`, f.action);
  if (f.entityType) add((n) => `a.entity_type = $${n}`, f.entityType);
  if (f.entityId) add((n) => `a.entity_id = $${n}`, f.entityId);
  const { rows, total } = await fetchPage<AuditRow>(
    q,
    {
      columns: 'a.id, a.at, a.actor_id, a.actor_name, a.action, a.entity_type, a.entity_id, a.unit_id, a.before, a.after, a.ip, a.hash',
      from: 'from audit_log a left join units un on un.id = a.unit_id',
      where: where.join(' and '),
      orderBy: 'a.id desc',
    },
    params,
    f.page,
    f.pageSize,
  );
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      unitId: r.unit_id,
      before: r.before ?? null,
      after: r.after ?? null,
      ip: r.ip,
      hash: r.hash,
    })),
  };
}
