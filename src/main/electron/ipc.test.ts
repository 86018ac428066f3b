// IPC registration with fake ipcMain and webContents: every call handled, senders checked, events forwarded.
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../shared/api-dispatch';
import { callChannel, callNames } from '../../shared/api-names';
import { tinyConfig } from '../../shared/testing/configs';
import { createFakeWorkbench } from '../../shared/testing/fake-workbench';
import { registerIpc } from './ipc';

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, h: Handler) => void handlers.set(channel, h),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const sent: [string, unknown][] = [];
  const window = { destroyed: false, isDestroyed: () => window.destroyed, send: (c: string, p: unknown) => void sent.push([c, p]) };
  const backend = createFakeWorkbench();
  const dispose = registerIpc({
    ipcMain: ipcMain as never,
    dispatch: createDispatcher(backend),
    events: backend,
    isTrustedUrl: (u) => u === 'app://index',
    targets: () => [window],
  });
  const from = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;
  return { handlers, sent, window, backend, dispose, from };
}

describe('registerIpc', () => {
  it('handles exactly the contract calls, validating input, and removes them on dispose', async () => {
    const { handlers, dispose, from, backend } = setup();
    expect([...handlers.keys()].sort()).toEqual(callNames.map(callChannel).sort());
    const invoke = (call: string, input: unknown) => handlers.get(`api:${call}`)!(from('app://index'), input);
    expect(await invoke('startRun', tinyConfig())).toMatchObject({ ok: true, value: { id: 1 } });
    expect(await invoke('getRun', { id: 'x' })).toMatchObject({ ok: false, error: { name: 'ValidationError', field: 'id' } });
    expect(backend.received).toHaveLength(1);
    dispose();
    expect(handlers.size).toBe(0);
    expect(backend.listenerCount()).toBe(0);
  });

  it('refuses calls from other pages, subframes and destroyed frames', async () => {
    const { handlers, from, backend } = setup();
    const h = handlers.get('api:startRun')!;
    for (const event of [from('https://evil.example/'), from('app://index', { url: 'app://index' }), { senderFrame: null } as unknown as IpcMainInvokeEvent]) {
      expect(await h(event, tinyConfig())).toMatchObject({ ok: false, error: { name: 'ForbiddenError' } });
    }
    expect(backend.received).toEqual([]);
  });

  it('forwards events to live windows on their channels', async () => {
    const { sent, window, backend } = setup();
    backend.emit({ event: 'runDeleted', payload: { id: 4 } });
    window.destroyed = true;
    backend.emit({ event: 'runDeleted', payload: { id: 5 } });
    expect(sent).toEqual([['event:runDeleted', { id: 4 }]]);
  });
});
