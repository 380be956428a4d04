import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, harness, PASSWORD, type Harness } from '../support/app.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

describe('sign-in', () => {
  it('answers 200 with the user and an httpOnly SameSite session cookie; /api/me then returns the user', async () => {
    const c = h.client();
    const r = await c.login('admin', ADMIN_PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body.user.username).toBe('admin');
    expect(r.body.user.role).toBe('admin');
    expect(r.body.user.unit.name).toBe('市大数据应用局');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/luoshi_sid=[A-Za-z0-9_-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await c.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');
    // sign-in answers with exactly the user (and CSRF token) the session then resolves to
    expect(r.body.user).toEqual(me.body);
    expect(me.body.permissions).toContain('user.manage');
  });

  it('stores the session token only as a hash and the password as argon2id', async () => {
    const c = h.client();
    await c.login('admin', ADMIN_PASSWORD);
    const token = c.cookies.get('luoshi_sid') as string;
    const rows = await h.tdb.db.query<{ id: string }>('select id from sessions');
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
    const [u] = await h.tdb.db.query<{ password_hash: string }>(`select password_hash from users where username = 'admin'`);
    expect(u?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('answers 401 without a session', async () => {
    const r = await h.client().get('/api/me');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('AUTH_REQUIRED');
  });

  it('answers 401 for a wrong password and for an unknown user alike, and logs both', async () => {
    const wrong = await h.client().login('viewer', 'Nope#12345');
    const unknown = await h.client().login('nobody', 'Nope#12345');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    const rows = await h.tdb.db.query<{ actor_name: string; ip: string }>(`select actor_name, ip from audit_log where action = 'auth.login_failed' order by id`);
    expect(rows.map((r) => r.actor_name)).toEqual(expect.arrayContaining(['viewer', 'nobody']));
    expect(rows[0]?.ip).toBe('10.1.2.3');
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password, then lets it in', async () => {
    const c = h.client();
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await c.login('deputy', `Wrong#pass${i}`)).status);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    const locked = await c.login('deputy', PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('AUTH_LOCKED');
    const until = Date.parse(locked.body.error.details.lockedUntil);
    expect(until - h.clock.now().getTime()).toBe(15 * 60_000);
    h.clock.advance(14);
    expect((await c.login('deputy', PASSWORD)).status).toBe(423);
    h.clock.advance(1.01);
    const ok = await c.login('deputy', PASSWORD);
    expect(ok.status).toBe(200);
    const [row] = await h.tdb.db.query<{ failed_logins: number; locked_until: Date | null }>(`select failed_logins, locked_until from users where username = 'deputy'`);
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('a success resets the failure count', async () => {
    const c = h.client();
    for (let i = 0; i < 4; i++) await c.login('lishi_head', 'Wrong#pass1');
    expect((await c.login('lishi_head', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await c.login('lishi_head', 'Wrong#pass1')).status).toBe(401);
    expect((await c.login('lishi_head', PASSWORD)).status).toBe(200);
  });

  it('refuses a disabled account with 403 after the right password only', async () => {
    await h.tdb.db.query(`update users set disabled = true where username = 'supervisor'`);
    expect((await h.client().login('supervisor', 'Wrong#pass1')).status).toBe(401);
    const r = await h.client().login('supervisor', PASSWORD);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('AUTH_DISABLED');
    await h.tdb.db.query(`update users set disabled = false where username = 'supervisor'`);
  });
});

describe('sessions', () => {
  it('end after 30 idle minutes with SESSION_EXPIRED; activity keeps them alive', async () => {
    const c = await h.as('viewer');
    h.clock.advance(29);
    expect((await c.get('/api/me')).status).toBe(200);
    h.clock.advance(29);
    expect((await c.get('/api/units')).status).toBe(200);
    h.clock.advance(30.1);
    const r = await c.get('/api/me');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('SESSION_EXPIRED');
    // the session row is gone, and a second request says AUTH_REQUIRED (the cookie was cleared)
    expect(c.cookies.has('luoshi_sid')).toBe(false);
  });

  it('logout ends the session', async () => {
    const c = await h.as('viewer');
    const cookie = c.cookies.get('luoshi_sid');
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    c.cookies.set('luoshi_sid', cookie as string);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('a user lists and ends all their sessions', async () => {
    const a = await h.as('leader');
    const b = await h.as('leader');
    const list = await a.get('/api/me/sessions');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThanOrEqual(2);
    expect(list.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const keep = await a.post('/api/me/sessions/revoke-all', { keepCurrent: true });
    expect(keep.body.revoked).toBeGreaterThanOrEqual(1);
    expect((await b.get('/api/me')).status).toBe(401);
    expect((await a.get('/api/me')).status).toBe(200);
    const all = await a.post('/api/me/sessions/revoke-all', { keepCurrent: false });
    expect(all.body.revoked).toBe(1);
    expect((await a.get('/api/me')).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token, or with a wrong one', async () => {
    const c = await h.as('leader');
    const none = await c.post('/api/me/sessions/revoke-all', { keepCurrent: true }, { 'x-csrf-token': '' });
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe('CSRF');
    const wrong = await c.post('/api/me/sessions/revoke-all', { keepCurrent: true }, { 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    expect((await c.get('/api/me')).status).toBe(200);
  });

  it('refuses a cross-site sign-in and a form-encoded one', async () => {
    const c = h.client();
    const cross = await c.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD }, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.body.error.code).toBe('CSRF');
    const form = await c.request('POST', '/api/auth/login', 'username=admin&password=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('bad input', () => {
  it('malformed JSON gets MALFORMED_JSON', async () => {
    const r = await h.client().request('POST', '/api/auth/login', '{"username": "admin",', { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('MALFORMED_JSON');
  });

  it('unknown and missing fields are named, in Chinese and English', async () => {
    const r = await h.client().post('/api/auth/login', { username: 'admin', pass: 'x' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION');
    const issues = r.body.error.details.issues as { field: string; message: string; messageEn: string }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'password', message: '必填', messageEn: 'Required' },
        { field: 'pass', message: '不允许的字段：pass', messageEn: 'Unknown field(s): pass' },
      ]),
    );
  });

  it('an oversized body gets PAYLOAD_TOO_LARGE', async () => {
    const r = await h.client().post('/api/auth/login', { username: 'admin', password: 'x'.repeat(1100 * 1024) });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an unknown endpoint is 404 for a signed-in user and 401 for anyone else', async () => {
    const c = await h.as('viewer');
    const r = await c.get('/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
    expect((await h.client().get('/api/nothing-here')).status).toBe(401);
  });
});

describe('passwords', () => {
  it('an admin reset forces a change at the next sign-in; nothing else works until then', async () => {
    const admin = await h.as('admin');
    const clerkSession = await h.as('lishi_clerk');
    const reset = await admin.post(`/api/users/${h.ids.users.get('lishi_clerk')}/reset-password`);
    expect(reset.status).toBe(200);
    const temp = reset.body.temporaryPassword as string;
    expect(temp).toHaveLength(16);
    // the reset ended the user's sessions
    expect((await clerkSession.get('/api/me')).status).toBe(401);
    expect((await h.client().login('lishi_clerk', PASSWORD)).status).toBe(401);

    const c = h.client();
    const r = await c.login('lishi_clerk', temp);
    expect(r.status).toBe(200);
    expect(r.body.user.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/units');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await c.post('/api/me/password', { currentPassword: temp, newPassword: 'abcdefg' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('PASSWORD_POLICY');
    expect(weak.body.error.details.issues.map((i: { message: string }) => i.message)).toEqual([
      '至少 8 个字符',
      '须包含大写字母、小写字母、数字、符号中的至少 3 类',
    ]);
    const wrongCurrent = await c.post('/api/me/password', { currentPassword: 'Nope#1234', newPassword: 'Better#2026x' });
    expect(wrongCurrent.body.error.code).toBe('PASSWORD_WRONG');
    const same = await c.post('/api/me/password', { currentPassword: temp, newPassword: temp });
    expect(same.body.error.code).toBe('PASSWORD_POLICY');

    expect((await c.post('/api/me/password', { currentPassword: temp, newPassword: 'Better#2026x' })).status).toBe(204);
    expect((await c.get('/api/me')).body.mustChangePassword).toBe(false);
    expect((await c.get('/api/units')).status).toBe(200);
    expect((await h.client().login('lishi_clerk', 'Better#2026x')).status).toBe(200);
  });
});
