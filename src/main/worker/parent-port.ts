// A child process's line to the main process (a training process's, the workbench service's): Electron's
// `process.parentPort` inside the app, Node's `process.send` under child_process.fork. The rest never sees which.
import type { WorkerMessage } from '../../shared/worker-protocol';

export interface ParentLink<Out = WorkerMessage> {
  readonly kind: 'electron' | 'node';
  /** Resolves once the message has left this process (so exiting right after cannot lose it). */
  send(msg: Out): Promise<void>;
  /** Raw messages from the main process; validate before use. */
  onMessage(listener: (raw: unknown) => void): void;
  /** The main process went away (Node only: Electron tears its utility processes down itself). */
  onDisconnect(listener: () => void): void;
}

/** The part of Electron's `process.parentPort` we use (declared here: electron is not importable in the worker). */
interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** Connects to whichever parent started this process; throws when it was started by neither. */
export function connectToParent<Out = WorkerMessage>(proc: NodeJS.Process = process): ParentLink<Out> {
  const port = (proc as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;
  if (port) {
    return {
      kind: 'electron',
      send: (msg) => {
        port.postMessage(msg);
        // NOTE: postMessage hands the message to Electron's IPC synchronously; one turn of the loop lets it go.
        return new Promise((resolve) => setImmediate(resolve));
      },
      onMessage: (listener) => port.on('message', (e) => listener(e.data)),
      onDisconnect: () => {},
    };
  }
  const send = proc.send?.bind(proc);
  if (!send || !proc.connected) {
    throw new Error('this process must be started by the app (utilityProcess.fork or child_process.fork with an IPC channel)');
  }
  return {
    kind: 'node',
    send: (msg) =>
      new Promise((resolve, reject) => {
        send(msg, undefined, {}, (err: Error | null) => (err ? reject(err) : resolve()));
      }),
    onMessage: (listener) => proc.on('message', listener),
    onDisconnect: (listener) => proc.on('disconnect', listener),
  };
}
