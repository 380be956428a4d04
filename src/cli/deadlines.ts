/**
 * `npx luoshi deadlines --profile CODE --from YYYY-MM-DD [--working-days|--calendar-days] [--shift]
 * [--major|--ordinary] [--due YYYY-MM-DD] [--json]`: the deadlines of a clock profile for work
 * assigned on a day, under the configured calendar and profiles. When the database cannot be read
 * (none yet, the data folder held by a running server, unreachable, not migrated) it says so on
 * stderr and uses the bundled calendar with the default profiles. Bad input exits with 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isValidDay, type WorkCalendar } from '../domain/calendar.ts';
import { ClockError, computeDeadlines, DEFAULT_PROFILES, needsFixedDue, type ClockProfile, type ComputeOptions } from '../domain/clocks.ts';
import { bundledCalendar } from '../modules/calendar/bundled.ts';
import { loadCalendar, loadProfiles } from '../modules/calendar/queries.ts';
import type { Config } from '../platform/config.ts';
import type { Queryable } from '../platform/db/index.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';
import { openDatabase } from '../platform/runtime.ts';

export const DEADLINES_USAGE =
  'usage: npx luoshi deadlines --profile 13710|suggestion|rectification --from YYYY-MM-DD\n' +
  '         [--working-days | --calendar-days] [--shift] [--major | --ordinary] [--due YYYY-MM-DD] [--json]';

class InputError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const badDay = (flag: string, value: string) =>
  new InputError(`${flag} 日期无效：${value}（应为 YYYY-MM-DD 格式的真实日期）`, `${flag}: invalid date ${value} (want a real date YYYY-MM-DD)`);

export interface ClockSetup {
  calendar: WorkCalendar;
  profiles: ClockProfile[];
  /** Why the defaults are used, when they are. */
  note: { zh: string; en: string } | null;
}

function defaults(zh: string, en: string): ClockSetup {
  return {
    calendar: bundledCalendar(),
    profiles: DEFAULT_PROFILES.map((p) => structuredClone(p)),
    note: { zh: `${zh}，使用内置工作日历和默认时限规则。`, en: `${en}; using the bundled calendar and the default clock profiles.` },
  };
}

async function readSetup(db: Queryable): Promise<ClockSetup | null> {
  const [t] = await db.query<{ ok: boolean }>(`select to_regclass('calendar_overrides') is not null and to_regclass('clock_profiles') is not null as ok`);
  if (!t?.ok) return null;
  const [calendar, profiles] = await Promise.all([loadCalendar(db), loadProfiles(db)]);
  return { calendar, profiles, note: null };
}

/** The configured calendar and profiles, or the defaults with the reason. Never creates a database. */
export async function configuredClocks(config: Config): Promise<ClockSetup> {
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) {
    return defaults(`数据目录 ${config.dataDir} 中尚无数据库`, `no database in ${config.dataDir} yet`);
  }
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(config);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      return defaults(`数据目录正被运行中的 luoshi（PID ${err.pid}）使用，无法读取其中的日历`, `the data folder is in use by a running luoshi (PID ${err.pid})`);
    }
    return defaults(`无法打开数据库（${(err as Error).message}）`, `cannot open the database (${(err as Error).message})`);
  }
  try {
    const setup = await readSetup(opened.db);
    return setup ?? defaults('数据库尚未迁移到含工作日历的版本', 'the database has no calendar tables yet (not migrated)');
  } catch (err) {
    return defaults(`无法读取数据库（${(err as Error).message}）`, `cannot read the database (${(err as Error).message})`);
  } finally {
    await opened.close();
  }
}

interface Parsed {
  profile: string;
  from: string;
  opts: ComputeOptions;
  json: boolean;
}

function parse(args: string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        profile: { type: 'string' },
        from: { type: 'string' },
        due: { type: 'string' },
        'working-days': { type: 'boolean' },
        'calendar-days': { type: 'boolean' },
        shift: { type: 'boolean' },
        major: { type: 'boolean' },
        ordinary: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new InputError(`参数有误：${(err as Error).message}`, (err as Error).message);
  }
  if (positionals.length) throw new InputError(`多余的参数：${positionals.join(' ')}`, `unexpected argument(s): ${positionals.join(' ')}`);
  const profile = values.profile as string | undefined;
  const from = values.from as string | undefined;
  const due = values.due as string | undefined;
  if (!profile) throw new InputError('缺少 --profile（时限规则代码）', 'missing --profile (the clock profile code)');
  if (!from) throw new InputError('缺少 --from（交办日期）', 'missing --from (the assignment date)');
  if (!isValidDay(from)) throw badDay('--from', from);
  if (due !== undefined && !isValidDay(due)) throw badDay('--due', due);
  if (values['working-days'] && values['calendar-days']) {
    throw new InputError('--working-days 与 --calendar-days 只能选一个', '--working-days and --calendar-days exclude each other');
  }
  if (values.major && values.ordinary) throw new InputError('--major 与 --ordinary 只能选一个', '--major and --ordinary exclude each other');
  const opts: ComputeOptions = {};
  if (values['working-days']) opts.mode = 'working';
  if (values['calendar-days']) opts.mode = 'calendar';
  if (values.shift) opts.shift = true;
  if (values.major) opts.major = true;
  else if (values.ordinary) opts.major = false;
  else opts.allSteps = true;
  if (due !== undefined) opts.fixedDue = due;
  return { profile, from, opts, json: values.json === true };
}

function fail(err: InputError | ClockError): number {
  const zh = err instanceof InputError ? err.zh : err.messageZh;
  const en = err instanceof InputError ? err.en : err.messageEn;
  console.error(`luoshi deadlines: ${zh}\nluoshi deadlines: ${en}\n${DEADLINES_USAGE}`);
  return 2;
}

export async function deadlinesCommand(args: string[], config: () => Config): Promise<number> {
  let input: Parsed;
  try {
    input = parse(args);
  } catch (err) {
    if (err instanceof InputError) return fail(err);
    throw err;
  }
  const setup = await configuredClocks(config());
  if (setup.note) console.error(`luoshi deadlines: 注意：${setup.note.zh}\nluoshi deadlines: note: ${setup.note.en}`);
  const profile = setup.profiles.find((p) => p.code === input.profile);
  if (!profile) {
    const codes = setup.profiles.map((p) => p.code);
    return fail(new InputError(`没有时限规则 ${input.profile}，可选：${codes.join('、')}`, `unknown profile ${input.profile}; one of: ${codes.join(', ')}`));
  }
  if (needsFixedDue(profile) && input.opts.fixedDue === undefined) {
    return fail(new InputError(`${profile.zh}须用 --due 给出交办时确定的期限`, `profile ${profile.code} needs --due YYYY-MM-DD (its deadline is set at assignment)`));
  }
  if (!needsFixedDue(profile) && input.opts.fixedDue !== undefined) {
    return fail(new InputError(`${profile.zh}的时限按规则计算，不接受 --due`, `profile ${profile.code} computes its deadlines; --due does not apply`));
  }
  let deadlines: ReturnType<typeof computeDeadlines>;
  try {
    deadlines = computeDeadlines(profile, input.from, setup.calendar, input.opts);
  } catch (err) {
    if (err instanceof ClockError) return fail(err);
    throw err;
  }
  if (input.json) {
    const out = {
      profile: profile.code,
      deadlines: deadlines.map((d) => ({ step: d.step, due: d.due, rule: d.rule.zh, ruleEn: d.rule.en, kind: d.kind, provisional: d.provisional })),
    };
    console.log(JSON.stringify(out, null, 2));
    return 0;
  }
  const mode = input.opts.mode ?? profile.dayMode;
  console.log(`${profile.zh} (${profile.en})：交办日期 assigned ${input.from}，${mode === 'working' ? '工作日 working days' : '日历日 calendar days'}`);
  console.log(['步骤 step', '期限 due', '规则 rule', '要求 requirement'].join('\t'));
  for (const d of deadlines) {
    console.log([d.step, d.due + (d.provisional ? '（暂定 provisional）' : ''), d.rule.zh, d.zh].join('\t'));
  }
  if (deadlines.some((d) => d.provisional)) {
    console.log('暂定：该年的放假安排尚未录入，期限可能随之调整。Provisional: the official holidays of that year are not entered yet.');
  }
  return 0;
}
