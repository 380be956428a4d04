/**
 * Calendar and clock use cases: the administrators' corrections to the working-day calendar, the
 * years whose official notice has been entered, and the clock profiles. One transaction each, with
 * its audit entry; every calendar change bumps the revision and lets open deadlines be recomputed
 * in the same transaction.
 */
import { recordAudit, type Actor } from '../../platform/audit.ts';
import { notFound, validationError, versionConflict, type FieldIssue } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/http/app.ts';
import type { Tx } from '../../platform/db/index.ts';
import type { ClockProfile } from '../../domain/clocks.ts';
import { onCalendarChanged } from '../matters/recompute.ts';
import * as q from './queries.ts';
import type {
  CalendarYear,
  ClockProfileRecord,
  DayChange,
  PutDayBody,
  PutYearBody,
  Recomputed,
  UpdateProfileBody,
  YearChange,
  YearNotice,
  YearWithdrawn,
} from './schema.ts';

export { loadCalendar, loadProfile, loadProfiles, calendarRevision } from './queries.ts';

export const CALENDAR_DAY = { zh: '日历调整', en: 'Calendar override' };
export const CALENDAR_NOTICE = { zh: '年度放假安排', en: 'Year notice' };
export const CLOCK_PROFILE = { zh: '时限规则', en: 'Clock profile' };

/** Every day of a year as the calendar treats it, with the year's notice if entered. */
export async function calendarYear(ctx: AppContext, year: number): Promise<CalendarYear> {
  const [calendar, notice, revision] = await Promise.all([q.loadCalendar(ctx.db), q.getYear(ctx.db, year), q.calendarRevision(ctx.db)]);
  const base = calendar.base;
  return {
    year,
    official: calendar.isOfficialYear(year),
    bundled: year >= base.firstYear && year <= base.lastYear,
    notice: notice ?? null,
    revision,
    days: calendar.year(year),
  };
}

/** Recomputes the open deadlines after a change and tells what moved. */
async function recompute(tx: Tx, now: Date): Promise<Recomputed> {
  const r = await onCalendarChanged(tx, now);
  return { checked: r.deadlines, moved: r.redated, matters: r.redatedMatters, provisionalChanged: r.movedDeadlines - r.redated };
}

/** Sets whether a day is worked (a correction of the bundled data, or a day of a newly announced year). */
export async function setDay(ctx: AppContext, actor: Actor, day: string, input: PutDayBody): Promise<DayChange> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const before = await q.getOverride(tx, day, true);
    await q.upsertOverride(tx, { day, working: input.working, name: input.name }, actor.userId, now);
    const revision = await q.bumpRevision(tx);
    const after = (await q.loadCalendar(tx)).dayInfo(day);
    await recordAudit(tx, actor, now, {
      action: 'calendar.day.set',
      entityType: 'calendar_day',
      entityId: day,
      before: before ?? null,
      after: { day, working: input.working, name: input.name, revision },
    });
    return { ...after, recomputed: await recompute(tx, now) };
  });
}

/** Removes an override: the day goes back to the bundled data or the weekday rule. */
export async function clearDay(ctx: AppContext, actor: Actor, day: string): Promise<DayChange> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const before = await q.getOverride(tx, day, true);
    if (!before) throw notFound(CALENDAR_DAY, day);
    await q.deleteOverride(tx, day);
    const revision = await q.bumpRevision(tx);
    const after = (await q.loadCalendar(tx)).dayInfo(day);
    await recordAudit(tx, actor, now, { action: 'calendar.day.clear', entityType: 'calendar_day', entityId: day, before, after: { ...after, revision } });
    return { ...after, recomputed: await recompute(tx, now) };
  });
}

/** Marks a year official: its notice has been entered (its holidays as overrides). */
export async function setYear(ctx: AppContext, actor: Actor, year: number, input: PutYearBody): Promise<YearChange> {
  const now = ctx.clock.now();
  if (input.publishedOn && Number(input.publishedOn.slice(0, 4)) > year) {
    throw validationError([{ field: 'publishedOn', message: '发布日期不能晚于所安排的年份', messageEn: 'the notice cannot be published after the year it arranges' }]);
  }
  return ctx.db.tx(async (tx) => {
    const before = await q.getYear(tx, year, true);
    await q.upsertYear(tx, { year, notice: input.notice, publishedOn: input.publishedOn ?? null }, actor.userId, now);
    const revision = await q.bumpRevision(tx);
    const after = (await q.getYear(tx, year)) as YearNotice;
    await recordAudit(tx, actor, now, { action: 'calendar.year.set', entityType: 'calendar_year', entityId: year, before: before ?? null, after: { ...after, revision } });
    return { ...after, recomputed: await recompute(tx, now) };
  });
}

/** Withdraws an entered year: its deadlines become provisional again. */
export async function clearYear(ctx: AppContext, actor: Actor, year: number): Promise<YearWithdrawn> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const before = await q.getYear(tx, year, true);
    if (!before) throw notFound(CALENDAR_NOTICE, year);
    await q.deleteYear(tx, year);
    const revision = await q.bumpRevision(tx);
    await recordAudit(tx, actor, now, { action: 'calendar.year.clear', entityType: 'calendar_year', entityId: year, before, after: { revision } });
    return { year, recomputed: await recompute(tx, now) };
  });
}

// ---------------------------------------------------------------- clock profiles

export async function getProfile(ctx: AppContext, code: string): Promise<ClockProfileRecord> {
  const p = await q.loadProfile(ctx.db, code);
  if (!p) throw notFound(CLOCK_PROFILE, code);
  return p;
}

/**
 * The steps may change their time limits and texts, not which steps there are: the matters engine
 * refers to them by code and kind.
 */
function checkSteps(before: ClockProfile['steps'], after: ClockProfile['steps']): void {
  const issues: FieldIssue[] = [];
  if (after.length !== before.length) {
    issues.push({
      field: 'steps',
      message: `步骤不能增删：应为 ${before.map((s) => s.step).join('、')}`,
      messageEn: `steps cannot be added or removed: want ${before.map((s) => s.step).join(', ')}`,
    });
  } else {
    after.forEach((s, i) => {
      const b = before[i] as ClockProfile['steps'][number];
      if (s.step !== b.step || s.kind !== b.kind || Boolean(s.major) !== Boolean(b.major) || Boolean(s.fixed) !== Boolean(b.fixed)) {
        issues.push({
          field: `steps.${i}`,
          message: `第 ${i + 1} 步应为 ${b.step}（类别 ${b.kind}${b.major ? '，重大事项' : ''}${b.fixed ? '，交办时确定' : ''}），只能修改时限和名称`,
          messageEn: `step ${i + 1} must stay ${b.step} (kind ${b.kind}${b.major ? ', major' : ''}${b.fixed ? ', fixed' : ''}); only its time limit and texts may change`,
        });
      }
    });
  }
  if (issues.length) throw validationError(issues);
}

/** Changes a clock profile (optimistic concurrency on `version`). Applies to matters assigned from now on. */
export async function updateProfile(ctx: AppContext, actor: Actor, code: string, input: UpdateProfileBody): Promise<ClockProfileRecord> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (tx) => {
    const before = await q.loadProfile(tx, code, true);
    if (!before) throw notFound(CLOCK_PROFILE, code);
    if (before.version !== input.version) throw versionConflict(before.version);
    const steps = input.steps ?? before.steps;
    if (input.steps) checkSteps(before.steps, input.steps);
    const next: ClockProfile = {
      code,
      zh: input.zh ?? before.zh,
      en: input.en ?? before.en,
      dayMode: input.dayMode ?? before.dayMode,
      shiftOffNonWorking: input.shiftOffNonWorking ?? before.shiftOffNonWorking,
      steps,
      settings: input.settings ?? before.settings,
    };
    const ok = await q.updateProfile(tx, code, input.version, next, actor.userId, now);
    if (!ok) throw versionConflict(before.version);
    const after = (await q.loadProfile(tx, code)) as ClockProfileRecord;
    await recordAudit(tx, actor, now, { action: 'clock.update', entityType: 'clock_profile', entityId: code, before, after });
    return after;
  });
}
