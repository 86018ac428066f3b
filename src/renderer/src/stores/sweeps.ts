// Sweeps (grid, random, bayes with early termination): the list, the open sweep with its trials (read again as its
// runs train, are pruned or finish), start and cancel.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ApiClient, SweepDetail, SweepSpecInput, SweepSummary } from '../../../shared/api-contract';
import { api, onApiReconnect } from '../api';
import { errorMessage } from '../lib/errors';

/** The sweep calls and event of the client (what the renderer tests fake). */
export type SweepCalls = Pick<ApiClient, 'startSweep' | 'listSweeps' | 'getSweep' | 'cancelSweep' | 'onSweepUpdated'>;

/** How often at most the open sweep is read again while its trials train. */
const REFRESH_MS = 400;

export const useSweepsStore = defineStore('sweeps', () => {
  const list = ref<SweepSummary[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const detail = shallowRef<SweepDetail | null>(null);
  const detailError = ref<string | null>(null);
  let connected = false;
  let refresh: ReturnType<typeof setTimeout> | null = null;

  const sweeps = computed(() => [...list.value].sort((a, b) => b.id - a.id));

  function put(sweep: SweepSummary): void {
    const i = list.value.findIndex((s) => s.id === sweep.id);
    list.value = i < 0 ? [...list.value, sweep] : list.value.map((s) => (s.id === sweep.id ? sweep : s));
    if (detail.value?.id === sweep.id) scheduleRefresh();
  }

  function scheduleRefresh(): void {
    if (refresh) return;
    refresh = setTimeout(() => {
      refresh = null;
      if (detail.value) void open(detail.value.id);
    }, REFRESH_MS);
  }

  /**
   * A run of the open sweep changed (status, an epoch's scores): its trial's value and the plots move. A new trial
   * comes with a sweepUpdated, so the open sweep's own trials are the runs to watch.
   */
  function runChanged(runId: number): void {
    if (detail.value?.trials.some((t) => t.run.id === runId)) scheduleRefresh();
  }

  function connect(): void {
    if (connected) return;
    connected = true;
    api().onSweepUpdated(put);
    api().onRunUpdated((run) => runChanged(run.id));
    api().onRunEpoch((e) => runChanged(e.runId));
    onApiReconnect(() => {
      void load();
      if (detail.value) void open(detail.value.id);
    });
  }

  async function load(): Promise<void> {
    connect();
    try {
      list.value = await api().listSweeps();
      error.value = null;
      loaded.value = true;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function open(id: number): Promise<void> {
    connect();
    try {
      const d = await api().getSweep({ id });
      detail.value = d;
      detailError.value = null;
      const { trials: _t, importance: _i, importanceMethod: _m, ...summary } = d;
      const i = list.value.findIndex((s) => s.id === d.id);
      list.value = i < 0 ? [...list.value, summary] : list.value.map((s) => (s.id === d.id ? summary : s));
    } catch (err) {
      detailError.value = errorMessage(err);
    }
  }

  function close(): void {
    detail.value = null;
    detailError.value = null;
    if (refresh) clearTimeout(refresh);
    refresh = null;
  }

  async function start(spec: SweepSpecInput): Promise<SweepSummary> {
    connect();
    const started = await api().startSweep(spec);
    put(started);
    return started;
  }

  async function cancel(id: number): Promise<void> {
    put(await api().cancelSweep({ id }));
  }

  return { sweeps, loaded, error, detail, detailError, load, open, close, start, cancel };
});
