// An in-memory WorkbenchBackend for testing the front doors (and the UI) without SQLite or training processes.
// Runs never train by themselves: tests move them with `emit` and `setStatus`.
import type { CallInput, WorkbenchBackend, WorkbenchEvent } from '../api-contract';
import type { MetricPoints } from '../api-inspect-types';
import type { CallName } from '../api-names';
import type { GridSummary, RunDetail, RunStatus, RunSummary } from '../api-types';
import { ConflictError, NotFoundError } from '../api-wire';
import { decimateMinMax } from '../decimate';
import { describeCell, expandGrid } from '../grid-expand';
import type { RunConfig } from '../run-config';
import type { RunView } from '../run-view';
import { ValidationError } from '../validation';

export interface FakeWorkbench extends WorkbenchBackend {
  /** Every call that reached the service, with its (validated) input. */
  readonly received: { call: CallName; input: unknown }[];
  emit(event: WorkbenchEvent): void;
  setStatus(id: number, status: RunStatus): RunSummary;
  /** Stores metric points for getMetrics. */
  addMetrics(runId: number, points: MetricPoints): void;
  listenerCount(): number;
}

export function createFakeWorkbench(): FakeWorkbench {
  const runs = new Map<number, RunDetail>();
  const grids = new Map<number, GridSummary>();
  const metrics = new Map<number, MetricPoints[]>();
  const views = new Map<string, RunView>();
  const listeners = new Set<(e: WorkbenchEvent) => void>();
  const received: { call: CallName; input: unknown }[] = [];
  let nextId = 1;
  let clock = 1_700_000_000_000;

  const emit = (e: WorkbenchEvent) => listeners.forEach((l) => l(e));
  const log = <K extends CallName>(call: K, input: CallInput<K>) => received.push({ call, input });
  const get = (id: number) => {
    const run = runs.get(id);
    if (!run) throw new NotFoundError(`run ${id} not found`);
    return run;
  };
  const update = (id: number, patch: Partial<RunDetail>): RunSummary => {
    const run = { ...get(id), ...patch };
    runs.set(id, run);
    emit({ event: 'runUpdated', payload: run });
    return run;
  };
  const create = (config: RunConfig, extra: Partial<RunDetail> = {}): RunSummary => {
    const id = nextId++;
    const run: RunDetail = {
      id,
      name: config.name ?? `run ${id}`,
      status: 'queued',
      gridId: null,
      gridNumber: null,
      parentId: null,
      config,
      datasetTitle: config.dataset.name,
      createdAt: clock++,
      startedAt: null,
      finishedAt: null,
      error: null,
      tags: [],
      notes: '',
      epochsDone: 0,
      epochsTotal: config.epochs,
      stepsDone: 0,
      stepsTotal: null,
      final: null,
      best: null,
      placement: 'local',
      worker: null,
      epochs: [],
      datasetHash: null,
      engineVersion: 'fake',
      kernels: null,
      stopReason: null,
      stopMessage: null,
      paramCount: null,
      normalisation: null,
      hasWeights: false,
      snapshotEpochs: [],
      checkpointEpochs: [],
      keepsAllCheckpoints: false,
      ...extra,
    };
    runs.set(id, run);
    emit({ event: 'runUpdated', payload: run });
    return run;
  };
  const seriesOf = (runId: number, keys: readonly string[], maxPoints: number, sinceStep?: number) =>
    keys.map((key) => {
      const stored = metrics.get(runId)?.find((m) => m.key === key) ?? { key, steps: [], epochs: [], values: [], times: [] };
      const from = sinceStep === undefined ? 0 : stored.steps.findIndex((s) => s > sinceStep);
      const cut = from < 0 ? stored.steps.length : from;
      const slice = { key, steps: stored.steps.slice(cut), epochs: stored.epochs.slice(cut), values: stored.values.slice(cut), times: stored.times.slice(cut) };
      return decimateMinMax(slice, maxPoints);
    });
  const missing = (what: string) => Promise.reject(new ConflictError(`${what}: not available in the fake workbench`));

  return {
    received,
    emit,
    setStatus: (id, status) => update(id, { status }),
    addMetrics: (runId, points) => metrics.set(runId, [...(metrics.get(runId) ?? []).filter((p) => p.key !== points.key), points]),
    listenerCount: () => listeners.size,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    getAppInfo: async () => ({ version: '0.0.0-fake', mode: 'web', dataDir: '/fake', cores: 2, maxConcurrentRuns: 2, kernels: 'reference' }),
    listDatasets: async () => [],
    checkDataset: async (input) => (log('checkDataset', input), missing('checkDataset')),
    async listRuns(filter) {
      log('listRuns', filter);
      const all = [...runs.values()]
        .reverse()
        .filter((r) => (!filter.status || filter.status.includes(r.status)) && (!filter.gridId || r.gridId === filter.gridId));
      return all.slice(filter.offset, filter.offset + filter.limit);
    },
    getRun: async ({ id }) => get(id),
    startRun: async (config) => (log('startRun', config), create(config)),
    cancelRun: async ({ id }) => update(id, { status: 'cancelled', finishedAt: clock++ }),
    async deleteRun({ id }) {
      get(id);
      runs.delete(id);
      emit({ event: 'runDeleted', payload: { id } });
    },
    renameRun: async ({ id, name }) => (log('renameRun', { id, name }), update(id, { name })),
    tagRun: async ({ id, tag }) => update(id, { tags: [...new Set([...get(id).tags, tag])] }),
    untagRun: async ({ id, tag }) => update(id, { tags: get(id).tags.filter((t) => t !== tag) }),
    setRunNotes: async ({ id, notes }) => update(id, { notes }),
    rerunRun: async ({ id }) => create(get(id).config, { parentId: id }),
    forkRun: async (input) => (log('forkRun', input), create({ ...get(input.id).config, ...input.overrides } as RunConfig, { parentId: input.id })),
    resumeRun: async ({ id }) => (log('resumeRun', { id }), update(id, { status: 'queued', finishedAt: null })),
    extendRun: async (input) => (log('extendRun', input), update(input.id, { status: 'queued', finishedAt: null })),

    async startGrid(spec) {
      log('startGrid', spec);
      const plans = expandGrid(spec);
      const id = grids.size + 1;
      const name = spec.name ?? `grid ${id}`;
      const created = plans.map((p) => create({ ...p.config, name: `${name} · ${describeCell(p.params, p.config.model)}` }, { gridId: id, gridNumber: id }));
      const parentGridId = spec.parentGridId ?? null;
      const grid: GridSummary = {
        id,
        number: id,
        name,
        spec,
        parentGridId,
        parentGridNumber: parentGridId,
        createdAt: clock++,
        runCount: created.length,
        statusCounts: { queued: created.length },
        bestRunId: null,
      };
      grids.set(id, grid);
      emit({ event: 'gridUpdated', payload: grid });
      return { grid, runs: created };
    },
    listGrids: async () => [...grids.values()],
    async getGrid({ id }) {
      const grid = grids.get(id);
      if (!grid) throw new NotFoundError(`grid ${id} not found`);
      return { ...grid, cells: [...runs.values()].filter((r) => r.gridId === id).map((run) => ({ params: {}, run })) };
    },
    async cancelGrid({ id }) {
      const grid = grids.get(id);
      if (!grid) throw new NotFoundError(`grid ${id} not found`);
      return grid;
    },
    // Sweeps are not faked (the sweep page's tests run against the real workbench).
    startSweep: async (spec) => (log('startSweep', spec), missing('startSweep')),
    listSweeps: async () => [],
    getSweep: async ({ id }) => Promise.reject(new NotFoundError(`sweep ${id} not found`)),
    cancelSweep: async ({ id }) => Promise.reject(new NotFoundError(`sweep ${id} not found`)),
    getRunPlacement: async () => ({ placement: 'local', workers: null }),
    async setRunPlacement(input) {
      log('setRunPlacement', input);
      if (input.placement === 'workers') throw new ValidationError('placement', 'this workbench has no Redis queue for workers');
      return { placement: 'local', workers: null };
    },

    listMetricKeys: async ({ runId }) => (get(runId), (metrics.get(runId) ?? []).map((m) => m.key)),
    getMetrics: async ({ runId, keys, maxPoints, sinceStep }) => (get(runId), seriesOf(runId, keys, maxPoints, sinceStep)),
    async getRunsMetrics(input) {
      log('getRunsMetrics', input);
      return {
        runs: input.runIds.filter((id) => runs.has(id)).map((runId) => ({ runId, series: seriesOf(runId, input.keys, input.maxPoints) })),
        missingRunIds: input.runIds.filter((id) => !runs.has(id)),
      };
    },
    getHistograms: async () => missing('getHistograms'),
    getWeightImages: async () => missing('getWeightImages'),
    getWeightMatrix: async () => missing('getWeightMatrix'),
    getConfusion: async () => missing('getConfusion'),
    getMisclassified: async () => missing('getMisclassified'),
    getHistogramHistory: async () => missing('getHistogramHistory'),
    async predict({ runId, pixels }) {
      get(runId);
      const p = Array.from({ length: 10 }, () => 0.01);
      const k = Math.round(pixels.reduce((a, b) => a + b, 0)) % 10;
      p[k] = 0.91;
      return { probabilities: p, predicted: k, classNames: Array.from({ length: 10 }, (_, i) => String(i)) };
    },
    exportRun: async ({ runId, format }) => ({ fileName: `run-${get(runId).id}.${format}`, mimeType: 'text/plain', encoding: 'utf8', data: 'fake' }),
    exportTable: async () => missing('exportTable'),
    exportFigure: async () => missing('exportFigure'),
    listRunViews: async () => [...views.values()].sort((a, b) => a.name.localeCompare(b.name)),
    async saveRunView(view) {
      log('saveRunView', view);
      views.set(view.name, view);
      return view;
    },
    async deleteRunView({ name }) {
      if (!views.delete(name)) throw new NotFoundError(`no saved view is called "${name}"`);
    },
    startReproduction: async (input) => (log('startReproduction', input), missing('startReproduction')),
    listReproductions: async () => [],
    cancelReproduction: async () => missing('cancelReproduction'),
    writeReproductionReport: async () => missing('writeReproductionReport'),
    getReportFile: async (input) => (log('getReportFile', input), missing('getReportFile')),
  };
}
