// A run's insides, read on demand and cached per (run, epoch, …): histograms, weight pictures, weight matrices,
// confusion matrices, misclassified images, and predictions for drawn digits. Scrubbing back is instant.
import { defineStore } from 'pinia';
import type {
  ConfusionResult,
  HistogramSet,
  MisclassifiedSet,
  ParamHistory,
  Prediction,
  WeightImageSet,
  WeightMatrix,
} from '../../../shared/api-inspect-types';
import { api } from '../api';

const MAX_ENTRIES = 200;

export const useInspectStore = defineStore('inspect', () => {
  const cache = new Map<string, Promise<unknown>>();

  /** One request per key; a failed request is forgotten so the next call tries again. */
  function cached<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    const hit = cache.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const p = fetch();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    return p;
  }

  /** `epoch` undefined asks for the latest snapshot: never cached (it moves while the run trains). */
  const key = (...parts: (string | number | undefined)[]) => (parts.includes(undefined) ? null : parts.join(':'));
  const maybeCached = <T>(k: string | null, fetch: () => Promise<T>) => (k ? cached(k, fetch) : fetch());

  const histograms = (runId: number, epoch?: number): Promise<HistogramSet> =>
    maybeCached(key('hist', runId, epoch), () => api().getHistograms({ runId, ...(epoch !== undefined ? { epoch } : {}) }));

  /** One param through every epoch that has its histogram; not cached (it grows while the run trains). */
  const histogramHistory = (runId: number, param: string): Promise<ParamHistory> => api().getHistogramHistory({ runId, param });

  const weightImages = (runId: number, param: string | undefined, epoch?: number): Promise<WeightImageSet> =>
    maybeCached(key('img', runId, param ?? '-', epoch), () =>
      api().getWeightImages({ runId, maxImages: 256, ...(param ? { param } : {}), ...(epoch !== undefined ? { epoch } : {}) }),
    );

  const weightMatrix = (runId: number, param: string, epoch?: number): Promise<WeightMatrix> =>
    maybeCached(key('mat', runId, param, epoch), () => api().getWeightMatrix({ runId, param, maxCells: 40_000, ...(epoch !== undefined ? { epoch } : {}) }));

  const confusion = (runId: number, epoch?: number): Promise<ConfusionResult> =>
    maybeCached(key('conf', runId, epoch), () => api().getConfusion({ runId, ...(epoch !== undefined ? { epoch } : {}) }));

  /** The test images of one confusion cell at `epoch` (from the final weights when the run kept no predictions then). */
  const misclassified = (runId: number, epoch: number, trueClass: number, predictedClass: number): Promise<MisclassifiedSet> =>
    cached(`mis:${runId}:${epoch}:${trueClass}:${predictedClass}`, () => api().getMisclassified({ runId, epoch, trueClass, predictedClass, limit: 64 }));

  const predict = (runId: number, pixels: number[]): Promise<Prediction> => api().predict({ runId, width: 28, height: 28, pixels });

  /** Drops everything cached for a run (it was deleted, or re-read after finishing). */
  function forget(runId: number): void {
    for (const k of [...cache.keys()]) if (k.split(':')[1] === String(runId)) cache.delete(k);
  }

  return { histograms, histogramHistory, weightImages, weightMatrix, confusion, misclassified, predict, forget };
});
