// The API's call and event names and their channel names, without zod: the preload bundles only this.
// api-contract.ts checks at compile time that these lists and its schemas name exactly the same things.

export const callNames = [
  'getAppInfo',
  'listDatasets',
  'checkDataset',
  'listRuns',
  'getRun',
  'startRun',
  'cancelRun',
  'deleteRun',
  'renameRun',
  'tagRun',
  'untagRun',
  'setRunNotes',
  'rerunRun',
  'forkRun',
  'resumeRun',
  'extendRun',
  'startGrid',
  'listGrids',
  'getGrid',
  'cancelGrid',
  'startSweep',
  'listSweeps',
  'getSweep',
  'cancelSweep',
  'getRunPlacement',
  'setRunPlacement',
  'listMetricKeys',
  'getMetrics',
  'getRunsMetrics',
  'getHistograms',
  'getHistogramHistory',
  'getWeightImages',
  'getWeightMatrix',
  'getConfusion',
  'getMisclassified',
  'predict',
  'exportRun',
  'exportTable',
  'exportFigure',
  'listRunViews',
  'saveRunView',
  'deleteRunView',
  'startReproduction',
  'listReproductions',
  'cancelReproduction',
  'getReportFile',
  'writeReproductionReport',
] as const;

export const eventNames = ['runUpdated', 'runDeleted', 'runProgress', 'runEpoch', 'gridUpdated', 'sweepUpdated', 'reproductionUpdated'] as const;

export type CallName = (typeof callNames)[number];
export type EventName = (typeof eventNames)[number];

/** The subscription method of an event on a client: 'runUpdated' → 'onRunUpdated'. */
export type EventMethodName<E extends EventName = EventName> = `on${Capitalize<E>}`;

export function eventMethodName<E extends EventName>(event: E): EventMethodName<E> {
  return `on${event[0]!.toUpperCase()}${event.slice(1)}` as EventMethodName<E>;
}

/** IPC channel of a call (ipcMain.handle / ipcRenderer.invoke). */
export function callChannel(name: CallName): string {
  return `api:${name}`;
}

/** IPC channel of an event (webContents.send / ipcRenderer.on). */
export function eventChannel(name: EventName): string {
  return `event:${name}`;
}

const callSet: ReadonlySet<string> = new Set(callNames);
const eventSet: ReadonlySet<string> = new Set(eventNames);

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && callSet.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}
