// Input scaling by name: pixels/255 as loaded, a given mean and std, or standardized with the training images' own statistics.
import { ConfigError } from '../errors';
import { type Dataset, type Normalisation, SCALE_ONLY } from './dataset';

/** `none`: x/255; `standardize`: (x/255 − mean) / std measured on the training images; or a given `{ mean, std }`. */
export type NormalizeSpec = 'none' | 'standardize' | Normalisation;

/** Mean and population std of every pixel of `ds`, in x/255 units whatever normalisation `ds` holds them in. */
export function pixelStats(ds: Dataset): Normalisation {
  const { images } = ds;
  const { mean: m0, std: s0 } = ds.normalisation;
  let sum = 0;
  let sumSq = 0;
  // NOTE: float64 sums over ~47M MNIST pixels keep ~10 significant digits; x² ≤ 1 so nothing overflows.
  for (let i = 0; i < images.length; i++) {
    const x = images[i]! * s0 + m0;
    sum += x;
    sumSq += x * x;
  }
  const n = images.length;
  if (n === 0) throw new ConfigError('normalize', 'cannot standardize: the training set has no pixels');
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
}

/**
 * The normalisation `spec` asks for. `standardize` measures the mean and std on `train` — the training split
 * only, never the test or validation images — so the numbers can be recorded with the run and reused as they are.
 * @throws ConfigError naming `normalize` for a std that is not > 0 (e.g. training images that are all one value).
 */
export function resolveNormalisation(spec: NormalizeSpec, train: Dataset): Normalisation {
  const norm = spec === 'none' ? SCALE_ONLY : spec === 'standardize' ? pixelStats(train) : spec;
  if (!(norm.std > 0) || !Number.isFinite(norm.std) || !Number.isFinite(norm.mean)) {
    throw new ConfigError(
      'normalize',
      `needs a finite mean and a std > 0, got mean ${norm.mean}, std ${norm.std}${spec === 'standardize' ? ' (are the training images all one value?)' : ''}`,
    );
  }
  return norm;
}

/**
 * `ds` with its pixels rescaled to `to`. NOTE: rewrites `ds.images` in place (a second copy of 60k MNIST
 * images would cost 190 MB), so the caller must own them; nothing changes when `ds` is already in `to`.
 */
export function renormaliseInPlace(ds: Dataset, to: Normalisation): Dataset {
  const from = ds.normalisation;
  if (from.mean === to.mean && from.std === to.std) return ds;
  const { images } = ds;
  for (let i = 0; i < images.length; i++) images[i] = (images[i]! * from.std + from.mean - to.mean) / to.std;
  return { ...ds, normalisation: { mean: to.mean, std: to.std } };
}
