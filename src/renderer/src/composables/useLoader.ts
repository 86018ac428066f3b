// Data that depends on reactive inputs (run, epoch, param): reloads when they change, keeps showing the previous
// result while the next loads (scrubbing stays smooth), and drops answers that arrive after a newer request.
import { ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { errorMessage } from '../lib/errors';

export interface Loader<T> {
  readonly data: ShallowRef<T | null>;
  readonly error: Ref<string | null>;
  readonly loading: Ref<boolean>;
  reload(): void;
}

/** `load` returns null when there is nothing to load yet. `source` lists what to watch (its value is ignored). */
export function useLoader<T>(source: () => unknown, load: () => Promise<T> | null): Loader<T> {
  const data = shallowRef<T | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);
  let ticket = 0;

  async function run(): Promise<void> {
    const mine = ++ticket;
    const p = load();
    if (!p) {
      loading.value = false;
      return;
    }
    loading.value = true;
    try {
      const value = await p;
      if (mine !== ticket) return;
      data.value = value;
      error.value = null;
    } catch (err) {
      if (mine === ticket) error.value = errorMessage(err);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  watch(source, () => void run(), { immediate: true, deep: false });
  return { data, error, loading, reload: () => void run() };
}
