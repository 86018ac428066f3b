// GET /api/events: the backend's events as Server-Sent Events, one subscription per open connection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WorkbenchEventSource } from '../../shared/api-contract';
import { formatSse, formatSseComment } from '../../shared/sse';

export interface EventStreamOptions {
  /** Interval of keep-alive comments (idle proxies and OS timers drop silent connections). */
  readonly keepAliveMs: number;
  /** A client this far behind is dropped (it reconnects and re-reads state) rather than buffered forever. */
  readonly maxBufferedBytes: number;
}

/** Open event streams, so the server can end them all on close. */
export class EventStreams {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly source: WorkbenchEventSource,
    private readonly options: EventStreamOptions,
  ) {}

  get size(): number {
    return this.open.size;
  }

  /** Turns the response into an event stream until the client goes away or `closeAll` is called. */
  attach(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    req.socket.setNoDelay(true);
    // `retry` tells EventSource how soon to reconnect; the comment lets a client know it is subscribed.
    res.write(`retry: 2000\n${formatSseComment('connected')}`);

    let done = false;
    let unsubscribe = () => {};
    // The callback runs keepAliveMs later, after `write` below exists.
    const timer = setInterval(() => write(formatSseComment('keep-alive')), this.options.keepAliveMs);
    timer.unref();
    const cleanup = () => {
      if (done) return;
      done = true;
      clearInterval(timer);
      unsubscribe();
      this.open.delete(end);
    };
    const end = () => {
      cleanup();
      res.end();
    };
    const write = (chunk: string) => {
      if (done) return;
      if (res.writableLength > this.options.maxBufferedBytes) {
        cleanup();
        res.destroy();
        return;
      }
      res.write(chunk);
    };
    unsubscribe = this.source.subscribe((event) => write(formatSse({ data: JSON.stringify(event) })));
    this.open.add(end);
    req.on('close', cleanup);
    res.on('close', cleanup);
  }

  closeAll(): void {
    for (const end of [...this.open]) end();
  }
}
