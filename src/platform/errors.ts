/**
 * The one error model. Every failure the API reports is an AppError with a stable code; the
 * code decides the HTTP status here and nowhere else. Messages come in Chinese and English.
 *
 * Wire format (every error response):
 *   { "error": { "code": "VALIDATION", "message": "…(zh)", "messageEn": "…", "details": … } }
 */

export const ERROR_STATUS = {
  VALIDATION: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  BAD_FILE_NAME: 400,
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  AUTH_LOCKED: 423,
  AUTH_DISABLED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  PASSWORD_POLICY: 400,
  PASSWORD_WRONG: 400,
  CSRF: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  IN_USE: 409,
  RATE_LIMITED: 429,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Default messages per code; a throw site may give more specific ones. */
export const ERROR_MESSAGES: Record<ErrorCode, { zh: string; en: string }> = {
  VALIDATION: { zh: '输入有误', en: 'The input is invalid' },
  MALFORMED_JSON: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的请求内容类型', en: 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { zh: '请求内容过大', en: 'The request body is too large' },
  BAD_FILE_NAME: { zh: '文件名不合法', en: 'The file name is not acceptable' },
  AUTH_REQUIRED: { zh: '请先登录', en: 'Please sign in' },
  AUTH_INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong user name or password' },
  SESSION_EXPIRED: { zh: '会话已超时，请重新登录', en: 'Your session has expired; please sign in again' },
  AUTH_LOCKED: { zh: '登录失败次数过多，账户已临时锁定', en: 'Too many failed sign-ins; the account is locked for a while' },
  AUTH_DISABLED: { zh: '账户已停用', en: 'This account is disabled' },
  PASSWORD_CHANGE_REQUIRED: { zh: '请先修改密码', en: 'You must change your password first' },
  PASSWORD_POLICY: { zh: '密码不符合要求', en: 'The password does not meet the rules' },
  PASSWORD_WRONG: { zh: '当前密码不正确', en: 'The current password is wrong' },
  CSRF: { zh: '请求校验失败（缺少或错误的 CSRF 令牌），请刷新页面后重试', en: 'Missing or wrong CSRF token; reload the page and try again' },
  FORBIDDEN: { zh: '无权执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { zh: '未找到', en: 'Not found' },
  CONFLICT: { zh: '与现有数据冲突', en: 'This conflicts with existing data' },
  VERSION_CONFLICT: { zh: '数据已被他人修改，请刷新后重试', en: 'Someone else changed this record; reload and try again' },
  IN_USE: { zh: '仍被其他数据引用，无法删除', en: 'Still in use; cannot be deleted' },
  RATE_LIMITED: { zh: '请求过于频繁', en: 'Too many requests' },
  DATABASE_UNAVAILABLE: { zh: '数据库不可用', en: 'The database is unavailable' },
  INTERNAL: { zh: '服务器内部错误', en: 'Internal server error' },
};

/** One field's problem, as a validation error reports it. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. "password" or "items.3.amount"; "" for the whole body. */
  field: string;
  message: string;
  messageEn: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageEn: string;
  readonly details: unknown;

  constructor(code: ErrorCode, opts: { message?: string; messageEn?: string; details?: unknown } = {}) {
    const defaults = ERROR_MESSAGES[code];
    super(opts.message ?? defaults.zh);
    this.name = 'AppError';
    this.code = code;
    this.messageEn = opts.messageEn ?? (opts.message ? opts.message : defaults.en);
    this.details = opts.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message, messageEn: this.messageEn };
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; messageEn: string; details?: unknown };
}

export function validationError(issues: FieldIssue[]): AppError {
  const first = issues[0];
  return new AppError('VALIDATION', {
    message: first ? `${first.field ? first.field + '：' : ''}${first.message}` : ERROR_MESSAGES.VALIDATION.zh,
    messageEn: first ? `${first.field ? first.field + ': ' : ''}${first.messageEn}` : ERROR_MESSAGES.VALIDATION.en,
    details: { issues },
  });
}

export const notFound = (what: { zh: string; en: string }, id: unknown): AppError =>
  new AppError('NOT_FOUND', { message: `${what.zh}不存在：${String(id)}`, messageEn: `${what.en} not found: ${String(id)}` });

export const forbidden = (): AppError => new AppError('FORBIDDEN');

export const versionConflict = (current: number): AppError =>
  new AppError('VERSION_CONFLICT', { details: { currentVersion: current } });
