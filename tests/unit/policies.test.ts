import { describe, expect, it } from 'vitest';
import { ACTIONS, POLICIES, ROLES, ROLE_SCOPES, SCOPES, can, mayGrant, permissionsOf, type Action, type Role, type Scope, type Subject } from '../../src/platform/policies.ts';

/** Who may do what: written out by hand, so a change to POLICIES must change this too. */
const EXPECTED_ROLES: Record<Action, Role[]> = {
  'org.read': ['admin', 'leader', 'supervisor', 'unit_head', 'unit_clerk', 'viewer', 'deputy'],
  'org.manage': ['admin'],
  'leader.manage': ['admin'],
  'user.read': ['admin', 'unit_head'],
  'user.manage': ['admin'],
  'user.reset_password': ['admin'],
  'audit.read': ['admin'],
  'audit.verify': ['admin'],
  'account.self': ['admin', 'leader', 'supervisor', 'unit_head', 'unit_clerk', 'viewer', 'deputy'],
  'file.upload': ['admin', 'leader', 'supervisor', 'unit_head', 'unit_clerk', 'deputy'],
  'file.read': ['admin', 'leader', 'supervisor', 'unit_head', 'unit_clerk', 'viewer', 'deputy'],
  'calendar.manage': ['admin'],
  'clock.read': ['admin', 'leader', 'supervisor', 'unit_head', 'unit_clerk', 'viewer', 'deputy'],
  'clock.manage': ['admin'],
  'matter.read': ['admin', 'leader', 'supervisor', 'unit_head', 'unit_clerk', 'viewer', 'deputy'],
  'matter.create': ['admin', 'leader', 'supervisor'],
  'matter.file': ['deputy'],
  'matter.handle': ['unit_head', 'unit_clerk'],
  'matter.review': ['admin', 'leader', 'supervisor'],
  'matter.rate': ['deputy'],
  'matter.stats': ['admin', 'leader', 'supervisor', 'unit_head', 'viewer'],
  'webhook.manage': ['admin'],
  'plan.draft': ['admin', 'leader', 'supervisor'],
  'project.read': ['admin', 'leader', 'supervisor', 'unit_head', 'unit_clerk', 'viewer'],
  'project.manage': ['admin', 'supervisor'],
  'project.report': ['unit_head', 'unit_clerk'],
  'project.confirm': ['unit_head'],
  'project.review': ['admin', 'supervisor'],
  'project.problem': ['admin', 'supervisor', 'unit_head', 'unit_clerk'],
  'project.stats': ['admin', 'leader', 'supervisor', 'unit_head', 'viewer'],
  'project.settings': ['admin', 'supervisor'],
};
const EXPECTED_SCOPED: Action[] = ['org.manage', 'leader.manage', 'user.read', 'user.manage', 'user.reset_password', 'audit.read', 'audit.verify', 'file.read', 'matter.read', 'matter.create', 'matter.handle', 'matter.review', 'matter.stats', 'webhook.manage', 'project.read', 'project.manage', 'project.report', 'project.confirm', 'project.review', 'project.problem', 'project.stats'];

// The subject sits at 离石区 (/1/2/); targets around it.
const TARGETS = {
  own: { unitId: 2, unitPath: '/1/2/' },
  below: { unitId: 5, unitPath: '/1/2/5/' },
  sibling: { unitId: 3, unitPath: '/1/3/' },
  // a path that shares the digits but not the segment: /1/22/ is not below /1/2/
  lookalike: { unitId: 22, unitPath: '/1/22/' },
  root: { unitId: 1, unitPath: '/1/' },
};
type TargetName = keyof typeof TARGETS;
const COVERS: Record<Scope, TargetName[]> = {
  unit: ['own'],
  subtree: ['own', 'below'],
  city: ['own', 'below', 'sibling', 'lookalike', 'root'],
};

describe('the policy matrix: every role × every action × every scope × in and out of scope', () => {
  it('declares exactly the actions this test knows', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED_ROLES).sort());
    expect(ACTIONS.filter((a) => POLICIES[a].scoped).sort()).toEqual([...EXPECTED_SCOPED].sort());
  });

  const cases: [Role, Scope, Action, TargetName, boolean][] = [];
  for (const role of ROLES)
    for (const scope of SCOPES)
      for (const action of Object.keys(EXPECTED_ROLES) as Action[])
        for (const t of Object.keys(TARGETS) as TargetName[]) {
          const roleOk = EXPECTED_ROLES[action].includes(role);
          const scopeOk = !EXPECTED_SCOPED.includes(action) || COVERS[scope].includes(t);
          cases.push([role, scope, action, t, roleOk && scopeOk]);
        }

  it.each(cases)('%s with scope %s: %s on the %s unit → %s', (role, scope, action, t, allowed) => {
    const subject: Subject = { role, scope, unitId: 2, unitPath: '/1/2/' };
    expect(can(subject, action, TARGETS[t])).toBe(allowed);
  });

  it('has 7 roles × 3 scopes × 31 actions × 5 targets cases', () => {
    expect(cases).toHaveLength(7 * 3 * 31 * 5);
    expect(cases.filter((c) => c[4]).length).toBeGreaterThan(100);
  });

  it('without a target, answers whether the role may do it at all', () => {
    expect(can({ role: 'unit_clerk', scope: 'unit', unitId: 2, unitPath: '/1/2/' }, 'user.read')).toBe(false);
    expect(can({ role: 'unit_head', scope: 'unit', unitId: 2, unitPath: '/1/2/' }, 'user.read')).toBe(true);
  });

  it('gives the web app each role’s permissions from the same data', () => {
    expect(permissionsOf('unit_head')).toEqual([
      'org.read', 'user.read', 'account.self', 'file.upload', 'file.read', 'clock.read', 'matter.read', 'matter.handle', 'matter.stats',
      'project.read', 'project.report', 'project.confirm', 'project.problem', 'project.stats',
    ]);
    expect(permissionsOf('viewer')).toEqual(['org.read', 'account.self', 'file.read', 'clock.read', 'matter.read', 'matter.stats', 'project.read', 'project.stats']);
    expect(permissionsOf('deputy')).not.toContain('project.read');
    expect(permissionsOf('admin')).toHaveLength(26);
    expect(permissionsOf('supervisor')).toContain('plan.draft');
    expect(permissionsOf('unit_clerk')).not.toContain('plan.draft');
  });
});

describe('granting roles', () => {
  const countyAdmin: Subject = { role: 'admin', scope: 'subtree', unitId: 2, unitPath: '/1/2/' };
  const cityAdmin: Subject = { role: 'admin', scope: 'city', unitId: 9, unitPath: '/1/9/' };
  it('nobody grants more reach than they hold', () => {
    expect(mayGrant(countyAdmin, { role: 'unit_clerk', scope: 'unit', unit: TARGETS.below })).toBe(true);
    expect(mayGrant(countyAdmin, { role: 'viewer', scope: 'subtree', unit: TARGETS.own })).toBe(true);
    expect(mayGrant(countyAdmin, { role: 'viewer', scope: 'unit', unit: TARGETS.sibling })).toBe(false);
    expect(mayGrant(countyAdmin, { role: 'viewer', scope: 'city', unit: TARGETS.own })).toBe(false);
    expect(mayGrant(cityAdmin, { role: 'supervisor', scope: 'city', unit: TARGETS.sibling })).toBe(true);
  });
  it('lists the scopes each role may hold, the default first', () => {
    expect(ROLE_SCOPES.deputy).toEqual(['unit']);
    expect(ROLE_SCOPES.admin[0]).toBe('city');
    for (const role of ROLES) expect(ROLE_SCOPES[role].length).toBeGreaterThan(0);
  });
});

describe('an entity of several units (a project: its county and its department)', () => {
  const clerk: Subject = { role: 'unit_clerk', scope: 'unit', unitId: 5, unitPath: '/1/2/5/' };
  it('is allowed when one of the units is in reach, and refused when none is', async () => {
    const { canAny } = await import('../../src/platform/policies.ts');
    expect(canAny(clerk, 'project.report', [{ unitId: 2, unitPath: '/1/2/' }, { unitId: 5, unitPath: '/1/2/5/' }])).toBe(true);
    expect(canAny(clerk, 'project.report', [{ unitId: 2, unitPath: '/1/2/' }, null])).toBe(false);
    expect(canAny(clerk, 'project.report', [null, null])).toBe(false);
    // the role still decides: a clerk never reviews
    expect(canAny(clerk, 'project.review', [{ unitId: 5, unitPath: '/1/2/5/' }])).toBe(false);
  });
});
