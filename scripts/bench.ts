/**
 * `npm run bench` / `npx luoshi bench [--duration SECONDS] [--only GROUPS] [--json]`: load figures measured in one run.
 *
 *   1. the bare framework ceiling: a bare Fastify app, one GET route returning a small JSON;
 *   2. POST /api/auth/login with a correct password (argon2id dominates);
 *   3. GET /api/users?pageSize=20 as the county-scoped reader `lishi_head` (unit_head, subtree at 离石区)
 *      with ~2,000 extra users spread over the units;
 *   4. the extractor (`luoshi extract`, issue 6): extract() on 30,000 characters of the real newspaper
 *      pages, in this process, no HTTP (req/s = extractions per second, p50 = median, p99 = slowest of 20);
 *   5. recomputeAll (deadlines and lights of every open matter), in this process, no HTTP, over
 *      generated matters (scripts/bench-matters.ts; 10,000 on PGlite, 100,000 on the server) in a
 *      database of its own: (a) the first run, lights from nothing; (b) the same day again, which
 *      must write nothing; (c) a weekday declared a holiday, which moves the working-day deadlines
 *      through it and writes their 'recompute' events; (d) the next day's run, which writes only the
 *      matters whose light changed (a deadline entered the blue window or passed). p50 = milliseconds
 *      (median of the runs);
 *   6. GET /api/matters/inbox and GET /api/matters?box=to_report as the county clerk `lishi_clerk`
 *      (unit scope) and as the city `supervisor` (city scope), over the demo matters plus 10,000
 *      generated ones (lights set by a recompute, as the daily job leaves them);
 *   7. the major-project campaign (千项千亿), in this process, no HTTP, over generated campaigns
 *      (scripts/bench-projects.ts: projects with twelve accepted monthly reports each, facts and
 *      lights computed by the production code; the campaign grows 1,000 → 10,000 → 100,000 in one
 *      database): (a) the month's bulletin (.docx, `bulletinFile` as the project office) at 1,000
 *      projects, and on the server also at 10,000 and 100,000; (b) the month's county rankings
 *      (`figuresBy`) at 10,000 and, on the server, 100,000 projects; (c) importing a generated
 *      10,000-row county sheet (`importProjects`, a dry run, then for real) into a fresh database;
 *   8. GET /api/projects/dashboard as the project office `project_office` (city scope) over the
 *      demo campaign (1,092 projects, loaded with the demo city);
 * 2, 3, 5, 6, 7 and 8 on embedded PostgreSQL (PGlite, temp data folder) and on the PostgreSQL server
 * of LUOSHI_BENCH_DATABASE_URL (or LUOSHI_TEST_DATABASE_URL), in fresh databases created and dropped here.
 *
 * `--only GROUP[,GROUP…]` runs some rows: `extract` (4), `recompute` (5), `http` (1, 2, 3, 6) and
 * `projects` (7, 8, with the bare ceiling 1); the default runs every row.
 *
 * Every server runs in a child process (this same command with the internal `--serve bare|luoshi`),
 * autocannon runs in this process; both share the machine's cores, so the ratios to the bare
 * ceiling are the figures to compare, not the absolute ones.
 */
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Db } from '../src/platform/db/index.ts';
import type { RecomputeResult } from '../src/modules/matters/recompute.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/luoshi.mjs');
const ADMIN_PASSWORD = 'Bench#2026pass';
const LIST_READER = 'lishi_head';
const EXTRA_USERS = 2000;
const LIST_PATH = '/api/users?pageSize=20';
/** Generated matters beside the demo ones, for the matter rows served over HTTP. */
const SERVED_MATTERS = 10_000;
/** Generated matters of the recompute rows, by database. */
const RECOMPUTE_MATTERS = { PGlite: 10_000, PostgreSQL: 100_000 } as const;
/** Target of the PostgreSQL recompute of 100,000 open matters. */
const RECOMPUTE_TARGET_MS = 2000;
const MATTER_READERS = [
  { username: 'lishi_clerk', label: 'county clerk' },
  { username: 'supervisor', label: 'city supervisor' },
] as const;
const INBOX_PATH = '/api/matters/inbox';
const TO_REPORT_PATH = '/api/matters?box=to_report';
/** The major-project rows: the campaign (a whole past year, reported through December) grown through these sizes, by database. */
const PROJECT_STEPS: Record<'PGlite' | 'PostgreSQL', readonly { projects: number; bulletinRuns: number; rankings: boolean }[]> = {
  PGlite: [
    { projects: 1_000, bulletinRuns: 5, rankings: false },
    { projects: 10_000, bulletinRuns: 0, rankings: true },
  ],
  PostgreSQL: [
    { projects: 1_000, bulletinRuns: 5, rankings: false },
    { projects: 10_000, bulletinRuns: 3, rankings: true },
    { projects: 100_000, bulletinRuns: 3, rankings: true },
  ],
};
/** Targets of the project rows: the bulletin of 1,000 and of 100,000 projects, the rankings at 100,000, a 10,000-row import. */
const BULLETIN_TARGET_MS: Record<number, number> = { 1_000: 1000, 100_000: 15_000 };
const RANKINGS_TARGET_MS = 200;
const RANKINGS_TARGET_AT = 100_000;
const RANKINGS_RUNS = 20;
const IMPORT_ROWS = 10_000;
const IMPORT_TARGET_MS = 5000;
/** A bulletin run slower than this is not repeated (the row then reports that one run). */
const BULLETIN_REPEAT_LIMIT_MS = 60_000;
const PROJECT_READER = 'project_office';
const DASHBOARD_PATH = '/api/projects/dashboard';
/** Row groups of `--only`. */
const GROUPS = ['extract', 'recompute', 'http', 'projects'] as const;
type Group = (typeof GROUPS)[number];
/** A request unanswered this long counts as failed (autocannon's default is 10 s; slower answers still show in p99). */
const REQUEST_TIMEOUT_S = 30;
/** Rows whose slowest answer took this long say so. */
const SLOWEST_NOTE_MS = 5000;

// ---------------------------------------------------------------- autocannon (CommonJS, no bundled types)

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  latency: Histogram;
  requests: Histogram;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Seconds without an answer before a request counts as failed. */
  timeout?: number;
}
type Autocannon = (opts: AutocannonOptions) => PromiseLike<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// ---------------------------------------------------------------- messages between bench and server children

type ServeMode = 'bare' | 'luoshi';
interface ReadyMessage {
  type: 'ready';
  port: number;
  database?: string;
  passwords?: Record<string, string>;
  users?: number;
  setupMs?: number;
  matters?: { generated: number; total: number; open: number; generateMs: number };
}
interface CpuMessage {
  type: 'cpu';
  micros: number;
}
type ChildMessage = ReadyMessage | CpuMessage;
type ParentMessage = { type: 'stop' } | { type: 'cpu' };

// ---------------------------------------------------------------- figures

interface Row {
  name: string;
  database: string;
  connections: number | null;
  durationS: number | null;
  reqPerSec: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  ratioToBare: number | null;
  /** CPU of the server's Node process during the run, in % of one core (database server processes not included). */
  serverCpuPct: number | null;
  /** CPU of this process (the load generator) during the run, in % of one core. */
  loadCpuPct: number | null;
  /** The rest of the machine's CPU use during the run (PostgreSQL server processes, anything else running), in % of one core. */
  otherCpuPct: number | null;
  failed: number;
  note?: string;
}

export async function runBench(args: string[]): Promise<number> {
  const serveAt = args.indexOf('--serve');
  if (serveAt >= 0) return serve(args[serveAt + 1] as ServeMode);

  const usage = 'usage: npx luoshi bench [--duration SECONDS] [--only GROUP[,GROUP…]] [--json]';
  let values: { duration?: string; only?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { duration: { type: 'string' }, only: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(
      `${usage}\n  --duration  seconds per measured row (default 10)\n  --only      row groups to run, comma-separated (default all): ` +
        'extract (the extractor), recompute (matter recompute), http (bare ceiling, login, user list, matter lists), ' +
        'projects (bulletin, rankings, import, dashboard, with the bare ceiling)\n  --json      also print the figures as JSON',
    );
    return 0;
  }
  const duration = values.duration === undefined ? 10 : Number(values.duration);
  if (!Number.isFinite(duration) || duration < 1 || duration > 600) {
    console.error('--duration must be a number of seconds from 1 to 600');
    return 2;
  }
  const only = values.only === undefined ? [...GROUPS] : values.only.split(',').map((g) => g.trim()).filter(Boolean);
  const unknown = only.filter((g) => !(GROUPS as readonly string[]).includes(g));
  if (only.length === 0 || unknown.length) {
    console.error(`--only takes ${GROUPS.join(', ')} (comma-separated)${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
    return 2;
  }
  return new Bench(duration, new Set(only as Group[])).run(Boolean(values.json));
}

class Bench {
  private readonly rows: Row[] = [];
  private readonly children = new Set<ChildProcess>();
  private readonly cleanups: (() => Promise<void>)[] = [];
  private readonly warmup: number;
  private bare: number | null = null;
  private notes: string[] = [];
  private serverNoted = false;
  private readonly loadAtStart = os.loadavg().map((n) => n.toFixed(2)).join(', ');

  constructor(
    private readonly duration: number,
    private readonly groups: ReadonlySet<Group> = new Set(GROUPS),
  ) {
    this.warmup = Math.min(2, Math.max(1, Math.round(duration / 5)));
  }

  async run(json: boolean): Promise<number> {
    const started = Date.now();
    let interrupted = false;
    const onSignal = () => {
      interrupted = true;
      console.error('\nbench interrupted: cleaning up…');
      void this.cleanup().finally(() => process.exit(130));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let fatal = false;
    try {
      const cores = os.cpus();
      console.error(`luoshi bench: ${this.duration} s per row after ${this.warmup} s of warm-up; ${cores.length} cores (${cores[0]?.model.trim() ?? '?'}), node ${process.version}`);
      const url = process.env.LUOSHI_BENCH_DATABASE_URL || process.env.LUOSHI_TEST_DATABASE_URL;
      const noServer = 'skipped: set LUOSHI_BENCH_DATABASE_URL (or LUOSHI_TEST_DATABASE_URL) to a role that may CREATE DATABASE';
      const run = (g: Group) => this.groups.has(g);
      if (this.groups.size < GROUPS.length) console.error(`  only: ${[...this.groups].join(', ')}`);
      if (run('extract')) await this.benchExtract();
      if (run('recompute')) {
        await this.benchRecompute('PGlite', null);
        if (!url) this.rows.push(skipped(`recompute ${RECOMPUTE_MATTERS.PostgreSQL.toLocaleString('en-US')} matters`, 'PostgreSQL', noServer));
        else await this.withFreshDatabase(url, `recompute ${RECOMPUTE_MATTERS.PostgreSQL.toLocaleString('en-US')} matters`, (dbUrl) => this.benchRecompute('PostgreSQL', dbUrl));
      }
      if (run('projects')) {
        await this.benchProjects('PGlite', null);
        await this.benchProjectImport('PGlite', null);
        if (!url) this.rows.push(skipped('bulletin, rankings and import of the project campaign', 'PostgreSQL', noServer));
        else {
          await this.withFreshDatabase(url, 'bulletin and rankings of the project campaign', (dbUrl) => this.benchProjects('PostgreSQL', dbUrl));
          await this.withFreshDatabase(url, `import ${IMPORT_ROWS.toLocaleString('en-US')} project rows`, (dbUrl) => this.benchProjectImport('PostgreSQL', dbUrl));
        }
      }
      if (run('http') || run('projects')) {
        await this.benchBare();
        await this.benchLuoshi('PGlite', null);
        const served = [run('http') ? `GET ${LIST_PATH} (scoped) and the matter rows` : '', run('projects') ? `GET ${DASHBOARD_PATH}` : ''].filter(Boolean).join(', ');
        if (!url) this.rows.push(skipped(served, 'PostgreSQL', noServer));
        else await this.withFreshDatabase(url, served, (dbUrl) => this.benchLuoshi('PostgreSQL', dbUrl));
      }
    } catch (err) {
      fatal = true;
      if (!interrupted) console.error(`bench failed: ${(err as Error).stack ?? String(err)}`);
    } finally {
      await this.cleanup();
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
    if (interrupted) return 130;
    const elapsed = (Date.now() - started) / 1000;
    console.log(this.table(elapsed));
    if (json) console.log(JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, cores: os.cpus().length, durationS: this.duration, warmupS: this.warmup, elapsedS: elapsed, notes: this.notes, rows: this.rows }, null, 2));
    const failed = this.rows.some((r) => r.failed > 0 || r.note?.startsWith('failed'));
    return fatal || failed ? 1 : 0;
  }

  // ------------------------------------------------------------ the three kinds of row

  private async benchBare(): Promise<void> {
    const server = await this.startServer('bare', {});
    const url = `http://127.0.0.1:${server.ready.port}/`;
    await expectOk(url, {});
    const row = await this.measure(server, { name: 'bare Fastify GET / (small JSON)', database: '-', url, connections: 50 });
    this.bare = row.reqPerSec;
    await this.stopServer(server.child);
  }

  private async benchExtract(): Promise<void> {
    const { benchText, timeExtract } = await import('./eval.ts');
    console.error('  extract() on 30,000 characters: 20 runs…');
    const t = timeExtract(benchText(30_000), 20);
    this.rows.push({
      name: 'extract() 30,000 chars (in process)',
      database: '-',
      connections: 1,
      durationS: t.totalMs / 1000,
      reqPerSec: 1000 / t.medianMs,
      p50Ms: t.medianMs,
      p99Ms: t.maxMs,
      ratioToBare: null,
      serverCpuPct: null,
      loadCpuPct: null,
      otherCpuPct: null,
      failed: 0,
      note: `${t.items} items per run; req/s = extractions per second`,
    });
  }

  /**
   * recomputeAll in this process over generated matters, in a database of its own (migrations, the
   * demo organisation, then the matters): (a) first run, (b) the same day again, three times,
   * (c) after a weekday is declared a holiday, (d) the next day.
   */
  private async benchRecompute(database: 'PGlite' | 'PostgreSQL', databaseUrl: string | null): Promise<void> {
    const { openPglite, openPostgres } = await import('../src/platform/db/index.ts');
    const { migrate } = await import('../src/platform/db/migrate.ts');
    const { loadDemo } = await import('../src/demo/lvliang.ts');
    const gen = await import('./bench-matters.ts');
    const count = RECOMPUTE_MATTERS[database];
    const label = `recompute ${count.toLocaleString('en-US')} matters`;
    let db: Db;
    if (databaseUrl) {
      db = await openPostgres(databaseUrl, Number(process.env.LUOSHI_DB_POOL_SIZE) || 10, { parallelWorkers: benchParallelWorkers() });
    } else {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bench-'));
      this.cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      db = await openPglite({ dataDir: path.join(dataDir, 'pg') });
    }
    try {
      const now = new Date();
      await migrate(db);
      await loadDemo(db, { now, adminPassword: ADMIN_PASSWORD });
      console.error(`  ${label} on ${database}: generating them…`);
      const made = await gen.generateMatters(db, { count, now });
      const open = await gen.openMatterCount(db);
      this.notes.push(
        `${database}: ${made.matters.toLocaleString('en-US')} matters generated for the recompute rows in ${(made.ms / 1000).toFixed(1)} s (set-based SQL after migrations and the demo organisation): ` +
          `${open.toLocaleString('en-US')} open, ${made.deadlines.toLocaleString('en-US')} deadlines of which ${made.openDeadlines.toLocaleString('en-US')} open, ${made.working.toLocaleString('en-US')} matters counting working days`,
      );
      const target = database === 'PostgreSQL' ? (ms: number) => `; target < ${RECOMPUTE_TARGET_MS.toLocaleString('en-US')} ms: ${ms < RECOMPUTE_TARGET_MS ? 'met' : 'missed'}` : () => '';
      const read = (r: RecomputeResult) => `${r.matters.toLocaleString('en-US')} matters with ${r.deadlines.toLocaleString('en-US')} open deadlines read`;

      console.error(`  ${label} on ${database}: (a) first run, (b) same day again ×3, (c) a weekday declared a holiday, (d) next day…`);
      const a = await this.inProcess(() => gen.recomputeDaily(db, now));
      this.rows.push(
        inProcessRow(`${label} (a) first run`, database, [a], a.value.movedDeadlines
          ? `failed: the first run moved ${a.value.movedDeadlines} deadlines (the generated due dates disagree with the engine)`
          : `ms, no HTTP; ${read(a.value)}; lights from nothing: ${a.value.changedLights.toLocaleString('en-US')} set, 0 deadlines moved${target(a.ms)}`),
      );

      const events0 = await gen.recomputeEvents(db);
      const again = [];
      for (let i = 0; i < 3; i++) again.push(await this.inProcess(() => gen.recomputeDaily(db, now)));
      const wrote = again.reduce((n, b) => n + b.value.movedDeadlines + b.value.changedLights, 0) + (await gen.recomputeEvents(db)) - events0;
      const b = again.map((x) => x.ms).sort((x, y) => x - y)[1] as number;
      this.rows.push(
        inProcessRow(`${label} (b) same day again`, database, again, wrote
          ? `failed: the same day again wrote ${wrote} rows (it should only read)`
          : `ms, 3 runs (p50 = median, p99 = slowest); read-only: 0 deadlines moved, 0 lights changed, 0 events${target(b)}`),
      );

      const day = await gen.holidayToDeclare(db, now);
      const c = await this.inProcess(() => gen.declareHoliday(db, day, now));
      const events = (await gen.recomputeEvents(db)) - events0;
      this.rows.push(
        inProcessRow(`${label} (c) weekday made holiday`, database, [c], !c.value.movedDeadlines || !events
          ? `failed: declaring ${day} a holiday moved ${c.value.movedDeadlines} deadlines and wrote ${events} events`
          : `ms; ${day} declared a holiday (override, revision bump, recompute: one transaction): ${c.value.movedDeadlines.toLocaleString('en-US')} deadlines moved, ` +
              `${events.toLocaleString('en-US')} 'recompute' events, ${c.value.changedLights.toLocaleString('en-US')} lights changed${target(c.ms)}`),
      );

      // The next day's run: only matters whose deadlines crossed a threshold (blue window, due date) are written.
      const d = await this.inProcess(() => gen.recomputeDaily(db, new Date(now.getTime() + 86_400_000)));
      this.rows.push(
        inProcessRow(`${label} (d) next day`, database, [d], `ms; the daily run a day later: ${d.value.changedLights.toLocaleString('en-US')} lights changed (a deadline entered the blue window or passed), ${d.value.movedDeadlines} deadlines moved${target(d.ms)}`),
      );
    } finally {
      await db.close();
    }
  }

  // ------------------------------------------------------------ the major-project campaign (in process)

  /** A database of its own for in-process rows: a PGlite folder (removed at the end) or the server database at `databaseUrl`. */
  private async openBenchDb(databaseUrl: string | null): Promise<Db> {
    const { openPglite, openPostgres } = await import('../src/platform/db/index.ts');
    if (databaseUrl) return openPostgres(databaseUrl, Number(process.env.LUOSHI_DB_POOL_SIZE) || 10, { parallelWorkers: benchParallelWorkers() });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bench-'));
    this.cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    return openPglite({ dataDir: path.join(dataDir, 'pg') });
  }

  /** Migrations, the demo organisation and the project office as the acting user (as the CLI acts). */
  private async projectContext(db: Db) {
    const { migrate } = await import('../src/platform/db/migrate.ts');
    const { loadDemo } = await import('../src/demo/lvliang.ts');
    const { actingUser } = await import('../src/platform/auth/sessions.ts');
    const { loadConfig, systemClock } = await import('../src/platform/config.ts');
    const { dayInChina } = await import('../src/domain/matters.ts');
    const now = new Date();
    await migrate(db);
    await loadDemo(db, { now, adminPassword: ADMIN_PASSWORD });
    const user = await actingUser(db, PROJECT_READER);
    if (!user) throw new Error(`the demo city has no ${PROJECT_READER} account`);
    const ctx = { db, config: loadConfig({ ...process.env, LUOSHI_LOG_LEVEL: 'silent' }), clock: systemClock };
    return { ctx, user, actor: { userId: user.id, username: user.username, ip: null }, now, today: dayInChina(now) };
  }

  /**
   * The bulletin and the rankings over a generated campaign (a whole past year, reported through
   * December) grown through the sizes of PROJECT_STEPS in one database.
   */
  private async benchProjects(database: 'PGlite' | 'PostgreSQL', databaseUrl: string | null): Promise<void> {
    const { bulletinFile, bulletinOf } = await import('../src/modules/projects/bulletin.ts');
    const { figuresBy, loadSettings } = await import('../src/modules/projects/service.ts');
    const gen = await import('./bench-projects.ts');
    const db = await this.openBenchDb(databaseUrl);
    const n = (x: number) => x.toLocaleString('en-US');
    const sec = (ms: number) => (ms / 1000).toFixed(1);
    try {
      const { ctx, user, now, today } = await this.projectContext(db);
      const year = Number(today.slice(0, 4)) - 1;
      const month = `${year}-12`;
      const bulletinMs = new Map<number, number>();
      let warm = false;
      for (const step of PROJECT_STEPS[database]) {
        const have = (await db.query<{ n: number }>('select count(*)::int as n from projects'))[0]?.n ?? 0;
        console.error(`  projects on ${database}: generating ${n(step.projects - have)} projects (to ${n(step.projects)}), 12 accepted monthly reports each…`);
        const made = await gen.seedProjects(db, { projects: step.projects - have, year, month, now });
        const seeded =
          `${database}: campaign ${year} grown to ${n(made.totalProjects)} projects and ${n(made.totalReports)} monthly reports: ${n(made.projects)} projects generated in ${sec(made.ms)} s ` +
          `(set-based insert ${sec(made.insertMs)} s [${Object.entries(made.steps).map(([k, v]) => `${k} ${sec(v)}`).join(', ')}], the production refreshMonths ${sec(made.monthsMs)} s ` +
          `and refreshLights ${sec(made.lightsMs)} s); lights of ${month}: ${n(made.lights.red)} red, ${n(made.lights.yellow)} yellow, ${n(made.lights.green)} green`;
        console.error(`  ${seeded}`);
        this.notes.push(seeded);
        const size = `${n(step.projects)} projects`;

        if (step.bulletinRuns > 0) {
          // One untimed run first (modules, plans), then the timed ones; a run slower than the repeat limit is not repeated.
          if (!warm) await bulletinFile(ctx, user, month);
          warm = true;
          console.error(`  bulletin .docx ${size} on ${database}: up to ${step.bulletinRuns} runs…`);
          const runs = [];
          for (let i = 0; i < step.bulletinRuns; i++) {
            const r = await this.inProcess(() => bulletinFile(ctx, user, month));
            runs.push(r);
            if (r.ms > BULLETIN_REPEAT_LIMIT_MS) break;
          }
          const figures = await this.inProcess(() => bulletinOf(ctx, user, month));
          const last = runs[runs.length - 1]?.value;
          const row = inProcessRow(`bulletin .docx ${size} (in process)`, database, runs, '');
          const p50 = row.p50Ms ?? 0;
          bulletinMs.set(step.projects, p50);
          const target = BULLETIN_TARGET_MS[step.projects];
          const ratio = step.projects === 100_000 && bulletinMs.has(10_000) ? p50 / (bulletinMs.get(10_000) as number) : null;
          const bad = !last || last.content.subarray(0, 2).toString() !== 'PK' ? 'failed: the bulletin is not a .docx' : last.data.figures.projects !== step.projects ? `failed: the bulletin counts ${last.data.figures.projects} projects` : '';
          row.note = [
            bad,
            `ms, ${runs.length === step.bulletinRuns ? `median of ${runs.length} runs (p99 = slowest)` : `${runs.length} run${runs.length === 1 ? '' : 's'} (over ${sec(BULLETIN_REPEAT_LIMIT_MS)} s: not repeated)`}; bulletinFile as ${PROJECT_READER}, month ${month}, ${n(step.projects * 12)} accepted reports`,
            last ? `${Math.round(last.content.length / 1024)} kB, ${n(last.data.lagging.length)} lagging projects listed` : '',
            `of which the figures (bulletinOf: rankings by county and department, the lagging list) ${n(Math.round(figures.ms))} ms, the rest writing the .docx`,
            ratio === null ? '' : `${n(100_000)}/${n(10_000)} = ${ratio.toFixed(1)}× (linear ≈ 10)`,
            target ? `target < ${n(target)} ms: ${p50 < target ? 'met' : 'missed'}` : '',
          ]
            .filter(Boolean)
            .join('; ');
          this.rows.push(row);
          if (ratio !== null) this.notes.push(`${database}: the bulletin at ${n(100_000)} projects took ${ratio.toFixed(1)}× its time at ${n(10_000)} (linear ≈ 10)`);
        }

        if (step.rankings) {
          const settings = await loadSettings(db, today);
          const rank = () => figuresBy(db, user, year, month, 'county', settings);
          console.error(`  rankings by county ${size} on ${database}: ${RANKINGS_RUNS} runs…`);
          for (let i = 0; i < 2; i++) await rank();
          const runs = [];
          for (let i = 0; i < RANKINGS_RUNS; i++) runs.push(await this.inProcess(rank));
          const g = runs[0]?.value;
          const row = inProcessRow(`rankings by county ${size} (in process)`, database, runs, '');
          const target = step.projects === RANKINGS_TARGET_AT ? `target < ${RANKINGS_TARGET_MS} ms: ${(row.p50Ms ?? Infinity) < RANKINGS_TARGET_MS ? 'met' : 'missed'}` : '';
          row.note = [
            !g || g.overall.projects !== step.projects ? `failed: the rankings count ${g?.overall.projects ?? 0} projects` : '',
            `ms, ${RANKINGS_RUNS} runs after 2 untimed (p50 = median, p99 = slowest); figuresBy(…, 'county') as ${PROJECT_READER}, month ${month}: ${g?.groups.length ?? 0} county-level units ranked, completion ${g?.overall.completionRate.text ?? '-'}`,
            target,
          ]
            .filter(Boolean)
            .join('; ');
          this.rows.push(row);
        }
      }
    } finally {
      await db.close();
    }
  }

  /** The import sheets, made once per run: one sheet when the platform reads that many rows, else sheets under its limit. */
  private importSheets: { files: Buffer[]; sizes: number[]; refused: string | null; ms: number; bytes: number } | null = null;

  /**
   * A generated 10,000-row county sheet into a fresh database (migrations and the demo organisation):
   * a dry run, then the import for real, each through `importProjects` as the project office.
   */
  private async benchProjectImport(database: 'PGlite' | 'PostgreSQL', databaseUrl: string | null): Promise<void> {
    const { importProjects } = await import('../src/modules/projects/import.ts');
    const { loadSettings } = await import('../src/modules/projects/service.ts');
    const gen = await import('./bench-projects.ts');
    const db = await this.openBenchDb(databaseUrl);
    const n = (x: number) => x.toLocaleString('en-US');
    const label = `import ${n(IMPORT_ROWS)}-row sheet`;
    try {
      const { ctx, user, actor, today } = await this.projectContext(db);
      const year = (await loadSettings(db, today)).campaignYear;
      if (!this.importSheets) {
        console.error(`  ${label}: making the sheet with exceljs…`);
        const names = await gen.sheetNames(db);
        const t0 = performance.now();
        const whole = await gen.projectSheet(names, { rows: IMPORT_ROWS, year, today, codes: true });
        const made = { files: [whole], sizes: [IMPORT_ROWS], refused: null as string | null };
        this.importSheets = { ...made, ms: performance.now() - t0, bytes: made.files.reduce((s, f) => s + f.length, 0) };
      }
      const sheets = this.importSheets;
      const how =
        sheets.files.length === 1
          ? 'one sheet'
          : `${sheets.files.length} sheets of ${sheets.sizes.map(n).join(' + ')} rows, one import each (a single ${n(IMPORT_ROWS)}-row sheet is refused: “${sheets.refused}”)`;
      const importAll = (dryRun: boolean) => async () => {
        const out = [];
        for (const content of sheets.files) {
          const t0 = performance.now();
          out.push({ ...(await importProjects(ctx, actor, user, { content, dryRun, year })), ms: performance.now() - t0 });
        }
        return out;
      };
      const each = (rs: { ms: number }[]) => (rs.length > 1 ? `; by sheet ${rs.map((r) => n(Math.round(r.ms))).join(' + ')} ms` : '');
      const problems = (rs: { ok: boolean; errors: { row: number | null; column: string | null; message: string }[] }[]) =>
        rs.flatMap((r) => r.errors).slice(0, 3).map((e) => `row ${e.row ?? '-'} ${e.column ?? ''} ${e.message}`).join(' | ');

      console.error(`  ${label} on ${database}: a dry run, then the import (${how.split(' (')[0]})…`);
      const dry = await this.inProcess(importAll(true));
      const dryRows = dry.value.reduce((s, r) => s + r.rows.length, 0);
      const dryOk = dry.value.every((r) => r.ok) && dryRows === IMPORT_ROWS;
      this.rows.push(
        inProcessRow(`${label}, dry run (in process)`, database, [dry], dryOk
          ? `ms; importProjects (dryRun) as ${PROJECT_READER}: read, parsed and checked against the organisation, ${n(dryRows)} rows to create, nothing written; ${how}${each(dry.value)}`
          : `failed: the dry run found ${dryRows} rows and errors: ${problems(dry.value)}`),
      );
      const real = await this.inProcess(importAll(false));
      const created = real.value.reduce((s, r) => s + r.created, 0);
      const stored = (await db.query<{ n: number; months: number }>('select count(*)::int as n, (select count(*) from project_months)::int as months from projects'))[0];
      const ok = real.value.every((r) => r.ok) && created === IMPORT_ROWS && stored?.n === IMPORT_ROWS;
      this.rows.push(
        inProcessRow(`${label} (in process)`, database, [real], ok
          ? `ms; importProjects as ${PROJECT_READER} into a fresh database: ${n(created)} projects created (${n(stored?.months ?? 0)} month rows, stages, audit entries, lights), ` +
              `each sheet all-or-nothing in one transaction${each(real.value)}; rows carry project codes (a blank code is numbered from the year's projects, once per row); ` +
              `target < ${n(IMPORT_TARGET_MS)} ms: ${real.ms < IMPORT_TARGET_MS ? 'met' : 'missed'}`
          : `failed: created ${created} of ${IMPORT_ROWS} (${stored?.n ?? 0} stored): ${problems(real.value)}`),
      );
      if (!this.notes.some((x) => x.startsWith('import sheet'))) {
        this.notes.push(
          `import sheet: ${n(IMPORT_ROWS)} county projects of ${year} in the import template's layout (title, 金额单位：万元, one header row; amounts as numbers, Excel dates), ` +
            `made with exceljs in ${(sheets.ms / 1000).toFixed(1)} s, ${(sheets.bytes / 1024 / 1024).toFixed(1)} MB; ${how}`,
        );
      }
    } finally {
      await db.close();
    }
  }

  /** Times `fn` in this process, with this process's CPU and the rest of the machine's. */
  private async inProcess<T>(fn: () => Promise<T>): Promise<InProcessRun<T>> {
    const own0 = process.cpuUsage();
    const machine0 = machineBusyMicros();
    const t0 = performance.now();
    const value = await fn();
    const ms = performance.now() - t0;
    const own = process.cpuUsage(own0);
    const machine = machineBusyMicros() - machine0;
    const ownMicros = own.user + own.system;
    return { value, ms, ownCpuPct: (100 * ownMicros) / (ms * 1000), otherCpuPct: Math.max(0, (100 * (machine - ownMicros)) / (ms * 1000)) };
  }

  private async benchLuoshi(database: 'PGlite' | 'PostgreSQL', databaseUrl: string | null): Promise<void> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bench-'));
    this.cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const http = this.groups.has('http');
    const env: NodeJS.ProcessEnv = { LUOSHI_DATA_DIR: dataDir, LUOSHI_ADMIN_PASSWORD: ADMIN_PASSWORD, LUOSHI_LOG_LEVEL: 'silent', LUOSHI_DEMO: 'true', LUOSHI_BENCH_EXTRAS: http ? '1' : '0' };
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    else env.DATABASE_URL = '';
    const server = await this.startServer('luoshi', env);
    const base = `http://127.0.0.1:${server.ready.port}`;
    try {
      const health = (await expectOk(`${base}/healthz`, {})) as { database?: string };
      const expected = databaseUrl ? 'postgres' : 'pglite';
      if (health.database !== expected) throw new Error(`the server reports database ${health.database}, expected ${expected}`);
      this.notes.push(
        http
          ? `${database}: server ready in ${((server.ready.setupMs ?? 0) / 1000).toFixed(1)} s (migrations, demo city, matters and projects, ${EXTRA_USERS} extra users, ` +
              `${SERVED_MATTERS.toLocaleString('en-US')} generated matters and their recompute; ${server.ready.users} users in all)`
          : `${database}: server ready in ${((server.ready.setupMs ?? 0) / 1000).toFixed(1)} s (migrations, demo city, matters and projects)`,
      );
      if (http) await this.httpRows(server, base, database);
      if (this.groups.has('projects')) await this.dashboardRow(server, base, database);
    } finally {
      await this.stopServer(server.child);
    }
  }

  /** The dashboard of the demo campaign as the project office (city scope): three groupings and the monthly series per request. */
  private async dashboardRow(server: { child: ChildProcess; ready: ReadyMessage }, base: string, database: string): Promise<void> {
    const pw = server.ready.passwords?.[PROJECT_READER];
    if (!pw) throw new Error(`no password for ${PROJECT_READER}`);
    const headers = { cookie: await login(base, PROJECT_READER, pw) };
    const d = (await expectOk(base + DASHBOARD_PATH, headers)) as { month: string; overall: { projects: number }; byCounty: unknown[]; byStage: unknown[]; byCategory: unknown[]; series: unknown[] };
    const row = await this.measure(server, { name: `GET ${DASHBOARD_PATH} (project office)`, database, url: base + DASHBOARD_PATH, connections: 50, headers });
    const what =
      `${PROJECT_READER}: the demo campaign, ${d.overall.projects.toLocaleString('en-US')} projects, month ${d.month}; ` +
      `${d.byCounty.length} counties, ${d.byStage.length} stages, ${d.byCategory.length} categories, ${d.series.length} months of series per answer`;
    row.note = [what, d.overall.projects === 0 ? 'failed: the demo campaign is empty' : '', row.note].filter(Boolean).join('; ');
  }

  /** Login, the scoped user list and the matter rows. */
  private async httpRows(server: { child: ChildProcess; ready: ReadyMessage }, base: string, database: string): Promise<void> {
    // Login: the admin's password is set through LUOSHI_ADMIN_PASSWORD.
    const loginBody = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });
    await login(base, 'admin', ADMIN_PASSWORD);
    await this.measure(server, {
      name: 'POST /api/auth/login (argon2id)',
      database,
      url: `${base}/api/auth/login`,
      connections: 4,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: loginBody,
    });

    // The scoped list, as lishi_head (its forced password change was cleared in the database).
    const password = server.ready.passwords?.[LIST_READER];
    if (!password) throw new Error(`no password for ${LIST_READER}`);
    const cookie = await login(base, LIST_READER, password);
    const headers = { cookie };
    const page = (await expectOk(base + LIST_PATH, headers)) as { items: unknown[]; total: number };
    if (page.items.length !== 20) throw new Error(`the list returned ${page.items.length} items, expected 20`);
    this.notes.push(`${database}: ${LIST_READER} (unit_head, subtree 离石区) sees ${page.total} of ${server.ready.users} users; each request counts them and returns a page of 20`);
    await this.measure(server, { name: `GET ${LIST_PATH} (scoped)`, database, url: base + LIST_PATH, connections: 50, headers });

    // The matter rows, as the county clerk (unit scope) and the city supervisor (city scope).
    const m = server.ready.matters;
    if (!m) throw new Error('the server reported no matters');
    this.notes.push(
      `${database}: matter rows over ${m.total.toLocaleString('en-US')} matters (${m.generated.toLocaleString('en-US')} generated in ${(m.generateMs / 1000).toFixed(1)} s + ` +
        `${(m.total - m.generated).toLocaleString('en-US')} demo), ${m.open.toLocaleString('en-US')} open; lights set by a recompute as the daily job leaves them`,
    );
    const readers: { username: string; label: string; headers: Record<string, string> }[] = [];
    for (const r of MATTER_READERS) {
      const pw = server.ready.passwords?.[r.username];
      if (!pw) throw new Error(`no password for ${r.username}`);
      readers.push({ ...r, headers: { cookie: await login(base, r.username, pw) } });
    }
    for (const r of readers) {
      const inbox = (await expectOk(base + INBOX_PATH, r.headers)) as { counts: Record<string, number> };
      const counts = Object.entries(inbox.counts).map(([box, n]) => `${box} ${n.toLocaleString('en-US')}`).join(' · ');
      const row = await this.measure(server, { name: `GET ${INBOX_PATH} (${r.label})`, database, url: base + INBOX_PATH, connections: 50, headers: r.headers });
      row.note = [`${r.username}: ${counts}`, row.note].filter(Boolean).join('; ');
    }
    for (const r of readers) {
      const list = (await expectOk(base + TO_REPORT_PATH, r.headers)) as { items: unknown[]; total: number };
      const row = await this.measure(server, { name: `GET ${TO_REPORT_PATH} (${r.label})`, database, url: base + TO_REPORT_PATH, connections: 50, headers: r.headers });
      const box = `${r.username}: ${list.total.toLocaleString('en-US')} in the box, a page of ${list.items.length}${list.total === 0 ? ' (the box is a handling unit\'s: empty for a reviewing role)' : ''}`;
      row.note = [box, row.note].filter(Boolean).join('; ');
    }
  }

  /** Runs `fn` on a fresh database of the server at `url`, dropped afterwards (a skipped row when it cannot be created). */
  private async withFreshDatabase(url: string, rowName: string, fn: (databaseUrl: string) => Promise<void>): Promise<void> {
    const name = `luoshi_bench_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    try {
      await admin.connect();
      await admin.query(`create database ${name}`);
    } catch (err) {
      await admin.end().catch(() => undefined);
      this.rows.push(skipped(rowName, 'PostgreSQL', `failed: cannot create a database through ${redact(url)}: ${(err as Error).message}`));
      return;
    }
    let dropped = false;
    const drop = async () => {
      if (dropped) return;
      dropped = true;
      try {
        await admin.query(`drop database if exists ${name} with (force)`);
      } catch {
        await admin.query(`drop database if exists ${name}`).catch((e: Error) => console.error(`could not drop database ${name}: ${e.message}`));
      }
      await admin.end().catch(() => undefined);
    };
    this.cleanups.push(drop);
    if (!this.serverNoted) {
      this.serverNoted = true;
      const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?';
      this.notes.push(`PostgreSQL: server ${version} at ${redact(url)}, a fresh database for each group of in-process rows and one for the served rows (dropped afterwards); luoshi pool size ${process.env.LUOSHI_DB_POOL_SIZE || 10}, parallel workers per query ${benchParallelWorkers()}`);
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    try {
      await fn(u.toString());
    } finally {
      await drop();
    }
  }

  // ------------------------------------------------------------ measuring

  private async measure(
    server: { child: ChildProcess },
    spec: { name: string; database: string; url: string; connections: number; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  ): Promise<Row> {
    const opts: AutocannonOptions = {
      url: spec.url,
      connections: spec.connections,
      method: spec.method ?? 'GET',
      headers: spec.headers,
      body: spec.body,
      duration: this.warmup,
      timeout: REQUEST_TIMEOUT_S,
    };
    console.error(`  ${spec.name} on ${spec.database}: ${spec.connections} connections, ${this.warmup} s warm-up + ${this.duration} s…`);
    await autocannon(opts);
    const cpu0 = await this.serverCpu(server.child);
    const own0 = process.cpuUsage();
    const machine0 = machineBusyMicros();
    const t0 = process.hrtime.bigint();
    const r = await autocannon({ ...opts, duration: this.duration });
    const wallMicros = Number(process.hrtime.bigint() - t0) / 1000;
    const machine = machineBusyMicros() - machine0;
    const cpu1 = await this.serverCpu(server.child);
    const own = process.cpuUsage(own0);
    const serverMicros = cpu1 - cpu0;
    const loadMicros = own.user + own.system;
    const reqPerSec = r.requests.average;
    const row: Row = {
      name: spec.name,
      database: spec.database,
      connections: spec.connections,
      durationS: r.duration,
      reqPerSec,
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      ratioToBare: this.bare ? reqPerSec / this.bare : spec.database === '-' ? 1 : null,
      serverCpuPct: (100 * serverMicros) / wallMicros,
      loadCpuPct: (100 * loadMicros) / wallMicros,
      otherCpuPct: Math.max(0, (100 * (machine - serverMicros - loadMicros)) / wallMicros),
      failed: r.non2xx + r.errors + r.timeouts,
    };
    const notes = [];
    if (row.failed) notes.push(`${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    if (r.latency.max >= SLOWEST_NOTE_MS) notes.push(`slowest answer ${Math.round(r.latency.max).toLocaleString('en-US')} ms`);
    if (notes.length) row.note = notes.join('; ');
    this.rows.push(row);
    return row;
  }

  private serverCpu(child: ChildProcess): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not report its CPU time')), 10_000);
      const onMessage = (m: ChildMessage) => {
        if (m.type !== 'cpu') return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(m.micros);
      };
      child.on('message', onMessage);
      child.send({ type: 'cpu' } satisfies ParentMessage);
    });
  }

  // ------------------------------------------------------------ child processes

  private startServer(mode: ServeMode, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; ready: ReadyMessage }> {
    const child = fork(BIN, ['bench', '--serve', mode], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the ${mode} server did not start within 180 s`));
      }, 180_000);
      child.on('message', (m: ChildMessage) => {
        if (m.type !== 'ready') return;
        clearTimeout(timer);
        resolve({ child, ready: m });
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the ${mode} server exited before it was ready (${signal ?? `code ${code}`})`));
      });
    });
  }

  private async stopServer(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  private async cleanup(): Promise<void> {
    await Promise.all([...this.children].map((c) => this.stopServer(c)));
    for (const fn of this.cleanups.splice(0).reverse()) {
      await fn().catch((err: Error) => console.error(`cleanup: ${err.message}`));
    }
  }

  // ------------------------------------------------------------ the table

  private table(elapsed: number): string {
    const cores = os.cpus();
    const head = [
      `luoshi bench — ${new Date().toISOString()} — node ${process.version}, ${cores.length} × ${cores[0]?.model.trim() ?? '?'}`,
      `How: each server (bare Fastify, or luoshi with its default settings) runs alone in a child Node process on 127.0.0.1;`,
      `autocannon, the load generator, runs in the bench process. Server, load generator (and the PostgreSQL server's`,
      `processes) share the same ${cores.length} cores, so compare the ratios to the bare ceiling measured in this same run.`,
      `Each row: ${this.warmup} s warm-up (discarded), then ${this.duration} s measured. req/s = autocannon's mean of per-second counts;`,
      `a request unanswered for ${REQUEST_TIMEOUT_S} s counts as failed.`,
      `CPU in % of one core during each row: srv = the server's Node process, load = autocannon, other = everything else`,
      `on the machine (PostgreSQL server processes in the PostgreSQL rows; other users' work adds noise). Load average at start: ${this.loadAtStart}.`,
      `Rows without req/s run in the bench process, no HTTP: p50 is their time in ms (the median when repeated), load CPU is`,
      `this process (with PGlite itself in the PGlite rows).`,
      '',
    ];
    const cols = ['endpoint', 'database', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'vs bare', 'srv CPU', 'load CPU', 'other CPU', 'failed'];
    const right = [false, false, true, true, true, true, true, true, true, true, true];
    const fmt = (n: number | null, digits = 0) => (n === null ? '-' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
    const ms = (n: number | null) => (n === null ? '-' : n < 1 ? '<1' : fmt(n));
    const body = this.rows.map((r) =>
      r.reqPerSec === null && r.p50Ms === null
        ? [r.name, r.database, '', '', '', '', '', '', '', '', '']
        : [
            r.name,
            r.database,
            String(r.connections),
            r.reqPerSec === null ? '-' : fmt(r.reqPerSec),
            ms(r.p50Ms),
            ms(r.p99Ms),
            r.ratioToBare === null ? '-' : `${(r.ratioToBare * 100).toFixed(r.ratioToBare < 0.1 ? 2 : 1)}%`,
            r.serverCpuPct === null ? '-' : `${fmt(r.serverCpuPct)}%`,
            r.loadCpuPct === null ? '-' : `${fmt(r.loadCpuPct)}%`,
            r.otherCpuPct === null ? '-' : `${fmt(r.otherCpuPct)}%`,
            String(r.failed),
          ],
    );
    const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
    const widths = cols.map((c, i) => Math.max(width(c), ...body.map((b) => width(b[i] ?? ''))));
    const pad = (s: string, i: number) => {
      const fill = ' '.repeat((widths[i] ?? 0) - width(s));
      return right[i] ? fill + s : s + fill;
    };
    const line = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
    const out = [...head, line(cols), widths.map((w) => '-'.repeat(w)).join('  ')];
    this.rows.forEach((r, i) => {
      out.push(line(body[i] ?? []));
      if (r.note) out.push(`    ↳ ${r.note}`);
    });
    out.push('', ...this.notes.map((n) => `• ${n}`), `• whole bench: ${elapsed.toFixed(0)} s; load average at the end: ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`);
    return out.join('\n');
  }
}

interface InProcessRun<T> {
  value: T;
  ms: number;
  ownCpuPct: number;
  otherCpuPct: number;
}

/** A row of work timed in this process: p50 = the median time, p99 = the slowest when repeated. */
function inProcessRow(name: string, database: string, runs: InProcessRun<unknown>[], note: string): Row {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const avg = (f: (r: InProcessRun<unknown>) => number) => runs.reduce((n, r) => n + f(r), 0) / runs.length;
  return {
    name,
    database,
    connections: 1,
    durationS: ms.reduce((a, b) => a + b, 0) / 1000,
    reqPerSec: null,
    p50Ms: ms[Math.floor((ms.length - 1) / 2)] ?? null,
    p99Ms: ms.length > 1 ? (ms[ms.length - 1] ?? null) : null,
    ratioToBare: null,
    serverCpuPct: null,
    loadCpuPct: avg((r) => r.ownCpuPct),
    otherCpuPct: avg((r) => r.otherCpuPct),
    failed: 0,
    note,
  };
}

function skipped(name: string, database: string, note: string): Row {
  return { name, database, connections: null, durationS: null, reqPerSec: null, p50Ms: null, p99Ms: null, ratioToBare: null, serverCpuPct: null, loadCpuPct: null, otherCpuPct: null, failed: 0, note };
}

/** Busy CPU time of the whole machine so far (all cores), in microseconds. */
function machineBusyMicros(): number {
  return os.cpus().reduce((sum, c) => sum + (c.times.user + c.times.nice + c.times.sys + c.times.irq) * 1000, 0);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

async function expectOk(url: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

/** Signs in and returns the `luoshi_sid=…` cookie pair. */
async function login(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const text = await res.text();
  if (!res.ok) throw new Error(`login as ${username} answered ${res.status}: ${text.slice(0, 300)}`);
  const sid = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('luoshi_sid='));
  if (!sid) throw new Error(`login as ${username} set no luoshi_sid cookie`);
  return sid;
}

// ---------------------------------------------------------------- the server side (child processes)

async function serve(mode: ServeMode): Promise<number> {
  if (!process.send) {
    console.error('--serve is internal to the bench (it needs an IPC channel)');
    return 2;
  }
  const send = (m: ChildMessage) => process.send?.(m);
  let stop: () => Promise<void>;
  const t0 = Date.now();
  if (mode === 'bare') {
    const { default: Fastify } = await import('fastify');
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ status: 'ok', name: 'luoshi', items: [1, 2, 3] }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    stop = () => app.close();
    send({ type: 'ready', port: (app.server.address() as AddressInfo).port });
  } else if (mode === 'luoshi') {
    const { loadConfig } = await import('../src/platform/config.ts');
    const { bootstrap, createApp, migrate, openDatabase } = await import('../src/platform/runtime.ts');
    const { hashPassword } = await import('../src/platform/auth/password.ts');
    const config = loadConfig({ ...process.env, LUOSHI_LOG_LEVEL: 'silent' });
    const opened = await openDatabase(config);
    try {
      const { db } = opened;
      await migrate(db);
      const accounts = await bootstrap(db, config);
      if (!accounts) throw new Error('the bench database is not empty');
      await db.query('update users set must_change_password = false where username = any($1::text[])', [[LIST_READER, PROJECT_READER]]);
      // Without the user list and matter rows (`--only projects`), the server serves the demo data alone.
      const extras = process.env.LUOSHI_BENCH_EXTRAS !== '0';
      let made = { matters: 0, ms: 0 };
      if (extras) {
        // ~2,000 more users spread evenly over every unit (one precomputed hash: nobody signs in as them).
        const hash = await hashPassword(crypto.randomBytes(12).toString('base64url') + 'Aa1#');
        await db.query(
          `insert into users (username, display_name, unit_id, role, scope, password_hash, must_change_password, password_changed_at, created_at, updated_at)
           select 'bench' || lpad(g::text, 5, '0'), '测试用户' || g, u.ids[1 + g % array_length(u.ids, 1)],
                  case when g % 10 = 0 then 'unit_head' else 'unit_clerk' end,
                  case when g % 10 = 0 then 'subtree' else 'unit' end,
                  $1, false, $2, $2, $2
             from generate_series(1, $3::int) g, (select array_agg(id order by id) as ids from units) u`,
          [hash, new Date(), EXTRA_USERS],
        );
        await db.exec('analyze users; analyze units;');
        // The matter rows: the demo matters plus generated ones, lit by a recompute as the daily job leaves them.
        await db.query('update users set must_change_password = false where username = any($1::text[])', [MATTER_READERS.map((r) => r.username)]);
        const { generateMatters } = await import('./bench-matters.ts');
        const { recomputeAll } = await import('../src/modules/matters/recompute.ts');
        made = await generateMatters(db, { count: SERVED_MATTERS, now: new Date() });
        await recomputeAll(db, new Date());
        await db.exec('analyze matters;');
      }
      await db.exec('analyze projects; analyze project_months;');
      const users = (await db.query<{ n: number }>('select count(*)::int as n from users'))[0]?.n ?? 0;
      const mc = (await db.query<{ total: number; open: number }>(`select count(*)::int as total, count(*) filter (where state <> 'closed')::int as open from matters`))[0];
      const app = await createApp(db, config);
      await app.listen({ port: 0, host: '127.0.0.1' });
      stop = async () => {
        await app.close();
        await opened.close();
      };
      send({
        type: 'ready',
        port: (app.server.address() as AddressInfo).port,
        database: db.kind,
        passwords: Object.fromEntries(accounts.map((a) => [a.username, a.password])),
        users,
        matters: { generated: made.matters, total: mc?.total ?? 0, open: mc?.open ?? 0, generateMs: made.ms },
        setupMs: Date.now() - t0,
      });
    } catch (err) {
      await opened.close().catch(() => undefined);
      throw err;
    }
  } else {
    console.error(`unknown --serve mode: ${String(mode)}`);
    return 2;
  }

  await new Promise<void>((resolve) => {
    const done = () => resolve();
    process.on('message', (m: ParentMessage) => {
      if (m.type === 'cpu') {
        const u = process.cpuUsage();
        send({ type: 'cpu', micros: u.user + u.system });
      } else if (m.type === 'stop') done();
    });
    // The bench went away (crashed or killed): do not linger.
    process.once('disconnect', done);
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await stop();
  if (process.connected) process.disconnect();
  return 0;
}

/** The server's parallel workers per query, as the platform configures them (LUOSHI_DB_PARALLEL_WORKERS, default 0). */
function benchParallelWorkers(): number {
  const v = process.env.LUOSHI_DB_PARALLEL_WORKERS;
  return v === undefined || v === '' ? 0 : Number(v);
}
