/**
 * What a calendar change does to the open deadlines, as the administrator is told: each change
 * answers with the deadlines checked, the ones moved to another date (and the matters they belong
 * to), and the ones whose date stayed but became firm or provisional.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, type Client, type Harness } from '../support/app.ts';

let h: Harness;
let admin: Client;
let supervisor: Client;
let working: number;
let calendarDays: number;

beforeAll(async () => {
  h = await harness();
  // Late December 2026: the 7-day completion runs into 2027, whose notice is not entered yet.
  h.clock.t = Date.parse('2026-12-28T09:00:00+08:00');
  admin = await h.as('admin');
  supervisor = await h.as('supervisor');
  const lead = h.ids.units.get('离石区/发展和改革局') as number;
  const a = await supervisor.post('/api/matters', { source: 'instruction', title: '按工作日计时的年末事项', leadUnitId: lead, dayMode: 'working' });
  const b = await supervisor.post('/api/matters', { source: 'instruction', title: '按日历日计时的年末事项', leadUnitId: lead });
  expect([a.status, b.status]).toEqual([201, 201]);
  working = a.body.matter.id;
  calendarDays = b.body.matter.id;
});
afterAll(async () => h?.close());

type Dl = { step: string; due: string; provisional: boolean; status: string };
async function deadlines(id: number): Promise<Dl[]> {
  const m = (await supervisor.get(`/api/matters/${id}`)).body as { deadlines: Dl[] };
  return m.deadlines.filter((d) => d.status === 'open');
}
const complete = async (id: number) => (await deadlines(id)).find((d) => d.step === 'complete');
const openCount = async () => (await deadlines(working)).length + (await deadlines(calendarDays)).length;

describe('a calendar change tells what it did to the deadlines', () => {
  it('the matters start with provisional completion dates in 2027', async () => {
    expect(await complete(working)).toMatchObject({ due: '2027-01-06', provisional: true });
    expect(await complete(calendarDays)).toMatchObject({ due: '2027-01-04', provisional: true });
  });

  it('a new rest day moves the working-day deadline and says so', async () => {
    const checked = await openCount();
    expect(checked).toBeGreaterThanOrEqual(4);
    const r = await admin.request('PUT', '/api/calendar/days/2027-01-01', { working: false, name: '元旦' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      day: '2027-01-01',
      working: false,
      name: '元旦',
      nameEn: '元旦',
      source: 'override',
      official: false,
      recomputed: { checked, moved: 1, matters: 1, provisionalChanged: 0 },
    });
    expect(await complete(working)).toMatchObject({ due: '2027-01-07', provisional: true });
    expect(await complete(calendarDays)).toMatchObject({ due: '2027-01-04' });
  });

  it('a day no deadline depends on moves nothing', async () => {
    const r = await admin.request('PUT', '/api/calendar/days/2027-05-03', { working: false, name: '劳动节' });
    expect(r.body.recomputed).toEqual({ checked: await openCount(), moved: 0, matters: 0, provisionalChanged: 0 });
  });

  it('entering the year makes the 2027 dates firm without moving them', async () => {
    const r = await admin.request('PUT', '/api/calendar/years/2027', { notice: '国务院办公厅关于2027年部分节假日安排的通知', publishedOn: '2026-11-12' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ year: 2027, publishedOn: '2026-11-12', recomputed: { moved: 0, matters: 0, provisionalChanged: 2 } });
    expect(await complete(working)).toMatchObject({ due: '2027-01-07', provisional: false });
    expect(await complete(calendarDays)).toMatchObject({ due: '2027-01-04', provisional: false });
  });

  it('withdrawing the year answers 200 with the dates made provisional again', async () => {
    const r = await admin.request('DELETE', '/api/calendar/years/2027');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ year: 2027, recomputed: { checked: await openCount(), moved: 0, matters: 0, provisionalChanged: 2 } });
    expect(await complete(calendarDays)).toMatchObject({ provisional: true });
    expect((await admin.request('DELETE', '/api/calendar/years/2027')).status).toBe(404);
  });

  it('removing the rest day moves the deadline back, on the timeline', async () => {
    const r = await admin.request('DELETE', '/api/calendar/days/2027-01-01');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ day: '2027-01-01', working: true, source: 'weekday', recomputed: { moved: 1, matters: 1, provisionalChanged: 0 } });
    expect(await complete(working)).toMatchObject({ due: '2027-01-06' });
    const events = ((await supervisor.get(`/api/matters/${working}`)).body.events as { action: string; body: { changes: unknown } }[]).filter(
      (e) => e.action === 'recompute',
    );
    expect(events.map((e) => e.body.changes)).toEqual([
      [{ step: 'complete', from: '2027-01-06', to: '2027-01-07' }],
      [{ step: 'complete', from: '2027-01-07', to: '2027-01-06' }],
    ]);
  });
});
