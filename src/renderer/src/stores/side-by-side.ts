// The runs shown side by side: their details (which epochs they have snapshots of), read when the pick changes.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { RunDetail } from '../../../shared/api-types';
import { api } from '../api';
import { errorMessage } from '../lib/errors';

/** More runs than this would shrink each picture below reading size. */
export const MAX_SIDE_BY_SIDE = 4;

export const useSideBySideStore = defineStore('side-by-side', () => {
  const details = shallowRef<RunDetail[]>([]);
  const error = ref<string | null>(null);
  let ticket = 0;

  /** Reads the details of `ids` (the first MAX_SIDE_BY_SIDE); runs that no longer exist are left out. */
  async function load(ids: readonly number[]): Promise<void> {
    const mine = ++ticket;
    try {
      const got = await Promise.allSettled(ids.slice(0, MAX_SIDE_BY_SIDE).map((id) => api().getRun({ id })));
      if (mine !== ticket) return;
      details.value = got.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      error.value = null;
    } catch (err) {
      if (mine === ticket) error.value = errorMessage(err);
    }
  }

  return { details, error, load };
});
