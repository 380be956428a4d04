/**
 * Authorization policies: the single declaration of who may do what, and where.
 *
 * Pure data and pure functions, imported by the server (every route authorizes
 * through `can`) and by the web app (which hides what the user may not do).
 *
 * A user holds one role and one scope. The scope is relative to the user's own unit:
 *  - `unit`    the user's own unit only;
 *  - `subtree` the user's unit and every unit below it;
 *  - `city`    every unit.
 * A scoped action names a target unit; it is allowed when the role may do the action
 * and the target lies inside the user's reach. An unscoped action needs the role alone.
 */

export const ROLES = ['admin', 'leader', 'supervisor', 'unit_head', 'unit_clerk', 'viewer', 'deputy'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['unit', 'subtree', 'city'] as const;
export type Scope = (typeof SCOPES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  leader: { zh: '领导', en: 'Leader' },
  supervisor: { zh: '督查人员', en: 'Supervisor' },
  unit_head: { zh: '单位审核人', en: 'Unit head (reviewer)' },
  unit_clerk: { zh: '单位填报员', en: 'Unit clerk (reporter)' },
  viewer: { zh: '查看人员', en: 'Viewer' },
  deputy: { zh: '人大代表/政协委员', en: 'Deputy / CPPCC member' },
};

export const SCOPE_LABELS: Record<Scope, { zh: string; en: string }> = {
  unit: { zh: '本单位', en: 'Own unit' },
  subtree: { zh: '本单位及下级', en: 'Own unit and below' },
  city: { zh: '全市', en: 'City-wide' },
};

/** The scopes each role may be given (the first is the default). */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  admin: ['city', 'subtree'],
  leader: ['city', 'subtree'],
  supervisor: ['city', 'subtree'],
  unit_head: ['subtree', 'unit'],
  unit_clerk: ['unit', 'subtree'],
  viewer: ['unit', 'subtree', 'city'],
  deputy: ['unit'],
};

export interface ActionPolicy {
  /** Roles that may perform the action. */
  roles: readonly Role[];
  /** Whether the action targets a unit that must be inside the user's scope. */
  scoped: boolean;
  zh: string;
  en: string;
}

const ALL: readonly Role[] = ROLES;

export const POLICIES = {
  'org.read': { roles: ALL, scoped: false, zh: '查看组织机构', en: 'View the organisation' },
  'org.manage': { roles: ['admin'], scoped: true, zh: '管理组织机构', en: 'Manage units' },
  'leader.manage': { roles: ['admin'], scoped: true, zh: '管理领导及包联', en: 'Manage leaders and their charges' },
  'user.read': { roles: ['admin', 'unit_head'], scoped: true, zh: '查看用户', en: 'View users' },
  'user.manage': { roles: ['admin'], scoped: true, zh: '管理用户', en: 'Manage users' },
  'user.reset_password': { roles: ['admin'], scoped: true, zh: '重置密码', en: 'Reset passwords' },
  'audit.read': { roles: ['admin'], scoped: true, zh: '查看审计日志', en: 'Browse the audit log' },
  'audit.verify': { roles: ['admin'], scoped: true, zh: '校验审计日志', en: 'Verify the audit log' },
  'account.self': { roles: ALL, scoped: false, zh: '管理本人账户', en: 'Manage own account' },
  // Uploads belong to the uploader's own unit, so only the role matters; reading follows the file's unit.
  'file.upload': { roles: ['admin', 'leader', 'supervisor', 'unit_head', 'unit_clerk', 'deputy'], scoped: false, zh: '上传文件', en: 'Upload files' },
  'file.read': { roles: ALL, scoped: true, zh: '查看文件', en: 'Read files' },
  // The working-day calendar and the clock profiles are city-wide settings: the role alone decides.
  'calendar.manage': { roles: ['admin'], scoped: false, zh: '管理工作日历', en: 'Manage the working-day calendar' },
  'clock.read': { roles: ALL, scoped: false, zh: '查看工作日历和时限规则', en: 'View the calendar and clock profiles' },
  'clock.manage': { roles: ['admin'], scoped: false, zh: '管理时限规则', en: 'Manage clock profiles' },
  // Supervised matters. The target of each is a unit of the matter: the lead or assisting unit for
  // handling, the assigning unit for assigning and review; reading needs any involved unit in reach.
  'matter.read': { roles: ALL, scoped: true, zh: '查看督办事项', en: 'View supervised matters' },
  'matter.create': { roles: ['admin', 'leader', 'supervisor'], scoped: true, zh: '登记交办督办事项', en: 'Register and assign matters' },
  'matter.file': { roles: ['deputy'], scoped: false, zh: '提交建议提案', en: 'File suggestions and proposals' },
  'matter.handle': { roles: ['unit_head', 'unit_clerk'], scoped: true, zh: '承办督办事项', en: 'Handle matters' },
  'matter.review': { roles: ['admin', 'leader', 'supervisor'], scoped: true, zh: '审核督办事项', en: 'Review matters' },
  'matter.rate': { roles: ['deputy'], scoped: false, zh: '评价答复', en: 'Rate replies' },
  'matter.stats': { roles: ['admin', 'leader', 'supervisor', 'unit_head', 'viewer'], scoped: true, zh: '督办统计', en: 'Matter statistics' },
  // A unit's group robots (DingTalk, WeCom) and email: the target is the unit.
  'webhook.manage': { roles: ['admin'], scoped: true, zh: '管理单位消息推送', en: "Manage a unit's webhooks" },
  // Drafting a task decomposition (任务分解) from a report is city-wide planning work; nothing is stored.
  'plan.draft': { roles: ['admin', 'leader', 'supervisor'], scoped: false, zh: '从报告分解任务', en: 'Draft task decompositions from reports' },
  // Major projects (千项千亿). The target is the project's county-level unit or its responsible
  // department: either in reach admits (a county's clerks and a city department's clerks both report).
  'project.read': { roles: ['admin', 'leader', 'supervisor', 'unit_head', 'unit_clerk', 'viewer'], scoped: true, zh: '查看重点项目', en: 'View major projects' },
  'project.manage': { roles: ['admin', 'supervisor'], scoped: true, zh: '管理重点项目库', en: 'Manage the project registry' },
  'project.report': { roles: ['unit_head', 'unit_clerk'], scoped: true, zh: '填报项目月度进度', en: 'Fill in monthly project reports' },
  'project.confirm': { roles: ['unit_head'], scoped: true, zh: '确认本单位项目月报', en: "Confirm the unit's monthly reports" },
  'project.review': { roles: ['admin', 'supervisor'], scoped: true, zh: '审核项目月报', en: 'Review monthly project reports' },
  'project.problem': { roles: ['admin', 'supervisor', 'unit_head', 'unit_clerk'], scoped: true, zh: '提出项目问题', en: 'Raise project problems' },
  'project.stats': { roles: ['admin', 'leader', 'supervisor', 'unit_head', 'viewer'], scoped: true, zh: '项目统计与通报', en: 'Project figures and bulletins' },
  // The campaign's settings (report month, thresholds, the bulletin's issuer) are city-wide.
  'project.settings': { roles: ['admin', 'supervisor'], scoped: false, zh: '项目调度设置', en: 'Campaign settings' },
} as const satisfies Record<string, ActionPolicy>;

export type Action = keyof typeof POLICIES;
export const ACTIONS = Object.keys(POLICIES) as Action[];

/** What the policy needs to know of a user. */
export interface Subject {
  role: Role;
  scope: Scope;
  unitId: number;
  /** Materialised path of the user's unit, e.g. "/1/5/". */
  unitPath: string;
}

/** What the policy needs to know of a target: the unit it belongs to. */
export interface Target {
  unitId: number;
  unitPath: string;
}

/** Whether `target` lies within the reach of a user with `scope` at `subject`'s unit. */
export function inScope(subject: Pick<Subject, 'scope' | 'unitId' | 'unitPath'>, target: Target): boolean {
  switch (subject.scope) {
    case 'city':
      return true;
    case 'subtree':
      return target.unitPath.startsWith(subject.unitPath);
    case 'unit':
      return target.unitId === subject.unitId;
  }
}

/** The role may do the action somewhere (used to show or hide navigation and buttons). */
export function roleMay(role: Role, action: Action): boolean {
  return (POLICIES[action].roles as readonly Role[]).includes(role);
}

/**
 * The one authorization decision. For a scoped action without a target, answers whether the
 * role may do it at all (the target is then checked when known).
 */
export function can(subject: Subject, action: Action, target?: Target): boolean {
  if (!roleMay(subject.role, action)) return false;
  const policy: ActionPolicy = POLICIES[action];
  if (!policy.scoped || !target) return true;
  return inScope(subject, target);
}

/** The action is allowed on at least one of the targets (an entity that belongs to several units). */
export function canAny(subject: Subject, action: Action, targets: readonly (Target | null)[]): boolean {
  return targets.some((t) => t !== null && can(subject, action, t));
}

/**
 * Whether `actor` may hand out a grant of `role` and `scope` at `unit`: nobody can give more
 * reach than they hold. A city-wide grant needs a city-wide actor; any other grant needs the
 * unit inside the actor's scope. (Which scopes a role may hold at all is a rule of the data:
 * ROLE_SCOPES, checked when the grant is written.)
 */
export function mayGrant(actor: Subject, grant: { role: Role; scope: Scope; unit: Target }): boolean {
  if (grant.scope === 'city') return actor.scope === 'city';
  return inScope(actor, grant.unit);
}

/** Actions the role may perform somewhere: sent to the web app with the current user. */
export function permissionsOf(role: Role): Action[] {
  return ACTIONS.filter((a) => roleMay(role, a));
}
