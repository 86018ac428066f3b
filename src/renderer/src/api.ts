// The renderer's one door to the workbench: `window.api` in the Electron window, HTTP + SSE in web mode.
// Nothing else in the renderer touches window.api, fetch or EventSource; stores call `api()`.
import type { ApiClient } from '../../shared/api-contract';
import { bridgeTransport, type ApiBridge } from '../../shared/api-bridge';
import { createApiClient, type ApiTransport } from '../../shared/api-client';
import { createHttpTransport, type HttpResponseLike } from '../../shared/http-transport';

export type ApiMode = 'electron' | 'web' | 'test';

let client: ApiClient | null = null;
let mode: ApiMode = 'web';
const reopenListeners = new Set<() => void>();
let opens = 0;

/** The event stream (re)opened: events sent while it was closed are lost, so stores re-read their state. */
function eventsOpened(): void {
  // The first open is the initial connection: stores loaded their state just before it.
  if (opens++ === 0) return;
  for (const listener of reopenListeners) listener();
}

function createTransport(): ApiTransport {
  const bridge = (window as unknown as { api?: ApiBridge }).api;
  if (bridge) {
    mode = 'electron';
    return bridgeTransport(bridge);
  }
  mode = 'web';
  // Same origin: the token arrived as an HttpOnly cookie when the page first loaded.
  return createHttpTransport({
    baseUrl: '',
    fetch: (url, init) => window.fetch(url, init) as Promise<HttpResponseLike>,
    EventSource: window.EventSource as unknown as new (url: string) => { onmessage: unknown; onopen: unknown; close(): void },
    onEventsOpen: eventsOpened,
  });
}

/** The typed client: calls reject with ApiError (name, message, field); events are `on…`. */
export function api(): ApiClient {
  client ??= createApiClient(createTransport());
  return client;
}

/** Which door this page talks through. */
export function apiMode(): ApiMode {
  api();
  return mode;
}

/** Calls `listener` whenever the event stream reconnects after a drop; returns the unsubscribe. */
export function onApiReconnect(listener: () => void): () => void {
  reopenListeners.add(listener);
  return () => reopenListeners.delete(listener);
}

/** Tests: use this client instead of the real door. */
export function useApiForTests(testClient: ApiClient): void {
  client = testClient;
  mode = 'test';
}
