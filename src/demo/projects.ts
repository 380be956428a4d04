/**
 * Loads the demo 2023 千项千亿 campaign (`projects-data.ts`, from a fixed seed) in one transaction:
 * the projects in bulk, their monthly reports January–May with the unit and office steps, the
 * monthly facts computed from the accepted reports, problems raised as matters of the engine (and
 * the closed ones closed through it), then the lights of the report month (2023-05).
 */
import { hashPassword, generatePassword } from '../platform/auth/password.ts';
import type { SessionUser } from '../platform/auth/sessions.ts';
import type { Actor } from '../platform/audit.ts';
import type { Db, Tx } from '../platform/db/index.ts';
import { addDays } from '../domain/calendar.ts';
import { lastDay } from '../domain/projects.ts';
import { insertUser } from '../modules/users/queries.ts';
import { createMatterInTx, takeActionInTx } from '../modules/matters/service.ts';
import type { ActionBody, CreateMatterBody } from '../modules/matters/schema.ts';
import { insertProjects, refreshMonths } from '../modules/projects/queries.ts';
import { defaultSettings, loadSettings, refreshLights } from '../modules/projects/service.ts';
import { DEMO_AS_OF, DEMO_CAMPAIGN_YEAR, generateCampaign, type DemoProject } from './projects-data.ts';

const ACTOR = (u: SessionUser): Actor => ({ userId: u.id, username: u.username, ip: null });
const at = (day: string, hour = 10) => new Date(Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`));

export async function loadDemoProjects(db: Db): Promise<{ projects: number; reports: number; problems: number }> {
  return db.tx((tx) => loadInTx(tx));
}

async function loadInTx(tx: Tx): Promise<{ projects: number; reports: number; problems: number }> {
  const campaign = generateCampaign();
  const loadedAt = at(DEMO_AS_OF, 18);
  await tx.query(`insert into project_settings (id, thresholds) values (1, $1::jsonb) on conflict (id) do nothing`, [
    JSON.stringify({ ...defaultSettings(DEMO_AS_OF), campaignYear: DEMO_CAMPAIGN_YEAR, reportMonth: '2023-05' }),
  ]);

  const units = new Map<string, { id: number; path: string }>();
  for (const r of await tx.query<{ id: number; name: string; parent: string | null; path: string }>('select u.id, u.name, p.name as parent, u.path from units u left join units p on p.id = u.parent_id')) {
    units.set(r.parent && r.parent !== '吕梁市' ? `${r.parent}/${r.name}` : r.name, { id: r.id, path: r.path });
  }
  const unitId = (name: string): number => {
    const u = units.get(name);
    if (!u) throw new Error(`demo projects: unknown unit ${name}`);
    return u.id;
  };
  const leaders = new Map((await tx.query<{ id: number; name: string }>('select id, name from leaders')).map((l) => [l.name, l.id]));

  // A reporting clerk in each county's development and reform bureau (the demo's own where it exists).
  const hash = await hashPassword(generatePassword());
  const clerkOf = new Map<string, number>();
  for (const county of new Set(campaign.map((p) => p.unit))) {
    const office = units.get(`${county}/发展和改革局`) ?? units.get(county);
    if (!office) throw new Error(`demo projects: no office in ${county}`);
    const found = await tx.query<{ id: number }>(`select id from users where unit_id = $1 and role = 'unit_clerk' order by id limit 1`, [office.id]);
    clerkOf.set(county, found[0]?.id ?? (await insertUser(tx, { username: `clerk${office.id}`, displayName: `${county}项目填报员`, unitId: office.id, role: 'unit_clerk', scope: 'unit', phone: null, passwordHash: hash, mustChange: true }, loadedAt)));
  }
  // The unit head who confirms the county's reports (the demo's own where it exists).
  const headOf = new Map<string, number>();
  for (const county of new Set(campaign.map((p) => p.unit))) {
    const unit = units.get(county);
    if (!unit) throw new Error(`demo projects: no unit ${county}`);
    const found = await tx.query<{ id: number }>(`select id from users where unit_id = $1 and role = 'unit_head' order by id limit 1`, [unit.id]);
    headOf.set(county, found[0]?.id ?? (await insertUser(tx, { username: `head${unit.id}`, displayName: `${county}项目审核人`, unitId: unit.id, role: 'unit_head', scope: 'subtree', phone: null, passwordHash: hash, mustChange: true }, loadedAt)));
  }
  const office = (await tx.query<{ id: number }>(`select id from users where username = 'project_office'`))[0]?.id ?? null;

  // projects, their months and first stage, in bulk
  const ids = await insertProjects(
    tx,
    campaign.map((p) => ({
      code: p.code,
      name: p.name,
      unitId: unitId(p.unit),
      deptId: unitId(p.dept),
      leaderId: leaders.get(p.leader) ?? null,
      taskForce: p.taskForce,
      category: p.category,
      campaignYear: DEMO_CAMPAIGN_YEAR,
      stage: p.stage,
      content: p.content,
      totalYuan: p.totalYuan,
      plannedYuan: p.plannedYuan,
      plannedStart: p.plannedStart,
      plannedFinish: p.plannedFinish,
      actualStart: p.actualStart,
      actualFinish: p.actualFinish,
      startDelayReason: p.startDelayReason,
      location: p.location,
      lng: p.lng,
      lat: p.lat,
      registered: p.registered,
      registeredOn: p.registeredOn,
      approvals: p.approvals,
      tags: p.tags,
    })),
    office,
    at('2023-01-06'),
  );
  const idOf = new Map(campaign.map((p, i) => [p.code, ids[i] as number]));
  const all = ids;

  // reports
  const reports = campaign.flatMap((p) =>
    p.reports.map((r) => {
      const submitted = at(r.submittedOn, 16);
      const confirmed = r.state === 'submitted' ? null : at(addDays(r.submittedOn, 1), 11);
      const reviewed = r.state === 'accepted' || r.state === 'returned' ? at(addDays(r.submittedOn, 2), 15) : null;
      return {
        project_id: idOf.get(p.code),
        month: r.month,
        state: r.state,
        completed: r.completedYuan,
        progress: r.progress,
        return_reason: r.returnReason ?? null,
        filled_by: clerkOf.get(p.unit),
        submitted_at: submitted.toISOString(),
        confirmed_at: confirmed?.toISOString() ?? null,
        confirmed_by: confirmed ? headOf.get(p.unit) : null,
        reviewed_at: reviewed?.toISOString() ?? null,
        reviewed_by: reviewed ? office : null,
        reported_on: r.submittedOn,
      };
    }),
  );
  await tx.query(
    `insert into project_reports (project_id, month, state, completed, progress, return_reason, filled_by, submitted_at, confirmed_at, confirmed_by, reviewed_at, reviewed_by, created_at, updated_at)
     select x.project_id, x.month, x.state, x.completed, x.progress, x.return_reason, x.filled_by, x.submitted_at, x.confirmed_at, x.confirmed_by, x.reviewed_at, x.reviewed_by, x.submitted_at,
            coalesce(x.reviewed_at, x.confirmed_at, x.submitted_at)
       from jsonb_to_recordset($1::jsonb) as x(project_id bigint, month text, state text, completed bigint, progress text, return_reason text, filled_by bigint,
            submitted_at timestamptz, confirmed_at timestamptz, confirmed_by bigint, reviewed_at timestamptz, reviewed_by bigint)`,
    [JSON.stringify(reports)],
  );
  await tx.query(
    `update project_months pm set reported_on = x.reported_on from jsonb_to_recordset($1::jsonb) as x(project_id bigint, month text, reported_on date)
      where pm.project_id = x.project_id and pm.month = x.month`,
    [JSON.stringify(reports.map((r) => ({ project_id: r.project_id, month: r.month, reported_on: r.reported_on })))],
  );
  await refreshMonths(tx, all);

  const problems = await loadProblems(tx, campaign, idOf, clerkOf, units);
  const settings = await loadSettings(tx, DEMO_AS_OF);
  // each month's lights as they stood at its end, then the report month's
  for (const m of ['2023-01', '2023-02', '2023-03', '2023-04']) await refreshLights(tx, settings, lastDay(m), undefined, m);
  await refreshLights(tx, settings, DEMO_AS_OF);
  return { projects: ids.length, reports: reports.length, problems };
}

/** Problems raised through the matters engine; closed ones signed, closed and accepted through it. */
async function loadProblems(tx: Tx, campaign: DemoProject[], idOf: Map<string, number>, clerkOf: Map<string, number>, units: Map<string, { id: number; path: string }>): Promise<number> {
  const sessionOf = async (userId: number): Promise<SessionUser> => {
    const r = (await tx.query<{ id: number; username: string; display_name: string; unit_id: number; role: SessionUser['role']; scope: SessionUser['scope']; unit_name: string; path: string }>(
      `select u.id, u.username, u.display_name, u.unit_id, u.role, u.scope, un.name as unit_name, un.path from users u join units un on un.id = u.unit_id where u.id = $1`,
      [userId],
    ))[0];
    if (!r) throw new Error(`demo projects: no user ${userId}`);
    return { id: r.id, username: r.username, displayName: r.display_name, unitId: r.unit_id, unitName: r.unit_name, unitPath: r.path, role: r.role, scope: r.scope, mustChangePassword: false, sessionId: 'demo', csrfToken: 'demo' };
  };
  const officeId = (await tx.query<{ id: number }>(`select id from users where username = 'project_office'`))[0]?.id;
  if (officeId === undefined) return 0;
  const office = await sessionOf(officeId);
  const city = (await tx.query<{ id: number }>(`select id from units where parent_id is null order by id limit 1`))[0]?.id as number;
  const assigner = { ...office, unitId: city };
  let n = 0;
  for (const p of campaign) {
    for (const pr of p.problems) {
      const lead = units.get(p.unit)?.id as number;
      const body = {
        source: 'project',
        major: false,
        title: pr.title,
        content: pr.content,
        sourceDoc: `${p.code} ${p.name}`.slice(0, 200),
        requirement: '',
        measures: '',
        leadUnitId: lead,
        assistUnitIds: [],
        assignedOn: pr.raisedOn,
        dueOn: pr.deadline,
        confidential: false,
        files: [],
        links: [],
        proposer: '',
        delegation: '',
        sessionName: '',
      } as unknown as CreateMatterBody;
      const { id } = await createMatterInTx(tx, at(pr.raisedOn), ACTOR(office), assigner, body);
      await tx.query(`insert into project_problems (matter_id, project_id, type, level, level_changed_on) values ($1, $2, $3, $4, $5)`, [id, idOf.get(p.code), pr.type, pr.level, pr.raisedOn]);
      if (pr.closedOn) {
        const clerk = await sessionOf(clerkOf.get(p.unit) as number);
        const step = (day: string, who: SessionUser, b: Partial<ActionBody> & { action: ActionBody['action'] }) =>
          takeActionInTx(tx, at(day, 11), ACTOR(who), who, id, { text: '', files: [], ...b } as ActionBody, lead);
        const signOn = addDays(pr.raisedOn, 1) < pr.closedOn ? addDays(pr.raisedOn, 1) : pr.raisedOn;
        await step(signOn, clerk, { action: 'sign' });
        await step(pr.closedOn, clerk, { action: 'request_closure', text: '问题已协调解决，相关手续已办结。' });
        await step(pr.closedOn, office, { action: 'accept', grade: 'good', text: '经核实，同意销号。' });
      }
      n++;
    }
  }
  return n;
}
