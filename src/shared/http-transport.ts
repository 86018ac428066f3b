// The web door's transport: calls as `POST /api/<call>` (JSON), events from `GET /api/events` (Server-Sent Events).
// fetch and EventSource are injected (this room sees neither DOM nor Node); without EventSource the events
// are read by streaming fetch (Node, the CLI, tests).
import type { ApiTransport } from './api-client';
import { isEventName, type EventName } from './api-names';
import { asWireError, type ApiResult } from './api-wire';
import { SseParser } from './sse';

export interface HttpRequestInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  credentials: 'same-origin';
}

interface StreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}

export interface HttpResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  readonly body: { getReader(): StreamReader } | null;
}

export interface HttpTransportOptions {
  /** Origin of the web server, e.g. "http://127.0.0.1:4321"; "" for the page's own origin (the browser). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` (and `?token=` for events). The browser needs none: its cookie is set. */
  token?: string;
  fetch: (url: string, init: HttpRequestInit) => Promise<HttpResponseLike>;
  /** The browser's EventSource (reconnects by itself). Without it, events are read by streaming fetch. */
  EventSource?: new (url: string) => { onmessage: unknown; onopen: unknown; close(): void };
  /** Called whenever the event stream (re)opens: events sent while it was closed are lost, so re-read state here. */
  onEventsOpen?: () => void;
  /** Wait before reconnecting a streaming-fetch event stream (default 1000 ms). */
  reconnectMs?: number;
}

type Listener = (payload: unknown) => void;

/** A transport to the workbench web server. Events share one connection, opened on the first subscription. */
export function createHttpTransport(options: HttpTransportOptions): ApiTransport {
  const listeners = new Map<EventName, Set<Listener>>();
  let stop: (() => void) | null = null;

  const deliver = (data: string) => {
    let message: { event?: unknown; payload?: unknown };
    try {
      message = JSON.parse(data) as typeof message;
    } catch {
      return;
    }
    if (!isEventName(message.event)) return;
    for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
  };

  return {
    async invoke(call, input): Promise<ApiResult> {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      let response: HttpResponseLike;
      try {
        const body = input === undefined ? '' : JSON.stringify(input);
        response = await options.fetch(`${options.baseUrl}/api/${call}`, { method: 'POST', headers, body, credentials: 'same-origin' });
      } catch (err) {
        return { ok: false, error: { name: 'NetworkError', message: `cannot reach the workbench: ${(err as Error).message}` } };
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (response.status >= 200 && response.status < 300) return { ok: true, value: body };
      return { ok: false, error: asWireError(body, `HTTP ${response.status} from ${call}`) };
    },

    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const own: Listener = (p) => listener(p);
      set.add(own);
      stop ??= openEvents(options, deliver);
      return () => {
        set.delete(own);
        if ([...listeners.values()].every((s) => s.size === 0)) {
          stop?.();
          stop = null;
        }
      };
    },
  };
}

function eventsUrl(options: HttpTransportOptions): string {
  const query = options.token ? `?token=${encodeURIComponent(options.token)}` : '';
  return `${options.baseUrl}/api/events${query}`;
}

function openEvents(options: HttpTransportOptions, deliver: (data: string) => void): () => void {
  if (options.EventSource) {
    const source = new options.EventSource(eventsUrl(options)) as { onmessage: unknown; onopen: unknown; close(): void };
    source.onmessage = (e: { data: string }) => deliver(e.data);
    source.onopen = () => options.onEventsOpen?.();
    return () => source.close();
  }
  return streamEvents(options, deliver);
}

/** Reads the event stream with fetch, reconnecting until stopped. */
function streamEvents(options: HttpTransportOptions, deliver: (data: string) => void): () => void {
  let stopped = false;
  let reader: StreamReader | null = null;
  const Decoder = (globalThis as unknown as { TextDecoder: new () => { decode(b?: Uint8Array, o?: { stream: boolean }): string } }).TextDecoder;
  const loop = async () => {
    while (!stopped) {
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream' };
        if (options.token) headers.Authorization = `Bearer ${options.token}`;
        const response = await options.fetch(`${options.baseUrl}/api/events`, { method: 'GET', headers, credentials: 'same-origin' });
        if (response.status !== 200 || !response.body) throw new Error(`HTTP ${response.status}`);
        reader = response.body.getReader();
        if (stopped) {
          await reader.cancel();
          break;
        }
        options.onEventsOpen?.();
        const parser = new SseParser();
        const decoder = new Decoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          for (const m of parser.feed(decoder.decode(value, { stream: true }))) if (m.event === 'message') deliver(m.data);
        }
      } catch {
        // The server went away or refused: try again after a pause, as EventSource would.
      }
      reader = null;
      if (!stopped)
        await new Promise((r) =>
          (globalThis as unknown as { setTimeout(f: () => void, ms: number): unknown }).setTimeout(() => r(null), options.reconnectMs ?? 1000),
        );
    }
  };
  void loop();
  return () => {
    stopped = true;
    void (reader as StreamReader | null)?.cancel().catch(() => undefined);
  };
}
