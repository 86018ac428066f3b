// The process host inside the Electron app: each training process is a utilityProcess (a Node child that
// Electron supervises and tears down with the app). Only this room may import electron.
import { utilityProcess } from 'electron';
import { type ProcessHost, wrapProcess } from '../runs/process-host';

export interface UtilityHostOptions {
  /** Node flags of the child (default none: a built app runs the bundled .js entry; relaxed SIMD is on in Electron's V8). */
  readonly execArgv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Characters of stderr kept for the exit report (default 4096). */
  readonly stderrTailChars?: number;
}

/** Must be called after the app's `ready` event (utilityProcess.fork refuses earlier). */
export function createUtilityProcessHost(options: UtilityHostOptions = {}): ProcessHost {
  return {
    kind: 'utility',
    spawn(entry) {
      const child = utilityProcess.fork(entry, [], {
        execArgv: [...(options.execArgv ?? [])],
        env: options.env,
        // stdin must be 'ignore' for a utility process; stderr is piped for the crash reason.
        stdio: ['ignore', 'inherit', 'pipe'],
        serviceName: 'NN Workbench training',
      });
      let fatal: string | undefined;
      // NOTE: a V8 fatal error arrives here before 'exit'; Electron reports no signal, only the code.
      child.on('error', (type, location) => {
        fatal = `${type} at ${location}`;
      });
      return wrapProcess(
        {
          get pid() {
            return child.pid;
          },
          // postMessage uses the structured clone algorithm: typed arrays and NaN survive.
          send: (msg) => child.postMessage(msg),
          onMessage: (listener) => void child.on('message', listener),
          onExit: (listener) => void child.on('exit', (code) => listener(code, null, fatal)),
          stderr: child.stderr,
          kill: () => void child.kill(),
        },
        options.stderrTailChars,
      );
    },
  };
}
