// The service's process host: training processes that the main process starts and supervises for it.
// Why not start them here: in the packaged app the RunAsNode fuse is off, so child_process.fork of the app's
// binary would start a second app, not Node, and utilityProcess.fork exists only in Electron's main process.
// Main relays the processes' raw messages; they are validated here (wrapProcess), off the windows' thread.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { type ProcessHost, type RawProcess, wrapProcess } from '../runs/process-host';
import type { ProcessReport, ProcessRequest } from './service-protocol';

export interface RelayedProcessHost {
  readonly host: ProcessHost;
  /** Feeds what main reports of a process to it. */
  receive(report: ProcessReport): void;
}

export function createRelayedProcessHost(request: (req: ProcessRequest) => void, stderrTailChars?: number): RelayedProcessHost {
  const processes = new Map<number, RelayedProcess>();
  let next = 1;
  return {
    host: {
      kind: 'relay',
      spawn(entry) {
        const proc = next++;
        const relayed = new RelayedProcess(proc, request, () => processes.delete(proc));
        processes.set(proc, relayed);
        request({ type: 'proc:spawn', proc, entry });
        return wrapProcess(relayed, stderrTailChars);
      },
    },
    receive: (report) => processes.get(report.proc)?.receive(report),
  };
}

/** One training process as main reports it, shaped as a host's raw process. */
class RelayedProcess implements RawProcess {
  readonly stderr = new PassThrough();
  private readonly events = new EventEmitter();
  private processId: number | undefined;
  private exit: [number | null, string | null, string | undefined] | null = null;
  private stderrEnded = false;

  constructor(
    private readonly proc: number,
    private readonly request: (req: ProcessRequest) => void,
    private readonly forget: () => void,
  ) {}

  /** Undefined until main has said (a utility process gets its pid once the OS has started it). */
  get pid(): number | undefined {
    return this.processId;
  }

  send(message: unknown): void {
    if (!this.exit) this.request({ type: 'proc:send', proc: this.proc, message });
  }

  onMessage(listener: (raw: unknown) => void): void {
    this.events.on('message', listener);
  }

  /** A listener added after the exit (a spawn that failed at once) is called at once. */
  onExit(listener: (code: number | null, signal: string | null, note?: string) => void): void {
    if (this.exit) listener(...this.exit);
    else this.events.on('exit', listener);
  }

  kill(): void {
    if (!this.exit) this.request({ type: 'proc:kill', proc: this.proc });
  }

  receive(report: ProcessReport): void {
    switch (report.type) {
      case 'proc:pid':
        this.processId = report.pid;
        break;
      case 'proc:message':
        this.events.emit('message', report.message);
        break;
      case 'proc:stderr':
        this.stderr.write(report.chunk);
        break;
      case 'proc:stderrEnd':
        this.stderrEnded = true;
        this.stderr.end();
        break;
      case 'proc:exit':
        this.exit = [report.code, report.signal, report.note];
        this.events.emit('exit', ...this.exit);
        break;
    }
    // Stderr may end after the exit (Electron reports the exit first): forget the process once both are in.
    if (this.exit && this.stderrEnded) this.forget();
  }
}
