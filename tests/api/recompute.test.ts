/**
 * The set-based recompute: deadlines sharing a rule and a date move together in one statement,
 * each matter gets one timeline event for its moves, matters no longer open keep their dates, and
 * lights and due dates follow the moved dates. Checked against the database itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { litJsonbText, type LitDeadline } from '../../src/domain/matters.ts';
import { recomputeAll } from '../../src/modules/matters/recompute.ts';
import { harness, type Client, type Harness } from '../support/app.ts';

let h: Harness;
let supervisor: Client;
let clerk: Client;
let admin: Client;
const ids: Record<'a' | 'b' | 'sentBack' | 'calendarDays', number> = { a: 0, b: 0, sentBack: 0, calendarDays: 0 };

beforeAll(async () => {
  h = await harness();
  // Tuesday 2026-12-01: seven working days end on Thursday 12-10.
  h.clock.t = Date.parse('2026-12-01T09:00:00+08:00');
  supervisor = await h.as('supervisor');
  clerk = await h.as('lishi_clerk');
  admin = await h.as('admin');
  const lead = h.ids.units.get('离石区/发展和改革局') as number;
  const make = async (title: string, dayMode?: 'working') => {
    const r = await supervisor.post('/api/matters', { source: 'instruction', title, leadUnitId: lead, ...(dayMode ? { dayMode } : {}) });
    expect(r.status).toBe(201);
    return r.body.matter.id as number;
  };
  ids.a = await make('按工作日计时的事项甲', 'working');
  ids.b = await make('按工作日计时的事项乙', 'working');
  ids.sentBack = await make('交办有误被退回的事项', 'working');
  ids.calendarDays = await make('按日历日计时的事项');
  const back = await clerk.post(`/api/matters/${ids.sentBack}/actions`, { action: 'send_back', text: '不属于本单位职责' });
  expect(back.status).toBe(200);
});
afterAll(async () => h?.close());

const complete = async (id: number) =>
  (await h.tdb.db.query<{ due: string; baseline: string }>(`select due, baseline from matter_deadlines where matter_id = $1 and step = 'complete' and status = 'open'`, [id]))[0];
const matter = async (id: number) =>
  (await h.tdb.db.query<{ light: string; due_on: string | null; state: string }>(`select light, due_on, state from matters where id = $1`, [id]))[0];
const recomputeEvents = async (id: number) =>
  h.tdb.db.query<{ body: { reason: string; changes: { step: string; from: string; to: string }[] } }>(
    `select body from matter_events where matter_id = $1 and action = 'recompute' order by id`,
    [id],
  );

describe('recomputing every open matter', () => {
  it('starts from the dates the steps wrote: nothing moves, nothing is lit', async () => {
    expect(await complete(ids.a)).toEqual({ due: '2026-12-10', baseline: '2026-12-10' });
    expect(await complete(ids.b)).toEqual({ due: '2026-12-10', baseline: '2026-12-10' });
    expect((await matter(ids.sentBack))?.state).toBe('sent_back');
    const r = await recomputeAll(h.tdb.db, h.clock.now());
    expect(r.movedDeadlines).toBe(0);
    expect(await matter(ids.a)).toEqual({ light: 'none', due_on: '2026-12-10', state: 'assigned' });
  });

  it('a new rest day moves every open deadline of the same rule at once, one event per matter, the baseline kept', async () => {
    const r = await admin.request('PUT', '/api/calendar/days/2026-12-04', { working: false, name: '临时休息' });
    expect(r.status).toBe(200);
    for (const id of [ids.a, ids.b]) {
      expect(await complete(id)).toEqual({ due: '2026-12-11', baseline: '2026-12-10' });
      expect((await matter(id))?.due_on).toBe('2026-12-11');
      const events = await recomputeEvents(id);
      expect(events).toHaveLength(1);
      expect(events[0]?.body.reason).toBe('calendar');
      expect(events[0]?.body.changes).toContainEqual({ step: 'complete', from: '2026-12-10', to: '2026-12-11' });
    }
    // Calendar days: a rest day inside the period does not move the end.
    expect(await complete(ids.calendarDays)).toMatchObject({ due: '2026-12-08' });
    expect(await recomputeEvents(ids.calendarDays)).toHaveLength(0);
    // A matter sent back is not open: its dates stay as they were.
    expect(await recomputeEvents(ids.sentBack)).toHaveLength(0);
  });

  it('lights follow the moved dates: blue within two days of the new date, red after it', async () => {
    h.clock.t = Date.parse('2026-12-09T09:00:00+08:00');
    await recomputeAll(h.tdb.db, h.clock.now());
    // The completion date 12-11 is two days off (blue); the progress report is missed (yellow, which ranks higher).
    const a = await matter(ids.a);
    expect(a?.light).toBe('yellow');
    const lit = (await h.tdb.db.query<{ r: { light: string; step: string; due: string }[] }>(`select light_reasons as r from matters where id = $1`, [ids.a]))[0]?.r ?? [];
    expect(lit.map((x) => [x.light, x.step, x.due])).toContainEqual(['blue', 'complete', '2026-12-11']);
    h.clock.t = Date.parse('2026-12-12T09:00:00+08:00');
    const r = await recomputeAll(h.tdb.db, h.clock.now());
    expect(r.movedDeadlines).toBe(0);
    expect((await matter(ids.a))?.light).toBe('red');
    expect((await matter(ids.b))?.light).toBe('red');
    // The same day again writes nothing.
    const again = await recomputeAll(h.tdb.db, h.clock.now());
    expect([again.movedDeadlines, again.changedLights]).toEqual([0, 0]);
  });
});

describe('the stored lights are compared by a digest of their text', () => {
  it('writes lit deadlines exactly as the database prints them as jsonb, odd characters included', async () => {
    const samples: LitDeadline[][] = [
      [],
      [{ light: 'red', step: 'complete', due: '2026-11-20', labelZh: '一般事项7日内办结', labelEn: 'Ordinary matters completed within 7 days' }],
      [
        { light: 'yellow', step: 'progress', due: '2026-11-02', labelZh: '“三个全覆盖”\n进展报告\t（第2轮）', labelEn: 'Progress "report" \\ 2nd round' },
        { light: 'blue', step: 'milestone_3', due: '2026-12-01', labelZh: '节点 😀 \u0001', labelEn: '' },
      ],
    ];
    for (const lit of samples) {
      const rows = await h.tdb.db.query<{ t: string }>('select $1::jsonb::text as t', [JSON.stringify(lit)]);
      expect(litJsonbText(lit)).toBe(rows[0]?.t);
    }
  });
});
