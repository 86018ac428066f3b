// Brushing a parallel-coordinates axis filters the runs table: the chart's selected intervals become the runs-view
// store's brushed ranges (numbers) or values (categories); a brush removed elsewhere (a chip's ×) is cleared here.
import { onBeforeUnmount, watch } from 'vue';
import type { Chart } from '../lib/echarts';
import type { ParallelAxisSpec } from '../lib/parallel-options';
import type { BrushRange } from '../lib/run-filter';
import { useRunsViewStore } from '../stores/runs-view';

interface AreaSelected {
  readonly parallelAxisId?: string;
  readonly intervals?: readonly (readonly [number, number])[];
}

/** What `intervals` select on `axis`, or null for nothing (a category interval keeps the indexes it spans). */
export function brushOf(axis: ParallelAxisSpec, intervals: readonly (readonly [number, number])[]): BrushRange | null {
  if (intervals.length === 0) return null;
  if (axis.kind === 'category') {
    const values = axis.categories.filter((_, i) =>
      intervals.some(([a, b]) => i >= Math.ceil(Math.min(a, b) - 1e-9) && i <= Math.floor(Math.max(a, b) + 1e-9)),
    );
    return { column: axis.id, label: axis.name, values };
  }
  const lows = intervals.map(([a, b]) => Math.min(a, b));
  const highs = intervals.map(([a, b]) => Math.max(a, b));
  return { column: axis.id, label: axis.name, min: Math.min(...lows), max: Math.max(...highs) };
}

/** `axes()`: the chart's axes, the metric's last. Returns the handler for the chart's `ready` event. */
export function useParallelBrush(axes: () => readonly ParallelAxisSpec[]): { ready: (chart: Chart) => void } {
  const view = useRunsViewStore();
  let chart: Chart | null = null;
  /** Axes this chart holds a selection on. */
  const selected = new Set<string>();

  function onSelected(params: unknown): void {
    const { parallelAxisId: id, intervals = [] } = params as AreaSelected;
    const axis = axes().find((a) => a.id === id);
    if (!axis) return;
    const brush = brushOf(axis, intervals);
    if (brush) selected.add(axis.id);
    else selected.delete(axis.id);
    view.setBrush(axis.id, brush);
  }

  // A chip's ×, "Clear filters" or a saved view took a brush away: take the selection off the axis too.
  const stop = watch(
    () => view.filter.brush,
    (brush) => {
      for (const id of [...selected]) {
        if (brush.some((b) => b.column === id)) continue;
        selected.delete(id);
        chart?.dispatchAction({ type: 'axisAreaSelect', parallelAxisId: id, intervals: [] });
      }
    },
  );
  onBeforeUnmount(stop);

  return {
    ready(c) {
      chart = c;
      selected.clear();
      c.on('axisareaselected', onSelected);
    },
  };
}
