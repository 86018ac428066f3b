// How the runs table is filtered and sorted: kept while the user opens a run and comes back.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { EMPTY_FILTER, isFiltering, type NumericRange, type RunFilter, type RunSort } from '../lib/run-filter';
import type { SortField } from '../lib/run-fields';
import type { RunStatus } from '../../../shared/api-types';

export const useRunsViewStore = defineStore('runs-view', () => {
  const filter = ref<RunFilter>(EMPTY_FILTER);
  const sort = ref<RunSort>({ field: 'id', direction: 'desc' });
  const filtering = computed(() => isFiltering(filter.value));

  function setText(text: string): void {
    filter.value = { ...filter.value, text };
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
  function setRanges(ranges: NumericRange[]): void {
    filter.value = { ...filter.value, ranges };
  }
  function clear(): void {
    filter.value = EMPTY_FILTER;
  }
  /** Click on a header: sort by it (numbers best-first), click again to flip. */
  function sortBy(field: SortField): void {
    if (sort.value.field === field) sort.value = { field, direction: sort.value.direction === 'asc' ? 'desc' : 'asc' };
    else sort.value = { field, direction: ['name', 'dataset', 'model', 'optimizer', 'status'].includes(field) ? 'asc' : 'desc' };
  }

  return { filter, sort, filtering, setText, toggleStatus, setStatuses, toggleTag, showTag, setRanges, clear, sortBy };
});
