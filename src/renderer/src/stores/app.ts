// What the app knows about itself and the machine: version, mode, kernels, datasets on disk.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo, DatasetListing } from '../../../shared/api-types';
import { api } from '../api';
import { errorMessage } from '../lib/errors';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const datasets = ref<DatasetListing[]>([]);
  const error = ref<string | null>(null);
  let loading: Promise<void> | null = null;

  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        const [i, d] = await Promise.all([api().getAppInfo(), api().listDatasets()]);
        info.value = i;
        datasets.value = d;
        error.value = null;
      } catch (err) {
        error.value = errorMessage(err);
        loading = null;
      }
    })();
    return loading;
  }

  function dataset(name: string): DatasetListing | undefined {
    return datasets.value.find((d) => d.name === name);
  }

  /** Looks at a folder of IDX files without starting anything. */
  const checkDataset = (path: string): Promise<DatasetListing> => api().checkDataset({ name: 'folder', path });

  /**
   * Whether the chosen dataset can be read, asked before starting anything (the service would accept the run
   * and fail it a second later). Resolves with the listing, or the problem to show beside the dataset field.
   */
  async function usableDataset(name: string, path: string): Promise<{ listing: DatasetListing | null; problem: string | null }> {
    if (name !== 'folder') {
      const listing = dataset(name) ?? null;
      return { listing, problem: listing && !listing.available ? (listing.problem ?? `${listing.title} is not on this machine`) : null };
    }
    if (!path.trim()) return { listing: null, problem: null };
    try {
      const listing = await checkDataset(path.trim());
      return { listing, problem: listing.available ? null : (listing.problem ?? 'no dataset in this folder') };
    } catch (err) {
      return { listing: null, problem: errorMessage(err) };
    }
  }

  return { info, datasets, error, load, dataset, checkDataset, usableDataset };
});
