import { z } from 'zod';

export const UNIT_KINDS = ['city', 'county', 'zone', 'department', 'subunit'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, { zh: string; en: string }> = {
  city: { zh: '市', en: 'City' },
  county: { zh: '县（市、区）', en: 'County-level unit' },
  zone: { zh: '开发区', en: 'Development zone' },
  department: { zh: '部门', en: 'Department' },
  subunit: { zh: '内设/下属机构', en: 'Sub-unit' },
};

/** A six-digit administrative region code (GB/T 2260), e.g. 141102. */
const RegionCode = z.string().regex(/^\d{6}(\d{3})?$/, { error: '行政区划代码应为 6 位（或 9 位）数字' });

export const Unit = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(UNIT_KINDS),
  regionCode: z.string().nullable(),
  path: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  /** Leaders in charge (包联) of this unit. */
  leaderIds: z.array(z.number().int()),
});
export type Unit = z.infer<typeof Unit>;

export const CreateUnitBody = z.strictObject({
  parentId: z.number().int().positive(),
  name: z.string().trim().min(1).max(100),
  shortName: z.string().trim().min(1).max(50).nullable().optional(),
  kind: z.enum(UNIT_KINDS),
  regionCode: RegionCode.nullable().optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});
export type CreateUnitBody = z.infer<typeof CreateUnitBody>;

export const UpdateUnitBody = z.strictObject({
  version: z.number().int().positive(),
  parentId: z.number().int().positive().optional(),
  name: z.string().trim().min(1).max(100).optional(),
  shortName: z.string().trim().min(1).max(50).nullable().optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  regionCode: RegionCode.nullable().optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  active: z.boolean().optional(),
});
export type UpdateUnitBody = z.infer<typeof UpdateUnitBody>;

export const Leader = z.object({
  id: z.number().int(),
  name: z.string(),
  title: z.string(),
  userId: z.number().int().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  /** Units this leader is in charge of (包联). */
  unitIds: z.array(z.number().int()),
});
export type Leader = z.infer<typeof Leader>;

export const CreateLeaderBody = z.strictObject({
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().min(1).max(100),
  userId: z.number().int().positive().nullable().optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  unitIds: z.array(z.number().int().positive()).max(500).default([]),
});
export type CreateLeaderBody = z.infer<typeof CreateLeaderBody>;

export const UpdateLeaderBody = z.strictObject({
  version: z.number().int().positive(),
  name: z.string().trim().min(1).max(50).optional(),
  title: z.string().trim().min(1).max(100).optional(),
  userId: z.number().int().positive().nullable().optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  active: z.boolean().optional(),
  unitIds: z.array(z.number().int().positive()).max(500).optional(),
});
export type UpdateLeaderBody = z.infer<typeof UpdateLeaderBody>;

export const IdParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const VersionQuery = z.strictObject({ version: z.coerce.number().int().positive() });
