// Reads the workers' event stream in order from where this database left off, hands each entry to `apply`
// (which records it and the new position in one transaction), and trims what is recorded from Redis.
import type { Redis } from 'ioredis';

export type StreamFields = Record<string, string>;

/** Stream ids ("ms-seq") compared as numbers. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as = '0'] = a.split('-');
  const [bm, bs = '0'] = b.split('-');
  const d = BigInt(am!) - BigInt(bm!) || BigInt(as) - BigInt(bs);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export class EventFeed {
  private closed = false;
  private loop: Promise<void> | null = null;
  private caughtUpTo = '0';
  private readonly caughtUpWaiters: { id: string; resolve: () => void }[] = [];

  constructor(
    private readonly reader: Redis,
    private readonly stream: string,
    private cursor: string,
    private readonly apply: (id: string, fields: StreamFields) => void,
    private readonly onError: (err: Error) => void,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Resolves once every entry up to `id` has been applied. */
  reached(id: string): Promise<void> {
    if (compareStreamIds(this.caughtUpTo, id) >= 0 || compareStreamIds(this.cursor, id) >= 0) return Promise.resolve();
    return new Promise((resolve) => this.caughtUpWaiters.push({ id, resolve }));
  }

  /** The id of the newest entry in the stream now ('0' when it is empty). */
  async newestId(): Promise<string> {
    const last = (await this.reader.xrevrange(this.stream, '+', '-', 'COUNT', 1)) as [string, string[]][];
    return last[0]?.[0] ?? '0';
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader.disconnect();
    await this.loop?.catch(() => {});
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      let batch: [string, [string, string[]][]][] | null;
      try {
        // Blocks up to 1 s for new entries; then the loop sees `closed` and the waiters get a chance.
        batch = (await this.reader.xread('COUNT', 100, 'BLOCK', 1000, 'STREAMS', this.stream, this.cursor)) as typeof batch;
      } catch (err) {
        if (this.closed) return;
        this.onError(err as Error);
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      const entries = batch?.[0]?.[1] ?? [];
      for (const [id, flat] of entries) {
        const fields: StreamFields = {};
        for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
        try {
          this.apply(id, fields);
        } catch (err) {
          // `apply` records what it cannot apply; should it throw anyway, one entry must not stop the feed.
          this.onError(new Error(`stream entry ${id} was not recorded: ${(err as Error).message}`));
        }
        this.cursor = id;
      }
      if (entries.length > 0) {
        // Recorded entries leave Redis; those after the cursor stay until this app has written them.
        this.reader.xtrim(this.stream, 'MINID', this.cursor).catch(() => {});
      } else {
        this.caughtUpTo = this.cursor;
      }
      this.wake(entries.length === 0);
    }
  }

  private wake(idle: boolean): void {
    for (let i = this.caughtUpWaiters.length - 1; i >= 0; i--) {
      const w = this.caughtUpWaiters[i]!;
      if (idle || compareStreamIds(this.cursor, w.id) >= 0) {
        this.caughtUpWaiters.splice(i, 1);
        w.resolve();
      }
    }
  }
}
