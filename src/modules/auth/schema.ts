import { z } from 'zod';
import { ROLES, SCOPES } from '../../platform/policies.ts';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const RevokeSessionsBody = z.strictObject({
  /** Keep the session making the request (default false: sign out everywhere, here too). */
  keepCurrent: z.boolean().default(false),
});

export const Me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scope: z.enum(SCOPES),
  unit: z.object({ id: z.number().int(), name: z.string(), path: z.string() }),
  mustChangePassword: z.boolean(),
  /** Actions this user's role may perform somewhere (see src/platform/policies.ts). */
  permissions: z.array(z.string()),
  csrfToken: z.string(),
  sessionIdleMinutes: z.number().int(),
});
export type Me = z.infer<typeof Me>;

export const LoginResult = z.object({ user: Me });
export type LoginResult = z.infer<typeof LoginResult>;

export const SessionInfo = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** The password rule, shared by server and web so the form says the same as the API. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MIN_CLASSES = 3;

/** Problems with a candidate password; empty when it is acceptable. */
export function passwordProblems(password: string, username?: string): { zh: string; en: string }[] {
  const problems: { zh: string; en: string }[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    problems.push({ zh: `至少 ${PASSWORD_MIN_LENGTH} 个字符`, en: `at least ${PASSWORD_MIN_LENGTH} characters` });
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < PASSWORD_MIN_CLASSES) {
    problems.push({
      zh: `须包含大写字母、小写字母、数字、符号中的至少 ${PASSWORD_MIN_CLASSES} 类`,
      en: `must mix at least ${PASSWORD_MIN_CLASSES} of: upper case, lower case, digits, symbols`,
    });
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({ zh: '不能包含用户名', en: 'must not contain the user name' });
  }
  return problems;
}
