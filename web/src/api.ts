/**
 * The one way the web app talks to the server. Same-origin cookies carry the session; every
 * non-GET request carries the CSRF token of the current user. Failures become ApiError with the
 * server's stable code and both languages of its message.
 */
import type { z } from 'zod';
import type { ErrorBody, ErrorCode, FieldIssue } from '../../src/platform/errors.ts';
import type { ChangePasswordBody, LoginBody, LoginResult, Me, SessionInfo } from '../../src/modules/auth/schema.ts';
import type {
  CreateLeaderBody,
  CreateUnitBody,
  Leader,
  Unit,
  UpdateLeaderBody,
  UpdateUnitBody,
} from '../../src/modules/org/schema.ts';
import type {
  CreateUserBody,
  CreateUserResult,
  ResetPasswordResult,
  UpdateUserBody,
  User,
  UserList,
} from '../../src/modules/users/schema.ts';
import type { AuditList, AuditVerifyResult } from '../../src/modules/audit/schema.ts';
import type { FileInfo } from '../../src/modules/files/schema.ts';
import type { ClockProfileRecord } from '../../src/modules/calendar/schema.ts';
import type {
  ActionBody,
  ActionResult,
  Box,
  CreateMatterBody,
  FileSuggestionBody,
  Inbox,
  ListMattersQuery,
  Matter,
  MatterList,
  UpdateMatterBody,
} from '../../src/modules/matters/schema.ts';
import type { Role } from '../../src/platform/policies.ts';
// ---- project types ----
import type {
  CorrectReportBody,
  CreateProblemBody,
  CreateProjectBody,
  Dashboard as ProjectDashboard,
  Grouping,
  ImportResult as ProjectImportResult,
  ListProjectsQuery,
  Project,
  ProjectList,
  ProjectSettings,
  Rankings,
  Report,
  ReportActionBody,
  ReportTaskList,
  ReportTasksQuery,
  SaveReportBody,
  StageBody,
  UpdateProjectBody,
} from '../../src/modules/projects/schema.ts';
// ---- ledger types ----
import type { ImportResult, LedgerDocuments, LedgerExportQuery, LedgerList } from '../../src/modules/ledger/schema.ts';
// ---- statistics types ----
import type { MatterStats, StatsQuery } from '../../src/modules/matter-stats/schema.ts';
// ---- saved views types ----
import type { SavedView, SavedViewList, SaveViewBody, ViewPage } from '../../src/modules/views/schema.ts';
export type { SavedView };

// ---- notifications types ----
import type { CreateWebhookBody, Notification, NotificationList, UpdateWebhookBody, Webhook, WebhookTestResult } from '../../src/modules/notifications/schema.ts';
// ---- report extraction types ----
import type { DecompositionExportBody, DraftResult } from '../../src/modules/extract/schema.ts';
// ---- calendar types ----
import type {
  CalendarYear,
  DayChange,
  PutDayInput,
  PutYearInput,
  UpdateProfileBody,
  YearChange,
  YearWithdrawn,
} from '../../src/modules/calendar/schema.ts';

/** Codes the server sends, plus the client's own for failures that never reached it. */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'HTTP';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly messageEn: string;
  readonly status: number;
  readonly details: unknown;
  /** Set when the client already reacted (e.g. returned to the login page): callers stay quiet. */
  handled = false;

  constructor(code: ApiErrorCode, message: string, messageEn: string, status: number, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.messageEn = messageEn;
    this.status = status;
    this.details = details;
  }

  /** Field problems of a validation error (empty otherwise). */
  get issues(): FieldIssue[] {
    const d = this.details;
    if (d && typeof d === 'object' && Array.isArray((d as { issues?: unknown }).issues)) {
      return ((d as { issues: unknown[] }).issues).filter(
        (i): i is FieldIssue => !!i && typeof i === 'object' && typeof (i as FieldIssue).message === 'string',
      );
    }
    return [];
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

// ---- session state and hooks the app installs -------------------------------------------------

let csrfToken: string | null = null;
let signedIn = false;

interface Hooks {
  /** The session ended (expired or revoked) while the user was working. */
  onSessionLost: () => void;
  /** The server insists on a password change first. */
  onPasswordChangeRequired: () => void;
}
let hooks: Hooks = { onSessionLost: () => {}, onPasswordChangeRequired: () => {} };

export function setApiHooks(next: Hooks): void {
  hooks = next;
}

/** Called whenever the current user changes (login, /api/me, logout). */
export function setSession(me: Pick<Me, 'csrfToken'> | null): void {
  csrfToken = me?.csrfToken ?? null;
  signedIn = me !== null;
}

// ---- the request function -----------------------------------------------------------------------

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

function toApiError(status: number, data: unknown): ApiError {
  const body = data as Partial<ErrorBody> | null;
  const e = body && typeof body === 'object' ? body.error : undefined;
  if (e && typeof e.code === 'string') {
    return new ApiError(e.code, e.message ?? e.code, e.messageEn ?? e.message ?? e.code, status, e.details);
  }
  return new ApiError('HTTP', `服务器返回错误（HTTP ${status}）`, `The server answered with HTTP ${status}`, status);
}

async function send(method: Method, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: string | FormData | undefined;
  if (body instanceof FormData) {
    // Multipart uploads: the browser sets the content type with its boundary.
    payload = body;
  } else if (method !== 'GET' && method !== 'DELETE') {
    // Always send a JSON object so the server's JSON parser and media-type checks are satisfied.
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body ?? {});
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(path, { method, credentials: 'same-origin', headers, body: payload });
  } catch {
    throw new ApiError(
      'NETWORK',
      '无法连接服务器，请检查网络后重试',
      'Cannot reach the server; check the network and try again',
      0,
    );
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function request<T>(method: Method, path: string, body?: unknown, retried = false): Promise<T> {
  const res = await send(method, path, body);
  if (res.status === 204) return undefined as T;
  const data = await readJson(res);
  if (res.ok) return data as T;

  const err = toApiError(res.status, data);
  const isLogin = path === '/api/auth/login';

  // A stale CSRF token (e.g. after the session was renewed elsewhere): refresh it once and retry.
  if (err.code === 'CSRF' && !retried && signedIn) {
    let refreshed = false;
    try {
      const me = await request<Me>('GET', '/api/me', undefined, true);
      setSession(me);
      refreshed = true;
    } catch (e) {
      if (isApiError(e) && e.handled) throw e;
    }
    if (refreshed) return request<T>(method, path, body, true);
  }
  if (!isLogin && signedIn && res.status === 401 && (err.code === 'SESSION_EXPIRED' || err.code === 'AUTH_REQUIRED')) {
    setSession(null);
    err.handled = true;
    hooks.onSessionLost();
  } else if (err.code === 'PASSWORD_CHANGE_REQUIRED') {
    err.handled = true;
    hooks.onPasswordChangeRequired();
  }
  throw err;
}

// ---- uploads with progress and downloads of generated files ---------------------------------

/**
 * POSTs a multipart form through XMLHttpRequest to report the upload's progress in percent. A stale
 * CSRF token or an ended session goes the usual way (token refreshed once, or back to the login page).
 */
function uploadWithProgress<T>(path: string, form: () => FormData, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onerror = () => reject(new ApiError('NETWORK', '无法连接服务器，请检查网络后重试', 'Cannot reach the server; check the network and try again', 0));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(100);
        resolve(data as T);
        return;
      }
      const err = toApiError(xhr.status, data);
      if (err.code === 'CSRF' || err.status === 401 || err.code === 'PASSWORD_CHANGE_REQUIRED') {
        request<T>('POST', path, form()).then(resolve, reject);
        return;
      }
      reject(err);
    };
    xhr.send(form());
  });
}

/** The file name a download carries in its Content-Disposition (the UTF-8 form first). */
function dispositionName(header: string | null, fallback: string): string {
  const star = header && /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through */
    }
  }
  const plain = header && /filename="([^"]+)"/i.exec(header);
  return plain?.[1] ?? fallback;
}

/** POSTs JSON and receives a generated file (an .xlsx) with its name. */
async function postForFile(path: string, body: unknown, fallbackName: string, retried = false): Promise<{ blob: Blob; filename: string }> {
  const res = await send('POST', path, body);
  if (res.ok) return { blob: await res.blob(), filename: dispositionName(res.headers.get('Content-Disposition'), fallbackName) };
  const err = toApiError(res.status, await readJson(res));
  if (!retried && signedIn && (err.code === 'CSRF' || res.status === 401)) {
    // A stale token is refreshed once; an ended session returns to the login page (the error is then handled).
    setSession(await request<Me>('GET', '/api/me'));
    return postForFile(path, body, fallbackName, true);
  }
  throw err;
}

// ---- the endpoints --------------------------------------------------------------------------

export type CreateUserResultT = z.infer<typeof CreateUserResult>;
export type ResetPasswordResultT = z.infer<typeof ResetPasswordResult>;

export interface UserQuery {
  unitId?: number;
  subunits?: boolean;
  role?: Role;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  page?: number;
  pageSize?: number;
}

/** Filters of the matters list; page and pageSize as usual. */
export type MatterQuery = Partial<ListMattersQuery>;
export type InboxCounts = z.infer<typeof Inbox>['counts'];
export type MatterListT = z.infer<typeof MatterList>;
/** Request bodies as sent: fields with server defaults may be left out. */
export type ActionInput = z.input<typeof ActionBody>;
export type CreateMatterInput = z.input<typeof CreateMatterBody>;
export type FileSuggestionInput = z.input<typeof FileSuggestionBody>;
export type UpdateMatterInput = z.input<typeof UpdateMatterBody>;
export type { Box, Matter };

export const api = {
  login: (body: LoginBody) => request<LoginResult>('POST', '/api/auth/login', body),
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: () => request<Me>('GET', '/api/me'),
  changePassword: (body: ChangePasswordBody) => request<void>('POST', '/api/me/password', body),
  sessions: () => request<SessionInfo[]>('GET', '/api/me/sessions'),
  revokeSessions: (keepCurrent: boolean) =>
    request<{ revoked: number }>('POST', '/api/me/sessions/revoke-all', { keepCurrent }),

  units: () => request<Unit[]>('GET', '/api/units'),
  createUnit: (body: CreateUnitBody) => request<Unit>('POST', '/api/units', body),
  updateUnit: (id: number, body: UpdateUnitBody) => request<Unit>('PATCH', `/api/units/${id}`, body),
  deleteUnit: (id: number, version: number) => request<void>('DELETE', withQuery(`/api/units/${id}`, { version })),

  leaders: () => request<Leader[]>('GET', '/api/leaders'),
  createLeader: (body: CreateLeaderBody) => request<Leader>('POST', '/api/leaders', body),
  updateLeader: (id: number, body: UpdateLeaderBody) => request<Leader>('PATCH', `/api/leaders/${id}`, body),

  users: (q: UserQuery) =>
    request<UserList>(
      'GET',
      withQuery('/api/users', {
        ...q,
        subunits: q.unitId === undefined ? undefined : q.subunits === false ? 'false' : 'true',
      }),
    ),
  createUser: (body: CreateUserBody) => request<CreateUserResultT>('POST', '/api/users', body),
  updateUser: (id: number, body: UpdateUserBody) => request<User>('PATCH', `/api/users/${id}`, body),
  resetPassword: (id: number) => request<ResetPasswordResultT>('POST', `/api/users/${id}/reset-password`),
  unlockUser: (id: number) => request<User>('POST', `/api/users/${id}/unlock`),

  audit: (q: AuditQuery) => request<AuditList>('GET', withQuery('/api/audit', { ...q })),
  verifyAudit: () => request<AuditVerifyResult>('GET', '/api/audit/verify'),

  /** One file, multipart field `file`; the answer carries the id to attach. */
  uploadFile: (file: Blob, name: string) => {
    const form = new FormData();
    form.append('file', file, name);
    return request<FileInfo>('POST', '/api/files', form);
  },
  fileUrl: (id: string) => `/api/files/${encodeURIComponent(id)}`,

  clockProfiles: () => request<ClockProfileRecord[]>('GET', '/api/clock-profiles'),

  matters: (q: MatterQuery) => request<MatterListT>('GET', withQuery('/api/matters', { ...q })),
  matterInbox: () => request<z.infer<typeof Inbox>>('GET', '/api/matters/inbox'),
  matter: (id: number) => request<Matter>('GET', `/api/matters/${id}`),
  createMatter: (body: CreateMatterInput) => request<ActionResult>('POST', '/api/matters', body),
  fileSuggestion: (body: FileSuggestionInput) => request<ActionResult>('POST', '/api/matters/suggestions', body),
  updateMatter: (id: number, body: UpdateMatterInput) => request<Matter>('PATCH', `/api/matters/${id}`, body),
  matterAction: (id: number, body: ActionInput) => request<ActionResult>('POST', `/api/matters/${id}/actions`, body),

  // ---- ledger ----
  /** The ledger rows of the filters, with the column labels. */
  ledger: (q: Partial<LedgerExportQuery> & { page?: number; pageSize?: number }) =>
    request<z.infer<typeof LedgerList>>('GET', withQuery('/api/ledger', { ...q })),
  /** The source documents of the ledger the user sees, with their counts. */
  ledgerDocuments: () => request<z.infer<typeof LedgerDocuments>>('GET', '/api/ledger/documents'),
  /** The .xlsx of the filtered ledger (a plain link: the session cookie goes with it). */
  ledgerXlsxUrl: (q: Partial<LedgerExportQuery>) => withQuery('/api/ledger.xlsx', { ...q }),
  ledgerTemplateUrl: '/api/ledger/template.xlsx',
  /**
   * Sends a ledger sheet (multipart: file, sourceDoc) to be checked (dryRun) or imported, reporting
   * the upload's progress in percent. A failed real import rejects with the VALIDATION error whose
   * details.errors list the sheet's errors.
   */
  ledgerImport: (file: Blob, sourceDoc: string, dryRun: boolean, onProgress?: (percent: number) => void): Promise<ImportResult> => {
    const path = withQuery('/api/ledger/import', { dryRun: dryRun ? 'true' : 'false' });
    const form = () => {
      const f = new FormData();
      f.append('sourceDoc', sourceDoc);
      f.append('file', file, file instanceof File ? file.name : 'ledger.xlsx');
      return f;
    };
    return uploadWithProgress<ImportResult>(path, form, onProgress);
  },

  // ---- major projects (千项千亿) ----
  projects: (q: Partial<ListProjectsQuery>) => request<z.infer<typeof ProjectList>>('GET', withQuery('/api/projects', { ...q })),
  project: (id: number) => request<z.infer<typeof Project>>('GET', `/api/projects/${id}`),
  createProject: (body: z.input<typeof CreateProjectBody>) => request<z.infer<typeof Project>>('POST', '/api/projects', body),
  updateProject: (id: number, body: z.input<typeof UpdateProjectBody>) => request<z.infer<typeof Project>>('PATCH', `/api/projects/${id}`, body),
  projectStage: (id: number, body: z.input<typeof StageBody>) => request<z.infer<typeof Project>>('POST', `/api/projects/${id}/stage`, body),
  /** Saves (and with `submit`, submits) the month's report. */
  saveReport: (id: number, month: string, body: z.input<typeof SaveReportBody>) => request<z.infer<typeof Report>>('PUT', `/api/projects/${id}/reports/${month}`, body),
  reportAction: (id: number, month: string, body: z.input<typeof ReportActionBody>) => request<z.infer<typeof Report>>('POST', `/api/projects/${id}/reports/${month}/actions`, body),
  correctReport: (id: number, month: string, body: z.input<typeof CorrectReportBody>) => request<z.infer<typeof Report>>('POST', `/api/projects/${id}/reports/${month}/correction`, body),
  createProblem: (id: number, body: z.input<typeof CreateProblemBody>) => request<z.infer<typeof Project>>('POST', `/api/projects/${id}/problems`, body),
  /** Report work lists: mine, awaiting confirmation, awaiting review, missing. */
  reportTasks: (q: Partial<ReportTasksQuery>) => request<z.infer<typeof ReportTaskList>>('GET', withQuery('/api/projects/reports', { ...q })),
  projectRankings: (q: { year?: number; month?: string; by: Grouping }) => request<z.infer<typeof Rankings>>('GET', withQuery('/api/projects/rankings', { ...q })),
  projectDashboard: (q: { year?: number; month?: string }) => request<z.infer<typeof ProjectDashboard>>('GET', withQuery('/api/projects/dashboard', { ...q })),
  projectSettings: () => request<z.infer<typeof ProjectSettings>>('GET', '/api/projects/settings'),
  updateProjectSettings: (body: Partial<z.infer<typeof ProjectSettings>> & { version: number }) => request<z.infer<typeof ProjectSettings>>('PUT', '/api/projects/settings', body),
  /** The filtered list as .xlsx, the import template, the month's bulletin (.docx) and its annex (.xlsx): plain links. */
  projectsXlsxUrl: (q: Partial<ListProjectsQuery>) => withQuery('/api/projects.xlsx', { ...q }),
  projectTemplateUrl: '/api/projects/template.xlsx',
  bulletinUrl: (month: string) => withQuery('/api/projects/bulletin.docx', { month }),
  bulletinAnnexUrl: (month: string) => withQuery('/api/projects/bulletin-annex.xlsx', { month }),
  /** Sends a project sheet to be checked (dryRun) or imported, with the upload's progress. */
  projectImport: (file: Blob, dryRun: boolean, onProgress?: (percent: number) => void): Promise<z.infer<typeof ProjectImportResult>> => {
    const path = withQuery('/api/projects/import', { dryRun: dryRun ? 'true' : 'false' });
    const form = () => {
      const f = new FormData();
      f.append('file', file, file instanceof File ? file.name : 'projects.xlsx');
      return f;
    };
    return uploadWithProgress<z.infer<typeof ProjectImportResult>>(path, form, onProgress);
  },

  // ---- statistics ----
  /** 督办统计: figures per unit, source or leader, the ranking and the overdue list, for the viewer's scope. */
  matterStats: (q: Partial<StatsQuery>) => request<MatterStats>('GET', withQuery('/api/matter-stats', { ...q })),

  // ---- notifications and robots ----
  /** My notices, newest first; `unread` counts all my unread ones whatever the filter. */
  notifications: (q: { unread?: boolean; page?: number; pageSize?: number }) =>
    request<NotificationList>('GET', withQuery('/api/notifications', { unread: q.unread ? 'true' : undefined, page: q.page, pageSize: q.pageSize })),
  readNotification: (id: number) => request<Notification>('POST', `/api/notifications/${id}/read`),
  readAllNotifications: () => request<{ updated: number }>('POST', '/api/notifications/read-all'),
  webhooks: (unitId: number) => request<Webhook[]>('GET', `/api/units/${unitId}/webhooks`),
  createWebhook: (unitId: number, body: z.input<typeof CreateWebhookBody>) => request<Webhook>('POST', `/api/units/${unitId}/webhooks`, body),
  updateWebhook: (unitId: number, id: number, body: UpdateWebhookBody) => request<Webhook>('PATCH', `/api/units/${unitId}/webhooks/${id}`, body),
  deleteWebhook: (unitId: number, id: number, version: number) =>
    request<void>('DELETE', withQuery(`/api/units/${unitId}/webhooks/${id}`, { version })),
  testWebhook: (unitId: number, id: number) => request<WebhookTestResult>('POST', `/api/units/${unitId}/webhooks/${id}/test`),

  // ---- saved views of list pages ----
  views: (page: ViewPage) => request<SavedViewList>('GET', withQuery('/api/views', { page })),
  saveView: (body: SaveViewBody) => request<SavedView>('PUT', '/api/views', body),
  deleteView: (id: number) => request<void>('DELETE', `/api/views/${id}`),

  // ---- calendar and clock profiles ----
  calendar: (year: number) => request<CalendarYear>('GET', withQuery('/api/calendar', { year })),
  setCalendarDay: (day: string, body: PutDayInput) => request<DayChange>('PUT', `/api/calendar/days/${encodeURIComponent(day)}`, body),
  clearCalendarDay: (day: string) => request<DayChange>('DELETE', `/api/calendar/days/${encodeURIComponent(day)}`),
  setCalendarYear: (year: number, body: PutYearInput) => request<YearChange>('PUT', `/api/calendar/years/${year}`, body),
  clearCalendarYear: (year: number) => request<YearWithdrawn>('DELETE', `/api/calendar/years/${year}`),
  clockProfile: (code: string) => request<ClockProfileRecord>('GET', `/api/clock-profiles/${encodeURIComponent(code)}`),
  updateClockProfile: (code: string, body: UpdateProfileBody) =>
    request<ClockProfileRecord>('PUT', `/api/clock-profiles/${encodeURIComponent(code)}`, body),

  // ---- report extraction (任务分解) ----
  /** Uploads a .txt or .docx report and answers its draft items; `year` overrides the year found in the text. */
  extractDraft: (file: File, year: number | null, onProgress?: (percent: number) => void) =>
    uploadWithProgress<DraftResult>('/api/extract', () => {
      const f = new FormData();
      if (year !== null) f.append('year', String(year));
      f.append('file', file, file.name);
      return f;
    }, onProgress),
  /** The reviewed rows as the 任务分解表 .xlsx. */
  extractExport: (body: DecompositionExportBody) => postForFile('/api/extract/export.xlsx', body, '任务分解表.xlsx'),

};
