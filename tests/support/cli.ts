/** Running the `luoshi` command as a child process, as a user would (`npx luoshi …`). */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** stdout and stderr as they came. */
  all: string;
}

/**
 * Runs `node bin/luoshi.mjs ...args` with `env` over the test's environment (logs silenced).
 * `DATABASE_URL` is dropped unless `env` sets it, so the command uses the data folder it is given.
 */
export function luoshi(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const e: NodeJS.ProcessEnv = { ...process.env, LUOSHI_LOG_LEVEL: 'silent', ...env };
  if (!env.DATABASE_URL) delete e.DATABASE_URL;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/luoshi.mjs'), ...args], { cwd: ROOT, env: e });
    let out = '';
    let err = '';
    let all = '';
    child.stdout.on('data', (d) => ((out += d), (all += d)));
    child.stderr.on('data', (d) => ((err += d), (all += d)));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err, all }));
  });
}
