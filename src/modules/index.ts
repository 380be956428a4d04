/** Every capability's routes, in the order they register. */
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { fileRoutes } from './files/routes.ts';
import { orgRoutes } from './org/routes.ts';
import { userRoutes } from './users/routes.ts';

export const ROUTES = [authRoutes, orgRoutes, userRoutes, auditRoutes, fileRoutes];
