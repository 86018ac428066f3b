// A saved chart carries its caption (run name, what it shows, epoch) in a band above it, as SVG or as PNG.

/** Height of the caption band, in CSS pixels. */
export const HEADER_HEIGHT = 32;
const FONT = '600 14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface HeaderColors {
  readonly background: string;
  readonly text: string;
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** The chart's SVG (of width × height) under a caption band: one SVG document, the chart nested in it. */
export function svgWithHeader(chartSvg: string, caption: string, width: number, height: number, colors: HeaderColors): string {
  const total = height + HEADER_HEIGHT;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">` +
    `<rect width="${width}" height="${total}" fill="${colors.background}"/>` +
    `<text x="12" y="${HEADER_HEIGHT / 2 + 5}" style="font:${FONT}" fill="${colors.text}">${escapeXml(caption)}</text>` +
    `<g transform="translate(0 ${HEADER_HEIGHT})">${chartSvg}</g></svg>`
  );
}

/** The chart's PNG (a data: URL drawn at `ratio` × width × height) under a caption band, as a PNG data: URL. */
export async function pngWithHeader(chartPng: string, caption: string, width: number, height: number, ratio: number, colors: HeaderColors): Promise<string> {
  const image = new Image();
  image.src = chartPng;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * ratio;
  canvas.height = (height + HEADER_HEIGHT) * ratio;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(ratio, ratio);
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, width, height + HEADER_HEIGHT);
  ctx.fillStyle = colors.text;
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.fillText(caption, 12, HEADER_HEIGHT / 2, width - 24);
  ctx.drawImage(image, 0, HEADER_HEIGHT, width, height);
  return canvas.toDataURL('image/png');
}
