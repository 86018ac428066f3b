// Text labels of a chart rendered to SVG (ECharts SSR), as boxes, and which of them overlap: for "no label is drawn
// over another" tests. Widths are estimated (0.6 em a character), a little under what a browser draws.
import { echarts, type ChartOption } from '../lib/echarts';

export interface LabelBox {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The chart's SVG at `width` × `height` in the light theme. */
export function renderSvg(option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, 'wb-light', { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Every unrotated <text> as a box. */
export function labelBoxes(svg: string): LabelBox[] {
  const out: LabelBox[] = [];
  for (const m of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    const tag = m[1]!;
    const text = m[2]!.trim();
    const transform = attr(tag, 'transform') ?? '';
    if (!text || /rotate|matrix/.test(transform)) continue;
    const [tx = 0, ty = 0] = (/translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)/.exec(transform)?.slice(1) ?? []).map(Number);
    const size = Number(/font-size:([\d.]+)px/.exec(tag)?.[1] ?? 12);
    const x = tx + Number(attr(tag, 'x') ?? 0);
    const y = ty + Number(attr(tag, 'y') ?? 0);
    const w = text.length * size * 0.6;
    const anchor = attr(tag, 'text-anchor') ?? 'start';
    const x0 = anchor === 'end' ? x - w : anchor === 'middle' ? x - w / 2 : x;
    const baseline = attr(tag, 'dominant-baseline');
    const y0 = baseline === 'central' ? y - size / 2 : baseline === 'hanging' ? y : y - size;
    out.push({ text, x0, x1: x0 + w, y0, y1: y0 + size });
  }
  return out;
}

/** Pairs of labels whose boxes intersect. */
export function overlaps(boxes: readonly LabelBox[]): [string, string][] {
  const hits: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) hits.push([a.text, b.text]);
    }
  }
  return hits;
}
