import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../support/db.ts';
import { loadDemo } from '../../src/demo/lvliang.ts';
import { loadDemoMatters } from '../../src/demo/matters.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { verifyAudit } from '../../src/platform/audit.ts';
import { recomputeAll } from '../../src/modules/matters/recompute.ts';

let t: TestDb;
const NOW = new Date('2026-11-22T10:00:00+08:00');
let loaded: { matters: number };
beforeAll(async () => {
  t = await freshDb();
  await loadDemo(t.db, { now: NOW, adminPassword: 'Admin#2026pass' });
  loaded = await loadDemoMatters(t.db, NOW);
}, 120_000);
afterAll(async () => t?.drop());

describe('the demo matters', () => {
  it('cover every state and every light', async () => {
    const states = await t.db.query<{ state: string }>('select distinct state from matters order by state');
    expect(states.map((s) => s.state)).toEqual(['assigned', 'closed', 'closure_requested', 'in_progress', 'replied', 'sent_back', 'submitted']);
    const lights = await t.db.query<{ light: string }>('select distinct light from matters order by light');
    expect(lights.map((s) => s.light)).toEqual(['blue', 'none', 'red', 'yellow']);
    const total = await t.db.query<{ n: number }>('select count(*)::int as n from matters');
    expect(total[0]?.n).toBe(loaded.matters);
  });

  it('hold the executive meeting’s decisions, a rectification ledger and a session’s 97 suggestions', async () => {
    const bySource = await t.db.query<{ source: string; n: number }>(
      `select source, count(*)::int as n from matters where proposer <> '吴代表' group by source order by source`,
    );
    expect(Object.fromEntries(bySource.map((r) => [r.source, r.n]))).toEqual({ instruction: 8, meeting: 7, petition: 2, proposal: 12, rectification: 12, suggestion: 97, superior: 3 });
    // the demo clerk account has matters of its own unit to sign for and to report on
    const mine = await t.db.query<{ state: string }>(
      `select m.state from matters m join users u on u.unit_id = m.lead_unit_id where u.username = 'lishi_clerk' order by m.state`,
    );
    expect(mine.map((m) => m.state)).toEqual(['assigned', 'in_progress']);
    const meeting = await t.db.query<{ title: string }>(`select title from matters where source_doc = '市政府第107次常务会议' order by id limit 1`);
    expect(meeting[0]?.title).toBe('深入开展危险化学品、煤矿、非煤矿山等11个重点行业领域安全生产专项整治');
    // replies are graded and rated; an unsatisfied deputy got a second round
    const rated = await t.db.query<{ n: number; rounds: number }>(`select count(*)::int as n, max(rounds)::int as rounds from matters where rating is not null`);
    expect(rated[0]?.n).toBeGreaterThan(80);
    expect(rated[0]?.rounds).toBe(2);
    const planned = await t.db.query<{ step: string }>(`select d.step from matter_deadlines d join matters m on m.id = d.matter_id where d.step like 'milestone%' order by d.step`);
    expect(planned.map((p) => p.step)).toEqual(['milestone_1', 'milestone_2', 'milestone_3']);
    const extended = await t.db.query<{ due: string; baseline: string }>(`select due, baseline from matter_deadlines where due <> baseline and (basis->>'anchor') = 'extension'`);
    expect(extended).toHaveLength(1);
  });

  it('is consistent: lights are current, the audit chain is intact', async () => {
    const again = await recomputeAll(t.db, NOW);
    expect(again.changedLights).toBe(0);
    expect(again.movedDeadlines).toBe(0);
    // The next day: only matters whose light or lit deadlines change are written, not every lit one.
    const snapshot = async () => new Map((await t.db.query<{ id: number; light: string; lit: string }>(`select id, light, light_reasons::text as lit from matters`)).map((r) => [r.id, `${r.light}|${r.lit}`]));
    const before = await snapshot();
    const next = await recomputeAll(t.db, new Date(NOW.getTime() + 86_400_000));
    const after = await snapshot();
    const changed = [...after].filter(([id, v]) => before.get(id) !== v).length;
    const lit = [...before.values()].filter((v) => !v.startsWith('none')).length;
    expect(next.changedLights).toBe(changed);
    expect(changed).toBeLessThan(lit);
    const audit = await verifyAudit(t.db);
    expect(audit.ok).toBe(true);
    const events = await t.db.query<{ n: number }>(`select count(*)::int as n from matters m where not exists (select 1 from matter_events e where e.matter_id = m.id and e.action in ('create', 'submit'))`);
    expect(events[0]?.n).toBe(0);
  });
});
