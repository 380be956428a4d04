/**
 * Project commands, run as the admin account against the configured database:
 *  - `npx luoshi import projects FILE.xlsx [--dry-run] [--year YYYY] [--json]`: a project sheet through the
 *    same use case as the API (all rows or none). --json prints the contract
 *    {"ok", "projects": [{row, code, name, unit, action, totalInvestment, plannedInvestment, completedInvestment}],
 *     "errors": [{row, column, message, messageEn}], "created", "updated"}: amounts in 万元 as numbers,
 *    rows numbered as Excel shows them. Exit codes: 0 imported (or a clean dry run), 1 errors, 2 bad usage.
 *  - `npx luoshi bulletin projects --month YYYY-MM --out FILE.docx [--annex FILE.xlsx]`: the month's bulletin
 *    (the same document as the download button), and optionally its annex.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../platform/config.ts';
import { systemClock } from '../platform/config.ts';
import { actingUser, type SessionUser } from '../platform/auth/sessions.ts';
import { AppError } from '../platform/errors.ts';
import type { Db } from '../platform/db/index.ts';
import { migrate, openDatabase } from '../platform/runtime.ts';
import { wanOf, isMonth } from '../domain/projects.ts';
import { importProjects } from '../modules/projects/import.ts';
import { annexFile, bulletinFile } from '../modules/projects/bulletin.ts';
import type { ImportResult } from '../modules/projects/schema.ts';

export const IMPORT_PROJECTS_USAGE = 'usage: npx luoshi import projects FILE.xlsx [--dry-run] [--year YYYY] [--json]';
export const BULLETIN_USAGE = 'usage: npx luoshi bulletin projects --month YYYY-MM --out FILE.docx [--annex FILE.xlsx]';

async function asAdmin<T>(config: Config, fn: (db: Db, admin: SessionUser) => Promise<T>): Promise<T | null> {
  const opened = await openDatabase(config);
  try {
    await migrate(opened.db);
    const admin = await actingUser(opened.db, 'admin');
    if (!admin) {
      console.error('luoshi: there is no active admin account in this database');
      return null;
    }
    return await fn(opened.db, admin);
  } finally {
    await opened.close();
  }
}

/** The import result as the command-line contract prints it (amounts in 万元). */
export function importContract(r: ImportResult) {
  return {
    ok: r.ok,
    dryRun: r.dryRun,
    sheet: r.sheet,
    created: r.created,
    updated: r.updated,
    projects: r.rows.map((p) => ({
      row: p.row,
      code: p.code,
      name: p.name,
      unit: p.unit,
      action: p.action,
      totalInvestment: wanOf(p.totalYuan),
      plannedInvestment: wanOf(p.plannedYuan),
      completedInvestment: p.completedYuan === null ? null : wanOf(p.completedYuan),
    })),
    errors: r.errors,
  };
}

export async function importProjectsCommand(rest: string[], config: () => Config): Promise<number> {
  let values: { 'dry-run'?: boolean; json?: boolean; year?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, year: { type: 'string' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${IMPORT_PROJECTS_USAGE}`);
    return 2;
  }
  const file = positionals[0];
  const year = values.year === undefined ? undefined : Number(values.year);
  if (!file || positionals.length > 1 || (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100))) {
    console.error(IMPORT_PROJECTS_USAGE);
    return 2;
  }
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (err) {
    console.error(`luoshi import: cannot read ${file}: ${(err as Error).message}`);
    return 1;
  }
  const dryRun = values['dry-run'] === true;
  const cfg = config();
  const result = await asAdmin(cfg, async (db, admin) => {
    try {
      return await importProjects({ db, config: cfg, clock: systemClock }, { userId: admin.id, username: admin.username, ip: null }, admin, { content, dryRun, ...(year ? { year } : {}) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const r: ImportResult = { ok: false, dryRun, sheet: null, created: 0, updated: 0, rows: [], errors: [{ row: null, column: null, message: err.message, messageEn: err.messageEn }] };
      return r;
    }
  });
  if (!result) return 1;
  if (values.json) console.log(JSON.stringify(importContract(result), null, 2));
  else {
    console.log(`${result.sheet ?? '-'}: ${result.rows.length} project(s)${result.dryRun ? ' (dry run: nothing written)' : ''}`);
    for (const p of importContract(result).projects) console.log([p.row, p.action === 'create' ? '新增' : '更新', p.name, p.unit, p.totalInvestment, p.plannedInvestment].join('\t'));
    for (const e of result.errors) console.error(`第${e.row ?? '-'}行 ${e.column ?? ''}：${e.message} (${e.messageEn})`);
    if (result.ok) console.log(`${result.dryRun ? 'would create' : 'created'} ${result.dryRun ? result.rows.filter((r) => r.action === 'create').length : result.created}, ${result.dryRun ? 'would update' : 'updated'} ${result.dryRun ? result.rows.filter((r) => r.action === 'update').length : result.updated}`);
    else console.error(`${result.errors.length} error(s); nothing was imported`);
  }
  return result.ok ? 0 : 1;
}

export async function bulletinCommand(args: string[], config: () => Config): Promise<number> {
  const [what, ...rest] = args;
  let values: { month?: string; out?: string; annex?: string };
  try {
    ({ values } = parseArgs({ args: rest, options: { month: { type: 'string' }, out: { type: 'string' }, annex: { type: 'string' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${BULLETIN_USAGE}`);
    return 2;
  }
  if (what !== 'projects' || !values.out || (values.month !== undefined && !isMonth(values.month))) {
    console.error(BULLETIN_USAGE);
    return 2;
  }
  const cfg = config();
  const done = await asAdmin(cfg, async (db, admin) => {
    const ctx = { db, config: cfg, clock: systemClock };
    const { content, data } = await bulletinFile(ctx, admin, values.month);
    fs.writeFileSync(values.out as string, content);
    console.log(`${values.out}: ${data.docNumber} ${data.title} (${data.figures.projects} projects, completion ${data.figures.completionText}, ${data.lagging.length} lagging)`);
    if (values.annex) {
      const annex = await annexFile(ctx, admin, values.month);
      fs.writeFileSync(values.annex, annex.content);
      console.log(`${values.annex}: annex`);
    }
    return true;
  });
  return done ? 0 : 1;
}
