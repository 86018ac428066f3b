// One ECharts instance bound to an element: init on mount, resize with the element, new option when the data
// changes, re-init when the theme flips, dispose on unmount. Also renders what is on screen as PNG or SVG.
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue';
import { chartPalette } from '../lib/chart-palette';
import { echarts, type Chart, type ChartOption } from '../lib/echarts';
import { useThemeStore } from '../stores/theme';

export interface ChartHandle {
  /** The instance, once mounted. */
  chart(): Chart | null;
  /** A data: URL of the chart as on screen (PNG at 2× or SVG re-rendered as vectors). */
  image(format: 'png' | 'svg'): string | null;
}

export interface ChartEvents {
  click?: (params: { dataIndex: number; seriesIndex?: number; data: unknown; value?: unknown }) => void;
  /** Each new instance, once its option is set (again after a theme flip): for handlers of other events and actions. */
  ready?: (chart: Chart) => void;
}

export function useChart(el: Ref<HTMLElement | null>, option: () => ChartOption | null, events: ChartEvents = {}): ChartHandle {
  const theme = useThemeStore();
  let chart: Chart | null = null;
  let observer: ResizeObserver | null = null;
  let frame = 0;

  const themeName = () => (theme.theme === 'dark' ? 'wb-dark' : 'wb-light');

  function apply(replace: boolean): void {
    const opt = option();
    if (!chart) return;
    if (!opt) {
      chart.clear();
      return;
    }
    // Keep zoom and legend choices across live updates: replace series only.
    chart.setOption(opt, replace ? { notMerge: true } : { replaceMerge: ['series'], lazyUpdate: true });
  }

  function init(): void {
    if (!el.value) return;
    chart = echarts.init(el.value, themeName(), { renderer: 'canvas' });
    if (events.click) chart.on('click', (p) => events.click!(p as Parameters<NonNullable<ChartEvents['click']>>[0]));
    apply(true);
    events.ready?.(chart);
  }

  onMounted(() => {
    init();
    observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => chart?.resize());
    });
    if (el.value) observer.observe(el.value);
  });

  watch(option, () => apply(false));
  watch(
    () => theme.theme,
    () => {
      chart?.dispose();
      init();
    },
  );

  onBeforeUnmount(() => {
    cancelAnimationFrame(frame);
    observer?.disconnect();
    chart?.dispose();
    chart = null;
  });

  function image(format: 'png' | 'svg'): string | null {
    if (!chart) return null;
    const background = chartPalette(theme.theme).background;
    if (format === 'png') return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background });
    // The screen chart is canvas: draw the same option again as SVG, at the same size.
    const svgChart = echarts.init(null, themeName(), { renderer: 'svg', ssr: true, width: chart.getWidth(), height: chart.getHeight() });
    try {
      const opt = chart.getOption() as ChartOption;
      svgChart.setOption({ ...opt, backgroundColor: background, animation: false });
      const svg = svgChart.renderToSVGString();
      return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    } finally {
      svgChart.dispose();
    }
  }

  return { chart: () => chart, image };
}
