// Calls to the workbench API from a test (set-up that is not what the test is about, e.g. runs to compare).
import type { CallArg, CallOutput } from '../../src/shared/api-contract';
import type { CallName } from '../../src/shared/api-names';
import type { RunConfigInput } from '../../src/shared/run-config';
import type { RunStatus, RunSummary } from '../../src/shared/api-types';
import { TINY_DATASET } from './paths';
import type { WorkbenchServer } from './web-server';

export async function call<K extends CallName>(server: WorkbenchServer, name: K, input?: CallArg<K>): Promise<CallOutput<K>> {
  const res = await fetch(`${server.origin}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${name} → HTTP ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as CallOutput<K>;
}

/** A small MLP on the tiny fixture (1000 training digits); a second or two per epoch at most. */
export function tinyRunConfig(overrides: Partial<RunConfigInput> = {}): RunConfigInput {
  return {
    dataset: { name: 'folder', path: TINY_DATASET },
    model: { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 32 }, { type: 'relu' }, { type: 'linear', units: 10 }] },
    optimizer: { type: 'momentum', momentum: 0.9 },
    lr: 0.05,
    batchSize: 32,
    epochs: 3,
    seed: 1,
    ...overrides,
  };
}

const ACTIVE: readonly RunStatus[] = ['queued', 'running'];

/** Starts a run and waits until it has ended, however it ended. */
export async function endedRun(server: WorkbenchServer, overrides: Partial<RunConfigInput> = {}, timeoutMs = 60_000): Promise<RunSummary> {
  const run = await call(server, 'startRun', tinyRunConfig(overrides));
  const until = Date.now() + timeoutMs;
  for (;;) {
    const now = await call(server, 'getRun', { id: run.id });
    if (!ACTIVE.includes(now.status)) return now;
    if (Date.now() > until) throw new Error(`run ${run.id} did not finish within ${timeoutMs / 1000} s (status ${now.status})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Starts a run and waits until it has completed. */
export async function trainedRun(server: WorkbenchServer, overrides: Partial<RunConfigInput> = {}, timeoutMs = 60_000): Promise<RunSummary> {
  const run = await endedRun(server, overrides, timeoutMs);
  if (run.status !== 'completed') throw new Error(`run ${run.id} ended ${run.status}: ${run.error}`);
  return run;
}
