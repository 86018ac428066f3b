// Weights drawn as a grid of grayscale tiles (the report's first-layer digits and conv kernels), as SVG.
import type { SvgOptions } from './echarts-svg';
import { grayscalePng } from './png';
import { escapeXml } from './xml';

export interface ImageTiles {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** [count, height, width], 0 black … 255 white (128 is a zero weight). */
  readonly pixels: Uint8Array;
}

/** Columns that make the tiles largest in the given area. */
function bestColumns(count: number, tileAspect: number, width: number, height: number): { cols: number; size: number } {
  let best = { cols: 1, size: 0 };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const size = Math.min(width / cols, height / (rows * tileAspect));
    if (size > best.size) best = { cols, size };
  }
  return best;
}

/** The tiles laid out under a title, each a PNG drawn with crisp pixels. */
export function imageGridSvg(tiles: ImageTiles, title: string, subtitle: string, { width, height, theme }: SvgOptions): string {
  const top = 56;
  const pad = 12;
  const gap = 2;
  const aspect = tiles.height / tiles.width;
  const { cols, size } = bestColumns(tiles.count, aspect, width - 2 * pad, height - top - pad);
  const w = Math.max(1, size - gap);
  const h = w * aspect;
  const used = cols * size;
  const left = (width - used) / 2;
  const [bg, fg, muted] = theme === 'dark' ? ['#100c2a', '#eeeeee', '#aaaaaa'] : ['#ffffff', '#333333', '#666666'];
  const area = tiles.height * tiles.width;
  const images: string[] = [];
  for (let i = 0; i < tiles.count; i++) {
    const png = Buffer.from(grayscalePng(tiles.pixels.subarray(i * area, (i + 1) * area), tiles.width, tiles.height)).toString('base64');
    const x = left + (i % cols) * size;
    const y = top + Math.floor(i / cols) * (h + gap);
    images.push(
      `<image x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${w.toFixed(2)}" height="${h.toFixed(2)}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${png}"/>`,
    );
  }
  return [
    `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="${bg}"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-family="sans-serif" font-size="15" font-weight="bold" fill="${fg}">${escapeXml(title)}</text>`,
    `<text x="${width / 2}" y="44" text-anchor="middle" font-family="sans-serif" font-size="12" fill="${muted}">${escapeXml(subtitle)}</text>`,
    ...images,
    '</svg>',
  ].join('\n');
}
