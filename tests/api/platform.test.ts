import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from '../support/app.ts';
import { freshDb, testDbMode } from '../support/db.ts';
import { luoshi } from '../support/cli.ts';
import { loadMigrations, migrate, SchemaError } from '../../src/platform/db/migrate.ts';
import { openPostgres } from '../../src/platform/db/index.ts';
import { inScope, type Subject } from '../../src/platform/policies.ts';
import { reachSql } from '../../src/platform/reach.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

const ROOT = path.resolve(import.meta.dirname, '../..');

async function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const r = await luoshi(args, env);
  return { code: r.code, out: r.all };
}

describe('migrations', () => {
  it('are recorded, idempotent, and refuse a database newer than the code', async () => {
    const t = await freshDb();
    try {
      const rows = await t.db.query<{ version: number; name: string }>('select version, name from schema_migrations order by version');
      expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
      expect(await migrate(t.db)).toEqual({ applied: [], current: loadMigrations().at(-1)?.version });
      await t.db.query(`insert into schema_migrations (version, name, checksum) values (9999, 'from_the_future', 'x')`);
      await expect(migrate(t.db)).rejects.toThrow(SchemaError);
      await expect(migrate(t.db)).rejects.toThrow(/newer than this luoshi/);
    } finally {
      await t.drop();
    }
  });

  it('refuse a migration file changed after it was applied, and roll back a failing one whole', async () => {
    const t = await freshDb();
    try {
      const changed = loadMigrations().map((m) => (m.version === 1 ? { ...m, checksum: 'different' } : m));
      await expect(migrate(t.db, changed)).rejects.toThrow(/changed after it was applied/);
      const broken = [...loadMigrations(), { version: 9000, name: 'broken', sql: 'create table half_done (id int); select * from no_such_table;', checksum: 'c' }];
      await expect(migrate(t.db, broken)).rejects.toThrow(/9000_broken failed/);
      expect(await t.db.query(`select 1 from information_schema.tables where table_name = 'half_done'`)).toEqual([]);
      expect(await t.db.query('select 1 from schema_migrations where version = 9000')).toEqual([]);
    } finally {
      await t.drop();
    }
  });
});

describe('scope in SQL', () => {
  it('selects exactly the units inScope() allows, for every scope at several units', async () => {
    const units = await h.tdb.db.query<{ id: number; path: string }>('select id, path from units');
    const at = ['吕梁市', '离石区', '离石区/发展和改革局', '市政府办公室'].map((n) => h.ids.units.get(n) as number);
    for (const unitId of at) {
      const unitPath = units.find((u) => u.id === unitId)?.path as string;
      for (const scope of ['unit', 'subtree', 'city'] as const) {
        const subject: Subject = { role: 'viewer', scope, unitId, unitPath };
        const params: unknown[] = [];
        const cond = reachSql(subject, 'id', 'path', params);
        const got = (await h.tdb.db.query<{ id: number }>(`select id from units where ${cond} order by id`, params)).map((r) => r.id);
        const want = units.filter((u) => inScope(subject, { unitId: u.id, unitPath: u.path })).map((u) => u.id).sort((a, b) => a - b);
        expect(got, `${scope} at ${unitId}`).toEqual(want);
        expect(got.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('HTTP basics', () => {
  it('GET /healthz checks the database', async () => {
    const r = await h.client().get('/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', database: testDbMode, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('serves the OpenAPI document with every API route, and a docs page', async () => {
    const r = await h.client().get('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(r.body.paths);
    for (const p of ['/api/auth/login', '/api/me', '/api/units', '/api/units/{id}', '/api/users', '/api/users/{id}/reset-password', '/api/audit', '/api/audit/verify', '/api/leaders']) {
      expect(paths).toContain(p);
    }
    expect(r.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const docs = await h.client().get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toMatch(/swagger/i);
  });

  it('sends security headers', async () => {
    const r = await h.client().get('/healthz');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(String(r.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});

describe.runIf(testDbMode === 'pglite')('the embedded data folder', () => {
  it('is locked: a second process on the same folder exits non-zero with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-lock-'));
    try {
      fs.writeFileSync(path.join(dir, 'luoshi.lock'), String(process.pid));
      const r = await run(['migrate'], { LUOSHI_DATA_DIR: dir });
      expect(r.code).toBe(1);
      expect(r.out).toContain(`is in use by another luoshi process (PID ${process.pid})`);
      expect(fs.existsSync(path.join(dir, 'pg'))).toBe(false);
      // a lock left by a process that is gone is taken over
      fs.writeFileSync(path.join(dir, 'luoshi.lock'), '999999');
      const ok = await run(['migrate'], { LUOSHI_DATA_DIR: dir });
      expect(ok.out).toContain('applied migrations 1');
      expect(ok.code).toBe(0);
      expect(fs.existsSync(path.join(dir, 'luoshi.lock'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(testDbMode === 'pglite')('the command line', () => {
  it('demo load, user create, user reset-password and audit verify work on a data folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-cli-'));
    const env = { LUOSHI_DATA_DIR: dir, LUOSHI_ADMIN_PASSWORD: 'Admin#2026pass' };
    try {
      const demo = await run(['demo', 'load'], env);
      expect(demo.code).toBe(0);
      expect(demo.out).toContain('demo city 吕梁市 loaded');
      expect(demo.out).toMatch(/^\s+lishi_clerk\s+\S{16}\s+unit_clerk @ 离石区\/发展和改革局/m);
      const again = await run(['demo', 'load'], env);
      expect(again.code).toBe(1);
      expect(again.out).toContain('already holds an organisation');

      const created = await run(['user', 'create', 'xiaoyi_clerk', '--unit', '孝义市', '--role', 'unit_clerk'], env);
      expect(created.code).toBe(0);
      expect(created.out).toMatch(/created xiaoyi_clerk \(unit_clerk, unit @ 孝义市\); initial password: \S{16}/);
      const badRole = await run(['user', 'create', 'x_y', '--unit', '孝义市', '--role', 'boss'], env);
      expect(badRole.code).toBe(2);
      expect(badRole.out).toContain('unknown role boss');
      const wideDeputy = await run(['user', 'create', 'x_d', '--unit', '孝义市', '--role', 'deputy', '--scope', 'city'], env);
      expect(wideDeputy.code).toBe(1);
      expect(wideDeputy.out).toContain('a Deputy / CPPCC member may only have scope: unit');
      const badName = await run(['user', 'create', '../x', '--unit', '孝义市', '--role', 'viewer'], env);
      expect(badName.code).toBe(1);
      expect(badName.out).toContain('username');
      const ambiguous = await run(['user', 'create', 'x_z', '--unit', '发展和改革局', '--role', 'unit_clerk'], env);
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.out).toContain('unit name is ambiguous');

      const reset = await run(['user', 'reset-password', 'viewer'], env);
      expect(reset.out).toMatch(/temporary password for viewer: \S{16}/);
      expect((await run(['user', 'reset-password', 'nobody'], env)).code).toBe(1);

      const ok = await run(['audit', 'verify'], env);
      expect(ok.code).toBe(0);
      // demo.load, 577 steps of the demo matters (a fixed script), the demo campaign's 169 problems raised
      // and 85 of them closed (3 steps each), the user created and the reset
      expect(ok.out).toMatch(/checked 1004 rows; last hash [0-9a-f]{64}/);
      expect(ok.out).toContain('OK: the audit log is intact');

      // Alter a row behind the database's back, then verify again.
      const { openPglite } = await import('../../src/platform/db/index.ts');
      const db = await openPglite({ dataDir: path.join(dir, 'pg') });
      await db.exec(`alter table audit_log disable trigger audit_log_no_change;
                     update audit_log set actor_name = 'someone' where id = 2;
                     alter table audit_log enable trigger audit_log_no_change;`);
      await db.close();
      const bad = await run(['audit', 'verify'], env);
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('[altered] row 2');
      expect(bad.out).toContain('FAILED: 1 problem(s)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // eleven commands, each a process opening the embedded database; the demo load is the long one
  }, 300_000);
});

describe('the web app', () => {
  it('is served at / and at any page path, with its hashed assets cached for good', async () => {
    const index = await h.client().get('/');
    expect(index.status).toBe(200);
    expect(String(index.body)).toContain('<div id="root">');
    const deep = await h.client().get('/users?page=2');
    expect(deep.status).toBe(200);
    expect(deep.body).toBe(index.body);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(String(index.body))?.[1] as string;
    const js = await h.client().get(asset);
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await h.client().get('/assets/nope.js')).status).toBe(404);
  });
});

describe('first start', () => {
  it('bootstraps once even when two processes start together, and never over an existing organisation', async () => {
    const t = await freshDb();
    try {
      const { bootstrap } = await import('../../src/platform/runtime.ts');
      const { loadConfig } = await import('../../src/platform/config.ts');
      const config = loadConfig({ LUOSHI_ADMIN_PASSWORD: 'Admin#2026pass' });
      const [a, b] = await Promise.all([bootstrap(t.db, config), bootstrap(t.db, config)]);
      expect([a, b].filter((x) => x !== null)).toHaveLength(1);
      expect((a ?? b)?.map((x) => x.username)).toEqual(['admin', 'leader', 'supervisor', 'project_office', 'lishi_head', 'lishi_clerk', 'viewer', 'deputy']);
      expect((a ?? b)?.find((x) => x.username === 'admin')).toMatchObject({ password: 'Admin#2026pass', mustChangePassword: false });
      expect(await bootstrap(t.db, config)).toBeNull();
      // the 8 demo accounts, a handling clerk (who cannot sign in) for each unit the demo matters go to,
      // a project clerk in each county's development and reform bureau but 离石区's (lishi_clerk is there)
      // and a unit head in each county-level unit but 离石区 (lishi_head is there)
      const n = await t.db.query<{ n: number; handlers: number; heads: number }>(
        `select count(*)::int as n, count(*) filter (where username like 'clerk%')::int as handlers, count(*) filter (where username like 'head%')::int as heads from users`,
      );
      expect(n[0]).toEqual({ n: 72, handlers: 51, heads: 13 });
      // every confirmed report names the head of its project's county who confirmed it
      const confirmed = await t.db.query<{ n: number; by_head: number }>(
        `select count(*)::int as n,
                count(*) filter (where c.role = 'unit_head' and c.unit_id = p.unit_id)::int as by_head
           from project_reports r join projects p on p.id = r.project_id left join users c on c.id = r.confirmed_by
          where r.confirmed_at is not null`,
      );
      expect(confirmed[0]?.n).toBeGreaterThan(3000);
      expect(confirmed[0]?.by_head).toBe(confirmed[0]?.n);
    } finally {
      await t.drop();
    }
  });

  it('without the demo, creates only the named root unit and the admin, who must change a generated password', async () => {
    const t = await freshDb();
    try {
      const { bootstrap } = await import('../../src/platform/runtime.ts');
      const { loadConfig } = await import('../../src/platform/config.ts');
      const created = await bootstrap(t.db, loadConfig({ LUOSHI_DEMO: 'false', LUOSHI_ROOT_UNIT: '某市人民政府' }));
      expect(created).toHaveLength(1);
      expect(created?.[0]).toMatchObject({ username: 'admin', unit: '某市人民政府', mustChangePassword: true });
      expect(await t.db.query('select name, kind from units')).toEqual([{ name: '某市人民政府', kind: 'city' }]);
    } finally {
      await t.drop();
    }
  });
});

describe.runIf(testDbMode === 'postgres')('server mode', () => {
  it('every pooled connection runs without parallel plans unless configured, and with the configured workers', async () => {
    const base = process.env.LUOSHI_TEST_DATABASE_URL as string;
    const plain = await openPostgres(base, 3);
    const two = await openPostgres(base, 3, { parallelWorkers: 2 });
    try {
      // Several connections at once: each one is set as it opens, before its first query.
      const seen = await Promise.all([1, 2, 3].map(() => plain.tx((tx) => tx.query<{ w: string }>(`select current_setting('max_parallel_workers_per_gather') as w`))));
      expect(seen.map((r) => r[0]?.w)).toEqual(['0', '0', '0']);
      const configured = await Promise.all([1, 2, 3].map(() => two.tx((tx) => tx.query<{ w: string }>(`select current_setting('max_parallel_workers_per_gather') as w`))));
      expect(configured.map((r) => r[0]?.w)).toEqual(['2', '2', '2']);
      await expect(openPostgres(base, 1, { parallelWorkers: -1 })).rejects.toThrow(/parallelWorkers/);
    } finally {
      await plain.close();
      await two.close();
    }
  });

  it('`luoshi start` with DATABASE_URL serves on the PostgreSQL server', async () => {
    const t = await freshDb();
    const net = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/luoshi.mjs'), 'start'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.url as string, PORT: String(port), LUOSHI_ADMIN_PASSWORD: 'Admin#2026pass', LUOSHI_LOG_LEVEL: 'warn' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      const deadline = Date.now() + 60_000;
      while (!out.includes('running at')) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(out);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(out).toContain('(PostgreSQL server)');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json());
      expect(health).toMatchObject({ status: 'ok', database: 'postgres' });
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Admin#2026pass' }),
      });
      expect(login.status).toBe(200);
      const units = await t.db.query<{ n: number }>('select count(*)::int as n from units');
      expect(units[0]?.n).toBeGreaterThan(70);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
      await t.drop();
    }
  });
});
