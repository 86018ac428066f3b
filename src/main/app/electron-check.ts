// Whether the desktop app can open its window here: the Electron binary is installed, there is a display, and
// Chromium's sandbox can start.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readSandboxFacts, sandboxBlocker } from './sandbox-check';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Why the Electron app cannot start here, or null when it can. Reads node_modules/electron without running it;
 * `sandbox` says why Chromium's sandbox would refuse the binary (default: this machine's facts, see sandbox-check.ts).
 */
export function electronUnavailable(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
  resolveFrom = import.meta.url,
  sandbox: (binary: string) => string | null = (binary) => sandboxBlocker(readSandboxFacts(binary)),
): string | null {
  let dir: string;
  try {
    dir = path.dirname(createRequire(resolveFrom).resolve('electron/package.json'));
  } catch {
    return 'the electron package is not installed (run `npm install`)';
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return 'the Electron binary is not downloaded (run `npx install-electron --no` where the network allows it)';
  const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return `the Electron binary ${binary} is missing (run \`npx install-electron --no\`)`;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no display ($DISPLAY and $WAYLAND_DISPLAY are unset)';
  return sandbox(binary);
}
