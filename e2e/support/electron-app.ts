// Launching the built desktop app from a test: whether it can run here (binary, display, Chromium's sandbox,
// a build), and its arguments (--no-sandbox only as root, where Chromium's sandbox refuses to start).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths';

export const ELECTRON_MAIN = path.join(ROOT, 'out', 'main', 'index.js');

const isRoot = () => process.getuid?.() === 0;

/** Why the app cannot be launched here (one line), or null. */
export function electronLaunchBlocker(): string | null {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile))
    return 'the Electron binary is not downloaded (node_modules/electron/path.txt is missing; run `npx install-electron --no` where the network allows)';
  const binary = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return `the Electron binary ${binary} is missing`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'there is no display ($DISPLAY is unset; run under xvfb-run)';
  if (process.platform === 'linux' && !isRoot() && usernsRestricted() && !setuidRoot(path.join(path.dirname(binary), 'chrome-sandbox'))) {
    return "AppArmor restricts user namespaces and chrome-sandbox is not setuid root, so Chromium's sandbox cannot start (`npm start` says how to allow it)";
  }
  if (!existsSync(ELECTRON_MAIN)) return 'the app is not built (run `npm run build` first: out/main/index.js is missing)';
  return null;
}

/** The app's command line: --no-sandbox only as root (a user's launch keeps Chromium's sandbox). */
export function electronArgs(...args: string[]): string[] {
  return isRoot() ? ['--no-sandbox', ELECTRON_MAIN, ...args] : [ELECTRON_MAIN, ...args];
}

function usernsRestricted(): boolean {
  try {
    return readFileSync('/proc/sys/kernel/apparmor_restrict_unprivileged_userns', 'utf8').trim() === '1';
  } catch {
    return false;
  }
}

function setuidRoot(file: string): boolean {
  try {
    const stat = statSync(file);
    return stat.uid === 0 && (stat.mode & 0o4000) !== 0;
  } catch {
    return false;
  }
}
