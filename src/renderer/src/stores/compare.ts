// The runs being compared and their metric series: one batched read for all the runs, of the keys on screen only,
// downsampled per run (50 runs stay smooth); compared runs that are still training are read again as they go.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { MetricSeries } from '../../../shared/api-inspect-types';
import { api } from '../api';
import { errorMessage } from '../lib/errors';

/** Points per run and metric: plenty for an overlay, light enough for dozens of runs. */
const POINTS_PER_RUN = 800;
/** Runs per call: the contract's limit. */
const RUNS_PER_CALL = 100;
/** Runs asked which metric keys they have. */
const KEY_SAMPLE_RUNS = 5;
/** A training run ends epochs often: read its series again at most this often. */
const REFRESH_MS = 1000;

export const useCompareStore = defineStore('compare', () => {
  const series = shallowRef(new Map<number, Map<string, MetricSeries>>());
  const errors = ref<Record<number, string>>({});
  const loading = ref(false);
  /** Metric keys the compared runs recorded (a few runs are asked: runs of one app log the same keys). */
  const keys = ref<string[]>([]);
  let subscribed: (() => void)[] = [];
  let watched = new Set<number>();
  /** Every key read so far: a refresh reads them all, so switching back to a chart never shows stale lines. */
  const keysRead = new Set<string>();
  const stale = new Set<number>();
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  let reading = 0;

  const has = (id: number, key: string) => series.value.get(id)?.has(key) ?? false;

  /** Reads `keys` of `ids` (one call per hundred runs) and merges them into what is held. */
  async function read(ids: readonly number[], keys: readonly string[]): Promise<void> {
    keys.forEach((k) => keysRead.add(k));
    for (let i = 0; i < ids.length; i += RUNS_PER_CALL) {
      const chunk = ids.slice(i, i + RUNS_PER_CALL);
      try {
        const answer = await api().getRunsMetrics({ runIds: chunk, keys: [...keys], maxPoints: POINTS_PER_RUN });
        const next = new Map(series.value);
        for (const run of answer.runs) next.set(run.runId, new Map([...(next.get(run.runId) ?? []), ...run.series.map((s) => [s.key, s] as const)]));
        series.value = next;
        const answered = new Set(answer.runs.map((r) => r.runId));
        errors.value = {
          ...Object.fromEntries(Object.entries(errors.value).filter(([id]) => !answered.has(Number(id)))),
          ...Object.fromEntries(answer.missingRunIds.map((id) => [id, `run ${id} not found`])),
        };
      } catch (err) {
        const message = errorMessage(err);
        errors.value = { ...errors.value, ...Object.fromEntries(chunk.map((id) => [id, message])) };
      }
    }
  }

  /** A compared run finished an epoch: read it again soon, together with any other run that did meanwhile. */
  function refreshSoon(id: number): void {
    if (!watched.has(id)) return;
    stale.add(id);
    refreshTimer ??= setTimeout(() => {
      refreshTimer = null;
      const ids = [...stale].filter((x) => watched.has(x));
      stale.clear();
      if (ids.length) void read(ids, [...keysRead]);
    }, REFRESH_MS);
  }

  /** Compares `ids` on charts of the `charted` keys: reads only the runs and keys not already held. */
  async function load(ids: readonly number[], charted: readonly string[]): Promise<void> {
    const keys = [...new Set(charted)];
    watched = new Set(ids);
    if (subscribed.length === 0) subscribed = [api().onRunEpoch((e) => refreshSoon(e.runId)), api().onRunUpdated((r) => refreshSoon(r.id))];
    const runs = ids.filter((id) => keys.some((k) => !has(id, k)));
    if (runs.length === 0) return;
    const missingKeys = keys.filter((k) => runs.some((id) => !has(id, k)));
    reading++;
    loading.value = true;
    try {
      await read(runs, missingKeys);
    } finally {
      loading.value = --reading > 0;
    }
  }

  /** Reads which metric keys the first few of `ids` recorded, for the panels' metric menus. */
  async function loadKeys(ids: readonly number[]): Promise<void> {
    const found = new Set<string>();
    for (const runId of ids.slice(0, KEY_SAMPLE_RUNS)) {
      try {
        for (const k of await api().listMetricKeys({ runId })) found.add(k);
      } catch {
        // A run deleted meanwhile: the others still say which keys exist.
      }
    }
    keys.value = [...found].sort();
  }

  function stop(): void {
    subscribed.forEach((u) => u());
    subscribed = [];
    watched = new Set();
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = null;
    stale.clear();
  }

  return { series, errors, loading, keys, load, loadKeys, stop };
});
