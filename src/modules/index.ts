/** Every capability's routes, in the order they register, and its background jobs. */
import type { Job } from '../platform/jobs.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { calendarRoutes } from './calendar/routes.ts';
import { extractRoutes } from './extract/routes.ts';
import { fileRoutes } from './files/routes.ts';
import { ledgerRoutes } from './ledger/routes.ts';
import { matterRoutes } from './matters/routes.ts';
import { matterStatsRoutes } from './matter-stats/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { NOTIFICATION_JOBS } from './notifications/service.ts';
import { orgRoutes } from './org/routes.ts';
import { projectRoutes } from './projects/routes.ts';
import { PROJECT_JOBS } from './projects/jobs.ts';
import { userRoutes } from './users/routes.ts';
import { viewRoutes } from './views/routes.ts';

export const ROUTES = [authRoutes, orgRoutes, userRoutes, auditRoutes, fileRoutes, calendarRoutes, matterRoutes, ledgerRoutes, matterStatsRoutes, notificationRoutes, extractRoutes, projectRoutes, viewRoutes];

export const JOBS: Job[] = [...NOTIFICATION_JOBS, ...PROJECT_JOBS];
