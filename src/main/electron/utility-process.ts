// A Node child inside the Electron app: utilityProcess.fork (the workbench service, each training process).
// Electron supervises it and tears it down with the app; only the main process can start one.
import { utilityProcess } from 'electron';
import type { RawProcess } from '../runs/process-host';

/**
 * Starts `entry` (a built .js file; no Node flags: relaxed SIMD is on in Electron's V8) as a utility process
 * named `serviceName` in the OS's task list. Must be called after the app's `ready` event.
 */
export function forkUtilityProcess(entry: string, serviceName: string): RawProcess {
  const child = utilityProcess.fork(entry, [], {
    // stdin must be 'ignore' for a utility process; stderr is piped for the crash reason.
    stdio: ['ignore', 'inherit', 'pipe'],
    serviceName,
  });
  let fatal: string | undefined;
  // NOTE: a V8 fatal error arrives here before 'exit'; Electron reports no signal, only the code.
  child.on('error', (type, location) => {
    fatal = `${type} at ${location}`;
  });
  return {
    get pid() {
      return child.pid;
    },
    // postMessage uses the structured clone algorithm: typed arrays and NaN survive.
    send: (msg) => child.postMessage(msg),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', (code) => listener(code, null, fatal)),
    stderr: child.stderr,
    kill: () => void child.kill(),
  };
}
