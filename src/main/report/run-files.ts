// The files one run exports: its metrics (long CSV, MLflow's shape), its epoch table (CSV), and a Markdown summary.
import type { MetricPoints } from '../../shared/api-inspect-types';
import type { RunDetail } from '../../shared/api-types';
import { csvField, markdownCell } from './text-formats';

/** `key,step,epoch,value,wall_time_ms`: one row per stored point; epochs 0-based as stored. */
export function metricsCsv(series: readonly MetricPoints[], startedAt: number): string {
  const lines = ['key,step,epoch,value,wall_time_ms'];
  for (const s of series) {
    const key = csvField(s.key, true);
    for (let i = 0; i < s.steps.length; i++) {
      const v = s.values[i];
      lines.push(
        `${key},${s.steps[i]},${s.epochs[i]},${v === null || v === undefined ? 'NaN' : csvField(v, false)},${Math.round(startedAt + s.times[i]! * 1000)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const EPOCH_COLUMNS = [
  ['epoch', (e) => e.epoch + 1],
  ['step', (e) => e.step],
  // train_*: means over the epoch's batches; train_pass_*: one pass over the training set after the epoch.
  ['train_loss', (e) => e.trainLoss],
  ['train_accuracy', (e) => e.trainAccuracy],
  ['train_pass_loss', (e) => e.trainPassLoss],
  ['train_pass_accuracy', (e) => e.trainPassAccuracy],
  ['val_loss', (e) => e.valLoss],
  ['val_accuracy', (e) => e.valAccuracy],
  ['test_loss', (e) => e.testLoss],
  ['test_accuracy', (e) => e.testAccuracy],
  ['lr', (e) => e.lr],
  ['train_seconds', (e) => e.trainSeconds],
  ['eval_seconds', (e) => e.evalSeconds],
  ['samples_per_second', (e) => e.samplesPerSecond],
  ['elapsed_seconds', (e) => e.elapsedSeconds],
] as const satisfies readonly (readonly [string, (e: RunDetail['epochs'][number]) => number | null])[];

/** One row per finished epoch, numbered from 1 as people count them. */
export function epochsCsv(run: RunDetail): string {
  const lines = [EPOCH_COLUMNS.map(([name]) => name).join(',')];
  for (const e of run.epochs) lines.push(EPOCH_COLUMNS.map(([, get]) => csvField(get(e), false)).join(','));
  return `${lines.join('\n')}\n`;
}

const pct = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(2)}%`);
const fixed = (x: number | null | undefined, d: number) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d));

/** A human-readable page about the run: what it was, how it ended, and its epoch table. */
export function summaryMarkdown(run: RunDetail): string {
  const c = run.config;
  const seconds = run.startedAt !== null && run.finishedAt !== null ? `${((run.finishedAt - run.startedAt) / 1000).toFixed(1)} s` : '–';
  const facts: [string, string][] = [
    ['status', `${run.status}${run.stopMessage ? ` (${run.stopMessage})` : run.error ? ` (${run.error.split('\n')[0]})` : ''}`],
    [
      'dataset',
      `${run.datasetTitle}${c.limitTrain ? `, first ${c.limitTrain} training samples` : ''}${c.limitTest ? `, first ${c.limitTest} test samples` : ''}`,
    ],
    ['model', c.model.layers.map((l) => Object.values(l).join(' ')).join(' → ')],
    ['parameters', run.paramCount === null ? '–' : run.paramCount.toLocaleString('en')],
    [
      'optimizer',
      `${Object.values(c.optimizer).join(' ')}, lr ${c.lr}, schedule ${c.schedule.type}${'per' in c.schedule && c.schedule.per ? ` per ${c.schedule.per}` : ''}, L2 ${c.l2}`,
    ],
    ['weight init', c.model.init ? Object.values(c.model.init).join(' ') : 'auto'],
    [
      'input scaling',
      run.normalisation
        ? `(x/255 − ${run.normalisation.mean}) / ${run.normalisation.std} (${typeof c.normalize === 'string' ? c.normalize : 'given'})`
        : String(c.normalize),
    ],
    ['batch size / epochs / seed', `${c.batchSize} / ${run.epochsDone} of ${c.epochs} / ${c.seed}`],
    [
      'final accuracy',
      `train ${pct(run.final?.trainAccuracy)} (batches), ${pct(run.final?.trainPassAccuracy)} (full pass), test ${pct(run.final?.testAccuracy)}`,
    ],
    ['best', run.best ? `${pct(run.best.valAccuracy ?? run.best.testAccuracy)} at epoch ${run.best.epoch + 1}` : '–'],
    ['time', seconds],
    ['kernels / engine', `${run.kernels ?? '–'} / ${run.engineVersion}`],
    ['dataset sha256', run.datasetHash ?? '–'],
  ];
  const lines = [`# ${markdownCell(run.name)}`, '', '| | |', '|:---|:---|', ...facts.map(([k, v]) => `| ${k} | ${markdownCell(v)} |`), ''];
  if (run.tags.length) lines.push(`Tags: ${run.tags.map((t) => `\`${t}\``).join(' ')}`, '');
  if (run.notes.trim()) lines.push('## Notes', '', run.notes.trim(), '');
  if (run.epochs.length) {
    lines.push(
      '## Epochs',
      '',
      '| epoch | train loss (batches) | train acc. (batches) | train acc. (full pass) | val. acc. | test loss | test acc. | lr | s |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const e of run.epochs) {
      lines.push(
        `| ${e.epoch + 1} | ${fixed(e.trainLoss, 4)} | ${pct(e.trainAccuracy)} | ${pct(e.trainPassAccuracy)} | ${pct(e.valAccuracy)} | ${fixed(e.testLoss, 4)} | ${pct(e.testAccuracy)} | ${e.lr.toPrecision(3)} | ${fixed(e.trainSeconds, 2)} |`,
      );
    }
    lines.push('');
  }
  lines.push('## Config', '', '```json', JSON.stringify(c, null, 2), '```', '');
  return lines.join('\n');
}
