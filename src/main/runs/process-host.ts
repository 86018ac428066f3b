// One training process per run, behind one interface whatever starts it (child_process.fork here,
// Electron's utilityProcess in the app). Every message a worker sends is validated before anyone sees it.
import { type MainMessageInput, parseWorkerMessage, protocolError, type WorkerMessage } from '../../shared/worker-protocol';
import { reportExit } from './exit-report';

export type ExitListener = (code: number | null, signal: string | null, stderrTail: string) => void;

export interface TrainingProcess {
  /** Undefined until the OS has started it (and, for Electron, after it exited). */
  readonly pid: number | undefined;
  /** Sends `start` or `cancel`; a message to a process that has gone is dropped (its exit says why). */
  send(msg: MainMessageInput): void;
  /**
   * Valid messages only. A message that fails validation is never delivered: the listener gets a
   * `failed` with a `ProtocolError` naming the bad field instead, and the process is killed.
   */
  onMessage(listener: (msg: WorkerMessage) => void): void;
  /** Called once, after the last message; a listener added after the exit is called at once. */
  onExit(listener: ExitListener): void;
  /** Ends the process now (SIGTERM); for a clean stop send `cancel` and wait for `done`. */
  kill(): void;
}

export interface ProcessHost {
  /** How its processes start: child_process.fork, Electron's utilityProcess, or by the main process for the service (relay). */
  readonly kind: 'fork' | 'utility' | 'relay';
  /** Starts `entry` (a path to the training process entry) as a training process. */
  spawn(entry: string): TrainingProcess;
}

/** What a host adapter provides: a process that moves messages by structured clone. */
export interface RawProcess {
  readonly pid: number | undefined;
  send(msg: unknown): void;
  onMessage(listener: (raw: unknown) => void): void;
  /**
   * The process ended; `signal` is null where the platform does not say (Electron). `note` is the host's
   * own word on it (a failed spawn, a fatal V8 error), appended to the stderr tail.
   */
  onExit(listener: (code: number | null, signal: string | null, note?: string) => void): void;
  readonly stderr: NodeJS.ReadableStream | null;
  kill(): void;
}

/** Adds validation, the stderr tail and once-only exit reporting to a host's raw process. */
export function wrapProcess(raw: RawProcess, tailChars = 4096): TrainingProcess {
  const messageListeners: ((msg: WorkerMessage) => void)[] = [];
  const exitListeners: ExitListener[] = [];
  let exit: [number | null, string | null, string] | null = null;
  let runId: string | null = null;
  let rejected = false;

  const deliver = (msg: WorkerMessage) => {
    for (const l of messageListeners) l(msg);
  };
  raw.onMessage((data) => {
    if (rejected || exit) return;
    let msg: WorkerMessage;
    try {
      msg = parseWorkerMessage(data);
    } catch (err) {
      // A worker that speaks garbage cannot be trusted with the rest of the run.
      rejected = true;
      deliver({ type: 'failed', runId, error: protocolError(err) });
      raw.kill();
      return;
    }
    deliver(msg);
  });

  reportExit(
    raw,
    (...ended) => {
      exit = ended;
      for (const l of exitListeners) l(...ended);
    },
    { tailChars },
  );

  return {
    get pid() {
      return raw.pid;
    },
    send(msg) {
      if (exit) return;
      if (msg.type === 'start') runId = msg.runId;
      raw.send(msg);
    },
    onMessage: (listener) => void messageListeners.push(listener),
    onExit(listener) {
      if (exit) listener(...exit);
      else exitListeners.push(listener);
    },
    kill() {
      if (!exit) raw.kill();
    },
  };
}
