import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-deadlines-'));
/** A data folder that does not exist: the command must not create it. */
const DATA_DIR = path.join(TMP, 'data');

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function run(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, LUOSHI_DATA_DIR: DATA_DIR, LUOSHI_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/luoshi.mjs'), 'deadlines', ...args], { cwd: ROOT, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const CASES = {
  calendar: ['--profile', '13710', '--from', '2026-09-29', '--json'],
  working: ['--profile', '13710', '--from', '2026-09-29', '--working-days', '--json'],
  major: ['--profile', '13710', '--from', '2026-09-29', '--working-days', '--major', '--json'],
  ordinary: ['--profile', '13710', '--from', '2026-09-29', '--ordinary', '--json'],
  suggestion: ['--profile', 'suggestion', '--from', '2026-03-31', '--json'],
  rectification: ['--profile', 'rectification', '--from', '2026-03-02', '--due', '2026-06-30', '--json'],
  provisional: ['--profile', '13710', '--from', '2026-12-28', '--json'],
  table: ['--profile', '13710', '--from', '2026-09-29', '--working-days'],
  unknownProfile: ['--profile', '13711', '--from', '2026-09-29', '--json'],
  badDate: ['--profile', '13710', '--from', '2026-02-30', '--json'],
  badMonth: ['--profile', 'rectification', '--from', '2026-03-02', '--due', '2026-13-01', '--json'],
  noFrom: ['--profile', '13710', '--json'],
  noProfile: ['--from', '2026-09-29', '--json'],
  noDue: ['--profile', 'rectification', '--from', '2026-03-02', '--json'],
  dueEarly: ['--profile', 'rectification', '--from', '2026-03-02', '--due', '2026-03-01', '--json'],
  dueElsewhere: ['--profile', '13710', '--from', '2026-03-02', '--due', '2026-06-30', '--json'],
  both: ['--profile', '13710', '--from', '2026-09-29', '--major', '--ordinary', '--json'],
  unknownOption: ['--profile', '13710', '--from', '2026-09-29', '--weeks', '--json'],
} as const;

const results = {} as Record<keyof typeof CASES, Run>;

beforeAll(async () => {
  // A few processes at a time: eighteen at once starve a two-core machine and the hook times out.
  const names = Object.keys(CASES) as (keyof typeof CASES)[];
  const queue = [...names];
  const worker = async () => {
    for (let n = queue.shift(); n !== undefined; n = queue.shift()) results[n] = await run([...CASES[n]]);
  };
  await Promise.all([worker(), worker(), worker()]);
}, 300_000);
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

const json = (r: Run) => {
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
};

describe('npx luoshi deadlines (no database yet: the bundled calendar and default profiles)', () => {
  it('13710 in calendar days: all four steps, with the Chinese rule', () => {
    expect(json(results.calendar)).toEqual({
      profile: '13710',
      deadlines: [
        { step: 'deploy', due: '2026-09-29', rule: '交办当日', ruleEn: 'on the day of assignment', kind: 'deploy', provisional: false },
        { step: 'progress', due: '2026-10-02', rule: '交办次日起3个日历日内', ruleEn: 'within 3 calendar days after assignment', kind: 'report', provisional: false },
        { step: 'complete', due: '2026-10-06', rule: '交办次日起7个日历日内', ruleEn: 'within 7 calendar days after assignment', kind: 'complete', provisional: false },
        { step: 'major', due: '2026-10-29', rule: '交办之日起1个月内', ruleEn: 'within 1 month of assignment', kind: 'complete', provisional: false },
      ],
    });
    expect(results.calendar.err).toContain('no database in');
    expect(results.calendar.err).toContain('尚无数据库');
  });

  it('does not create the data folder', () => {
    expect(fs.existsSync(DATA_DIR)).toBe(false);
  });

  it('13710 in working days across National Day 2026', () => {
    const shift = ' (moved to the next working day if it falls on a rest day)';
    expect(json(results.working)).toEqual({
      profile: '13710',
      deadlines: [
        { step: 'deploy', due: '2026-09-29', rule: '交办当日（遇节假日顺延）', ruleEn: `on the day of assignment${shift}`, kind: 'deploy', provisional: false },
        { step: 'progress', due: '2026-10-09', rule: '交办次日起3个工作日内', ruleEn: 'within 3 working days after assignment', kind: 'report', provisional: false },
        { step: 'complete', due: '2026-10-14', rule: '交办次日起7个工作日内', ruleEn: 'within 7 working days after assignment', kind: 'complete', provisional: false },
        { step: 'major', due: '2026-10-29', rule: '交办之日起1个月内（遇节假日顺延）', ruleEn: `within 1 month of assignment${shift}`, kind: 'complete', provisional: false },
      ],
    });
  });

  it('--major and --ordinary narrow 13710 to the completion step that applies', () => {
    expect(json(results.major).deadlines.map((d: { step: string; due: string }) => [d.step, d.due])).toEqual([
      ['deploy', '2026-09-29'],
      ['progress', '2026-10-09'],
      ['major', '2026-10-29'],
    ]);
    expect(json(results.ordinary).deadlines.map((d: { step: string; due: string }) => [d.step, d.due])).toEqual([
      ['deploy', '2026-09-29'],
      ['progress', '2026-10-02'],
      ['complete', '2026-10-06'],
    ]);
  });

  it('suggestions: the reply due 3 months later, clamped to the month end', () => {
    expect(json(results.suggestion)).toEqual({
      profile: 'suggestion',
      deadlines: [
        { step: 'send_back', due: '2026-04-05', rule: '交办次日起5个日历日内', ruleEn: 'within 5 calendar days after assignment', kind: 'window', provisional: false },
        { step: 'assist_view', due: '2026-04-30', rule: '交办之日起1个月内', ruleEn: 'within 1 month of assignment', kind: 'assist', provisional: false },
        { step: 'reply', due: '2026-06-30', rule: '交办之日起3个月内', ruleEn: 'within 3 months of assignment', kind: 'complete', provisional: false },
      ],
    });
  });

  it('rectification: the date given with --due', () => {
    expect(json(results.rectification)).toEqual({
      profile: 'rectification',
      deadlines: [{ step: 'complete', due: '2026-06-30', rule: '交办时确定（2026-06-30）', ruleEn: 'set at assignment (2026-06-30)', kind: 'complete', provisional: false }],
    });
  });

  it('marks deadlines in a year without an official calendar as provisional', () => {
    expect(json(results.provisional).deadlines.map((d: { step: string; due: string; provisional: boolean }) => [d.step, d.due, d.provisional])).toEqual([
      ['deploy', '2026-12-28', false],
      ['progress', '2026-12-31', false],
      ['complete', '2027-01-04', true],
      ['major', '2027-01-28', true],
    ]);
  });

  it('prints a readable table without --json', () => {
    const r = results.table;
    expect(r.code).toBe(0);
    expect(r.out).toContain('13710工作制度');
    expect(r.out).toContain('progress\t2026-10-09\t交办次日起3个工作日内\t3日内报告措施和进展');
    expect(r.out).toContain('complete\t2026-10-14\t交办次日起7个工作日内');
  });

  it.each([
    ['unknownProfile', '没有时限规则 13711', 'unknown profile 13711; one of: 13710, suggestion, rectification'],
    ['badDate', '--from 日期无效：2026-02-30', '--from: invalid date 2026-02-30'],
    ['badMonth', '--due 日期无效：2026-13-01', '--due: invalid date 2026-13-01'],
    ['noFrom', '缺少 --from', 'missing --from'],
    ['noProfile', '缺少 --profile', 'missing --profile'],
    ['noDue', '须用 --due', 'needs --due YYYY-MM-DD'],
    ['dueEarly', '早于交办日期', 'is before the assignment'],
    ['dueElsewhere', '不接受 --due', '--due does not apply'],
    ['both', '--major 与 --ordinary 只能选一个', '--major and --ordinary exclude each other'],
    ['unknownOption', '参数有误', "Unknown option '--weeks'"],
  ] as const)('%s: exit 2 with a bilingual message', (name, zh, en) => {
    const r = results[name];
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(zh);
    expect(r.err).toContain(en);
    expect(r.err).toContain('usage: npx luoshi deadlines');
  });
});
