// The main process's handle on the workbench service process: calls cross to it and come back as envelopes,
// events come back as events, and the training processes it asks for are started here (ProcessRelay).
// The process that owns the windows thus only moves messages: SQLite, predict and reports run in the service.
import { createApiClient } from '../../shared/api-client';
import type { ApiClient, WorkbenchEvent, WorkbenchEventSource } from '../../shared/api-contract';
import type { Dispatch } from '../../shared/api-dispatch';
import { ApiError, type ApiResult } from '../../shared/api-wire';
import { reportExit } from '../runs/exit-report';
import type { RawProcess } from '../runs/process-host';
import { EventHub } from '../workbench/event-hub';
import { ProcessRelay } from './process-relay';
import { type FromService, isProcessRequest, messageType, type ServiceOptions, type ServiceStartup, type ToService } from './service-protocol';

export interface WorkbenchService extends WorkbenchEventSource {
  readonly pid: number | undefined;
  readonly startup: ServiceStartup;
  /** Runs a call in the service: resolves with its envelope, never rejects (a stopped service answers ServiceStoppedError). */
  readonly dispatch: Dispatch;
  /** Called once if the service process stops without being asked to; calls then fail with the same reason. */
  onCrash(listener: (reason: string) => void): void;
  /** Lets the calls in flight finish, closes the workbench (running runs cancelled, their metrics kept), waits for the exit. */
  close(options?: { keepQueued?: boolean }): Promise<void>;
}

export interface StartServiceOptions {
  /** The service process, just started (utilityProcess.fork or child_process.fork of service-entry). */
  readonly channel: RawProcess;
  /** Starts a training process for the service (only main can, see relayed-process-host.ts). */
  readonly spawnTraining: (entry: string) => RawProcess;
  readonly options: ServiceOptions;
  /** How long close() waits for the service to exit before killing it (default 30 s: runs get their cancel grace). */
  readonly closeTimeoutMs?: number;
  /** Where the service's stderr goes besides the crash report (default this process's stderr). */
  readonly echoStderr?: (chunk: string) => void;
}

/**
 * Opens the workbench in the service process. Rejects with the service's own error (name kept: e.g.
 * DataDirLockedError) when it cannot open, or with the exit and stderr tail when the process dies first.
 */
export function startWorkbenchService(o: StartServiceOptions): Promise<WorkbenchService> {
  const { channel } = o;
  const send = (msg: ToService) => channel.send(msg);
  const relay = new ProcessRelay(o.spawnTraining, (report) => send(report));
  const hub = new EventHub();
  const pending = new Map<number, (result: ApiResult) => void>();
  const crashListeners: ((reason: string) => void)[] = [];
  let crash: string | null = null;
  let state: 'opening' | 'open' | 'closing' | 'exited' = 'opening';
  let stopped: string | null = null;
  let nextId = 1;
  let opened: (startup: ServiceStartup) => void = () => {};
  let openFailed: (err: Error) => void = () => {};
  let exited: (code: number | null, signal: string | null, tail: string) => void = () => {};
  const exit = new Promise<[number | null, string | null, string]>((resolve) => (exited = (...e) => resolve(e)));

  channel.onMessage((raw) => {
    const type = messageType(raw);
    if (type === undefined) return;
    const msg = raw as FromService;
    switch (msg.type) {
      case 'opened':
        return opened(msg.startup);
      case 'openFailed':
        return openFailed(new ApiError(msg.error));
      case 'result': {
        const resolve = pending.get(msg.id);
        pending.delete(msg.id);
        return resolve?.(msg.result);
      }
      case 'event':
        return hub.emit(msg.event);
      case 'closed':
        return;
      default:
        if (isProcessRequest(msg)) relay.handle(msg);
    }
  });

  reportExit(
    channel,
    (code, signal, tail) => {
      const wasClosing = state === 'closing';
      state = 'exited';
      relay.killAll();
      stopped = wasClosing && code === 0 ? 'the workbench is closed' : describeExit('stopped unexpectedly', code, signal, tail);
      for (const resolve of pending.values()) resolve(stoppedResult(stopped));
      pending.clear();
      exited(code, signal, tail);
      if (wasClosing) return;
      crash = stopped;
      for (const l of crashListeners) l(crash);
    },
    { onStderr: o.echoStderr ?? ((chunk) => process.stderr.write(chunk)) },
  );

  const dispatch: Dispatch = (call, input) => {
    if (state !== 'open') return Promise.resolve(stoppedResult(stopped ?? 'the workbench is shutting down'));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      send({ type: 'call', id, call, input });
    });
  };

  let closing: Promise<void> | null = null;
  const close = ({ keepQueued = true }: { keepQueued?: boolean } = {}) =>
    (closing ??= (async () => {
      if (state === 'exited') return;
      state = 'closing';
      send({ type: 'close', keepQueued });
      const timer = setTimeout(() => {
        process.stderr.write('the workbench service did not stop in time: killing it\n');
        channel.kill();
      }, o.closeTimeoutMs ?? 30_000);
      const [code, signal, tail] = await exit;
      clearTimeout(timer);
      if (code !== 0) throw new Error(describeExit('did not close cleanly', code, signal, tail));
    })());

  return new Promise((resolve, reject) => {
    opened = (startup) => {
      state = 'open';
      resolve({
        get pid() {
          return channel.pid;
        },
        startup,
        dispatch,
        subscribe: (listener: (event: WorkbenchEvent) => void) => hub.subscribe(listener),
        onCrash: (listener) => (crash === null ? void crashListeners.push(listener) : listener(crash)),
        close,
      });
    };
    openFailed = (err) => {
      state = 'closing';
      reject(err);
    };
    void exit.then(([code, signal, tail]) => reject(new Error(describeExit('could not start', code, signal, tail))));
    send({ type: 'open', options: o.options });
  });
}

/** The typed client over the service (calls reject with ApiError), as the CLI, tests and the bench use it. */
export function serviceClient(service: WorkbenchService): ApiClient {
  return createApiClient({
    invoke: (call, input) => service.dispatch(call, input),
    subscribe: (event, listener) =>
      service.subscribe((e) => {
        if (e.event === event) listener(e.payload);
      }),
  });
}

function stoppedResult(message: string): ApiResult {
  return { ok: false, error: { name: 'ServiceStoppedError', message } };
}

/** One paragraph a dialog can show: how it ended and the last lines it wrote (the stack of a crash). */
function describeExit(what: string, code: number | null, signal: string | null, tail: string): string {
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  const lines = tail.trim().split('\n').slice(-12).join('\n');
  return `the workbench service ${what} (${how})${lines ? `:\n${lines}` : ''}`;
}
