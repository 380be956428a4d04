/**
 * The campaign's daily job: the report month's lights, then the problem ladder — an open problem
 * past its deadline moves one level up (county → city department → leader → dispatch meeting),
 * and again each `problemEscalateDays` it stays overdue.
 */
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db/index.ts';
import type { Job } from '../../platform/jobs.ts';
import { addDays } from '../../domain/calendar.ts';
import { dayInChina } from '../../domain/matters.ts';
import { nextLevel, type ProblemLevel } from '../../domain/projects.ts';
import { insertNotifications, type NewNotification } from '../notifications/queries.ts';
import { reportDueDay } from '../../domain/projects.ts';
import { loadSettings, refreshLights } from './service.ts';

export async function escalateProblems(tx: Queryable, now: Date, everyDays: number): Promise<number> {
  const today = dayInChina(now);
  const due = await tx.query<{ matter_id: number; project_id: number; unit_id: number; level: ProblemLevel; due_on: string; level_changed_on: string | null }>(
    `select pp.matter_id, pp.project_id, p.unit_id, pp.level, to_char(m.due_on, 'YYYY-MM-DD') as due_on, to_char(pp.level_changed_on, 'YYYY-MM-DD') as level_changed_on
       from project_problems pp join matters m on m.id = pp.matter_id join projects p on p.id = pp.project_id
      where m.state <> 'closed' and m.due_on < $1 and pp.level <> 'dispatch'
      order by pp.matter_id`,
    [today],
  );
  let moved = 0;
  for (const r of due) {
    // first step the day after the deadline; then one step each `everyDays` days
    const since = r.level_changed_on && r.level_changed_on > r.due_on ? addDays(r.level_changed_on, everyDays) : addDays(r.due_on, 1);
    if (since > today) continue;
    const next = nextLevel(r.level);
    if (!next) continue;
    await tx.query(`update project_problems set level = $2, level_changed_on = $3 where matter_id = $1`, [r.matter_id, next, today]);
    await recordAudit(tx, SYSTEM_ACTOR, now, { action: 'project.problem.escalate', entityType: 'project', entityId: r.project_id, unitId: r.unit_id, before: { matterId: r.matter_id, level: r.level }, after: { matterId: r.matter_id, level: next, dueOn: r.due_on } });
    moved++;
  }
  return moved;
}

/**
 * After the report month's due day, each building project without a submitted report reminds the
 * clerks and unit heads of its department (or, without one, of its county's units): once per
 * project and month.
 */
export async function remindMissingReports(tx: Queryable, now: Date, month: string, reportDay: number): Promise<number> {
  const due = reportDueDay(month, reportDay);
  if (dayInChina(now) <= due) return 0;
  const rows = await tx.query<{ project_id: number; code: string; name: string; user_id: number }>(
    `select p.id as project_id, p.code, p.name, us.id as user_id
       from project_months pm
       join projects p on p.id = pm.project_id
       join units u on u.id = coalesce(p.dept_id, p.unit_id)
       join users us on us.unit_id = u.id and not us.disabled and us.role in ('unit_clerk', 'unit_head')
      where pm.month = $1 and pm.reported_on is null and p.active
        and (p.stage in ('new_start', 'continuing') or (p.stage = 'completed' and p.actual_finish >= $2::date))
      order by p.id, us.id`,
    [month, `${month}-01`],
  );
  const list: NewNotification[] = rows.map((r) => ({
    userId: r.user_id,
    matterId: null,
    kind: 'report_missing',
    key: `project-report:${r.project_id}:${month}`,
    title: `${r.name}（${r.code}）${month} 月度进度未报送`,
    body: `填报截止日为 ${due}，请尽快填报并提交。`,
  }));
  return insertNotifications(tx, list, now);
}

export const PROJECT_JOBS: Job[] = [
  {
    name: 'projects.daily',
    intervalMs: (config) => config.reminderMinutes * 60_000,
    run: async (tx, now) => {
      const today = dayInChina(now);
      const settings = await loadSettings(tx, today);
      const escalated = await escalateProblems(tx, now, settings.problemEscalateDays);
      const lights = await refreshLights(tx, settings, today);
      const reminded = await remindMissingReports(tx, now, settings.reportMonth, settings.reportDay);
      return { result: { escalated, reminded, ...lights } };
    },
  },
];
