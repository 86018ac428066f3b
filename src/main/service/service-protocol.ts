// The messages between the main process and the workbench service process: open/close, calls and their answers,
// events, and the training processes the service has main run for it. They move by structured clone both ways
// (child_process 'advanced' serialization, Electron's postMessage), so typed arrays and NaN survive.
import type { WorkbenchEvent } from '../../shared/api-contract';
import type { ApiResult, WireError } from '../../shared/api-wire';
import type { Workbench, WorkbenchOptions } from '../workbench/create-workbench';

/** What the service opens: the workbench options that can cross a process boundary (its process host is the relay). */
export type ServiceOptions = Omit<WorkbenchOptions, 'processHost'>;

/** What the service found at start: runs a killed app left running (now interrupted), runs requeued. */
export type ServiceStartup = Workbench['startup'];

/** What main reports of a training process it runs for the service; `proc` is the service's number for it. */
export type ProcessReport =
  | { readonly type: 'proc:pid'; readonly proc: number; readonly pid: number }
  | { readonly type: 'proc:message'; readonly proc: number; readonly message: unknown }
  | { readonly type: 'proc:stderr'; readonly proc: number; readonly chunk: string }
  | { readonly type: 'proc:stderrEnd'; readonly proc: number }
  | { readonly type: 'proc:exit'; readonly proc: number; readonly code: number | null; readonly signal: string | null; readonly note?: string };

/** What the service asks of main for a training process. */
export type ProcessRequest =
  | { readonly type: 'proc:spawn'; readonly proc: number; readonly entry: string }
  | { readonly type: 'proc:send'; readonly proc: number; readonly message: unknown }
  | { readonly type: 'proc:kill'; readonly proc: number };

/** Main → service. */
export type ToService =
  | { readonly type: 'open'; readonly options: ServiceOptions }
  | { readonly type: 'call'; readonly id: number; readonly call: string; readonly input: unknown }
  /** Finish the calls in flight, close the workbench (running runs cancelled), answer `closed`, exit 0. */
  | { readonly type: 'close'; readonly keepQueued: boolean }
  | ProcessReport;

/** Service → main. */
export type FromService =
  | { readonly type: 'opened'; readonly startup: ServiceStartup }
  | { readonly type: 'openFailed'; readonly error: WireError }
  | { readonly type: 'result'; readonly id: number; readonly result: ApiResult }
  | { readonly type: 'event'; readonly event: WorkbenchEvent }
  | { readonly type: 'closed' }
  | ProcessRequest;

/** The `type` of a message, or undefined for something that is not one of ours. */
export function messageType(msg: unknown): string | undefined {
  const type = typeof msg === 'object' && msg !== null ? (msg as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : undefined;
}

export function isProcessRequest(msg: { readonly type: string }): msg is ProcessRequest {
  return msg.type === 'proc:spawn' || msg.type === 'proc:send' || msg.type === 'proc:kill';
}

export function isProcessReport(msg: { readonly type: string }): msg is ProcessReport {
  return msg.type.startsWith('proc:') && !isProcessRequest(msg);
}
