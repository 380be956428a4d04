/** Saved views of list pages (常用视图): the contract shared by the server, the web app and the tests. */
import { z } from 'zod';

/** The list pages that keep saved views. */
export const VIEW_PAGES = ['projects'] as const;
export type ViewPage = (typeof VIEW_PAGES)[number];

/** A user keeps at most this many views of one page. */
export const MAX_VIEWS_PER_PAGE = 50;

export const SavedView = z.object({
  id: z.number().int(),
  page: z.enum(VIEW_PAGES),
  name: z.string(),
  /** The page's address query without its "?". */
  query: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof SavedView>;

export const SavedViewList = z.object({ items: z.array(SavedView) });
export type SavedViewList = z.infer<typeof SavedViewList>;

export const ListViewsQuery = z.strictObject({ page: z.enum(VIEW_PAGES) });
export type ListViewsQuery = z.infer<typeof ListViewsQuery>;

/** Saves a view under its name; a view of the same name on the page is replaced. */
export const SaveViewBody = z.strictObject({
  page: z.enum(VIEW_PAGES),
  name: z.string().trim().min(1, { error: '请输入视图名称' }).max(30, { error: '视图名称最多 30 个字' }),
  query: z
    .string()
    .max(2000, { error: '视图的筛选条件过长' })
    .refine((q) => !q.startsWith('?'), { error: '筛选条件不含开头的 “?”' }),
});
export type SaveViewBody = z.infer<typeof SaveViewBody>;

export const ViewIdParams = z.strictObject({ id: z.coerce.number().int().positive() });
