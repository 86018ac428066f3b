// The Electron front door: one ipcMain.handle per contract call and one webContents channel per event,
// generated from the name lists. Electron objects are passed in (type-only import), so tests drive it with fakes.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { WorkbenchEventSource } from '../../shared/api-contract';
import type { Dispatch } from '../../shared/api-dispatch';
import { callChannel, callNames, eventChannel } from '../../shared/api-names';
import type { ApiResult } from '../../shared/api-wire';

export interface IpcOptions {
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** Runs a call: the workbench service's, in its own process (it validates the input). */
  readonly dispatch: Dispatch;
  readonly events: WorkbenchEventSource;
  /** True when a frame showing this URL may use the API (the app's own page, see trusted-urls.ts). */
  readonly isTrustedUrl: (url: string) => boolean;
  /** Where events go: the webContents of every open app window. */
  readonly targets: () => readonly Pick<WebContents, 'isDestroyed' | 'send'>[];
}

/**
 * Registers every call and forwards every event. Calls resolve with an envelope (`ApiResult`), never reject:
 * a rejected invoke reaches the renderer as a bare message, the envelope keeps the error's name and field.
 * Returns the function that undoes it all.
 */
export function registerIpc(options: IpcOptions): () => void {
  const { dispatch } = options;
  for (const call of callNames) {
    options.ipcMain.handle(callChannel(call), (event: IpcMainInvokeEvent, input: unknown): Promise<ApiResult> => {
      // Only the app's top frame may call: not an iframe, not a page the window was somehow navigated to.
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !options.isTrustedUrl(frame.url)) {
        return Promise.resolve({ ok: false, error: { name: 'ForbiddenError', message: `${call}: refused a call from ${frame?.url ?? 'a destroyed frame'}` } });
      }
      return dispatch(call, input);
    });
  }
  const unsubscribe = options.events.subscribe((e) => {
    const channel = eventChannel(e.event);
    for (const target of options.targets()) if (!target.isDestroyed()) target.send(channel, e.payload);
  });
  return () => {
    unsubscribe();
    for (const call of callNames) options.ipcMain.removeHandler(callChannel(call));
  };
}
