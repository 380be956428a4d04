import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, type Client, type Harness } from '../support/app.ts';
import { freshDb, testDbMode } from '../support/db.ts';
import { luoshi } from '../support/cli.ts';
import { computeDeadlines, DEFAULT_PROFILES, type ClockProfile } from '../../src/domain/clocks.ts';
import { calendarRevision, loadCalendar, loadProfile, loadProfiles } from '../../src/modules/calendar/queries.ts';
import { openPglite } from '../../src/platform/db/index.ts';
import { migrate } from '../../src/platform/db/migrate.ts';

let h: Harness;
let admin: Client;
let clerk: Client;
beforeAll(async () => {
  h = await harness();
  admin = await h.as('admin');
  clerk = await h.as('lishi_clerk');
});
afterAll(async () => h?.close());

const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body);
const auditRows = (action: string) =>
  h.tdb.db.query<{ actor_name: string; entity_type: string; entity_id: string; before: unknown; after: any }>(
    'select actor_name, entity_type, entity_id, before, after from audit_log where action = $1 order by id',
    [action],
  );

describe('the seeded clock profiles', () => {
  it('equal DEFAULT_PROFILES, row for row', async () => {
    const t = await freshDb();
    try {
      const rows = await t.db.query<Record<string, unknown>>(
        'select code, name_zh, name_en, day_mode, shift_off_non_working, steps, settings, version from clock_profiles order by code',
      );
      const byCode = new Map(rows.map((r) => [r.code, r]));
      expect([...byCode.keys()].sort()).toEqual(DEFAULT_PROFILES.map((p) => p.code).sort());
      for (const p of DEFAULT_PROFILES) {
        expect(byCode.get(p.code)).toStrictEqual({
          code: p.code,
          name_zh: p.zh,
          name_en: p.en,
          day_mode: p.dayMode,
          shift_off_non_working: p.shiftOffNonWorking,
          steps: p.steps,
          settings: p.settings,
          version: 1,
        });
      }
      const loaded = await loadProfiles(t.db);
      expect(loaded.map(({ version: _v, updatedAt: _u, ...p }) => p)).toEqual([...DEFAULT_PROFILES].sort((a, b) => a.code.localeCompare(b.code)));
      expect(await calendarRevision(t.db)).toBe(1);
    } finally {
      await t.drop();
    }
  });
});

describe('the working-day calendar', () => {
  it('shows every day of a year to any signed-in user', async () => {
    const r = await clerk.get('/api/calendar?year=2026');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ year: 2026, official: true, bundled: true, notice: null });
    expect(r.body.days).toHaveLength(365);
    expect(r.body.days.find((d: { day: string }) => d.day === '2026-10-01')).toEqual({
      day: '2026-10-01',
      working: false,
      name: '国庆节',
      nameEn: 'National Day',
      source: 'base',
      official: true,
    });
    expect(r.body.days.find((d: { day: string }) => d.day === '2026-10-10')).toMatchObject({ working: true, source: 'base' });
    // the test clock stands in 2026
    expect((await clerk.get('/api/calendar')).body.year).toBe(2026);
    const later = await clerk.get('/api/calendar?year=2027');
    expect(later.body).toMatchObject({ year: 2027, official: false, bundled: false });
    expect(later.body.days.every((d: { official: boolean }) => !d.official)).toBe(true);
  });

  it('lets an admin mark a day off; the calendar shows the override, audited, with the revision bumped', async () => {
    const revision = await calendarRevision(h.tdb.db);
    const r = await put(admin, '/api/calendar/days/2027-02-08', { working: false, name: '春节' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      day: '2027-02-08',
      working: false,
      name: '春节',
      nameEn: '春节',
      source: 'override',
      official: false,
      // no matters in this database: nothing to move
      recomputed: { checked: 0, moved: 0, matters: 0, provisionalChanged: 0 },
    });
    const year = await clerk.get('/api/calendar?year=2027');
    expect(year.body.days.find((d: { day: string }) => d.day === '2027-02-08')).toMatchObject({ working: false, name: '春节', source: 'override' });
    expect(year.body.revision).toBe(revision + 1);
    const cal = await loadCalendar(h.tdb.db);
    expect(cal.addWorkingDays('2027-02-05', 1)).toBe('2027-02-09');
    const [row] = await auditRows('calendar.day.set');
    expect(row).toMatchObject({ actor_name: 'admin', entity_type: 'calendar_day', entity_id: '2027-02-08', before: null });
    expect(row?.after).toMatchObject({ day: '2027-02-08', working: false, name: '春节', revision: revision + 1 });
    // changing it again records the previous value
    await put(admin, '/api/calendar/days/2027-02-08', { working: false, name: '春节假期' });
    expect((await auditRows('calendar.day.set'))[1]?.before).toEqual({ day: '2027-02-08', working: false, name: '春节' });
  });

  it('removes an override: the day follows the weekday rule again', async () => {
    await put(admin, '/api/calendar/days/2027-03-01', { working: false, name: '测试' });
    const del = await admin.delete('/api/calendar/days/2027-03-01');
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ day: '2027-03-01', working: true, source: 'weekday' });
    const again = await admin.delete('/api/calendar/days/2027-03-01');
    expect(again.status).toBe(404);
    expect((await auditRows('calendar.day.clear')).map((r) => r.entity_id)).toEqual(['2027-03-01']);
  });

  it('marks a year official when its notice is entered', async () => {
    const r = await put(admin, '/api/calendar/years/2027', { notice: '国务院办公厅关于2027年部分节假日安排的通知', publishedOn: '2026-11-12' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ year: 2027, notice: '国务院办公厅关于2027年部分节假日安排的通知', publishedOn: '2026-11-12' });
    const year = await clerk.get('/api/calendar?year=2027');
    expect(year.body).toMatchObject({ official: true, bundled: false, notice: { year: 2027, publishedOn: '2026-11-12' } });
    expect(year.body.days.every((d: { official: boolean }) => d.official)).toBe(true);
    const p = (await loadProfile(h.tdb.db, '13710')) as ClockProfile;
    const ds = computeDeadlines(p, '2026-12-28', await loadCalendar(h.tdb.db));
    expect(ds.every((d) => !d.provisional)).toBe(true);
    expect((await auditRows('calendar.year.set'))[0]).toMatchObject({ actor_name: 'admin', entity_id: '2027' });
    const late = await put(admin, '/api/calendar/years/2027', { notice: '通知', publishedOn: '2028-01-01' });
    expect(late.status).toBe(400);
    expect(late.body.error.details.issues[0].field).toBe('publishedOn');
  });

  it('refuses a clerk (403) and names the field of a bad day or year (400)', async () => {
    const forbidden = await put(clerk, '/api/calendar/days/2027-02-09', { working: false, name: '' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect((await clerk.delete('/api/calendar/days/2027-02-08')).status).toBe(403);
    expect((await put(clerk, '/api/calendar/years/2028', { notice: 'x' })).status).toBe(403);
    const bad = await put(admin, '/api/calendar/days/2026-13-01', { working: false, name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect(bad.body.error.details.issues[0].field).toBe('day');
    const feb30 = await put(admin, '/api/calendar/days/2026-02-30', { working: false });
    expect(feb30.body.error.details.issues[0].field).toBe('day');
    const body = await put(admin, '/api/calendar/days/2026-05-06', { working: 'no' });
    expect(body.status).toBe(400);
    expect(body.body.error.details.issues[0].field).toBe('working');
    const year = await clerk.get('/api/calendar?year=1999');
    expect(year.status).toBe(400);
    expect(year.body.error.details.issues[0].field).toBe('year');
    expect((await auditRows('calendar.day.set')).every((r) => r.entity_id !== '2026-13-01')).toBe(true);
  });
});

describe('clock profiles', () => {
  it('are listed for everyone', async () => {
    const r = await clerk.get('/api/clock-profiles');
    expect(r.status).toBe(200);
    expect(r.body.map((p: { code: string }) => p.code)).toEqual(['13710', 'rectification', 'suggestion']);
    const one = await clerk.get('/api/clock-profiles/13710');
    expect(one.body).toMatchObject({ code: '13710', dayMode: 'calendar', version: 1, steps: DEFAULT_PROFILES[0]?.steps });
    expect((await clerk.get('/api/clock-profiles/nope')).status).toBe(404);
  });

  it('are changed by an admin with the current version; a stale version gets 409', async () => {
    const ok = await put(admin, '/api/clock-profiles/13710', { version: 1, dayMode: 'working', settings: { blueDays: 1, escalateLeaderAfterDays: 3 } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code: '13710', dayMode: 'working', version: 2, settings: { blueDays: 1, escalateLeaderAfterDays: 3 } });
    const stale = await put(admin, '/api/clock-profiles/13710', { version: 1, dayMode: 'calendar' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.details.currentVersion).toBe(2);
    expect((await loadProfile(h.tdb.db, '13710'))?.dayMode).toBe('working');
    const [row] = await auditRows('clock.update');
    expect(row).toMatchObject({ actor_name: 'admin', entity_type: 'clock_profile', entity_id: '13710', before: { dayMode: 'calendar', version: 1 } });
    expect(row?.after).toMatchObject({ dayMode: 'working', version: 2 });
  });

  it('change time limits but not which steps there are; values are checked', async () => {
    const steps = structuredClone(DEFAULT_PROFILES[1]!.steps);
    steps[2]!.months = 2;
    const ok = await put(admin, '/api/clock-profiles/suggestion', { version: 1, steps });
    expect(ok.status).toBe(200);
    expect(ok.body.steps[2]).toMatchObject({ step: 'reply', months: 2 });

    const tooMany = structuredClone(steps);
    tooMany[0]!.days = 400;
    const r1 = await put(admin, '/api/clock-profiles/suggestion', { version: 2, steps: tooMany });
    expect(r1.status).toBe(400);
    expect(r1.body.error.details.issues[0].field).toBe('steps.0.days');
    const months = structuredClone(steps);
    months[1]!.months = 13;
    expect((await put(admin, '/api/clock-profiles/suggestion', { version: 2, steps: months })).body.error.details.issues[0].field).toBe('steps.1.months');
    const mode = await put(admin, '/api/clock-profiles/suggestion', { version: 2, dayMode: 'lunar' });
    expect(mode.status).toBe(400);
    expect(mode.body.error.details.issues[0].field).toBe('dayMode');
    const both = structuredClone(steps);
    both[0]!.months = 1;
    expect((await put(admin, '/api/clock-profiles/suggestion', { version: 2, steps: both })).body.error.details.issues[0].field).toBe('steps.0.days');
    const renamed = structuredClone(steps);
    renamed[0]!.step = 'bounce';
    const r2 = await put(admin, '/api/clock-profiles/suggestion', { version: 2, steps: renamed });
    expect(r2.status).toBe(400);
    expect(r2.body.error.details.issues[0].field).toBe('steps.0');
    const fewer = await put(admin, '/api/clock-profiles/suggestion', { version: 2, steps: steps.slice(0, 2) });
    expect(fewer.body.error.details.issues[0].field).toBe('steps');
    expect((await loadProfile(h.tdb.db, 'suggestion'))?.version).toBe(2);
  });

  it('are not changed by a clerk', async () => {
    const r = await put(clerk, '/api/clock-profiles/rectification', { version: 1, shiftOffNonWorking: true });
    expect(r.status).toBe(403);
  });
});

describe('npx luoshi deadlines with a database', () => {
  const run = (args: string[], env: Record<string, string>) => luoshi(['deadlines', ...args], env);

  it('uses the configured calendar and profiles, and the defaults when the data folder is in use', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-cal-'));
    const t = testDbMode === 'postgres' ? await freshDb() : null;
    try {
      let env: Record<string, string>;
      const setup = async (db: { query(sql: string): Promise<unknown> }) => {
        await db.query(`insert into calendar_overrides (day, working, name) values ('2026-10-09', false, '测试假日')`);
        await db.query(`update clock_profiles set steps = jsonb_set(steps, '{1,days}', '4') where code = '13710'`);
      };
      if (t) {
        await setup(t.db);
        env = { DATABASE_URL: t.url as string };
      } else {
        const dataDir = path.join(tmp, 'data');
        fs.mkdirSync(dataDir);
        const db = await openPglite({ dataDir: path.join(dataDir, 'pg') });
        await migrate(db);
        await setup(db);
        await db.close();
        env = { LUOSHI_DATA_DIR: dataDir };
      }
      const args = ['--profile', '13710', '--from', '2026-09-29', '--working-days', '--ordinary', '--json'];
      const r = await run(args, env);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toBe('');
      // 10-09 is off too: progress (4 working days) 09-30, 10-08, 10-10, 10-12; complete 7: … 10-15
      expect(JSON.parse(r.out).deadlines.map((d: { step: string; due: string; rule: string }) => [d.step, d.due, d.rule])).toEqual([
        ['deploy', '2026-09-29', '交办当日（遇节假日顺延）'],
        ['progress', '2026-10-12', '交办次日起4个工作日内'],
        ['complete', '2026-10-15', '交办次日起7个工作日内'],
      ]);
      if (!t) {
        // a running server holds the folder: fall back to the defaults, and say so
        const lock = path.join(env.LUOSHI_DATA_DIR as string, 'luoshi.lock');
        fs.writeFileSync(lock, String(process.pid));
        const locked = await run(args, env);
        expect(locked.code).toBe(0);
        expect(locked.err).toContain(`in use by a running luoshi (PID ${process.pid})`);
        expect(JSON.parse(locked.out).deadlines.map((d: { due: string }) => d.due)).toEqual(['2026-09-29', '2026-10-09', '2026-10-14']);
        expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
      }
    } finally {
      await t?.drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
