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
  return (await trainedRuns(server, [overrides], timeoutMs))[0]!;
}

/** Starts every run at once (the server trains two at a time) and waits until all have completed. */
export async function trainedRuns(server: WorkbenchServer, overrides: readonly Partial<RunConfigInput>[], timeoutMs = 90_000): Promise<RunSummary[]> {
  const runs = [];
  for (const o of overrides) runs.push(await call(server, 'startRun', tinyRunConfig(o)));
  return finished(
    server,
    runs.map((r) => r.id),
    timeoutMs,
  );
}

/** Waits until every run of `ids` has completed; throws naming one that ended otherwise or took too long. */
export async function finished(server: WorkbenchServer, ids: readonly number[], timeoutMs = 60_000): Promise<RunSummary[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const runs = await call(server, 'listRuns', { ids: [...ids] });
    const bad = runs.find((r) => !ACTIVE.includes(r.status) && r.status !== 'completed');
    if (bad) throw new Error(`run ${bad.id} ended ${bad.status}: ${bad.error}`);
    if (runs.length === ids.length && runs.every((r) => r.status === 'completed')) return ids.map((id) => runs.find((r) => r.id === id)!);
    if (Date.now() > until) throw new Error(`runs ${ids.join(', ')} did not finish within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The report's CNN, small: conv 8@5×5 – ReLU – pool 2 – 32 – ReLU – 10. */
export const TINY_CNN: RunConfigInput['model'] = {
  input: [1, 28, 28],
  layers: [
    { type: 'conv2d', filters: 8, kernel: 5 },
    { type: 'relu' },
    { type: 'maxpool2d', size: 2 },
    { type: 'flatten' },
    { type: 'linear', units: 32 },
    { type: 'relu' },
    { type: 'linear', units: 10 },
  ],
};
