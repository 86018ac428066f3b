// What the app says about itself and the datasets on this machine.
import { availableParallelism } from 'node:os';
import type { CallInput, CallOutput } from '../../shared/api-contract';
import type { AppInfo, DatasetListing } from '../../shared/api-types';
import type { DatasetDirs } from '../datasets/locate';
import { loadNativeAddon } from '../native/native-addon';
import { relaxedSimdSupported } from '../wasm/load-kernels';
import type { KernelPreference } from '../wasm/load-kernels';
import { describeDataset } from '../worker/dataset-listing';
import { appVersion } from './app-version';

export interface AppCallsOptions {
  readonly mode: AppInfo['mode'];
  readonly dataDir: string;
  readonly maxConcurrentRuns: number;
  readonly kernels: KernelPreference;
  readonly datasetDirs?: DatasetDirs;
  readonly version?: string;
}

/** The kernels a training process will pick for `prefer` (the fastest this runtime can run for 'auto'). */
function kernelName(prefer: KernelPreference): string {
  if (prefer === 'reference') return 'reference';
  if (prefer === 'native' || prefer === 'auto') {
    const addon = loadNativeAddon();
    if (typeof addon !== 'string') return `native-${addon.isaNames().find(Boolean)}`;
    if (prefer === 'native') return 'native (not built)';
  }
  if (prefer === 'simd') return 'wasm-simd';
  try {
    return relaxedSimdSupported() ? 'wasm-relaxed-simd' : 'wasm-simd';
  } catch {
    // The wasm build is missing: training will say so; the app still shows what it would have used.
    return 'wasm (not built)';
  }
}

export class AppCalls {
  private info: AppInfo | undefined;

  constructor(private readonly options: AppCallsOptions) {}

  getAppInfo(): AppInfo {
    const o = this.options;
    this.info ??= {
      version: o.version ?? appVersion(),
      mode: o.mode,
      dataDir: o.dataDir,
      cores: availableParallelism(),
      maxConcurrentRuns: o.maxConcurrentRuns,
      kernels: kernelName(o.kernels),
    };
    return this.info;
  }

  listDatasets(): Promise<DatasetListing[]> {
    return Promise.all([describeDataset({ name: 'mnist' }, this.options.datasetDirs), describeDataset({ name: 'fashion-mnist' }, this.options.datasetDirs)]);
  }

  checkDataset(ref: CallInput<'checkDataset'>): Promise<CallOutput<'checkDataset'>> {
    return describeDataset(ref, this.options.datasetDirs);
  }
}
