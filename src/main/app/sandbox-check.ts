// Whether Chromium's sandbox can start on this Linux before Electron tries: it refuses to run as root, and where
// unprivileged user namespaces are restricted (Ubuntu >= 23.10's AppArmor) it needs chrome-sandbox setuid root.
// The app never turns the sandbox off by itself: it says what to do instead.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SandboxFacts {
  readonly platform: NodeJS.Platform;
  /** Effective user id (undefined on Windows). */
  readonly uid: number | undefined;
  /** `/proc/sys/kernel/apparmor_restrict_unprivileged_userns` (Ubuntu >= 23.10), null where absent. */
  readonly apparmorRestrictsUserns: string | null;
  /** `/proc/sys/kernel/unprivileged_userns_clone` (older Debian kernels), null where absent. */
  readonly usernsClone: string | null;
  /** Chromium's setuid sandbox helper next to the Electron binary. */
  readonly chromeSandbox: { readonly path: string; readonly uid: number; readonly mode: number } | { readonly path: string; readonly missing: true };
  /** An AppArmor profile in /etc/apparmor.d names the Electron binary (it may grant the namespaces). */
  readonly apparmorProfile: boolean;
}

/** Why Chromium's sandbox will refuse to start, and what to do, in one line; null when it can start. */
export function sandboxBlocker(facts: SandboxFacts): string | null {
  if (facts.platform !== 'linux') return null;
  if (facts.uid === 0) return "Chromium's sandbox refuses to run as root: start NN Workbench as a regular user";
  const helper = facts.chromeSandbox;
  if (!('missing' in helper) && helper.uid === 0 && (helper.mode & 0o4000) !== 0) return null;
  const restriction =
    facts.apparmorRestrictsUserns?.trim() === '1' && !facts.apparmorProfile
      ? 'AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1)'
      : facts.usernsClone?.trim() === '0'
        ? 'unprivileged user namespaces are off (kernel.unprivileged_userns_clone = 0)'
        : null;
  if (restriction === null) return null;
  return (
    `Chromium's sandbox cannot start: ${restriction} and ${helper.path} is not setuid root; ` +
    `allow it once with \`sudo chown root:root ${helper.path} && sudo chmod 4755 ${helper.path}\``
  );
}

/** The facts of this machine for the Electron binary at `electronBinary`. */
export function readSandboxFacts(electronBinary: string): SandboxFacts {
  const helperPath = path.join(path.dirname(electronBinary), 'chrome-sandbox');
  let chromeSandbox: SandboxFacts['chromeSandbox'];
  try {
    const stat = statSync(helperPath);
    chromeSandbox = { path: helperPath, uid: stat.uid, mode: stat.mode };
  } catch {
    chromeSandbox = { path: helperPath, missing: true };
  }
  return {
    platform: process.platform,
    uid: process.geteuid?.(),
    apparmorRestrictsUserns: readOrNull('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    usernsClone: readOrNull('/proc/sys/kernel/unprivileged_userns_clone'),
    chromeSandbox,
    apparmorProfile: profileNames(electronBinary),
  };
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function profileNames(binary: string): boolean {
  const dir = '/etc/apparmor.d';
  try {
    return readdirSync(dir, { withFileTypes: true }).some((entry) => entry.isFile() && (readOrNull(path.join(dir, entry.name)) ?? '').includes(binary));
  } catch {
    return false;
  }
}
