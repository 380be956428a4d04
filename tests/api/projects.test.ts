/**
 * Major projects through the API on a real database: the registry (checks, scope, row versions,
 * baseline and revisions, stage rules), the monthly report workflow (clerk → unit head → project
 * office, out-of-order steps refused, repeats idempotent, corrections as new editions, the
 * year's cumulative computed), lights with their reasons, problems as matters with their ladder,
 * and the month's figures and rankings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, makeUser, type Client, type Harness } from '../support/app.ts';
import { behindBy } from '../../src/domain/projects.ts';
import { seededRandom } from '../../src/domain/random.ts';
import { behindSql } from '../../src/modules/projects/queries.ts';
import { loadSettings, refreshLights } from '../../src/modules/projects/service.ts';
import { runJobNow } from '../../src/platform/jobs.ts';
import { jpeg, photoFields, tiff } from '../support/images.ts';

let h: Harness;
let admin: Client;
let office: Client;
let clerk: Client;
let head: Client;
let xiaoyiClerk: Client;
let viewer: Client;

const WAN = 10_000;
const unit = (name: string) => h.ids.units.get(name) as number;

beforeAll(async () => {
  h = await harness();
  admin = await h.as('admin');
  await makeUser(h, admin, { username: 'xiaoyi_clerk', unit: '孝义市/发展和改革局', role: 'unit_clerk', scope: 'unit' });
  await makeUser(h, admin, { username: 'office', unit: '市发改委', role: 'supervisor', scope: 'city' });
  [office, clerk, head, xiaoyiClerk, viewer] = (await Promise.all(['office', 'lishi_clerk', 'lishi_head', 'xiaoyi_clerk', 'viewer'].map((u) => h.as(u)))) as [Client, Client, Client, Client, Client];
});
afterAll(async () => h?.close());

async function at(day: string) {
  h.clock.t = Date.parse(`${day}T09:00:00+08:00`);
  [admin, office, clerk, head, xiaoyiClerk, viewer] = (await Promise.all(['admin', 'office', 'lishi_clerk', 'lishi_head', 'xiaoyi_clerk', 'viewer'].map((u) => h.as(u)))) as [Client, Client, Client, Client, Client, Client];
}

const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body);

function lishiProject(over: Record<string, unknown> = {}) {
  return {
    name: '离石区滨河北路提质改造工程',
    unitId: unit('离石区'),
    deptId: unit('离石区/发展和改革局'),
    category: 'infrastructure',
    campaignYear: 2026,
    stage: 'new_start',
    totalYuan: 12_000 * WAN,
    plannedYuan: 6_000 * WAN,
    plannedStart: '2026-01-15',
    plannedFinish: '2027-10-31',
    actualStart: '2026-01-20',
    registered: true,
    registeredOn: '2026-02-10',
    ...over,
  };
}

describe('the lagging rule in SQL', () => {
  it('agrees with the domain’s behindBy everywhere, at the exact boundary too', async () => {
    const rnd = seededRandom(20260301);
    for (const points of [0, 5, 10, 10.05, 12.34, 30]) {
      for (let m = 1; m <= 12; m++) {
        const cases: [number, number][] = [];
        // on the boundary (planned 1,200 元: completed = 100 m − 12 T exactly when T has one decimal) and either side of it
        const edge = Math.round(100 * m - 12 * Math.round(points * 10) / 10);
        for (const c of [edge - 1, edge, edge + 1]) if (c >= 0) cases.push([c, 1200]);
        cases.push([0, 0], [5, 0], [0, 1]);
        for (let i = 0; i < 60; i++) {
          const planned = 1 + Math.floor(rnd() * 5_000_000_000);
          cases.push([Math.floor(rnd() * planned * 1.2), planned]);
        }
        const rows = await h.tdb.db.query<{ i: number; behind: boolean }>(
          `select x.i::int as i, ${behindSql('x.c', 'x.p', m, '$3')} as behind from unnest($1::bigint[], $2::bigint[]) with ordinality as x(c, p, i) order by x.i`,
          [cases.map((c) => c[0]), cases.map((c) => c[1]), points],
        );
        expect(rows.map((r) => r.behind), `month ${m}, ${points} points`).toEqual(cases.map(([c, p]) => behindBy(c, p, m, points, false)));
        // where the boundary is a whole 元, it is behind and one 元 more is not
        if (edge >= 1 && (Math.round(points * 10) * 12) % 10 === 0) expect(rows.slice(0, 3).map((r) => r.behind)).toEqual([true, true, false]);
      }
    }
  });
});

describe('the registry', () => {
  it('registers a project with a generated code, twelve months of facts, the baseline and the first stage', async () => {
    const r = await office.post('/api/projects', lishiProject());
    expect(r.status).toBe(201);
    expect(r.body.code).toBe('XM2026-00001');
    expect(r.body.unitName).toBe('离石区');
    expect(r.body.deptName).toBe('发展和改革局');
    expect(r.body.months.map((m: { month: string }) => m.month)).toEqual(Array.from({ length: 12 }, (_x, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(r.body.baseline).toEqual({ totalYuan: 120_000_000, plannedYuan: 60_000_000, plannedStart: '2026-01-15', plannedFinish: '2027-10-31' });
    expect(r.body.stages).toEqual([{ fromStage: null, toStage: 'new_start', changedOn: '2026-01-20', byName: 'office', note: '' }]);
    // lists, documents and odd characters go in as given
    const t = await office.post(
      '/api/projects',
      lishiProject({ campaignYear: 2025, name: '“滨河”南路\\改造{一期}', taskForce: ['王强', '李"明"', 'a,b'], tags: ['省重点', '{市}'], approvals: { land: { status: 'done', date: '2026-01-05' } }, location: "离石区'滨河'", lng: 111.134567, lat: 37.517891 }),
    );
    expect(t.status).toBe(201);
    expect([t.body.name, t.body.taskForce, t.body.tags, t.body.approvals, t.body.location, t.body.lng, t.body.lat]).toEqual([
      '“滨河”南路\\改造{一期}', ['王强', '李"明"', 'a,b'], ['省重点', '{市}'], { land: { status: 'done', date: '2026-01-05' } }, "离石区'滨河'", 111.134567, 37.517891,
    ]);
    const audit = await h.tdb.db.query<{ action: string }>(`select action from audit_log where entity_type = 'project' and entity_id = $1`, [String(r.body.id)]);
    expect(audit.map((a) => a.action)).toEqual(['project.create']);
  });

  it('refuses bad input field by field, and a stage without its dates', async () => {
    const r = await office.post('/api/projects', lishiProject({ name: '另一个项目', plannedYuan: 13_000 * WAN, plannedFinish: '2025-12-31', unitId: unit('市财政局') }));
    expect(r.status).toBe(400);
    const fields = r.body.error.details.issues.map((i: { field: string }) => i.field).sort();
    expect(fields).toEqual(['plannedFinish', 'plannedYuan', 'unitId']);
    expect(r.body.error.details.issues.find((i: { field: string }) => i.field === 'unitId').message).toBe('“市财政局”不是县（市、区）或开发区');
    const s = await office.post('/api/projects', lishiProject({ name: '未开工项目', actualStart: null }));
    expect(s.status).toBe(400);
    expect(s.body.error.details.issues[0]).toMatchObject({ field: 'stage', message: '进入“新开工”阶段需填写实际开工日期' });
    expect((await h.tdb.db.query(`select 1 from projects where name in ('另一个项目', '未开工项目')`)).length).toBe(0);
  });

  it('registers a project with the light a refresh would give it', async () => {
    // planned to start last September, still in preparation on 2 March 2026: a start delay
    const r = await office.post('/api/projects', lishiProject({ name: '迟迟未开工项目', stage: 'preparation', plannedStart: '2025-09-01', actualStart: null, registered: false, registeredOn: null }));
    expect(r.status).toBe(201);
    expect(r.body.light).not.toBe('green');
    expect(r.body.lightReasons.map((x: { rule: string }) => x.rule)).toEqual(['start_delay']);
    const month = await h.tdb.db.query<{ light: string; reasons: unknown }>(`select light, light_reasons as reasons from project_months where project_id = $1 and month = '2026-03'`, [r.body.id]);
    expect(month).toEqual([{ light: r.body.light, reasons: r.body.lightReasons }]);
    expect(await refreshLights(h.tdb.db, await loadSettings(h.tdb.db, '2026-03-02'), '2026-03-02', [r.body.id])).toEqual({ checked: 1, changed: 0 });
    await h.tdb.db.query('delete from projects where id = $1', [r.body.id]);
  });

  it('refuses a duplicate name within the unit and a duplicate code', async () => {
    const r = await office.post('/api/projects', lishiProject());
    expect(r.status).toBe(409);
    expect(r.body.error.message).toBe('本单位已有同名项目：离石区滨河北路提质改造工程');
    const c = await office.post('/api/projects', lishiProject({ name: '新名字', code: 'XM2026-00001' }));
    expect(c.status).toBe(409);
    expect(c.body.error.message).toBe('项目编码已存在：XM2026-00001');
  });

  it('keeps the baseline through a revised plan, records the revision, and refuses a stale version', async () => {
    const p = (await office.get('/api/projects?q=滨河北路')).body.items[0];
    const r = await office.patch(`/api/projects/${p.id}`, { version: p.version, plannedYuan: 5_000 * WAN, reason: '资金到位推迟' });
    expect(r.status).toBe(200);
    expect(r.body.plannedYuan).toBe(50_000_000);
    expect(r.body.baseline.plannedYuan).toBe(60_000_000);
    expect(r.body.revisions).toEqual([{ changes: { plannedYuan: [60_000_000, 50_000_000] }, byName: 'office', reason: '资金到位推迟', at: expect.any(String) }]);
    const stale = await office.patch(`/api/projects/${p.id}`, { version: p.version, plannedYuan: 4_000 * WAN });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.details.currentVersion).toBe(r.body.version);
  });

  it('keeps stage history and refuses 竣工投产 without a finish date', async () => {
    const p = (await office.get('/api/projects?q=滨河北路')).body.items[0];
    const bad = await office.post(`/api/projects/${p.id}/stage`, { version: p.version, stage: 'completed' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('进入“竣工投产”阶段需填写实际竣工日期');
    const same = await office.post(`/api/projects/${p.id}/stage`, { version: p.version, stage: 'new_start' });
    expect(same.status).toBe(409);
    const future = await office.post(`/api/projects/${p.id}/stage`, { version: p.version, stage: 'completed', actualFinish: '2026-12-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.details.issues[0].field).toBe('actualFinish');
  });

  it('limits the registry to reach: a county clerk neither sees nor edits another county', async () => {
    const p = (await office.get('/api/projects?q=滨河北路')).body.items[0];
    expect((await xiaoyiClerk.get(`/api/projects/${p.id}`)).status).toBe(404);
    expect((await xiaoyiClerk.get('/api/projects')).body.total).toBe(0);
    expect((await clerk.get(`/api/projects/${p.id}`)).status).toBe(200);
    // clerks do not manage the registry, even in reach
    expect((await clerk.patch(`/api/projects/${p.id}`, { version: p.version, name: 'x' })).status).toBe(403);
    expect((await clerk.post('/api/projects', lishiProject({ name: '县里自己登记' }))).status).toBe(403);
    // a deputy has no project access at all
    const deputy = await h.as('deputy');
    expect((await deputy.get('/api/projects')).status).toBe(403);
  });
});

describe('monthly reports', () => {
  let id: number;
  const url = () => `/api/projects/${id}/reports/2026-03`;

  beforeAll(async () => {
    id = (await office.get('/api/projects?q=滨河北路')).body.items[0].id;
  });

  it('the clerk saves a draft, then submits; the office cannot accept before the unit head confirms', async () => {
    const saved = await put(clerk, url(), { completedYuan: 800 * WAN, progress: '路基工程完成60%' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ state: 'draft', edition: 1, completedYuan: 8_000_000, filledByName: '张填报' });
    const early = await office.post(`${url()}/actions`, { action: 'accept', version: saved.body.version });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('月报当前状态为“草稿”，不能审核通过');
    const sub = await clerk.post(`${url()}/actions`, { action: 'submit', version: saved.body.version });
    expect(sub.body.state).toBe('submitted');
    // a double click: the same step from the same version answers with the report as it is
    const again = await clerk.post(`${url()}/actions`, { action: 'submit', version: saved.body.version });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(sub.body.version);
    expect((await h.tdb.db.query(`select 1 from audit_log where action = 'project.report.submit'`)).length).toBe(1);
    // a submitted report is not edited
    const edit = await put(clerk, url(), { version: sub.body.version, completedYuan: 1 });
    expect(edit.status).toBe(409);
    // the clerk does not confirm; the office does not confirm either
    expect((await clerk.post(`${url()}/actions`, { action: 'confirm', version: sub.body.version })).status).toBe(403);
    expect((await office.post(`${url()}/actions`, { action: 'confirm', version: sub.body.version })).status).toBe(403);
  });

  it('a return needs a reason; the head returns, the clerk corrects and submits again', async () => {
    let r = (await clerk.get(`/api/projects/${id}`)).body.reports[0];
    const noReason = await head.post(`${url()}/actions`, { action: 'return', version: r.version });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.issues[0].field).toBe('reason');
    const ret = await head.post(`${url()}/actions`, { action: 'return', version: r.version, reason: '请补充现场照片' });
    expect(ret.body).toMatchObject({ state: 'returned', returnReason: '请补充现场照片' });
    r = (await put(clerk, url(), { version: ret.body.version, completedYuan: 900 * WAN, progress: '路基工程完成65%', submit: true })).body;
    expect(r).toMatchObject({ state: 'submitted', completedYuan: 9_000_000, returnReason: null });
    // the unit head's and the project office's queues
    const toConfirm = await head.get('/api/projects/reports?box=confirm&month=2026-03');
    expect(toConfirm.status).toBe(200);
    expect(toConfirm.body.items.map((i: { code: string; state: string }) => [i.code, i.state])).toEqual([['XM2026-00001', 'submitted']]);
    const conf = await head.post(`${url()}/actions`, { action: 'confirm', version: r.version });
    expect(conf.body.state).toBe('confirmed');
    expect((await head.get('/api/projects/reports?box=confirm&month=2026-03')).body.items).toEqual([]);
    const toReview = await office.get('/api/projects/reports?box=review&month=2026-03');
    expect(toReview.body.items.map((i: { code: string; state: string; completedYuan: number }) => [i.code, i.state, i.completedYuan])).toEqual([['XM2026-00001', 'confirmed', 9_000_000]]);
    const acc = await office.post(`${url()}/actions`, { action: 'accept', version: conf.body.version });
    expect(acc.body).toMatchObject({ state: 'accepted', reviewedByName: 'office', late: false });
  });

  it('computes the cumulative from accepted months; a correction is a new edition that replaces the old one when accepted', async () => {
    let p = (await office.get(`/api/projects/${id}`)).body;
    expect(p.months.find((m: { month: string }) => m.month === '2026-03')).toMatchObject({ completedYuan: 9_000_000, completedYtdYuan: 9_000_000, reportedOn: '2026-03-02' });
    expect(p.completedYuan).toBe(9_000_000);
    const c = await clerk.post(`${url()}/correction`, { reason: '统计直报数据核对后调整' });
    expect(c.body).toMatchObject({ edition: 2, state: 'draft', completedYuan: 9_000_000, correctionReason: '统计直报数据核对后调整' });
    const s = await put(clerk, url(), { version: c.body.version, completedYuan: 950 * WAN, progress: '路基工程完成65%', submit: true });
    // until the correction is accepted the old edition counts
    expect((await office.get(`/api/projects/${id}`)).body.completedYuan).toBe(9_000_000);
    const conf = await head.post(`${url()}/actions`, { action: 'confirm', version: s.body.version });
    await office.post(`${url()}/actions`, { action: 'accept', version: conf.body.version });
    p = (await office.get(`/api/projects/${id}`)).body;
    expect(p.completedYuan).toBe(9_500_000);
    expect(p.reports.map((r: { edition: number; state: string; superseded: boolean }) => [r.edition, r.state, r.superseded])).toEqual([
      [2, 'accepted', false],
      [1, 'accepted', true],
    ]);
    const audit = await h.tdb.db.query<{ action: string }>(`select action from audit_log where entity_type = 'project_report' and action in ('project.report.accept', 'project.report.correct') order by id`);
    expect(audit.map((a) => a.action)).toEqual(['project.report.accept', 'project.report.correct', 'project.report.accept']);
  });

  it('keeps site photos with the time and place their camera wrote, and takes only JPEG or PNG', async () => {
    const photo = jpeg(tiff(photoFields({ dateTime: '2026:03:01 08:00:00', original: '2026:03:01 10:32:05', gps: { latRef: 'N', lat: [[37, 1], [31, 1], [1236, 100]], lngRef: 'E', lng: [[111, 1], [8, 1], [24, 1]] } })));
    const up = await clerk.upload('/api/files', { name: '路基施工.jpg', content: photo });
    expect(up.status).toBe(201);
    const pdf = await clerk.upload('/api/files', { name: '说明.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') });
    // the April report (not open yet) is refused; March's accepted report is corrected with the photo
    const c = await clerk.post(`${url()}/correction`, { reason: '补充现场照片' });
    const bad = await put(clerk, url(), { version: c.body.version, completedYuan: 900 * WAN, photoIds: [pdf.body.id] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0]).toMatchObject({ field: 'photoIds.0', message: '现场照片只能是 JPEG 或 PNG 图片' });
    const ok = await put(clerk, url(), { version: c.body.version, completedYuan: 900 * WAN, progress: '路基工程完成65%', photoIds: [up.body.id] });
    expect(ok.status).toBe(200);
    expect(ok.body.photos).toEqual([{ fileId: up.body.id, name: '路基施工.jpg', size: photo.length, contentType: 'image/jpeg', takenAt: '2026-03-01T10:32:05', lat: 37.5201, lng: 111.14 }]);
    // another county's clerk cannot attach it
    const theirs = await put(xiaoyiClerk, url(), { completedYuan: 1, photoIds: [up.body.id] });
    expect(theirs.status).toBe(404);
  });

  it('refuses months not open yet and months outside the campaign year', async () => {
    const r = await put(clerk, `/api/projects/${id}/reports/2026-04`, { completedYuan: 1 });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].message).toBe('2026-04 尚未开放填报（当前填报月份为 2026-03）');
    const y = await put(clerk, `/api/projects/${id}/reports/2025-12`, { completedYuan: 1 });
    expect(y.body.error.details.issues[0].message).toBe('2025-12 不在项目所属的 2026 年度');
    expect((await put(xiaoyiClerk, url(), { completedYuan: 1 })).status).toBe(404);
  });
});

describe('lights, problems and figures', () => {
  let late: number;
  let lagging: number;

  beforeAll(async () => {
    await at('2026-05-10');
    // planned to start in January, not started: 4 months late on the day → red
    late = (await office.post('/api/projects', lishiProject({ name: '离石区物流园一期', stage: 'preparation', actualStart: null, plannedStart: '2026-01-05', registered: false, registeredOn: null, totalYuan: 30_000 * WAN, plannedYuan: 10_000 * WAN, deptId: null }))).body.id;
    // started in February, nothing reported: investment and registration behind
    lagging = (await office.post('/api/projects', lishiProject({ name: '孝义市焦化升级改造项目', unitId: unit('孝义市'), deptId: unit('孝义市/发展和改革局'), category: 'industry', actualStart: '2026-02-01', plannedStart: '2026-02-01', registered: false, registeredOn: null, totalYuan: 50_000 * WAN, plannedYuan: 24_000 * WAN }))).body.id;
  });

  it('lights each project with its reasons', async () => {
    const settings = (await office.get('/api/projects/settings')).body;
    const s = await put(office, '/api/projects/settings', { version: settings.version, reportMonth: '2026-04' });
    expect(s.status).toBe(200);
    const p = (await office.get(`/api/projects/${late}`)).body;
    expect(p.light).toBe('red');
    expect(p.lightReasons).toEqual([{ rule: 'start_delay', light: 'red', zh: '计划开工日期 2026-01-05 已过 4 个月仍未开工', en: 'Planned to start on 2026-01-05, not started 4 months later' }]);
    const q = (await office.get(`/api/projects/${lagging}`)).body;
    expect(q.light).toBe('red');
    expect(q.lightReasons.map((r: { rule: string; light: string }) => `${r.rule}:${r.light}`)).toEqual(['investment_lag:red', 'registration:red', 'missing_report:red']);
    expect(q.lightReasons[0].zh).toBe('年度投资完成 0.0%，落后序时进度（33.3%）33.3 个百分点');
    // an accepted reason for the late start clears that light
    const ok = await office.patch(`/api/projects/${late}`, { version: p.version, startDelayReason: '用地报批调整，经指挥部同意顺延' });
    expect(ok.body.light).toBe('green');
    expect(ok.body.lightReasons).toEqual([]);
  });

  it('a problem is a matter of the engine, escalates when overdue, and lights the project', async () => {
    const p = (await office.get(`/api/projects/${lagging}`)).body;
    const r = await xiaoyiClerk.post(`/api/projects/${lagging}/problems`, { type: 'utilities', title: '配套电网接入未落实', leadUnitId: unit('孝义市'), dueOn: '2026-05-20' });
    expect(r.status).toBe(201);
    const problem = r.body.problems[0];
    expect(problem).toMatchObject({ type: 'utilities', level: 'county', title: '配套电网接入未落实', state: 'assigned', dueOn: '2026-05-20', leadUnitName: '孝义市' });
    expect(problem.code).toMatch(/^WT2026-\d{5}$/);
    const m = (await office.get(`/api/matters/${problem.matterId}`)).body;
    expect(m).toMatchObject({ source: 'project', sourceDoc: `${p.code} 孝义市焦化升级改造项目`, leaderId: null });
    // the matters form does not take project problems
    expect((await office.post('/api/matters', { source: 'project', title: 'x', leadUnitId: unit('孝义市') })).status).toBe(400);
    await at('2026-05-22');
    const run = await runJobNow(h.tdb.db, 'projects.daily', h.clock.now());
    expect(run.result).toMatchObject({ escalated: 1 });
    // April's reports were due on the 25th: the clerks of each project's department are reminded, once
    const notices = (await xiaoyiClerk.get('/api/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'report_missing');
    expect(notices.map((n: { title: string }) => n.title)).toEqual([`孝义市焦化升级改造项目（${p.code}）2026-04 月度进度未报送`]);
    const lishi = (await clerk.get('/api/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'report_missing');
    expect(lishi.map((n: { title: string }) => n.title)).toEqual([expect.stringMatching(/^离石区滨河北路提质改造工程（XM2026-00001）2026-04 月度进度未报送$/)]);
    let d = (await office.get(`/api/projects/${lagging}`)).body;
    expect(d.problems[0].level).toBe('department');
    expect(d.lightReasons.find((x: { rule: string }) => x.rule === 'problem_overdue')).toMatchObject({ light: 'yellow', zh: '1 个问题逾期未解决，最长逾期 2 天' });
    // the ladder moves again only after the configured days
    const again = await runJobNow(h.tdb.db, 'projects.daily', new Date(h.clock.now().getTime() + 86_400_000));
    expect(again.result).toMatchObject({ escalated: 0, reminded: 0 });
    d = (await office.get(`/api/projects/${lagging}`)).body;
    expect(d.problems[0].level).toBe('department');
  });

  it('counts and ranks the month: numbers from the facts, ranks by exact completion rate', async () => {
    const r = await office.get('/api/projects/rankings?month=2026-03&by=county');
    expect(r.status).toBe(200);
    const lishi = r.body.groups.find((g: { label: string }) => g.label === '离石区');
    // 滨河北路 (planned 5,000万, 950万 accepted in March) and 物流园 (planned 10,000万, nothing)
    expect(lishi.figures).toMatchObject({ projects: 2, planned: 150_000_000, completed: 9_500_000, dueToStart: 2, started: 1 });
    expect(lishi.figures.completionRate.text).toBe('6.3%');
    expect(lishi.figures.pace.text).toBe('25.0%');
    expect(lishi.figures.leadPoints).toBe(-18.7);
    const xiaoyi = r.body.groups.find((g: { label: string }) => g.label === '孝义市');
    expect(xiaoyi.figures).toMatchObject({ projects: 1, completed: 0, dueToStart: 1, started: 1, mustRegister: 1, registered: 0 });
    expect(r.body.groups.map((g: { label: string; rank: number }) => `${g.rank} ${g.label}`)).toEqual(['1 离石区', '2 孝义市']);
    expect(r.body.overall).toMatchObject({ projects: 3, planned: 390_000_000, completed: 9_500_000 });
    // a county clerk's figures are the county's own
    const mine = await head.get('/api/projects/rankings?month=2026-03&by=county');
    expect(mine.body.groups.map((g: { label: string }) => g.label)).toEqual(['离石区']);
    expect((await clerk.get('/api/projects/rankings')).status).toBe(403);
    // the dashboard's overall figures are the rankings' overall figures
    const dash = await viewer.get('/api/projects/dashboard?month=2026-03');
    expect(dash.body.overall).toEqual(r.body.overall);
    // its three groupings come from one query (grouping sets): each equals that grouping alone
    expect(dash.body.byCounty).toEqual((await viewer.get('/api/projects/rankings?month=2026-03&by=county')).body.groups);
    const byStage = (await viewer.get('/api/projects/rankings?month=2026-03&by=stage')).body.groups;
    expect(byStage.map((g: { label: string; figures: { projects: number } }) => [g.label, g.figures.projects])).toEqual([
      ['新开工', 2],
      ['前期', 1],
    ]);
    expect(dash.body.byStage).toEqual(byStage);
    const byCategory = (await viewer.get('/api/projects/rankings?month=2026-03&by=category')).body.groups;
    expect(byCategory.length).toBeGreaterThan(0);
    expect(dash.body.byCategory).toEqual(byCategory);
    expect(dash.body.series.map((s: { month: string; completed: number }) => [s.month, s.completed])).toEqual([
      ['2026-01', 0],
      ['2026-02', 0],
      ['2026-03', 9_500_000],
    ]);
  });

  it('lists a past month with that month’s lights, as its filter reads them', async () => {
    const now = (await office.get('/api/projects?month=2026-03&sort=code')).body.items as { id: number; name: string; light: string }[];
    const target = now[0] as { id: number; name: string; light: string };
    // February's snapshot lit this project red with its reason; the month since moved on
    const reasons = [{ rule: 'missing_report', light: 'red', zh: '2 月未报送', en: 'no report for February' }];
    await h.tdb.db.query(`update project_months set light = 'red', light_reasons = $2::jsonb where project_id = $1 and month = '2026-02'`, [target.id, JSON.stringify(reasons)]);
    const feb = (await office.get('/api/projects?month=2026-02&light=red')).body.items as { id: number; light: string; lightReasons: unknown[] }[];
    expect(feb.map((p) => [p.id, p.light, p.lightReasons])).toEqual([[target.id, 'red', reasons]]);
    const march = (await office.get(`/api/projects?month=2026-03&sort=code`)).body.items as { id: number; light: string }[];
    expect(march.find((p) => p.id === target.id)?.light).toBe(target.light);
    await h.tdb.db.query(`update project_months set light = 'green', light_reasons = '[]' where project_id = $1 and month = '2026-02'`, [target.id]);
  });

  it('lists report work: missing reports for the month and the review queue', async () => {
    const missing = await office.get('/api/projects/reports?box=missing&month=2026-04');
    expect(missing.body.items.map((i: { name: string; late: boolean }) => [i.name, i.late])).toEqual([
      ['离石区滨河北路提质改造工程', true],
      ['孝义市焦化升级改造项目', true],
    ]);
    const mine = await xiaoyiClerk.get('/api/projects/reports?box=mine&month=2026-04');
    expect(mine.body.items.map((i: { name: string }) => i.name)).toEqual(['孝义市焦化升级改造项目']);
    expect((await clerk.get('/api/projects/reports?box=review')).status).toBe(403);
  });
});
