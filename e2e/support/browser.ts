// Which Chromium the e2e tests drive: $CHROMIUM_PATH, else Playwright's own download, else a system Chromium or
// Chrome at its usual paths. Looks only (no install: scripts/ensure-browser.ts does that), so it is instant.
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface BrowserFound {
  readonly path: string;
  /** Where it came from, for the one line `npm test` prints. */
  readonly source: 'CHROMIUM_PATH' | 'playwright' | 'system';
}

export interface BrowserLookup {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  /** Playwright's own Chromium (`chromium.executablePath()`), which may not be downloaded. */
  readonly playwrightPath?: () => string | undefined;
  readonly exists?: (file: string) => boolean;
}

/** The usual places of a system Chromium or Chrome, most specific first. */
export function systemBrowserPaths(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string[] {
  if (platform === 'darwin') {
    return ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.map((r) => path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
}

/** The browser to drive, or null when none is here. A CHROMIUM_PATH that does not exist is not silently skipped. */
export function findBrowser(lookup: BrowserLookup = {}): BrowserFound | null {
  const env = lookup.env ?? process.env;
  const exists = lookup.exists ?? existsSync;
  if (env.CHROMIUM_PATH) {
    if (!exists(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist`);
    return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  }
  let own: string | undefined;
  try {
    own = lookup.playwrightPath?.();
  } catch {
    // A platform Playwright has no build for: look further.
  }
  if (own && exists(own)) return { path: own, source: 'playwright' };
  const system = systemBrowserPaths(lookup.platform ?? process.platform, env).find(exists);
  return system ? { path: system, source: 'system' } : null;
}

/** Chromium's flags for these tests; the sandbox is dropped only where it cannot run (as root). */
export function chromiumArgs(isRoot: boolean): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-dev-shm-usage',
    // Without these, Chromium keeps opening connections that a closed network refuses (see docs/STACK.md).
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

export const runningAsRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;
