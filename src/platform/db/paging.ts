/** One page of a list and the total count in a single round trip (the shape every list endpoint uses). */
import type { Queryable } from './index.ts';

export interface PageSql {
  columns: string;
  /** `from … join …` */
  from: string;
  /** A boolean SQL expression over `params`. */
  where: string;
  orderBy: string;
}

export async function fetchPage<T>(q: Queryable, sql: PageSql, params: unknown[], page: number, pageSize: number): Promise<{ rows: T[]; total: number }> {
  const n = params.length;
  const rows = await q.query<T & { __total: number }>(
    `select ${sql.columns}, count(*) over ()::int as __total ${sql.from} where ${sql.where} order by ${sql.orderBy} limit $${n + 1} offset $${n + 2}`,
    [...params, pageSize, (page - 1) * pageSize],
  );
  if (rows.length > 0) return { rows, total: (rows[0] as { __total: number }).__total };
  // Past the last page the window has no row to ride on: count alone.
  const count = page > 1 ? await q.query<{ n: number }>(`select count(*)::int as n ${sql.from} where ${sql.where}`, params) : [];
  return { rows: [], total: count[0]?.n ?? 0 };
}
