/** Saved views of list pages: a user's own, listed, saved under a name (replacing one of that name) and deleted. */
import type { SessionUser } from '../../platform/auth/sessions.ts';
import type { AppContext } from '../../platform/http/app.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import * as q from './queries.ts';
import { MAX_VIEWS_PER_PAGE, type SavedView, type SaveViewBody, type ViewPage } from './schema.ts';

const VIEW = { zh: '视图', en: 'View' };

export async function listViews(ctx: AppContext, user: SessionUser, page: ViewPage): Promise<{ items: SavedView[] }> {
  return { items: await q.viewsOf(ctx.db, user.id, page) };
}

export async function saveView(ctx: AppContext, user: SessionUser, body: SaveViewBody): Promise<SavedView> {
  return ctx.db.tx(async (tx) => {
    const mine = await q.viewsOf(tx, user.id, body.page);
    if (!mine.some((v) => v.name === body.name) && mine.length >= MAX_VIEWS_PER_PAGE) {
      throw new AppError('CONFLICT', {
        message: `每个页面最多保存 ${MAX_VIEWS_PER_PAGE} 个视图，请先删除不用的视图`,
        messageEn: `You can keep at most ${MAX_VIEWS_PER_PAGE} views of a page; delete one you no longer use`,
      });
    }
    return q.upsertView(tx, user.id, body, ctx.clock.now());
  });
}

export async function deleteView(ctx: AppContext, user: SessionUser, id: number): Promise<void> {
  // another user's view is not admitted to exist
  if (!(await q.deleteView(ctx.db, user.id, id))) throw notFound(VIEW, id);
}
