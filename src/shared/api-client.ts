// The typed client, generated from the contract's name lists over any transport (IPC bridge, HTTP, in-process).
import type { ApiClient, WorkbenchBackend } from './api-contract';
import { callNames, eventMethodName, eventNames, type CallName, type EventName } from './api-names';
import { createDispatcher } from './api-dispatch';
import { ApiError, type ApiResult } from './api-wire';

/** Moves calls and events; knows nothing of their types. */
export interface ApiTransport {
  /** Resolves with the envelope; rejects only if the transport itself broke. */
  invoke(call: CallName, input: unknown): Promise<ApiResult>;
  /** Delivers every payload of `event` until the returned function is called. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** A client whose calls resolve with the value or reject with ApiError (name, message, field). */
export function createApiClient(transport: ApiTransport): ApiClient {
  const client: Record<string, unknown> = {};
  for (const call of callNames) {
    client[call] = async (input?: unknown) => {
      const result = await transport.invoke(call, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    };
  }
  for (const event of eventNames) {
    client[eventMethodName(event)] = (listener: (payload: unknown) => void) => transport.subscribe(event, listener);
  }
  return client as ApiClient;
}

/**
 * A transport straight to a backend in the same process (CLI, tests): the same validation as IPC and HTTP,
 * and payloads copied through JSON so callers see exactly what a remote client would.
 */
export function inProcessTransport(backend: WorkbenchBackend): ApiTransport {
  const dispatch = createDispatcher(backend);
  const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  return {
    invoke: async (call, input) => copy(await dispatch(call, copy(input))),
    subscribe: (event, listener) =>
      backend.subscribe((e) => {
        if (e.event === event) listener(copy(e.payload));
      }),
  };
}
