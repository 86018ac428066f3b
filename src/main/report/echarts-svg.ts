// Server-side rendering of an ECharts option to an SVG string (no DOM, no canvas): the export figures.
import * as echarts from 'echarts';

export interface SvgOptions {
  readonly width: number;
  readonly height: number;
  readonly theme: 'light' | 'dark';
}

/** Renders `option` once, without animation, and frees the chart. */
export function renderSvg(option: echarts.EChartsOption, { width, height, theme }: SvgOptions): string {
  const chart = echarts.init(null, theme === 'dark' ? 'dark' : undefined, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export type { EChartsOption } from 'echarts';
