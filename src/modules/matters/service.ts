/**
 * Supervised-matter use cases. Routes authorize (by the side that takes the step) before calling;
 * each use case is one transaction that locks the matter, checks the step against the state
 * machine, writes the step, its deadlines and the audit entry, and recomputes the light.
 */
import crypto from 'node:crypto';
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { AppError, notFound, validationError, versionConflict, type FieldIssue } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/http/app.ts';
import type { Queryable, Tx } from '../../platform/db/index.ts';
import type { SessionUser } from '../../platform/auth/sessions.ts';
import { can } from '../../platform/policies.ts';
import {
  ACTION_LABELS,
  MATTER_ACTIONS,
  REPLY_GRADE_LABELS,
  REVIEW_GRADE_LABELS,
  RATING_LABELS,
  TRANSITIONS,
  dayInChina,
  explainReason,
  defaultProfileFor,
  nextState,
  type MatterAction,
  type Side,
} from '../../domain/matters.ts';
import { addMonths } from '../../domain/calendar.ts';
import { computeDeadlines, describeRule, resolveDue, type DeadlineBasis } from '../../domain/clocks.ts';
import { calendarRevision, loadCalendar, loadProfile } from '../calendar/queries.ts';
import * as q from './queries.ts';
import { refreshMatter } from './recompute.ts';
import type { ActionBody, CreateMatterBody, FileSuggestionBody, ListMattersQuery, Matter, MatterLinkInput, UpdateMatterBody } from './schema.ts';
import { BOXES } from './schema.ts';

export const MATTER = { zh: '督办事项', en: 'Matter' };

const CODE_PREFIX: Record<string, string> = {
  instruction: 'DB',
  meeting: 'DB',
  superior: 'DB',
  petition: 'DB',
  project: 'WT',
  rectification: 'ZG',
  suggestion: 'JY',
  proposal: 'TA',
};

const fail = (issues: FieldIssue[]): never => {
  throw validationError(issues);
};

// ---------------------------------------------------------------- reading

/** The matter as `viewer` may see it, or NOT_FOUND (an invisible matter is not admitted to exist). */
export async function loadVisible(ctx: AppContext, viewer: SessionUser, id: number): Promise<q.MatterRow> {
  const row = await q.getMatter(ctx.db, id, { viewer });
  if (!row) throw notFound(MATTER, id);
  return row;
}

const assignerOf = (row: q.MatterRow) => ({ unitId: row.assigner_unit_id, unitPath: row.assigner_unit_path });

/**
 * Whether `user` stands on `side` of the matter: the assigning unit's reviewers, the lead unit's
 * handlers, an assisting unit's handlers, or the proposer (whose rating the supervision office may
 * also record when it was given on paper). The one rule for both the step routes and the buttons.
 */
export function onSide(row: q.MatterRow, side: Side, user: SessionUser, assisting: readonly { unitId: number; unitPath: string }[]): boolean {
  switch (side) {
    case 'assigner':
      return can(user, 'matter.review', assignerOf(row));
    case 'lead':
      return row.lead_unit_id !== null && can(user, 'matter.handle', { unitId: row.lead_unit_id, unitPath: row.lead_unit_path as string });
    case 'assist':
      return assisting.some((u) => can(user, 'matter.handle', u));
    case 'proposer':
      return (can(user, 'matter.rate') && row.filed_by === user.id) || can(user, 'matter.review', assignerOf(row));
  }
}

/** Whether `user` may take `action` on the matter now (state machine, the step's preconditions and the side). */
export function mayTake(row: q.MatterRow, action: MatterAction, user: SessionUser, assisting: readonly { unitId: number; unitPath: string }[], pendingExtension: boolean): boolean {
  if (!nextState(row, action).ok) return false;
  const decidesExtension = action === 'approve_extension' || action === 'reject_extension';
  if (decidesExtension && !pendingExtension) return false;
  if (action === 'request_extension' && pendingExtension) return false;
  if (action === 'file_plan' && !row.major) return false;
  return onSide(row, TRANSITIONS[action].side, user, assisting);
}

/** The matter as the API shows it to `user` on `today` (light reasons count their days from it). */
export async function matterDetail(q0: Queryable, row: q.MatterRow, user: SessionUser, today: string): Promise<Matter> {
  // One after another: inside a transaction the queries share one connection.
  const units = await q.unitsOf(q0, row.id);
  const deadlines = await q.deadlinesOf(q0, row.id);
  const events = await q.eventsOf(q0, row.id);
  const extensions = await q.extensionsOf(q0, row.id);
  const links = await q.linksOf(q0, row.id, user);
  const linkedFrom = await q.backlinksOf(q0, row.id, user);
  const assisting = units.filter((u) => u.role === 'assist');
  const pending = extensions.some((x) => x.status === 'pending');
  return {
    ...q.toSummary(row),
    content: row.content,
    sourceDoc: row.source_doc,
    requirement: row.requirement,
    measures: row.measures,
    dayMode: row.day_mode,
    shiftOffNonWorking: row.shift_off_non_working,
    delegation: row.delegation,
    sessionName: row.session_name,
    rounds: row.rounds,
    escalation: row.escalation,
    lightReasons: row.light_reasons.map((r) => explainReason(r, today)),
    units: units.map(({ unitPath: _p, ...u }) => u),
    deadlines: deadlines.map(q.toDeadline),
    events,
    extensions,
    links,
    linkedFrom,
    allowedActions: MATTER_ACTIONS.filter((a) => mayTake(row, a, user, assisting, pending)),
  };
}

export async function getMatterDetail(ctx: AppContext, user: SessionUser, id: number): Promise<Matter> {
  return matterDetail(ctx.db, await loadVisible(ctx, user, id), user, dayInChina(ctx.clock.now()));
}

export async function listMatters(ctx: AppContext, user: SessionUser, f: ListMattersQuery) {
  return q.listMatters(ctx.db, user, f);
}

export async function inbox(ctx: AppContext, user: SessionUser) {
  return { counts: await q.inboxCounts(ctx.db, user, BOXES) };
}

// ---------------------------------------------------------------- writing

async function checkUnits(tx: Queryable, lead: number | undefined, assists: readonly number[]): Promise<void> {
  const ids = [...(lead ? [lead] : []), ...assists];
  const found = await q.unitsById(tx, ids);
  const issues: FieldIssue[] = [];
  if (lead && !found.has(lead)) issues.push({ field: 'leadUnitId', message: `主办单位不存在或已停用：${lead}`, messageEn: `no such active unit: ${lead}` });
  assists.forEach((a, i) => {
    if (!found.has(a)) issues.push({ field: `assistUnitIds.${i}`, message: `协办单位不存在或已停用：${a}`, messageEn: `no such active unit: ${a}` });
    else if (a === lead) issues.push({ field: `assistUnitIds.${i}`, message: '协办单位不能与主办单位相同', messageEn: 'an assisting unit cannot also be the lead unit' });
  });
  if (new Set(assists).size !== assists.length) issues.push({ field: 'assistUnitIds', message: '协办单位重复', messageEn: 'an assisting unit is listed twice' });
  if (issues.length) fail(issues);
}

async function checkLeader(tx: Queryable, leaderId: number): Promise<void> {
  const l = await tx.query('select 1 from leaders where id = $1 and active', [leaderId]);
  if (!l.length) fail([{ field: 'leaderId', message: `责任领导不存在：${leaderId}`, messageEn: `no such leader: ${leaderId}` }]);
}

async function checkFiles(tx: Queryable, files: readonly string[], field = 'files'): Promise<void> {
  if (files.length === 0) return;
  const rows = await tx.query<{ id: string }>('select id from files where id = any($1::text[])', [files]);
  const have = new Set(rows.map((r) => r.id));
  const issues = files.flatMap((f, i) => (have.has(f) ? [] : [{ field: `${field}.${i}`, message: `附件不存在：${f}`, messageEn: `no such file: ${f}` }]));
  if (issues.length) fail(issues);
}

const MATTER_ID = /^[1-9][0-9]{0,17}$/;
const linkKey = (l: { targetType: string; targetId: string }) => `${l.targetType}:${l.targetId}`;

/**
 * Checks a set of links: a `matter` link names an existing matter that `user` may see (by its id),
 * not the matter itself, and no link comes twice. Links already stored on the matter (`kept`) stay
 * as they are even if the editor cannot see their target, so an edit never drops someone else's link.
 */
async function checkLinks(tx: Queryable, user: SessionUser, links: readonly MatterLinkInput[], self: number | null, kept: ReadonlySet<string> = new Set()): Promise<void> {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const wanted: { i: number; id: number }[] = [];
  links.forEach((l, i) => {
    const key = linkKey(l);
    if (seen.has(key)) {
      issues.push({ field: `links.${i}.targetId`, message: `关联重复：${l.targetId}`, messageEn: `this link is listed twice: ${l.targetId}` });
      return;
    }
    seen.add(key);
    if (l.targetType !== 'matter' || kept.has(key)) return;
    if (!MATTER_ID.test(l.targetId)) {
      issues.push({ field: `links.${i}.targetId`, message: `关联事项应以事项 ID（正整数）表示：${l.targetId}`, messageEn: `a linked matter is named by its id (a positive whole number): ${l.targetId}` });
    } else if (self !== null && l.targetId === String(self)) {
      issues.push({ field: `links.${i}.targetId`, message: '事项不能关联自身', messageEn: 'a matter cannot be linked to itself' });
    } else {
      wanted.push({ i, id: Number(l.targetId) });
    }
  });
  const visible = await q.visibleMatterIds(tx, user, wanted.map((w) => w.id));
  // A matter the user may not see is reported like one that does not exist.
  for (const { i, id } of wanted) {
    if (!visible.has(id)) issues.push({ field: `links.${i}.targetId`, message: `关联事项不存在或无权查看：${id}`, messageEn: `no such matter, or not visible to you: ${id}` });
  }
  if (issues.length) fail(issues.sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true })));
}

/** Creates the deadlines of a (re)assignment from the matter's clock profile. */
async function scheduleDeadlines(
  tx: Tx,
  m: { id: number; profile: string; major: boolean; dayMode: 'calendar' | 'working'; shift: boolean; assignedOn: string; fixedDue?: string; assists: readonly number[]; round: number },
): Promise<void> {
  const profile = await loadProfile(tx, m.profile);
  const calendar = await loadCalendar(tx);
  const revision = await calendarRevision(tx);
  if (!profile) throw validationError([{ field: 'profile', message: `时限规则不存在：${m.profile}`, messageEn: `no such clock profile: ${m.profile}` }]);
  if (profile.steps.some((s) => s.fixed) && !m.fixedDue) {
    fail([{ field: 'dueOn', message: '整改事项须在交办时确定整改时限', messageEn: 'a rectification item needs its deadline (dueOn) at assignment' }]);
  }
  if (m.fixedDue && m.fixedDue < m.assignedOn) {
    fail([{ field: 'dueOn', message: `整改时限 ${m.fixedDue} 早于交办日期 ${m.assignedOn}`, messageEn: `the deadline ${m.fixedDue} is before the assignment date ${m.assignedOn}` }]);
  }
  const ds = computeDeadlines(profile, m.assignedOn, calendar, { mode: m.dayMode, shift: m.shift, major: m.major, ...(m.fixedDue ? { fixedDue: m.fixedDue } : {}) });
  for (const d of ds) {
    const units = d.kind === 'assist' ? m.assists : [null];
    for (const unitId of units) {
      await q.insertDeadline(tx, {
        matterId: m.id,
        step: d.step,
        unitId,
        round: m.round,
        due: d.due,
        ruleZh: d.rule.zh,
        ruleEn: d.rule.en,
        basis: { ...d.basis, kind: d.kind, zh: d.zh, en: d.en },
        provisional: d.provisional,
        revision,
      });
    }
  }
}

const supersedeOpen = (tx: Queryable, matterId: number) =>
  tx.query(`update matter_deadlines set status = 'superseded' where matter_id = $1 and status = 'open'`, [matterId]);

async function nextCode(tx: Queryable, source: string, day: string): Promise<string> {
  const rows = await tx.query<{ n: number }>(`select nextval('matter_code_seq')::int as n`);
  return `${CODE_PREFIX[source]}${day.slice(0, 4)}-${String((rows[0] as { n: number }).n).padStart(5, '0')}`;
}

function hashOf(value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export async function createMatter(ctx: AppContext, actor: Actor, user: SessionUser, input: CreateMatterBody): Promise<{ matter: Matter; replayed: boolean }> {
  if (input.source === 'project') fail([{ field: 'source', message: '项目问题须在重点项目页面提出', messageEn: "a project problem is raised on the project's page" }]);
  return ctx.db.tx(async (tx) => {
    const r = await createMatterInTx(tx, ctx.clock.now(), actor, user, input);
    return { matter: await matterDetail(tx, (await q.getMatter(tx, r.id)) as q.MatterRow, user, dayInChina(ctx.clock.now())), replayed: r.replayed };
  });
}

/** Registers (and, with a lead unit, assigns) a matter inside the caller's transaction (imports, the demo). */
export async function createMatterInTx(tx: Tx, now: Date, actor: Actor, user: SessionUser, input: CreateMatterBody): Promise<{ id: number; replayed: boolean }> {
  const today = dayInChina(now);
  {
    if (input.requestId) {
      const prior = await tx.query<{ matter_id: number }>(`select matter_id from matter_events where action = 'create' and request_key = $1 and actor_id = $2`, [input.requestId, user.id]);
      if (prior[0]) return { id: prior[0].matter_id, replayed: true };
    }
    await checkUnits(tx, input.leadUnitId, input.assistUnitIds);
    await checkFiles(tx, input.files);
    await checkLinks(tx, user, input.links, null);
    if (input.assistUnitIds.length && !input.leadUnitId) fail([{ field: 'leadUnitId', message: '指定协办单位时须同时指定主办单位', messageEn: 'assisting units need a lead unit' }]);
    const profileCode = input.profile ?? defaultProfileFor(input.source);
    const profile = await loadProfile(tx, profileCode);
    if (!profile) fail([{ field: 'profile', message: `时限规则不存在：${profileCode}`, messageEn: `no such clock profile: ${profileCode}` }]);
    if (input.leaderId) await checkLeader(tx, input.leaderId);
    const assignedOn = input.assignedOn ?? today;
    const assigning = input.leadUnitId !== undefined;
    const code = await nextCode(tx, input.source, assignedOn);
    const dayMode = input.dayMode ?? profile!.dayMode;
    const shift = input.shiftOffNonWorking ?? profile!.shiftOffNonWorking;
    const rows = await tx.query<{ id: number }>(
      `insert into matters (code, source, profile, major, title, content, source_doc, requirement, measures, assigned_on, assigner_unit_id, created_by,
                            lead_unit_id, leader_id, confidential, day_mode, shift_off_non_working, proposer, delegation, session_name, state, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22) returning id`,
      [
        code,
        input.source,
        profileCode,
        input.major,
        input.title,
        input.content,
        input.sourceDoc,
        input.requirement,
        input.measures,
        assigning ? assignedOn : null,
        user.unitId,
        user.id,
        input.leadUnitId ?? null,
        input.leaderId ?? null,
        input.confidential,
        dayMode,
        shift,
        input.proposer,
        input.delegation,
        input.sessionName,
        assigning ? 'assigned' : 'submitted',
        now,
      ],
    );
    const id = (rows[0] as { id: number }).id;
    await q.setLinks(tx, id, input.links);
    if (assigning) {
      await q.setUnits(tx, id, input.leadUnitId as number, input.assistUnitIds);
      await scheduleDeadlines(tx, { id, profile: profileCode, major: input.major, dayMode, shift, assignedOn, ...(input.dueOn ? { fixedDue: input.dueOn } : {}), assists: input.assistUnitIds, round: 1 });
    }
    await q.insertEvent(tx, {
      matterId: id,
      action: 'create',
      fromState: null,
      toState: assigning ? 'assigned' : 'submitted',
      actorId: user.id,
      actorName: user.displayName,
      actorUnitId: user.unitId,
      at: now,
      body: { text: input.content.slice(0, 500), leadUnitId: input.leadUnitId ?? null, assistUnitIds: input.assistUnitIds, dueOn: input.dueOn ?? null },
      files: input.files,
      requestKey: input.requestId ?? null,
      payloadHash: null,
    });
    await refreshMatter(tx, id, today);
    const row = (await q.getMatter(tx, id)) as q.MatterRow;
    await recordAudit(tx, actor, now, {
      action: 'matter.create',
      entityType: 'matter',
      entityId: id,
      unitId: user.unitId,
      after: { ...q.toSummary(row), ...(input.links.length ? { links: input.links } : {}) },
    });
    return { id, replayed: false };
  }
}

/** A deputy files a suggestion (or a CPPCC member a proposal): it waits for the supervision office to assign it. */
export async function fileSuggestion(ctx: AppContext, actor: Actor, user: SessionUser, assignerUnitId: number, input: FileSuggestionBody) {
  return ctx.db.tx(async (tx) => {
    const r = await fileSuggestionInTx(tx, ctx.clock.now(), actor, user, assignerUnitId, input);
    return { matter: await matterDetail(tx, (await q.getMatter(tx, r.id)) as q.MatterRow, user, dayInChina(ctx.clock.now())), replayed: r.replayed };
  });
}

export async function fileSuggestionInTx(tx: Tx, now: Date, actor: Actor, user: SessionUser, assignerUnitId: number, input: FileSuggestionBody): Promise<{ id: number; replayed: boolean }> {
  const today = dayInChina(now);
  {
    if (input.requestId) {
      const prior = await tx.query<{ matter_id: number }>(`select matter_id from matter_events where action = 'submit' and request_key = $1 and actor_id = $2`, [input.requestId, user.id]);
      if (prior[0]) return { id: prior[0].matter_id, replayed: true };
    }
    await checkFiles(tx, input.files);
    const profile = await loadProfile(tx, 'suggestion');
    const code = await nextCode(tx, input.source, today);
    const rows = await tx.query<{ id: number }>(
      `insert into matters (code, source, profile, title, content, assigner_unit_id, created_by, filed_by, proposer, delegation, session_name,
                            day_mode, shift_off_non_working, state, created_at, updated_at)
       values ($1, $2, 'suggestion', $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, 'submitted', $12, $12) returning id`,
      [code, input.source, input.title, input.content, assignerUnitId, user.id, user.displayName, input.delegation, input.sessionName, profile?.dayMode ?? 'calendar', profile?.shiftOffNonWorking ?? false, now],
    );
    const id = (rows[0] as { id: number }).id;
    await q.insertEvent(tx, {
      matterId: id,
      action: 'submit',
      fromState: null,
      toState: 'submitted',
      actorId: user.id,
      actorName: user.displayName,
      actorUnitId: user.unitId,
      at: now,
      body: {},
      files: input.files,
      requestKey: input.requestId ?? null,
      payloadHash: null,
    });
    const row = (await q.getMatter(tx, id)) as q.MatterRow;
    await recordAudit(tx, actor, now, { action: 'matter.submit', entityType: 'matter', entityId: id, unitId: assignerUnitId, after: q.toSummary(row) });
    return { id, replayed: false };
  }
}

export async function updateMatter(ctx: AppContext, actor: Actor, user: SessionUser, id: number, input: UpdateMatterBody): Promise<Matter> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    await updateMatterInTx(tx, now, actor, user, id, input);
    return matterDetail(tx, (await q.getMatter(tx, id)) as q.MatterRow, user, dayInChina(now));
  });
}

/**
 * Edits a matter's texts, leader, confidentiality or links inside the caller's transaction (row
 * version checked, audited). New links are checked against what `user` may see.
 */
export async function updateMatterInTx(tx: Tx, now: Date, actor: Actor, user: SessionUser, id: number, input: UpdateMatterBody): Promise<void> {
  const before = await q.getMatter(tx, id, { forUpdate: true });
  if (!before) throw notFound(MATTER, id);
  if (before.version !== input.version) throw versionConflict(before.version);
  if (before.state === 'closed') throw new AppError('CONFLICT', { message: '事项已办结，不能再修改', messageEn: 'The matter is closed and can no longer be edited' });
  if (input.leaderId) await checkLeader(tx, input.leaderId);
  const linksBefore = input.links ? await q.storedLinksOf(tx, id) : [];
  if (input.links) await checkLinks(tx, user, input.links, id, new Set(linksBefore.map(linkKey)));
  await tx.query(
    `update matters set title = coalesce($2, title), content = coalesce($3, content), source_doc = coalesce($4, source_doc),
            requirement = coalesce($5, requirement), measures = coalesce($6, measures),
            leader_id = case when $7::boolean then $8::bigint else leader_id end, confidential = coalesce($9, confidential),
            version = version + 1, updated_at = $10
      where id = $1`,
    [id, input.title ?? null, input.content ?? null, input.sourceDoc ?? null, input.requirement ?? null, input.measures ?? null, input.leaderId !== undefined, input.leaderId ?? null, input.confidential ?? null, now],
  );
  if (input.links) await q.setLinks(tx, id, input.links);
  const after = (await q.getMatter(tx, id)) as q.MatterRow;
  await recordAudit(tx, actor, now, {
    action: 'matter.update',
    entityType: 'matter',
    entityId: id,
    unitId: after.assigner_unit_id,
    before: { ...q.toSummary(before), ...(input.links ? { links: linksBefore } : {}) },
    after: { ...q.toSummary(after), ...(input.links ? { links: await q.storedLinksOf(tx, id) } : {}) },
  });
}

const need = (cond: unknown, field: string, zh: string, en: string): void => {
  if (!cond) fail([{ field, message: zh, messageEn: en }]);
};

/**
 * Takes one step of the workflow. `authorizedLead` is the lead unit the route authorized
 * against: if the matter was reassigned in between, the step is refused as a conflict.
 */
export async function takeAction(
  ctx: AppContext,
  actor: Actor,
  user: SessionUser,
  id: number,
  body: ActionBody,
  authorizedLead: number | null,
): Promise<{ matter: Matter; replayed: boolean }> {
  return ctx.db.tx(async (tx) => {
    const r = await takeActionInTx(tx, ctx.clock.now(), actor, user, id, body, authorizedLead);
    return { matter: await matterDetail(tx, (await q.getMatter(tx, id)) as q.MatterRow, user, dayInChina(ctx.clock.now())), replayed: r.replayed };
  });
}

/** One step inside the caller's transaction. */
export async function takeActionInTx(
  tx: Tx,
  now: Date,
  actor: Actor,
  user: SessionUser,
  id: number,
  body: ActionBody,
  authorizedLead: number | null,
): Promise<{ replayed: boolean }> {
  const today = dayInChina(now);
  const { requestId, ...payload } = body;
  const payloadHash = hashOf(payload);
  {
    const m = await q.getMatter(tx, id, { forUpdate: true });
    if (!m) throw notFound(MATTER, id);
    if (requestId) {
      const prior = await tx.query<{ action: string; actor_id: number | null }>('select action, actor_id from matter_events where matter_id = $1 and request_key = $2', [id, requestId]);
      if (prior[0]) {
        if (prior[0].action !== body.action || prior[0].actor_id !== user.id) {
          throw new AppError('CONFLICT', { message: '请求编号已用于另一操作', messageEn: 'This request id was already used for another step' });
        }
        return { replayed: true };
      }
    }
    if (m.lead_unit_id !== authorizedLead) throw versionConflict(m.version);
    const step = nextState(m, body.action, body.rating ? { rating: body.rating } : {});
    if (!step.ok) {
      // A double click or a retry without a request id: the same step by the same person, just taken.
      const last = await tx.query<{ action: string; actor_id: number | null; payload_hash: string | null; at: Date }>(
        'select action, actor_id, payload_hash, at from matter_events where matter_id = $1 order by id desc limit 1',
        [id],
      );
      const l = last[0];
      if (l && l.action === body.action && l.actor_id === user.id && l.payload_hash === payloadHash && now.getTime() - l.at.getTime() < 10 * 60_000) {
        return { replayed: true };
      }
      throw new AppError('CONFLICT', { message: step.refusal.zh, messageEn: step.refusal.en, details: { reason: step.refusal.reason, state: m.state } });
    }
    await checkFiles(tx, body.files);
    const effect = await applyStep(tx, m, body, { today, now, user });
    const to = step.to;
    await tx.query(`update matters set state = $2, version = version + 1, updated_at = $3 where id = $1`, [id, to, now]);
    await q.insertEvent(tx, {
      matterId: id,
      action: body.action,
      fromState: m.state,
      toState: to,
      actorId: user.id,
      actorName: user.displayName,
      actorUnitId: user.unitId,
      at: now,
      body: { ...eventBody(body), ...effect },
      files: body.files,
      requestKey: requestId ?? null,
      payloadHash,
    });
    await refreshMatter(tx, id, today);
    const after = (await q.getMatter(tx, id)) as q.MatterRow;
    await recordAudit(tx, actor, now, {
      action: `matter.${body.action}`,
      entityType: 'matter',
      entityId: id,
      unitId: after.lead_unit_id ?? after.assigner_unit_id,
      before: { state: m.state, dueOn: m.due_on, light: m.light },
      after: { state: after.state, dueOn: after.due_on, light: after.light, ...eventBody(body), ...effect },
    });
    return { replayed: false };
  }
}

/** What of the request the timeline keeps (labels resolved for readers). */
function eventBody(b: ActionBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (b.text) out.text = b.text;
  if (b.grade) out.grade = b.grade;
  if (b.grade) out.gradeLabel = REVIEW_GRADE_LABELS[b.grade].zh;
  if (b.replyGrade) out.replyGrade = b.replyGrade;
  if (b.replyGrade) out.replyGradeLabel = REPLY_GRADE_LABELS[b.replyGrade].zh;
  if (b.rating) out.rating = b.rating;
  if (b.rating) out.ratingLabel = RATING_LABELS[b.rating].zh;
  if (b.requestedDue) out.requestedDue = b.requestedDue;
  if (b.milestones) out.milestones = b.milestones;
  if (b.milestone) out.milestone = b.milestone;
  if (b.leadUnitId) out.leadUnitId = b.leadUnitId;
  if (b.assistUnitIds) out.assistUnitIds = b.assistUnitIds;
  return out;
}

const meet = (tx: Queryable, matterId: number, today: string, where: string, params: unknown[] = []) =>
  tx.query<{ step: string; due: string }>(
    `update matter_deadlines set status = 'met', met_on = $2 where matter_id = $1 and status = 'open' and (${where}) returning step, due`,
    [matterId, today, ...params],
  );

const ENDING = `(basis->>'kind') in ('complete', 'milestone')`;

async function applyStep(tx: Tx, m: q.MatterRow, b: ActionBody, c: { today: string; now: Date; user: SessionUser }): Promise<Record<string, unknown>> {
  const { today, now, user } = c;
  const label = ACTION_LABELS[b.action];
  switch (b.action) {
    case 'assign':
    case 'reassign': {
      const lead = b.leadUnitId ?? (b.action === 'assign' ? m.lead_unit_id ?? undefined : undefined);
      need(lead, 'leadUnitId', `「${label.zh}」须指定主办单位`, `"${label.en}" needs a lead unit`);
      if (b.action === 'reassign') need(b.text, 'text', '改派须说明原因', 'a reassignment needs a reason');
      const current = await q.unitsOf(tx, m.id);
      const assists = b.assistUnitIds ?? current.filter((u) => u.role === 'assist').map((u) => u.unitId);
      await checkUnits(tx, lead, assists);
      const assignedOn = b.assignedOn ?? today;
      const major = b.major ?? m.major;
      await supersedeOpen(tx, m.id);
      await q.setUnits(tx, m.id, lead as number, assists);
      const fixedDue = b.dueOn ?? (m.profile === 'rectification' && b.action === 'reassign' ? m.due_on ?? undefined : undefined);
      const round = await tx.query<{ r: number }>('select coalesce(max(round), 0) + 1 as r from matter_deadlines where matter_id = $1', [m.id]);
      await scheduleDeadlines(tx, {
        id: m.id,
        profile: m.profile,
        major,
        dayMode: m.day_mode,
        shift: m.shift_off_non_working,
        assignedOn,
        ...(fixedDue ? { fixedDue } : {}),
        assists,
        round: (round[0] as { r: number }).r,
      });
      await tx.query(`update matters set lead_unit_id = $2, assigned_on = $3, major = $4, assigner_unit_id = case when state = 'submitted' then $5 else assigner_unit_id end where id = $1`, [
        m.id,
        lead,
        assignedOn,
        major,
        user.unitId,
      ]);
      return { assignedOn };
    }
    case 'sign':
      await meet(tx, m.id, today, `(basis->>'kind') = 'deploy'`);
      return {};
    case 'send_back': {
      need(b.text, 'text', '退回须说明交办有误的原因', 'sending back needs the reason the assignment is wrong');
      const window = await tx.query<{ due: string }>(`select due from matter_deadlines where matter_id = $1 and status = 'open' and (basis->>'kind') = 'window'`, [m.id]);
      const w = window[0];
      if (w && today > w.due) {
        throw new AppError('CONFLICT', {
          message: `已超过退回时限（${w.due}），请申请改派或按期办理`,
          messageEn: `The time to send back ended on ${w.due}; ask for reassignment or handle the matter`,
        });
      }
      await supersedeOpen(tx, m.id);
      return {};
    }
    case 'report': {
      need(b.text, 'text', '请填写进展情况', 'describe the progress');
      if (b.milestone) {
        const hit = await meet(tx, m.id, today, `step = $3 and (basis->>'kind') = 'milestone'`, [b.milestone]);
        need(hit.length, 'milestone', `没有未完成的节点：${b.milestone}`, `no open milestone: ${b.milestone}`);
      }
      await meet(tx, m.id, today, `(basis->>'kind') in ('deploy', 'report')`);
      await tx.query('update matters set progress = $2 where id = $1', [m.id, b.text.slice(0, 5000)]);
      return {};
    }
    case 'assist_view': {
      need(b.text, 'text', '请填写协办意见', 'give the view');
      const units = await q.unitsOf(tx, m.id);
      const mine = units.filter((u) => u.role === 'assist' && can(user, 'matter.handle', u)).map((u) => u.unitId);
      const hit = await meet(tx, m.id, today, `(basis->>'kind') = 'assist' and unit_id = any($3::bigint[])`, [mine]);
      return { units: mine, onTime: hit.every((h) => today <= h.due) };
    }
    case 'file_plan': {
      need(m.major, 'action', '只有重大复杂事项需要报送解决方案', 'only a major matter files a solution plan');
      need(b.milestones, 'milestones', '解决方案须列出时间节点', 'a solution plan lists its milestones');
      const ms = [...(b.milestones ?? [])].sort((a, z) => a.due.localeCompare(z.due));
      ms.forEach((x, i) => need(x.due >= today, `milestones.${i}.due`, `节点时限 ${x.due} 早于今天`, `milestone ${x.due} is in the past`));
      const hit = await meet(tx, m.id, today, `step = 'major'`);
      need(hit.length, 'action', '解决方案已报送', 'the solution plan was already filed');
      const round = await tx.query<{ r: number }>('select coalesce(max(round), 1) as r from matter_deadlines where matter_id = $1', [m.id]);
      for (const [i, x] of ms.entries()) {
        const basis: DeadlineBasis = { fixed: x.due, anchor: 'plan' } as DeadlineBasis;
        const rule = describeRule(basis);
        await q.insertDeadline(tx, {
          matterId: m.id,
          step: `milestone_${i + 1}`,
          unitId: null,
          round: (round[0] as { r: number }).r,
          due: x.due,
          ruleZh: rule.zh,
          ruleEn: rule.en,
          basis: { ...basis, kind: 'milestone', zh: `节点${i + 1}：${x.title}`, en: `Milestone ${i + 1}: ${x.title}` },
          provisional: false,
          revision: await calendarRevision(tx),
        });
      }
      return {};
    }
    case 'request_extension': {
      need(b.requestedDue, 'requestedDue', '请填写申请延期至的日期', 'give the date to extend to');
      need(b.text, 'text', '请说明延期理由', 'give the reason for the extension');
      const current = await tx.query<{ step: string; due: string }>(`select step, due from matter_deadlines where matter_id = $1 and status = 'open' and ${ENDING} order by due desc limit 1`, [m.id]);
      const cur = current[0];
      if (!cur) throw new AppError('CONFLICT', { message: '没有可延期的办理时限', messageEn: 'There is no open deadline to extend' });
      need((b.requestedDue as string) > cur.due, 'requestedDue', `延期日期须晚于当前时限 ${cur.due}`, `the new date must be after the current deadline ${cur.due}`);
      const profile = await loadProfile(tx, m.profile);
      const maxMonths = profile?.settings.extensionMaxMonths;
      if (maxMonths && m.assigned_on) {
        const limit = addMonths(m.assigned_on, maxMonths);
        need((b.requestedDue as string) <= limit, 'requestedDue', `延期后时限不得超过交办之日起${maxMonths}个月（${limit}）`, `an extension may not go beyond ${maxMonths} months after assignment (${limit})`);
        const used = await tx.query(`select 1 from matter_extensions where matter_id = $1 and status = 'approved'`, [m.id]);
        if (used.length) throw new AppError('CONFLICT', { message: '已延期一次，不能再次延期', messageEn: 'The deadline was already extended once' });
      }
      await tx.query(
        `insert into matter_extensions (matter_id, step, current_due, requested_due, reason, requested_by, requested_at) values ($1, $2, $3, $4, $5, $6, $7)`,
        [m.id, cur.step, cur.due, b.requestedDue, b.text, user.id, now],
      );
      return { currentDue: cur.due };
    }
    case 'approve_extension':
    case 'reject_extension': {
      const pending = await tx.query<{ id: number; step: string; current_due: string; requested_due: string }>(
        `select id, step, current_due, requested_due from matter_extensions where matter_id = $1 and status = 'pending' for update`,
        [m.id],
      );
      const x = pending[0];
      if (!x) throw new AppError('CONFLICT', { message: '没有待审批的延期申请', messageEn: 'There is no pending extension request' });
      const approve = b.action === 'approve_extension';
      if (!approve) need(b.text, 'text', '不同意延期须说明理由', 'a rejection needs a reason');
      await tx.query(`update matter_extensions set status = $2, decided_by = $3, decided_at = $4, decision_note = $5 where id = $1`, [x.id, approve ? 'approved' : 'rejected', user.id, now, b.text]);
      if (approve) {
        const basis = { fixed: x.requested_due, anchor: 'extension' } as DeadlineBasis;
        const rule = describeRule(basis);
        await tx.query(
          `update matter_deadlines set due = $3, rule_zh = $4, rule_en = $5,
                  basis = $6::jsonb || jsonb_build_object('kind', basis->'kind', 'zh', basis->'zh', 'en', basis->'en')
            where matter_id = $1 and step = $2 and status = 'open'`,
          [m.id, x.step, x.requested_due, rule.zh, rule.en, JSON.stringify(basis)],
        );
      }
      return { step: x.step, from: x.current_due, to: x.requested_due };
    }
    case 'request_closure': {
      need(b.text, 'text', '请填写办理结果', 'describe the result');
      const hit = await meet(tx, m.id, today, ENDING);
      await meet(tx, m.id, today, `(basis->>'kind') in ('deploy', 'report')`);
      await tx.query('update matters set progress = $2 where id = $1', [m.id, b.text.slice(0, 5000)]);
      return { onTime: hit.every((h) => today <= h.due) };
    }
    case 'accept': {
      need(b.grade, 'grade', '请选择评定等次（优秀/良好/合格/不合格）', 'choose a grade (excellent/good/pass/fail)');
      const ends = await tx.query<{ due: string; met_on: string | null }>(`select due, met_on from matter_deadlines where matter_id = $1 and status = 'met' and ${ENDING}`, [m.id]);
      const onTime = ends.every((e) => e.met_on !== null && e.met_on <= e.due);
      await tx.query(`update matter_deadlines set status = 'waived' where matter_id = $1 and status = 'open'`, [m.id]);
      await tx.query(`update matters set review_grade = $2, closed_on = $3, closed_on_time = $4 where id = $1`, [m.id, b.grade, today, onTime]);
      return { onTime };
    }
    case 'return': {
      need(b.text, 'text', '退回须说明理由', 'a return needs a reason');
      // The work is not done: the completion deadline is open again (and may now be overdue).
      const round = await tx.query<{ r: number }>(`select max(round) as r from matter_deadlines where matter_id = $1`, [m.id]);
      await tx.query(`update matter_deadlines set status = 'open', met_on = null where matter_id = $1 and status = 'met' and round = $2 and ${ENDING}`, [
        m.id,
        (round[0] as { r: number }).r,
      ]);
      return {};
    }
    case 'reply': {
      need(b.replyGrade, 'replyGrade', '请选择答复类别（A/B/C）', 'choose the reply grade (A/B/C)');
      need(b.text, 'text', '请填写答复内容', 'write the reply');
      const hit = await meet(tx, m.id, today, `step = 'reply'`);
      await tx.query('update matters set reply_grade = $2, progress = $3, rating = null where id = $1', [m.id, b.replyGrade, b.text.slice(0, 5000)]);
      return { onTime: hit.every((h) => today <= h.due) };
    }
    case 'rate': {
      need(b.rating, 'rating', '请选择满意、基本满意或不满意', 'choose satisfied, basically satisfied or unsatisfied');
      if (b.rating === 'unsatisfied') {
        need(b.text, 'text', '不满意请说明意见', 'say why the reply is unsatisfactory');
        const profile = await loadProfile(tx, m.profile);
        const months = profile?.settings.rehandleMonths ?? 1;
        const calendar = await loadCalendar(tx);
        const basis = { from: today, months, mode: m.day_mode, shift: m.shift_off_non_working, anchor: 'rated' } as DeadlineBasis;
        const { due, provisional } = resolveDue(basis, calendar);
        const rule = describeRule(basis);
        await tx.query('update matters set rounds = rounds + 1, rating = $2 where id = $1', [m.id, b.rating]);
        await q.insertDeadline(tx, {
          matterId: m.id,
          step: 'reply',
          unitId: null,
          round: m.rounds + 1,
          due,
          ruleZh: rule.zh,
          ruleEn: rule.en,
          basis: { ...basis, kind: 'complete', zh: `重新办理并答复（第${m.rounds + 1}轮）`, en: `Handle again and reply (round ${m.rounds + 1})` },
          provisional,
          revision: await calendarRevision(tx),
        });
        return { rehandleDue: due };
      }
      const replies = await tx.query<{ due: string; met_on: string | null }>(`select due, met_on from matter_deadlines where matter_id = $1 and step = 'reply' and status = 'met'`, [m.id]);
      const onTime = replies.every((r) => r.met_on !== null && r.met_on <= r.due);
      await tx.query(`update matter_deadlines set status = 'waived' where matter_id = $1 and status = 'open'`, [m.id]);
      await tx.query('update matters set rating = $2, closed_on = $3, closed_on_time = $4 where id = $1', [m.id, b.rating, today, onTime]);
      return { onTime, onBehalf: m.filed_by !== user.id };
    }
  }
}

