// The preload: exposes the API contract as `window.api` (one function per call, one `on…` per event) and nothing
// else — never ipcRenderer itself, never the IPC event object (its `sender` would hand the page IPC access).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge } from '../shared/api-bridge';

const api = createBridge({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  on(channel, listener) {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => void ipcRenderer.removeListener(channel, handler);
  },
});

contextBridge.exposeInMainWorld('api', api);
