// Reproductions of the course report: the list (kept current by events), start one, cancel it, fetch its files.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ExportedFile } from '../../../shared/api-inspect-types';
import type { ReproductionScaleName, ReproductionSummary } from '../../../shared/api-reproduction-types';
import type { DatasetRef } from '../../../shared/run-config';
import { api, onApiReconnect } from '../api';
import { errorMessage } from '../lib/errors';

export const useReproductionsStore = defineStore('reproductions', () => {
  const list = ref<ReproductionSummary[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  let connected = false;

  const reproductions = computed(() => [...list.value].sort((a, b) => b.id.localeCompare(a.id)));
  /** The one running (at most one runs at a time). */
  const active = computed(() => list.value.find((r) => r.status === 'running' || r.status === 'writing') ?? null);

  function put(r: ReproductionSummary): void {
    const i = list.value.findIndex((x) => x.id === r.id);
    list.value = i < 0 ? [...list.value, r] : list.value.map((x) => (x.id === r.id ? r : x));
  }

  function connect(): void {
    if (connected) return;
    connected = true;
    api().onReproductionUpdated(put);
    onApiReconnect(() => void load());
  }

  async function load(): Promise<void> {
    connect();
    try {
      list.value = await api().listReproductions();
      error.value = null;
      loaded.value = true;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function start(scale: ReproductionScaleName, dataset: DatasetRef): Promise<ReproductionSummary> {
    connect();
    const started = await api().startReproduction({ scale, dataset });
    put(started);
    return started;
  }

  /** The report of one the app stopped during, from the runs of it that finished. */
  async function writeReport(id: string): Promise<void> {
    put(await api().writeReproductionReport({ id }));
  }

  async function cancel(id: string): Promise<void> {
    put(await api().cancelReproduction({ id }));
  }

  /** Files fetched once per reproduction and path: figures are shown again and again. */
  const files = new Map<string, Promise<ExportedFile>>();
  function file(id: string, path: string): Promise<ExportedFile> {
    const key = `${id}/${path}`;
    let f = files.get(key);
    if (!f) {
      f = api().getReportFile({ id, file: path });
      // A failure is not remembered: the next look tries again.
      f.catch(() => files.delete(key));
      files.set(key, f);
    }
    return f;
  }

  return { reproductions, active, loaded, error, load, start, cancel, writeReport, file };
});
