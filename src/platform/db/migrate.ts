/**
 * Numbered plain-SQL migrations (src/platform/db/migrations/NNNN_name.sql), each applied in its
 * own transaction and recorded with its checksum. Refuses a database that has migrations this
 * code does not know (a newer luoshi wrote it) or whose applied migration files were changed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './index.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class SchemaError extends Error {}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new SchemaError(`bad migration file name ${file} (want NNNN_name.sql)`);
    const version = Number(m[1]);
    if (seen.has(version)) throw new SchemaError(`two migrations numbered ${version}`);
    seen.add(version);
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return { version, name: m[2] as string, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
  });
}

export interface MigrateResult {
  applied: number[];
  current: number;
}

const MIGRATION_LOCK = 736100100;

export async function migrate(db: Db, migrations = loadMigrations()): Promise<MigrateResult> {
  await db.exec(`create table if not exists schema_migrations (
    version integer primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`);
  const known = new Map(migrations.map((m) => [m.version, m]));
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const appliedRows = () =>
    db.query<{ version: number; name: string; checksum: string }>('select version, name, checksum from schema_migrations order by version');
  for (const row of await appliedRows()) {
    const mine = known.get(row.version);
    if (!mine) {
      throw new SchemaError(
        `数据库结构版本（${row.version}_${row.name}）比本程序新（最高 ${latest}），请升级 luoshi。\n` +
          `The database has migration ${row.version}_${row.name}, newer than this luoshi knows (up to ${latest}): upgrade luoshi before using this database.`,
      );
    }
    if (mine.checksum !== row.checksum) {
      throw new SchemaError(`migration ${row.version}_${row.name} was changed after it was applied (checksum differs)`);
    }
  }
  const applied: number[] = [];
  for (const m of migrations) {
    await db.tx(async (tx) => {
      // Serialises concurrent starts against one server; released at commit.
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('select 1 from schema_migrations where version = $1', [m.version]);
      if (done.length > 0) return;
      try {
        await tx.exec(m.sql);
      } catch (err) {
        throw new SchemaError(`migration ${m.version}_${m.name} failed: ${(err as Error).message}`);
      }
      await tx.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, m.checksum]);
      applied.push(m.version);
    });
  }
  return { applied, current: latest };
}
