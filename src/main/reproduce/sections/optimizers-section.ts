// Experiment 4: SGD, Momentum, RMSProp and Adam at the best setting — training and validation loss.
import { METRIC_KEYS } from '../../../shared/api-inspect-types';
import { linePanelsOption } from '../../report/lines-figure';
import { figureBlock, para, tableBlock, type Block } from '../document';
import { chartFigure, EPOCH_AXIS, epochLines, ONE_PANEL, smoothedStepLines, STEP_AXIS } from '../figures';
import { REPORT } from '../../../shared/report-numbers';
import { col, completed, failures, pct, type SectionWriter } from './section-context';

export const optimizersSection: SectionWriter = async (ctx, result) => {
  const runs = result.runs;
  const width = ONE_PANEL.width;
  const trainLines = await smoothedStepLines(ctx.call, runs, METRIC_KEYS.loss, 500);
  const valLines = epochLines(runs, (e) => e.valLoss);
  const ranked = [...completed(runs)].sort((a, b) => (a.final!.valLoss ?? Infinity) - (b.final!.valLoss ?? Infinity));
  const winner = ranked[0];
  const blocks: Block[] = [
    ...result.notes.map(para),
    tableBlock({
      id: 'optimizers',
      title: 'Table B. Optimizers',
      caption: 'Final epoch, ours; the report column is its verdict from figures 6–7 (it printed no numbers).',
      table: {
        boldBest: true,
        columns: [
          col('optimizer', 'optimizer', 'text'),
          col('train_loss', 'train loss', 'loss', 'ours'),
          col('val_loss', 'val. loss', 'loss', 'ours'),
          col('val_accuracy', 'val. acc. (%)', 'percent', 'ours'),
          col('test_accuracy', 'test acc. (%)', 'percent', 'ours'),
          col('report_verdict', 'verdict', 'text', 'report'),
        ],
        rows: runs.map((r) => [
          r.name,
          r.final?.trainLoss ?? null,
          r.final?.valLoss ?? null,
          r.final?.valAccuracy ?? null,
          r.final?.testAccuracy ?? null,
          r.config.optimizer.type === REPORT.optimizers.best ? 'best' : '–',
        ]),
      },
    }),
    figureBlock(
      chartFigure(
        'optimizers-train-loss',
        'Training loss by optimizer',
        "Training loss per step (mini-batch loss with the L2 term), smoothed over a tenth of an epoch, log scale — the report's figure 6.",
        linePanelsOption('Training loss by optimizer', [{ title: '', ...STEP_AXIS, yName: 'training loss', series: trainLines, logY: true }], { width }),
        ONE_PANEL,
      ),
    ),
    figureBlock(
      chartFigure(
        'optimizers-val-loss',
        'Validation loss by optimizer',
        `Validation loss after each epoch on the ${ctx.scale.optimizers.validationSplit * 100} % held out — the report's figure 7.`,
        linePanelsOption('Validation loss by optimizer', [{ title: '', ...EPOCH_AXIS, yName: 'validation loss', series: valLines }], { width }),
        ONE_PANEL,
      ),
    ),
  ];
  if (winner) {
    blocks.push(
      para(
        `Ours: lowest final validation loss with ${winner.name} (${winner.final!.valLoss?.toFixed(4)}, validation accuracy ${pct(winner.final!.valAccuracy)}); ` +
          `order ${ranked.map((r) => r.name).join(' < ')}. The report: ${REPORT.optimizers.finding}.`,
      ),
    );
  }
  const failed = failures(runs);
  if (failed.length) blocks.push(para(failed.join(' ')));
  return blocks;
};
