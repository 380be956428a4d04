import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, makeUser, type Client, type Harness } from '../support/app.ts';
import { verifyAudit, recordAudit, SYSTEM_ACTOR } from '../../src/platform/audit.ts';

let h: Harness;
let admin: Client;
beforeAll(async () => {
  h = await harness();
  admin = await h.as('admin');
});
afterAll(async () => h?.close());

const db = () => h.tdb.db;

describe('the audit log', () => {
  it('is browsed and filtered by admins within their scope', async () => {
    await makeUser(h, admin, { username: 'lishi_admin', unit: '离石区', role: 'admin', scope: 'subtree' });
    await makeUser(h, admin, { username: 'xy_viewer', unit: '孝义市', role: 'viewer', scope: 'unit' });
    const all = await admin.get('/api/audit?action=user.create');
    expect(all.status).toBe(200);
    expect(all.body.items.map((e: { after: { username: string } }) => e.after.username).sort()).toEqual(['lishi_admin', 'xy_viewer']);
    const entry = all.body.items[0];
    expect(entry).toMatchObject({ actorName: 'admin', entityType: 'user', ip: '10.1.2.3' });
    expect(entry.after.password_hash).toBeUndefined();
    const county = await h.as('lishi_admin');
    const mine = await county.get('/api/audit?action=user.create');
    expect(mine.body.items.map((e: { after: { username: string } }) => e.after.username)).toEqual(['lishi_admin']);
    expect((await (await h.as('supervisor')).get('/api/audit')).status).toBe(403);
    const byTime = await admin.get(`/api/audit?from=${encodeURIComponent(new Date(h.clock.t + 60_000).toISOString())}`);
    expect(byTime.body.total).toBe(0);
    // only a city-wide admin verifies the whole chain
    expect((await county.get('/api/audit/verify')).status).toBe(403);
    const v = await admin.get('/api/audit/verify');
    expect(v.body).toMatchObject({ ok: true, problems: [] });
    expect(v.body.checked).toBeGreaterThan(5);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(db().query(`update audit_log set actor_name = 'x' where id = 1`)).rejects.toThrow(/append-only/);
    await expect(db().query(`delete from audit_log where id = 1`)).rejects.toThrow(/append-only/);
    await expect(db().query(`truncate audit_log`)).rejects.toThrow(/append-only/);
    expect((await verifyAudit(db())).ok).toBe(true);
  });

  it('chains each row to its predecessor; verify finds an altered row and a removed one', async () => {
    const rows = await db().query<{ id: number; prev_hash: string; hash: string }>('select id, prev_hash, hash from audit_log order by id');
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(rows.map((r) => r.id)).toEqual(rows.map((_, i) => i + 1));

    // Someone with the database owner's rights switches the guard off and edits history.
    await db().query('alter table audit_log disable trigger audit_log_no_change');
    await db().query(`update audit_log set after = '{"username":"someone-else"}' where id = 3`);
    let v = await verifyAudit(db());
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([{ id: 3, kind: 'altered', message: '第 3 条记录内容被修改（row 3 was altered）' }]);

    await db().query('delete from audit_log where id = 5');
    await db().query('alter table audit_log enable trigger audit_log_no_change');
    v = await verifyAudit(db());
    expect(v.problems.map((p) => [p.id, p.kind])).toEqual([
      [3, 'altered'],
      [6, 'missing'],
      [6, 'broken_link'],
    ]);
  });
});

describe('appending under concurrency', () => {
  it('keeps one unbroken chain when many transactions append at once', async () => {
    const fresh = await harness();
    try {
      const at = fresh.clock.now();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          fresh.tdb.db.tx(async (tx) => {
            await recordAudit(tx, SYSTEM_ACTOR, at, { action: 'demo.load', entityType: 'test', entityId: i });
            await tx.query('select pg_sleep(0.005)');
          }),
        ),
      );
      const v = await verifyAudit(fresh.tdb.db);
      expect(v.ok).toBe(true);
      const n = await fresh.tdb.db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'demo.load' and entity_type = 'test'`);
      expect(n[0]?.n).toBe(40);
    } finally {
      await fresh.close();
    }
  });
});
