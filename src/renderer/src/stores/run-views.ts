// The runs table's saved views (in the data folder's database): list, apply, save the table as it is, delete.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RunView } from '../../../shared/run-view';
import { DEFAULT_RUN_COLUMNS } from '../../../shared/run-columns';
import { api } from '../api';
import { errorMessage } from '../lib/errors';
import { EMPTY_FILTER } from '../lib/run-filter';
import { useRunsViewStore } from './runs-view';

export const useRunViewsStore = defineStore('run-views', () => {
  const table = useRunsViewStore();
  const views = ref<RunView[]>([]);
  /** The view last applied or saved (null: the default view). */
  const current = ref<string | null>(null);
  const error = ref<string | null>(null);

  /** The table's state as a view would save it. */
  const state = computed(() => ({
    query: table.filter.query,
    statuses: [...table.filter.statuses],
    tags: [...table.filter.tags],
    columns: [...table.columns],
    sort: { ...table.sort },
  }));
  const saved = computed(() => views.value.find((v) => v.name === current.value) ?? null);
  /** The table no longer shows what the current view saved. */
  const modified = computed(() => {
    const { name: _name, ...was } = saved.value ?? { name: '', ...EMPTY_FILTER, columns: [...DEFAULT_RUN_COLUMNS], sort: { column: 'id', direction: 'desc' } };
    const now = state.value;
    return (
      JSON.stringify([was.query, was.statuses, was.tags, was.columns, was.sort]) !== JSON.stringify([now.query, now.statuses, now.tags, now.columns, now.sort])
    );
  });

  async function load(): Promise<void> {
    try {
      views.value = await api().listRunViews();
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  function apply(view: RunView | null): void {
    table.setView(view ?? { query: '', statuses: [], tags: [], columns: DEFAULT_RUN_COLUMNS, sort: { column: 'id', direction: 'desc' } });
    current.value = view?.name ?? null;
  }

  /** Saves the table as it is under `name` (replacing a view of that name). Rejects with the API's error. */
  async function save(name: string): Promise<RunView> {
    const view = await api().saveRunView({ name, ...state.value });
    views.value = [...views.value.filter((v) => v.name !== view.name), view].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
    current.value = view.name;
    return view;
  }

  async function remove(name: string): Promise<void> {
    await api().deleteRunView({ name });
    views.value = views.value.filter((v) => v.name !== name);
    if (current.value === name) current.value = null;
  }

  return { views, current, error, modified, load, apply, save, remove };
});
