import { describe, expect, it } from 'vitest';
import { toMnistInput } from './digit';

function blank(w: number, h: number): Float64Array {
  return new Float64Array(w * h);
}

function centreOfMass(img: number[]): [number, number] {
  let m = 0;
  let x = 0;
  let y = 0;
  img.forEach((v, i) => {
    m += v;
    x += v * ((i % 28) + 0.5);
    y += v * (Math.floor(i / 28) + 0.5);
  });
  return [x / m, y / m];
}

describe('toMnistInput', () => {
  it('gives zeros for an empty drawing', () => {
    const out = toMnistInput(blank(280, 280), 280, 280);
    expect(out).toHaveLength(784);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it('scales a stroke in a corner to fit 20 pixels and centres it', () => {
    const w = 280;
    const img = blank(w, w);
    // A vertical bar 10 wide, 100 tall, near the top-left corner.
    for (let y = 10; y < 110; y++) for (let x = 20; x < 30; x++) img[y * w + x] = 1;
    const out = toMnistInput(img, w, w);
    const rows = new Set<number>();
    out.forEach((v, i) => v > 0 && rows.add(Math.floor(i / 28)));
    expect(rows.size).toBe(20);
    const [cx, cy] = centreOfMass(out);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(1);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(1);
  });

  it('keeps values in [0, 1]', () => {
    const img = blank(56, 56);
    for (let i = 0; i < img.length; i += 3) img[i] = 1;
    expect(toMnistInput(img, 56, 56).every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});
