// The service's outgoing events: front doors subscribe; a throwing listener never disturbs the others.
import type { WorkbenchEvent, WorkbenchEventSource } from '../../shared/api-contract';

export class EventHub implements WorkbenchEventSource {
  private readonly listeners = new Set<(event: WorkbenchEvent) => void>();

  constructor(private readonly onListenerError: (err: unknown) => void = (err) => console.error('workbench event listener failed:', err)) {}

  subscribe(listener: (event: WorkbenchEvent) => void): () => void {
    // A wrapper per subscription, so subscribing the same function twice gives two independent subscriptions.
    const entry = (event: WorkbenchEvent) => listener(event);
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Sends the event, built only when someone listens. */
  emit(event: WorkbenchEvent | (() => WorkbenchEvent | undefined)): void {
    if (this.listeners.size === 0) return;
    const value = typeof event === 'function' ? event() : event;
    if (value === undefined) return;
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}
