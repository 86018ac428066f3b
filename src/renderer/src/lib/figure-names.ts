// What a saved chart of the app is called and captioned: one pattern with the service's figures (figureStem).
import { figureStem, gridFigureStem } from '../../../shared/figure-names';

export interface FigureNaming {
  /** The file's name without extension. */
  readonly fileName: string;
  /** The line above the saved chart. */
  readonly caption: string;
}

/** A chart of one run: "MLP 32 — Loss · epoch 3" in run-12-mlp-32-loss-epoch-3.png. */
export function runFigure(run: { readonly id: number; readonly name: string }, what: string, epoch?: number): FigureNaming {
  return { fileName: figureStem([run], what, epoch), caption: `${run.name} — ${what}${epoch === undefined ? '' : ` · epoch ${epoch + 1}`}` };
}

/** A chart of a grid search: "Stage 1 — accuracy by parameter pair" in grid-5-stage-1-….png. */
export function gridFigure(grid: { readonly id: number; readonly name: string }, what: string): FigureNaming {
  return { fileName: gridFigureStem(grid, what), caption: `${grid.name} — ${what}` };
}
