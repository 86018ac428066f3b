// Where runs train: the workbench's setting and whether it has the workers' queue at all (started with --redis),
// read once, so the start forms can offer "run locally" / "run on workers".
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RunPlacement, RunPlacementState } from '../../../shared/api-placement';
import { api } from '../api';

export const useRunPlacementStore = defineStore('run-placement', () => {
  const state = ref<RunPlacementState | null>(null);
  let loading: Promise<void> | null = null;

  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        state.value = await api().getRunPlacement();
      } catch {
        // Without an answer the forms simply offer no choice: runs go where the workbench sends them.
        loading = null;
      }
    })();
    return loading;
  }

  /** The workers' queue (its URL, password hidden), or null: then no form shows the choice. */
  const workers = computed(() => state.value?.workers ?? null);
  /** What a form starts with: the workbench's setting. */
  const byDefault = computed<RunPlacement>(() => state.value?.placement ?? 'local');

  return { state, workers, byDefault, load };
});
