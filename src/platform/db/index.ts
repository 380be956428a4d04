/**
 * The database adapter: one interface over embedded PostgreSQL (PGlite) and a PostgreSQL
 * server (pg pool). All query code is plain PostgreSQL and runs unchanged on both; value
 * types are normalised here (bigint → number, date → 'YYYY-MM-DD' string, timestamptz → Date,
 * numeric → string so money stays exact).
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Runs one statement with $1… parameters and returns its rows. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** A connection inside a transaction. */
export interface Tx extends Queryable {
  /** Runs a script of several statements. */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** First row or undefined. */
export async function maybeOne<T = Row>(q: Queryable, sql: string, params?: readonly unknown[]): Promise<T | undefined> {
  const rows = await q.query<T>(sql, params);
  return rows[0];
}

/** Exactly one row, or an error (a bug: callers use it where the row must exist). */
export async function one<T = Row>(q: Queryable, sql: string, params?: readonly unknown[]): Promise<T> {
  const rows = await q.query<T>(sql, params);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql.slice(0, 80)}`);
  return rows[0] as T;
}

const INT8 = 20;
const DATE = 1082;

function toSafeNumber(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint out of the safe integer range: ${v}`);
  return n;
}

// ---------------------------------------------------------------- PostgreSQL server

const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `l${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (names.size < 10_000) names.set(sql, name);
  }
  return name;
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return toSafeNumber;
    if (oid === DATE) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * Workers a query may start for a parallel plan, unless configured. The platform's queries are
 * short and many run at once (one per request), so by default none: on a two-core server the
 * start of two workers cost about 35 ms a query, and the month's rankings over 100,000 projects
 * took 240 ms with them and 80 ms without (scripts/bench-projects.ts).
 */
export const DEFAULT_PARALLEL_WORKERS = 0;

export async function openPostgres(url: string, poolSize = 10, opts: { parallelWorkers?: number } = {}): Promise<Db> {
  const workers = opts.parallelWorkers ?? DEFAULT_PARALLEL_WORKERS;
  if (!Number.isInteger(workers) || workers < 0) throw new Error(`parallelWorkers must be a whole number ≥ 0, not ${workers}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: pgTypes as pg.CustomTypesConfig,
    // A session setting made as each connection opens, before the pool hands it out (unlike a
    // startup option, connection poolers pass it through).
    onConnect: async (client: pg.ClientBase) => {
      await client.query(`set max_parallel_workers_per_gather = ${workers}`);
    },
  });
  // Fail fast with a clear message when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  });
  const wrap = (c: { query: pg.Pool['query'] }): Tx => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      // Named statements: each connection parses and plans a statement once, then reuses it.
      const r = await c.query({ name: statementName(sql), text: sql, values: params as unknown[] | undefined });
      return r.rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: base.query,
    async tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}

// ---------------------------------------------------------------- embedded (PGlite)

/** Opens PGlite on a data folder, in memory (`undefined`), or from a dump (tests). */
export async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Db> {
  const db = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: { pg_trgm },
    parsers: { [DATE]: (v: string) => v, [INT8]: (v: string) => toSafeNumber(v) },
  });
  const base: Queryable = {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const r = await db.query<T>(sql, params as unknown[] | undefined);
      return r.rows;
    },
  };
  return Object.assign(
    {
      kind: 'pglite' as const,
      query: base.query,
      async tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
        return db.transaction(async (t) =>
          fn({
            async query<R>(sql: string, params?: readonly unknown[]) {
              const r = await t.query<R>(sql, params as unknown[] | undefined);
              return r.rows;
            },
            async exec(sql: string) {
              await t.exec(sql);
            },
          }),
        );
      },
      async exec(sql: string) {
        await db.exec(sql);
      },
      async close() {
        await db.close();
      },
    },
    { pglite: db },
  );
}

/** The PGlite instance behind an embedded Db (tests dump it to clone fresh databases). */
export function pgliteOf(db: Db): PGlite | undefined {
  return (db as Db & { pglite?: PGlite }).pglite;
}
