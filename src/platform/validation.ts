/** Zod validation with errors that name the field and the reason, in Chinese and English. */
import { z } from 'zod';
import { validationError, type FieldIssue } from './errors.ts';

const zhLocale = z.locales.zhCN().localeError;
const enLocale = z.locales.en().localeError;

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true/false）',
  object: '对象',
  array: '数组',
  date: '日期',
  null: '空值',
};

type RawIssue = Parameters<typeof zhLocale>[0];

/** Plainer Chinese than the stock locale for the common cases; falls back to it. */
function zhMessage(issue: RawIssue): string | undefined {
  const i = issue as RawIssue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; expected?: string; keys?: string[]; input?: unknown };
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) === 1 ? '不能为空' : `至少需要 ${i.minimum} 个字符`;
      if (i.origin === 'array') return `至少需要 ${i.minimum} 项`;
      if (i.origin === 'number' || i.origin === 'int') return `不能小于 ${i.minimum}`;
      return undefined;
    case 'too_big':
      if (i.origin === 'string') return `最多 ${i.maximum} 个字符`;
      if (i.origin === 'array') return `最多 ${i.maximum} 项`;
      if (i.origin === 'number' || i.origin === 'int') return `不能大于 ${i.maximum}`;
      return undefined;
    case 'invalid_type':
      if (i.input === undefined) return '必填';
      return `应为${TYPE_ZH[i.expected ?? ''] ?? i.expected}`;
    case 'unrecognized_keys':
      return `不允许的字段：${(i.keys ?? []).join('、')}`;
    case 'invalid_value':
      return '取值不在允许范围内';
    default:
      return undefined;
  }
}

function enMessage(issue: RawIssue): string | undefined {
  const i = issue as RawIssue & { input?: unknown; keys?: string[] };
  if (i.code === 'invalid_type' && i.input === undefined) return 'Required';
  if (i.code === 'unrecognized_keys') return `Unknown field(s): ${(i.keys ?? []).join(', ')}`;
  return undefined;
}

const fieldOf = (issue: { path: PropertyKey[]; code: string; keys?: string[] }): string => {
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) return [base, issue.keys.join(',')].filter(Boolean).join('.');
  return base;
};

/** Parses `data` or throws a VALIDATION AppError listing every problem. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const en = schema.safeParse(data, { error: (iss) => enMessage(iss) ?? enLocale(iss) });
  if (en.success) return en.data;
  const zh = schema.safeParse(data, { error: (iss) => zhMessage(iss) ?? zhLocale(iss) });
  const zhIssues = zh.success ? [] : zh.error.issues;
  const issues: FieldIssue[] = en.error.issues.map((iss, n) => ({
    field: fieldOf(iss as { path: PropertyKey[]; code: string; keys?: string[] }),
    message: zhIssues[n]?.message ?? iss.message,
    messageEn: iss.message,
  }));
  throw validationError(issues);
}
