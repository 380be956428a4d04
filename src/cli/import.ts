/**
 * `npx luoshi import ledger FILE.xlsx --source-doc TEXT [--dry-run] [--json]`: imports a
 * rectification ledger sheet into the configured database as the admin account, through the same
 * use case as the API (all rows or none). --json prints the result contract:
 * {"ok", "items": [{row, title, leadUnit, due, outcome, …}], "errors": [{row, column, message, messageEn}], "counts"}.
 * Exit codes: 0 imported (or a clean dry run), 1 the sheet has errors or cannot be read, 2 bad usage.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../platform/config.ts';
import { systemClock } from '../platform/config.ts';
import { actingUser } from '../platform/auth/sessions.ts';
import { AppError } from '../platform/errors.ts';
import { migrate, openDatabase } from '../platform/runtime.ts';
import { importLedger } from '../modules/ledger/service.ts';
import type { ImportResult } from '../modules/ledger/schema.ts';

export const IMPORT_USAGE = 'usage: npx luoshi import ledger FILE.xlsx --source-doc TEXT [--dry-run] [--json]\n       npx luoshi import projects FILE.xlsx [--dry-run] [--year YYYY] [--json]';

function printTable(r: ImportResult): void {
  const outcome = { create: '新增', update: '更新', unchanged: '不变', invalid: '有误' } as const;
  console.log(`${r.sheet}: header at row ${r.headerRow ?? '-'}; ${r.items.length} item(s)${r.dryRun ? ' (dry run: nothing written)' : ''}`);
  console.log(['行', '处理', '问题', '责任单位', '时限'].join('\t'));
  for (const it of r.items) console.log([it.row, outcome[it.outcome], it.title, it.leadUnit, it.due ?? it.dueText].join('\t'));
  for (const e of r.errors) console.error(`第${e.row ?? '-'}行 ${e.column ?? ''}：${e.message} (${e.messageEn})`);
  if (r.ok) console.log(`${r.dryRun ? 'would create' : 'created'} ${r.counts.created}, ${r.dryRun ? 'would update' : 'updated'} ${r.counts.updated}, unchanged ${r.counts.unchanged}`);
  else console.error(`${r.errors.length} error(s); nothing was imported`);
}

export async function importCommand(args: string[], config: () => Config): Promise<number> {
  const [what, ...rest] = args;
  if (what === 'projects') {
    const { importProjectsCommand } = await import('./projects.ts');
    return importProjectsCommand(rest, config);
  }
  let values: { 'source-doc'?: string; 'dry-run'?: boolean; json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'source-doc': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${IMPORT_USAGE}`);
    return 2;
  }
  const file = positionals[0];
  const sourceDoc = values['source-doc']?.trim();
  if (what !== 'ledger' || !file || positionals.length > 1 || !sourceDoc) {
    console.error(IMPORT_USAGE);
    return 2;
  }
  if ([...sourceDoc].length > 150) {
    console.error(`--source-doc is longer than 150 characters\n${IMPORT_USAGE}`);
    return 2;
  }
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (err) {
    console.error(`luoshi import: cannot read ${file}: ${(err as Error).message}`);
    return 1;
  }
  const cfg = config();
  const opened = await openDatabase(cfg);
  try {
    await migrate(opened.db);
    const admin = await actingUser(opened.db, 'admin');
    if (!admin) {
      console.error('luoshi import: there is no active admin account in this database');
      return 1;
    }
    let result: ImportResult;
    try {
      result = await importLedger({ db: opened.db, config: cfg, clock: systemClock }, { userId: admin.id, username: admin.username, ip: null }, admin, {
        sourceDoc,
        content,
        dryRun: values['dry-run'] === true,
      });
    } catch (err) {
      // An unreadable file: the same contract, one error for the whole file.
      if (!(err instanceof AppError)) throw err;
      result = { ok: false, dryRun: values['dry-run'] === true, sourceDoc, sheet: '', headerRow: null, items: [], errors: [{ row: null, column: null, message: err.message, messageEn: err.messageEn }], counts: { created: 0, updated: 0, unchanged: 0 } };
    }
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else printTable(result);
    return result.ok ? 0 : 1;
  } finally {
    await opened.close();
  }
}
