// Where an option's texts land once ECharts lays it out (rendered to SVG, no DOM): for tests that labels do not
// overlap each other or the plot. Widths are estimated (0.6 em per character: generous for digits).
import { echarts, type ChartOption } from '../lib/echarts';

export interface Box {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

const num = (s: string | undefined) => (s === undefined ? 0 : Number(s));

/** Every text the chart draws, as a box; rotated texts (axis names) are left out. */
export function renderedTexts(option: ChartOption, width: number, height: number): Box[] {
  const chart = echarts.init(null, 'wb-light', { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption({ ...option, animation: false });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const boxes: Box[] = [];
  for (const [, attrs = '', text = ''] of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    const at = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
    const translate = /transform="translate\(([-\d.]+) ([-\d.]+)\)"/.exec(attrs);
    if (!translate && at('transform')) continue;
    const size = Number(/font-size:([\d.]+)px/.exec(attrs)?.[1] ?? 12);
    const x = num(translate?.[1]) + num(at('x'));
    const y = num(translate?.[2]) + num(at('y'));
    const w = text.length * size * 0.6;
    const anchor = at('text-anchor') ?? 'start';
    const x0 = anchor === 'end' ? x - w : anchor === 'middle' ? x - w / 2 : x;
    boxes.push({ text, x0, x1: x0 + w, y0: y - size / 2, y1: y + size / 2 });
  }
  return boxes;
}

export function overlaps(a: Omit<Box, 'text'>, b: Omit<Box, 'text'>): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}
