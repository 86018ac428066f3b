// How far a reproduction's grid table is from the course report's, for the Reproduce page.
import type { ReproductionComparisonRow } from '../../../shared/api-reproduction-types';

/** The largest |ours − report| over the cells both have, in points; null when none. */
export function largestGap(rows: readonly ReproductionComparisonRow[], ours: 'reportSetup' | 'modern'): number | null {
  const gaps = rows.flatMap((r) => (r.report !== null && r[ours] !== null ? [Math.abs(r[ours]! - r.report) * 100] : []));
  return gaps.length ? Math.max(...gaps) : null;
}
