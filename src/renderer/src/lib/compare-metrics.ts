// What the compare page knows about a metric key: its name for people, whether it is an accuracy (drawn in percent),
// logged per epoch (markers, no smoothing) or per step (smoothed), and whether a log scale makes sense (losses).
import { METRIC_KEYS } from '../../../shared/api-inspect-types';

export interface MetricInfo {
  readonly key: string;
  readonly label: string;
  readonly percent: boolean;
  readonly perEpoch: boolean;
  readonly smooth: boolean;
  readonly logOffered: boolean;
}

const LABELS: ReadonlyMap<string, string> = new Map([
  [METRIC_KEYS.testAccuracy, 'Test accuracy'],
  [METRIC_KEYS.testLoss, 'Test loss'],
  [METRIC_KEYS.loss, 'Train loss (batch)'],
  [METRIC_KEYS.accuracy, 'Train accuracy (batch)'],
  [METRIC_KEYS.epochTrainLoss, 'Train loss (epoch)'],
  [METRIC_KEYS.epochTrainAccuracy, 'Train accuracy (epoch)'],
  [METRIC_KEYS.valAccuracy, 'Validation accuracy'],
  [METRIC_KEYS.valLoss, 'Validation loss'],
  [METRIC_KEYS.lr, 'Learning rate'],
  [METRIC_KEYS.samplesPerSecond, 'Samples per second'],
]);

export function metricInfo(key: string): MetricInfo {
  const perEpoch = /^(test|val|epoch)\//.test(key);
  const percent = /accuracy$/.test(key);
  return { key, label: LABELS.get(key) ?? key, percent, perEpoch, smooth: !perEpoch && key !== METRIC_KEYS.lr, logOffered: !percent };
}

/** The keys a panel may show: the known ones first (in the order above), then any other key the runs logged. */
export function metricChoices(found: readonly string[]): MetricInfo[] {
  const keys = [...LABELS.keys(), ...found.filter((k) => !LABELS.has(k))];
  return keys.map(metricInfo);
}
