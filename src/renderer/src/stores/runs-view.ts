// How the runs table is filtered, sorted and which columns it shows: kept while the user opens a run and comes back.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RunStatus } from '../../../shared/api-types';
import { DEFAULT_RUN_COLUMNS } from '../../../shared/run-columns';
import { EMPTY_FILTER, isFiltering, type BrushRange, type RunFilter, type RunSort } from '../lib/run-filter';

const TEXT_SORTS = new Set(['name', 'dataset', 'model', 'optimizer', 'status', 'tags']);

export const useRunsViewStore = defineStore('runs-view', () => {
  const filter = ref<RunFilter>(EMPTY_FILTER);
  const sort = ref<RunSort>({ column: 'id', direction: 'desc' });
  /** Column ids in display order; the name is always first. */
  const columns = ref<readonly string[]>(DEFAULT_RUN_COLUMNS);
  const filtering = computed(() => isFiltering(filter.value));
  /** The hyper-parameter view above the table is open. */
  const showParams = ref(false);

  function setQuery(query: string): void {
    filter.value = { ...filter.value, query };
  }
  function toggleStatus(status: RunStatus): void {
    const s = filter.value.statuses;
    filter.value = { ...filter.value, statuses: s.includes(status) ? s.filter((x) => x !== status) : [...s, status] };
  }
  function setStatuses(statuses: RunStatus[]): void {
    filter.value = { ...filter.value, statuses };
  }
  function toggleTag(tag: string): void {
    const t = filter.value.tags;
    filter.value = { ...filter.value, tags: t.includes(tag) ? t.filter((x) => x !== tag) : [...t, tag] };
  }
  /** Only runs with this tag (a link from a reproduction, say), every other filter cleared. */
  function showTag(tag: string): void {
    filter.value = { ...EMPTY_FILTER, tags: [tag] };
  }
  /** What is brushed on one column (null clears it); one brush per column, replacing the last. */
  function setBrush(column: string, range: BrushRange | null): void {
    const others = filter.value.brush.filter((b) => b.column !== column);
    filter.value = { ...filter.value, brush: range ? [...others, range] : others };
  }
  function clearBrush(): void {
    filter.value = { ...filter.value, brush: [] };
  }
  function clear(): void {
    filter.value = EMPTY_FILTER;
  }
  /** Click on a header: sort by it (numbers best-first), click again to flip. */
  function sortBy(column: string): void {
    if (sort.value.column === column) sort.value = { column, direction: sort.value.direction === 'asc' ? 'desc' : 'asc' };
    else sort.value = { column, direction: TEXT_SORTS.has(column) ? 'asc' : 'desc' };
  }
  function setColumns(ids: readonly string[]): void {
    columns.value = ['name', ...ids.filter((id, i) => id !== 'name' && ids.indexOf(id) === i)];
  }
  /** A saved view's query, statuses, tags, columns and sort (brushed ranges are cleared). */
  function setView(view: { query: string; statuses: readonly RunStatus[]; tags: readonly string[]; columns: readonly string[]; sort: RunSort }): void {
    filter.value = { ...EMPTY_FILTER, query: view.query, statuses: [...view.statuses], tags: [...view.tags] };
    setColumns(view.columns);
    sort.value = { ...view.sort };
  }

  return {
    filter,
    sort,
    columns,
    filtering,
    showParams,
    setQuery,
    toggleStatus,
    setStatuses,
    toggleTag,
    showTag,
    setBrush,
    clearBrush,
    clear,
    sortBy,
    setColumns,
    setView,
  };
});
