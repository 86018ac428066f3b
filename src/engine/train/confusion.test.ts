import { describe, expect, it } from 'vitest';
import { addToConfusion, confusionAccuracy, emptyConfusion, perClassAccuracy } from './confusion';

describe('confusion matrix', () => {
  it('counts predictions by true row and predicted column', () => {
    const cm = emptyConfusion(3);
    // argmax per row: 0, 2, 2, 1; the third (true 1, predicted 2) is the one mistake
    const logits = new Float32Array([5, 1, 0, 0, 1, 3, 0, 2, 2.5, 0, 9, 1]);
    const correct = addToConfusion(cm, logits, new Uint8Array([0, 2, 1, 1]), 4);
    expect(correct).toBe(3);
    expect(Array.from(cm.counts)).toEqual([1, 0, 0, 0, 1, 1, 0, 0, 1]);
    expect(confusionAccuracy(cm)).toBeCloseTo(0.75);
    expect(perClassAccuracy(cm)).toEqual([1, 0.5, 1]);
  });

  it('breaks ties towards the lower class', () => {
    const cm = emptyConfusion(2);
    expect(addToConfusion(cm, new Float32Array([1, 1]), new Uint8Array([0]), 1)).toBe(1);
  });

  it('reports NaN for classes without samples', () => {
    expect(perClassAccuracy(emptyConfusion(2)).every(Number.isNaN)).toBe(true);
  });
});
