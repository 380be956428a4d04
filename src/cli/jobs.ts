/**
 * `npx luoshi jobs run [NAME] [--if-due] [--json]`: runs the background jobs once now (every job
 * when no name is given), on the configured database. Safe beside running servers: a job another
 * process is running at that moment is skipped. `--if-due` also skips jobs whose last run is more
 * recent than their interval (what the servers' scheduler does).
 */
import { parseArgs } from 'node:util';
import type { Config } from '../platform/config.ts';
import { jobNames, runJobNow, type JobRun } from '../platform/jobs.ts';
import { migrate, openDatabase } from '../platform/runtime.ts';

export const JOBS_USAGE = 'usage: npx luoshi jobs run [NAME] [--if-due] [--json]\n       npx luoshi jobs list';

export async function jobsCommand(args: string[], config: () => Config): Promise<number> {
  let values: { 'if-due'?: boolean; json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'if-due': { type: 'boolean' }, json: { type: 'boolean' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${JOBS_USAGE}`);
    return 2;
  }
  const [sub, name, ...rest] = positionals;
  const names = await jobNames();
  if (sub === 'list' && !name) {
    for (const n of names) console.log(n);
    return 0;
  }
  if (sub !== 'run' || rest.length) {
    console.error(JOBS_USAGE);
    return 2;
  }
  if (name && !names.includes(name)) {
    console.error(`no such job: ${name} (jobs: ${names.join(', ')})`);
    return 2;
  }
  const cfg = config();
  const opened = await openDatabase(cfg);
  try {
    await migrate(opened.db);
    const runs: JobRun[] = [];
    for (const n of name ? [name] : names) runs.push(await runJobNow(opened.db, n, new Date(), { config: cfg, ifDue: values['if-due'] ?? false }));
    if (values.json) console.log(JSON.stringify(runs, null, 2));
    else {
      for (const r of runs) {
        if (!r.ran) console.log(`${r.name}: skipped (${r.skipped === 'busy' ? 'another process is running it' : 'not due yet'})`);
        else if (r.ok) console.log(`${r.name}: done in ${r.ms} ms ${JSON.stringify(r.result)}`);
        else console.log(`${r.name}: FAILED after ${r.ms} ms: ${r.error}`);
      }
    }
    return runs.every((r) => r.ok !== false) ? 0 : 1;
  } finally {
    await opened.close();
  }
}
