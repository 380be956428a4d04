import { z } from 'zod';
import { ROLES, SCOPES } from '../../platform/policies.ts';

const Username = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, { error: '只能包含字母、数字、下划线、点和连字符，且以字母或数字开头' });

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  role: z.enum(ROLES),
  scope: z.enum(SCOPES),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

export const ListUsersQuery = z.strictObject({
  unitId: z.coerce.number().int().positive().optional(),
  /** With unitId: include users of the units below it (default true). */
  subunits: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  role: z.enum(ROLES).optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;

export const UserList = z.object({ items: z.array(User), total: z.number().int() });
export type UserList = z.infer<typeof UserList>;

export const CreateUserBody = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(50),
  unitId: z.number().int().positive(),
  role: z.enum(ROLES),
  scope: z.enum(SCOPES),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/).nullable().optional(),
  /** Initial password; when absent one is generated. The user must change it at first sign-in. */
  password: z.string().min(1).max(256).optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const CreateUserResult = z.object({ user: User, initialPassword: z.string().nullable() });

export const UpdateUserBody = z.strictObject({
  version: z.number().int().positive(),
  displayName: z.string().trim().min(1).max(50).optional(),
  unitId: z.number().int().positive().optional(),
  role: z.enum(ROLES).optional(),
  scope: z.enum(SCOPES).optional(),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/).nullable().optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ResetPasswordResult = z.object({ temporaryPassword: z.string() });
