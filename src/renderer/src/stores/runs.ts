// Every run the table shows, kept current by the service's events, and the actions on runs.
import { defineStore } from 'pinia';
import { computed, ref, shallowReactive } from 'vue';
import type { RunProgressEvent } from '../../../shared/api-contract';
import type { RunPlacement } from '../../../shared/api-placement';
import type { RunConfigInput } from '../../../shared/run-config';
import type { RunSummary } from '../../../shared/api-types';
import { api, onApiReconnect } from '../api';
import { errorMessage } from '../lib/errors';

/** Where a running run stands, from its latest progress event. */
export interface LiveProgress {
  readonly epoch: number;
  readonly epochProgress: number;
  readonly stepsDone: number;
  readonly stepsTotal: number | null;
}

/** Share of the whole run done, in [0, 1] (progress events are finer than the summary's epoch count). */
export function runFraction(run: RunSummary, live: LiveProgress | undefined): number {
  if (run.status === 'completed') return 1;
  const total = live?.stepsTotal ?? run.stepsTotal;
  const done = live?.stepsDone ?? run.stepsDone;
  if (total && total > 0) return Math.min(1, done / total);
  if (live && run.epochsTotal > 0) return Math.min(1, (live.epoch + live.epochProgress) / run.epochsTotal);
  return run.epochsTotal > 0 ? run.epochsDone / run.epochsTotal : 0;
}

export const useRunsStore = defineStore('runs', () => {
  const byId = shallowReactive(new Map<number, RunSummary>());
  const progress = shallowReactive(new Map<number, LiveProgress>());
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const selected = ref(new Set<number>());
  let connected = false;
  const finishedListeners = new Set<(run: RunSummary) => void>();

  /** Newest first. */
  const runs = computed(() => [...byId.values()].sort((a, b) => b.id - a.id));
  const allTags = computed(() => [...new Set(runs.value.flatMap((r) => r.tags))].sort());
  const activeCount = computed(() => runs.value.filter((r) => r.status === 'running' || r.status === 'queued').length);

  function put(run: RunSummary): void {
    const before = byId.get(run.id);
    byId.set(run.id, run);
    if (before && (before.status === 'running' || before.status === 'queued') && run.status !== 'running' && run.status !== 'queued') {
      for (const listener of finishedListeners) listener(run);
    }
    if (run.status !== 'running') progress.delete(run.id);
  }

  function onProgress(e: RunProgressEvent): void {
    const run = byId.get(e.runId);
    if (!run) return;
    progress.set(e.runId, { epoch: e.epoch, epochProgress: e.epochProgress, stepsDone: e.stepsDone, stepsTotal: e.stepsTotal });
    if (run.status !== e.status) byId.set(run.id, { ...run, status: e.status });
  }

  function connect(): void {
    if (connected) return;
    connected = true;
    const client = api();
    client.onRunUpdated(put);
    client.onRunDeleted(({ id }) => {
      byId.delete(id);
      progress.delete(id);
      if (selected.value.has(id)) {
        const next = new Set(selected.value);
        next.delete(id);
        selected.value = next;
      }
    });
    client.onRunProgress(onProgress);
    onApiReconnect(() => void load());
  }

  async function load(): Promise<void> {
    connect();
    loading.value = true;
    try {
      const list = await api().listRuns({ limit: 10_000 });
      const seen = new Set(list.map((r) => r.id));
      for (const id of [...byId.keys()]) if (!seen.has(id)) byId.delete(id);
      for (const run of list) put(run);
      error.value = null;
      loaded.value = true;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  /** Calls `listener` when a run this page saw training stops (completed, failed, cancelled, interrupted). */
  function onFinished(listener: (run: RunSummary) => void): () => void {
    finishedListeners.add(listener);
    return () => finishedListeners.delete(listener);
  }

  function get(id: number): RunSummary | undefined {
    return byId.get(id);
  }

  function setSelected(ids: Iterable<number>): void {
    selected.value = new Set(ids);
  }

  function toggleSelected(id: number, on?: boolean): void {
    const next = new Set(selected.value);
    if (on ?? !next.has(id)) next.add(id);
    else next.delete(id);
    selected.value = next;
  }

  // Actions resolve with the updated run and reject with the ApiError: the caller shows it where it happened.
  const withPut = async (p: Promise<RunSummary>): Promise<RunSummary> => {
    const run = await p;
    put(run);
    return run;
  };
  /** `placement`: where it trains (absent: the workbench's setting). */
  const start = (config: RunConfigInput, placement?: RunPlacement) => withPut(api().startRun(placement ? { ...config, placement } : config));
  const cancel = (id: number) => withPut(api().cancelRun({ id }));
  const rename = (id: number, name: string) => withPut(api().renameRun({ id, name }));
  const tag = (id: number, t: string) => withPut(api().tagRun({ id, tag: t }));
  const untag = (id: number, t: string) => withPut(api().untagRun({ id, tag: t }));
  const setNotes = (id: number, notes: string) => withPut(api().setRunNotes({ id, notes }));
  const rerun = (id: number) => withPut(api().rerunRun({ id }));
  const fork = (id: number, overrides: Partial<RunConfigInput>, placement?: RunPlacement) => withPut(api().forkRun({ id, overrides, placement }));
  /** Same run, continued from its last checkpoint (interrupted, failed, cancelled). */
  const resume = (id: number) => withPut(api().resumeRun({ id }));
  /** Same run, `epochs` more epochs from its final checkpoint (completed). */
  const extend = (id: number, epochs: number) => withPut(api().extendRun({ id, epochs }));
  /** A new run continuing from run `id`'s checkpoint after `fromEpoch` epochs, with `overrides`. */
  const forkFromEpoch = (id: number, fromEpoch: number, overrides: Partial<RunConfigInput>) => withPut(api().forkRun({ id, overrides, fromEpoch }));

  async function remove(id: number): Promise<void> {
    await api().deleteRun({ id });
    byId.delete(id);
    progress.delete(id);
    toggleSelected(id, false);
  }

  return {
    runs,
    progress,
    loaded,
    loading,
    error,
    selected,
    allTags,
    activeCount,
    load,
    onFinished,
    get,
    put,
    setSelected,
    toggleSelected,
    start,
    cancel,
    rename,
    tag,
    untag,
    setNotes,
    rerun,
    fork,
    resume,
    extend,
    forkFromEpoch,
    remove,
  };
});
