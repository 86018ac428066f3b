// The run manager's events (store rows) as the API's events (RunSummary, GridSummary); progress passes through.
import type { RunEvents } from '../runs/run-events';
import type { EventHub } from './event-hub';
import type { RunViews } from './run-views';

/** Forwards until the returned function is called. Summaries are built only while someone listens. */
export function bridgeRunEvents(events: RunEvents, hub: EventHub, views: RunViews): () => void {
  const offs = [
    events.on('runUpdated', (run) => hub.emit(() => ({ event: 'runUpdated', payload: views.summary(run) }))),
    events.on('gridUpdated', (experiment) => hub.emit(() => ({ event: 'gridUpdated', payload: views.grid(experiment) }))),
    events.on('runProgress', (payload) => hub.emit({ event: 'runProgress', payload })),
    events.on('runEpoch', (payload) => hub.emit({ event: 'runEpoch', payload })),
  ];
  return () => offs.forEach((off) => off());
}
