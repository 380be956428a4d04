/**
 * An in-process luoshi on a fresh test database with the demo city loaded, a clock the test moves,
 * and a client that keeps cookies and sends the CSRF token like the web app does.
 */
import { loadConfig, type Clock } from '../../src/platform/config.ts';
import { createApp } from '../../src/platform/runtime.ts';
import { loadDemo } from '../../src/demo/lvliang.ts';
import type { App } from '../../src/platform/http/app.ts';
import { freshDb, type TestDb } from './db.ts';

export const ADMIN_PASSWORD = 'Admin#2026pass';
/** Every demo account's password in tests (the forced change is cleared for all but `forced`). */
export const PASSWORD = 'Demo#2026pass';

export class TestClock implements Clock {
  t = Date.parse('2026-03-02T09:00:00+08:00');
  now(): Date {
    return new Date(this.t);
  }
  advance(minutes: number): void {
    this.t += minutes * 60_000;
  }
}

export interface Harness {
  app: App;
  tdb: TestDb;
  clock: TestClock;
  ids: { units: Map<string, number>; users: Map<string, number> };
  client(): Client;
  /** A client signed in as `username`. */
  as(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export class Client {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  ip = '10.1.2.3';
  constructor(private app: App) {}

  async request<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload: string | Buffer | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await this.app.inject({ method: method as 'GET', url, payload, headers: h, remoteAddress: this.ip });
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = c.split(';');
      const [k, v] = (pair as string).split('=');
      if (!v || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k as string);
      else this.cookies.set(k as string, v);
    }
    let parsed: unknown = res.body;
    if (String(res.headers['content-type'] ?? '').includes('json') && res.body) parsed = JSON.parse(res.body);
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }
  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', url, body ?? {}, headers);
  }
  patch<T = any>(url: string, body: unknown) {
    return this.request<T>('PATCH', url, body);
  }
  put<T = any>(url: string, body: unknown) {
    return this.request<T>('PUT', url, body);
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }
  /** A multipart form (text fields and one file in field `file`) posted to `url`. */
  async upload<T = any>(url: string, file: { name: string; content: Buffer }, fields: Record<string, string> = {}): Promise<Res<T>> {
    const boundary = '----luoshi' + Math.random().toString(16).slice(2);
    const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    const payload = Buffer.concat([...parts, head, file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return this.request<T>('POST', url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }
  async login(username: string, password: string): Promise<Res> {
    const r = await this.post('/api/auth/login', { username, password });
    if (r.status === 200) this.csrf = r.body.user.csrfToken;
    return r;
  }
}

export async function harness(env: Record<string, string> = {}): Promise<Harness> {
  const tdb = await freshDb();
  const clock = new TestClock();
  const config = loadConfig({ LUOSHI_LOG_LEVEL: 'silent', LUOSHI_DATA_DIR: '/nonexistent', ...env });
  await loadDemo(tdb.db, { now: clock.now(), adminPassword: ADMIN_PASSWORD });
  // Known passwords for the demo accounts; no forced change except where a test asks for it.
  const { hashPassword } = await import('../../src/platform/auth/password.ts');
  const hash = await hashPassword(PASSWORD);
  await tdb.db.query(`update users set password_hash = $1, must_change_password = false where username <> 'admin'`, [hash]);
  await tdb.db.query(`update users set must_change_password = false`);
  const app = await createApp(tdb.db, config, clock);
  await app.ready();
  const units = new Map<string, number>();
  for (const r of await tdb.db.query<{ id: number; name: string; parent: string | null }>(
    'select u.id, u.name, p.name as parent from units u left join units p on p.id = u.parent_id',
  )) {
    units.set(r.parent && r.parent !== '吕梁市' ? `${r.parent}/${r.name}` : r.name, r.id);
  }
  const users = new Map<string, number>();
  for (const r of await tdb.db.query<{ id: number; username: string }>('select id, username from users')) users.set(r.username, r.id);
  return {
    app,
    tdb,
    clock,
    ids: { units, users },
    client: () => new Client(app),
    async as(username, password) {
      const c = new Client(app);
      const r = await c.login(username, password ?? (username === 'admin' ? ADMIN_PASSWORD : PASSWORD));
      if (r.status !== 200) throw new Error(`login as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return c;
    },
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}

/** Creates a user directly through the API as `admin` and returns its id. */
export async function makeUser(h: Harness, admin: Client, u: { username: string; unit: string; role: string; scope: string }): Promise<number> {
  const unitId = h.ids.units.get(u.unit);
  if (!unitId) throw new Error(`no unit ${u.unit}`);
  const r = await admin.post('/api/users', { username: u.username, displayName: u.username, unitId, role: u.role, scope: u.scope, password: PASSWORD });
  if (r.status !== 201) throw new Error(`create ${u.username}: ${r.status} ${JSON.stringify(r.body)}`);
  await h.tdb.db.query('update users set must_change_password = false where id = $1', [r.body.user.id]);
  h.ids.users.set(u.username, r.body.user.id);
  return r.body.user.id;
}
