// Experiment 6: the report's CNN — per-epoch accuracies beside its own, curves, and the conv kernels.
import { figureBlock, para, tableBlock } from '../document';
import { curvesFigure } from '../figures';
import { REPORT } from '../../../shared/report-numbers';
import { col, pct, type SectionWriter } from './section-context';
import { firstLayerFigure } from './weight-figures';

export const cnnSection: SectionWriter = async (ctx, result) => {
  const run = result.runs[0];
  if (!run || run.status !== 'completed')
    return [para(`No completed CNN run${run ? ` (run ${run.id} ${run.status}${run.error ? `: ${run.error.split('\n')[0]}` : ''})` : ''}.`)];
  const epochs = Math.max(run.epochs.length, REPORT.cnn.perEpoch.length);
  const rows = Array.from({ length: epochs }, (_, i) => {
    const e = run.epochs[i];
    const r = REPORT.cnn.perEpoch[i];
    return [
      i + 1,
      e?.trainAccuracy ?? null,
      e?.trainPassAccuracy ?? null,
      e?.testAccuracy ?? null,
      e?.testLoss ?? null,
      r?.trainAccuracy ?? null,
      r?.testAccuracy ?? null,
    ];
  });
  const first = run.epochs[0];
  return [
    para(
      `Setup: conv 30@5×5 (stride 1, no padding) – ReLU – max-pool 2 – affine 100 – ReLU – affine 10, Adam at lr ${REPORT.cnn.lr}, ` +
        `${ctx.scale.cnn.epochs} epochs, batch ${ctx.scale.cnn.batchSize} (the report gives no batch size), constant rate, no L2; run ${run.id}.`,
    ),
    tableBlock({
      id: 'cnn',
      title: 'Table E. CNN per epoch',
      caption:
        'Train accuracy "batches" is the mean over the epoch\'s mini-batches, "full pass" scores the training set after it; the report\'s epoch 3 is from its abstract.',
      table: {
        columns: [
          col('epoch', 'epoch', 'number'),
          col('train_accuracy', 'train acc., batches (%)', 'percent', 'ours'),
          col('train_pass_accuracy', 'train acc., full pass (%)', 'percent', 'ours'),
          col('test_accuracy', 'test acc. (%)', 'percent', 'ours'),
          col('test_loss', 'test loss', 'loss', 'ours'),
          col('report_train_accuracy', 'train acc. (%)', 'percent', 'report'),
          col('report_test_accuracy', 'test acc. (%)', 'percent', 'report'),
        ],
        rows,
      },
    }),
    figureBlock(
      await curvesFigure(
        ctx.call,
        run,
        'loss',
        'cnn-loss',
        'CNN: loss',
        "Training loss per step (smoothed over a tenth of an epoch) and test loss per epoch (the report's figure 15).",
      ),
    ),
    figureBlock(await curvesFigure(ctx.call, run, 'accuracy', 'cnn-accuracy', 'CNN: accuracy', 'Training and test accuracy per epoch (figure 16).')),
    figureBlock(
      await firstLayerFigure(
        ctx.call,
        run,
        'layers.0.weight',
        'cnn-kernels',
        'CNN: conv1 kernels',
        'The 30 first-layer 5×5 kernels, each scaled to its own range (figure 17).',
      ),
    ),
    para(
      `Ours: test ${pct(run.final?.testAccuracy)} after ${run.epochsDone} epochs (report: ${pct(REPORT.cnn.perEpoch.at(-1)!.testAccuracy)}). ` +
        `Our first epoch ends at ${pct(first?.testAccuracy)} test accuracy, not the report's near-chance ${pct(REPORT.cnn.perEpoch[0]!.testAccuracy)}: ` +
        `with Adam at 0.001 and a standard initialisation the model learns from the first epoch, so we do not reproduce that stall.`,
    ),
  ];
};
