import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { passwordProblems } from '../../src/modules/auth/schema.ts';
import { assertPasswordPolicy, generatePassword, hashPassword, verifyPassword } from '../../src/platform/auth/password.ts';
import { AppError, ERROR_STATUS, validationError } from '../../src/platform/errors.ts';
import { parseInput } from '../../src/platform/validation.ts';
import { redact } from '../../src/platform/audit.ts';
import { loadConfig, ConfigError } from '../../src/platform/config.ts';
import { toAppError } from '../../src/platform/http/app.ts';

describe('password rules', () => {
  it.each([
    ['Abcdef1!', []],
    ['abcdefg1', ['须包含大写字母、小写字母、数字、符号中的至少 3 类']],
    ['Ab1!', ['至少 8 个字符']],
    ['ABCDEFGH', ['须包含大写字母、小写字母、数字、符号中的至少 3 类']],
    ['密码密码Aa1!', []],
  ])('%s → %j', (pw, problems) => {
    expect(passwordProblems(pw).map((p) => p.zh)).toEqual(problems);
  });

  it('refuses a password containing the user name', () => {
    expect(passwordProblems('Zhangsan#2026', 'zhangsan').map((p) => p.en)).toEqual(['must not contain the user name']);
    expect(() => assertPasswordPolicy('Zhangsan#2026', 'zhangsan')).toThrow(AppError);
  });

  it('generates passwords that pass the rules and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(passwordProblems(p)).toEqual([]);
      expect(p).toHaveLength(16);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('hashes with argon2id and verifies only the right password', async () => {
    const h = await hashPassword('Right#2026');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(h, 'Right#2026')).toBe(true);
    expect(await verifyPassword(h, 'right#2026')).toBe(false);
    expect(await verifyPassword('not a hash', 'Right#2026')).toBe(false);
  });
});

describe('errors', () => {
  it('map each code to one HTTP status', () => {
    expect(new AppError('AUTH_LOCKED').status).toBe(423);
    expect(new AppError('AUTH_INVALID_CREDENTIALS').status).toBe(401);
    expect(new AppError('VERSION_CONFLICT').status).toBe(409);
    expect(new AppError('CSRF').status).toBe(403);
    expect(Object.values(ERROR_STATUS).every((s) => s >= 400 && s < 600)).toBe(true);
  });

  it('serialise with both languages', () => {
    expect(new AppError('FORBIDDEN').toJSON()).toEqual({ error: { code: 'FORBIDDEN', message: '无权执行此操作', messageEn: 'You are not allowed to do this' } });
    const v = validationError([{ field: 'name', message: '不能为空', messageEn: 'Required' }]);
    expect(v.message).toBe('name：不能为空');
    expect(v.messageEn).toBe('name: Required');
  });

  it('turn database and framework errors into stable codes', () => {
    expect(toAppError({ code: '23505', constraint: 'x' }).code).toBe('CONFLICT');
    expect(toAppError({ code: '23503' }).code).toBe('IN_USE');
    expect(toAppError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE' }).code).toBe('PAYLOAD_TOO_LARGE');
    expect(toAppError({ code: 'ECONNREFUSED' }).code).toBe('DATABASE_UNAVAILABLE');
    expect(toAppError(new Error('boom')).code).toBe('INTERNAL');
  });
});

describe('validation', () => {
  const Body = z.strictObject({ name: z.string().min(2).max(5), count: z.number().int().min(1), tags: z.array(z.string()).max(1) });
  it('names every field with a Chinese and an English reason', () => {
    try {
      parseInput(Body, { name: 'x', count: '3', tags: ['a', 'b'], extra: true });
      expect.unreachable();
    } catch (e) {
      const err = e as AppError;
      expect(err.code).toBe('VALIDATION');
      expect((err.details as { issues: unknown[] }).issues).toEqual([
        { field: 'name', message: '至少需要 2 个字符', messageEn: 'Too small: expected string to have >=2 characters' },
        { field: 'count', message: '应为数字', messageEn: 'Invalid input: expected number, received string' },
        { field: 'tags', message: '最多 1 项', messageEn: 'Too big: expected array to have <=1 items' },
        { field: 'extra', message: '不允许的字段：extra', messageEn: 'Unknown field(s): extra' },
      ]);
    }
  });
  it('returns the parsed value when valid', () => {
    expect(parseInput(Body, { name: 'abc', count: 2, tags: [] })).toEqual({ name: 'abc', count: 2, tags: [] });
  });
});

describe('audit redaction', () => {
  it('keeps secrets out of the log', () => {
    expect(redact({ username: 'a', password_hash: '$argon2id$x', nested: { csrfToken: 't', ok: 1 }, at: new Date(0) })).toEqual({
      username: 'a',
      password_hash: '[redacted]',
      nested: { csrfToken: '[redacted]', ok: 1 },
      at: '1970-01-01T00:00:00.000Z',
    });
  });
});

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({}, '/srv/luoshi');
    expect(c).toMatchObject({ port: 8080, dataDir: '/srv/luoshi/data', databaseUrl: null, sessionIdleMinutes: 30, loginMaxFailures: 5, loginLockMinutes: 15, demo: true });
  });
  it('names a bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT: must be a whole number from 0 to 65535/);
  });
});
