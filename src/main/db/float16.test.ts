// Tests for the float16 codec: exact on every half value, correctly rounded on float32s, and the edge cases.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/random';
import { decodeFloat16, encodeFloat16, fromFloat16Bits, toFloat16Bits } from './float16';

describe('float16', () => {
  it('decodes literal bit patterns', () => {
    expect(fromFloat16Bits(0x3c00)).toBe(1);
    expect(fromFloat16Bits(0xc000)).toBe(-2);
    expect(fromFloat16Bits(0x7bff)).toBe(65504);
    expect(fromFloat16Bits(0x0001)).toBe(2 ** -24);
    expect(fromFloat16Bits(0x0400)).toBe(2 ** -14);
    expect(fromFloat16Bits(0x3555)).toBeCloseTo(0.33325, 5);
    expect(fromFloat16Bits(0x7c00)).toBe(Infinity);
    expect(fromFloat16Bits(0xfc00)).toBe(-Infinity);
    expect(fromFloat16Bits(0x7e00)).toBeNaN();
    expect(Object.is(fromFloat16Bits(0x8000), -0)).toBe(true);
  });

  it('round-trips every one of the 65536 bit patterns (NaNs stay NaN)', () => {
    const wrong: string[] = [];
    let nans = 0;
    for (let h = 0; h < 65536; h++) {
      const v = fromFloat16Bits(h);
      const back = toFloat16Bits(v);
      if (Number.isNaN(v)) {
        nans++;
        if (!Number.isNaN(fromFloat16Bits(back))) wrong.push(`NaN 0x${h.toString(16)}`);
      } else if (back !== h) wrong.push(`0x${h.toString(16)} → 0x${back.toString(16)}`);
    }
    expect(wrong).toEqual([]);
    expect(nans).toBe(2 * 1023);
  });

  it('rounds to the nearest half, ties to even', () => {
    // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties go to the even mantissa (1).
    expect(toFloat16Bits(1 + 2 ** -11)).toBe(0x3c00);
    // 1 + 3·2^-11 is halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even).
    expect(toFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(toFloat16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01);
    // Subnormal ties: 1.5 · 2^-24 → 2 · 2^-24 (even), 0.5 · 2^-24 → 0.
    expect(toFloat16Bits(1.5 * 2 ** -24)).toBe(0x0002);
    expect(toFloat16Bits(0.5 * 2 ** -24)).toBe(0x0000);
    expect(toFloat16Bits(0.75 * 2 ** -24)).toBe(0x0001);
    // The largest subnormal rounding up becomes the smallest normal.
    expect(toFloat16Bits(2 ** -14 - 2 ** -26)).toBe(0x0400);
  });

  it('overflows to Infinity past 65519 and keeps the sign of zero', () => {
    expect(toFloat16Bits(65519)).toBe(0x7bff);
    expect(toFloat16Bits(65520)).toBe(0x7c00);
    expect(toFloat16Bits(-1e9)).toBe(0xfc00);
    expect(toFloat16Bits(-0)).toBe(0x8000);
    expect(toFloat16Bits(1e-30)).toBe(0);
    expect(toFloat16Bits(NaN) & 0x7c00).toBe(0x7c00);
  });

  it('keeps typical weights within half a unit in the last place (relative 2^-11)', () => {
    const rng = new Rng(11);
    const values = new Float32Array(10_000).map(() => rng.normal() * 0.1);
    const back = decodeFloat16(encodeFloat16(values));
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const tolerance = Math.max(Math.abs(v) * 2 ** -11, 2 ** -25);
      expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(tolerance);
    }
  });
});
