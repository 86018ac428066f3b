// Live progress of one run on stderr, from the service's events: a bar within each epoch, a line per epoch.
import type { RunProgressEvent } from '../../shared/api-contract';
import { METRIC_KEYS } from '../../shared/api-inspect-types';
import type { EpochRecord } from '../../shared/api-types';
import type { ProgressBar } from './progress-bar';
import { pct } from './train-report';

const lastValue = (e: RunProgressEvent, key: string): number | null => {
  const values = e.metrics.find((m) => m.key === key)?.values ?? [];
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i]!;
  return null;
};

const fmt = (v: number | null, f: (v: number) => string) => (v === null ? '–' : f(v));

/** The bar's label and detail for a progress event, e.g. "epoch 2/10", "loss 0.2310 acc 93.75% lr 0.0500 · 41,000 samples/s". */
export function progressText(e: RunProgressEvent, epochsTotal: number): { label: string; detail: string } {
  const loss = lastValue(e, METRIC_KEYS.loss);
  const acc = lastValue(e, METRIC_KEYS.accuracy);
  const lr = lastValue(e, METRIC_KEYS.lr);
  const sps = lastValue(e, METRIC_KEYS.samplesPerSecond);
  return {
    label: `epoch ${e.epoch + 1}/${epochsTotal}`,
    detail:
      `loss ${fmt(loss, (v) => v.toFixed(4))} acc ${fmt(acc, pct)} lr ${fmt(lr, (v) => v.toPrecision(3))} · ` +
      `${fmt(sps, (v) => Math.round(v).toLocaleString('en'))} samples/s`,
  };
}

/** The permanent line of a finished epoch: the batches' means, then the full pass over the training set. */
export function epochLine(e: EpochRecord, epochsTotal: number): string {
  return (
    `epoch ${e.epoch + 1}/${epochsTotal}  train (batches) loss ${e.trainLoss.toFixed(4)} acc ${pct(e.trainAccuracy)}  ` +
    (e.trainPassAccuracy !== null ? `(full pass) acc ${pct(e.trainPassAccuracy)}  ` : '') +
    (e.valLoss !== null && e.valAccuracy !== null ? `val loss ${e.valLoss.toFixed(4)} acc ${pct(e.valAccuracy)}  ` : '') +
    `test loss ${e.testLoss.toFixed(4)} acc ${pct(e.testAccuracy)}  ${e.trainSeconds.toFixed(2)} s`
  );
}

export class RunProgress {
  constructor(
    private readonly bar: ProgressBar,
    private readonly epochsTotal: number,
    private readonly quiet: boolean,
  ) {}

  progress(e: RunProgressEvent): void {
    if (this.quiet) return;
    const { label, detail } = progressText(e, this.epochsTotal);
    this.bar.update(label, e.epochProgress, detail);
  }

  epoch(record: EpochRecord): void {
    if (!this.quiet) this.bar.log(epochLine(record, this.epochsTotal));
  }

  say(line: string): void {
    if (!this.quiet) this.bar.log(line);
  }
}
