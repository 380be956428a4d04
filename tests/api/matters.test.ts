import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, makeUser, type Client, type Harness } from '../support/app.ts';
import { recomputeAll } from '../../src/modules/matters/recompute.ts';

let h: Harness;
let admin: Client;
let supervisor: Client;
let clerk: Client;
let head: Client;
let otherClerk: Client;
let finance: Client;
let deputy: Client;
let viewer: Client;

beforeAll(async () => {
  h = await harness();
  admin = await h.as('admin');
  await makeUser(h, admin, { username: 'xiaoyi_clerk', unit: '孝义市/发展和改革局', role: 'unit_clerk', scope: 'unit' });
  await makeUser(h, admin, { username: 'finance_clerk', unit: '市财政局', role: 'unit_clerk', scope: 'unit' });
  await signIn();
});
/** Sessions end after 30 idle minutes: after the clock jumps, everyone signs in again. */
async function signIn() {
  const c = await Promise.all(['admin', 'supervisor', 'lishi_clerk', 'lishi_head', 'xiaoyi_clerk', 'finance_clerk', 'deputy', 'viewer'].map((u) => h.as(u)));
  [admin, supervisor, clerk, head, otherClerk, finance, deputy, viewer] = c as [Client, Client, Client, Client, Client, Client, Client, Client];
}
/** Sets the clock to a moment in China time and signs everyone in again. */
async function at(iso: string) {
  h.clock.t = Date.parse(iso.length === 10 ? `${iso}T09:00:00+08:00` : iso);
  await signIn();
}
afterAll(async () => h?.close());

const unit = (name: string) => h.ids.units.get(name) as number;
/** Moves the test clock to 09:00 on `day` (China time) and runs the daily recompute. */
async function dayIs(day: string) {
  await at(day);
  return recomputeAll(h.tdb.db, h.clock.now());
}
function multipart(filename: string, content: Buffer): { body: Buffer; type: string } {
  const boundary = '----luoshi' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { body: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}
const step = (c: Client, id: number, body: Record<string, unknown>) => c.post(`/api/matters/${id}/actions`, body);
const dl = (m: { deadlines: { step: string; due: string; baseline: string; status: string; ruleZh: string }[] }, s: string) =>
  m.deadlines.filter((d) => d.step === s).map((d) => ({ due: d.due, baseline: d.baseline, status: d.status, rule: d.ruleZh }));

describe('a 13710 matter from assignment to closure', () => {
  let id: number;

  it('assigns with deadlines from the 13710 profile, each with its rule', async () => {
    await at('2026-03-02');
    const r = await supervisor.post('/api/matters', {
      source: 'meeting',
      title: '开展安全生产专项整治',
      content: '市政府常务会议议定：各县（市、区）开展安全生产专项整治。',
      sourceDoc: '市政府第12次常务会议纪要',
      leadUnitId: unit('离石区/发展和改革局'),
      assistUnitIds: [unit('市财政局')],
    });
    expect(r.status).toBe(201);
    const m = r.body.matter;
    id = m.id;
    expect(m.code).toMatch(/^DB2026-\d{5}$/);
    expect(m.state).toBe('assigned');
    expect(m.assignedOn).toBe('2026-03-02');
    expect(dl(m, 'deploy')).toEqual([{ due: '2026-03-02', baseline: '2026-03-02', status: 'open', rule: '交办当日' }]);
    expect(dl(m, 'progress')).toEqual([{ due: '2026-03-05', baseline: '2026-03-05', status: 'open', rule: '交办次日起3个日历日内' }]);
    expect(dl(m, 'complete')).toEqual([{ due: '2026-03-09', baseline: '2026-03-09', status: 'open', rule: '交办次日起7个日历日内' }]);
    expect(dl(m, 'major')).toEqual([]);
    expect(m.dueOn).toBe('2026-03-09');
    expect(m.light).toBe('none');
    expect(m.units).toEqual([
      { unitId: unit('离石区/发展和改革局'), unitName: '发展和改革局', role: 'lead' },
      { unitId: unit('市财政局'), unitName: '市财政局', role: 'assist' },
    ]);
    expect(m.allowedActions).toEqual(['reassign']);
  });

  it('is visible to the units involved and their superiors, not to another county', async () => {
    expect((await clerk.get(`/api/matters/${id}`)).body.allowedActions).toEqual(['sign', 'send_back', 'request_extension']);
    expect((await head.get(`/api/matters/${id}`)).status).toBe(200);
    expect((await finance.get(`/api/matters/${id}`)).body.allowedActions).toEqual(['assist_view']);
    expect((await otherClerk.get(`/api/matters/${id}`)).status).toBe(404);
    expect((await otherClerk.get('/api/matters')).body).toEqual({ items: [], total: 0 });
    expect((await otherClerk.post(`/api/matters/${id}/actions`, { action: 'sign' })).status).toBe(404);
    const inbox = await clerk.get('/api/matters/inbox');
    expect(inbox.body.counts.to_sign).toBe(1);
    expect(inbox.body.counts.to_review).toBe(0);
  });

  it('refuses steps out of order and steps by the wrong side, with the reason', async () => {
    const early = await step(clerk, id, { action: 'request_closure', text: '已完成' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('事项当前为「待签收」，不能「申请办结」（仅限：办理中）');
    expect((await step(clerk, id, { action: 'accept', grade: 'good' })).status).toBe(403);
    expect((await step(supervisor, id, { action: 'sign' })).status).toBe(403);
    const reply = await step(clerk, id, { action: 'reply', replyGrade: 'A', text: 'x' });
    expect(reply.status).toBe(409);
    expect(reply.body.error.details.reason).toBe('wrong_kind');
  });

  it('signing meets the same-day deploy step; a double click is a replay, not an error', async () => {
    const a = await step(clerk, id, { action: 'sign' });
    expect(a.status).toBe(200);
    expect(a.body.replayed).toBe(false);
    expect(a.body.matter.state).toBe('in_progress');
    expect(dl(a.body.matter, 'deploy')[0]?.status).toBe('met');
    const b = await step(clerk, id, { action: 'sign' });
    expect(b.status).toBe(200);
    expect(b.body.replayed).toBe(true);
    const events = b.body.matter.events.map((e: { action: string }) => e.action);
    expect(events).toEqual(['create', 'sign']);
    // with a request id, a retry of a step that changes nothing in state is still taken once
    const key = 'report-0001-retry';
    const r1 = await step(clerk, id, { action: 'report', text: '已召开专题会部署', requestId: key });
    const r2 = await step(clerk, id, { action: 'report', text: '已召开专题会部署', requestId: key });
    expect([r1.body.replayed, r2.body.replayed]).toEqual([false, true]);
    expect(r2.body.matter.events.filter((e: { action: string }) => e.action === 'report')).toHaveLength(1);
    const misuse = await step(clerk, id, { action: 'request_extension', requestedDue: '2026-03-20', text: 'x', requestId: key });
    expect(misuse.status).toBe(409);
  });

  it('lights: yellow for a missing report, red when overdue, with reasons', async () => {
    // A second matter nobody reports on.
    await at('2026-03-02');
    const r = await supervisor.post('/api/matters', { source: 'instruction', title: '落实市长批示', leadUnitId: unit('离石区/发展和改革局') });
    const quiet = r.body.matter.id;
    await dayIs('2026-03-06');
    const y = (await supervisor.get(`/api/matters/${quiet}`)).body;
    expect(y.light).toBe('yellow');
    expect(y.lightReasons.map((x: { zh: string }) => x.zh)).toEqual(['未按时报送：当天研究部署（时限2026-03-02，已过4天）', '未按时报送：3日内报告措施和进展（时限2026-03-05，已过1天）']);
    await dayIs('2026-03-07');
    // the worst reason decides: a missing report outranks a near deadline
    const both = (await supervisor.get(`/api/matters/${quiet}`)).body;
    expect(both.light).toBe('yellow');
    expect(both.lightReasons.map((x: { light: string }) => x.light)).toEqual(['yellow', 'yellow', 'blue']);
    const reported = (await supervisor.get(`/api/matters/${id}`)).body;
    expect(reported.light).toBe('blue');
    expect(reported.lightReasons.map((x: { zh: string }) => x.zh)).toEqual(['临近时限：一般事项7日内办结（2026-03-09，剩2天）']);
    await dayIs('2026-03-11');
    const red = (await supervisor.get(`/api/matters/${quiet}`)).body;
    expect(red.light).toBe('red');
    expect(red.lightReasons[0].zh).toBe('已逾期2天：一般事项7日内办结（时限2026-03-09）');
    const list = await supervisor.get('/api/matters?box=overdue');
    expect(list.body.items.map((m: { id: number }) => m.id).sort()).toEqual([id, quiet].sort());
  });

  it('closure is reviewed: a return reopens the deadline, an acceptance grades and closes', async () => {
    const req = await step(clerk, id, { action: 'request_closure', text: '整治工作已完成，共排查隐患32处' });
    expect(req.body.matter.state).toBe('closure_requested');
    expect(req.body.matter.light).toBe('none');
    expect((await supervisor.get('/api/matters/inbox')).body.counts.to_review).toBe(1);
    const noReason = await step(supervisor, id, { action: 'return' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.issues[0].field).toBe('text');
    const ret = await step(supervisor, id, { action: 'return', text: '缺少整改佐证材料' });
    expect(ret.body.matter.state).toBe('in_progress');
    expect(ret.body.matter.light).toBe('red');
    expect(dl(ret.body.matter, 'complete')[0]?.status).toBe('open');
    const m = multipart('隐患排查台账.pdf', Buffer.from('%PDF-1.4\n'));
    const up = await h.app.inject({
      method: 'POST',
      url: '/api/files',
      payload: m.body,
      headers: { 'content-type': m.type, 'x-csrf-token': clerk.csrf ?? '', cookie: [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(up.statusCode).toBe(201);
    const evidence = JSON.parse(up.body).id as string;
    await step(clerk, id, { action: 'request_closure', text: '已补充佐证材料', files: [evidence] });
    const noGrade = await step(supervisor, id, { action: 'accept' });
    expect(noGrade.body.error.details.issues[0].field).toBe('grade');
    const acc = await step(supervisor, id, { action: 'accept', grade: 'pass', text: '同意销号' });
    expect(acc.body.matter.state).toBe('closed');
    expect(acc.body.matter.reviewGrade).toBe('pass');
    expect(acc.body.matter.closedOn).toBe('2026-03-11');
    expect(acc.body.matter.closedOnTime).toBe(false);
    expect(acc.body.matter.events.map((e: { action: string }) => e.action)).toEqual(['create', 'sign', 'report', 'request_closure', 'return', 'request_closure', 'accept']);
    expect(acc.body.matter.events[5].files).toEqual([{ id: evidence, name: '隐患排查台账.pdf', size: 9, contentType: 'application/pdf' }]);
    // evidence is readable by whoever may read the matter (the assisting city department), not by another county
    expect((await finance.get(`/api/files/${evidence}`)).status).toBe(200);
    expect((await otherClerk.get(`/api/files/${evidence}`)).status).toBe(403);
    const audit = await h.tdb.db.query<{ action: string }>(`select action from audit_log where entity_type = 'matter' and entity_id = $1 order by id`, [String(id)]);
    expect(audit.map((a) => a.action)).toEqual(['matter.create', 'matter.sign', 'matter.report', 'matter.request_closure', 'matter.return', 'matter.request_closure', 'matter.accept']);
  });
});

describe('extensions keep the original deadline as the baseline', () => {
  it('a clerk asks, the supervisor approves, the due date moves and the baseline stays', async () => {
    await at('2026-03-02');
    const m = (await supervisor.post('/api/matters', { source: 'superior', title: '省督查反馈问题', leadUnitId: unit('离石区/发展和改革局'), major: true })).body.matter;
    expect(dl(m, 'major')).toEqual([{ due: '2026-04-02', baseline: '2026-04-02', status: 'open', rule: '交办之日起1个月内' }]);
    await step(clerk, m.id, { action: 'sign' });
    const early = await step(clerk, m.id, { action: 'request_extension', requestedDue: '2026-03-30', text: '需协调省厅' });
    expect(early.status).toBe(400);
    expect(early.body.error.details.issues[0].field).toBe('requestedDue');
    const ask = await step(clerk, m.id, { action: 'request_extension', requestedDue: '2026-04-30', text: '需协调省厅' });
    expect(ask.body.matter.extensions).toMatchObject([{ currentDue: '2026-04-02', requestedDue: '2026-04-30', status: 'pending' }]);
    expect((await step(clerk, m.id, { action: 'request_extension', requestedDue: '2026-05-30', text: '再延' })).status).toBe(409);
    const ok = await step(supervisor, m.id, { action: 'approve_extension', text: '同意' });
    expect(dl(ok.body.matter, 'major')).toEqual([{ due: '2026-04-30', baseline: '2026-04-02', status: 'open', rule: '延期批准时确定（2026-04-30）' }]);
    expect(ok.body.matter.dueOn).toBe('2026-04-30');
  });

  it('a major matter files a solution plan whose milestones become deadlines', async () => {
    await at('2026-03-02');
    const m = (await supervisor.post('/api/matters', { source: 'instruction', title: '化解信访积案', leadUnitId: unit('离石区/发展和改革局'), major: true })).body.matter;
    await step(clerk, m.id, { action: 'sign' });
    const plan = await step(clerk, m.id, {
      action: 'file_plan',
      text: '分三步化解',
      milestones: [
        { title: '完成调查核实', due: '2026-03-20' },
        { title: '完成化解', due: '2026-05-31' },
      ],
    });
    expect(plan.status).toBe(200);
    const d = plan.body.matter.deadlines.filter((x: { kind: string }) => x.kind === 'milestone').map((x: { step: string; due: string; labelZh: string }) => [x.step, x.due, x.labelZh]);
    expect(d).toEqual([
      ['milestone_1', '2026-03-20', '节点1：完成调查核实'],
      ['milestone_2', '2026-05-31', '节点2：完成化解'],
    ]);
    expect(plan.body.matter.dueOn).toBe('2026-03-20');
    const hit = await step(clerk, m.id, { action: 'report', text: '调查核实完成', milestone: 'milestone_1' });
    expect(hit.body.matter.dueOn).toBe('2026-05-31');
  });
});

describe('deputies’ suggestions', () => {
  let id: number;
  it('a deputy files, the supervision office assigns with a 3-month reply deadline', async () => {
    await at('2026-03-31T10:00:00+08:00');
    const f = await deputy.post('/api/matters/suggestions', { source: 'suggestion', title: '关于加快城区停车场建设的建议', content: '城区停车难问题突出……', delegation: '离石区代表团', sessionName: '市五届人大五次会议' });
    expect(f.status).toBe(201);
    id = f.body.matter.id;
    expect(f.body.matter.state).toBe('submitted');
    expect(f.body.matter.code).toMatch(/^JY2026-/);
    expect((await supervisor.get('/api/matters/inbox')).body.counts.to_assign).toBeGreaterThanOrEqual(1);
    const a = await step(supervisor, id, { action: 'assign', leadUnitId: unit('离石区/发展和改革局'), assistUnitIds: [unit('市财政局')] });
    expect(a.status).toBe(200);
    const m = a.body.matter;
    expect(dl(m, 'reply')).toEqual([{ due: '2026-06-30', baseline: '2026-06-30', status: 'open', rule: '交办之日起3个月内' }]);
    expect(dl(m, 'send_back')[0]?.due).toBe('2026-04-05');
    expect(m.deadlines.filter((d: { step: string }) => d.step === 'assist_view').map((d: { unitId: number; due: string }) => [d.unitId, d.due])).toEqual([[unit('市财政局'), '2026-04-30']]);
  });

  it('the assisting unit gives its view, the lead unit replies with a grade', async () => {
    await at('2026-04-10T10:00:00+08:00');
    await step(clerk, id, { action: 'sign' });
    const late = await step(clerk, id, { action: 'send_back', text: '不属于本单位职责' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('已超过退回时限（2026-04-05）');
    const v = await step(finance, id, { action: 'assist_view', text: '市财政局将给予资金支持' });
    expect(v.status).toBe(200);
    expect(v.body.matter.deadlines.find((d: { step: string }) => d.step === 'assist_view').status).toBe('met');
    const r = await step(clerk, id, { action: 'reply', replyGrade: 'B', text: '已列入2026年城建计划' });
    expect(r.body.matter.state).toBe('replied');
    expect((await deputy.get('/api/matters/inbox')).body.counts.to_rate).toBe(1);
  });

  it('an unsatisfied rating sends it back for a new reply within a month; a satisfied one closes it', async () => {
    await at('2026-04-15T10:00:00+08:00');
    expect((await step(clerk, id, { action: 'rate', rating: 'satisfied' })).status).toBe(403);
    const u = await step(deputy, id, { action: 'rate', rating: 'unsatisfied', text: '没有明确建设时间' });
    expect(u.body.matter.state).toBe('in_progress');
    expect(u.body.matter.rounds).toBe(2);
    expect(dl(u.body.matter, 'reply')).toEqual([
      { due: '2026-06-30', baseline: '2026-06-30', status: 'met', rule: '交办之日起3个月内' },
      { due: '2026-05-15', baseline: '2026-05-15', status: 'open', rule: '评价不满意次日起1个月内' },
    ]);
    await step(clerk, id, { action: 'reply', replyGrade: 'A', text: '已明确于2026年9月底前建成' });
    const s = await step(deputy, id, { action: 'rate', rating: 'satisfied' });
    expect(s.body.matter.state).toBe('closed');
    expect(s.body.matter.rating).toBe('satisfied');
    expect(s.body.matter.replyGrade).toBe('A');
    expect(s.body.matter.closedOnTime).toBe(true);
  });
});

describe('the working-day calendar', () => {
  it('a calendar change moves open working-day deadlines at once, on the timeline, keeping the baseline', async () => {
    await at('2026-03-02');
    const m = (await supervisor.post('/api/matters', { source: 'instruction', title: '按工作日计时的批示事项', leadUnitId: unit('离石区/发展和改革局'), dayMode: 'working' })).body.matter;
    expect(dl(m, 'progress')).toEqual([{ due: '2026-03-05', baseline: '2026-03-05', status: 'open', rule: '交办次日起3个工作日内' }]);
    expect(dl(m, 'complete')[0]?.due).toBe('2026-03-11');
    const put = await admin.request('PUT', '/api/calendar/days/2026-03-04', { working: false, name: '临时调整' });
    expect(put.status).toBe(200);
    const after = (await supervisor.get(`/api/matters/${m.id}`)).body;
    expect(dl(after, 'progress')).toEqual([{ due: '2026-03-06', baseline: '2026-03-05', status: 'open', rule: '交办次日起3个工作日内' }]);
    expect(dl(after, 'complete')[0]).toMatchObject({ due: '2026-03-12', baseline: '2026-03-11' });
    const moved = after.events.filter((e: { action: string }) => e.action === 'recompute');
    expect(moved).toHaveLength(1);
    expect(moved[0].body.changes).toEqual([
      { step: 'progress', from: '2026-03-05', to: '2026-03-06' },
      { step: 'complete', from: '2026-03-11', to: '2026-03-12' },
    ]);
    // withdrawing the change moves it back
    expect((await admin.request('DELETE', '/api/calendar/days/2026-03-04')).status).toBe(200);
    const back = (await supervisor.get(`/api/matters/${m.id}`)).body;
    expect(dl(back, 'progress')[0]?.due).toBe('2026-03-05');
  });
});

describe('rules of the data', () => {
  it('a rectification item needs its deadline at assignment', async () => {
    await at('2026-03-02');
    const r = await supervisor.post('/api/matters', { source: 'rectification', title: '河道垃圾清理不及时', leadUnitId: unit('离石区/发展和改革局') });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].field).toBe('dueOn');
    const ok = await supervisor.post('/api/matters', { source: 'rectification', title: '河道垃圾清理不及时', leadUnitId: unit('离石区/发展和改革局'), dueOn: '2026-06-30', requirement: '建立长效保洁机制' });
    expect(ok.status).toBe(201);
    expect(dl(ok.body.matter, 'complete')).toEqual([{ due: '2026-06-30', baseline: '2026-06-30', status: 'open', rule: '交办时确定（2026-06-30）' }]);
    const none = (await h.tdb.db.query<{ n: number }>(`select count(*)::int as n from matters where title = '河道垃圾清理不及时'`))[0];
    expect(none?.n).toBe(1);
  });

  it('names each bad field', async () => {
    const r = await supervisor.post('/api/matters', { source: 'meeting', title: '', leadUnitId: 999999, assistUnitIds: [unit('市财政局'), unit('市财政局')], assignedOn: '2026-02-30' });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['assignedOn', 'title']);
    const r2 = await supervisor.post('/api/matters', { source: 'meeting', title: '有效标题', leadUnitId: 999999 });
    expect(r2.status).toBe(400);
    expect(r2.body.error.details.issues[0].field).toBe('leadUnitId');
  });

  it('a clerk cannot assign; a county head cannot assign outside the county', async () => {
    expect((await clerk.post('/api/matters', { source: 'meeting', title: 'x', leadUnitId: unit('市财政局') })).status).toBe(403);
  });

  it('a confidential matter is seen only by those involved', async () => {
    await at('2026-03-02');
    const r = await supervisor.post('/api/matters', { source: 'instruction', title: '涉密批示事项', leadUnitId: unit('离石区/发展和改革局'), confidential: true });
    const cid = r.body.matter.id;
    expect((await clerk.get(`/api/matters/${cid}`)).status).toBe(200);
    expect((await viewer.get(`/api/matters/${cid}`)).status).toBe(404);
    expect((await head.get(`/api/matters/${cid}`)).status).toBe(404);
    expect((await admin.get(`/api/matters/${cid}`)).status).toBe(404);
    expect((await supervisor.get(`/api/matters/${cid}`)).status).toBe(200);
  });

  it('concurrent edits: a stale version is refused', async () => {
    await at('2026-03-02');
    const m = (await supervisor.post('/api/matters', { source: 'meeting', title: '原标题', leadUnitId: unit('离石区/发展和改革局') })).body.matter;
    const a = await supervisor.patch(`/api/matters/${m.id}`, { version: m.version, title: '新标题一' });
    expect(a.status).toBe(200);
    const b = await supervisor.patch(`/api/matters/${m.id}`, { version: m.version, title: '新标题二' });
    expect(b.status).toBe(409);
    expect(b.body.error.code).toBe('VERSION_CONFLICT');
    expect((await supervisor.get(`/api/matters/${m.id}`)).body.title).toBe('新标题一');
  });
});
