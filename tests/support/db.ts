/**
 * A fresh, migrated database per test file: PGlite loaded from the run's template, or a new
 * database on the PostgreSQL server (LUOSHI_TEST_DB=postgres, LUOSHI_TEST_DATABASE_URL).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Db } from '../../src/platform/db/index.ts';
import { migrate } from '../../src/platform/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templatePath: string;
  }
}

export const testDbMode = process.env.LUOSHI_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export interface TestDb {
  db: Db;
  /** For server mode: a URL of this test database (to hand to child processes). */
  url: string | null;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function freshDb(): Promise<TestDb> {
  if (testDbMode === 'postgres') {
    const base = process.env.LUOSHI_TEST_DATABASE_URL as string;
    const name = `luoshi_t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = await openPostgres(base, 1);
    await admin.exec(`create database ${name}`);
    await admin.close();
    const url = withDatabase(base, name);
    const db = await openPostgres(url, 5);
    await migrate(db);
    return {
      db,
      url,
      async drop() {
        await db.close();
        const a = await openPostgres(base, 1);
        try {
          // An autovacuum worker on the database (a superuser's process) cannot be ended by the test
          // role: wait for it to finish and try again.
          for (let attempt = 1; ; attempt++) {
            try {
              await a.exec(`drop database if exists ${name} with (force)`);
              break;
            } catch (err) {
              if (attempt >= 20 || !/pg_signal_backend|being accessed by other users/.test(String((err as Error).message))) throw err;
              await new Promise((r) => setTimeout(r, 250));
            }
          }
        } finally {
          await a.close();
        }
      },
    };
  }
  const file = inject('templatePath');
  const db = await openPglite({ loadDataDir: new Blob([fs.readFileSync(file)]) });
  return { db, url: null, drop: () => db.close() };
}
