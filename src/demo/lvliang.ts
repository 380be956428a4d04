/**
 * The demo city: 吕梁市 with its 13 county-level units, the development zone, the city departments
 * of the brief (and a few sub-units), leaders with the units they are in charge of (包联), and one
 * account per role. Names of people are invented.
 */
import { recordAudit, SYSTEM_ACTOR } from '../platform/audit.ts';
import { generatePassword, hashPassword } from '../platform/auth/password.ts';
import type { Db, Queryable } from '../platform/db/index.ts';
import type { Role, Scope } from '../platform/policies.ts';
import type { UnitKind } from '../modules/org/schema.ts';
import { insertUnit } from '../modules/org/queries.ts';
import { insertUser } from '../modules/users/queries.ts';

export const CITY = { name: '吕梁市', shortName: '吕梁', regionCode: '141100' };

export const COUNTIES: { code: string | null; name: string; shortName: string; kind: UnitKind }[] = [
  { code: '141102', name: '离石区', shortName: '离石', kind: 'county' },
  { code: '141181', name: '孝义市', shortName: '孝义', kind: 'county' },
  { code: '141182', name: '汾阳市', shortName: '汾阳', kind: 'county' },
  { code: '141121', name: '文水县', shortName: '文水', kind: 'county' },
  { code: '141122', name: '交城县', shortName: '交城', kind: 'county' },
  { code: '141123', name: '兴县', shortName: '兴县', kind: 'county' },
  { code: '141124', name: '临县', shortName: '临县', kind: 'county' },
  { code: '141125', name: '柳林县', shortName: '柳林', kind: 'county' },
  { code: '141126', name: '石楼县', shortName: '石楼', kind: 'county' },
  { code: '141127', name: '岚县', shortName: '岚县', kind: 'county' },
  { code: '141128', name: '方山县', shortName: '方山', kind: 'county' },
  { code: '141129', name: '中阳县', shortName: '中阳', kind: 'county' },
  { code: '141130', name: '交口县', shortName: '交口', kind: 'county' },
  { code: null, name: '吕梁经济技术开发区', shortName: '经开区', kind: 'zone' },
];

/** City departments (市直单位) with their sub-units. */
export const DEPARTMENTS: { name: string; subunits?: string[] }[] = [
  { name: '市政府办公室', subunits: ['督查室'] },
  { name: '市发改委', subunits: ['重点项目推进中心'] },
  { name: '市财政局' },
  { name: '市统计局' },
  { name: '市生态环境局' },
  { name: '市水利局' },
  { name: '市规划和自然资源局' },
  { name: '市住建局' },
  { name: '市城市管理局' },
  { name: '市交通运输局' },
  { name: '市农业农村局' },
  { name: '市林业局' },
  { name: '市文化和旅游局' },
  { name: '市商务局' },
  { name: '市工信局' },
  { name: '市能源局' },
  { name: '市科技局' },
  { name: '市教育局' },
  { name: '市卫健委' },
  { name: '市人社局' },
  { name: '市应急管理局' },
  { name: '市市场监管局' },
  { name: '市国资委' },
  { name: '市行政审批服务管理局' },
  { name: '市大数据应用局' },
  { name: '市乡村振兴局' },
  { name: '市新区建管中心' },
];

/** Each county-level unit's own offices that report to luoshi. */
export const COUNTY_OFFICES = ['人民政府办公室', '发展和改革局'];

export const LEADERS: { name: string; title: string; charges: string[] }[] = [
  { name: '周立新', title: '市委书记', charges: [] },
  { name: '高建华', title: '市长', charges: ['市政府办公室', '市发改委', '市财政局'] },
  { name: '韩志刚', title: '常务副市长', charges: ['离石区', '孝义市', '汾阳市', '吕梁经济技术开发区', '市统计局', '市国资委', '市行政审批服务管理局'] },
  { name: '李文静', title: '副市长', charges: ['文水县', '交城县', '市工信局', '市能源局', '市商务局', '市科技局', '市大数据应用局'] },
  { name: '赵永明', title: '副市长', charges: ['兴县', '临县', '柳林县', '市住建局', '市城市管理局', '市交通运输局', '市规划和自然资源局', '市新区建管中心'] },
  { name: '孙海燕', title: '副市长', charges: ['石楼县', '岚县', '方山县', '市教育局', '市卫健委', '市人社局', '市文化和旅游局'] },
  { name: '马国栋', title: '副市长', charges: ['中阳县', '交口县', '市农业农村局', '市林业局', '市水利局', '市乡村振兴局', '市生态环境局', '市应急管理局', '市市场监管局'] },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  /** Unit name: a county, a department, or "<department>/<sub-unit>". */
  unit: string;
  /** Links the account to a leader of LEADERS. */
  leader?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', scope: 'city', unit: '市大数据应用局' },
  { username: 'leader', displayName: '高建华', role: 'leader', scope: 'city', unit: CITY.name, leader: '高建华' },
  { username: 'supervisor', displayName: '刘督查', role: 'supervisor', scope: 'city', unit: '市政府办公室/督查室' },
  { username: 'project_office', displayName: '李项目', role: 'supervisor', scope: 'city', unit: '市发改委/重点项目推进中心' },
  { username: 'lishi_head', displayName: '王审核', role: 'unit_head', scope: 'subtree', unit: '离石区' },
  { username: 'lishi_clerk', displayName: '张填报', role: 'unit_clerk', scope: 'unit', unit: '离石区/发展和改革局' },
  { username: 'viewer', displayName: '陈查看', role: 'viewer', scope: 'city', unit: '市统计局' },
  { username: 'deputy', displayName: '吴代表', role: 'deputy', scope: 'unit', unit: '离石区' },
];

export interface CreatedAccount {
  username: string;
  role: Role;
  unit: string;
  password: string;
  mustChangePassword: boolean;
}

/** A unit through the org module's own insert. */
const addUnit = (tx: Queryable, parentId: number | null, name: string, kind: UnitKind, sortOrder: number, extra: { shortName?: string; code?: string | null } = {}) =>
  insertUnit(tx, { parentId, name, shortName: extra.shortName ?? null, kind, regionCode: extra.code ?? null, sortOrder });

/** Serialises first starts (two processes on one server) and refuses a database that has an organisation. */
async function assertEmpty(tx: Queryable): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(736100102)');
  const existing = await tx.query('select 1 from units limit 1');
  if (existing.length) throw new DatabaseNotEmptyError();
}

export class DatabaseNotEmptyError extends Error {
  constructor() {
    super('数据库中已有组织机构数据，未加载演示数据。The database already holds an organisation; the demo city was not loaded.');
  }
}

/**
 * Loads the demo city into an empty database, in one transaction. `adminPassword` sets the admin's
 * password (not forced to change); every other account gets a generated one, changed at first sign-in.
 */
export async function loadDemo(db: Db, opts: { now: Date; adminPassword?: string | null }): Promise<CreatedAccount[]> {
  const passwords = DEMO_ACCOUNTS.map((a) => (a.username === 'admin' && opts.adminPassword ? opts.adminPassword : generatePassword()));
  const hashes = await Promise.all(passwords.map(hashPassword));
  return db.tx(async (tx) => {
    await assertEmpty(tx);
    const ids = new Map<string, number>();
    const root = await addUnit(tx, null, CITY.name, 'city', 0, { shortName: CITY.shortName, code: CITY.regionCode });
    ids.set(CITY.name, root);
    let sort = 10;
    for (const c of COUNTIES) {
      const id = await addUnit(tx, root, c.name, c.kind, (sort += 10), { shortName: c.shortName, code: c.code });
      ids.set(c.name, id);
      let s = 0;
      for (const office of COUNTY_OFFICES) ids.set(`${c.name}/${office}`, await addUnit(tx, id, office, 'department', (s += 10)));
    }
    for (const d of DEPARTMENTS) {
      const id = await addUnit(tx, root, d.name, 'department', (sort += 10));
      ids.set(d.name, id);
      let s = 0;
      for (const sub of d.subunits ?? []) ids.set(`${d.name}/${sub}`, await addUnit(tx, id, sub, 'subunit', (s += 10)));
    }
    const leaderIds = new Map<string, number>();
    let ls = 0;
    for (const l of LEADERS) {
      const rows = await tx.query<{ id: number }>('insert into leaders (name, title, sort_order) values ($1, $2, $3) returning id', [l.name, l.title, (ls += 10)]);
      const id = (rows[0] as { id: number }).id;
      leaderIds.set(l.name, id);
      const unitIds = l.charges.map((name) => {
        const u = ids.get(name);
        if (u === undefined) throw new Error(`demo data: leader ${l.name} is in charge of unknown unit ${name}`);
        return u;
      });
      if (unitIds.length) await tx.query('insert into leader_units (leader_id, unit_id) select $1, unnest($2::bigint[])', [id, unitIds]);
    }
    const created: CreatedAccount[] = [];
    for (const [n, a] of DEMO_ACCOUNTS.entries()) {
      const unitId = ids.get(a.unit);
      if (unitId === undefined) throw new Error(`demo data: account ${a.username} in unknown unit ${a.unit}`);
      const mustChange = !(a.username === 'admin' && opts.adminPassword);
      const userId = await insertUser(
        tx,
        { username: a.username, displayName: a.displayName, unitId, role: a.role, scope: a.scope, phone: null, passwordHash: hashes[n] as string, mustChange },
        opts.now,
      );
      if (a.leader) await tx.query('update leaders set user_id = $2 where id = $1', [leaderIds.get(a.leader), userId]);
      created.push({ username: a.username, role: a.role, unit: a.unit, password: passwords[n] as string, mustChangePassword: mustChange });
    }
    await recordAudit(tx, SYSTEM_ACTOR, opts.now, {
      action: 'demo.load',
      entityType: 'organisation',
      entityId: root,
      unitId: root,
      after: { units: ids.size, leaders: leaderIds.size, users: created.map((c) => c.username) },
    });
    return created;
  });
}

/** Without the demo: the root unit and the admin account only. */
export async function bootstrapEmpty(db: Db, opts: { now: Date; rootName: string; adminPassword?: string | null }): Promise<CreatedAccount[]> {
  const password = opts.adminPassword ?? generatePassword();
  const hash = await hashPassword(password);
  return db.tx(async (tx) => {
    await assertEmpty(tx);
    const root = await addUnit(tx, null, opts.rootName, 'city', 0);
    const mustChange = !opts.adminPassword;
    const id = await insertUser(
      tx,
      { username: 'admin', displayName: '系统管理员', unitId: root, role: 'admin', scope: 'city', phone: null, passwordHash: hash, mustChange },
      opts.now,
    );
    await recordAudit(tx, SYSTEM_ACTOR, opts.now, { action: 'user.create', entityType: 'user', entityId: id, unitId: root, after: { username: 'admin', role: 'admin', scope: 'city' } });
    return [{ username: 'admin', role: 'admin', unit: opts.rootName, password, mustChangePassword: mustChange }];
  });
}
