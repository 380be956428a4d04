/**
 * The HTTP application: one Fastify instance with the request pipeline every route shares —
 * security headers → session → authentication → CSRF → validation (zod) → handler — and the one
 * place where errors become HTTP responses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Clock, Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { AppError, ERROR_MESSAGES } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { CSRF_HEADER, csrfMatches, resolveSession, SESSION_COOKIE, type SessionUser } from '../auth/sessions.ts';
import { can, canAny, type Action, type Target } from '../policies.ts';
import type { Actor } from '../audit.ts';
import { version as appVersion } from '../version.ts';

export interface AppContext {
  db: Db;
  config: Config;
  clock: Clock;
}

/**
 * Who may call a route: `public` (anyone), `session` (signed in, even before the forced password
 * change), `user` (signed in and done with any forced change; the default under /api).
 */
export type AuthLevel = 'public' | 'session' | 'user';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthLevel;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

export type App = FastifyInstance<
  import('http').Server,
  import('http').IncomingMessage,
  import('http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The signed-in user, or AUTH_REQUIRED (routes at level `user`/`session` always have one). */
export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('AUTH_REQUIRED');
  return req.user;
}

/** The one authorization gate every route passes: the role may do the action on that target. */
export function authorize(req: FastifyRequest, action: Action, target?: Target): SessionUser {
  const user = requireUser(req);
  if (!can(user, action, target)) throw new AppError('FORBIDDEN');
  return user;
}

/** Authorizes an action on an entity that belongs to several units: one of them in reach suffices. */
export function authorizeAny(req: FastifyRequest, action: Action, targets: readonly (Target | null)[]): SessionUser {
  const user = requireUser(req);
  if (!canAny(user, action, targets)) throw new AppError('FORBIDDEN');
  return user;
}

export function actorOf(req: FastifyRequest): Actor {
  return { userId: req.user?.id ?? null, username: req.user?.username ?? null, ip: req.ip ?? null };
}

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/** Maps anything thrown to the one error model. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number; constraint?: string; detail?: string; message?: string; validation?: unknown };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', {
        message: '请求内容类型须为 application/json',
        messageEn: 'The request body must be application/json',
      });
    case 'FST_FILES_LIMIT':
      return new AppError('VALIDATION', { message: '一次只能上传一个文件', messageEn: 'Upload one file at a time' });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '上传文件须使用 multipart/form-data', messageEn: 'Uploads must be multipart/form-data' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON', { message: '请求体为空，应为 JSON', messageEn: 'The body is empty; JSON expected' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('MALFORMED_JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('VALIDATION', { message: 'Content-Length 与请求体不符', messageEn: 'Content-Length does not match the body' });
    case '23505':
      return new AppError('CONFLICT', { details: { constraint: e.constraint } });
    case '23503':
      return new AppError('IN_USE', { details: { constraint: e.constraint } });
    case '23514':
      return new AppError('VALIDATION', { details: { constraint: e.constraint } });
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', { message: '并发冲突，请重试', messageEn: 'Concurrent update; please retry' });
    case 'ECONNREFUSED':
    case '57P01':
    case '57P03':
      return new AppError('DATABASE_UNAVAILABLE');
  }
  if (err instanceof SyntaxError && e.statusCode === 400) return new AppError('MALFORMED_JSON');
  if (e.statusCode === 404) return new AppError('NOT_FOUND');
  return new AppError('INTERNAL');
}

export async function buildApp(ctx: AppContext, routes: ((app: App, ctx: AppContext) => void)[]): Promise<App> {
  const { config } = ctx;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(({ schema }) => (data) => {
    try {
      return { value: parseInput(schema as z.ZodType, data) };
    } catch (error) {
      return { error: error as Error };
    }
  });
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('user', null);

  app.setErrorHandler((err, req, reply) => {
    const appErr = toAppError(err);
    if (appErr.code === 'INTERNAL') req.log.error({ err }, 'unhandled error');
    if (appErr.code === 'SESSION_EXPIRED' || appErr.code === 'AUTH_REQUIRED') clearSessionCookie(reply, config);
    void reply.status(appErr.status).send(appErr.toJSON());
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10, parts: 12 }, throwFileSizeLimit: true, preservePath: true });
  await app.register(swagger, {
    openapi: {
      info: { title: 'luoshi API', description: '落实 — 督查落实平台 API', version: appVersion },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('X-Content-Type-Options', 'nosniff');
    void reply.header('X-Frame-Options', 'DENY');
    void reply.header('Referrer-Policy', 'same-origin');
    if (!req.url.startsWith('/api/docs')) void reply.header('Content-Security-Policy', CSP);
    if (req.url.startsWith('/api/')) void reply.header('Cache-Control', 'no-store');

    const isApi = req.url.startsWith('/api/') && !req.url.startsWith('/api/docs');
    const level: AuthLevel = req.routeOptions.config?.auth ?? (isApi ? 'user' : 'public');
    const token = req.cookies[SESSION_COOKIE];
    let expired = false;
    if (token) {
      const found = await resolveSession(ctx.db, token, ctx.clock.now(), config.sessionIdleMinutes);
      if (found.status === 'ok') req.user = found.user;
      else {
        expired = found.status === 'expired';
        clearSessionCookie(reply, config);
      }
    }
    const unsafe = UNSAFE.has(req.method);
    if (level === 'public') {
      // Login and other public writes: refuse cross-site form posts (no session token to check yet).
      if (unsafe && crossSite(req)) throw new AppError('CSRF');
      return;
    }
    if (!req.user) throw new AppError(expired ? 'SESSION_EXPIRED' : 'AUTH_REQUIRED');
    if (unsafe && !csrfMatches(req.user.csrfToken, headerValue(req.headers[CSRF_HEADER]))) throw new AppError('CSRF');
    if (level === 'user' && req.user.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  });

  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await ctx.db.query('select 1');
      return { status: 'ok', database: ctx.db.kind, version: appVersion };
    } catch {
      return reply.status(503).send({ status: 'error', database: ctx.db.kind, version: appVersion });
    }
  });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());

  for (const register of routes) register(app, ctx);

  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: true,
      index: false,
      cacheControl: false,
      // Vite names assets by content hash: they never change under one name.
      setHeaders: (res, file) => {
        if (file.includes(`${path.sep}assets${path.sep}`)) void (res as unknown as FastifyReply).header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    });
    app.get('/', { config: { auth: 'public' }, schema: { hide: true } }, (_req, reply) => reply.header('Cache-Control', 'no-cache').sendFile('index.html'));
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') {
      const e = new AppError('NOT_FOUND', { message: `${ERROR_MESSAGES.NOT_FOUND.zh}：${req.method} ${req.url.split('?')[0]}`, messageEn: `No such endpoint: ${req.method} ${req.url.split('?')[0]}` });
      return reply.status(404).send(e.toJSON());
    }
    if (hasWeb) {
      const file = req.url.split('?')[0] ?? '/';
      if (/^\/assets\//.test(file)) return reply.status(404).send('not found');
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return reply
      .type('text/plain; charset=utf-8')
      .send('luoshi: the web app is not built yet. Run `npm run build`, then reload.\n网页端尚未构建：请运行 npm run build 后刷新。');
  });

  return app;
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function crossSite(req: FastifyRequest): boolean {
  const site = headerValue(req.headers['sec-fetch-site']);
  if (site === 'cross-site') return true;
  const origin = headerValue(req.headers.origin);
  if (!origin || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: config.secureCookies });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: config.secureCookies });
}
