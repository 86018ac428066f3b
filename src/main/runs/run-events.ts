// The run manager's typed events, pushed after each write so the IPC and web front doors can forward them.
import type { RunEpochEvent, RunProgressEvent } from '../../shared/api-contract';
import type { Experiment, Run } from '../db';

/**
 * Event name → payload. The names are the API's (`api-contract.ts` `apiEvents`); `runProgress` and
 * `runEpoch` carry the API's payloads as they are, while `runUpdated` and `gridUpdated` carry the store's
 * rows, which the workbench turns into a RunSummary / GridSummary (it knows dataset titles and grid counts).
 */
export interface RunEventMap {
  /** A run was created or changed: status, environment, epoch scores. */
  runUpdated: Run;
  /** Step metrics of a running run, one event per progress message (a few per second). */
  runProgress: RunProgressEvent;
  /** An epoch was written; sent after its histograms and weight snapshot, when it has them. */
  runEpoch: RunEpochEvent;
  /** A grid was created, or one of its runs changed status. */
  gridUpdated: Experiment;
}

export type RunEventName = keyof RunEventMap;
export type RunEventListener<E extends RunEventName> = (payload: RunEventMap[E]) => void;

export class RunEvents {
  private readonly listeners: { [E in RunEventName]: Set<RunEventListener<E>> } = {
    runUpdated: new Set(),
    runProgress: new Set(),
    runEpoch: new Set(),
    gridUpdated: new Set(),
  };

  /** @param onListenerError where a throwing listener's error goes; it never reaches the writer. */
  constructor(private readonly onListenerError: (err: unknown) => void = (err) => console.error('run event listener failed:', err)) {}

  /** Calls `listener` for each `event` until the returned function is called. */
  on<E extends RunEventName>(event: E, listener: RunEventListener<E>): () => void {
    const set = this.listeners[event] as Set<RunEventListener<E>>;
    set.add(listener);
    return () => void set.delete(listener);
  }

  /** Whether anyone listens: callers skip building a payload nobody would read. */
  has(event: RunEventName): boolean {
    return this.listeners[event].size > 0;
  }

  /** Sends `payload` (or what `payload()` builds, only when someone listens) to every listener of `event`. */
  emit<E extends RunEventName>(event: E, payload: RunEventMap[E] | (() => RunEventMap[E] | undefined)): void {
    const set = this.listeners[event] as Set<RunEventListener<E>>;
    if (set.size === 0) return;
    const value = typeof payload === 'function' ? (payload as () => RunEventMap[E] | undefined)() : payload;
    if (value === undefined) return;
    for (const listener of set) {
      try {
        listener(value);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}
