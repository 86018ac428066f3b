// The main process's half of the service's process host (see relayed-process-host.ts): starts the training
// processes the service asks for and passes everything on untouched — messages both ways, stderr, the exit.
// Main does no parsing: the service validates what the processes say, so this thread only moves messages.
// NOTE: a MessageChannelMain per run would spare main even that, but child_process.fork cannot hand ports on, so
// the app's path would no longer be the one tested here; and a run sends only a few batched messages a second.
import type { RawProcess } from '../runs/process-host';
import type { ProcessReport, ProcessRequest } from './service-protocol';

export class ProcessRelay {
  private readonly processes = new Map<number, RawProcess>();

  constructor(
    /** Starts a training process: utilityProcess.fork in the app, child_process.fork elsewhere. */
    private readonly spawn: (entry: string) => RawProcess,
    private readonly report: (report: ProcessReport) => void,
  ) {}

  /** Training processes still running. */
  get size(): number {
    return this.processes.size;
  }

  handle(req: ProcessRequest): void {
    switch (req.type) {
      case 'proc:spawn':
        return this.start(req.proc, req.entry);
      case 'proc:send':
        return this.processes.get(req.proc)?.send(req.message);
      case 'proc:kill':
        return this.processes.get(req.proc)?.kill();
    }
  }

  /** Ends every process (the service is gone: nobody would hear from them). */
  killAll(): void {
    for (const raw of this.processes.values()) raw.kill();
  }

  private start(proc: number, entry: string): void {
    let raw: RawProcess;
    try {
      raw = this.spawn(entry);
    } catch (err) {
      this.report({ type: 'proc:stderrEnd', proc });
      this.report({ type: 'proc:exit', proc, code: null, signal: null, note: `could not start ${entry}: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    this.processes.set(proc, raw);
    // A utility process has its pid only once the OS started it: say it with the first message after that.
    let pidSaid = false;
    const sayPid = () => {
      if (pidSaid || raw.pid === undefined) return;
      pidSaid = true;
      this.report({ type: 'proc:pid', proc, pid: raw.pid });
    };
    sayPid();
    raw.onMessage((message) => {
      sayPid();
      this.report({ type: 'proc:message', proc, message });
    });
    let stderrEnded = false;
    const endStderr = () => {
      if (!stderrEnded) this.report({ type: 'proc:stderrEnd', proc });
      stderrEnded = true;
    };
    if (raw.stderr) {
      raw.stderr.setEncoding('utf8');
      raw.stderr.on('data', (chunk: string) => this.report({ type: 'proc:stderr', proc, chunk }));
      raw.stderr.once('end', endStderr);
      raw.stderr.once('close', endStderr);
    } else {
      endStderr();
    }
    raw.onExit((code, signal, note) => {
      this.processes.delete(proc);
      this.report({ type: 'proc:exit', proc, code, signal, ...(note ? { note } : {}) });
    });
  }
}
