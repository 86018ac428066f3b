// "Refine" in the grid form: the shared second-stage rule (src/shared/grid-refine.ts) over a grid's scored cells.
import type { GridCell } from '../../../shared/api-types';
import type { GridValue } from '../../../shared/grid-expand';
import { refineGridSpec } from '../../../shared/grid-refine';
import type { GridSpec } from '../../../shared/grid-spec';

/** The refined spec's parameters around the best cell (by test accuracy), or null when no cell has a score yet. */
export function refineParameters(
  spec: GridSpec,
  cells: readonly GridCell[],
  gridId = 0,
): Record<string, { values: GridValue[] } | { value: GridValue }> | null {
  const scored = cells.map((c) => ({ params: c.params, score: c.run.best?.testAccuracy ?? null }));
  if (scored.every((c) => c.score === null)) return null;
  return refineGridSpec(spec, gridId, scored).parameters as Record<string, { values: GridValue[] } | { value: GridValue }>;
}
