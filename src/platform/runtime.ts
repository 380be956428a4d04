/**
 * Opening the platform: the database of the configured mode (a locked PGlite folder, or a server
 * pool), migrations, the first-start bootstrap (demo city or bare root), and the HTTP app.
 */
import type { Clock, Config } from './config.ts';
import { systemClock } from './config.ts';
import { openPglite, openPostgres, type Db } from './db/index.ts';
import { lockDataDir, type DataDirLock } from './db/lock.ts';
import { migrate } from './db/migrate.ts';
import { buildApp, type App } from './http/app.ts';
import { JOBS, ROUTES } from '../modules/index.ts';
import { startScheduler, type Logger, type Scheduler } from './jobs.ts';
import { bootstrapEmpty, DatabaseNotEmptyError, loadDemo, type CreatedAccount } from '../demo/lvliang.ts';
import path from 'node:path';
import { loadDemoMatters } from '../demo/matters.ts';
import { loadDemoProjects } from '../demo/projects.ts';

export interface OpenedDb {
  db: Db;
  close(): Promise<void>;
}

/** Opens the configured database, holding the data-folder lock in embedded mode. */
export async function openDatabase(config: Config): Promise<OpenedDb> {
  if (config.databaseUrl) {
    const db = await openPostgres(config.databaseUrl, config.databasePoolSize, { parallelWorkers: config.databaseParallelWorkers });
    return { db, close: () => db.close() };
  }
  const lock: DataDirLock = lockDataDir(config.dataDir);
  try {
    const db = await openPglite({ dataDir: path.join(config.dataDir, 'pg') });
    return {
      db,
      async close() {
        await db.close();
        lock.release();
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Loads the demo city (or the bare root and admin) when the database has no organisation yet. */
export async function bootstrap(db: Db, config: Config, clock: Clock = systemClock): Promise<CreatedAccount[] | null> {
  const rows = await db.query('select 1 from units limit 1');
  if (rows.length) return null;
  const now = clock.now();
  try {
    if (!config.demo) return await bootstrapEmpty(db, { now, rootName: config.rootUnitName, adminPassword: config.adminPassword });
    const accounts = await loadDemo(db, { now, adminPassword: config.adminPassword });
    await loadDemoMatters(db, now);
    await loadDemoProjects(db);
    return accounts;
  } catch (err) {
    // Another process starting on the same server bootstrapped it first.
    if (err instanceof DatabaseNotEmptyError) return null;
    throw err;
  }
}

export async function createApp(db: Db, config: Config, clock: Clock = systemClock): Promise<App> {
  return buildApp({ db, config, clock }, ROUTES);
}

/** Starts the background jobs (reminders, escalation, webhook delivery) unless LUOSHI_JOBS=off. */
export function startJobs(db: Db, config: Config, clock: Clock = systemClock, log?: Logger): Scheduler | null {
  if (!config.jobs) return null;
  return startScheduler({ db, config, clock, jobs: JOBS, ...(log ? { log } : {}) });
}

export function describeAccounts(accounts: CreatedAccount[]): string {
  const lines = ['', '演示账户 Demo accounts (shown once; `npx luoshi user reset-password NAME` sets a new one):'];
  const w = Math.max(...accounts.map((a) => a.username.length));
  for (const a of accounts) {
    lines.push(`  ${a.username.padEnd(w)}  ${a.password}  ${a.role} @ ${a.unit}${a.mustChangePassword ? '  (首次登录须修改密码 must change at first sign-in)' : ''}`);
  }
  lines.push('');
  return lines.join('\n');
}

export { migrate };
