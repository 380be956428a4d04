import path from 'node:path';
import { z } from 'zod';

/** Every setting comes from the environment; README.md lists them in the same order. */
export interface Config {
  port: number;
  host: string;
  /** Embedded mode: the PGlite data folder. Also holds uploaded files' temp space. */
  dataDir: string;
  /** Server mode when set. */
  databaseUrl: string | null;
  databasePoolSize: number;
  /** PostgreSQL server: workers a query may start for a parallel plan (`max_parallel_workers_per_gather`); 0 runs every query in its own connection's process. */
  databaseParallelWorkers: number;
  /** Password for the `admin` account on first start (not forced to change). */
  adminPassword: string | null;
  /** Load the demo city on first start (default true). */
  demo: boolean;
  /** Without the demo: the name of the root unit created on first start. */
  rootUnitName: string;
  sessionIdleMinutes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
  /** Trust X-Forwarded-For from a reverse proxy for client addresses. */
  trustProxy: boolean;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  logLevel: string;
  /** Run the background jobs (reminders, escalation, webhook delivery) in `start`. */
  jobs: boolean;
  /** Minutes between two runs of the reminder and escalation job. */
  reminderMinutes: number;
  /** Outgoing mail server (smtp://…); email notifications can be configured only when set. */
  smtpUrl: string | null;
}

const bool = (d: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? d : ['1', 'true', 'yes', 'on'].includes(v)));
const int = (d: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return d;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const Env = z.object({
  PORT: int(8080, 0, 65535),
  HOST: z.string().optional(),
  LUOSHI_DATA_DIR: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  LUOSHI_DB_POOL_SIZE: int(10, 1, 200),
  LUOSHI_DB_PARALLEL_WORKERS: int(0, 0, 64),
  LUOSHI_ADMIN_PASSWORD: z.string().optional(),
  LUOSHI_DEMO: bool(true),
  LUOSHI_ROOT_UNIT: z.string().trim().min(1).max(100).optional(),
  LUOSHI_SESSION_IDLE_MINUTES: int(30, 1, 1440),
  LUOSHI_LOGIN_MAX_FAILURES: int(5, 1, 100),
  LUOSHI_LOGIN_LOCK_MINUTES: int(15, 1, 1440),
  LUOSHI_SECURE_COOKIES: bool(false),
  LUOSHI_TRUST_PROXY: bool(false),
  LUOSHI_BODY_LIMIT_KB: int(1024, 1, 1024 * 100),
  LUOSHI_UPLOAD_LIMIT_MB: int(20, 1, 1024),
  LUOSHI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  LUOSHI_JOBS: bool(true),
  LUOSHI_REMINDER_MINUTES: int(60, 1, 1440),
  LUOSHI_SMTP_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^smtps?:\/\/[^\s/]+/.test(v), { message: 'must be an smtp:// or smtps:// URL' }),
});

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST || '127.0.0.1',
    dataDir: path.resolve(cwd, e.LUOSHI_DATA_DIR || 'data'),
    databaseUrl: e.DATABASE_URL || null,
    databasePoolSize: e.LUOSHI_DB_POOL_SIZE,
    databaseParallelWorkers: e.LUOSHI_DB_PARALLEL_WORKERS,
    adminPassword: e.LUOSHI_ADMIN_PASSWORD || null,
    demo: e.LUOSHI_DEMO,
    rootUnitName: e.LUOSHI_ROOT_UNIT || '本级',
    sessionIdleMinutes: e.LUOSHI_SESSION_IDLE_MINUTES,
    loginMaxFailures: e.LUOSHI_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LUOSHI_LOGIN_LOCK_MINUTES,
    secureCookies: e.LUOSHI_SECURE_COOKIES,
    trustProxy: e.LUOSHI_TRUST_PROXY,
    bodyLimitBytes: e.LUOSHI_BODY_LIMIT_KB * 1024,
    uploadLimitBytes: e.LUOSHI_UPLOAD_LIMIT_MB * 1024 * 1024,
    logLevel: e.LUOSHI_LOG_LEVEL ?? 'warn',
    jobs: e.LUOSHI_JOBS,
    reminderMinutes: e.LUOSHI_REMINDER_MINUTES,
    smtpUrl: e.LUOSHI_SMTP_URL || null,
  };
}

/** The time source. Tests move it forward to cross idle timeouts and lockouts. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
