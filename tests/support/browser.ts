/**
 * The started platform for browser tests: `luoshi start` in a child process on a fresh data folder
 * (the demo city loads and its passwords are printed), and Debian's Chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SHOTS = path.join(ROOT, '.tmp/screenshots');

export interface Platform {
  base: string;
  dir: string;
  browser: Browser;
  /** Everything the server printed so far. */
  output(): string;
  /** A demo account's password as printed at first start. */
  passwordOf(username: string): string;
  /** Signs a demo account in with its printed password and replaces it (required at first sign-in); ends on the home page. */
  signInFirstTime(username: string, next: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startPlatform(prefix: string): Promise<Platform> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LUOSHI_DATA_DIR: dir, LUOSHI_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.LUOSHI_ADMIN_PASSWORD;
  let output = '';
  const server: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/luoshi.mjs'), 'start'], { cwd: ROOT, env });
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 120_000;
  while (!/running at http/.test(output)) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await chromium.launch({
    executablePath: process.env.LUOSHI_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
  const passwordOf = (username: string): string => {
    const m = new RegExp(`^\\s+${username}\\s+(\\S+)\\s`, 'm').exec(output);
    if (!m) throw new Error(`no password for ${username} in the start-up output:\n${output}`);
    return m[1] as string;
  };
  return {
    base: `http://127.0.0.1:${port}`,
    dir,
    browser,
    output: () => output,
    passwordOf,
    async signInFirstTime(username, next, viewport = { width: 1366, height: 800 }) {
      const page = await browser.newPage({ viewport, locale: 'zh-CN' });
      const password = passwordOf(username);
      await page.goto(`http://127.0.0.1:${port}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('page-change-password').waitFor();
      await page.getByTestId('pw-current').fill(password);
      await page.getByTestId('pw-new').fill(next);
      await page.getByTestId('pw-confirm').fill(next);
      await page.getByTestId('pw-submit').click();
      await page.getByTestId('page-home').waitFor();
      return page;
    },
    async close() {
      await browser.close();
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('close', r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
