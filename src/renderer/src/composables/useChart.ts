// One ECharts instance bound to an element: init on mount, resize with the element, new option when the data
// changes, re-init when the theme flips, dispose on unmount. Also renders what is on screen as PNG or SVG.
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue';
import { chartPalette } from '../lib/chart-palette';
import { pngWithHeader, svgWithHeader } from '../lib/figure-header';
import { echarts, type Chart, type ChartOption } from '../lib/echarts';
import { useThemeStore } from '../stores/theme';

export interface ChartHandle {
  /** The instance, once mounted. */
  chart(): Chart | null;
  /** A data: URL of the chart as on screen (PNG at 2× or SVG re-rendered as vectors), under `caption` if given. */
  image(format: 'png' | 'svg', caption?: string): Promise<string | null>;
}

export interface ChartEvents {
  click?: (params: { dataIndex: number; seriesIndex?: number; data: unknown; value?: unknown }) => void;
  /** Each new instance, once its option is set (again after a theme flip): for handlers of other events and actions. */
  ready?: (chart: Chart) => void;
}

/** `renderer` 'svg' puts the chart's text in the page (selectable, findable); canvas is faster for many points. */
export function useChart(
  el: Ref<HTMLElement | null>,
  option: () => ChartOption | null,
  events: ChartEvents = {},
  renderer: 'canvas' | 'svg' = 'canvas',
): ChartHandle {
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

  /**
   * NOTE: zrender may still owe a frame of painting (a long series drawn over several frames); that frame would
   * read the disposed painter and throw. Repainting nothing at once first cancels it (it checks a redraw id).
   */
  function disposeChart(): void {
    if (!chart) return;
    chart.clear();
    chart.getZr().refreshImmediately();
    chart.dispose();
    chart = null;
  }

  function init(): void {
    if (!el.value) return;
    chart = echarts.init(el.value, themeName(), { renderer });
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
      disposeChart();
      init();
    },
  );

  onBeforeUnmount(() => {
    cancelAnimationFrame(frame);
    observer?.disconnect();
    disposeChart();
  });

  async function image(format: 'png' | 'svg', caption?: string): Promise<string | null> {
    if (!chart) return null;
    const palette = chartPalette(theme.theme);
    const colors = { background: palette.background, text: palette.text };
    const [width, height] = [chart.getWidth(), chart.getHeight()];
    if (format === 'png') {
      const png = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: palette.background });
      return caption ? pngWithHeader(png, caption, width, height, 2, colors) : png;
    }
    // The screen chart is canvas: draw the same option again as SVG, at the same size.
    const svgChart = echarts.init(null, themeName(), { renderer: 'svg', ssr: true, width, height });
    try {
      const opt = chart.getOption() as ChartOption;
      svgChart.setOption({ ...opt, backgroundColor: palette.background, animation: false });
      const svg = svgChart.renderToSVGString();
      return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(caption ? svgWithHeader(svg, caption, width, height, colors) : svg)}`;
    } finally {
      svgChart.dispose();
    }
  }

  return { chart: () => chart, image };
}
