// Experiment 4, "Why our numbers differ": each factor of the report's setup switched alone to the modern choice,
// on three stage-1 cells, beside both ends; the measured effect of each factor, in words, from the runs.
import type { RunDetail } from '../../../shared/api-types';
import { atChance, reportStage1Row } from '../../../shared/report-numbers';
import { switchedFactor } from '../ablation-experiment';
import { settingText } from '../best-setting';
import type { MlpSetting } from '../configs';
import { list, para, tableBlock } from '../document';
import { STAGE_IDS } from '../grid-experiments';
import { FACTOR_NAMES, factorText, MODERN_SETUP, REPORT_SETUP, SETUP_FACTORS, SETUP_LABELS, type SetupFactor } from '../setups';
import { CHANCE_NOTE, CHANCE_SIGN, runOf, testOf } from './grid-tables';
import { col, epochsText, failures, pct, type SectionWriter } from './section-context';

const chance = { when: (v: number) => atChance(v), sign: CHANCE_SIGN };
const pp = (d: number) => `${d >= 0 ? '+' : '−'}${Math.abs(d * 100).toFixed(2)} pp`;

/** What switching one factor did to one cell: from the report's setup to `to`. */
interface Effect {
  readonly cell: MlpSetting;
  readonly from: number;
  readonly to: number;
}

function effectText(e: Effect): string {
  const turn = atChance(e.from) && !atChance(e.to) ? ', unstuck' : !atChance(e.from) && atChance(e.to) ? ', now stuck at chance' : '';
  return `${settingText(e.cell)} ${pct(e.from)} → ${pct(e.to)} (${pp(e.to - e.from)}${turn})`;
}

export const ablationSection: SectionWriter = async (ctx, result) => {
  const cells = ctx.scale.ablation.cells;
  const reportSetup = ctx.done.get(STAGE_IDS.report.stage1)?.runs ?? [];
  const modern = ctx.done.get(STAGE_IDS.modern.stage1)?.runs ?? [];
  const flipped = (cell: MlpSetting, factor: SetupFactor): RunDetail | undefined =>
    runOf(
      result.runs.filter((r) => switchedFactor(r.config) === factor),
      cell,
    );
  const rows = cells.map((cell) => [
    settingText(cell),
    reportStage1Row(cell.lr, cell.hidden, cell.l2)?.testAccuracy ?? null,
    testOf(runOf(reportSetup, cell)),
    ...SETUP_FACTORS.map((f) => testOf(flipped(cell, f))),
    testOf(runOf(modern, cell)),
  ]);
  const effects = (factor: SetupFactor): Effect[] =>
    cells.flatMap((cell) => {
      const from = testOf(runOf(reportSetup, cell));
      const to = testOf(flipped(cell, factor));
      return from === null || to === null ? [] : [{ cell, from, to }];
    });
  const factorLines = SETUP_FACTORS.map((f) => {
    const es = effects(f);
    const change = `**${FACTOR_NAMES[f]}**, ${factorText(f, REPORT_SETUP)} → ${factorText(f, MODERN_SETUP)}`;
    if (es.length === 0) return `${change}: not measured (its runs did not complete).`;
    const largest = es.reduce((a, b) => (Math.abs(b.to - b.from) > Math.abs(a.to - a.from) ? b : a));
    return `${change}: ${es.map(effectText).join('; ')}. Largest effect: ${pp(largest.to - largest.from)}.`;
  });
  const verdicts = cells.flatMap((cell) => {
    const es = SETUP_FACTORS.flatMap((f) =>
      effects(f)
        .filter((e) => e.cell === cell)
        .map((e) => ({ f, d: e.to - e.from })),
    );
    if (es.length === 0) return [];
    const top = es.reduce((a, b) => (Math.abs(b.d) > Math.abs(a.d) ? b : a));
    return [`${settingText(cell)}: ${FACTOR_NAMES[top.f]} (${pp(top.d)})`];
  });
  return [
    para(
      `The report never says how it initialised its weights, how it scaled its inputs, or whether its "decay 0.001" moves per step or per epoch. ` +
        `Read as **${SETUP_LABELS.report}** — ${SETUP_FACTORS.map((f) => factorText(f, REPORT_SETUP)).join(', ')} — our grid follows the report's table 2 (section 2); ` +
        `under today's choices (**${SETUP_LABELS.modern}**: ${SETUP_FACTORS.map((f) => factorText(f, MODERN_SETUP)).join(', ')}) it does not. ` +
        `Here each factor is switched alone, on one cell per regime of table 2, the rest of the report's setup kept.`,
    ),
    ...result.notes.map(para),
    tableBlock({
      id: 'why-differ',
      title: 'Table 5. One factor at a time',
      caption: `Final test accuracy after ${epochsText(ctx.scale.stage1.epochs)}. The two ends are the stage-1 grids' runs; each middle column switches one factor of ${SETUP_LABELS.report} to the modern choice. ${CHANCE_NOTE}.`,
      table: {
        columns: [
          col('cell', 'cell', 'text'),
          { ...col('report_test_accuracy', 'report (%)', 'percent'), mark: chance },
          { ...col('report_setup_test_accuracy', `${SETUP_LABELS.report} (%)`, 'percent'), mark: chance },
          ...SETUP_FACTORS.map((f) => ({
            ...col(`${f}_switched_test_accuracy`, `${FACTOR_NAMES[f]} ${factorText(f, MODERN_SETUP)} (%)`, 'percent', 'one factor switched'),
            mark: chance,
          })),
          { ...col('modern_test_accuracy', `${SETUP_LABELS.modern} (%)`, 'percent'), mark: chance },
        ],
        rows,
      },
    }),
    para("The measured effect of each factor, from the report's setup:"),
    list(factorLines),
    ...(verdicts.length ? [para(`The factor that moves each cell most: ${verdicts.join('; ')}.`)] : []),
    para(`The rest of this report (activations, optimizers, the best MLP, the CNN, augmentation) keeps the ${SETUP_LABELS.modern} setup.`),
    ...(failures(result.runs).length ? [para(failures(result.runs).join(' '))] : []),
  ];
};
