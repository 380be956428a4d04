/**
 * `npx luoshi <command>`: start, migrate, audit verify, user create|reset-password, demo load, build, bench, extract,
 * deadlines, jobs.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parseInput } from '../platform/validation.ts';
import { LeadUnitRules } from '../modules/extract/schema.ts';
import type { LeadUnitRule } from '../modules/extract/lead-units.ts';
import { loadConfig, ConfigError, systemClock, type Config } from '../platform/config.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';
import { SchemaError } from '../platform/db/migrate.ts';
import { bootstrap, createApp, describeAccounts, migrate, openDatabase, startJobs } from '../platform/runtime.ts';
import { verifyAudit, type Actor } from '../platform/audit.ts';
import { AppError } from '../platform/errors.ts';
import { ROLES, ROLE_SCOPES, type Role } from '../platform/policies.ts';
import { CreateUserBody } from '../modules/users/schema.ts';
import { createUser, resetPassword } from '../modules/users/service.ts';
import { userIdByName } from '../modules/users/queries.ts';
import { loadDemo, DatabaseNotEmptyError } from '../demo/lvliang.ts';
import { loadDemoMatters } from '../demo/matters.ts';
import { loadDemoProjects } from '../demo/projects.ts';
import { buildWeb } from './build.ts';
import { version } from '../platform/version.ts';

const HELP = `luoshi ${version} — 落实

Usage: npx luoshi <command>

  start                          run the platform (what \`npm start\` runs)
  migrate                        apply database migrations and exit
  audit verify                   check the audit log's hash chain; exit 1 if anything was altered or removed
  user create NAME --unit UNIT --role ROLE [--scope SCOPE] [--display-name TEXT]
                                 create an account (UNIT: unit id or exact name); prints its initial password
  user reset-password NAME       set a new temporary password (changed at next sign-in); prints it
  demo load                      load the demo city 吕梁市 into the configured (empty) database
  build [--force]                build the web app (done by npm install; --force rebuilds)
  bench                          run the benchmarks and print a table
  extract FILE [--year YYYY] [--json]
                                 draft a 任务分解表 from a .txt or .docx report: targets, tasks, projects with
                                 their figures, deadlines and suggested lead units (--json: the full contract)
  deadlines --profile CODE --from YYYY-MM-DD [--working-days] [--major|--ordinary] [--due YYYY-MM-DD] [--json]
                                 the deadlines of a clock profile (13710, suggestion, rectification: needs --due)
                                 for work assigned on a day, under the configured working-day calendar
  jobs run [NAME] [--if-due]     run the background jobs (reminders and escalation, webhook delivery) once now
  jobs list                      the background jobs' names
  import ledger FILE.xlsx --source-doc TEXT [--dry-run] [--json]
                                 import a rectification ledger (整改台账) sheet as the admin account: all rows
                                 or none; --dry-run checks and lists the items and errors without writing
  import projects FILE.xlsx [--dry-run] [--year YYYY] [--json]
                                 import a major-project sheet as counties send it (title and unit lines, merged
                                 headers, sections, 合计 and notes rows); --json: amounts in 万元, Excel row numbers
  bulletin projects --month YYYY-MM --out FILE.docx [--annex FILE.xlsx]
                                 the month's 千项千亿 bulletin in the GB/T 9704 layout (and its .xlsx annex)
  eval [--verbose] [--json]      score the extractor on its labelled dev set and time it (what \`npm run eval\` runs)

Configuration comes from the environment: see README.md.`;

const CLI_ACTOR: Actor = { userId: null, username: 'cli', ip: null };

export async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  try {
    switch (command) {
      case 'start':
        return await start(loadConfig());
      case 'migrate':
        return await withDb(loadConfig(), async ({ db }) => {
          const r = await migrate(db);
          console.log(r.applied.length ? `applied migrations ${r.applied.join(', ')}; schema version ${r.current}` : `schema is up to date (version ${r.current})`);
          return 0;
        });
      case 'audit':
        if (sub !== 'verify') break;
        return await withDb(loadConfig(), async ({ db }) => {
          await migrate(db);
          const r = await verifyAudit(db);
          if (argv.includes('--json')) console.log(JSON.stringify(r));
          else {
            console.log(`checked ${r.checked} rows; last hash ${r.lastHash ?? '-'}`);
            for (const p of r.problems) console.log(`  [${p.kind}] row ${p.id}: ${p.message}`);
            console.log(r.ok ? 'OK: the audit log is intact' : `FAILED: ${r.problems.length} problem(s)`);
          }
          return r.ok ? 0 : 1;
        });
      case 'user':
        if (sub === 'create') return await userCreate(argv.slice(2));
        if (sub === 'reset-password') return await userReset(argv.slice(2));
        break;
      case 'demo': {
        if (sub !== 'load') break;
        const config = loadConfig();
        return await withDb(config, async ({ db }) => {
          await migrate(db);
          const accounts = await loadDemo(db, { now: new Date(), adminPassword: config.adminPassword });
          await loadDemoMatters(db, new Date());
          await loadDemoProjects(db);
          console.log('demo city 吕梁市 loaded');
          console.log(describeAccounts(accounts));
          return 0;
        });
      }
      case 'build':
        return buildWeb(argv.includes('--force')) ? 0 : 1;
      case 'extract':
        return await extractCommand(argv.slice(1));
      case 'deadlines': {
        const { deadlinesCommand } = await import('./deadlines.ts');
        return await deadlinesCommand(argv.slice(1), () => loadConfig());
      }
      case 'jobs': {
        const { jobsCommand } = await import('./jobs.ts');
        return await jobsCommand(argv.slice(1), () => loadConfig());
      }
      case 'import': {
        const { importCommand } = await import('./import.ts');
        return await importCommand(argv.slice(1), () => loadConfig());
      }
      case 'bulletin': {
        const { bulletinCommand } = await import('./projects.ts');
        return await bulletinCommand(argv.slice(1), () => loadConfig());
      }
      case 'eval': {
        const { runEval } = await import('../../scripts/eval.ts');
        return runEval(argv.slice(1));
      }
      case 'bench': {
        const { runBench } = await import('../../scripts/bench.ts');
        return await runBench(argv.slice(1));
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return command ? 0 : 2;
    }
    console.error(`unknown command: ${argv.join(' ')}\n\n${HELP}`);
    return 2;
  } catch (err) {
    return reportFatal(err);
  }
}

/** Reads an edited keyword → lead-unit map; errors name the entry and the field. */
function readLeadUnits(file: string): LeadUnitRule[] {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the lead-unit map ${file}: ${(err as Error).message}`);
  }
  try {
    return parseInput(LeadUnitRules, data);
  } catch (err) {
    const issues = ((err as AppError).details as { issues?: { field: string; messageEn: string }[] })?.issues ?? [];
    throw new Error(`the lead-unit map ${file} is not valid: ${issues.map((i) => `[${i.field || 'file'}] ${i.messageEn}`).join('; ')}`);
  }
}

async function extractCommand(args: string[]): Promise<number> {
  const usage = 'usage: npx luoshi extract FILE [--year YYYY] [--lead-units MAP.json] [--json]\n       npx luoshi extract --default-lead-units > MAP.json   (the built-in map, to edit)';
  let values: { year?: string; json?: boolean; 'lead-units'?: string; 'default-lead-units'?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { year: { type: 'string' }, json: { type: 'boolean' }, 'lead-units': { type: 'string' }, 'default-lead-units': { type: 'boolean' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (values['default-lead-units']) {
    const { DEFAULT_LEAD_UNITS } = await import('../modules/extract/lead-units.ts');
    console.log(JSON.stringify(DEFAULT_LEAD_UNITS, null, 2));
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    console.error(usage);
    return 2;
  }
  let year: number | undefined;
  if (values.year !== undefined) {
    if (!/^\d{4}$/.test(values.year)) {
      console.error(`--year must be a four-digit year, not "${values.year}"\n${usage}`);
      return 2;
    }
    year = Number(values.year);
  }
  const { readDocument, ReadError } = await import('../modules/extract/read.ts');
  const { extract } = await import('../modules/extract/extract.ts');
  let doc: { text: string; paragraphs: boolean };
  try {
    doc = readDocument(file);
  } catch (err) {
    if (err instanceof ReadError) {
      console.error(`luoshi extract: ${err.message}`);
      return 1;
    }
    throw err;
  }
  let leadUnits: LeadUnitRule[] | undefined;
  if (values['lead-units']) {
    try {
      leadUnits = readLeadUnits(values['lead-units']);
    } catch (err) {
      console.error(`luoshi extract: ${(err as Error).message}`);
      return 1;
    }
  }
  const result = extract(doc.text, { year, paragraphs: doc.paragraphs, leadUnits });
  // `luoshi extract … | head` closes the pipe early: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  const kinds = { target: '指标', task: '任务', project: '项目' } as const;
  console.log(`${file}: ${result.items.length} items; deadlines resolved against ${result.year ?? 'an unknown year (use --year)'}`);
  console.log(['#', '类别', '内容', '数量', '时限', '牵头单位'].join('\t'));
  result.items.forEach((it, i) => {
    const after = ['以上', '左右', '以内', '以下', '多'];
    const qs = it.quantities
      .map((q) => {
        const figure = q.max !== undefined ? `${q.value}—${q.max}${q.unit}` : `${q.value}${q.unit}`;
        if (!q.qualifier) return figure;
        return after.includes(q.qualifier) ? `${figure}${q.qualifier}` : `${q.qualifier}${figure}`;
      })
      .join('、');
    console.log([i + 1, kinds[it.kind], it.text, qs || '-', it.deadline ?? it.deadlineText ?? '-', it.leadUnit ?? '-'].join('\t'));
  });
  return 0;
}

function reportFatal(err: unknown): number {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof SchemaError || err instanceof DatabaseNotEmptyError) {
    console.error(`luoshi: ${err.message}`);
    return 1;
  }
  if (err instanceof AppError) {
    console.error(`luoshi: ${err.message} (${err.messageEn})`);
    return 1;
  }
  const e = err as { code?: string; message?: string };
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === '28P01' || e.code === '3D000') {
    console.error(`luoshi: cannot connect to the database (DATABASE_URL): ${e.message}`);
    return 1;
  }
  console.error(err);
  return 1;
}

async function withDb(config: Config, fn: (o: Awaited<ReturnType<typeof openDatabase>>) => Promise<number>): Promise<number> {
  const opened = await openDatabase(config);
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

async function start(config: Config): Promise<number> {
  if (!buildWeb(false)) console.error('luoshi: the web app could not be built; the API still runs.');
  const opened = await openDatabase(config);
  try {
    const m = await migrate(opened.db);
    if (m.applied.length) console.log(`数据库迁移 migrations applied: ${m.applied.join(', ')}`);
    const accounts = await bootstrap(opened.db, config, systemClock);
    if (accounts) {
      console.log(config.demo ? '首次启动：已加载演示城市 吕梁市 (first start: demo city loaded)' : '首次启动 (first start)');
      console.log(describeAccounts(accounts));
    }
    const app = await createApp(opened.db, config, systemClock);
    await app.listen({ port: config.port, host: config.host });
    const where = config.databaseUrl ? 'PostgreSQL server' : `embedded PostgreSQL in ${config.dataDir}`;
    console.log(`luoshi ${version} 已启动 running at http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port} (${where})`);
    // Reminders, escalation and webhook delivery; several processes on one database share them.
    const jobs = startJobs(opened.db, config, systemClock, { info: (m) => app.log.info(m), error: (m) => console.error(`luoshi: ${m}`) });
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    console.log('luoshi: stopping…');
    await jobs?.stop();
    await app.close();
    return 0;
  } finally {
    await opened.close();
  }
}

async function findUnit(db: Awaited<ReturnType<typeof openDatabase>>['db'], ref: string): Promise<{ id: number; name: string }> {
  const rows = /^\d+$/.test(ref)
    ? await db.query<{ id: number; name: string }>('select id, name from units where id = $1', [Number(ref)])
    : await db.query<{ id: number; name: string }>('select id, name from units where name = $1', [ref]);
  if (rows.length !== 1) throw new AppError('VALIDATION', { message: rows.length ? `单位名称不唯一：${ref}，请用单位编号` : `单位不存在：${ref}`, messageEn: rows.length ? `unit name is ambiguous: ${ref}; use its id` : `no such unit: ${ref}` });
  return rows[0] as { id: number; name: string };
}

async function userCreate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { unit: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' }, 'display-name': { type: 'string' }, password: { type: 'string' } },
  });
  const username = positionals[0];
  if (!username || !values.unit || !values.role) {
    console.error('usage: npx luoshi user create NAME --unit UNIT --role ROLE [--scope SCOPE] [--display-name TEXT]');
    return 2;
  }
  if (!(ROLES as readonly string[]).includes(values.role)) {
    console.error(`unknown role ${values.role}; one of: ${ROLES.join(', ')}`);
    return 2;
  }
  const role = values.role as Role;
  const config = loadConfig();
  return withDb(config, async ({ db }) => {
    await migrate(db);
    const unit = await findUnit(db, values.unit as string);
    // The same use case as the API's: validation, role/scope rule, password rule, audit.
    const body = parseInput(CreateUserBody, {
      username,
      displayName: values['display-name'] ?? username,
      unitId: unit.id,
      role,
      scope: values.scope ?? ROLE_SCOPES[role][0],
      ...(values.password !== undefined ? { password: values.password } : {}),
    });
    const { user, initialPassword } = await createUser({ db, config, clock: systemClock }, CLI_ACTOR, body);
    const shown = initialPassword ?? '(the one given)';
    console.log(`created ${user.username} (${user.role}, ${user.scope} @ ${unit.name}); initial password: ${shown} (must change at first sign-in)`);
    return 0;
  });
}

async function userReset(args: string[]): Promise<number> {
  const username = args[0];
  if (!username) {
    console.error('usage: npx luoshi user reset-password NAME');
    return 2;
  }
  const config = loadConfig();
  return withDb(config, async ({ db }) => {
    await migrate(db);
    const id = await userIdByName(db, username);
    if (id === undefined) {
      console.error(`no such user: ${username}`);
      return 1;
    }
    const { temporaryPassword } = await resetPassword({ db, config, clock: systemClock }, CLI_ACTOR, id);
    console.log(`temporary password for ${username}: ${temporaryPassword} (must change at next sign-in)`);
    return 0;
  });
}
