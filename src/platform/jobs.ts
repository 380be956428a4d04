/**
 * Background jobs, safe with several app processes on one database. Each job has a name and a
 * minimum interval. Running a job is one transaction that claims the job's row in `job_runs` with
 * `for update skip locked` (a process that finds it locked skips: another one is running it), skips
 * when the last run is more recent than the interval, runs the job's work, and records the run.
 * Work that talks to the network (webhooks) is returned by the job and done after the commit, so a
 * slow remote never holds the transaction (nor, in embedded mode, the one connection).
 */
import type { Clock, Config } from './config.ts';
import type { Db, Tx } from './db/index.ts';

export interface JobContext {
  db: Db;
  config: Config;
}

/** What a run did: recorded in `job_runs.last_result`. */
export type JobResult = Record<string, unknown>;

export interface JobWork {
  result: JobResult;
  /** Done after the claiming transaction commits (network calls); its result is merged in. */
  after?: () => Promise<JobResult>;
}

export interface Job {
  name: string;
  /** The least time between two runs, in milliseconds. */
  intervalMs(config: Config): number;
  /** The work, inside the transaction that holds the job's row lock. */
  run(tx: Tx, now: Date, ctx: JobContext): Promise<JobWork>;
}

export interface JobRun {
  name: string;
  /** Whether this process ran the job (false: another process holds it, or it is not due). */
  ran: boolean;
  skipped?: 'busy' | 'not_due';
  ok?: boolean;
  result?: JobResult;
  error?: string;
  ms: number;
}

interface JobRow {
  last_run_at: Date | null;
  last_result: { runs?: number } | null;
}

/**
 * Runs `job` once at `now` unless another process is running it. With `ifDue` (what the scheduler
 * does) it also skips when the last run is more recent than the job's interval.
 */
export async function runJob(ctx: JobContext, job: Job, now: Date, opts: { ifDue?: boolean } = {}): Promise<JobRun> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  // The row exists before anyone locks it (a no-op after the first run).
  await ctx.db.query('insert into job_runs (name) values ($1) on conflict (name) do nothing', [job.name]);
  const claimed = await ctx.db.tx(async (tx) => {
    const rows = await tx.query<JobRow>('select last_run_at, last_result from job_runs where name = $1 for update skip locked', [job.name]);
    const row = rows[0];
    if (!row) return { skipped: 'busy' as const };
    if (opts.ifDue && row.last_run_at && now.getTime() - row.last_run_at.getTime() < job.intervalMs(ctx.config)) return { skipped: 'not_due' as const };
    const runs = (row.last_result?.runs ?? 0) + 1;
    // A failing job is rolled back to here, and the failure is recorded; the next run is after the interval.
    await tx.query('savepoint job_work');
    let work: JobWork;
    try {
      work = await job.run(tx, now, ctx);
    } catch (err) {
      await tx.query('rollback to savepoint job_work');
      const error = err instanceof Error ? err.message : String(err);
      await tx.query('update job_runs set last_run_at = $2, last_result = $3 where name = $1', [job.name, now, JSON.stringify({ ok: false, runs, error, ms: ms() })]);
      return { ok: false as const, error };
    }
    await tx.query('release savepoint job_work');
    await tx.query('update job_runs set last_run_at = $2, last_result = $3 where name = $1', [job.name, now, JSON.stringify({ ok: true, runs, ...work.result, ms: ms() })]);
    return { ok: true as const, work };
  });
  if ('skipped' in claimed) return { name: job.name, ran: false, skipped: claimed.skipped, ms: ms() };
  if (!claimed.ok) return { name: job.name, ran: true, ok: false, error: claimed.error, ms: ms() };
  let result = claimed.work.result;
  if (claimed.work.after) {
    try {
      const more = await claimed.work.after();
      result = { ...result, ...more };
      await ctx.db.query(`update job_runs set last_result = last_result || $2::jsonb where name = $1`, [job.name, JSON.stringify({ ...more, ms: ms() })]);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await ctx.db.query(`update job_runs set last_result = last_result || $2::jsonb where name = $1`, [job.name, JSON.stringify({ ok: false, error })]).catch(() => undefined);
      return { name: job.name, ran: true, ok: false, result, error, ms: ms() };
    }
  }
  return { name: job.name, ran: true, ok: true, result, ms: ms() };
}

/** Every job of the platform (the capabilities declare them; see src/modules/index.ts). */
async function allJobs(): Promise<Job[]> {
  const { JOBS } = await import('../modules/index.ts');
  return JOBS;
}

export async function jobNames(): Promise<string[]> {
  return (await allJobs()).map((j) => j.name);
}

/**
 * Runs the named job at `now` (tests and `luoshi jobs run`). Runs even when the last run is recent,
 * unless `ifDue`; never while another process is running it.
 */
export async function runJobNow(db: Db, name: string, now: Date, opts: { config?: Config; ifDue?: boolean } = {}): Promise<JobRun> {
  const job = (await allJobs()).find((j) => j.name === name);
  if (!job) throw new Error(`no such job: ${name} (jobs: ${(await jobNames()).join(', ')})`);
  const config = opts.config ?? (await import('./config.ts')).loadConfig({});
  return runJob({ db, config }, job, now, { ifDue: opts.ifDue ?? false });
}

export interface Scheduler {
  /** Runs every due job once now (also what each timer tick does). */
  tick(): Promise<JobRun[]>;
  /** Stops the timer and waits for a running tick to end. */
  stop(): Promise<void>;
}

export interface Logger {
  info(msg: string): void;
  error(msg: string): void;
}

/**
 * Starts the timer: every `tickMs` (default 15 s) each job runs if it is due. Two processes
 * started on one database share the work: whichever claims a job first runs it.
 */
export function startScheduler(opts: { db: Db; config: Config; clock: Clock; jobs: Job[]; tickMs?: number; log?: Logger }): Scheduler {
  const { db, config, clock, jobs } = opts;
  const log = opts.log ?? { info: () => undefined, error: (m: string) => console.error(m) };
  const tickMs = opts.tickMs ?? 15_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<JobRun[]> | null = null;
  let stopped = false;

  const tick = async (): Promise<JobRun[]> => {
    const runs: JobRun[] = [];
    for (const job of jobs) {
      if (stopped) break;
      try {
        const r = await runJob({ db, config }, job, clock.now(), { ifDue: true });
        if (r.ran && r.ok === false) log.error(`job ${job.name} failed: ${r.error}`);
        else if (r.ran) log.info(`job ${job.name} ran in ${r.ms} ms: ${JSON.stringify(r.result)}`);
        runs.push(r);
      } catch (err) {
        // The database is unreachable or the claim failed: try again at the next tick.
        log.error(`job ${job.name} could not run: ${err instanceof Error ? err.message : String(err)}`);
        runs.push({ name: job.name, ran: false, ok: false, error: String(err), ms: 0 });
      }
    }
    return runs;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = null;
        schedule();
      });
    }, tickMs);
    timer.unref();
  };
  // The first tick soon after start, then every tickMs.
  timer = setTimeout(() => {
    running = tick().finally(() => {
      running = null;
      schedule();
    });
  }, Math.min(tickMs, 1000));
  timer.unref();

  return {
    tick: () => tick(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running.catch(() => undefined);
    },
  };
}
