/** Password hashing with argon2id (RFC 9106; OWASP's minimum: 19 MiB, 2 passes, 1 lane). */
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors.ts';
import { passwordProblems } from '../../modules/auth/schema.ts';

// @node-rs/argon2's Algorithm is a const enum; 2 is Argon2id.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the time of one verification, so an unknown user name answers as slowly as a known one. */
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
}

/** Throws PASSWORD_POLICY naming each broken rule. */
export function assertPasswordPolicy(password: string, username: string, field = 'newPassword'): void {
  const problems = passwordProblems(password, username);
  if (problems.length === 0) return;
  throw new AppError('PASSWORD_POLICY', {
    message: `密码不符合要求：${problems.map((p) => p.zh).join('；')}`,
    messageEn: `The password does not meet the rules: ${problems.map((p) => p.en).join('; ')}`,
    details: { issues: problems.map((p) => ({ field, message: p.zh, messageEn: p.en })) },
  });
}

/** A random password that satisfies the policy: 16 characters from four classes. */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@!?'];
  const all = sets.join('');
  const pick = (s: string) => s[crypto.randomInt(s.length)] as string;
  const chars = sets.map(pick);
  while (chars.length < 16) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
