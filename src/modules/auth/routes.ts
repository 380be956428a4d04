import { z } from 'zod';
import { actorOf, clearSessionCookie, requireUser, setSessionCookie, type App, type AppContext } from '../../platform/http/app.ts';
import { ChangePasswordBody, LoginBody, LoginResult, Me, RevokeSessionsBody, SessionInfo } from './schema.ts';
import * as service from './service.ts';

export function authRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/auth/login',
    { config: { auth: 'public' }, schema: { tags: ['auth'], summary: '登录 Sign in', body: LoginBody, response: { 200: LoginResult } } },
    async (req, reply) => {
      const { token, user } = await service.login(ctx, req.body, { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });
      setSessionCookie(reply, ctx.config, token);
      return { user: service.presentMe(user, ctx.config.sessionIdleMinutes) };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { auth: 'session' }, schema: { tags: ['auth'], summary: '退出登录 Sign out' } },
    async (req, reply) => {
      await service.logout(ctx, requireUser(req), actorOf(req));
      clearSessionCookie(reply, ctx.config);
      return reply.status(204).send();
    },
  );

  app.get('/api/me', { config: { auth: 'session' }, schema: { tags: ['auth'], summary: '当前用户 Current user', response: { 200: Me } } }, async (req) =>
    service.presentMe(requireUser(req), ctx.config.sessionIdleMinutes),
  );

  app.post(
    '/api/me/password',
    { config: { auth: 'session' }, schema: { tags: ['auth'], summary: '修改本人密码 Change own password', body: ChangePasswordBody } },
    async (req, reply) => {
      await service.changePassword(ctx, requireUser(req), actorOf(req), req.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me/sessions',
    { config: { auth: 'session' }, schema: { tags: ['auth'], summary: '本人会话 Own sessions', response: { 200: z.array(SessionInfo) } } },
    async (req) => service.listOwnSessions(ctx, requireUser(req)),
  );

  app.post(
    '/api/me/sessions/revoke-all',
    {
      config: { auth: 'session' },
      schema: { tags: ['auth'], summary: '结束本人全部会话 End all own sessions', body: RevokeSessionsBody.optional(), response: { 200: z.object({ revoked: z.number().int() }) } },
    },
    async (req, reply) => {
      const keepCurrent = req.body?.keepCurrent ?? false;
      const revoked = await service.revokeOwnSessions(ctx, requireUser(req), actorOf(req), keepCurrent);
      if (!keepCurrent) clearSessionCookie(reply, ctx.config);
      return { revoked };
    },
  );
}
