/** Builds the web app with Vite when it is missing or older than its sources. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'web/dist/index.html');

function newest(dir: string, filter: (f: string) => boolean): number {
  if (!fs.existsSync(dir)) return 0;
  let max = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (full.includes(`${path.sep}dist${path.sep}`) || !filter(full)) continue;
    max = Math.max(max, fs.statSync(full).mtimeMs);
  }
  return max;
}

export function webBuildIsStale(): boolean {
  if (!fs.existsSync(OUT)) return true;
  const built = fs.statSync(OUT).mtimeMs;
  const sources = Math.max(
    newest(path.join(ROOT, 'web'), () => true),
    // what the web app imports from the server side: contracts, policies, errors and the pure rules (labels, dates)
    newest(path.join(ROOT, 'src'), (f) => f.endsWith('schema.ts') || f.endsWith('policies.ts') || f.endsWith('errors.ts') || f.includes(`${path.sep}domain${path.sep}`)),
  );
  return sources > built;
}

export function buildWeb(force = false): boolean {
  if (!force && !webBuildIsStale()) return true;
  console.log('正在构建网页端 Building the web app…');
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  if (!fs.existsSync(vite)) {
    console.error('vite is not installed: run `npm install` first.');
    return false;
  }
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  return r.status === 0;
}
