// End-to-end tests of the staff console: a real `ordo serve --demo` on 127.0.0.1 (a fresh data
// directory), driven through Debian's chromium with playwright-core (no browser download).
//
//   ORDO_BIN=build/ordo [ORDO_ARTIFACTS=build/console-screenshots] node tests/e2e/run.mjs
//
// CHROMIUM (default /usr/bin/chromium) names the browser. Screenshots of each main page are
// saved in ORDO_ARTIFACTS. The last line is "N passed, M failed"; the exit code is 1 on a failure.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { scenarios } from './scenarios.mjs';

const bin = resolve(process.env.ORDO_BIN || '../build/ordo');
const artifacts = resolve(process.env.ORDO_ARTIFACTS || 'test-results');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;

function startServer(dataDir) {
  return new Promise((resolveStart, reject) => {
    const child = spawn(bin, ['serve', '--data', dataDir, '--listen', '127.0.0.1:0', '--demo', '--jobs-interval', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`ordo did not start in time:\n${log}`)), 120000);
    child.stderr.on('data', (d) => {
      log += d;
    });
    child.stdout.on('data', (d) => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(String(d));
      if (match) {
        clearTimeout(timer);
        resolveStart({ child, url: match[1], log: () => log });
      }
    });
    child.on('exit', (code) => reject(new Error(`ordo exited with ${code}:\n${log}`)));
  });
}

async function main() {
  if (!existsSync(bin)) {
    throw new Error(`no ordo binary at ${bin} (set ORDO_BIN)`);
  }
  mkdirSync(artifacts, { recursive: true });
  // The screenshots of failures of an earlier run would mislead.
  readdirSync(artifacts).filter((f) => f.startsWith('failed-')).forEach((f) => rmSync(join(artifacts, f)));
  const dataDir = mkdtempSync(join(tmpdir(), 'ordo-e2e-data-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'ordo-e2e-profile-'));
  const server = await startServer(dataDir);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: browserPath,
    headless: true,
    acceptDownloads: true, // the exports
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Europe/London', // the console shows Asia/Shanghai whatever the browser's zone
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(20000);
  const page = context.pages()[0] || (await context.newPage());
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of (401|403|404|405|409|422)/.test(msg.text())) {
      problems.push(msg.text());
    }
  });
  page.on('pageerror', (err) => problems.push(String(err)));
  const env = { base: server.url, page, context, artifacts, problems, state: {} };
  let passed = 0;
  let failed = 0;
  try {
    for (const [name, fn] of scenarios) {
      if (only && !only.test(name)) {
        continue;
      }
      const started = Date.now();
      problems.length = 0;
      try {
        await fn(env);
        if (problems.length) {
          throw new Error(`browser errors:\n  ${problems.join('\n  ')}`);
        }
        passed += 1;
        console.log(`ok   ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed += 1;
        console.log(`FAIL ${name} (${Date.now() - started} ms)\n  ${String(error?.stack || error).split('\n').slice(0, 8).join('\n  ')}`);
        await page.screenshot({ path: join(artifacts, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
      }
    }
  } finally {
    await context.close().catch(() => {});
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`screenshots: ${artifacts}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
