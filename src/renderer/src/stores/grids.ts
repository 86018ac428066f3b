// Grid searches: the list, the open grid with its cells (kept current as its runs train), start and cancel.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { GridDetail, GridSummary, StartedGrid } from '../../../shared/api-types';
import type { GridSpecInput } from '../../../shared/grid-spec';
import { api, onApiReconnect } from '../api';
import { errorMessage } from '../lib/errors';
import { useRunsStore } from './runs';

export const useGridsStore = defineStore('grids', () => {
  const list = ref<GridSummary[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const detail = shallowRef<GridDetail | null>(null);
  const detailError = ref<string | null>(null);
  let connected = false;
  let refresh: ReturnType<typeof setTimeout> | null = null;

  const grids = computed(() => [...list.value].sort((a, b) => b.id - a.id));

  function put(grid: GridSummary): void {
    const i = list.value.findIndex((g) => g.id === grid.id);
    list.value = i < 0 ? [...list.value, grid] : list.value.map((g) => (g.id === grid.id ? grid : g));
    if (detail.value?.id === grid.id) scheduleRefresh();
  }

  /** A cell changed: read the open grid again, at most a few times a second. */
  function scheduleRefresh(): void {
    if (refresh) return;
    refresh = setTimeout(() => {
      refresh = null;
      if (detail.value) void open(detail.value.id);
    }, 400);
  }

  function connect(): void {
    if (connected) return;
    connected = true;
    api().onGridUpdated(put);
    api().onRunUpdated((run) => {
      if (run.gridId !== null && run.gridId === detail.value?.id) scheduleRefresh();
    });
    onApiReconnect(() => void load());
  }

  async function load(): Promise<void> {
    connect();
    try {
      list.value = await api().listGrids();
      error.value = null;
      loaded.value = true;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function open(id: number): Promise<void> {
    connect();
    try {
      const d = await api().getGrid({ id });
      detail.value = d;
      detailError.value = null;
      put({ ...d });
    } catch (err) {
      detailError.value = errorMessage(err);
    }
  }

  function close(): void {
    detail.value = null;
    detailError.value = null;
  }

  async function start(spec: GridSpecInput): Promise<StartedGrid> {
    const started = await api().startGrid(spec);
    put(started.grid);
    const runs = useRunsStore();
    for (const r of started.runs) runs.put(r);
    return started;
  }

  async function cancel(id: number): Promise<void> {
    put(await api().cancelGrid({ id }));
  }

  return { grids, loaded, error, detail, detailError, load, open, close, start, cancel };
});
