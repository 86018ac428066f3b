// One cursor across several charts: hovering one shows the same x, with its tooltip, on every other chart of the group.
import type { Chart } from '../lib/echarts';

interface AxisPointerEvent {
  readonly axesInfo?: readonly { readonly axisDim: string; readonly value: number }[];
}

export interface CursorGroup {
  /** Adds a chart (again after it was re-created); disposed charts leave by themselves. */
  add(chart: Chart): void;
}

export function useSharedCursor(): CursorGroup {
  const charts = new Set<Chart>();
  // Showing the tip on the others makes them report their own pointer: don't pass that on.
  let syncing = false;
  const others = (chart: Chart) => [...charts].filter((c) => c !== chart && !c.isDisposed());

  function follow(source: Chart, e: AxisPointerEvent): void {
    const x = e.axesInfo?.find((a) => a.axisDim === 'x')?.value;
    if (syncing || x === undefined) return;
    syncing = true;
    try {
      for (const chart of others(source)) {
        const px = chart.convertToPixel({ xAxisIndex: 0 }, x) as number;
        if (Number.isFinite(px)) chart.dispatchAction({ type: 'showTip', x: px, y: chart.getHeight() / 2 });
      }
    } finally {
      syncing = false;
    }
  }

  return {
    add(chart) {
      for (const c of [...charts]) if (c.isDisposed()) charts.delete(c);
      charts.add(chart);
      chart.on('updateAxisPointer', (e) => follow(chart, e as AxisPointerEvent));
      chart.on('globalout', () => {
        if (!syncing) for (const c of others(chart)) c.dispatchAction({ type: 'hideTip' });
      });
    },
  };
}
