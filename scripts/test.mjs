#!/usr/bin/env node
// `npm test`: type checks, unit tests, API tests on embedded PostgreSQL (PGlite) and on a
// PostgreSQL server (LUOSHI_TEST_DATABASE_URL), and the real-browser tests.
//   --no-browser   skip the browser tests (the Node 24 run in CI uses it)
//   --only NAME    run one stage: build | typecheck | unit | api-pglite | api-postgres | browser
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const ci = process.env.CI === 'true' || process.env.CI === '1';
const root = path.resolve(import.meta.dirname, '..');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-test-'));

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const notes = [];

function stage(name, fn) {
  if (only && only !== name) return;
  console.log(`\n━━ ${name} ━━ (node ${process.version})`);
  const ok = fn();
  if (!ok) failures.push(name);
}

function runVitest(name, project, env = {}) {
  const report = path.join(out, `${name}.json`);
  const r = spawnSync(process.execPath, [vitest, 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, LUOSHI_LOG_LEVEL: 'silent', ...env },
  });
  if (fs.existsSync(report)) {
    const j = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    if (j.numTotalTests === 0) {
      console.error(`${name}: no test ran`);
      return false;
    }
  }
  return r.status === 0;
}

stage('build', () => {
  // The API and browser tests serve the built web app: build it when it is missing or stale.
  const r = spawnSync(process.execPath, [path.join(root, 'bin/luoshi.mjs'), 'build'], { cwd: root, stdio: 'inherit' });
  return r.status === 0;
});
stage('typecheck', () => {
  const a = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  const b = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'web/tsconfig.json'], { cwd: root, stdio: 'inherit' });
  return a.status === 0 && b.status === 0;
});
stage('unit', () => runVitest('unit', 'unit'));
stage('api-pglite', () => runVitest('api-pglite', 'api', { LUOSHI_TEST_DB: 'pglite' }));
stage('api-postgres', () => {
  if (!process.env.LUOSHI_TEST_DATABASE_URL) {
    if (ci) {
      console.error('CI must run the API tests on a PostgreSQL server: set LUOSHI_TEST_DATABASE_URL');
      return false;
    }
    notes.push('API tests on a PostgreSQL server skipped: set LUOSHI_TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/postgres (a role that may CREATE DATABASE)');
    return true;
  }
  return runVitest('api-postgres', 'api', { LUOSHI_TEST_DB: 'postgres' });
});
if (!args.includes('--no-browser')) {
  stage('browser', () => {
    const chromium = process.env.LUOSHI_CHROMIUM || '/usr/bin/chromium';
    if (!fs.existsSync(chromium)) {
      if (ci) {
        console.error(`the browser tests need Chromium at ${chromium} (apt-get install chromium fonts-noto-cjk)`);
        return false;
      }
      notes.push(`browser tests skipped: no Chromium at ${chromium} (apt-get install chromium fonts-noto-cjk)`);
      return true;
    }
    return runVitest('browser', 'browser');
  });
}

fs.rmSync(out, { recursive: true, force: true });
console.log('');
for (const n of notes) console.log(`note: ${n}`);
if (failures.length) console.log(`failed stages: ${failures.join(', ')}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failures.length ? 1 : 0);
