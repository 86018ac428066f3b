// Short human descriptions of a run's config for tables: "Adam", "×0.5 every 5 ep", "MNIST" (models: shared/describe-model).
import type { RunConfig } from './run-config';

const OPTIMIZER_TITLES: Record<RunConfig['optimizer']['type'], string> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  rmsprop: 'RMSProp',
  adam: 'Adam',
};

export function describeOptimizer(optimizer: RunConfig['optimizer']): string {
  const title = OPTIMIZER_TITLES[optimizer.type];
  if (optimizer.type === 'momentum' && optimizer.nesterov) return 'Nesterov';
  return title;
}

export function describeSchedule(schedule: RunConfig['schedule']): string {
  switch (schedule.type) {
    case 'constant':
      return 'constant';
    case 'step':
      return `×${schedule.gamma} every ${schedule.everyEpochs} ep`;
    case 'exponential':
      return schedule.per === 'epoch' ? `×${schedule.gamma} each epoch` : `×${schedule.gamma} per epoch`;
    case 'inverse_time':
      return `1/(1+${schedule.decay}${schedule.per === 'epoch' ? '·epoch' : 't'})`;
    case 'cosine':
      return 'cosine';
  }
}

/** Short dataset label from a config (the run summary's datasetTitle is better when present). */
export function describeDataset(config: RunConfig): string {
  const d = config.dataset;
  if (d.name === 'mnist') return 'MNIST';
  if (d.name === 'fashion-mnist') return 'Fashion-MNIST';
  const parts = d.path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? d.path;
}

/** How a run scaled its pixels: "pixels/255", "standardized: (x/255 − 0.1307) / 0.3081". */
export function describeScaling(normalize: RunConfig['normalize'], measured: { mean: number; std: number } | null): string {
  const stats = (n: { mean: number; std: number }) => `(x/255 − ${Number(n.mean.toFixed(4))}) / ${Number(n.std.toFixed(4))}`;
  if (normalize === 'standardize')
    return measured ? `standardized on its training images: ${stats(measured)}` : 'standardized (statistics known once the data is loaded)';
  if (normalize === 'none') return 'pixels/255';
  return `given: ${stats(normalize)}`;
}
