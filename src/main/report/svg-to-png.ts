// Rasterises an exported SVG figure to PNG with resvg (a native renderer shipped in the npm package).
import { Resvg } from '@resvg/resvg-js';

/**
 * PNG bytes of `svg` at `scale` times its size (2 gives crisp figures in reports and on HiDPI screens).
 * Text uses the system's fonts; sans-serif falls back to DejaVu Sans / Liberation Sans on Debian.
 */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    background: 'rgba(0,0,0,0)',
  });
  return resvg.render().asPng();
}
