// The run page's live state: the run's detail and its metric series, growing with every progress event.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { RunEpochEvent, RunProgressEvent } from '../../../shared/api-contract';
import { METRIC_KEYS } from '../../../shared/api-inspect-types';
import type { RunDetail, RunSummary } from '../../../shared/api-types';
import { api, onApiReconnect } from '../api';
import { errorMessage } from '../lib/errors';
import { appendPoints, compactSeries, emptySeries, epochRecordPoints, mergeLoaded, seriesFrom, type Series } from '../lib/series';

/** Points per series fetched on open; the chart downsamples further to what the screen can show. */
const LOAD_POINTS = 5000;
/**
 * Live changes reach the page at most this often. NOTE: a tiny model can log thousands of points and dozens of
 * epochs a second; redrawing on every event would starve the page.
 */
const FLUSH_MS = 250;
/** A live series longer than this is thinned to half of it (charts draw a few thousand points anyway). */
const MAX_LIVE_POINTS = 20_000;
const KEYS = Object.values(METRIC_KEYS);

export const useRunStore = defineStore('run', () => {
  const runId = ref<number | null>(null);
  const detail = shallowRef<RunDetail | null>(null);
  const live = shallowRef<RunProgressEvent | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);
  /** Bumped whenever a series changes (the arrays themselves are not reactive: they can be long). */
  const version = ref(0);
  /** Bumped when an epoch adds a snapshot (histograms, weights, confusion become readable for it). */
  const snapshotVersion = ref(0);
  let series = new Map<string, Series>();
  let unsubscribe: (() => void)[] = [];
  /** Changes waiting for the next flush. */
  let pendingSeries = false;
  let pendingDetail: RunDetail | null = null;
  let pendingSnapshot = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush(): void {
    timer = null;
    if (pendingSeries) version.value++;
    if (pendingDetail) detail.value = pendingDetail;
    if (pendingSnapshot) snapshotVersion.value++;
    pendingSeries = false;
    pendingDetail = null;
    pendingSnapshot = false;
  }

  function schedule(): void {
    timer ??= setTimeout(flush, FLUSH_MS);
  }

  /** The detail as it will be after the pending changes. */
  const current = (): RunDetail | null => pendingDetail ?? detail.value;

  function seriesOf(key: string): Series | undefined {
    return series.get(key);
  }

  function append(key: string, points: Parameters<typeof appendPoints>[1]): void {
    let s = series.get(key);
    if (!s) series.set(key, (s = emptySeries(key)));
    if (appendPoints(s, points) > 0) {
      if (s.steps.length > MAX_LIVE_POINTS) compactSeries(s, MAX_LIVE_POINTS / 2);
      pendingSeries = true;
      schedule();
    }
  }

  function onProgress(e: RunProgressEvent): void {
    if (e.runId !== runId.value) return;
    live.value = e;
    for (const m of e.metrics) append(m.key, m);
    const d = current();
    if (d && (d.status !== e.status || d.stepsDone !== e.stepsDone)) {
      pendingDetail = { ...d, status: e.status, stepsDone: e.stepsDone, stepsTotal: e.stepsTotal ?? d.stepsTotal };
      schedule();
    }
  }

  function onEpoch(e: RunEpochEvent): void {
    if (e.runId !== runId.value) return;
    for (const p of epochRecordPoints(e.record)) append(p.key, p);
    const d = current();
    if (!d) return;
    const epochs = d.epochs.some((r) => r.epoch === e.record.epoch) ? d.epochs : [...d.epochs, e.record];
    const snapshotEpochs = e.hasSnapshot && !d.snapshotEpochs.includes(e.record.epoch) ? [...d.snapshotEpochs, e.record.epoch] : d.snapshotEpochs;
    pendingDetail = { ...d, epochs, snapshotEpochs, epochsDone: Math.max(d.epochsDone, e.record.epoch + 1) };
    pendingSnapshot ||= e.hasSnapshot;
    schedule();
  }

  function onUpdated(run: RunSummary): void {
    const d = current();
    if (run.id !== runId.value || !d) return;
    const wasActive = d.status === 'running' || d.status === 'queued';
    // A status change shows at once (the cancel button must go when the run stops).
    pendingDetail = null;
    detail.value = { ...d, ...run };
    // A finished run now has final weights and its last snapshot: read the detail again for those fields.
    if (wasActive && run.status !== 'running' && run.status !== 'queued') void refreshDetail();
  }

  async function refreshDetail(): Promise<void> {
    const id = runId.value;
    if (id === null) return;
    try {
      const d = await api().getRun({ id });
      if (id === runId.value) {
        pendingDetail = null;
        detail.value = d;
        snapshotVersion.value++;
      }
    } catch {
      // The page keeps what it has; the next event or a reload will try again.
    }
  }

  async function load(id: number): Promise<void> {
    loading.value = true;
    try {
      const [d, loadedSeries] = await Promise.all([api().getRun({ id }), api().getMetrics({ runId: id, keys: KEYS, maxPoints: LOAD_POINTS })]);
      if (id !== runId.value) return;
      const next = new Map<string, Series>();
      for (const s of loadedSeries) next.set(s.key, mergeLoaded(seriesFrom(s), series.get(s.key)));
      series = next;
      pendingDetail = null;
      detail.value = d;
      error.value = null;
      version.value++;
      snapshotVersion.value++;
    } catch (err) {
      if (id === runId.value) error.value = errorMessage(err);
    } finally {
      if (id === runId.value) loading.value = false;
    }
  }

  /** Shows run `id`: subscribes first, then loads, so no point falls between the load and the events. */
  async function open(id: number): Promise<void> {
    if (runId.value === id && detail.value) return;
    close();
    runId.value = id;
    const client = api();
    unsubscribe = [client.onRunProgress(onProgress), client.onRunEpoch(onEpoch), client.onRunUpdated(onUpdated), onApiReconnect(() => void load(id))];
    await load(id);
  }

  function close(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    pendingSeries = false;
    pendingDetail = null;
    pendingSnapshot = false;
    unsubscribe.forEach((u) => u());
    unsubscribe = [];
    runId.value = null;
    detail.value = null;
    live.value = null;
    error.value = null;
    series = new Map();
    version.value++;
  }

  return { runId, detail, live, error, loading, version, snapshotVersion, seriesOf, open, close, refreshDetail };
});
