// Experiment 5: the best MLP — curves, first-layer weights as digits, biases, second-layer weights and distributions.
import { confusionOption } from '../../report/confusion-figure';
import { distributionOption } from '../../report/distribution-figure';
import { figureBlock, para, tableBlock, type Block } from '../document';
import { chartFigure, curvesFigure } from '../figures';
import { REPORT } from '../../../shared/report-numbers';
import { col, pct, type SectionWriter } from './section-context';
import { deadUnits, firstLayerFigure, readWeight, type WeightValues, weightHeatmapFigure } from './weight-figures';

/** The MLP's params: flatten (0), linear (1), act (2), linear (3), act (4), linear (5). */
const L1 = 'layers.1';
const L2 = 'layers.3';

export const bestMlpSection: SectionWriter = async (ctx, result) => {
  const run = result.runs[0];
  if (!run || run.status !== 'completed')
    return [para(`No completed best-MLP run${run ? ` (run ${run.id} ${run.status}${run.error ? `: ${run.error.split('\n')[0]}` : ''})` : ''}.`)];
  const call = ctx.call;
  const r = REPORT.bestMlp;
  const [w1, b1, w2, b2] = await Promise.all([
    readWeight(call, run.id, `${L1}.weight`),
    readWeight(call, run.id, `${L1}.bias`),
    readWeight(call, run.id, `${L2}.weight`),
    readWeight(call, run.id, `${L2}.bias`),
  ]);
  const dead = await Promise.all([deadUnits(call, run.id, 'layers.2'), deadUnits(call, run.id, 'layers.4')]);
  const f = run.final!;
  const blocks: Block[] = [
    ...result.notes.map(para),
    tableBlock({
      id: 'best-mlp',
      title: 'Table C. Best MLP',
      caption: "After the last epoch. Train loss is the epoch's mean mini-batch loss with the L2 term; test loss is the data loss alone.",
      table: {
        columns: [
          col('who', '', 'text'),
          col('train_accuracy', 'train acc., batches (%)', 'percent'),
          col('train_pass_accuracy', 'train acc., full pass (%)', 'percent'),
          col('train_loss', 'train loss, batches', 'loss'),
          col('test_accuracy', 'test acc. (%)', 'percent'),
          col('test_loss', 'test loss', 'loss'),
        ],
        rows: [
          [`ours (run ${run.id})`, f.trainAccuracy, f.trainPassAccuracy, f.trainLoss, f.testAccuracy, f.testLoss],
          ['report', r.trainAccuracy, null, r.trainLoss, r.testAccuracy, r.testLoss],
        ],
      },
    }),
    figureBlock(
      await curvesFigure(
        call,
        run,
        'loss',
        'best-mlp-loss',
        'Best MLP: loss',
        "Training loss per step (with the L2 term, smoothed over a tenth of an epoch) and test loss per epoch (the report's figure 8a).",
      ),
    ),
    figureBlock(await curvesFigure(call, run, 'accuracy', 'best-mlp-accuracy', 'Best MLP: accuracy', 'Training and test accuracy per epoch (figure 8b).')),
    figureBlock(await curvesFigure(call, run, 'lr', 'best-mlp-lr', 'Best MLP: learning rate', 'The inverse-time schedule lr / (1 + 0.001·step) (figure 8c).')),
    figureBlock(
      await firstLayerFigure(
        call,
        run,
        `${L1}.weight`,
        'best-mlp-first-layer-weights',
        'Best MLP: first-layer weights',
        "Each first-layer unit's 784 weights as a 28×28 picture, gray = 0 (figure 9).",
      ),
    ),
    figureBlock(
      chartFigure(
        'best-mlp-biases',
        'Best MLP: hidden-layer biases',
        "Histograms of the first and second hidden layers' biases (figures 10 and 12).",
        distributionOption('Best MLP: hidden-layer biases', `run ${run.id}, after epoch ${run.epochsDone}`, [
          { title: `first layer bias [${b1.shape.join('×')}]`, note: statsNote(b1), values: b1.values, color: '#ee6666' },
          { title: `second layer bias [${b2.shape.join('×')}]`, note: statsNote(b2), values: b2.values, color: '#ee6666' },
        ]),
        { width: 1000, height: 440 },
      ),
    ),
    figureBlock(
      weightHeatmapFigure(
        'best-mlp-second-layer-weights',
        'Best MLP: second-layer weights',
        'The whole second-layer weight matrix, one row per unit (figure 11).',
        w2,
        { rows: w2.rows, cols: w2.cols },
      ),
    ),
    figureBlock(
      weightHeatmapFigure(
        'best-mlp-submatrix',
        'Best MLP: first-layer weight sub-matrix',
        "First-layer weights of units 1–64 over the 112 input pixels of image rows 13–16 (figure 13's heatmap): each band of 28 columns is one image row.",
        w1,
        { rows: 64, cols: 112, colStart: 12 * 28 },
      ),
    ),
    figureBlock(
      chartFigure(
        'best-mlp-weight-distributions',
        'Best MLP: weight distributions',
        'Weight histograms of the two hidden layers with the share of positive weights and the dead ReLU units (figures 13–14).',
        distributionOption(
          'Best MLP: weight distributions',
          `run ${run.id}; dead units: ReLU outputs that are 0 on all of 256 training images`,
          [
            { title: `first layer weight [${w1.shape.join('×')}]`, note: `${statsNote(w1)} · dead ${dead[0]}`, values: w1.values },
            { title: `second layer weight [${w2.shape.join('×')}]`, note: `${statsNote(w2)} · dead ${dead[1]}`, values: w2.values },
          ],
          60,
        ),
        { width: 1000, height: 440 },
      ),
    ),
    tableBlock({
      id: 'best-mlp-weights',
      title: 'Table D. Best MLP weights',
      caption: "Per hidden layer; the report gave the second layer's positive share (46.4 %) and found no dead units in either.",
      table: {
        columns: [
          col('param', 'parameter', 'text'),
          col('mean', 'mean', 'loss', 'ours'),
          col('std', 'std', 'loss', 'ours'),
          col('positive_share', 'positive (%)', 'percent', 'ours'),
          col('dead_units', 'dead units', 'text', 'ours'),
          col('report_positive_share', 'positive (%)', 'percent', 'report'),
          col('report_dead_units', 'dead units', 'text', 'report'),
        ],
        rows: [weightRow(w1, dead[0]!, null, String(r.deadUnits)), weightRow(w2, dead[1]!, r.secondLayerPositiveShare, String(r.deadUnits))],
      },
    }),
    figureBlock(
      chartFigure(
        'best-mlp-confusion',
        `Best MLP: confusion matrix`,
        'Test-set confusion matrix after the last epoch (not in the report).',
        confusionOption(await call('getConfusion', { runId: run.id }), 'Best MLP: confusion matrix'),
        { width: 640, height: 600 },
      ),
    ),
    para(
      `Ours: train ${pct(f.trainAccuracy)} (batches; ${pct(f.trainPassAccuracy)} in a full pass) / test ${pct(f.testAccuracy)}; the report: train ${pct(r.trainAccuracy)} / test ${pct(r.testAccuracy)}. ` +
        `Second-layer weights ${pct(w2.stats.positiveShare)} positive (report 46.4 %); dead ReLU units ${dead.join(' and ')}.`,
    ),
  ];
  return blocks;
};

function statsNote(w: WeightValues): string {
  return `mean ${w.stats.mean.toFixed(4)} · std ${w.stats.std.toFixed(4)} · positive ${(w.stats.positiveShare * 100).toFixed(1)} %`;
}

function weightRow(w: WeightValues, dead: string, reportShare: number | null, reportDead: string): (string | number | null)[] {
  return [`${w.param} [${w.shape.join('×')}]`, w.stats.mean, w.stats.std, w.stats.positiveShare, dead, reportShare, reportDead];
}
