// The shape of `window.api` in the Electron window, and how the preload builds it from the name lists alone.
// Calls resolve with envelopes (contextBridge keeps only an error's message, not its name); the renderer wraps
// the bridge with createApiClient(bridgeTransport(window.api)) to get rejections with the name back.
// NOTE: imports only types besides api-names, so the preload bundle stays free of zod.
import type { ApiTransport } from './api-client';
import type { CallArg, CallOutput, EventPayload } from './api-contract';
import { callChannel, callNames, eventChannel, eventMethodName, eventNames, type CallName, type EventMethodName, type EventName } from './api-names';
import type { ApiResult } from './api-wire';

export type ApiBridge = {
  readonly [K in CallName]: (input?: CallArg<K>) => Promise<ApiResult<CallOutput<K>>>;
} & {
  readonly [E in EventName as EventMethodName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

/** The two things the bridge needs from ipcRenderer, wrapped so the renderer never sees an IpcRendererEvent. */
export interface BridgeIpc {
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** Subscribes to a channel's payloads; returns the unsubscribe. */
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

/** Builds the object the preload exposes: one function per call and one `on…` per event, nothing else. */
export function createBridge(ipc: BridgeIpc): ApiBridge {
  const bridge: Record<string, unknown> = {};
  for (const call of callNames) {
    const channel = callChannel(call);
    bridge[call] = (input?: unknown) => ipc.invoke(channel, input);
  }
  for (const event of eventNames) {
    const channel = eventChannel(event);
    bridge[eventMethodName(event)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${eventMethodName(event)}: listener must be a function`);
      return ipc.on(channel, (payload) => listener(payload));
    };
  }
  return Object.freeze(bridge) as ApiBridge;
}

/** A transport over the exposed bridge (the renderer side of Electron mode). */
export function bridgeTransport(bridge: ApiBridge): ApiTransport {
  const calls = bridge as unknown as Record<CallName, (input: unknown) => Promise<ApiResult>>;
  const events = bridge as unknown as Record<string, (listener: (payload: unknown) => void) => () => void>;
  return {
    invoke: (call, input) => calls[call](input),
    subscribe: (event, listener) => events[eventMethodName(event)]!(listener),
  };
}
