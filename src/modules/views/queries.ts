/** Saved views: SQL. Every statement is limited to the owner's rows. */
import type { Queryable } from '../../platform/db/index.ts';
import type { SavedView, ViewPage } from './schema.ts';

interface ViewRow {
  id: number;
  page: ViewPage;
  name: string;
  query: string;
  updated_at: Date;
}

const toView = (r: ViewRow): SavedView => ({ id: r.id, page: r.page, name: r.name, query: r.query, updatedAt: r.updated_at.toISOString() });

export async function viewsOf(q: Queryable, userId: number, page: ViewPage): Promise<SavedView[]> {
  const rows = await q.query<ViewRow>(`select id, page, name, query, updated_at from saved_views where user_id = $1 and page = $2 order by name, id`, [userId, page]);
  return rows.map(toView);
}

export async function countViews(q: Queryable, userId: number, page: ViewPage): Promise<number> {
  const rows = await q.query<{ n: number }>(`select count(*)::int as n from saved_views where user_id = $1 and page = $2`, [userId, page]);
  return rows[0]?.n ?? 0;
}

/** Inserts the view, or replaces the query of the owner's view of that name; returns it. */
export async function upsertView(q: Queryable, userId: number, v: { page: ViewPage; name: string; query: string }, at: Date): Promise<SavedView> {
  const rows = await q.query<ViewRow>(
    `insert into saved_views (user_id, page, name, query, created_at, updated_at) values ($1, $2, $3, $4, $5, $5)
     on conflict (user_id, page, name) do update set query = excluded.query, updated_at = excluded.updated_at
     returning id, page, name, query, updated_at`,
    [userId, v.page, v.name, v.query, at],
  );
  return toView(rows[0] as ViewRow);
}

/** Deletes the owner's view; false when the owner has no view of that id. */
export async function deleteView(q: Queryable, userId: number, id: number): Promise<boolean> {
  const rows = await q.query(`delete from saved_views where id = $1 and user_id = $2 returning id`, [id, userId]);
  return rows.length > 0;
}
