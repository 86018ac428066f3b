// A child process's end as its host reports it: exit code, signal and the last few KB of stderr, once, after the
// rest of stderr has come through the pipe (a crash's stack trace may still be in it when the exit is seen).
import type { ExitListener, RawProcess } from './process-host';
import { StderrTail } from './stderr-tail';

/**
 * How long to wait for the rest of stderr after the exit. The pipe's end normally comes within milliseconds; the
 * timeout only guards against a grandchild holding the pipe open. On a loaded machine 250 ms cut crash traces short.
 */
const STDERR_GRACE_MS = 3000;

export interface ExitReportOptions {
  /** Characters of stderr kept (default 4096). */
  readonly tailChars?: number;
  /** Sees every stderr chunk as it comes (the service's stderr is echoed to the app's). */
  readonly onStderr?: (chunk: string) => void;
}

/** Collects `raw`'s stderr and calls `listener` once when it has exited, with the host's note appended to the tail. */
export function reportExit(raw: Pick<RawProcess, 'stderr' | 'onExit'>, listener: ExitListener, options: ExitReportOptions = {}): void {
  const tail = new StderrTail(options.tailChars);
  let stderrOpen = raw.stderr !== null;
  let reported = false;
  raw.stderr?.setEncoding('utf8');
  raw.stderr?.on('data', (chunk: string) => {
    tail.push(chunk);
    options.onStderr?.(chunk);
  });
  raw.stderr?.on('close', () => (stderrOpen = false));
  raw.stderr?.on('end', () => (stderrOpen = false));
  raw.onExit((code, signal, note) => {
    const report = () => {
      if (reported) return;
      reported = true;
      if (note) tail.push(`${note}\n`);
      listener(code, signal, tail.toString());
    };
    if (!stderrOpen) return report();
    raw.stderr?.once('close', report);
    raw.stderr?.once('end', report);
    setTimeout(report, STDERR_GRACE_MS);
  });
}
