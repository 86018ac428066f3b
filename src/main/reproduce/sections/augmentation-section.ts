// Experiment 7: the best MLP with and without random translate/rotate/scale — the comparison the report never ran.
import type { RunDetail } from '../../../shared/api-types';
import { linePanelsOption } from '../../report/lines-figure';
import { figureBlock, para, tableBlock } from '../document';
import { chartFigure, EPOCH_AXIS, epochLines, TWO_PANELS } from '../figures';
import { col, pct, type SectionWriter } from './section-context';

export const augmentationSection: SectionWriter = async (ctx, result) => {
  const off = ctx.done.get('best-mlp')?.runs[0];
  const on = result.runs[0];
  const pair = [off, on].filter((r): r is RunDetail => r !== undefined);
  if (pair.length < 2 || pair.some((r) => r.status !== 'completed')) {
    return [...result.notes.map(para), para(`Not both runs completed: ${pair.map((r) => `run ${r.id} ${r.status}`).join(', ') || 'none ran'}.`)];
  }
  const label = (r: RunDetail) => (r === on ? 'augmentation on' : 'augmentation off');
  const a = on!.config.augment;
  const panels = [
    {
      title: 'training accuracy (augmented batches when on)',
      ...EPOCH_AXIS,
      yName: 'accuracy (%)',
      yMax: 100,
      series: epochLines(pair, (e) => e.trainAccuracy, true, label),
    },
    { title: 'test accuracy', ...EPOCH_AXIS, yName: 'accuracy (%)', yMax: 100, series: epochLines(pair, (e) => e.testAccuracy, true, label) },
  ];
  const gain = on!.final!.testAccuracy - off!.final!.testAccuracy;
  return [
    ...result.notes.map(para),
    tableBlock({
      id: 'augmentation',
      title: 'Table F. Augmentation on vs off',
      caption: 'Best setting, same seed; the report describes the transforms but printed no result for them.',
      table: {
        boldBest: true,
        columns: [
          col('variant', 'variant', 'text'),
          col('run', 'run', 'number'),
          col('translate', 'shift (px)', 'number'),
          col('rotate', 'rotate (°)', 'number'),
          col('scale', 'scale (±)', 'number'),
          col('train_accuracy', 'train acc., batches (%)', 'percent', 'ours'),
          col('train_pass_accuracy', 'train acc., full pass (%)', 'percent', 'ours'),
          col('test_accuracy', 'test acc. (%)', 'percent', 'ours'),
          col('test_loss', 'test loss', 'loss', 'ours'),
          col('report', 'result', 'text', 'report'),
        ],
        rows: pair.map((r) => [
          label(r),
          r.id,
          r.config.augment.translate ?? 0,
          r.config.augment.rotate ?? 0,
          r.config.augment.scale ?? 0,
          r.final!.trainAccuracy,
          r.final!.trainPassAccuracy,
          r.final!.testAccuracy,
          r.final!.testLoss,
          'not measured',
        ]),
      },
    }),
    figureBlock(
      chartFigure(
        'augmentation',
        'Augmentation on vs off',
        `Best MLP with and without random shifts (±${a.translate ?? 0} px), rotations (±${a.rotate ?? 0}°) and scaling (±${(a.scale ?? 0) * 100} %).`,
        linePanelsOption('Augmentation on vs off', panels, { width: TWO_PANELS.width }),
        TWO_PANELS,
      ),
    ),
    para(
      `Ours: test ${pct(off!.final!.testAccuracy)} without and ${pct(on!.final!.testAccuracy)} with augmentation (${gain >= 0 ? '+' : ''}${(gain * 100).toFixed(2)} points) ` +
        `after ${on!.epochsDone} epochs; train accuracy ${pct(off!.final!.trainAccuracy)} without and ${pct(on!.final!.trainAccuracy)} with (the batches' mean, on the augmented images); on the plain training images, a full pass gives ${pct(off!.final!.trainPassAccuracy)} and ${pct(on!.final!.trainPassAccuracy)}.`,
    ),
  ];
};
