// Who a pid is beyond its number: when the process started and on which boot, so a lock left by a dead process
// whose pid has since been reused (after a reboot, or in a container restarted with the same pids) is told apart.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface IdentityOptions {
  /** Where procfs is mounted (default /proc); tests point it elsewhere to exercise the fallback. */
  readonly procDir?: string;
}

/** This boot's id (Linux: /proc/sys/kernel/random/boot_id, new at every boot), or null where there is none. */
export function bootId(options: IdentityOptions = {}): string | null {
  try {
    return readFileSync(path.join(options.procDir ?? '/proc', 'sys/kernel/random/boot_id'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * When process `pid` started, as a string to compare with an earlier answer for the same pid (equal ⇒ the same
 * process): Linux's /proc/<pid>/stat start time (clock ticks since boot); where /proc is missing, `ps`'s start
 * time (macOS, the BSDs); null when the process is gone or neither can tell (Windows: the pid alone decides).
 */
export function processStartTime(pid: number, options: IdentityOptions = {}): string | null {
  let stat: string | null = null;
  try {
    stat = readFileSync(path.join(options.procDir ?? '/proc', String(pid), 'stat'), 'utf8');
  } catch {
    // ENOENT on a Linux /proc is a process that is gone; no /proc at all is another system: ask ps.
    if (procMounted(options)) return null;
  }
  if (stat !== null) {
    // NOTE: field 2 is the command name in parentheses and may hold spaces and ")": count from the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ? `ticks:${fields[19]}` : null;
  }
  return psStartTime(pid);
}

function procMounted(options: IdentityOptions): boolean {
  try {
    readFileSync(path.join(options.procDir ?? '/proc', 'self', 'stat'));
    return true;
  } catch {
    return false;
  }
}

function psStartTime(pid: number): string | null {
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out ? `ps:${out}` : null;
  } catch {
    return null;
  }
}
