// A large matrix (a weight matrix) as one colour-mapped picture with ticks and a colour bar, as SVG:
// a few kilobytes where an ECharts heatmap would draw one path per cell (a megabyte for 64 × 128).
import type { SvgOptions } from './echarts-svg';
import { rgbPng } from './png';
import { escapeXml } from './xml';

export interface MatrixImage {
  readonly rows: number;
  readonly cols: number;
  /** [rows, cols] row-major; NaN draws as gray. */
  readonly values: ArrayLike<number>;
  /** Label of the first row and column (e.g. 337 for pixel 337): ticks count from these. */
  readonly rowStart?: number;
  readonly colStart?: number;
  readonly rowName: string;
  readonly colName: string;
}

export interface ColorScale {
  readonly min: number;
  readonly max: number;
  /** Hex colour stops spread evenly from min to max. */
  readonly colors: readonly string[];
  readonly name: string;
}

const hex = (c: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];

/** The colour of `v` on `scale` (clamped to its ends), as RGB bytes. */
export function colorAt(v: number, scale: ColorScale): [number, number, number] {
  if (!Number.isFinite(v)) return [160, 160, 160];
  const t = Math.min(1, Math.max(0, (v - scale.min) / (scale.max - scale.min || 1))) * (scale.colors.length - 1);
  const i = Math.min(Math.floor(t), scale.colors.length - 2);
  const [a, b] = [hex(scale.colors[i]!), hex(scale.colors[i + 1]!)];
  const f = t - i;
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * f)) as [number, number, number];
}

/** A tick step of 1, 2 or 5 × 10^k that gives at most `max` ticks over `n`. */
export function tickStep(n: number, max: number): number {
  for (let p = 1; ; p *= 10) for (const m of [1, 2, 5]) if (n / (m * p) <= max) return m * p;
}

/** Indices whose label (start + i) is a multiple of `step`, and the first one unless a tick follows too closely. */
export function tickIndices(n: number, start: number, step: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if ((start + i) % step === 0) out.push(i);
  if (out[0] !== 0 && (out[0] === undefined || out[0] >= step / 2)) out.unshift(0);
  return out;
}

const fmt = (v: number) => String(Number(v.toPrecision(2)));

/** The matrix under a title, cells square where they fit, ticks on both axes, the colour bar on the right. */
export function matrixImageSvg(m: MatrixImage, scale: ColorScale, title: string, subtitle: string, { width, height, theme }: SvgOptions): string {
  const [bg, fg, muted] = theme === 'dark' ? ['#100c2a', '#eeeeee', '#aaaaaa'] : ['#ffffff', '#333333', '#666666'];
  const area = { left: 70, top: 64, right: 110, bottom: 56 };
  const cell = Math.min((width - area.left - area.right) / m.cols, (height - area.top - area.bottom) / m.rows);
  const w = cell * m.cols;
  const h = cell * m.rows;
  const x0 = area.left + (width - area.left - area.right - w) / 2;
  const y0 = area.top;
  const pixels = new Uint8Array(m.rows * m.cols * 3);
  for (let i = 0; i < m.rows * m.cols; i++) pixels.set(colorAt(m.values[i]!, scale), i * 3);
  const image = Buffer.from(rgbPng(pixels, m.cols, m.rows)).toString('base64');
  const text = (x: number, y: number, s: string, attrs = '', size = 11) =>
    `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="sans-serif" font-size="${size}" fill="${muted}" ${attrs}>${escapeXml(s)}</text>`;
  const out = [
    `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="${bg}"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-family="sans-serif" font-size="15" font-weight="bold" fill="${fg}">${escapeXml(title)}</text>`,
    `<text x="${width / 2}" y="44" text-anchor="middle" font-family="sans-serif" font-size="12" fill="${muted}">${escapeXml(subtitle)}</text>`,
    `<image x="${x0.toFixed(1)}" y="${y0}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${image}"/>`,
    `<rect x="${x0.toFixed(1)}" y="${y0}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="none" stroke="${muted}" stroke-width="0.5"/>`,
  ];
  // Ticks at the first row/column and every `step` labels after it (1-based, as people count units).
  const rs = m.rowStart ?? 1;
  const cs = m.colStart ?? 1;
  for (const r of tickIndices(m.rows, rs, tickStep(m.rows, 12))) out.push(text(x0 - 6, y0 + (r + 0.5) * cell + 4, String(rs + r), 'text-anchor="end"'));
  for (const c of tickIndices(m.cols, cs, tickStep(m.cols, 16))) out.push(text(x0 + (c + 0.5) * cell, y0 + h + 16, String(cs + c), 'text-anchor="middle"'));
  out.push(text(x0 + w / 2, y0 + h + 38, m.colName, 'text-anchor="middle"', 12));
  out.push(text(x0 - 44, y0 + h / 2, m.rowName, `text-anchor="middle" transform="rotate(-90 ${(x0 - 44).toFixed(1)} ${(y0 + h / 2).toFixed(1)})"`, 12));
  // The colour bar: one stop per colour, top = max.
  const barX = width - area.right + 40;
  const barH = Math.min(220, h);
  const barY = y0 + (h - barH) / 2;
  const stops = scale.colors.map((c, i) => `<stop offset="${(1 - i / (scale.colors.length - 1)).toFixed(3)}" stop-color="${c}"/>`).reverse();
  out.push(
    `<defs><linearGradient id="matrix-scale" x1="0" y1="0" x2="0" y2="1">${stops.join('')}</linearGradient></defs>`,
    `<rect x="${barX}" y="${barY.toFixed(1)}" width="14" height="${barH.toFixed(1)}" fill="url(#matrix-scale)" stroke="${muted}" stroke-width="0.5"/>`,
    text(barX + 7, barY - 22, scale.name, 'text-anchor="middle"', 12),
    text(barX + 7, barY - 6, fmt(scale.max), 'text-anchor="middle"'),
    text(barX + 7, barY + barH + 16, fmt(scale.min), 'text-anchor="middle"'),
    '</svg>',
  );
  return out.join('\n');
}
