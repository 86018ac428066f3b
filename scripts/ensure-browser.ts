// First step of `npm test`: makes sure the e2e tests have a Chromium, in seconds, before lint and the unit tests.
// Order: $CHROMIUM_PATH, Playwright's Chromium, a system Chromium/Chrome, `npx playwright install chromium`, and on
// Debian/Ubuntu as root `apt-get install chromium`. Where none can be had it prints one line saying how, exit 1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findBrowser, runningAsRoot, type BrowserFound } from '../e2e/support/browser';

const INSTALL_TIMEOUT_MS = 10 * 60_000;

function lookUp(): BrowserFound | null {
  return findBrowser({ playwrightPath: () => chromium.executablePath() });
}

/** Runs a command quietly; on failure returns its last non-empty output line (the reason), else null. */
function attempt(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status === 0) return null;
  if (result.error) return result.error.message;
  const lines = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /^(Error|E):/.test(l)) ?? lines.at(-1) ?? `exit code ${result.status}`;
}

function main(): number {
  const say = (line: string) => process.stdout.write(`browser: ${line}\n`);
  let found: BrowserFound | null;
  try {
    found = lookUp();
  } catch (err) {
    say(`${(err as Error).message}: point it at a Chromium or Chrome, or unset it.`);
    return 1;
  }
  if (found) {
    say(`${found.path} (${found.source})`);
    return 0;
  }
  const reasons: string[] = [];
  say('no Chromium found; trying `npx playwright install chromium`…');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const playwrightFailed = attempt(npx, ['playwright', 'install', 'chromium']);
  if (playwrightFailed) reasons.push(`playwright install: ${playwrightFailed}`);
  const debianRoot = runningAsRoot() && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
  if (playwrightFailed && debianRoot) {
    say('trying `apt-get install chromium`…');
    const aptFailed = attempt('/usr/bin/apt-get', ['update', '-qq']) ?? attempt('/usr/bin/apt-get', ['install', '-y', '-qq', 'chromium']);
    if (aptFailed) reasons.push(`apt-get: ${aptFailed}`);
  }
  found = lookUp();
  if (found) {
    say(`${found.path} (${found.source})`);
    return 0;
  }
  say(
    `none could be had (${reasons.join('; ') || 'not found after installing'}). ` +
      'Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome, then run `npm test` again.',
  );
  return 1;
}

process.exitCode = main();
