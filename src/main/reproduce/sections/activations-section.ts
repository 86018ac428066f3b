// Experiment 1: every pair of {ReLU, Sigmoid, Tanh} in the two hidden layers; loss and accuracy per pair.
import { linePanelsOption } from '../../report/lines-figure';
import { activationsOf, hiddenText } from '../configs';
import { figureBlock, para, tableBlock, type Block } from '../document';
import { chartFigure, EPOCH_AXIS, epochLines, TWO_PANELS } from '../figures';
import { REPORT } from '../../../shared/report-numbers';
import { col, completed, failures, pct, type SectionWriter } from './section-context';

const key = (acts: readonly string[]) => acts.join('+');

export const activationsSection: SectionWriter = async (ctx, result) => {
  const s = REPORT.setup;
  const runs = result.runs;
  const reportBest = new Set(REPORT.activations.bestPairs.map(key));
  const verdict = (acts: string[]) => (key(acts) === key(REPORT.activations.chosen) ? 'best four; chosen' : reportBest.has(key(acts)) ? 'best four' : '–');
  const blocks: Block[] = [
    para(
      `Setup (the report's table 1): hidden ${hiddenText(s.hidden)}, L2 ${s.l2}, ${ctx.scale.activations.epochs} epochs, batch ${s.batchSize}, ` +
        `lr ${s.lr}, SGD-momentum ${s.momentum}, inverse-time decay ${s.decay}; one run per pair of hidden activations ` +
        `(${runs.length} runs, grid ${result.grid?.id ?? '–'}). The report gives only figures: its four best pairs were ` +
        `ReLU/Tanh combinations, and it chose ReLU + ReLU.`,
    ),
    tableBlock({
      id: 'activations',
      title: 'Table A. Activation pairs',
      caption: 'Final epoch, ours; the report column is its verdict from figures 4–5 (it printed no numbers).',
      table: {
        boldBest: true,
        columns: [
          col('activations', 'hidden activations', 'text'),
          col('train_loss', 'train loss, batches', 'loss', 'ours'),
          col('train_accuracy', 'train acc., batches (%)', 'percent', 'ours'),
          col('train_pass_accuracy', 'train acc., full pass (%)', 'percent', 'ours'),
          col('test_loss', 'test loss', 'loss', 'ours'),
          col('test_accuracy', 'test acc. (%)', 'percent', 'ours'),
          col('report_verdict', 'verdict', 'text', 'report'),
        ],
        rows: runs.map((r) => [
          r.name,
          r.final?.trainLoss ?? null,
          r.final?.trainAccuracy ?? null,
          r.final?.trainPassAccuracy ?? null,
          r.final?.testLoss ?? null,
          r.final?.testAccuracy ?? null,
          verdict(activationsOf(r.config)),
        ]),
      },
    }),
  ];
  const lossPanels = [
    { title: 'training loss (epoch mean)', ...EPOCH_AXIS, yName: 'loss', series: epochLines(runs, (e) => e.trainLoss) },
    { title: 'test loss', ...EPOCH_AXIS, yName: 'loss', series: epochLines(runs, (e) => e.testLoss) },
  ];
  const accPanels = [
    { title: "training accuracy (epoch's batches)", ...EPOCH_AXIS, yName: 'accuracy (%)', yMax: 100, series: epochLines(runs, (e) => e.trainAccuracy, true) },
    { title: 'test accuracy', ...EPOCH_AXIS, yName: 'accuracy (%)', yMax: 100, series: epochLines(runs, (e) => e.testAccuracy, true) },
  ];
  blocks.push(
    figureBlock(
      chartFigure(
        'activations-loss',
        'Loss by activation pair',
        "Loss per epoch for each pair of hidden activations (the report's figure 4).",
        linePanelsOption('Loss by activation pair', lossPanels, { width: TWO_PANELS.width }),
        TWO_PANELS,
      ),
    ),
    figureBlock(
      chartFigure(
        'activations-accuracy',
        'Accuracy by activation pair',
        "Accuracy per epoch for each pair of hidden activations (the report's figure 5).",
        linePanelsOption('Accuracy by activation pair', accPanels, { width: TWO_PANELS.width }),
        TWO_PANELS,
      ),
    ),
  );
  const ranked = [...completed(runs)].sort((a, b) => b.final!.testAccuracy - a.final!.testAccuracy);
  if (ranked.length > 0) {
    const top = ranked.slice(0, Math.min(4, ranked.length));
    const agree = top.filter((r) => reportBest.has(key(activationsOf(r.config)))).length;
    const sigmoidBoth = ranked.find((r) => activationsOf(r.config).every((a) => a === 'sigmoid'));
    blocks.push(
      para(
        `Ours: the best ${top.length} by final test accuracy are ${top.map((r) => `${r.name} (${pct(r.final!.testAccuracy)})`).join(', ')} — ` +
          `${agree} of them among the report's best four.` +
          (sigmoidBoth ? ` Sigmoid + Sigmoid ranks ${ranked.indexOf(sigmoidBoth) + 1} of ${ranked.length} (${pct(sigmoidBoth.final!.testAccuracy)}).` : ''),
      ),
    );
  }
  const failed = failures(runs);
  if (failed.length) blocks.push(para(failed.join(' ')));
  return blocks;
};
