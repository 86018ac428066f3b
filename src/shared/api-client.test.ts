// The typed client over the in-process and bridge transports: values come back, errors keep name and field.
import { describe, expect, it } from 'vitest';
import { bridgeTransport, createBridge, type BridgeIpc } from './api-bridge';
import { createApiClient, inProcessTransport } from './api-client';
import { createDispatcher } from './api-dispatch';
import { callChannel, callNames, eventChannel, eventMethodName, eventNames } from './api-names';
import type { RunSummary } from './api-types';
import { ApiError } from './api-wire';
import { createFakeWorkbench, type FakeWorkbench } from './testing/fake-workbench';
import { tinyConfig } from './testing/configs';

/** What ipcMain + webContents do, in memory: channels to the dispatcher, events to channel listeners. */
function fakeIpc(fake: FakeWorkbench): BridgeIpc {
  const dispatch = createDispatcher(fake);
  const handlers = new Map(callNames.map((c) => [callChannel(c), (input: unknown) => dispatch(c, input)]));
  return {
    invoke: (channel, input) => handlers.get(channel)!(structuredClone(input)),
    on(channel, listener) {
      return fake.subscribe((e) => {
        if (eventChannel(e.event) === channel) listener(structuredClone(e.payload));
      });
    },
  };
}

describe.each([
  ['in-process', (fake: FakeWorkbench) => createApiClient(inProcessTransport(fake))],
  ['bridge', (fake: FakeWorkbench) => createApiClient(bridgeTransport(createBridge(fakeIpc(fake))))],
])('client over the %s transport', (_name, makeClient) => {
  it('round-trips calls and pushes events to on… listeners until unsubscribed', async () => {
    const fake = createFakeWorkbench();
    const api = makeClient(fake);
    const seen: RunSummary[] = [];
    const off = api.onRunUpdated((run) => seen.push(run));
    const run = await api.startRun(tinyConfig({ name: 'first' }));
    expect(run).toMatchObject({ id: 1, name: 'first', status: 'queued', config: { l2: 0 } });
    expect(await api.listRuns()).toHaveLength(1);
    off();
    await api.renameRun({ id: 1, name: 'renamed' });
    expect(seen.map((r) => r.name)).toEqual(['first']);
  });

  it('rejects with ApiError carrying the remote name, message and field', async () => {
    const api = makeClient(createFakeWorkbench());
    const bad = await api.startRun(tinyConfig({ lr: -1 })).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect(bad).toMatchObject({ name: 'ValidationError', field: 'lr' });
    const missing = await api.getRun({ id: 42 }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: 'NotFoundError', message: 'run 42 not found' });
  });
});

describe('createBridge', () => {
  it('exposes exactly one function per call and one on… per event, frozen', () => {
    const bridge = createBridge(fakeIpc(createFakeWorkbench()));
    expect(Object.keys(bridge).sort()).toEqual([...callNames, ...eventNames.map(eventMethodName)].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(() => (bridge.onRunUpdated as (l: unknown) => void)('not a function')).toThrow(/listener must be a function/);
  });

  it('resolves calls with envelopes, so errors keep their name across contextBridge', async () => {
    const bridge = createBridge(fakeIpc(createFakeWorkbench()));
    expect(await bridge.getRun({ id: 9 })).toEqual({ ok: false, error: { name: 'NotFoundError', message: 'run 9 not found' } });
  });
});
