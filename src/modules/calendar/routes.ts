import { z } from 'zod';
import { actorOf, authorize, type App, type AppContext } from '../../platform/http/app.ts';
import * as q from './queries.ts';
import {
  CalendarQuery,
  CalendarYear,
  ClockProfile,
  DayChange,
  DayParams,
  ProfileParams,
  PutDayBody,
  PutYearBody,
  UpdateProfileBody,
  YearChange,
  YearParams,
  YearWithdrawn,
} from './schema.ts';
import * as service from './service.ts';

/** The current year in China (UTC+8), the default year shown. */
const chinaYear = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();

export function calendarRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/calendar',
    { schema: { tags: ['calendar'], summary: '工作日历（一年） Working-day calendar of a year', querystring: CalendarQuery, response: { 200: CalendarYear } } },
    async (req) => {
      authorize(req, 'clock.read');
      return service.calendarYear(ctx, req.query.year ?? chinaYear(ctx.clock.now()));
    },
  );

  app.put(
    '/api/calendar/days/:day',
    { schema: { tags: ['calendar'], summary: '设置某日是否上班 Set whether a day is worked', params: DayParams, body: PutDayBody, response: { 200: DayChange } } },
    async (req) => {
      authorize(req, 'calendar.manage');
      return service.setDay(ctx, actorOf(req), req.params.day, req.body);
    },
  );

  app.delete(
    '/api/calendar/days/:day',
    { schema: { tags: ['calendar'], summary: '撤销某日的调整 Remove a day override', params: DayParams, response: { 200: DayChange } } },
    async (req) => {
      authorize(req, 'calendar.manage');
      return service.clearDay(ctx, actorOf(req), req.params.day);
    },
  );

  app.put(
    '/api/calendar/years/:year',
    { schema: { tags: ['calendar'], summary: '录入年度放假安排 Enter a year’s official notice', params: YearParams, body: PutYearBody, response: { 200: YearChange } } },
    async (req) => {
      authorize(req, 'calendar.manage');
      return service.setYear(ctx, actorOf(req), req.params.year, req.body);
    },
  );

  app.delete(
    '/api/calendar/years/:year',
    { schema: { tags: ['calendar'], summary: '撤销年度放假安排 Withdraw a year’s notice', params: YearParams, response: { 200: YearWithdrawn } } },
    async (req) => {
      authorize(req, 'calendar.manage');
      return service.clearYear(ctx, actorOf(req), req.params.year);
    },
  );

  app.get('/api/clock-profiles', { schema: { tags: ['calendar'], summary: '时限规则 Clock profiles', response: { 200: z.array(ClockProfile) } } }, async (req) => {
    authorize(req, 'clock.read');
    return q.loadProfiles(ctx.db);
  });

  app.get(
    '/api/clock-profiles/:code',
    { schema: { tags: ['calendar'], summary: '时限规则 Clock profile', params: ProfileParams, response: { 200: ClockProfile } } },
    async (req) => {
      authorize(req, 'clock.read');
      return service.getProfile(ctx, req.params.code);
    },
  );

  app.put(
    '/api/clock-profiles/:code',
    { schema: { tags: ['calendar'], summary: '修改时限规则 Update a clock profile', params: ProfileParams, body: UpdateProfileBody, response: { 200: ClockProfile } } },
    async (req) => {
      authorize(req, 'clock.manage');
      return service.updateProfile(ctx, actorOf(req), req.params.code, req.body);
    },
  );
}
