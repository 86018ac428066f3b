// The workbench service under child_process.fork: the same service and relay as the app's utility processes,
// with Node's fork on both sides (tests, the bench, and wherever a Node process owns the event loop to keep free).
import { fileURLToPath } from 'node:url';
import { forkProcess } from '../runs/fork-host';
import type { ServiceOptions } from './service-protocol';
import { startWorkbenchService, type WorkbenchService } from './workbench-service';

/** The service process entry when running from sources (run through tsx). */
export function sourceServiceEntry(): string {
  return fileURLToPath(new URL('./service-entry.ts', import.meta.url));
}

export interface ForkServiceOptions {
  /** The service entry (default: from sources). */
  readonly entry?: string;
  /** Environment of the service and its training processes (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  readonly closeTimeoutMs?: number;
  readonly echoStderr?: (chunk: string) => void;
}

export function forkWorkbenchService(options: ServiceOptions, fork: ForkServiceOptions = {}): Promise<WorkbenchService> {
  return startWorkbenchService({
    channel: forkProcess(fork.entry ?? sourceServiceEntry(), { env: fork.env }),
    spawnTraining: (entry) => forkProcess(entry, { env: fork.env }),
    options,
    closeTimeoutMs: fork.closeTimeoutMs,
    echoStderr: fork.echoStderr,
  });
}
