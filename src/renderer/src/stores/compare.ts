// The runs being compared and their metric series (downsampled per run: 50 runs stay smooth).
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { METRIC_KEYS, type MetricSeries } from '../../../shared/api-inspect-types';
import { api } from '../api';
import { errorMessage } from '../lib/errors';

/** Points per run and metric: plenty for an overlay, light enough for dozens of runs. */
const POINTS_PER_RUN = 800;
const KEYS = Object.values(METRIC_KEYS);

export const useCompareStore = defineStore('compare', () => {
  const series = shallowRef(new Map<number, Map<string, MetricSeries>>());
  const errors = ref<Record<number, string>>({});
  const loading = ref(false);
  let subscribed: (() => void)[] = [];
  let watched = new Set<number>();
  const pending = new Map<number, ReturnType<typeof setTimeout>>();

  async function fetchRun(id: number): Promise<void> {
    try {
      const list = await api().getMetrics({ runId: id, keys: KEYS, maxPoints: POINTS_PER_RUN });
      const next = new Map(series.value);
      next.set(id, new Map(list.map((s) => [s.key, s])));
      series.value = next;
      const { [id]: _, ...rest } = errors.value;
      errors.value = rest;
    } catch (err) {
      errors.value = { ...errors.value, [id]: errorMessage(err) };
    }
  }

  /** A compared run finished an epoch: read its series again, at most once a second. */
  function refreshSoon(id: number): void {
    if (!watched.has(id) || pending.has(id)) return;
    pending.set(
      id,
      setTimeout(() => {
        pending.delete(id);
        void fetchRun(id);
      }, 1000),
    );
  }

  async function load(ids: readonly number[]): Promise<void> {
    watched = new Set(ids);
    if (subscribed.length === 0) subscribed = [api().onRunEpoch((e) => refreshSoon(e.runId)), api().onRunUpdated((r) => refreshSoon(r.id))];
    const missing = ids.filter((id) => !series.value.has(id));
    loading.value = missing.length > 0;
    await Promise.all(missing.map(fetchRun));
    loading.value = false;
  }

  function stop(): void {
    subscribed.forEach((u) => u());
    subscribed = [];
    watched = new Set();
    pending.forEach((t) => clearTimeout(t));
    pending.clear();
  }

  return { series, errors, loading, load, stop };
});
