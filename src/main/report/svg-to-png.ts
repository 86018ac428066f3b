// Rasterises an exported SVG figure to PNG with resvg (a native renderer shipped in the npm package).
import { Resvg } from '@resvg/resvg-js';

/**
 * PNG bytes of `svg` at `scale` times its size (2 gives crisp figures in reports and on HiDPI screens).
 * Text uses the system's fonts (resvg falls back to any installed one when a family is missing).
 * NOTE: sans-serif is Liberation Sans, which has Arial's metrics: ECharts lays out text (legends, labels)
 * with Arial-like widths when it renders without a canvas, and the wider DejaVu Sans made legend entries overlap.
 */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
    background: 'rgba(0,0,0,0)',
    // NOTE: nearest-neighbour for embedded pictures (weights, kernels): a 5×5 kernel must show 25 squares, not a blur.
    imageRendering: 1,
  });
  return resvg.render().asPng();
}
