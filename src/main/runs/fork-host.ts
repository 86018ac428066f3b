// The process host outside Electron (CLI, web mode, tests): child_process.fork with structured-clone IPC.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type ProcessHost, type RawProcess, wrapProcess } from './process-host';

export interface ForkHostOptions {
  /** Node flags of the child (default: none, or tsx for a `.ts` entry). */
  readonly execArgv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Characters of stderr kept for the exit report (default 4096). */
  readonly stderrTailChars?: number;
}

/** The training process entry when running from sources (src/main/worker/entry.ts). */
export function sourceWorkerEntry(): string {
  return fileURLToPath(new URL('../worker/entry.ts', import.meta.url));
}

/**
 * Flags for `entry`: tsx for a `.ts` entry, nothing for a built one. NOTE: never a V8 flag such as
 * --experimental-wasm-relaxed-simd, a fatal "bad option" on Node 22/24; relaxed SIMD is detected at run time.
 */
export function defaultExecArgv(entry: string): string[] {
  if (!entry.endsWith('.ts')) return [];
  let tsx = 'tsx';
  try {
    // An absolute URL, so the child finds tsx whatever its working directory.
    tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    // Leave it to the child's own resolution.
  }
  return ['--import', tsx];
}

export function createForkHost(options: ForkHostOptions = {}): ProcessHost {
  return { kind: 'fork', spawn: (entry) => wrapProcess(forkProcess(entry, options), options.stderrTailChars) };
}

/**
 * Starts `entry` as a Node child with a structured-clone IPC channel and stderr piped (a training process
 * here, or the workbench service; see service/fork-service.ts).
 */
export function forkProcess(entry: string, options: Omit<ForkHostOptions, 'stderrTailChars'> = {}): RawProcess {
  const child = fork(entry, [], {
    execArgv: [...(options.execArgv ?? defaultExecArgv(entry))],
    // NOTE: 'advanced' (V8 structured clone) carries Uint8Array and NaN; the default JSON does not.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    env: options.env,
    cwd: options.cwd,
  });
  let spawnError: Error | null = null;
  // Without a listener an 'error' (failed spawn, send to a dead channel) would crash the main process.
  child.on('error', (err) => {
    if (child.pid === undefined) spawnError ??= err;
  });
  return {
    get pid() {
      return child.pid;
    },
    send(msg) {
      if (child.connected) child.send(msg as object, undefined, {}, () => {});
    },
    onMessage: (listener) => void child.on('message', listener),
    // 'close' comes after the last message and the end of stderr, unlike 'exit'.
    onExit: (listener) =>
      void child.on('close', (code, signal) => listener(code, signal, spawnError ? `could not start ${entry}: ${spawnError.message}` : undefined)),
    stderr: child.stderr,
    kill: () => void child.kill('SIGTERM'),
  };
}
